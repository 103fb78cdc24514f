/* cmd_dfe_build: wfsim dfe build, an area's scenario from the DfE data with
 * the scales that make it hold its census (sim/studies/dfe_build.c). */
#include "app/cmd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/defaults.h"
#include "wfsim/calibrate.h"
#include "wfsim/dfe.h"
#include "wfsim/dfe_build.h"

/* Replicates of the steady fit for the scenario's size (defaults.h). */
static int steady_replicates(const struct scenario *sc)
{
    double posts = 0;
    for (int g = 0; g < sc->n_grades; g++)
        posts += sc->grade[g].posts_fte;
    return (int)fmin(DEFAULT_DFE_BUILD_MAX_REPLICATES,
                     fmax(DEFAULT_DFE_BUILD_MIN_REPLICATES,
                          ceil(DEFAULT_DFE_BUILD_POST_REPLICATES / fmax(posts, 1))));
}

/* The scenario with the formulas' values, then with the scales that make it
 * hold its census when run with no change (calibrate_steady), into *b. */
static int build_steady(const struct dfe_data *d, const struct cli_options *o, struct dfe_build *b,
                        struct error *e)
{
    struct calibrate_fit *fit = malloc(sizeof *fit);
    if (fit == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    int rc = dfe_build_scenario(d, o->area, o->year, o->data_path, NULL, b, e);
    if (rc == 0)
        rc = calibrate_steady(&b->sc, DEFAULT_DFE_BUILD_STEADY_YEARS, steady_replicates(&b->sc),
                              cmd_threads(o), fit, e);
    if (rc == 0) {
        struct dfe_steady steady = {fit->param[P_LEAVE],  fit->param[P_FILL], fit->param[P_COVER],
                                    fit->param[P_DEMAND], fit->n_years,       fit->converged,
                                    fit->objective};
        rc = dfe_build_scenario(d, o->area, o->year, o->data_path, &steady, b, e);
    }
    free(fit);
    return rc;
}

/* Write the built scenario to a fresh file beside `path`, renamed into
 * place when complete (errors name `path`). */
static int write_file(const struct dfe_build *b, const char *path, struct error *e)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create a file in its directory", path);
    FILE *f = fdopen(fd, "w");
    if (f == NULL)
        close(fd);
    int rc = f == NULL ? error_set(e, ERROR_RUNTIME, "%s: cannot write the scenario", path)
                       : dfe_build_write(b, f, e);
    if (f != NULL && fclose(f) != 0 && rc == 0)
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot write the scenario", path);
    if (rc == 0 && rename(tmp, path) != 0)
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot rename into place", path);
    if (rc != 0)
        remove(tmp);
    return rc;
}

/* The steady scenario to -o or standard output; nothing is written unless
 * the whole build succeeds. */
static int build(const struct dfe_data *d, const struct cli_options *o, struct error *e)
{
    struct dfe_build *b = malloc(sizeof *b);
    int rc = b == NULL ? error_set(e, ERROR_RUNTIME, "out of memory") : build_steady(d, o, b, e);
    if (rc == 0 && o->out_dir != NULL)
        rc = write_file(b, o->out_dir, e);
    else if (rc == 0) {
        rc = dfe_build_write(b, stdout, e);
        if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
            rc = error_set(e, ERROR_RUNTIME, "cannot write the scenario");
    }
    free(b);
    return rc;
}

int cmd_dfe_build(const struct cli_options *o, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cmd_with_data(o, build);
}

/* cmd_dfe_build: wfsim dfe build, an area's scenario from the DfE data with
 * the scales that make it hold its census (sim/studies/dfe_scenario.c). */
#include "app/cmd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/defaults.h"
#include "wfsim/calibrate.h"
#include "wfsim/dfe.h"
#include "wfsim/dfe_scenario.h"
#include "wfsim/scenario_load.h"

/* Write the area's scenario to `path` and load it back into sc (a generated
 * scenario that does not load is a bug: the error says why). */
static int write_load(const struct dfe_data *d, const struct cli_options *o,
                      const struct dfe_steady *steady, const char *path, struct scenario *sc,
                      struct error *e)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create", path);
    int rc = dfe_scenario_write(d, o->area, o->year, o->data_path, steady, f, e);
    if (fclose(f) != 0 && rc == 0)
        rc = error_set(e, ERROR_RUNTIME, "%s: write failed", path);
    const char *files[1] = {path};
    return rc == 0 ? scenario_load_files(sc, 1, files, 0, NULL, e) : rc;
}

/* Copy a file to standard output. */
static int cat(const char *path, struct error *e)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot read", path);
    char buf[65536];
    size_t n;
    int failed = 0;
    while (!failed && (n = fread(buf, 1, sizeof buf, f)) > 0)
        failed = fwrite(buf, 1, n, stdout) != n;
    failed |= ferror(f) != 0;
    fclose(f);
    failed |= fflush(stdout) != 0 || ferror(stdout) != 0;
    return failed ? error_set(e, ERROR_RUNTIME, "cannot write the scenario") : 0;
}

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
 * hold its census when run with no change (calibrate_steady). */
static int build(const struct dfe_data *d, const struct cli_options *o, struct error *e)
{
    /* a fresh file beside the output (renamed into place), or in the
     * temporary directory for standard output */
    char tmp[4200];
    const char *dir = getenv("TMPDIR");
    if (o->out_dir != NULL)
        snprintf(tmp, sizeof tmp, "%s.XXXXXX", o->out_dir);
    else
        snprintf(tmp, sizeof tmp, "%s/wfsim-dfe-XXXXXX", dir != NULL && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create a temporary file", tmp);
    close(fd);
    struct scenario *sc = malloc(sizeof *sc);
    struct calibrate_fit *fit = malloc(sizeof *fit);
    int rc = sc == NULL || fit == NULL ? error_set(e, ERROR_RUNTIME, "out of memory")
                                       : write_load(d, o, NULL, tmp, sc, e);
    if (rc == 0)
        rc = calibrate_steady(sc, DEFAULT_DFE_BUILD_STEADY_YEARS, steady_replicates(sc),
                              cmd_threads(o), fit, e);
    if (rc == 0) {
        struct dfe_steady steady = {fit->param[P_LEAVE],  fit->param[P_FILL], fit->param[P_COVER],
                                    fit->param[P_DEMAND], fit->n_years,       fit->converged,
                                    fit->objective};
        rc = write_load(d, o, &steady, tmp, sc, e);
    }
    if (rc == 0 && o->out_dir != NULL && rename(tmp, o->out_dir) != 0)
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot rename into place", o->out_dir);
    if (rc == 0 && o->out_dir == NULL)
        rc = cat(tmp, e);
    if (rc != 0 || o->out_dir == NULL)
        remove(tmp);
    free(sc);
    free(fit);
    return rc;
}

int cmd_dfe_build(const struct cli_options *o, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cmd_with_data(o, build);
}

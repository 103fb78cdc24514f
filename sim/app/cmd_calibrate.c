/* cmd_calibrate: wfsim calibrate, a scenario's four scales fitted to an
 * area's observed years (sim/studies/calibrate.c). */
#include "app/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/calibrate.h"
#include "wfsim/dfe.h"
#include "wfsim/bundle.h"
#include "app/progress.h"

int cmd_calibrate(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    struct calibrate_fit *fit = malloc(sizeof *fit);
    struct dfe_data d = {0, NULL};
    char dir[4096], command[8192];
    int rc = fit == NULL ? error_set(&e, ERROR_RUNTIME, "out of memory") : 0;
    struct scenario *sc = rc == 0 ? cmd_load_scenario(o, &e) : NULL;
    if (sc == NULL)
        rc = -1;
    struct progress p;
    progress_init(&p, "fit trials", 1, progress_wanted(o->quiet));
    struct calibrate_progress cp = {p.show ? progress_update : NULL, &p};
    if (rc == 0)
        rc = dfe_load(o->data_path, &d, &e);
    if (rc == 0) {
        cmd_results_dir(o, dir, sizeof dir, "results/calibrate_%s", sc->name);
        rc = bundle_check(dir, &e);
    }
    if (rc == 0)
        rc = calibrate_fit_centred(sc, &d, o->area, o->year, o->replicates, cmd_threads(o),
                                   CALIBRATE_MEAN, fit, &cp, &e);
    if (rc == 0) {
        cmd_command_line(argc, argv, command, sizeof command);
        struct calibrate_results c = {sc, fit, o->area, o->data_path, o->replicates, command};
        rc = calibrate_write_results(dir, &c, &e);
        if (rc == 0 && !o->quiet)
            fprintf(stderr, "wfsim: wrote %s/ (objective %.4g, %s)\n", dir, fit->objective,
                    fit->converged ? "converged" : "not converged: best fit so far");
    }
    dfe_free(&d);
    free(sc);
    free(fit);
    return rc != 0 ? cmd_fail(&e) : 0;
}

/* cmd_backcast: wfsim backcast, one-year forecasts of councils scored on a
 * year the model did not see (sim/studies/backcast.c). */
#include "app/cmd.h"

#include <stdio.h>

#include "app/defaults.h"
#include "app/progress.h"
#include "wfsim/backcast.h"
#include "wfsim/dfe.h"
#include "wfsim/bundle.h"

int cmd_backcast(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    struct dfe_data d;
    if (dfe_load(o->data_path, &d, &e) != 0)
        return cmd_fail(&e);
    char dir[4096], command[8192];
    cmd_results_dir(o, dir, sizeof dir, "results/backcast_%d", o->year);
    cmd_command_line(argc, argv, command, sizeof command);
    struct progress p;
    progress_init(&p, "councils", 0, progress_wanted(o->quiet));
    struct backcast_request rq = {&d,
                                  o->data_path,
                                  o->year,
                                  o->area,
                                  DEFAULT_BACKCAST_PROJECTION_REPLICATES,
                                  o->replicates,
                                  cmd_threads(o),
                                  dir,
                                  command,
                                  p.show ? progress_update : NULL,
                                  &p};
    int rc = bundle_check(dir, &e);
    if (rc == 0)
        rc = backcast_run(&rq, &e);
    dfe_free(&d);
    if (rc != 0)
        return cmd_fail(&e);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote %s/\n", dir);
    return 0;
}

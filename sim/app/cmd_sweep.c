/* cmd_sweep: wfsim sweep, a scenario over values of its keys with common
 * random numbers (the study is sim/studies/sweep.c). */
#include "app/cmd.h"

#include <stdio.h>
#include <stdlib.h>

#include "wfsim/report.h"
#include "wfsim/sweep.h"
#include "app/defaults.h"
#include "app/progress.h"

/* The memory of one point and the work of all of them (a point's run
 * times the points), checked before anything runs. */
static int check(const struct cli_options *o, long n_points, int threads, struct error *e)
{
    struct scenario *sc = cmd_load_scenario(o, e);
    if (sc == NULL)
        return -1;
    int rc = cmd_check_memory(o, sc, threads, e);
    if (rc == 0 && n_points > 1) {
        long long all = (long long)sc->replicates * n_points;
        sc->replicates = all > 2000000000 ? 2000000000 : (int)all;
        rc = cmd_check_work(o, sc, threads, e);
    }
    free(sc);
    return rc;
}

int cmd_sweep(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    if (o->grid && o->one_at_a_time) {
        error_set(&e, ERROR_INPUT, "--grid: --one-at-a-time was given too (give one)");
        return cmd_fail(&e);
    }
    struct vary keys[VARY_MAX_KEYS];
    if (sweep_parse_keys(o->varies.n, o->varies.item, keys, &e) != 0)
        return cmd_fail(&e);
    long n_points = sweep_count_points(o->varies.n, keys, o->grid, &e);
    int threads = cmd_threads(o);
    if (n_points < 0 || check(o, n_points, threads, &e) != 0)
        return cmd_fail(&e);
    char command[8192];
    cmd_command_line(argc, argv, command, sizeof command);
    /* a sweep's report shows no DfE history: the data path is never read */
    struct report_request report_rq = {o->out_dir != NULL ? o->out_dir : "the sweep",
                                       DEFAULT_DFE_DATA};
    struct bundle_extra report = {report_extra, &report_rq};
    struct progress p;
    progress_init(&p, "replicates of all points", 0, progress_wanted(o->quiet));
    struct sweep_request rq = {o->n_files,
                               o->files,
                               o->n_sets,
                               o->sets,
                               o->varies.n,
                               keys,
                               o->grid,
                               o->metrics.n,
                               o->metrics.item,
                               o->out_dir,
                               threads,
                               command,
                               o->report ? &report : NULL,
                               p.show ? progress_update : NULL,
                               &p};
    if (p.show)
        fprintf(stderr, "wfsim: sweeping %ld points...\n", n_points);
    if (sweep_run(&rq, &e) != 0)
        return cmd_fail(&e);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote the sweep of %ld points%s\n", n_points,
                o->report ? ", with its report" : "");
    return 0;
}

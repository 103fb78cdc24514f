/* cmd_run: wfsim run, a scenario's replicates into its results directory. */
#include "app/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "wfsim/engine.h"
#include "wfsim/output.h"
#include "wfsim/bundle.h"
#include "wfsim/report.h"
#include "wfsim/target.h"
#include "app/defaults.h"
#include "app/progress.h"

/* What run adds to its results before the commit: targets.csv, and the
 * overlays' warnings in the manifest. */
struct run_more {
    struct target_run targets;
    int n_warnings;
    char (*warning)[SCENARIO_WARNING_LEN];
};

static int add_more(struct bundle *b, const struct scenario *sc, void *ctx, struct error *e)
{
    struct run_more *m = ctx;
    if (m->targets.list->n > 0 && target_add_file(b, sc, &m->targets, e) != 0)
        return -1;
    for (int i = 0; i < m->n_warnings; i++)
        if (bundle_note(b, BUNDLE_TAIL, e, "warning: %s", m->warning[i]) != 0)
            return -1;
    return 0;
}

static int run(int argc, char **argv, const struct cli_options *o, const struct scenario *sc,
               const struct target_list *targets)
{
    struct error e = {ERROR_NONE, ""};
    int threads = cmd_threads(o);
    char dir[4096], command[8192];
    cmd_results_dir(o, dir, sizeof dir, "results/%s", sc->name);
    if (cmd_check_memory(o, sc, threads, &e) != 0 || bundle_check(dir, &e) != 0)
        return cmd_fail(&e);
    cmd_warn(o, sc);
    struct progress p;
    progress_init(&p, "replicates", 0, progress_wanted(o->quiet));
    struct run_store store;
    if (engine_run(sc, threads, p.show ? progress_update : NULL, &p, &store, &e) != 0)
        return cmd_fail(&e);
    char warning[SCENARIO_MAX_WARNINGS][SCENARIO_WARNING_LEN];
    int n_warnings = output_lever_warnings(sc, &store, warning, SCENARIO_MAX_WARNINGS);
    for (int i = 0; i < n_warnings && !o->quiet; i++)
        cmd_print_warning(NULL, warning[i]);
    cmd_command_line(argc, argv, command, sizeof command);
    char data[4096];
    const char *shipped = cmd_shipped_data(data, sizeof data);
    struct report_request rq = {dir, shipped != NULL ? shipped : DEFAULT_DFE_DATA};
    struct bundle_extra report = {report_extra, &rq};
    char overlay[SCENARIO_MAX_WARNINGS][SCENARIO_WARNING_LEN];
    struct run_more more = {
        {targets, &store}, cmd_overlay_warnings(o, sc, overlay, SCENARIO_MAX_WARNINGS), overlay};
    struct bundle_extra with_more = {add_more, &more};
    int rc = output_write_run(dir, sc, &store, command, threads, &with_more,
                              o->report ? &report : NULL, &e);
    engine_store_destroy(&store);
    if (rc != 0)
        return cmd_fail(&e);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote %s/ (%d replicates, %d months%s)\n", dir, sc->replicates,
                sc->months, o->report ? ", with its report" : "");
    return 0;
}

int cmd_run(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    struct scenario *sc = cmd_load_scenario(o, &e);
    if (sc == NULL)
        return cmd_fail(&e);
    /* every target is checked against the scenario before the run */
    struct target_list *targets = cmd_targets(o, sc, &e);
    int rc = targets == NULL ? cmd_fail(&e) : run(argc, argv, o, sc, targets);
    free(targets);
    free(sc);
    return rc;
}

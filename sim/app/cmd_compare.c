/* cmd_compare: wfsim compare, options against a baseline with common random
 * numbers (the study is sim/studies/compare.c). */
#include "app/cmd.h"

#include <stdio.h>

#include "wfsim/compare.h"
#include "wfsim/report.h"
#include "app/defaults.h"
#include "app/progress.h"

int cmd_compare(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    char command[8192];
    cmd_command_line(argc, argv, command, sizeof command);
    /* the report names the results as they are written (compare picks the
     * default directory), and takes the DfE history from the shipped data */
    char data[4096];
    const char *shipped = cmd_shipped_data(data, sizeof data);
    struct report_request report_rq = {o->out_dir != NULL ? o->out_dir : "the comparison",
                                       shipped != NULL ? shipped : DEFAULT_DFE_DATA};
    struct bundle_extra report = {report_extra, &report_rq};
    struct progress p;
    progress_init(&p, "replicates of all runs", 0, progress_wanted(o->quiet));
    struct compare_request rq = {o->files[0],
                                 o->n_files - 1,
                                 o->files + 1,
                                 o->n_sets,
                                 o->sets,
                                 o->out_dir,
                                 cmd_threads(o),
                                 command,
                                 o->report ? &report : NULL,
                                 p.show ? progress_update : NULL,
                                 &p,
                                 o->targets.n,
                                 o->targets.item,
                                 o->quiet ? NULL : cmd_print_warning,
                                 NULL,
                                 o->quiet ? NULL : stdout};
    if (p.show)
        fprintf(stderr, "wfsim: comparing %d option%s with the baseline...\n", rq.n_options,
                rq.n_options > 1 ? "s" : "");
    if (compare_run(&rq, &e) != 0)
        return cmd_fail(&e);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote the comparison of %d option%s%s\n", rq.n_options,
                rq.n_options > 1 ? "s" : "", o->report ? ", with its report" : "");
    return 0;
}

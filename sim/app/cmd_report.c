/* cmd_report: wfsim report DIR, the report of an earlier results directory
 * (the report layer is sim/report/). */
#include "app/cmd.h"

#include <stdio.h>
#include <unistd.h>

#include "wfsim/report.h"
#include "app/defaults.h"

int cmd_report(const struct cli_options *o, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct error e = {ERROR_NONE, ""};
    if (o->n_files != 1) {
        error_set(&e, ERROR_INPUT, "%s: report takes one results directory", o->files[1]);
        return cmd_fail(&e);
    }
    struct report_request rq = {o->files[0],
                                o->data_path != NULL ? o->data_path : DEFAULT_DFE_DATA};
    if (report_dir(&rq, &e) != 0)
        return cmd_fail(&e);
    char xlsx[4200];
    snprintf(xlsx, sizeof xlsx, "%s/%s", o->files[0], REPORT_XLSX);
    if (!o->quiet && access(xlsx, F_OK) == 0)
        fprintf(stderr, "wfsim: wrote %s/%s, %s/ and %s\n", o->files[0], REPORT_HTML, "charts",
                REPORT_XLSX);
    else if (!o->quiet) /* a sweep's report: its tables are its CSVs */
        fprintf(stderr, "wfsim: wrote %s/%s and %s/\n", o->files[0], REPORT_HTML, "charts");
    return 0;
}

/* cmd_metrics: wfsim metrics, the output metric reference and the costs by
 * financial year (docs/metrics.md). */
#include "app/cmd.h"

#include <stdio.h>

#include "wfsim/compare.h"
#include "wfsim/financial_years.h"
#include "wfsim/metrics.h"

int cmd_metrics(const struct cli_options *o, int argc, char **argv)
{
    (void)o;
    (void)argc;
    (void)argv;
    return metrics_document(stdout) == 0 && financial_years_document(stdout) == 0 &&
                   compare_document(stdout) == 0
               ? 0
               : 1;
}

/* figures: which charts a report shows, as one table per report kind, and
 * each chart's data taken from the results directory's CSVs (and, for a
 * scenario built from DfE data, the council's published history). */
#ifndef WFSIM_FIGURES_H
#define WFSIM_FIGURES_H

#include "wfsim/dfe.h"
#include "report/chart.h"
#include "report/results.h"

#define FIGURES_MAX 64

/* The fan charts of a run: fills charts[] (chart_destroy each) and returns
 * how many, or -1 out of memory. `dfe` may be NULL (no history dots). A
 * metric the run did not write (caseloads without case types) is left out. */
int figures_run(const struct results *r, const struct dfe_data *dfe, struct chart *charts, int max);
/* The charts of a comparison: per option the distribution of the NPV
 * difference (from comparison_replicates.csv) and the paired monthly
 * differences. Returns how many, or -1. */
int figures_compare(const struct results *r, struct chart *charts, int max);
/* One sentence per chart kind for the report and the README. */
const char *figures_caption(const struct chart *c);

#endif

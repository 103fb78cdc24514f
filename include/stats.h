/* stats: summaries over replicates — mean, sd (n - 1) and the quantiles
 * p05, p25, p50, p75, p95 (linear interpolation between order statistics,
 * Hyndman-Fan type 7, GSL's gsl_stats_quantile_from_sorted_data). Values that
 * are NaN (undefined in a replicate) are left out. */
#ifndef WFSIM_STATS_H
#define WFSIM_STATS_H

#include <stddef.h>

#define STATS_N_QUANTILES 5

struct summary {
    int n; /* defined values; 0 means the summary is NA */
    double mean, sd;
    double q[STATS_N_QUANTILES];
};

/* The probabilities of q[]: 0.05, 0.25, 0.5, 0.75, 0.95. */
double stats_quantile_level(int i);
/* Summarise n values read with the given stride; `work` holds n doubles. */
void stats_summarise(const float *values, size_t stride, int n, double *work,
                     struct summary *out);

#endif

/* stats: summaries over replicates — mean, sd (n - 1) and the quantiles
 * p05, p25, p50, p75, p95 (linear interpolation between order statistics,
 * Hyndman-Fan type 7, as GSL's gsl_stats_quantile_from_sorted_data). Values
 * that are NaN (undefined in a replicate) are left out. Values arrive as
 * float (the run store's type) and are sorted by an LSD radix sort on their
 * bit patterns: thousands of series of thousands of replicates each. */
#ifndef WFSIM_STATS_H
#define WFSIM_STATS_H

#include <stddef.h>
#include <stdint.h>

#define STATS_N_QUANTILES 5

struct summary {
    int n; /* defined values; 0 means the summary is NA */
    double mean, sd;
    double q[STATS_N_QUANTILES];
};

/* Scratch space for summarising up to `capacity` values. */
struct stats_workspace {
    size_t capacity;
    uint32_t *keys, *tmp;
    double *sorted;
};

struct stats_workspace *stats_workspace_alloc(size_t capacity);
void stats_workspace_free(struct stats_workspace *w);
/* The probabilities of q[]: 0.05, 0.25, 0.5, 0.75, 0.95. */
double stats_quantile_level(int i);
/* Summarise n values read with the given stride (n <= w->capacity). */
void stats_summarise(const float *values, size_t stride, size_t n, struct stats_workspace *w,
                     struct summary *out);

#endif

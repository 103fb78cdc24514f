/* stats: replicate summaries (see include/stats.h). */
#include "stats.h"

#include <math.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

double stats_quantile_level(int i)
{
    static const double level[STATS_N_QUANTILES] = {0.05, 0.25, 0.5, 0.75, 0.95};
    return level[i];
}

void stats_summarise(const float *values, size_t stride, int n, double *work,
                     struct summary *out)
{
    size_t m = 0;
    for (int k = 0; k < n; k++) {
        double v = values[(size_t)k * stride];
        if (!isnan(v))
            work[m++] = v;
    }
    out->n = (int)m;
    if (m == 0)
        return;
    out->mean = gsl_stats_mean(work, 1, m);
    out->sd = m > 1 ? gsl_stats_sd_m(work, 1, m, out->mean) : 0.0;
    gsl_sort(work, 1, m);
    for (int i = 0; i < STATS_N_QUANTILES; i++)
        out->q[i] = gsl_stats_quantile_from_sorted_data(work, 1, m, stats_quantile_level(i));
}

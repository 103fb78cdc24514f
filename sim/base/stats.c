/* stats: replicate summaries (see sim/base/stats.h). */
#include "base/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

struct stats_workspace *stats_workspace_alloc(size_t capacity)
{
    struct stats_workspace *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    size_t n = capacity > 0 ? capacity : 1;
    w->capacity = capacity;
    w->keys = malloc(n * sizeof *w->keys);
    w->tmp = malloc(n * sizeof *w->tmp);
    w->sorted = malloc(n * sizeof *w->sorted);
    if (w->keys == NULL || w->tmp == NULL || w->sorted == NULL) {
        stats_workspace_free(w);
        return NULL;
    }
    return w;
}

void stats_workspace_free(struct stats_workspace *w)
{
    if (w == NULL)
        return;
    free(w->keys);
    free(w->tmp);
    free(w->sorted);
    free(w);
}

double stats_quantile_level(int i)
{
    static const double level[STATS_N_QUANTILES] = {0.05, 0.25, 0.5, 0.75, 0.95};
    return level[i];
}

/* IEEE floats as unsigned keys in the same order: flip all bits of
 * negatives, the sign bit of the rest. */
static uint32_t to_key(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return (u & 0x80000000u) ? ~u : u | 0x80000000u;
}

static float from_key(uint32_t k)
{
    uint32_t u = (k & 0x80000000u) ? k & 0x7FFFFFFFu : ~k;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* LSD radix sort of `bits`-bit digits; the result ends in `a`. */
static void radix_passes(uint32_t *a, uint32_t *tmp, size_t n, int bits, size_t *count)
{
    const size_t buckets = (size_t)1 << bits, mask = buckets - 1;
    uint32_t *src = a, *dst = tmp;
    for (int shift = 0; shift < 32; shift += bits) {
        memset(count, 0, buckets * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(src[i] >> shift) & mask]++;
        if (count[(src[0] >> shift) & mask] == n)
            continue; /* every key has this digit: nothing to move */
        size_t sum = 0;
        for (size_t b = 0; b < buckets; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & mask]++] = src[i];
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

/* Three passes of 11 bits for many keys; four of 8 bits for a few thousand
 * or fewer, where clearing and summing 2048 counters a pass would cost more
 * than the keys; insertion for 64 or fewer (the order is the same either
 * way). */
static void radix_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
    if (n <= 64) { /* insertion sort: a few hundred steps */
        for (size_t i = 1; i < n; i++) {
            uint32_t k = a[i];
            size_t j = i;
            for (; j > 0 && a[j - 1] > k; j--)
                a[j] = a[j - 1];
            a[j] = k;
        }
        return;
    }
    size_t count[1 << 11];
    radix_passes(a, tmp, n, n < 4096 ? 8 : 11, count);
}

void stats_summarise(const float *values, size_t stride, size_t n, struct stats_workspace *w,
                     struct summary *out)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        float v = values[k * stride];
        if (!isnan(v))
            w->keys[m++] = to_key(v);
    }
    out->n = (int)m;
    if (m == 0)
        return;
    radix_sort(w->keys, w->tmp, m);
    for (size_t k = 0; k < m; k++)
        w->sorted[k] = from_key(w->keys[k]);
    /* two passes of plain sums (GSL's running mean divides at every value) */
    double sum = 0, ss = 0;
    for (size_t k = 0; k < m; k++)
        sum += w->sorted[k];
    out->mean = sum / (double)m;
    for (size_t k = 0; k < m; k++)
        ss += (w->sorted[k] - out->mean) * (w->sorted[k] - out->mean);
    out->sd = m > 1 ? sqrt(ss / (double)(m - 1)) : 0.0;
    for (int i = 0; i < STATS_N_QUANTILES; i++)
        out->q[i] = gsl_stats_quantile_from_sorted_data(w->sorted, 1, m, stats_quantile_level(i));
}

/* panel: year-ahead forecasts from the DfE panel (see include/wfsim/panel.h). */
#include "wfsim/panel.h"

#include <math.h>
#include <stdlib.h>

#include "wfsim/kpi.h"

static double value(const struct dfe_row *r, int kpi)
{
    return r == NULL ? NAN : kpi_transform(kpi, kpi_observed(r, kpi));
}

/* The mean of f over councils in `year` (those with a value at `with` too
 * when with > 0). */
static double year_mean(const struct dfe_data *d, int kpi, int year, int with, int *n)
{
    double sum = 0;
    *n = 0;
    for (int i = 0; i < d->n; i++) {
        const struct dfe_row *r = &d->row[i];
        if (r->level != DFE_LOCAL || r->year != year)
            continue;
        double x = value(r, kpi);
        if (isnan(x) || (with > 0 && isnan(value(dfe_find(d, r->code, with), kpi))))
            continue;
        sum += x;
        (*n)++;
    }
    return *n > 0 ? sum / *n : NAN;
}

struct ratio {
    double r, w;
};

static int by_ratio(const void *a, const void *b)
{
    double x = ((const struct ratio *)a)->r, y = ((const struct ratio *)b)->r;
    return (x > y) - (x < y);
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of sorted x[0..n-1], linear between order statistics. */
static double quantile(const double *x, int n, double q)
{
    double h = q * (n - 1);
    int i = (int)floor(h);
    return i + 1 < n ? x[i] + (h - i) * (x[i + 1] - x[i]) : x[n - 1];
}

/* Visit each council pair: a, b deviations from the pair-year means. */
static int pairs(const struct dfe_data *d, int kpi, int last_year, double *a, double *b,
                 double *shift, int *years)
{
    int n = 0;
    *years = 0;
    for (int y = last_year; y > last_year - 100; y--) {
        int na, nb;
        double ma = year_mean(d, kpi, y, y - 1, &na), mb = year_mean(d, kpi, y - 1, y, &nb);
        if (na == 0) {
            int any;
            year_mean(d, kpi, y - 1, 0, &any);
            if (any == 0)
                break; /* no earlier data at all */
            continue;
        }
        shift[(*years)++] = ma - mb;
        for (int i = 0; i < d->n; i++) {
            const struct dfe_row *r = &d->row[i];
            if (r->level != DFE_LOCAL || r->year != y)
                continue;
            double x = value(r, kpi), p = value(dfe_find(d, r->code, y - 1), kpi);
            if (isnan(x) || isnan(p))
                continue;
            if (a != NULL) {
                a[n] = x - ma;
                b[n] = p - mb;
            }
            n++;
        }
    }
    return n;
}

int panel_estimate(const struct dfe_data *d, int kpi, int last_year, struct panel_kpi *p,
                   struct error *e)
{
    double shift[128];
    int years, n = pairs(d, kpi, last_year, NULL, NULL, shift, &years);
    p->kpi = kpi;
    p->last_year = last_year;
    p->pairs = n;
    if (n < 10)
        return error_set(e, ERROR_INPUT,
                         "the data have %d council pairs of consecutive years up "
                         "to %d for %s: at least 10 are needed",
                         n, last_year, kpi_name(kpi));
    double *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
    struct ratio *q = malloc((size_t)n * sizeof *q);
    if (a == NULL || b == NULL || q == NULL) {
        free(a);
        free(b);
        free(q);
        return error_set(e, ERROR_RUNTIME, "out of memory");
    }
    pairs(d, kpi, last_year, a, b, shift, &years);
    p->years = years;
    /* least absolute deviations through the origin: the weighted median of
     * a / b with weights |b| */
    int m = 0;
    double total = 0;
    for (int i = 0; i < n; i++)
        if (b[i] != 0) {
            q[m].r = a[i] / b[i];
            q[m].w = fabs(b[i]);
            total += q[m++].w;
        }
    qsort(q, (size_t)m, sizeof *q, by_ratio);
    double run = 0;
    p->rho = 0;
    for (int i = 0; i < m; i++) {
        run += q[i].w;
        if (run >= total / 2) {
            p->rho = q[i].r;
            break;
        }
    }
    /* the spread of the residuals: (q95 - q05) / (2 x 1.645), the sd of a
     * normal with the same central 90% (robust to the councils whose rate
     * sits near 0, where the logit stretches) */
    for (int i = 0; i < n; i++)
        a[i] -= p->rho * b[i];
    qsort(a, (size_t)n, sizeof *a, by_double);
    p->resid_sd = (quantile(a, n, 0.95) - quantile(a, n, 0.05)) / (2 * 1.6448536269514722);
    double s2 = 0;
    for (int y = 0; y < years; y++)
        s2 += shift[y] * shift[y] / years;
    p->shift_sd = sqrt(s2);
    p->sd = hypot(p->resid_sd, p->shift_sd);
    int count;
    p->mean_last = year_mean(d, kpi, last_year, 0, &count);
    free(a);
    free(b);
    free(q);
    return 0;
}

double panel_forecast(const struct panel_kpi *p, double x)
{
    double f = kpi_transform(p->kpi, x);
    return isnan(f) ? NAN : kpi_inverse(p->kpi, p->mean_last + p->rho * (f - p->mean_last));
}

/* sweep_figures: a sweep's charts (see sweep_figures.h). */
#include "report/sweep_figures.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/metrics.h"
#include "wfsim/scenario_keys.h"
#include "wfsim/sweep.h"

#define SWEEP_TAIL_COLUMNS 7 /* metric, date_or_year, mean, sd, p05, p50, p95 */

const char *sweep_figures_outcome_name(const char *metric)
{
    static const struct {
        const char *metric, *name;
    } names[] = {
        {"vacancy_rate", "vacancy rate"},
        {"cost_total_npv_cum", "NPV of total cost to date"},
        {"cases_3plus_workers_12m_share", "share of cases with 3 or more social workers in 12 "
                                          "months"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].metric, metric) == 0)
            return names[i].name;
    return metric;
}

static enum unit_kind metric_unit(const char *name)
{
    for (int m = 0; m < N_METRICS; m++)
        if (strcmp(metrics_table()[m].name, name) == 0)
            return units_of(metrics_table()[m].unit);
    return UNIT_COUNT;
}

/* The DfE year (its text in sweep.csv) a metric is read at, or NULL when
 * sweep.csv does not have the metric. */
static const char *year_of(const struct results_table *t, const char *metric)
{
    int cp = results_column(t, "point"), cm = results_column(t, "metric");
    int first = results_find(t, 1, cp, "0", cm, metric), n = 0;
    for (int row = first; row > 0; row = results_find(t, row + 1, cp, "0", cm, metric))
        n++; /* a point's rows of a metric are its years, in order */
    return n > 0 ? results_text(t, first + sweep_outcome_year(metric, n), cm + 1) : NULL;
}

/* The row of sweep.csv for point, metric and year, or -1. */
static int row_of(const struct results_table *t, const char *point, const char *metric,
                  const char *year)
{
    int cp = results_column(t, "point"), cm = results_column(t, "metric");
    for (int row = results_find(t, 1, cp, point, cm, metric); row > 0;
         row = results_find(t, row + 1, cp, point, cm, metric))
        if (strcmp(results_text(t, row, cm + 1), year) == 0)
            return row;
    return -1;
}

/* Key j's curve of `metric`: the points where every other key has point
 * 0's value, by increasing value of key j (a value once). */
static int response(struct chart *c, const struct results *r, int j, int n_keys, const char *metric,
                    const char *year)
{
    const struct results_table *t = &r->sweep, *p = &r->points;
    if (chart_init(c, CHART_RESPONSE, p->n_rows) != 0)
        return -1;
    int n = 0, cmean = results_column(t, "mean"), c05 = results_column(t, "p05"),
        c95 = results_column(t, "p95");
    for (int row = 1; row < p->n_rows; row++) {
        int on = 1;
        for (int i = 0; i < n_keys && on; i++)
            on = i == j || strcmp(results_text(p, row, 1 + i), results_text(p, 1, 1 + i)) == 0;
        int at = on ? row_of(t, results_text(p, row, 0), metric, year) : -1;
        double x = results_number(p, row, 1 + j);
        if (at < 0 || isnan(x))
            continue;
        int k = n;
        while (k > 0 && c->x[k - 1] > x) /* insertion by value */
            k--;
        if (k > 0 && c->x[k - 1] == x)
            continue;
        for (int m = n; m > k; m--) {
            c->x[m] = c->x[m - 1];
            for (int q = 0; q < 5; q += 2)
                c->q[q][m] = c->q[q][m - 1];
        }
        c->x[k] = x;
        c->q[0][k] = results_number(t, at, c05);
        c->q[2][k] = results_number(t, at, cmean);
        c->q[4][k] = results_number(t, at, c95);
        n++;
    }
    c->n = n;
    const char *key = results_text(t, 0, 1 + j);
    snprintf(c->name, sizeof c->name, "sweep_%d_%s", j + 1, metric);
    snprintf(c->title, sizeof c->title, "%s in %s against %s", sweep_figures_outcome_name(metric),
             year, key);
    c->title[0] = (char)toupper((unsigned char)c->title[0]);
    snprintf(c->note, sizeof c->note,
             "Mean and the range holding 90%% of %s runs at each value%s (%s, DfE year %s)",
             results_manifest(r, "replicates"), n_keys > 1 ? ", other keys as at point 0" : "",
             metric, year);
    snprintf(c->x_title, sizeof c->x_title, "%s", key);
    enum key_section section;
    const struct key_spec *k = scenario_keys_find(key, &section);
    c->x_unit = k != NULL ? units_of(k->unit) : UNIT_COUNT;
    c->unit = metric_unit(metric);
    return 0;
}

/* The tornado of one outcome from its tornado.csv rows (already sorted). */
static int tornado(struct chart *c, const struct results *r, const char *metric)
{
    const struct results_table *t = &r->tornado;
    int co = results_column(t, "outcome"), ck = results_column(t, "key");
    int first = results_find(t, 1, co, metric, -1, NULL);
    if (first < 0 || chart_init(c, CHART_TORNADO, 0) != 0)
        return first < 0 ? 1 : -1;
    for (int row = first; row > 0 && c->n_bars < CHART_MAX_BARS;
         row = results_find(t, row + 1, co, metric, -1, NULL)) {
        snprintf(c->bar_label[c->n_bars], sizeof c->bar_label[0], "%s", results_text(t, row, ck));
        c->bar_low[c->n_bars] = results_number(t, row, results_column(t, "outcome_at_low"));
        c->bar_high[c->n_bars] = results_number(t, row, results_column(t, "outcome_at_high"));
        c->base = results_number(t, row, results_column(t, "outcome_at_base"));
        c->n_bars++;
    }
    const char *year = results_text(t, first, results_column(t, "year"));
    snprintf(c->name, sizeof c->name, "tornado_%s", metric);
    snprintf(c->title, sizeof c->title, "What moves the %s in %s most",
             sweep_figures_outcome_name(metric), year);
    snprintf(c->note, sizeof c->note,
             "Each key at its lowest and highest value, the others at the base (means of %s "
             "runs with the same random numbers)",
             results_manifest(r, "replicates"));
    c->unit = metric_unit(metric);
    return 0;
}

int sweep_figures(const struct results *r, struct chart *charts, int max)
{
    int n_keys = r->sweep.n_cols - 1 - SWEEP_TAIL_COLUMNS, n = 0;
    for (int j = 0; j < n_keys; j++)
        for (int o = 0; o < N_SWEEP_OUTCOMES && n < max; o++) {
            const char *metric = sweep_outcome_metric(o), *year = year_of(&r->sweep, metric);
            if (year == NULL)
                continue; /* not chosen, or no case types */
            if (response(&charts[n], r, j, n_keys, metric, year) != 0)
                return -1;
            if (charts[n].n > 0)
                n++;
            else
                chart_destroy(&charts[n]);
        }
    for (int o = 0; n_keys >= 2 && o < N_SWEEP_OUTCOMES && n < max; o++) {
        int rc = tornado(&charts[n], r, sweep_outcome_metric(o));
        if (rc < 0)
            return -1;
        n += rc == 0;
    }
    return n;
}

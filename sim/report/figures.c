/* figures: the report's charts from the results (see figures.h). */
#include "report/figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/metrics.h"
#include "wfsim/month.h"

/* The fan charts of a run, in the report's order. dfe_scale turns the
 * published figure into the metric's unit (DfE rates are percentages). */
static const struct {
    const char *metric, *title;
    int dfe_field; /* -1: no published history */
    double dfe_scale;
} fans[] = {
    {"vacancy_rate", "Vacancy rate", DFE_VACANCY_RATE, 0.01},
    {"in_post_fte", "Permanent social workers in post (FTE)", DFE_INPOST, 1},
    {"agency_fte", "Agency social workers (FTE)", DFE_AGENCY, 1},
    {"turnover_rate", "Turnover: leavers in the last 12 months / in post", DFE_TURNOVER_RATE, 0.01},
    {"caseload", "Caseload: open cases per case-holding FTE", DFE_CASELOAD, 1},
    {"unallocated_cases", "Unallocated cases (waiting for a worker)", -1, 1},
    {"cases_3plus_workers_12m_share", "Children with 3 or more social workers in 12 months", -1, 1},
    {"cost_total", "Monthly cost of the workforce", -1, 1},
};
#define N_FANS ((int)(sizeof fans / sizeof fans[0]))

/* The paired differences a comparison shows for each option. */
static const struct {
    const char *metric, *title;
} diffs[] = {
    {"cost_total", "monthly cost"},
    {"vacancy_fte", "vacancies (FTE)"},
    {"leavers_fte", "leavers per month (FTE)"},
};
#define N_DIFFS ((int)(sizeof diffs / sizeof diffs[0]))

static enum unit_kind unit_of_metric(const char *name)
{
    for (int m = 0; m < N_METRICS; m++)
        if (strcmp(metrics_table()[m].name, name) == 0)
            return units_of(metrics_table()[m].unit);
    return UNIT_COUNT;
}

/* The published values of the scenario's area before or at month 0. */
static void add_dots(struct chart *c, const struct results *r, const struct dfe_data *d, int field,
                     double scale)
{
    if (d == NULL || field < 0 || r->sc->area_code[0] == '\0')
        return;
    for (int i = 0; i < d->n && c->n_dots < CHART_MAX_DOTS; i++) {
        const struct dfe_row *row = &d->row[i];
        int census = row->year * 12 + 8; /* 30 September of the reporting year */
        if (strcmp(row->code, r->sc->area_code) != 0 || census > r->sc->start_month)
            continue;
        double v = dfe_get(row, field);
        if (isnan(v))
            continue;
        c->dot_x[c->n_dots] = census;
        c->dot_y[c->n_dots] = v * scale;
        c->n_dots++;
    }
}

/* Fill x and q[] from the rows of `t` with metric (and option) given; the
 * stat columns are named by cols[]. Returns the points found. */
static int fill_series(struct chart *c, const struct results_table *t, const struct scenario *sc,
                       const char *metric, const char *option, const char *const cols[5])
{
    int cm = results_column(t, "metric"), cmonth = results_column(t, "month");
    int co = option != NULL ? results_column(t, "option") : -1;
    int cq[5];
    for (int i = 0; i < 5; i++)
        cq[i] = cols[i] != NULL ? results_column(t, cols[i]) : -1;
    int n = 0;
    for (int row = results_find(t, 1, cm, metric, co, option); row > 0 && n < c->n;
         row = results_find(t, row + 1, cm, metric, co, option)) {
        c->x[n] = sc->start_month + results_number(t, row, cmonth);
        for (int i = 0; i < 5; i++)
            c->q[i][n] = cq[i] >= 0 ? results_number(t, row, cq[i]) : NAN;
        n++;
    }
    c->n = n;
    return n;
}

/* Start charts[n] as an n-point chart of `kind` filled from the table; 0
 * when it has points, 1 when the table has none (nothing kept), -1 out of
 * memory. */
static int start_chart(struct chart *c, enum chart_kind kind, const struct results *r,
                       const struct results_table *t, const char *metric, const char *option,
                       const char *const cols[5])
{
    if (chart_init(c, kind, r->sc->months + 1) != 0)
        return -1;
    if (fill_series(c, t, r->sc, metric, option, cols) == 0) {
        chart_destroy(c);
        return 1;
    }
    return 0;
}

int figures_run(const struct results *r, const struct dfe_data *dfe, struct chart *charts, int max)
{
    static const char *const cols[5] = {"p05", "p25", "p50", "p75", "p95"};
    int n = 0;
    for (int f = 0; f < N_FANS && n < max; f++) {
        struct chart *c = &charts[n];
        int rc = start_chart(c, CHART_FAN, r, &r->timeseries, fans[f].metric, NULL, cols);
        if (rc != 0) {
            if (rc < 0)
                return -1;
            continue;
        }
        snprintf(c->name, sizeof c->name, "%s", fans[f].metric);
        snprintf(c->title, sizeof c->title, "%s", fans[f].title);
        snprintf(c->note, sizeof c->note,
                 "%s: median and the ranges holding 50%% and 90%% of %s runs (%s)", r->sc->name,
                 results_manifest(r, "replicates"), fans[f].metric);
        c->unit = unit_of_metric(fans[f].metric);
        c->now = r->sc->start_month;
        add_dots(c, r, dfe, fans[f].dfe_field, fans[f].dfe_scale);
        n++;
    }
    return n;
}

static int npv_distribution(const struct results *r, const char *option, struct chart *c)
{
    const struct results_table *t = &r->replicates;
    int co = results_column(t, "option"), cd = results_column(t, "npv_diff");
    int count = 0;
    for (int row = results_find(t, 1, co, option, -1, NULL); row > 0;
         row = results_find(t, row + 1, co, option, -1, NULL))
        count++;
    if (count == 0 || chart_init(c, CHART_DISTRIBUTION, 0) != 0)
        return -1;
    c->values = malloc((size_t)count * sizeof *c->values);
    if (c->values == NULL) {
        chart_destroy(c);
        return -1;
    }
    for (int row = results_find(t, 1, co, option, -1, NULL); row > 0;
         row = results_find(t, row + 1, co, option, -1, NULL))
        c->values[c->n_values++] = results_number(t, row, cd);
    snprintf(c->name, sizeof c->name, "%s_npv_difference", option);
    snprintf(c->title, sizeof c->title, "%s: net cost difference from the baseline (NPV)", option);
    snprintf(c->note, sizeof c->note,
             "Each bar counts runs; left of zero (green) the option costs less than the "
             "baseline over the horizon");
    c->unit = UNIT_GBP;
    return 0;
}

/* The option's net cost difference against the staff response
 * (elasticity_curve.csv), from the strongest response to none. */
static int response_curve(const struct results *r, const char *option, struct chart *c)
{
    const struct results_table *t = &r->curve;
    int co = results_column(t, "option"), ce = results_column(t, "elasticity");
    int c05 = results_column(t, "npv_diff_p05"), cm = results_column(t, "npv_diff_mean"),
        c95 = results_column(t, "npv_diff_p95");
    int count = 0;
    for (int row = results_find(t, 1, co, option, -1, NULL); row > 0;
         row = results_find(t, row + 1, co, option, -1, NULL))
        count++;
    if (count < 2 || ce < 0 || chart_init(c, CHART_RESPONSE, count) != 0)
        return -1;
    int n = 0;
    for (int row = results_find(t, 1, co, option, -1, NULL); row > 0;
         row = results_find(t, row + 1, co, option, -1, NULL), n++) {
        c->x[n] = results_number(t, row, ce); /* written from the strongest response up */
        c->q[0][n] = results_number(t, row, c05);
        c->q[2][n] = results_number(t, row, cm);
        c->q[4][n] = results_number(t, row, c95);
    }
    c->n = n;
    snprintf(c->name, sizeof c->name, "%s_npv_by_response", option);
    snprintf(c->title, sizeof c->title, "%s: net cost difference by how strongly staff respond",
             option);
    snprintf(c->note, sizeof c->note,
             "Pay elasticity of exit from the strongest response allowed (left) to none (0); "
             "below zero the option saves money");
    snprintf(c->x_title, sizeof c->x_title, "pay elasticity of exit (0: no response)");
    c->x_unit = UNIT_RATIO;
    c->unit = UNIT_GBP;
    return 0;
}

int figures_compare(const struct results *r, struct chart *charts, int max)
{
    static const char *const cols[5] = {"diff_p05", NULL, "diff_p50", NULL, "diff_p95"};
    const struct results_table *t = &r->comparison;
    int co = results_column(t, "option"), n = 0;
    for (int row = 1; row < t->n_rows; row++) {
        const char *option = results_text(t, row, co);
        if (row > 1 && strcmp(option, results_text(t, row - 1, co)) == 0)
            continue; /* one option's rows are together */
        if (n < max && npv_distribution(r, option, &charts[n]) == 0)
            n++;
        if (n < max && r->curve.n_rows > 1 && response_curve(r, option, &charts[n]) == 0)
            n++;
        for (int d = 0; d < N_DIFFS && n < max; d++) {
            struct chart *c = &charts[n];
            int rc = start_chart(c, CHART_DIFFERENCE, r, &r->comparison_series, diffs[d].metric,
                                 option, cols);
            if (rc != 0) {
                if (rc < 0)
                    return -1;
                continue;
            }
            snprintf(c->name, sizeof c->name, "%s_diff_%s", option, diffs[d].metric);
            snprintf(c->title, sizeof c->title, "%s minus baseline: %s", option, diffs[d].title);
            snprintf(c->note, sizeof c->note,
                     "Paired by run (same random numbers); below zero the option has less (%s)",
                     diffs[d].metric);
            c->unit = unit_of_metric(diffs[d].metric);
            n++;
        }
    }
    return n;
}

const char *figures_caption(const struct chart *c)
{
    switch (c->kind) {
    case CHART_FAN:
        return c->n_dots > 0 ? "The line is the median of the runs; the dark band holds half of "
                               "them and the light band nine in ten. Dots are the council's "
                               "published DfE figures."
                             : "The line is the median of the runs; the dark band holds half of "
                               "them and the light band nine in ten.";
    case CHART_DIFFERENCE:
        return "The option's value minus the baseline's in the same run, month by month: the "
               "line is the median difference, the band holds nine runs in ten.";
    case CHART_RESPONSE:
        return "The line joins the mean of the runs at each value swept (dots); the band holds "
               "nine runs in ten. Every value was run with the same random numbers, so the "
               "differences between values are the key's effect.";
    case CHART_TORNADO:
        return "One bar per key: orange is the outcome with the key at its lowest value, blue "
               "at its highest, each drawn from the base scenario's outcome (dashed line); the "
               "key that moves the outcome most is on top.";
    default:
        return "How the option's net present cost differs from the baseline's across the runs; "
               "bars left of the red line are runs in which the option saves money.";
    }
}

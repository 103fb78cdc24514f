/* financial_years: costs by financial year (see
 * include/wfsim/financial_years.h). */
#include "wfsim/financial_years.h"

#include <math.h>
#include <stdlib.h>

#include "wfsim/metrics.h"
#include "wfsim/month.h"
#include "engine/summary.h"

/* The rows written for each year: a metric summed over the year's months,
 * or the increase of the cumulative discounted cost over the year. */
static const struct {
    const char *name;
    int metric;
    int discounted;
    const char *definition;
} rows[] = {
    {"cost_total", M_COST_TOTAL, 0, "Sum of cost_total over April to March"},
    {"cost_permanent", M_COST_PERMANENT, 0, "Sum of cost_permanent over April to March"},
    {"cost_agency", M_COST_AGENCY, 0, "Sum of cost_agency over April to March"},
    {"cost_recruitment", M_COST_RECRUITMENT, 0, "Sum of cost_recruitment over April to March"},
    {"cost_retention", M_COST_RETENTION, 0, "Sum of cost_retention over April to March"},
    {"clawback_recovered", M_CLAWBACK_RECOVERED, 0,
     "Sum of clawback_recovered over April to March"},
    {"cost_total_discounted", M_COST_TOTAL_NPV_CUM, 1,
     "The year's cost_total discounted to month 0 (the rise of cost_total_npv_cum over the "
     "year); the years add up to the horizon's NPV"},
};
#define N_ROWS ((int)(sizeof rows / sizeof rows[0]))

int financial_years_find(const struct scenario *sc, int *first_month, int max)
{
    int n = 0;
    for (int m = 1; m + 11 <= sc->months && n < max; m++)
        if (month_of_year(sc->start_month + m) == 4)
            first_month[n++] = m;
    return n;
}

static double year_value(const struct run_store *st, int k, int series, int discounted, int first)
{
    const float *v = engine_monthly(st, k, series);
    if (discounted)
        return (double)v[first + 11] - (double)v[first - 1];
    double sum = 0;
    for (int m = first; m <= first + 11; m++)
        sum += v[m];
    return sum;
}

int financial_years_write(FILE *f, const struct scenario *sc, const struct run_store *st)
{
    int first[ENGINE_MAX_YEARS];
    int n = financial_years_find(sc, first, ENGINE_MAX_YEARS);
    float *values = malloc((size_t)st->replicates * sizeof *values);
    struct stats_workspace *w = stats_workspace_alloc((size_t)st->replicates);
    if (values == NULL || w == NULL) {
        free(values);
        stats_workspace_free(w);
        return -1;
    }
    fputs(FINANCIAL_YEARS_HEADER "\n", f);
    for (int y = 0; y < n; y++) {
        char from[16], to[16];
        int year = month_year(sc->start_month + first[y]);
        month_format(sc->start_month + first[y], from, sizeof from);
        month_format(sc->start_month + first[y] + 11, to, sizeof to);
        for (int r = 0; r < N_ROWS; r++) {
            int series = metrics_series(rows[r].metric, 0, sc->n_grades);
            for (int k = 0; k < st->replicates; k++)
                values[k] = (float)year_value(st, k, series, rows[r].discounted, first[y]);
            struct summary s;
            stats_summarise(values, 1, (size_t)st->replicates, w, &s);
            fprintf(f, "%s,%d-%02d,%s,%s,%s", sc->name, year, (year + 1) % 100, from, to,
                    rows[r].name);
            summary_write_csv(f, &s);
        }
    }
    free(values);
    stats_workspace_free(w);
    return ferror(f) ? -1 : 0;
}

void financial_years_basis(const struct scenario *sc, char *buf, size_t size)
{
    char start[16], prices[160];
    month_format(sc->start_month, start, sizeof start);
    if (sc->pay_award != 0)
        snprintf(prices, sizeof prices,
                 "cash: salaries and agency costs of %s grow by %g%% each April "
                 "(finance.pay_award)",
                 start, 100 * sc->pay_award);
    else
        snprintf(prices, sizeof prices, "constant prices of %s (real; finance.pay_award = 0)",
                 start);
    snprintf(buf, size,
             "money: %s; NPVs discounted to %s (month 0) at %g%% a year "
             "(finance.discount_rate); on-costs of %g%% on permanent pay and retention "
             "payments (finance.on_cost_share), none on agency, recruitment or clawback; an "
             "uncovered vacant FTE costs %g GBP a year (finance.uncovered_vacancy_cost_gbp)",
             prices, start, 100 * sc->discount_rate, 100 * sc->on_cost_share,
             sc->uncovered_vacancy_cost_gbp);
}

int financial_years_document(FILE *f)
{
    fputs("\n## Costs by financial year\n\n"
          "`financial_years.csv` has one row per complete financial year (1 April - 31 March, "
          "as councils budget; named like `2025-26`, with its first and last month) and cost, "
          "for the whole council, summed per replicate over the year's months and then "
          "summarised over replicates (columns as in `annual.csv`). Costs are in constant prices "
          "of the start (salaries and rates as given, real) unless finance.pay_award is set "
          "(cash: salaries and agency costs grow by it each April); the manifest's `money:` "
          "note states the basis. Only `cost_total_discounted` is discounted, at "
          "finance.discount_rate.\n\n"
          "| row | unit | definition |\n|---|---|---|\n",
          f);
    for (int r = 0; r < N_ROWS; r++)
        fprintf(f, "| `%s` | GBP/year | %s |\n", rows[r].name, rows[r].definition);
    return ferror(f) ? -1 : 0;
}

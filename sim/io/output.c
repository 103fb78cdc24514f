/* output: a run's CSV tables and its results bundle
 * (see include/wfsim/output.h). */
#include "wfsim/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/bundle.h"
#include "wfsim/csv.h"
#include "wfsim/financial_years.h"
#include "wfsim/metrics.h"
#include "wfsim/scenario_warn.h"
#include "wfsim/scenario_write.h"
#include "wfsim/month.h"
#include "base/stats.h"
#include "engine/summary.h"

char *output_scenario_text(const struct scenario *sc, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (f == NULL)
        return NULL;
    int rc = scenario_write(sc, f);
    if (fclose(f) != 0 || rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

int output_write_timeseries(FILE *f, const struct scenario *sc, const struct run_store *st,
                            int threads)
{
    struct summary *sum = summary_monthly(st, threads);
    if (sum == NULL)
        return -1;
    fputs(OUTPUT_TIMESERIES_HEADER "\n", f);
    for (int m = 0; m < st->months; m++) {
        char date[16];
        month_format(sc->start_month + m, date, sizeof date);
        for (int s = 0; s < st->n_series; s++) {
            char name[160];
            if (!metrics_written(sc, s))
                continue;
            metrics_series_name(sc, s, name, sizeof name);
            fprintf(f, "%s,%d,%s,%s", sc->name, m, date, name);
            summary_write_csv(f, &sum[(size_t)m * (size_t)st->n_series + (size_t)s]);
        }
    }
    free(sum);
    return ferror(f) ? -1 : 0;
}

/* The rows NAME.year_mean and NAME.year_max of a stock series in year y: per
 * replicate, the mean and the largest of its 12 month-end values (October to
 * September), summarised over replicates. */
static void write_year_spread(FILE *f, const struct scenario *sc, const struct run_store *st, int y,
                              int s, const char *name, float *mean, float *most,
                              struct stats_workspace *w)
{
    for (int k = 0; k < st->replicates; k++)
        engine_year_spread(st, k, s, y, &mean[k], &most[k]);
    struct summary sm;
    stats_summarise(mean, 1, (size_t)st->replicates, w, &sm);
    fprintf(f, "%s,%d,%s" OUTPUT_YEAR_MEAN, sc->name, st->year[y], name);
    summary_write_csv(f, &sm);
    stats_summarise(most, 1, (size_t)st->replicates, w, &sm);
    fprintf(f, "%s,%d,%s" OUTPUT_YEAR_MAX, sc->name, st->year[y], name);
    summary_write_csv(f, &sm);
}

int output_write_annual(FILE *f, const struct scenario *sc, const struct run_store *st, int threads)
{
    struct summary *sum = summary_annual(st, threads);
    float *mean = malloc((size_t)st->replicates * sizeof *mean);
    float *most = malloc((size_t)st->replicates * sizeof *most);
    struct stats_workspace *w = stats_workspace_alloc((size_t)st->replicates);
    int ok = sum != NULL && mean != NULL && most != NULL && w != NULL;
    if (ok)
        fputs(OUTPUT_ANNUAL_HEADER "\n", f);
    const struct metric_desc *md = metrics_table();
    for (int y = 0; ok && y < st->n_years; y++) {
        for (int s = 0; s < st->n_series; s++) {
            char name[160];
            if (!metrics_written(sc, s))
                continue;
            metrics_series_name(sc, s, name, sizeof name);
            fprintf(f, "%s,%d,%s", sc->name, st->year[y], name);
            summary_write_csv(f, &sum[(size_t)y * (size_t)st->n_series + (size_t)s]);
            if (md[metrics_metric_of(sc, s)].annual == ANNUAL_END)
                write_year_spread(f, sc, st, y, s, name, mean, most, w);
        }
    }
    free(sum);
    free(mean);
    free(most);
    stats_workspace_free(w);
    return ok && !ferror(f) ? 0 : -1;
}

int output_lever_warnings(const struct scenario *sc, const struct run_store *st,
                          char out[][SCENARIO_WARNING_LEN], int max)
{
    int n = 0;
    for (int c = 0; c < sc->n_campaigns && n < max; c++) {
        const struct campaign_params *cp = &sc->campaign[c];
        int series = metrics_campaign_series(sc, c), capped = 0;
        double made = 0;
        for (int k = 0; k < st->replicates; k++) {
            const float *v = engine_monthly(st, k, series);
            double sum = 0;
            for (int m = 1; m < st->months; m++)
                sum += v[m];
            made += sum / st->replicates;
            capped += sum < cp->hires;
        }
        if (capped < OUTPUT_CAPPED_SHARE * st->replicates)
            continue;
        char when[16];
        month_format(cp->month, when, sizeof when);
        snprintf(out[n++], SCENARIO_WARNING_LEN,
                 "campaigns.%s: made %.1f offers on average of the %d asked, fewer in %.0f%% of "
                 "runs: %s had fewer open vacancies in %s (campaign_hires.%s)",
                 cp->name, made, cp->hires, 100.0 * capped / st->replicates, cp->grade, when,
                 cp->name);
    }
    return n;
}

int output_write_run(const char *dir, const struct scenario *sc, const struct run_store *st,
                     const char *command_line, int threads, const struct bundle_extra *more,
                     const struct bundle_extra *extra, struct error *e)
{
    struct bundle *b = bundle_alloc(dir, e);
    if (b == NULL)
        return -1;
    bundle_set_extra(b, extra, sc);
    FILE *cfg = bundle_file(b, "scenario.cfg", e);
    FILE *ts = cfg != NULL ? bundle_file(b, "timeseries.csv", e) : NULL;
    FILE *an = ts != NULL ? bundle_file(b, "annual.csv", e) : NULL;
    FILE *fy = an != NULL ? bundle_file(b, "financial_years.csv", e) : NULL;
    int rc = fy == NULL ? -1 : 0;
    if (rc == 0 && scenario_write(sc, cfg) != 0)
        rc = error_set(e, ERROR_RUNTIME, "cannot format the resolved scenario");
    if (rc == 0 &&
        (output_write_timeseries(ts, sc, st, threads) != 0 ||
         output_write_annual(an, sc, st, threads) != 0 || financial_years_write(fy, sc, st) != 0))
        rc = error_set(e, ERROR_RUNTIME, "cannot summarise the run (out of memory?)");
    if (rc == 0 && more != NULL)
        rc = more->fn(b, sc, more->ctx, e);
    char start[16];
    month_format(sc->start_month, start, sizeof start);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e, "start: %s\nmonths: %d", start, sc->months);
    char warning[SCENARIO_MAX_WARNINGS][SCENARIO_WARNING_LEN];
    int n_warnings = scenario_warnings(sc, warning, SCENARIO_MAX_WARNINGS);
    n_warnings +=
        output_lever_warnings(sc, st, warning + n_warnings, SCENARIO_MAX_WARNINGS - n_warnings);
    for (int i = 0; rc == 0 && i < n_warnings; i++)
        rc = bundle_note(b, BUNDLE_TAIL, e, "warning: %s", warning[i]);
    char basis[1024];
    financial_years_basis(sc, basis, sizeof basis);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_TAIL, e, "%s", basis);
    if (rc == 0) {
        struct bundle_provenance p = {
            command_line,  sc->name, sc->seed, sc->replicates,
            NULL,          NULL,     NULL,     bundle_hash(b, "scenario.cfg"),
            "scenario.cfg"};
        rc = bundle_commit(b, &p, e);
    }
    bundle_free(b);
    return rc;
}

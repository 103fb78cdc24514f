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
#include "wfsim/scenario_write.h"
#include "wfsim/month.h"
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

int output_write_annual(FILE *f, const struct scenario *sc, const struct run_store *st, int threads)
{
    struct summary *sum = summary_annual(st, threads);
    if (sum == NULL)
        return -1;
    fputs(OUTPUT_ANNUAL_HEADER "\n", f);
    for (int y = 0; y < st->n_years; y++) {
        for (int s = 0; s < st->n_series; s++) {
            char name[160];
            if (!metrics_written(sc, s))
                continue;
            metrics_series_name(sc, s, name, sizeof name);
            fprintf(f, "%s,%d,%s", sc->name, st->year[y], name);
            summary_write_csv(f, &sum[(size_t)y * (size_t)st->n_series + (size_t)s]);
        }
    }
    free(sum);
    return ferror(f) ? -1 : 0;
}

int output_write_run(const char *dir, const struct scenario *sc, const struct run_store *st,
                     const char *command_line, int threads, const struct bundle_extra *extra,
                     struct error *e)
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
    char start[16];
    month_format(sc->start_month, start, sizeof start);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e, "start: %s\nmonths: %d", start, sc->months);
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

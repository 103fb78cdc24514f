/* output: CSV tables, manifest and atomic results directory
 * (see include/wfsim/output.h). */
#include "wfsim/output.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/csv.h"
#include "wfsim/metrics.h"
#include "wfsim/resultdir.h"
#include "wfsim/scenario_write.h"
#include "wfsim/month.h"
#include "base/rng.h"
#include "engine/summary.h"

static const char *const FILES[] = {"scenario.cfg", "timeseries.csv", "annual.csv", "manifest.txt"};
#define N_FILES ((int)(sizeof FILES / sizeof FILES[0]))

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

static void write_summary(FILE *f, const struct summary *s)
{
    if (s->n == 0) {
        fputs(",NA,NA,NA,NA,NA,NA,NA\n", f);
        return;
    }
    csv_number(f, s->mean);
    csv_number(f, s->sd);
    for (int i = 0; i < STATS_N_QUANTILES; i++)
        csv_number(f, s->q[i]);
    fputc('\n', f);
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
            write_summary(f, &sum[(size_t)m * (size_t)st->n_series + (size_t)s]);
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
            write_summary(f, &sum[(size_t)y * (size_t)st->n_series + (size_t)s]);
        }
    }
    free(sum);
    return ferror(f) ? -1 : 0;
}

static int write_manifest(FILE *f, const struct scenario *sc, const char *command_line,
                          unsigned long long hash)
{
    char start[16];
    month_format(sc->start_month, start, sizeof start);
    fprintf(f, "program: wfsim %s\n", WFSIM_VERSION);
    fprintf(f, "command: %s\n", command_line);
    fprintf(f, "scenario: %s\n", sc->name);
    fprintf(f, "start: %s\nmonths: %d\n", start, sc->months);
    fprintf(f, "seed: %lld\nreplicates: %d\n", sc->seed, sc->replicates);
    fprintf(f,
            "generator: gsl_rng_%s streams for initial state and events, seeded by "
            "splitmix64 of (seed, replicate, stream); per-post monthly uniforms from "
            "counter-based splitmix64 of (seed, replicate, process, post, month)\n",
            rng_type()->name);
    fprintf(f, "scenario_hash: fnv1a64:%016llx (of scenario.cfg)\n", hash);
    return ferror(f) ? -1 : 0;
}

struct run_args {
    const struct scenario *sc;
    const struct run_store *st;
    const char *command_line;
    const char *text;
    size_t len;
    int threads;
};

static int write_file(FILE *f, const char *file, void *ctx)
{
    const struct run_args *a = ctx;
    if (strcmp(file, "scenario.cfg") == 0)
        return fwrite(a->text, 1, a->len, f) == a->len ? 0 : -1;
    if (strcmp(file, "timeseries.csv") == 0)
        return output_write_timeseries(f, a->sc, a->st, a->threads);
    if (strcmp(file, "annual.csv") == 0)
        return output_write_annual(f, a->sc, a->st, a->threads);
    return write_manifest(f, a->sc, a->command_line, scenario_hash(a->text, a->len));
}

int output_write_run(const char *dir, const struct scenario *sc, const struct run_store *st,
                     const char *command_line, int threads, struct error *e)
{
    struct run_args a = {.sc = sc, .st = st, .command_line = command_line, .threads = threads};
    char *text = output_scenario_text(sc, &a.len);
    if (text == NULL)
        return error_set(e, ERROR_RUNTIME, "cannot format the resolved scenario");
    a.text = text;
    int rc = resultdir_write(dir, N_FILES, FILES, write_file, &a, e);
    free(text);
    return rc;
}

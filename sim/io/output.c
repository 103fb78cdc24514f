/* output: CSV tables, manifest and atomic results directory
 * (see include/wfsim/output.h). */
#include "wfsim/output.h"

#include <pthread.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/csv.h"
#include "wfsim/metrics.h"
#include "wfsim/resultdir.h"
#include "wfsim/month.h"
#include "base/rng.h"
#include "base/stats.h"

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

/* Summaries of every (series, time) cell of the store, computed by
 * `threads` threads over disjoint series; the result does not depend on the
 * thread count. */
struct summarise_job {
    const float *base; /* value of (series 0, time 0) of replicate 0 */
    size_t stride;     /* between replicates */
    int n_series, n_times, replicates;
    struct summary *out; /* [time][series] */
    int thread, threads;
    int failed;
};

static void *summarise_part(void *arg)
{
    struct summarise_job *j = arg;
    size_t reps = (size_t)j->replicates, times = (size_t)j->n_times;
    struct stats_workspace *w = stats_workspace_alloc(reps);
    float *column = malloc(reps * (times > 0 ? times : 1) * sizeof *column);
    if (w == NULL || column == NULL) {
        j->failed = 1;
    } else {
        for (int s = j->thread; s < j->n_series; s += j->threads) {
            /* Transpose the series' rows (contiguous per replicate) so each
             * time's values across replicates are contiguous. */
            for (size_t k = 0; k < reps; k++) {
                const float *row = j->base + k * j->stride + (size_t)s * times;
                for (size_t t = 0; t < times; t++)
                    column[t * reps + k] = row[t];
            }
            for (size_t t = 0; t < times; t++)
                stats_summarise(column + t * reps, 1, reps, w,
                                &j->out[t * (size_t)j->n_series + (size_t)s]);
        }
    }
    free(column);
    stats_workspace_free(w);
    return NULL;
}

static struct summary *summarise(const float *base, int n_series, int n_times, int replicates,
                                 int threads)
{
    size_t cells = (size_t)n_series * (size_t)(n_times > 0 ? n_times : 1);
    struct summary *out = calloc(cells, sizeof *out);
    if (out == NULL)
        return NULL;
    if (threads < 1)
        threads = 1;
    if (threads > OUTPUT_MAX_THREADS)
        threads = OUTPUT_MAX_THREADS;
    struct summarise_job job[OUTPUT_MAX_THREADS];
    pthread_t tid[OUTPUT_MAX_THREADS];
    int started[OUTPUT_MAX_THREADS] = {0}, failed = 0;
    for (int t = 0; t < threads; t++) {
        job[t] = (struct summarise_job){base,       (size_t)n_series * (size_t)n_times,
                                        n_series,   n_times,
                                        replicates, out,
                                        t,          threads,
                                        0};
        started[t] = t > 0 && pthread_create(&tid[t], NULL, summarise_part, &job[t]) == 0;
        if (t > 0 && !started[t])
            summarise_part(&job[t]);
    }
    summarise_part(&job[0]);
    for (int t = 0; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        failed |= job[t].failed;
    }
    if (failed) {
        free(out);
        return NULL;
    }
    return out;
}

int output_write_timeseries(FILE *f, const struct scenario *sc, const struct run_store *st,
                            int threads)
{
    struct summary *sum = summarise(st->monthly, st->n_series, st->months, st->replicates, threads);
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
    struct summary *sum = summarise(st->annual, st->n_series, st->n_years, st->replicates, threads);
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

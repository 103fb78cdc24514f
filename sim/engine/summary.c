/* summary: replicate summaries of a run store's cells
 * (see sim/engine/summary.h). */
#include "engine/summary.h"

#include <pthread.h>
#include <stdlib.h>

#include "wfsim/csv.h"

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
    if (threads > SUMMARY_MAX_THREADS)
        threads = SUMMARY_MAX_THREADS;
    struct summarise_job job[SUMMARY_MAX_THREADS];
    pthread_t tid[SUMMARY_MAX_THREADS];
    int started[SUMMARY_MAX_THREADS] = {0}, failed = 0;
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

struct summary *summary_monthly(const struct run_store *st, int threads)
{
    return summarise(st->monthly, st->n_series, st->months, st->replicates, threads);
}

struct summary *summary_annual(const struct run_store *st, int threads)
{
    return summarise(st->annual, st->n_series, st->n_years, st->replicates, threads);
}

void summary_write_csv(FILE *f, const struct summary *s)
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

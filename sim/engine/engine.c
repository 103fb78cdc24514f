/* engine: replicates in parallel, results by replicate index
 * (see include/wfsim/engine.h). */
#include "wfsim/engine.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/metrics.h"
#include "model/demand.h"
#include "model/model.h"
#include "wfsim/month.h"

struct shared {
    const struct scenario *sc;
    struct run_store *store;
    atomic_long next, done;
    atomic_int failed;
    engine_progress_fn progress;
    void *ctx;
    /* the lowest replicate a model limit stopped, and where (under lock) */
    pthread_mutex_t lock;
    enum model_status stop;
    long stop_replicate;
    int stop_month;
};

void engine_year_spread(const struct run_store *s, int k, int series, int y, float *mean,
                        float *max)
{
    const float *v = engine_monthly(s, k, series);
    double sum = 0, top = -INFINITY;
    for (int m = s->year_end[y] - 11; m <= s->year_end[y]; m++) {
        sum += v[m];
        top = v[m] > top ? v[m] : top;
    }
    *mean = (float)(sum / 12);
    *max = isnan(sum) ? NAN : (float)top;
}

void engine_find_years(const struct scenario *sc, struct run_store *s)
{
    s->n_years = 0;
    for (int m = 12; m <= sc->months && s->n_years < ENGINE_MAX_YEARS; m++) {
        int cal = sc->start_month + m;
        if (month_of_year(cal) != 9)
            continue;
        s->year[s->n_years] = month_year(cal);
        s->year_end[s->n_years] = m;
        s->n_years++;
    }
}

static void annualise(const struct scenario *sc, const struct run_store *s, int k)
{
    const struct metric_desc *md = metrics_table();
    for (int series = 0; series < s->n_series; series++) {
        const float *v = engine_monthly(s, k, series);
        float *a = engine_annual(s, k, series);
        enum annual_rule rule = md[metrics_metric_of(sc, series)].annual;
        for (int y = 0; y < s->n_years; y++) {
            int end = s->year_end[y];
            double sum = 0;
            for (int m = end - 11; m <= end; m++)
                sum += v[m];
            a[y] = rule == ANNUAL_END   ? v[end]
                   : rule == ANNUAL_SUM ? (float)sum
                                        : (float)(sum / 12);
        }
    }
}

/* Returns MODEL_OK, or the status of the month (*stopped_at) that stopped
 * the replicate part-way. */
static enum model_status run_replicate(struct model *m, struct metrics_history *h, float *row,
                                       const struct run_store *s, long k, int *stopped_at)
{
    for (int series = 0; series < s->n_series; series++)
        row[series] = NAN; /* series a scenario does not observe stay NA */
    model_reset(m, k);
    for (int month = 0; month < s->months; month++) {
        enum model_status st = month > 0 ? model_step(m) : MODEL_OK;
        if (st != MODEL_OK) {
            *stopped_at = month;
            return st;
        }
        metrics_observe(h, m->wf, m->sc, row);
        if (m->cases != NULL)
            metrics_observe_cases(m->cases, m->wf, m->leaving_multiplier, m->sc, row);
        for (int series = 0; series < s->n_series; series++)
            engine_monthly(s, (int)k, series)[month] = row[series];
    }
    annualise(m->sc, s, (int)k);
    memcpy(s->money + (size_t)k * N_MONEY_PARTS * N_MONEY_BASES, h->money, sizeof h->money);
    return MODEL_OK;
}

static void record_stop(struct shared *sh, enum model_status st, long k, int month)
{
    pthread_mutex_lock(&sh->lock);
    if (sh->stop == MODEL_OK || k < sh->stop_replicate) {
        sh->stop = st;
        sh->stop_replicate = k;
        sh->stop_month = month;
    }
    pthread_mutex_unlock(&sh->lock);
    atomic_store(&sh->failed, 1);
}

/* Run replicates until none are left; `report` makes this thread the one
 * that calls the progress function. */
static void work(struct shared *sh, int report)
{
    struct model *m = model_alloc(sh->sc);
    struct metrics_history *h = malloc(sizeof *h);
    float *row = malloc((size_t)sh->store->n_series * sizeof *row); /* thread_bytes */
    if (m == NULL || h == NULL || row == NULL)
        atomic_store(&sh->failed, 1);
    long total = sh->store->replicates;
    for (long k; !atomic_load(&sh->failed) && (k = atomic_fetch_add(&sh->next, 1)) < total;) {
        int month = 0;
        enum model_status st = run_replicate(m, h, row, sh->store, k, &month);
        if (st != MODEL_OK)
            record_stop(sh, st, k, month);
        long done = atomic_fetch_add(&sh->done, 1) + 1;
        if (report && sh->progress != NULL)
            sh->progress(sh->ctx, done, total);
    }
    free(row);
    free(h);
    model_free(m);
}

static void *worker(void *arg)
{
    work(arg, 0);
    return NULL;
}

/* The store's shape for the scenario (no arrays). */
static void store_shape(const struct scenario *sc, struct run_store *s)
{
    memset(s, 0, sizeof *s);
    s->replicates = sc->replicates;
    s->months = sc->months + 1;
    s->n_series = metrics_total_series(sc);
    engine_find_years(sc, s);
}

/* Doubles of the store's money array. */
static size_t money_doubles(const struct run_store *s)
{
    return (size_t)s->replicates * N_MONEY_PARTS * N_MONEY_BASES;
}

/* Floats of the store's monthly and annual arrays. */
static size_t monthly_floats(const struct run_store *s)
{
    return (size_t)s->replicates * (size_t)s->n_series * (size_t)s->months;
}

static size_t annual_floats(const struct run_store *s)
{
    return (size_t)s->replicates * (size_t)s->n_series * (size_t)(s->n_years > 0 ? s->n_years : 1);
}

/* What work() allocates beside the model. */
static size_t thread_bytes(const struct scenario *sc)
{
    return sizeof(struct metrics_history) + (size_t)metrics_total_series(sc) * sizeof(float);
}

/* Per thread, for the allocator's bookkeeping and page rounding of the
 * workspace's few dozen blocks. */
#define ALLOCATOR_SLACK 65536

size_t engine_memory_estimate(const struct scenario *sc, int threads)
{
    struct run_store shape;
    store_shape(sc, &shape);
    /* in double: a huge scenario must give a huge estimate, not wrap */
    double store =
        ((double)monthly_floats(&shape) + (double)annual_floats(&shape)) * sizeof(float) +
        (double)money_doubles(&shape) * sizeof(double);
    double per_thread = (double)model_bytes(sc) + (double)thread_bytes(sc) + ALLOCATOR_SLACK;
    double total = store + per_thread * (threads > 0 ? threads : 1);
    return total < 1e18 ? (size_t)total : (size_t)1e18;
}

/* Throughput on one core of the 2-core reference machine (make bench):
 * workforce-only runs visit about 1.2e8 post-months a second, caseload runs
 * handle about 4e7 case events a second; half of each, so that an estimate
 * errs long rather than short. */
#define POST_MONTHS_PER_SECOND 6e7
#define CASE_EVENTS_PER_SECOND 2e7
#define EVENTS_PER_CASE 4.0

void engine_work_estimate(const struct scenario *sc, struct engine_work *w)
{
    double posts = 0, open = 0;
    for (int g = 0; g < sc->n_grades; g++)
        posts += sc->grade[g].posts_fte + 1;
    for (int t = 0; t < sc->n_case_types; t++)
        open += sc->case_type[t].initial_open;
    double cases = sc->n_case_types > 0 ? open + demand_expected_total(sc) : 0;
    w->post_months = posts * sc->months * (double)sc->replicates;
    w->case_events = cases * EVENTS_PER_CASE * (double)sc->replicates;
    w->case_seconds = w->case_events / CASE_EVENTS_PER_SECOND;
    w->seconds = w->post_months / POST_MONTHS_PER_SECOND + w->case_seconds;
}

void engine_store_destroy(struct run_store *s)
{
    free(s->monthly);
    free(s->annual);
    free(s->money);
    memset(s, 0, sizeof *s);
}

int engine_run(const struct scenario *sc, int threads, engine_progress_fn progress, void *ctx,
               struct run_store *out, struct error *e)
{
    store_shape(sc, out);
    out->monthly = malloc(monthly_floats(out) * sizeof(float));
    out->annual = malloc(annual_floats(out) * sizeof(float));
    out->money = malloc(money_doubles(out) * sizeof(double));
    if (out->monthly == NULL || out->annual == NULL || out->money == NULL) {
        engine_store_destroy(out);
        return error_set(e, ERROR_RUNTIME, "out of memory for %d replicates", sc->replicates);
    }
    if (threads < 1)
        threads = 1;
    if (threads > sc->replicates)
        threads = sc->replicates;
    struct shared sh = {.sc = sc, .store = out, .progress = progress, .ctx = ctx};
    atomic_init(&sh.next, 0);
    atomic_init(&sh.done, 0);
    atomic_init(&sh.failed, 0);
    pthread_mutex_init(&sh.lock, NULL);
    pthread_t tid[256];
    int started = 0;
    for (; started < threads - 1 && started < 256; started++)
        if (pthread_create(&tid[started], NULL, worker, &sh) != 0)
            break;
    work(&sh, 1);
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&sh.lock);
    if (atomic_load(&sh.failed)) {
        engine_store_destroy(out);
        if (sh.stop != MODEL_OK) {
            char when[16];
            month_format(sc->start_month + sh.stop_month, when, sizeof when);
            return error_set(e, ERROR_RUNTIME, "replicate %ld stopped in %s (month %d): %s",
                             sh.stop_replicate, when, sh.stop_month, model_status_text(sh.stop));
        }
        return error_set(e, ERROR_RUNTIME, "out of memory for a model workspace");
    }
    if (progress != NULL)
        progress(ctx, out->replicates, out->replicates);
    return 0;
}

void engine_progress_part(void *ctx, long done, long total)
{
    const struct engine_progress_part *p = ctx;
    p->fn(p->ctx, p->part * total + done, p->n_parts * total);
}

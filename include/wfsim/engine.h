/* engine: the Monte Carlo run. Replicates run in parallel threads, each with
 * its own model (allocated once); replicate k writes only its own slice of the
 * store, so the stored values are identical whatever the thread count. */
#ifndef WFSIM_ENGINE_H
#define WFSIM_ENGINE_H

#include <stddef.h>

#include "wfsim/error.h"
#include "wfsim/metrics.h"
#include "wfsim/scenario.h"

#define ENGINE_MAX_YEARS 60

struct run_store {
    int replicates, months, n_series; /* months: horizon + 1 (month 0) */
    float *monthly;                   /* [k][series][month] */
    int n_years;
    int year[ENGINE_MAX_YEARS];     /* complete DfE reporting years in the horizon */
    int year_end[ENGINE_MAX_YEARS]; /* simulation month of each year's 30 September */
    float *annual;                  /* [k][series][year] */
    double *money;                  /* [k][part][basis]: metrics.h's money, in double */
};

typedef void (*engine_progress_fn)(void *ctx, long done, long total);

/* Run `part` (0-based) of n_parts runs of the same replicates, reported to
 * fn(ctx, ...) as part of all of them: pass engine_progress_part and the
 * struct as engine_run's progress and ctx (a study of many runs). */
struct engine_progress_part {
    engine_progress_fn fn;
    void *ctx;
    long part, n_parts;
};
void engine_progress_part(void *ctx, long done, long total);

/* Bytes a run of the scenario needs (the store plus one model per thread). */
size_t engine_memory_estimate(const struct scenario *sc, int threads);

/* The work of a whole run, in the units the model's cost grows with: post
 * months (every post visited every month) and case events (arrival,
 * allocation, closure and about one re-allocation in three). */
struct engine_work {
    double post_months;
    double case_events;
    double seconds;      /* on one thread, at the rates measured by make bench */
    double case_seconds; /* the case events' part of it */
};
/* Estimate a run's work (cheap: no allocation, no simulation). */
void engine_work_estimate(const struct scenario *sc, struct engine_work *w);
/* Run all replicates. `progress`, if given, is called from one thread. */
int engine_run(const struct scenario *sc, int threads, engine_progress_fn progress, void *ctx,
               struct run_store *out, struct error *e);
void engine_store_destroy(struct run_store *s);
/* The mean and the largest of a series' 12 month-end values in the store's
 * year y (October to September) in replicate k, the floats summed in double;
 * both NaN when any month is NA (annual.csv's NAME.year_mean and .year_max,
 * and targets on them). */
void engine_year_spread(const struct run_store *s, int k, int series, int y, float *mean,
                        float *max);
/* Set s->n_years, s->year and s->year_end for the scenario's horizon (as a
 * run does), e.g. to check a date before running. */
void engine_find_years(const struct scenario *sc, struct run_store *s);
static inline float *engine_monthly(const struct run_store *s, int k, int series)
{
    return s->monthly + ((size_t)k * (size_t)s->n_series + (size_t)series) * (size_t)s->months;
}
static inline float *engine_annual(const struct run_store *s, int k, int series)
{
    return s->annual + ((size_t)k * (size_t)s->n_series + (size_t)series) * (size_t)s->n_years;
}

/* Replicate k's money over the horizon: [part][basis] (metrics.h). */
static inline const double (*engine_money(const struct run_store *s, int k))[N_MONEY_BASES]
{
    return (const double(*)[N_MONEY_BASES])(s->money + (size_t)k * N_MONEY_PARTS * N_MONEY_BASES);
}

#endif

/* model: one replicate of the monthly simulation, run as
 * alloc -> reset(replicate) -> step ... -> free. Each month applies, in order:
 *   1. establishment changes dated this month;
 *   2. leaving: notice ends, resignations (each filled post's RNG_POSTS
 *      uniform);
 *   3. entry routes: training outcomes, moves to the completion grade
 *      (routes.h);
 *   4. recruitment: starts of accepted offers, fills of vacancies open since
 *      before this month (each such post's RNG_POSTS uniform), internal
 *      promotions;
 *   5. campaigns dated this month, then the entry routes' intakes and
 *      flows due this month;
 *   6. agency: conversion, assignment ends, new cover (each vacant post's
 *      RNG_AGENCY uniform), the pool of agency not covering vacancies;
 *   6b. retention schemes: payments due, tie-ins, each worker's leaving
 *      multiplier and each grade's fill multiplier for next month
 *      (retention.h);
 *   7. caseloads, when the scenario has case types (caseload.h): closures,
 *      holders follow the workforce, transfers, arrivals, allocation; then
 *      the caseload feedback sets next month's leaving (feedback.h).
 * A process that starts, moves or removes a worker calls retention's hook for
 * the event (retention.h), which keeps each worker's retention history.
 * The caller observes the state (metrics) after each step. Model code never
 * prints and never allocates after model_alloc. */
#ifndef WFSIM_MODEL_H
#define WFSIM_MODEL_H

#include "model/rates.h"
#include "base/rng.h"
#include "model/caseload.h"
#include "model/retention.h"
#include "model/workforce.h"

/* What a month reports: every limit is sized at model_alloc from the
 * scenario, so reaching one means work was dropped and the replicate must
 * stop (its numbers would have work missing). */
enum model_status {
    MODEL_OK = 0,
    MODEL_POSTS_FULL,  /* establishment growth beyond the grade's post slots */
    MODEL_CASES_FULL,  /* an arrival beyond the case pool */
    MODEL_EVENTS_FULL, /* a transfer beyond the transfer events */
    N_MODEL_STATUSES
};

struct model {
    const struct scenario *sc;   /* the replicate's parameters: base, or own */
    const struct scenario *base; /* the scenario as given */
    struct scenario *own;        /* with parameter uncertainty: this replicate's draw */
    struct rates rt;
    struct workforce *wf;
    struct caseload *cases; /* NULL without case types */
    gsl_rng *r[N_RNG_STREAMS];
    /* this month's leaving thresholds (rt's, raised by caseload feedback) */
    uint64_t leave_threshold[SCENARIO_MAX_GRADES * N_TENURE_BANDS * (SCENARIO_MAX_CAMPAIGNS + 1)];
    double leaving_multiplier;
    struct retention retention;
    uint64_t fill_threshold[SCENARIO_MAX_GRADES]; /* rt's, raised by retention schemes */
};

/* The model of one replicate of sc (which must outlive it); NULL on failure
 * (nothing left allocated). Free with model_free. */
struct model *model_alloc(const struct scenario *sc);
/* Bytes model_alloc requests for the scenario: its workforce, caseload,
 * random streams and parameter copy (without the allocator's overhead). */
size_t model_bytes(const struct scenario *sc);
void model_free(struct model *m);
/* Seed replicate k's streams from (sc->seed, k), draw the replicate's
 * parameters when the scenario has parameter uncertainty (uncertainty.h) and
 * lay out month 0. */
void model_reset(struct model *m, long replicate);
/* Advance one month. Returns MODEL_OK, or the limit that stopped the month
 * part-way (the state is then incomplete: reset before stepping again). */
enum model_status model_step(struct model *m);
/* What a status means, for messages (a static string). */
const char *model_status_text(enum model_status s);
/* Calendar month (see month.h) of the current simulation month. */
int model_calendar_month(const struct model *m);

#endif

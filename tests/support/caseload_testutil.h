/* caseload_testutil: set-up shared by the caseload suites (header only: the
 * Makefile links each suite with testutil.o alone). */
#ifndef WFSIM_CASELOAD_TESTUTIL_H
#define WFSIM_CASELOAD_TESTUTIL_H

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/caseload.h"
#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "model/model.h"

/* Scenario text: grades and case types, with `extra` as an overlay (so it
 * can add to the groups here). Notice 0, no delays, no agency, so the
 * workforce only moves where a test says so. */
static inline struct scenario *ct_load(const char *start, int months, int reps, const char *grades,
                                       const char *types, const char *extra)
{
    char text[8192];
    snprintf(text, sizeof text,
             "name = \"cases\";\n"
             "simulation = { start = \"%s\"; months = %d; replicates = %d; seed = 80317L; };\n"
             "grades = { %s };\n"
             "leaving = { notice_months = 0; };\n"
             "recruitment = { advert_delay_months = 0; start_delay_months = 0; };\n"
             "agency = { cover_probability = 0.0; monthly_conversion_probability = 0.0; };\n"
             "case_types = { %s };\n",
             start, months, reps, grades, types);
    struct scenario *sc = testutil_load_new(text, extra[0] ? extra : NULL, 0, NULL);
    return sc;
}

static inline int ct_active(const struct holder *h)
{
    return h->bucket >= 0;
}

enum ct_slot { CT_FREE, CT_HELD, CT_WAITING };

/* Mark each case slot free (on the free list), held (in an active holder's
 * list, which must agree with the case's holder) or waiting (every other
 * slot); the waiting count must be the queue's. */
static inline void ct_classify(const struct caseload *c, unsigned char *kind)
{
    memset(kind, CT_WAITING, (size_t)c->capacity);
    for (int ci = c->free_head; ci >= 0; ci = c->cases[ci].next)
        kind[ci] = CT_FREE;
    for (int i = 0; i < c->n_posts; i++) {
        const struct holder *h = &c->holder[i];
        for (int n = 0; ct_active(h) && n < h->count; n++) {
            assert_int_equal(c->cases[h->held[n]].holder, i);
            kind[h->held[n]] = CT_HELD;
        }
    }
    int waiting = 0;
    for (int ci = 0; ci < c->capacity; ci++)
        waiting += kind[ci] == CT_WAITING;
    assert_int_equal(waiting, c->n_queued);
}

/* Observe the caseload metrics of a model's current month into out. */
static inline void ct_observe(const struct model *m, float *out)
{
    metrics_observe_cases(m->cases, m->wf, m->leaving_multiplier, m->sc, out);
}

static inline double ct_metric(const struct scenario *sc, const float *out, int metric)
{
    return out[metrics_series(metric, 0, sc->n_grades)];
}

#endif

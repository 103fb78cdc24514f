/* model: the monthly event order (see sim/model/model.h). */
#include "model/model.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/agency.h"
#include "model/establishment.h"
#include "model/feedback.h"
#include "model/leaving.h"
#include "model/recruitment.h"
#include "model/routes.h"
#include "model/uncertainty.h"

struct model *model_alloc(const struct scenario *sc)
{
    /* a validated scenario (scenario_keys.c holds these bounds) */
    assert(sc->n_grades >= 1 && sc->n_grades <= SCENARIO_MAX_GRADES);
    assert(sc->months >= 1 && sc->months <= SCENARIO_MAX_MONTHS);
    assert(sc->n_campaigns <= SCENARIO_MAX_CAMPAIGNS && sc->n_schemes <= SCENARIO_MAX_SCHEMES);
    struct model *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->sc = m->base = sc;
    if (uncertainty_enabled(sc)) {
        if ((m->own = malloc(sizeof *m->own)) == NULL) {
            free(m);
            return NULL;
        }
        *m->own = *sc;
        m->sc = m->own;
    }
    rates_init(&m->rt, sc);
    m->wf = workforce_alloc(sc);
    if (m->wf != NULL && sc->n_case_types > 0)
        m->cases = caseload_alloc(sc, m->wf);
    if (m->wf == NULL || (sc->n_case_types > 0 && m->cases == NULL) ||
        retention_init(&m->retention, m->wf->capacity) != 0 || rng_alloc_streams(m->r) != 0) {
        model_free(m);
        return NULL;
    }
    return m;
}

size_t model_bytes(const struct scenario *sc)
{
    size_t n = sizeof(struct model) + workforce_bytes(sc) +
               retention_bytes(workforce_capacity(sc)) + rng_streams_bytes();
    if (uncertainty_enabled(sc))
        n += sizeof(struct scenario);
    if (sc->n_case_types > 0)
        n += caseload_bytes(sc, workforce_capacity(sc));
    return n;
}

void model_free(struct model *m)
{
    if (m == NULL)
        return;
    caseload_free(m->cases);
    retention_destroy(&m->retention);
    workforce_free(m->wf);
    rng_free_streams(m->r);
    free(m->own);
    free(m);
}

/* Next month's leaving from this month's caseload pressure. */
static void apply_feedback(struct model *m)
{
    if (!m->sc->feedback_enabled)
        return;
    double p = caseload_mean_pressure(m->cases, m->sc, m->wf->month);
    double mult = feedback_multiplier(m->sc, p);
    if (mult != m->leaving_multiplier) {
        m->leaving_multiplier = mult;
        feedback_thresholds(m->sc, &m->rt, mult, m->leave_threshold);
    }
}

void model_reset(struct model *m, long replicate)
{
    rng_seed_streams(m->r, m->sc->seed, replicate);
    for (int c = 0; c < N_RNG_COUNTERS; c++)
        m->wf->key[c] = rng_counter_key(m->sc->seed, replicate, (enum rng_counter)c);
    if (m->own != NULL) {
        struct uncertainty u;
        uncertainty_draw(m->base, m->r[RNG_PARAMS], &u);
        uncertainty_apply(m->base, &u, m->own);
        rates_init(&m->rt, m->own);
        if (m->cases != NULL)
            caseload_set_demand_scale(m->cases, u.demand);
    }
    workforce_reset(m->wf, m->sc, m->r[RNG_INIT]);
    memcpy(m->leave_threshold, m->rt.leave_threshold, sizeof m->leave_threshold);
    memcpy(m->fill_threshold, m->rt.fill_threshold, sizeof m->fill_threshold);
    m->leaving_multiplier = 1.0;
    retention_reset(&m->retention, m->sc, m->r[RNG_PARAMS]);
    if (m->cases != NULL) {
        caseload_reset(m->cases, m->sc, m->wf, m->r[RNG_DEMAND]);
        apply_feedback(m);
    }
}

int model_calendar_month(const struct model *m)
{
    return m->sc->start_month + m->wf->month;
}

const char *model_status_text(enum model_status s)
{
    static const char *const text[N_MODEL_STATUSES] = {
        [MODEL_OK] = "no error",
        [MODEL_POSTS_FULL] = "establishment growth needs more posts than were sized for its grade",
        [MODEL_CASES_FULL] = "more cases arrived than the case pool holds (far beyond the "
                             "expected arrivals)",
        [MODEL_EVENTS_FULL] = "more case transfers are pending than the transfer events hold",
    };
    assert(s >= 0 && s < N_MODEL_STATUSES);
    return text[s];
}

enum model_status model_step(struct model *m)
{
    struct workforce *wf = m->wf;
    const struct scenario *sc = m->sc;
    workforce_next_month(wf);
    int month = model_calendar_month(m);
    if (establishment_step(wf, sc, month) != 0)
        return MODEL_POSTS_FULL;
    struct retention *rs = &m->retention;
    leaving_step(wf, rs, sc, &m->rt, m->leave_threshold);
    routes_step(wf, rs, sc, &m->rt, m->r[RNG_EVENTS]);
    recruitment_step(wf, rs, sc, &m->rt, m->fill_threshold, m->r[RNG_EVENTS]);
    recruitment_campaign_step(wf, rs, sc, &m->rt, m->r[RNG_EVENTS], month);
    routes_intake_step(wf, rs, sc, &m->rt, m->r[RNG_EVENTS], month);
    agency_step(wf, rs, sc, &m->rt, m->r[RNG_POOL]);
    if (sc->n_schemes > 0) {
        retention_step(rs, wf, sc);
        for (int g = 0; g < sc->n_grades; g++)
            m->fill_threshold[g] = rng_threshold(m->rt.fill[g] * m->retention.fill_multiplier[g]);
    }
    if (m->cases != NULL) {
        enum caseload_full full = caseload_step(m->cases, sc, wf, m->r[RNG_DEMAND]);
        if (full != CASELOAD_OK)
            return full == CASELOAD_CASES_FULL ? MODEL_CASES_FULL : MODEL_EVENTS_FULL;
        apply_feedback(m);
    }
    return MODEL_OK;
}

/* retention: schemes, payments, clawback and the behavioural response
 * (see sim/model/retention.h). */
#include "model/retention.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

_Static_assert(SCENARIO_MAX_SCHEMES <= sizeof(((struct retention_worker *)0)->paid) * CHAR_BIT,
               "retention_worker.paid has a bit per scheme");
_Static_assert(SCENARIO_MAX_SCHEMES <= UINT8_MAX + 1, "retention_worker.tie_scheme is a uint8_t");
_Static_assert(SCENARIO_MAX_GRADES <= sizeof(((struct scheme_params *)0)->grade_mask) * CHAR_BIT,
               "scheme_params.grade_mask has a bit per grade");
/* tied_until is at most the horizon plus the longest tie-in */
_Static_assert(SCENARIO_MAX_MONTHS + SCENARIO_MAX_DELAY_MONTHS <= INT16_MAX,
               "retention_worker months are int16_t");

int retention_init(struct retention *rs, int capacity)
{
    memset(rs, 0, sizeof *rs);
    rs->worker = calloc(capacity > 0 ? (size_t)capacity : 1, sizeof *rs->worker);
    if (rs->worker == NULL)
        return -1;
    rs->capacity = capacity;
    return 0;
}

void retention_destroy(struct retention *rs)
{
    free(rs->worker);
    rs->worker = NULL;
    rs->capacity = 0;
}

size_t retention_bytes(int capacity)
{
    return (size_t)(capacity > 0 ? capacity : 0) * sizeof(struct retention_worker);
}

static const struct retention_worker no_history = {.retain = 1.0f};

void retention_on_start(struct retention *rs, int i)
{
    assert(i >= 0 && i < rs->capacity);
    rs->worker[i] = no_history;
}

void retention_on_move(struct retention *rs, int from, int to)
{
    assert(from >= 0 && from < rs->capacity && to >= 0 && to < rs->capacity);
    rs->worker[to] = rs->worker[from];
}

void retention_on_leave(const struct retention *rs, struct workforce *wf, const struct scenario *sc,
                        int i)
{
    wf->flow[wf->post[i].grade].clawback_recovered_gbp +=
        retention_clawback(sc, &rs->worker[i], wf->month);
}

double retention_payment(const struct scheme_params *s, double salary)
{
    return s->amount_gbp + s->salary_share * salary; /* full-time; pro-rated by FTE when paid */
}

double retention_draw_elasticity(const struct scenario *sc, gsl_rng *r)
{
    double lo = sc->elasticity_min, mean = sc->elasticity_mean, sd = sc->elasticity_sd;
    if (sd <= 0)
        return mean;
    for (int tries = 0; tries < 1000; tries++) {
        double e = mean + gsl_ran_gaussian_ziggurat(r, sd);
        if (e >= lo && e <= 0)
            return e;
    }
    return mean; /* the truncation window holds almost no mass: use the mean */
}

/* The replicate's clawback weight: a normal(weight, sd) truncated to [0, 3
 * weight], drawn (after the elasticity) only when some scheme has a
 * clawback, so other scenarios' draws are unchanged. */
static double draw_clawback_weight(const struct scenario *sc, gsl_rng *r)
{
    int any = 0;
    for (int k = 0; k < sc->n_schemes; k++)
        any |= sc->scheme[k].clawback != CLAWBACK_NONE && sc->scheme[k].tie_in_months > 0;
    double mean = sc->clawback_weight, sd = sc->clawback_weight_sd;
    if (!any || sd <= 0 || mean <= 0)
        return mean;
    for (int tries = 0; tries < 1000; tries++) {
        double w = mean + gsl_ran_gaussian_ziggurat(r, sd);
        if (w >= 0 && w <= 3 * mean)
            return w;
    }
    return mean;
}

void retention_reset(struct retention *rs, const struct scenario *sc, gsl_rng *r)
{
    rs->elasticity = retention_draw_elasticity(sc, r);
    rs->clawback_weight = draw_clawback_weight(sc, r);
    for (int s = 0; s < SCENARIO_MAX_SCHEMES; s++)
        rs->spent[s] = 0;
    for (int g = 0; g < SCENARIO_MAX_GRADES; g++)
        rs->fill_multiplier[g] = 1.0;
    for (int i = 0; i < rs->capacity; i++)
        rs->worker[i] = no_history;
}

double retention_clawback(const struct scenario *sc, const struct retention_worker *w, int month)
{
    if (w->paid == 0 || month >= w->tied_until || w->at_risk_gbp <= 0)
        return 0;
    const struct scheme_params *s = &sc->scheme[w->tie_scheme];
    double owed = w->at_risk_gbp;
    if (s->clawback == CLAWBACK_NONE)
        return 0;
    if (s->clawback == CLAWBACK_PRO_RATA && w->tied_until > w->tied_from)
        owed *= (double)(w->tied_until - month) / (double)(w->tied_until - w->tied_from);
    return owed * s->clawback_recovered_share;
}

static int active(const struct scheme_params *s, int cal)
{
    return cal >= s->start && (s->end == 0 || cal <= s->end);
}

/* Calendar month eligibility begins for this worker, or -1 if never. */
static int eligible_from(const struct scheme_params *s, const struct scenario *sc,
                         const struct post *p)
{
    int started = sc->start_month + p->started;
    int is_new = started >= s->start;
    if ((s->eligible == WHO_EXISTING && is_new) || (s->eligible == WHO_NEW && !is_new))
        return -1;
    if (s->kind == SCHEME_GOLDEN_HELLO && !is_new)
        return -1; /* a hello is for starters */
    /* eligibility begins at the scheme start or once the minimum service is served */
    int from = started + s->min_service_months;
    from = from > s->start ? from : s->start;
    if (s->end != 0 && from > s->end)
        return -1;
    return from;
}

static int due_month(const struct scheme_params *s, int from)
{
    return s->kind == SCHEME_LUMP_SUM ? from + s->milestone_months : from;
}

/* Annual value over salary of a scheme the worker is counting on. */
static double value(const struct scheme_params *s, double salary)
{
    if (salary <= 0)
        return 0;
    double v = retention_payment(s, salary) / salary;
    if (s->kind == SCHEME_SUPPLEMENT)
        return v;
    int span = (s->kind == SCHEME_LUMP_SUM ? s->milestone_months : 0) + s->tie_in_months;
    return v * 12.0 / (span > 12 ? span : 12);
}

/* One worker: payments due, then the schemes they count on now. */
static double worker_step(struct retention *rs, struct workforce *wf, const struct scenario *sc,
                          const struct post *p, struct retention_worker *w, int cal, int *eligible,
                          int *tied)
{
    double salary = sc->grade[p->grade].salary_gbp, v = 0;
    for (int k = 0; k < sc->n_schemes; k++) {
        const struct scheme_params *s = &sc->scheme[k];
        if (!(s->grade_mask & (1u << p->grade)))
            continue;
        int from = eligible_from(s, sc, p);
        if (from < 0 || cal < from)
            continue;
        double pay = retention_payment(s, salary) * p->fte; /* pro rata for part-time posts */
        if (s->kind == SCHEME_SUPPLEMENT) {
            double month_pay = pay / 12;
            if (active(s, cal) &&
                (s->budget_gbp <= 0 || rs->spent[k] + month_pay <= s->budget_gbp)) {
                rs->spent[k] += month_pay;
                wf->flow[p->grade].retention_paid_gbp += month_pay;
                v += value(s, salary);
                *eligible = 1;
            }
            continue;
        }
        int paid = (w->paid >> k) & 1;
        if (!paid && cal >= due_month(s, from)) {
            if (s->budget_gbp > 0 && rs->spent[k] + pay > s->budget_gbp)
                continue; /* the budget is spent: no payment, nothing to count on */
            rs->spent[k] += pay;
            wf->flow[p->grade].retention_paid_gbp += pay;
            w->paid |= (uint8_t)(1u << k);
            paid = 1;
            if (s->tie_in_months > 0 && wf->month + s->tie_in_months > w->tied_until) {
                w->tied_from = (int16_t)wf->month;
                w->tied_until = (int16_t)(wf->month + s->tie_in_months);
                w->tie_scheme = (uint8_t)k;
                w->at_risk_gbp = (float)pay;
            }
        }
        /* the multiplier applies to next month's leaving: count on the scheme
         * while next month is still inside the tie-in */
        int this_scheme = paid && w->tie_scheme == k;
        int tied_now = this_scheme && wf->month < w->tied_until;
        int tied_next = this_scheme && wf->month + 1 < w->tied_until;
        if (!paid || tied_next)
            v += value(s, salary);
        if (!paid || tied_now) {
            *eligible = 1;
            *tied |= tied_now;
        }
    }
    return v;
}

/* What leaving would cost a worker inside a clawback's tie-in, as a
 * payment's value is counted: the repayment owed now (with its recovered
 * share) over the post's pay, x 12 / the months left of the tie-in (at
 * least 12). It applies, like the multiplier it enters, to next month. */
static double lock_in(const struct scenario *sc, const struct post *p,
                      const struct retention_worker *w, int month)
{
    double pay = sc->grade[p->grade].salary_gbp * p->fte;
    if (pay <= 0 || month + 1 >= w->tied_until)
        return 0;
    double owed = retention_clawback(sc, w, month);
    int left = w->tied_until - month;
    return owed > 0 ? owed / pay * 12.0 / (left > 12 ? left : 12) : 0;
}

void retention_step(struct retention *rs, struct workforce *wf, const struct scenario *sc)
{
    int cal = sc->start_month + wf->month;
    struct retention_worker *rw = rs->worker;
    for (int i = 0; i < wf->n_posts; i++) {
        const struct post *p = &wf->post[i];
        if (p->state != POST_FILLED)
            continue;
        struct retention_worker *w = &rw[i];
        int eligible = 0, tied = 0;
        double v = worker_step(rs, wf, sc, p, w, cal, &eligible, &tied);
        double m = 1 + rs->elasticity * (v + rs->clawback_weight * lock_in(sc, p, w, wf->month));
        w->retain = (float)(m > 0 ? m : 0);
        wf->flow[p->grade].eligible_fte += eligible ? p->fte : 0;
        wf->flow[p->grade].tied_in_fte += tied ? p->fte : 0;
    }
    for (int g = 0; g < sc->n_grades; g++) {
        double v = 0;
        for (int k = 0; k < sc->n_schemes; k++) {
            const struct scheme_params *s = &sc->scheme[k];
            if ((s->grade_mask & (1u << g)) && s->eligible != WHO_EXISTING && active(s, cal) &&
                (s->kind == SCHEME_GOLDEN_HELLO || s->kind == SCHEME_SUPPLEMENT))
                v += value(s, sc->grade[g].salary_gbp);
        }
        rs->fill_multiplier[g] = 1 + sc->recruitment_elasticity * v;
    }
}

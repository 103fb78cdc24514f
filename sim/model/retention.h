/* retention: retention payment schemes and the response to them.
 *
 * Schemes (any number, stacking), each for its grades and for existing staff
 * (in post before its start), new starters (starting after it) or both:
 *   golden_hello  paid to a new starter on starting;
 *   upfront       paid when eligibility begins (the start for existing staff);
 *   lump_sum      paid after milestone_months of eligibility;
 *   supplement    salary_share x salary (+ amount_gbp) a year, paid monthly
 *                 while the scheme runs.
 * A one-off payment ties the worker in for tie_in_months: leaving earlier
 * owes the payment back (full) or the share of the tie-in not served
 * (pro_rata), of which clawback_recovered_share is recovered. A budget cap
 * stops payments once reached (payments go in post order each month).
 *
 * Response. A worker's leaving probability is multiplied by
 *   max(0, 1 + e x v)
 * while a scheme pays them a supplement, while they wait for a one-off
 * payment they are eligible for, and during its tie-in; v sums, over those
 * schemes, the payment's annual value over salary (a one-off P counts as
 * P / salary x 12 / T, T the months from eligibility to the end of its tie-in,
 * at least 12). e, the pay elasticity of exit, is drawn once per replicate from
 * a normal(elasticity_mean, elasticity_sd) truncated to [elasticity_min, 0]
 * (about -3 from Sims & Benhenda 2022; near 0 from NFER 2025), so the bands
 * carry parameter uncertainty. Inside a tie-in with a clawback, the
 * repayment owed on leaving adds clawback_weight x u to v, u the owed amount
 * over pay counted as a payment is (docs/model.md, "lock-in"). A
 * deferral_share of the workers who decide to
 * leave while tied in wait until the tie-in ends: the cliff of leavers after
 * the last payment. While a golden hello or supplement is open to new
 * starters of a grade, its fill probability is multiplied by
 * 1 + recruitment_elasticity x v (Falch 2011).
 *
 * Each worker's retention history (schemes paid, the last tie-in, the
 * leaving multiplier) lives here, in a side array by post that follows the
 * worker: the processes that cause an event call the hooks below
 * (retention_on_start when a worker new to the council takes a post,
 * retention_on_move when a worker changes post, retention_on_leave before a
 * worker leaves). The workforce knows nothing of retention. */
#ifndef WFSIM_RETENTION_H
#define WFSIM_RETENTION_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "wfsim/scenario.h"
#include "model/workforce.h"

/* The retention history of the worker in a post (meaningful while it is filled). */
struct retention_worker {
    float at_risk_gbp;             /* clawback owed on leaving before tied_until (full) */
    float retain;                  /* leaving multiplier from retention schemes (1: none) */
    int16_t tied_from, tied_until; /* the last tie-in */
    uint8_t paid;                  /* schemes that have paid this worker, a bit each */
    uint8_t tie_scheme;            /* the scheme of the last tie-in */
};

struct retention {
    double elasticity;                  /* this replicate's draw */
    double clawback_weight;             /* this replicate's draw of the lock-in's weight */
    double spent[SCENARIO_MAX_SCHEMES]; /* paid so far, against budgets */
    double fill_multiplier[SCENARIO_MAX_GRADES];
    struct retention_worker *worker; /* by post index, `capacity` of them */
    int capacity;
};

/* Allocate the side array for a workforce of up to `capacity` posts (its
 * wf->capacity) into the caller's *rs. Returns 0, or -1 out of memory (then
 * *rs holds nothing to destroy). */
int retention_init(struct retention *rs, int capacity);
/* Free what retention_init allocated; safe on a zeroed or destroyed *rs. */
void retention_destroy(struct retention *rs);
/* Bytes retention_init allocates for `capacity` posts (memory estimates). */
size_t retention_bytes(int capacity);
/* Draw the replicate's elasticity from r (RNG_PARAMS), clear the budgets and
 * give every post's worker an empty history (month 0: no one has been paid). */
void retention_reset(struct retention *rs, const struct scenario *sc, gsl_rng *r);
/* A worker new to the council takes post i (a start or a locum's
 * conversion): no retention history. */
void retention_on_start(struct retention *rs, int i);
/* The worker in post `from` moves to post `to`, keeping their history. */
void retention_on_move(struct retention *rs, int from, int to);
/* The worker in post i is about to leave (before workforce_leave): books the
 * clawback recovered into the month's flows of the post's grade. */
void retention_on_leave(const struct retention *rs, struct workforce *wf, const struct scenario *sc,
                        int i);
/* Payments due this month, tie-ins, each worker's leaving multiplier for next
 * month, the grades' fill multipliers, and the eligible and tied-in FTE. */
void retention_step(struct retention *rs, struct workforce *wf, const struct scenario *sc);
/* The payment of scheme s to a worker on salary `salary`. */
double retention_payment(const struct scheme_params *s, double salary);
/* Clawback recovered if a worker with history w leaves in simulation month m. */
double retention_clawback(const struct scenario *sc, const struct retention_worker *w, int month);
/* The elasticity drawn for replicate k of a scenario (as retention_reset). */
double retention_draw_elasticity(const struct scenario *sc, gsl_rng *r);

#endif

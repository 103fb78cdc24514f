/* caseload: cases, who holds them, and the children's continuity of worker.
 *
 * Case holders are the permanent worker of each filled post and the agency
 * worker covering each open post, in grades that hold cases (agency workers
 * not covering a vacancy hold none). A holder's target is the grade's
 * target_caseload x FTE x (1 - absence_rate), x the entry route's
 * protected_caseload_share while in training (routes.h; the ASYE: 90%). Each month, after the
 * workforce has moved (model.h, step 7):
 *   1. cases due to close this month close;
 *   2. holders are matched with the posts: a holder who has gone (left,
 *      moved post, agency assignment ended, replaced) releases every case to
 *      the back of the queue, and new holders start empty;
 *   3. scheduled transfers (transfer_after_months after first allocation)
 *      move the case to another holder with room (none: it stays);
 *   4. new cases arrive (demand.h) at the back of the queue;
 *   5. the queue is served: cases that lost their worker first (they are
 *      children already being worked with), then new cases, each oldest
 *      first (first in, first out); each case goes to the holder with
 *      the most spare capacity (target - load), in its preferred grade first,
 *      while one has room for its weight; with overflow "over_target", then
 *      to the holder with most spare capacity up to hard_cap_ratio x target.
 *      Serving stops at the first case that fits nowhere.
 * A case's clock (its duration) starts at its first allocation. Every
 * allocation after the first is a change of social worker (a transfer).
 * Holders sit in buckets by whole units of spare capacity, so an allocation
 * costs O(1); closures are filed by month when a case is first allocated, so
 * no case costs work in a month where nothing happens to it. */
#ifndef WFSIM_CASELOAD_H
#define WFSIM_CASELOAD_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "model/demand.h"
#include "wfsim/scenario.h"
#include "model/workforce.h"

#define CASELOAD_WINDOW 12 /* months of the 3+ workers indicator */

struct case_rec {
    int32_t holder;     /* post index of the holder, or -1 while waiting */
    int32_t prev, next; /* waiting: the queue; held: prev is the place in the
                           holder's array; free: next is the free list */
    int32_t close_next; /* cases closing in the same month */
    int16_t close_at;   /* month it closes, -1 until first allocated */
    int16_t waiting_since;
    int16_t t1, t2;   /* months of the last two allocations */
    int16_t duration; /* months from first allocation to closure */
    int16_t age;      /* months open before month 0 (cases open at the start) */
    uint16_t gen;     /* bumped when the slot is reused */
    uint8_t type;
    uint8_t n_alloc; /* allocations so far, saturating at 3 */
    uint8_t queue;   /* waiting: which queue (released or new) */
};

#define CASELOAD_UNIT 1024 /* case weights and targets in 1/1024 of a case */

struct holder {
    int32_t *held;        /* the cases held: held[0 .. count) */
    int32_t bprev, bnext; /* bucket list */
    int16_t bucket;       /* -1 when not a holder */
    uint16_t tenancy;     /* the post's tenancy when this holder began */
    uint8_t agency, training, grade;
    int32_t count;
    int32_t load, target; /* case weight held and target, in CASELOAD_UNITs */
};

struct transfer_event {
    int32_t case_index, next;
    uint16_t gen;
};

/* A pool sized at caseload_alloc that ran out. */
enum caseload_full {
    CASELOAD_OK = 0,
    CASELOAD_CASES_FULL, /* an arrival found no free case slot */
    CASELOAD_EVENTS_FULL /* a transfer found no free event slot */
};

struct caseload {
    int n_types, months, n_grades;
    int capacity; /* case slots */
    struct case_rec *cases;
    int free_head, n_open;
    int32_t weight[SCENARIO_MAX_CASE_TYPES]; /* case weights in CASELOAD_UNITs */
    int open_by_type[SCENARIO_MAX_CASE_TYPES];
    double open_weight;
    int n_posts; /* holders: one per post of the workforce */
    struct holder *holder;
    int32_t *held;  /* n_posts x per_holder case indices */
    int per_holder; /* most cases a holder can hold */
    int *bucket;    /* bucket heads: [grade][key] */
    int bucket_top[SCENARIO_MAX_GRADES];
    int holding[SCENARIO_MAX_GRADES], n_holding; /* the case-holding grades, in order */
    int queue_head[2], queue_tail[2], n_queued;  /* [0]: released cases, [1]: new */
    double queue_since_sum, queue_weight;
    int *close_head; /* by month */
    struct transfer_event *event;
    int *event_head; /* by month */
    int event_free;
    int three_plus[CASELOAD_WINDOW];  /* open cases with 3+ workers, by t2 % 12 */
    double pressure[CASELOAD_WINDOW]; /* ring by month */
    double leaving_multiplier;        /* for next month's leaving */
    int transfers;                    /* changes of worker this month */
    enum caseload_full exhausted;     /* the first pool that ran out (caseload_step) */
    unsigned long long events;        /* arrivals, allocations and closures so far */
    struct demand *demand;
};

/* Sized for the scenario and wf's posts; NULL on failure (nothing left
 * allocated). Free with caseload_free. */
struct caseload *caseload_alloc(const struct scenario *sc, const struct workforce *wf);
/* Bytes caseload_alloc requests for the scenario and a workforce of
 * `n_posts` post slots (workforce_capacity), its demand included. */
size_t caseload_bytes(const struct scenario *sc, int n_posts);
void caseload_free(struct caseload *c);
/* Month 0: holders from the workforce, the initial open cases allocated. */
void caseload_reset(struct caseload *c, const struct scenario *sc, const struct workforce *wf,
                    gsl_rng *r);
/* Steps 1-5 above for month wf->month, drawing from r (RNG_DEMAND). Returns
 * CASELOAD_OK, or the pool that ran out this month or at caseload_reset (an
 * arrival or a transfer was then dropped: the replicate must stop). */
enum caseload_full caseload_step(struct caseload *c, const struct scenario *sc,
                                 const struct workforce *wf, gsl_rng *r);
/* Case holders of one grade, or of every case-holding grade. */
struct caseload_holders {
    double fte;          /* FTE of the case holders */
    double n;            /* case holders */
    double cases;        /* cases they hold */
    double over_target;  /* holders whose case weight exceeds their target */
    double agency_cases; /* cases held by agency workers */
};

/* What the caseload looks like after month wf->month: the figures the
 * caseload metrics are made of (metrics.h). */
struct caseload_obs {
    struct caseload_holders grade[SCENARIO_MAX_GRADES]; /* zero for grades holding none */
    struct caseload_holders all;                        /* the case-holding grades together */
    int open, queued;     /* open cases; of which waiting for a worker */
    double queued_months; /* months the waiting cases have waited, summed */
    int transfers;        /* changes of worker this month */
    int three_plus;       /* caseload_three_plus */
    double pressure;      /* caseload_mean_pressure at this month */
    int open_by_type[SCENARIO_MAX_CASE_TYPES];
};

/* Fill *o from the caseload and the workforce it follows (after
 * caseload_step or caseload_reset of the same month). */
void caseload_observe(const struct caseload *c, const struct scenario *sc,
                      const struct workforce *wf, struct caseload_obs *o);
/* Open cases with 3 or more workers in the last 12 months (as of the month
 * last stepped). */
int caseload_three_plus(const struct caseload *c);
/* Scale this replicate's arrivals (parameter uncertainty, uncertainty.h). */
void caseload_set_demand_scale(struct caseload *c, double scale);
/* Pressure averaged over the feedback window ending at `month`. */
double caseload_mean_pressure(const struct caseload *c, const struct scenario *sc, int month);

#endif

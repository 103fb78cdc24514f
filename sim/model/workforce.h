/* workforce: the state of one replicate — posts, the permanent worker in each
 * filled post, agency cover — and every transition of that state (a post
 * falls vacant, an offer is accepted, a permanent worker starts, a worker
 * moves post, agency cover begins or ends, a post is cut). Processes change
 * posts only through these functions, which keep the stocks by grade and the
 * list of open vacancies up to date, so that observing a month and visiting
 * the vacancies cost O(vacancies + grades), not O(posts).
 * Posts never change grade; workers move between posts. A vacancy counts
 * from the day the post falls vacant until a permanent starter starts (DfE). */
#ifndef WFSIM_WORKFORCE_H
#define WFSIM_WORKFORCE_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "model/rates.h"
#include "base/rng.h"
#include "wfsim/scenario.h"

enum post_state { POST_FILLED, POST_VACANT, POST_OFFERED, POST_CLOSED };

enum post_flag {
    PF_AGENCY = 1u,   /* vacant or offered, covered by an agency worker */
    PF_NOTICE = 2u,   /* filled, the worker has resigned and works notice */
    PF_TRAINING = 4u, /* filled by a trainee of the grade's entry route */
    PF_AWAITING = 8u, /* passed the training, waits for a post in the completion grade */
    PF_DEFERRED = 16u /* decided to leave, waits for the tie-in to end */
};

enum leaver_destination { DEST_LEAVE_SECTOR, DEST_TO_AGENCY, DEST_TO_OTHER_LA, N_DESTINATIONS };

/* Events are stored as the simulation month they happen, so the monthly
 * passes read posts and write only the few that change. */
struct post {
    float fte;
    int16_t started;        /* filled: month the worker started at the council; service
                               at the end of month m is m - started (negative at month 0
                               for the initial stock) */
    int16_t since;          /* vacant/offered: month the vacancy opened */
    int16_t until;          /* filled on notice: month the worker leaves;
                               offered: month the starter starts */
    int16_t training_until; /* filled by a trainee: month the training ends */
    int16_t arrived;        /* filled: month the worker arrived in this post */
    uint8_t grade;
    uint8_t state;
    uint8_t flags;
    uint8_t campaign;    /* 1 + index of the campaign that hired the worker, or 0 */
    uint8_t destination; /* on notice: where the worker goes (enum leaver_destination) */
    uint16_t tenancy;    /* bumped whenever the post's worker (permanent or agency) changes */
};

#define WORKFORCE_FTE_EPS 1e-9 /* FTE below this is none */
#define WORKFORCE_RECENT 12    /* months of starters kept for the stability index */

/* Stocks of one grade, kept by the transitions. */
struct grade_stock {
    double establishment_fte, in_post_fte, vacancy_fte, offered_fte, cover_fte;
    double open_posts, since_sum; /* open vacancies and the sum of their `since` */
    double training_fte;          /* in post in the grade's entry route's training */
    /* FTE in post by start month, for starts in the last 12 months:
     * recent[started % 12] while started > month - 12 */
    double recent[WORKFORCE_RECENT];
};

/* Flows of the current month, per grade. */
struct flows {
    double starters_fte;
    double leavers_fte;
    double leavers_dest_fte[N_DESTINATIONS];
    int starts;          /* external permanent starts (workers, not FTE) */
    int campaign_starts; /* of which hired by a campaign */
    int trainee_starts;  /* of which starting the grade's entry route's training */
    double trainee_starters_fte;
    int vacancies_opened;     /* posts falling vacant or added (each advertised) */
    double campaign_cost_gbp; /* campaign fees of this month's campaign starts */
    double retention_paid_gbp, clawback_recovered_gbp;
    double eligible_fte, tied_in_fte; /* stocks at the retention step */
};

struct workforce {
    int month; /* simulation month: 0 is the initial state */
    int n_posts, capacity, n_grades;
    struct post *post;
    uint64_t key[N_RNG_COUNTERS]; /* this replicate's counter-based sources */
    /* post indices by grade: list[offset[g] .. offset[g] + count[g]) */
    int *list;
    int offset[SCENARIO_MAX_GRADES], count[SCENARIO_MAX_GRADES];
    /* open vacancies (vacant or offered), in no particular order */
    int *open, *open_at, n_open;
    struct grade_stock stock[SCENARIO_MAX_GRADES];
    double pending_cut_fte[SCENARIO_MAX_GRADES];
    double extra_agency_fte[SCENARIO_MAX_GRADES]; /* agency not covering a vacancy */
    int extra_agency_n[SCENARIO_MAX_GRADES];
    /* the part of that pool present at month 0 (the census's): only its
     * ending assignments can be taken over (agency.pool_replacement_probability);
     * locums who join later end at the usual rate */
    double census_pool_fte[SCENARIO_MAX_GRADES];
    int census_pool_n[SCENARIO_MAX_GRADES];
    double agency_fte; /* all agency FTE, for the cap */
    struct flows flow[SCENARIO_MAX_GRADES];
    int campaign_offers[SCENARIO_MAX_CAMPAIGNS]; /* offers each campaign made this month */
    /* workers who changed post this month (from, to; from == to for a locum
     * taking the post permanently) and the tenancy of `from` just before,
     * so the caseload can hand the worker's cases over */
    int *move_from, *move_to, n_moves;
    uint16_t *move_tenancy;
};

/* Sized for the scenario's largest establishment; NULL on failure (nothing
 * left allocated). Free with workforce_free. */
struct workforce *workforce_alloc(const struct scenario *sc);
/* Post slots workforce_alloc makes for the scenario (wf->capacity). */
int workforce_capacity(const struct scenario *sc);
/* Bytes workforce_alloc requests for the scenario (the struct and its
 * arrays, without the allocator's own overhead). */
size_t workforce_bytes(const struct scenario *sc);
void workforce_free(struct workforce *wf);
/* Lay out the month-0 state from the scenario, drawing the tenure mix and
 * vacancy ages from r (the RNG_INIT stream). The caller sets wf->key. */
void workforce_reset(struct workforce *wf, const struct scenario *sc, gsl_rng *r);
/* Advance the clock a month and clear the month's flows and moves. */
void workforce_next_month(struct workforce *wf);
/* Append a new vacant post of grade g (establishment growth). Returns its
 * index, or -1 (nothing added) when the grade's post slots, sized by
 * workforce_alloc for the scenario's growth, are used up. */
int workforce_add_post(struct workforce *wf, int grade, double fte);
/* Cut up to `fte` from open, not offered post i; returns the FTE cut. A post
 * cut to nothing closes; its agency cover shrinks with it. */
double workforce_cut(struct workforce *wf, int i, double fte);
/* The post falls vacant now; a pending cut closes it instead. */
void workforce_vacate(struct workforce *wf, int i);
/* Where a leaver goes, from a uniform v on [0, 1) and the scenario's shares. */
enum leaver_destination workforce_destination(const struct scenario *sc, double v);
/* A worker leaves the council from post i to destination d (a caller with
 * retention schemes books the clawback first: retention_on_leave). */
void workforce_leave(struct workforce *wf, int i, enum leaver_destination d);
/* A worker resigns and leaves at month `until` for destination d. */
void workforce_resign(struct workforce *wf, int i, int until, enum leaver_destination d);
/* An external offer for vacant post i is accepted; the starter starts at
 * month `until`. */
void workforce_offer(struct workforce *wf, int i, int until, int campaign_slot);
/* A permanent starter from outside the council takes open post i (the
 * caller gives them an empty retention history: retention_on_start). */
void workforce_start(struct workforce *wf, const struct scenario *sc, int i, int campaign_slot);
/* The worker in filled post i begins the training of the entry route of its
 * grade, started at month `from` (ends at from + training_months). Returns 1,
 * or 0 when no route trains the grade. */
int workforce_begin_training(struct workforce *wf, const struct scenario *sc, int i, int from);
/* The worker in post i ends their training (passed or failed). */
void workforce_end_training(struct workforce *wf, int i);
/* The worker in post `from` moves to open post `to` (internal, not a
 * starter or leaver); `from` falls vacant. The caller moves the worker's
 * retention history (retention_on_move). */
void workforce_move(struct workforce *wf, int from, int to);
/* The locum covering open post i takes it permanently: a starter, and the
 * same worker for the children they hold (retention_on_start, as a start). */
void workforce_convert(struct workforce *wf, const struct scenario *sc, int i);
/* Agency cover begins in open post i. */
void workforce_cover(struct workforce *wf, int i);
/* Uncover post i: its agency worker goes (released) or stays on as agency
 * not covering a vacancy. */
void workforce_end_cover(struct workforce *wf, int i, int keep_worker);
/* A vacant (not offered) post of grade g, scanning from a random place; -1 if
 * none. */
int workforce_find_vacant(const struct workforce *wf, gsl_rng *r, int grade);
/* A filled post of grade g whose worker can be promoted (not on notice, not in
 * or just out of training, not arrived in the post this month), scanning from
 * a random place; -1 if none. */
int workforce_find_promotable(const struct workforce *wf, gsl_rng *r, int grade);
/* FTE of grade g in post now who started in the last `window` months. */
double workforce_recent_fte(const struct workforce *wf, int g, int window);
/* Recompute every stock and the open list from the posts and compare with
 * the kept values; 0 if they agree (a check for tests). */
int workforce_check(const struct workforce *wf);

#endif

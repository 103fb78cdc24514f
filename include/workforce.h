/* workforce: the state of one replicate — posts, the permanent worker in each
 * filled post, agency cover — and the transitions every process shares
 * (a post falls vacant, a permanent worker starts, a worker moves post).
 * Posts never change grade; workers move between posts. A vacancy counts
 * from the day the post falls vacant until a permanent starter starts (DfE). */
#ifndef WFSIM_WORKFORCE_H
#define WFSIM_WORKFORCE_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "rates.h"
#include "scenario.h"

enum post_state { POST_FILLED, POST_VACANT, POST_OFFERED, POST_CLOSED };

enum post_flag {
    PF_AGENCY = 1u,  /* vacant or offered, covered by an agency worker */
    PF_NOTICE = 2u,  /* filled, the worker has resigned and works notice */
    PF_ASYE = 4u,    /* filled by a worker in the ASYE */
    PF_AWAITING = 8u /* passed the ASYE, waits for a post in the next grade */
};

enum leaver_destination { DEST_LEAVE_SECTOR, DEST_TO_AGENCY, DEST_TO_OTHER_LA, N_DESTINATIONS };

struct post {
    float fte;
    int16_t tenure_months; /* filled: months of service at the council */
    int16_t since;         /* vacant/offered: simulation month the vacancy opened */
    int8_t countdown;      /* filled on notice: months left; offered: months to start */
    int8_t asye_left;      /* months of ASYE left */
    uint8_t grade;
    uint8_t state;
    uint8_t flags;
    uint8_t campaign;    /* 1 + index of the campaign that hired the worker, or 0 */
    uint8_t destination; /* on notice: where the worker goes (enum leaver_destination) */
    uint8_t pad;
};

/* Flows of the current month, per grade. */
struct flows {
    double starters_fte;
    double leavers_fte;
    double leavers_dest_fte[N_DESTINATIONS];
};

struct workforce {
    int month; /* simulation month: 0 is the initial state */
    int n_posts, capacity, n_grades;
    struct post *post;
    double *u; /* this month's RNG_POSTS uniform for each post */
    /* post indices by grade: list[offset[g] .. offset[g] + count[g]) */
    int *list;
    int offset[SCENARIO_MAX_GRADES], count[SCENARIO_MAX_GRADES];
    double pending_cut_fte[SCENARIO_MAX_GRADES];
    double extra_agency_fte[SCENARIO_MAX_GRADES]; /* agency not covering a vacancy */
    int extra_agency_n[SCENARIO_MAX_GRADES];
    double agency_fte; /* all agency FTE, for the cap */
    struct flows flow[SCENARIO_MAX_GRADES];
};

/* Sized for the scenario's largest establishment; NULL on failure. */
struct workforce *workforce_alloc(const struct scenario *sc);
void workforce_free(struct workforce *wf);
/* Lay out the month-0 state from the scenario, drawing the tenure mix and
 * vacancy ages from r (the RNG_INIT stream). */
void workforce_reset(struct workforce *wf, const struct scenario *sc, gsl_rng *r);
/* Append a new vacant post (establishment growth). Returns its index or -1. */
int workforce_add_post(struct workforce *wf, int grade, double fte);
/* The post falls vacant now; a pending cut closes it instead. */
void workforce_vacate(struct workforce *wf, int i);
/* A worker leaves the council from post i to destination d. */
void workforce_leave(struct workforce *wf, int i, enum leaver_destination d);
/* A permanent starter from outside the council takes post i. */
void workforce_start(struct workforce *wf, const struct scenario *sc, int i, int campaign_slot);
/* The worker in post `from` moves to vacant post `to` (internal, not a
 * starter or leaver); `from` falls vacant. */
void workforce_move(struct workforce *wf, int from, int to);
/* A vacant (not offered) post of grade g, scanning from a random place; -1 if
 * none. */
int workforce_find_vacant(const struct workforce *wf, gsl_rng *r, int grade);
/* A filled post of grade g whose worker can be promoted (not on notice, not in
 * or just out of the ASYE), scanning from a random place; -1 if none. */
int workforce_find_promotable(const struct workforce *wf, gsl_rng *r, int grade);
/* Uncover post i: its agency worker goes (released) or stays on as agency
 * not covering a vacancy. */
void workforce_end_cover(struct workforce *wf, int i, int keep_worker);

#endif

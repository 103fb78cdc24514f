/* goal: the lever value that meets a target with a given probability. "How
 * many overseas recruits do we need to be under 10% vacancies by July with
 * 80% confidence?" is: the smallest value v of a numeric key (the lever,
 * KEY=MIN:MAX) at which P(v), the probability that the target holds, is at
 * least the confidence q; with `largest`, the largest such v (a lever where
 * more is worse, such as an agency cap).
 *
 * P(v) is estimated over the scenario's replicates, run at each value with
 * the same seed: replicate k sees the same random numbers at every v
 * (common random numbers), so P is paired across values and the difference
 * of two values' P has the standard error of a paired difference,
 * sd(d_k) / sqrt(R) with d_k = met_k(b) - met_k(a). With several targets,
 * a replicate meets the goal when every target holds in it (all in the same
 * replicate, by the same measure). P(v)'s own standard error is
 * sqrt(P (1 - P) / R).
 *
 * The search:
 *  1. A coarse grid of GOAL_GRID values, MIN to MAX evenly (the ends
 *     included; whole values for an integer key), is evaluated first.
 *  2. In search order (MIN upward; with `largest`, MAX downward), the first
 *     grid value that meets the confidence brackets the answer with the
 *     value before it. None: the goal is refused (unreachable), with the
 *     best probability reached and where. The first value (MIN, or MAX
 *     with `largest`): it is the answer (the range's end already meets it).
 *  3. An integer key is bisected on whole values until the bracket is two
 *     neighbours; the answer is the one that meets it. A continuous key is
 *     bracketed by GSL's bisection solver (gsl_root_fsolver_bisection) on
 *     P(v) - q, a value where P = q counting as meeting it, until the
 *     bracket is narrower than the tolerance, (MAX - MIN) / GOAL_TOLERANCE_DIVISOR;
 *     the answer is the bracket's end that meets it.
 *  4. The neighbours are evaluated: v - 1 and v + 1 for an integer key,
 *     v - tolerance and v + tolerance for a continuous one (those in range).
 *  5. Monotone response: every pair of evaluated values a < b is checked;
 *     P should rise with v (fall, with `largest`), and a pair where it goes
 *     the other way by more than GOAL_MONOTONE_SE paired standard errors
 *     refuses the goal, naming the pair that departs most.
 *
 * The Monte Carlo uncertainty of the answer is the interval of lever values
 * whose probability is within 1.96 standard errors of q: through the
 * evaluated values in lever order, P + 1.96 SE and P - 1.96 SE are joined
 * by straight lines, and the interval runs from where the first of them
 * reaches q to where the second does (in search order). It brackets the
 * value at which P crosses q; an integer key's answer is the first whole
 * value at or past that crossing. Where P - 1.96 SE never reaches q, the
 * interval stops at the range's end.
 *
 * Results, through the bundle: goal.csv (one row per evaluated value, in
 * lever order), goal_answer.csv (one row: the answer, its probability, its
 * neighbours', the interval and the tolerance), scenario.cfg (the scenario
 * at the answer, whose warnings the manifest lists) and manifest.txt.
 * Nothing is written when the goal is refused. */
#ifndef WFSIM_GOAL_H
#define WFSIM_GOAL_H

#include "wfsim/engine.h"
#include "wfsim/error.h"
#include "wfsim/scenario_load.h"
#include "wfsim/scenario_warn.h"
#include "wfsim/target.h"
#include "wfsim/vary.h"

#define GOAL_HEADER "value,probability,se,meets,step"
#define GOAL_ANSWER_HEADER                                                                         \
    "lever,search,target,measure,confidence,answer,probability,se,neighbour_below,"                \
    "probability_below,se_below,neighbour_above,probability_above,se_above,interval_low,"          \
    "interval_high,tolerance,answer_is_range_end"
#define GOAL_GRID 5
#define GOAL_TOLERANCE_DIVISOR 1000
#define GOAL_MONOTONE_SE 2.0
#define GOAL_MAX_TARGETS 8
#define GOAL_MAX_POINTS 128

struct goal_request {
    int n_files;
    const char *const *files;
    int n_sets;
    const struct assignment *sets;
    const char *lever; /* "KEY=MIN:MAX" */
    int n_targets;     /* 1 to GOAL_MAX_TARGETS, all to hold in the same replicate */
    const char *const *targets;
    double confidence;   /* in (0, 1) */
    const char *measure; /* "at_date", "first_met_by" or "kept_from"; NULL: at_date */
    int largest;         /* 0: the smallest value meeting it; 1: the largest */
    const char *out_dir; /* NULL: results/goal_<scenario name> */
    int threads;
    const char *command_line;
    /* called with the replicates done over all the evaluations so far and
     * an estimate of their total (it may grow); NULL: none */
    engine_progress_fn progress;
    void *progress_ctx;
};

/* An evaluated lever value. */
struct goal_point {
    double value, p, se;
    int step; /* the order of evaluation, from 1 */
};

struct goal_result {
    struct vary lever;
    char target[GOAL_MAX_TARGETS * (TARGET_TEXT_MAX + 5)]; /* the targets, joined by " and " */
    enum target_measure measure;
    double confidence, tolerance; /* tolerance: 1 for an integer key */
    int largest;
    struct goal_point answer;
    int has_below, has_above; /* the neighbours, when inside the range */
    struct goal_point below, above;
    double interval_low, interval_high;
    int at_range_end; /* the range's first value in search order meets it */
    int n_points;     /* in lever order */
    struct goal_point point[GOAL_MAX_POINTS];
    int replicates;
    int n_warnings; /* the scenario at the answer's (scenario_warn.h), also in the manifest */
    char warning[SCENARIO_MAX_WARNINGS][SCENARIO_WARNING_LEN];
    char dir[4096]; /* where the results were written */
};

/* Search, then write the results directory. Returns 0 with *res filled, or
 * -1 with e: an input error for a bad lever, target or measure, a scenario
 * that does not load at a value, an unreachable goal or a non-monotone
 * response (nothing written); a runtime error for a failed run or write. */
int goal_run(const struct goal_request *rq, struct goal_result *res, struct error *e);
/* A lever value in words: "14" for an integer key, "0.0734" (6 significant
 * digits) for a continuous one. */
void goal_value_text(const struct vary *v, double x, char *buf, size_t size);

#endif

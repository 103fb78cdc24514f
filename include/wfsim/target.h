/* target: a planner's target, "metric <= value at a date" (or >=), and the
 * probability a run meets it. Written "METRIC<=VALUE@DATE": METRIC is any
 * series name of wfsim metrics ("vacancy_rate", "caseload.sw"), VALUE a
 * number in the metric's unit (rates as fractions), DATE a month "YYYY-MM"
 * (the value at the end of that month) or a DfE reporting year "YYYY" (the
 * year's figure in annual.csv: the value at 30 September, or the year's sum
 * or mean as the metric says). A stock's METRIC.year_mean or METRIC.year_max
 * (as annual.csv has them) with a DfE year asks for the year's mean or its
 * worst month-end, October to September, not the census alone
 * ("vacancy_rate.year_max<=0.12@2026": under 12% in every month-end).
 *
 * Three probabilities over replicates, each with its Monte Carlo standard
 * error sqrt(p (1 - p) / R):
 *   at_date        the target holds at the date;
 *   first_met_by   it holds at some month (or year) from the start up to the
 *                  date (first passage: the date is reached at least once);
 *   kept_from      it holds at the date and at every later month (or year)
 *                  of the horizon: met by the date and stays met.
 * A comparison gives each option's probabilities and the paired difference
 * from the baseline (replicate k of both share their random numbers), with
 * the standard error of the paired difference, sd(d_k) / sqrt(R).
 * A replicate whose value is undefined (NA) does not meet the target.
 *
 * A run's targets are those its scenario declares (targets.<name>, with the
 * text "METRIC<=VALUE@DATE" made from their keys) and those given on the
 * command line (--target), in that order, a text given twice counted once;
 * every one is resolved against the scenario before the run starts, and
 * targets.csv (TARGET_HEADER) has one row per target and measure. */
#ifndef WFSIM_TARGET_H
#define WFSIM_TARGET_H

#include <stdio.h>

#include "wfsim/bundle.h"
#include "wfsim/engine.h"
#include "wfsim/error.h"
#include "wfsim/scenario.h"

#define TARGET_TEXT_MAX 200
#define TARGET_METRIC_MAX 96
#define TARGET_ORIGIN_MAX 600
#define TARGET_MAX 48 /* of one run: SCENARIO_MAX_TARGETS declared and 32 given */
#define TARGET_FILE "targets.csv"
#define TARGET_HEADER "scenario,target,measure,probability,se,diff_vs_baseline,diff_se"

enum target_op { TARGET_AT_MOST, TARGET_AT_LEAST };
enum target_spread { TARGET_VALUE, TARGET_YEAR_MEAN, TARGET_YEAR_MAX };
enum target_measure { TARGET_AT_DATE, TARGET_FIRST_MET_BY, TARGET_KEPT_FROM, N_TARGET_MEASURES };

struct target {
    char text[TARGET_TEXT_MAX];     /* "vacancy_rate<=0.1@2025-07": no spaces, the value's
                                       shortest form (0.10 is 0.1) */
    char origin[TARGET_ORIGIN_MAX]; /* where: "--target", "file:line: targets.<name>" */
    char metric[TARGET_METRIC_MAX];
    enum target_op op;
    double value;
    int month; /* the calendar month (month.h) of a target dated by month, else -1 */
    int year;  /* the DfE reporting year of a target dated by year, else 0 */
    /* set by target_resolve for one scenario */
    int series; /* the metric's series in the run store */
    int spread; /* 0: the value; TARGET_YEAR_MEAN, TARGET_YEAR_MAX: over the year's month-ends */
    int index;  /* the simulation month (0..months), or the year's index in the store */
};

struct target_estimate {
    double p[N_TARGET_MEASURES], se[N_TARGET_MEASURES];
};

/* Parse "METRIC<=VALUE@DATE" (spaces around the parts allowed). Errors read
 * "ORIGIN: TEXT: message" (an input error). 0, or -1 with e. */
int target_parse(const char *origin, const char *text, struct target *t, struct error *e);
/* The target a scenario declares (targets.<name>, validated by the loader),
 * its text made from the keys and its origin "file:line: targets.<name>". */
void target_declared(const struct target_params *p, struct target *t);
/* Find the target's series and date in a scenario's run: the metric must be
 * one the scenario writes and the date inside its horizon (a year must be a
 * complete DfE year of it). Errors as target_parse's. 0, or -1 with e. */
int target_resolve(const char *origin, struct target *t, const struct scenario *sc,
                   struct error *e);
/* The measure's name in targets.csv ("at_date", "first_met_by", "kept_from"). */
const char *target_measure_name(enum target_measure m);
/* A run's targets, in order. */
struct target_list {
    int n;
    struct target t[TARGET_MAX];
};
/* Add the targets sc declares, then each of texts[0..n) (given at `origin`,
 * "--target"), to l, skipping a text already there; then resolve every
 * target of l against sc (target_resolve, naming each target's origin).
 * 0, or -1 with e (an input error, the first bad target). */
int target_list_add(struct target_list *l, const struct scenario *sc, const char *origin, int n,
                    const char *const *texts, struct error *e);
/* Resolve every target of l against sc (as target_resolve). 0, or -1 with e. */
int target_list_resolve(struct target_list *l, const struct scenario *sc, struct error *e);
/* Whether replicate k meets a resolved target, per measure (1 or 0). */
void target_outcomes(const struct target *t, const struct run_store *st, int k,
                     int met[N_TARGET_MEASURES]);
/* The probabilities over the store's replicates; with `base` (a run of the
 * same replicates and the same series: the same grades, case types and
 * entry routes), the paired difference store minus base instead. */
void target_estimate(const struct target *t, const struct run_store *st,
                     const struct run_store *base, struct target_estimate *out);
/* The paired difference store minus base, where t is resolved for st's
 * scenario and tb (the same target) for base's, whose series may differ
 * (an option that adds a grade or an entry route). */
void target_estimate_paired(const struct target *t, const struct run_store *st,
                            const struct target *tb, const struct run_store *base,
                            struct target_estimate *out);
/* The rows of targets.csv for one scenario's run: one per measure, with the
 * paired difference from `base` (tb: the target resolved for base's
 * scenario) when base is given (else NA). */
void target_write_rows(FILE *f, const char *scenario, const struct target *t,
                       const struct run_store *st, const struct target *tb,
                       const struct run_store *base);
/* A run's targets.csv (ctx for target_add_file). */
struct target_run {
    const struct target_list *list;
    const struct run_store *st;
};
/* Add targets.csv of a run (ctx a struct target_run; sc the run's
 * scenario) to the bundle b: the header and every target's rows. 0, or -1
 * with e. The shape of a bundle_extra's fn, for output_write_run. */
int target_add_file(struct bundle *b, const struct scenario *sc, void *ctx, struct error *e);

#endif

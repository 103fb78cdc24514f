/* sweep: one scenario over the values of some of its keys (vary.h), every
 * point run with the same seed and replicates, so replicate k sees the same
 * random numbers at every point (common random numbers) and differences
 * between points are paired.
 *
 * One at a time (the default): point 0 is the base scenario as given, then
 * each key's STEPS points in turn with the other keys at the base's values.
 * A grid: every combination of the keys' points (the first key slowest), at
 * most SWEEP_MAX_POINTS.
 *
 * sweep.csv has, per point, chosen metric and complete DfE year of the
 * horizon, the annual figure's mean, sd, p05, p50 and p95 over replicates,
 * computed and written exactly as annual.csv's (so a point equal to the
 * base gives annual.csv's bytes); points.csv each point's values and
 * assignments; tornado.csv (one at a time) each key's effect on the tornado
 * outcomes at its lowest and highest point against the base point. The
 * points run one after another, each on `threads` threads over its
 * replicates, and each point's run is freed once summarised. */
#ifndef WFSIM_SWEEP_H
#define WFSIM_SWEEP_H

#include <stdio.h>

#include "wfsim/bundle.h"
#include "wfsim/engine.h"
#include "wfsim/error.h"
#include "wfsim/scenario_load.h"
#include "wfsim/vary.h"

#define SWEEP_MAX_POINTS 10000
#define SWEEP_MAX_METRICS 32
#define SWEEP_CSV "sweep.csv"
#define SWEEP_POINTS_CSV "points.csv"
#define SWEEP_TORNADO_CSV "tornado.csv"
/* sweep.csv's columns: point, one per varied key, then these */
#define SWEEP_TAIL_HEADER "metric,date_or_year,mean,sd,p05,p50,p95"
#define SWEEP_TORNADO_HEADER                                                                       \
    "key,outcome,year,low_value,high_value,outcome_at_low,outcome_at_base,outcome_at_high"

/* The tornado's outcomes: the vacancy rate at the third DfE year of the
 * horizon (the last if fewer), the NPV of cost at the last year, the share
 * of cases with 3 or more workers at the last year (with case types). */
enum sweep_outcome { SWEEP_VACANCY, SWEEP_NPV, SWEEP_CASES_3PLUS, N_SWEEP_OUTCOMES };

struct sweep_request {
    int n_files;
    const char *const *files;
    int n_sets;
    const struct assignment *sets;
    int n_keys;
    const struct vary *keys; /* sweep_parse_keys */
    int grid;                /* 0: one at a time */
    int n_metrics;           /* 0: the default metrics */
    const char *const *metrics;
    const char *out_dir; /* NULL: results/sweep_<scenario name> */
    int threads;
    const char *command_line;
    const struct bundle_extra *extra; /* the report; NULL: none */
    /* called with the replicates done over all points; NULL: none */
    engine_progress_fn progress;
    void *progress_ctx;
};

/* Parse the --vary texts into keys[] (at most VARY_MAX_KEYS): each
 * KEY=FROM:TO:STEPS, no key twice, none of the keys the points share
 * (simulation.seed, .replicates, .months). 0, or -1 with e. */
int sweep_parse_keys(int n, const char *const *texts, struct vary *keys, struct error *e);
/* The number of points of a sweep, or -1 with e when a grid would have
 * more than SWEEP_MAX_POINTS. */
long sweep_count_points(int n_keys, const struct vary *keys, int grid, struct error *e);
/* The metric of a tornado outcome ("vacancy_rate", ...). */
const char *sweep_outcome_metric(enum sweep_outcome o);
/* The index of the DfE year an outcome (by metric name; others: the last
 * year) is read at in a horizon of n_years complete years. */
int sweep_outcome_year(const char *metric, int n_years);

/* One bar of a tornado: key j's outcome at its lowest and highest value
 * against the base point's. */
struct sweep_bar {
    int key;
    double low_value, high_value;
    double at_low, at_base, at_high;
};
/* The bars of one outcome of a one-at-a-time sweep from its points' means
 * (mean[0] the base point, then each key's points in order), sorted by
 * swing |at_high - at_low|, largest first (ties in key order). Writes
 * n_keys bars. */
void sweep_tornado_bars(int n_keys, const struct vary *keys, const double *mean,
                        struct sweep_bar *bars);

/* Run the sweep and write its results directory. 0, or -1 with e. */
int sweep_run(const struct sweep_request *rq, struct error *e);

#endif

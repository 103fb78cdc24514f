/* sensitivity: which assumptions matter. Variance-based global sensitivity
 * indices (Sobol' indices) of chosen outcomes with respect to scenario keys
 * drawn from distributions (a keys file, keydist.h).
 *
 * Method (Saltelli 2010, "Variance based sensitivity analysis of model
 * output", Comput. Phys. Commun. 181:259): N points of GSL's Sobol'
 * sequence in 2d dimensions (gsl_qrng_sobol, 2d <= 40) give two N x d
 * matrices of uniforms, A (the first d coordinates) and B (the last d),
 * turned into key values by each key's quantile function; A_B^i is A with
 * column i taken from B. Each of the N (d + 2) rows is one evaluation: the
 * scenario loaded with the row's values (vary_load) and run with the
 * scenario's replicates and seed, so replicate k sees the same random
 * numbers at every row (common random numbers) and the indices describe the
 * keys, not the chance part. The outcome f of a row is, for each metric and
 * complete DfE year, the mean over replicates of the metric's annual figure
 * (replicates where it is NA left out).
 *
 * With f0 and V the mean and variance of f over the 2N rows of A and B
 * (divided by 2N):
 *   first-order  S_i  = mean_j (f(B)_j - f0) (f(A_B^i)_j - f(A)_j) / V
 *                                                   (Saltelli 2010, centred)
 *   total        ST_i = mean_j (f(A)_j - f(A_B^i)_j)^2 / (2 V)   (Jansen 1999)
 * Saltelli's estimator is written with f(B) alone; both have the same limit
 * (mean_j (f(A_B^i)_j - f(A)_j) tends to 0), but without f0 adding a
 * constant c to f adds c mean_j (f(A_B^i)_j - f(A)_j) / V to S_i, and for an
 * outcome whose mean is many sd from 0 (a turnover of 0.22 with an sd of
 * 0.008, a cost in pounds) that noise swamps the index.
 * S_i is the share of V that key i explains alone, ST_i the share it
 * explains with all its interactions; a key with ST_i = 0 does not matter
 * (over the ranges given). Both are NA when V is 0 or an outcome is NA.
 * Intervals: B bootstrap resamples of the N rows (the same resamples for
 * every outcome), the 5% and 95% percentiles, from a GSL generator seeded
 * from the scenario's seed. The results do not depend on the thread count. */
#ifndef WFSIM_SENSITIVITY_H
#define WFSIM_SENSITIVITY_H

#include <stdio.h>

#include "wfsim/engine.h"
#include "wfsim/error.h"
#include "wfsim/keydist.h"
#include "wfsim/scenario.h"
#include "wfsim/scenario_load.h"

#define SENSITIVITY_HEADER                                                                         \
    "metric,year,key,first_order,first_order_p05,first_order_p95,total,total_p05,total_p95,"       \
    "outcome_mean,outcome_sd"
#define SENSITIVITY_MAX_METRICS 16
#define SENSITIVITY_METRIC_MAX 96
#define SENSITIVITY_MAX_SAMPLES 65536
#define SENSITIVITY_MAX_BOOTSTRAP 100000

struct sensitivity_request {
    int n_files;
    const char *const *files;
    int n_sets;
    const struct assignment *sets;
    const char *keys_path;
    int samples;   /* N, the rows of A and B (1 or more) */
    int bootstrap; /* resamples for the intervals (0: none, written NA) */
    int n_metrics; /* 0: vacancy_rate, agency_rate, turnover_rate, cost_total_npv_cum, and
                      with case types caseload and cases_3plus_workers_12m_share */
    const char *const *metrics; /* series names, as in timeseries.csv ("vacancy_rate.sw") */
    int threads;
    /* called with the replicates done over all evaluations; NULL: none */
    engine_progress_fn progress;
    void *progress_ctx;
};

struct sensitivity_index {
    double first, first_p05, first_p95;
    double total, total_p05, total_p95;
};

/* A study: the request's scenario and keys, then (after sensitivity_run)
 * every evaluation's values and outcomes and the indices. */
struct sensitivity {
    const struct sensitivity_request *rq;
    struct scenario *base; /* the scenario of the files and --set alone */
    int n_keys;
    struct keydist key[VARY_MAX_KEYS];
    int n_metrics;
    char metric[SENSITIVITY_MAX_METRICS][SENSITIVITY_METRIC_MAX];
    int series[SENSITIVITY_MAX_METRICS];
    int n_years;
    int year[ENGINE_MAX_YEARS]; /* the complete DfE years of the horizon */
    int samples, n_evaluations; /* N and N (d + 2) */
    double *values;             /* [evaluation][key]: A's N rows, B's, then A_B^i's for each i */
    double *outcome;            /* [evaluation][metric][year] */
    double *mean, *sd;          /* [metric][year]: f over the rows of A and B (sd = sqrt(V)) */
    struct sensitivity_index *index; /* [metric][year][key] */
};

/* Read the keys file, load the scenario and check the metrics and that the
 * scenario loads with every key at its least and at its greatest sampled
 * value; the sample's key values are drawn. rq must outlive the study.
 * Errors: the keys file's ("FILE:LINE: KEY: message"), the scenario's, a
 * metric the scenario does not write ("--metric: NAME: ..."), no complete
 * DfE year. Returns the study (free with sensitivity_free), or NULL with e. */
struct sensitivity *sensitivity_alloc(const struct sensitivity_request *rq, struct error *e);
/* Run every evaluation and compute the indices. 0, or -1 with e (an
 * evaluation's scenario that does not load, a run that fails). */
int sensitivity_run(struct sensitivity *s, struct error *e);
/* The index of key `key` for metric m at year y (after sensitivity_run). */
const struct sensitivity_index *sensitivity_index_of(const struct sensitivity *s, int m, int y,
                                                     int key);
/* Write sensitivity.csv, samples.csv, keys.txt (the keys file as given) and
 * the base scenario.cfg into the results directory `dir` with its manifest.
 * 0, or -1 with e; nothing is written on failure. */
int sensitivity_write(const struct sensitivity *s, const char *dir, const char *command_line,
                      struct error *e);
/* The summary in words: for each metric at its last year, the keys by total
 * index, with their intervals and first-order indices. */
void sensitivity_print(const struct sensitivity *s, FILE *f);
/* sensitivity_free(NULL) is a no-op. */
void sensitivity_free(struct sensitivity *s);

#endif

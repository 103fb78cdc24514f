/* defaults: the study defaults of the commands, each with the reason for its
 * value. The command table (cli_commands.c) shows those a user can change in
 * wfsim COMMAND --help and docs/commands.md. */
#ifndef WFSIM_DEFAULTS_H
#define WFSIM_DEFAULTS_H

/* The DfE indicators shipped with wfsim (scenarios/data/README.md): the
 * latest release, 30 September 2017-2024. */
#define DEFAULT_DFE_DATA_DIR "scenarios/data"
#define DEFAULT_DFE_DATA_NAME "csww_indicators_2017_to_2024.csv"
#define DEFAULT_DFE_DATA DEFAULT_DFE_DATA_DIR "/" DEFAULT_DFE_DATA_NAME

/* calibrate -n: replicates a trial of the fit. With common random numbers
 * the objective is smooth in the scales, so what matters is the noise of the
 * fitted means: a mid-size council's annual turnover has an sd of about
 * 0.026 over replicates (README), so 24 replicates give a standard error of
 * about 0.005, a quarter of the objective's 0.02 scale, and a council still
 * fits in about a second. */
#define DEFAULT_CALIBRATE_REPLICATES 24

/* calibrate --year: fit every observed year after the census, whatever the
 * last year in the data is (any year above the data's last one). */
#define DEFAULT_CALIBRATE_LAST_YEAR 9999

/* backcast -n: replicates a calibration trial. A back-cast calibrates every
 * council, so this is half of calibrate's: the standard error of a fitted
 * centre (about 0.008 on the rates) is still small beside the forecast
 * errors it is scored on (about 0.045 on vacancy rates, docs/data.md). */
#define DEFAULT_BACKCAST_REPLICATES 12

/* backcast: replicates of each council's one-year projection. The 90% band
 * is read from the 5% and 95% quantiles; with 200 replicates 10 lie beyond
 * each, and a year of a council is cheap next to its calibration. */
#define DEFAULT_BACKCAST_PROJECTION_REPLICATES 200

/* dfe build: the steady fit holds the census at this many following
 * 30 Septembers: the window of the three-year mean turnover the formulas
 * start from (docs/data.md); after it the drift is about 0.2 points a year. */
#define DEFAULT_DFE_BUILD_STEADY_YEARS 3

/* dfe build: replicates of the steady fit, POST_REPLICATES / posts within
 * [MIN, MAX]. The KPIs' noise falls with posts x replicates, so a fixed
 * product gives every area about the same noise (Nelder-Mead stalls on the
 * steps of an objective with too few); at least 2, the fewest calibrate -n
 * accepts; at most 48 so the smallest councils still build in a few seconds. */
#define DEFAULT_DFE_BUILD_POST_REPLICATES 10000
#define DEFAULT_DFE_BUILD_MIN_REPLICATES 2
#define DEFAULT_DFE_BUILD_MAX_REPLICATES 48

/* sensitivity --samples: N, the rows of each of Saltelli's matrices A and B
 * (N (d + 2) evaluations for d keys). A power of two keeps the Sobol'
 * sequence balanced; 128 rows give bootstrap intervals of about +-0.1 on the
 * total index of a key that explains most of an outcome (tests/studies/
 * test_sensitivity.c), enough to rank the keys, and 10 keys of the example
 * council at 20 replicates an evaluation take a few minutes (make bench). */
#define DEFAULT_SENSITIVITY_SAMPLES 128

/* sensitivity --bootstrap: resamples of the N rows for the 90% intervals;
 * 1,000 put about 50 resamples beyond each percentile, and the bootstrap
 * costs a few seconds next to the evaluations' minutes. */
#define DEFAULT_SENSITIVITY_BOOTSTRAP 1000

/* goal --confidence: the planners' question in issue 12 ("with 80%
 * confidence"); a common planning level, short of the near-certainty that
 * would need far more replicates to tell apart from 1. */
#define DEFAULT_GOAL_CONFIDENCE 0.8

#endif

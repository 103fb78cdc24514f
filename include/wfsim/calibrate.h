/* calibrate: fit a scenario's uncertain behavioural parameters to an area's
 * observed years. Four parameters scale the scenario: every grade's leaving
 * rate (s_leave), every grade's monthly fill probability (s_fill), the agency
 * cover probability (c) and the arrivals of every case type (s_demand).
 * Starting at the scenario's census, the model runs to each following
 * 30 September with the same replicates for every trial (common random
 * numbers), and the objective is
 *   sum over observed years and KPIs of ((simulated mean - observed) / scale)^2
 * for turnover, vacancy rate, agency rate (scale 0.02 each), in-post FTE
 * (scale 5% of the census value) and caseload (scale 1 case). GSL's
 * Nelder-Mead simplex (nmsimplex2) minimises it over log s_leave, log s_fill,
 * logit c and log s_demand. Suppressed or missing observations are left out of
 * the objective. */
#ifndef WFSIM_CALIBRATE_H
#define WFSIM_CALIBRATE_H

#include <stdio.h>

#include "wfsim/dfe.h"
#include "wfsim/engine.h"
#include "wfsim/error.h"
#include "wfsim/kpi.h"
#include "wfsim/scenario.h"

enum calibrate_param { P_LEAVE, P_FILL, P_COVER, P_DEMAND, N_PARAMS };

#define CALIBRATE_MAX_YEARS 8

struct calibrate_fit {
    double param[N_PARAMS]; /* s_leave, s_fill, c, s_demand */
    double objective;
    int iterations, converged, evaluations;
    int n_years;
    int year[CALIBRATE_MAX_YEARS];
    double observed[CALIBRATE_MAX_YEARS][N_KPIS]; /* NaN when suppressed */
    double fitted[CALIBRATE_MAX_YEARS][N_KPIS];
    /* the steady fit's further target, the vacancy cover share
     * (vacancy_cover_rate, not a KPI: the back-cast does not fit it), and its
     * fitted mean; NaN in calibrate_fit's */
    double cover_observed[CALIBRATE_MAX_YEARS], cover_fitted[CALIBRATE_MAX_YEARS];
};

/* A fit's progress: fn(ctx, trials run, trials expected), the total
 * estimated from how far the simplex has shrunk towards its tolerance, so it
 * moves as the fit goes; fn is called with done == total once, at the end.
 * NULL (or a NULL fn): none. */
struct calibrate_progress {
    engine_progress_fn fn;
    void *ctx;
};

/* out = base with the parameters applied by scales_apply (sim/model/scales.h):
 * leaving x s_leave (at most 5, the key's range), fill x s_fill, cover set to
 * c, arrivals x s_demand. */
void calibrate_apply(const struct scenario *base, const double *param, struct scenario *out);
/* Fit the area's years after the scenario's census up to `last_year`, using
 * `replicates` replicates a trial. */
int calibrate_fit(const struct scenario *base, const struct dfe_data *d, const char *area,
                  int last_year, int replicates, int threads, struct calibrate_fit *fit,
                  struct error *e);
/* calibrate_fit with the simulated centre of each KPI being the mean over
 * replicates (CALIBRATE_MEAN) or the inverse transform of the mean of the
 * transformed values (CALIBRATE_MEDIAN: for a KPI symmetric on the
 * transformed scale, its median). */
enum calibrate_centre { CALIBRATE_MEAN, CALIBRATE_MEDIAN };
int calibrate_fit_centred(const struct scenario *base, const struct dfe_data *d, const char *area,
                          int last_year, int replicates, int threads, int centre,
                          struct calibrate_fit *fit, const struct calibrate_progress *progress,
                          struct error *e);
/* Fit the four parameters so that the scenario, run with no change, keeps
 * its census state at each of the `years` 30 Septembers after it: the
 * month-0 vacancy rate, agency rate, caseload and vacancy cover share
 * (agency cover FTE / vacancy FTE, scale 0.08: five targets on four
 * parameters, a least-squares compromise), and the turnover its leaving
 * rates give the in-post FTE (in-post FTE left free). The steady state
 * wfsim dfe build writes (docs/data.md). Means over replicates, as
 * calibrate_fit; fit->observed and fit->cover_observed hold the targets. */
int calibrate_steady(const struct scenario *base, int years, int replicates, int threads,
                     struct calibrate_fit *fit, const struct calibrate_progress *progress,
                     struct error *e);
/* The centre over replicates of each KPI at 30 September of `year` when the
 * scenario runs with `param`, its planning levers left out as in the fit. */
int calibrate_kpis(const struct scenario *base, const double *param, int year, int replicates,
                   int threads, int centre, double mean[N_KPIS], struct error *e);
/* The fitted values as an overlay scenario (libconfig) and the fit table. */
int calibrate_write_overlay(const struct scenario *base, const struct calibrate_fit *fit,
                            FILE *out);
int calibrate_write_table(const struct calibrate_fit *fit, const char *area, FILE *out);

/* What `wfsim calibrate` fitted, and where it came from. */
struct calibrate_results {
    const struct scenario *sc;
    const struct calibrate_fit *fit;
    const char *area, *data_path;
    int replicates; /* a trial run's */
    const char *command_line;
};
/* calibration.cfg, fit.csv and manifest.txt, written into `dir` as one
 * bundle (bundle.h). Returns 0, or -1 with e. */
int calibrate_write_results(const char *dir, const struct calibrate_results *c, struct error *e);

#endif

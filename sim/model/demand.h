/* demand: new cases and their durations. Arrivals of case type t in month m
 * are Poisson with mean
 *   arrivals_per_month_t x (1 + trend)^(m / 12) x seasonal[calendar month]
 *     x product of the factors of shocks to t (or to all types) dated <= m.
 * A case's duration (months from first allocation to closure) is geometric
 * with the type's mean, or lognormal with its mean and sd rounded up to whole
 * months. Cases open at month 0 are drawn in the stationary state: the
 * remaining duration of a geometric case is again geometric (memoryless); for
 * a lognormal case the total duration is length-biased, lognormal(mu + s^2,
 * s), and the age uniform within it. */
#ifndef WFSIM_DEMAND_H
#define WFSIM_DEMAND_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "wfsim/scenario.h"

struct demand {
    int n_types, months;
    double *rate; /* rate[t * (months + 1) + m] */
    double lognormal_mu[SCENARIO_MAX_CASE_TYPES], lognormal_sigma[SCENARIO_MAX_CASE_TYPES];
    double log_stay[SCENARIO_MAX_CASE_TYPES]; /* log(1 - 1/mean) of a geometric duration */
    double total; /* expected arrivals over the horizon, all types (scale 1) */
    double scale; /* the replicate's demand multiplier (uncertainty.h); 1 by default */
};

/* Rates for the scenario's case types over its horizon; NULL on failure
 * (nothing left allocated). Free with demand_free. */
struct demand *demand_alloc(const struct scenario *sc);
/* Bytes demand_alloc requests for the scenario. */
size_t demand_bytes(const struct scenario *sc);
/* Expected arrivals over the horizon, all types, at scale 1 (demand->total
 * of demand_alloc, without allocating). */
double demand_expected_total(const struct scenario *sc);
void demand_free(struct demand *d);
static inline double demand_rate(const struct demand *d, int type, int month)
{
    return d->rate[type * (d->months + 1) + month] * d->scale;
}
/* Draws from r: arrivals of `type` in `month`; a duration; the remaining
 * duration of a case open at month 0, with its age (whole months open so far)
 * in *age. Durations are at least 1 month. */
unsigned int demand_arrivals(const struct demand *d, gsl_rng *r, int type, int month);
int demand_duration(const struct demand *d, const struct scenario *sc, gsl_rng *r, int type);
int demand_initial_case(const struct demand *d, const struct scenario *sc, gsl_rng *r, int type,
                        int *age);
/* demand_initial_case without the age. */
int demand_residual_duration(const struct demand *d, const struct scenario *sc, gsl_rng *r,
                             int type);

#endif

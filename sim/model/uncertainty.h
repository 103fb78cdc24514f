/* uncertainty: uncertainty in the behavioural parameters, carried into the
 * bands. When any of the scenario's uncertainty.*_sd is above 0, each
 * replicate draws four standard normals z1..z4 from its RNG_PARAMS stream
 * (before anything else is drawn from it), each clamped to [-3, 3], and runs
 * with
 *   every grade's annual leaving rate     x exp(leaving_rate_sd z1),
 *   every grade's monthly fill probability x exp(fill_probability_sd z2)
 *     (at most 1),
 *   the agency cover probability c with logit c + cover_logit_sd z3 (0 and 1
 *     stay as they are),
 *   every case type's arrivals            x exp(demand_sd z4).
 * One draw moves all grades (or case types) together: the uncertainty is in
 * the council's level, not in the split between grades. The four draws are
 * made whatever the sds, so two scenarios with uncertainty share their draws
 * (common random numbers in compare). With every sd 0 nothing is drawn and a
 * run is the same as without this feature. */
#ifndef WFSIM_UNCERTAINTY_H
#define WFSIM_UNCERTAINTY_H

#include <gsl/gsl_rng.h>

#include "wfsim/scenario.h"

#define UNCERTAINTY_MAX_Z 3.0

struct uncertainty {
    double leave, fill, demand; /* multipliers */
    double cover_shift;         /* added to logit c */
};

int uncertainty_enabled(const struct scenario *sc);
void uncertainty_draw(const struct scenario *sc, gsl_rng *r, struct uncertainty *u);
/* out = base with the replicate's parameters (out may not alias base), by
 * scales_apply (scales.h). */
void uncertainty_apply(const struct scenario *base, const struct uncertainty *u,
                       struct scenario *out);
/* The largest demand multiplier a replicate can draw (1 without uncertainty). */
double uncertainty_max_demand(const struct scenario *sc);

#endif

/* uncertainty: per-replicate parameter draws (see sim/model/uncertainty.h). */
#include "model/uncertainty.h"

#include <math.h>

#include <gsl/gsl_randist.h>

#include "model/scales.h"

int uncertainty_enabled(const struct scenario *sc)
{
    return sc->uncertainty_leaving_sd > 0 || sc->uncertainty_fill_sd > 0 ||
           sc->uncertainty_cover_sd > 0 || sc->uncertainty_demand_sd > 0;
}

static double clamped_normal(gsl_rng *r)
{
    double z = gsl_ran_gaussian_ziggurat(r, 1.0);
    return z < -UNCERTAINTY_MAX_Z  ? -UNCERTAINTY_MAX_Z
           : z > UNCERTAINTY_MAX_Z ? UNCERTAINTY_MAX_Z
                                   : z;
}

void uncertainty_draw(const struct scenario *sc, gsl_rng *r, struct uncertainty *u)
{
    double z[4];
    for (int i = 0; i < 4; i++)
        z[i] = clamped_normal(r);
    u->leave = exp(sc->uncertainty_leaving_sd * z[0]);
    u->fill = exp(sc->uncertainty_fill_sd * z[1]);
    u->cover_shift = sc->uncertainty_cover_sd * z[2];
    u->demand = exp(sc->uncertainty_demand_sd * z[3]);
}

void uncertainty_apply(const struct scenario *base, const struct uncertainty *u,
                       struct scenario *out)
{
    const struct scales s = {.leave = u->leave,
                             .leave_max = HUGE_VAL, /* a draw may leave the key's range */
                             .fill = u->fill,
                             .demand = u->demand,
                             .cover_mode = SCALES_COVER_SHIFT,
                             .cover = u->cover_shift};
    scales_apply(base, &s, out);
}

double uncertainty_max_demand(const struct scenario *sc)
{
    return exp(sc->uncertainty_demand_sd * UNCERTAINTY_MAX_Z);
}

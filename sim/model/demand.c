/* demand: arrival rates, Poisson arrivals and durations
 * (see sim/model/demand.h). */
#include "model/demand.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "wfsim/month.h"

#define MAX_DURATION 30000 /* months; beyond any horizon */

/* Arrival rates (scale 1) into rate[t * (months + 1) + m] when rate is not
 * NULL; returns their sum over the horizon and all types. */
static double arrival_rates(const struct scenario *sc, double *rate)
{
    double total = 0;
    for (int t = 0; t < sc->n_case_types; t++) {
        const struct case_type_params *c = &sc->case_type[t];
        for (int m = 1; m <= sc->months; m++) {
            int cal = sc->start_month + m;
            double v = c->arrivals_per_month * pow(1 + sc->demand_trend_per_year, m / 12.0) *
                       sc->demand_seasonal[month_of_year(cal) - 1];
            for (int s = 0; s < sc->n_shocks; s++) {
                const struct demand_shock *sh = &sc->shock[s];
                if (sh->month <= cal && (sh->case_type_index < 0 || sh->case_type_index == t))
                    v *= sh->factor;
            }
            if (rate != NULL)
                rate[t * (sc->months + 1) + m] = v;
            total += v;
        }
    }
    return total;
}

static size_t rate_count(const struct scenario *sc)
{
    return (size_t)(sc->n_case_types > 0 ? sc->n_case_types : 1) * (size_t)(sc->months + 1);
}

double demand_expected_total(const struct scenario *sc)
{
    return arrival_rates(sc, NULL);
}

size_t demand_bytes(const struct scenario *sc)
{
    const struct demand *d = NULL;
    return sizeof *d + rate_count(sc) * sizeof *d->rate;
}

struct demand *demand_alloc(const struct scenario *sc)
{
    struct demand *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->n_types = sc->n_case_types;
    d->months = sc->months;
    d->scale = 1;
    d->rate = calloc(rate_count(sc), sizeof *d->rate);
    if (d->rate == NULL) {
        demand_free(d);
        return NULL;
    }
    d->total = arrival_rates(sc, d->rate);
    for (int t = 0; t < d->n_types; t++) {
        const struct case_type_params *c = &sc->case_type[t];
        d->log_stay[t] = log1p(-1.0 / c->mean_months);
        if (c->duration == DURATION_LOGNORMAL) {
            double v = log1p((c->sd_months * c->sd_months) / (c->mean_months * c->mean_months));
            d->lognormal_sigma[t] = sqrt(v);
            d->lognormal_mu[t] = log(c->mean_months) - v / 2;
        }
    }
    return d;
}

void demand_free(struct demand *d)
{
    if (d == NULL)
        return;
    free(d->rate);
    free(d);
}

unsigned int demand_arrivals(const struct demand *d, gsl_rng *r, int type, int month)
{
    double rate = demand_rate(d, type, month);
    return rate > 0 ? gsl_ran_poisson(r, rate) : 0;
}

static int whole_months(double x)
{
    double c = ceil(x);
    return c < 1 ? 1 : c > MAX_DURATION ? MAX_DURATION : (int)c;
}

int demand_duration(const struct demand *d, const struct scenario *sc, gsl_rng *r, int type)
{
    const struct case_type_params *c = &sc->case_type[type];
    if (c->duration == DURATION_LOGNORMAL) /* lognormal via GSL's fast ziggurat normal */
        return whole_months(exp(d->lognormal_mu[type] +
                                d->lognormal_sigma[type] * gsl_ran_gaussian_ziggurat(r, 1.0)));
    if (c->mean_months <= 1)
        return 1;
    /* GSL's gsl_ran_geometric, with log(1 - p) computed once per type */
    double n = floor(log(gsl_rng_uniform_pos(r)) / d->log_stay[type]) + 1;
    return n > MAX_DURATION ? MAX_DURATION : (int)n;
}

int demand_residual_duration(const struct demand *d, const struct scenario *sc, gsl_rng *r,
                             int type)
{
    int age = 0;
    return demand_initial_case(d, sc, r, type, &age);
}

int demand_initial_case(const struct demand *d, const struct scenario *sc, gsl_rng *r, int type,
                        int *age)
{
    const struct case_type_params *c = &sc->case_type[type];
    if (c->duration != DURATION_LOGNORMAL) {
        /* stationary age of an open geometric case: P(a) = p (1 - p)^a */
        int a = demand_duration(d, sc, r, type) - 1;
        *age = a;
        return demand_duration(d, sc, r, type);
    }
    double s = d->lognormal_sigma[type];
    double total = gsl_ran_lognormal(r, d->lognormal_mu[type] + s * s, s);
    double u = gsl_rng_uniform(r);
    *age = (int)(total * u) < MAX_DURATION ? (int)(total * u) : MAX_DURATION;
    return whole_months(total * (1 - u));
}

/* rates: annual-to-monthly conversions (see sim/model/rates.h). */
#include "model/rates.h"

double rates_monthly_probability(double annual_rate)
{
    double p = annual_rate / 12.0;
    return p < 1.0 ? p : 1.0;
}

double rates_band_multiplier(const struct grade_params *g, int band)
{
    double mean = 0;
    for (int b = 0; b < N_TENURE_BANDS; b++)
        mean += g->tenure_mix[b] * g->leaving_multiplier[b];
    /* a stock entirely in bands with multiplier 0: use the multipliers as given */
    return mean > 0 ? g->leaving_multiplier[band] / mean : g->leaving_multiplier[band];
}

static int price_capped(const struct grade_params *gp)
{
    return gp->agency_price_cap_gbp > 0 && gp->agency_price_cap_gbp < gp->agency_cost_gbp;
}

double rates_agency_cost(const struct scenario *sc, int g, int month)
{
    const struct grade_params *gp = &sc->grade[g];
    return price_capped(gp) && month >= scenario_lever_month(sc, sc->agency_price_cap_from)
               ? gp->agency_price_cap_gbp
               : gp->agency_cost_gbp;
}

double rates_cover_probability(const struct scenario *sc, int g, int capped)
{
    const struct grade_params *gp = &sc->grade[g];
    double p = sc->agency_cover_probability;
    if (capped && price_capped(gp)) {
        double shortfall = (gp->agency_cost_gbp - gp->agency_price_cap_gbp) / gp->agency_cost_gbp;
        double factor = 1 - sc->agency_cap_cover_sensitivity * shortfall;
        p *= factor > 0 ? factor : 0;
    }
    return p;
}

void rates_init(struct rates *rt, const struct scenario *sc)
{
    rt->agency_cap_month = scenario_lever_month(sc, sc->agency_cap_from);
    rt->agency_price_cap_month = scenario_lever_month(sc, sc->agency_price_cap_from);
    rt->n_grades = sc->n_grades;
    rt->n_campaign_slots = sc->n_campaigns + 1;
    for (int g = 0; g < sc->n_grades; g++) {
        const struct grade_params *gp = &sc->grade[g];
        for (int b = 0; b < N_TENURE_BANDS; b++) {
            double annual = gp->annual_leaving_rate * rates_band_multiplier(gp, b);
            for (int s = 0; s < rt->n_campaign_slots; s++) {
                /* A campaign hire's multiplier applies in the first year only;
                 * the band lookup passes slot 0 after 12 months. */
                double m = s == 0 ? 1.0 : sc->campaign[s - 1].first_year_leaving_multiplier;
                int k = rates_leave_index(rt, g, b, s);
                rt->leave[k] = rates_monthly_probability(annual * m);
                rt->leave_threshold[k] = rng_threshold(rt->leave[k]);
            }
        }
        rt->fill[g] = gp->monthly_fill_probability;
        rt->fill_threshold[g] = rng_threshold(rt->fill[g]);
        rt->internal_share[g] = gp->promotion_from_index >= 0 ? gp->internal_fill_share : 0.0;
    }
    rt->agency_cover = sc->agency_cover_probability;
    rt->agency_end = rates_monthly_probability(sc->agency_annual_assignment_end_rate);
    rt->agency_convert = sc->agency_monthly_conversion_probability;
    rt->agency_release = sc->agency_release_on_start_probability;
    rt->agency_pool_end = rt->agency_end * (1 - sc->agency_pool_replacement_probability);
    for (int g = 0; g < sc->n_grades; g++) {
        rt->agency_cover_threshold[g] = rng_threshold(rates_cover_probability(sc, g, 1));
        rt->agency_uncapped_threshold[g] = rng_threshold(rates_cover_probability(sc, g, 0));
    }
    rt->agency_convert_threshold = rng_threshold(rt->agency_convert);
    rt->agency_end_threshold = rng_threshold(rt->agency_convert + rt->agency_end);
    for (int m = 0; m <= RATES_MAX_SERVICE; m++)
        rt->band_of_service[m] = (uint8_t)rates_band(m);
}

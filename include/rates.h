/* rates: monthly probabilities derived once from the scenario's annual rates,
 * so the monthly loop only looks them up. An annual rate a (events per
 * FTE-year, as DfE turnover is leavers per FTE in post) becomes the monthly
 * probability 1 - exp(-a / 12) of a constant hazard. */
#ifndef WFSIM_RATES_H
#define WFSIM_RATES_H

#include "scenario.h"

struct rates {
    int n_grades, n_campaign_slots; /* slots: 0 = not a campaign hire, 1 + c */
    /* leave[(g * N_TENURE_BANDS + band) * n_campaign_slots + slot] */
    double leave[SCENARIO_MAX_GRADES * N_TENURE_BANDS * (SCENARIO_MAX_CAMPAIGNS + 1)];
    double fill[SCENARIO_MAX_GRADES];
    double internal_share[SCENARIO_MAX_GRADES];
    double dest_cumulative[3]; /* leave sector, to agency, to other LA */
    double agency_cover, agency_end, agency_convert, agency_release;
    double asye_pass;
};

double rates_monthly_probability(double annual_rate);
/* Relative hazard of band b after normalising the multipliers so that the
 * initial tenure mix leaves at the grade's annual rate. */
double rates_band_multiplier(const struct grade_params *g, int band);
void rates_init(struct rates *rt, const struct scenario *sc);

static inline int rates_band(int tenure_months)
{
    return tenure_months < 12 ? TENURE_UNDER_1Y
           : tenure_months < 24 ? TENURE_1_TO_2Y
           : tenure_months < 60 ? TENURE_2_TO_5Y
                                : TENURE_5Y_PLUS;
}

static inline double rates_leave(const struct rates *rt, int grade, int band, int slot)
{
    return rt->leave[(grade * N_TENURE_BANDS + band) * rt->n_campaign_slots + slot];
}

#endif

/* rates: monthly probabilities derived once from the scenario's annual rates,
 * so the monthly loop only looks them up. An annual rate a is events per
 * FTE-year, as DfE turnover is leavers in the year per FTE in post. A post
 * loses at most one worker a month (the replacement comes later), so the
 * monthly probability that gives a expected events per FTE-year is a / 12
 * (capped at 1); 1 - exp(-a / 12), the chance of an event of a continuous
 * hazard a, would under-shoot the DfE rate by about a / 24 (1% at 0.24). */
#ifndef WFSIM_RATES_H
#define WFSIM_RATES_H

#include <stdint.h>

#include "base/rng.h"
#include "wfsim/scenario.h"

#define RATES_MAX_SERVICE 60 /* the last band starts at 60 months */

struct rates {
    int n_grades, n_campaign_slots; /* slots: 0 = not a campaign hire, 1 + c */
    /* leave[(g * N_TENURE_BANDS + band) * n_campaign_slots + slot], as a
     * probability and as an rng_threshold */
    double leave[SCENARIO_MAX_GRADES * N_TENURE_BANDS * (SCENARIO_MAX_CAMPAIGNS + 1)];
    uint64_t leave_threshold[SCENARIO_MAX_GRADES * N_TENURE_BANDS * (SCENARIO_MAX_CAMPAIGNS + 1)];
    uint8_t band_of_service[RATES_MAX_SERVICE + 1]; /* months of service, clamped */
    double fill[SCENARIO_MAX_GRADES];
    uint64_t fill_threshold[SCENARIO_MAX_GRADES];
    double internal_share[SCENARIO_MAX_GRADES];
    double agency_cover, agency_end, agency_convert, agency_release;
    double agency_pool_end; /* pool assignments ending and not replaced, a month */
    uint64_t agency_end_threshold, agency_convert_threshold;
    uint64_t agency_cover_threshold[SCENARIO_MAX_GRADES];    /* lowered by a price cap */
    uint64_t agency_uncapped_threshold[SCENARIO_MAX_GRADES]; /* before the price cap starts */
    int agency_cap_month, agency_price_cap_month;            /* simulation months the caps start */
};

double rates_monthly_probability(double annual_rate);
/* Relative hazard of band b after normalising the multipliers so that the
 * initial tenure mix leaves at the grade's annual rate. */
double rates_band_multiplier(const struct grade_params *g, int band);
void rates_init(struct rates *rt, const struct scenario *sc);
/* Monthly chance an uncovered vacancy of grade g gets agency cover: lower
 * when the grade's price cap is below the market rate (and `capped`). */
double rates_cover_probability(const struct scenario *sc, int g, int capped);
/* The yearly rate paid for an agency FTE of grade g in simulation month m:
 * the price cap, from agency.price_cap_from, when it is below the market. */
double rates_agency_cost(const struct scenario *sc, int g, int month);

static inline int rates_band(int tenure_months)
{
    return tenure_months < 12   ? TENURE_UNDER_1Y
           : tenure_months < 24 ? TENURE_1_TO_2Y
           : tenure_months < 60 ? TENURE_2_TO_5Y
                                : TENURE_5Y_PLUS;
}

static inline int rates_leave_index(const struct rates *rt, int grade, int band, int slot)
{
    return (grade * N_TENURE_BANDS + band) * rt->n_campaign_slots + slot;
}

static inline double rates_leave(const struct rates *rt, int grade, int band, int slot)
{
    return rt->leave[rates_leave_index(rt, grade, band, slot)];
}

#endif

/* feedback: caseload pressure and leaving (see sim/model/feedback.h). */
#include "model/feedback.h"

double feedback_multiplier(const struct scenario *sc, double pressure)
{
    if (!sc->feedback_enabled || pressure <= sc->feedback_threshold)
        return 1.0;
    double m = 1 + sc->feedback_slope * (pressure - sc->feedback_threshold);
    return m < sc->feedback_max_multiplier ? m : sc->feedback_max_multiplier;
}

void feedback_thresholds(const struct scenario *sc, const struct rates *rt, double multiplier,
                         uint64_t *threshold)
{
    for (int g = 0; g < sc->n_grades; g++) {
        double m = sc->grade[g].holds_cases ? multiplier : 1.0;
        for (int b = 0; b < N_TENURE_BANDS; b++)
            for (int s = 0; s < rt->n_campaign_slots; s++) {
                int k = rates_leave_index(rt, g, b, s);
                threshold[k] = rng_threshold(rt->leave[k] * m);
            }
    }
}

void feedback_loop_terms(const struct scenario *sc, double *w, double *d)
{
    double posts = 0, sw = 0, sd = 0;
    for (int g = 0; g < sc->n_grades; g++) {
        const struct grade_params *gp = &sc->grade[g];
        if (!gp->holds_cases)
            continue;
        double h = gp->monthly_fill_probability;
        double duration = sc->advert_delay_months + (h > 0 ? 1 / h : 120) + sc->start_delay_months;
        posts += gp->posts_fte;
        sw += gp->posts_fte * rates_monthly_probability(gp->annual_leaving_rate);
        sd += gp->posts_fte * duration;
    }
    *w = posts > 0 ? sw / posts : 0;
    *d = posts > 0 ? sd / posts : 0;
}

double feedback_loop_gain(const struct scenario *sc, double pressure, double cover_rate)
{
    if (!sc->feedback_enabled || pressure <= sc->feedback_threshold)
        return 0.0;
    double w, d;
    feedback_loop_terms(sc, &w, &d);
    return sc->feedback_slope * pressure * w * d * (1 - cover_rate);
}

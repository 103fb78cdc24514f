/* finance: monthly costs and discounting (see sim/model/finance.h). */
#include "model/finance.h"

#include <math.h>

#include "model/rates.h"
#include "wfsim/month.h"

/* The entry route's cost net of grant for the grade's trainee starts. */
static double trainee_cost(const struct scenario *sc, int g, const struct flows *f)
{
    int r = scenario_route_of_grade(sc, g);
    return r >= 0 ? f->trainee_starts * (sc->route[r].cost_gbp - sc->route[r].grant_gbp) : 0;
}

void finance_grade(const struct scenario *sc, const struct workforce *wf, int g,
                   struct finance_month *out)
{
    const struct grade_params *gp = &sc->grade[g];
    const struct flows *f = &wf->flow[g];
    if (wf->month == 0) {
        out->permanent = out->agency = out->recruitment = out->retention = out->clawback =
            out->vacancy = out->total = 0;
        return;
    }
    const struct grade_stock *k = &wf->stock[g];
    double agency_fte = k->cover_fte + wf->extra_agency_fte[g];
    double pay = finance_pay_factor(sc, wf->month);
    out->permanent = k->in_post_fte * gp->salary_gbp * pay * (1 + sc->on_cost_share) / 12;
    out->agency = agency_fte * rates_agency_cost(sc, g, wf->month) * pay / 12;
    out->recruitment = f->vacancies_opened * sc->advert_cost_gbp + f->starts * sc->hire_cost_gbp +
                       f->campaign_cost_gbp + trainee_cost(sc, g, f);
    out->retention = f->retention_paid_gbp * (1 + sc->on_cost_share); /* it is pay */
    out->clawback = f->clawback_recovered_gbp;
    double uncovered = k->vacancy_fte - k->cover_fte;
    out->vacancy = uncovered > 0 ? uncovered * sc->uncovered_vacancy_cost_gbp / 12 : 0;
    out->total = out->permanent + out->agency + out->recruitment + out->retention - out->clawback +
                 out->vacancy;
}

double finance_pay_factor(const struct scenario *sc, int month)
{
    if (sc->pay_award == 0 || month <= 0)
        return 1;
    /* the first April falls in month 1 + d; then one every 12 months */
    int d = (4 - month_of_year(sc->start_month + 1) + 12) % 12;
    int n = month >= 1 + d ? 1 + (month - 1 - d) / 12 : 0;
    return pow(1 + sc->pay_award, n);
}

double finance_discount(const struct scenario *sc, int month)
{
    return pow(1 + sc->discount_rate, -month / 12.0);
}

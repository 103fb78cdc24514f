/* finance: what the workforce costs each month, in pounds.
 *   permanent   = in-post FTE x salary x (1 + on_cost_share) / 12, by grade;
 *   agency      = agency FTE x agency_cost_gbp / 12, by grade (the price cap
 *                 instead when it is lower);
 *   recruitment = vacancies opened x advert cost + external starts x hire cost
 *                 + campaign fees of campaign starts
 *                 + trainee starts x (the grade's entry route's cost - its
 *                   grant) (routes.h);
 *   retention   = retention payments (retention.h) x (1 + on_cost_share): they
 *                 are pay, so employer NI and pension apply;
 *   clawback    = clawback recovered from leavers;
 *   vacancy     = uncovered vacant FTE (vacancy - agency cover) x
 *                 uncovered_vacancy_cost_gbp / 12 (overtime, sessional cover);
 *   total       = permanent + agency + recruitment + retention - clawback
 *                 + vacancy.
 * Prices are those of the start year (real) unless finance.pay_award is
 * given: then salaries and agency costs grow by (1 + pay_award) each April
 * after month 0 (cash).
 * Month 0 is a state, not a month of spending: its costs are 0. The net
 * present value discounts month m's total by (1 + discount_rate)^(-m/12)
 * (HM Treasury Green Book, 3.5% a year by default). */
#ifndef WFSIM_FINANCE_H
#define WFSIM_FINANCE_H

#include "wfsim/scenario.h"
#include "model/workforce.h"

struct finance_month {
    double permanent, agency, recruitment, retention, clawback, vacancy, total;
};

/* Costs of grade g in the month just stepped. */
void finance_grade(const struct scenario *sc, const struct workforce *wf, int g,
                   struct finance_month *out);
/* The pay award's growth of salaries and agency costs by month m:
 * (1 + pay_award)^(Aprils in months 1..m). */
double finance_pay_factor(const struct scenario *sc, int month);
/* The discount factor of simulation month m. */
double finance_discount(const struct scenario *sc, int month);

#endif

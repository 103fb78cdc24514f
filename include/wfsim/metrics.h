/* metrics: what is observed each month, for the council and for each grade.
 * One descriptor table gives every metric's name, unit, definition and how
 * it becomes an annual (DfE reporting year) figure; it drives the CSV rows and
 * docs/metrics.md. Rates are fractions (0-1). Undefined values are NaN
 * (written NA). */
#ifndef WFSIM_METRICS_H
#define WFSIM_METRICS_H

#include <stdio.h>

#include "wfsim/scenario.h"
#include "model/workforce.h"

enum metric_id {
    M_ESTABLISHMENT_FTE,
    M_IN_POST_FTE,
    M_AGENCY_FTE,
    M_AGENCY_COVER_FTE,
    M_VACANCY_FTE,
    M_VACANCY_RATE,
    M_AGENCY_RATE,
    M_VACANCY_COVER_RATE,
    M_OFFERS_PENDING_FTE,
    M_STARTERS_FTE,
    M_LEAVERS_FTE,
    M_LEAVERS_EXIT_FTE,
    M_LEAVERS_TO_AGENCY_FTE,
    M_LEAVERS_TO_OTHER_LA_FTE,
    M_TURNOVER_RATE,
    M_STABILITY_INDEX,
    M_VACANCY_AGE_MONTHS,
    M_ABSENCE_FTE,
    M_COST_TOTAL,
    M_COST_PERMANENT,
    M_COST_AGENCY,
    M_COST_RECRUITMENT,
    M_COST_TOTAL_NPV_CUM,
    M_COST_RETENTION,
    M_CLAWBACK_RECOVERED,
    M_RETENTION_ELIGIBLE_FTE,
    M_RETENTION_TIED_IN_FTE,
    /* caseloads (only with case types) */
    M_OPEN_CASES,
    M_CASE_HOLDER_FTE,
    M_CASELOAD,
    M_WORKERS_OVER_TARGET_SHARE,
    M_UNALLOCATED_CASES,
    M_UNALLOCATED_WAIT_MONTHS,
    M_CASE_TRANSFERS,
    M_CASES_3PLUS_WORKERS_12M_SHARE,
    M_CASES_HELD_BY_AGENCY_SHARE,
    M_ABSENCE_RATE,
    M_CASELOAD_PRESSURE,
    M_LEAVING_MULTIPLIER,
    M_FEEDBACK_LOOP_GAIN,
    /* entry routes (only .route.<name>) */
    M_IN_TRAINING_FTE,
    /* campaigns (only .<campaign name>) */
    M_CAMPAIGN_HIRES,
    N_METRICS
};

enum annual_rule {
    ANNUAL_END, /* the value at 30 September */
    ANNUAL_SUM, /* the sum over October to September */
    ANNUAL_MEAN /* the mean over October to September */
};

struct metric_desc {
    const char *name;
    const char *unit;
    enum annual_rule annual;
    const char *definition;
    int per_grade; /* reported for each grade too */
    int caseload;  /* reported only when the scenario has case types */
    int by_route;  /* 1: also for each entry route (name.route.<route>); 2: only so */
};

const struct metric_desc *metrics_table(void);
int metrics_document(FILE *f);

/* A series is a metric for one scope: 0 = the council, 1 + g = grade g,
 * numbered metric x (n_grades + 1) + scope; then open_cases by case type;
 * then, for each entry route, the by_route metrics in table order; then
 * campaign_hires for each campaign. */
static inline int metrics_n_series(int n_grades)
{
    return N_METRICS * (n_grades + 1);
}
static inline int metrics_series(int metric, int scope, int n_grades)
{
    return metric * (n_grades + 1) + scope;
}
static inline int metrics_type_series(int type, int n_grades)
{
    return metrics_n_series(n_grades) + type;
}
int metrics_total_series(const struct scenario *sc);
/* The series of by_route metric `metric` for entry route `route`; -1 if the
 * metric is not reported by route. */
int metrics_route_series(const struct scenario *sc, int route, int metric);
/* The campaign_hires series of campaign c. */
int metrics_campaign_series(const struct scenario *sc, int campaign);
int metrics_metric_of(const struct scenario *sc, int series);
/* Whether a series is written (its metric applies to this scenario and scope). */
int metrics_written(const struct scenario *sc, int series);
/* "vacancy_rate", "vacancy_rate.sw", "open_cases.cla" or
 * "starters_fte.route.nqsw". */
void metrics_series_name(const struct scenario *sc, int series, char *buf, unsigned long size);

/* The council's money over months 1..H of a replicate, part by part, summed
 * in double as the months are observed (the run store's float months do not
 * add up to the penny): undiscounted and discounted to month 0 at
 * finance.discount_rate. Parts sum to the net: permanent + agency +
 * recruitment + retention - clawback + vacancy = net. */
enum money_part {
    MONEY_PERMANENT,
    MONEY_AGENCY,
    MONEY_RECRUITMENT,
    MONEY_RETENTION,
    MONEY_CLAWBACK,
    MONEY_VACANCY,
    MONEY_NET,
    N_MONEY_PARTS
};
enum money_basis { MONEY_UNDISCOUNTED, MONEY_DISCOUNTED, N_MONEY_BASES };
/* "cost_permanent", ..., "clawback_recovered", "cost_vacancy", "cost_net" */
const char *metrics_money_name(int part);
/* +1 for a cost, -1 for income (clawback): the part's sign in the net. */
int metrics_money_sign(int part);

#define METRICS_WINDOW 12
#define METRICS_SCOPES (SCENARIO_MAX_GRADES + 1)

/* The last 12 months of in-post FTE and leavers, for the rolling turnover
 * rate and the stability index. */
struct metrics_history {
    double in_post[METRICS_WINDOW + 1][METRICS_SCOPES];
    double leavers[METRICS_WINDOW + 1][METRICS_SCOPES];
    double npv_cum[METRICS_SCOPES];             /* discounted cost so far */
    double money[N_MONEY_PARTS][N_MONEY_BASES]; /* the council's, so far */
};

/* Observe the workforce after month wf->month into out[series] (float, the
 * run store's type) and update the history. */
void metrics_observe(struct metrics_history *h, const struct workforce *wf,
                     const struct scenario *sc, float *out);

struct caseload;
/* Observe the caseload metrics (after metrics_observe of the same month). */
void metrics_observe_cases(const struct caseload *c, const struct workforce *wf,
                           double leaving_multiplier, const struct scenario *sc, float *out);

#endif

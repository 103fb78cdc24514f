/* metrics: monthly observation and the metric table (see include/wfsim/metrics.h).
 * Definitions follow DfE Children's social work workforce: vacancy rate =
 * vacancies / (vacancies + in post); agency rate = agency / (agency + in
 * post); turnover = leavers in the year / in post at 30 September. */
#include "wfsim/metrics.h"

#include <math.h>
#include <string.h>

#include "model/caseload.h"
#include "model/feedback.h"
#include "model/finance.h"

static const struct metric_desc table[N_METRICS] = {
    [M_ESTABLISHMENT_FTE] = {"establishment_fte", "FTE", ANNUAL_END,
                             "Funded posts: in post + vacancies (filled, vacant or under offer)", 1,
                             0},
    [M_IN_POST_FTE] = {"in_post_fte", "FTE", ANNUAL_END,
                       "Permanent (directly employed) FTE in post, including workers on notice", 1,
                       0},
    [M_AGENCY_FTE] = {"agency_fte", "FTE", ANNUAL_END,
                      "Agency FTE: covering vacancies plus agency not covering a vacancy", 1, 0},
    [M_AGENCY_COVER_FTE] = {"agency_cover_fte", "FTE", ANNUAL_END, "Agency FTE covering vacancies",
                            1, 0},
    [M_VACANCY_FTE] = {"vacancy_fte", "FTE", ANNUAL_END,
                       "Vacant posts (open or under accepted offer) until a permanent starter "
                       "starts, covered or not (DfE definition)",
                       1, 0},
    [M_VACANCY_RATE] = {"vacancy_rate", "fraction", ANNUAL_END,
                        "vacancy_fte / (vacancy_fte + in_post_fte) (DfE)", 1, 0},
    [M_AGENCY_RATE] = {"agency_rate", "fraction", ANNUAL_END,
                       "agency_fte / (agency_fte + in_post_fte) (DfE)", 1, 0},
    [M_VACANCY_COVER_RATE] = {"vacancy_cover_rate", "fraction", ANNUAL_END,
                              "agency_cover_fte / vacancy_fte: share of vacancies covered by "
                              "agency (DfE vacancy agency-cover rate)",
                              1, 0},
    [M_OFFERS_PENDING_FTE] = {"offers_pending_fte", "FTE", ANNUAL_END,
                              "Vacancies with an accepted offer whose starter has not started", 1,
                              0},
    [M_STARTERS_FTE] = {"starters_fte", "FTE/month", ANNUAL_SUM,
                        "Permanent starters from outside the council (including agency "
                        "conversions and entry routes' intakes) in the month; internal moves are "
                        "not starters (.route.<name>: starters who begin that entry route's "
                        "training)",
                        1, 0, 1},
    [M_LEAVERS_FTE] = {"leavers_fte", "FTE/month", ANNUAL_SUM,
                       "Permanent leavers from the council in the month (after notice)", 1, 0},
    [M_LEAVERS_EXIT_FTE] = {"leavers_exit_fte", "FTE/month", ANNUAL_SUM,
                            "Leavers who leave LA children's social work (incl. ASYE fails)", 1, 0},
    [M_LEAVERS_TO_AGENCY_FTE] = {"leavers_to_agency_fte", "FTE/month", ANNUAL_SUM,
                                 "Leavers who go to agency work", 1, 0},
    [M_LEAVERS_TO_OTHER_LA_FTE] = {"leavers_to_other_la_fte", "FTE/month", ANNUAL_SUM,
                                   "Leavers who move to another LA", 1, 0},
    [M_TURNOVER_RATE] = {"turnover_rate", "per year", ANNUAL_END,
                         "Leavers in the last 12 months / in_post_fte now (DfE turnover; the "
                         "annual figure is the year to 30 September). Before month 12: leavers "
                         "since month 0 scaled to a year. NA at month 0",
                         1, 0},
    [M_STABILITY_INDEX] = {"stability_index", "fraction", ANNUAL_END,
                           "FTE in post now with 12+ months' service at the council / FTE in "
                           "post 12 months earlier. Before month 12: the share of month 0's FTE "
                           "still in post. NA at month 0. Per grade, workers promoted into the "
                           "grade count as staying, so it can exceed 1",
                           1, 0},
    [M_VACANCY_AGE_MONTHS] = {"vacancy_age_months", "months", ANNUAL_END,
                              "Mean months since open vacancies fell vacant (NA if none)", 1, 0},
    [M_ABSENCE_FTE] = {"absence_fte", "FTE", ANNUAL_MEAN,
                       "Expected FTE lost to sickness absence: absence_rate x in_post_fte", 1, 0},
    [M_COST_TOTAL] = {"cost_total", "GBP/month", ANNUAL_SUM,
                      "cost_permanent + cost_agency + cost_recruitment + cost_retention - "
                      "clawback_recovered in the month (0 at month 0)",
                      1, 0},
    [M_COST_PERMANENT] = {"cost_permanent", "GBP/month", ANNUAL_SUM,
                          "in_post_fte x salary_gbp x (1 + finance.on_cost_share) / 12", 1, 0},
    [M_COST_AGENCY] = {"cost_agency", "GBP/month", ANNUAL_SUM, "agency_fte x agency_cost_gbp / 12",
                       1, 0},
    [M_COST_RECRUITMENT] = {"cost_recruitment", "GBP/month", ANNUAL_SUM,
                            "Vacancies opened x advert cost + external starts x hire cost + "
                            "campaign fees + trainee starts x (entry route cost - grant)",
                            1, 0},
    [M_COST_TOTAL_NPV_CUM] = {"cost_total_npv_cum", "GBP", ANNUAL_END,
                              "Sum of cost_total to this month, month m discounted by "
                              "(1 + finance.discount_rate)^(-m/12)",
                              1, 0},
    [M_COST_RETENTION] = {"cost_retention", "GBP/month", ANNUAL_SUM,
                          "Retention payments in the month (one-off payments and supplements)", 1,
                          0},
    [M_CLAWBACK_RECOVERED] = {"clawback_recovered", "GBP/month", ANNUAL_SUM,
                              "Clawback recovered from leavers who left inside a tie-in", 1, 0},
    [M_RETENTION_ELIGIBLE_FTE] = {"retention_eligible_fte", "FTE", ANNUAL_END,
                                  "FTE in post counting on a retention scheme: paid a "
                                  "supplement, waiting for a payment, or tied in",
                                  1, 0},
    [M_RETENTION_TIED_IN_FTE] = {"retention_tied_in_fte", "FTE", ANNUAL_END,
                                 "FTE in post inside a tie-in (leaving would owe clawback)", 1, 0},
    [M_OPEN_CASES] = {"open_cases", "cases", ANNUAL_END,
                      "Open cases, allocated or waiting (.<grade>: held by the grade's case "
                      "holders; .<case type>: of that type)",
                      1, 1},
    [M_CASE_HOLDER_FTE] = {"case_holder_fte", "FTE", ANNUAL_END,
                           "FTE of case holders: permanent workers in post and agency workers "
                           "covering vacancies, in grades that hold cases",
                           1, 1},
    [M_CASELOAD] = {"caseload", "cases/FTE", ANNUAL_END,
                    "open_cases / case_holder_fte (DfE caseload; .<grade>: cases held by the "
                    "grade / its case-holder FTE)",
                    1, 1},
    [M_WORKERS_OVER_TARGET_SHARE] = {"workers_over_target_share", "fraction", ANNUAL_END,
                                     "Share of case holders whose case weight exceeds their "
                                     "target",
                                     1, 1},
    [M_UNALLOCATED_CASES] = {"unallocated_cases", "cases", ANNUAL_END,
                             "Open cases waiting for a worker (new, or released by a worker "
                             "who went)",
                             0, 1},
    [M_UNALLOCATED_WAIT_MONTHS] = {"unallocated_wait_months", "months", ANNUAL_END,
                                   "Mean months the waiting cases have waited (NA if none)", 0, 1},
    [M_CASE_TRANSFERS] = {"case_transfers", "cases/month", ANNUAL_SUM,
                          "Changes of social worker in the month: cases re-allocated after "
                          "their worker went, and scheduled team transfers",
                          0, 1},
    [M_CASES_3PLUS_WORKERS_12M_SHARE] = {"cases_3plus_workers_12m_share", "fraction", ANNUAL_END,
                                         "Share of open cases that had 3 or more social "
                                         "workers in the last 12 months (DfE high-"
                                         "instability indicator; counts from month 0, so "
                                         "it is low in the first year)",
                                         0, 1},
    [M_CASES_HELD_BY_AGENCY_SHARE] = {"cases_held_by_agency_share", "fraction", ANNUAL_END,
                                      "Share of open cases held by agency workers", 0, 1},
    [M_ABSENCE_RATE] = {"absence_rate", "fraction", ANNUAL_MEAN,
                        "Sickness absence rate applied to case holders' capacity (the "
                        "scenario's absence_rate)",
                        0, 1},
    [M_CASELOAD_PRESSURE] = {"caseload_pressure", "ratio", ANNUAL_MEAN,
                             "Open case weight / case holders' capacity (targets), averaged "
                             "over caseload.feedback.window_months",
                             0, 1},
    [M_LEAVING_MULTIPLIER] = {"leaving_multiplier", "ratio", ANNUAL_MEAN,
                              "Caseload feedback multiplier of case holders' leaving for the "
                              "next month (1 when feedback is off)",
                              0, 1},
    [M_FEEDBACK_LOOP_GAIN] = {"feedback_loop_gain", "ratio", ANNUAL_END,
                              "Holders lost through extra leaving per holder lost: "
                              "slope x pressure x w x D x (1 - vacancy cover); >= 1 is a "
                              "vicious circle (docs/model.md); 0 when feedback is off",
                              0, 1},
    [M_CAMPAIGN_HIRES] = {"campaign_hires", "workers", ANNUAL_SUM,
                          "offers the campaign made in its month (reported only as "
                          ".<campaign>): fewer than its hires when its grade had fewer open "
                          "vacancies",
                          0, 0, 0},
    [M_IN_TRAINING_FTE] = {"in_training_fte", "FTE", ANNUAL_END,
                           "FTE in post in the entry route's training, whether they started "
                           "on it or arrived from another route on completing it (reported "
                           "only as .route.<name>)",
                           0, 0, 2},
};

const struct metric_desc *metrics_table(void)
{
    return table;
}

int metrics_document(FILE *f)
{
    static const char *const rule[] = {"value at 30 September", "sum over the year",
                                       "mean over the year"};
    fputs("# Output metrics\n\nGenerated by `wfsim metrics` from sim/model/metrics.c; `make test` "
          "checks this file is current.\n\nEach metric is reported for the whole council "
          "(`name`) and for each grade (`name.<grade>`). `timeseries.csv` has one row per "
          "month (0 = the starting state) and metric; `annual.csv` has one row per complete "
          "DfE reporting year (1 October - 30 September, named by the year it ends) and "
          "metric, computed per replicate then summarised. A metric valued at 30 September (a "
          "stock or rate) also has `name.year_mean` and `name.year_max` in `annual.csv`: the "
          "mean and the largest of its 12 month-end values from October to September, since "
          "the census date straight after the September intake is often the year's low. "
          "Columns `mean,sd,p05,p25,p50,p75,"
          "p95` are over replicates (sd with n - 1; quantiles by linear interpolation, "
          "Hyndman-Fan type 7); replicates where a value is undefined (NA) are left out, and "
          "a row with no defined value is NA. Caseload metrics appear only when the scenario "
          "has case types; `open_cases` also has a `.<case type>` variant. Each entry route "
          "`entry_routes.<name>` adds `starters_fte.route.<name>` and "
          "`in_training_fte.route.<name>`; each campaign `campaigns.<name>` adds "
          "`campaign_hires.<name>`.\n\n| metric | unit | "
          "annual figure | per grade | definition |\n|---|---|---|---|---|\n",
          f);
    for (int m = 0; m < N_METRICS; m++)
        fprintf(f, "| `%s` | %s | %s | %s | %s |\n", table[m].name, table[m].unit,
                rule[table[m].annual],
                !table[m].per_grade ? "no"
                : table[m].caseload ? "case-holding grades"
                                    : "yes",
                table[m].definition);
    return ferror(f) ? -1 : 0;
}

/* The k-th metric reported by route (table order), or -1; n_route_metrics()
 * of them. */
static int route_metric(int k)
{
    for (int m = 0; m < N_METRICS; m++)
        if (table[m].by_route && k-- == 0)
            return m;
    return -1;
}

static int n_route_metrics(void)
{
    int n = 0;
    while (route_metric(n) >= 0)
        n++;
    return n;
}

/* The first route series. */
static int route_base(const struct scenario *sc)
{
    return metrics_n_series(sc->n_grades) + sc->n_case_types;
}

/* The first campaign series (campaign_hires of each campaign). */
static int campaign_base(const struct scenario *sc)
{
    return route_base(sc) + sc->n_routes * n_route_metrics();
}

int metrics_total_series(const struct scenario *sc)
{
    return campaign_base(sc) + sc->n_campaigns;
}

int metrics_campaign_series(const struct scenario *sc, int campaign)
{
    return campaign_base(sc) + campaign;
}

int metrics_route_series(const struct scenario *sc, int route, int metric)
{
    for (int k = 0; route_metric(k) >= 0; k++)
        if (route_metric(k) == metric)
            return route_base(sc) + route * n_route_metrics() + k;
    return -1;
}

int metrics_metric_of(const struct scenario *sc, int series)
{
    int base = metrics_n_series(sc->n_grades);
    if (series >= campaign_base(sc))
        return M_CAMPAIGN_HIRES;
    if (series >= route_base(sc))
        return route_metric((series - route_base(sc)) % n_route_metrics());
    return series >= base ? M_OPEN_CASES : series / (sc->n_grades + 1);
}

int metrics_written(const struct scenario *sc, int series)
{
    const struct metric_desc *d = &table[metrics_metric_of(sc, series)];
    int scope = series < metrics_n_series(sc->n_grades) ? series % (sc->n_grades + 1) : 0;
    if (series >= route_base(sc))
        return 1;
    if (d->by_route == 2 || d == &table[M_CAMPAIGN_HIRES]) /* only by route or campaign */
        return 0;
    if (d->caseload && sc->n_case_types == 0)
        return 0;
    if (scope > 0 && (!d->per_grade || (d->caseload && !sc->grade[scope - 1].holds_cases)))
        return 0;
    return 1;
}

void metrics_series_name(const struct scenario *sc, int series, char *buf, unsigned long size)
{
    int base = metrics_n_series(sc->n_grades);
    if (series >= campaign_base(sc)) {
        snprintf(buf, size, "%s.%s", table[M_CAMPAIGN_HIRES].name,
                 sc->campaign[series - campaign_base(sc)].name);
        return;
    }
    if (series >= route_base(sc)) {
        int k = series - route_base(sc), n = n_route_metrics();
        snprintf(buf, size, "%s.route.%s", table[route_metric(k % n)].name, sc->route[k / n].name);
        return;
    }
    if (series >= base) {
        snprintf(buf, size, "%s.%s", table[M_OPEN_CASES].name, sc->case_type[series - base].name);
        return;
    }
    int scopes = sc->n_grades + 1, m = series / scopes, scope = series % scopes;
    if (scope == 0)
        snprintf(buf, size, "%s", table[m].name);
    else
        snprintf(buf, size, "%s.%s", table[m].name, sc->grade[scope - 1].name);
}

const char *metrics_money_name(int part)
{
    static const char *const name[N_MONEY_PARTS] = {[MONEY_PERMANENT] = "cost_permanent",
                                                    [MONEY_AGENCY] = "cost_agency",
                                                    [MONEY_RECRUITMENT] = "cost_recruitment",
                                                    [MONEY_RETENTION] = "cost_retention",
                                                    [MONEY_CLAWBACK] = "clawback_recovered",
                                                    [MONEY_VACANCY] = "cost_vacancy",
                                                    [MONEY_NET] = "cost_net"};
    return name[part];
}

int metrics_money_sign(int part)
{
    return part == MONEY_CLAWBACK ? -1 : 1;
}

/* Add the council's month to the money so far (reset at month 0). */
static void add_money(struct metrics_history *h, const struct finance_month *c, int month,
                      double discount)
{
    double v[N_MONEY_PARTS] = {
        [MONEY_PERMANENT] = c->permanent,     [MONEY_AGENCY] = c->agency,
        [MONEY_RECRUITMENT] = c->recruitment, [MONEY_RETENTION] = c->retention,
        [MONEY_CLAWBACK] = c->clawback,       [MONEY_VACANCY] = c->vacancy};
    if (month == 0)
        memset(h->money, 0, sizeof h->money);
    for (int p = 0; p < MONEY_NET; p++) { /* the net is the parts' sum */
        h->money[p][MONEY_UNDISCOUNTED] += v[p];
        h->money[p][MONEY_DISCOUNTED] += v[p] * discount;
        h->money[MONEY_NET][MONEY_UNDISCOUNTED] += metrics_money_sign(p) * v[p];
        h->money[MONEY_NET][MONEY_DISCOUNTED] += metrics_money_sign(p) * v[p] * discount;
    }
}

struct stock {
    double est, in_post, cover, extra, vacancy, offered, age_sum, age_n, tenured, eligible, tied;
    double leavers, dest[N_DESTINATIONS], starters;
};

static void add(struct stock *t, const struct stock *v)
{
    t->est += v->est;
    t->in_post += v->in_post;
    t->cover += v->cover;
    t->extra += v->extra;
    t->vacancy += v->vacancy;
    t->offered += v->offered;
    t->age_sum += v->age_sum;
    t->age_n += v->age_n;
    t->tenured += v->tenured;
    t->eligible += v->eligible;
    t->tied += v->tied;
    t->leavers += v->leavers;
    t->starters += v->starters;
    for (int d = 0; d < N_DESTINATIONS; d++)
        t->dest[d] += v->dest[d];
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

static void store(float *out, int metric, int scope, int n_grades, double v)
{
    out[metrics_series(metric, scope, n_grades)] = (float)v;
}

void metrics_observe(struct metrics_history *h, const struct workforce *wf,
                     const struct scenario *sc, float *out)
{
    const int G = sc->n_grades, month = wf->month;
    const int w = month < METRICS_WINDOW ? month : METRICS_WINDOW;
    struct stock s[METRICS_SCOPES];
    memset(s, 0, sizeof s);
    for (int g = 0; g < G; g++) {
        const struct grade_stock *k = &wf->stock[g];
        struct stock *x = &s[1 + g];
        x->est = k->establishment_fte;
        x->in_post = k->in_post_fte;
        x->tenured = k->in_post_fte - workforce_recent_fte(wf, g, w);
        x->vacancy = k->vacancy_fte;
        x->offered = k->offered_fte;
        x->cover = k->cover_fte;
        x->age_n = k->open_posts;
        x->age_sum = k->open_posts * month - k->since_sum;
        x->extra = wf->extra_agency_fte[g];
        x->eligible = wf->flow[g].eligible_fte;
        x->tied = wf->flow[g].tied_in_fte;
        x->starters = wf->flow[g].starters_fte;
        x->leavers = wf->flow[g].leavers_fte;
        for (int d = 0; d < N_DESTINATIONS; d++)
            x->dest[d] = wf->flow[g].leavers_dest_fte[d];
        add(&s[0], x);
    }
    struct finance_month cost[METRICS_SCOPES];
    memset(cost, 0, sizeof cost);
    for (int g = 0; g < G; g++) {
        finance_grade(sc, wf, g, &cost[1 + g]);
        cost[0].permanent += cost[1 + g].permanent;
        cost[0].agency += cost[1 + g].agency;
        cost[0].recruitment += cost[1 + g].recruitment;
        cost[0].retention += cost[1 + g].retention;
        cost[0].clawback += cost[1 + g].clawback;
        cost[0].vacancy += cost[1 + g].vacancy;
        cost[0].total += cost[1 + g].total;
    }
    double discount = finance_discount(sc, month);
    add_money(h, &cost[0], month, discount);
    const int now = month % (METRICS_WINDOW + 1);
    for (int c = 0; c <= G; c++) {
        h->npv_cum[c] = (month == 0 ? 0 : h->npv_cum[c]) + cost[c].total * discount;
        store(out, M_COST_TOTAL, c, G, cost[c].total);
        store(out, M_COST_PERMANENT, c, G, cost[c].permanent);
        store(out, M_COST_AGENCY, c, G, cost[c].agency);
        store(out, M_COST_RECRUITMENT, c, G, cost[c].recruitment);
        store(out, M_COST_TOTAL_NPV_CUM, c, G, h->npv_cum[c]);
        store(out, M_COST_RETENTION, c, G, cost[c].retention);
        store(out, M_CLAWBACK_RECOVERED, c, G, cost[c].clawback);
        struct stock *x = &s[c];
        store(out, M_RETENTION_ELIGIBLE_FTE, c, G, x->eligible);
        store(out, M_RETENTION_TIED_IN_FTE, c, G, x->tied);
        h->in_post[now][c] = x->in_post;
        h->leavers[now][c] = x->leavers;
        double agency = x->cover + x->extra, left = 0;
        for (int k = 0; k < w; k++)
            left += h->leavers[(month - k) % (METRICS_WINDOW + 1)][c];
        double then = h->in_post[(month - w) % (METRICS_WINDOW + 1)][c];
        store(out, M_ESTABLISHMENT_FTE, c, G, x->est);
        store(out, M_IN_POST_FTE, c, G, x->in_post);
        store(out, M_AGENCY_FTE, c, G, agency);
        store(out, M_AGENCY_COVER_FTE, c, G, x->cover);
        store(out, M_VACANCY_FTE, c, G, x->vacancy);
        store(out, M_VACANCY_RATE, c, G, ratio(x->vacancy, x->vacancy + x->in_post));
        store(out, M_AGENCY_RATE, c, G, ratio(agency, agency + x->in_post));
        store(out, M_VACANCY_COVER_RATE, c, G, ratio(x->cover, x->vacancy));
        store(out, M_OFFERS_PENDING_FTE, c, G, x->offered);
        store(out, M_STARTERS_FTE, c, G, x->starters);
        store(out, M_LEAVERS_FTE, c, G, x->leavers);
        store(out, M_LEAVERS_EXIT_FTE, c, G, x->dest[DEST_LEAVE_SECTOR]);
        store(out, M_LEAVERS_TO_AGENCY_FTE, c, G, x->dest[DEST_TO_AGENCY]);
        store(out, M_LEAVERS_TO_OTHER_LA_FTE, c, G, x->dest[DEST_TO_OTHER_LA]);
        store(out, M_TURNOVER_RATE, c, G,
              w > 0 ? ratio(left * METRICS_WINDOW / w, x->in_post) : NAN);
        store(out, M_STABILITY_INDEX, c, G, w > 0 ? ratio(x->tenured, then) : NAN);
        store(out, M_VACANCY_AGE_MONTHS, c, G, ratio(x->age_sum, x->age_n));
        store(out, M_ABSENCE_FTE, c, G, sc->absence_rate * x->in_post);
    }
    for (int r = 0; r < sc->n_routes; r++) {
        int g = sc->route[r].grade_index;
        out[metrics_route_series(sc, r, M_STARTERS_FTE)] = (float)wf->flow[g].trainee_starters_fte;
        out[metrics_route_series(sc, r, M_IN_TRAINING_FTE)] = (float)wf->stock[g].training_fte;
    }
    for (int c = 0; c < sc->n_campaigns; c++)
        out[metrics_campaign_series(sc, c)] = (float)wf->campaign_offers[c];
}

void metrics_observe_cases(const struct caseload *c, const struct workforce *wf,
                           double leaving_multiplier, const struct scenario *sc, float *out)
{
    const int G = sc->n_grades;
    struct caseload_obs o;
    caseload_observe(c, sc, wf, &o);
    double vacancy = 0, cover = 0;
    for (int g = 0; g < G; g++) {
        if (!sc->grade[g].holds_cases)
            continue;
        const struct caseload_holders *x = &o.grade[g];
        store(out, M_OPEN_CASES, 1 + g, G, x->cases);
        store(out, M_CASE_HOLDER_FTE, 1 + g, G, x->fte);
        store(out, M_CASELOAD, 1 + g, G, ratio(x->cases, x->fte));
        store(out, M_WORKERS_OVER_TARGET_SHARE, 1 + g, G, ratio(x->over_target, x->n));
        vacancy += wf->stock[g].vacancy_fte;
        cover += wf->stock[g].cover_fte;
    }
    store(out, M_OPEN_CASES, 0, G, o.open);
    store(out, M_CASE_HOLDER_FTE, 0, G, o.all.fte);
    store(out, M_CASELOAD, 0, G, ratio(o.open, o.all.fte));
    store(out, M_WORKERS_OVER_TARGET_SHARE, 0, G, ratio(o.all.over_target, o.all.n));
    store(out, M_UNALLOCATED_CASES, 0, G, o.queued);
    store(out, M_UNALLOCATED_WAIT_MONTHS, 0, G, ratio(o.queued_months, o.queued));
    store(out, M_CASE_TRANSFERS, 0, G, o.transfers);
    store(out, M_CASES_3PLUS_WORKERS_12M_SHARE, 0, G, ratio(o.three_plus, o.open));
    store(out, M_CASES_HELD_BY_AGENCY_SHARE, 0, G, ratio(o.all.agency_cases, o.open));
    store(out, M_ABSENCE_RATE, 0, G, sc->absence_rate);
    store(out, M_CASELOAD_PRESSURE, 0, G, o.pressure);
    store(out, M_LEAVING_MULTIPLIER, 0, G, leaving_multiplier);
    store(out, M_FEEDBACK_LOOP_GAIN, 0, G,
          feedback_loop_gain(sc, o.pressure, vacancy > 0 ? cover / vacancy : 0));
    for (int t = 0; t < sc->n_case_types; t++)
        out[metrics_type_series(t, G)] = (float)o.open_by_type[t];
}

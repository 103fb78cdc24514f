/* scenario_keys: the key tables (see include/wfsim/scenario_keys.h). Sources name
 * the publication a default comes from; "(estimate)" marks a judgement with
 * no published figure, to be treated as uncertain. */
#include "wfsim/scenario_keys.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/scenario.h"
#include "base/text.h"

#define TOP(f) offsetof(struct scenario, f), sizeof(((struct scenario *)0)->f)
#define GRADE(f) offsetof(struct grade_params, f), sizeof(((struct grade_params *)0)->f)
#define CAMP(f) offsetof(struct campaign_params, f), sizeof(((struct campaign_params *)0)->f)
#define CHG(f)                                                                                     \
    offsetof(struct establishment_change, f), sizeof(((struct establishment_change *)0)->f)
#define CASE(f) offsetof(struct case_type_params, f), sizeof(((struct case_type_params *)0)->f)
#define SHOCK(f) offsetof(struct demand_shock, f), sizeof(((struct demand_shock *)0)->f)
#define ROUTE(f) offsetof(struct route_params, f), sizeof(((struct route_params *)0)->f)
#define TARGET(f) offsetof(struct target_params, f), sizeof(((struct target_params *)0)->f)
#define SCHEME(f) offsetof(struct scheme_params, f), sizeof(((struct scheme_params *)0)->f)
#define POS 1 /* must be > 0 */
#define TAG 1 /* a name written only when set (scenario_keys.h) */

#define REQ 1
#define OPT 0
#define BIG 1e6

/* Keys sharing a group prefix stay contiguous: the writer relies on it. */
static const struct key_spec top_keys[] = {
    {"name", KEY_NAME, TOP(name), REQ, 0, "", 0, 0, "text",
     "Scenario name: letters, digits, '_' and '-'; names the results directory", "user", 0, NULL},
    {"description", KEY_TEXT, TOP(description), OPT, 0, "", 0, 0, "text",
     "One line saying what the scenario is", "user", 0, NULL},
    {"area_code", KEY_NAME, TOP(area_code), OPT, 0, "", 0, 0, "DfE code",
     "The council's DfE area code (new_la_code, e.g. E06000045) when the scenario is built "
     "from DfE data; the report shows the area's published history from it. Written by "
     "wfsim dfe build; \"\" for none",
     "wfsim dfe build", TAG, NULL},
    {"simulation.start", KEY_MONTH, TOP(start_month), REQ, 0, "", 0, 0, "YYYY-MM",
     "The month at whose end the initial state holds (month 0); e.g. 2024-09 for the "
     "DfE 30 September census",
     "user", 0, NULL},
    {"simulation.months", KEY_INT, TOP(months), REQ, 0, "", 1, SCENARIO_MAX_MONTHS, "months",
     "Horizon: months simulated after month 0", "user", 0, NULL},
    {"simulation.replicates", KEY_INT, TOP(replicates), OPT, 1000, "", 1, 10000000, "count",
     "Independent Monte Carlo replicates", "user", 0, NULL},
    {"simulation.seed", KEY_INT64, TOP(seed), OPT, 1, "", 0, 9.2e18, "integer",
     "Base seed; replicate k's streams are a pure function of (seed, k)", "user", 0, NULL},
    {"leaving.notice_months", KEY_INT, TOP(notice_months), OPT, 1, "", 0, 12, "months",
     "Notice between resignation and leaving; the post stays filled meanwhile",
     "4 weeks for social workers (docs/sources.md: notice)", 0, NULL},
    {"leaving.share_leave_sector", KEY_DOUBLE, TOP(share_leave_sector), OPT, 0.61, "", 0, 1,
     "share", "Leavers who leave LA children's social work",
     "DfE Children's social work workforce 2024, attrition: 61%", 0, NULL},
    {"leaving.share_to_agency", KEY_DOUBLE, TOP(share_to_agency), OPT, 0.12, "", 0, 1, "share",
     "Leavers who go to agency work", "DfE CSWW 2024: 12%", 0, NULL},
    {"leaving.share_to_other_la", KEY_DOUBLE, TOP(share_to_other_la), OPT, 0.27, "", 0, 1, "share",
     "Leavers who move to another LA (the three shares sum to 1)", "DfE CSWW 2024: 27%", 0, NULL},
    {"recruitment.advert_delay_months", KEY_INT, TOP(advert_delay_months), OPT, 1, "", 0, 24,
     "months", "Months from a post falling vacant to the first month it can be filled",
     "(estimate) advert to start about 8-16 weeks", 0, NULL},
    {"recruitment.start_delay_months", KEY_INT, TOP(start_delay_months), OPT, 2, "", 0, 24,
     "months", "Months from an accepted offer to the start (notice elsewhere, checks)",
     "(estimate) advert to start about 8-16 weeks", 0, NULL},
    {"agency.cover_probability", KEY_DOUBLE, TOP(agency_cover_probability), OPT, 0.35, "", 0, 1,
     "probability/month", "Chance each month that an uncovered vacancy gets an agency worker",
     "(estimate) calibrated so 67-76% of vacancies are covered (DfE CSWW 2017-2024)", 0, NULL},
    {"agency.cap_fte", KEY_DOUBLE, TOP(agency_cap_fte), OPT, -1, "", -1, BIG, "FTE",
     "Most agency FTE the council will hold; -1 for no cap", "user", 0, NULL},
    {"agency.cap_from", KEY_MONTH, TOP(agency_cap_from), OPT, 0, "", 0, 0, "YYYY-MM",
     "First month the agency cap applies (before it, cover is not capped); \"\" from month 0. "
     "A cap never ends an assignment: above the cap, no new cover starts",
     "user", 0, NULL},
    {"agency.price_cap_from", KEY_MONTH, TOP(agency_price_cap_from), OPT, 0, "", 0, 0, "YYYY-MM",
     "First month the grades' agency_price_cap_gbp apply (the rate paid and the chance of "
     "cover); \"\" from month 0",
     "user", 0, NULL},
    {"agency.annual_assignment_end_rate", KEY_DOUBLE, TOP(agency_annual_assignment_end_rate), OPT,
     1.0, "", 0, 12, "per year",
     "Rate at which agency assignments end (the worker goes; the vacancy is uncovered)",
     "(estimate) assignments last about a year on average", 0, NULL},
    {"agency.release_on_start_probability", KEY_DOUBLE, TOP(agency_release_on_start_probability),
     OPT, 0.8, "", 0, 1, "probability",
     "Chance the agency worker covering a post is released when a permanent starter arrives; "
     "otherwise they stay on as agency not covering a vacancy",
     "(estimate) 75-81% of agency FTE cover vacancies (DfE CSWW 2017-2024)", 0, NULL},
    {"agency.pool_replacement_probability", KEY_DOUBLE, TOP(agency_pool_replacement_probability),
     OPT, 0, "", 0, 1, "probability",
     "Chance that an ending assignment of the month-0 pool (agency not covering a vacancy) is "
     "taken over by another locum, so the need it met goes on; 0: that pool shrinks as "
     "assignments end, 1: it keeps its size. Locums who join the pool later end as usual",
     "(estimate) 0; wfsim dfe build uses 1 so the census's non-vacancy agency persists, as "
     "the agency rate does year to year (docs/data.md)",
     0, NULL},
    {"agency.monthly_conversion_probability", KEY_DOUBLE,
     TOP(agency_monthly_conversion_probability), OPT, 0.005, "", 0, 1, "probability/month",
     "Chance each month that the agency worker covering a vacancy takes the post permanently",
     "(estimate)", 0, NULL},
    {"agency.initial_vacancy_cover_share", KEY_DOUBLE, TOP(agency_initial_vacancy_cover_share), OPT,
     0.813, "", 0, 1, "share",
     "Share of initial agency FTE covering vacancies (the rest cover absence or extra work)",
     "DfE CSWW 2024: agency cover rate 81.3%", 0, NULL},
    {"agency.cap_cover_sensitivity", KEY_DOUBLE, TOP(agency_cap_cover_sensitivity), OPT, 1, "", 0,
     10, "ratio",
     "How a price cap below the market rate lowers the chance of cover: cover probability x "
     "max(0, 1 - sensitivity x (market - cap) / market)",
     "(estimate) agency FTE fell 9.2% in 2024 as the rules came in (DfE)", 0, NULL},
    {"absence_rate", KEY_DOUBLE, TOP(absence_rate), OPT, 0.034, "", 0, 1, "share",
     "Sickness absence: share of in-post FTE time lost; case holders' capacity is their "
     "target x (1 - absence_rate)",
     "DfE CSWW 2024: 3.4%", 0, NULL},
    {"demand.trend_per_year", KEY_DOUBLE, TOP(demand_trend_per_year), OPT, 0, "", -0.9, 10,
     "fraction/year", "Growth of arrivals: month m's rate is multiplied by (1 + trend)^(m/12)",
     "user", 0, NULL},
    {"demand.seasonal", KEY_ARRAY, TOP(demand_seasonal), OPT, 0,
     "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]", 0, 10, "ratio",
     "Multiplier of arrivals by calendar month, January first (12 values > 0, usually "
     "averaging 1)",
     "user", POS, NULL},
    {"caseload.overflow", KEY_CHOICE, TOP(overflow), OPT, 0, "queue", 0, 0, "choice",
     "When no case holder has room: \"queue\" (cases wait unallocated, oldest served first) or "
     "\"over_target\" (allocate over target up to the hard cap, then queue)",
     "user (local practice differs)", 0, "queue|over_target"},
    {"caseload.hard_cap_ratio", KEY_DOUBLE, TOP(hard_cap_ratio), OPT, 1.25, "", 1, 5, "ratio",
     "With overflow \"over_target\": most a holder takes, as a multiple of their target",
     "(estimate)", 0, NULL},
    {"caseload.feedback.enabled", KEY_BOOL, TOP(feedback_enabled), OPT, 0, "", 0, 1, "boolean",
     "Whether caseload pressure raises the leaving hazard of case-holding grades",
     "caseload pressure is the most cited reason for leaving (Lane, Munro & Husemann 2016)", 0,
     NULL},
    {"caseload.feedback.threshold", KEY_DOUBLE, TOP(feedback_threshold), OPT, 1.0, "", 0, 5,
     "ratio",
     "Pressure (open case weight / holders' capacity, averaged over the window) above "
     "which leaving rises",
     "(estimate)", 0, NULL},
    {"caseload.feedback.slope", KEY_DOUBLE, TOP(feedback_slope), OPT, 2.0, "", 0, 100, "per unit",
     "Leaving multiplier = 1 + slope x (pressure - threshold) above the threshold",
     "(estimate) no published elasticity of leaving to caseload", 0, NULL},
    {"caseload.feedback.max_multiplier", KEY_DOUBLE, TOP(feedback_max_multiplier), OPT, 3.0, "", 1,
     100, "ratio", "Cap on the leaving multiplier", "(estimate)", 0, NULL},
    {"caseload.feedback.window_months", KEY_INT, TOP(feedback_window_months), OPT, 3, "", 1, 12,
     "months", "Months of pressure averaged (workers react to sustained, not momentary, load)",
     "(estimate)", 0, NULL},
    {"finance.discount_rate", KEY_DOUBLE, TOP(discount_rate), OPT, 0.035, "", 0, 1, "per year",
     "Discount rate for net present values (costs in month m weigh (1 + r)^(-m/12))",
     "HM Treasury Green Book: 3.5%", 0, NULL},
    {"finance.on_cost_share", KEY_DOUBLE, TOP(on_cost_share), OPT, 0.28, "", 0, 2, "share",
     "Employer on-costs (National Insurance, pension) on permanent salaries",
     "(estimate) 25-30% (docs/sources.md: pay)", 0, NULL},
    {"finance.advert_cost_gbp", KEY_DOUBLE, TOP(advert_cost_gbp), OPT, 0, "", 0, 1e6, "GBP",
     "Cost of advertising a post that falls vacant (or is added)", "council data", 0, NULL},
    {"finance.hire_cost_gbp", KEY_DOUBLE, TOP(hire_cost_gbp), OPT, 0, "", 0, 1e6, "GBP",
     "Cost of each external permanent hire (selection, checks, induction)", "council data", 0,
     NULL},
    {"finance.pay_award", KEY_DOUBLE, TOP(pay_award), OPT, 0, "", -0.5, 1, "per year",
     "Annual pay award for a cash budget: salaries and agency costs grow by (1 + pay_award) "
     "each April after month 0; 0 keeps constant prices of the start year (real)",
     "constant prices", 0, NULL},
    {"finance.uncovered_vacancy_cost_gbp", KEY_DOUBLE, TOP(uncovered_vacancy_cost_gbp), OPT, 0, "",
     0, 1e6, "GBP/FTE-year",
     "Cost of a vacant FTE not covered by agency, a year (overtime, sessional cover): "
     "cost_vacancy = (vacancy_fte - agency_cover_fte) x this / 12 a month",
     "(estimate) the service's own; 0 leaves it out", 0, NULL},
    {"retention.elasticity_mean", KEY_DOUBLE, TOP(elasticity_mean), OPT, -2.5, "", -20, 0,
     "elasticity",
     "Pay elasticity of exit: leaving x max(0, 1 + e x v), v the payment's "
     "annual value over salary; drawn once per replicate",
     "about -3 (8% pay cut leaving 23%: Sims & Benhenda 2022); near 0 (NFER 2025)", 0, NULL},
    {"retention.elasticity_sd", KEY_DOUBLE, TOP(elasticity_sd), OPT, 1.0, "", 0, 20, "elasticity",
     "Standard deviation of the per-replicate elasticity (normal, truncated to "
     "[elasticity_min, 0])",
     "(estimate) spans the -3 and near-0 evidence", 0, NULL},
    {"retention.elasticity_min", KEY_DOUBLE, TOP(elasticity_min), OPT, -6, "", -20, 0, "elasticity",
     "Lower truncation of the elasticity", "(estimate)", 0, NULL},
    {"retention.clawback_weight", KEY_DOUBLE, TOP(clawback_weight), OPT, 1, "", 0, 5, "ratio",
     "Lock-in of a clawback: inside a tie-in, the repayment owed on leaving (as an annual share "
     "of pay, like a payment's value) counts this many times as much as pay in the pay "
     "elasticity of exit; 0 for no lock-in",
     "(estimate) 1: a pound owed deters as a pound paid; no published figure (docs/sources.md: "
     "pay-elasticity)",
     0, NULL},
    {"retention.clawback_weight_sd", KEY_DOUBLE, TOP(clawback_weight_sd), OPT, 0.5, "", 0, 5,
     "ratio",
     "Standard deviation of the per-replicate draw of the clawback weight (a normal truncated "
     "to [0, 3 x the weight], drawn only when a scheme has a clawback)",
     "(estimate) its effect is unmeasured", 0, NULL},
    {"retention.deferral_share", KEY_DOUBLE, TOP(deferral_share), OPT, 0, "", 0, 1, "share",
     "Share of workers who decide to leave while tied in, and would repay something (a "
     "clawback), who wait until the tie-in ends (the cliff of leavers after it); 0 disables",
     "(estimate) plausible, unmeasured (docs/sources.md: pay-elasticity)", 0, NULL},
    {"retention.recruitment_elasticity", KEY_DOUBLE, TOP(recruitment_elasticity), OPT, 0, "", 0, 20,
     "elasticity",
     "Fill chance x (1 + e x v) while a golden hello or supplement is open to "
     "new starters of the grade",
     "a 10% premium raised recruitment 6-7 points (Falch 2011)", 0, NULL},
    {"uncertainty.leaving_rate_sd", KEY_DOUBLE, TOP(uncertainty_leaving_sd), OPT, 0, "", 0, 3,
     "log scale",
     "Per-replicate uncertainty in the leaving rates: every grade's rate x exp(sd z), "
     "z a standard normal clamped to [-3, 3], one draw for all grades; 0 fixes them",
     "(estimate) 0; wfsim backcast sets it from the DfE panel (docs/data.md)", 0, NULL},
    {"uncertainty.fill_probability_sd", KEY_DOUBLE, TOP(uncertainty_fill_sd), OPT, 0, "", 0, 3,
     "log scale",
     "Per-replicate uncertainty in the fill probabilities: every grade's x exp(sd z) "
     "(at most 1), one draw for all grades; 0 fixes them",
     "(estimate) 0; wfsim backcast sets it from the DfE panel (docs/data.md)", 0, NULL},
    {"uncertainty.cover_logit_sd", KEY_DOUBLE, TOP(uncertainty_cover_sd), OPT, 0, "", 0, 3,
     "logit scale",
     "Per-replicate uncertainty in agency.cover_probability: logit c + sd z; 0 "
     "fixes it",
     "(estimate) 0; wfsim backcast sets it from the DfE panel (docs/data.md)", 0, NULL},
    {"uncertainty.demand_sd", KEY_DOUBLE, TOP(uncertainty_demand_sd), OPT, 0, "", 0, 3, "log scale",
     "Per-replicate uncertainty in demand: every case type's arrivals x exp(sd z), "
     "one draw for all types; 0 fixes them",
     "(estimate) 0; wfsim backcast sets it from the DfE panel (docs/data.md)", 0, NULL},
};

static const struct key_spec grade_keys[] = {
    {"label", KEY_TEXT, GRADE(label), OPT, 0, "", 0, 0, "text", "Display name", "user", 0, NULL},
    {"posts_fte", KEY_DOUBLE, GRADE(posts_fte), REQ, 0, "", 0, BIG, "FTE",
     "Funded establishment at month 0 (in post + vacancies)", "council establishment", 0, NULL},
    {"initial_in_post_fte", KEY_DOUBLE, GRADE(initial_in_post_fte), REQ, 0, "", 0, BIG, "FTE",
     "Permanent FTE in post at month 0 (at most posts_fte)", "council census (DfE CSWW)", 0, NULL},
    {"initial_agency_fte", KEY_DOUBLE, GRADE(initial_agency_fte), OPT, 0, "", 0, BIG, "FTE",
     "Agency FTE at month 0", "council census (DfE CSWW)", 0, NULL},
    {"tenure_mix", KEY_ARRAY, GRADE(tenure_mix), OPT, 0, "[0.20, 0.15, 0.25, 0.40]", 0, 1, "shares",
     "Initial in-post FTE by service at the council: <1y, 1-2y, 2-5y, 5y+ (sum 1)",
     "about 60% of the stock has under 5 years' service (DfE CSWW attrition, 2017-2022)", 0, NULL},
    {"annual_leaving_rate", KEY_DOUBLE, GRADE(annual_leaving_rate), REQ, 0, "", 0, 5,
     "per FTE-year", "Leavers a year per FTE in post (DfE turnover rate as a fraction)",
     "DfE CSWW: England 13.9% in 2024", 0, NULL},
    {"leaving_multiplier", KEY_ARRAY, GRADE(leaving_multiplier), OPT, 1, "[1, 1, 1, 1]", 0, 100,
     "ratio",
     "Relative leaving hazard by service band (<1y, 1-2y, 2-5y, 5y+); normalised so "
     "the initial stock leaves at annual_leaving_rate",
     "user; leaving falls with service (DfE CSWW attrition by length of service)", 0, NULL},
    {"monthly_fill_probability", KEY_DOUBLE, GRADE(monthly_fill_probability), REQ, 0, "", 0, 1,
     "probability/month",
     "Chance each month that an open, advertised vacancy gets an accepted "
     "offer (mean search 1/p months)",
     "calibrated to the council's vacancy rate", 0, NULL},
    {"salary_gbp", KEY_DOUBLE, GRADE(salary_gbp), OPT, 0, "", 0, BIG, "GBP/FTE-year",
     "Gross annual salary (reported for costing)", "council pay scales", 0, NULL},
    {"holds_cases", KEY_BOOL, GRADE(holds_cases), OPT, 1, "", 0, 1, "boolean",
     "Whether the grade holds cases (team managers do not)", "DfE CSWW case-holder definition", 0,
     NULL},
    {"promotion_from", KEY_NAME, GRADE(promotion_from), OPT, 0, "", 0, 0, "grade",
     "Grade from which vacancies here can be filled internally; \"\" for none", "user", 0, NULL},
    {"internal_fill_share", KEY_DOUBLE, GRADE(internal_fill_share), OPT, 0, "", 0, 1, "share",
     "Share of fills that promote a worker from promotion_from (their post falls vacant)",
     "(estimate)", 0, NULL},
    {"target_caseload", KEY_DOUBLE, GRADE(target_caseload), OPT, 0, "", 0, 100, "cases/FTE",
     "Target caseload (case weight) of a full-time case holder; must be > 0 for a case-holding "
     "grade when there are case types",
     "council benchmark, e.g. Bracknell Forest 13-14; England mean 15.4 (DfE CSWW 2024)", 0, NULL},
    {"agency_cost_gbp", KEY_DOUBLE, GRADE(agency_cost_gbp), OPT, 0, "", 0, 1e7, "GBP/FTE-year",
     "All-in cost of an agency FTE for a year (day or hourly rate x working time, with the "
     "agency's margin)",
     "1.4-2.2x permanent pay; premium about £15,000-27,000 an FTE-year (Luton 2017, St Helens "
     "2025, Kantar 2020)",
     0, NULL},
    {"agency_price_cap_gbp", KEY_DOUBLE, GRADE(agency_price_cap_gbp), OPT, 0, "", 0, 1e7,
     "GBP/FTE-year",
     "Price cap on agency cover (0: none). Below agency_cost_gbp the council pays "
     "the cap but finds cover less often (agency.cap_cover_sensitivity)",
     "DfE statutory guidance: regional price caps in 5 role bands from 2024 (docs/sources.md: "
     "agency-rules)",
     0, NULL},
};

static const struct key_spec campaign_keys[] = {
    {"month", KEY_MONTH, CAMP(month), OPT, 0, "", 0, 0, "YYYY-MM",
     "Month offers are made (within the horizon); give it or arrive", "user", 0, NULL},
    {"arrive", KEY_MONTH, CAMP(arrive), OPT, 0, "", 0, 0, "YYYY-MM",
     "Instead of month: the month the starters arrive, lead_months after the offers (a resolved "
     "scenario gives month)",
     "user", 0, NULL},
    {"grade", KEY_NAME, CAMP(grade), REQ, 0, "", 0, 0, "grade", "Grade recruited", "user", 0, NULL},
    {"hires", KEY_INT, CAMP(hires), REQ, 0, "", 0, 100000, "workers",
     "Offers accepted, at most the open unoffered vacancies of the grade then", "user", 0, NULL},
    {"lead_months", KEY_INT, CAMP(lead_months), OPT, 6, "", 0, 36, "months",
     "Months from offer to start",
     "(estimate) overseas: registration 10-75 days plus visa and relocation, 4-9 months", 0, NULL},
    {"cost_per_hire_gbp", KEY_DOUBLE, CAMP(cost_per_hire_gbp), OPT, 0, "", 0, BIG, "GBP",
     "Campaign cost per hire (reported for costing)", "agency quote", 0, NULL},
    {"first_year_leaving_multiplier", KEY_DOUBLE, CAMP(first_year_leaving_multiplier), OPT, 1, "",
     0, 100, "ratio", "Leaving hazard multiplier in a campaign hire's first 12 months",
     "(estimate)", 0, NULL},
};

static const struct key_spec change_keys[] = {
    {"month", KEY_MONTH, CHG(month), REQ, 0, "", 0, 0, "YYYY-MM",
     "Month the change takes effect (within the horizon)", "user", 0, NULL},
    {"grade", KEY_NAME, CHG(grade), REQ, 0, "", 0, 0, "grade", "Grade changed", "user", 0, NULL},
    {"change_fte", KEY_DOUBLE, CHG(change_fte), REQ, 0, "", -BIG, BIG, "FTE",
     "Posts added (+) or cut (-); cuts take vacant posts first, then the next posts to fall "
     "vacant",
     "user", 0, NULL},
};

static const struct key_spec case_type_keys[] = {
    {"arrivals_per_month", KEY_DOUBLE, CASE(arrivals_per_month), REQ, 0, "", 0, 1e7, "cases/month",
     "Mean new cases a month (Poisson), before trend, season and shocks", "council data", 0, NULL},
    {"initial_open", KEY_INT, CASE(initial_open), OPT, 0, "", 0, 10000000, "cases",
     "Open cases at month 0 (ages from the stationary distribution of the duration)",
     "council data", 0, NULL},
    {"duration", KEY_CHOICE, CASE(duration), OPT, 0, "geometric", 0, 0, "choice",
     "Distribution of months from first allocation to closure: \"geometric\" (mean "
     "mean_months) or \"lognormal\" (mean_months, sd_months, rounded up to whole months)",
     "user", 0, "geometric|lognormal"},
    {"mean_months", KEY_DOUBLE, CASE(mean_months), REQ, 0, "", 0, 600, "months",
     "Mean duration (at least 1 for geometric)", "(estimate) council data", POS, NULL},
    {"sd_months", KEY_DOUBLE, CASE(sd_months), OPT, 0, "", 0, 600, "months",
     "Standard deviation of a lognormal duration (> 0 for lognormal)", "(estimate)", 0, NULL},
    {"weight", KEY_DOUBLE, CASE(weight), OPT, 1, "", 0.01, 100, "case units",
     "Workload of one case against targets (1 = a standard case)", "user", POS, NULL},
    {"transfer_after_months", KEY_INT, CASE(transfer_after_months), OPT, 0, "", 0, 600, "months",
     "Scheduled change of worker this many months after first allocation (e.g. assessment to "
     "long-term team); 0 for none",
     "case transfer points inside a service (Ofsted, Southwark 2012)", 0, NULL},
    {"preferred_grade", KEY_NAME, CASE(preferred_grade), OPT, 0, "", 0, 0, "grade",
     "Case-holding grade tried first; \"\" for whichever holder has most room", "user", 0, NULL},
};

static const struct key_spec shock_keys[] = {
    {"month", KEY_MONTH, SHOCK(month), REQ, 0, "", 0, 0, "YYYY-MM",
     "First month of the shock (within the horizon); it lasts to the end", "user", 0, NULL},
    {"case_type", KEY_NAME, SHOCK(case_type), OPT, 0, "", 0, 0, "case type",
     "Case type affected; \"\" for all", "user", 0, NULL},
    {"factor", KEY_DOUBLE, SHOCK(factor), REQ, 0, "", 0, 100, "ratio",
     "Multiplier of arrivals from the month on (1.15 = +15%)", "user", POS, NULL},
};

static const struct key_spec scheme_keys[] = {
    {"kind", KEY_CHOICE, SCHEME(kind), REQ, 0, "", 0, 0, "choice",
     "golden_hello (paid on starting), lump_sum (paid at a service milestone), supplement "
     "(monthly share of salary), upfront (paid when eligibility begins)",
     "council schemes (docs/sources.md: council-schemes)", 0,
     "golden_hello|lump_sum|supplement|upfront"},
    {"grades", KEY_TEXT, SCHEME(grades), OPT, 0, "", 0, 0, "grades",
     "Eligible grades, comma-separated; \"\" for all", "user", 0, NULL},
    {"start", KEY_MONTH, SCHEME(start), REQ, 0, "", 0, 0, "YYYY-MM",
     "First month of the scheme (within the horizon)", "user", 0, NULL},
    {"end", KEY_MONTH, SCHEME(end), OPT, 0, "", 0, 0, "YYYY-MM",
     "Last month workers can become eligible or be paid a supplement; omitted: none", "user", 0,
     NULL},
    {"amount_gbp", KEY_DOUBLE, SCHEME(amount_gbp), OPT, 0, "", 0, 1e6, "GBP",
     "Payment for a full-time post, pro-rated by FTE (a year's worth for a supplement)",
     "scheme rules", 0, NULL},
    {"salary_share", KEY_DOUBLE, SCHEME(salary_share), OPT, 0, "", 0, 1, "share",
     "Payment as a share of salary (0.1 for 10%), added to amount_gbp", "scheme rules", 0, NULL},
    {"milestone_months", KEY_INT, SCHEME(milestone_months), OPT, 0, "", 0, 600, "months",
     "lump_sum: months of eligibility before payment", "scheme rules", 0, NULL},
    {"tie_in_months", KEY_INT, SCHEME(tie_in_months), OPT, 0, "", 0, SCENARIO_MAX_DELAY_MONTHS,
     "months", "Months after a payment within which leaving triggers clawback", "scheme rules", 0,
     NULL},
    {"clawback", KEY_CHOICE, SCHEME(clawback), OPT, 0, "none", 0, 0, "choice",
     "none, full, or pro_rata (the share of the tie-in not served)", "scheme rules", 0,
     "none|full|pro_rata"},
    {"clawback_recovered_share", KEY_DOUBLE, SCHEME(clawback_recovered_share), OPT, 1, "", 0, 1,
     "share", "Share of clawback owed that is actually recovered",
     "recovery was partial in Kent 2011-17 (docs/sources.md: council-schemes)", 0, NULL},
    {"eligible", KEY_CHOICE, SCHEME(eligible), OPT, 0, "both", 0, 0, "choice",
     "existing (in post at the start), new (starting after it) or both", "scheme rules", 0,
     "both|existing|new"},
    {"min_service_months", KEY_INT, SCHEME(min_service_months), OPT, 0, "", 0, 600, "months",
     "Service at the council before eligibility begins (it begins once served)", "scheme rules", 0,
     NULL},
    {"budget_gbp", KEY_DOUBLE, SCHEME(budget_gbp), OPT, 0, "", 0, 1e10, "GBP",
     "Cap on the scheme's payments over the horizon (0: none); a payment that would exceed it "
     "is not made (payments go in post order each month)",
     "user", 0, NULL},
};

static const struct key_spec route_keys[] = {
    {"grade", KEY_NAME, ROUTE(grade), REQ, 0, "", 0, 0, "grade",
     "Grade whose posts the trainees hold; every permanent starter from outside the council "
     "into this grade starts the route's training (one route per grade)",
     "user", 0, NULL},
    {"month", KEY_MONTHS_OF_YEAR, ROUTE(intake_months), OPT, 0, "", 1, 12, "month of year",
     "Month of year of the intake, or a list of them ([3, 9]); none for a route with a "
     "monthly flow",
     "user; graduates start August-October, Frontline in September (docs/sources.md: "
     "intake-timing)",
     0, NULL},
    {"hires", KEY_INT, ROUTE(hires), OPT, 0, "", 0, 100000, "workers",
     "Trainees hired at each intake month, at most the vacant posts of the grade then; they "
     "start at once",
     "user (a planning lever)", 0, NULL},
    {"hires_per_month", KEY_DOUBLE, ROUTE(hires_per_month), OPT, 0, "", 0, 10000, "workers/month",
     "A steady flow instead of intakes: floor(f m) - floor(f (m - 1)) trainees start in "
     "simulation month m, into vacant posts of the grade",
     "user (a planning lever)", 0, NULL},
    {"training_months", KEY_INT, ROUTE(training_months), OPT, 12, "", 1, 72, "months",
     "Months from the start to the end of training (the ASYE: 12)",
     "Skills for Care ASYE: 12 months", 0, NULL},
    {"pass_rate", KEY_DOUBLE, ROUTE(pass_rate), OPT, 1, "", 0, 1, "share",
     "Share of trainees reaching the end of training who pass; those who fail leave the sector",
     "(estimate) few ASYE fails are reported", 0, NULL},
    {"completion_grade", KEY_NAME, ROUTE(completion_grade), OPT, 0, "", 0, 0, "grade",
     "Grade a trainee who passes moves to (into a vacant post, waiting for one; a route "
     "training that grade starts then); \"\" to stay",
     "user", 0, NULL},
    {"protected_caseload_share", KEY_DOUBLE, ROUTE(protected_caseload_share), OPT, 1, "", 0, 1,
     "share", "Share of the grade's target caseload a trainee holds while training",
     "Suffolk CC ASYE offer: 90% caseload, 10% protected time", 0, NULL},
    {"cost_gbp", KEY_DOUBLE, ROUTE(cost_gbp), OPT, 0, "", 0, 1e6, "GBP",
     "Cost to the council of each trainee start (assessor time, training, fees), counted as "
     "recruitment",
     "(estimate)", 0, NULL},
    {"grant_gbp", KEY_DOUBLE, ROUTE(grant_gbp), OPT, 0, "", 0, 1e6, "GBP",
     "Grant income for each trainee start (counted against recruitment cost)",
     "about £2,000 per ASYE (2018; docs/sources.md: asye)", 0, NULL},
};

static const struct key_spec target_keys[] = {
    {"metric", KEY_TEXT, TARGET(metric), REQ, 0, "", 0, 0, "metric",
     "The metric, as a series of the run's outputs: \"vacancy_rate\", or a grade's "
     "\"vacancy_rate.sw\" (wfsim metrics lists them); checked when the run starts",
     "user", 0, NULL},
    {"op", KEY_CHOICE, TARGET(op), REQ, 0, "", 0, 0, "choice",
     "<= (the metric at most the value) or >= (at least)", "user", 0, "<=|>="},
    {"value", KEY_DOUBLE, TARGET(value), REQ, 0, "", -1e15, 1e15, "metric's unit",
     "The bound, in the metric's unit (rates as fractions: 0.10 for 10%)", "user", 0, NULL},
    {"date", KEY_TEXT, TARGET(date), REQ, 0, "", 0, 0, "YYYY-MM or YYYY",
     "A month (the value at its end) or a DfE reporting year (its figure in annual.csv), "
     "within the horizon; targets.csv gives the probability the target is met then, by "
     "then and from then on (README, Targets)",
     "user", 0, NULL},
};

static const struct retired_key retired_keys[] = {
    {"recruitment.intake.grade", "entry_routes.<name>.grade"},
    {"recruitment.intake.month", "entry_routes.<name>.month"},
    {"recruitment.intake.max_hires", "entry_routes.<name>.hires"},
    {"recruitment.intake.asye_months", "entry_routes.<name>.training_months"},
    {"recruitment.intake.asye_pass_rate", "entry_routes.<name>.pass_rate"},
    {"recruitment.intake.progresses_to", "entry_routes.<name>.completion_grade"},
    {"recruitment.intake", "entry_routes.<name>"},
    {"caseload.asye_protected_share", "entry_routes.<name>.protected_caseload_share"},
    {"finance.asye_grant_gbp", "entry_routes.<name>.grant_gbp"},
    {"finance.asye_cost_gbp", "entry_routes.<name>.cost_gbp"},
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

const struct key_spec *scenario_keys(enum key_section section, int *n)
{
    switch (section) {
    case SECTION_TOP: *n = COUNT(top_keys); return top_keys;
    case SECTION_GRADE: *n = COUNT(grade_keys); return grade_keys;
    case SECTION_CAMPAIGN: *n = COUNT(campaign_keys); return campaign_keys;
    case SECTION_CHANGE: *n = COUNT(change_keys); return change_keys;
    case SECTION_CASE_TYPE: *n = COUNT(case_type_keys); return case_type_keys;
    case SECTION_SHOCK: *n = COUNT(shock_keys); return shock_keys;
    case SECTION_SCHEME: *n = COUNT(scheme_keys); return scheme_keys;
    case SECTION_ROUTE: *n = COUNT(route_keys); return route_keys;
    case SECTION_TARGET: *n = COUNT(target_keys); return target_keys;
    default: *n = 0; return NULL;
    }
}

const char *scenario_keys_prefix(enum key_section section)
{
    switch (section) {
    case SECTION_GRADE: return "grades";
    case SECTION_CAMPAIGN: return "campaigns";
    case SECTION_CHANGE: return "establishment_changes";
    case SECTION_CASE_TYPE: return "case_types";
    case SECTION_SHOCK: return "demand_shocks";
    case SECTION_SCHEME: return "retention_schemes";
    case SECTION_ROUTE: return "entry_routes";
    case SECTION_TARGET: return "targets";
    default: return "";
    }
}

static const struct key_spec *find_in(enum key_section section, const char *name)
{
    int n;
    const struct key_spec *k = scenario_keys(section, &n);
    for (int i = 0; i < n; i++)
        if (strcmp(k[i].name, name) == 0)
            return &k[i];
    return NULL;
}

const struct key_spec *scenario_keys_find(const char *path, enum key_section *section)
{
    const struct key_spec *k = find_in(SECTION_TOP, path);
    if (k != NULL) {
        *section = SECTION_TOP;
        return k;
    }
    for (int s = SECTION_TOP + 1; s < N_KEY_SECTIONS; s++) {
        const char *prefix = scenario_keys_prefix((enum key_section)s);
        size_t len = strlen(prefix);
        if (strncmp(path, prefix, len) != 0 || path[len] != '.')
            continue;
        const char *rest = strchr(path + len + 1, '.');
        if (rest == NULL || rest == path + len + 1)
            return NULL;
        *section = (enum key_section)s;
        return find_in((enum key_section)s, rest + 1);
    }
    return NULL;
}

/* Near enough to suggest: at most a quarter of the word's letters wrong
 * (and at least one allowed). */
static int near_enough(int distance, const char *word)
{
    int allowed = (int)strlen(word) / 4;
    return distance <= (allowed > 1 ? allowed : 1);
}

int scenario_keys_nearest(const char *path, char *buf, size_t size)
{
    int best = 1 << 30;
    buf[0] = '\0';
    for (int s = SECTION_TOP + 1; s < N_KEY_SECTIONS; s++) {
        const char *prefix = scenario_keys_prefix((enum key_section)s);
        size_t len = strlen(prefix);
        const char *entry = strchr(path, '.'), *key = entry != NULL ? strchr(entry + 1, '.') : NULL;
        if (strncmp(path, prefix, len) == 0 && path[len] == '.' && key != NULL) {
            int n;
            const struct key_spec *k = scenario_keys((enum key_section)s, &n);
            for (int i = 0; i < n; i++) {
                int d = text_distance(key + 1, k[i].name);
                if (d < best && near_enough(d, k[i].name)) {
                    best = d;
                    snprintf(buf, size, "%.*s%s", (int)(key + 1 - path), path, k[i].name);
                }
            }
            return buf[0] != '\0';
        }
    }
    char first[64];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(path, "."), path);
    for (int s = SECTION_TOP + 1; s < N_KEY_SECTIONS; s++) {
        const char *prefix = scenario_keys_prefix((enum key_section)s);
        int d = text_distance(first, prefix);
        if (d < best && near_enough(d, prefix)) {
            best = d;
            snprintf(buf, size, "%s", prefix);
        }
    }
    int n;
    const struct key_spec *k = scenario_keys(SECTION_TOP, &n);
    for (int i = 0; i < n; i++) {
        char group[64];
        snprintf(group, sizeof group, "%.*s", (int)strcspn(k[i].name, "."), k[i].name);
        int d = text_distance(path, k[i].name), dg = text_distance(path, group);
        if (d < best && near_enough(d, k[i].name)) {
            best = d;
            snprintf(buf, size, "%s", k[i].name);
        }
        if (dg < best && near_enough(dg, group)) { /* a word: "retension" for "retention" */
            best = dg;
            snprintf(buf, size, "%s", group);
        }
    }
    return buf[0] != '\0';
}

/* The entries of a section in a scenario: the first, their size and count
 * (every entry struct begins with its name). */
static const char *entries(const struct scenario *sc, enum key_section s, size_t *size, int *n)
{
#define ENTRIES(a, count) (*size = sizeof sc->a[0], *n = sc->count, (const char *)sc->a)
    switch (s) {
    case SECTION_GRADE: return ENTRIES(grade, n_grades);
    case SECTION_CAMPAIGN: return ENTRIES(campaign, n_campaigns);
    case SECTION_CHANGE: return ENTRIES(change, n_changes);
    case SECTION_CASE_TYPE: return ENTRIES(case_type, n_case_types);
    case SECTION_SHOCK: return ENTRIES(shock, n_shocks);
    case SECTION_SCHEME: return ENTRIES(scheme, n_schemes);
    case SECTION_ROUTE: return ENTRIES(route, n_routes);
    case SECTION_TARGET: return ENTRIES(target, n_targets);
    default: *size = sizeof *sc, *n = 1; return (const char *)sc;
    }
#undef ENTRIES
}

int scenario_keys_number(const struct scenario *sc, const char *path, double *value)
{
    enum key_section s;
    const struct key_spec *k = scenario_keys_find(path, &s);
    if (k == NULL || (k->type != KEY_DOUBLE && k->type != KEY_INT && k->type != KEY_INT64))
        return -1;
    size_t size;
    int n;
    const char *base = entries(sc, s, &size, &n), *entry = NULL;
    if (s == SECTION_TOP)
        entry = base;
    size_t len = strlen(scenario_keys_prefix(s));
    for (int i = 0; s != SECTION_TOP && i < n; i++) {
        const char *name = base + (size_t)i * size, *at = path + len + 1;
        size_t name_len = strlen(name);
        if (strncmp(at, name, name_len) == 0 && at[name_len] == '.')
            entry = name;
    }
    if (entry == NULL)
        return -1;
    const char *field = entry + k->offset;
    if (k->type == KEY_DOUBLE)
        memcpy(value, field, sizeof *value);
    else if (k->type == KEY_INT) {
        int v;
        memcpy(&v, field, sizeof v);
        *value = v;
    } else {
        long long v;
        memcpy(&v, field, sizeof v);
        *value = (double)v;
    }
    return 0;
}

/* "[a, b, ...]" with exactly n numbers. */
static int parse_array(const char *text, double *out, size_t n)
{
    const char *p = strchr(text, '[');
    for (size_t i = 0; p != NULL && i < n; i++) {
        char *end = NULL;
        out[i] = strtod(p + 1, &end);
        if (end == p + 1)
            return -1;
        p = strchr(end, i + 1 < n ? ',' : ']');
    }
    return p != NULL ? 0 : -1;
}

int scenario_keys_choice(const struct key_spec *k, const char *word)
{
    size_t len = strlen(word);
    int index = 0;
    for (const char *p = k->choices; p != NULL; index++) {
        const char *bar = strchr(p, '|');
        size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, word, n) == 0)
            return index;
        p = bar != NULL ? bar + 1 : NULL;
    }
    return -1;
}

int scenario_keys_default(const struct key_spec *k, void *field)
{
    switch (k->type) {
    case KEY_DOUBLE: *(double *)field = k->def; break;
    case KEY_INT:
    case KEY_BOOL: *(int *)field = (int)k->def; break;
    case KEY_INT64: *(long long *)field = (long long)k->def; break;
    case KEY_NAME:
    case KEY_TEXT: snprintf((char *)field, k->size, "%s", k->def_text); break;
    case KEY_MONTH: *(int *)field = 0; break;
    case KEY_ARRAY: return parse_array(k->def_text, (double *)field, k->size / sizeof(double));
    case KEY_CHOICE: *(int *)field = scenario_keys_choice(k, k->def_text); break;
    case KEY_MONTHS_OF_YEAR: *(unsigned *)field = 0; break;
    default: return -1;
    }
    return 0;
}

int scenario_keys_defaults(enum key_section section, void *base)
{
    int n = 0, rc = 0;
    const struct key_spec *t = scenario_keys(section, &n);
    for (int i = 0; i < n; i++)
        rc |= scenario_keys_default(&t[i], (char *)base + t[i].offset);
    return rc;
}

const struct retired_key *scenario_keys_retired(int *n)
{
    *n = COUNT(retired_keys);
    return retired_keys;
}

/* scenario: every parameter of one run, read once (wfsim/scenario_load.h),
 * validated once, then passed as const to the model. Nothing reads the
 * configuration after loading, and nothing here knows the file format: the
 * model sees only this struct and its typed enums. Keys, units, defaults,
 * ranges and sources are in the tables of sim/scenario/scenario_keys.c
 * (printed by `wfsim keys`). */
#ifndef WFSIM_SCENARIO_H
#define WFSIM_SCENARIO_H

#define SCENARIO_MAX_GRADES 8
#define SCENARIO_MAX_CAMPAIGNS 16
#define SCENARIO_MAX_CHANGES 16
#define SCENARIO_MAX_CASE_TYPES 8
#define SCENARIO_MAX_SHOCKS 16
#define SCENARIO_MAX_SCHEMES 8
#define SCENARIO_MAX_ROUTES 8
#define SCENARIO_MAX_TARGETS 16
#define SCENARIO_MAX_MONTHS 600 /* simulation.months */
/* The longest delay a post's event can be dated ahead of the current month:
 * retention_schemes.<name>.tie_in_months (notice, offer, campaign lead and
 * training months are all shorter). Posts store months in int16_t. */
#define SCENARIO_MAX_DELAY_MONTHS 120
#define SCENARIO_NAME_LEN 64
#define SCENARIO_TEXT_LEN 512
#define SCENARIO_METRIC_LEN 96 /* a metric's series name, "caseload.sw" */
#define SCENARIO_DATE_LEN 16

/* Length-of-service bands at the council (DfE attrition tables). */
enum tenure_band {
    TENURE_UNDER_1Y,
    TENURE_1_TO_2Y,
    TENURE_2_TO_5Y,
    TENURE_5Y_PLUS,
    N_TENURE_BANDS
};

struct grade_params {
    char name[SCENARIO_NAME_LEN]; /* the group key, e.g. "sw" */
    char label[SCENARIO_TEXT_LEN];
    double posts_fte;
    double initial_in_post_fte;
    double initial_agency_fte;
    double tenure_mix[N_TENURE_BANDS];
    double annual_leaving_rate;
    double leaving_multiplier[N_TENURE_BANDS];
    double monthly_fill_probability;
    double salary_gbp;
    int holds_cases;
    char promotion_from[SCENARIO_NAME_LEN]; /* "" for none */
    double internal_fill_share;
    double target_caseload;      /* cases (weighted) per FTE */
    double agency_cost_gbp;      /* per agency FTE-year, all-in: the market rate */
    double agency_price_cap_gbp; /* 0: none */
    int promotion_from_index;    /* resolved; -1 for none */
};

struct campaign_params {
    char name[SCENARIO_NAME_LEN];
    int month;  /* calendar month index (see month.h) of the offers */
    int arrive; /* as given: the month the starters arrive (month + lead_months); 0 when the
                   offers' month was given; resolved into month, then 0 */
    char grade[SCENARIO_NAME_LEN];
    int hires;
    int lead_months;
    double cost_per_hire_gbp;
    double first_year_leaving_multiplier;
    int grade_index;
};

enum duration_kind { DURATION_GEOMETRIC, DURATION_LOGNORMAL, N_DURATION_KINDS };
enum overflow_rule { OVERFLOW_QUEUE, OVERFLOW_OVER_TARGET, N_OVERFLOW_RULES };

struct case_type_params {
    char name[SCENARIO_NAME_LEN];
    double arrivals_per_month;
    int initial_open;
    int duration; /* enum duration_kind */
    double mean_months;
    double sd_months;
    double weight;
    int transfer_after_months; /* 0: none */
    char preferred_grade[SCENARIO_NAME_LEN];
    int preferred_grade_index; /* resolved; -1 for none */
};

struct demand_shock {
    char name[SCENARIO_NAME_LEN];
    int month;
    char case_type[SCENARIO_NAME_LEN]; /* "" for every type */
    double factor;
    int case_type_index; /* resolved; -1 for every type */
};

enum scheme_kind {
    SCHEME_GOLDEN_HELLO,
    SCHEME_LUMP_SUM,
    SCHEME_SUPPLEMENT,
    SCHEME_UPFRONT,
    N_SCHEME_KINDS
};
enum clawback_rule { CLAWBACK_NONE, CLAWBACK_FULL, CLAWBACK_PRO_RATA, N_CLAWBACK_RULES };
enum scheme_who { WHO_BOTH, WHO_EXISTING, WHO_NEW, N_SCHEME_WHO };

struct scheme_params {
    char name[SCENARIO_NAME_LEN];
    int kind;                       /* enum scheme_kind */
    char grades[SCENARIO_TEXT_LEN]; /* comma-separated grade names; "" for all */
    int start, end;                 /* calendar months; end 0 for none */
    double amount_gbp;
    double salary_share;
    int milestone_months;
    int tie_in_months;
    int clawback; /* enum clawback_rule */
    double clawback_recovered_share;
    int eligible; /* enum scheme_who */
    int min_service_months;
    double budget_gbp;   /* 0: no cap */
    unsigned grade_mask; /* resolved */
};

/* An entry route into the workforce (routes.h): trainees start in posts of
 * `grade`, train for `training_months` holding a protected caseload, and
 * pass_rate of those completing move to `completion_grade`. */
struct route_params {
    char name[SCENARIO_NAME_LEN];
    char grade[SCENARIO_NAME_LEN];
    unsigned intake_months; /* months of year with an intake, bit m - 1 for month m */
    int hires;              /* at each intake */
    double hires_per_month; /* a steady flow instead of intakes; 0 for none */
    int training_months;
    double pass_rate;
    char completion_grade[SCENARIO_NAME_LEN]; /* "" to stay in the grade */
    double protected_caseload_share;
    double cost_gbp, grant_gbp; /* per trainee start */
    int grade_index;            /* resolved */
    int completion_grade_index; /* resolved; -1 for none */
};

/* A planner's target declared in the scenario, targets.<name>: the metric
 * `op` value at the date. Only the date's form is checked here; the metric
 * and whether the date is in the horizon are checked when a run resolves it
 * (wfsim/target.h), naming `origin`. */
struct target_params {
    char name[SCENARIO_NAME_LEN];
    char metric[SCENARIO_METRIC_LEN];
    int op; /* 0: <=, 1: >= (enum target_op) */
    double value;
    char date[SCENARIO_DATE_LEN];   /* a month "YYYY-MM" or a DfE year "YYYY" */
    char origin[SCENARIO_TEXT_LEN]; /* resolved: where it was declared ("file:line") */
};

struct establishment_change {
    char name[SCENARIO_NAME_LEN];
    int month;
    char grade[SCENARIO_NAME_LEN];
    double change_fte;
    int grade_index;
};

struct scenario {
    char name[SCENARIO_NAME_LEN];
    char description[SCENARIO_TEXT_LEN];
    char area_code[SCENARIO_NAME_LEN]; /* DfE area code ("" for none): the report's history */
    /* simulation */
    int start_month; /* the month at whose end the initial state holds */
    int months;
    int replicates;
    long long seed;
    /* grades, in order of first appearance */
    int n_grades;
    struct grade_params grade[SCENARIO_MAX_GRADES];
    /* leaving */
    int notice_months;
    double share_leave_sector;
    double share_to_agency;
    double share_to_other_la;
    /* recruitment */
    int advert_delay_months;
    int start_delay_months;
    /* entry routes; route_of_grade[g]: the route training grade g, or -1 */
    int n_routes;
    struct route_params route[SCENARIO_MAX_ROUTES];
    int route_of_grade[SCENARIO_MAX_GRADES];
    int n_campaigns;
    struct campaign_params campaign[SCENARIO_MAX_CAMPAIGNS];
    int n_changes;
    struct establishment_change change[SCENARIO_MAX_CHANGES];
    /* agency */
    double agency_cover_probability;
    double agency_cap_fte;     /* < 0: no cap */
    int agency_cap_from;       /* calendar month the cap starts; 0: from month 0 */
    int agency_price_cap_from; /* calendar month the grades' price caps start; 0: from month 0 */
    double agency_annual_assignment_end_rate;
    double agency_release_on_start_probability;
    double agency_pool_replacement_probability;
    double agency_monthly_conversion_probability;
    double agency_initial_vacancy_cover_share;
    /* absence */
    double absence_rate;
    /* caseloads: off when there are no case types */
    int n_case_types;
    struct case_type_params case_type[SCENARIO_MAX_CASE_TYPES];
    int n_shocks;
    struct demand_shock shock[SCENARIO_MAX_SHOCKS];
    double demand_trend_per_year;
    double demand_seasonal[12];
    int overflow; /* enum overflow_rule */
    double hard_cap_ratio;
    int feedback_enabled;
    double feedback_threshold;
    double feedback_slope;
    double feedback_max_multiplier;
    int feedback_window_months;
    /* retention payments and the response to them */
    int n_schemes;
    struct scheme_params scheme[SCENARIO_MAX_SCHEMES];
    double elasticity_mean, elasticity_sd, elasticity_min;
    double clawback_weight, clawback_weight_sd; /* the lock-in of a repayment owed */
    double deferral_share;
    double recruitment_elasticity;
    /* parameter uncertainty (uncertainty.h): sds of per-replicate draws */
    double uncertainty_leaving_sd, uncertainty_fill_sd, uncertainty_cover_sd, uncertainty_demand_sd;
    /* finance */
    double discount_rate;
    double on_cost_share;
    double advert_cost_gbp;
    double hire_cost_gbp;
    double pay_award;                  /* a year, each April after month 0; 0: real */
    double uncovered_vacancy_cost_gbp; /* per uncovered vacant FTE-year */
    double agency_cap_cover_sensitivity;
    /* targets the run reports the probability of (targets.csv) */
    int n_targets;
    struct target_params target[SCENARIO_MAX_TARGETS];
};

/* Index of the grade named `name`, or -1. */
int scenario_grade_index(const struct scenario *sc, const char *name);
/* Index of the entry route training grade g, or -1. */
/* The simulation month from which a lever dated `from` (a calendar month,
 * 0 for none) applies: 0 when it has no date or starts before month 0. */
static inline int scenario_lever_month(const struct scenario *sc, int from)
{
    return from > sc->start_month ? from - sc->start_month : 0;
}

static inline int scenario_route_of_grade(const struct scenario *sc, int g)
{
    int r = sc->route_of_grade[g];
    return r >= 0 && r < sc->n_routes && sc->route[r].grade_index == g ? r : -1;
}
/* 64-bit FNV-1a of a byte string (the manifest's scenario hash). */
unsigned long long scenario_hash(const char *text, unsigned long len);

#endif

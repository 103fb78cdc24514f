/* dfe_build: scenarios built from DfE data (see include/wfsim/dfe_build.h). */
#include "wfsim/dfe_build.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/month.h"
#include "wfsim/scenario_keys.h"
#include "scenario/scenario_validate.h"

/* What a build takes when the data do not say, each with its source or
 * reason. "DfE CSWW" is the Department for Education's Children's social
 * work workforce statistics (England, years to 30 September). Everything
 * else the data lack takes the scenario keys' defaults, whose sources are in
 * sim/scenario/scenario_keys.c (e.g. absence 3.4% and agency cover 81.3%,
 * DfE CSWW 2024). */
static const struct {
    double case_holder_share, vacancy_rate, agency_rate;
    double holding_min, holding_max, fill_min, cover_share_max;
    double vacancy_months_max, leaving_rate_max;
    double pool_replacement_probability;
    double advert_cost_gbp, hire_cost_gbp;
    int months, replicates, seed_per_year, seed_census_day;
} national = {
    /* Recruitment costs of scenarios/example_la.cfg, both estimates with no
     * published figure: advertising a post, and selection, checks and
     * induction per starter (a built scenario must not cost a hire £0). */
    .advert_cost_gbp = 1000,
    .hire_cost_gbp = 2000,
    /* Case-holding FTE as a share of in-post FTE: about 60-65% in England
     * (DfE CSWW 2017-2024); used when the area's cases or holders are
     * missing. */
    .case_holder_share = 0.62,
    /* Vacancy and agency rates when the area's region has none either:
     * England's, about 17% and 16% (DfE CSWW 2024: 17.3% and 16.2%). */
    .vacancy_rate = 0.17,
    .agency_rate = 0.16,
    /* The case-holding grades' share of posts is kept within these bounds,
     * so an odd figure (e.g. holders counted on another basis) cannot leave
     * a grade empty. */
    .holding_min = 0.3,
    .holding_max = 0.95,
    /* The fill probability is at least this (a vacancy lasts at most about
     * 200 months on average), and the share of vacancies covered by agency
     * at most 0.95, so the cover formula stays finite. */
    .fill_min = 0.005,
    .cover_share_max = 0.95,
    /* The mean vacancy duration when no post ever falls vacant or every one
     * is vacant: ten years, i.e. "hardly ever filled". */
    .vacancy_months_max = 120,
    /* The upper bound of grades.<grade>.annual_leaving_rate. */
    .leaving_rate_max = 5,
    /* The census's agency not covering a vacancy persists, as the agency
     * rate does year to year (docs/data.md). */
    .pool_replacement_probability = 1.0,
    /* Five reporting years of 1000 replicates, as scenarios/example_la.cfg. */
    .months = 60,
    .replicates = 1000,
    /* Seed YEAR x 1000 + 930 (the census day, 30 September): a fixed seed
     * of its own for each census year. */
    .seed_per_year = 1000,
    .seed_census_day = 930,
};

/* The grade split and per-grade figures of scenarios/example_la.cfg (shares
 * of posts; leaving relative to the area's turnover; salaries and agency
 * costs as cited there). A fill probability of 0 means the area's formula;
 * the NQSW posts are filled mainly by the September intake. */
static const struct {
    const char *name, *label;
    double post_share, leaving_factor, salary, agency_cost, target_factor, fill;
    int holds_cases;
    double tenure_mix[N_TENURE_BANDS];
    const char *promotion_from;
    double internal_share;
} grade[] = {
    {"nqsw",
     "Newly qualified social worker (ASYE)",
     0.08,
     1.31,
     33000,
     0,
     1.15,
     0.02,
     1,
     {0.85, 0.15, 0.0, 0.0},
     "",
     0},
    {"sw", "Social worker", 0.46, 1.17, 40000, 77000, 1.15, 0, 1, {0.22, 0.18, 0.30, 0.30}, "", 0},
    {"sp",
     "Senior practitioner",
     0.14,
     0.80,
     45000,
     84000,
     1.0,
     0,
     1,
     {0.08, 0.10, 0.32, 0.50},
     "sw",
     0.5},
    {"manager",
     "Team manager and other non-case-holding roles",
     0.32,
     0.80,
     52000,
     93000,
     0,
     0,
     0,
     {0.06, 0.09, 0.30, 0.55},
     "sp",
     0.4},
};
#define N_GRADES ((int)(sizeof grade / sizeof grade[0]))
/* Relative leaving by service (<1y, 1-2y, 2-5y, 5y+), from DfE CSWW
 * attrition by length of service (scenarios/example_la.cfg). */
static const double leaving_multiplier[N_TENURE_BANDS] = {1.25, 1.1, 1.1, 0.8};

/* The one entry route of a built scenario: newly qualified social workers
 * doing the ASYE, as the nqsw route of scenarios/example_la.cfg. */
static const struct {
    const char *name;
    int grade, completion_grade; /* indices in grade[] */
    int month;                   /* graduates start August-October; a September intake */
    int training_months;         /* the ASYE is 12 months (Skills for Care) */
    double pass_rate;            /* (estimate) few ASYE fails are reported */
    /* Suffolk CC ASYE offer: 90% of a caseload, 10% protected time */
    double protected_caseload_share;
    double grant_gbp; /* employer grant about £2,000 per ASYE (2018, Skills for Care) */
} intake = {"nqsw", 0, 1, 9, 12, 0.97, 0.9, 2000.0};

/* Case mix of England (scenarios/example_la.cfg); durations are estimates. */
static const struct {
    const char *name;
    int duration; /* enum duration_kind */
    double share, mean, sd;
    int transfer;
} case_type[] = {
    {"cin", DURATION_GEOMETRIC, 0.48, 8, 0, 3},
    {"cp", DURATION_LOGNORMAL, 0.16, 11, 8, 0},
    {"cla", DURATION_LOGNORMAL, 0.26, 30, 24, 0},
    {"care_leaver", DURATION_GEOMETRIC, 0.10, 36, 0, 0},
};
#define N_CASE_TYPES ((int)(sizeof case_type / sizeof case_type[0]))

#define ENGLAND_CODE "E92000001"

struct sourced {
    double v;
    char source[512];
};

/* ---- provenance ---- */

static void say(struct dfe_build *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append a line to the file's header. */
static void say(struct dfe_build *b, const char *fmt, ...)
{
    size_t used = strlen(b->header);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->header + used, sizeof b->header - used, fmt, ap);
    va_end(ap);
    used = strlen(b->header);
    if (used + 1 < sizeof b->header)
        snprintf(b->header + used, sizeof b->header - used, "\n");
}

static void note(struct dfe_build *b, const char *entry, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A comment beside a key: `key` of the entry at path `entry` ("grades.sw"),
 * or of the top level when entry is "". */
static void note(struct dfe_build *b, const char *entry, const char *key, const char *fmt, ...)
{
    if (b->n_notes >= DFE_BUILD_MAX_NOTES)
        return;
    struct scenario_note *n = &b->note[b->n_notes++];
    snprintf(n->path, sizeof n->path, "%s%s%s", entry, entry[0] ? "." : "", key);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->text, sizeof n->text, fmt, ap);
    va_end(ap);
}

/* ---- the data ---- */

/* A field for the area, else its region, else England, saying which. */
static struct sourced pick(const struct dfe_data *d, const struct dfe_row *r, int year, int field,
                           double scale)
{
    struct sourced s = {NAN, ""};
    const struct dfe_row *region = r->level == DFE_LOCAL ? dfe_find(d, r->region_code, year) : NULL;
    const struct dfe_row *england = dfe_find(d, ENGLAND_CODE, year);
    const struct dfe_row *try[3] = {r, region, england};
    if (r->f[field].status == DFE_LOW) { /* "low" rounds to zero: it is a value, not a gap */
        s.v = 0;
        snprintf(s.source, sizeof s.source, "%s %d: %s low (rounds to zero: 0)", r->name, year,
                 dfe_field_name(field));
        return s;
    }
    for (int k = 0; k < 3 && isnan(s.v); k++) {
        double v = dfe_get(try[k], field);
        if (isnan(v))
            continue;
        s.v = v * scale;
        if (k == 0)
            snprintf(s.source, sizeof s.source, "%s %d: %s %g", r->name, year,
                     dfe_field_name(field), v);
        else
            snprintf(s.source, sizeof s.source, "%s %d: %s %g (%s: %s)", try[k]->name, year,
                     dfe_field_name(field), v, r->name,
                     r->f[field].status == DFE_EMPTY ? "missing"
                                                     : dfe_status_name(r->f[field].status));
    }
    return s;
}

/* Mean turnover over the three years to `year`, with the same fallbacks. */
static struct sourced leaving_rate(const struct dfe_data *d, const struct dfe_row *r, int year)
{
    struct sourced s = {NAN, ""};
    double sum = 0;
    int n = 0;
    for (int y = year - 2; y <= year; y++) {
        double v = dfe_get(dfe_find(d, r->code, y), DFE_TURNOVER_RATE);
        if (!isnan(v)) {
            sum += v / 100;
            n++;
        }
    }
    if (n > 0) {
        s.v = sum / n;
        snprintf(s.source, sizeof s.source, "%s: mean turnover_rate_fte %d-%d (%d years) %.4f",
                 r->name, year - 2, year, n, s.v);
        return s;
    }
    return pick(d, r, year, DFE_TURNOVER_RATE, 0.01);
}

/* Whether a picked value is the area's own (not its region's or England's). */
static int own(const struct sourced *s, const struct dfe_row *r)
{
    return strstr(s->source, r->name) == s->source;
}

/* A stock the area suppressed, rebuilt from its region's `rate_field` (else
 * England's `national_rate`) on the area's in-post FTE, saying so. */
static void rescale(struct sourced *s, const struct dfe_data *d, const struct dfe_row *r, int year,
                    int rate_field, double national_rate, double in_post, const char *what)
{
    if (own(s, r))
        return;
    double rate = dfe_get(dfe_find(d, r->region_code, year), rate_field) / 100;
    if (isnan(rate))
        rate = national_rate;
    s->v = rate * in_post / (1 - rate);
    size_t used = strlen(s->source);
    snprintf(s->source + used, sizeof s->source - used,
             "; used as the regional %s rate on this area's in post: %.4g", what, s->v);
}

void dfe_build_name(const char *area_name, int year, char *buf, unsigned long size)
{
    size_t n = 0;
    for (const char *p = area_name; *p != '\0' && n + 8 < size; p++) {
        char ch = (char)tolower((unsigned char)*p);
        if (isalnum((unsigned char)ch))
            buf[n++] = ch;
        else if (n > 0 && buf[n - 1] != '_')
            buf[n++] = '_';
    }
    while (n > 0 && buf[n - 1] == '_')
        n--;
    snprintf(buf + n, size - n, "_%d", year);
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* What the build reads from the area's row and history. */
struct area {
    const struct dfe_row *r;
    int year;
    struct sourced in_post, vacancy, agency, cover, vcover, cases, caseload, holders, absence,
        leave;
    double posts, holding, duration, fill, cover_p;
    int own_holders;
};

static int read_area(const struct dfe_data *d, const char *name, int year, struct area *a,
                     struct error *e)
{
    char suggest[128];
    const struct dfe_row *r = dfe_find(d, name, year);
    if (r == NULL && !dfe_area_exists(d, name, suggest, sizeof suggest))
        return error_set(e, ERROR_INPUT, "--area: unknown area (got \"%s\"; did you mean \"%s\"?)",
                         name, suggest);
    if (r == NULL)
        return error_set(e, ERROR_INPUT,
                         "--year: no data for %s in %d (the data cover 2017-2024 "
                         "where the area existed)",
                         name, year);
    a->r = r;
    a->year = year;
    a->in_post.v = dfe_get(r, DFE_INPOST); /* the area's own, never a fallback */
    snprintf(a->in_post.source, sizeof a->in_post.source, "%s %d: inpost_fte %g", r->name, year,
             a->in_post.v);
    a->vacancy = pick(d, r, year, DFE_VACANCY, 1);
    a->agency = pick(d, r, year, DFE_AGENCY, 1);
    a->cover = pick(d, r, year, DFE_AGENCY_COVER_RATE, 0.01);
    a->vcover = pick(d, r, year, DFE_VACANCY_COVER_RATE, 0.01);
    a->cases = pick(d, r, year, DFE_CASES, 1);
    a->caseload = pick(d, r, year, DFE_CASELOAD, 1);
    a->holders = pick(d, r, year, DFE_CASE_HOLDERS, 1);
    a->absence = pick(d, r, year, DFE_ABSENCE_RATE, 0.01);
    a->leave = leaving_rate(d, r, year);
    if (isnan(a->in_post.v) || a->in_post.v <= 0) {
        char got[64];
        if (isnan(a->in_post.v))
            snprintf(got, sizeof got, "%s",
                     r->f[DFE_INPOST].status == DFE_EMPTY
                         ? "an empty cell"
                         : dfe_status_name(r->f[DFE_INPOST].status));
        else
            snprintf(got, sizeof got, "%g", a->in_post.v);
        return error_set(e, ERROR_INPUT,
                         "--area: %s has no permanent FTE in post in %d (got "
                         "%s): nothing to simulate",
                         r->name, year, got);
    }
    return 0;
}

/* The values the area suppressed, rebuilt; the grade split; and the fill
 * and cover probabilities that give the area's stationary vacancy and cover
 * rates (docs/model.md), with the delays and assignment end rate of sc. */
static void derive(const struct dfe_data *d, struct area *a, const struct scenario *sc)
{
    const struct dfe_row *r = a->r;
    double in_post = a->in_post.v;
    rescale(&a->vacancy, d, r, a->year, DFE_VACANCY_RATE, national.vacancy_rate, in_post,
            "vacancy");
    rescale(&a->agency, d, r, a->year, DFE_AGENCY_RATE, national.agency_rate, in_post, "agency");
    if (isnan(a->cases.v) || !own(&a->cases, r)) {
        a->cases.v = a->caseload.v * in_post * national.case_holder_share;
        size_t used = strlen(a->cases.source);
        snprintf(a->cases.source + used, sizeof a->cases.source - used,
                 "; rebuilt as caseload x in post x %.2f (England's case-holder share): %.0f",
                 national.case_holder_share, a->cases.v);
    }
    a->posts = in_post + a->vacancy.v;
    double v = a->vacancy.v / a->posts, w = a->leave.v / 12;
    /* case holders (permanent and agency, as the model counts them) as a
     * share of the workforce */
    a->own_holders = own(&a->holders, r) && !isnan(a->holders.v);
    a->holding =
        clamp(a->own_holders ? a->holders.v / (in_post + a->agency.v) : national.case_holder_share,
              national.holding_min, national.holding_max);
    /* the stationary vacancy rate w D / (1 + w D): D = v / ((1 - v) w)
     * months, of which the delays are spent before a fill can happen */
    a->duration = w > 0 && v < 1 ? v / ((1 - v) * w) : national.vacancy_months_max;
    int delays = sc->advert_delay_months + sc->start_delay_months;
    a->fill = clamp(1.0 / fmax(1.0, a->duration - delays), national.fill_min, 1.0);
    /* stationary share of vacancies covered c / (c + e + 1/D), e the
     * monthly chance an assignment ends */
    double c_share = clamp(a->vcover.v, 0, national.cover_share_max);
    double end = sc->agency_annual_assignment_end_rate / 12;
    a->cover_p = clamp(c_share * (end + 1.0 / fmax(a->duration, 1)) / (1 - c_share), 0, 1);
}

/* Shares of posts by grade: the case-holding grades share `holding` in the
 * national proportions among themselves; the manager grade the rest. */
static double share_of(int g, double holding)
{
    double sum = 0;
    for (int k = 0; k < N_GRADES; k++)
        sum += grade[k].holds_cases ? grade[k].post_share : 0;
    return grade[g].holds_cases ? holding * grade[g].post_share / sum : 1 - holding;
}

static void build_grades(struct dfe_build *b, const struct area *a, const struct dfe_steady *steady)
{
    struct scenario *sc = &b->sc;
    double s_leave = steady != NULL ? steady->leave : 1, s_fill = steady != NULL ? steady->fill : 1;
    const char *x_steady = steady != NULL ? " x steady" : "";
    double other = 0;
    for (int g = 1; g < N_GRADES; g++)
        other += share_of(g, a->holding);
    double p_left = a->posts, i_left = a->in_post.v, a_left = a->agency.v;
    sc->n_grades = N_GRADES;
    for (int g = 0; g < N_GRADES; g++) {
        struct grade_params *p = &sc->grade[g];
        char path[SCENARIO_NOTE_PATH_LEN];
        int last = g == N_GRADES - 1;
        snprintf(p->name, sizeof p->name, "%s", grade[g].name);
        scenario_keys_defaults(SECTION_GRADE, p);
        snprintf(path, sizeof path, "grades.%s", p->name);
        /* every grade's share; the last takes what is left so totals are exact */
        double share = share_of(g, a->holding);
        p->posts_fte = last ? p_left : a->posts * share;
        p->initial_in_post_fte = last ? i_left : a->in_post.v * share;
        p->initial_agency_fte = last ? a_left : g == 0 ? 0 : a->agency.v * share / other;
        p_left -= p->posts_fte;
        i_left -= p->initial_in_post_fte;
        a_left -= p->initial_agency_fte;
        snprintf(p->label, sizeof p->label, "%s", grade[g].label);
        memcpy(p->tenure_mix, grade[g].tenure_mix, sizeof p->tenure_mix);
        p->annual_leaving_rate =
            fmin(national.leaving_rate_max, a->leave.v * grade[g].leaving_factor * s_leave);
        memcpy(p->leaving_multiplier, leaving_multiplier, sizeof p->leaving_multiplier);
        p->monthly_fill_probability =
            fmin(1, (grade[g].fill > 0 ? grade[g].fill : a->fill) * s_fill);
        p->salary_gbp = grade[g].salary;
        p->agency_cost_gbp = grade[g].agency_cost;
        p->holds_cases = grade[g].holds_cases;
        if (grade[g].holds_cases)
            p->target_caseload = a->caseload.v * grade[g].target_factor;
        if (grade[g].promotion_from[0]) {
            snprintf(p->promotion_from, sizeof p->promotion_from, "%s", grade[g].promotion_from);
            p->internal_fill_share = grade[g].internal_share;
        }
        note(b, path, "posts_fte", "share %.3f of posts (see the split above)", share);
        note(b, path, "tenure_mix", "national default");
        note(b, path, "annual_leaving_rate", "area rate x %.2f (national default grade factor)%s",
             grade[g].leaving_factor, x_steady);
        note(b, path, "leaving_multiplier", "DfE attrition by service");
        note(b, path, "monthly_fill_probability", "%s%s",
             grade[g].fill > 0 ? "national default (filled mainly by the intake)"
                               : "stationary vacancy rate (above)",
             x_steady);
        note(b, path, "salary_gbp",
             "national default (estimate): frontline pay about £35,000 at the top of the scale "
             "(2018 FOI, 107 councils) to £43,000 (LA social workers' mean, 2024)");
        if (grade[g].agency_cost > 0)
            note(b, path, "agency_cost_gbp",
                 "national default: salary x 1.28 on-costs + about £26,000 agency premium "
                 "(Kantar 2020, Independent Review of Children's Social Care)");
        else
            note(b, path, "agency_cost_gbp", "national default: no agency cover for this grade");
        if (grade[g].holds_cases)
            note(b, path, "target_caseload", "area caseload x %.2f", grade[g].target_factor);
        if (grade[g].promotion_from[0])
            note(b, path, "internal_fill_share", "national default");
    }
}

static void build_case_types(struct dfe_build *b, double cases, const struct dfe_steady *steady)
{
    struct scenario *sc = &b->sc;
    double s_demand = steady != NULL ? steady->demand : 1;
    /* largest remainders, so the types add up to the published total */
    long total = lround(cases), given = 0;
    int count[N_CASE_TYPES];
    double rest[N_CASE_TYPES];
    for (int t = 0; t < N_CASE_TYPES; t++) {
        double exact = total * case_type[t].share;
        count[t] = (int)floor(exact);
        rest[t] = exact - count[t];
        given += count[t];
    }
    for (; given < total; given++) {
        int best = 0;
        for (int t = 1; t < N_CASE_TYPES; t++)
            best = rest[t] > rest[best] ? t : best;
        count[best]++;
        rest[best] = -1;
    }
    sc->n_case_types = N_CASE_TYPES;
    for (int t = 0; t < N_CASE_TYPES; t++) {
        struct case_type_params *c = &sc->case_type[t];
        char path[SCENARIO_NOTE_PATH_LEN];
        snprintf(c->name, sizeof c->name, "%s", case_type[t].name);
        scenario_keys_defaults(SECTION_CASE_TYPE, c);
        snprintf(path, sizeof path, "case_types.%s", c->name);
        c->initial_open = count[t];
        c->arrivals_per_month = count[t] / case_type[t].mean * s_demand;
        c->duration = case_type[t].duration;
        c->mean_months = case_type[t].mean;
        if (case_type[t].sd > 0)
            c->sd_months = case_type[t].sd;
        if (case_type[t].transfer > 0)
            c->transfer_after_months = case_type[t].transfer;
        note(b, path, "initial_open", "%.2f of cases (England mix)", case_type[t].share);
        note(b, path, "arrivals_per_month", "open / mean duration (Little's law)%s",
             steady != NULL ? " x steady" : "");
        note(b, path, "mean_months", "(estimate)");
        if (case_type[t].sd > 0)
            note(b, path, "sd_months", "(estimate)");
    }
}

/* The header: where the file came from and how each derived value was
 * found (the notes beside the keys say the rest). */
static void build_header(struct dfe_build *b, const struct area *a, const char *data_path,
                         const struct dfe_steady *steady)
{
    const struct dfe_row *r = a->r;
    int year = a->year;
    say(b, "%s at the DfE census of 30 September %d, built by `wfsim dfe build` from", r->name,
        year);
    say(b, "%s (DfE Children's social work workforce; Open Government Licence v3.0).", data_path);
    say(b, "Every value says where it came from; \"national default\" values are those");
    say(b, "of scenarios/example_la.cfg (see docs/model.md); a key with no comment takes");
    say(b, "wfsim's default, whose source docs/scenario-keys.md gives. Numbers are rounded");
    say(b, "to %d significant digits, FTE to %d decimal places.", DFE_BUILD_DIGITS,
        DFE_BUILD_FTE_DECIMALS);
    say(b, "in post: %s", a->in_post.source);
    say(b, "vacancies: %s", a->vacancy.source);
    say(b, "agency: %s", a->agency.source);
    say(b, "leaving: %s", a->leave.source);
    say(b, "fill probability %.4f: stationary vacancy rate %.4f with mean vacancy %.1f months",
        a->fill, a->vacancy.v / a->posts, a->duration);
    say(b, "agency cover probability %.4f: %s", a->cover_p, a->vcover.source);
    say(b, "cases: %s; caseload: %s", a->cases.source, a->caseload.source);
    char holders[sizeof a->holders.source];
    if (a->own_holders)
        snprintf(holders, sizeof holders, "%s", a->holders.source);
    else
        snprintf(holders, sizeof holders, "England about %.0f%%: area figure missing",
                 100 * national.case_holder_share);
    say(b,
        "grade split: case-holding grades (nqsw, sw, sp in national proportions 8:46:14) hold "
        "%.3f of posts = case holders / (in post + agency) (%s); the manager grade the rest",
        a->holding, holders);
    if (steady != NULL)
        say(b,
            "steady: with no change the model holds this census (vacancy rate, agency rate, "
            "vacancy cover share, caseload and the leaving rate's turnover) at 30 September "
            "%d-%d: leaving x %.4f, "
            "fill x %.4f, cover %.4f (formula %.4f), demand x %.4f (calibrated by wfsim dfe "
            "build; objective %.3g, %s)",
            year + 1, year + steady->years, steady->leave, steady->fill, steady->cover, a->cover_p,
            steady->demand, steady->objective,
            steady->converged ? "converged" : "NOT converged: best fit so far");
    if (steady != NULL) {
        const double *f = steady->fitted, *c = steady->census;
        say(b,
            "steady fit, mean of 30 September %d-%d: vacancy rate %.1f%% (census %.1f%%), agency "
            "rate %.1f%% (census %.1f%%), cover share %.0f%% (census %.0f%%; DfE %.0f%%), "
            "caseload %.1f (census %.1f), turnover %.1f%% (census %.1f%%)",
            year + 1, year + steady->years, 100 * f[STEADY_VACANCY_RATE],
            100 * c[STEADY_VACANCY_RATE], 100 * f[STEADY_AGENCY_RATE], 100 * c[STEADY_AGENCY_RATE],
            100 * f[STEADY_COVER_SHARE], 100 * c[STEADY_COVER_SHARE], 100 * a->vcover.v,
            f[STEADY_CASELOAD], c[STEADY_CASELOAD], 100 * f[STEADY_TURNOVER],
            100 * c[STEADY_TURNOVER]);
    }
}

/* The NQSW/ASYE intake: every September it fills the NQSW posts, and
 * passing the ASYE moves an NQSW to a social worker post. */
static void build_routes(struct dfe_build *b, const struct area *a)
{
    struct scenario *sc = &b->sc;
    struct route_params *r = &sc->route[0];
    char path[SCENARIO_NOTE_PATH_LEN];
    sc->n_routes = 1;
    snprintf(r->name, sizeof r->name, "%s", intake.name);
    scenario_keys_defaults(SECTION_ROUTE, r);
    snprintf(r->grade, sizeof r->grade, "%s", grade[intake.grade].name);
    r->intake_months = 1u << (intake.month - 1);
    r->hires = (int)ceil(a->posts * grade[intake.grade].post_share);
    r->training_months = intake.training_months;
    r->pass_rate = intake.pass_rate;
    snprintf(r->completion_grade, sizeof r->completion_grade, "%s",
             grade[intake.completion_grade].name);
    r->protected_caseload_share = intake.protected_caseload_share;
    r->grant_gbp = intake.grant_gbp;
    snprintf(path, sizeof path, "entry_routes.%s", r->name);
    note(b, path, "month", "a September intake (national default)");
    note(b, path, "hires", "fills the NQSW posts (national default)");
    note(b, path, "training_months", "the ASYE (national default)");
    note(b, path, "pass_rate", "national default (estimate)");
    note(b, path, "protected_caseload_share", "national default (Suffolk CC ASYE offer)");
    note(b, path, "grant_gbp", "national default (ASYE employer grant)");
}

/* The keys of the top level the build sets. */
static void build_top(struct dfe_build *b, const struct area *a, const struct dfe_steady *steady)
{
    struct scenario *sc = &b->sc;
    const struct dfe_row *r = a->r;
    char when[16];
    dfe_build_name(r->name, a->year, sc->name, sizeof sc->name);
    snprintf(sc->description, sizeof sc->description, "%s at 30 September %d (DfE CSWW)", r->name,
             a->year);
    for (char *p = sc->description; *p != '\0'; p++)
        if (*p == '"' || *p == '\\' || *p == '\n')
            *p = '\''; /* libconfig strings: keep the name readable and valid */
    snprintf(sc->area_code, sizeof sc->area_code, "%s", r->code);
    note(b, "", "area_code", "the report's published history");
    snprintf(when, sizeof when, "%d-09", a->year);
    month_parse(when, &sc->start_month);
    sc->months = national.months;
    sc->replicates = national.replicates;
    sc->seed = (long long)a->year * national.seed_per_year + national.seed_census_day;
    note(b, "", "simulation.start", "month 0: the census of 30 September %d", a->year);
    note(b, "", "simulation.seed", "%d x %d + %d (the census day)", a->year, national.seed_per_year,
         national.seed_census_day);
    static const char *const destinations[] = {
        "leaving.share_leave_sector", "leaving.share_to_agency", "leaving.share_to_other_la"};
    for (int i = 0; i < 3; i++)
        note(b, "", destinations[i], "national default (DfE CSWW 2024 destinations)");
    sc->agency_cover_probability = steady != NULL ? steady->cover : a->cover_p;
    note(b, "", "agency.cover_probability", steady != NULL ? "steady (above)" : "formula (above)");
    if (!isnan(a->cover.v))
        sc->agency_initial_vacancy_cover_share = clamp(a->cover.v, 0, 1);
    note(b, "", "agency.initial_vacancy_cover_share", "%s",
         isnan(a->cover.v) ? "national default: no figure for the area, its region or England"
                           : a->cover.source);
    sc->advert_cost_gbp = national.advert_cost_gbp;
    sc->hire_cost_gbp = national.hire_cost_gbp;
    note(b, "", "finance.advert_cost_gbp",
         "national default (estimate): advertising a social work post, as the example council");
    note(b, "", "finance.hire_cost_gbp",
         "national default (estimate): selection, checks and induction per starter");
    note(b, "", "finance.discount_rate", "HM Treasury Green Book real discount rate");
    note(b, "", "finance.on_cost_share", "(estimate) employer NI and pension add 25-30%%");
    sc->agency_pool_replacement_probability = national.pool_replacement_probability;
    note(b, "", "agency.pool_replacement_probability",
         "the census's non-vacancy agency persists (docs/data.md)");
    if (!isnan(a->absence.v))
        sc->absence_rate = a->absence.v;
    note(b, "", "absence_rate", "%s",
         isnan(a->absence.v) ? "national default: no figure for the area, its region or England"
                             : a->absence.source);
}

/* The grades' FTE to DFE_BUILD_FTE_DECIMALS places, the largest grade
 * taking what the others' rounding moved, so the council's posts, in post
 * and agency stay the census's totals. */
static void round_fte(struct scenario *sc)
{
    const double unit = pow(10, DFE_BUILD_FTE_DECIMALS);
    int largest = 0;
    for (int g = 1; g < sc->n_grades; g++)
        if (sc->grade[g].posts_fte > sc->grade[largest].posts_fte)
            largest = g;
    size_t field[] = {offsetof(struct grade_params, posts_fte),
                      offsetof(struct grade_params, initial_in_post_fte),
                      offsetof(struct grade_params, initial_agency_fte)};
    for (size_t f = 0; f < sizeof field / sizeof field[0]; f++) {
        double total = 0, others = 0;
        for (int g = 0; g < sc->n_grades; g++) {
            double *v = (double *)(void *)((char *)&sc->grade[g] + field[f]);
            total += *v;
            if (g == largest)
                continue;
            *v = round(*v * unit) / unit;
            others += *v;
        }
        double *v = (double *)(void *)((char *)&sc->grade[largest] + field[f]);
        *v = round((total - others) * unit) / unit;
    }
    struct grade_params *p = &sc->grade[largest];
    p->initial_in_post_fte = fmin(p->initial_in_post_fte, p->posts_fte);
}

/* Where a built value came from, for errors: the data and the area. */
static void where_in_data(void *ctx, const char *path, char *buf, size_t size)
{
    const char *const *place = ctx;
    (void)path;
    snprintf(buf, size, "%s: %s", place[0], place[1]);
}

int dfe_build_scenario(const struct dfe_data *d, const char *area, int year, const char *data_path,
                       const struct dfe_steady *steady, struct dfe_build *b, struct error *e)
{
    struct area a;
    memset(b, 0, sizeof *b);
    if (read_area(d, area, year, &a, e) != 0)
        return -1;
    struct scenario *sc = &b->sc;
    scenario_keys_defaults(SECTION_TOP, sc);
    derive(d, &a, sc);
    build_header(b, &a, data_path, steady);
    build_top(b, &a, steady);
    build_routes(b, &a);
    build_grades(b, &a, steady);
    build_case_types(b, a.cases.v, steady);
    scenario_round(sc, DFE_BUILD_DIGITS, -1);
    round_fte(sc);
    char place[sizeof a.r->name + 16];
    snprintf(place, sizeof place, "%s %d", a.r->name, year);
    const char *ctx[2] = {data_path, place};
    const struct scenario_origin origin = {where_in_data, (void *)ctx};
    if (scenario_validate_values(sc, &origin, e) != 0 || scenario_validate(sc, &origin, e) != 0)
        return -1;
    return 0;
}

int dfe_build_write(const struct dfe_build *b, FILE *f, struct error *e)
{
    const struct scenario_notes notes = {b->header, b->n_notes, b->note};
    if (scenario_write_notes(&b->sc, &notes, f) != 0)
        return error_set(e, ERROR_RUNTIME, "cannot write the scenario");
    return 0;
}

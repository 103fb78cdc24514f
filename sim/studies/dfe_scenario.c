/* dfe_scenario: scenarios built from DfE data (see include/wfsim/dfe_scenario.h). */
#include "wfsim/dfe_scenario.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

/* National defaults: the grade split and per-grade figures of
 * scenarios/example_la.cfg (shares of posts; leaving relative to the area's
 * turnover; salaries and agency costs as cited there). */
static const struct {
    const char *name, *label;
    double post_share, leaving_factor, salary, agency_cost, target_factor;
    int holds_cases;
    const char *tenure_mix, *promotion_from;
    double internal_share;
} grade[] = {
    {"nqsw", "Newly qualified social worker (ASYE)", 0.08, 1.31, 33000, 0, 1.15, 1,
     "[0.85, 0.15, 0.0, 0.0]", "", 0},
    {"sw", "Social worker", 0.46, 1.17, 40000, 77000, 1.15, 1, "[0.22, 0.18, 0.30, 0.30]", "", 0},
    {"sp", "Senior practitioner", 0.14, 0.80, 45000, 84000, 1.0, 1, "[0.08, 0.10, 0.32, 0.50]",
     "sw", 0.5},
    {"manager", "Team manager and other non-case-holding roles", 0.32, 0.80, 52000, 93000, 0, 0,
     "[0.06, 0.09, 0.30, 0.55]", "sp", 0.4},
};
#define N_GRADES ((int)(sizeof grade / sizeof grade[0]))

/* Case mix of England (docs: scenarios/example_la.cfg). */
static const struct {
    const char *name, *duration;
    double share, mean, sd;
    int transfer;
} case_type[] = {
    {"cin", "geometric", 0.48, 8, 0, 3},
    {"cp", "lognormal", 0.16, 11, 8, 0},
    {"cla", "lognormal", 0.26, 30, 24, 0},
    {"care_leaver", "geometric", 0.10, 36, 0, 0},
};

struct sourced {
    double v;
    char source[512];
};

/* A field for the area, else its region, else England, saying which. */
static struct sourced pick(const struct dfe_data *d, const struct dfe_row *r, int year, int field,
                           double scale)
{
    struct sourced s = {NAN, ""};
    const struct dfe_row *region = r->level == DFE_LOCAL ? dfe_find(d, r->region_code, year) : NULL;
    const struct dfe_row *england = dfe_find(d, "E92000001", year);
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

void dfe_scenario_name(const char *area_name, int year, char *buf, unsigned long size)
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

/* Shares of posts by grade: the case-holding grades share `holding` in the
 * national proportions among themselves; the manager grade the rest. */
static double share_of(int g, double holding)
{
    double national = 0;
    for (int k = 0; k < N_GRADES; k++)
        national += grade[k].holds_cases ? grade[k].post_share : 0;
    return grade[g].holds_cases ? holding * grade[g].post_share / national : 1 - holding;
}

static void write_grades(FILE *out, double posts, double in_post, double agency, double leave,
                         double fill, double caseload, double holding,
                         const struct dfe_steady *steady)
{
    double s_leave = steady != NULL ? steady->leave : 1, s_fill = steady != NULL ? steady->fill : 1;
    double other = 0;
    for (int g = 1; g < N_GRADES; g++)
        other += share_of(g, holding);
    double p_left = posts, i_left = in_post, a_left = agency;
    fputs("grades = {\n", out);
    for (int g = 0; g < N_GRADES; g++) {
        int last = g == N_GRADES - 1;
        /* every grade's share; the last takes what is left so totals are exact */
        double share = share_of(g, holding);
        double p = last ? p_left : posts * share;
        double i = last ? i_left : in_post * share;
        double a = last ? a_left : g == 0 ? 0 : agency * share / other;
        p_left -= p;
        i_left -= i;
        a_left -= a;
        fprintf(out, "  %s = {\n    label = \"%s\";\n", grade[g].name, grade[g].label);
        fprintf(out, "    posts_fte = %.17g;  # share %.3f of posts (see the split above)\n", p,
                share);
        fprintf(out, "    initial_in_post_fte = %.17g;\n    initial_agency_fte = %.17g;\n", i, a);
        fprintf(out, "    tenure_mix = %s;  # national default\n", grade[g].tenure_mix);
        fprintf(out,
                "    annual_leaving_rate = %.17g;  # area rate x %.2f (national default "
                "grade factor)%s\n",
                fmin(5, leave * grade[g].leaving_factor * s_leave), grade[g].leaving_factor,
                steady != NULL ? " x steady" : "");
        fputs("    leaving_multiplier = [1.25, 1.1, 1.1, 0.8];  # DfE attrition by service\n", out);
        fprintf(out, "    monthly_fill_probability = %.17g;%s\n",
                fmin(1, (g == 0 ? 0.02 : fill) * s_fill), steady != NULL ? "  # x steady" : "");
        fprintf(out, "    salary_gbp = %.1f;\n    agency_cost_gbp = %.1f;\n", grade[g].salary,
                grade[g].agency_cost);
        fprintf(out, "    holds_cases = %s;\n", grade[g].holds_cases ? "true" : "false");
        if (grade[g].holds_cases)
            fprintf(out, "    target_caseload = %.17g;  # area caseload x %.2f\n",
                    caseload * grade[g].target_factor, grade[g].target_factor);
        if (grade[g].promotion_from[0])
            fprintf(out, "    promotion_from = \"%s\";\n    internal_fill_share = %.2f;\n",
                    grade[g].promotion_from, grade[g].internal_share);
        fputs("  };\n", out);
    }
    fputs("};\n", out);
}

static void write_case_types(FILE *out, double cases, const struct dfe_steady *steady)
{
    double s_demand = steady != NULL ? steady->demand : 1;
    enum { N = sizeof case_type / sizeof case_type[0] };
    /* largest remainders, so the types add up to the published total */
    long total = lround(cases), given = 0;
    int count[N];
    double rest[N];
    for (int t = 0; t < N; t++) {
        double exact = total * case_type[t].share;
        count[t] = (int)floor(exact);
        rest[t] = exact - count[t];
        given += count[t];
    }
    for (; given < total; given++) {
        int best = 0;
        for (int t = 1; t < N; t++)
            best = rest[t] > rest[best] ? t : best;
        count[best]++;
        rest[best] = -1;
    }
    fputs("case_types = {\n", out);
    for (size_t t = 0; t < N; t++) {
        int open = count[t];
        fprintf(out, "  %s = {\n    initial_open = %d;  # %.2f of cases (England mix)\n",
                case_type[t].name, open, case_type[t].share);
        fprintf(out, "    arrivals_per_month = %.17g;  # open / mean duration (Little's law)%s\n",
                open / case_type[t].mean * s_demand, steady != NULL ? " x steady" : "");
        fprintf(out, "    duration = \"%s\";\n    mean_months = %.1f;  # (estimate)\n",
                case_type[t].duration, case_type[t].mean);
        if (case_type[t].sd > 0)
            fprintf(out, "    sd_months = %.1f;  # (estimate)\n", case_type[t].sd);
        if (case_type[t].transfer > 0)
            fprintf(out, "    transfer_after_months = %d;\n", case_type[t].transfer);
        fputs("  };\n", out);
    }
    fputs("};\n", out);
}

int dfe_scenario_write(const struct dfe_data *d, const char *area, int year, const char *data_path,
                       const struct dfe_steady *steady, FILE *out, struct error *e)
{
    char suggest[128];
    const struct dfe_row *r = dfe_find(d, area, year);
    if (r == NULL && !dfe_area_exists(d, area, suggest, sizeof suggest))
        return error_set(e, ERROR_INPUT, "--area: unknown area (got \"%s\"; did you mean \"%s\"?)",
                         area, suggest);
    if (r == NULL)
        return error_set(e, ERROR_INPUT,
                         "--year: no data for %s in %d (the data cover 2017-2024 "
                         "where the area existed)",
                         area, year);
    struct sourced in_post = {dfe_get(r, DFE_INPOST), ""}; /* the area's own, never a fallback */
    snprintf(in_post.source, sizeof in_post.source, "%s %d: inpost_fte %g", r->name, year,
             in_post.v);
    struct sourced vacancy = pick(d, r, year, DFE_VACANCY, 1);
    struct sourced agency = pick(d, r, year, DFE_AGENCY, 1);
    struct sourced cover = pick(d, r, year, DFE_AGENCY_COVER_RATE, 0.01);
    struct sourced vcover = pick(d, r, year, DFE_VACANCY_COVER_RATE, 0.01);
    struct sourced cases = pick(d, r, year, DFE_CASES, 1);
    struct sourced caseload = pick(d, r, year, DFE_CASELOAD, 1);
    struct sourced holders = pick(d, r, year, DFE_CASE_HOLDERS, 1);
    struct sourced absence = pick(d, r, year, DFE_ABSENCE_RATE, 0.01);
    struct sourced leave = leaving_rate(d, r, year);
    if (isnan(in_post.v) || in_post.v <= 0) {
        char got[64];
        if (isnan(in_post.v))
            snprintf(got, sizeof got, "%s",
                     r->f[DFE_INPOST].status == DFE_EMPTY
                         ? "an empty cell"
                         : dfe_status_name(r->f[DFE_INPOST].status));
        else
            snprintf(got, sizeof got, "%g", in_post.v);
        return error_set(e, ERROR_INPUT,
                         "--area: %s has no permanent FTE in post in %d (got "
                         "%s): nothing to simulate",
                         r->name, year, got);
    }
    /* values the area suppressed were taken from its region or England:
     * those are rates there, so rescale them to this area */
    size_t used;
    if (strstr(vacancy.source, r->name) != vacancy.source) {
        double rate = dfe_get(dfe_find(d, r->region_code, year), DFE_VACANCY_RATE) / 100;
        vacancy.v = isnan(rate) ? 0.17 * in_post.v / 0.83 : rate * in_post.v / (1 - rate);
        used = strlen(vacancy.source);
        snprintf(vacancy.source + used, sizeof vacancy.source - used,
                 "; used as the regional vacancy rate on this area's in post: %.4g", vacancy.v);
    }
    if (strstr(agency.source, r->name) != agency.source) {
        double rate = dfe_get(dfe_find(d, r->region_code, year), DFE_AGENCY_RATE) / 100;
        agency.v = isnan(rate) ? 0.16 * in_post.v / 0.84 : rate * in_post.v / (1 - rate);
        used = strlen(agency.source);
        snprintf(agency.source + used, sizeof agency.source - used,
                 "; used as the regional agency rate on this area's in post: %.4g", agency.v);
    }
    if (isnan(cases.v) || strstr(cases.source, r->name) != cases.source) {
        cases.v = caseload.v * in_post.v * 0.62; /* case holders about 62% of in post */
        used = strlen(cases.source);
        snprintf(cases.source + used, sizeof cases.source - used,
                 "; rebuilt as caseload x in post x 0.62 (England's case-holder share): %.0f",
                 cases.v);
    }
    double posts = in_post.v + vacancy.v, v = vacancy.v / posts, w = leave.v / 12;
    /* case holders (permanent and agency, as the model counts them) as a share
     * of the workforce; England's 62% when the area's figure is missing */
    int own_holders = strstr(holders.source, r->name) == holders.source && !isnan(holders.v);
    double holding = clamp(own_holders ? holders.v / (in_post.v + agency.v) : 0.62, 0.3, 0.95);
    /* the stationary vacancy rate w D / (1 + w D): D = v / ((1 - v) w) months */
    double duration = w > 0 && v < 1 ? v / ((1 - v) * w) : 120;
    double fill = clamp(1.0 / fmax(1.0, duration - 3), 0.005, 1.0);
    /* stationary share of vacancies covered c / (c + e + 1/D), e = 1/12 */
    double c_share = clamp(vcover.v, 0, 0.95);
    double cover_p = clamp(c_share * (1.0 / 12 + 1.0 / fmax(duration, 1)) / (1 - c_share), 0, 1);
    char name[128];
    dfe_scenario_name(r->name, year, name, sizeof name);
    fprintf(out,
            "# %s at the DfE census of 30 September %d, built by `wfsim dfe build` from\n"
            "# %s (DfE Children's social work workforce; Open Government Licence v3.0).\n"
            "# Every value says where it came from; \"national default\" values are those\n"
            "# of scenarios/example_la.cfg (see docs/model.md).\n",
            r->name, year, data_path);
    char label[sizeof r->name];
    snprintf(label, sizeof label, "%s", r->name);
    for (char *p = label; *p != '\0'; p++)
        if (*p == '"' || *p == '\\' || *p == '\n')
            *p = '\''; /* libconfig strings: keep the name readable and valid */
    fprintf(out, "name = \"%s\";\ndescription = \"%s at 30 September %d (DfE CSWW)\";\n", name,
            label, year);
    fprintf(out,
            "simulation = { start = \"%d-09\"; months = 60; replicates = 1000; seed = %dL; };\n",
            year, year * 1000 + 930);
    fprintf(out, "# in post: %s\n# vacancies: %s\n# agency: %s\n# leaving: %s\n", in_post.source,
            vacancy.source, agency.source, leave.source);
    fprintf(out,
            "# fill probability %.4f: stationary vacancy rate %.4f with mean vacancy "
            "%.1f months\n",
            fill, v, duration);
    fprintf(out, "# agency cover probability %.4f: %s\n# cases: %s; caseload: %s\n", cover_p,
            vcover.source, cases.source, caseload.source);
    fprintf(out,
            "# grade split: case-holding grades (nqsw, sw, sp in national proportions "
            "8:46:14) hold %.3f of posts = case holders / (in post + agency) (%s); the "
            "manager grade the rest\n",
            holding, own_holders ? holders.source : "England about 62%: area figure missing");
    if (steady != NULL)
        fprintf(out,
                "# steady: with no change the model holds this census (vacancy rate, agency "
                "rate, caseload and the leaving rate's turnover) at 30 September %d-%d: "
                "leaving x %.4f, fill x %.4f, cover %.4f (formula %.4f), demand x %.4f "
                "(calibrated by wfsim dfe build; objective %.3g, %s)\n",
                year + 1, year + steady->years, steady->leave, steady->fill, steady->cover, cover_p,
                steady->demand, steady->objective,
                steady->converged ? "converged" : "NOT converged: best fit so far");
    write_grades(out, posts, in_post.v, agency.v, leave.v, fill, caseload.v, holding, steady);
    fprintf(out,
            "leaving = { notice_months = 1; };  # national defaults (DfE 2024 destinations)\n");
    fprintf(out,
            "recruitment = { advert_delay_months = 1; start_delay_months = 2; };\n"
            "entry_routes = {  # the NQSW/ASYE September intake fills the NQSW posts (national "
            "defaults)\n"
            "  nqsw = { grade = \"nqsw\"; month = 9; hires = %d; training_months = 12; "
            "pass_rate = 0.97;\n"
            "    completion_grade = \"sw\"; protected_caseload_share = 0.9; grant_gbp = 2000.0; "
            "};\n};\n",
            (int)ceil(posts * grade[0].post_share));
    fprintf(out,
            "agency = { cover_probability = %.17g; initial_vacancy_cover_share = %.17g;\n"
            "  pool_replacement_probability = 1.0;  # the census's non-vacancy agency "
            "persists (docs/data.md)\n};\n",
            steady != NULL ? steady->cover : cover_p,
            isnan(cover.v) ? 0.813 : clamp(cover.v, 0, 1));
    fprintf(out, "absence_rate = %.17g;  # %s\n", isnan(absence.v) ? 0.034 : absence.v,
            absence.source);
    write_case_types(out, cases.v, steady);
    return ferror(out) ? error_set(e, ERROR_RUNTIME, "cannot write the scenario") : 0;
}

/* scenario_validate: cross-key rules, name resolution and key ranges of a
 * struct scenario (see sim/scenario/scenario_validate.h). */
#include "scenario/scenario_validate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wfsim/month.h"

#define PATH_MAX_LEN 256

static int fail_at(const struct scenario_origin *o, const char *path, struct error *e,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_at(const struct scenario_origin *o, const char *path, struct error *e,
                   const char *fmt, ...)
{
    char where[600], what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    o->where(o->ctx, path, where, sizeof where);
    return error_set(e, ERROR_INPUT, "%s: %s: %s", where, path, what);
}

/* The dotted path of a key: "prefix.entry.key", or "prefix.key" for a
 * group of the top level. */
static const char *at(const char *prefix, const char *entry, const char *key, char *path,
                      size_t size)
{
    if (entry != NULL)
        snprintf(path, size, "%s.%s.%s", prefix, entry, key);
    else
        snprintf(path, size, "%s.%s", prefix, key);
    return path;
}

/* "nqsw, sw, sp, manager": the scenario's grades, for messages. */
static const char *grade_names(const struct scenario *sc, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int g = 0; g < sc->n_grades && used < size; g++)
        used +=
            (size_t)snprintf(buf + used, size - used, "%s%s", g > 0 ? ", " : "", sc->grade[g].name);
    return buf;
}

static int resolve_grade(const struct scenario_origin *o, const struct scenario *sc,
                         const char *ref, const char *prefix, const char *entry, const char *key,
                         int allow_empty, int *out, struct error *e)
{
    char path[PATH_MAX_LEN];
    *out = -1;
    if (ref[0] == '\0' && allow_empty)
        return 0;
    *out = scenario_grade_index(sc, ref);
    if (*out >= 0)
        return 0;
    char names[SCENARIO_MAX_GRADES * (SCENARIO_NAME_LEN + 2)];
    return fail_at(o, at(prefix, entry, key, path, sizeof path), e,
                   "unknown grade (got \"%s\"; grades are %s)", ref,
                   grade_names(sc, names, sizeof names));
}

static int validate_grade(const struct scenario_origin *o, struct scenario *sc,
                          struct grade_params *g, struct error *e)
{
    char path[PATH_MAX_LEN];
    const char *prefix = "grades";
    if (g->initial_in_post_fte > g->posts_fte + 1e-9)
        return fail_at(o, at(prefix, g->name, "initial_in_post_fte", path, sizeof path), e,
                       "must not exceed posts_fte %g (got %g)", g->posts_fte,
                       g->initial_in_post_fte);
    double sum = 0;
    for (int b = 0; b < N_TENURE_BANDS; b++)
        sum += g->tenure_mix[b];
    if (fabs(sum - 1.0) > 1e-6)
        return fail_at(o, at(prefix, g->name, "tenure_mix", path, sizeof path), e,
                       "shares must sum to 1 (got %g)", sum);
    if (resolve_grade(o, sc, g->promotion_from, prefix, g->name, "promotion_from", 1,
                      &g->promotion_from_index, e) != 0)
        return -1;
    if (g->promotion_from_index == scenario_grade_index(sc, g->name))
        return fail_at(o, at(prefix, g->name, "promotion_from", path, sizeof path), e,
                       "must name another grade (got \"%s\")", g->promotion_from);
    return 0;
}

static int in_horizon(const struct scenario *sc, int month)
{
    return month > sc->start_month && month <= sc->start_month + sc->months;
}

static int validate_dated(const struct scenario_origin *o, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN], when[16];
    for (int i = 0; i < sc->n_campaigns; i++) {
        struct campaign_params *c = &sc->campaign[i];
        if (resolve_grade(o, sc, c->grade, "campaigns", c->name, "grade", 0, &c->grade_index, e) !=
            0)
            return -1;
        if ((c->month != 0) == (c->arrive != 0))
            return fail_at(
                o, at("campaigns", c->name, c->month != 0 ? "arrive" : "month", path, sizeof path),
                e, "%s",
                c->month != 0 ? "give the offers' month or the arrivals' month, not both"
                              : "give month (the offers) or arrive (the starts)");
        if (c->arrive != 0) { /* arrivals: the offers go out lead_months before */
            if (!in_horizon(sc, c->arrive - c->lead_months)) {
                month_format(c->arrive - c->lead_months, when, sizeof when);
                return fail_at(o, at("campaigns", c->name, "arrive", path, sizeof path), e,
                               "the offers, lead_months before, must fall within the horizon, "
                               "after month 0 (got %s)",
                               when);
            }
            c->month = c->arrive - c->lead_months;
            c->arrive = 0;
        }
        if (!in_horizon(sc, c->month)) {
            month_format(c->month, when, sizeof when);
            return fail_at(o, at("campaigns", c->name, "month", path, sizeof path), e,
                           "must fall within the horizon, after month 0 (got %s)", when);
        }
    }
    for (int i = 0; i < sc->n_changes; i++) {
        struct establishment_change *c = &sc->change[i];
        if (resolve_grade(o, sc, c->grade, "establishment_changes", c->name, "grade", 0,
                          &c->grade_index, e) != 0)
            return -1;
        if (!in_horizon(sc, c->month)) {
            month_format(c->month, when, sizeof when);
            return fail_at(o, at("establishment_changes", c->name, "month", path, sizeof path), e,
                           "must fall within the horizon, after month 0 (got %s)", when);
        }
    }
    return 0;
}

static int validate_top(const struct scenario_origin *o, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN];
    double sum = sc->share_leave_sector + sc->share_to_agency + sc->share_to_other_la;
    if (fabs(sum - 1.0) > 1e-6)
        return fail_at(o, at("leaving", NULL, "share_to_other_la", path, sizeof path), e,
                       "destination shares must sum to 1 (got %g)", sum);
    if (sc->agency_cap_fte < 0 && sc->agency_cap_fte != -1)
        return fail_at(o, at("agency", NULL, "cap_fte", path, sizeof path), e,
                       "must be -1 (no cap) or at least 0 (got %g)", sc->agency_cap_fte);
    for (int g = 0; g < sc->n_grades; g++) { /* promotion chains must not loop */
        int steps = 0;
        for (int h = sc->grade[g].promotion_from_index; h >= 0 && steps <= sc->n_grades;
             h = sc->grade[h].promotion_from_index)
            steps++;
        if (steps > sc->n_grades)
            return fail_at(o, at("grades", sc->grade[g].name, "promotion_from", path, sizeof path),
                           e, "promotion chain loops back (got \"%s\")",
                           sc->grade[g].promotion_from);
    }
    return 0;
}

static int case_type_index(const struct scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_case_types; i++)
        if (strcmp(sc->case_type[i].name, name) == 0)
            return i;
    return -1;
}

static int validate_case_type(const struct scenario_origin *o, struct scenario *sc,
                              struct case_type_params *c, struct error *e)
{
    char path[PATH_MAX_LEN];
    const char *prefix = "case_types";
    if (c->duration == DURATION_GEOMETRIC && c->mean_months < 1)
        return fail_at(o, at(prefix, c->name, "mean_months", path, sizeof path), e,
                       "must be at least 1 for a geometric duration (got %g)", c->mean_months);
    if (c->duration == DURATION_LOGNORMAL && c->sd_months <= 0)
        return fail_at(o, at(prefix, c->name, "sd_months", path, sizeof path), e,
                       "must be > 0 for a lognormal duration (got %g)", c->sd_months);
    if (resolve_grade(o, sc, c->preferred_grade, prefix, c->name, "preferred_grade", 1,
                      &c->preferred_grade_index, e) != 0)
        return -1;
    if (c->preferred_grade_index >= 0 && !sc->grade[c->preferred_grade_index].holds_cases)
        return fail_at(o, at(prefix, c->name, "preferred_grade", path, sizeof path), e,
                       "must name a case-holding grade (got \"%s\")", c->preferred_grade);
    return 0;
}

static int validate_caseload(const struct scenario_origin *o, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN], when[16];
    for (int i = 0; i < sc->n_case_types; i++)
        if (validate_case_type(o, sc, &sc->case_type[i], e) != 0)
            return -1;
    for (int g = 0; g < sc->n_grades && sc->n_case_types > 0; g++)
        if (sc->grade[g].holds_cases && sc->grade[g].target_caseload <= 0)
            return fail_at(o, at("grades", sc->grade[g].name, "target_caseload", path, sizeof path),
                           e, "must be > 0 for a case-holding grade (got %g)",
                           sc->grade[g].target_caseload);
    for (int i = 0; i < sc->n_shocks; i++) {
        struct demand_shock *d = &sc->shock[i];
        d->case_type_index = d->case_type[0] ? case_type_index(sc, d->case_type) : -1;
        if (d->case_type[0] && d->case_type_index < 0)
            return fail_at(o, at("demand_shocks", d->name, "case_type", path, sizeof path), e,
                           "unknown case type (got \"%s\")", d->case_type);
        if (!in_horizon(sc, d->month)) {
            month_format(d->month, when, sizeof when);
            return fail_at(o, at("demand_shocks", d->name, "month", path, sizeof path), e,
                           "must fall within the horizon, after month 0 (got %s)", when);
        }
    }
    return 0;
}

/* "sw, sp" -> a bit per grade; "" -> every grade. */
static int resolve_grade_list(const struct scenario_origin *o, const struct scenario *sc,
                              struct scheme_params *p, struct error *e)
{
    char path[PATH_MAX_LEN], list[SCENARIO_TEXT_LEN];
    snprintf(list, sizeof list, "%s", p->grades);
    p->grade_mask = 0;
    for (char *tok = strtok(list, ", "); tok != NULL; tok = strtok(NULL, ", ")) {
        int g = scenario_grade_index(sc, tok);
        char names[SCENARIO_MAX_GRADES * (SCENARIO_NAME_LEN + 2)];
        if (g < 0)
            return fail_at(o, at("retention_schemes", p->name, "grades", path, sizeof path), e,
                           "unknown grade (got \"%s\"; grades are %s)", tok,
                           grade_names(sc, names, sizeof names));
        p->grade_mask |= 1u << g;
    }
    if (p->grade_mask == 0)
        p->grade_mask = (1u << sc->n_grades) - 1;
    return 0;
}

static int validate_schemes(const struct scenario_origin *o, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN], when[16];
    const char *prefix = "retention_schemes";
    for (int i = 0; i < sc->n_schemes; i++) {
        struct scheme_params *p = &sc->scheme[i];
        if (resolve_grade_list(o, sc, p, e) != 0)
            return -1;
        if (!in_horizon(sc, p->start)) {
            month_format(p->start, when, sizeof when);
            return fail_at(o, at(prefix, p->name, "start", path, sizeof path), e,
                           "must fall within the horizon, after month 0 (got %s)", when);
        }
        if (p->end != 0 && p->end < p->start) {
            month_format(p->end, when, sizeof when);
            return fail_at(o, at(prefix, p->name, "end", path, sizeof path), e,
                           "must not be before start (got %s)", when);
        }
        if (p->kind == SCHEME_LUMP_SUM &&
            p->start + p->milestone_months > sc->start_month + sc->months)
            return fail_at(o, at(prefix, p->name, "milestone_months", path, sizeof path), e,
                           "milestone falls beyond the horizon (got %d)", p->milestone_months);
        if (p->amount_gbp <= 0 && p->salary_share <= 0)
            return fail_at(o, at(prefix, p->name, "amount_gbp", path, sizeof path), e,
                           "the scheme pays nothing: set amount_gbp or salary_share (got %g)",
                           p->amount_gbp);
    }
    if (sc->elasticity_mean < sc->elasticity_min)
        return fail_at(o, at("retention", NULL, "elasticity_mean", path, sizeof path), e,
                       "must not be below retention.elasticity_min %g (got %g)", sc->elasticity_min,
                       sc->elasticity_mean);
    return 0;
}

/* A route's completion chain (route -> completion grade -> the route training
 * that grade ...) must end. */
static int route_chain_loops(const struct scenario *sc, int r)
{
    int steps = 0;
    for (int q = r; q >= 0 && steps <= sc->n_routes; steps++) {
        int g = sc->route[q].completion_grade_index;
        q = g >= 0 ? sc->route_of_grade[g] : -1;
    }
    return steps > sc->n_routes;
}

static int validate_route(const struct scenario_origin *o, struct scenario *sc,
                          struct route_params *p, struct error *e)
{
    char path[PATH_MAX_LEN];
    const char *prefix = "entry_routes";
    if (resolve_grade(o, sc, p->grade, prefix, p->name, "grade", 0, &p->grade_index, e) != 0 ||
        resolve_grade(o, sc, p->completion_grade, prefix, p->name, "completion_grade", 1,
                      &p->completion_grade_index, e) != 0)
        return -1;
    if (p->completion_grade_index == p->grade_index)
        return fail_at(o, at(prefix, p->name, "completion_grade", path, sizeof path), e,
                       "must differ from the route's grade (got \"%s\")", p->completion_grade);
    int other = sc->route_of_grade[p->grade_index];
    if (other >= 0)
        return fail_at(o, at(prefix, p->name, "grade", path, sizeof path), e,
                       "grade already trained by route %s (got \"%s\")", sc->route[other].name,
                       p->grade);
    sc->route_of_grade[p->grade_index] = (int)(p - sc->route);
    if (p->hires > 0 && p->intake_months == 0)
        return fail_at(o, at(prefix, p->name, "month", path, sizeof path), e,
                       "needs a month of year for the intake (got %d hires and no month)",
                       p->hires);
    if (p->hires_per_month > 0 && p->intake_months != 0)
        return fail_at(o, at(prefix, p->name, "hires_per_month", path, sizeof path), e,
                       "a monthly flow takes no month: set month and hires, or hires_per_month "
                       "(got %g)",
                       p->hires_per_month);
    return 0;
}

static int validate_routes(const struct scenario_origin *o, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN];
    for (int g = 0; g < SCENARIO_MAX_GRADES; g++)
        sc->route_of_grade[g] = -1;
    for (int i = 0; i < sc->n_routes; i++)
        if (validate_route(o, sc, &sc->route[i], e) != 0)
            return -1;
    for (int i = 0; i < sc->n_routes; i++)
        if (route_chain_loops(sc, i))
            return fail_at(
                o, at("entry_routes", sc->route[i].name, "completion_grade", path, sizeof path), e,
                "completion chain loops back (got \"%s\")", sc->route[i].completion_grade);
    return 0;
}

/* A target's date has its form; its origin is kept for the run, which
 * checks its metric and date against the outputs (wfsim/target.h). */
static int validate_targets(const struct scenario_origin *o, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN];
    for (int i = 0; i < sc->n_targets; i++) {
        struct target_params *t = &sc->target[i];
        int month, year;
        snprintf(path, sizeof path, "targets.%s", t->name);
        o->where(o->ctx, path, t->origin, sizeof t->origin);
        if (month_parse_date(t->date, &month, &year) != 0)
            return fail_at(o, at("targets", t->name, "date", path, sizeof path), e,
                           "must be a month \"YYYY-MM\" or a DfE year \"YYYY\" (got \"%s\")",
                           t->date);
    }
    return 0;
}

int scenario_validate(struct scenario *sc, const struct scenario_origin *o, struct error *e)
{
    if (sc->name[0] == '\0')
        return fail_at(o, "name", e, "must not be empty");
    for (int i = 0; i < sc->n_grades; i++)
        if (validate_grade(o, sc, &sc->grade[i], e) != 0)
            return -1;
    if (validate_top(o, sc, e) != 0 || validate_dated(o, sc, e) != 0 ||
        validate_caseload(o, sc, e) != 0 || validate_schemes(o, sc, e) != 0 ||
        validate_routes(o, sc, e) != 0 || validate_targets(o, sc, e) != 0)
        return -1;
    return 0;
}

int scenario_validate_number(const struct key_spec *k, double v, char *msg, size_t size)
{
    if (!isfinite(v))
        snprintf(msg, size, "must be a finite number (got %g)", v);
    else if (k->positive && v <= 0)
        snprintf(msg, size, "must be > 0 (got %.10g)", v);
    else if ((v < k->min || v > k->max) && strcmp(k->unit, "share") == 0 && v > k->max && v <= 100)
        snprintf(msg, size,
                 "must be in [%.10g, %.10g]: a share is a fraction, 0.1 for 10%% (got %.10g, "
                 "%.10g%%)",
                 k->min, k->max, v, 100 * v);
    else if (v < k->min || v > k->max)
        snprintf(msg, size, "must be in [%.10g, %.10g] (got %.10g)", k->min, k->max, v);
    else
        return 0;
    return -1;
}

static double number_at(const struct key_spec *k, const char *field, size_t i)
{
    switch (k->type) {
    case KEY_INT: return *(const int *)(const void *)field;
    case KEY_INT64: return (double)*(const long long *)(const void *)field;
    default: return ((const double *)(const void *)field)[i];
    }
}

/* The numbers of one table's keys, `prefix` naming the entry ("" at the
 * top). */
static int validate_table(const struct scenario_origin *o, enum key_section section,
                          const char *prefix, const void *base, struct error *e)
{
    int n = 0;
    const struct key_spec *t = scenario_keys(section, &n);
    for (int i = 0; i < n; i++) {
        const struct key_spec *k = &t[i];
        size_t count = k->type == KEY_ARRAY ? k->size / sizeof(double) : 1;
        if (k->type != KEY_DOUBLE && k->type != KEY_INT && k->type != KEY_INT64 &&
            k->type != KEY_ARRAY)
            continue;
        for (size_t b = 0; b < count; b++) {
            char path[PATH_MAX_LEN], msg[300];
            if (scenario_validate_number(k, number_at(k, (const char *)base + k->offset, b), msg,
                                         sizeof msg) == 0)
                continue;
            snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", k->name);
            if (count > 1)
                return fail_at(o, path, e, "element %zu %s", b + 1, msg);
            return fail_at(o, path, e, "%s", msg);
        }
    }
    return 0;
}

static int validate_entries(const struct scenario_origin *o, enum key_section section,
                            const void *first, size_t stride, int count, struct error *e)
{
    for (int i = 0; i < count; i++) {
        const char *entry = (const char *)first + stride * (size_t)i;
        char prefix[PATH_MAX_LEN];
        /* every entry struct starts with its name */
        snprintf(prefix, sizeof prefix, "%s.%s", scenario_keys_prefix(section), entry);
        if (validate_table(o, section, prefix, entry, e) != 0)
            return -1;
    }
    return 0;
}

int scenario_validate_values(const struct scenario *sc, const struct scenario_origin *o,
                             struct error *e)
{
    if (validate_table(o, SECTION_TOP, "", sc, e) != 0 ||
        validate_entries(o, SECTION_GRADE, sc->grade, sizeof sc->grade[0], sc->n_grades, e) != 0 ||
        validate_entries(o, SECTION_CAMPAIGN, sc->campaign, sizeof sc->campaign[0], sc->n_campaigns,
                         e) != 0 ||
        validate_entries(o, SECTION_CHANGE, sc->change, sizeof sc->change[0], sc->n_changes, e) !=
            0 ||
        validate_entries(o, SECTION_CASE_TYPE, sc->case_type, sizeof sc->case_type[0],
                         sc->n_case_types, e) != 0 ||
        validate_entries(o, SECTION_SHOCK, sc->shock, sizeof sc->shock[0], sc->n_shocks, e) != 0 ||
        validate_entries(o, SECTION_SCHEME, sc->scheme, sizeof sc->scheme[0], sc->n_schemes, e) !=
            0 ||
        validate_entries(o, SECTION_ROUTE, sc->route, sizeof sc->route[0], sc->n_routes, e) != 0 ||
        validate_entries(o, SECTION_TARGET, sc->target, sizeof sc->target[0], sc->n_targets, e) !=
            0)
        return -1;
    return 0;
}

/* scenario: layered libconfig -> validated struct scenario, and the resolved
 * scenario writer (see include/wfsim/scenario.h). Range errors are reported while
 * the setting is at hand, as "file:line: key: message (got X)". */
#include "wfsim/scenario.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/month.h"
#include "wfsim/scenario_keys.h"

#define PATH_MAX_LEN 256
#define ENTRIES_MAX 32 /* at least every SCENARIO_MAX_* */

static void describe(const config_setting_t *s, char *buf, size_t size)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT: snprintf(buf, size, "%d", config_setting_get_int(s)); break;
    case CONFIG_TYPE_INT64: snprintf(buf, size, "%lld", config_setting_get_int64(s)); break;
    case CONFIG_TYPE_FLOAT: snprintf(buf, size, "%g", config_setting_get_float(s)); break;
    case CONFIG_TYPE_STRING: snprintf(buf, size, "\"%s\"", config_setting_get_string(s)); break;
    case CONFIG_TYPE_BOOL:
        snprintf(buf, size, "%s", config_setting_get_bool(s) ? "true" : "false");
        break;
    case CONFIG_TYPE_GROUP: snprintf(buf, size, "a group"); break;
    case CONFIG_TYPE_ARRAY: snprintf(buf, size, "an array"); break;
    case CONFIG_TYPE_LIST: snprintf(buf, size, "a list"); break;
    default: snprintf(buf, size, "?"); break;
    }
}

static int fail_at(const struct layers *L, const config_setting_t *s, const char *path,
                   struct error *e, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail_at(const struct layers *L, const config_setting_t *s, const char *path,
                   struct error *e, const char *fmt, ...)
{
    char where[600], what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    layers_where(L, s, where, sizeof where);
    return error_set(e, ERROR_INPUT, "%s: %s: %s", where, path, what);
}

static int is_number(const config_setting_t *s)
{
    int t = config_setting_type(s);
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double number_of(const config_setting_t *s)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT: return config_setting_get_int(s);
    case CONFIG_TYPE_INT64: return (double)config_setting_get_int64(s);
    default: return config_setting_get_float(s);
    }
}

static int check_number(const struct layers *L, const config_setting_t *s, const char *path,
                        const struct key_spec *k, double v, struct error *e)
{
    if (!isfinite(v))
        return fail_at(L, s, path, e, "must be a finite number (got %g)", v);
    if (k->positive && v <= 0)
        return fail_at(L, s, path, e, "must be > 0 (got %.10g)", v);
    if (v < k->min || v > k->max)
        return fail_at(L, s, path, e, "must be in [%.10g, %.10g] (got %.10g)", k->min, k->max, v);
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

/* Index of `word` among the '|'-separated choices, or -1. */
static int choice_index(const char *choices, const char *word)
{
    size_t len = strlen(word);
    int index = 0;
    for (const char *p = choices; p != NULL; index++) {
        const char *bar = strchr(p, '|');
        size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, word, n) == 0)
            return index;
        p = bar != NULL ? bar + 1 : NULL;
    }
    return -1;
}

static int valid_name(const char *s)
{
    for (const char *p = s; *p != '\0'; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
            return 0;
    return 1;
}

static int set_default(const struct key_spec *k, char *field)
{
    switch (k->type) {
    case KEY_DOUBLE: *(double *)(void *)field = k->def; break;
    case KEY_INT:
    case KEY_BOOL: *(int *)(void *)field = (int)k->def; break;
    case KEY_INT64: *(long long *)(void *)field = (long long)k->def; break;
    case KEY_NAME:
    case KEY_TEXT: snprintf(field, k->size, "%s", k->def_text); break;
    case KEY_MONTH: *(int *)(void *)field = 0; break;
    case KEY_ARRAY:
        return parse_array(k->def_text, (double *)(void *)field, k->size / sizeof(double));
    case KEY_CHOICE: *(int *)(void *)field = choice_index(k->choices, k->def_text); break;
    default: return -1;
    }
    return 0;
}

static int read_value(const struct layers *L, const config_setting_t *s, const char *path,
                      const struct key_spec *k, char *field, struct error *e)
{
    char got[600];
    describe(s, got, sizeof got);
    switch (k->type) {
    case KEY_DOUBLE: {
        if (!is_number(s))
            return fail_at(L, s, path, e, "must be a number (got %s)", got);
        double v = number_of(s);
        if (check_number(L, s, path, k, v, e) != 0)
            return -1;
        *(double *)(void *)field = v;
        return 0;
    }
    case KEY_INT:
    case KEY_INT64: {
        int t = config_setting_type(s);
        if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
            return fail_at(L, s, path, e, "must be a whole number (got %s)", got);
        long long v =
            t == CONFIG_TYPE_INT ? config_setting_get_int(s) : config_setting_get_int64(s);
        if ((double)v < k->min || (double)v > k->max)
            return fail_at(L, s, path, e, "must be in [%.10g, %.10g] (got %lld)", k->min, k->max,
                           v);
        if (k->type == KEY_INT)
            *(int *)(void *)field = (int)v;
        else
            *(long long *)(void *)field = v;
        return 0;
    }
    case KEY_BOOL:
        if (config_setting_type(s) != CONFIG_TYPE_BOOL)
            return fail_at(L, s, path, e, "must be true or false (got %s)", got);
        *(int *)(void *)field = config_setting_get_bool(s);
        return 0;
    case KEY_NAME:
    case KEY_TEXT: {
        if (config_setting_type(s) != CONFIG_TYPE_STRING)
            return fail_at(L, s, path, e, "must be a string (got %s)", got);
        const char *v = config_setting_get_string(s);
        if (strlen(v) >= k->size)
            return fail_at(L, s, path, e, "too long (at most %zu characters)", k->size - 1);
        if (k->type == KEY_NAME && !valid_name(v))
            return fail_at(L, s, path, e, "must use only letters, digits, '_' and '-' (got %s)",
                           got);
        if (k->type == KEY_TEXT && strpbrk(v, "\"\\\n") != NULL)
            return fail_at(L, s, path, e, "must not contain quotes, backslashes or newlines");
        snprintf(field, k->size, "%s", v);
        return 0;
    }
    case KEY_MONTH: {
        int m = 0;
        if (!k->required && config_setting_type(s) == CONFIG_TYPE_STRING &&
            config_setting_get_string(s)[0] == '\0') {
            *(int *)(void *)field = 0; /* an optional month left empty: none */
            return 0;
        }
        if (config_setting_type(s) != CONFIG_TYPE_STRING ||
            month_parse(config_setting_get_string(s), &m) != 0)
            return fail_at(L, s, path, e, "must be a month \"YYYY-MM\" (got %s)", got);
        *(int *)(void *)field = m;
        return 0;
    }
    case KEY_CHOICE: {
        int c = config_setting_type(s) == CONFIG_TYPE_STRING
                    ? choice_index(k->choices, config_setting_get_string(s))
                    : -1;
        if (c < 0)
            return fail_at(L, s, path, e, "must be one of %s (got %s)", k->choices, got);
        *(int *)(void *)field = c;
        return 0;
    }
    case KEY_ARRAY: {
        int t = config_setting_type(s), len = (int)(k->size / sizeof(double));
        if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || config_setting_length(s) != len) {
            if (t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST)
                snprintf(got, sizeof got, "%d values", config_setting_length(s));
            return fail_at(L, s, path, e, "must be an array of %d numbers (got %s)", len, got);
        }
        double *out = (double *)(void *)field;
        for (int b = 0; b < len; b++) {
            const config_setting_t *el = config_setting_get_elem(s, (unsigned)b);
            if (!is_number(el)) {
                describe(el, got, sizeof got);
                return fail_at(L, s, path, e, "element %d must be a number (got %s)", b + 1, got);
            }
            if (check_number(L, s, path, k, number_of(el), e) != 0)
                return -1;
            out[b] = number_of(el);
        }
        return 0;
    }
    default: return fail_at(L, s, path, e, "internal: unknown key type");
    }
}

/* Read every key of one table; reading goes on after an error so that every
 * key is marked known before the unknown-key check (the first error wins). */
static void read_table(struct layers *L, const char *prefix, enum key_section section, void *base,
                       struct error *e)
{
    int n = 0;
    const struct key_spec *t = scenario_keys(section, &n);
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX_LEN];
        snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", t[i].name);
        char *field = (char *)base + t[i].offset;
        config_setting_t *s = layers_lookup(L, path);
        set_default(&t[i], field);
        if (s != NULL) {
            read_value(L, s, path, &t[i], field, e);
        } else if (t[i].required) {
            char where[600];
            const config_setting_t *g = prefix[0] ? layers_lookup(L, prefix) : NULL;
            layers_where(L, g, where, sizeof where);
            error_set(e, ERROR_MISSING, "%s: %s: required key is missing", where, path);
        }
    }
}

/* The setting behind a key, for errors found after reading. */
static const config_setting_t *at(struct layers *L, const char *prefix, const char *entry,
                                  const char *key, char *path, size_t size)
{
    if (entry != NULL)
        snprintf(path, size, "%s.%s.%s", prefix, entry, key);
    else
        snprintf(path, size, "%s.%s", prefix, key);
    const config_setting_t *s = layers_lookup(L, path);
    /* A key left at its default: point at the nearest group that is there. */
    char group[PATH_MAX_LEN];
    snprintf(group, sizeof group, "%s", path);
    for (char *dot = strrchr(group, '.'); s == NULL && dot != NULL; dot = strrchr(group, '.')) {
        *dot = '\0';
        s = layers_lookup(L, group);
    }
    return s;
}

static int resolve_grade(struct layers *L, const struct scenario *sc, const char *ref,
                         const char *prefix, const char *entry, const char *key, int allow_empty,
                         int *out, struct error *e)
{
    char path[PATH_MAX_LEN];
    *out = -1;
    if (ref[0] == '\0' && allow_empty)
        return 0;
    *out = scenario_grade_index(sc, ref);
    if (*out >= 0)
        return 0;
    const config_setting_t *s = at(L, prefix, entry, key, path, sizeof path);
    return fail_at(L, s, path, e, "unknown grade (got \"%s\")", ref);
}

static int validate_grade(struct layers *L, struct scenario *sc, struct grade_params *g,
                          struct error *e)
{
    char path[PATH_MAX_LEN];
    const char *prefix = "grades";
    if (g->initial_in_post_fte > g->posts_fte + 1e-9)
        return fail_at(L, at(L, prefix, g->name, "initial_in_post_fte", path, sizeof path), path, e,
                       "must not exceed posts_fte %g (got %g)", g->posts_fte,
                       g->initial_in_post_fte);
    double sum = 0;
    for (int b = 0; b < N_TENURE_BANDS; b++)
        sum += g->tenure_mix[b];
    if (fabs(sum - 1.0) > 1e-6)
        return fail_at(L, at(L, prefix, g->name, "tenure_mix", path, sizeof path), path, e,
                       "shares must sum to 1 (got %g)", sum);
    if (resolve_grade(L, sc, g->promotion_from, prefix, g->name, "promotion_from", 1,
                      &g->promotion_from_index, e) != 0)
        return -1;
    if (g->promotion_from_index == scenario_grade_index(sc, g->name))
        return fail_at(L, at(L, prefix, g->name, "promotion_from", path, sizeof path), path, e,
                       "must name another grade (got \"%s\")", g->promotion_from);
    return 0;
}

static int in_horizon(const struct scenario *sc, int month)
{
    return month > sc->start_month && month <= sc->start_month + sc->months;
}

static int validate_dated(struct layers *L, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN], when[16];
    for (int i = 0; i < sc->n_campaigns; i++) {
        struct campaign_params *c = &sc->campaign[i];
        if (resolve_grade(L, sc, c->grade, "campaigns", c->name, "grade", 0, &c->grade_index, e) !=
            0)
            return -1;
        if (!in_horizon(sc, c->month)) {
            month_format(c->month, when, sizeof when);
            return fail_at(L, at(L, "campaigns", c->name, "month", path, sizeof path), path, e,
                           "must fall within the horizon, after month 0 (got %s)", when);
        }
    }
    for (int i = 0; i < sc->n_changes; i++) {
        struct establishment_change *c = &sc->change[i];
        if (resolve_grade(L, sc, c->grade, "establishment_changes", c->name, "grade", 0,
                          &c->grade_index, e) != 0)
            return -1;
        if (!in_horizon(sc, c->month)) {
            month_format(c->month, when, sizeof when);
            return fail_at(L, at(L, "establishment_changes", c->name, "month", path, sizeof path),
                           path, e, "must fall within the horizon, after month 0 (got %s)", when);
        }
    }
    return 0;
}

static int validate_top(struct layers *L, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN];
    double sum = sc->share_leave_sector + sc->share_to_agency + sc->share_to_other_la;
    if (fabs(sum - 1.0) > 1e-6)
        return fail_at(L, at(L, "leaving", NULL, "share_to_other_la", path, sizeof path), path, e,
                       "destination shares must sum to 1 (got %g)", sum);
    if (resolve_grade(L, sc, sc->intake_grade, "recruitment.intake", NULL, "grade", 1,
                      &sc->intake_grade_index, e) != 0 ||
        resolve_grade(L, sc, sc->progresses_to, "recruitment.intake", NULL, "progresses_to", 1,
                      &sc->progresses_to_index, e) != 0)
        return -1;
    if (sc->progresses_to_index >= 0 && sc->progresses_to_index == sc->intake_grade_index)
        return fail_at(L, at(L, "recruitment.intake", NULL, "progresses_to", path, sizeof path),
                       path, e, "must differ from recruitment.intake.grade (got \"%s\")",
                       sc->progresses_to);
    if (sc->agency_cap_fte < 0 && sc->agency_cap_fte != -1)
        return fail_at(L, at(L, "agency", NULL, "cap_fte", path, sizeof path), path, e,
                       "must be -1 (no cap) or at least 0 (got %g)", sc->agency_cap_fte);
    for (int g = 0; g < sc->n_grades; g++) { /* promotion chains must not loop */
        int steps = 0;
        for (int h = sc->grade[g].promotion_from_index; h >= 0 && steps <= sc->n_grades;
             h = sc->grade[h].promotion_from_index)
            steps++;
        if (steps > sc->n_grades)
            return fail_at(
                L, at(L, "grades", sc->grade[g].name, "promotion_from", path, sizeof path), path, e,
                "promotion chain loops back (got \"%s\")", sc->grade[g].promotion_from);
    }
    if (sc->intake_max_hires > 0 && sc->intake_grade_index < 0)
        return fail_at(L, at(L, "recruitment.intake", NULL, "max_hires", path, sizeof path), path,
                       e, "needs recruitment.intake.grade (got %d hires)", sc->intake_max_hires);
    return 0;
}

static int case_type_index(const struct scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_case_types; i++)
        if (strcmp(sc->case_type[i].name, name) == 0)
            return i;
    return -1;
}

static int validate_case_type(struct layers *L, struct scenario *sc, struct case_type_params *c,
                              struct error *e)
{
    char path[PATH_MAX_LEN];
    const char *prefix = "case_types";
    if (c->duration == DURATION_GEOMETRIC && c->mean_months < 1)
        return fail_at(L, at(L, prefix, c->name, "mean_months", path, sizeof path), path, e,
                       "must be at least 1 for a geometric duration (got %g)", c->mean_months);
    if (c->duration == DURATION_LOGNORMAL && c->sd_months <= 0)
        return fail_at(L, at(L, prefix, c->name, "sd_months", path, sizeof path), path, e,
                       "must be > 0 for a lognormal duration (got %g)", c->sd_months);
    if (resolve_grade(L, sc, c->preferred_grade, prefix, c->name, "preferred_grade", 1,
                      &c->preferred_grade_index, e) != 0)
        return -1;
    if (c->preferred_grade_index >= 0 && !sc->grade[c->preferred_grade_index].holds_cases)
        return fail_at(L, at(L, prefix, c->name, "preferred_grade", path, sizeof path), path, e,
                       "must name a case-holding grade (got \"%s\")", c->preferred_grade);
    return 0;
}

static int validate_caseload(struct layers *L, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN], when[16];
    for (int i = 0; i < sc->n_case_types; i++)
        if (validate_case_type(L, sc, &sc->case_type[i], e) != 0)
            return -1;
    for (int g = 0; g < sc->n_grades && sc->n_case_types > 0; g++)
        if (sc->grade[g].holds_cases && sc->grade[g].target_caseload <= 0)
            return fail_at(
                L, at(L, "grades", sc->grade[g].name, "target_caseload", path, sizeof path), path,
                e, "must be > 0 for a case-holding grade (got %g)", sc->grade[g].target_caseload);
    for (int i = 0; i < sc->n_shocks; i++) {
        struct demand_shock *d = &sc->shock[i];
        d->case_type_index = d->case_type[0] ? case_type_index(sc, d->case_type) : -1;
        if (d->case_type[0] && d->case_type_index < 0)
            return fail_at(L, at(L, "demand_shocks", d->name, "case_type", path, sizeof path), path,
                           e, "unknown case type (got \"%s\")", d->case_type);
        if (!in_horizon(sc, d->month)) {
            month_format(d->month, when, sizeof when);
            return fail_at(L, at(L, "demand_shocks", d->name, "month", path, sizeof path), path, e,
                           "must fall within the horizon, after month 0 (got %s)", when);
        }
    }
    return 0;
}

/* "sw, sp" -> a bit per grade; "" -> every grade. */
static int resolve_grade_list(struct layers *L, const struct scenario *sc, struct scheme_params *p,
                              struct error *e)
{
    char path[PATH_MAX_LEN], list[SCENARIO_TEXT_LEN];
    snprintf(list, sizeof list, "%s", p->grades);
    p->grade_mask = 0;
    for (char *tok = strtok(list, ", "); tok != NULL; tok = strtok(NULL, ", ")) {
        int g = scenario_grade_index(sc, tok);
        if (g < 0)
            return fail_at(L, at(L, "retention_schemes", p->name, "grades", path, sizeof path),
                           path, e, "unknown grade (got \"%s\")", tok);
        p->grade_mask |= 1u << g;
    }
    if (p->grade_mask == 0)
        p->grade_mask = (1u << sc->n_grades) - 1;
    return 0;
}

static int validate_schemes(struct layers *L, struct scenario *sc, struct error *e)
{
    char path[PATH_MAX_LEN], when[16];
    const char *prefix = "retention_schemes";
    for (int i = 0; i < sc->n_schemes; i++) {
        struct scheme_params *p = &sc->scheme[i];
        if (resolve_grade_list(L, sc, p, e) != 0)
            return -1;
        if (!in_horizon(sc, p->start)) {
            month_format(p->start, when, sizeof when);
            return fail_at(L, at(L, prefix, p->name, "start", path, sizeof path), path, e,
                           "must fall within the horizon, after month 0 (got %s)", when);
        }
        if (p->end != 0 && p->end < p->start) {
            month_format(p->end, when, sizeof when);
            return fail_at(L, at(L, prefix, p->name, "end", path, sizeof path), path, e,
                           "must not be before start (got %s)", when);
        }
        if (p->kind == SCHEME_LUMP_SUM &&
            p->start + p->milestone_months > sc->start_month + sc->months)
            return fail_at(L, at(L, prefix, p->name, "milestone_months", path, sizeof path), path,
                           e, "milestone falls beyond the horizon (got %d)", p->milestone_months);
        if (p->amount_gbp <= 0 && p->salary_share <= 0)
            return fail_at(L, at(L, prefix, p->name, "amount_gbp", path, sizeof path), path, e,
                           "the scheme pays nothing: set amount_gbp or salary_share (got %g)",
                           p->amount_gbp);
    }
    if (sc->elasticity_mean < sc->elasticity_min)
        return fail_at(L, at(L, "retention", NULL, "elasticity_mean", path, sizeof path), path, e,
                       "must not be below retention.elasticity_min %g (got %g)", sc->elasticity_min,
                       sc->elasticity_mean);
    return 0;
}

static int read_entries(struct layers *L, enum key_section section, void *first, size_t stride,
                        int max, int *count, struct error *e)
{
    char names[ENTRIES_MAX][LAYERS_NAME_MAX];
    const char *prefix = scenario_keys_prefix(section);
    int n = layers_children(L, prefix, names, max, e);
    *count = n < 0 ? 0 : n;
    for (int i = 0; i < *count; i++) {
        char *entry = (char *)first + stride * (size_t)i;
        char path[PATH_MAX_LEN];
        if (snprintf(path, sizeof path, "%s.%s", prefix, names[i]) >= (int)sizeof path)
            return error_set(e, ERROR_INPUT, "%s: name too long", names[i]);
        const config_setting_t *s = layers_lookup(L, path);
        if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
            char got[600];
            describe(s, got, sizeof got);
            return fail_at(L, s, path, e, "must be a group { ... } (got %s)", got);
        }
        if (!valid_name(names[i]))
            return fail_at(L, s, path, e, "names use only letters, digits, '_' and '-'");
        /* Every entry struct starts with its name. */
        memcpy(entry, names[i], strlen(names[i]) + 1); /* names are < SCENARIO_NAME_LEN */
        read_table(L, path, section, entry, e);
    }
    return n < 0 ? -1 : 0;
}

int scenario_load(struct scenario *sc, struct layers *L, struct error *e)
{
    memset(sc, 0, sizeof *sc);
    read_table(L, "", SECTION_TOP, sc, e);
    read_entries(L, SECTION_GRADE, sc->grade, sizeof sc->grade[0], SCENARIO_MAX_GRADES,
                 &sc->n_grades, e);
    read_entries(L, SECTION_CAMPAIGN, sc->campaign, sizeof sc->campaign[0], SCENARIO_MAX_CAMPAIGNS,
                 &sc->n_campaigns, e);
    read_entries(L, SECTION_CHANGE, sc->change, sizeof sc->change[0], SCENARIO_MAX_CHANGES,
                 &sc->n_changes, e);
    read_entries(L, SECTION_CASE_TYPE, sc->case_type, sizeof sc->case_type[0],
                 SCENARIO_MAX_CASE_TYPES, &sc->n_case_types, e);
    read_entries(L, SECTION_SHOCK, sc->shock, sizeof sc->shock[0], SCENARIO_MAX_SHOCKS,
                 &sc->n_shocks, e);
    read_entries(L, SECTION_SCHEME, sc->scheme, sizeof sc->scheme[0], SCENARIO_MAX_SCHEMES,
                 &sc->n_schemes, e);
    if (e->kind == ERROR_NONE || e->kind == ERROR_MISSING) {
        struct error unknown = {ERROR_NONE, ""};
        if (layers_check_unknown(L, &unknown) != 0) {
            *e = unknown;
            return -1;
        }
    }
    if (e->kind != ERROR_NONE)
        return -1;
    if (sc->n_grades == 0) {
        char where[600];
        layers_where(L, NULL, where, sizeof where);
        return error_set(e, ERROR_INPUT, "%s: grades: at least one grade is required", where);
    }
    if (sc->name[0] == '\0')
        return fail_at(L, layers_lookup(L, "name"), "name", e, "must not be empty");
    for (int i = 0; i < sc->n_grades; i++)
        if (validate_grade(L, sc, &sc->grade[i], e) != 0)
            return -1;
    if (validate_top(L, sc, e) != 0 || validate_dated(L, sc, e) != 0 ||
        validate_caseload(L, sc, e) != 0 || validate_schemes(L, sc, e) != 0)
        return -1;
    return 0;
}

int scenario_load_files(struct scenario *sc, int n_files, const char *const *files, int n_sets,
                        const struct assignment *sets, struct error *e)
{
    struct layers *L = malloc(sizeof *L);
    if (L == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory reading the scenario");
    layers_init(L);
    int rc = 0;
    for (int i = 0; i < n_files && rc == 0; i++)
        rc = layers_add_file(L, files[i], e);
    for (int i = 0; i < n_sets && rc == 0; i++)
        rc = layers_add_set(L, sets[i].origin, sets[i].text, e);
    if (rc == 0)
        rc = scenario_load(sc, L, e);
    layers_destroy(L);
    free(L);
    return rc;
}

int scenario_grade_index(const struct scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_grades; i++)
        if (strcmp(sc->grade[i].name, name) == 0)
            return i;
    return -1;
}

unsigned long long scenario_hash(const char *text, unsigned long len)
{
    unsigned long long h = 1469598103934665603ULL;
    for (unsigned long i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ULL;
    }
    return h;
}

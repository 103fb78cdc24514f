/* scenario_load: layered libconfig -> validated struct scenario (see
 * include/wfsim/scenario_load.h). Type and range errors are reported while
 * the setting is at hand, as "file:line: key: message (got X)"; the rules
 * that join keys are scenario_validate's, told where each key was set. */
#include "wfsim/scenario_load.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/layers.h"
#include "wfsim/month.h"
#include "wfsim/scenario_keys.h"
#include "scenario/scenario_validate.h"

#define PATH_MAX_LEN 256
#define ENTRIES_MAX 32 /* at least every SCENARIO_MAX_* */

static void describe(const struct layers *L, const config_setting_t *s, char *buf, size_t size)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT: {
        long long v;
        snprintf(buf, size, "%lld", layers_int_literal(L, s, &v) ? v : config_setting_get_int(s));
        break;
    }
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

/* An integer setting's value as written, not as libconfig wrapped it. */
static long long int_of(const struct layers *L, const config_setting_t *s)
{
    long long v;
    if (config_setting_type(s) == CONFIG_TYPE_INT64)
        return config_setting_get_int64(s);
    return layers_int_literal(L, s, &v) ? v : config_setting_get_int(s);
}

static double number_of(const struct layers *L, const config_setting_t *s)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT: return (double)int_of(L, s);
    case CONFIG_TYPE_INT64: return (double)config_setting_get_int64(s);
    default: return config_setting_get_float(s);
    }
}

static int check_number(const struct layers *L, const config_setting_t *s, const char *path,
                        const struct key_spec *k, double v, struct error *e)
{
    char msg[300];
    if (scenario_validate_number(k, v, msg, sizeof msg) != 0)
        return fail_at(L, s, path, e, "%s", msg);
    return 0;
}

static int valid_name(const char *s)
{
    for (const char *p = s; *p != '\0'; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
            return 0;
    return 1;
}

/* 9 or [3, 9] -> a bit per month of year. */
static int read_months_of_year(const struct layers *L, const config_setting_t *s, const char *path,
                               const struct key_spec *k, char *field, struct error *e)
{
    char got[600];
    int t = config_setting_type(s), list = t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST;
    int n = list ? config_setting_length(s) : 1;
    unsigned mask = 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = list ? config_setting_get_elem(s, (unsigned)i) : s;
        int te = config_setting_type(el);
        describe(L, el, got, sizeof got);
        if (te != CONFIG_TYPE_INT && te != CONFIG_TYPE_INT64)
            return fail_at(L, s, path, e, "must be a month of year 1-12 or a list of them (got %s)",
                           got);
        long long m = int_of(L, el);
        if (m < k->min || m > k->max)
            return fail_at(L, s, path, e, "months of year must be in [1, 12] (got %lld)", m);
        mask |= 1u << (m - 1);
    }
    *(unsigned *)(void *)field = mask;
    return 0;
}

/* A retired key set anywhere is refused, naming its replacement. */
static int refuse_retired(struct layers *L, struct error *e)
{
    int n = 0;
    const struct retired_key *t = scenario_keys_retired(&n);
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = layers_lookup(L, t[i].name);
        if (s != NULL)
            return fail_at(L, s, t[i].name, e, "retired: use %s (docs/scenario-keys.md)",
                           t[i].replacement);
    }
    return 0;
}

static int read_value(const struct layers *L, const config_setting_t *s, const char *path,
                      const struct key_spec *k, char *field, struct error *e)
{
    char got[600];
    describe(L, s, got, sizeof got);
    switch (k->type) {
    case KEY_DOUBLE: {
        if (!is_number(s))
            return fail_at(L, s, path, e, "must be a number (got %s)", got);
        double v = number_of(L, s);
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
        long long v = int_of(L, s);
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
                    ? scenario_keys_choice(k, config_setting_get_string(s))
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
                describe(L, el, got, sizeof got);
                return fail_at(L, s, path, e, "element %d must be a number (got %s)", b + 1, got);
            }
            if (check_number(L, s, path, k, number_of(L, el), e) != 0)
                return -1;
            out[b] = number_of(L, el);
        }
        return 0;
    }
    case KEY_MONTHS_OF_YEAR: return read_months_of_year(L, s, path, k, field, e);
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
        scenario_keys_default(&t[i], field);
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

/* "file:line" of the setting behind a key, for errors found after reading
 * (scenario_validate's origin). A key left at its default points at the
 * nearest group that is there. */
static void where_in_layers(void *ctx, const char *path, char *buf, size_t size)
{
    struct layers *L = ctx;
    const config_setting_t *s = layers_lookup(L, path);
    char group[PATH_MAX_LEN];
    snprintf(group, sizeof group, "%s", path);
    for (char *dot = strrchr(group, '.'); s == NULL && dot != NULL; dot = strrchr(group, '.')) {
        *dot = '\0';
        s = layers_lookup(L, group);
    }
    layers_where(L, s, buf, size);
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
            describe(L, s, got, sizeof got);
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
    if (refuse_retired(L, e) != 0)
        return -1;
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
    read_entries(L, SECTION_ROUTE, sc->route, sizeof sc->route[0], SCENARIO_MAX_ROUTES,
                 &sc->n_routes, e);
    read_entries(L, SECTION_TARGET, sc->target, sizeof sc->target[0], SCENARIO_MAX_TARGETS,
                 &sc->n_targets, e);
    if (e->kind == ERROR_NONE || e->kind == ERROR_MISSING) {
        struct error unknown = {ERROR_NONE, ""};
        if (layers_check_unknown(L, scenario_keys_nearest, &unknown) != 0) {
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
    const struct scenario_origin origin = {where_in_layers, L};
    return scenario_validate(sc, &origin, e);
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

/* vary: keys over ranges and the scenarios of their points (see
 * include/wfsim/vary.h). */
#include "wfsim/vary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One number of a range, all of `text` up to `end`; 0 or -1. */
static int number(const char *text, const char *end, double *v)
{
    char buf[64];
    size_t n = (size_t)(end - text);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    char *stop;
    *v = strtod(buf, &stop);
    return *stop == '\0' && isfinite(*v) ? 0 : -1;
}

int vary_key(const char *origin, const char *key, struct vary *v, struct error *e)
{
    memset(v, 0, sizeof *v);
    if (strlen(key) >= sizeof v->key)
        return error_set(e, ERROR_INPUT, "%s: %.60s...: a key is at most %d characters", origin,
                         key, VARY_KEY_MAX - 1);
    snprintf(v->key, sizeof v->key, "%s", key);
    enum key_section section;
    const struct key_spec *k = scenario_keys_find(v->key, &section);
    if (k == NULL)
        return error_set(e, ERROR_INPUT, "%s: %s: unknown key (wfsim keys lists them)", origin,
                         v->key);
    if (k->type != KEY_DOUBLE && k->type != KEY_INT && k->type != KEY_INT64)
        return error_set(e, ERROR_INPUT, "%s: %s: only a numeric key can be varied", origin,
                         v->key);
    v->type = k->type;
    v->min = k->min;
    v->max = k->max;
    v->positive = k->positive;
    return 0;
}

int vary_parse(const char *origin, const char *text, int with_steps, struct vary *v,
               struct error *e)
{
    memset(v, 0, sizeof *v);
    const char *form = with_steps ? "KEY=FROM:TO:STEPS" : "KEY=MIN:MAX";
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text || (size_t)(eq - text) >= sizeof v->key)
        return error_set(e, ERROR_INPUT, "%s: %s: expected %s", origin, text, form);
    char key[VARY_KEY_MAX];
    memcpy(key, text, (size_t)(eq - text));
    key[eq - text] = '\0';
    if (vary_key(origin, key, v, e) != 0)
        return -1;
    const char *c1 = strchr(eq + 1, ':'), *c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
    const char *end = eq + strlen(eq);
    int ok = c1 != NULL && number(eq + 1, c1, &v->from) == 0;
    if (with_steps) {
        double steps = 0;
        ok =
            ok && c2 != NULL && number(c1 + 1, c2, &v->to) == 0 && number(c2 + 1, end, &steps) == 0;
        if (ok && (steps != floor(steps) || steps < 2 || steps > VARY_MAX_STEPS))
            return error_set(e, ERROR_INPUT,
                             "%s: %s: STEPS is a whole number from 2 to %d (got %g)", origin,
                             v->key, VARY_MAX_STEPS, steps);
        v->steps = (int)steps;
    } else
        ok = ok && c2 == NULL && number(c1 + 1, end, &v->to) == 0;
    if (!ok)
        return error_set(e, ERROR_INPUT, "%s: %s: expected %s with numbers (got \"%s\")", origin,
                         v->key, form, eq + 1);
    if (!with_steps && !(v->from < v->to))
        return error_set(e, ERROR_INPUT, "%s: %s: MIN must be below MAX (got %g:%g)", origin,
                         v->key, v->from, v->to);
    for (int i = 0; i < 2; i++) {
        double x = i == 0 ? v->from : v->to;
        if (x < v->min || x > v->max)
            return error_set(e, ERROR_INPUT, "%s: %s: %g is outside the key's range [%g, %g]",
                             origin, v->key, x, v->min, v->max);
        if (v->type != KEY_DOUBLE && x != floor(x))
            return error_set(e, ERROR_INPUT, "%s: %s: an integer key takes whole numbers (got %g)",
                             origin, v->key, x);
    }
    if (with_steps && v->type != KEY_DOUBLE && fabs(v->to - v->from) + 1 < v->steps)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: %d steps from %g to %g would repeat whole values; at most %g",
                         origin, v->key, v->steps, v->from, v->to, fabs(v->to - v->from) + 1);
    return 0;
}

double vary_round(const struct vary *v, double value)
{
    return v->type == KEY_DOUBLE ? value : floor(value + 0.5);
}

double vary_point(const struct vary *v, int i)
{
    if (i <= 0)
        return v->from;
    if (i >= v->steps - 1)
        return v->to;
    double x = v->from + (v->to - v->from) * i / (v->steps - 1);
    if (v->type == KEY_DOUBLE) { /* 0.15, not 0.15000000000000002 */
        char text[40];
        snprintf(text, sizeof text, "%.15g", x);
        return strtod(text, NULL);
    }
    return vary_round(v, x);
}

void vary_value_text(double value, char *buf, size_t size)
{
    if (value == floor(value) && fabs(value) < 1e15) { /* "1000", never "1e+03" */
        snprintf(buf, size, "%.0f", value);
        return;
    }
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, value);
        if (strtod(buf, NULL) == value)
            break;
    }
}

void vary_assignment(const struct vary *v, double value, char *buf, size_t size)
{
    if (v->type == KEY_DOUBLE) {
        /* with a decimal point so that libconfig reads a float */
        char num[40];
        vary_value_text(value, num, sizeof num);
        int plain = strpbrk(num, ".eEn") == NULL;
        snprintf(buf, size, "%s=%s%s", v->key, num, plain ? ".0" : "");
    } else
        snprintf(buf, size, "%s=%lld%s", v->key, (long long)value, v->type == KEY_INT64 ? "L" : "");
}

int vary_load(struct scenario *sc, int n_files, const char *const *files, int n_sets,
              const struct assignment *sets, int n_keys, const struct vary *keys,
              const double *values, struct error *e)
{
    return vary_load_as("--vary", sc, n_files, files, n_sets, sets, n_keys, keys, values, e);
}

int vary_load_as(const char *origin, struct scenario *sc, int n_files, const char *const *files,
                 int n_sets, const struct assignment *sets, int n_keys, const struct vary *keys,
                 const double *values, struct error *e)
{
    struct assignment all[64 + VARY_MAX_KEYS];
    char text[VARY_MAX_KEYS][VARY_ASSIGNMENT_MAX];
    if (n_sets > 64 || n_keys > VARY_MAX_KEYS)
        return error_set(e, ERROR_INPUT, "at most 64 --set and %d varied keys (got %d and %d)",
                         VARY_MAX_KEYS, n_sets, n_keys);
    for (int i = 0; i < n_sets; i++)
        all[i] = sets[i];
    for (int j = 0; j < n_keys; j++) {
        vary_assignment(&keys[j], values[j], text[j], sizeof text[j]);
        all[n_sets + j].origin = origin;
        all[n_sets + j].text = text[j];
    }
    return scenario_load_files(sc, n_files, files, n_sets + n_keys, all, e);
}

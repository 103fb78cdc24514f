/* keydist: keys with distributions, read from a keys file (see
 * include/wfsim/keydist.h). */
#include "wfsim/keydist.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

static const struct {
    const char *name;
    int n_numbers;
    const char *form;
} kinds[N_KEYDIST_KINDS] = {
    [KEYDIST_UNIFORM] = {"uniform", 2, "uniform LO HI"},
    [KEYDIST_NORMAL] = {"normal", 2, "normal MEAN SD"},
    [KEYDIST_TRIANGULAR] = {"triangular", 3, "triangular LO MODE HI"},
};

#define FORMS "KEY uniform LO HI, KEY normal MEAN SD or KEY triangular LO MODE HI"

const char *keydist_name(enum keydist_kind kind)
{
    return kinds[kind].name;
}

/* A bound in the key's range (and above 0 for a positive key, whole for an
 * integer key when `whole`). */
static int in_range(const char *at, const struct keydist *k, const char *what, double x, int whole,
                    struct error *e)
{
    const struct vary *v = &k->v;
    if (x < v->min || x > v->max)
        return error_set(e, ERROR_INPUT, "%s: %s: %s %g is outside the key's range [%g, %g]", at,
                         v->key, what, x, v->min, v->max);
    if (v->positive && x <= 0)
        return error_set(e, ERROR_INPUT, "%s: %s: %s must be above 0 for this key (got %g)", at,
                         v->key, what, x);
    if (whole && v->type != KEY_DOUBLE && x != floor(x))
        return error_set(e, ERROR_INPUT, "%s: %s: %s: an integer key takes whole numbers (got %g)",
                         at, v->key, what, x);
    return 0;
}

/* The numbers' meaning and the key's least and greatest values. */
static int check(const char *at, struct keydist *k, struct error *e)
{
    const double *p = k->p;
    const char *key = k->v.key;
    switch (k->kind) {
    case KEYDIST_UNIFORM:
        if (!(p[0] < p[1]))
            return error_set(e, ERROR_INPUT, "%s: %s: LO must be below HI (got %g %g)", at, key,
                             p[0], p[1]);
        if (in_range(at, k, "LO", p[0], 1, e) != 0 || in_range(at, k, "HI", p[1], 1, e) != 0)
            return -1;
        k->v.from = p[0];
        k->v.to = p[1];
        return 0;
    case KEYDIST_TRIANGULAR:
        if (!(p[0] < p[2]) || p[1] < p[0] || p[1] > p[2])
            return error_set(e, ERROR_INPUT,
                             "%s: %s: needs LO < HI and LO <= MODE <= HI (got %g %g %g)", at, key,
                             p[0], p[1], p[2]);
        if (in_range(at, k, "LO", p[0], 0, e) != 0 || in_range(at, k, "HI", p[2], 0, e) != 0)
            return -1;
        k->v.from = keydist_value(k, 0);
        k->v.to = keydist_value(k, 1);
        return 0;
    case KEYDIST_NORMAL:
    default:
        if (!(p[1] > 0))
            return error_set(e, ERROR_INPUT, "%s: %s: SD must be above 0 (got %g)", at, key, p[1]);
        if (in_range(at, k, "MEAN", p[0], 0, e) != 0)
            return -1;
        k->cdf_lo = gsl_cdf_ugaussian_P((k->v.min - p[0]) / p[1]);
        k->cdf_hi = gsl_cdf_ugaussian_P((k->v.max - p[0]) / p[1]);
        double cut = 1 - (k->cdf_hi - k->cdf_lo);
        if (cut > KEYDIST_MAX_CUT)
            return error_set(e, ERROR_INPUT,
                             "%s: %s: the key's range [%g, %g] would cut %.1f%% of normal %g %g, "
                             "more than %g%% (a smaller SD, or uniform or triangular)",
                             at, key, k->v.min, k->v.max, 100 * cut, p[0], p[1],
                             100 * KEYDIST_MAX_CUT);
        k->v.from = keydist_value(k, 0);
        k->v.to = keydist_value(k, 1);
        return 0;
    }
}

/* One line's words after the key: the distribution and its numbers. */
static int parse_distribution(const char *at, char *rest, struct keydist *k, struct error *e)
{
    char *save = NULL, *word = strtok_r(rest, " \t", &save);
    char got[KEYDIST_LINE_MAX + 8];
    snprintf(got, sizeof got, "%s", word != NULL ? word : "");
    int kind = 0;
    while (kind < N_KEYDIST_KINDS && (word == NULL || strcmp(word, kinds[kind].name) != 0))
        kind++;
    if (word == NULL)
        return error_set(e, ERROR_INPUT, "%s: %s: no distribution (a line is " FORMS ")", at,
                         k->v.key);
    if (kind == N_KEYDIST_KINDS)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: unknown distribution \"%s\" (a line is " FORMS ")", at, k->v.key,
                         word);
    k->kind = (enum keydist_kind)kind;
    int n = 0, ok = 1;
    for (char *w; (w = strtok_r(NULL, " \t", &save)) != NULL; n++) {
        char *end;
        double x = strtod(w, &end);
        ok = ok && n < kinds[kind].n_numbers && *end == '\0' && isfinite(x);
        if (ok)
            k->p[n] = x;
        size_t used = strlen(got);
        snprintf(got + used, sizeof got - used, " %s", w);
    }
    if (!ok || n != kinds[kind].n_numbers)
        return error_set(e, ERROR_INPUT, "%s: %s: expected %s with numbers (got \"%s\")", at,
                         k->v.key, kinds[kind].form, got);
    return check(at, k, e);
}

static int simulation_key(const char *key)
{
    return strncmp(key, "simulation.", 11) == 0;
}

/* One line without its comment; *n grows when it holds a key. */
static int parse_line(const char *path, int line, char *text, struct keydist *keys, int *n,
                      struct error *e)
{
    char at[4200];
    snprintf(at, sizeof at, "%s:%d", path, line);
    char *save = NULL, *key = strtok_r(text, " \t", &save);
    if (key == NULL)
        return 0;
    struct keydist k;
    memset(&k, 0, sizeof k);
    k.line = line;
    if (vary_key(at, key, &k.v, e) != 0)
        return -1;
    if (simulation_key(key))
        return error_set(e, ERROR_INPUT,
                         "%s: %s: the simulation's keys (seed, replicates, months) cannot vary", at,
                         key);
    for (int i = 0; i < *n; i++)
        if (strcmp(keys[i].v.key, key) == 0)
            return error_set(e, ERROR_INPUT, "%s: %s: given twice (first at line %d)", at, key,
                             keys[i].line);
    if (*n >= VARY_MAX_KEYS)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: at most %d keys (the Sobol' sequence has 2 x %d dimensions)", at,
                         key, VARY_MAX_KEYS, VARY_MAX_KEYS);
    char empty[1] = "";
    if (parse_distribution(at, save != NULL ? save : empty, &k, e) != 0)
        return -1;
    keys[(*n)++] = k;
    return 0;
}

int keydist_read(const char *path, struct keydist *keys, int *n, struct error *e)
{
    *n = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return error_set(e, ERROR_INPUT, "%s: cannot read (%s)", path, strerror(errno));
    char *buf = NULL;
    size_t cap = 0;
    int line = 0, rc = 0;
    for (ssize_t len; rc == 0 && (len = getline(&buf, &cap, f)) >= 0;) {
        line++;
        char *hash = strchr(buf, '#');
        if (hash != NULL)
            *hash = '\0';
        buf[strcspn(buf, "\r\n")] = '\0';
        if (strlen(buf) > KEYDIST_LINE_MAX)
            rc = error_set(e, ERROR_INPUT, "%s:%d: a line is at most %d characters", path, line,
                           KEYDIST_LINE_MAX);
        else
            rc = parse_line(path, line, buf, keys, n, e);
    }
    if (rc == 0 && ferror(f))
        rc = error_set(e, ERROR_INPUT, "%s: cannot read (%s)", path, strerror(errno));
    free(buf);
    fclose(f);
    if (rc == 0 && *n == 0)
        rc = error_set(e, ERROR_INPUT, "%s: no keys (a line is " FORMS ")", path);
    return rc;
}

/* The quantile of the distribution at u, before rounding. */
static double quantile(const struct keydist *k, double u)
{
    const double *p = k->p;
    switch (k->kind) {
    case KEYDIST_UNIFORM:
        if (k->v.type != KEY_DOUBLE) /* each whole value with weight 1 / (HI - LO + 1) */
            return fmin(floor(p[0] + u * (p[1] - p[0] + 1)), p[1]);
        return p[0] + u * (p[1] - p[0]);
    case KEYDIST_TRIANGULAR: {
        double lo = p[0], mode = p[1], hi = p[2], width = hi - lo;
        if (u * width < mode - lo)
            return lo + sqrt(u * width * (mode - lo));
        return hi - sqrt((1 - u) * width * (hi - mode));
    }
    case KEYDIST_NORMAL:
    default: {
        double c = k->cdf_lo + u * (k->cdf_hi - k->cdf_lo);
        if (c <= 0)
            return k->v.min;
        if (c >= 1)
            return k->v.max;
        return p[0] + p[1] * gsl_cdf_ugaussian_Pinv(c);
    }
    }
}

double keydist_value(const struct keydist *k, double u)
{
    double x = vary_round(&k->v, quantile(k, u));
    return x < k->v.min ? k->v.min : x > k->v.max ? k->v.max : x;
}

/* target: targets and the probability of meeting them (see
 * include/wfsim/target.h). */
#include "wfsim/target.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/csv.h"
#include "wfsim/metrics.h"
#include "wfsim/month.h"
#include "wfsim/output.h"

static const char *const measure_names[N_TARGET_MEASURES] = {"at_date", "first_met_by",
                                                             "kept_from"};

const char *target_measure_name(enum target_measure m)
{
    return measure_names[m];
}

/* Copy [from, to) without surrounding spaces into buf; 0, or -1 if empty or
 * too long. */
static int trimmed(const char *from, const char *to, char *buf, size_t size)
{
    while (from < to && isspace((unsigned char)*from))
        from++;
    while (to > from && isspace((unsigned char)to[-1]))
        to--;
    size_t n = (size_t)(to - from);
    if (n == 0 || n >= size)
        return -1;
    memcpy(buf, from, n);
    buf[n] = '\0';
    return 0;
}

/* The shortest %g form of v that reads back as v. */
static void shortest(double v, char *buf, size_t size)
{
    for (int digits = 6; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

int target_parse(const char *origin, const char *text, struct target *t, struct error *e)
{
    memset(t, 0, sizeof *t);
    t->month = -1;
    t->series = -1;
    if (strlen(text) >= sizeof t->text)
        return error_set(e, ERROR_INPUT, "%s: %.60s...: a target is at most %d characters", origin,
                         text, TARGET_TEXT_MAX - 1);
    snprintf(t->origin, sizeof t->origin, "%s", origin);
    const char *le = strstr(text, "<="), *ge = strstr(text, ">="), *at = strchr(text, '@');
    const char *op = le != NULL ? le : ge;
    if (op == NULL || (le != NULL && ge != NULL) || at == NULL || at < op)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: a target is METRIC<=VALUE@DATE or METRIC>=VALUE@DATE, the "
                         "date YYYY-MM or a DfE year YYYY (e.g. vacancy_rate<=0.10@2025-07)",
                         origin, text);
    t->op = op == le ? TARGET_AT_MOST : TARGET_AT_LEAST;
    if (trimmed(text, op, t->metric, sizeof t->metric) != 0)
        return error_set(e, ERROR_INPUT, "%s: %s: no metric before %.2s", origin, text, op);
    char value[64], date[32];
    char *end = NULL;
    if (trimmed(op + 2, at, value, sizeof value) == 0)
        t->value = strtod(value, &end);
    if (end == NULL || *end != '\0' || !isfinite(t->value))
        return error_set(e, ERROR_INPUT, "%s: %s: the value is not a number (got \"%.*s\")", origin,
                         text, (int)(at - op - 2), op + 2);
    if (trimmed(at + 1, at + strlen(at), date, sizeof date) != 0 ||
        month_parse_date(date, &t->month, &t->year) != 0)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: the date is a month YYYY-MM or a DfE year YYYY (got \"%s\")",
                         origin, text, at + 1);
    /* one text for one target (no spaces, the value's shortest form), so a
     * target given twice, or given and declared, is seen as one */
    shortest(t->value, value, sizeof value);
    snprintf(t->text, sizeof t->text, "%s%s%s@%s", t->metric,
             t->op == TARGET_AT_MOST ? "<=" : ">=", value, date);
    return 0;
}

void target_declared(const struct target_params *p, struct target *t)
{
    memset(t, 0, sizeof *t);
    char value[32];
    shortest(p->value, value, sizeof value);
    snprintf(t->text, sizeof t->text, "%.*s%s%s@%s", TARGET_METRIC_MAX - 1, p->metric,
             p->op == TARGET_AT_MOST ? "<=" : ">=", value, p->date);
    snprintf(t->origin, sizeof t->origin, "%.400s: targets.%s", p->origin, p->name);
    snprintf(t->metric, sizeof t->metric, "%s", p->metric);
    t->op = p->op == TARGET_AT_MOST ? TARGET_AT_MOST : TARGET_AT_LEAST;
    t->value = p->value;
    t->series = -1;
    if (month_parse_date(p->date, &t->month, &t->year) != 0) { /* the loader checked it */
        t->month = -1;
        t->year = 0;
    }
}

static int listed(const struct target_list *l, const char *text)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->t[i].text, text) == 0)
            return 1;
    return 0;
}

static int too_many(const char *origin, const char *text, struct error *e)
{
    return error_set(e, ERROR_INPUT, "%s: %s: a run has at most %d targets", origin, text,
                     TARGET_MAX);
}

int target_list_add(struct target_list *l, const struct scenario *sc, const char *origin, int n,
                    const char *const *texts, struct error *e)
{
    struct target t;
    for (int i = 0; i < sc->n_targets; i++) {
        target_declared(&sc->target[i], &t);
        if (listed(l, t.text))
            continue;
        if (l->n >= TARGET_MAX)
            return too_many(t.origin, t.text, e);
        l->t[l->n++] = t;
    }
    for (int i = 0; i < n; i++) {
        if (target_parse(origin, texts[i], &t, e) != 0)
            return -1;
        if (listed(l, t.text))
            continue;
        if (l->n >= TARGET_MAX)
            return too_many(origin, texts[i], e);
        l->t[l->n++] = t;
    }
    return target_list_resolve(l, sc, e);
}

int target_list_resolve(struct target_list *l, const struct scenario *sc, struct error *e)
{
    for (int i = 0; i < l->n; i++)
        if (target_resolve(l->t[i].origin, &l->t[i], sc, e) != 0)
            return -1;
    return 0;
}

/* TARGET_YEAR_MEAN or TARGET_YEAR_MAX when the metric ends so (its series'
 * name then without the ending in base), else TARGET_VALUE. */
static int spread_of(const char *metric, char *base, size_t size)
{
    static const char *const ending[] = {OUTPUT_YEAR_MEAN, OUTPUT_YEAR_MAX};
    size_t n = strlen(metric);
    snprintf(base, size, "%s", metric);
    for (int i = 0; i < 2; i++) {
        size_t len = strlen(ending[i]);
        if (n > len && strcmp(metric + n - len, ending[i]) == 0) {
            base[n - len < size ? n - len : size - 1] = '\0';
            return i == 0 ? TARGET_YEAR_MEAN : TARGET_YEAR_MAX;
        }
    }
    return TARGET_VALUE;
}

int target_resolve(const char *origin, struct target *t, const struct scenario *sc, struct error *e)
{
    t->series = -1;
    char metric[TARGET_METRIC_MAX];
    t->spread = spread_of(t->metric, metric, sizeof metric);
    int n = metrics_total_series(sc);
    for (int s = 0; s < n && t->series < 0; s++) {
        char name[TARGET_METRIC_MAX + 32];
        if (!metrics_written(sc, s))
            continue;
        metrics_series_name(sc, s, name, sizeof name);
        if (strcmp(name, metric) == 0)
            t->series = s;
    }
    if (t->series >= 0 && t->spread != TARGET_VALUE &&
        metrics_table()[metrics_metric_of(sc, t->series)].annual != ANNUAL_END)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: %s is summed or averaged over the year already; only a stock "
                         "or rate valued at 30 September has a year mean or maximum",
                         origin, t->text, metric);
    if (t->spread != TARGET_VALUE && t->month >= 0)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: a year mean or maximum is dated by a DfE year YYYY, not a month",
                         origin, t->text);
    if (t->series < 0)
        return error_set(e, ERROR_INPUT,
                         "%s: %s: %s is not a metric of scenario %s (wfsim metrics lists them; "
                         "grades add .<grade>)",
                         origin, t->text, t->metric, sc->name);
    char first[16], last[16];
    month_format(sc->start_month, first, sizeof first);
    month_format(sc->start_month + sc->months, last, sizeof last);
    if (t->month >= 0) {
        t->index = t->month - sc->start_month;
        if (t->index < 0 || t->index > sc->months)
            return error_set(e, ERROR_INPUT, "%s: %s: the date is outside the horizon (%s to %s)",
                             origin, t->text, first, last);
        return 0;
    }
    struct run_store years;
    engine_find_years(sc, &years);
    for (int y = 0; y < years.n_years; y++)
        if (years.year[y] == t->year) {
            t->index = y;
            return 0;
        }
    return error_set(e, ERROR_INPUT,
                     "%s: %s: %d is not a complete DfE year (October to September) of the "
                     "horizon (%s to %s)",
                     origin, t->text, t->year, first, last);
}

static int holds(const struct target *t, float v)
{
    /* compared in the store's precision: 0.10 is the float nearest 0.1 */
    float bound = (float)t->value;
    return !isnan(v) && (t->op == TARGET_AT_MOST ? v <= bound : v >= bound);
}

/* The target's value in replicate k at month or year i: the month-end, the
 * year's figure, or its mean or largest month-end (as annual.csv's
 * NAME.year_mean and NAME.year_max: floats summed in double). */
static float value_at(const struct target *t, const struct run_store *st, int k, int i)
{
    if (t->month >= 0)
        return engine_monthly(st, k, t->series)[i];
    if (t->spread == TARGET_VALUE)
        return engine_annual(st, k, t->series)[i];
    float mean, max;
    engine_year_spread(st, k, t->series, i, &mean, &max);
    return t->spread == TARGET_YEAR_MEAN ? mean : max;
}

void target_outcomes(const struct target *t, const struct run_store *st, int k,
                     int met[N_TARGET_MEASURES])
{
    int n = t->month >= 0 ? st->months : st->n_years;
    met[TARGET_AT_DATE] = holds(t, value_at(t, st, k, t->index));
    met[TARGET_FIRST_MET_BY] = 0;
    for (int i = 0; i <= t->index && !met[TARGET_FIRST_MET_BY]; i++)
        met[TARGET_FIRST_MET_BY] = holds(t, value_at(t, st, k, i));
    met[TARGET_KEPT_FROM] = 1;
    for (int i = t->index; i < n && met[TARGET_KEPT_FROM]; i++)
        met[TARGET_KEPT_FROM] = holds(t, value_at(t, st, k, i));
}

void target_estimate_paired(const struct target *t, const struct run_store *st,
                            const struct target *tb, const struct run_store *base,
                            struct target_estimate *out)
{
    int R = st->replicates;
    double sum[N_TARGET_MEASURES] = {0}, sum2[N_TARGET_MEASURES] = {0};
    for (int k = 0; k < R; k++) {
        int met[N_TARGET_MEASURES], was[N_TARGET_MEASURES] = {0};
        target_outcomes(t, st, k, met);
        if (base != NULL)
            target_outcomes(tb, base, k, was);
        for (int m = 0; m < N_TARGET_MEASURES; m++) {
            double d = met[m] - was[m];
            sum[m] += d;
            sum2[m] += d * d;
        }
    }
    for (int m = 0; m < N_TARGET_MEASURES; m++) {
        double mean = sum[m] / R;
        out->p[m] = mean;
        /* a probability's se is sqrt(p (1 - p) / R); a paired difference's
         * is its sample sd over sqrt(R) */
        double var = base == NULL ? mean * (1 - mean)
                     : R > 1      ? (sum2[m] - sum[m] * mean) / (R - 1)
                                  : NAN;
        out->se[m] = var > 0 ? sqrt(var / R) : var == 0 ? 0 : NAN;
    }
}

void target_estimate(const struct target *t, const struct run_store *st,
                     const struct run_store *base, struct target_estimate *out)
{
    target_estimate_paired(t, st, t, base, out);
}

void target_write_rows(FILE *f, const char *scenario, const struct target *t,
                       const struct run_store *st, const struct target *tb,
                       const struct run_store *base)
{
    struct target_estimate p, d;
    target_estimate(t, st, NULL, &p);
    if (base != NULL)
        target_estimate_paired(t, st, tb, base, &d);
    for (int m = 0; m < N_TARGET_MEASURES; m++) {
        fprintf(f, "%s,", scenario);
        csv_quote(f, t->text);
        fprintf(f, ",%s", measure_names[m]);
        csv_number(f, p.p[m]);
        csv_number(f, p.se[m]);
        csv_number(f, base != NULL ? d.p[m] : NAN);
        csv_number(f, base != NULL ? d.se[m] : NAN);
        fputc('\n', f);
    }
}

int target_add_file(struct bundle *b, const struct scenario *sc, void *ctx, struct error *e)
{
    const struct target_run *run = ctx;
    FILE *f = bundle_file(b, TARGET_FILE, e);
    if (f == NULL)
        return -1;
    fputs(TARGET_HEADER "\n", f);
    for (int i = 0; i < run->list->n; i++)
        target_write_rows(f, sc->name, &run->list->t[i], run->st, NULL, NULL);
    return 0;
}

/* sweep: a scenario over the values of its keys (see include/wfsim/sweep.h). */
#include "wfsim/sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/csv.h"
#include "wfsim/metrics.h"
#include "wfsim/scenario_write.h"
#include "base/stats.h"

/* The metrics of sweep.csv when none is chosen, then those added when the
 * scenario has case types. */
static const char *const default_metrics[] = {"vacancy_rate", "agency_rate", "turnover_rate",
                                              "cost_total_npv_cum"};
static const char *const case_metrics[] = {"caseload", "cases_3plus_workers_12m_share"};
#define N_DEFAULT ((int)(sizeof default_metrics / sizeof default_metrics[0]))
#define N_CASE ((int)(sizeof case_metrics / sizeof case_metrics[0]))

static const struct {
    const char *metric;
    int id;
    int third_year; /* 1: at the third DfE year (the last if fewer), 0: the last */
} outcomes[N_SWEEP_OUTCOMES] = {
    [SWEEP_VACANCY] = {"vacancy_rate", M_VACANCY_RATE, 1},
    [SWEEP_NPV] = {"cost_total_npv_cum", M_COST_TOTAL_NPV_CUM, 0},
    [SWEEP_CASES_3PLUS] = {"cases_3plus_workers_12m_share", M_CASES_3PLUS_WORKERS_12M_SHARE, 0},
};

/* Keys every point shares, so that the points are paired and comparable. */
static const char *const shared_keys[] = {"simulation.seed", "simulation.replicates",
                                          "simulation.months"};

const char *sweep_outcome_metric(enum sweep_outcome o)
{
    return outcomes[o].metric;
}

int sweep_outcome_year(const char *metric, int n_years)
{
    for (int o = 0; o < N_SWEEP_OUTCOMES; o++)
        if (outcomes[o].third_year && strcmp(metric, outcomes[o].metric) == 0)
            return n_years > 3 ? 2 : n_years - 1;
    return n_years - 1;
}

int sweep_parse_keys(int n, const char *const *texts, struct vary *keys, struct error *e)
{
    if (n < 1 || n > VARY_MAX_KEYS)
        return error_set(e, ERROR_INPUT, "--vary: a sweep varies 1 to %d keys (got %d)",
                         VARY_MAX_KEYS, n);
    for (int i = 0; i < n; i++) {
        if (vary_parse("--vary", texts[i], 1, &keys[i], e) != 0)
            return -1;
        for (size_t s = 0; s < sizeof shared_keys / sizeof shared_keys[0]; s++)
            if (strcmp(keys[i].key, shared_keys[s]) == 0)
                return error_set(e, ERROR_INPUT,
                                 "--vary: %s: every point of a sweep has the same seed, "
                                 "replicates and months (vary another key)",
                                 keys[i].key);
        for (int j = 0; j < i; j++)
            if (strcmp(keys[i].key, keys[j].key) == 0)
                return error_set(e, ERROR_INPUT, "--vary: %s: varied twice", keys[i].key);
    }
    return 0;
}

long sweep_count_points(int n_keys, const struct vary *keys, int grid, struct error *e)
{
    long n = 1;
    for (int j = 0; j < n_keys; j++) {
        if (!grid) {
            n += keys[j].steps;
            continue;
        }
        n *= keys[j].steps;
        if (n > SWEEP_MAX_POINTS) {
            char steps[VARY_MAX_KEYS * 8] = "";
            for (int i = 0, used = 0; i < n_keys; i++)
                used += snprintf(steps + used, sizeof steps - (size_t)used, "%s%d", i ? " x " : "",
                                 keys[i].steps);
            return error_set(e, ERROR_INPUT,
                             "--grid: %s steps make more than %d points (use fewer steps, or "
                             "--one-at-a-time)",
                             steps, SWEEP_MAX_POINTS);
        }
    }
    return n;
}

/* The first point of key j in a one-at-a-time sweep (point 0 is the base). */
static int first_point(const struct vary *keys, int j)
{
    int p = 1;
    for (int i = 0; i < j; i++)
        p += keys[i].steps;
    return p;
}

void sweep_tornado_bars(int n_keys, const struct vary *keys, const double *mean,
                        struct sweep_bar *bars)
{
    for (int j = 0; j < n_keys; j++) {
        int first = first_point(keys, j), last = first + keys[j].steps - 1;
        int rising = keys[j].from <= keys[j].to;
        int lo = rising ? first : last, hi = rising ? last : first;
        bars[j] = (struct sweep_bar){j,
                                     fmin(keys[j].from, keys[j].to),
                                     fmax(keys[j].from, keys[j].to),
                                     mean[lo],
                                     mean[0],
                                     mean[hi]};
    }
    /* insertion sort: stable, and there are at most VARY_MAX_KEYS bars */
    for (int i = 1; i < n_keys; i++) {
        struct sweep_bar b = bars[i];
        double swing = fabs(b.at_high - b.at_low);
        int k = i;
        while (k > 0 && fabs(bars[k - 1].at_high - bars[k - 1].at_low) < swing) {
            bars[k] = bars[k - 1];
            k--;
        }
        bars[k] = b;
    }
}

/* --- the points ------------------------------------------------------------ */

struct sweep {
    const struct sweep_request *rq;
    long n_points;
    struct scenario *base, *sc;
    int n_metrics;
    const char *metric[SWEEP_MAX_METRICS];
    int series[SWEEP_MAX_METRICS];
    double base_value[VARY_MAX_KEYS];
    double value[VARY_MAX_KEYS]; /* the point's value of each key, as loaded */
    double *outcome_mean;        /* [point][outcome] */
    struct stats_workspace *w;
    struct bundle *b;
    FILE *table, *points, *tornado;
};

/* The keys assigned at point p and their values; returns how many. */
static int point_keys(const struct sweep *s, long p, struct vary *keys, double *values)
{
    const struct sweep_request *rq = s->rq;
    if (!rq->grid) {
        for (int j = 0; p > 0 && j < rq->n_keys; j++) {
            int first = first_point(rq->keys, j);
            if (p < first + rq->keys[j].steps) {
                keys[0] = rq->keys[j];
                values[0] = vary_point(&rq->keys[j], (int)(p - first));
                return 1;
            }
        }
        return 0;
    }
    long rest = p;
    for (int j = rq->n_keys - 1; j >= 0; j--) { /* the first key slowest */
        keys[j] = rq->keys[j];
        values[j] = vary_point(&rq->keys[j], (int)(rest % rq->keys[j].steps));
        rest /= rq->keys[j].steps;
    }
    return rq->n_keys;
}

static void put_value(FILE *f, double v)
{
    char text[40];
    vary_value_text(v, text, sizeof text);
    fprintf(f, ",%s", text);
}

/* The series of each chosen (or default) metric in the base scenario. */
static int resolve_metrics(struct sweep *s, struct error *e)
{
    const struct sweep_request *rq = s->rq;
    s->n_metrics = 0;
    if (rq->n_metrics > SWEEP_MAX_METRICS)
        return error_set(e, ERROR_INPUT, "--metric: at most %d metrics (got %d)", SWEEP_MAX_METRICS,
                         rq->n_metrics);
    for (int i = 0; i < rq->n_metrics; i++)
        s->metric[s->n_metrics++] = rq->metrics[i];
    for (int i = 0; rq->n_metrics == 0 && i < N_DEFAULT; i++)
        s->metric[s->n_metrics++] = default_metrics[i];
    for (int i = 0; rq->n_metrics == 0 && s->base->n_case_types > 0 && i < N_CASE; i++)
        s->metric[s->n_metrics++] = case_metrics[i];
    int n = metrics_total_series(s->base);
    for (int i = 0; i < s->n_metrics; i++) {
        s->series[i] = -1;
        for (int k = 0; k < n && s->series[i] < 0; k++) {
            char name[200];
            if (!metrics_written(s->base, k))
                continue;
            metrics_series_name(s->base, k, name, sizeof name);
            if (strcmp(name, s->metric[i]) == 0)
                s->series[i] = k;
        }
        if (s->series[i] < 0)
            return error_set(e, ERROR_INPUT,
                             "--metric: %s: not a metric of scenario %s (wfsim metrics lists "
                             "them; grades add .<grade>)",
                             s->metric[i], s->base->name);
    }
    return 0;
}

/* The base scenario, its value of each key, the metrics and the horizon. */
static int prepare(struct sweep *s, struct error *e)
{
    const struct sweep_request *rq = s->rq;
    if (vary_load(s->base, rq->n_files, rq->files, rq->n_sets, rq->sets, 0, NULL, NULL, e) != 0)
        return -1;
    for (int j = 0; j < rq->n_keys; j++)
        if (scenario_keys_number(s->base, rq->keys[j].key, &s->base_value[j]) != 0)
            return error_set(e, ERROR_INPUT,
                             "--vary: %s: scenario %s has no such entry (a named entry must be "
                             "in the files)",
                             rq->keys[j].key, s->base->name);
    struct run_store years;
    engine_find_years(s->base, &years);
    if (years.n_years == 0)
        return error_set(e, ERROR_INPUT,
                         "%s: simulation.months: a sweep needs at least one complete DfE year "
                         "(October to September) in the horizon (got %d)",
                         rq->files[rq->n_files - 1], s->base->months);
    return resolve_metrics(s, e);
}

/* One summary of sweep.csv: (series, year) over the store's replicates. */
static void summarise(const struct run_store *st, int series, int y, struct stats_workspace *w,
                      struct summary *out)
{
    stats_summarise(engine_annual(st, 0, series) + y, (size_t)st->n_series * (size_t)st->n_years,
                    (size_t)st->replicates, w, out);
}

static void write_rows(struct sweep *s, long p, const struct run_store *st)
{
    for (int i = 0; i < s->n_metrics; i++)
        for (int y = 0; y < st->n_years; y++) {
            struct summary sum;
            summarise(st, s->series[i], y, s->w, &sum);
            fprintf(s->table, "%ld", p);
            for (int j = 0; j < s->rq->n_keys; j++)
                put_value(s->table, s->value[j]);
            fprintf(s->table, ",%s,%d", s->metric[i], st->year[y]);
            /* as annual.csv writes its cells (summary_write_csv) */
            csv_number(s->table, sum.n > 0 ? sum.mean : NAN);
            csv_number(s->table, sum.n > 0 ? sum.sd : NAN);
            csv_number(s->table, sum.n > 0 ? sum.q[0] : NAN);
            csv_number(s->table, sum.n > 0 ? sum.q[2] : NAN);
            csv_number(s->table, sum.n > 0 ? sum.q[4] : NAN);
            fputc('\n', s->table);
        }
    for (int o = 0; o < N_SWEEP_OUTCOMES; o++) {
        double *mean = &s->outcome_mean[p * N_SWEEP_OUTCOMES + o];
        *mean = NAN;
        if (metrics_table()[outcomes[o].id].caseload && s->sc->n_case_types == 0)
            continue;
        struct summary sum;
        int y = sweep_outcome_year(outcomes[o].metric, st->n_years);
        summarise(st, metrics_series(outcomes[o].id, 0, s->sc->n_grades), y, s->w, &sum);
        *mean = sum.n > 0 ? sum.mean : NAN;
    }
}

static void write_point(struct sweep *s, long p, int n, const struct vary *keys,
                        const double *values)
{
    fprintf(s->points, "%ld", p);
    for (int j = 0; j < s->rq->n_keys; j++)
        put_value(s->points, s->value[j]);
    fputs(",\"", s->points);
    for (int j = 0; j < n; j++) {
        char text[VARY_ASSIGNMENT_MAX];
        vary_assignment(&keys[j], values[j], text, sizeof text);
        fprintf(s->points, "%s%s", j ? " " : "", text);
    }
    fputs("\"\n", s->points);
}

static int run_point(struct sweep *s, long p, struct error *e)
{
    const struct sweep_request *rq = s->rq;
    struct vary keys[VARY_MAX_KEYS];
    double values[VARY_MAX_KEYS];
    int n = point_keys(s, p, keys, values);
    if (vary_load(s->sc, rq->n_files, rq->files, rq->n_sets, rq->sets, n, keys, values, e) != 0)
        return -1;
    for (int j = 0; j < rq->n_keys; j++)
        if (scenario_keys_number(s->sc, rq->keys[j].key, &s->value[j]) != 0)
            s->value[j] = NAN;
    struct engine_progress_part part = {rq->progress, rq->progress_ctx, p, s->n_points};
    struct run_store st;
    if (engine_run(s->sc, rq->threads, rq->progress != NULL ? engine_progress_part : NULL, &part,
                   &st, e) != 0)
        return -1;
    write_point(s, p, n, keys, values);
    write_rows(s, p, &st);
    engine_store_destroy(&st);
    return 0;
}

/* tornado.csv: each key's bars for each outcome the scenario has. */
static void write_tornado(struct sweep *s)
{
    const struct sweep_request *rq = s->rq;
    struct run_store years;
    engine_find_years(s->base, &years);
    fputs(SWEEP_TORNADO_HEADER "\n", s->tornado);
    double *mean = malloc((size_t)s->n_points * sizeof *mean);
    for (int o = 0; mean != NULL && o < N_SWEEP_OUTCOMES; o++) {
        if (isnan(s->outcome_mean[o]))
            continue; /* the base has no such outcome (no case types) */
        for (long p = 0; p < s->n_points; p++)
            mean[p] = s->outcome_mean[p * N_SWEEP_OUTCOMES + o];
        struct sweep_bar bars[VARY_MAX_KEYS];
        sweep_tornado_bars(rq->n_keys, rq->keys, mean, bars);
        int year = years.year[sweep_outcome_year(outcomes[o].metric, years.n_years)];
        for (int i = 0; i < rq->n_keys; i++) {
            fprintf(s->tornado, "%s,%s,%d", rq->keys[bars[i].key].key, outcomes[o].metric, year);
            put_value(s->tornado, bars[i].low_value);
            put_value(s->tornado, bars[i].high_value);
            csv_number(s->tornado, bars[i].at_low);
            csv_number(s->tornado, bars[i].at_base);
            csv_number(s->tornado, bars[i].at_high);
            fputc('\n', s->tornado);
        }
    }
    free(mean);
}

static int open_outputs(struct sweep *s, const char *dir, struct error *e)
{
    const struct sweep_request *rq = s->rq;
    if ((s->b = bundle_alloc(dir, e)) == NULL)
        return -1;
    FILE *cfg = bundle_file(s->b, "scenario.cfg", e);
    s->table = cfg != NULL ? bundle_file(s->b, SWEEP_CSV, e) : NULL;
    s->points = s->table != NULL ? bundle_file(s->b, SWEEP_POINTS_CSV, e) : NULL;
    s->tornado = s->points != NULL && !rq->grid ? bundle_file(s->b, SWEEP_TORNADO_CSV, e) : NULL;
    if (s->points == NULL || (!rq->grid && s->tornado == NULL))
        return -1;
    if (scenario_write(s->base, cfg) != 0)
        return error_set(e, ERROR_RUNTIME, "cannot format the resolved scenario");
    FILE *head[2] = {s->table, s->points};
    for (int h = 0; h < 2; h++) {
        fputs("point", head[h]);
        for (int j = 0; j < rq->n_keys; j++)
            fprintf(head[h], ",%s", rq->keys[j].key);
        fputs(h == 0 ? "," SWEEP_TAIL_HEADER "\n" : ",assignments\n", head[h]);
    }
    return 0;
}

static int commit(struct sweep *s, struct error *e)
{
    const struct sweep_request *rq = s->rq;
    int rc = bundle_note(s->b, BUNDLE_HEAD, e, "sweep: %s, %ld points",
                         rq->grid ? "grid" : "one at a time (point 0 the base)", s->n_points);
    for (int j = 0; rc == 0 && j < rq->n_keys; j++) {
        char base[40], from[40], to[40];
        vary_value_text(s->base_value[j], base, sizeof base);
        vary_value_text(rq->keys[j].from, from, sizeof from);
        vary_value_text(rq->keys[j].to, to, sizeof to);
        rc = bundle_note(s->b, BUNDLE_HEAD, e, "vary: %s=%s:%s:%d (base %s)", rq->keys[j].key, from,
                         to, rq->keys[j].steps, base);
    }
    for (int i = 0; rc == 0 && i < s->n_metrics; i++)
        rc = bundle_note(s->b, BUNDLE_HEAD, e, "metric: %s", s->metric[i]);
    if (rc != 0)
        return -1;
    struct bundle_provenance p = {
        rq->command_line,
        s->base->name,
        s->base->seed,
        s->base->replicates,
        NULL,
        "streams and counter-based splitmix64 (as wfsim run); replicate k shares its random "
        "numbers across every point",
        NULL,
        bundle_hash(s->b, "scenario.cfg"),
        "scenario.cfg"};
    return bundle_commit(s->b, &p, e);
}

int sweep_run(const struct sweep_request *rq, struct error *e)
{
    struct sweep s = {.rq = rq};
    s.n_points = sweep_count_points(rq->n_keys, rq->keys, rq->grid, e);
    if (s.n_points < 0)
        return -1;
    s.base = malloc(sizeof *s.base);
    s.sc = malloc(sizeof *s.sc);
    int rc = s.base != NULL && s.sc != NULL ? 0 : error_set(e, ERROR_RUNTIME, "out of memory");
    if (rc == 0)
        rc = prepare(&s, e);
    char dir[4096];
    if (rc == 0) {
        if (rq->out_dir != NULL)
            snprintf(dir, sizeof dir, "%s", rq->out_dir);
        else
            snprintf(dir, sizeof dir, "results/sweep_%s", s.base->name);
        rc = bundle_check(dir, e);
    }
    if (rc == 0) {
        s.outcome_mean = malloc((size_t)s.n_points * N_SWEEP_OUTCOMES * sizeof *s.outcome_mean);
        s.w = stats_workspace_alloc((size_t)s.base->replicates);
        if (s.outcome_mean == NULL || s.w == NULL)
            rc = error_set(e, ERROR_RUNTIME, "out of memory");
    }
    if (rc == 0)
        rc = open_outputs(&s, dir, e);
    if (rc == 0)
        bundle_set_extra(s.b, rq->extra, s.base);
    for (long p = 0; rc == 0 && p < s.n_points; p++)
        rc = run_point(&s, p, e);
    if (rc == 0 && !rq->grid)
        write_tornado(&s);
    if (rc == 0)
        rc = commit(&s, e);
    bundle_free(s.b);
    stats_workspace_free(s.w);
    free(s.outcome_mean);
    free(s.base);
    free(s.sc);
    return rc;
}

/* sensitivity: Sobol' indices by Saltelli sampling (see
 * include/wfsim/sensitivity.h). */
#include "wfsim/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "wfsim/bundle.h"
#include "wfsim/csv.h"
#include "wfsim/metrics.h"
#include "wfsim/scenario_keys.h"
#include "wfsim/scenario_write.h"
#include "wfsim/vary.h"
#include "base/rng.h"

static const char *const default_metrics[] = {"vacancy_rate", "agency_rate", "turnover_rate",
                                              "cost_total_npv_cum"};
static const char *const case_metrics[] = {"caseload", "cases_3plus_workers_12m_share"};
#define N_DEFAULT_METRICS ((int)(sizeof default_metrics / sizeof default_metrics[0]))
#define N_CASE_METRICS ((int)(sizeof case_metrics / sizeof case_metrics[0]))

/* The series a metric name (as in timeseries.csv) names in sc, or -1. */
static int find_series(const struct scenario *sc, const char *name)
{
    int n = metrics_total_series(sc);
    for (int s = 0; s < n; s++) {
        char buf[SENSITIVITY_METRIC_MAX + 32];
        metrics_series_name(sc, s, buf, sizeof buf);
        if (metrics_written(sc, s) && strcmp(buf, name) == 0)
            return s;
    }
    return -1;
}

static int add_metric(struct sensitivity *s, const char *name, struct error *e)
{
    if (s->n_metrics >= SENSITIVITY_MAX_METRICS)
        return error_set(e, ERROR_INPUT, "--metric: %s: at most %d metrics", name,
                         SENSITIVITY_MAX_METRICS);
    for (int m = 0; m < s->n_metrics; m++)
        if (strcmp(s->metric[m], name) == 0)
            return error_set(e, ERROR_INPUT, "--metric: %s: given twice", name);
    int series = find_series(s->base, name);
    if (series < 0 || strlen(name) >= SENSITIVITY_METRIC_MAX)
        return error_set(e, ERROR_INPUT,
                         "--metric: %s: not a metric of scenario %s (wfsim metrics lists them; "
                         "grades add .<grade>)",
                         name, s->base->name);
    snprintf(s->metric[s->n_metrics], SENSITIVITY_METRIC_MAX, "%s", name);
    s->series[s->n_metrics++] = series;
    return 0;
}

static int choose_metrics(struct sensitivity *s, struct error *e)
{
    const struct sensitivity_request *rq = s->rq;
    for (int m = 0; m < rq->n_metrics; m++)
        if (add_metric(s, rq->metrics[m], e) != 0)
            return -1;
    for (int m = 0; rq->n_metrics == 0 && m < N_DEFAULT_METRICS; m++)
        if (add_metric(s, default_metrics[m], e) != 0)
            return -1;
    for (int m = 0; rq->n_metrics == 0 && s->base->n_case_types > 0 && m < N_CASE_METRICS; m++)
        if (add_metric(s, case_metrics[m], e) != 0)
            return -1;
    return 0;
}

static double *value_at(const struct sensitivity *s, int ev)
{
    return s->values + (size_t)ev * (size_t)s->n_keys;
}

static double outcome_at(const struct sensitivity *s, int ev, int m, int y)
{
    return s
        ->outcome[((size_t)ev * (size_t)s->n_metrics + (size_t)m) * (size_t)s->n_years + (size_t)y];
}

/* The key values of every evaluation: row j of A and B from point j of the
 * 2d-dimensional Sobol' sequence, then A_B^i. */
static int draw(struct sensitivity *s, struct error *e)
{
    int d = s->n_keys, N = s->samples;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * d));
    if (q == NULL)
        return error_set(e, ERROR_RUNTIME, "cannot start a Sobol' sequence of %d dimensions",
                         2 * d);
    double u[2 * VARY_MAX_KEYS];
    for (int j = 0; j < N; j++) {
        gsl_qrng_get(q, u);
        double *a = value_at(s, j), *b = value_at(s, N + j);
        for (int i = 0; i < d; i++) {
            a[i] = keydist_value(&s->key[i], u[i]);
            b[i] = keydist_value(&s->key[i], u[d + i]);
        }
        for (int i = 0; i < d; i++) {
            double *ab = value_at(s, (2 + i) * N + j);
            memcpy(ab, a, (size_t)d * sizeof *ab);
            ab[i] = b[i];
        }
    }
    gsl_qrng_free(q);
    return 0;
}

/* The scenario at values, with an evaluation's error said as where it came
 * from (`what`). */
static int load_at(const struct sensitivity *s, struct scenario *sc, const double *values,
                   const char *what, struct error *e)
{
    const struct sensitivity_request *rq = s->rq;
    struct vary v[VARY_MAX_KEYS];
    for (int i = 0; i < s->n_keys; i++)
        v[i] = s->key[i].v;
    struct error e2 = {ERROR_NONE, ""};
    if (vary_load(sc, rq->n_files, rq->files, rq->n_sets, rq->sets, s->n_keys, v, values, &e2) == 0)
        return 0;
    return error_set(e, e2.kind, "%s: %s: %s", rq->keys_path, what, e2.msg);
}

/* Every key's entry is in the scenario, and the scenario loads with every
 * key at its least sampled value and at its greatest. */
static int check_keys(struct sensitivity *s, struct error *e)
{
    double lo[VARY_MAX_KEYS], hi[VARY_MAX_KEYS], base_value;
    for (int i = 0; i < s->n_keys; i++) {
        if (scenario_keys_number(s->base, s->key[i].v.key, &base_value) != 0)
            return error_set(e, ERROR_INPUT, "%s:%d: %s: scenario %s has no such entry",
                             s->rq->keys_path, s->key[i].line, s->key[i].v.key, s->base->name);
        lo[i] = hi[i] = value_at(s, 0)[i];
        for (int ev = 1; ev < s->n_evaluations; ev++) {
            lo[i] = fmin(lo[i], value_at(s, ev)[i]);
            hi[i] = fmax(hi[i], value_at(s, ev)[i]);
        }
    }
    struct scenario *sc = malloc(sizeof *sc);
    if (sc == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    int rc = load_at(s, sc, lo, "with every key at its least sampled value", e);
    if (rc == 0)
        rc = load_at(s, sc, hi, "with every key at its greatest sampled value", e);
    free(sc);
    return rc;
}

struct sensitivity *sensitivity_alloc(const struct sensitivity_request *rq, struct error *e)
{
    if (rq->samples < 1 || rq->samples > SENSITIVITY_MAX_SAMPLES || rq->bootstrap < 0 ||
        rq->bootstrap > SENSITIVITY_MAX_BOOTSTRAP) {
        error_set(e, ERROR_INPUT, "sensitivity: samples in [1, %d] and bootstrap in [0, %d]",
                  SENSITIVITY_MAX_SAMPLES, SENSITIVITY_MAX_BOOTSTRAP);
        return NULL;
    }
    struct sensitivity *s = calloc(1, sizeof *s);
    if (s == NULL || (s->base = malloc(sizeof *s->base)) == NULL) {
        free(s);
        error_set(e, ERROR_RUNTIME, "out of memory");
        return NULL;
    }
    s->rq = rq;
    s->samples = rq->samples;
    int rc = keydist_read(rq->keys_path, s->key, &s->n_keys, e);
    if (rc == 0)
        rc = scenario_load_files(s->base, rq->n_files, rq->files, rq->n_sets, rq->sets, e);
    if (rc == 0)
        rc = choose_metrics(s, e);
    struct run_store years;
    if (rc == 0) {
        engine_find_years(s->base, &years);
        s->n_years = years.n_years;
        memcpy(s->year, years.year, sizeof s->year);
        if (s->n_years == 0)
            rc = error_set(e, ERROR_INPUT,
                           "%s: simulation.months: the horizon has no complete DfE year "
                           "(October to September) to take outcomes from (got %d)",
                           rq->files[rq->n_files - 1], s->base->months);
    }
    if (rc == 0) {
        s->n_evaluations = s->samples * (s->n_keys + 2);
        size_t n_ev = (size_t)s->n_evaluations, n_my = (size_t)s->n_metrics * (size_t)s->n_years;
        s->values = malloc(n_ev * (size_t)s->n_keys * sizeof *s->values);
        s->outcome = malloc(n_ev * n_my * sizeof *s->outcome);
        s->mean = malloc(n_my * sizeof *s->mean);
        s->sd = malloc(n_my * sizeof *s->sd);
        s->index = malloc(n_my * (size_t)s->n_keys * sizeof *s->index);
        if (s->values == NULL || s->outcome == NULL || s->mean == NULL || s->sd == NULL ||
            s->index == NULL)
            rc = error_set(e, ERROR_RUNTIME, "out of memory for %d evaluations", s->n_evaluations);
    }
    if (rc == 0)
        rc = draw(s, e);
    if (rc == 0)
        rc = check_keys(s, e);
    if (rc != 0) {
        sensitivity_free(s);
        return NULL;
    }
    return s;
}

void sensitivity_free(struct sensitivity *s)
{
    if (s == NULL)
        return;
    free(s->base);
    free(s->values);
    free(s->outcome);
    free(s->mean);
    free(s->sd);
    free(s->index);
    free(s);
}

/* --- evaluations -------------------------------------------------------------- */

struct eval_progress {
    const struct sensitivity *s;
    int ev;
};

static void eval_progress(void *ctx, long done, long total)
{
    const struct eval_progress *p = ctx;
    const struct sensitivity_request *rq = p->s->rq;
    rq->progress(rq->progress_ctx, p->ev * total + done, p->s->n_evaluations * total);
}

/* The outcomes of evaluation ev from its run: each metric's annual figure,
 * the mean over the replicates where it is defined. */
static void take_outcomes(struct sensitivity *s, int ev, const struct run_store *st)
{
    for (int m = 0; m < s->n_metrics; m++)
        for (int y = 0; y < s->n_years; y++) {
            double sum = 0;
            int n = 0;
            for (int k = 0; k < st->replicates; k++) {
                float v = engine_annual(st, k, s->series[m])[y];
                if (!isnan(v)) {
                    sum += v;
                    n++;
                }
            }
            s->outcome[((size_t)ev * (size_t)s->n_metrics + (size_t)m) * (size_t)s->n_years +
                       (size_t)y] = n > 0 ? sum / n : NAN;
        }
}

static int evaluate(struct sensitivity *s, struct scenario *sc, struct error *e)
{
    const struct sensitivity_request *rq = s->rq;
    for (int ev = 0; ev < s->n_evaluations; ev++) {
        char what[64];
        snprintf(what, sizeof what, "evaluation %d of %d", ev + 1, s->n_evaluations);
        if (load_at(s, sc, value_at(s, ev), what, e) != 0)
            return -1;
        struct eval_progress p = {s, ev};
        struct run_store st;
        if (engine_run(sc, rq->threads, rq->progress != NULL ? eval_progress : NULL, &p, &st, e) !=
            0)
            return -1;
        take_outcomes(s, ev, &st);
        engine_store_destroy(&st);
    }
    return 0;
}

/* --- indices ------------------------------------------------------------------- */

/* The estimates for metric m at year y over the rows rows[0..N) of A, B and
 * A_B^i (rows NULL: 0..N-1): first[i] and total[i], and the mean and V of f
 * over A and B. All NaN when an outcome is NA; the indices NaN when V is 0. */
static void estimate(const struct sensitivity *s, int m, int y, const int *rows, double *first,
                     double *total, double *mean, double *var)
{
    int N = s->samples, d = s->n_keys;
    double sum = 0;
    for (int j = 0; j < N; j++) {
        int r = rows != NULL ? rows[j] : j;
        sum += outcome_at(s, r, m, y) + outcome_at(s, N + r, m, y);
    }
    *mean = sum / (2.0 * N);
    double ss = 0;
    for (int j = 0; j < N; j++) {
        int r = rows != NULL ? rows[j] : j;
        double a = outcome_at(s, r, m, y) - *mean, b = outcome_at(s, N + r, m, y) - *mean;
        ss += a * a + b * b;
    }
    *var = ss / (2.0 * N);
    for (int i = 0; i < d; i++) {
        double sf = 0, st = 0;
        for (int j = 0; j < N; j++) {
            int r = rows != NULL ? rows[j] : j;
            double fa = outcome_at(s, r, m, y), fb = outcome_at(s, N + r, m, y);
            double fab = outcome_at(s, (2 + i) * N + r, m, y);
            sf += (fb - *mean) * (fab - fa);
            st += (fa - fab) * (fa - fab);
        }
        int ok = *var > 0 && isfinite(sf) && isfinite(st);
        first[i] = ok ? sf / N / *var : NAN;
        total[i] = ok ? st / (2.0 * N) / *var : NAN;
    }
}

/* The 5% and 95% percentiles of the defined values of x[0..n) (sorted in
 * place, NaN left out); NaN when there are none. */
static void percentiles(double *x, int n, double *p05, double *p95)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(x[i]))
            x[k++] = x[i];
    if (k == 0) {
        *p05 = *p95 = NAN;
        return;
    }
    gsl_sort(x, 1, (size_t)k);
    *p05 = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)k, 0.05);
    *p95 = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)k, 0.95);
}

/* The bootstrap's generator: the GSL generator of the runs' streams, seeded
 * from the scenario's seed (the same resamples for every outcome). */
static unsigned long bootstrap_seed(const struct scenario *sc)
{
    return (unsigned long)(rng_splitmix64((uint64_t)sc->seed) >> 32);
}

static int indices(struct sensitivity *s, struct error *e)
{
    int N = s->samples, d = s->n_keys, B = s->rq->bootstrap;
    int *rows = malloc((size_t)N * sizeof *rows);
    double *fb = malloc((size_t)(B + 1) * (size_t)d * sizeof *fb);
    double *tb = malloc((size_t)(B + 1) * (size_t)d * sizeof *tb);
    gsl_rng *r = gsl_rng_alloc(rng_type());
    int ok = rows != NULL && fb != NULL && tb != NULL && r != NULL;
    for (int m = 0; ok && m < s->n_metrics; m++)
        for (int y = 0; y < s->n_years; y++) {
            size_t my = (size_t)m * (size_t)s->n_years + (size_t)y;
            double first[VARY_MAX_KEYS], total[VARY_MAX_KEYS], mean, var;
            struct sensitivity_index *x = &s->index[my * (size_t)d];
            estimate(s, m, y, NULL, first, total, &s->mean[my], &var);
            s->sd[my] = sqrt(var);
            for (int i = 0; i < d; i++) {
                x[i].first = first[i];
                x[i].total = total[i];
            }
            gsl_rng_set(r, bootstrap_seed(s->base));
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < N; j++)
                    rows[j] = (int)gsl_rng_uniform_int(r, (unsigned long)N);
                estimate(s, m, y, rows, first, total, &mean, &var);
                for (int i = 0; i < d; i++) {
                    fb[(size_t)i * (size_t)B + (size_t)b] = first[i];
                    tb[(size_t)i * (size_t)B + (size_t)b] = total[i];
                }
            }
            for (int i = 0; i < d; i++) {
                percentiles(fb + (size_t)i * (size_t)B, B, &x[i].first_p05, &x[i].first_p95);
                percentiles(tb + (size_t)i * (size_t)B, B, &x[i].total_p05, &x[i].total_p95);
            }
        }
    free(rows);
    free(fb);
    free(tb);
    gsl_rng_free(r);
    return ok ? 0 : error_set(e, ERROR_RUNTIME, "out of memory for the bootstrap");
}

int sensitivity_run(struct sensitivity *s, struct error *e)
{
    struct scenario *sc = malloc(sizeof *sc);
    if (sc == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    int rc = evaluate(s, sc, e);
    free(sc);
    return rc == 0 ? indices(s, e) : -1;
}

const struct sensitivity_index *sensitivity_index_of(const struct sensitivity *s, int m, int y,
                                                     int key)
{
    return &s->index[((size_t)m * (size_t)s->n_years + (size_t)y) * (size_t)s->n_keys +
                     (size_t)key];
}

/* --- output -------------------------------------------------------------------- */

static void write_indices(const struct sensitivity *s, FILE *f)
{
    fputs(SENSITIVITY_HEADER "\n", f);
    for (int m = 0; m < s->n_metrics; m++)
        for (int y = 0; y < s->n_years; y++)
            for (int i = 0; i < s->n_keys; i++) {
                const struct sensitivity_index *x = sensitivity_index_of(s, m, y, i);
                size_t my = (size_t)m * (size_t)s->n_years + (size_t)y;
                fprintf(f, "%s,%d,%s", s->metric[m], s->year[y], s->key[i].v.key);
                double v[8] = {x->first,     x->first_p05, x->first_p95, x->total,
                               x->total_p05, x->total_p95, s->mean[my],  s->sd[my]};
                for (int c = 0; c < 8; c++)
                    csv_number(f, v[c]);
                fputc('\n', f);
            }
}

static void write_samples(const struct sensitivity *s, FILE *f)
{
    fputs("evaluation,matrix,row,from_b", f);
    for (int i = 0; i < s->n_keys; i++)
        fprintf(f, ",%s", s->key[i].v.key);
    for (int m = 0; m < s->n_metrics; m++)
        for (int y = 0; y < s->n_years; y++)
            fprintf(f, ",%s@%d", s->metric[m], s->year[y]);
    fputc('\n', f);
    int N = s->samples;
    for (int ev = 0; ev < s->n_evaluations; ev++) {
        int block = ev / N;
        fprintf(f, "%d,%s,%d,%s", ev,
                block == 0   ? "A"
                : block == 1 ? "B"
                             : "AB",
                ev % N, block >= 2 ? s->key[block - 2].v.key : "NA");
        for (int i = 0; i < s->n_keys; i++)
            csv_number(f, value_at(s, ev)[i]);
        for (int m = 0; m < s->n_metrics; m++)
            for (int y = 0; y < s->n_years; y++)
                csv_number(f, outcome_at(s, ev, m, y));
        fputc('\n', f);
    }
}

/* The keys file as given, byte for byte. */
static int copy_keys(const char *path, FILE *to, struct error *e)
{
    FILE *from = fopen(path, "rb");
    if (from == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot read to copy it", path);
    char buf[8192];
    for (size_t n; (n = fread(buf, 1, sizeof buf, from)) > 0;)
        fwrite(buf, 1, n, to);
    int bad = ferror(from);
    fclose(from);
    return bad ? error_set(e, ERROR_RUNTIME, "%s: cannot read to copy it", path) : 0;
}

static int notes(const struct sensitivity *s, struct bundle *b, struct error *e)
{
    const struct sensitivity_request *rq = s->rq;
    int rc = bundle_note(b, BUNDLE_HEAD, e, "keys: %s (copied as keys.txt)", rq->keys_path);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e,
                         "samples: %d (Saltelli: %d keys, %d evaluations of every replicate)",
                         s->samples, s->n_keys, s->n_evaluations);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e,
                         "sequence: gsl_qrng_sobol in %d dimensions (A the first %d, B the last "
                         "%d)",
                         2 * s->n_keys, s->n_keys, s->n_keys);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e,
                         "bootstrap: %d resamples of the %d rows, gsl_rng_%s seeded with %lu",
                         rq->bootstrap, s->samples, rng_type()->name, bootstrap_seed(s->base));
    return rc;
}

int sensitivity_write(const struct sensitivity *s, const char *dir, const char *command_line,
                      struct error *e)
{
    struct bundle *b = bundle_alloc(dir, e);
    if (b == NULL)
        return -1;
    FILE *cfg = bundle_file(b, "scenario.cfg", e);
    FILE *keys = cfg != NULL ? bundle_file(b, "keys.txt", e) : NULL;
    FILE *table = keys != NULL ? bundle_file(b, "sensitivity.csv", e) : NULL;
    FILE *samples = table != NULL ? bundle_file(b, "samples.csv", e) : NULL;
    int rc = samples != NULL ? 0 : -1;
    if (rc == 0 && scenario_write(s->base, cfg) != 0)
        rc = error_set(e, ERROR_RUNTIME, "cannot format the resolved scenario");
    if (rc == 0)
        rc = copy_keys(s->rq->keys_path, keys, e);
    if (rc == 0) {
        write_indices(s, table);
        write_samples(s, samples);
        rc = notes(s, b, e);
    }
    if (rc == 0) {
        struct bundle_provenance p = {
            command_line,
            s->base->name,
            s->base->seed,
            s->base->replicates,
            "(each evaluation)",
            "streams and counter-based splitmix64 (as wfsim run); replicate k shares its random "
            "numbers across all evaluations",
            NULL,
            bundle_hash(b, "scenario.cfg"),
            "scenario.cfg"};
        rc = bundle_commit(b, &p, e);
    }
    bundle_free(b);
    return rc;
}

/* --- the summary in words -------------------------------------------------------- */

static void percent(FILE *f, double x)
{
    if (isnan(x))
        fputs("NA", f);
    else
        fprintf(f, "%.0f%%", fabs(100 * x) < 0.5 ? 0.0 : 100 * x);
}

void sensitivity_print(const struct sensitivity *s, FILE *f)
{
    int y = s->n_years - 1, width = 0;
    for (int i = 0; i < s->n_keys; i++)
        if ((int)strlen(s->key[i].v.key) > width)
            width = (int)strlen(s->key[i].v.key);
    fprintf(f,
            "Sobol' indices of %d key%s from %d samples (%d evaluations of %d replicates): the "
            "share of each outcome's variance a key explains with its interactions, and alone\n",
            s->n_keys, s->n_keys == 1 ? "" : "s", s->samples, s->n_evaluations,
            s->base->replicates);
    for (int m = 0; m < s->n_metrics; m++) {
        size_t my = (size_t)m * (size_t)s->n_years + (size_t)y;
        fprintf(f, "\n%s, DfE year to September %d: mean %.4g, sd %.3g over the keys' values\n",
                s->metric[m], s->year[y], s->mean[my], s->sd[my]);
        int order[VARY_MAX_KEYS];
        for (int i = 0; i < s->n_keys; i++)
            order[i] = i;
        for (int a = 1; a < s->n_keys; a++) /* by total index, largest first, NA last */
            for (int b = a; b > 0; b--) {
                double t0 = sensitivity_index_of(s, m, y, order[b - 1])->total;
                double t1 = sensitivity_index_of(s, m, y, order[b])->total;
                if (!(isnan(t1) ? 0 : isnan(t0) || t1 > t0))
                    break;
                int t = order[b];
                order[b] = order[b - 1];
                order[b - 1] = t;
            }
        for (int a = 0; a < s->n_keys; a++) {
            const struct sensitivity_index *x = sensitivity_index_of(s, m, y, order[a]);
            fprintf(f, "  %-*s  explains ", width, s->key[order[a]].v.key);
            percent(f, x->total);
            if (s->rq->bootstrap > 0 && !isnan(x->total)) {
                fputs(" (90% interval ", f);
                percent(f, x->total_p05);
                fputs(" to ", f);
                percent(f, x->total_p95);
                fputs(")", f);
            }
            fputs(", alone ", f);
            percent(f, x->first);
            fputc('\n', f);
        }
    }
}

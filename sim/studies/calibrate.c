/* calibrate: fitting behavioural parameters to observed years
 * (see include/wfsim/calibrate.h). */
#include "wfsim/calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_multimin.h>

#include "wfsim/bundle.h"
#include "wfsim/csv.h"
#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "wfsim/month.h"
#include "wfsim/output.h"
#include "model/scales.h"

/* The Nelder-Mead settings of every fit (calibrate, backcast, dfe build's
 * steady fit). The parameters are on log or logit scales, so a size or a step
 * is a relative change. */
/* first step 0.5 (about x1.65 or /1.65): a wide first simplex, since the
 * starting scales (1) can be far from the fit */
#define FIT_STEP 0.5
/* first step of agency cover on its logit: the agency rate moves weakly with
 * cover, so the simplex explores widely */
#define FIT_COVER_STEP 1.5
/* converged when the simplex is smaller than 0.01: the scales known to about
 * 1%, finer than the replicates' noise lets the objective tell apart */
#define FIT_SIZE 0.01
#define STR(x) #x
#define NUMBER(x) STR(x) /* a constant as text: the overlay states FIT_SIZE */
/* a cap per round, so a fit on a noisy objective ends in bounded time and
 * reports its best point as not converged */
#define FIT_ITERATIONS 120
/* Nelder-Mead can collapse early on an uneven objective: restart from the
 * best point with a fresh simplex, at most this many rounds in all, until a
 * restart improves the objective by less than FIT_RESTART_GAIN (relative,
 * plus the same absolute amount near 0) */
#define FIT_ROUNDS 3
#define FIT_RESTART_GAIN 1e-3
/* dfe build's steady fit: its second start, as a share of the formulas'
 * fill (see calibrate_steady) */
#define STEADY_FILL_START 0.6
/* dfe build's steady fit: the scale of its vacancy cover share target.
 * Cover share and agency rate both move mainly with the cover probability
 * (and agency outlasting its vacancy adds to the rate, not the share), so
 * with five targets on four parameters the fit trades them and the vacancy
 * rate. 0.08: a point of cover share weighs 1/16 of a point of the other
 * rates, the share varying across replicates six or seven times as much as
 * the agency rate; at 0.01-0.04 the fit held the share exactly and let the
 * vacancy rate go by about 2 points (Leeds 2024: docs/data.md) */
#define STEADY_COVER_SCALE 0.08

void calibrate_apply(const struct scenario *base, const double *param, struct scenario *out)
{
    const struct scales s = {.leave = param[P_LEAVE],
                             .leave_max = 5, /* the key's range: the fit stays a valid scenario */
                             .fill = param[P_FILL],
                             .demand = param[P_DEMAND],
                             .cover_mode = SCALES_COVER_SET,
                             .cover = param[P_COVER]};
    scales_apply(base, &s, out);
}

struct problem {
    const struct scenario *base;
    struct scenario *trial;
    struct calibrate_fit *fit;
    double scale[N_KPIS];
    double cover_scale; /* of the vacancy cover share target (steady fit) */
    int threads, centre, evaluations, failed;
    /* > 0: the fill scale is fill_top / (1 + exp(-x)), at most the scale
     * that takes the largest fill probability to 1 (beyond it the objective
     * is flat and the simplex stalls); 0: exp(x), unbounded */
    double fill_top;
};

static void to_params(const struct problem *p, const gsl_vector *x, double *param)
{
    param[P_LEAVE] = exp(gsl_vector_get(x, 0));
    param[P_FILL] = p->fill_top > 0 ? p->fill_top / (1 + exp(-gsl_vector_get(x, 1)))
                                    : exp(gsl_vector_get(x, 1));
    param[P_COVER] = 1 / (1 + exp(-gsl_vector_get(x, 2)));
    param[P_DEMAND] = exp(gsl_vector_get(x, 3));
}

/* The centre over replicates of metric m at annual index `index` (NaN
 * where none), on kpi's scale when centre is CALIBRATE_MEDIAN and kpi >= 0. */
static double replicate_centre(const struct run_store *st, int index, int m, int n_grades, int kpi,
                               int centre)
{
    double sum = 0;
    int n = 0;
    int median = centre == CALIBRATE_MEDIAN && kpi >= 0;
    for (int r = 0; index >= 0 && r < st->replicates; r++) {
        double v = engine_annual(st, r, metrics_series(m, 0, n_grades))[index];
        if (!isnan(v)) {
            sum += median ? kpi_transform(kpi, v) : v;
            n++;
        }
    }
    return n == 0 ? NAN : median ? kpi_inverse(kpi, sum / n) : sum / n;
}

/* Run the (prepared) scenario with `param` and take the mean over
 * replicates of each KPI at each year's 30 September (NaN where none), and
 * when `cover` is not NULL the mean vacancy cover share. */
static int kpi_means(const struct scenario *start, const double *param, struct scenario *trial,
                     int threads, int centre, int n_years, const int *year, double (*mean)[N_KPIS],
                     double *cover, struct error *e)
{
    calibrate_apply(start, param, trial);
    struct run_store st;
    if (engine_run(trial, threads, NULL, NULL, &st, e) != 0)
        return -1;
    for (int y = 0; y < n_years; y++) {
        int index = -1;
        for (int k = 0; k < st.n_years; k++)
            if (st.year[k] == year[y])
                index = k;
        for (int k = 0; k < N_KPIS; k++)
            mean[y][k] = replicate_centre(&st, index, kpi_metric(k), start->n_grades, k, centre);
        if (cover != NULL)
            cover[y] =
                replicate_centre(&st, index, M_VACANCY_COVER_RATE, start->n_grades, -1, centre);
    }
    engine_store_destroy(&st);
    return 0;
}

/* The objective from the observations (and the fitted values in fit). */
static double objective(const gsl_vector *x, void *params)
{
    struct problem *p = params;
    double param[N_PARAMS];
    to_params(p, x, param);
    struct error e = {ERROR_NONE, ""};
    p->evaluations++;
    if (kpi_means(p->base, param, p->trial, p->threads, p->centre, p->fit->n_years, p->fit->year,
                  p->fit->fitted, p->fit->cover_fitted, &e) != 0) {
        p->failed = 1;
        return GSL_POSINF;
    }
    double sum = 0;
    for (int y = 0; y < p->fit->n_years; y++)
        for (int k = 0; k < N_KPIS; k++) {
            double obs = p->fit->observed[y][k], mean = p->fit->fitted[y][k];
            if (!isnan(obs) && !isnan(mean))
                sum += (mean - obs) * (mean - obs) / (p->scale[k] * p->scale[k]);
        }
    for (int y = 0; y < p->fit->n_years; y++) {
        double obs = p->fit->cover_observed[y], mean = p->fit->cover_fitted[y];
        if (!isnan(obs) && !isnan(mean))
            sum += (mean - obs) * (mean - obs) / (p->cover_scale * p->cover_scale);
    }
    return sum;
}

/* The base without planning levers (they are plans, not history), run to
 * 30 September of last_year. */
static void prepare(const struct scenario *base, int last_year, int replicates,
                    struct scenario *start)
{
    *start = *base;
    start->replicates = replicates;
    start->months = 12 * (last_year - month_year(base->start_month));
    start->n_campaigns = 0;
    start->n_schemes = 0;
    start->n_changes = 0;
    start->n_shocks = 0;
}

int calibrate_kpis(const struct scenario *base, const double *param, int year, int replicates,
                   int threads, int centre, double mean[N_KPIS], struct error *e)
{
    struct scenario *start = malloc(sizeof *start), *trial = malloc(sizeof *trial);
    int rc = start == NULL || trial == NULL ? error_set(e, ERROR_RUNTIME, "out of memory") : 0;
    if (rc == 0 && year <= month_year(base->start_month))
        rc = error_set(e, ERROR_INPUT, "year %d is not after the census", year);
    if (rc == 0) {
        prepare(base, year, replicates, start);
        rc = kpi_means(start, param, trial, threads, centre, 1, &year, (double(*)[N_KPIS])mean,
                       NULL, e);
    }
    free(start);
    free(trial);
    return rc;
}

static int observed_years(const struct scenario *base, const struct dfe_data *d, const char *area,
                          int last_year, struct calibrate_fit *fit, struct error *e)
{
    int census = month_year(base->start_month);
    fit->n_years = 0;
    for (int y = census + 1; y <= last_year && fit->n_years < CALIBRATE_MAX_YEARS; y++) {
        const struct dfe_row *r = dfe_find(d, area, y);
        if (r == NULL)
            continue;
        fit->year[fit->n_years] = y;
        for (int k = 0; k < N_KPIS; k++)
            fit->observed[fit->n_years][k] =
                k == KPI_CASELOAD && base->n_case_types == 0 ? NAN : kpi_observed(r, k);
        fit->n_years++;
    }
    char suggest[128];
    if (fit->n_years == 0 && !dfe_area_exists(d, area, suggest, sizeof suggest))
        return error_set(e, ERROR_INPUT, "--area: unknown area (got \"%s\"; did you mean \"%s\"?)",
                         area, suggest);
    if (fit->n_years == 0)
        return error_set(e, ERROR_INPUT, "--area: no observed years for %s after %d up to %d", area,
                         census, last_year);
    return 0;
}

/* A fit's share of the caller's progress: `before` trials of earlier fits,
 * and `fits_after` fits expected to follow (each as long as this one). */
struct fit_progress {
    const struct calibrate_progress *cp;
    long before;
    int fits_after;
};
static int fit_observed(const struct scenario *base, double in_post, int replicates, int threads,
                        int centre, double fill_top, double fill_start, struct calibrate_fit *fit,
                        const struct fit_progress *fp, struct error *e);

int calibrate_fit(const struct scenario *base, const struct dfe_data *d, const char *area,
                  int last_year, int replicates, int threads, struct calibrate_fit *fit,
                  struct error *e)
{
    return calibrate_fit_centred(base, d, area, last_year, replicates, threads, CALIBRATE_MEAN, fit,
                                 NULL, e);
}

int calibrate_fit_centred(const struct scenario *base, const struct dfe_data *d, const char *area,
                          int last_year, int replicates, int threads, int centre,
                          struct calibrate_fit *fit, const struct calibrate_progress *progress,
                          struct error *e)
{
    struct fit_progress fp = {progress, 0, 0};
    memset(fit, 0, sizeof *fit);
    for (int y = 0; y < CALIBRATE_MAX_YEARS; y++)
        fit->cover_observed[y] = fit->cover_fitted[y] = NAN; /* not a target here */
    if (observed_years(base, d, area, last_year, fit, e) != 0)
        return -1;
    const struct dfe_row *census = dfe_find(d, area, month_year(base->start_month));
    return fit_observed(base, census != NULL ? kpi_observed(census, KPI_IN_POST) : NAN, replicates,
                        threads, centre, 0, 1, fit, &fp, e);
}

/* The census state the steady fit holds: the month-0 vacancy rate, agency
 * rate and caseload, and the turnover the scenario's leaving rates give its
 * in-post FTE (in-post FTE itself left free: it follows the vacancy rate). */
static int census_state(const struct scenario *base, int threads, double *target, double *cover,
                        struct error *e)
{
    struct scenario *one = malloc(sizeof *one);
    if (one == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    *one = *base;
    one->months = 1;
    one->replicates = 1;
    struct run_store st;
    int rc = engine_run(one, threads, NULL, NULL, &st, e);
    double leavers = 0, in_post = 0;
    for (int g = 0; g < base->n_grades; g++) {
        leavers += base->grade[g].initial_in_post_fte * base->grade[g].annual_leaving_rate;
        in_post += base->grade[g].initial_in_post_fte;
    }
    for (int k = 0; k < N_KPIS && rc == 0; k++)
        target[k] =
            k == KPI_TURNOVER ? (in_post > 0 ? leavers / in_post : NAN)
            : k == KPI_IN_POST
                ? NAN
                : engine_monthly(&st, 0, metrics_series(kpi_metric(k), 0, base->n_grades))[0];
    if (rc == 0) {
        *cover = engine_monthly(&st, 0, metrics_series(M_VACANCY_COVER_RATE, 0, base->n_grades))[0];
        engine_store_destroy(&st);
    }
    free(one);
    return rc;
}

int calibrate_steady(const struct scenario *base, int years, int replicates, int threads,
                     struct calibrate_fit *fit, const struct calibrate_progress *progress,
                     struct error *e)
{
    memset(fit, 0, sizeof *fit);
    if (years < 1)
        return error_set(e, ERROR_INPUT, "the steady fit needs at least one year (got %d)", years);
    fit->n_years = years < CALIBRATE_MAX_YEARS ? years : CALIBRATE_MAX_YEARS;
    double in_post = 0, target[N_KPIS], cover = NAN;
    for (int g = 0; g < base->n_grades; g++)
        in_post += base->grade[g].initial_in_post_fte;
    if (census_state(base, threads, target, &cover, e) != 0)
        return -1;
    for (int y = 0; y < CALIBRATE_MAX_YEARS; y++) {
        fit->cover_observed[y] = y < fit->n_years ? cover : NAN;
        fit->cover_fitted[y] = NAN;
    }
    for (int y = 0; y < fit->n_years; y++) {
        fit->year[y] = month_year(base->start_month) + 1 + y;
        for (int k = 0; k < N_KPIS; k++)
            fit->observed[y][k] = k == KPI_CASELOAD && base->n_case_types == 0 ? NAN : target[k];
    }
    /* the steady fit bounds the fill scale where the largest fill reaches 1,
     * and starts the simplex from the formulas' fill and from 0.6 of it (the
     * formulas overstate the fill the intake leaves room for; a simplex on
     * the steps of a common-random-numbers objective can stop at the first
     * flat it meets), keeping the better fit */
    double top = 0;
    for (int g = 0; g < base->n_grades; g++)
        top = fmax(top, base->grade[g].monthly_fill_probability);
    top = top > 0 ? fmax(1.05, 1 / top) : 0;
    struct calibrate_fit *other = malloc(sizeof *other);
    if (other == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    *other = *fit;
    struct fit_progress first = {progress, 0, 1};
    int rc =
        fit_observed(base, in_post, replicates, threads, CALIBRATE_MEAN, top, 1, fit, &first, e);
    struct fit_progress second = {progress, fit->evaluations, 0};
    if (rc == 0)
        rc = fit_observed(base, in_post, replicates, threads, CALIBRATE_MEAN, top,
                          STEADY_FILL_START, other, &second, e);
    if (rc == 0 && other->objective < fit->objective) {
        int iterations = fit->iterations + other->iterations;
        int evaluations = fit->evaluations + other->evaluations;
        *fit = *other;
        fit->iterations = iterations;
        fit->evaluations = evaluations;
    } else if (rc == 0) {
        fit->iterations += other->iterations;
        fit->evaluations += other->evaluations;
    }
    free(other);
    return rc;
}

/* Nelder-Mead on the observations in fit; in_post scales the in-post FTE gap;
 * fill_top as in struct problem; the fill scale starts at fill_start. */
/* Tell the caller's progress the trials run so far and the total expected:
 * the round's trials so far over the share of the way its simplex has
 * shrunk from size0 to FIT_SIZE (on a log scale), for this fit and the ones
 * after it; done == total only when `finished`. */
static void fit_report(const struct fit_progress *fp, long evaluations, long round_start,
                       double size0, double size, int finished)
{
    if (fp == NULL || fp->cp == NULL || fp->cp->fn == NULL)
        return;
    long done = fp->before + evaluations;
    if (finished) {
        if (fp->fits_after == 0)
            fp->cp->fn(fp->cp->ctx, done, done);
        return;
    }
    double share = size0 > FIT_SIZE && size < size0 ? log(size0 / size) / log(size0 / FIT_SIZE) : 0;
    share = fmin(1, fmax(0.02, share));
    double expected = (double)round_start + (double)(evaluations - round_start) / share;
    long total = fp->before + (long)ceil(expected * (1 + fp->fits_after));
    fp->cp->fn(fp->cp->ctx, done, total > done ? total : done + 1);
}

static int fit_observed(const struct scenario *base, double in_post, int replicates, int threads,
                        int centre, double fill_top, double fill_start, struct calibrate_fit *fit,
                        const struct fit_progress *fp, struct error *e)
{
    if (month_of_year(base->start_month) != 9)
        return error_set(e, ERROR_INPUT,
                         "simulation.start: calibration starts at a 30 September "
                         "census (got month %d)",
                         month_of_year(base->start_month));
    struct scenario *start = malloc(sizeof *start), *trial = malloc(sizeof *trial);
    if (start == NULL || trial == NULL) {
        free(start);
        free(trial);
        return error_set(e, ERROR_RUNTIME, "out of memory");
    }
    prepare(base, fit->year[fit->n_years - 1], replicates, start);
    struct problem p = {start,
                        trial,
                        fit,
                        {0.02, 0.02, 0.02, isnan(in_post) ? 10 : 0.05 * in_post, 1},
                        STEADY_COVER_SCALE,
                        threads,
                        centre,
                        0,
                        0,
                        fill_top};
    gsl_vector *x = gsl_vector_alloc(N_PARAMS), *step = gsl_vector_alloc(N_PARAMS);
    gsl_multimin_fminimizer *s =
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, N_PARAMS);
    int rc = 0;
    if (x == NULL || step == NULL || s == NULL) {
        rc = error_set(e, ERROR_RUNTIME, "out of memory");
    } else {
        /* scales start at the scenario's values (1); cover starts at 0.5, the
         * middle of its range, with a wide first step either way */
        gsl_vector_set(x, 0, 0);
        /* fill scale fill_start: x = log fill_start, or -log(fill_top / fill_start - 1)
         * when bounded */
        gsl_vector_set(x, 1, fill_top > 0 ? -log(fill_top / fill_start - 1) : log(fill_start));
        gsl_vector_set(x, 2, 0);
        gsl_vector_set(x, 3, 0);
        gsl_vector_set_all(step, FIT_STEP);
        gsl_vector_set(step, 2, FIT_COVER_STEP);
        gsl_multimin_function fn = {objective, N_PARAMS, &p};
        /* restart from the best point until a restart no longer improves */
        int status = GSL_CONTINUE;
        double best = GSL_POSINF;
        fit->iterations = 0;
        for (int round = 0; round < FIT_ROUNDS && !p.failed; round++) {
            gsl_multimin_fminimizer_set(s, &fn, x, step);
            status = GSL_CONTINUE;
            long round_start = p.evaluations;
            double size0 = gsl_multimin_fminimizer_size(s);
            for (int it = 0; status == GSL_CONTINUE && it < FIT_ITERATIONS && !p.failed; it++) {
                fit->iterations++;
                if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
                    break;
                status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), FIT_SIZE);
                fit_report(fp, p.evaluations, round_start, size0, gsl_multimin_fminimizer_size(s),
                           0);
            }
            double found = gsl_multimin_fminimizer_minimum(s);
            gsl_vector_memcpy(x, s->x);
            if (!(found < best - FIT_RESTART_GAIN * (1 + fabs(best))))
                break; /* the restart found nothing better */
            best = found;
        }
        fit->converged = status == GSL_SUCCESS;
        to_params(&p, s->x, fit->param);
        fit->objective = objective(s->x, &p); /* also leaves the fitted values of the best */
        fit->evaluations = p.evaluations;
        fit_report(fp, p.evaluations, 0, 0, 0, 1);
        if (p.failed)
            rc = error_set(e, ERROR_RUNTIME, "a calibration run failed");
    }
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(step);
    free(start);
    free(trial);
    return rc;
}

int calibrate_write_overlay(const struct scenario *base, const struct calibrate_fit *fit, FILE *out)
{
    struct scenario *s = malloc(sizeof *s);
    if (s == NULL)
        return -1;
    calibrate_apply(base, fit->param, s);
    fprintf(out,
            "# Calibration overlay written by wfsim calibrate for %s: leaving x %.4f, fill "
            "x %.4f, agency cover %.4f, demand x %.4f\n# objective %.4g after %d iterations "
            "(%d runs), %s\n",
            base->name, fit->param[P_LEAVE], fit->param[P_FILL], fit->param[P_COVER],
            fit->param[P_DEMAND], fit->objective, fit->iterations, fit->evaluations,
            fit->converged ? "converged (simplex size < " NUMBER(FIT_SIZE) ")"
                           : "NOT converged: best fit so far");
    fputs("grades = {\n", out);
    for (int g = 0; g < s->n_grades; g++)
        fprintf(out, "  %s = { annual_leaving_rate = %.17g; monthly_fill_probability = %.17g; };\n",
                s->grade[g].name, s->grade[g].annual_leaving_rate,
                s->grade[g].monthly_fill_probability);
    fprintf(out, "};\nagency = { cover_probability = %.17g; };\n", s->agency_cover_probability);
    if (s->n_case_types > 0) {
        fputs("case_types = {\n", out);
        for (int t = 0; t < s->n_case_types; t++)
            fprintf(out, "  %s = { arrivals_per_month = %.17g; };\n", s->case_type[t].name,
                    s->case_type[t].arrivals_per_month);
        fputs("};\n", out);
    }
    free(s);
    return ferror(out) ? -1 : 0;
}

int calibrate_write_table(const struct calibrate_fit *fit, const char *area, FILE *out)
{
    fputs("area,year,kpi,observed,fitted\n", out);
    for (int y = 0; y < fit->n_years; y++)
        for (int k = 0; k < N_KPIS; k++) {
            csv_quote(out, area);
            fprintf(out, ",%d,%s", fit->year[y], kpi_name(k));
            csv_number(out, fit->observed[y][k]);
            csv_number(out, fit->fitted[y][k]);
            fputc('\n', out);
        }
    return ferror(out) ? -1 : 0;
}

int calibrate_write_results(const char *dir, const struct calibrate_results *c, struct error *e)
{
    const struct calibrate_fit *fit = c->fit;
    struct bundle *b = bundle_alloc(dir, e);
    if (b == NULL)
        return -1;
    FILE *cfg = bundle_file(b, "calibration.cfg", e);
    FILE *table = cfg != NULL ? bundle_file(b, "fit.csv", e) : NULL;
    int rc = table == NULL ? -1 : 0;
    if (rc == 0 && (calibrate_write_overlay(c->sc, fit, cfg) != 0 ||
                    calibrate_write_table(fit, c->area, table) != 0))
        rc = error_set(e, ERROR_RUNTIME, "cannot format the calibration");
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e, "area: %s", c->area);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_TAIL, e,
                         "objective: %.6g\niterations: %d\nruns: %d\nconverged: %s", fit->objective,
                         fit->iterations, fit->evaluations, fit->converged ? "yes" : "no");
    size_t len = 0;
    char *text = rc == 0 ? output_scenario_text(c->sc, &len) : NULL;
    if (rc == 0 && text == NULL)
        rc = error_set(e, ERROR_RUNTIME, "cannot format the resolved scenario");
    if (rc == 0) {
        struct bundle_provenance p = {c->command_line,
                                      c->sc->name,
                                      c->sc->seed,
                                      c->replicates,
                                      "a calibration run",
                                      NULL,
                                      c->data_path,
                                      scenario_hash(text, len),
                                      "the resolved scenario, as wfsim run writes scenario.cfg"};
        rc = bundle_commit(b, &p, e);
    }
    free(text);
    bundle_free(b);
    return rc;
}

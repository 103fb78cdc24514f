/* response: how an option's cost depends on the staff response (see
 * sim/studies/response.h). */
#include "studies/response.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "wfsim/csv.h"
#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "base/stats.h"

/* --- break-even elasticity ------------------------------------------------ */

/* Expected NPV of the option minus the baseline's, with elasticity e for
 * every replicate (the first `replicates` replicates of both). */
static double npv_gap(double e, void *params)
{
    struct response *b = params;
    *b->trial = *b->option;
    b->trial->elasticity_mean = e;
    b->trial->elasticity_sd = 0;
    b->trial->elasticity_min = e < b->option->elasticity_min ? e : b->option->elasticity_min;
    b->trial->replicates = b->replicates;
    struct run_store st;
    struct error e2 = {ERROR_NONE, ""};
    if (engine_run(b->trial, b->threads, NULL, NULL, &st, &e2) != 0) {
        b->failed = 1;
        return NAN;
    }
    double gap = 0;
    int npv = metrics_series(M_COST_TOTAL_NPV_CUM, 0, b->trial->n_grades);
    for (int k = 0; k < b->replicates; k++) {
        double d = engine_monthly(&st, k, npv)[st.months - 1] - b->base_npv[k];
        gap += d;
        if (b->diff != NULL)
            b->diff[k] = d;
    }
    engine_store_destroy(&st);
    return gap / b->replicates;
}

/* The elasticity in [elasticity_min, 0] where the gap is 0, or NaN when the
 * gap has one sign over the whole range (the option always or never pays). */
double response_break_even(struct response *b)
{
    double lo = b->option->elasticity_min, hi = 0;
    double f_lo = npv_gap(lo, b), f_hi = npv_gap(hi, b);
    b->gap_at_min = f_lo;
    b->gap_at_zero = f_hi;
    if (b->failed || !(f_lo * f_hi < 0))
        return NAN;
    gsl_function fn = {npv_gap, b};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL || gsl_root_fsolver_set(s, &fn, lo, hi) != GSL_SUCCESS) {
        gsl_root_fsolver_free(s);
        return NAN;
    }
    double root = NAN;
    for (int it = 0; it < 40 && !b->failed; it++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
            break;
        root = gsl_root_fsolver_root(s);
        if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0.005,
                                   0) == GSL_SUCCESS)
            break;
    }
    gsl_root_fsolver_free(s);
    return b->failed ? NAN : root;
}

/* --- the response curve ------------------------------------------------------ */

/* One point of the curve: the paired NPV difference at a fixed elasticity. */
struct curve_point {
    double elasticity, mean, se, q05, q50, q95, saves;
};

static void curve_point_at(struct response *b, double elasticity, float *work,
                           struct stats_workspace *w, struct curve_point *pt)
{
    int n = b->replicates, saves = 0;
    double mean = npv_gap(elasticity, b), ss = 0;
    pt->elasticity = elasticity;
    pt->mean = mean;
    for (int k = 0; k < n; k++) {
        work[k] = (float)b->diff[k];
        ss += (b->diff[k] - mean) * (b->diff[k] - mean);
        saves += b->diff[k] < 0;
    }
    struct summary s;
    stats_summarise(work, 1, (size_t)n, w, &s);
    pt->se = n > 1 ? sqrt(ss / (n - 1) / n) : NAN;
    pt->q05 = s.q[0];
    pt->q50 = s.q[2];
    pt->q95 = s.q[4];
    pt->saves = (double)saves / n;
}

/* The elasticities at which the expected difference cannot be told from 0
 * (|mean| <= z se, z for a 90% interval), on the curve interpolated
 * linearly between its points: the break-even elasticity's interval, as
 * [lo, hi]; NaN when there is none. */
static void break_even_interval(const struct curve_point *pt, int n, double *lo, double *hi)
{
    const double z = 1.6448536269514722;
    const int sub = 100;
    *lo = *hi = NAN;
    for (int i = 0; i + 1 < n; i++)
        for (int j = 0; j <= sub; j++) {
            double t = (double)j / sub;
            double e = pt[i].elasticity + t * (pt[i + 1].elasticity - pt[i].elasticity);
            double m = pt[i].mean + t * (pt[i + 1].mean - pt[i].mean);
            double se = pt[i].se + t * (pt[i + 1].se - pt[i].se);
            if (!(fabs(m) <= z * se))
                continue;
            if (isnan(*lo) || e < *lo)
                *lo = e;
            if (isnan(*hi) || e > *hi)
                *hi = e;
        }
}

/* elasticity_curve.csv's rows of one option (`points`
 * elasticities from elasticity_min to 0) and the break-even interval. */
int response_write_curve(FILE *f, struct response *b, int points, double *lo, double *hi)
{
    int n = b->replicates;
    struct curve_point pt[RESPONSE_MAX_POINTS];
    points = points < RESPONSE_MAX_POINTS ? points : RESPONSE_MAX_POINTS;
    float *work = malloc((size_t)n * sizeof *work);
    struct stats_workspace *w = stats_workspace_alloc((size_t)n);
    b->diff = malloc((size_t)n * sizeof *b->diff);
    int ok = work != NULL && w != NULL && b->diff != NULL;
    double e_min = b->option->elasticity_min;
    for (int i = 0; ok && i < points && !b->failed; i++) {
        double e = i == points - 1 ? 0 : e_min - e_min * (double)i / (points - 1);
        curve_point_at(b, e, work, w, &pt[i]);
        fprintf(f, "%s", b->option->name);
        csv_number(f, pt[i].elasticity);
        fprintf(f, ",%d", n);
        csv_number(f, pt[i].mean);
        csv_number(f, pt[i].se);
        csv_number(f, pt[i].q05);
        csv_number(f, pt[i].q50);
        csv_number(f, pt[i].q95);
        csv_number(f, pt[i].saves);
        fputc('\n', f);
    }
    if (ok && !b->failed)
        break_even_interval(pt, points, lo, hi);
    free(work);
    free(b->diff);
    b->diff = NULL;
    stats_workspace_free(w);
    return ok ? 0 : -1;
}

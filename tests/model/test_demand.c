/* test_demand: arrival rates (trend, season, shocks) against hand-computed
 * values, Poisson arrivals, and case durations (geometric, lognormal rounded
 * up, and the month-0 residuals) against closed forms with fixed seeds and
 * bounds of 4 standard errors. See sim/model/demand.h. */
#include "support/caseload_testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "model/demand.h"
#include "base/rng.h"

/* Seasonal profile, January first. */
#define SEASONAL "[1.07, 1.03, 0.98, 0.94, 0.97, 0.91, 0.89, 0.93, 1.04, 1.09, 1.08, 1.07]"

/* One grade and the case types `types`, starting 2024-09 (month 1 is
 * October 2024); `extra` adds top-level groups. */
static struct scenario *load_types(int months, const char *types, const char *extra)
{
    return ct_load(
        "2024-09", months, 1,
        "sw = { posts_fte = 24.0; initial_in_post_fte = 24.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; target_caseload = 17.3; };",
        types, extra);
}

/* The scenario of one case type and a demand model with a fixed-seed rng. */
struct fixture {
    struct scenario *sc;
    struct demand *d;
    gsl_rng *r;
};

static struct fixture open_type(const char *type, unsigned long seed)
{
    struct fixture f;
    f.sc = load_types(600, type, "");
    f.d = demand_alloc(f.sc);
    f.r = gsl_rng_alloc(rng_type());
    assert_non_null(f.d);
    assert_non_null(f.r);
    gsl_rng_set(f.r, seed);
    return f;
}

static void close_fixture(struct fixture *f)
{
    gsl_rng_free(f->r);
    demand_free(f->d);
    free(f->sc);
}

/* Sample mean and variance of n draws of a duration function; every draw must
 * be a whole number of months >= 1. */
typedef int (*duration_fn)(const struct demand *, const struct scenario *, gsl_rng *, int);

static void sample_durations(struct fixture *f, duration_fn draw, int n, double *mean, double *var)
{
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; i++) {
        int x = draw(f->d, f->sc, f->r, 0);
        if (x < 1)
            fail_msg("duration %d < 1 month", x);
        sum += x;
        sum2 += (double)x * x;
    }
    *mean = sum / n;
    *var = (sum2 - n * *mean * *mean) / (n - 1);
}

/* E[Y] and E[Y^2] of a whole number of months Y >= 1 from its tail,
 * tail(k) = P(Y > k) for k >= 1: E[Y] = sum_{k>=0} P(Y > k) and
 * E[Y^2] = sum_{k>=0} (2k + 1) P(Y > k). */
static void moments_from_tail(double (*tail)(double k, const double *p), const double *p,
                              double *m1, double *m2)
{
    *m1 = 1;
    *m2 = 1;
    for (int k = 1; k < 100000; k++) {
        double q = tail(k, p);
        *m1 += q;
        *m2 += (2.0 * k + 1) * q;
        if (q < 1e-17)
            break;
    }
}

/* p = {mu, sigma, mean} of the lognormal X. */
static double lognormal_tail(double k, const double *p)
{
    return gsl_cdf_lognormal_Q(k, p[0], p[1]);
}

/* The month-0 residual R = U x T, T length-biased: P(R > r) = E[(X - r)+] / E[X]
 * = Phi(d1) - r Phi(d2) / E[X], d1 = (mu + sigma^2 - ln r) / sigma, d2 = d1 - sigma. */
static double residual_tail(double k, const double *p)
{
    double d1 = (p[0] + p[1] * p[1] - log(k)) / p[1];
    return gsl_cdf_ugaussian_P(d1) - k * gsl_cdf_ugaussian_P(d1 - p[1]) / p[2];
}

static void lognormal_params(double mean, double sd, double *p)
{
    double v = log1p(sd * sd / (mean * mean));
    p[0] = log(mean) - v / 2;
    p[1] = sqrt(v);
    p[2] = mean;
}

/* ---- rates ---- */

/* Trend 4.37%/year, a seasonal profile and two shocks: +15% to type a from
 * 2025-03 (month 6) and -10% to every type from 2025-07 (month 10). */
static void test_demand_rate_combines_trend_season_and_shocks(void **state)
{
    (void)state;
    struct scenario *sc = load_types(
        24,
        "a = { arrivals_per_month = 23.7; mean_months = 7.3; };\n"
        "b = { arrivals_per_month = 7.9; mean_months = 4.1; };",
        "demand = { trend_per_year = 0.0437; seasonal = " SEASONAL "; };\n"
        "demand_shocks = { up = { month = \"2025-03\"; case_type = \"a\"; factor = 1.15; };\n"
        "  down = { month = \"2025-07\"; factor = 0.9; }; };\n");
    struct demand *d = demand_alloc(sc);
    assert_non_null(d);
    /* By hand: month 1 is October (1.09), month 12 September (1.04). */
    assert_close(demand_rate(d, 0, 1), 23.7 * pow(1.0437, 1 / 12.0) * 1.09, 1e-12);
    assert_close(demand_rate(d, 0, 5), 24.849945399017, 1e-9);  /* Feb: no shock yet */
    assert_close(demand_rate(d, 0, 6), 27.287270983648, 1e-9);  /* Mar: x 1.15 */
    assert_close(demand_rate(d, 1, 6), 7.909353908304, 1e-9);   /* b: no shock */
    assert_close(demand_rate(d, 0, 9), 25.610575712010, 1e-9);  /* Jun */
    assert_close(demand_rate(d, 0, 10), 22.623429401821, 1e-9); /* Jul: x 0.9 too */
    assert_close(demand_rate(d, 1, 10), 6.557515768644, 1e-9);
    assert_close(demand_rate(d, 0, 12), 23.7 * 1.0437 * 1.04 * 1.15 * 0.9, 1e-12);
    assert_close(demand_rate(d, 1, 24), 7.9 * 1.0437 * 1.0437 * 1.04 * 0.9, 1e-12);
    const double season[12] = {1.07, 1.03, 0.98, 0.94, 0.97, 0.91,
                               0.89, 0.93, 1.04, 1.09, 1.08, 1.07};
    double total = 0;
    for (int m = 1; m <= 24; m++) {
        double base = pow(1.0437, m / 12.0) * season[(8 + m) % 12] * (m >= 10 ? 0.9 : 1.0);
        double a = 23.7 * base * (m >= 6 ? 1.15 : 1.0), b = 7.9 * base;
        assert_close(demand_rate(d, 0, m), a, 1e-12 * a);
        assert_close(demand_rate(d, 1, m), b, 1e-12 * b);
        total += a + b;
    }
    assert_close(d->total, total, 1e-9 * total);
    demand_free(d);
    free(sc);
}

/* Arrivals over 600 months at 23.7 a month: Poisson, mean = variance. */
static void test_demand_arrivals_are_poisson(void **state)
{
    (void)state;
    struct fixture f = open_type("a = { arrivals_per_month = 23.7; mean_months = 7.3; };", 3511);
    const int reps = 60;
    const double lambda = 23.7;
    double sum = 0, sum2 = 0, n = 0;
    for (int k = 0; k < reps; k++)
        for (int m = 1; m <= f.sc->months; m++) {
            double x = demand_arrivals(f.d, f.r, 0, m);
            sum += x;
            sum2 += x * x;
            n++;
        }
    double mean = sum / n, var = (sum2 - n * mean * mean) / (n - 1);
    assert_close(mean, lambda, 4 * sqrt(lambda / n));
    /* var of a sample variance ~ (mu4 - sigma^4) / n, mu4 = lambda + 3 lambda^2 */
    assert_close(var, lambda, 4 * sqrt((lambda + 2 * lambda * lambda) / n));
    close_fixture(&f);
}

/* ---- durations ---- */

/* Geometric on {1, 2, ...} with mean 7.3: p = 1 / 7.3, variance (1 - p) / p^2,
 * P(D = 1) = p. */
static void test_demand_geometric_duration_has_the_mean(void **state)
{
    (void)state;
    struct fixture f = open_type("a = { arrivals_per_month = 1.0; mean_months = 7.3; };", 7207);
    const int n = 200000;
    const double p = 1 / 7.3, sigma2 = (1 - p) / (p * p);
    double sum = 0, sum2 = 0, ones = 0;
    for (int i = 0; i < n; i++) {
        int x = demand_duration(f.d, f.sc, f.r, 0);
        assert_true(x >= 1);
        sum += x;
        sum2 += (double)x * x;
        ones += x == 1;
    }
    double mean = sum / n, var = (sum2 - n * mean * mean) / (n - 1);
    assert_close(mean, 7.3, 4 * sqrt(sigma2 / n));
    assert_close(ones / n, p, 4 * sqrt(p * (1 - p) / n));
    /* var of a sample variance ~ (mu4 - sigma^4) / n; a geometric's excess
     * kurtosis is 6 + p^2 / (1 - p), so mu4 - sigma^4 = sigma^4 (8 + p^2 / (1 - p)) */
    assert_close(var, sigma2, 4 * sigma2 * sqrt((8 + p * p / (1 - p)) / n));
    close_fixture(&f);
}

static void test_demand_geometric_mean_1_is_always_1_month(void **state)
{
    (void)state;
    struct fixture f = open_type("a = { arrivals_per_month = 1.0; mean_months = 1.0; };", 11);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(demand_duration(f.d, f.sc, f.r, 0), 1);
        assert_int_equal(demand_residual_duration(f.d, f.sc, f.r, 0), 1);
    }
    close_fixture(&f);
}

/* ceil(X), X lognormal with mean 11.3 and sd 8.1: its mean is
 * E[ceil X] = sum_k P(X > k), between 11.3 and 12.3. */
static void test_demand_lognormal_duration_rounds_up(void **state)
{
    (void)state;
    struct fixture f = open_type("a = { arrivals_per_month = 1.0; duration = \"lognormal\";\n"
                                 "  mean_months = 11.3; sd_months = 8.1; };",
                                 9901);
    double p[3], m1, m2, mean, var;
    lognormal_params(11.3, 8.1, p);
    moments_from_tail(lognormal_tail, p, &m1, &m2);
    assert_true(m1 >= 11.3 && m1 < 12.3);
    const int n = 200000;
    sample_durations(&f, demand_duration, n, &mean, &var);
    assert_close(mean, m1, 4 * sqrt((m2 - m1 * m1) / n));
    close_fixture(&f);
}

/* At month 0 a geometric case's remaining duration is again geometric with
 * the same mean (memoryless). */
static void test_demand_geometric_residual_has_the_same_mean(void **state)
{
    (void)state;
    struct fixture f = open_type("a = { arrivals_per_month = 1.0; mean_months = 13.7; };", 4421);
    const int n = 200000;
    const double p = 1 / 13.7;
    double mean, var;
    sample_durations(&f, demand_residual_duration, n, &mean, &var);
    assert_close(mean, 13.7, 4 * sqrt((1 - p) / (p * p) / n));
    close_fixture(&f);
}

/* A lognormal case open at month 0 is length-biased with a uniform age: the
 * remaining time R has mean E[X^2] / (2 E[X]) = (sd^2 + mean^2) / (2 mean)
 * = 8.55 months here (not 11.3, nor half of it), and E[ceil R] comes from
 * P(R > k) in closed form. */
static void test_demand_lognormal_residual_is_length_biased(void **state)
{
    (void)state;
    struct fixture f = open_type("a = { arrivals_per_month = 1.0; duration = \"lognormal\";\n"
                                 "  mean_months = 11.3; sd_months = 8.1; };",
                                 6007);
    double p[3], m1, m2, mean, var;
    lognormal_params(11.3, 8.1, p);
    moments_from_tail(residual_tail, p, &m1, &m2);
    double er = (8.1 * 8.1 + 11.3 * 11.3) / (2 * 11.3);
    assert_true(m1 >= er && m1 < er + 1);
    const int n = 200000;
    sample_durations(&f, demand_residual_duration, n, &mean, &var);
    assert_close(mean, m1, 4 * sqrt((m2 - m1 * m1) / n));
    assert_close(var, m2 - m1 * m1, 0.1 * (m2 - m1 * m1));
    close_fixture(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demand_rate_combines_trend_season_and_shocks),
        cmocka_unit_test(test_demand_arrivals_are_poisson),
        cmocka_unit_test(test_demand_geometric_duration_has_the_mean),
        cmocka_unit_test(test_demand_geometric_mean_1_is_always_1_month),
        cmocka_unit_test(test_demand_lognormal_duration_rounds_up),
        cmocka_unit_test(test_demand_geometric_residual_has_the_same_mean),
        cmocka_unit_test(test_demand_lognormal_residual_is_length_biased),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_stats: replicate summaries against a GSL reference (sort the defined
 * values as doubles, then GSL's mean, sd and type-7 quantiles) and
 * hand-computed cases. */
#include "support/testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/stats.h"

/* The reference: defined values copied to double and sorted by gsl_sort. */
static void reference(const float *v, size_t stride, size_t n, struct summary *out)
{
    double *x = malloc((n > 0 ? n : 1) * sizeof *x);
    assert_non_null(x);
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (!isnan(v[k * stride]))
            x[m++] = v[k * stride];
    out->n = (int)m;
    if (m > 0) {
        gsl_sort(x, 1, m);
        out->mean = gsl_stats_mean(x, 1, m);
        out->sd = m > 1 ? gsl_stats_sd(x, 1, m) : 0.0;
        for (int i = 0; i < STATS_N_QUANTILES; i++)
            out->q[i] = gsl_stats_quantile_from_sorted_data(x, 1, m, stats_quantile_level(i));
    }
    free(x);
}

/* Summarise and compare with the reference: quantiles are order statistics
 * of the same doubles (exact); mean and sd to rounding. */
static void expect_matches_reference(const float *v, size_t stride, size_t n)
{
    struct stats_workspace *w = stats_workspace_alloc(n);
    struct summary got, want;
    assert_non_null(w);
    memset(&got, 0xA5, sizeof got);
    stats_summarise(v, stride, n, w, &got);
    reference(v, stride, n, &want);
    assert_int_equal(got.n, want.n);
    if (want.n > 0) {
        double scale = fabs(want.mean) + want.sd + 1e-300;
        assert_close(got.mean, want.mean, 1e-12 * scale);
        assert_close(got.sd, want.sd, 1e-12 * scale);
        for (int i = 0; i < STATS_N_QUANTILES; i++)
            assert_close(got.q[i], want.q[i], 0);
    }
    stats_workspace_free(w);
}

/* n values of every kind at stride `stride` (slots in between hold junk that
 * must be ignored); NaNs at the given rate. */
static float *awkward_values(gsl_rng *r, size_t n, size_t stride, double nan_rate)
{
    float *v = malloc(n * stride * sizeof *v);
    assert_non_null(v);
    for (size_t k = 0; k < n * stride; k++)
        v[k] = 1e30f; /* junk between the strided values */
    for (size_t k = 0; k < n; k++) {
        double u = gsl_rng_uniform(r);
        float x;
        switch (gsl_rng_uniform_int(r, 7)) {
        case 0: x = 0.0f; break;
        case 1: x = -0.0f; break;
        case 2: x = (float)(gsl_rng_uniform_int(r, 5) - 2); break; /* ties */
        case 3: x = (float)((u - 0.5) * 2e6); break;
        case 4: x = (float)((u - 0.7) * 3e-4); break;
        case 5: x = (float)(-1e-38 * u); break; /* subnormal negatives */
        default: x = (float)(u * 241.0237); break;
        }
        v[k * stride] = gsl_rng_uniform(r) < nan_rate ? NAN : x;
    }
    return v;
}

static void test_stats_summary_matches_gsl_on_awkward_values(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2411);
    static const size_t sizes[] = {2, 3, 7, 64, 65, 241, 2049, 4095, 4096, 10007};
    static const size_t strides[] = {1, 3, 17};
    for (size_t a = 0; a < sizeof sizes / sizeof sizes[0]; a++)
        for (size_t b = 0; b < sizeof strides / sizeof strides[0]; b++) {
            float *v = awkward_values(r, sizes[a], strides[b], 0.0);
            expect_matches_reference(v, strides[b], sizes[a]);
            free(v);
        }
    gsl_rng_free(r);
}

static void test_stats_nan_values_are_left_out(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 9137);
    float *v = awkward_values(r, 1237, 5, 0.237);
    expect_matches_reference(v, 5, 1237);
    struct stats_workspace *w = stats_workspace_alloc(1237);
    struct summary s;
    stats_summarise(v, 5, 1237, w, &s);
    int defined = 0;
    for (int k = 0; k < 1237; k++)
        defined += !isnan(v[k * 5]);
    assert_int_equal(s.n, defined);
    assert_true(s.n < 1237 - 200); /* about 290 NaNs */
    assert_false(isnan(s.mean) || isnan(s.sd) || isnan(s.q[2]));
    stats_workspace_free(w);
    free(v);
    gsl_rng_free(r);
}

static void test_stats_all_nan_gives_n_0(void **state)
{
    (void)state;
    const float v[] = {NAN, 5.0f, -NAN, 7.0f, NAN};
    struct stats_workspace *w = stats_workspace_alloc(3);
    struct summary s;
    s.n = 99;
    stats_summarise(v, 2, 3, w, &s);
    assert_int_equal(s.n, 0);
    stats_workspace_free(w);
}

static void test_stats_one_value_has_sd_0_and_equal_quantiles(void **state)
{
    (void)state;
    const float v[] = {NAN, NAN, -3.25f, NAN};
    struct stats_workspace *w = stats_workspace_alloc(4);
    struct summary s;
    stats_summarise(v, 1, 4, w, &s);
    assert_int_equal(s.n, 1);
    assert_close(s.mean, -3.25, 0);
    assert_close(s.sd, 0.0, 0);
    for (int i = 0; i < STATS_N_QUANTILES; i++)
        assert_close(s.q[i], -3.25, 0);
    stats_workspace_free(w);
}

/* Type 7 on {1..5}: q(p) = x[1 + 4p] interpolated: 1.2, 2, 3, 4, 4.8; mean 3,
 * sd sqrt(10 / 4). Given out of order and with a stride. */
static void test_stats_hand_quantiles_of_one_to_five(void **state)
{
    (void)state;
    const float v[] = {4, -1, 1, -1, 5, -1, 3, -1, 2, -1};
    const double q[STATS_N_QUANTILES] = {1.2, 2, 3, 4, 4.8};
    struct stats_workspace *w = stats_workspace_alloc(5);
    struct summary s;
    stats_summarise(v, 2, 5, w, &s);
    assert_int_equal(s.n, 5);
    assert_close(s.mean, 3.0, 1e-15);
    assert_close(s.sd, sqrt(2.5), 1e-15);
    for (int i = 0; i < STATS_N_QUANTILES; i++)
        assert_close(s.q[i], q[i], 1e-12);
    stats_workspace_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stats_summary_matches_gsl_on_awkward_values),
        cmocka_unit_test(test_stats_nan_values_are_left_out),
        cmocka_unit_test(test_stats_all_nan_gives_n_0),
        cmocka_unit_test(test_stats_one_value_has_sd_0_and_equal_quantiles),
        cmocka_unit_test(test_stats_hand_quantiles_of_one_to_five),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_keydist: keys files and the distributions' quantile functions. Each
 * quantile is checked against its closed form at chosen points; each error
 * of the reader is provoked and its message asserted. */
#include "support/testutil.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "wfsim/keydist.h"

/* Read `text` as a keys file; returns the reader's status. */
static int read_keys(const char *text, struct keydist *keys, int *n, struct error *e)
{
    error_clear(e);
    return keydist_read(testutil_write_file(2, text), keys, n, e);
}

static void test_keydist_reads_three_distributions_with_comments(void **state)
{
    (void)state;
    struct keydist k[VARY_MAX_KEYS];
    int n;
    struct error e;
    const char *text = "# the keys\n"
                       "\n"
                       "grades.sw.monthly_fill_probability uniform 0.031 0.072  # fills\n"
                       "  agency.cover_probability\tnormal 0.35 0.05\n"
                       "campaigns.overseas.hires triangular 0 8 15\r\n";
    if (read_keys(text, k, &n, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(n, 3);
    assert_string_equal(k[0].v.key, "grades.sw.monthly_fill_probability");
    assert_int_equal(k[0].kind, KEYDIST_UNIFORM);
    assert_int_equal(k[0].line, 3);
    assert_int_equal(k[1].kind, KEYDIST_NORMAL);
    assert_close(k[1].p[1], 0.05, 0);
    assert_int_equal(k[2].kind, KEYDIST_TRIANGULAR);
    assert_int_equal(k[2].v.type, KEY_INT);
    assert_int_equal(k[2].line, 5);
}

static void test_keydist_uniform_and_triangular_quantiles(void **state)
{
    (void)state;
    struct keydist k[VARY_MAX_KEYS];
    int n;
    struct error e;
    if (read_keys("finance.advert_cost_gbp uniform 417 2371\n"
                  "finance.discount_rate triangular 0.013 0.035 0.061\n",
                  k, &n, &e) != 0)
        fail_msg("%s", e.msg);
    assert_close(keydist_value(&k[0], 0), 417, 0);
    assert_close(keydist_value(&k[0], 0.3125), 417 + 0.3125 * 1954, 1e-9);
    /* triangular: F(mode) = (mode - lo) / (hi - lo) = 0.022 / 0.048, and
     * below it F(x) = (x - lo)^2 / ((hi - lo)(mode - lo)) */
    double fc = 0.022 / 0.048;
    assert_close(keydist_value(&k[1], fc), 0.035, 1e-12);
    double x = 0.021;
    double u = (x - 0.013) * (x - 0.013) / (0.048 * 0.022);
    assert_close(keydist_value(&k[1], u), x, 1e-12);
    x = 0.05; /* above the mode: 1 - F(x) = (hi - x)^2 / ((hi - lo)(hi - mode)) */
    u = 1 - (0.061 - x) * (0.061 - x) / (0.048 * 0.026);
    assert_close(keydist_value(&k[1], u), x, 1e-12);
    assert_close(keydist_value(&k[1], 1), 0.061, 1e-15);
}

static void test_keydist_normal_is_truncated_to_the_key_range(void **state)
{
    (void)state;
    struct keydist k[VARY_MAX_KEYS];
    int n;
    struct error e;
    /* range [0, 1]: the cut below 0 is P(Z < -0.048 / 0.029) = 4.9% */
    if (read_keys("grades.sw.monthly_fill_probability normal 0.048 0.029\n", k, &n, &e) != 0)
        fail_msg("%s", e.msg);
    double lo = gsl_cdf_ugaussian_P(-0.048 / 0.029), hi = gsl_cdf_ugaussian_P(0.952 / 0.029);
    assert_close(k[0].cdf_lo, lo, 1e-15);
    for (double u = 0.0625; u < 1; u += 0.125) {
        double want = 0.048 + 0.029 * gsl_cdf_ugaussian_Pinv(lo + u * (hi - lo));
        assert_close(keydist_value(&k[0], u), want, 1e-12);
    }
    assert_close(keydist_value(&k[0], 0), 0, 0);
}

static void test_keydist_integer_keys_take_whole_values(void **state)
{
    (void)state;
    struct keydist k[VARY_MAX_KEYS];
    int n;
    struct error e;
    if (read_keys("campaigns.c.hires uniform 7 9\ncampaigns.c.lead_months normal 6 1.3\n", k, &n,
                  &e) != 0)
        fail_msg("%s", e.msg);
    /* uniform: 7, 8 and 9 with a third each */
    assert_close(keydist_value(&k[0], 0), 7, 0);
    assert_close(keydist_value(&k[0], 0.333), 7, 0);
    assert_close(keydist_value(&k[0], 0.334), 8, 0);
    assert_close(keydist_value(&k[0], 0.666), 8, 0);
    assert_close(keydist_value(&k[0], 0.667), 9, 0);
    assert_close(keydist_value(&k[0], 0.9999), 9, 0);
    /* normal: rounded to the nearest (6 + 1.3 x 0.4 = 6.52 -> 7) */
    assert_close(keydist_value(&k[1], gsl_cdf_ugaussian_P(0.4) * k[1].cdf_hi), 7, 0);
    assert_close(keydist_value(&k[1], 0.5), 6, 0);
}

/* The reader refuses `text` with "FILE:LINE: rest". */
static void expect_refused(const char *text, int line, const char *rest)
{
    struct keydist k[VARY_MAX_KEYS];
    int n;
    struct error e;
    int rc = read_keys(text, k, &n, &e);
    char want[1024];
    if (line > 0)
        snprintf(want, sizeof want, "%s:%d: %s", testutil_write_file(2, text), line, rest);
    else
        snprintf(want, sizeof want, "%s: %s", testutil_write_file(2, text), rest);
    if (rc == 0 || e.kind != ERROR_INPUT || strcmp(e.msg, want) != 0)
        fail_msg("got %d \"%s\", expected \"%s\"", rc, e.msg, want);
}

#define FORMS "KEY uniform LO HI, KEY normal MEAN SD or KEY triangular LO MODE HI"

static void test_keydist_refuses_bad_lines(void **state)
{
    (void)state;
    expect_refused("# x\ngrades.sw.monthly_fill_probabilty uniform 0 1\n", 2,
                   "grades.sw.monthly_fill_probabilty: unknown key (wfsim keys lists them)");
    expect_refused("grades.sw.label uniform 0 1\n", 1,
                   "grades.sw.label: only a numeric key can be varied");
    expect_refused("finance.discount_rate beta 2 3\n", 1,
                   "finance.discount_rate: unknown distribution \"beta\" (a line is " FORMS ")");
    expect_refused("finance.discount_rate\n", 1,
                   "finance.discount_rate: no distribution (a line is " FORMS ")");
    expect_refused("finance.discount_rate uniform 0.01\n", 1,
                   "finance.discount_rate: expected uniform LO HI with numbers (got \"uniform "
                   "0.01\")");
    expect_refused("finance.discount_rate triangular 0.01 x 0.05\n", 1,
                   "finance.discount_rate: expected triangular LO MODE HI with numbers (got "
                   "\"triangular 0.01 x 0.05\")");
    expect_refused("finance.discount_rate uniform 0.05 0.01\n", 1,
                   "finance.discount_rate: LO must be below HI (got 0.05 0.01)");
    expect_refused("agency.cover_probability uniform 0.2 1.2\n", 1,
                   "agency.cover_probability: HI 1.2 is outside the key's range [0, 1]");
    expect_refused("finance.discount_rate triangular 0.01 0.06 0.05\n", 1,
                   "finance.discount_rate: needs LO < HI and LO <= MODE <= HI (got 0.01 0.06 "
                   "0.05)");
    expect_refused("finance.discount_rate normal 0.035 0\n", 1,
                   "finance.discount_rate: SD must be above 0 (got 0)");
    expect_refused("agency.cover_probability normal 0.05 0.05\n", 1,
                   "agency.cover_probability: the key's range [0, 1] would cut 15.9% of normal "
                   "0.05 0.05, more than 5% (a smaller SD, or uniform or triangular)");
    expect_refused("campaigns.c.hires uniform 2.5 9\n", 1,
                   "campaigns.c.hires: LO: an integer key takes whole numbers (got 2.5)");
    expect_refused("finance.discount_rate uniform 0 0.1\nagency.cover_probability uniform 0 1\n"
                   "finance.discount_rate normal 0.035 0.01\n",
                   3, "finance.discount_rate: given twice (first at line 1)");
    expect_refused("simulation.replicates uniform 10 20\n", 1,
                   "simulation.replicates: the simulation's keys (seed, replicates, months) "
                   "cannot vary");
    expect_refused("# nothing\n\n", 0, "no keys (a line is " FORMS ")");
}

static void test_keydist_refuses_more_than_twenty_keys(void **state)
{
    (void)state;
    char text[4096] = "";
    for (int i = 0; i < 21; i++) {
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "campaigns.c%d.hires uniform 1 5\n", i);
    }
    expect_refused(text, 21,
                   "campaigns.c20.hires: at most 20 keys (the Sobol' sequence has 2 x 20 "
                   "dimensions)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keydist_reads_three_distributions_with_comments),
        cmocka_unit_test(test_keydist_uniform_and_triangular_quantiles),
        cmocka_unit_test(test_keydist_normal_is_truncated_to_the_key_range),
        cmocka_unit_test(test_keydist_integer_keys_take_whole_values),
        cmocka_unit_test(test_keydist_refuses_bad_lines),
        cmocka_unit_test(test_keydist_refuses_more_than_twenty_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

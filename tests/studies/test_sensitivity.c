/* test_sensitivity: Sobol' indices on outcomes whose variance shares are
 * known. A vacancy rate that depends on the fill probability alone gives it
 * total and first-order indices near 1, and keys that cannot touch it
 * (finance) exactly 0 (common random numbers: their rows give the same
 * bytes). A recruitment cost that is linear in the advert and hire costs,
 * c = a x advert + h x hire with a and h fixed by the draws, has the shares
 * a^2 w_a^2 / (a^2 w_a^2 + h^2 w_h^2) for uniform keys of widths w (the
 * variance of a uniform is w^2 / 12), first-order equal to total. */
#include "support/testutil.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "wfsim/sensitivity.h"

#define TINY                                                                                       \
    "name = \"tiny\";\n"                                                                           \
    "simulation = { start = \"2024-09\"; months = 24; replicates = 20; seed = 2417L; };\n"         \
    "grades = { sw = { posts_fte = 23.0; initial_in_post_fte = 20.0;\n"                            \
    "  annual_leaving_rate = 0.2; monthly_fill_probability = 0.1; }; };\n"

static const char *out_dir(int n)
{
    static char dir[128];
    snprintf(dir, sizeof dir, "/tmp/wfsim-test-sensitivity-%d-%d", (int)getpid(), n);
    return dir;
}

/* A study of the tiny scenario with the keys `keys` and one metric. */
static struct sensitivity *study(struct sensitivity_request *rq, const char *keys, int n_metrics,
                                 const char *const *metric, int samples, int threads)
{
    static const char *files[1];
    files[0] = testutil_write_file(0, TINY);
    struct sensitivity_request r = {1,       files, 0,         NULL,   testutil_write_file(3, keys),
                                    samples, 200,   n_metrics, metric, threads,
                                    NULL,    NULL};
    *rq = r;
    struct error e = {ERROR_NONE, ""};
    struct sensitivity *s = sensitivity_alloc(rq, &e);
    if (s == NULL || sensitivity_run(s, &e) != 0)
        fail_msg("%s", e.msg);
    return s;
}

static void test_sensitivity_one_key_explains_the_vacancy_rate(void **state)
{
    (void)state;
    static const char *const metric[] = {"vacancy_rate"};
    struct sensitivity_request rq;
    struct sensitivity *s = study(&rq,
                                  "finance.advert_cost_gbp uniform 417 2371\n"
                                  "grades.sw.monthly_fill_probability uniform 0.041 0.163\n"
                                  "finance.discount_rate triangular 0.013 0.035 0.061\n",
                                  1, metric, 256, 2);
    assert_int_equal(s->n_evaluations, 256 * 5);
    assert_int_equal(s->n_years, 2);
    for (int y = 0; y < s->n_years; y++) {
        const struct sensitivity_index *fill = sensitivity_index_of(s, 0, y, 1);
        assert_close(fill->total, 1, 0.1);
        assert_close(fill->first, 1, 0.1);
        assert_true(fill->total_p05 <= fill->total && fill->total <= fill->total_p95);
        for (int key = 0; key < 3; key += 2) {
            const struct sensitivity_index *x = sensitivity_index_of(s, 0, y, key);
            assert_true(fabs(x->total) <= 1e-12);
            assert_true(fabs(x->first) <= 1e-12);
            assert_true(fabs(x->total_p95) <= 1e-12);
        }
    }
    sensitivity_free(s);
}

/* The mean over replicates of the year's recruitment cost with the advert
 * and hire costs set. */
static double recruitment_cost(double advert, double hire, int y)
{
    char a[64], h[64];
    snprintf(a, sizeof a, "finance.advert_cost_gbp=%.1f", advert);
    snprintf(h, sizeof h, "finance.hire_cost_gbp=%.1f", hire);
    const char *sets[] = {a, h};
    struct scenario *sc = testutil_load_new(TINY, NULL, 2, sets);
    struct run_store st;
    testutil_run(sc, 2, &st);
    double sum = 0;
    int series = metrics_series(M_COST_RECRUITMENT, 0, sc->n_grades);
    for (int k = 0; k < st.replicates; k++)
        sum += engine_annual(&st, k, series)[y];
    engine_store_destroy(&st);
    free(sc);
    return sum / 20;
}

static void test_sensitivity_additive_cost_has_its_hand_computed_shares(void **state)
{
    (void)state;
    static const char *const metric[] = {"cost_recruitment"};
    struct sensitivity_request rq;
    struct sensitivity *s = study(&rq,
                                  "finance.advert_cost_gbp uniform 417 2371\n"
                                  "finance.hire_cost_gbp uniform 1213 4129\n",
                                  1, metric, 256, 2);
    for (int y = 0; y < s->n_years; y++) {
        double a = recruitment_cost(1000, 0, y) / 1000, h = recruitment_cost(0, 1000, y) / 1000;
        double va = a * a * 1954.0 * 1954.0, vh = h * h * 2916.0 * 2916.0;
        double share[2] = {va / (va + vh), vh / (va + vh)};
        assert_true(share[0] > 0.2 && share[0] < 0.8); /* neither key trivial */
        for (int key = 0; key < 2; key++) {
            const struct sensitivity_index *x = sensitivity_index_of(s, 0, y, key);
            assert_true(x->first_p05 <= share[key] && share[key] <= x->first_p95);
            assert_true(x->total_p05 <= share[key] && share[key] <= x->total_p95);
            assert_close(x->first, share[key], 0.05);
            assert_close(x->total, share[key], 0.05);
        }
    }
    sensitivity_free(s);
}

static void test_sensitivity_same_bytes_for_any_thread_count(void **state)
{
    (void)state;
    static const char *const metric[] = {"vacancy_rate", "cost_total_npv_cum"};
    char *text[2][2];
    const char *keys = "grades.sw.monthly_fill_probability normal 0.1 0.02\n"
                       "grades.sw.annual_leaving_rate uniform 0.12 0.27\n";
    for (int t = 0; t < 2; t++) {
        struct sensitivity_request rq;
        struct sensitivity *s = study(&rq, keys, 2, metric, 16, t + 1);
        struct error e = {ERROR_NONE, ""};
        testutil_remove_dir(out_dir(t));
        if (sensitivity_write(s, out_dir(t), "wfsim sensitivity (test)", &e) != 0)
            fail_msg("%s", e.msg);
        char path[256];
        snprintf(path, sizeof path, "%s/sensitivity.csv", out_dir(t));
        text[t][0] = testutil_read_file(path);
        snprintf(path, sizeof path, "%s/samples.csv", out_dir(t));
        text[t][1] = testutil_read_file(path);
        sensitivity_free(s);
    }
    assert_string_equal(text[0][0], text[1][0]);
    assert_string_equal(text[0][1], text[1][1]);
    /* a header and N (d + 2) rows */
    int lines = 0;
    for (const char *c = text[0][1]; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 1 + 16 * 4);
    for (int t = 0; t < 2; t++) {
        free(text[t][0]);
        free(text[t][1]);
        testutil_remove_dir(out_dir(t));
    }
}

static void test_sensitivity_refuses_an_unknown_metric_and_a_missing_entry(void **state)
{
    (void)state;
    static const char *files[1];
    files[0] = testutil_write_file(0, TINY);
    static const char *const metric[] = {"vacancy_rat"};
    struct sensitivity_request rq = {
        1,    files, 0, NULL,   testutil_write_file(3, "finance.discount_rate uniform 0 0.1\n"),
        16,   10,    1, metric, 1,
        NULL, NULL};
    struct error e = {ERROR_NONE, ""};
    assert_null(sensitivity_alloc(&rq, &e));
    assert_string_equal(e.msg, "--metric: vacancy_rat: not a metric of scenario tiny (wfsim "
                               "metrics lists them; grades add .<grade>)");
    rq.n_metrics = 0;
    rq.keys_path = testutil_write_file(3, "# x\ngrades.sp.annual_leaving_rate uniform 0.1 0.2\n");
    error_clear(&e);
    assert_null(sensitivity_alloc(&rq, &e));
    char want[256];
    snprintf(want, sizeof want,
             "%s:2: grades.sp.annual_leaving_rate: scenario tiny has no such entry", rq.keys_path);
    assert_string_equal(e.msg, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sensitivity_one_key_explains_the_vacancy_rate),
        cmocka_unit_test(test_sensitivity_additive_cost_has_its_hand_computed_shares),
        cmocka_unit_test(test_sensitivity_same_bytes_for_any_thread_count),
        cmocka_unit_test(test_sensitivity_refuses_an_unknown_metric_and_a_missing_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

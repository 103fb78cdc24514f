/* test_engine: the run store does not depend on the thread count or on how
 * many replicates run, and annual figures follow the DfE reporting year
 * (October to September) by each metric's rule. */
#include "support/testutil.h"

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "model/model.h"

/* Two grades with promotion, an intake, a campaign and growth, so every
 * random stream is used. */
static const char *const TWO_GRADES =
    "name = \"engine\";\n"
    "simulation = { start = \"2024-09\"; months = 40; replicates = 13; seed = 513L; };\n"
    "grades = {\n"
    "  nqsw = { posts_fte = 13.4; initial_in_post_fte = 9.6; tenure_mix = [0.6, 0.4, 0.0, 0.0];\n"
    "    annual_leaving_rate = 0.1913; monthly_fill_probability = 0.0377; };\n"
    "  sw = { posts_fte = 88.3; initial_in_post_fte = 69.1; initial_agency_fte = 14.2;\n"
    "    annual_leaving_rate = 0.1579; monthly_fill_probability = 0.0529;\n"
    "    promotion_from = \"nqsw\"; internal_fill_share = 0.21; };\n"
    "};\n"
    "entry_routes = { nqsw = { grade = \"nqsw\"; month = 9; hires = 6; pass_rate = 0.97;\n"
    "  completion_grade = \"sw\"; grant_gbp = 2000.0; }; };\n"
    "campaigns = { spring = { month = \"2025-04\"; grade = \"sw\"; hires = 7; lead_months = 3; "
    "}; };\n"
    "establishment_changes = { more = { month = \"2026-02\"; grade = \"sw\"; change_fte = 4.6; "
    "}; };\n";

static struct scenario *load_with(const char *set)
{
    struct scenario *sc = testutil_load_new(TWO_GRADES, NULL, set != NULL, &set);
    return sc;
}

/* Floats of one replicate's slice: monthly or annual. */
static size_t monthly_floats(const struct run_store *s)
{
    return (size_t)s->n_series * (size_t)s->months;
}

static size_t annual_floats(const struct run_store *s)
{
    return (size_t)s->n_series * (size_t)s->n_years;
}

static void test_engine_store_is_identical_for_1_2_and_3_threads(void **state)
{
    (void)state;
    struct scenario *sc = load_with(NULL);
    struct run_store one, st;
    testutil_run(sc, 1, &one);
    assert_int_equal(one.n_years, 3);
    for (int threads = 2; threads <= 3; threads++) {
        testutil_run(sc, threads, &st);
        assert_int_equal(st.replicates, 13);
        assert_memory_equal(st.monthly, one.monthly, 13 * monthly_floats(&one) * sizeof(float));
        assert_memory_equal(st.annual, one.annual, 13 * annual_floats(&one) * sizeof(float));
        engine_store_destroy(&st);
    }
    /* and replicates differ from each other */
    assert_memory_not_equal(engine_monthly(&one, 0, 0), engine_monthly(&one, 1, 0),
                            monthly_floats(&one) * sizeof(float));
    engine_store_destroy(&one);
    free(sc);
}

static void test_engine_replicate_does_not_depend_on_the_replicate_count(void **state)
{
    (void)state;
    struct scenario *sc = load_with(NULL);
    struct run_store ten, forty;
    sc->replicates = 10;
    testutil_run(sc, 2, &ten);
    sc->replicates = 40;
    testutil_run(sc, 3, &forty);
    assert_memory_equal(engine_monthly(&ten, 5, 0), engine_monthly(&forty, 5, 0),
                        monthly_floats(&ten) * sizeof(float));
    assert_memory_equal(engine_annual(&ten, 5, 0), engine_annual(&forty, 5, 0),
                        annual_floats(&ten) * sizeof(float));
    engine_store_destroy(&ten);
    engine_store_destroy(&forty);
    free(sc);
}

static int same_float(float a, float b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Every metric series of every replicate: SUM metrics add the 12 months
 * October to September, END metrics take September, MEAN metrics the sum
 * over 12. */
static void expect_annual_figures(const struct run_store *st, int n_grades)
{
    const struct metric_desc *md = metrics_table();
    for (int k = 0; k < st->replicates; k++)
        for (int series = 0; series < metrics_n_series(n_grades); series++) {
            const float *v = engine_monthly(st, k, series);
            const float *a = engine_annual(st, k, series);
            enum annual_rule rule = md[series / (n_grades + 1)].annual;
            for (int y = 0; y < st->n_years; y++) {
                int end = st->year_end[y];
                double sum = 0;
                for (int m = end - 11; m <= end; m++)
                    sum += v[m];
                float want = rule == ANNUAL_END   ? v[end]
                             : rule == ANNUAL_SUM ? (float)sum
                                                  : (float)(sum / 12);
                if (!same_float(a[y], want))
                    fail_msg("replicate %d series %d year %d: %g, expected %g", k, series,
                             st->year[y], a[y], want);
            }
        }
}

static void expect_rule(int metric, enum annual_rule rule)
{
    assert_int_equal(metrics_table()[metric].annual, rule);
}

/* Start 2024-09, 40 months: years 2025, 2026 and 2027 end at months 12, 24
 * and 36 (month 1 is October 2024). */
static void test_engine_annual_figures_from_a_september_start(void **state)
{
    (void)state;
    struct scenario *sc = load_with(NULL);
    struct run_store st;
    testutil_run(sc, 2, &st);
    assert_int_equal(st.n_years, 3);
    for (int y = 0; y < 3; y++) {
        assert_int_equal(st.year[y], 2025 + y);
        assert_int_equal(st.year_end[y], 12 + 12 * y);
    }
    expect_rule(M_LEAVERS_FTE, ANNUAL_SUM);
    expect_rule(M_STARTERS_FTE, ANNUAL_SUM);
    expect_rule(M_IN_POST_FTE, ANNUAL_END);
    expect_rule(M_VACANCY_RATE, ANNUAL_END);
    expect_annual_figures(&st, sc->n_grades);
    /* a flow's year is not a stock's September value */
    int lv = metrics_series(M_LEAVERS_FTE, 0, sc->n_grades);
    assert_true(engine_annual(&st, 0, lv)[0] > engine_monthly(&st, 0, lv)[12]);
    engine_store_destroy(&st);
    free(sc);
}

/* Start 2025-01, 40 months: September 2025 is month 8, before a whole year
 * has run, so the first complete year is 2026 (months 9 to 20), then 2027
 * (to month 32); September 2028 would be month 44. */
static void test_engine_annual_figures_from_a_january_start(void **state)
{
    (void)state;
    struct scenario *sc = load_with("simulation.start=\"2025-01\"");
    struct run_store st;
    testutil_run(sc, 2, &st);
    assert_int_equal(st.n_years, 2);
    assert_int_equal(st.year[0], 2026);
    assert_int_equal(st.year_end[0], 20);
    assert_int_equal(st.year[1], 2027);
    assert_int_equal(st.year_end[1], 32);
    expect_annual_figures(&st, sc->n_grades);
    engine_store_destroy(&st);
    free(sc);
}

/* Bytes held by the allocator now (small blocks and mmapped ones). */
static double heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (double)mi.uordblks + (double)mi.hblkhd;
}

/* The estimate covers what a run really allocates, on the example council
 * (with case types): the run store engine_run leaves allocated, plus per
 * thread a model (measured around model_alloc) and the thread's history and
 * row; and it is not far above that (the allocator allowance of 64 KiB a
 * thread). */
static void test_engine_memory_estimate_covers_the_run(void **state)
{
    (void)state;
    if (TESTUTIL_ASAN)
        skip(); /* mallinfo2 does not see the sanitizer's allocator */
    static struct scenario sc;
    struct error e = {ERROR_NONE, ""};
    const char *files[] = {"scenarios/example_la.cfg"};
    const struct assignment sets[] = {{"--set", "simulation.months=60"},
                                      {"--set", "simulation.replicates=40"}};
    if (scenario_load_files(&sc, 1, files, 2, sets, &e) != 0)
        fail_msg("%s", e.msg);
    assert_true(sc.n_case_types > 0);
    double before = heap_in_use();
    struct run_store st;
    testutil_run(&sc, 1, &st);
    double store = heap_in_use() - before;
    engine_store_destroy(&st);
    before = heap_in_use();
    struct model *m = model_alloc(&sc);
    double model = heap_in_use() - before;
    model_free(m);
    double thread = model + sizeof(struct metrics_history) + metrics_total_series(&sc) * 4.0;
    for (int threads = 1; threads <= 3; threads++) {
        double estimate = (double)engine_memory_estimate(&sc, threads);
        if (estimate < store + threads * thread || estimate > store + threads * (thread + 65536))
            fail_msg("%d threads: estimate %.0f, store %.0f + model %.0f a thread", threads,
                     estimate, store, model);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_store_is_identical_for_1_2_and_3_threads),
        cmocka_unit_test(test_engine_replicate_does_not_depend_on_the_replicate_count),
        cmocka_unit_test(test_engine_annual_figures_from_a_september_start),
        cmocka_unit_test(test_engine_annual_figures_from_a_january_start),
        cmocka_unit_test(test_engine_memory_estimate_covers_the_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

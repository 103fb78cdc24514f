/* test_caseload_errors: every bad caseload input with its exact
 * "file:line: key: message (got X)", and demand beyond capacity running to
 * the end with a growing waiting list. */
#include "support/caseload_testutil.h"

/* Line numbers the tests rely on: sw's target on line 5, case type a's
 * arrivals, mean and one more key on lines 11-13, top-level extras from 16. */
#define TARGET "target_caseload = 17.3;"
#define ARRIVALS "arrivals_per_month = 23.7;"
#define MEAN "mean_months = 7.3;"

static const char *scenario_text(const char *target, const char *arrivals, const char *mean,
                                 const char *line13, const char *tail)
{
    static char text[2048];
    snprintf(text, sizeof text,
             "name = \"t\";\n"                                       /* 1 */
             "simulation = { start = \"2024-09\"; months = 24; };\n" /* 2 */
             "grades = {\n"                                          /* 3 */
             "  sw = { posts_fte = 24.0; initial_in_post_fte = 20.0; annual_leaving_rate = 0.1;\n"
             "    monthly_fill_probability = 0.05; %s };\n" /* 5 */
             "  tm = { posts_fte = 3.0; initial_in_post_fte = 3.0; annual_leaving_rate = 0.1;\n"
             "    monthly_fill_probability = 0.05; holds_cases = false; };\n" /* 7 */
             "};\n"                                                           /* 8 */
             "case_types = {\n"                                               /* 9 */
             "  a = {\n"                                                      /* 10 */
             "    %s\n    %s\n    %s\n"                                       /* 11-13 */
             "  };\n"                                                         /* 14 */
             "};\n%s",                                                        /* 15 */
             target, arrivals, mean, line13, tail);
    return text;
}

/* The base scenario with one changed line (13) or a tail from line 16. */
#define WITH_LINE13(line) scenario_text(TARGET, ARRIVALS, MEAN, (line), "")
#define WITH_TAIL(tail) scenario_text(TARGET, ARRIVALS, MEAN, "", (tail))

/* Loading fails with exactly "<file>:<line>: <rest>". */
static void expect_ok(const char *text)
{
    struct scenario sc;
    struct error e;
    if (testutil_load(&sc, text, NULL, 0, NULL, &e) != 0)
        fail_msg("did not load: %s", e.msg);
}

static void test_caseload_errors_base_scenario_loads(void **state)
{
    (void)state;
    expect_ok(WITH_LINE13("")); /* tm holds no cases and needs no target */
    /* without case types no grade needs a target */
    expect_ok("name = \"t\";\nsimulation = { start = \"2024-09\"; months = 24; };\n"
              "grades = { sw = { posts_fte = 24.0; initial_in_post_fte = 20.0;\n"
              "  annual_leaving_rate = 0.1; monthly_fill_probability = 0.05; }; };\n");
    /* a lognormal mean may be below a month; the last month may have a shock */
    expect_ok(scenario_text(TARGET, ARRIVALS, "mean_months = 0.73;",
                            "duration = \"lognormal\"; sd_months = 0.21;",
                            "demand_shocks = { s = { month = \"2026-09\"; factor = 1.15; }; };\n"));
}

static void test_caseload_errors_duration_must_be_positive(void **state)
{
    (void)state;
    testutil_expect_error(scenario_text(TARGET, ARRIVALS, "mean_months = 0.0;", "", ""), 12,
                          "case_types.a.mean_months: must be > 0 (got 0)");
    testutil_expect_error(scenario_text(TARGET, ARRIVALS, "mean_months = -2.5;", "", ""), 12,
                          "case_types.a.mean_months: must be > 0 (got -2.5)");
    testutil_expect_error(scenario_text(TARGET, ARRIVALS, "mean_months = 0.0;",
                                        "duration = \"lognormal\"; sd_months = 3.1;", ""),
                          12, "case_types.a.mean_months: must be > 0 (got 0)");
}

static void test_caseload_errors_geometric_mean_below_1(void **state)
{
    (void)state;
    testutil_expect_error(scenario_text(TARGET, ARRIVALS, "mean_months = 0.73;", "", ""), 12,
                          "case_types.a.mean_months: must be at least 1 for a geometric duration "
                          "(got 0.73)");
    testutil_expect_error(
        scenario_text(TARGET, ARRIVALS, "mean_months = 0.73;", "duration = \"geometric\";", ""), 12,
        "case_types.a.mean_months: must be at least 1 for a geometric duration "
        "(got 0.73)");
}

static void test_caseload_errors_lognormal_needs_sd(void **state)
{
    (void)state;
    testutil_expect_error(WITH_LINE13("duration = \"lognormal\"; sd_months = 0.0;"), 13,
                          "case_types.a.sd_months: must be > 0 for a lognormal duration (got 0)");
    testutil_expect_error(WITH_LINE13("duration = \"lognormal\"; sd_months = -1.0;"), 13,
                          "case_types.a.sd_months: must be in [0, 600] (got -1)");
}

static void test_caseload_errors_negative_arrivals(void **state)
{
    (void)state;
    testutil_expect_error(scenario_text(TARGET, "arrivals_per_month = -1.0;", MEAN, "", ""), 11,
                          "case_types.a.arrivals_per_month: must be in [0, 10000000] (got -1)");
}

static void test_caseload_errors_seasonal_needs_12_positive_values(void **state)
{
    (void)state;
    testutil_expect_error(
        WITH_TAIL("demand = {\n"
                  "  seasonal = [1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9];\n"
                  "};\n"),
        17, "demand.seasonal: must be an array of 12 numbers (got 11 values)");
    testutil_expect_error(
        WITH_TAIL("demand = {\n"
                  "  seasonal = [1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9,\n"
                  "              1.0, 1.0];\n"
                  "};\n"),
        17, "demand.seasonal: must be an array of 12 numbers (got 13 values)");
    testutil_expect_error(
        WITH_TAIL("demand = {\n"
                  "  seasonal = [1.1, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9, "
                  "1.0];\n"
                  "};\n"),
        17, "demand.seasonal: must be > 0 (got 0)");
}

static void test_caseload_errors_weight_must_be_positive(void **state)
{
    (void)state;
    testutil_expect_error(WITH_LINE13("weight = 0.0;"), 13,
                          "case_types.a.weight: must be > 0 (got 0)");
    testutil_expect_error(WITH_LINE13("weight = -1.5;"), 13,
                          "case_types.a.weight: must be > 0 (got -1.5)");
}

static void test_caseload_errors_case_holders_need_a_target(void **state)
{
    (void)state;
    testutil_expect_error(
        scenario_text("target_caseload = 0.0;", ARRIVALS, MEAN, "", ""), 5,
        "grades.sw.target_caseload: must be > 0 for a case-holding grade (got 0)");
    testutil_expect_error(scenario_text("target_caseload = -3.0;", ARRIVALS, MEAN, "", ""), 5,
                          "grades.sw.target_caseload: must be in [0, 100] (got -3)");
}

/* A key that is absent is reported at its group (sw on line 4, a on line
 * 10), as a missing required key is (scenario.c read_table), not at line 1. */
static void test_caseload_errors_missing_target_names_the_grade(void **state)
{
    (void)state;
    testutil_expect_error(
        scenario_text("", ARRIVALS, MEAN, "", ""), 4,
        "grades.sw.target_caseload: must be > 0 for a case-holding grade (got 0)");
}

static void test_caseload_errors_missing_sd_names_the_case_type(void **state)
{
    (void)state;
    testutil_expect_error(WITH_LINE13("duration = \"lognormal\";"), 10,
                          "case_types.a.sd_months: must be > 0 for a lognormal duration (got 0)");
}

static void test_caseload_errors_shock_names_a_case_type(void **state)
{
    (void)state;
    testutil_expect_error(
        WITH_TAIL("demand_shocks = {\n"
                  "  s = { month = \"2025-03\"; case_type = \"cpp\"; factor = 1.15; };\n"
                  "};\n"),
        17, "demand_shocks.s.case_type: unknown case type (got \"cpp\")");
}

static void test_caseload_errors_shock_within_the_horizon(void **state)
{
    (void)state;
    testutil_expect_error(WITH_TAIL("demand_shocks = {\n"
                                    "  s = { month = \"2024-09\"; factor = 1.15; };\n"
                                    "};\n"),
                          17,
                          "demand_shocks.s.month: must fall within the horizon, after month 0 "
                          "(got 2024-09)");
    testutil_expect_error(
        WITH_TAIL("demand_shocks = {\n"
                  "  s = { month = \"2026-10\"; case_type = \"a\"; factor = 1.15; };\n"
                  "};\n"),
        17,
        "demand_shocks.s.month: must fall within the horizon, after month 0 "
        "(got 2026-10)");
    testutil_expect_error(WITH_TAIL("demand_shocks = {\n"
                                    "  s = { month = \"2025-01\"; factor = 0.0; };\n"
                                    "};\n"),
                          17, "demand_shocks.s.factor: must be > 0 (got 0)");
}

static void test_caseload_errors_preferred_grade_holds_cases(void **state)
{
    (void)state;
    testutil_expect_error(
        WITH_LINE13("preferred_grade = \"swx\";"), 13,
        "case_types.a.preferred_grade: unknown grade (got \"swx\"; grades are sw, tm)");
    testutil_expect_error(
        WITH_LINE13("preferred_grade = \"tm\";"), 13,
        "case_types.a.preferred_grade: must name a case-holding grade (got \"tm\")");
}

static void test_caseload_errors_choices(void **state)
{
    (void)state;
    testutil_expect_error(WITH_TAIL("caseload = { overflow = \"spill\"; };\n"), 16,
                          "caseload.overflow: must be one of queue|over_target (got \"spill\")");
    testutil_expect_error(
        WITH_LINE13("duration = \"weibull\";"), 13,
        "case_types.a.duration: must be one of geometric|lognormal (got \"weibull\")");
}

/* Demand far beyond capacity (queue mode) is not an error: the run finishes
 * and the waiting list grows year on year. */
static void test_caseload_demand_beyond_capacity_runs_to_completion(void **state)
{
    (void)state;
    struct scenario *sc = ct_load(
        "2024-09", 60, 8,
        "sw = { posts_fte = 23.0; initial_in_post_fte = 19.0; annual_leaving_rate = 0.2437;\n"
        "  monthly_fill_probability = 0.0913; target_caseload = 14.3; };",
        "a = { arrivals_per_month = 41.7; mean_months = 11.3; initial_open = 300; };", "");
    struct run_store st;
    testutil_run(sc, 2, &st);
    for (int k = 0; k < sc->replicates; k++) {
        for (int month = 24; month <= 60; month += 12)
            assert_true(testutil_metric_at(&st, sc, k, M_UNALLOCATED_CASES, 0, month) >
                        testutil_metric_at(&st, sc, k, M_UNALLOCATED_CASES, 0, month - 12) + 100);
        assert_true(testutil_metric_at(&st, sc, k, M_UNALLOCATED_WAIT_MONTHS, 0, 60) > 6);
    }
    engine_store_destroy(&st);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caseload_errors_base_scenario_loads),
        cmocka_unit_test(test_caseload_errors_duration_must_be_positive),
        cmocka_unit_test(test_caseload_errors_geometric_mean_below_1),
        cmocka_unit_test(test_caseload_errors_lognormal_needs_sd),
        cmocka_unit_test(test_caseload_errors_negative_arrivals),
        cmocka_unit_test(test_caseload_errors_seasonal_needs_12_positive_values),
        cmocka_unit_test(test_caseload_errors_weight_must_be_positive),
        cmocka_unit_test(test_caseload_errors_case_holders_need_a_target),
        cmocka_unit_test(test_caseload_errors_missing_target_names_the_grade),
        cmocka_unit_test(test_caseload_errors_missing_sd_names_the_case_type),
        cmocka_unit_test(test_caseload_errors_shock_names_a_case_type),
        cmocka_unit_test(test_caseload_errors_shock_within_the_horizon),
        cmocka_unit_test(test_caseload_errors_preferred_grade_holds_cases),
        cmocka_unit_test(test_caseload_errors_choices),
        cmocka_unit_test(test_caseload_demand_beyond_capacity_runs_to_completion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_retention_errors: every bad retention input with its exact
 * "file:line: key: message (got X)". */
#include "support/retention_testutil.h"

/* Line numbers the tests rely on: the scheme r's kind on line 8, start on 9,
 * amount on 10, one more key on 11; top-level extras from line 14. The
 * horizon is 2024-09 + 24 months = 2026-09. */
#define KIND "kind = \"lump_sum\";"
#define START "start = \"2025-01\";"
#define AMOUNT "amount_gbp = 3000.0;"

static const char *scheme_text(const char *kind, const char *start, const char *amount,
                               const char *line11, const char *tail)
{
    static char text[2048];
    snprintf(text, sizeof text,
             "name = \"t\";\n"                                       /* 1 */
             "simulation = { start = \"2024-09\"; months = 24; };\n" /* 2 */
             "grades = {\n"                                          /* 3 */
             "  sw = { posts_fte = 24.0; initial_in_post_fte = 20.0; annual_leaving_rate = 0.1;\n"
             "    monthly_fill_probability = 0.05; salary_gbp = 38000.0; };\n" /* 5 */
             "};\n"                                                            /* 6 */
             "retention_schemes = { r = {\n"                                   /* 7 */
             "  %s\n  %s\n  %s\n  %s\n"                                        /* 8-11 */
             "}; };\n"                                                         /* 12 */
             "# extras\n%s",                                                   /* 13, 14- */
             kind, start, amount, line11, tail);
    return text;
}

#define WITH_LINE11(line) scheme_text(KIND, START, AMOUNT, (line), "")
#define WITH_TAIL(tail) scheme_text(KIND, START, AMOUNT, "", (tail))

/* Loading fails with exactly "<file>:<line>: <rest>" (exit 2: an input
 * error). */
static void expect_loads(const char *text)
{
    free(rt_load(text, NULL));
}

static void test_retention_errors_valid_edges_load(void **state)
{
    (void)state;
    expect_loads(WITH_LINE11("clawback_recovered_share = 1.0;"));
    expect_loads(WITH_LINE11("clawback_recovered_share = 0.0;"));
    expect_loads(WITH_LINE11("milestone_months = 20;")); /* paid in the last month */
    expect_loads(WITH_LINE11("end = \"2025-01\";"));     /* a one-month scheme */
    expect_loads(scheme_text(KIND, "start = \"2026-09\";", AMOUNT, "", ""));
    expect_loads(scheme_text(KIND, START, "amount_gbp = 0.0;", "salary_share = 0.1;", ""));
    expect_loads(WITH_TAIL("retention = { elasticity_min = -3.0; elasticity_mean = -3.0; };\n"));
}

static void test_retention_errors_clawback_share_outside_0_1(void **state)
{
    (void)state;
    testutil_expect_error(WITH_LINE11("clawback_recovered_share = 1.5;"), 11,
                          "retention_schemes.r.clawback_recovered_share: must be in [0, 1]: a "
                          "share is a fraction, 0.1 for 10% (got 1.5, 150%)");
    testutil_expect_error(
        WITH_LINE11("clawback_recovered_share = -0.2;"), 11,
        "retention_schemes.r.clawback_recovered_share: must be in [0, 1] (got -0.2)");
}

static void test_retention_errors_negative_amounts(void **state)
{
    (void)state;
    testutil_expect_error(scheme_text(KIND, START, "amount_gbp = -3000.0;", "", ""), 10,
                          "retention_schemes.r.amount_gbp: must be in [0, 1000000] (got -3000)");
    testutil_expect_error(WITH_LINE11("salary_share = -0.1;"), 11,
                          "retention_schemes.r.salary_share: must be in [0, 1] (got -0.1)");
    testutil_expect_error(WITH_LINE11("budget_gbp = -1.0;"), 11,
                          "retention_schemes.r.budget_gbp: must be in [0, 1e+10] (got -1)");
}

static void test_retention_errors_scheme_paying_nothing(void **state)
{
    (void)state;
    testutil_expect_error(
        scheme_text(KIND, START, "amount_gbp = 0.0;", "", ""), 10,
        "retention_schemes.r.amount_gbp: the scheme pays nothing: set amount_gbp or "
        "salary_share (got 0)");
    /* amount_gbp left out: the error points at the scheme's group */
    testutil_expect_error(
        scheme_text(KIND, START, "", "", ""), 7,
        "retention_schemes.r.amount_gbp: the scheme pays nothing: set amount_gbp or "
        "salary_share (got 0)");
}

static void test_retention_errors_milestone_beyond_the_horizon(void **state)
{
    (void)state;
    testutil_expect_error(
        WITH_LINE11("milestone_months = 21;"), 11,
        "retention_schemes.r.milestone_months: milestone falls beyond the horizon "
        "(got 21)");
}

static void test_retention_errors_start_outside_the_horizon(void **state)
{
    (void)state;
    testutil_expect_error(scheme_text(KIND, "start = \"2024-09\";", AMOUNT, "", ""), 9,
                          "retention_schemes.r.start: must fall within the horizon, after month 0 "
                          "(got 2024-09)");
    testutil_expect_error(
        scheme_text("kind = \"upfront\";", "start = \"2026-10\";", AMOUNT, "", ""), 9,
        "retention_schemes.r.start: must fall within the horizon, after month 0 "
        "(got 2026-10)");
    testutil_expect_error(
        scheme_text(KIND, "start = \"2025-13\";", AMOUNT, "", ""), 9,
        "retention_schemes.r.start: must be a month \"YYYY-MM\" (got \"2025-13\")");
}

static void test_retention_errors_end_before_start(void **state)
{
    (void)state;
    testutil_expect_error(WITH_LINE11("end = \"2024-12\";"), 11,
                          "retention_schemes.r.end: must not be before start (got 2024-12)");
}

static void test_retention_errors_unknown_grade(void **state)
{
    (void)state;
    testutil_expect_error(WITH_LINE11("grades = \"sw, xw\";"), 11,
                          "retention_schemes.r.grades: unknown grade (got \"xw\"; grades are sw)");
}

static void test_retention_errors_words_not_among_the_choices(void **state)
{
    (void)state;
    testutil_expect_error(scheme_text("kind = \"bonus\";", START, AMOUNT, "", ""), 8,
                          "retention_schemes.r.kind: must be one of "
                          "golden_hello|lump_sum|supplement|upfront (got \"bonus\")");
    testutil_expect_error(
        WITH_LINE11("clawback = \"half\";"), 11,
        "retention_schemes.r.clawback: must be one of none|full|pro_rata (got \"half\")");
    testutil_expect_error(
        WITH_LINE11("eligible = \"all\";"), 11,
        "retention_schemes.r.eligible: must be one of both|existing|new (got \"all\")");
}

static void test_retention_errors_elasticity_below_its_minimum(void **state)
{
    (void)state;
    testutil_expect_error(
        WITH_TAIL("retention = { elasticity_min = -3.0;\n  elasticity_mean = -4.0; };\n"), 15,
        "retention.elasticity_mean: must not be below retention.elasticity_min -3 "
        "(got -4)");
    testutil_expect_error(WITH_TAIL("retention = { elasticity_mean = 0.5; };\n"), 14,
                          "retention.elasticity_mean: must be in [-20, 0] (got 0.5)");
    testutil_expect_error(WITH_TAIL("retention = { deferral_share = 1.2; };\n"), 14,
                          "retention.deferral_share: must be in [0, 1]: a share is a fraction, 0.1 "
                          "for 10% (got 1.2, 120%)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retention_errors_valid_edges_load),
        cmocka_unit_test(test_retention_errors_clawback_share_outside_0_1),
        cmocka_unit_test(test_retention_errors_negative_amounts),
        cmocka_unit_test(test_retention_errors_scheme_paying_nothing),
        cmocka_unit_test(test_retention_errors_milestone_beyond_the_horizon),
        cmocka_unit_test(test_retention_errors_start_outside_the_horizon),
        cmocka_unit_test(test_retention_errors_end_before_start),
        cmocka_unit_test(test_retention_errors_unknown_grade),
        cmocka_unit_test(test_retention_errors_words_not_among_the_choices),
        cmocka_unit_test(test_retention_errors_elasticity_below_its_minimum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

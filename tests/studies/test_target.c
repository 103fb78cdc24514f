/* test_target: targets and the probability of meeting them. Parsing and
 * resolving against a scenario (hand-checked forms and every error's text),
 * targets declared in a scenario (their text, their place in errors, the
 * resolved scenario reloading them), the three measures on a hand-built run
 * store, the closed form of docs/model.md (one grade, no delays: stationary
 * vacancies are Binomial(N, p / (p + h)), so P(vacancy_rate <= c / N) is the
 * Binomial CDF at c), and paired differences in a comparison. */
#include "support/testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "wfsim/compare.h"
#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "wfsim/month.h"
#include "wfsim/scenario_write.h"
#include "wfsim/target.h"

/* target_parse must fail with exactly `msg`. */
static void expect_parse_error(const char *text, const char *msg)
{
    struct target t;
    struct error e = {ERROR_NONE, ""};
    if (target_parse("--target", text, &t, &e) == 0)
        fail_msg("%s: parsed, expected \"%s\"", text, msg);
    assert_int_equal(e.kind, ERROR_INPUT);
    assert_string_equal(e.msg, msg);
}

static void test_target_parse_good_forms(void **state)
{
    (void)state;
    struct target t;
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(target_parse("--target", "vacancy_rate<=0.10@2025-07", &t, &e), 0);
    assert_string_equal(t.text, "vacancy_rate<=0.1@2025-07"); /* one text for one target */
    assert_string_equal(t.origin, "--target");
    assert_string_equal(t.metric, "vacancy_rate");
    assert_int_equal(t.op, TARGET_AT_MOST);
    assert_close(t.value, 0.10, 0);
    assert_int_equal(t.month, 2025 * 12 + 6);
    assert_int_equal(t.year, 0);
    /* spaces go; a DfE year; >= */
    assert_int_equal(target_parse("--target", " caseload.sw >= 14 @ 2027 ", &t, &e), 0);
    assert_string_equal(t.text, "caseload.sw>=14@2027");
    assert_string_equal(t.metric, "caseload.sw");
    assert_int_equal(t.op, TARGET_AT_LEAST);
    assert_close(t.value, 14, 0);
    assert_int_equal(t.month, -1);
    assert_int_equal(t.year, 2027);
    assert_int_equal(target_parse("--target", "cost_total<=-2.5e3@2026-01", &t, &e), 0);
    assert_close(t.value, -2500, 0);
    assert_string_equal(t.text, "cost_total<=-2500@2026-01");
}

static void test_target_parse_errors(void **state)
{
    (void)state;
    const char *form = "a target is METRIC<=VALUE@DATE or METRIC>=VALUE@DATE, the date "
                       "YYYY-MM or a DfE year YYYY (e.g. vacancy_rate<=0.10@2025-07)";
    char msg[512];
    const char *no_form[] = {"vacancy_rate<0.1@2025-07", "vacancy_rate<=0.1",
                             "vacancy_rate<=0.1>=0.2@2025-07", "2025-07@vacancy_rate<=0.1"};
    for (size_t i = 0; i < sizeof no_form / sizeof no_form[0]; i++) {
        snprintf(msg, sizeof msg, "--target: %s: %s", no_form[i], form);
        expect_parse_error(no_form[i], msg);
    }
    expect_parse_error(" <=0.1@2025-07", "--target:  <=0.1@2025-07: no metric before <=");
    expect_parse_error("vacancy_rate<=ten@2025-07",
                       "--target: vacancy_rate<=ten@2025-07: the value is not a number (got "
                       "\"ten\")");
    expect_parse_error("vacancy_rate<=@2025-07",
                       "--target: vacancy_rate<=@2025-07: the value is not a number (got \"\")");
    expect_parse_error("vacancy_rate<=nan@2025-07",
                       "--target: vacancy_rate<=nan@2025-07: the value is not a number (got "
                       "\"nan\")");
    expect_parse_error("vacancy_rate<=0.1@2025-13",
                       "--target: vacancy_rate<=0.1@2025-13: the date is a month YYYY-MM or a "
                       "DfE year YYYY (got \"2025-13\")");
    expect_parse_error("vacancy_rate<=0.1@1899",
                       "--target: vacancy_rate<=0.1@1899: the date is a month YYYY-MM or a DfE "
                       "year YYYY (got \"1899\")");
    expect_parse_error("vacancy_rate<=0.1@",
                       "--target: vacancy_rate<=0.1@: the date is a month YYYY-MM or a DfE year "
                       "YYYY (got \"\")");
    char longer[TARGET_TEXT_MAX + 10];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    snprintf(msg, sizeof msg, "--target: %.60s...: a target is at most %d characters", longer,
             TARGET_TEXT_MAX - 1);
    expect_parse_error(longer, msg);
}

/* TESTUTIL_MINIMAL: 2024-09 + 24 months, one grade sw; complete DfE years
 * 2025 (store index 0) and 2026 (index 1). */
static void test_target_resolve_finds_series_and_date(void **state)
{
    (void)state;
    struct scenario *sc = testutil_load_new(TESTUTIL_MINIMAL, NULL, 0, NULL);
    struct target t;
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(target_parse("--target", "vacancy_rate<=0.1@2025-07", &t, &e), 0);
    assert_int_equal(target_resolve("--target", &t, sc, &e), 0);
    assert_int_equal(t.series, metrics_series(M_VACANCY_RATE, 0, 1));
    assert_int_equal(t.index, 10);
    assert_int_equal(target_parse("--target", "vacancy_rate.sw>=0.1@2026", &t, &e), 0);
    assert_int_equal(target_resolve("--target", &t, sc, &e), 0);
    assert_int_equal(t.series, metrics_series(M_VACANCY_RATE, 1, 1));
    assert_int_equal(t.index, 1);
    /* month 0 and the horizon's last month are in it */
    assert_int_equal(target_parse("--target", "in_post_fte>=1@2024-09", &t, &e), 0);
    assert_int_equal(target_resolve("--target", &t, sc, &e), 0);
    assert_int_equal(t.index, 0);
    assert_int_equal(target_parse("--target", "in_post_fte>=1@2026-09", &t, &e), 0);
    assert_int_equal(target_resolve("--target", &t, sc, &e), 0);
    assert_int_equal(t.index, 24);
    const struct {
        const char *text, *msg;
    } bad[] = {
        {"vacancy_rat<=0.1@2025-07",
         "--target: vacancy_rat<=0.1@2025-07: vacancy_rat is not a metric of scenario minimal "
         "(wfsim metrics lists them; grades add .<grade>)"},
        {"caseload<=15@2025-07", /* no case types: caseloads are not written */
         "--target: caseload<=15@2025-07: caseload is not a metric of scenario minimal (wfsim "
         "metrics lists them; grades add .<grade>)"},
        {"vacancy_rate<=0.1@2024-08",
         "--target: vacancy_rate<=0.1@2024-08: the date is outside the horizon (2024-09 to "
         "2026-09)"},
        {"vacancy_rate<=0.1@2026-10",
         "--target: vacancy_rate<=0.1@2026-10: the date is outside the horizon (2024-09 to "
         "2026-09)"},
        {"vacancy_rate<=0.1@2027",
         "--target: vacancy_rate<=0.1@2027: 2027 is not a complete DfE year (October to "
         "September) of the horizon (2024-09 to 2026-09)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        error_clear(&e);
        assert_int_equal(target_parse("--target", bad[i].text, &t, &e), 0);
        assert_int_equal(target_resolve("--target", &t, sc, &e), -1);
        assert_string_equal(e.msg, bad[i].msg);
    }
    free(sc);
}

static const char *const DECLARED =
    "targets = {\n"
    "  july = { metric = \"vacancy_rate\"; op = \"<=\"; value = 0.10; date = \"2025-07\"; };\n"
    "  y26 = { metric = \"in_post_fte.sw\"; op = \">=\"; value = 205; date = \"2026\"; };\n"
    "};\n";

/* Declared targets come first, with their text made from the keys; a text
 * given again is counted once; the resolved scenario writes them back. */
static void test_target_declared_in_a_scenario(void **state)
{
    (void)state;
    struct scenario *sc = testutil_load_new(TESTUTIL_MINIMAL, DECLARED, 0, NULL);
    assert_int_equal(sc->n_targets, 2);
    struct target_list *l = calloc(1, sizeof *l);
    struct error e = {ERROR_NONE, ""};
    const char *given[] = {"vacancy_rate <= 0.10 @ 2025-07", "vacancy_rate<=0.1@2025-07",
                           "agency_rate<=0.05@2025"};
    assert_int_equal(target_list_add(l, sc, "--target", 3, given, &e), 0);
    assert_int_equal(l->n, 3); /* both forms of the declared target count once */
    assert_string_equal(l->t[0].text, "vacancy_rate<=0.1@2025-07");
    assert_string_equal(l->t[1].text, "in_post_fte.sw>=205@2026");
    assert_string_equal(l->t[2].text, "agency_rate<=0.05@2025");
    assert_string_equal(l->t[2].origin, "--target");
    char origin[600];
    snprintf(origin, sizeof origin, "%s:2: targets.july", testutil_write_file(1, DECLARED));
    assert_string_equal(l->t[0].origin, origin);
    assert_int_equal(l->t[0].index, 10);
    assert_int_equal(l->t[1].op, TARGET_AT_LEAST);
    assert_int_equal(l->t[1].year, 2026);
    assert_int_equal(l->t[1].index, 1);
    /* the resolved scenario reloads with the same targets */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(scenario_write(sc, f), 0);
    fclose(f);
    struct scenario *again = testutil_load_new(text, NULL, 0, NULL);
    assert_int_equal(again->n_targets, 2);
    for (int i = 0; i < 2; i++) {
        assert_string_equal(again->target[i].name, sc->target[i].name);
        assert_string_equal(again->target[i].metric, sc->target[i].metric);
        assert_string_equal(again->target[i].date, sc->target[i].date);
        assert_int_equal(again->target[i].op, sc->target[i].op);
        assert_true(again->target[i].value == sc->target[i].value);
    }
    free(text);
    free(again);
    free(sc);
    free(l);
}

/* A declared target's errors name its file and line: the form of its date
 * at loading, its metric and date against the outputs when a run resolves
 * it. */
static void test_target_declared_errors_name_the_place(void **state)
{
    (void)state;
    const char *base = "name = \"t\";\n"
                       "simulation = { start = \"2024-09\"; months = 24; };\n"
                       "grades = { sw = { posts_fte = 241.0; initial_in_post_fte = 200.0;\n"
                       "  annual_leaving_rate = 0.15; monthly_fill_probability = 0.0237; }; };\n";
    char text[1024];
    snprintf(text, sizeof text, "%s%s", base,
             "targets = { j = { metric = \"vacancy_rate\"; op = \"<=\"; value = 0.1;\n"
             "  date = \"2025-7\"; }; };\n");
    testutil_expect_error(text, 6,
                          "targets.j.date: must be a month \"YYYY-MM\" or a DfE year \"YYYY\" "
                          "(got \"2025-7\")");
    snprintf(text, sizeof text, "%s%s", base,
             "targets = { j = { metric = \"vacancy_rate\"; op = \"<\"; value = 0.1;\n"
             "  date = \"2025-07\"; }; };\n");
    testutil_expect_error(text, 5, "targets.j.op: must be one of <=|>= (got \"<\")");
    snprintf(text, sizeof text, "%s%s", base,
             "targets = { j = { metric = \"vacancy_rate\"; op = \"<=\"; date = \"2025-07\"; "
             "}; };\n");
    struct scenario *sc = malloc(sizeof *sc);
    struct error e;
    assert_int_equal(testutil_load(sc, text, NULL, 0, NULL, &e), -1);
    assert_non_null(strstr(e.msg, "targets.j.value: required key is missing"));
    const struct {
        const char *target;
        int line;
        const char *msg;
    } bad[] = {
        {"targets = {\n  j = { metric = \"vacancy_rat\"; op = \"<=\"; value = 0.1; date = "
         "\"2025-07\"; };\n};\n",
         6,
         "targets.j: vacancy_rat<=0.1@2025-07: vacancy_rat is not a metric of scenario t "
         "(wfsim metrics lists them; grades add .<grade>)"},
        {"targets = {\n\n  j = { metric = \"vacancy_rate\"; op = \">=\"; value = 0.1; date = "
         "\"2030\"; };\n};\n",
         7,
         "targets.j: vacancy_rate>=0.1@2030: 2030 is not a complete DfE year (October to "
         "September) of the horizon (2024-09 to 2026-09)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, "%s%s", base, bad[i].target);
        if (testutil_load(sc, text, NULL, 0, NULL, &e) != 0)
            fail_msg("did not load: %s", e.msg);
        struct target_list *l = calloc(1, sizeof *l);
        error_clear(&e);
        assert_int_equal(target_list_add(l, sc, "--target", 0, NULL, &e), -1);
        char expect[1024];
        snprintf(expect, sizeof expect, "%s:%d: %s", testutil_write_file(0, text), bad[i].line,
                 bad[i].msg);
        assert_string_equal(e.msg, expect);
        free(l);
    }
    free(sc);
}

/* --- the measures on a hand-built store ---------------------------------- */

/* Four replicates, months 0..4 of two series; the target is series 0 <= 0.5
 * at month 2, and (for the paired difference) series 1 of another store. */
static void test_target_measures_by_hand(void **state)
{
    (void)state;
    float v[4][5] = {
        {0.9f, 0.4f, 0.6f, 0.7f, 0.3f}, /* met by month 2, not at it */
        {0.9f, 0.9f, 0.5f, 0.4f, 0.1f}, /* met at 2 (equal) and kept */
        {0.2f, 0.9f, 0.4f, NAN, 0.1f},  /* met at 2, not kept (NA) */
        {0.9f, 0.8f, 0.7f, 0.1f, 0.1f}, /* met after the date only */
    };
    float data[4][2][5];
    for (int k = 0; k < 4; k++)
        for (int m = 0; m < 5; m++) {
            data[k][0][m] = v[k][m];
            data[k][1][m] = 1.0f; /* never met */
        }
    struct run_store st = {4, 5, 2, &data[0][0][0], 0, {0}, {0}, NULL, NULL};
    struct target t;
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(target_parse("--target", "x<=0.5@2025-01", &t, &e), 0);
    t.series = 0;
    t.index = 2;
    const int want[4][N_TARGET_MEASURES] = {{0, 1, 0}, {1, 1, 1}, {1, 1, 0}, {0, 0, 0}};
    for (int k = 0; k < 4; k++) {
        int met[N_TARGET_MEASURES];
        target_outcomes(&t, &st, k, met);
        for (int m = 0; m < N_TARGET_MEASURES; m++)
            if (met[m] != want[k][m])
                fail_msg("replicate %d, %s: %d, expected %d", k, target_measure_name(m), met[m],
                         want[k][m]);
    }
    struct target_estimate p;
    target_estimate(&t, &st, NULL, &p);
    assert_close(p.p[TARGET_AT_DATE], 0.5, 1e-15);
    assert_close(p.se[TARGET_AT_DATE], sqrt(0.25 / 4), 1e-15);
    assert_close(p.p[TARGET_FIRST_MET_BY], 0.75, 1e-15);
    assert_close(p.se[TARGET_FIRST_MET_BY], sqrt(0.75 * 0.25 / 4), 1e-15);
    assert_close(p.p[TARGET_KEPT_FROM], 0.25, 1e-15);
    /* against itself: 0 and 0; against series 1 (never met): d_k = met_k,
     * sd with n - 1 over sqrt(n) */
    target_estimate(&t, &st, &st, &p);
    for (int m = 0; m < N_TARGET_MEASURES; m++) {
        assert_true(p.p[m] == 0);
        assert_true(p.se[m] == 0);
    }
    struct target tb = t;
    tb.series = 1;
    target_estimate_paired(&t, &st, &tb, &st, &p);
    assert_close(p.p[TARGET_AT_DATE], 0.5, 1e-15);
    assert_close(p.se[TARGET_AT_DATE], sqrt((2 - 4 * 0.25) / 3 / 4), 1e-15);
    assert_close(p.p[TARGET_FIRST_MET_BY], 0.75, 1e-15);
    assert_close(p.se[TARGET_FIRST_MET_BY], sqrt((3 - 4 * 0.5625) / 3 / 4), 1e-15);
    /* the rows of targets.csv */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    target_write_rows(f, "s", &t, &st, NULL, NULL);
    fclose(f);
    assert_string_equal(text, "s,\"x<=0.5@2025-01\",at_date,0.5,0.25,NA,NA\n"
                              "s,\"x<=0.5@2025-01\",first_met_by,0.75,0.216506,NA,NA\n"
                              "s,\"x<=0.5@2025-01\",kept_from,0.25,0.216506,NA,NA\n");
    free(text);
}

/* --- the closed form ------------------------------------------------------- */

/* One grade of N posts, no delays, no notice, no agency: each post is a
 * two-state chain, vacant with probability pi = w / (w + h) in the
 * stationary state (docs/model.md), so the vacant posts are Binomial(N, pi)
 * and P(vacancy_rate <= (c + 1/2) / N) = P(Binomial(N, pi) <= c). Started
 * at the stationary mean, the chain forgets its start long before month 120
 * (the correlation decays as (1 - w - h)^m, 1e-6 by then). */
#define CF_N 241
#define CF_A 0.2437
#define CF_H 0.0913
#define CF_R 2000

static void test_target_probability_matches_the_binomial(void **state)
{
    (void)state;
    const double w = CF_A / 12, pi = w / (w + CF_H);
    char text[2048];
    snprintf(text, sizeof text,
             "name = \"chain\";\n"
             "simulation = { start = \"2024-09\"; months = 120; replicates = %d; seed = 4127L; "
             "};\n"
             "grades = { sw = { posts_fte = %d.0; initial_in_post_fte = %.10g;\n"
             "  annual_leaving_rate = %.10g; monthly_fill_probability = %.10g; }; };\n"
             "leaving = { notice_months = 0; };\n"
             "recruitment = { advert_delay_months = 0; start_delay_months = 0; };\n"
             "agency = { cover_probability = 0.0; };\n",
             CF_R, CF_N, round(CF_N * (1 - pi)), CF_A, CF_H);
    struct scenario *sc = testutil_load_new(text, NULL, 0, NULL);
    struct run_store st;
    testutil_run(sc, 2, &st);
    const int cs[] = {37, 44, 50}; /* the mean is 43.9, the sd 6.0 */
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        char spec[128];
        snprintf(spec, sizeof spec, "vacancy_rate<=%.10g@2034-09", (cs[i] + 0.5) / CF_N);
        struct target t;
        struct error e = {ERROR_NONE, ""};
        assert_int_equal(target_parse("--target", spec, &t, &e), 0);
        assert_int_equal(target_resolve("--target", &t, sc, &e), 0);
        assert_int_equal(t.index, 120);
        struct target_estimate p;
        target_estimate(&t, &st, NULL, &p);
        double expect = gsl_cdf_binomial_P((unsigned)cs[i], pi, CF_N);
        double se = sqrt(expect * (1 - expect) / CF_R);
        if (fabs(p.p[TARGET_AT_DATE] - expect) > 3 * se)
            fail_msg("%s: P = %g, Binomial %g (se %g)", spec, p.p[TARGET_AT_DATE], expect, se);
        assert_close(p.se[TARGET_AT_DATE],
                     sqrt(p.p[TARGET_AT_DATE] * (1 - p.p[TARGET_AT_DATE]) / CF_R), 1e-12);
    }
    /* kept from <= at the date <= first met by, replicate by replicate, for
     * a month and a DfE year inside the horizon */
    const char *inside[] = {"vacancy_rate<=0.18@2029-09", "vacancy_rate>=0.2@2029",
                            "vacancy_fte<=40@2025-03"};
    for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
        struct target t;
        struct error e = {ERROR_NONE, ""};
        assert_int_equal(target_parse("--target", inside[i], &t, &e), 0);
        assert_int_equal(target_resolve("--target", &t, sc, &e), 0);
        int strict[2] = {0, 0};
        for (int k = 0; k < CF_R; k++) {
            int met[N_TARGET_MEASURES];
            target_outcomes(&t, &st, k, met);
            if (met[TARGET_KEPT_FROM] > met[TARGET_AT_DATE] ||
                met[TARGET_AT_DATE] > met[TARGET_FIRST_MET_BY])
                fail_msg("%s, replicate %d: kept %d, at %d, by %d", inside[i], k,
                         met[TARGET_KEPT_FROM], met[TARGET_AT_DATE], met[TARGET_FIRST_MET_BY]);
            strict[0] += met[TARGET_KEPT_FROM] < met[TARGET_AT_DATE];
            strict[1] += met[TARGET_AT_DATE] < met[TARGET_FIRST_MET_BY];
        }
        assert_true(strict[0] > 0 && strict[1] > 0); /* the measures differ */
    }
    engine_store_destroy(&st);
    free(sc);
}

/* --- comparisons ------------------------------------------------------------- */

static const char *const CHAIN =
    "name = \"chain\";\n"
    "simulation = { start = \"2024-09\"; months = 36; replicates = 400; seed = 977L; };\n"
    "grades = { sw = { posts_fte = 241.0; initial_in_post_fte = 197.0;\n"
    "  annual_leaving_rate = 0.2437; monthly_fill_probability = 0.0913; }; };\n"
    "leaving = { notice_months = 0; };\n"
    "recruitment = { advert_delay_months = 0; start_delay_months = 0; };\n"
    "agency = { cover_probability = 0.0; };\n";

/* targets.csv's number in column col of the row (scenario, target, measure). */
static double cell(const struct testutil_csv *t, const char *scenario, const char *target,
                   const char *measure, int col)
{
    for (int r = 1; r < t->n_rows; r++)
        if (strcmp(t->row[r].field[0], scenario) == 0 && strcmp(t->row[r].field[1], target) == 0 &&
            strcmp(t->row[r].field[2], measure) == 0)
            return strcmp(t->row[r].field[col], "NA") == 0 ? NAN
                                                           : strtod(t->row[r].field[col], NULL);
    fail_msg("no row %s,%s,%s", scenario, target, measure);
    return NAN;
}

static void test_target_compare_pairs_the_options(void **state)
{
    (void)state;
    char dir[128];
    snprintf(dir, sizeof dir, "/tmp/wfsim-test-target-%d", (int)getpid());
    const char *base = testutil_write_file(3, CHAIN);
    const char *options[] = {testutil_write_file(4, "name = \"same\";\n"),
                             testutil_write_file(5, "name = \"faster\";\n"
                                                    "grades = { sw = { "
                                                    "monthly_fill_probability = 0.15; }; };\n"),
                             testutil_write_file(6, "name = \"declares\";\n"
                                                    "targets = { t = { metric = \"in_post_fte\"; "
                                                    "op = \">=\"; value = 200; date = \"2026\"; "
                                                    "}; };\n")};
    const char *targets[] = {"vacancy_rate<=0.17@2026-09"};
    struct compare_request rq = {.baseline = base,
                                 .n_options = 3,
                                 .options = options,
                                 .out_dir = dir,
                                 .threads = 2,
                                 .command_line = "wfsim compare (test)",
                                 .n_targets = 1,
                                 .targets = targets};
    struct error e = {ERROR_NONE, ""};
    testutil_remove_dir(dir);
    if (compare_run(&rq, &e) != 0)
        fail_msg("compare failed: %s", e.msg);
    char file[256];
    snprintf(file, sizeof file, "%s/%s", dir, TARGET_FILE);
    struct testutil_csv *t = testutil_csv_read(file);
    char *text = testutil_read_file(file);
    assert_memory_equal(text, TARGET_HEADER "\n", strlen(TARGET_HEADER) + 1);
    free(text);
    /* 4 scenarios x 2 targets (the option's declared one for all) x 3 measures */
    assert_int_equal(t->n_rows, 1 + 4 * 2 * 3);
    const char *spec[] = {"in_post_fte>=200@2026", "vacancy_rate<=0.17@2026-09"};
    for (int i = 0; i < 2; i++)
        for (int m = 0; m < N_TARGET_MEASURES; m++) {
            const char *mn = target_measure_name(m);
            assert_true(isnan(cell(t, "chain", spec[i], mn, 5)));
            assert_true(isnan(cell(t, "chain", spec[i], mn, 6)));
            assert_true(cell(t, "same", spec[i], mn, 3) == cell(t, "chain", spec[i], mn, 3));
            assert_true(cell(t, "same", spec[i], mn, 5) == 0);
            assert_true(cell(t, "same", spec[i], mn, 6) == 0);
            assert_close(cell(t, "faster", spec[i], mn, 5),
                         cell(t, "faster", spec[i], mn, 3) - cell(t, "chain", spec[i], mn, 3),
                         2e-6);
        }
    /* faster fills: fewer vacancies, more in post, well beyond the paired se */
    for (int i = 0; i < 2; i++) {
        double d = cell(t, "faster", spec[i], "at_date", 5);
        double se = cell(t, "faster", spec[i], "at_date", 6);
        if (!(se > 0 && d > 4 * se))
            fail_msg("%s: faster fills change P by %g (se %g)", spec[i], d, se);
    }
    testutil_csv_free(t);
    testutil_remove_dir(dir);
    /* a bad target stops the comparison before anything is written */
    const char *bad[] = {"vacancy_rate<=0.17@2028-09"};
    rq.targets = bad;
    assert_int_equal(compare_run(&rq, &e), -1);
    assert_string_equal(e.msg, "--target: vacancy_rate<=0.17@2028-09: the date is outside the "
                               "horizon (2024-09 to 2027-09)");
    assert_int_equal(access(dir, F_OK), -1);
}

/* A stock's year mean and year maximum as targets: each replicate meets
 * them exactly when its mean (largest) month-end over October-September is
 * within the bound, computed here from the store; a flow or a month date is
 * refused. */
static void test_target_year_mean_and_max_of_a_stock(void **state)
{
    (void)state;
    /* near its stationary vacancy rate, p / (p + h) = 0.0125 / 0.1325 = 9.4% */
    const char *sets[] = {"simulation.replicates=60", "grades.sw.initial_in_post_fte=218.0",
                          "grades.sw.monthly_fill_probability=0.12"};
    struct scenario *sc = testutil_load_new(TESTUTIL_MINIMAL, NULL, 3, sets);
    struct run_store st;
    testutil_run(sc, 2, &st);
    struct error e = {ERROR_NONE, ""};
    struct target mean, max;
    assert_int_equal(target_parse("--target", "vacancy_rate.year_mean<=0.1@2026", &mean, &e), 0);
    assert_int_equal(target_parse("--target", "vacancy_rate.year_max<=0.1@2026", &max, &e), 0);
    assert_int_equal(target_resolve("--target", &mean, sc, &e), 0);
    assert_int_equal(target_resolve("--target", &max, sc, &e), 0);
    int series = metrics_series(M_VACANCY_RATE, 0, sc->n_grades), end = st.year_end[1];
    int some_mean = 0, fewer_max = 0;
    for (int k = 0; k < st.replicates; k++) {
        const float *v = engine_monthly(&st, k, series);
        double sum = 0, top = 0;
        for (int m = end - 11; m <= end; m++) {
            sum += v[m];
            top = fmax(top, v[m]);
        }
        int met[N_TARGET_MEASURES], met_max[N_TARGET_MEASURES];
        target_outcomes(&mean, &st, k, met);
        target_outcomes(&max, &st, k, met_max);
        assert_int_equal(met[TARGET_AT_DATE], (float)(sum / 12) <= 0.1f);
        assert_int_equal(met_max[TARGET_AT_DATE], (float)top <= 0.1f);
        assert_true(met_max[TARGET_AT_DATE] <= met[TARGET_AT_DATE]); /* the max is the harder */
        some_mean += met[TARGET_AT_DATE];
        fewer_max += met[TARGET_AT_DATE] - met_max[TARGET_AT_DATE];
    }
    assert_true(some_mean > 0 && fewer_max > 0); /* the bound is between them in some replicate */
    struct target bad;
    assert_int_equal(target_parse("--target", "leavers_fte.year_max<=5@2026", &bad, &e), 0);
    assert_int_equal(target_resolve("--target", &bad, sc, &e), -1);
    assert_string_equal(e.msg, "--target: leavers_fte.year_max<=5@2026: leavers_fte is summed or "
                               "averaged over the year already; only a stock or rate valued at 30 "
                               "September has a year mean or maximum");
    error_clear(&e);
    assert_int_equal(target_parse("--target", "vacancy_rate.year_mean<=0.2@2026-03", &bad, &e), 0);
    assert_int_equal(target_resolve("--target", &bad, sc, &e), -1);
    assert_string_equal(e.msg, "--target: vacancy_rate.year_mean<=0.2@2026-03: a year mean or "
                               "maximum is dated by a DfE year YYYY, not a month");
    engine_store_destroy(&st);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_parse_good_forms),
        cmocka_unit_test(test_target_parse_errors),
        cmocka_unit_test(test_target_resolve_finds_series_and_date),
        cmocka_unit_test(test_target_declared_in_a_scenario),
        cmocka_unit_test(test_target_declared_errors_name_the_place),
        cmocka_unit_test(test_target_measures_by_hand),
        cmocka_unit_test(test_target_probability_matches_the_binomial),
        cmocka_unit_test(test_target_compare_pairs_the_options),
        cmocka_unit_test(test_target_year_mean_and_max_of_a_stock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_scenario: loading layered scenarios, defaults, every validation error
 * with its exact "file:line: key: what (got X)" text, and the resolved
 * scenario round trip (scenario_write -> load gives the same struct). */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/month.h"
#include "wfsim/scenario_write.h"

/* Building blocks whose line numbers the tests below rely on. */
#define NAME_LINE "name = \"t\";\n"                                      /* 1 */
#define SIM_LINE "simulation = { start = \"2024-09\"; months = 24; };\n" /* 2 */
#define SW_OPEN                                                                                    \
    "grades = {\n"                                                                                 \
    "  sw = {\n"                                          /* 3-4 */
#define L_POSTS "    posts_fte = 241.0;\n"                /* 5 */
#define L_INPOST "    initial_in_post_fte = 200.0;\n"     /* 6 */
#define L_RATE "    annual_leaving_rate = 0.15;\n"        /* 7 */
#define L_FILL "    monthly_fill_probability = 0.0237;\n" /* 8 */
#define SW_CLOSE                                                                                   \
    "  };\n"                                                                                       \
    "};\n"
#define SW_REQ L_POSTS L_INPOST L_RATE L_FILL
#define BASE NAME_LINE SIM_LINE SW_OPEN SW_REQ SW_CLOSE /* 10 lines; next is 11 */
/* One optional grade key on line 9. */
#define GRADE_WITH(line9) NAME_LINE SIM_LINE SW_OPEN SW_REQ line9 SW_CLOSE

/* Load and expect failure of `kind` with message "<slot's path>:<line>: <rest>"
 * (slot 0 is the base text, 1 the overlay; slot < 0: the message is `rest`). */
static void expect_error_k(enum error_kind kind, const char *text, const char *overlay, int n_sets,
                           const char *const *sets, int slot, int line, const char *rest)
{
    struct scenario sc;
    struct error e;
    assert_int_equal(testutil_load(&sc, text, overlay, n_sets, sets, &e), -1);
    char want[1400];
    if (slot < 0)
        snprintf(want, sizeof want, "%s", rest);
    else /* rewriting the same text returns the same path */
        snprintf(want, sizeof want, "%s:%d: %s",
                 testutil_write_file(slot, slot == 0 ? text : overlay), line, rest);
    assert_string_equal(e.msg, want);
    assert_int_equal(e.kind, kind);
}

#define expect_error(text, line, rest)                                                             \
    expect_error_k(ERROR_INPUT, (text), NULL, 0, NULL, 0, (line), (rest))
#define expect_set_error(text, n, sets, msg)                                                       \
    expect_error_k(ERROR_INPUT, (text), NULL, (n), (sets), -1, 0, (msg))

static void load_ok(struct scenario *sc, const char *text, const char *overlay, int n_sets,
                    const char *const *sets)
{
    struct error e;
    int rc = testutil_load(sc, text, overlay, n_sets, sets, &e);
    if (rc != 0)
        fail_msg("load failed: %s", e.msg);
}

/* ---- valid scenarios and defaults ---- */

static void test_scenario_minimal_loads_with_defaults(void **state)
{
    (void)state;
    struct scenario sc;
    load_ok(&sc, TESTUTIL_MINIMAL, NULL, 0, NULL);
    int sep2024 = 0;
    month_parse("2024-09", &sep2024);
    assert_string_equal(sc.name, "minimal");
    assert_string_equal(sc.description, "");
    assert_int_equal(sc.start_month, sep2024);
    assert_int_equal(sc.months, 24);
    assert_int_equal(sc.replicates, 10);
    assert_true(sc.seed == 7);
    assert_int_equal(sc.n_grades, 1);
    assert_int_equal(sc.n_campaigns, 0);
    assert_int_equal(sc.n_changes, 0);
    /* top-level defaults from sim/scenario/scenario_keys.c */
    assert_int_equal(sc.notice_months, 1);
    assert_close(sc.share_leave_sector, 0.61, 0);
    assert_close(sc.share_to_agency, 0.12, 0);
    assert_close(sc.share_to_other_la, 0.27, 0);
    assert_int_equal(sc.advert_delay_months, 1);
    assert_int_equal(sc.start_delay_months, 2);
    assert_int_equal(sc.n_routes, 0);
    assert_int_equal(sc.route_of_grade[0], -1);
    assert_int_equal(scenario_route_of_grade(&sc, 0), -1);
    assert_close(sc.agency_cover_probability, 0.35, 0);
    assert_close(sc.agency_cap_fte, -1, 0);
    assert_close(sc.agency_annual_assignment_end_rate, 1.0, 0);
    assert_close(sc.agency_release_on_start_probability, 0.8, 0);
    assert_close(sc.agency_monthly_conversion_probability, 0.005, 0);
    assert_close(sc.agency_initial_vacancy_cover_share, 0.813, 0);
    assert_close(sc.absence_rate, 0.034, 0);
    /* the grade: given values and defaults */
    const struct grade_params *g = &sc.grade[0];
    assert_string_equal(g->name, "sw");
    assert_string_equal(g->label, "");
    assert_close(g->posts_fte, 241.0, 0);
    assert_close(g->initial_in_post_fte, 200.0, 0);
    assert_close(g->annual_leaving_rate, 0.15, 0);
    assert_close(g->monthly_fill_probability, 0.0237, 0);
    assert_close(g->initial_agency_fte, 0, 0);
    const double mix[N_TENURE_BANDS] = {0.20, 0.15, 0.25, 0.40};
    for (int b = 0; b < N_TENURE_BANDS; b++) {
        assert_close(g->tenure_mix[b], mix[b], 0);
        assert_close(g->leaving_multiplier[b], 1.0, 0);
    }
    assert_close(g->salary_gbp, 0, 0);
    assert_int_equal(g->holds_cases, 1);
    assert_string_equal(g->promotion_from, "");
    assert_int_equal(g->promotion_from_index, -1);
    assert_close(g->internal_fill_share, 0, 0);
}

static void test_scenario_entries_resolve_grades(void **state)
{
    (void)state;
    struct scenario sc;
    load_ok(&sc,
            BASE "entry_routes = { r = { grade = \"sw\"; month = 9; hires = 4;\n"
                 "  completion_grade = \"tl\"; }; };\n"
                 "campaigns = { c = { month = \"2026-09\"; grade = \"tl\"; hires = 2; }; };\n"
                 "establishment_changes = { x = { month = \"2024-10\"; grade = \"sw\";\n"
                 "  change_fte = -3.5; }; };\n",
            "grades = { tl = { posts_fte = 10.0; initial_in_post_fte = 9.0;\n"
            "  annual_leaving_rate = 0.1; monthly_fill_probability = 0.1;\n"
            "  promotion_from = \"sw\"; holds_cases = false; }; };\n",
            0, NULL);
    assert_int_equal(sc.n_grades, 2);
    assert_int_equal(sc.grade[1].promotion_from_index, 0);
    assert_int_equal(sc.grade[1].holds_cases, 0);
    assert_int_equal(sc.n_routes, 1);
    assert_int_equal(sc.route[0].grade_index, 0);
    assert_int_equal(sc.route[0].completion_grade_index, 1);
    assert_int_equal(scenario_route_of_grade(&sc, 0), 0);
    assert_int_equal(scenario_route_of_grade(&sc, 1), -1);
    assert_int_equal(sc.route[0].intake_months, 1u << 8); /* September */
    assert_int_equal(sc.route[0].training_months, 12);    /* defaults */
    assert_close(sc.route[0].pass_rate, 1.0, 0);
    assert_close(sc.route[0].protected_caseload_share, 1.0, 0);
    assert_close(sc.route[0].cost_gbp, 0, 0);
    assert_close(sc.route[0].grant_gbp, 0, 0);
    assert_close(sc.route[0].hires_per_month, 0, 0);
    assert_int_equal(sc.campaign[0].grade_index, 1);
    assert_int_equal(sc.campaign[0].lead_months, 6);             /* default */
    assert_int_equal(sc.campaign[0].month, sc.start_month + 24); /* last month is inside */
    assert_int_equal(sc.change[0].grade_index, 0);
    assert_close(sc.change[0].change_fte, -3.5, 0);
}

/* ---- layering ---- */

static void test_scenario_overlay_overrides_one_key(void **state)
{
    (void)state;
    struct scenario sc;
    load_ok(&sc, TESTUTIL_MINIMAL, "grades = { sw = { annual_leaving_rate = 0.2; }; };\n", 0, NULL);
    assert_close(sc.grade[0].annual_leaving_rate, 0.2, 0);
    assert_close(sc.grade[0].posts_fte, 241.0, 0); /* kept from the base */
    assert_close(sc.grade[0].monthly_fill_probability, 0.0237, 0);
    assert_string_equal(sc.name, "minimal");
}

static void test_scenario_set_overrides_overlay_and_base(void **state)
{
    (void)state;
    struct scenario sc;
    const char *sets[] = {"grades.sw.annual_leaving_rate=0.31", "leaving.notice_months=3",
                          "leaving.notice_months=4"};
    load_ok(&sc, TESTUTIL_MINIMAL,
            "grades = { sw = { annual_leaving_rate = 0.2; }; };\n"
            "leaving = { notice_months = 2; };\n",
            3, sets);
    assert_close(sc.grade[0].annual_leaving_rate, 0.31, 0);
    assert_int_equal(sc.notice_months, 4); /* the later --set wins */
    assert_close(sc.grade[0].posts_fte, 241.0, 0);
}

static void test_scenario_overlay_grades_in_order_of_first_appearance(void **state)
{
    (void)state;
    struct scenario sc;
    const char *sets[] = {"grades.aa.posts_fte=3", "grades.aa.initial_in_post_fte=2",
                          "grades.aa.annual_leaving_rate=0.1",
                          "grades.aa.monthly_fill_probability=0.2"};
    load_ok(&sc, TESTUTIL_MINIMAL,
            "grades = {\n"
            "  tl = { posts_fte = 10.0; initial_in_post_fte = 9.0; annual_leaving_rate = 0.1;\n"
            "         monthly_fill_probability = 0.1; };\n"
            "  sw = { posts_fte = 250.0; };\n"
            "  sp = { posts_fte = 5.0; initial_in_post_fte = 5.0; annual_leaving_rate = 0.1;\n"
            "         monthly_fill_probability = 0.1; };\n"
            "};\n",
            4, sets);
    assert_int_equal(sc.n_grades, 4);
    assert_string_equal(sc.grade[0].name, "sw");
    assert_string_equal(sc.grade[1].name, "tl");
    assert_string_equal(sc.grade[2].name, "sp");
    assert_string_equal(sc.grade[3].name, "aa");
    assert_close(sc.grade[0].posts_fte, 250.0, 0);
    assert_close(sc.grade[3].posts_fte, 3.0, 0); /* an int from --set reads as a number */
    assert_int_equal(scenario_grade_index(&sc, "sp"), 2);
    assert_int_equal(scenario_grade_index(&sc, "nope"), -1);
}

/* ---- errors: syntax, unknown and missing keys ---- */

static void test_scenario_syntax_error_names_file_and_line(void **state)
{
    (void)state;
    expect_error(NAME_LINE "simulation = { start = ; };\n", 2, "(syntax): syntax error");
    expect_error_k(ERROR_INPUT, TESTUTIL_MINIMAL, "grades = { sw = { posts_fte = ; }; };\n", 0,
                   NULL, 1, 1, "(syntax): syntax error");
    struct scenario sc;
    struct error e = {ERROR_NONE, ""};
    const char *files[] = {"/nonexistent/wfsim/none.cfg"};
    assert_int_equal(scenario_load_files(&sc, 1, files, 0, NULL, &e), -1);
    assert_string_equal(e.msg, "/nonexistent/wfsim/none.cfg:0: (file): cannot read scenario file: "
                               "No such file or directory");
}

static void test_scenario_unknown_keys_are_errors(void **state)
{
    (void)state;
    expect_error(BASE "colour = 3;\n", 11, "colour: unknown key (see docs/scenario-keys.md)");
    expect_error(GRADE_WITH("    salary = 30000.0;\n"), 9,
                 "grades.sw.salary: unknown key (see docs/scenario-keys.md)");
    expect_error(BASE "leavng = {\n  notice_months = 2;\n};\n", 11,
                 "leavng: unknown key (did you mean leaving? see docs/scenario-keys.md)");
    expect_error(BASE "leaving = {\n  notice_months = 2;\n  share_to_agnecy = 0.1;\n};\n", 13,
                 "leaving.share_to_agnecy: unknown key (did you mean leaving.share_to_agency? see "
                 "docs/scenario-keys.md)");
    expect_error_k(ERROR_INPUT, BASE, "\ngrades = { sw = { posts = 3.0; }; };\n", 0, NULL, 1, 2,
                   "grades.sw.posts: unknown key (see docs/scenario-keys.md)");
    const char *sets[] = {"leaving.notice_months=2", "grades.sw.colour=5"};
    expect_set_error(BASE, 2, sets,
                     "--set:2: grades.sw.colour: unknown key (see docs/scenario-keys.md)");
    const char *top[] = {"leaving.notice_months=2", "colour=5"};
    expect_set_error(BASE, 2, top, "--set:2: colour: unknown key (see docs/scenario-keys.md)");
}

/* A known group holding only a misspelt key: report the key, not the group. */
static void test_scenario_unknown_key_alone_in_known_group(void **state)
{
    (void)state;
    expect_error(BASE "leaving = {\n  notice_month = 2;\n};\n", 12,
                 "leaving.notice_month: unknown key (did you mean leaving.notice_months? see "
                 "docs/scenario-keys.md)");
    expect_error(BASE "entry_routes = {\n  r = {\n    grde = \"sw\";\n  };\n};\n", 13,
                 "entry_routes.r.grde: unknown key (did you mean entry_routes.r.grade? see "
                 "docs/scenario-keys.md)");
    const char *sets[] = {"agency.capp=5"};
    expect_set_error(BASE, 1, sets,
                     "--set:1: agency.capp: unknown key (see docs/scenario-keys.md)");
}

static void test_scenario_missing_required_key(void **state)
{
    (void)state;
    /* inside a grade: the grade's line */
    expect_error_k(ERROR_MISSING, NAME_LINE SIM_LINE SW_OPEN L_INPOST L_RATE L_FILL SW_CLOSE, NULL,
                   0, NULL, 0, 4, "grades.sw.posts_fte: required key is missing");
    /* at the top: line 1 of the first file */
    expect_error_k(ERROR_MISSING, SIM_LINE SW_OPEN SW_REQ SW_CLOSE, NULL, 0, NULL, 0, 1,
                   "name: required key is missing");
    expect_error_k(ERROR_MISSING,
                   NAME_LINE "simulation = { start = \"2024-09\"; };\n" SW_OPEN SW_REQ SW_CLOSE,
                   NULL, 0, NULL, 0, 1, "simulation.months: required key is missing");
    /* a grade introduced by --set is placed at that --set */
    const char *sets[] = {"grades.tl.posts_fte=3.0"};
    expect_error_k(ERROR_MISSING, BASE, NULL, 1, sets, -1, 0,
                   "--set:1: grades.tl.initial_in_post_fte: required key is missing");
}

static void test_scenario_misspelt_required_key_reports_unknown(void **state)
{
    (void)state;
    expect_error(
        NAME_LINE SIM_LINE SW_OPEN "    posts_ft = 241.0;\n" L_INPOST L_RATE L_FILL SW_CLOSE, 5,
        "grades.sw.posts_ft: unknown key (did you mean grades.sw.posts_fte? see "
        "docs/scenario-keys.md)");
    expect_error("nmae = \"t\";\n" SIM_LINE SW_OPEN SW_REQ SW_CLOSE, 1,
                 "nmae: unknown key (see docs/scenario-keys.md)");
}

/* ---- errors: types, ranges, non-finite ---- */

static void test_scenario_wrong_types(void **state)
{
    (void)state;
    expect_error(GRADE_WITH("    salary_gbp = \"high\";\n"), 9,
                 "grades.sw.salary_gbp: must be a number (got \"high\")");
    expect_error(NAME_LINE
                 "simulation = { start = \"2024-09\"; months = 24.5; };\n" SW_OPEN SW_REQ SW_CLOSE,
                 2, "simulation.months: must be a whole number (got 24.5)");
    expect_error(
        NAME_LINE
        "simulation = { start = \"2024-09\"; months = 24; seed = 7.0; };\n" SW_OPEN SW_REQ SW_CLOSE,
        2, "simulation.seed: must be a whole number (got 7)");
    expect_error(GRADE_WITH("    holds_cases = 1;\n"), 9,
                 "grades.sw.holds_cases: must be true or false (got 1)");
    expect_error("name = 5;\n" SIM_LINE SW_OPEN SW_REQ SW_CLOSE, 1,
                 "name: must be a string (got 5)");
    expect_error(GRADE_WITH("    tenure_mix = 0.5;\n"), 9,
                 "grades.sw.tenure_mix: must be an array of 4 numbers (got 0.5)");
    expect_error(GRADE_WITH("    tenure_mix = [0.5, 0.5];\n"), 9,
                 "grades.sw.tenure_mix: must be an array of 4 numbers (got 2 values)");
    expect_error(GRADE_WITH("    tenure_mix = (0.2, \"a\", 0.3, 0.5);\n"), 9,
                 "grades.sw.tenure_mix: element 2 must be a number (got \"a\")");
    expect_error(BASE "absence_rate = { x = 1; };\n", 11,
                 "absence_rate: must be a number (got a group)");
    expect_error(NAME_LINE SIM_LINE "grades = 3;\n", 3,
                 "grades: must be a group of named entries { ... }");
    expect_error(NAME_LINE SIM_LINE "grades = { sw = 3; };\n", 3,
                 "grades.sw: must be a group { ... } (got 3)");
}

static void test_scenario_out_of_range(void **state)
{
    (void)state;
    expect_error(NAME_LINE SIM_LINE SW_OPEN
                 "    posts_fte = -1.0;\n" L_INPOST L_RATE L_FILL SW_CLOSE,
                 5, "grades.sw.posts_fte: must be in [0, 1000000] (got -1)");
    expect_error(NAME_LINE SIM_LINE SW_OPEN L_POSTS L_INPOST L_RATE
                 "    monthly_fill_probability = 1.5;\n" SW_CLOSE,
                 8, "grades.sw.monthly_fill_probability: must be in [0, 1] (got 1.5)");
    expect_error(NAME_LINE
                 "simulation = { start = \"2024-09\"; months = 0; };\n" SW_OPEN SW_REQ SW_CLOSE,
                 2, "simulation.months: must be in [1, 600] (got 0)");
    expect_error(GRADE_WITH("    tenure_mix = [1.5, -0.5, 0.0, 0.0];\n"), 9,
                 "grades.sw.tenure_mix: must be in [0, 1] (got 1.5)");
    expect_error(BASE "agency = { cap_fte = -2.0; };\n", 11,
                 "agency.cap_fte: must be in [-1, 1000000] (got -2)");
    expect_error(BASE "leaving = { notice_months = 13; };\n", 11,
                 "leaving.notice_months: must be in [0, 12] (got 13)");
}

static void test_scenario_non_finite_numbers(void **state)
{
    (void)state;
    /* libconfig 1.5 reads 1e999 as a float infinity; the loader rejects it. */
    expect_error(GRADE_WITH("    salary_gbp = 1e999;\n"), 9,
                 "grades.sw.salary_gbp: must be a finite number (got inf)");
    expect_error(GRADE_WITH("    leaving_multiplier = [1.0, 1e999, 1.0, 1.0];\n"), 9,
                 "grades.sw.leaving_multiplier: must be a finite number (got inf)");
    expect_error(BASE "establishment_changes = { x = { month = \"2025-01\"; grade = \"sw\";\n"
                      "  change_fte = -1e999; }; };\n",
                 12, "establishment_changes.x.change_fte: must be a finite number (got -inf)");
}

static void test_scenario_name_and_text_checks(void **state)
{
    (void)state;
    expect_error("name = \"\";\n" SIM_LINE SW_OPEN SW_REQ SW_CLOSE, 1, "name: must not be empty");
    expect_error("name = \"a b\";\n" SIM_LINE SW_OPEN SW_REQ SW_CLOSE, 1,
                 "name: must use only letters, digits, '_' and '-' (got \"a b\")");
    expect_error(BASE "description = \"say \\\"hi\\\"\";\n", 11,
                 "description: must not contain quotes, backslashes or newlines");
    expect_error("name = \""
                 "0123456789012345678901234567890123456789012345678901234567890123"
                 "\";\n" SIM_LINE SW_OPEN SW_REQ SW_CLOSE,
                 1, "name: too long (at most 63 characters)");
    expect_error(NAME_LINE SIM_LINE "grades = {\n  s*w = { };\n};\n", 4,
                 "grades.s*w: names use only letters, digits, '_' and '-'");
}

/* ---- errors: cross-key validation ---- */

static void test_scenario_grade_consistency(void **state)
{
    (void)state;
    expect_error(NAME_LINE SIM_LINE SW_OPEN L_POSTS
                 "    initial_in_post_fte = 250.5;\n" L_RATE L_FILL SW_CLOSE,
                 6, "grades.sw.initial_in_post_fte: must not exceed posts_fte 241 (got 250.5)");
    expect_error(GRADE_WITH("    tenure_mix = [0.2, 0.2, 0.2, 0.2];\n"), 9,
                 "grades.sw.tenure_mix: shares must sum to 1 (got 0.8)");
    expect_error(GRADE_WITH("    promotion_from = \"zz\";\n"), 9,
                 "grades.sw.promotion_from: unknown grade (got \"zz\"; grades are sw)");
    expect_error(GRADE_WITH("    promotion_from = \"sw\";\n"), 9,
                 "grades.sw.promotion_from: must name another grade (got \"sw\")");
}

static void test_scenario_destination_shares_must_sum_to_one(void **state)
{
    (void)state;
    expect_error(BASE "leaving = {\n  share_leave_sector = 0.6;\n  share_to_agency = 0.2;\n"
                      "  share_to_other_la = 0.3;\n};\n",
                 14, "leaving.share_to_other_la: destination shares must sum to 1 (got 1.1)");
    /* share_to_other_la not written: the error falls back to line 1 */
    /* share_to_other_la is left at its default: the error points at its group */
    expect_error(BASE "leaving = { share_to_agency = 0.2; };\n", 11,
                 "leaving.share_to_other_la: destination shares must sum to 1 (got 1.08)");
}

static void test_scenario_unknown_grade_references(void **state)
{
    (void)state;
    expect_error(BASE "campaigns = {\n  c1 = {\n    month = \"2025-03\";\n    grade = \"xx\";\n"
                      "    hires = 3;\n  };\n};\n",
                 14, "campaigns.c1.grade: unknown grade (got \"xx\"; grades are sw)");
    expect_error(BASE "establishment_changes = {\n  cut = {\n    month = \"2025-03\";\n"
                      "    grade = \"xx\";\n    change_fte = -2.0;\n  };\n};\n",
                 14, "establishment_changes.cut.grade: unknown grade (got \"xx\"; grades are sw)");
    expect_error(BASE "entry_routes = {\n  r = {\n    grade = \"xx\";\n  };\n};\n", 13,
                 "entry_routes.r.grade: unknown grade (got \"xx\"; grades are sw)");
    expect_error(BASE "entry_routes = {\n  r = {\n    grade = \"sw\";\n"
                      "    completion_grade = \"xx\";\n  };\n};\n",
                 14, "entry_routes.r.completion_grade: unknown grade (got \"xx\"; grades are sw)");
    expect_error(
        BASE "entry_routes = {\n  r = {\n    grade = \"sw\";\n"
             "    completion_grade = \"sw\";\n  };\n};\n",
        14, "entry_routes.r.completion_grade: must differ from the route's grade (got \"sw\")");
}

/* Entry routes: one route per grade, intakes need a month, a flow takes none,
 * months of year are 1-12, completion chains end. */
static void test_scenario_entry_route_consistency(void **state)
{
    (void)state;
    expect_error(BASE "entry_routes = {\n  r = {\n    grade = \"sw\";\n    hires = 5;\n"
                      "  };\n};\n",
                 12,
                 "entry_routes.r.month: needs a month of year for the intake (got 5 hires and "
                 "no month)");
    expect_error(BASE "entry_routes = {\n  r = {\n    grade = \"sw\";\n    month = 9;\n"
                      "    hires_per_month = 0.25;\n  };\n};\n",
                 15,
                 "entry_routes.r.hires_per_month: a monthly flow takes no month: set month and "
                 "hires, or hires_per_month (got 0.25)");
    expect_error(BASE "entry_routes = {\n  a = { grade = \"sw\"; };\n  b = {\n"
                      "    grade = \"sw\";\n  };\n};\n",
                 14, "entry_routes.b.grade: grade already trained by route a (got \"sw\")");
    expect_error(BASE "entry_routes = {\n  r = {\n    grade = \"sw\";\n    month = [3, 13];\n"
                      "  };\n};\n",
                 14, "entry_routes.r.month: months of year must be in [1, 12] (got 13)");
    expect_error(BASE "entry_routes = {\n  r = {\n    grade = \"sw\";\n    month = \"May\";\n"
                      "  };\n};\n",
                 14,
                 "entry_routes.r.month: must be a month of year 1-12 or a list of them (got "
                 "\"May\")");
    expect_error_k(ERROR_INPUT,
                   BASE "entry_routes = {\n  a = { grade = \"sw\"; completion_grade = \"tl\"; };\n"
                        "  b = { grade = \"tl\"; completion_grade = \"sw\"; };\n};\n",
                   "grades = { tl = { posts_fte = 2.0; initial_in_post_fte = 1.0;\n"
                   "  annual_leaving_rate = 0.1; monthly_fill_probability = 0.1; }; };\n",
                   0, NULL, 0, 12,
                   "entry_routes.a.completion_grade: completion chain loops back (got \"tl\")");
}

/* The graduate intake's and the ASYE's keys are refused, naming what replaced
 * them. */
static void test_scenario_retired_keys_name_their_replacement(void **state)
{
    (void)state;
    expect_error(BASE "recruitment = {\n  intake = {\n    max_hires = 5;\n  };\n};\n", 13,
                 "recruitment.intake.max_hires: retired: use entry_routes.<name>.hires "
                 "(docs/scenario-keys.md)");
    expect_error(BASE "recruitment = {\n  intake = {\n    grade = \"sw\";\n  };\n};\n", 13,
                 "recruitment.intake.grade: retired: use entry_routes.<name>.grade "
                 "(docs/scenario-keys.md)");
    expect_error(BASE "recruitment = {\n  intake = {\n  };\n};\n", 12,
                 "recruitment.intake: retired: use entry_routes.<name> (docs/scenario-keys.md)");
    expect_error(BASE "caseload = {\n  asye_protected_share = 0.9;\n};\n", 12,
                 "caseload.asye_protected_share: retired: use "
                 "entry_routes.<name>.protected_caseload_share (docs/scenario-keys.md)");
    expect_error(BASE "finance = {\n  asye_grant_gbp = 2000.0;\n};\n", 12,
                 "finance.asye_grant_gbp: retired: use entry_routes.<name>.grant_gbp "
                 "(docs/scenario-keys.md)");
    const char *sets[] = {"finance.asye_cost_gbp=10"};
    expect_set_error(BASE, 1, sets,
                     "--set:1: finance.asye_cost_gbp: retired: use entry_routes.<name>.cost_gbp "
                     "(docs/scenario-keys.md)");
}

static void expect_campaign_month_error(const char *month, const char *rest)
{
    char text[1024];
    snprintf(text, sizeof text,
             BASE "campaigns = {\n  c1 = {\n    grade = \"sw\";\n    hires = 3;\n"
                  "    month = \"%s\";\n  };\n};\n",
             month);
    expect_error(text, 15, rest);
}

static void test_scenario_dated_entries_within_horizon(void **state)
{
    (void)state;
    expect_campaign_month_error(
        "2024-09", "campaigns.c1.month: must fall within the horizon, after month 0 (got 2024-09)");
    expect_campaign_month_error(
        "2023-01", "campaigns.c1.month: must fall within the horizon, after month 0 (got 2023-01)");
    expect_campaign_month_error(
        "2026-10", "campaigns.c1.month: must fall within the horizon, after month 0 (got 2026-10)");
    expect_campaign_month_error("2025-3",
                                "campaigns.c1.month: must be a month \"YYYY-MM\" (got \"2025-3\")");
    expect_error(BASE "establishment_changes = {\n  x = {\n    grade = \"sw\";\n"
                      "    change_fte = 1.0;\n    month = \"2027-01\";\n  };\n};\n",
                 15,
                 "establishment_changes.x.month: must fall within the horizon, after month 0 "
                 "(got 2027-01)");
    expect_error(NAME_LINE
                 "simulation = { start = \"Sept 2024\"; months = 24; };\n" SW_OPEN SW_REQ SW_CLOSE,
                 2, "simulation.start: must be a month \"YYYY-MM\" (got \"Sept 2024\")");
    expect_error(NAME_LINE
                 "simulation = { start = 202409; months = 24; };\n" SW_OPEN SW_REQ SW_CLOSE,
                 2, "simulation.start: must be a month \"YYYY-MM\" (got 202409)");
}

static void test_scenario_needs_a_grade(void **state)
{
    (void)state;
    expect_error(NAME_LINE SIM_LINE, 1, "grades: at least one grade is required");
    expect_error(NAME_LINE SIM_LINE "grades = { };\n", 1, "grades: at least one grade is required");
}

static void test_scenario_too_many_grades(void **state)
{
    (void)state;
    const char *sets[] = {"grades.g1.posts_fte=1", "grades.g2.posts_fte=1", "grades.g3.posts_fte=1",
                          "grades.g4.posts_fte=1", "grades.g5.posts_fte=1", "grades.g6.posts_fte=1",
                          "grades.g7.posts_fte=1", "grades.g8.posts_fte=1"};
    /* sw plus eight more */
    expect_set_error(BASE, 8, sets, "--set:8: grades.g8: too many entries (at most 8)");
}

/* ---- errors: command-line assignments ---- */

static void test_scenario_set_errors(void **state)
{
    (void)state;
    const char *no_eq[] = {"simulation.months"};
    expect_set_error(BASE, 1, no_eq,
                     "--set:1: (command line): expected KEY=VALUE (got simulation.months)");
    const char *second[] = {"simulation.months=12", "oops"};
    expect_set_error(BASE, 2, second, "--set:2: (command line): expected KEY=VALUE (got oops)");
    const char *bare[] = {"grades.sw.posts_fte=abc"};
    expect_set_error(BASE, 1, bare, "--set:1: grades.sw.posts_fte: must be a number (got \"abc\")");
    const char *range[] = {"simulation.months=12", "simulation.replicates=0"};
    expect_set_error(BASE, 2, range,
                     "--set:2: simulation.replicates: must be in [1, 10000000] (got 0)");
    const char *empty[] = {"name="};
    expect_set_error(BASE, 1, empty, "--set:1: name: must not be empty");
}

static void test_scenario_option_origins_number_separately(void **state)
{
    (void)state;
    struct scenario sc;
    struct error e = {ERROR_NONE, ""};
    const char *files[] = {testutil_write_file(0, BASE)};
    const struct assignment sets[] = {{"--set", "simulation.months=12"},
                                      {"-n", "simulation.replicates=0"}};
    assert_int_equal(scenario_load_files(&sc, 1, files, 2, sets, &e), -1);
    assert_string_equal(e.msg, "-n:1: simulation.replicates: must be in [1, 10000000] (got 0)");
    const struct assignment seed[] = {{"-s", "simulation.seed=9000000000000000000L"}};
    error_clear(&e);
    assert_int_equal(scenario_load_files(&sc, 1, files, 1, seed, &e), 0);
    assert_true(sc.seed == 9000000000000000000LL);
}

/* A plain integer too big for 32 bits must not silently become another
 * number (libconfig 1.5 wraps it unless written with an L suffix). */
static void test_scenario_large_integer_seed_is_not_wrapped(void **state)
{
    (void)state;
    struct scenario sc;
    struct error e;
    const char *sets[] = {"simulation.seed=5000000000"};
    int rc = testutil_load(&sc, BASE, NULL, 1, sets, &e);
    if (rc == 0 && sc.seed != 5000000000LL)
        fail_msg("simulation.seed=5000000000 loaded as %lld", sc.seed);
}

/* ---- the resolved scenario round trip ---- */

static char *write_text(const struct scenario *sc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(scenario_write(sc, f), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* Zero the bytes after the terminator of each entry name. */
static void zero_name_tails(struct scenario *sc)
{
    char *names[SCENARIO_MAX_GRADES + SCENARIO_MAX_CAMPAIGNS + SCENARIO_MAX_CHANGES];
    int n = 0;
    for (int i = 0; i < sc->n_grades; i++)
        names[n++] = sc->grade[i].name;
    for (int i = 0; i < sc->n_campaigns; i++)
        names[n++] = sc->campaign[i].name;
    for (int i = 0; i < sc->n_changes; i++)
        names[n++] = sc->change[i].name;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        memset(names[i] + len, 0, SCENARIO_NAME_LEN - len);
    }
}

/* Write a, load the text, write again: same text, same struct. The raw
 * comparison comes last so that the others are checked whatever it finds. */
static void check_round_trip(const struct scenario *a)
{
    struct scenario *b = calloc(1, sizeof *b), *a0 = malloc(sizeof *a0), *b0 = malloc(sizeof *b0);
    assert_true(b != NULL && a0 != NULL && b0 != NULL);
    char *text = write_text(a);
    struct error e;
    if (testutil_load(b, text, NULL, 0, NULL, &e) != 0)
        fail_msg("resolved scenario does not load: %s\n%s", e.msg, text);
    char *again = write_text(b);
    assert_string_equal(text, again);
    memcpy(a0, a, sizeof *a0);
    memcpy(b0, b, sizeof *b0);
    zero_name_tails(a0);
    zero_name_tails(b0);
    assert_memory_equal(a0, b0, sizeof *a0);
    /* scenario_load memsets the struct, so the raw bytes must agree too */
    size_t diff = 0;
    while (diff < sizeof *a && ((const char *)a)[diff] == ((const char *)b)[diff])
        diff++;
    free(again);
    free(text);
    free(a0);
    free(b0);
    free(b);
    if (diff < sizeof *a)
        fail_msg("struct scenario differs from its reloaded copy at byte %zu (grade[] starts at "
                 "%zu, %zu bytes each; name first)",
                 diff, offsetof(struct scenario, grade), sizeof(struct grade_params));
}

static void test_scenario_write_round_trips_example(void **state)
{
    (void)state;
    static struct scenario sa;
    struct scenario *a = &sa;
    struct error e = {ERROR_NONE, ""};
    const char *files[] = {"scenarios/example_la.cfg"};
    if (scenario_load_files(a, 1, files, 0, NULL, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(a->n_grades, 6);
    assert_int_equal(a->n_campaigns, 1);
    assert_int_equal(a->n_routes, 3);
    check_round_trip(a);
}

static void test_scenario_write_round_trips_awkward_values(void **state)
{
    (void)state;
    static struct scenario sa;
    struct scenario *a = &sa;
    const char *sets[] = {"simulation.seed=8999999999999999999L",
                          "agency.cap_fte=12",
                          "grades.sw.salary_gbp=0.1",
                          "absence_rate=1e-7",
                          "grades.sw.tenure_mix=[0.1, 0.2, 0.3, 0.4]",
                          "description=a, b; c = d # e"};
    load_ok(a,
            BASE "establishment_changes = { x = { month = \"2025-01\"; grade = \"sw\";\n"
                 "  change_fte = -0.3333333333333333; }; };\n"
                 "entry_routes = { twice = { grade = \"sw\"; month = [3, 9]; hires = 2; };\n"
                 "  flow = { grade = \"tl\"; hires_per_month = 0.3333333333333333; }; };\n",
            "grades = { tl = { posts_fte = 2.0; initial_in_post_fte = 1.0;\n"
            "  annual_leaving_rate = 0.1; monthly_fill_probability = 0.1; }; };\n",
            6, sets);
    assert_int_equal(a->route[0].intake_months, (1u << 2) | (1u << 8));
    assert_true(a->seed == 8999999999999999999LL);
    check_round_trip(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenario_minimal_loads_with_defaults),
        cmocka_unit_test(test_scenario_entries_resolve_grades),
        cmocka_unit_test(test_scenario_overlay_overrides_one_key),
        cmocka_unit_test(test_scenario_set_overrides_overlay_and_base),
        cmocka_unit_test(test_scenario_overlay_grades_in_order_of_first_appearance),
        cmocka_unit_test(test_scenario_syntax_error_names_file_and_line),
        cmocka_unit_test(test_scenario_unknown_keys_are_errors),
        cmocka_unit_test(test_scenario_unknown_key_alone_in_known_group),
        cmocka_unit_test(test_scenario_missing_required_key),
        cmocka_unit_test(test_scenario_misspelt_required_key_reports_unknown),
        cmocka_unit_test(test_scenario_wrong_types),
        cmocka_unit_test(test_scenario_out_of_range),
        cmocka_unit_test(test_scenario_non_finite_numbers),
        cmocka_unit_test(test_scenario_name_and_text_checks),
        cmocka_unit_test(test_scenario_grade_consistency),
        cmocka_unit_test(test_scenario_destination_shares_must_sum_to_one),
        cmocka_unit_test(test_scenario_unknown_grade_references),
        cmocka_unit_test(test_scenario_entry_route_consistency),
        cmocka_unit_test(test_scenario_retired_keys_name_their_replacement),
        cmocka_unit_test(test_scenario_dated_entries_within_horizon),
        cmocka_unit_test(test_scenario_needs_a_grade),
        cmocka_unit_test(test_scenario_too_many_grades),
        cmocka_unit_test(test_scenario_set_errors),
        cmocka_unit_test(test_scenario_option_origins_number_separately),
        cmocka_unit_test(test_scenario_large_integer_seed_is_not_wrapped),
        cmocka_unit_test(test_scenario_write_round_trips_example),
        cmocka_unit_test(test_scenario_write_round_trips_awkward_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

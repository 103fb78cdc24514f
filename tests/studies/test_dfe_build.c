/* test_dfe_build: scenarios built from DfE data (see
 * include/wfsim/dfe_build.h). The built scenario of a council reproduces the
 * published stocks at month 0, its written file cites its sources, says where
 * it fell back and reads back to the same struct (dt_scenario checks it for
 * every build); bad areas, years, empty councils, out-of-range values and
 * awkward names give clear errors or valid names. */
#include "support/dfe_testutil.h"

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "model/model.h"

struct stocks {
    double posts, in_post, vacancy, agency, cover;
};

/* Month-0 stocks of replicate k, in double precision (the run store is
 * float). */
static struct stocks month0(const struct scenario *sc, long k)
{
    struct model *m = model_alloc(sc);
    if (m == NULL)
        fail_msg("model_alloc failed");
    model_reset(m, k);
    struct stocks s = {0, 0, 0, 0, 0};
    for (int g = 0; g < sc->n_grades; g++) {
        s.posts += m->wf->stock[g].establishment_fte;
        s.in_post += m->wf->stock[g].in_post_fte;
        s.vacancy += m->wf->stock[g].vacancy_fte;
        s.cover += m->wf->stock[g].cover_fte;
        s.agency += m->wf->stock[g].cover_fte + m->wf->extra_agency_fte[g];
    }
    assert_close(m->wf->agency_fte, s.agency, 1e-6);
    model_free(m);
    return s;
}

/* Build the area's scenario, check the month-0 stocks of two replicates in
 * double precision and through the engine's month 0; returns the text. */
static char *check_stocks(const char *area, int year, double in_post, double vacancy, double agency)
{
    struct scenario *sc = malloc(sizeof *sc);
    char *text = NULL;
    struct error e;
    if (dt_scenario(&shipped, area, year, sc, &text, &e) != 0)
        fail_msg("%s %d: %s", area, year, e.msg);
    for (long k = 0; k < 2; k++) {
        struct stocks s = month0(sc, k);
        assert_close(s.in_post, in_post, 1e-6);
        assert_close(s.vacancy, vacancy, 1e-6);
        assert_close(s.posts, in_post + vacancy, 1e-6);
        assert_close(s.agency, agency, 1e-6);
    }
    sc->months = 1;
    sc->replicates = 2;
    struct run_store st;
    if (engine_run(sc, 2, NULL, NULL, &st, &e) != 0)
        fail_msg("run failed: %s", e.msg);
    for (int k = 0; k < 2; k++) {
        /* floats: about 7 significant digits */
        double tol = 1e-6 * (in_post + vacancy);
        assert_close(engine_monthly(&st, k, metrics_series(M_IN_POST_FTE, 0, sc->n_grades))[0],
                     in_post, tol);
        assert_close(engine_monthly(&st, k, metrics_series(M_VACANCY_FTE, 0, sc->n_grades))[0],
                     vacancy, tol);
        assert_close(engine_monthly(&st, k, metrics_series(M_AGENCY_FTE, 0, sc->n_grades))[0],
                     agency, tol);
    }
    engine_store_destroy(&st);
    free(sc);
    return text;
}

static void assert_contains(const char *text, const char *want)
{
    if (strstr(text, want) == NULL)
        fail_msg("the scenario does not say \"%s\"", want);
}

/* Southwark 2024: 318.1 in post, 97 vacancies, 80.1 agency. */
static void test_dfe_build_southwark_2024_stocks_at_month_0(void **state)
{
    (void)state;
    char *text = check_stocks("Southwark", 2024, 318.1, 97, 80.1);
    assert_contains(text, "Southwark 2024: inpost_fte 318.1");
    assert_contains(text, "# vacancies: Southwark 2024: vacancy_fte 97\n");
    assert_contains(text, "# agency: Southwark 2024: agency_fte 80.1\n");
    assert_contains(text, "name = \"southwark_2024\";");
    assert_contains(text, "area_code = \"E09000028\";  # the report's published history\n");
    assert_contains(text, "start = \"2024-09\";");
    assert_contains(text, "Open Government Licence");
    /* beside the keys: where each value came from */
    assert_contains(text, "target_caseload = 14.835;  # area caseload x 1.15\n");
    /* recruitment is not free, and pay says where it came from */
    assert_contains(text, "advert_cost_gbp = 1000.0;  # national default (estimate)");
    assert_contains(text, "hire_cost_gbp = 2000.0;  # national default (estimate)");
    assert_contains(text, "salary_gbp = 40000.0;  # national default (estimate): frontline pay");
    assert_contains(text, "agency_cost_gbp = 77000.0;  # national default: salary x 1.28 "
                          "on-costs + about £26,000 agency premium (Kantar 2020");
    assert_contains(text,
                    "Numbers are rounded\n# to 6 significant digits, FTE to 4 decimal places.");
    assert_contains(text, "absence_rate = 0.019;  # Southwark 2024: absence_rate_fte 1.9\n");
    assert_contains(text, "seed = 2024930L;  # 2024 x 1000 + 930 (the census day)\n");
    free(text);
}

/* The steady scales multiply every grade's leaving rate and fill
 * probability (at most 1) and every case type's arrivals, replace the cover
 * probability, leave every month-0 stock as it was, and are stated, with
 * each fitted value against the census. */
static void test_dfe_build_steady_scales_are_applied_and_stated(void **state)
{
    (void)state;
    struct dfe_data d;
    dt_load(DT_DATA, &d);
    struct scenario *plain = malloc(sizeof *plain), *held = malloc(sizeof *held);
    struct error e = {ERROR_NONE, ""};
    if (dt_scenario(&d, "Southwark", 2024, plain, NULL, &e) != 0)
        fail_msg("Southwark 2024: %s", e.msg);
    const struct dfe_steady steady = {1.25,
                                      0.5,
                                      0.3125,
                                      0.75,
                                      3,
                                      0,
                                      2.5,
                                      {0.229, 0.209, 0.78, 13.25, 0.142},
                                      {0.234, 0.201, 0.80, 13.2, 0.143}};
    struct dfe_build *built = malloc(sizeof *built);
    assert_int_equal(dfe_build_scenario(&d, "Southwark", 2024, DT_DATA, &steady, built, &e), 0);
    char *text = dt_write(built);
    *held = built->sc;
    free(built);
    assert_contains(text, "# steady: with no change the model holds this census");
    assert_contains(text, "at 30 September 2025-2027: leaving x 1.2500, fill x 0.5000, cover "
                          "0.3125");
    assert_contains(text, "objective 2.5, NOT converged: best fit so far");
    /* each fitted value against the census, the cover share also against the DfE's */
    assert_contains(text, "# steady fit, mean of 30 September 2025-2027: vacancy rate 22.9% "
                          "(census 23.4%), agency rate 20.9% (census 20.1%), cover share 78% "
                          "(census 80%; DfE 82%), caseload 13.2 (census 13.2), turnover 14.2% "
                          "(census 14.3%)\n");
    assert_int_equal(held->n_grades, plain->n_grades);
    for (int g = 0; g < plain->n_grades; g++) {
        const struct grade_params *a = &plain->grade[g], *b = &held->grade[g];
        /* to the six significant digits a built scenario is written with */
        assert_close(b->annual_leaving_rate, 1.25 * a->annual_leaving_rate,
                     1e-5 * a->annual_leaving_rate);
        assert_close(b->monthly_fill_probability, 0.5 * a->monthly_fill_probability,
                     1e-5 * a->monthly_fill_probability);
        assert_close(b->posts_fte, a->posts_fte, 0);
        assert_close(b->initial_in_post_fte, a->initial_in_post_fte, 0);
        assert_close(b->initial_agency_fte, a->initial_agency_fte, 0);
    }
    assert_close(held->agency_cover_probability, 0.3125, 0);
    for (int t = 0; t < plain->n_case_types; t++) {
        assert_close(held->case_type[t].arrivals_per_month,
                     0.75 * plain->case_type[t].arrivals_per_month,
                     1e-5 * plain->case_type[t].arrivals_per_month);
        assert_int_equal(held->case_type[t].initial_open, plain->case_type[t].initial_open);
    }
    free(text);
    free(plain);
    free(held);
    dfe_free(&d);
}

/* Southampton 2024 (E06000045): 197 in post, 13 vacancies, 5.8 agency. */
static void test_dfe_build_southampton_2024_stocks_at_month_0(void **state)
{
    (void)state;
    char *text = check_stocks("E06000045", 2024, 197, 13, 5.8);
    assert_contains(text, "Southampton 2024: inpost_fte 197\n");
    assert_contains(text, "Southampton 2024: vacancy_fte 13\n");
    free(text);
}

/* England 2024: 34,328.2 in post, 7,188.6 vacancies, 6,520.7 agency. */
static void test_dfe_build_england_2024_stocks_at_month_0(void **state)
{
    (void)state;
    free(check_stocks("England", 2024, 34328.2, 7188.6, 6520.7));
}

/* Birmingham 2024 suppressed agency ("u"): in post 766.2 and vacancies 278
 * are its own; agency comes from the West Midlands agency rate 13.9%
 * applied to its in-post FTE: 0.139 x 766.2 / (1 - 0.139), to the 4 decimal
 * places a built scenario's FTE are written with. */
static void test_dfe_build_suppressed_values_fall_back_and_say_so(void **state)
{
    (void)state;
    char *text = check_stocks("Birmingham", 2024, 766.2, 278,
                              round(0.139 * 766.2 / (1 - 0.139) * 1e4) / 1e4);
    assert_contains(text, "(Birmingham: u)");
    assert_contains(text, "# agency: West Midlands 2024:");
    assert_contains(text, "vacancy_agency_cover_rate_fte 69.2 (Birmingham: u)");
    free(text);
    /* Sunderland 2024 agency "low" rounds to zero: it is taken as 0, not
     * replaced by the region's rate */
    text = check_stocks("Sunderland", 2024, 227.4, 10, 0.0);
    assert_contains(text, "agency_fte low (rounds to zero: 0)");
    free(text);
}

/* The scenario's open cases at month 0 are the area's published cases
 * (Southwark 2024: 2085; Southampton 2024: 1302). */
static void test_dfe_build_open_cases_at_month_0_equal_the_data(void **state)
{
    (void)state;
    static const struct {
        const char *area;
        double cases;
    } want[] = {{"Southwark", 2085}, {"Southampton", 1302}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct scenario *sc = malloc(sizeof *sc);
        struct error e;
        if (dt_scenario(&shipped, want[i].area, 2024, sc, NULL, &e) != 0)
            fail_msg("%s", e.msg);
        int open = 0;
        for (int t = 0; t < sc->n_case_types; t++)
            open += sc->case_type[t].initial_open;
        if (open != (int)want[i].cases)
            fail_msg("%s 2024: %d open cases at month 0, the data say %.0f", want[i].area, open,
                     want[i].cases);
        free(sc);
    }
}

/* ---- bad input ---- */

static void expect_error(const struct dfe_data *d, const char *area, int year, const char *want)
{
    struct error e;
    char *text = NULL;
    if (dt_scenario(d, area, year, NULL, &text, &e) == 0)
        fail_msg("%s %d: built a scenario, want \"%s\"", area, year, want);
    free(text);
    assert_int_equal(e.kind, ERROR_INPUT);
    dt_assert_msg(&e, want);
}

static void test_dfe_build_unknown_area_suggests_the_nearest(void **state)
{
    (void)state;
    expect_error(&shipped, "Southwrak", 2024,
                 "--area: unknown area (got \"Southwrak\"; did you mean \"Southwark\"?)");
    expect_error(&shipped, "Kingston upon Hul, City of", 2024,
                 "--area: unknown area (got \"Kingston upon Hul, City of\"; did you mean "
                 "\"Kingston upon Hull, City of\"?)");
}

static void test_dfe_build_year_outside_the_data(void **state)
{
    (void)state;
    expect_error(&shipped, "Southwark", 2016,
                 "--year: no data for Southwark in 2016 (the data cover 2017-2024 where the area "
                 "existed)");
    expect_error(&shipped, "Southwark", 2025,
                 "--year: no data for Southwark in 2025 (the data cover 2017-2024 where the area "
                 "existed)");
    /* created in 2023 */
    expect_error(&shipped, "Cumberland", 2022,
                 "--year: no data for Cumberland in 2022 (the data cover 2017-2024 where the "
                 "area existed)");
}

/* A small file: England, the South East, and councils with suppressed,
 * zero and missing values. */
static const char *small_file(void)
{
    return testutil_write_file(
        2, DT_HEADER DT_ENGLAND_2024 DT_SOUTH_EAST_2024
        "2024,Reporting year,Local authority,E92000001,England,E12000008,South East,901,"
        "E06000901,Secretshire,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c\n"
        "2024,Reporting year,Local authority,E92000001,England,E12000008,South East,902,"
        "E06000902,Emptyshire,0,0,0,0,0,0,0,0,0,0,0,0,0,z,12,100,0,0,0,z,0,0\n"
        "2024,Reporting year,Local authority,E92000001,England,E12000008,South East,903,"
        "E06000903,\"Foo \"\"Bar\"\", City of\",120.5,130,20,21,18,19,15.2,15,10,10,7.7,7,10,"
        "100,20.5,14.5,,80,1200,15,300,2.5\n");
}

static void test_dfe_build_no_in_post_is_nothing_to_simulate(void **state)
{
    (void)state;
    struct dfe_data d;
    dt_load(small_file(), &d);
    expect_error(&d, "Secretshire", 2024,
                 "--area: Secretshire has no permanent FTE in post in 2024 (got c): nothing to "
                 "simulate");
    /* a zero is a number: the message should say so, not "(got )" */
    expect_error(&d, "E06000902", 2024,
                 "--area: Emptyshire has no permanent FTE in post in 2024 (got 0): nothing to "
                 "simulate");
    dfe_free(&d);
}

/* A missing (empty) vacancy cover rate falls back to the region, saying
 * "missing". */
static void test_dfe_build_missing_value_says_missing(void **state)
{
    (void)state;
    struct dfe_data d;
    dt_load(small_file(), &d);
    struct error e;
    char *text = NULL;
    if (dt_scenario(&d, "E06000903", 2024, NULL, &text, &e) != 0)
        fail_msg("%s", e.msg);
    assert_contains(text, "South East 2024: vacancy_agency_cover_rate_fte 74.4 (Foo \"Bar\", City "
                          "of: missing)");
    free(text);
    dfe_free(&d);
}

/* A value its key does not allow names the data file, the area and the
 * key, never a temporary file: Bigshire has no caseload, and neither its
 * region nor England is in the file to fall back on. */
static void test_dfe_build_value_out_of_range_names_the_data(void **state)
{
    (void)state;
    const char *path = testutil_write_file(
        3, DT_HEADER
        "2024,Reporting year,Local authority,E92000001,England,E12000008,South East,904,"
        "E06000904,Bigshire,120.5,130,20,21,18,19,15.2,15,10,10,7.7,7,10,100,20.5,14.5,70,80,"
        "1200,,300,2.5\n");
    struct dfe_data d;
    dt_load(path, &d);
    struct dfe_build *b = malloc(sizeof *b);
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(dfe_build_scenario(&d, "Bigshire", 2024, path, NULL, b, &e), -1);
    assert_int_equal(e.kind, ERROR_INPUT);
    char want[600];
    snprintf(want, sizeof want,
             "%s: Bigshire 2024: grades.nqsw.target_caseload: must be a finite number (got nan)",
             path);
    dt_assert_msg(&e, want);
    free(b);
    dfe_free(&d);
}

static void test_dfe_build_names_with_commas_and_quotes(void **state)
{
    (void)state;
    static const char *const in[][2] = {
        {"Bristol, City of", "bristol_city_of_2024"},
        {"Kingston upon Hull, City of", "kingston_upon_hull_city_of_2024"},
        {"Foo \"Bar\", City of", "foo_bar_city_of_2024"},
        {"  St. Helens'  ", "st_helens_2024"},
        {"Bournemouth, Christchurch and Poole", "bournemouth_christchurch_and_poole_2024"},
    };
    char name[128];
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        dfe_build_name(in[i][0], 2024, name, sizeof name);
        assert_string_equal(name, in[i][1]);
    }
    /* the whole scenario loads (the name is valid, the text is valid libconfig) */
    struct scenario *sc = malloc(sizeof *sc);
    struct error e;
    if (dt_scenario(&shipped, "Bristol, City of", 2024, sc, NULL, &e) != 0)
        fail_msg("Bristol, City of: %s", e.msg);
    assert_string_equal(sc->name, "bristol_city_of_2024");
    struct dfe_data d;
    dt_load(small_file(), &d);
    if (dt_scenario(&d, "Foo \"Bar\", City of", 2024, sc, NULL, &e) != 0)
        fail_msg("Foo \"Bar\", City of: the generated scenario does not load: %s", e.msg);
    assert_string_equal(sc->name, "foo_bar_city_of_2024");
    dfe_free(&d);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfe_build_southwark_2024_stocks_at_month_0),
        cmocka_unit_test(test_dfe_build_southampton_2024_stocks_at_month_0),
        cmocka_unit_test(test_dfe_build_england_2024_stocks_at_month_0),
        cmocka_unit_test(test_dfe_build_suppressed_values_fall_back_and_say_so),
        cmocka_unit_test(test_dfe_build_open_cases_at_month_0_equal_the_data),
        cmocka_unit_test(test_dfe_build_unknown_area_suggests_the_nearest),
        cmocka_unit_test(test_dfe_build_year_outside_the_data),
        cmocka_unit_test(test_dfe_build_no_in_post_is_nothing_to_simulate),
        cmocka_unit_test(test_dfe_build_missing_value_says_missing),
        cmocka_unit_test(test_dfe_build_value_out_of_range_names_the_data),
        cmocka_unit_test(test_dfe_build_names_with_commas_and_quotes),
        cmocka_unit_test(test_dfe_build_steady_scales_are_applied_and_stated),
    };
    return cmocka_run_group_tests(tests, load_shipped, free_shipped);
}

/* test_agency: the agency cap, common random numbers between agency options,
 * release on a permanent start, and the stationary share of vacancies
 * covered against its closed form (fixed seeds, a few standard errors). */
#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "model/model.h"

/* Three grades with promotion, an intake that progresses, a campaign, and
 * fractional posts: every way a permanent worker arrives in a post. */
static const char *const COUNCIL =
    "name = \"council\";\n"
    "simulation = { start = \"2024-09\"; months = 48; replicates = 24; seed = 77031L; };\n"
    "grades = {\n"
    "  nqsw = { posts_fte = 11.6; initial_in_post_fte = 8.3; tenure_mix = [0.8, 0.2, 0.0, 0.0];\n"
    "    annual_leaving_rate = 0.2113; monthly_fill_probability = 0.0417; };\n"
    "  sw = { posts_fte = 63.7; initial_in_post_fte = 49.2; initial_agency_fte = 4.9;\n"
    "    annual_leaving_rate = 0.1871; monthly_fill_probability = 0.0733; };\n"
    "  sp = { posts_fte = 19.3; initial_in_post_fte = 15.4; initial_agency_fte = 1.2;\n"
    "    annual_leaving_rate = 0.1237; monthly_fill_probability = 0.0811;\n"
    "    promotion_from = \"sw\"; internal_fill_share = 0.45; };\n"
    "};\n"
    "leaving = { notice_months = 1; };\n"
    "recruitment = { advert_delay_months = 1; start_delay_months = 2;\n"
    "};\n"
    "entry_routes = { nqsw = { grade = \"nqsw\"; month = 9; hires = 5; training_months = 12;\n"
    "    pass_rate = 0.93; completion_grade = \"sw\"; grant_gbp = 2000.0; }; };\n"
    "campaigns = { overseas = { month = \"2025-03\"; grade = \"sw\"; hires = 6;\n"
    "  lead_months = 5; }; };\n"
    "agency = { cover_probability = 0.3719; annual_assignment_end_rate = 1.137;\n"
    "  release_on_start_probability = 0.77; monthly_conversion_probability = 0.0;\n"
    "  initial_vacancy_cover_share = 0.813; };\n";

/* One grade, nothing but leaving, filling and agency. */
static const char *const ONE_GRADE =
    "name = \"one\";\n"
    "simulation = { start = \"2024-09\"; months = 48; replicates = 24; seed = 77031L; };\n"
    "grades = { sw = { posts_fte = 241.0; initial_in_post_fte = 197.0; initial_agency_fte = 21.0;\n"
    "  annual_leaving_rate = 0.2437; monthly_fill_probability = 0.0913; }; };\n"
    "agency = { cover_probability = 0.3719; annual_assignment_end_rate = 1.137;\n"
    "  release_on_start_probability = 0.77; monthly_conversion_probability = 0.0; };\n";

/* Run the scenario; returns its number of grades. */
static int run(const char *text, int n_sets, const char *const *sets, struct run_store *st)
{
    struct scenario *sc = testutil_load_new(text, NULL, n_sets, sets);
    testutil_run(sc, 2, st);
    int n_grades = sc->n_grades;
    free(sc);
    return n_grades;
}

/* The council-wide series of a metric in replicate k of a run of G grades. */
static const float *series(const struct run_store *st, int G, int k, int metric)
{
    return engine_monthly(st, k, metrics_series(metric, 0, G));
}

static void test_agency_cap_is_never_exceeded(void **state)
{
    (void)state;
    const double cap = 9.35;
    const char *sets[] = {"agency.cap_fte=9.35", "agency.cover_probability=0.83",
                          "agency.monthly_conversion_probability=0.04",
                          "agency.release_on_start_probability=0.3"};
    struct run_store st;
    int G = run(COUNCIL, 4, sets, &st);
    double most = 0;
    for (int k = 0; k < st.replicates; k++) {
        const float *a = series(&st, G, k, M_AGENCY_FTE);
        for (int m = 0; m < st.months; m++) {
            if (a[m] > cap + 1e-4)
                fail_msg("replicate %d month %d: agency %g over the cap %g", k, m, a[m], cap);
            most = a[m] > most ? a[m] : most;
        }
    }
    assert_true(most > cap - 1.0); /* the cap binds */
    engine_store_destroy(&st);
}

/* A cap dated a year ahead (agency.cap_from) leaves the first year exactly
 * as uncapped (the same draws), and from its month no new cover starts above
 * it: agency FTE never rises while over the cap. */
static void test_agency_cap_from_a_date_leaves_the_months_before_it_alone(void **state)
{
    (void)state;
    const double cap = 9.35;
    const char *capped[] = {"agency.cap_fte=9.35", "agency.cap_from=\"2025-09\"",
                            "agency.cover_probability=0.83"};
    const char *free_[] = {"agency.cover_probability=0.83"};
    struct run_store a, b;
    int G = run(COUNCIL, 3, capped, &a);
    run(COUNCIL, 1, free_, &b);
    int binds = 0;
    for (int k = 0; k < a.replicates; k++) {
        const float *x = series(&a, G, k, M_AGENCY_FTE), *y = series(&b, G, k, M_AGENCY_FTE);
        for (int m = 0; m < 12; m++)
            if (x[m] != y[m])
                fail_msg("replicate %d month %d: %g capped, %g not, before the cap", k, m, x[m],
                         y[m]);
        for (int m = 12; m < a.months; m++) {
            if (x[m] > x[m - 1] + 1e-4 && x[m] > cap + 1e-4)
                fail_msg("replicate %d month %d: agency rose to %g over the cap %g", k, m, x[m],
                         cap);
            binds |= y[m] > x[m] + 1e-4;
        }
    }
    assert_true(binds);
    engine_store_destroy(&a);
    engine_store_destroy(&b);
}

/* A price cap dated a year ahead (agency.price_cap_from): the agency cost per
 * FTE is the market rate before it and the cap from it. */
static void test_agency_price_cap_from_a_date_prices_the_months_from_it(void **state)
{
    (void)state;
    const char *sets[] = {"grades.sw.agency_cost_gbp=90000.0",
                          "grades.sw.agency_price_cap_gbp=72000.0",
                          "agency.price_cap_from=\"2025-09\""};
    struct run_store st;
    int G = run(ONE_GRADE, 3, sets, &st);
    for (int k = 0; k < st.replicates; k++) {
        const float *fte = series(&st, G, k, M_AGENCY_FTE),
                    *cost = series(&st, G, k, M_COST_AGENCY);
        for (int m = 1; m < st.months; m++)
            assert_close(cost[m], fte[m] * (m < 12 ? 90000.0 : 72000.0) / 12, 1e-3 * cost[m] + 1);
    }
    engine_store_destroy(&st);
}

/* Agency options change agency_fte but, without conversions, not one
 * permanent worker's fate: the permanent series match replicate by
 * replicate. */
static void expect_common_random_numbers(const char *text, const char *option)
{
    static const int permanent[] = {M_LEAVERS_FTE, M_STARTERS_FTE, M_IN_POST_FTE};
    struct run_store base, alt;
    int G = run(text, 0, NULL, &base);
    run(text, 1, &option, &alt);
    size_t bytes = (size_t)base.months * sizeof(float);
    int agency_differs = 0;
    for (int k = 0; k < base.replicates; k++) {
        for (int j = 0; j < 3; j++)
            if (memcmp(series(&base, G, k, permanent[j]), series(&alt, G, k, permanent[j]),
                       bytes) != 0)
                fail_msg("%s changes %s in replicate %d", option,
                         metrics_table()[permanent[j]].name, k);
        agency_differs |=
            memcmp(series(&base, G, k, M_AGENCY_FTE), series(&alt, G, k, M_AGENCY_FTE), bytes) != 0;
    }
    assert_true(agency_differs);
    engine_store_destroy(&base);
    engine_store_destroy(&alt);
}

static void test_agency_cover_probability_leaves_one_grade_permanent_series(void **state)
{
    (void)state;
    expect_common_random_numbers(ONE_GRADE, "agency.cover_probability=0.1311");
}

static void test_agency_end_rate_leaves_one_grade_permanent_series(void **state)
{
    (void)state;
    expect_common_random_numbers(ONE_GRADE, "agency.annual_assignment_end_rate=2.713");
}

static void test_agency_cover_probability_leaves_council_permanent_series(void **state)
{
    (void)state;
    expect_common_random_numbers(COUNCIL, "agency.cover_probability=0.1311");
}

static void test_agency_end_rate_leaves_council_permanent_series(void **state)
{
    (void)state;
    expect_common_random_numbers(COUNCIL, "agency.annual_assignment_end_rate=2.713");
}

/* Returns the largest agency FTE not covering a vacancy over the run. */
static double most_agency_off_vacancies(const char *release)
{
    const char *sets[] = {"grades.sw.initial_agency_fte=0.0", "grades.sp.initial_agency_fte=0.0",
                          "agency.monthly_conversion_probability=0.03", release};
    struct run_store st;
    int G = run(COUNCIL, 4, sets, &st);
    double most = 0;
    for (int k = 0; k < st.replicates; k++) {
        const float *all = series(&st, G, k, M_AGENCY_FTE);
        const float *cover = series(&st, G, k, M_AGENCY_COVER_FTE);
        for (int m = 0; m < st.months; m++)
            most = all[m] - cover[m] > most ? all[m] - cover[m] : most;
    }
    engine_store_destroy(&st);
    return most;
}

/* Release 1: cover ends when the permanent worker arrives (a start, a
 * promotion, a progression, a campaign or intake start), so with no initial
 * agency off vacancies there never is any. Release 0 keeps them on. */
static void test_agency_release_1_ends_cover_on_arrival(void **state)
{
    (void)state;
    assert_close(most_agency_off_vacancies("agency.release_on_start_probability=1.0"), 0.0, 1e-6);
    assert_true(most_agency_off_vacancies("agency.release_on_start_probability=0.0") > 1.0);
}

/* A locum covering a vacancy under offer cannot take the post, so their
 * assignment ends only at the end rate (here 0) whatever the conversion
 * probability: 37 covered vacancies all get offers in month 1 (fill 1, start
 * delay 12) and stay covered until the starters arrive in month 13. */
static void test_agency_cover_under_offer_ends_only_at_the_end_rate(void **state)
{
    (void)state;
    const char *sets[] = {"simulation.months=14",
                          "grades.sw.posts_fte=60.0",
                          "grades.sw.initial_in_post_fte=23.0",
                          "grades.sw.initial_agency_fte=37.0",
                          "grades.sw.annual_leaving_rate=0.0",
                          "grades.sw.monthly_fill_probability=1.0",
                          "recruitment.advert_delay_months=0",
                          "recruitment.start_delay_months=12",
                          "agency.cover_probability=0.0",
                          "agency.annual_assignment_end_rate=0.0",
                          "agency.monthly_conversion_probability=0.2",
                          "agency.initial_vacancy_cover_share=1.0",
                          "agency.release_on_start_probability=1.0"};
    struct run_store st;
    int G = run(ONE_GRADE, 13, sets, &st);
    for (int k = 0; k < st.replicates; k++) {
        const float *cover = series(&st, G, k, M_AGENCY_COVER_FTE);
        const float *offered = series(&st, G, k, M_OFFERS_PENDING_FTE);
        for (int m = 1; m <= 12; m++) {
            assert_close(offered[m], 37.0, 1e-6);
            if (cover[m] != 37.0f)
                fail_msg("replicate %d month %d: %g of 37 FTE under offer still covered", k, m,
                         cover[m]);
        }
        assert_close(cover[13], 0.0, 1e-6); /* released as the starters arrive */
    }
    engine_store_destroy(&st);
}

/* Stationary share of vacancies covered (no exit: no leaving, no fills, so
 * the initial vacancies are the only ones). Each vacancy, in its month of
 * opening (after leaving) and every month after, passes the agency step: an
 * uncovered one is covered with probability c, a covered one's assignment
 * ends with probability e = annual rate / 12 (conversion 0, no cap). Earlier
 * in each month after the first it is filled with probability h (advert and
 * start delay 0), independently of its cover (a separate uniform).
 * Stationary balance of the covered count C among V vacancies, with A = hV
 * new (uncovered) vacancies a month:
 *   C = (1 - h)(1 - e) C + c ((1 - h)(V - C) + A)
 * so C / V = c / (h + (1 - h)(c + e)). With no exit (h = 0) this is the
 * two-state chain's c / (c + e); for small rates it is close to the
 * continuous-time c / (c + e + h). Vacancies of different posts are
 * independent, so the pooled share has binomial error at most
 * sqrt(s (1 - s) / sum V). */
static void expect_cover_share(const char *fill, const char *leave, double h)
{
    const double c = 0.2371, annual_end = 2.913, e = annual_end / 12;
    const char *sets[] = {"simulation.months=120",
                          "simulation.replicates=400",
                          "grades.sw.initial_agency_fte=0.0",
                          "agency.cover_probability=0.2371",
                          "agency.annual_assignment_end_rate=2.913",
                          "recruitment.advert_delay_months=0",
                          "recruitment.start_delay_months=0",
                          "leaving.notice_months=0",
                          fill,
                          leave};
    struct run_store st;
    int G = run(ONE_GRADE, 10, sets, &st);
    double covered = 0, vacant = 0;
    for (int k = 0; k < st.replicates; k++) {
        covered += series(&st, G, k, M_AGENCY_COVER_FTE)[120];
        vacant += series(&st, G, k, M_VACANCY_FTE)[120];
    }
    double s = c / (h + (1 - h) * (c + e));
    assert_true(vacant > 10000);
    assert_close(covered / vacant, s, 4 * sqrt(s * (1 - s) / vacant));
    engine_store_destroy(&st);
}

static void test_agency_cover_share_without_exit_is_c_over_c_plus_e(void **state)
{
    (void)state;
    expect_cover_share("grades.sw.monthly_fill_probability=0.0",
                       "grades.sw.annual_leaving_rate=0.0", 0.0);
}

static void test_agency_cover_share_with_fills_matches_the_closed_form(void **state)
{
    (void)state;
    expect_cover_share("grades.sw.monthly_fill_probability=0.0913",
                       "grades.sw.annual_leaving_rate=0.2437", 0.0913);
}

/* A pool of 21 one-FTE locums and nothing else that moves agency: no
 * vacancy is covered (cover 0, none at month 0) and none is filled. */
static struct scenario *pool_only(double replacement)
{
    char sets[3][64];
    snprintf(sets[0], sizeof sets[0], "agency.pool_replacement_probability=%.17g", replacement);
    snprintf(sets[1], sizeof sets[1], "agency.cover_probability=0");
    snprintf(sets[2], sizeof sets[2], "agency.initial_vacancy_cover_share=0");
    const char *const set[4] = {sets[0], sets[1], sets[2], "grades.sw.monthly_fill_probability=0"};
    struct scenario *sc = testutil_load_new(ONE_GRADE, NULL, 4, set);
    return sc;
}

/* Each month an assignment of the month-0 pool ends with a / 12 and is taken
 * over with r, so after m months the pool is Binomial(21, (1 - a (1 - r) / 12)^m):
 * r = 0.5, a = 1.137, m = 24 over 4000 replicates, mean within 4 standard
 * errors; r = 1 keeps it at 21 exactly. */
static void test_agency_pool_replacement_thins_the_census_pool(void **state)
{
    (void)state;
    const double rs[2] = {0.5, 1.0};
    for (int t = 0; t < 2; t++) {
        struct scenario *sc = pool_only(rs[t]);
        sc->seed = 88123;
        struct model *m = model_alloc(sc);
        assert_non_null(m);
        const int reps = 4000, months = 24;
        double sum = 0;
        for (int k = 0; k < reps; k++) {
            model_reset(m, k);
            assert_int_equal(m->wf->extra_agency_n[0], 21);
            for (int month = 0; month < months; month++)
                model_step(m);
            assert_int_equal(m->wf->extra_agency_n[0], m->wf->census_pool_n[0]); /* no joiners */
            assert_close(m->wf->extra_agency_fte[0], m->wf->extra_agency_n[0], 1e-9);
            sum += m->wf->extra_agency_n[0];
        }
        double q = pow(1 - 1.137 * (1 - rs[t]) / 12, months);
        double se = sqrt(21 * q * (1 - q) / reps);
        if (rs[t] == 1.0)
            assert_close(sum / reps, 21, 0);
        else if (fabs(sum / reps - 21 * q) > 4 * se)
            fail_msg("r = %g: mean pool %g, expected %g (se %g)", rs[t], sum / reps, 21 * q, se);
        model_free(m);
        free(sc);
    }
}

/* Locums who join the pool later (kept on after a permanent starter, release
 * 0) end at the usual rate even when the census's are all replaced: the
 * census part stays at 21 while the pool both grows and shrinks. */
static void test_agency_pool_joiners_end_as_usual(void **state)
{
    (void)state;
    struct scenario *sc = pool_only(1.0);
    sc->agency_cover_probability = 0.9;
    sc->grade[0].monthly_fill_probability = 0.2;
    sc->agency_release_on_start_probability = 0;
    struct model *m = model_alloc(sc);
    assert_non_null(m);
    int grew = 0, shrank = 0;
    for (int k = 0; k < 20; k++) {
        model_reset(m, k);
        int before = m->wf->extra_agency_n[0];
        for (int month = 0; month < 48; month++) {
            model_step(m);
            int now = m->wf->extra_agency_n[0];
            assert_int_equal(m->wf->census_pool_n[0], 21);
            assert_true(now >= 21);
            grew += now > before;
            shrank += now < before;
            before = now;
        }
    }
    assert_true(grew > 0);
    assert_true(shrank > 0);
    model_free(m);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agency_cap_is_never_exceeded),
        cmocka_unit_test(test_agency_cap_from_a_date_leaves_the_months_before_it_alone),
        cmocka_unit_test(test_agency_price_cap_from_a_date_prices_the_months_from_it),
        cmocka_unit_test(test_agency_cover_probability_leaves_one_grade_permanent_series),
        cmocka_unit_test(test_agency_end_rate_leaves_one_grade_permanent_series),
        cmocka_unit_test(test_agency_cover_probability_leaves_council_permanent_series),
        cmocka_unit_test(test_agency_end_rate_leaves_council_permanent_series),
        cmocka_unit_test(test_agency_release_1_ends_cover_on_arrival),
        cmocka_unit_test(test_agency_cover_under_offer_ends_only_at_the_end_rate),
        cmocka_unit_test(test_agency_cover_share_without_exit_is_c_over_c_plus_e),
        cmocka_unit_test(test_agency_cover_share_with_fills_matches_the_closed_form),
        cmocka_unit_test(test_agency_pool_replacement_thins_the_census_pool),
        cmocka_unit_test(test_agency_pool_joiners_end_as_usual),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

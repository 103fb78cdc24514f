/* test_workforce: the state transitions keep their stocks (workforce_check
 * after every step of stress scenarios) and hand-computed cases of the
 * month-0 layout, establishment cuts and growth. */
#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/workforce.h"

#define STRESS_MONTHS 36
#define STRESS_REPS 6

/* Three grades with fractional FTE, an intake progressing to sw, promotion
 * into sp, a binding agency cap, conversions, campaigns with lead 4 and lead
 * 0, a cut of sw deeper than its vacancies, cuts and growth of sp and nqsw. */
static const char *const STRESS =
    "name = \"stress\";\n"
    "simulation = { start = \"2024-09\"; months = 36; replicates = 6; seed = 90417L; };\n"
    "grades = {\n"
    "  nqsw = { posts_fte = 9.3; initial_in_post_fte = 6.6; initial_agency_fte = 0.0;\n"
    "    tenure_mix = [0.7, 0.3, 0.0, 0.0]; annual_leaving_rate = 0.4137;\n"
    "    monthly_fill_probability = 0.0613; };\n"
    "  sw = { posts_fte = 41.6; initial_in_post_fte = 33.9; initial_agency_fte = 4.1;\n"
    "    annual_leaving_rate = 0.5219; monthly_fill_probability = 0.1837; };\n"
    "  sp = { posts_fte = 12.45; initial_in_post_fte = 10.2; initial_agency_fte = 1.3;\n"
    "    annual_leaving_rate = 0.3311; monthly_fill_probability = 0.2213;\n"
    "    promotion_from = \"sw\"; internal_fill_share = 0.6; };\n"
    "};\n"
    "leaving = { notice_months = 1; };\n"
    "recruitment = { advert_delay_months = 1; start_delay_months = 2;\n"
    "};\n"
    "entry_routes = { nqsw = { grade = \"nqsw\"; month = 9; hires = 4; training_months = 5;\n"
    "    pass_rate = 0.83; completion_grade = \"sw\"; grant_gbp = 2000.0; }; };\n"
    "campaigns = {\n"
    "  lead4 = { month = \"2024-11\"; grade = \"sw\"; hires = 5; lead_months = 4; };\n"
    "  lead0 = { month = \"2025-06\"; grade = \"sp\"; hires = 3; lead_months = 0; };\n"
    "};\n"
    "establishment_changes = {\n"
    "  deep_cut = { month = \"2024-12\"; grade = \"sw\"; change_fte = -15.3; };\n"
    "  growth = { month = \"2025-02\"; grade = \"nqsw\"; change_fte = 3.7; };\n"
    "  sp_cut = { month = \"2025-04\"; grade = \"sp\"; change_fte = -2.35; };\n"
    "  sp_growth = { month = \"2026-01\"; grade = \"sp\"; change_fte = 1.85; };\n"
    "};\n"
    "agency = { cover_probability = 0.55; cap_fte = 7.4; annual_assignment_end_rate = 0.9;\n"
    "  release_on_start_probability = 0.4; monthly_conversion_probability = 0.2; };\n";

static struct scenario *load(const char *text, int n_sets, const char *const *sets)
{
    struct scenario *sc = testutil_load_new(text, NULL, n_sets, sets);
    return sc;
}

/* Invariants beyond workforce_check: all agency FTE is cover plus the pool,
 * within the cap; filled posts carry no cover; pending cuts and events are
 * consistent with the clock. Returns the agency FTE. */
static double check_state(const struct workforce *wf, const struct scenario *sc)
{
    if (workforce_check(wf) != 0)
        fail_msg("workforce_check failed at month %d", wf->month);
    double cover = 0, extra = 0;
    for (int g = 0; g < wf->n_grades; g++) {
        cover += wf->stock[g].cover_fte;
        extra += wf->extra_agency_fte[g];
        assert_true(wf->pending_cut_fte[g] >= -1e-9);
        assert_true(wf->extra_agency_n[g] >= 0 && wf->extra_agency_fte[g] >= -1e-9);
        assert_close(wf->stock[g].in_post_fte + wf->stock[g].vacancy_fte,
                     wf->stock[g].establishment_fte, 1e-6);
    }
    assert_close(wf->agency_fte, cover + extra, 1e-6);
    if (sc->agency_cap_fte >= 0 && wf->agency_fte > sc->agency_cap_fte + 1e-6)
        fail_msg("agency %g over the cap %g at month %d", wf->agency_fte, sc->agency_cap_fte,
                 wf->month);
    for (int i = 0; i < wf->n_posts; i++) {
        const struct post *p = &wf->post[i];
        if (p->state == POST_FILLED && (p->flags & PF_AGENCY))
            fail_msg("filled post %d still covered at month %d", i, wf->month);
        if ((p->state == POST_OFFERED || (p->flags & PF_NOTICE)) && p->until <= wf->month)
            fail_msg("post %d: event due at %d still pending at month %d", i, p->until, wf->month);
        if (p->state == POST_CLOSED && p->fte != 0)
            fail_msg("closed post %d keeps %g FTE", i, p->fte);
    }
    return wf->agency_fte;
}

/* Run the stress scenario with overrides; returns the most agency seen and
 * the most sw FTE left pending after the deep cut (to show both bind). */
static void run_stress(int n_sets, const char *const *sets, double *max_agency, double *max_pending)
{
    struct scenario *sc = load(STRESS, n_sets, sets);
    struct model *m = model_alloc(sc);
    assert_non_null(m);
    *max_agency = *max_pending = 0;
    for (long k = 0; k < STRESS_REPS; k++) {
        model_reset(m, k);
        check_state(m->wf, sc);
        for (int month = 1; month <= STRESS_MONTHS; month++) {
            model_step(m);
            double a = check_state(m->wf, sc);
            *max_agency = a > *max_agency ? a : *max_agency;
            if (m->wf->pending_cut_fte[1] > *max_pending)
                *max_pending = m->wf->pending_cut_fte[1];
        }
    }
    model_free(m);
    free(sc);
}

static void expect_stress_holds(int n_sets, const char *const *sets)
{
    double max_agency, max_pending;
    run_stress(n_sets, sets, &max_agency, &max_pending);
    assert_true(max_agency > 7.4 - 1.0); /* the cap binds */
    assert_true(max_pending > 1.0);      /* the cut is deeper than the vacancies */
}

static void test_workforce_stocks_hold_under_stress(void **state)
{
    (void)state;
    expect_stress_holds(0, NULL);
}

static void test_workforce_stocks_hold_with_notice_0(void **state)
{
    (void)state;
    const char *sets[] = {"leaving.notice_months=0"};
    expect_stress_holds(1, sets);
}

static void test_workforce_stocks_hold_with_notice_3_and_start_delay_0(void **state)
{
    (void)state;
    const char *sets[] = {"leaving.notice_months=3", "recruitment.start_delay_months=0"};
    expect_stress_holds(2, sets);
}

static void test_workforce_stocks_hold_with_advert_and_start_delay_0(void **state)
{
    (void)state;
    const char *sets[] = {"recruitment.advert_delay_months=0", "recruitment.start_delay_months=0",
                          "leaving.notice_months=0", "entry_routes.nqsw.pass_rate=1.0"};
    expect_stress_holds(4, sets);
}

static void test_workforce_stocks_hold_with_full_release_and_no_cap(void **state)
{
    (void)state;
    const char *sets[] = {"agency.cap_fte=-1", "agency.release_on_start_probability=1.0",
                          "entry_routes.nqsw.hires=40"};
    double max_agency, max_pending;
    run_stress(3, sets, &max_agency, &max_pending);
    assert_true(max_agency > 7.4); /* no cap: agency goes past the old cap */
}

/* One grade "sw" with the given layout, nothing random happening unless
 * `extra` says so; changes go in `extra`. */
static struct scenario *hand(double posts, double in_post, double agency, const char *extra,
                             const char *set)
{
    char text[2048];
    snprintf(text, sizeof text,
             "name = \"hand\";\n"
             "simulation = { start = \"2024-09\"; months = 12; replicates = 5; seed = 3301L; };\n"
             "grades = { sw = { posts_fte = %.10g; initial_in_post_fte = %.10g;\n"
             "  initial_agency_fte = %.10g; annual_leaving_rate = 0.0;\n"
             "  monthly_fill_probability = 0.0; }; };\n"
             "agency = { cover_probability = 0.0; annual_assignment_end_rate = 0.0;\n"
             "  monthly_conversion_probability = 0.0; };\n%s",
             posts, in_post, agency, extra);
    return load(text, set != NULL, &set);
}

static double fte_in_state(const struct workforce *wf, int state)
{
    double sum = 0;
    for (int i = 0; i < wf->n_posts; i++)
        sum += wf->post[i].state == state ? wf->post[i].fte : 0;
    return sum;
}

static void test_workforce_month0_reproduces_the_census(void **state)
{
    (void)state;
    struct scenario *sc = hand(23.4, 17.7, 3.3, "", NULL);
    struct model *m = model_alloc(sc);
    for (long k = 0; k < 5; k++) {
        model_reset(m, k);
        const struct workforce *wf = m->wf;
        const struct grade_stock *s = &wf->stock[0];
        check_state(wf, sc);
        assert_int_equal(wf->month, 0);
        assert_int_equal(wf->n_posts, 24); /* 17 + 0.7 filled, 5 + 0.7 vacant */
        assert_close(s->establishment_fte, 23.4, 1e-5);
        assert_close(s->in_post_fte, 17.7, 1e-5);
        assert_close(s->vacancy_fte, 5.7, 1e-5);
        assert_close(fte_in_state(wf, POST_FILLED), 17.7, 1e-5);
        assert_close(fte_in_state(wf, POST_VACANT), 5.7, 1e-5);
        assert_close(wf->agency_fte, 3.3, 1e-5);
        assert_close(s->cover_fte + wf->extra_agency_fte[0], 3.3, 1e-5);
        /* 0.813 x 3.3 = 2.68 FTE target: two whole vacant posts are covered */
        assert_close(s->cover_fte, 2.0, 1e-6);
        assert_close(s->offered_fte, 0.0, 0);
    }
    model_free(m);
    free(sc);
}

/* Posts of state `state` (and fte) at the moment. */
static int count_state(const struct workforce *wf, int state)
{
    int n = 0;
    for (int i = 0; i < wf->n_posts; i++)
        n += wf->post[i].state == state;
    return n;
}

static int first_filled(const struct workforce *wf)
{
    for (int i = 0; i < wf->n_posts; i++)
        if (wf->post[i].state == POST_FILLED)
            return i;
    fail_msg("no filled post");
    return -1;
}

/* 20 posts, 17 in post: a cut of 5.5 closes the 3 vacancies and leaves 2.5
 * to close as the next posts fall vacant (1, 1, then half of a post). */
static void test_establishment_cut_beyond_vacancies_waits_for_leavers(void **state)
{
    (void)state;
    struct scenario *sc = hand(20.0, 17.0, 0.0,
                               "establishment_changes = { c = { month = \"2024-10\";\n"
                               "  grade = \"sw\"; change_fte = -5.5; }; };\n",
                               NULL);
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    model_step(m);
    struct workforce *wf = m->wf;
    const struct grade_stock *s = &wf->stock[0];
    check_state(wf, sc);
    assert_int_equal(count_state(wf, POST_CLOSED), 3);
    assert_close(s->vacancy_fte, 0.0, 1e-9);
    assert_close(s->establishment_fte, 17.0, 1e-9);
    assert_close(wf->pending_cut_fte[0], 2.5, 1e-9);
    const double pending_after[] = {1.5, 0.5, 0.0, 0.0};
    const double establishment_after[] = {16.0, 15.0, 14.5, 14.5};
    const double vacancy_after[] = {0.0, 0.0, 0.5, 1.5};
    for (int n = 0; n < 4; n++) {
        int i = first_filled(wf);
        workforce_leave(wf, i, DEST_TO_OTHER_LA);
        check_state(wf, sc);
        assert_int_equal(wf->post[i].state, n < 2 ? POST_CLOSED : POST_VACANT);
        assert_close(wf->post[i].fte, n == 2 ? 0.5 : n < 2 ? 0.0 : 1.0, 1e-6);
        assert_close(wf->pending_cut_fte[0], pending_after[n], 1e-9);
        assert_close(s->establishment_fte, establishment_after[n], 1e-6);
        assert_close(s->vacancy_fte, vacancy_after[n], 1e-6);
        assert_close(s->in_post_fte, 16.0 - n, 1e-6);
        assert_close(wf->flow[0].leavers_fte, n + 1.0, 1e-9); /* leavers all the same */
    }
    model_free(m);
    free(sc);
}

/* A cut closes uncovered vacancies first; the covered one goes last and its
 * agency worker with it. */
static void test_establishment_cut_closes_uncovered_vacancies_first(void **state)
{
    (void)state;
    struct scenario *sc =
        hand(10.0, 6.0, 1.0,
             "establishment_changes = {\n"
             "  a = { month = \"2024-10\"; grade = \"sw\"; change_fte = -3.0; };\n"
             "  b = { month = \"2024-11\"; grade = \"sw\"; change_fte = -0.25; };\n"
             "};\n",
             "agency.initial_vacancy_cover_share=1.0");
    struct model *m = model_alloc(sc);
    model_reset(m, 2);
    const struct grade_stock *s = &m->wf->stock[0];
    assert_close(s->cover_fte, 1.0, 1e-9);
    model_step(m);
    check_state(m->wf, sc);
    assert_close(s->vacancy_fte, 1.0, 1e-9);
    assert_close(s->cover_fte, 1.0, 1e-9); /* the covered post is the one left */
    assert_close(m->wf->agency_fte, 1.0, 1e-9);
    model_step(m); /* a quarter of the covered post goes, and its cover */
    check_state(m->wf, sc);
    assert_close(s->vacancy_fte, 0.75, 1e-6);
    assert_close(s->cover_fte, 0.75, 1e-6);
    assert_close(m->wf->agency_fte, 0.75, 1e-6);
    assert_close(s->establishment_fte, 6.75, 1e-6);
    model_free(m);
    free(sc);
}

/* Growth of 3.7 adds three whole vacant posts and one of 0.7, opened now. */
static void test_establishment_growth_adds_vacant_posts_totalling_the_change(void **state)
{
    (void)state;
    struct scenario *sc = hand(20.0, 17.0, 0.0,
                               "establishment_changes = { g = { month = \"2024-11\";\n"
                               "  grade = \"sw\"; change_fte = 3.7; }; };\n",
                               NULL);
    struct model *m = model_alloc(sc);
    model_reset(m, 1);
    model_step(m);
    int before = m->wf->n_posts;
    model_step(m);
    const struct workforce *wf = m->wf;
    check_state(wf, sc);
    assert_int_equal(wf->n_posts, before + 4);
    double added = 0;
    for (int i = before; i < wf->n_posts; i++) {
        assert_int_equal(wf->post[i].state, POST_VACANT);
        assert_int_equal(wf->post[i].since, 2);
        assert_int_equal(wf->post[i].grade, 0);
        assert_close(wf->post[i].fte, i < before + 3 ? 1.0 : 0.7, 1e-6);
        added += wf->post[i].fte;
    }
    assert_close(added, 3.7, 1e-6);
    assert_close(wf->stock[0].establishment_fte, 23.7, 1e-5);
    assert_close(wf->stock[0].vacancy_fte, 6.7, 1e-5);
    assert_close(wf->stock[0].in_post_fte, 17.0, 1e-9);
    model_free(m);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workforce_stocks_hold_under_stress),
        cmocka_unit_test(test_workforce_stocks_hold_with_notice_0),
        cmocka_unit_test(test_workforce_stocks_hold_with_notice_3_and_start_delay_0),
        cmocka_unit_test(test_workforce_stocks_hold_with_advert_and_start_delay_0),
        cmocka_unit_test(test_workforce_stocks_hold_with_full_release_and_no_cap),
        cmocka_unit_test(test_workforce_month0_reproduces_the_census),
        cmocka_unit_test(test_establishment_cut_beyond_vacancies_waits_for_leavers),
        cmocka_unit_test(test_establishment_cut_closes_uncovered_vacancies_first),
        cmocka_unit_test(test_establishment_growth_adds_vacant_posts_totalling_the_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

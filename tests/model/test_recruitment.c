/* test_recruitment: campaigns, the NQSW entry route, the ASYE and progression,
 * internal promotion, the advert delay and the mean time to fill (fixed
 * seeds, closed forms). The event order is that of sim/model/model.h. */
#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/metrics.h"
#include "model/model.h"

#define MAX_MONTHS 200

/* Grades, recruitment and extra groups; nothing random unless they say so.
 * Agency is off: its conversions would be fills too. */
static struct scenario *load_parts(const char *start, int months, const char *grades,
                                   const char *recruitment, const char *extra)
{
    char text[4096];
    snprintf(text, sizeof text,
             "name = \"recruit\";\n"
             "simulation = { start = \"%s\"; months = %d; replicates = 1; seed = 60913L; };\n"
             "grades = { %s };\n"
             "leaving = { notice_months = 0; };\n"
             "recruitment = { %s };\n"
             "agency = { cover_probability = 0.0; monthly_conversion_probability = 0.0; };\n%s",
             start, months, grades, recruitment, extra);
    struct scenario *sc = testutil_load_new(text, NULL, 0, NULL);
    return sc;
}

/* Monthly metrics of one replicate, month 0 .. sc->months. */
struct trace {
    int n_series;
    float v[MAX_MONTHS + 1][N_METRICS * METRICS_SCOPES];
};

static struct trace *trace_run(const struct scenario *sc, long replicate)
{
    struct trace *t = calloc(1, sizeof *t);
    struct metrics_history h;
    struct model *m = model_alloc(sc);
    assert_true(t != NULL && m != NULL && sc->months <= MAX_MONTHS);
    t->n_series = metrics_n_series(sc->n_grades);
    model_reset(m, replicate);
    metrics_observe(&h, m->wf, sc, t->v[0]);
    for (int month = 1; month <= sc->months; month++) {
        model_step(m);
        assert_int_equal(workforce_check(m->wf), 0);
        metrics_observe(&h, m->wf, sc, t->v[month]);
    }
    model_free(m);
    return t;
}

/* Metric at a month for scope 0 (the council) or 1 + g. */
static double at(const struct trace *t, const struct scenario *sc, int metric, int scope, int month)
{
    return t->v[month][metrics_series(metric, scope, sc->n_grades)];
}

static const char *const SW_20_12 =
    "sw = { posts_fte = 20.0; initial_in_post_fte = 12.0; annual_leaving_rate = 0.0;\n"
    "  monthly_fill_probability = 0.0; };";

/* A campaign in month 4 (2025-01) of `hires` with `lead` into 8 vacancies. */
static void expect_campaign(int hires, int lead)
{
    char extra[256];
    snprintf(extra, sizeof extra,
             "campaigns = { c = { month = \"2025-01\"; grade = \"sw\"; hires = %d;\n"
             "  lead_months = %d; }; };\n",
             hires, lead);
    struct scenario *sc = load_parts("2024-09", 14, SW_20_12, "", extra);
    struct trace *t = trace_run(sc, 3);
    double made = hires < 8 ? hires : 8;
    for (int month = 1; month <= 14; month++) {
        int pending = month >= 4 && month < 4 + lead;
        assert_close(at(t, sc, M_OFFERS_PENDING_FTE, 0, month), pending ? made : 0.0, 1e-9);
        assert_close(at(t, sc, M_STARTERS_FTE, 0, month), month == 4 + lead ? made : 0.0, 1e-9);
        assert_close(at(t, sc, M_IN_POST_FTE, 0, month), month >= 4 + lead ? 12 + made : 12, 1e-9);
        assert_close(at(t, sc, M_VACANCY_FTE, 0, month), month >= 4 + lead ? 8 - made : 8, 1e-9);
        /* what the campaign made: min(hires, the 8 open vacancies), in its month */
        assert_close(t->v[month][metrics_campaign_series(sc, 0)], month == 4 ? made : 0.0, 0);
    }
    free(t);
    free(sc);
}

static void test_recruitment_campaign_offers_start_after_the_lead(void **state)
{
    (void)state;
    expect_campaign(5, 4);
}

static void test_recruitment_campaign_offers_at_most_the_vacancies(void **state)
{
    (void)state;
    expect_campaign(11, 3);
}

static void test_recruitment_campaign_with_lead_0_starts_at_once(void **state)
{
    (void)state;
    expect_campaign(5, 0);
}

/* Vacancies already under offer are not offered again: in month 1 every
 * vacancy gets an offer starting in month 7 (fill 1, start delay 6); growth of
 * 3 in month 3 opens the only unoffered vacancies, which the campaign of 5
 * that month takes (a routine fill would wait for month 4). */
static void test_recruitment_campaign_skips_vacancies_under_offer(void **state)
{
    (void)state;
    struct scenario *sc = load_parts(
        "2024-09", 12,
        "sw = { posts_fte = 20.0; initial_in_post_fte = 12.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 1.0; };",
        "advert_delay_months = 0; start_delay_months = 6;",
        "campaigns = { c = { month = \"2024-12\"; grade = \"sw\"; hires = 5; lead_months = 2; "
        "}; };\n"
        "establishment_changes = { g = { month = \"2024-12\"; grade = \"sw\"; change_fte = 3.0; "
        "}; };\n");
    struct trace *t = trace_run(sc, 0);
    const double pending[] = {0, 8, 8, 11, 11, 8, 8, 0, 0};
    const double starters[] = {0, 0, 0, 0, 0, 3, 0, 8, 0};
    for (int month = 1; month <= 8; month++) {
        assert_close(at(t, sc, M_OFFERS_PENDING_FTE, 0, month), pending[month], 1e-9);
        assert_close(at(t, sc, M_STARTERS_FTE, 0, month), starters[month], 1e-9);
    }
    assert_close(at(t, sc, M_IN_POST_FTE, 0, 8), 23.0, 1e-9);
    free(t);
    free(sc);
}

/* Intake in September only: 3 of 5 vacancies in 2025-09 (month 7), the last
 * 2 in 2026-09 (month 19); each starter begins the ASYE. */
static void test_recruitment_intake_fills_vacancies_in_september_only(void **state)
{
    (void)state;
    struct scenario *sc = load_parts(
        "2025-02", 24,
        "nqsw = { posts_fte = 7.0; initial_in_post_fte = 2.0; tenure_mix = [0.0, 0.0, 0.0, 1.0];\n"
        "  annual_leaving_rate = 0.0; monthly_fill_probability = 0.0; };",
        "",
        "entry_routes = { nqsw = { grade = \"nqsw\"; month = 9; hires = 3; training_months = 7;\n"
        "  pass_rate = 1.0; }; };\n");
    struct model *m = model_alloc(sc);
    model_reset(m, 4);
    for (int month = 1; month <= 24; month++) {
        model_step(m);
        const struct workforce *wf = m->wf;
        double expect = month == 7 ? 3.0 : month == 19 ? 2.0 : 0.0;
        assert_close(wf->flow[0].starters_fte, expect, 1e-9);
        int started_now = 0;
        for (int i = 0; i < wf->n_posts; i++) {
            const struct post *p = &wf->post[i];
            if (p->state != POST_FILLED || p->started != month)
                continue;
            started_now++;
            assert_true(p->flags & PF_TRAINING);
            assert_int_equal(p->training_until, month + 7);
        }
        assert_int_equal(started_now, (int)expect);
    }
    assert_close(m->wf->stock[0].vacancy_fte, 0.0, 1e-9);
    model_free(m);
    free(sc);
}

/* Five NQSWs from the 2025-09 intake (month 2) finish a 3-month ASYE in
 * month 5. sw has 2 vacancies, and a third post from month 7. */
static struct scenario *asye_scenario(double pass_rate)
{
    char routes[1024];
    snprintf(routes, sizeof routes,
             "entry_routes = { nqsw = { grade = \"nqsw\"; month = 9; hires = 5; "
             "training_months = 3;\n"
             "  pass_rate = %.10g; completion_grade = \"sw\"; }; };\n"
             "establishment_changes = { g = { month = \"2026-02\"; grade = \"sw\";\n"
             "  change_fte = 1.0; }; };\n",
             pass_rate);
    return load_parts("2025-07", 10,
                      "nqsw = { posts_fte = 5.0; initial_in_post_fte = 0.0;\n"
                      "  annual_leaving_rate = 0.0; monthly_fill_probability = 0.0; };\n"
                      "sw = { posts_fte = 10.0; initial_in_post_fte = 8.0;\n"
                      "  annual_leaving_rate = 0.0; monthly_fill_probability = 0.0; };",
                      "", routes);
}

static void test_progression_moves_asye_passes_only_into_vacant_posts(void **state)
{
    (void)state;
    struct scenario *sc = asye_scenario(1.0);
    struct trace *t = trace_run(sc, 2);
    /* in post (nqsw, sw) by month; the intake arrives in month 2 */
    const double nqsw[] = {0, 0, 5, 5, 5, 3, 3, 2, 2, 2, 2};
    const double sw[] = {8, 8, 8, 8, 8, 10, 10, 11, 11, 11, 11};
    for (int month = 0; month <= 10; month++) {
        assert_close(at(t, sc, M_IN_POST_FTE, 1, month), nqsw[month], 1e-9);
        assert_close(at(t, sc, M_IN_POST_FTE, 2, month), sw[month], 1e-9);
        assert_close(at(t, sc, M_VACANCY_FTE, 1, month), 5 - nqsw[month], 1e-9);
        assert_close(at(t, sc, M_VACANCY_FTE, 2, month), month >= 5 ? 0 : 2, 1e-9);
        assert_close(at(t, sc, M_LEAVERS_FTE, 0, month), 0.0, 0);
        assert_close(at(t, sc, M_STARTERS_FTE, 0, month), month == 2 ? 5.0 : 0.0, 0);
    }
    free(t);
    free(sc);
}

static void test_progression_asye_fails_all_leave_the_sector(void **state)
{
    (void)state;
    struct scenario *sc = asye_scenario(0.0);
    struct trace *t = trace_run(sc, 2);
    for (int month = 1; month <= 10; month++) {
        double left = month == 5 ? 5.0 : 0.0;
        assert_close(at(t, sc, M_LEAVERS_FTE, 1, month), left, 0);
        assert_close(at(t, sc, M_LEAVERS_EXIT_FTE, 1, month), left, 0);
        assert_close(at(t, sc, M_IN_POST_FTE, 1, month), month >= 2 && month < 5 ? 5.0 : 0.0, 0);
        assert_close(at(t, sc, M_IN_POST_FTE, 2, month), 8.0, 0);
    }
    free(t);
    free(sc);
}

/* sp fills all promote from a full sw (internal_fill_share 1): no external
 * starters anywhere, the promoted worker's sw post falls vacant in the same
 * month, and the 34 workers are conserved. */
static void test_recruitment_internal_share_1_fills_by_promotion(void **state)
{
    (void)state;
    struct scenario *sc = load_parts(
        "2024-09", 36,
        "sw = { posts_fte = 30.0; initial_in_post_fte = 30.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };\n"
        "sp = { posts_fte = 10.0; initial_in_post_fte = 4.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.2713; promotion_from = \"sw\"; internal_fill_share = 1.0; "
        "};",
        "advert_delay_months = 0; start_delay_months = 0;", "");
    for (long k = 0; k < 8; k++) {
        struct trace *t = trace_run(sc, k);
        for (int month = 1; month <= 36; month++) {
            double promoted = at(t, sc, M_IN_POST_FTE, 2, month) - 4.0;
            assert_close(at(t, sc, M_STARTERS_FTE, 0, month), 0.0, 0);
            assert_close(at(t, sc, M_LEAVERS_FTE, 0, month), 0.0, 0);
            assert_close(at(t, sc, M_VACANCY_FTE, 1, month), promoted, 1e-9);
            assert_close(at(t, sc, M_IN_POST_FTE, 0, month), 34.0, 1e-9);
        }
        assert_close(at(t, sc, M_IN_POST_FTE, 2, 36), 10.0, 1e-9); /* all 6 filled */
        free(t);
    }
    free(sc);
}

/* With fill probability 1 and no delays, every vacancy open since before
 * this month is filled, so after each step the vacant posts are exactly
 * those opened this month; none filled this month opened this month.
 * Promotions into sp open sw vacancies mid-month. */
static void test_recruitment_vacancy_is_never_filled_in_its_opening_month(void **state)
{
    (void)state;
    struct scenario *sc = load_parts(
        "2024-09", 24,
        "sw = { posts_fte = 241.0; initial_in_post_fte = 203.0; annual_leaving_rate = 1.437;\n"
        "  monthly_fill_probability = 1.0; };\n"
        "sp = { posts_fte = 37.0; initial_in_post_fte = 29.0; annual_leaving_rate = 1.109;\n"
        "  monthly_fill_probability = 1.0; promotion_from = \"sw\"; internal_fill_share = 0.5; "
        "};",
        "advert_delay_months = 0; start_delay_months = 0;", "");
    struct model *m = model_alloc(sc);
    unsigned char was_filled[300];
    int opened = 0;
    for (long k = 0; k < 3; k++) {
        model_reset(m, k);
        for (int month = 1; month <= 24; month++) {
            for (int i = 0; i < m->wf->n_posts; i++)
                was_filled[i] = m->wf->post[i].state == POST_FILLED;
            model_step(m);
            for (int i = 0; i < m->wf->n_posts; i++) {
                const struct post *p = &m->wf->post[i];
                if (p->state == POST_VACANT) {
                    assert_int_equal(p->since, month);
                    opened++;
                } else if (p->state == POST_FILLED && !was_filled[i]) {
                    assert_true(p->since < month);
                }
            }
        }
    }
    assert_true(opened > 500); /* about 24 a month */
    model_free(m);
    free(sc);
}

/* Time to fill: a vacancy opened in month m can get an offer from month
 * m + d + 1 on, with probability h a month, so the offer comes after d + G
 * months, G ~ Geometric(h) on {1, 2, ...} (mean 1 / h, variance (1 - h) / h^2),
 * and the starter starts s months later: mean d + 1 / h + s, least d + 1 + s.
 * Vacancies opened in months 1..24 are followed until they are filled. */
static void test_recruitment_mean_time_to_fill_is_delays_plus_search(void **state)
{
    (void)state;
    const int d = 2, s = 3, window = 24, R = 30;
    const double h = 0.0913;
    char recruitment[128];
    snprintf(recruitment, sizeof recruitment, "advert_delay_months = %d; start_delay_months = %d;",
             d, s);
    struct scenario *sc = load_parts(
        "2024-09", window + 160,
        "sw = { posts_fte = 241.0; initial_in_post_fte = 182.0; annual_leaving_rate = 0.2437;\n"
        "  monthly_fill_probability = 0.0913; };",
        recruitment, "");
    struct model *m = model_alloc(sc);
    double n = 0, sum = 0;
    int least = 1000;
    for (long k = 0; k < R; k++) {
        model_reset(m, k);
        for (int month = 1; month <= sc->months; month++) {
            model_step(m);
            for (int i = 0; i < m->wf->n_posts; i++) {
                const struct post *p = &m->wf->post[i];
                if (p->state != POST_FILLED || p->started != month || p->since < 1 ||
                    p->since > window)
                    continue;
                int wait = month - p->since;
                least = wait < least ? wait : least;
                n++;
                sum += wait;
            }
        }
    }
    double expect = d + 1 / h + s, se = sqrt((1 - h) / (h * h) / n);
    assert_true(n > 1500);
    assert_int_equal(least, d + 1 + s);
    assert_close(sum / n, expect, 4 * se);
    model_free(m);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recruitment_campaign_offers_start_after_the_lead),
        cmocka_unit_test(test_recruitment_campaign_offers_at_most_the_vacancies),
        cmocka_unit_test(test_recruitment_campaign_with_lead_0_starts_at_once),
        cmocka_unit_test(test_recruitment_campaign_skips_vacancies_under_offer),
        cmocka_unit_test(test_recruitment_intake_fills_vacancies_in_september_only),
        cmocka_unit_test(test_progression_moves_asye_passes_only_into_vacant_posts),
        cmocka_unit_test(test_progression_asye_fails_all_leave_the_sector),
        cmocka_unit_test(test_recruitment_internal_share_1_fills_by_promotion),
        cmocka_unit_test(test_recruitment_vacancy_is_never_filled_in_its_opening_month),
        cmocka_unit_test(test_recruitment_mean_time_to_fill_is_delays_plus_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

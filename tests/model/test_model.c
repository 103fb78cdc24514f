/* test_model: the monthly model against closed forms (fixed seeds, bounds of
 * a few standard errors) and hand-computed cases. See docs/model.md for the
 * event order these rely on. */
#include "support/testutil.h"

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "model/caseload.h"
#include "model/model.h"
#include "model/workforce.h"
#include "model/rates.h"

/* One grade, no delays, no agency, notice 0: each post is a two-state chain. */
static const char *one_grade(char *buf, size_t size, int posts, double in_post, double annual,
                             double fill, int months, int reps, const char *extra)
{
    snprintf(buf, size,
             "name = \"chain\";\n"
             "simulation = { start = \"2024-09\"; months = %d; replicates = %d; seed = 4127L; };\n"
             "grades = { sw = { posts_fte = %d.0; initial_in_post_fte = %.10g;\n"
             "  annual_leaving_rate = %.10g; monthly_fill_probability = %.10g; }; };\n"
             "leaving = { notice_months = 0; };\n"
             "recruitment = { advert_delay_months = 0; start_delay_months = 0; };\n"
             "agency = { cover_probability = 0.0; };\n%s",
             months, reps, posts, in_post, annual, fill, extra);
    return buf;
}

static void load_text(struct scenario *sc, const char *text)
{
    struct error e;
    if (testutil_load(sc, text, NULL, 0, NULL, &e) != 0)
        fail_msg("scenario did not load: %s", e.msg);
}

static double series_at(const struct run_store *st, int k, int metric, int month, int G)
{
    return engine_monthly(st, k, metrics_series(metric, 0, G))[month];
}

/* Run the two-state chain of N posts from its stationary in-post level. */
static struct scenario *run_chain(struct run_store *st, int N, double a, double h, int T, int R)
{
    char text[2048];
    double w = a / 12, pi = w / (w + h);
    struct scenario *sc = malloc(sizeof *sc);
    load_text(sc, one_grade(text, sizeof text, N, round(N * (1 - pi)), a, h, T, R, ""));
    testutil_run(sc, 2, st);
    return sc;
}

static void test_rates_monthly_probability_is_rate_over_twelve(void **state)
{
    (void)state;
    assert_close(rates_monthly_probability(0.2437), 0.2437 / 12, 1e-15);
    assert_close(rates_monthly_probability(0.0), 0.0, 0);
    assert_close(rates_monthly_probability(30.0), 1.0, 0);
}

static void test_rates_band_multipliers_are_normalised_to_the_initial_mix(void **state)
{
    (void)state;
    struct grade_params g;
    memset(&g, 0, sizeof g);
    double mix[] = {0.2, 0.15, 0.25, 0.4}, mult[] = {1.25, 1.1, 1.1, 0.8};
    memcpy(g.tenure_mix, mix, sizeof mix);
    memcpy(g.leaving_multiplier, mult, sizeof mult);
    double mean = 0.2 * 1.25 + 0.15 * 1.1 + 0.25 * 1.1 + 0.4 * 0.8; /* 1.01 */
    for (int b = 0; b < N_TENURE_BANDS; b++)
        assert_close(rates_band_multiplier(&g, b), mult[b] / mean, 1e-12);
    double avg = 0;
    for (int b = 0; b < N_TENURE_BANDS; b++)
        avg += mix[b] * rates_band_multiplier(&g, b);
    assert_close(avg, 1.0, 1e-12);
}

/* Stationary vacancies of N independent two-state posts: each post is vacant
 * with probability pi = w / (w + h) (a vacancy opened this month is filled
 * from next month), so the count is Binomial(N, pi). */
static void test_model_stationary_vacancies_are_binomial(void **state)
{
    (void)state;
    const int N = 241, R = 2000, T = 96;
    const double a = 0.2437, h = 0.0913, w = a / 12, pi = w / (w + h);
    struct run_store st;
    struct scenario *sc = run_chain(&st, N, a, h, T, R);
    double sum = 0, sum2 = 0;
    for (int k = 0; k < R; k++) {
        double v = series_at(&st, k, M_VACANCY_FTE, T, 1);
        sum += v;
        sum2 += v * v;
    }
    double mean = sum / R, var = (sum2 - R * mean * mean) / (R - 1);
    double mu = N * pi, sigma2 = N * pi * (1 - pi);
    assert_close(mean, mu, 4 * sqrt(sigma2 / R));
    /* sd of a sample variance ~ sigma^2 sqrt(2 / (R - 1)) for near-normal data */
    assert_close(var, sigma2, 4 * sigma2 * sqrt(2.0 / (R - 1)));
    engine_store_destroy(&st);
    free(sc);
}

/* Vacancy ages in the stationary chain: an open vacancy of age a (months
 * since it opened) has survived a fill attempts, so the age is geometric with
 * mean (1 - h) / h. */
static void test_model_vacancy_age_is_geometric(void **state)
{
    (void)state;
    const int N = 241, R = 1000, T = 120;
    const double a = 0.2437, h = 0.0913;
    struct run_store st;
    struct scenario *sc = run_chain(&st, N, a, h, T, R);
    double age_sum = 0, n_sum = 0;
    for (int k = 0; k < R; k++) {
        double n = series_at(&st, k, M_VACANCY_FTE, T, 1);
        age_sum += n * series_at(&st, k, M_VACANCY_AGE_MONTHS, T, 1);
        n_sum += n;
    }
    /* Pooled over about 43,000 vacancies (posts are independent): the sd of
     * a geometric age is sqrt(1 - h) / h. */
    double expect = (1 - h) / h, se = sqrt(1 - h) / h / sqrt(n_sum);
    assert_close(age_sum / n_sum, expect, 4 * se);
    engine_store_destroy(&st);
    free(sc);
}

/* Turnover reproduces the annual rate: expected leavers per FTE-year = a. */
static void test_model_turnover_matches_the_annual_rate(void **state)
{
    (void)state;
    const int R = 1000;
    const double a = 0.1713;
    struct run_store st;
    struct scenario *sc = run_chain(&st, 241, a, 0.0913, 36, R);
    int s = metrics_series(M_LEAVERS_FTE, 0, 1), ip = metrics_series(M_IN_POST_FTE, 0, 1);
    double leavers = 0, exposure = 0;
    for (int k = 0; k < R; k++)
        for (int m = 1; m <= 36; m++) {
            leavers += engine_monthly(&st, k, s)[m];
            exposure += engine_monthly(&st, k, ip)[m - 1] / 12.0; /* FTE-years at risk */
        }
    /* leavers ~ Poisson-binomial with mean a * exposure */
    assert_close(leavers / exposure, a, 4 * sqrt(a / 12 * exposure * 12) / exposure);
    /* The annual KPI (leavers in the year / in post at 30 September). */
    double kpi = 0;
    for (int k = 0; k < R; k++)
        kpi += engine_annual(&st, k, metrics_series(M_TURNOVER_RATE, 0, 1))[2];
    assert_close(kpi / R, a, 0.01);
    engine_store_destroy(&st);
    free(sc);
}

/* DfE KPI formulas on a hand-built month 0: 7.5 FTE in post of 10 posts,
 * 2 agency FTE of which half cover vacancies. */
static void test_metrics_kpis_on_a_hand_computed_state(void **state)
{
    (void)state;
    struct scenario *sc = malloc(sizeof *sc);
    load_text(sc, "name = \"hand\";\n"
                  "simulation = { start = \"2024-09\"; months = 12; replicates = 1; };\n"
                  "grades = { sw = { posts_fte = 10.0; initial_in_post_fte = 7.5;\n"
                  "  initial_agency_fte = 2.0; annual_leaving_rate = 0.0;\n"
                  "  monthly_fill_probability = 0.0; }; };\n"
                  "agency = { initial_vacancy_cover_share = 0.5; cover_probability = 0.0;\n"
                  "  annual_assignment_end_rate = 0.0; };\n"
                  "absence_rate = 0.04;\n");
    struct model *m = model_alloc(sc);
    struct metrics_history h;
    float out[N_METRICS * 2];
    model_reset(m, 0);
    metrics_observe(&h, m->wf, sc, out);
    assert_close(out[metrics_series(M_ESTABLISHMENT_FTE, 0, 1)], 10.0, 1e-6);
    assert_close(out[metrics_series(M_IN_POST_FTE, 0, 1)], 7.5, 1e-6);
    assert_close(out[metrics_series(M_VACANCY_FTE, 0, 1)], 2.5, 1e-6);
    assert_close(out[metrics_series(M_VACANCY_RATE, 0, 1)], 0.25, 1e-6);
    assert_close(out[metrics_series(M_AGENCY_FTE, 0, 1)], 2.0, 1e-6);
    assert_close(out[metrics_series(M_AGENCY_RATE, 0, 1)], 2.0 / 9.5, 1e-6);
    assert_close(out[metrics_series(M_AGENCY_COVER_FTE, 0, 1)], 1.0, 1e-6);
    assert_close(out[metrics_series(M_VACANCY_COVER_RATE, 0, 1)], 0.4, 1e-6);
    assert_close(out[metrics_series(M_ABSENCE_FTE, 0, 1)], 0.3, 1e-6);
    assert_true(isnan(out[metrics_series(M_TURNOVER_RATE, 0, 1)]));
    /* Leavers 1, 2, ..., 12 in months 1..12 with in-post FTE held at 7.5:
     * turnover at month 12 = 78 / 7.5; at month 3 = (1 + 2 + 3) * 12 / 3 / 7.5. */
    for (int month = 1; month <= 12; month++) {
        workforce_next_month(m->wf);
        m->wf->flow[0].leavers_fte = month;
        metrics_observe(&h, m->wf, sc, out);
        if (month == 3)
            assert_close(out[metrics_series(M_TURNOVER_RATE, 0, 1)], 24.0 / 7.5, 1e-5);
    }
    assert_close(out[metrics_series(M_TURNOVER_RATE, 0, 1)], 78.0 / 7.5, 1e-5);
    assert_close(out[metrics_series(M_STABILITY_INDEX, 0, 1)], 1.0, 1e-6);
    model_free(m);
    free(sc);
}

/* Leavers leave notice_months after resigning; the post stays filled. */
static void test_model_notice_delays_leaving(void **state)
{
    (void)state;
    char text[2048];
    struct scenario *sc = malloc(sizeof *sc);
    struct error e;
    const char *set[] = {"leaving.notice_months=3"};
    if (testutil_load(sc, one_grade(text, sizeof text, 50, 50, 3.0, 0.0, 12, 1, ""), NULL, 1, set,
                      &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(sc->notice_months, 3);
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    int resigned_month[64];
    for (int i = 0; i < m->wf->n_posts && i < 64; i++) /* on notice at month 0 */
        resigned_month[i] = (m->wf->post[i].flags & PF_NOTICE) ? -2 : -1;
    for (int month = 1; month <= 12; month++) {
        model_step(m);
        for (int i = 0; i < m->wf->n_posts; i++) {
            const struct post *p = &m->wf->post[i];
            if (resigned_month[i] == -2) { /* leaves within the notice period */
                assert_true(month <= 3 || p->state != POST_FILLED || !(p->flags & PF_NOTICE));
                if (p->state == POST_VACANT)
                    resigned_month[i] = 0;
                continue;
            }
            if (p->state == POST_FILLED && (p->flags & PF_NOTICE) && resigned_month[i] < 0)
                resigned_month[i] = month;
            if (p->state == POST_VACANT && resigned_month[i] > 0) {
                assert_int_equal(month - resigned_month[i], 3);
                resigned_month[i] = 0; /* checked */
            }
        }
        assert_int_equal(workforce_check(m->wf), 0);
    }
    model_free(m);
    free(sc);
}

/* ---- sizing: each module's _bytes is what its _alloc requests ---- */

/* Bytes held by the allocator now (small blocks and mmapped ones). */
static double heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (double)mi.uordblks + (double)mi.hblkhd;
}

/* The allocator hands out what was asked for plus at most a header and
 * alignment per block (small blocks) or a page (mmapped ones); a small block
 * (1032 bytes or less) may come from glibc's per-thread cache, which
 * mallinfo2 already counts as in use. So per block, measured - bytes is in
 * [-1040, 4096]: an array left out of the sizing (or sized twice) fails
 * unless it is smaller than that. */
static void expect_sized(double measured, size_t bytes, int blocks)
{
    double lo = (double)bytes - blocks * 1040.0, hi = (double)bytes + blocks * 4096.0;
    if (measured < lo || measured > hi)
        fail_msg("allocated %.0f bytes, sized %zu (%d blocks)", measured, bytes, blocks);
}

/* The example council (four grades, case types, growth), with parameter
 * uncertainty so the model keeps its own scenario copy, over ten years. */
static struct scenario *example_with_cases(void)
{
    struct scenario *sc = malloc(sizeof *sc);
    struct error e = {ERROR_NONE, ""};
    const char *files[] = {"scenarios/example_la.cfg"};
    const struct assignment sets[] = {{"--set", "simulation.months=120"},
                                      {"--set", "uncertainty.demand_sd=0.31"}};
    if (sc == NULL || scenario_load_files(sc, 1, files, 2, sets, &e) != 0)
        fail_msg("%s", e.msg);
    assert_true(sc->n_case_types > 0);
    return sc;
}

static void test_model_bytes_are_what_the_allocators_request(void **state)
{
    (void)state;
    if (TESTUTIL_ASAN)
        skip(); /* mallinfo2 does not see the sanitizer's allocator */
    struct scenario *sc = example_with_cases();
    double before = heap_in_use();
    struct workforce *wf = workforce_alloc(sc);
    double after_wf = heap_in_use();
    struct caseload *c = caseload_alloc(sc, wf);
    double after_cases = heap_in_use();
    assert_non_null(c);
    assert_int_equal(wf->capacity, workforce_capacity(sc));
    expect_sized(after_wf - before, workforce_bytes(sc), 8);
    expect_sized(after_cases - after_wf, caseload_bytes(sc, wf->capacity), 10);
    caseload_free(c);
    workforce_free(wf);
    before = heap_in_use();
    struct model *m = model_alloc(sc);
    double after_model = heap_in_use();
    assert_non_null(m);
    expect_sized(after_model - before, model_bytes(sc), 8 + 10 + 2 + 2 * N_RNG_STREAMS);
    model_free(m);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates_monthly_probability_is_rate_over_twelve),
        cmocka_unit_test(test_rates_band_multipliers_are_normalised_to_the_initial_mix),
        cmocka_unit_test(test_model_stationary_vacancies_are_binomial),
        cmocka_unit_test(test_model_vacancy_age_is_geometric),
        cmocka_unit_test(test_model_turnover_matches_the_annual_rate),
        cmocka_unit_test(test_metrics_kpis_on_a_hand_computed_state),
        cmocka_unit_test(test_model_notice_delays_leaving),
        cmocka_unit_test(test_model_bytes_are_what_the_allocators_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

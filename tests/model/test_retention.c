/* test_retention: retention schemes on hand-computed cases (payments,
 * clawback, budgets, supplements) and the behavioural response with common
 * random numbers (elasticity, deferral) and its per-replicate draw. */
#include "support/retention_testutil.h"

#include <gsl/gsl_rng.h>

/* One worker in one post who never leaves unless told to, salary £37,130; a
 * scheme starting 2024-10 (month 1) with `scheme` inside its group. */
static struct scenario *one_worker(const char *scheme, int posts)
{
    char grade[512], tail[1024], text[4096];
    snprintf(grade, sizeof grade,
             "sw = { posts_fte = %d.0; initial_in_post_fte = %d.0; annual_leaving_rate = 0.0;\n"
             "  monthly_fill_probability = 0.0; salary_gbp = 37130.0; };\n",
             posts, posts);
    snprintf(tail, sizeof tail, "retention_schemes = { lump = { start = \"2024-10\"; %s }; };\n",
             scheme);
    return rt_load(rt_scenario(text, sizeof text, 36, 1, grade, tail), NULL);
}

/* £3,000 after 12 months of eligibility (due month 13), tied in 12 months. */
#define LUMP_3000(clawback, budget)                                                                \
    "kind = \"lump_sum\"; amount_gbp = 3000.0; milestone_months = 12; tie_in_months = 12;\n"       \
    "clawback = \"" clawback "\"; clawback_recovered_share = 0.8; budget_gbp = " budget ";"

/* Clawback recovered when the worker in post 0 resigns in month `leave`
 * (notice ending the same month), as the flows and the finance module see it. */
static double clawback_on_leaving(const struct scenario *sc, int leave)
{
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    while (m->wf->month < leave - 1)
        model_step(m);
    workforce_resign(m->wf, 0, leave, DEST_LEAVE_SECTOR);
    model_step(m);
    assert_int_equal(m->wf->post[0].state, POST_VACANT);
    struct finance_month f;
    finance_grade(sc, m->wf, 0, &f);
    double got = m->wf->flow[0].clawback_recovered_gbp;
    assert_close(f.clawback, got, 0);
    assert_close(f.total, f.permanent + f.agency + f.recruitment + f.retention - got, 1e-6);
    model_free(m);
    return got;
}

static void test_retention_lump_sum_is_paid_once_at_the_milestone(void **state)
{
    (void)state;
    struct scenario *sc = one_worker(LUMP_3000("pro_rata", "0.0"), 1);
    struct run_store st;
    testutil_run(sc, 2, &st);
    for (int m = 0; m <= 36; m++) {
        /* the payment is pay: it costs 3000 x (1 + on_cost_share 0.28) */
        assert_close(testutil_metric_at(&st, sc, 0, M_COST_RETENTION, 0, m),
                     m == 13 ? 3000.0 * 1.28 : 0.0, 0);
        assert_close(testutil_metric_at(&st, sc, 0, M_CLAWBACK_RECOVERED, 0, m), 0.0, 0);
        /* eligible while waiting (months 1-12) and tied in (13-24) */
        assert_close(testutil_metric_at(&st, sc, 0, M_RETENTION_ELIGIBLE_FTE, 0, m),
                     m >= 1 && m <= 24, 0);
        assert_close(testutil_metric_at(&st, sc, 0, M_RETENTION_TIED_IN_FTE, 0, m),
                     m >= 13 && m <= 24, 0);
        double permanent = m == 0 ? 0 : 37130.0 * 1.28 / 12;
        rt_assert_float(testutil_metric_at(&st, sc, 0, M_COST_TOTAL, 0, m),
                        permanent + (m == 13) * 3000.0 * 1.28);
    }
    engine_store_destroy(&st);
    free(sc);
}

/* Leaving k months into the tie-in (month 13 + k) repays 3000 x (12 - k) / 12
 * pro rata, or all 3000, of which 80% is recovered. */
static void test_retention_clawback_is_pro_rata_or_full(void **state)
{
    (void)state;
    struct scenario *pro = one_worker(LUMP_3000("pro_rata", "0.0"), 1);
    struct scenario *full = one_worker(LUMP_3000("full", "0.0"), 1);
    struct scenario *none = one_worker(LUMP_3000("none", "0.0"), 1);
    const int ks[] = {1, 4, 7, 11};
    for (int j = 0; j < 4; j++) {
        int k = ks[j];
        assert_close(clawback_on_leaving(pro, 13 + k), 3000.0 * (12 - k) / 12 * 0.8, 1e-9);
        assert_close(clawback_on_leaving(full, 13 + k), 3000.0 * 0.8, 1e-9);
        assert_close(clawback_on_leaving(none, 13 + k), 0.0, 0);
    }
    free(pro);
    free(full);
    free(none);
}

/* Before the payment nothing is owed; from the end of the tie-in nothing. */
static void test_retention_clawback_only_inside_the_tie_in(void **state)
{
    (void)state;
    struct scenario *sc = one_worker(LUMP_3000("full", "0.0"), 1);
    const int months[] = {2, 12, 13, 25, 26, 33};
    for (int j = 0; j < 6; j++)
        assert_close(clawback_on_leaving(sc, months[j]), 0.0, 0);
    assert_close(clawback_on_leaving(sc, 24), 2400.0, 1e-9); /* the last month inside */
    free(sc);
}

/* Five workers due £3,000 in month 13: a £7,000 budget pays posts 0 and 1
 * (in post order) and no one else, ever; a £6,000 budget is exactly enough
 * for two. */
static void test_retention_budget_cap_pays_in_post_order(void **state)
{
    (void)state;
    const char *budgets[] = {LUMP_3000("pro_rata", "7000.0"), LUMP_3000("pro_rata", "6000.0")};
    for (int b = 0; b < 2; b++) {
        struct scenario *sc = one_worker(budgets[b], 5);
        struct run_store st;
        testutil_run(sc, 2, &st);
        assert_close(rt_sum(&st, sc, 0, M_COST_RETENTION, 0, 36), 6000.0 * 1.28, 0);
        assert_close(testutil_metric_at(&st, sc, 0, M_COST_RETENTION, 0, 13), 6000.0 * 1.28, 0);
        assert_close(testutil_metric_at(&st, sc, 0, M_RETENTION_TIED_IN_FTE, 0, 13), 2.0, 0);
        engine_store_destroy(&st);
        struct model *m = model_alloc(sc);
        model_reset(m, 0);
        for (int month = 1; month <= 36; month++)
            model_step(m);
        for (int i = 0; i < 5; i++)
            assert_int_equal(m->retention.worker[i].paid & 1, i < 2);
        assert_close(m->retention.spent[0], 6000.0, 0);
        model_free(m);
        free(sc);
    }
}

/* Two grades with notice, delays, promotion and agency; `schemes` on top. */
static struct scenario *busy(const char *schemes, const char *retention)
{
    char text[4096], overlay[4096];
    snprintf(
        text, sizeof text,
        "name = \"busy\";\n"
        "simulation = { start = \"2024-09\"; months = 48; replicates = 40; seed = 90211L; };\n"
        "grades = {\n"
        "  sw = { posts_fte = 61.5; initial_in_post_fte = 47.5; initial_agency_fte = 6.0;\n"
        "    annual_leaving_rate = 0.1913; monthly_fill_probability = 0.0613;\n"
        "    salary_gbp = 39870.0; agency_cost_gbp = 76100.0; };\n"
        "  sp = { posts_fte = 17.0; initial_in_post_fte = 14.0; annual_leaving_rate = 0.1317;\n"
        "    monthly_fill_probability = 0.0571; salary_gbp = 45210.0;\n"
        "    promotion_from = \"sw\"; internal_fill_share = 0.37; };\n"
        "};\n"
        "leaving = { notice_months = 1; };\n"
        "finance = { advert_cost_gbp = 1130.0; hire_cost_gbp = 2170.0; };\n");
    snprintf(overlay, sizeof overlay, "retention_schemes = { %s };\nretention = { %s };\n", schemes,
             retention);
    return rt_load(text, overlay);
}

#define ALL_KINDS                                                                                  \
    "lump = { kind = \"lump_sum\"; grades = \"sw\"; start = \"2024-11\"; amount_gbp = 3000.0;\n"   \
    "  milestone_months = 12; tie_in_months = 12; clawback = \"pro_rata\"; };\n"                   \
    "up = { kind = \"upfront\"; grades = \"sw\"; start = \"2025-02\"; salary_share = 0.2;\n"       \
    "  tie_in_months = 18; clawback = \"full\"; eligible = \"existing\"; };\n"                     \
    "hello = { kind = \"golden_hello\"; start = \"2024-12\"; amount_gbp = 5000.0;\n"               \
    "  tie_in_months = 24; clawback = \"full\"; };\n"                                              \
    "supp = { kind = \"supplement\"; grades = \"sp\"; start = \"2025-01\"; salary_share = 0.1; };"

/* With elasticity 0 (and no deferral) the schemes cost money but every
 * replicate's leavers and staffing are identical to the run without them. */
static void test_retention_zero_elasticity_leaves_leaving_unchanged(void **state)
{
    (void)state;
    struct scenario *with = busy(ALL_KINDS, "elasticity_mean = 0.0; elasticity_sd = 0.0;");
    struct scenario *without = busy("", "");
    struct run_store a, b;
    testutil_run(with, 2, &a);
    testutil_run(without, 2, &b);
    const int metrics[] = {M_LEAVERS_FTE, M_IN_POST_FTE, M_STARTERS_FTE, M_AGENCY_FTE};
    double paid = 0, tied = 0;
    for (int k = 0; k < 40; k++) {
        for (int j = 0; j < 4; j++)
            for (int scope = 0; scope <= 2; scope++) {
                int s = metrics_series(metrics[j], scope, 2);
                assert_memory_equal(engine_monthly(&a, k, s), engine_monthly(&b, k, s),
                                    sizeof(float) * 49);
            }
        paid += rt_sum(&a, with, k, M_COST_RETENTION, 0, 48);
        tied += rt_sum(&a, with, k, M_RETENTION_TIED_IN_FTE, 0, 48);
    }
    assert_true(paid > 0 && tied > 0); /* the schemes did run */
    engine_store_destroy(&a);
    engine_store_destroy(&b);
    free(with);
    free(without);
}

/* 241 workers, no refills, all paid 20% of salary upfront in month 1 and tied
 * in for 18 months; `retention` sets the elasticity and deferral. */
static struct scenario *tied_cohort_with(const char *retention, int reps, int tie_in,
                                         const char *clawback)
{
    char text[4096], tail[1024];
    snprintf(tail, sizeof tail,
             "retention_schemes = { up = { kind = \"upfront\"; start = \"2024-10\";\n"
             "  salary_share = 0.2; tie_in_months = %d; clawback = \"%s\"; }; };\n"
             "retention = { %s };\n",
             tie_in, clawback, retention);
    return rt_load(rt_scenario(text, sizeof text, 24, reps,
                               RT_GRADE(241.0, 241.0, 0.2437, 0.0, 41370.0), tail),
                   NULL);
}

static struct scenario *tied_cohort(const char *retention, int reps, int tie_in)
{
    return tied_cohort_with(retention, reps, tie_in, "full");
}

/* Leavers over exposure (in post at the start of each month) in [from, to]. */
static double hazard(const struct run_store *st, const struct scenario *sc, int from, int to,
                     double *exposure)
{
    double left = 0;
    *exposure = 0;
    for (int k = 0; k < st->replicates; k++)
        for (int m = from; m <= to; m++) {
            left += testutil_metric_at(st, sc, k, M_LEAVERS_FTE, 0, m);
            *exposure += testutil_metric_at(st, sc, k, M_IN_POST_FTE, 0, m - 1);
        }
    return left / *exposure;
}

static void assert_hazard(const struct run_store *st, const struct scenario *sc, int from, int to,
                          double p)
{
    double n = 0, h = hazard(st, sc, from, to, &n);
    assert_close(h, p, 4 * sqrt(p * (1 - p) / n));
}

/* Elasticity -2.5 on v = 0.2 x 12 / 18: leaving x (1 - 2.5 v) while tied in
 * (months 2-18: the multiplier set at a month's end applies to the next;
 * month 19, the first free month, is left out), the base hazard after it.
 * Per replicate with common random numbers, a worker can only leave later,
 * so cumulative leavers never exceed the run without a response. */
static void test_retention_negative_elasticity_lowers_leaving_while_tied_in(void **state)
{
    (void)state;
    /* the pay response alone: the clawback's lock-in weighed at 0 */
    struct scenario *resp =
        tied_cohort("elasticity_mean = -2.5; elasticity_sd = 0.0; clawback_weight = 0.0;", 400, 18);
    struct scenario *flat = tied_cohort("elasticity_mean = 0.0; elasticity_sd = 0.0;", 400, 18);
    struct run_store a, b;
    testutil_run(resp, 2, &a);
    testutil_run(flat, 2, &b);
    const double w = 0.2437 / 12, mult = 1 - 2.5 * 0.2 * 12 / 18;
    assert_hazard(&a, resp, 1, 1, w);
    assert_hazard(&a, resp, 2, 18, w * mult);
    assert_hazard(&a, resp, 20, 24, w);
    assert_hazard(&b, flat, 2, 18, w);
    int fewer = 0;
    for (int k = 0; k < 400; k++) {
        for (int m = 1; m <= 24; m++)
            assert_true(rt_sum(&a, resp, k, M_LEAVERS_FTE, 1, m) <=
                        rt_sum(&b, flat, k, M_LEAVERS_FTE, 1, m));
        fewer +=
            rt_sum(&a, resp, k, M_LEAVERS_FTE, 1, 18) < rt_sum(&b, flat, k, M_LEAVERS_FTE, 1, 18);
    }
    assert_true(fewer > 350);
    engine_store_destroy(&a);
    engine_store_destroy(&b);
    free(resp);
    free(flat);
}

/* Clawback deters leaving. Inside the 18-month tie-in of a 20%-of-salary
 * upfront payment (paid month 1, tied_until 19), a worker who left would
 * repay 0.2 of a year's pay (full clawback, all recovered), counted as the
 * payment is, x 12 / the months left (at least 12): u = 0.2 once 12 or fewer
 * are left, so in leaving months 8-18 (the multiplier set the month before)
 * the hazard is w (1 + e (v + lambda u)) = w (1 - 2.5 (0.2 x 12/18 + 0.2)),
 * against w (1 - 2.5 x 0.2 x 12/18) with no clawback; a pro-rata clawback
 * owes less and deters between the two. */
static void test_retention_clawback_lowers_leaving_inside_the_tie_in(void **state)
{
    (void)state;
#define LOCK                                                                                       \
    "elasticity_mean = -2.5; elasticity_sd = 0.0; clawback_weight = 1.0; "                         \
    "clawback_weight_sd = 0.0;"
    struct scenario *full = tied_cohort_with(LOCK, 400, 18, "full");
    struct scenario *part = tied_cohort_with(LOCK, 400, 18, "pro_rata");
    struct scenario *none = tied_cohort_with(LOCK, 400, 18, "none");
    struct run_store a, b, c;
    testutil_run(full, 2, &a);
    testutil_run(part, 2, &b);
    testutil_run(none, 2, &c);
    const double w = 0.2437 / 12, v = 0.2 * 12 / 18;
    assert_hazard(&a, full, 8, 18, w * (1 - 2.5 * (v + 0.2)));
    assert_hazard(&c, none, 2, 18, w * (1 - 2.5 * v));
    double left_full = 0, left_part = 0, left_none = 0;
    for (int k = 0; k < 400; k++) {
        left_full += rt_sum(&a, full, k, M_LEAVERS_FTE, 2, 18);
        left_part += rt_sum(&b, part, k, M_LEAVERS_FTE, 2, 18);
        left_none += rt_sum(&c, none, k, M_LEAVERS_FTE, 2, 18);
    }
    assert_true(left_full < left_part && left_part < left_none);
    engine_store_destroy(&a);
    engine_store_destroy(&b);
    engine_store_destroy(&c);
    free(full);
    free(part);
    free(none);
}

/* A 12-month tie-in from month 1 (tied_until 13), elasticity 0. With no
 * refills every worker decides to leave in the same month whatever the
 * deferral (identical draws; a worker on notice draws no more), so the total
 * who ever leave is equal per replicate. (With refills the totals could
 * differ: a deferred worker holds the post, so their replacement starts, and
 * may resign, later.) Deferral 1: no one leaves in months 2-12 and all who
 * decided then leave in month 13, the cliff. Deferral 0.37: 63% of those
 * decisions still leave at once. */
static void test_retention_deferral_moves_leavers_to_the_end_of_the_tie_in(void **state)
{
    (void)state;
#define NO_RESPONSE "elasticity_mean = 0.0; elasticity_sd = 0.0; "
    struct scenario *none = tied_cohort(NO_RESPONSE "deferral_share = 0.0;", 200, 12);
    struct scenario *all = tied_cohort(NO_RESPONSE "deferral_share = 1.0;", 200, 12);
    struct scenario *some = tied_cohort(NO_RESPONSE "deferral_share = 0.37;", 200, 12);
    struct run_store a, b, c;
    testutil_run(none, 2, &a);
    testutil_run(all, 2, &b);
    testutil_run(some, 2, &c);
    double decided = 0, left_at_once = 0;
    for (int k = 0; k < 200; k++) {
        assert_close(rt_sum(&b, all, k, M_LEAVERS_FTE, 2, 12), 0.0, 0);
        double cliff = rt_sum(&a, none, k, M_LEAVERS_FTE, 2, 13);
        assert_true(cliff > 0);
        assert_close(testutil_metric_at(&b, all, k, M_LEAVERS_FTE, 0, 13), cliff, 1e-9);
        for (int m = 14; m <= 24; m++) {
            assert_close(testutil_metric_at(&b, all, k, M_LEAVERS_FTE, 0, m),
                         testutil_metric_at(&a, none, k, M_LEAVERS_FTE, 0, m), 0);
            assert_close(testutil_metric_at(&c, some, k, M_LEAVERS_FTE, 0, m),
                         testutil_metric_at(&a, none, k, M_LEAVERS_FTE, 0, m), 0);
        }
        assert_close(rt_sum(&b, all, k, M_LEAVERS_FTE, 1, 24),
                     rt_sum(&a, none, k, M_LEAVERS_FTE, 1, 24), 1e-9);
        assert_close(rt_sum(&c, some, k, M_LEAVERS_FTE, 1, 24),
                     rt_sum(&a, none, k, M_LEAVERS_FTE, 1, 24), 1e-9);
        decided += rt_sum(&a, none, k, M_LEAVERS_FTE, 2, 12);
        left_at_once += rt_sum(&c, some, k, M_LEAVERS_FTE, 2, 12);
    }
    /* each decision is deferred independently with probability 0.37 */
    assert_close(left_at_once / decided, 0.63, 4 * sqrt(0.63 * 0.37 / decided));
    engine_store_destroy(&a);
    engine_store_destroy(&b);
    engine_store_destroy(&c);
    free(none);
    free(all);
    free(some);
}

/* A tie-in with nothing to repay (clawback "none") gives no reason to wait:
 * with deferral 1 every replicate's leavers are month by month those of
 * deferral 0, while with a full clawback deferral 1 holds them to the end. */
static void test_retention_no_clawback_tie_in_defers_no_one(void **state)
{
    (void)state;
    struct scenario *none = tied_cohort_with(NO_RESPONSE "deferral_share = 0.0;", 60, 12, "none");
    struct scenario *all = tied_cohort_with(NO_RESPONSE "deferral_share = 1.0;", 60, 12, "none");
    struct scenario *full = tied_cohort_with(NO_RESPONSE "deferral_share = 1.0;", 60, 12, "full");
    struct run_store a, b, c;
    testutil_run(none, 2, &a);
    testutil_run(all, 2, &b);
    testutil_run(full, 2, &c);
    int deferred = 0;
    for (int k = 0; k < 60; k++) {
        for (int m = 1; m <= 24; m++)
            assert_close(testutil_metric_at(&b, all, k, M_LEAVERS_FTE, 0, m),
                         testutil_metric_at(&a, none, k, M_LEAVERS_FTE, 0, m), 0);
        deferred += rt_sum(&c, full, k, M_LEAVERS_FTE, 2, 12) == 0 &&
                    rt_sum(&a, none, k, M_LEAVERS_FTE, 2, 12) > 0;
    }
    assert_int_equal(deferred, 60);
    engine_store_destroy(&a);
    engine_store_destroy(&b);
    engine_store_destroy(&c);
    free(none);
    free(all);
    free(full);
}

/* An 11.73% supplement for sw (not sp) from 2025-01 (month 4) to 2026-06
 * (month 21): each month it costs 0.1173 x salary x in-post FTE / 12 of sw,
 * with the 28% on-costs of pay, whatever the leaving, promotions and
 * fractional posts. */
static void test_retention_supplement_costs_share_of_salary_of_in_post(void **state)
{
    (void)state;
    struct scenario *sc =
        busy("s = { kind = \"supplement\"; grades = \"sw\"; start = \"2025-01\";\n"
             "  end = \"2026-06\"; salary_share = 0.1173; };",
             "");
    struct run_store st;
    testutil_run(sc, 2, &st);
    for (int k = 0; k < 40; k++)
        for (int m = 0; m <= 48; m++) {
            int on = m >= 4 && m <= 21;
            double in_post = testutil_metric_at(&st, sc, k, M_IN_POST_FTE, 1, m);
            double expect = on ? 0.1173 * 39870.0 * 1.28 * in_post / 12 : 0;
            rt_assert_float(testutil_metric_at(&st, sc, k, M_COST_RETENTION, 1, m), expect);
            rt_assert_float(testutil_metric_at(&st, sc, k, M_COST_RETENTION, 0, m), expect);
            assert_close(testutil_metric_at(&st, sc, k, M_COST_RETENTION, 2, m), 0.0, 0);
            rt_assert_float(testutil_metric_at(&st, sc, k, M_RETENTION_ELIGIBLE_FTE, 1, m),
                            on ? in_post : 0);
        }
    engine_store_destroy(&st);
    free(sc);
}

/* Moments of normal(mu, s) truncated to [lo, 0] by Simpson's rule. */
static void truncated_moments(double mu, double s, double lo, double *mean, double *var, double *m4)
{
    const int n = 20000;
    double h = -lo / n, z = 0, m1 = 0, m2 = 0;
    double x4 = 0;
    for (int i = 0; i <= n; i++) {
        double x = lo + i * h, wgt = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
        double f = wgt * exp(-0.5 * (x - mu) * (x - mu) / (s * s));
        z += f;
        m1 += f * x;
        m2 += f * x * x;
    }
    *mean = m1 / z;
    *var = m2 / z - *mean * *mean;
    for (int i = 0; i <= n; i++) {
        double x = lo + i * h, wgt = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
        double d = x - *mean;
        x4 += wgt * exp(-0.5 * (x - mu) * (x - mu) / (s * s)) * d * d * d * d;
    }
    *m4 = x4 / z;
}

static void test_retention_elasticity_draws_are_truncated_normal(void **state)
{
    (void)state;
    char text[4096];
    struct scenario *sc =
        rt_load(rt_scenario(text, sizeof text, 12, 50, RT_GRADE(24.0, 20.0, 0.15, 0.05, 39000.0),
                            "retention = { elasticity_mean = -2.37; elasticity_sd = 1.73;\n"
                            "  elasticity_min = -5.9; };\n"),
                NULL);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 24171);
    const int N = 200000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < N; i++) {
        double e = retention_draw_elasticity(sc, r);
        assert_true(e >= -5.9 && e <= 0);
        sum += e;
        sum2 += e * e;
    }
    gsl_rng_free(r);
    double mean, var, m4, got = sum / N, got_var = sum2 / N - got * got;
    truncated_moments(-2.37, 1.73, -5.9, &mean, &var, &m4);
    assert_true(var < 1.73 * 1.73 * 0.9); /* the truncation matters here */
    assert_close(got, mean, 4 * sqrt(var / N));
    assert_close(got_var, var, 4 * sqrt((m4 - var * var) / N));
    /* In a run: one draw per replicate, in range, fixed by (seed, replicate). */
    struct model *m = model_alloc(sc), *again = model_alloc(sc);
    double first = 0;
    int differ = 0;
    for (long k = 0; k < 50; k++) {
        model_reset(m, k);
        model_reset(again, k);
        double e = m->retention.elasticity;
        assert_true(e >= -5.9 && e <= 0);
        assert_close(again->retention.elasticity, e, 0);
        differ += k > 0 && e != first;
        first = k == 0 ? e : first;
    }
    assert_int_equal(differ, 49);
    model_free(m);
    model_free(again);
    free(sc);
}

/* Minimum service: a worker with 3 months' service at month 0 becomes
 * eligible for an upfront payment needing 12 months once they have served
 * it (month 9), not never; the payment is made then, once. */
static void test_retention_minimum_service_is_served_then_paid(void **state)
{
    (void)state;
    struct scenario *sc = one_worker("kind = \"upfront\"; amount_gbp = 2000.0; "
                                     "min_service_months = 12;",
                                     1);
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    m->wf->post[0].started = -3; /* 3 months' service at month 0 */
    for (int month = 1; month <= 14; month++) {
        model_step(m);
        assert_close(m->wf->flow[0].retention_paid_gbp, month == 9 ? 2000.0 : 0.0, 0);
    }
    model_free(m);
    free(sc);
}

/* A part-time post is paid pro rata: 20% of a £40,000 salary on a 0.5 FTE
 * post is £4,000, and that is what clawback puts at risk. */
static void test_retention_part_time_payment_is_pro_rata(void **state)
{
    (void)state;
    char text[4096];
    struct scenario *sc = rt_load(
        rt_scenario(
            text, sizeof text, 12, 1,
            "sw = { posts_fte = 0.5; initial_in_post_fte = 0.5; annual_leaving_rate = 0.0;\n"
            "  monthly_fill_probability = 0.0; salary_gbp = 40000.0; };\n",
            "retention_schemes = { up = { kind = \"upfront\"; start = \"2024-10\";\n"
            "  salary_share = 0.2; tie_in_months = 18; clawback = \"full\"; }; };\n"),
        NULL);
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    model_step(m); /* month 1 = 2024-10: the scheme starts and pays */
    assert_close(m->wf->flow[0].retention_paid_gbp, 0.2 * 40000.0 * 0.5, 1e-9);
    assert_close(m->retention.worker[0].at_risk_gbp, 4000.0, 1e-3);
    model_free(m);
    free(sc);
}

/* A worker's retention history follows them when they change post. The
 * scheme is for sw: its three workers are paid £2,000 in month 1, the sp
 * worker in post 3 nothing. That worker leaves in month 3 and in month 4 an
 * sw worker is promoted into post 3, bringing their payment and tie-in (to
 * month 25): leaving in month 6 repays 0.8 x £2,000 from the sp grade. */
static void test_retention_history_follows_a_promoted_worker(void **state)
{
    (void)state;
    char text[4096];
    struct scenario *sc = rt_load(
        rt_scenario(
            text, sizeof text, 12, 1,
            "sw = { posts_fte = 3.0; initial_in_post_fte = 3.0; annual_leaving_rate = 0.0;\n"
            "  monthly_fill_probability = 0.0; salary_gbp = 37130.0; };\n"
            "sp = { posts_fte = 1.0; initial_in_post_fte = 1.0; annual_leaving_rate = 0.0;\n"
            "  monthly_fill_probability = 1.0; salary_gbp = 45210.0;\n"
            "  promotion_from = \"sw\"; internal_fill_share = 1.0; };\n",
            "retention_schemes = { up = { kind = \"upfront\"; grades = \"sw\";\n"
            "  start = \"2024-10\"; amount_gbp = 2000.0; tie_in_months = 24;\n"
            "  clawback = \"full\"; clawback_recovered_share = 0.8; }; };\n"),
        NULL);
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    model_step(m);
    assert_close(m->wf->flow[0].retention_paid_gbp, 6000.0, 0);
    assert_close(m->wf->flow[1].retention_paid_gbp, 0.0, 0);
    workforce_resign(m->wf, 3, 3, DEST_LEAVE_SECTOR);
    while (m->wf->month < 4)
        model_step(m);
    assert_int_equal(m->wf->n_moves, 1);
    assert_int_equal(m->wf->move_to[0], 3);
    assert_int_equal(m->wf->post[m->wf->move_from[0]].state, POST_VACANT);
    assert_close(m->wf->flow[1].retention_paid_gbp, 0.0, 0);
    assert_int_equal(m->retention.worker[3].paid, 1);
    assert_int_equal(m->retention.worker[3].tied_until, 25);
    workforce_resign(m->wf, 3, 6, DEST_LEAVE_SECTOR);
    while (m->wf->month < 6)
        model_step(m);
    assert_int_equal(m->wf->post[3].state, POST_VACANT);
    assert_close(m->wf->flow[1].clawback_recovered_gbp, 0.8 * 2000.0, 1e-9);
    model_free(m);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retention_minimum_service_is_served_then_paid),
        cmocka_unit_test(test_retention_part_time_payment_is_pro_rata),
        cmocka_unit_test(test_retention_history_follows_a_promoted_worker),
        cmocka_unit_test(test_retention_lump_sum_is_paid_once_at_the_milestone),
        cmocka_unit_test(test_retention_clawback_is_pro_rata_or_full),
        cmocka_unit_test(test_retention_clawback_only_inside_the_tie_in),
        cmocka_unit_test(test_retention_budget_cap_pays_in_post_order),
        cmocka_unit_test(test_retention_zero_elasticity_leaves_leaving_unchanged),
        cmocka_unit_test(test_retention_negative_elasticity_lowers_leaving_while_tied_in),
        cmocka_unit_test(test_retention_deferral_moves_leavers_to_the_end_of_the_tie_in),
        cmocka_unit_test(test_retention_no_clawback_tie_in_defers_no_one),
        cmocka_unit_test(test_retention_clawback_lowers_leaving_inside_the_tie_in),
        cmocka_unit_test(test_retention_supplement_costs_share_of_salary_of_in_post),
        cmocka_unit_test(test_retention_elasticity_draws_are_truncated_normal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

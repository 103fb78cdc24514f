/* test_caseload_workers: caseloads as the workforce changes - protected ASYE
 * caseloads, holders who move post, the 3+ workers indicator on a hand-built
 * history, and the caseload feedback on leaving (common random numbers). */
#include "support/caseload_testutil.h"

#include <math.h>

#include <gsl/gsl_rng.h>

#include "base/rng.h"
#include "model/workforce.h"

/* ---- protected caseloads in the ASYE ---- */

/* Units of a holder's target: target_caseload x FTE x (1 - absence) x share. */
static double target_units(const struct scenario *sc, const struct post *p, double share)
{
    return sc->grade[p->grade].target_caseload * p->fte * (1 - sc->absence_rate) * share *
           CASELOAD_UNIT;
}

/* NQSWs all in the ASYE at month 0 (service under a year) and an intake of 3
 * in 2025-09 (month 3), one post of 0.4 FTE; demand far above capacity. */
static struct scenario *asye_scenario(const char *overflow)
{
    char extra[512];
    snprintf(extra, sizeof extra,
             "entry_routes = { nqsw = { grade = \"nqsw\"; month = 9; hires = 3;\n"
             "  training_months = 12; pass_rate = 1.0; protected_caseload_share = 0.83; }; };\n"
             "caseload = { overflow = \"%s\"; hard_cap_ratio = 1.29; };\n",
             overflow);
    return ct_load(
        "2025-06", 24, 3,
        "nqsw = { posts_fte = 7.4; initial_in_post_fte = 4.4; tenure_mix = [1.0, 0.0, 0.0, 0.0];\n"
        "  annual_leaving_rate = 0.0; monthly_fill_probability = 0.0; target_caseload = 16.3; };\n"
        "sw = { posts_fte = 23.0; initial_in_post_fte = 23.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; target_caseload = 18.7; };",
        "a = { arrivals_per_month = 61.3; mean_months = 9.1; initial_open = 600; };", extra);
}

/* An NQSW holder in the ASYE never holds more than protected_caseload_share x
 * target x (1 - absence_rate) x FTE (x hard_cap_ratio when over target is
 * allowed); after the ASYE the target is the grade's full one. *full counts
 * ASYE holder-months within a case of the limit, *over those over target. */
static void expect_protected(const char *overflow, double ratio, int *full, int *over)
{
    struct scenario *sc = asye_scenario(overflow);
    struct model *m = model_alloc(sc);
    int after_asye = 0;
    *full = *over = 0;
    for (long k = 0; k < sc->replicates; k++) {
        model_reset(m, k);
        for (int month = 0; month <= sc->months; month++) {
            if (month > 0)
                model_step(m);
            for (int j = 0; j < m->wf->count[0]; j++) {
                int i = m->wf->list[m->wf->offset[0] + j];
                const struct post *p = &m->wf->post[i];
                const struct holder *h = &m->cases->holder[i];
                if (p->state != POST_FILLED)
                    continue;
                int asye = (p->flags & PF_TRAINING) != 0;
                double limit =
                    target_units(sc, p, asye ? sc->route[0].protected_caseload_share : 1.0);
                assert_true(ct_active(h));
                assert_int_equal(h->training, asye);
                assert_close(h->target, limit, 1.0);
                if (!(h->load <= limit * ratio + 0.5))
                    fail_msg("month %d: NQSW post %d (fte %g, ASYE %d) holds %d units, limit %g",
                             month, i, (double)p->fte, asye, (int)h->load, limit * ratio);
                *full += asye && h->load > limit * ratio - CASELOAD_UNIT;
                *over += asye && h->load > h->target;
                after_asye += !asye;
            }
        }
    }
    assert_true(after_asye > 10);
    model_free(m);
    free(sc);
}

static void test_caseload_asye_caseloads_stay_protected(void **state)
{
    (void)state;
    int full, over;
    expect_protected("queue", 1.0, &full, &over);
    assert_true(full > 100); /* the protected limit binds */
    assert_int_equal(over, 0);
    expect_protected("over_target", 1.29, &full, &over);
    assert_true(over > 100); /* over target, within the hard cap */
}

/* ---- holders follow moves ---- */

/* Five NQSWs from the 2025-09 intake (month 2) finish a 3-month ASYE in
 * month 5 and progress into sw's 2 vacancies, a third when a post is added in
 * month 7. Nobody leaves, so nobody's cases change worker: the movers keep
 * theirs (every case they held that did not close is held at the new post). */
static void test_caseload_holders_follow_progression_moves(void **state)
{
    (void)state;
    struct scenario *sc = ct_load(
        "2025-07", 12, 4,
        "nqsw = { posts_fte = 5.0; initial_in_post_fte = 0.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; target_caseload = 30.0; };\n"
        "sw = { posts_fte = 10.0; initial_in_post_fte = 8.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; target_caseload = 30.0; };",
        "a = { arrivals_per_month = 7.3; mean_months = 13.1; initial_open = 90; };",
        "entry_routes = { nqsw = { grade = \"nqsw\"; month = 9; hires = 5; training_months = 3;\n"
        "  pass_rate = 1.0; completion_grade = \"sw\"; }; };\n"
        "establishment_changes = { g = { month = \"2026-02\"; grade = \"sw\"; change_fte = 1.0; }; "
        "};\n");
    struct model *m = model_alloc(sc);
    int n_posts = m->wf->capacity, per = m->cases->per_holder, moves = 0, kept = 0;
    size_t slots = (size_t)n_posts * (size_t)per;
    int *held = malloc(slots * sizeof *held), *closes = malloc(slots * sizeof *closes);
    int *count = calloc((size_t)n_posts, sizeof *count);
    for (long k = 0; k < sc->replicates; k++) {
        model_reset(m, k);
        for (int month = 1; month <= sc->months; month++) {
            const struct caseload *c = m->cases;
            for (int i = 0; i < m->wf->n_posts; i++) {
                const struct holder *h = &c->holder[i];
                count[i] = ct_active(h) ? h->count : 0;
                for (int n = 0; n < count[i]; n++) {
                    held[(size_t)i * (size_t)per + n] = h->held[n];
                    closes[(size_t)i * (size_t)per + n] = c->cases[h->held[n]].close_at;
                }
            }
            model_step(m);
            assert_int_equal(c->transfers, 0);
            assert_int_equal(c->n_queued, 0);
            for (int v = 0; v < m->wf->n_moves; v++, moves++) {
                int from = m->wf->move_from[v], to = m->wf->move_to[v];
                assert_false(ct_active(&c->holder[from]));
                for (int n = 0; n < count[from]; n++) {
                    size_t at = (size_t)from * (size_t)per + (size_t)n;
                    if (closes[at] == month)
                        continue; /* closed (its slot may hold a new case now) */
                    assert_int_equal(c->cases[held[at]].holder, to);
                    kept++;
                }
            }
        }
    }
    assert_int_equal(moves, 4 * 3);
    assert_true(kept > 4 * 3 * 3);
    free(count);
    free(closes);
    free(held);
    model_free(m);
    free(sc);
}

/* ---- the 3+ workers indicator ---- */

/* One case (no arrivals, mean 600 months) held at month 0; its holder leaves
 * in months 2, 5, 9, 20 and 21, so it is allocated in months 0, 2, 5, 9, 20
 * and 21. It has had 3+ workers in the 12 months to m (months m - 11 .. m:
 * the worker at the start of the window plus the changes inside it) in
 * months 5-16 (until the worker who went in month 5 falls out of the window
 * after month 16), not in 17-19 (workers from 5 and 9 only), and from month
 * 20 on (from 5, 9, 20; then 9, 20, 21; then 20, 21 and before). The change in
 * month 21 comes exactly 12 months after the previous-but-one allocation. */
static void test_caseload_three_plus_on_a_hand_built_history(void **state)
{
    (void)state;
    static const char expect[] = "0000011111111111100011111111111"; /* months 0..30 */
    struct scenario *sc =
        ct_load("2024-09", 30, 1,
                "sw = { posts_fte = 7.0; initial_in_post_fte = 7.0; annual_leaving_rate = 0.0;\n"
                "  monthly_fill_probability = 0.0; target_caseload = 20.0; };",
                "a = { arrivals_per_month = 0.0; mean_months = 600.0; initial_open = 1; };", "");
    gsl_rng *r = gsl_rng_alloc(rng_type());
    gsl_rng_set(r, 1913);
    struct workforce *wf = workforce_alloc(sc);
    workforce_reset(wf, sc, r);
    struct caseload *c = caseload_alloc(sc, wf);
    caseload_reset(c, sc, wf, r);
    float *out = calloc((size_t)metrics_total_series(sc), sizeof *out);
    assert_int_equal(c->n_open, 1);
    int ci = -1;
    for (int i = 0; i < c->n_posts; i++)
        if (ct_active(&c->holder[i]) && c->holder[i].count == 1)
            ci = c->holder[i].held[0];
    assert_true(ci >= 0 && c->cases[ci].close_at > 30); /* the seed gives a long case */
    assert_int_equal(caseload_three_plus(c), 0);
    int last = 0;
    for (int month = 1; month <= 30; month++) {
        int change = month == 2 || month == 5 || month == 9 || month == 20 || month == 21;
        workforce_next_month(wf);
        if (change)
            workforce_leave(wf, c->cases[ci].holder, DEST_LEAVE_SECTOR);
        caseload_step(c, sc, wf, r);
        assert_int_equal(c->transfers, change);
        last = change ? month : last;
        assert_int_equal(c->cases[ci].t1, last);
        if (caseload_three_plus(c) != expect[month] - '0')
            fail_msg("month %d: caseload_three_plus = %d, expected %c", month,
                     caseload_three_plus(c), expect[month]);
        metrics_observe_cases(c, wf, 1.0, sc, out);
        assert_close(ct_metric(sc, out, M_CASES_3PLUS_WORKERS_12M_SHARE), expect[month] - '0', 0);
    }
    free(out);
    caseload_free(c);
    workforce_free(wf);
    gsl_rng_free(r);
    free(sc);
}

/* ---- the feedback loop ---- */

/* 37 of 61 posts filled and demand above their capacity: pressure > 1. */
static struct scenario *understaffed(int reps, const char *extra)
{
    return ct_load(
        "2024-09", 36, reps,
        "sw = { posts_fte = 61.0; initial_in_post_fte = 37.0; annual_leaving_rate = 0.2437;\n"
        "  monthly_fill_probability = 0.0313; target_caseload = 14.3; };",
        "a = { arrivals_per_month = 57.3; mean_months = 13.1; initial_open = 750; };", extra);
}

static void test_caseload_feedback_is_off_by_default(void **state)
{
    (void)state;
    struct scenario *sc = understaffed(20, "");
    assert_int_equal(sc->feedback_enabled, 0);
    struct run_store st;
    testutil_run(sc, 2, &st);
    for (int k = 0; k < sc->replicates; k++)
        for (int month = 0; month <= sc->months; month++) {
            assert_true(testutil_metric_at(&st, sc, k, M_CASELOAD_PRESSURE, 0, month) > 1.2);
            assert_close(testutil_metric_at(&st, sc, k, M_LEAVING_MULTIPLIER, 0, month), 1.0, 0);
            assert_close(testutil_metric_at(&st, sc, k, M_FEEDBACK_LOOP_GAIN, 0, month), 0.0, 0);
        }
    engine_store_destroy(&st);
    free(sc);
}

/* The same seed with and without feedback: until the multiplier first
 * exceeds 1 the runs are identical; in that month each post's leaving draw is
 * the same and its threshold higher, so everyone who leaves without feedback
 * leaves with it. Over all months and replicates more leave with it. */
static void test_caseload_feedback_raises_leaving_when_understaffed(void **state)
{
    (void)state;
    const int R = 40;
    struct scenario *off = understaffed(R, ""),
                    *on = understaffed(R, "caseload = { feedback = { enabled = true; }; };\n");
    struct model *a = model_alloc(off), *b = model_alloc(on);
    unsigned char *was = malloc((size_t)a->wf->capacity);
    double left_off = 0, left_on = 0;
    int raised = 0;
    for (long k = 0; k < R; k++) {
        model_reset(a, k);
        model_reset(b, k);
        int first = 1;
        for (int month = 1; month <= off->months; month++) {
            double mult = b->leaving_multiplier; /* applies to this month's leaving */
            for (int i = 0; i < a->wf->n_posts; i++)
                was[i] = a->wf->post[i].state == POST_FILLED;
            model_step(a);
            model_step(b);
            double la = a->wf->flow[0].leavers_fte, lb = b->wf->flow[0].leavers_fte;
            left_off += la;
            left_on += lb;
            if (!first)
                continue;
            assert_close(a->leaving_multiplier, 1.0, 0);
            if (mult == 1.0) {
                assert_close(lb, la, 0);
                continue;
            }
            first = 0;
            raised++;
            assert_true(mult > 1.0 && mult <= on->feedback_max_multiplier);
            assert_true(lb >= la);
            for (int i = 0; i < a->wf->n_posts; i++)
                if (was[i] && a->wf->post[i].state != POST_FILLED)
                    assert_int_not_equal(b->wf->post[i].state, POST_FILLED);
        }
    }
    assert_int_equal(raised, R);
    assert_true(left_on > left_off);
    free(was);
    model_free(a);
    model_free(b);
    free(off);
    free(on);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caseload_asye_caseloads_stay_protected),
        cmocka_unit_test(test_caseload_holders_follow_progression_moves),
        cmocka_unit_test(test_caseload_three_plus_on_a_hand_built_history),
        cmocka_unit_test(test_caseload_feedback_is_off_by_default),
        cmocka_unit_test(test_caseload_feedback_raises_leaving_when_understaffed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

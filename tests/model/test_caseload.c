/* test_caseload: open cases, allocation and transfers against closed forms
 * (Little's law, leavers x their cases, scheduled transfers) and the
 * allocation rules (targets, the hard cap, the queue's order). Fixed seeds,
 * bounds of 4 standard errors. The month's order is that of
 * sim/model/caseload.h: closures, holders follow the workforce, scheduled
 * transfers, arrivals, allocation. */
#include "support/caseload_testutil.h"

#include <math.h>

#include <gsl/gsl_rng.h>

#include "model/demand.h"
#include "base/rng.h"

/* 41 holders with room for about 29 cases each, nobody moving. */
static const char *const AMPLE =
    "sw = { posts_fte = 41.0; initial_in_post_fte = 41.0; annual_leaving_rate = 0.0;\n"
    "  monthly_fill_probability = 0.0; target_caseload = 30.0; };";

/* ---- Little's law ---- */

/* With every case allocated the month it arrives, the open cases at the end
 * of month m are the arrivals of month j still open after m - j months:
 * Poisson with mean lambda x sum_k P(D > k) = lambda x E[D] (exactly, once the
 * month-0 cases have gone). Months 60 and 120 of R replicates. */
static void expect_littles_law(const char *type, double lambda, double ed, double ed_se)
{
    const int R = 300, T = 120;
    struct scenario *sc = ct_load("2024-09", T, R, AMPLE, type, "");
    struct run_store st;
    testutil_run(sc, 2, &st);
    double sum = 0, n = 0;
    for (int k = 0; k < R; k++)
        for (int month = 60; month <= T; month += 60, n++)
            sum += testutil_metric_at(&st, sc, k, M_OPEN_CASES, 0, month);
    double L = lambda * ed;
    assert_close(sum / n, L, 4 * sqrt(L / n + lambda * lambda * ed_se * ed_se));
    engine_store_destroy(&st);
    free(sc);
}

static void test_caseload_littles_law_geometric(void **state)
{
    (void)state;
    expect_littles_law("a = { arrivals_per_month = 23.7; mean_months = 7.3; initial_open = 173; };",
                       23.7, 7.3, 0);
}

/* A lognormal duration is rounded up: E[D] = E[ceil X], here from a million
 * draws of demand_duration (its standard error enters the bound). */
static void test_caseload_littles_law_lognormal(void **state)
{
    (void)state;
    const char *type = "a = { arrivals_per_month = 23.7; duration = \"lognormal\";\n"
                       "  mean_months = 11.3; sd_months = 8.1; initial_open = 280; };";
    struct scenario *sc = ct_load("2024-09", 12, 1, AMPLE, type, "");
    struct demand *d = demand_alloc(sc);
    gsl_rng *r = gsl_rng_alloc(rng_type());
    gsl_rng_set(r, 271828);
    const int n = 1000000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; i++) {
        double x = demand_duration(d, sc, r, 0);
        sum += x;
        sum2 += x * x;
    }
    double ed = sum / n, se = sqrt((sum2 / n - ed * ed) / n);
    assert_true(ed >= 11.3 && ed < 12.3);
    gsl_rng_free(r);
    demand_free(d);
    free(sc);
    expect_littles_law(type, 23.7, ed, se);
}

/* ---- changes of worker ---- */

/* Nobody leaves, moves or starts: no case ever changes worker. */
static void test_caseload_no_staff_changes_no_transfers(void **state)
{
    (void)state;
    struct scenario *sc =
        ct_load("2024-09", 60, 40,
                "sw = { posts_fte = 23.0; initial_in_post_fte = 23.0; annual_leaving_rate = 0.0;\n"
                "  monthly_fill_probability = 0.3; target_caseload = 31.3; };\n"
                "sp = { posts_fte = 7.6; initial_in_post_fte = 7.6; annual_leaving_rate = 0.0;\n"
                "  monthly_fill_probability = 0.3; target_caseload = 24.1; };",
                "a = { arrivals_per_month = 23.7; mean_months = 7.3; initial_open = 173; };\n"
                "b = { arrivals_per_month = 4.3; duration = \"lognormal\"; mean_months = 19.1;\n"
                "  sd_months = 11.9; weight = 1.7; preferred_grade = \"sp\"; initial_open = 81; };",
                "");
    struct run_store st;
    testutil_run(sc, 2, &st);
    for (int k = 0; k < sc->replicates; k++)
        for (int month = 0; month <= sc->months; month++) {
            assert_close(testutil_metric_at(&st, sc, k, M_CASE_TRANSFERS, 0, month), 0.0, 0);
            assert_close(testutil_metric_at(&st, sc, k, M_UNALLOCATED_CASES, 0, month), 0.0, 0);
            assert_true(testutil_metric_at(&st, sc, k, M_OPEN_CASES, 0, month) > 200);
        }
    engine_store_destroy(&st);
    free(sc);
}

/* One case-holding grade, leaving p = a / 12 a month, notice 0, no agency,
 * room for everyone. A leaver in month m releases the cases they held at the
 * end of month m - 1 that do not close in month m (closures come first), and
 * each is re-allocated at once: a transfer. So exactly, every month,
 *   transfers = sum over leavers of their cases not closing this month,
 * and in expectation, given the state at the end of month m - 1,
 *   E[transfers] = p x (1 - 1 / mean) x sum over workers of their cases
 * (leaving is independent of caseload; a geometric case open at the end of
 * a month stays open the next with probability 1 - 1 / mean). The monthly
 * terms are martingale differences: their variances add. */
static void test_caseload_transfers_are_leavers_times_their_cases(void **state)
{
    (void)state;
    const int R = 60, T = 48;
    const double a = 0.2437, mean = 11.3, p = a / 12, s = 1 - 1 / mean;
    struct scenario *sc = ct_load(
        "2024-09", T, R,
        "sw = { posts_fte = 241.0; initial_in_post_fte = 217.0; annual_leaving_rate = 0.2437;\n"
        "  monthly_fill_probability = 0.0913; target_caseload = 40.0; };",
        "a = { arrivals_per_month = 237.3; mean_months = 11.3; initial_open = 2681; };", "");
    struct model *m = model_alloc(sc);
    int *stay = calloc((size_t)m->wf->capacity, sizeof *stay);
    double transfers = 0, expect = 0, var = 0, leavers = 0, exposure = 0;
    for (int k = 0; k < R; k++) {
        model_reset(m, k);
        for (int month = 1; month <= T; month++) {
            const struct caseload *c = m->cases;
            for (int i = 0; i < m->wf->n_posts; i++) {
                const struct holder *h = &c->holder[i];
                stay[i] = -1;
                if (m->wf->post[i].state != POST_FILLED)
                    continue;
                assert_true(ct_active(h));
                stay[i] = 0;
                for (int n = 0; n < h->count; n++)
                    stay[i] += c->cases[h->held[n]].close_at != month;
                double n_held = h->count;
                expect += p * n_held * s;
                var += p * (n_held * s * (1 - s) + n_held * n_held * s * s) -
                       p * p * n_held * n_held * s * s;
                exposure += 1;
            }
            model_step(m);
            int exact = 0;
            for (int i = 0; i < m->wf->n_posts; i++)
                if (stay[i] >= 0 && m->wf->post[i].state != POST_FILLED)
                    exact += stay[i];
            assert_int_equal(c->transfers, exact);
            assert_int_equal(c->n_queued, 0);
            transfers += c->transfers;
            leavers += m->wf->flow[0].leavers_fte;
        }
    }
    assert_close(leavers, p * exposure, 4 * sqrt(p * (1 - p) * exposure));
    assert_close(transfers, expect, 4 * sqrt(var));
    free(stay);
    model_free(m);
    free(sc);
}

/* transfer_after_months = 3 with room for all: a case first allocated in
 * month m moves to another holder in month m + 3 if it is still open then
 * (closures come before transfers), so the transfers of month m + 3 are
 * exactly the cases first allocated in month m with close_at > m + 3. A case
 * open at month 0 has already been open `age` months, so it moves in month
 * 3 - age (none if age >= 3). Type b has no scheduled transfer. */
static void test_caseload_scheduled_transfers_at_3_months(void **state)
{
    (void)state;
    enum { T = 36, MAX_FIRST = 200 };
    struct scenario *sc =
        ct_load("2024-09", T, 4, AMPLE,
                "a = { arrivals_per_month = 23.7; mean_months = 7.3; initial_open = 173;\n"
                "  transfer_after_months = 3; };\n"
                "b = { arrivals_per_month = 11.3; mean_months = 5.9; initial_open = 67; };",
                "");
    struct model *m = model_alloc(sc);
    static int first[T + 1][MAX_FIRST], holder_at[T + 1][MAX_FIRST], closes[T + 1][MAX_FIRST],
        due[T + 1][MAX_FIRST];
    static int n_first[T + 1];
    double total = 0;
    for (int k = 0; k < sc->replicates; k++) {
        model_reset(m, k);
        for (int month = 0; month <= T; month++) {
            if (month > 0)
                model_step(m);
            const struct caseload *c = m->cases;
            n_first[month] = 0;
            int expect = 0;
            for (int i = 0; i < c->n_posts; i++)
                for (int n = 0; ct_active(&c->holder[i]) && n < c->holder[i].count; n++) {
                    int ci = c->holder[i].held[n];
                    const struct case_rec *r = &c->cases[ci];
                    if (r->t1 == month && r->n_alloc == 1 && r->type == 0) {
                        assert_true(n_first[month] < MAX_FIRST);
                        holder_at[month][n_first[month]] = i;
                        closes[month][n_first[month]] = r->close_at;
                        due[month][n_first[month]] = month + 3 - r->age;
                        first[month][n_first[month]++] = ci;
                    }
                }
            for (int from = 0; from < month && from <= T; from++)
                for (int j = 0; j < n_first[from]; j++) {
                    const struct case_rec *r = &c->cases[first[from][j]];
                    if (due[from][j] != month || closes[from][j] <= month)
                        continue; /* not due now, or closed (its slot may hold another case) */
                    expect++;     /* still open: moved to another holder this month */
                    assert_int_equal(r->n_alloc, 2);
                    assert_int_equal(r->t1, month);
                    assert_true(r->holder != holder_at[from][j]);
                }
            assert_int_equal(c->transfers, expect);
            total += c->transfers;
        }
    }
    /* about 23.7 x P(D > 3) = 23.7 x (1 - 1/7.3)^3 = 15.2 a month */
    assert_true(total > 4 * 30 * 12.0);
    model_free(m);
    free(sc);
}

/* ---- allocation ---- */

/* Demand far above capacity: 41 holders with targets of about 11.9 cases. */
static struct scenario *heavy(const char *overflow)
{
    char extra[256];
    snprintf(extra, sizeof extra, "caseload = { overflow = \"%s\"; hard_cap_ratio = 1.37; };\n",
             overflow);
    return ct_load(
        "2024-09", 36, 3,
        "sw = { posts_fte = 41.0; initial_in_post_fte = 41.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; target_caseload = 12.3; };",
        "a = { arrivals_per_month = 61.3; mean_months = 9.1; initial_open = 400; };\n"
        "b = { arrivals_per_month = 13.9; duration = \"lognormal\"; mean_months = 14.2;\n"
        "  sd_months = 6.3; weight = 1.7; initial_open = 90; };",
        extra);
}

/* Step replicate k, checking every holder's load against `ratio` x target
 * each month; the queue length by month goes to queued[] and the largest
 * share of holders over target is returned. */
static double run_heavy(const struct scenario *sc, long k, double ratio, int *queued)
{
    struct model *m = model_alloc(sc);
    float *out = calloc((size_t)metrics_total_series(sc), sizeof *out);
    double most = 0;
    model_reset(m, k);
    for (int month = 0; month <= sc->months; month++) {
        if (month > 0)
            model_step(m);
        const struct caseload *c = m->cases;
        for (int i = 0; i < c->n_posts; i++) {
            const struct holder *h = &c->holder[i];
            if (ct_active(h) && !(h->load <= h->target * ratio))
                fail_msg("month %d: holder %d holds %d units, target %d x %g", month, i,
                         (int)h->load, (int)h->target, ratio);
        }
        ct_observe(m, out);
        double share = ct_metric(sc, out, M_WORKERS_OVER_TARGET_SHARE);
        most = share > most ? share : most;
        queued[month] = c->n_queued;
        assert_close(ct_metric(sc, out, M_UNALLOCATED_CASES), c->n_queued, 0);
    }
    free(out);
    model_free(m);
    return most;
}

/* Queue mode: nobody goes over target however heavy demand is, and the
 * waiting list grows. Over target: loads stay within hard_cap_ratio x target,
 * some holders are over target, and fewer cases wait (same seed, same
 * children). */
static void test_caseload_allocation_respects_targets(void **state)
{
    (void)state;
    struct scenario *q = heavy("queue"), *o = heavy("over_target");
    int wait_q[37], wait_o[37];
    for (long k = 0; k < q->replicates; k++) {
        assert_close(run_heavy(q, k, 1.0, wait_q), 0.0, 0);
        assert_true(wait_q[12] > wait_q[1] && wait_q[24] > wait_q[12] && wait_q[36] > wait_q[24]);
        assert_true(run_heavy(o, k, 1.37, wait_o) > 0.5);
        assert_true(wait_o[36] < wait_q[36]);
        assert_true(wait_o[36] > wait_o[12]); /* still over capacity */
    }
    free(q);
    free(o);
}

/* Cases that lost their worker are served before new cases, each oldest
 * first (sim/model/caseload.h). Capacity frees gradually (closures, leavers
 * replaced by new workers) under heavy demand. Each month, every case
 * allocated (t1 = month) joined the queue no later than any case of its kind
 * still waiting: new cases (never allocated) by arrival, released cases by
 * release; and while a released case waits no new case is allocated.
 * unallocated_wait_months is the waiting cases' mean wait. The 3+ workers
 * count is recounted from the cases as well. */
static void test_caseload_queue_is_served_oldest_first(void **state)
{
    (void)state;
    struct scenario *sc = ct_load(
        "2024-09", 36, 3,
        "sw = { posts_fte = 41.0; initial_in_post_fte = 37.0; annual_leaving_rate = 1.4437;\n"
        "  monthly_fill_probability = 0.2913; target_caseload = 12.3; };",
        "a = { arrivals_per_month = 47.3; mean_months = 9.1; initial_open = 400; };\n"
        "b = { arrivals_per_month = 9.9; duration = \"lognormal\"; mean_months = 14.2;\n"
        "  sd_months = 6.3; weight = 1.7; initial_open = 60; };",
        "");
    struct model *m = model_alloc(sc);
    unsigned char *kind = malloc((size_t)m->cases->capacity);
    float *out = calloc((size_t)metrics_total_series(sc), sizeof *out);
    int served_while_older_wait = 0, released_wait = 0;
    for (long k = 0; k < sc->replicates; k++) {
        model_reset(m, k);
        for (int month = 1; month <= sc->months; month++) {
            model_step(m);
            const struct caseload *c = m->cases;
            ct_classify(c, kind);
            int last_in[2] = {-1, -1}, first_waiting[2] = {1 << 20, 1 << 20}, n_wait = 0;
            int from_queue = 0, three = 0, first_alloc = 0;
            double wait_sum = 0;
            for (int ci = 0; ci < c->capacity; ci++) {
                const struct case_rec *r = &c->cases[ci];
                if (kind[ci] == CT_FREE)
                    continue;
                three += r->n_alloc >= 3 && r->t2 > month - 12;
                if (kind[ci] == CT_HELD && r->t1 == month) {
                    int q = r->n_alloc > 1; /* 0: a new case, 1: a released one */
                    last_in[q] = r->waiting_since > last_in[q] ? r->waiting_since : last_in[q];
                    from_queue += q == 0 && r->waiting_since < month;
                    first_alloc += q == 0;
                } else if (kind[ci] == CT_WAITING) {
                    int q = r->n_alloc > 0;
                    if (r->waiting_since < first_waiting[q])
                        first_waiting[q] = r->waiting_since;
                    wait_sum += month - r->waiting_since;
                    n_wait++;
                }
            }
            for (int q = 0; q < 2; q++)
                if (last_in[q] > first_waiting[q])
                    fail_msg("month %d: a %s case waiting since %d was served while one "
                             "waiting since %d still waits",
                             month, q ? "released" : "new", last_in[q], first_waiting[q]);
            if (first_waiting[1] < (1 << 20)) { /* a released case waits */
                assert_int_equal(first_alloc, 0);
                released_wait++;
            }
            served_while_older_wait += from_queue > 0 && first_waiting[0] < month;
            assert_int_equal(caseload_three_plus(c), three);
            ct_observe(m, out);
            if (n_wait > 0)
                assert_close(ct_metric(sc, out, M_UNALLOCATED_WAIT_MONTHS), wait_sum / n_wait,
                             1e-4);
        }
    }
    assert_true(served_while_older_wait > 30);
    assert_true(released_wait > 10);
    free(out);
    free(kind);
    model_free(m);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caseload_littles_law_geometric),
        cmocka_unit_test(test_caseload_littles_law_lognormal),
        cmocka_unit_test(test_caseload_no_staff_changes_no_transfers),
        cmocka_unit_test(test_caseload_transfers_are_leavers_times_their_cases),
        cmocka_unit_test(test_caseload_scheduled_transfers_at_3_months),
        cmocka_unit_test(test_caseload_allocation_respects_targets),
        cmocka_unit_test(test_caseload_queue_is_served_oldest_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

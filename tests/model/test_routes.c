/* test_routes: entry routes added as scenario entries only (entry_routes.<name>):
 * hires arrive in the route's months or as a monthly flow, trainees train
 * for training_months, pass_rate of them move to the completion grade, where
 * the route training that grade begins; the by-route metrics follow them.
 * Closed forms on deterministic scenarios (nobody leaves, nothing else
 * fills), and a bound of 4 standard errors on the pass rate. */
#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/metrics.h"
#include "model/model.h"

#define MAX_MONTHS 36

/* Grades and routes; nobody leaves, nothing fills but the routes, agency and
 * advert and hire costs are off, so every number below is a closed form. */
static struct scenario *load_routes(int months, int replicates, const char *grades,
                                    const char *routes)
{
    char text[4096];
    snprintf(text, sizeof text,
             "name = \"routes\";\n"
             "simulation = { start = \"2024-09\"; months = %d; replicates = %d; seed = 41771L; };\n"
             "grades = { %s };\n"
             "leaving = { notice_months = 0; };\n"
             "agency = { cover_probability = 0.0; monthly_conversion_probability = 0.0; };\n"
             "finance = { advert_cost_gbp = 0.0; hire_cost_gbp = 0.0; };\n"
             "entry_routes = { %s };\n",
             months, replicates, grades, routes);
    return testutil_load_new(text, NULL, 0, NULL);
}

/* Every series of one replicate, month 0 .. sc->months. */
struct trace {
    int n_series;
    float *v; /* v[month * n_series + series] */
};

static struct trace run_trace(const struct scenario *sc, struct model *m, long replicate)
{
    struct trace t = {metrics_total_series(sc), NULL};
    struct metrics_history h;
    assert_true(sc->months <= MAX_MONTHS);
    t.v = calloc((size_t)(sc->months + 1) * (size_t)t.n_series, sizeof *t.v);
    assert_non_null(t.v);
    model_reset(m, replicate);
    metrics_observe(&h, m->wf, sc, t.v);
    for (int month = 1; month <= sc->months; month++) {
        model_step(m);
        assert_int_equal(workforce_check(m->wf), 0);
        metrics_observe(&h, m->wf, sc, t.v + (size_t)month * (size_t)t.n_series);
    }
    return t;
}

static double at(const struct trace *t, int series, int month)
{
    return t->v[(size_t)month * (size_t)t->n_series + (size_t)series];
}

static double grade_at(const struct trace *t, const struct scenario *sc, int metric, int g,
                       int month)
{
    return at(t, metrics_series(metric, 1 + g, sc->n_grades), month);
}

static int route_series(const struct scenario *sc, const char *route, int metric)
{
    for (int r = 0; r < sc->n_routes; r++)
        if (strcmp(sc->route[r].name, route) == 0)
            return metrics_route_series(sc, r, metric);
    fail_msg("no route %s", route);
    return -1;
}

/* A route the code has never heard of: apprentices hired in March and
 * September (2 each; months 6, 12, 18, 24 from 2024-09), trained for 7
 * months, all passing into sw, which has room for them all. */
static void test_routes_new_route_starts_trains_and_completes(void **state)
{
    (void)state;
    struct scenario *sc = load_routes(
        24, 1,
        "appr = { posts_fte = 9.0; initial_in_post_fte = 0.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };\n"
        "sw = { posts_fte = 20.0; initial_in_post_fte = 12.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };",
        "appr = { grade = \"appr\"; month = [3, 9]; hires = 2; training_months = 7;\n"
        "  pass_rate = 1.0; completion_grade = \"sw\"; cost_gbp = 1733.0; grant_gbp = 211.0; };");
    struct model *m = model_alloc(sc);
    struct trace t = run_trace(sc, m, 3);
    int starters = route_series(sc, "appr", M_STARTERS_FTE);
    int training = route_series(sc, "appr", M_IN_TRAINING_FTE);
    char name[128];
    metrics_series_name(sc, training, name, sizeof name);
    assert_string_equal(name, "in_training_fte.route.appr");
    for (int month = 0; month <= sc->months; month++) {
        /* cohorts start in months s = 6, 12, 18, 24 and train in [s, s + 7) */
        double started = month > 0 && month % 6 == 0 ? 2 : 0, in_training = 0, done = 0;
        for (int s = 6; s <= month; s += 6) {
            in_training += month < s + 7 ? 2 : 0;
            done += month >= s + 7 ? 2 : 0;
        }
        assert_close(at(&t, starters, month), started, 0);
        assert_close(at(&t, training, month), in_training, 0);
        assert_close(grade_at(&t, sc, M_IN_POST_FTE, 0, month), in_training, 0);
        assert_close(grade_at(&t, sc, M_IN_POST_FTE, 1, month), 12 + done, 0);
        assert_close(grade_at(&t, sc, M_STARTERS_FTE, 1, month), 0, 0); /* moves, not starts */
        assert_close(grade_at(&t, sc, M_COST_RECRUITMENT, 0, month), started * (1733 - 211), 1e-6);
    }
    free(t.v);
    model_free(m);
    free(sc);
}

/* Apprentices (one intake of 3 in 2024-10, month 1, 4 months) complete into
 * nqsw in month 5, where the nqsw route's 5-month training begins (they are
 * not its starters); in month 10 they move on to sw. */
static void test_routes_completion_begins_the_next_routes_training(void **state)
{
    (void)state;
    struct scenario *sc = load_routes(
        12, 1,
        "appr = { posts_fte = 4.0; initial_in_post_fte = 0.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };\n"
        "nqsw = { posts_fte = 6.0; initial_in_post_fte = 0.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };\n"
        "sw = { posts_fte = 10.0; initial_in_post_fte = 5.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };",
        "appr = { grade = \"appr\"; month = 10; hires = 3; training_months = 4;\n"
        "  completion_grade = \"nqsw\"; };\n"
        "nqsw = { grade = \"nqsw\"; training_months = 5; completion_grade = \"sw\"; };");
    struct model *m = model_alloc(sc);
    struct trace t = run_trace(sc, m, 0);
    int a_start = route_series(sc, "appr", M_STARTERS_FTE);
    int a_train = route_series(sc, "appr", M_IN_TRAINING_FTE);
    int n_start = route_series(sc, "nqsw", M_STARTERS_FTE);
    int n_train = route_series(sc, "nqsw", M_IN_TRAINING_FTE);
    for (int month = 0; month <= sc->months; month++) {
        assert_close(at(&t, a_start, month), month == 1 ? 3 : 0, 0);
        assert_close(at(&t, a_train, month), month >= 1 && month < 5 ? 3 : 0, 0);
        assert_close(at(&t, n_start, month), 0, 0);
        assert_close(at(&t, n_train, month), month >= 5 && month < 10 ? 3 : 0, 0);
        assert_close(grade_at(&t, sc, M_IN_POST_FTE, 2, month), month >= 10 ? 8 : 5, 0);
        assert_close(at(&t, metrics_series(M_STARTERS_FTE, 0, sc->n_grades), month),
                     month == 1 ? 3 : 0, 0);
    }
    free(t.v);
    model_free(m);
    free(sc);
}

/* A steady flow of 0.37 a month: floor(0.37 m) have started by month m. */
static void test_routes_monthly_flow_starts_floor_f_m(void **state)
{
    (void)state;
    struct scenario *sc = load_routes(
        30, 1,
        "flow = { posts_fte = 30.0; initial_in_post_fte = 0.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };",
        "flow = { grade = \"flow\"; hires_per_month = 0.37; training_months = 60; };");
    struct model *m = model_alloc(sc);
    struct trace t = run_trace(sc, m, 1);
    int starters = route_series(sc, "flow", M_STARTERS_FTE);
    int training = route_series(sc, "flow", M_IN_TRAINING_FTE);
    for (int month = 1; month <= sc->months; month++) {
        assert_close(at(&t, starters, month), floor(0.37 * month) - floor(0.37 * (month - 1)), 0);
        assert_close(at(&t, training, month), floor(0.37 * month), 0);
    }
    free(t.v);
    model_free(m);
    free(sc);
}

/* 241 trainees a replicate finish a 3-month training in month 4; each passes
 * with p = 0.7313 (one draw each), passes move to q and fails leave the
 * sector. Over 23 replicates the pass share is within 4 SE of p, SE =
 * sqrt(p (1 - p) / n), n = 241 x 23. */
static void test_routes_pass_rate_within_4_se(void **state)
{
    (void)state;
    const double p = 0.7313;
    char routes[256];
    snprintf(routes, sizeof routes,
             "t = { grade = \"t\"; month = 10; hires = 241; training_months = 3;\n"
             "  pass_rate = %.10g; completion_grade = \"q\"; };",
             p);
    struct scenario *sc = load_routes(
        6, 23,
        "t = { posts_fte = 241.0; initial_in_post_fte = 0.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };\n"
        "q = { posts_fte = 300.0; initial_in_post_fte = 0.0; annual_leaving_rate = 0.0;\n"
        "  monthly_fill_probability = 0.0; };",
        routes);
    struct model *m = model_alloc(sc);
    double passed = 0, n = 0;
    for (long k = 0; k < sc->replicates; k++) {
        struct trace t = run_trace(sc, m, k);
        double moved = grade_at(&t, sc, M_IN_POST_FTE, 1, 4);
        double failed = grade_at(&t, sc, M_LEAVERS_EXIT_FTE, 0, 4);
        assert_close(moved + failed, 241, 0);
        assert_close(grade_at(&t, sc, M_IN_POST_FTE, 1, 6), moved, 0);
        passed += moved;
        n += 241;
        free(t.v);
    }
    double se = sqrt(p * (1 - p) / n);
    if (fabs(passed / n - p) > 4 * se)
        fail_msg("pass share %g, expected %g +- 4 x %g", passed / n, p, se);
    model_free(m);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_new_route_starts_trains_and_completes),
        cmocka_unit_test(test_routes_completion_begins_the_next_routes_training),
        cmocka_unit_test(test_routes_monthly_flow_starts_floor_f_m),
        cmocka_unit_test(test_routes_pass_rate_within_4_se),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

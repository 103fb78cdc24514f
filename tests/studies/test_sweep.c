/* test_sweep: a scenario over values of its keys. A point equal to the base
 * gives annual.csv's bytes; a key without effect on vacancies gives the
 * same vacancy rows at every point (common random numbers); raising the fill
 * probability of a two-state chain lowers its vacancy rate to the closed
 * form; a grid has the product of the steps; the tornado's bars are
 * hand-computed; bad metrics and keys are refused with their text. */
#include "support/testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wfsim/engine.h"
#include "wfsim/output.h"
#include "wfsim/sweep.h"

static const char *out_dir(int n)
{
    static char dir[128];
    snprintf(dir, sizeof dir, "/tmp/wfsim-test-sweep-%d-%d", (int)getpid(), n);
    return dir;
}

struct spec {
    const char *file;
    int n_sets;
    const char *sets[4];
    int n_varies;
    const char *varies[4];
    int grid;
    int n_metrics;
    const char *metrics[4];
};

/* sweep_run of the spec into dir; the status, with e. */
static int sweep(const struct spec *sp, const char *dir, int threads, struct error *e)
{
    struct assignment a[4];
    for (int i = 0; i < sp->n_sets; i++)
        a[i] = (struct assignment){"--set", sp->sets[i]};
    struct vary keys[4];
    error_clear(e);
    if (sweep_parse_keys(sp->n_varies, sp->varies, keys, e) != 0)
        return -1;
    struct sweep_request rq = {
        1,        &sp->file,     sp->n_sets,  a,   sp->n_varies, keys,
        sp->grid, sp->n_metrics, sp->metrics, dir, threads,      "wfsim sweep (test)",
        NULL,     NULL,          NULL};
    testutil_remove_dir(dir);
    return sweep_run(&rq, e);
}

static struct testutil_csv *read_table(const char *dir, const char *name)
{
    char file[512];
    snprintf(file, sizeof file, "%s/%s", dir, name);
    return testutil_csv_read(file);
}

/* The row of sweep.csv (one varied key) for point, metric and year. */
static const struct testutil_csv_row *row_of(const struct testutil_csv *t, const char *point,
                                             const char *metric, const char *year)
{
    for (int i = 1; i < t->n_rows; i++) {
        const struct testutil_csv_row *r = &t->row[i];
        if (strcmp(r->field[0], point) == 0 && strcmp(r->field[2], metric) == 0 &&
            strcmp(r->field[3], year) == 0)
            return r;
    }
    fail_msg("sweep.csv: no row %s,%s,%s", point, metric, year);
    return NULL;
}

static const char *const example_sets[] = {"simulation.replicates=40", "simulation.months=36"};

/* Point 0 is the base; point 1 sets the campaign's hires to the base's own
 * 10: both give annual.csv's mean, sd, p05, p50 and p95 strings exactly. */
static void test_sweep_point_equal_to_the_base_gives_the_base_bytes(void **state)
{
    (void)state;
    struct spec sp = {"scenarios/example_la.cfg",
                      2,
                      {example_sets[0], example_sets[1]},
                      1,
                      {"campaigns.overseas_2025.hires=10:20:2"},
                      0,
                      0,
                      {NULL}};
    const char *dir = out_dir(1);
    struct error e = {ERROR_NONE, ""};
    if (sweep(&sp, dir, 2, &e) != 0)
        fail_msg("sweep failed: %s", e.msg);
    /* the base run, on one thread, as wfsim run writes annual.csv */
    struct assignment a[2] = {{"--set", example_sets[0]}, {"--set", example_sets[1]}};
    struct scenario *sc = malloc(sizeof *sc);
    if (scenario_load_files(sc, 1, &sp.file, 2, a, &e) != 0)
        fail_msg("%s", e.msg);
    struct run_store st;
    testutil_run(sc, 1, &st);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(output_write_annual(f, sc, &st, 1), 0);
    fclose(f);
    struct testutil_csv *annual = testutil_csv_parse(text);
    struct testutil_csv *t = read_table(dir, SWEEP_CSV);
    const char *metrics[] = {"vacancy_rate",       "agency_rate", "turnover_rate",
                             "cost_total_npv_cum", "caseload",    "cases_3plus_workers_12m_share"};
    int checked = 0;
    for (int i = 1; i < annual->n_rows; i++) {
        const struct testutil_csv_row *r = &annual->row[i];
        for (size_t m = 0; m < sizeof metrics / sizeof metrics[0]; m++) {
            if (strcmp(r->field[2], metrics[m]) != 0)
                continue;
            for (int p = 0; p < 2; p++) {
                const struct testutil_csv_row *s =
                    row_of(t, p ? "1" : "0", metrics[m], r->field[1]);
                assert_string_equal(s->field[1], "10");
                static const int sweep_col[] = {4, 5, 6, 7, 8}, annual_col[] = {3, 4, 5, 7, 9};
                for (int c = 0; c < 5; c++)
                    assert_string_equal(s->field[sweep_col[c]], r->field[annual_col[c]]);
                checked++;
            }
        }
    }
    assert_int_equal(checked, 2 * 6 * st.n_years);
    assert_int_equal(t->n_rows, 1 + 3 * 6 * st.n_years); /* 3 points */
    testutil_csv_free(t);
    testutil_csv_free(annual);
    free(text);
    engine_store_destroy(&st);
    free(sc);
    testutil_remove_dir(dir);
}

/* The advert cost changes costs but no draw or decision: with common random
 * numbers every point's vacancy rows are the base point's exactly, while
 * the NPV of cost rises with it. */
static void test_sweep_key_without_effect_gives_identical_paired_rows(void **state)
{
    (void)state;
    struct spec sp = {"scenarios/example_la.cfg",
                      2,
                      {example_sets[0], example_sets[1]},
                      1,
                      {"finance.advert_cost_gbp=250:4000:4"},
                      0,
                      2,
                      {"vacancy_rate", "cost_total_npv_cum"}};
    const char *dir = out_dir(2);
    struct error e = {ERROR_NONE, ""};
    if (sweep(&sp, dir, 2, &e) != 0)
        fail_msg("sweep failed: %s", e.msg);
    struct testutil_csv *t = read_table(dir, SWEEP_CSV);
    const char *years[] = {"2025", "2026", "2027"}, *points[] = {"1", "2", "3", "4"};
    for (int y = 0; y < 3; y++) {
        const struct testutil_csv_row *base = row_of(t, "0", "vacancy_rate", years[y]);
        double npv = 0;
        for (int p = 0; p < 4; p++) {
            const struct testutil_csv_row *r = row_of(t, points[p], "vacancy_rate", years[y]);
            for (int c = 4; c <= 8; c++)
                assert_string_equal(r->field[c], base->field[c]);
            double v = strtod(row_of(t, points[p], "cost_total_npv_cum", years[y])->field[4], NULL);
            if (p > 0 && !(v > npv))
                fail_msg("NPV at point %s (%g) is not above the previous point's (%g)", points[p],
                         v, npv);
            npv = v;
        }
    }
    testutil_csv_free(t);
    testutil_remove_dir(dir);
}

/* One grade of 241 two-state posts, no delays (docs/model.md): stationary
 * vacancy rate pi = w / (w + h), w = a / 12. Raising h lowers the mean at
 * every point, each within 4 SE (sd sqrt(pi (1 - pi) / N) a replicate) of
 * pi after 48 months (the start's distance from pi has shrunk by
 * (1 - w - h)^48 < 0.01). */
static void test_sweep_fill_probability_lowers_vacancies_as_the_closed_form(void **state)
{
    (void)state;
    const int N = 241, R = 400;
    const double a = 0.2437, w = a / 12;
    const char *file = testutil_write_file(
        3, "name = \"chain\";\n"
           "simulation = { start = \"2024-09\"; months = 48; replicates = 400; seed = 4127L; };\n"
           "grades = { sw = { posts_fte = 241.0; initial_in_post_fte = 197.0;\n"
           "  annual_leaving_rate = 0.2437; monthly_fill_probability = 0.0913; }; };\n"
           "leaving = { notice_months = 0; };\n"
           "recruitment = { advert_delay_months = 0; start_delay_months = 0; };\n"
           "agency = { cover_probability = 0.0; };\n");
    struct spec sp = {
        file, 0, {NULL},          1, {"grades.sw.monthly_fill_probability=0.08:0.2:4"},
        0,    1, {"vacancy_rate"}};
    const char *dir = out_dir(3);
    struct error e = {ERROR_NONE, ""};
    if (sweep(&sp, dir, 2, &e) != 0)
        fail_msg("sweep failed: %s", e.msg);
    struct testutil_csv *t = read_table(dir, SWEEP_CSV);
    const char *points[] = {"1", "2", "3", "4"};
    double last = 1;
    for (int p = 0; p < 4; p++) {
        const struct testutil_csv_row *r = row_of(t, points[p], "vacancy_rate", "2028");
        double h = strtod(r->field[1], NULL), mean = strtod(r->field[4], NULL);
        double pi = w / (w + h);
        assert_close(h, 0.08 + 0.04 * p, 1e-12);
        assert_close(mean, pi, 4 * sqrt(pi * (1 - pi) / N / R));
        if (!(mean < last))
            fail_msg("vacancy rate at h = %g (%g) is not below the previous point's (%g)", h, mean,
                     last);
        last = mean;
    }
    testutil_csv_free(t);
    testutil_remove_dir(dir);
}

/* A grid of 2 x 3 points: every combination, the first key slowest. */
static void test_sweep_grid_runs_every_combination(void **state)
{
    (void)state;
    struct vary keys[3];
    struct error e = {ERROR_NONE, ""};
    const char *texts[] = {"grades.sw.monthly_fill_probability=0.05:0.1:2",
                           "grades.sw.annual_leaving_rate=0.1:0.3:3",
                           "finance.hire_cost_gbp=0:900:4"};
    assert_int_equal(sweep_parse_keys(3, texts, keys, &e), 0);
    assert_int_equal(sweep_count_points(3, keys, 1, &e), 24);
    assert_int_equal(sweep_count_points(3, keys, 0, &e), 1 + 2 + 3 + 4);
    struct spec sp = {"tests/golden/tiny.cfg", 0, {NULL}, 2,
                      {texts[0], texts[1]},    1, 1,      {"vacancy_rate"}};
    const char *dir = out_dir(4);
    if (sweep(&sp, dir, 1, &e) != 0)
        fail_msg("sweep failed: %s", e.msg);
    struct testutil_csv *p = read_table(dir, SWEEP_POINTS_CSV);
    assert_int_equal(p->n_rows, 1 + 6);
    static const char *const want[6][2] = {{"0.05", "0.1"}, {"0.05", "0.2"}, {"0.05", "0.3"},
                                           {"0.1", "0.1"},  {"0.1", "0.2"},  {"0.1", "0.3"}};
    for (int i = 0; i < 6; i++) {
        assert_string_equal(p->row[1 + i].field[1], want[i][0]);
        assert_string_equal(p->row[1 + i].field[2], want[i][1]);
    }
    assert_string_equal(p->row[2].field[3], "grades.sw.monthly_fill_probability=0.05 "
                                            "grades.sw.annual_leaving_rate=0.2");
    struct testutil_csv *t = read_table(dir, SWEEP_CSV);
    assert_int_equal(t->n_rows, 1 + 6); /* one metric, one complete year (2025) */
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, SWEEP_TORNADO_CSV);
    assert_int_equal(access(path, F_OK), -1); /* no tornado for a grid */
    testutil_csv_free(t);
    testutil_csv_free(p);
    testutil_remove_dir(dir);
}

/* Bars by hand: key 0 (3 points, rising) moves the outcome from 0.20 at
 * its low to 0.10 at its high (swing 0.10); key 1 falls from 9 to 1, so its
 * low is its last point: 0.22 at 1, 0.13 at 9 (swing 0.09); key 2 moves it
 * 0.05 -> 0.35 (swing 0.30) and comes first. */
static void test_sweep_tornado_bars_by_hand(void **state)
{
    (void)state;
    struct vary keys[3];
    struct error e = {ERROR_NONE, ""};
    const char *texts[] = {"grades.sw.monthly_fill_probability=0.05:0.15:3",
                           "campaigns.c.hires=9:1:2", "finance.hire_cost_gbp=100:300:2"};
    assert_int_equal(sweep_parse_keys(3, texts, keys, &e), 0);
    /* points: 0 base; 1-3 key 0; 4-5 key 1 (9 then 1); 6-7 key 2 */
    const double mean[] = {0.15, 0.20, 0.16, 0.10, 0.13, 0.22, 0.05, 0.35};
    struct sweep_bar bars[3];
    sweep_tornado_bars(3, keys, mean, bars);
    int order[] = {2, 0, 1};
    double low[] = {100, 0.05, 1}, high[] = {300, 0.15, 9};
    double at_low[] = {0.05, 0.20, 0.22}, at_high[] = {0.35, 0.10, 0.13};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(bars[i].key, order[i]);
        assert_close(bars[i].low_value, low[i], 1e-12);
        assert_close(bars[i].high_value, high[i], 1e-12);
        assert_close(bars[i].at_low, at_low[i], 0);
        assert_close(bars[i].at_high, at_high[i], 0);
        assert_close(bars[i].at_base, 0.15, 0);
    }
    assert_int_equal(sweep_outcome_year("vacancy_rate", 5), 2);
    assert_int_equal(sweep_outcome_year("vacancy_rate", 2), 1);
    assert_int_equal(sweep_outcome_year("cost_total_npv_cum", 5), 4);
}

/* Bad input is refused with the option and the text named, before any run. */
static void test_sweep_bad_input_is_refused(void **state)
{
    (void)state;
    struct error e = {ERROR_NONE, ""};
    struct vary keys[2];
    const char *dup[] = {"finance.hire_cost_gbp=0:9:2", "finance.hire_cost_gbp=1:5:2"};
    assert_int_equal(sweep_parse_keys(2, dup, keys, &e), -1);
    assert_string_equal(e.msg, "--vary: finance.hire_cost_gbp: varied twice");
    const char *seed[] = {"simulation.seed=1:9:2"};
    error_clear(&e);
    assert_int_equal(sweep_parse_keys(1, seed, keys, &e), -1);
    assert_string_equal(e.msg, "--vary: simulation.seed: every point of a sweep has the same "
                               "seed, replicates and months (vary another key)");
    const char *big[] = {"finance.hire_cost_gbp=0:1000:101", "finance.advert_cost_gbp=0:1000:101"};
    error_clear(&e);
    assert_int_equal(sweep_parse_keys(2, big, keys, &e), 0);
    assert_int_equal(sweep_count_points(2, keys, 1, &e), -1);
    assert_string_equal(e.msg, "--grid: 101 x 101 steps make more than 10000 points (use fewer "
                               "steps, or --one-at-a-time)");
    struct spec sp = {"tests/golden/tiny.cfg",         0, {NULL}, 1,
                      {"finance.hire_cost_gbp=0:9:2"}, 0, 1,      {"vacancy_rat"}};
    const char *dir = out_dir(5);
    assert_int_equal(sweep(&sp, dir, 1, &e), -1);
    assert_string_equal(e.msg, "--metric: vacancy_rat: not a metric of scenario tiny (wfsim "
                               "metrics lists them; grades add .<grade>)");
    sp.metrics[0] = "caseload"; /* tiny has no case types */
    assert_int_equal(sweep(&sp, dir, 1, &e), -1);
    assert_string_equal(e.msg, "--metric: caseload: not a metric of scenario tiny (wfsim "
                               "metrics lists them; grades add .<grade>)");
    sp.metrics[0] = "vacancy_rate.sw";
    sp.varies[0] = "campaigns.none.hires=0:9:2";
    assert_int_equal(sweep(&sp, dir, 1, &e), -1);
    assert_string_equal(e.msg, "--vary: campaigns.none.hires: scenario tiny has no such entry (a "
                               "named entry must be in the files)");
    assert_int_equal(access(dir, F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep_point_equal_to_the_base_gives_the_base_bytes),
        cmocka_unit_test(test_sweep_key_without_effect_gives_identical_paired_rows),
        cmocka_unit_test(test_sweep_fill_probability_lowers_vacancies_as_the_closed_form),
        cmocka_unit_test(test_sweep_grid_runs_every_combination),
        cmocka_unit_test(test_sweep_tornado_bars_by_hand),
        cmocka_unit_test(test_sweep_bad_input_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

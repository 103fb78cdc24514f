/* test_backcast: forecasts of held-out years against persistence (see
 * include/wfsim/backcast.h). The forecasts never read the test year (corrupting
 * year Y changes only the `observed` column); the persistence baseline and
 * its mean absolute error checked by hand; councils that cannot be
 * back-cast are listed with the reason. */
#include "support/dfe_testutil.h"

#include <unistd.h>

#include "wfsim/backcast.h"
#include "wfsim/calibrate.h"
#include "wfsim/panel.h"

#define Y 2024
#define AREAS "Southwark;Southampton;Sunderland" /* Sunderland 2023 falls back (agency "low") */

/* Run the back-cast of `year` on `data_path` into a fresh directory; returns
 * backcast_run's status. */
static int run(const char *data_path, int year, const char *areas, const char *tag, char *dir,
               size_t size, struct error *e)
{
    struct dfe_data d;
    dt_load(data_path, &d);
    snprintf(dir, size, "/tmp/wfsim-test-bc-%d-%s", (int)getpid(), tag);
    struct backcast_request rq = {&d,  data_path,       year, areas, 100, 6, 2,
                                  dir, "test_backcast", NULL, NULL};
    error_clear(e);
    int rc = backcast_run(&rq, e);
    dfe_free(&d);
    return rc;
}

static char *result(const char *dir, const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return testutil_read_file(path);
}

/* backcast.csv of the original data (set up once). */
static char *original;

static int setup(void **state)
{
    (void)state;
    char dir[256];
    struct error e;
    if (run(DT_DATA, Y, AREAS, "orig", dir, sizeof dir, &e) != 0)
        fail_msg("back-cast failed: %s", e.msg);
    original = result(dir, "backcast.csv");
    testutil_remove_dir(dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(original);
    return 0;
}

/* The shipped file with every row of `year` (and later years when
 * and_later) rewritten: the columns named in
 * `cols` (NULL: every column after la_name) set to wrong values. */
static const char *corrupt(int slot, int year, int and_later, const char *const *cols)
{
    struct testutil_csv *t = testutil_csv_read(DT_DATA);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    int wild[TESTUTIL_CSV_MAX_FIELDS] = {0}, changed = 0;
    const struct testutil_csv_row *head = &t->row[0];
    for (int c = 0; c < head->n; c++) {
        for (int k = 0; cols != NULL && cols[k] != NULL; k++)
            wild[c] |= strcmp(head->field[c], cols[k]) == 0;
        wild[c] |= cols == NULL && c > 9;
    }
    for (int i = 0; i < t->n_rows; i++) {
        const struct testutil_csv_row *r = &t->row[i];
        int y = atoi(r->field[0]), rewrite = i > 0 && (and_later ? y >= year : y == year);
        changed += rewrite;
        for (int c = 0; c < r->n; c++) {
            if (c > 0)
                fputc(',', f);
            if (rewrite && wild[c])
                /* wrong, different per column, and inside the reader's
                 * plausibility bounds (percentages at most 100) */
                fprintf(f, "%g", 3.5 + 2.9 * (c - 9));
            else
                testutil_csv_put(f, r->field[c]);
        }
        fputc('\n', f);
    }
    fclose(f);
    testutil_csv_free(t);
    if (and_later)
        assert_true(changed > 160 * (2025 - year)); /* about 163 areas a year */
    else
        assert_int_equal(changed, 163);
    const char *path = testutil_write_file(slot, out);
    free(out);
    return path;
}

/* Every row of a and b agrees except in the `observed` column (3). */
static void assert_same_forecasts(const char *a, const char *b)
{
    struct testutil_csv *ta = testutil_csv_parse(a), *tb = testutil_csv_parse(b);
    int observed_differ = 0;
    assert_int_equal(ta->n_rows, 1 + 3 * 5); /* header and 5 KPIs of 3 councils */
    assert_int_equal(tb->n_rows, ta->n_rows);
    for (int i = 0; i < ta->n_rows; i++) {
        const struct testutil_csv_row *ra = &ta->row[i], *rb = &tb->row[i];
        assert_int_equal(ra->n, 8);
        assert_int_equal(rb->n, 8);
        for (int c = 0; c < 8; c++) {
            if (c == 3) {
                observed_differ += strcmp(ra->field[c], rb->field[c]) != 0;
                continue;
            }
            if (strcmp(ra->field[c], rb->field[c]) != 0)
                fail_msg("row %d (%s %s) column %d: %s vs %s", i, ra->field[0], ra->field[2], c,
                         ra->field[c], rb->field[c]);
        }
    }
    assert_true(observed_differ > 0); /* the corruption reached the data */
    testutil_csv_free(ta);
    testutil_csv_free(tb);
}

static void check_corrupted(const char *const *cols, const char *tag, int slot)
{
    char dir[256];
    struct error e;
    if (run(corrupt(slot, Y, 0, cols), Y, AREAS, tag, dir, sizeof dir, &e) != 0)
        fail_msg("back-cast failed: %s", e.msg);
    char *text = result(dir, "backcast.csv");
    testutil_remove_dir(dir);
    assert_same_forecasts(original, text);
    free(text);
}

static void test_backcast_ignores_the_test_years_flows_and_rates(void **state)
{
    (void)state;
    static const char *const non_stock[] = {"starters_fte",      "starters_headcount",
                                            "leavers_fte",       "leavers_headcount",
                                            "turnover_rate_fte", "turnover_rate_headcount",
                                            "agency_rate_fte",   "agency_rate_headcount",
                                            "agency_cover_fte",  "agency_cover_rate_fte",
                                            "vacancy_rate_fte",  "vacancy_agency_cover_rate_fte",
                                            "caseload_fte",      "working_days_lost_fte",
                                            "absence_rate_fte",  NULL};
    check_corrupted(non_stock, "flows", 2);
}

static void test_backcast_ignores_every_column_of_the_test_year(void **state)
{
    (void)state;
    check_corrupted(NULL, "all", 3);
}

/* A back-cast of 2022 reads neither 2022 (but its outcomes) nor the years
 * after it: every column of 2022-2024 made wild changes only `observed`. */
static void test_backcast_ignores_the_years_after_the_test_year(void **state)
{
    (void)state;
    char dir[256];
    struct error e;
    if (run(DT_DATA, 2022, AREAS, "later-orig", dir, sizeof dir, &e) != 0)
        fail_msg("back-cast failed: %s", e.msg);
    char *before = result(dir, "backcast.csv");
    testutil_remove_dir(dir);
    if (run(corrupt(3, 2022, 1, NULL), 2022, AREAS, "later-wild", dir, sizeof dir, &e) != 0)
        fail_msg("back-cast failed: %s", e.msg);
    char *after = result(dir, "backcast.csv");
    testutil_remove_dir(dir);
    assert_same_forecasts(before, after);
    free(before);
    free(after);
}

static void test_backcast_history_drops_the_test_year_and_later(void **state)
{
    (void)state;
    struct dfe_data d, h;
    dt_load(DT_DATA, &d);
    struct error e = {ERROR_NONE, ""};
    for (int year = 2018; year <= 2025; year++) {
        assert_int_equal(backcast_history(&d, year, &h, &e), 0);
        int want = 0;
        for (int i = 0; i < d.n; i++)
            want += d.row[i].year < year;
        assert_int_equal(h.n, want);
        for (int i = 0; i < h.n; i++)
            assert_true(h.row[i].year < year);
        dfe_free(&h);
    }
    assert_int_equal(backcast_history(&d, 2023, &h, &e), 0);
    assert_int_equal(h.n, 163 + 163 + 4 * 162);
    assert_null(dfe_find(&h, "Southwark", 2023));
    assert_non_null(dfe_find(&h, "Southwark", 2022));
    dfe_free(&h);
    dfe_free(&d);
}

/* One number of backcast.csv: the row of `code` and `kpi`, column c. */
static double cell(const char *csv, const char *code, const char *kpi, int c)
{
    struct testutil_csv *t = testutil_csv_parse(csv);
    const struct testutil_csv_row *r = testutil_csv_find(t, 1, code, 2, kpi);
    if (r == NULL || r->n != 8)
        fail_msg("no %s %s in backcast.csv", code, kpi);
    double v = strtod(r->field[c], NULL);
    testutil_csv_free(t);
    return v;
}

/* Persistence is the 2023 row, read by hand from the CSV:
 *   Southwark 2023:   turnover 10.5%, vacancy 23.6%, agency 25.1%, in post 330.8, caseload 13
 *   Southampton 2023: turnover 16.7%, vacancy 15.1%, agency 5.9%,  in post 225,   caseload 16
 * and 2024 observed:
 *   Southwark 2024:   14.4%, 23.4%, 20.1%, 318.1, 12.9
 *   Southampton 2024: 18.8%, 6.2%,  2.9%,  197,   14.9
 * so the mean absolute persistence errors are
 *   turnover (0.039 + 0.021) / 2 = 0.030, vacancy (0.002 + 0.089) / 2 = 0.0455,
 *   agency (0.050 + 0.030) / 2 = 0.040, in post (12.7 + 28) / 2 = 20.35,
 *   caseload (0.1 + 1.1) / 2 = 0.6. */
static void test_backcast_persistence_by_hand(void **state)
{
    (void)state;
    static const char *const kpi[N_KPIS] = {"turnover_rate", "vacancy_rate", "agency_rate",
                                            "in_post_fte", "caseload"};
    static const double southwark[N_KPIS] = {0.105, 0.236, 0.251, 330.8, 13};
    static const double southampton[N_KPIS] = {0.167, 0.151, 0.059, 225, 16};
    static const double mae[N_KPIS] = {0.030, 0.0455, 0.040, 20.35, 0.6};
    char dir[256];
    struct error e;
    if (run(DT_DATA, Y, "Southwark;E06000045", "persist", dir, sizeof dir, &e) != 0)
        fail_msg("back-cast failed: %s", e.msg);
    char *csv = result(dir, "backcast.csv"), *summary = result(dir, "summary.csv");
    char *skipped = result(dir, "skipped.csv");
    testutil_remove_dir(dir);
    assert_string_equal(skipped, "area,code,reason\n");
    for (int k = 0; k < N_KPIS; k++) {
        /* written with 6 significant digits */
        assert_close(cell(csv, "E09000028", kpi[k], 7), southwark[k], 1e-6 * southwark[k]);
        assert_close(cell(csv, "E06000045", kpi[k], 7), southampton[k], 1e-6 * southampton[k]);
    }
    struct testutil_csv *t = testutil_csv_parse(summary);
    int rows = 0;
    for (int k = 0; k < N_KPIS; k++) {
        const struct testutil_csv_row *r = testutil_csv_find(t, 0, kpi[k], -1, NULL);
        if (r == NULL || r->n != 6)
            continue;
        assert_string_equal(r->field[1], "2");
        assert_close(strtod(r->field[3], NULL), mae[k], 1e-5 * mae[k]);
        rows++;
    }
    testutil_csv_free(t);
    assert_int_equal(rows, N_KPIS);
    free(csv);
    free(summary);
    free(skipped);
}

/* The projection's medians sit on the forecasts of the panel (the history
 * of all councils before 2024), not on persistence, and the 90% band holds
 * them; Southwark's turnover (10.5% in 2023, about 14% forecast: turnover
 * persists weakly) tells the two apart. Tolerances: the calibration's
 * chance (6 replicates here), the median of 100, and for the agency rate
 * the weak pull of cover where agency exceeds the vacancies it can cover
 * (Southwark: about 0.03 short after the Newton step). */
static void test_backcast_medians_follow_the_panel_forecasts(void **state)
{
    (void)state;
    static const char *const kpi[N_KPIS] = {"turnover_rate", "vacancy_rate", "agency_rate",
                                            "in_post_fte", "caseload"};
    static const double tol[N_KPIS] = {0.015, 0.03, 0.035, 0, 1.2};
    static const char *const code[3] = {"E09000028", "E06000045", "E08000024"};
    struct dfe_data d, h;
    struct error e = {ERROR_NONE, ""};
    dt_load(DT_DATA, &d);
    assert_int_equal(backcast_history(&d, Y, &h, &e), 0);
    for (int k = 0; k < N_KPIS; k++) {
        if (k == KPI_IN_POST)
            continue;
        struct panel_kpi p;
        if (panel_estimate(&h, k, Y - 1, &p, &e) != 0)
            fail_msg("panel: %s", e.msg);
        for (int c = 0; c < 3; c++) {
            double last = kpi_observed(dfe_find(&h, code[c], Y - 1), k);
            double target = panel_forecast(&p, last);
            double median = cell(original, code[c], kpi[k], 4);
            if (isnan(target))
                continue; /* suppressed at Y-1: no target */
            if (fabs(median - target) > tol[k])
                fail_msg("%s %s: median %g, panel forecast %g", code[c], kpi[k], median, target);
            assert_true(cell(original, code[c], kpi[k], 5) <= target);
            assert_true(target <= cell(original, code[c], kpi[k], 6));
        }
    }
    struct panel_kpi t;
    assert_int_equal(panel_estimate(&h, KPI_TURNOVER, Y - 1, &t, &e), 0);
    double target = panel_forecast(&t, 0.105);
    assert_true(target > 0.13);
    assert_true(fabs(cell(original, "E09000028", "turnover_rate", 4) - target) <
                fabs(0.105 - target) / 2);
    dfe_free(&h);
    dfe_free(&d);
}

/* A test year without history before it, or without data. */
static void test_backcast_refuses_years_it_cannot_test(void **state)
{
    (void)state;
    char dir[256];
    struct error e;
    if (run(DT_DATA, 2018, "Southwark", "y2018", dir, sizeof dir, &e) == 0)
        fail_msg("a back-cast of 2018 succeeded");
    dt_assert_msg(&e, "--year: the data have 0 council pairs of consecutive years up to 2017 for "
                      "turnover_rate: at least 10 are needed (the back-cast of 2018 learns from "
                      "the years before it; got 2018)");
    if (run(DT_DATA, 2025, "Southwark", "y2025", dir, sizeof dir, &e) == 0)
        fail_msg("a back-cast of 2025 succeeded");
    dt_assert_msg(&e, "--year: the data have no rows for 2025 to compare with (they cover "
                      "2017-2024; got 2025)");
    assert_int_equal(access(dir, F_OK), -1); /* nothing written */
}

/* Cumberland was created in 2023: for 2023 it has no 2022 row and is listed,
 * not dropped; for 2024 its 2023 census is all the back-cast needs (the
 * persistence comes from the other councils' history). */
static void test_backcast_council_without_history_is_listed_as_skipped(void **state)
{
    (void)state;
    char dir[256];
    struct error e;
    if (run(DT_DATA, 2023, "Cumberland;Southampton", "skip23", dir, sizeof dir, &e) != 0)
        fail_msg("back-cast failed: %s", e.msg);
    char *skipped = result(dir, "skipped.csv"), *csv = result(dir, "backcast.csv");
    char *manifest = result(dir, "manifest.txt");
    testutil_remove_dir(dir);
    assert_string_equal(skipped, "area,code,reason\n"
                                 "\"Cumberland\",E06000063,\"no row at 30 September 2022\"\n");
    assert_null(strstr(csv, "Cumberland"));
    assert_non_null(strstr(csv, "\"Southampton\",E06000045,vacancy_rate,"));
    assert_non_null(strstr(manifest, "areas: 1 back-cast, 1 skipped (skipped.csv)"));
    free(skipped);
    free(csv);
    free(manifest);

    if (run(DT_DATA, 2024, "Sunderland;E06000063", "new24", dir, sizeof dir, &e) != 0)
        fail_msg("back-cast failed: %s", e.msg);
    skipped = result(dir, "skipped.csv");
    csv = result(dir, "backcast.csv");
    testutil_remove_dir(dir);
    assert_string_equal(skipped, "area,code,reason\n");
    assert_non_null(strstr(csv, "\"Cumberland\",E06000063,vacancy_rate,"));
    free(skipped);
    free(csv);

    if (run(DT_DATA, 2023, "E06000063", "alone", dir, sizeof dir, &e) == 0)
        fail_msg("a back-cast of Cumberland alone succeeded");
    dt_assert_msg(&e, "--areas: no council could be back-cast for 2023 (see the reasons with "
                      "--areas all)");
    testutil_remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backcast_ignores_the_test_years_flows_and_rates),
        cmocka_unit_test(test_backcast_ignores_every_column_of_the_test_year),
        cmocka_unit_test(test_backcast_history_drops_the_test_year_and_later),
        cmocka_unit_test(test_backcast_ignores_the_years_after_the_test_year),
        cmocka_unit_test(test_backcast_persistence_by_hand),
        cmocka_unit_test(test_backcast_council_without_history_is_listed_as_skipped),
        cmocka_unit_test(test_backcast_medians_follow_the_panel_forecasts),
        cmocka_unit_test(test_backcast_refuses_years_it_cannot_test),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

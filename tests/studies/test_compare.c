/* test_compare: paired option comparison. An option identical to the
 * baseline differs by exactly 0; common random numbers shrink the sd of the
 * difference; the break-even elasticity recovers a planted root; options that
 * cannot be compared are refused with "file:line: key: message". */
#include "support/retention_testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "wfsim/compare.h"
#include "wfsim/month.h"

#define N_FIELDS 10 /* columns of comparison.csv */

static const char *out_dir(int n)
{
    static char dir[128];
    snprintf(dir, sizeof dir, "/tmp/wfsim-test-compare-%d-%d", (int)getpid(), n);
    return dir;
}

/* compare_run of a baseline and options with `--set` assignments. */
static int compare(const char *baseline, int n, const char *const *options, int n_sets,
                   const char *const *sets, const char *dir, struct error *e)
{
    struct assignment a[4];
    for (int i = 0; i < n_sets && i < 4; i++) {
        a[i].origin = "--set";
        a[i].text = sets[i];
    }
    struct compare_request rq = {.baseline = baseline,
                                 .n_options = n,
                                 .options = options,
                                 .n_sets = n_sets,
                                 .sets = a,
                                 .out_dir = dir,
                                 .threads = 2,
                                 .command_line = "wfsim compare (test)"};
    error_clear(e);
    testutil_remove_dir(dir);
    return compare_run(&rq, e);
}

/* diff_mean of a derived figure (NaN for NA). */
static double figure(const char *file, const char *option, const char *metric)
{
    struct testutil_csv *t = testutil_csv_read(file);
    const struct testutil_csv_row *r = testutil_csv_find(t, 0, option, 1, metric);
    if (r == NULL)
        fail_msg("%s: no row %s,%s", file, option, metric);
    assert_int_equal(r->n, N_FIELDS);
    double v = strcmp(r->field[4], "NA") == 0 ? NAN : strtod(r->field[4], NULL);
    testutil_csv_free(t);
    return v;
}

static const char *const outcomes[] = {"cost_total_npv",
                                       "cost_retention_total",
                                       "clawback_recovered_total",
                                       "cost_agency_total",
                                       "cost_recruitment_total",
                                       "leavers_fte_total",
                                       "vacancy_fte_months",
                                       "agency_fte_months",
                                       "caseload_mean",
                                       "case_transfers_total",
                                       "cases_3plus_workers_12m_share_end"};

static void test_compare_identical_option_differs_by_exactly_zero(void **state)
{
    (void)state;
    const char *opt[] = {testutil_write_file(2, "# the baseline under another name\n"
                                                "name = \"same\";\n")};
    const char *sets[] = {"simulation.replicates=24", "simulation.months=30"};
    const char *dir = out_dir(1);
    struct error e;
    if (compare("scenarios/example_la.cfg", 1, opt, 2, sets, dir, &e) != 0)
        fail_msg("compare failed: %s", e.msg);
    char file[512];
    snprintf(file, sizeof file, "%s/comparison.csv", dir);
    char *text = testutil_read_file(file);
    assert_memory_equal(text, COMPARE_HEADER "\n", strlen(COMPARE_HEADER) + 1);
    struct testutil_csv *t = testutil_csv_parse(text);
    free(text);
    /* every metric written is documented (docs/metrics.md, compare_document) */
    char *doc = NULL;
    size_t doc_len = 0;
    FILE *df = open_memstream(&doc, &doc_len);
    assert_int_equal(compare_document(df), 0);
    fclose(df);
    for (int i = 1; i < t->n_rows; i++) {
        char quoted[128];
        snprintf(quoted, sizeof quoted, "| `%s` |", t->row[i].field[1]);
        if (strstr(doc, quoted) == NULL)
            fail_msg("comparison.csv's %s is not in compare_document", t->row[i].field[1]);
    }
    free(doc);
    for (int o = 0; o < 11; o++) {
        const struct testutil_csv_row *r = testutil_csv_find(t, 0, "same", 1, outcomes[o]);
        if (r == NULL)
            fail_msg("no row for %s", outcomes[o]);
        assert_int_equal(r->n, N_FIELDS);
        assert_string_equal(r->field[2], r->field[3]); /* baseline_mean = option_mean */
        for (int c = 4; c < N_FIELDS; c++)
            if (strtod(r->field[c], NULL) != 0 || strcmp(r->field[c], "NA") == 0)
                fail_msg("%s column %d = %s, expected 0", outcomes[o], c, r->field[c]);
    }
    testutil_csv_free(t);
    assert_close(figure(file, "same", "prob_saves_money"), 0.0, 0);
    assert_true(isnan(figure(file, "same", "break_even_elasticity")));
    /* every monthly difference is 0 too */
    snprintf(file, sizeof file, "%s/comparison_timeseries.csv", dir);
    t = testutil_csv_read(file);
    int rows = t->n_rows - 1;
    for (int i = 1; i < t->n_rows; i++) {
        assert_int_equal(t->row[i].n, 9);
        for (int c = 4; c < 9; c++)
            assert_string_equal(t->row[i].field[c], "0");
    }
    testutil_csv_free(t);
    assert_true(rows >= 30 * 8);
    testutil_remove_dir(dir);
}

static struct scenario *load_files(int n, const char *const *files, const char *set)
{
    struct scenario *sc = malloc(sizeof *sc);
    struct assignment a = {"--set", set};
    struct error e = {ERROR_NONE, ""};
    if (sc == NULL || scenario_load_files(sc, n, files, 1, &a, &e) != 0)
        fail_msg("did not load: %s", e.msg);
    return sc;
}

static double sd_of(const double *x, int n)
{
    double mean = 0, ss = 0;
    for (int i = 0; i < n; i++)
        mean += x[i] / n;
    for (int i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    return sqrt(ss / (n - 1));
}

/* NPV of total cost at the horizon, by replicate. */
static double *npv_by_replicate(const struct scenario *sc)
{
    struct run_store st;
    testutil_run(sc, 2, &st);
    double *v = malloc((size_t)st.replicates * sizeof *v);
    for (int k = 0; k < st.replicates; k++)
        v[k] = testutil_metric_at(&st, sc, k, M_COST_TOTAL_NPV_CUM, 0, st.months - 1);
    engine_store_destroy(&st);
    return v;
}

/* The example council and its 10% supplement, 200 replicates: the paired
 * difference (replicate k of both) against unpaired ones (baseline k with
 * option k + 100, and sqrt(var_baseline + var_option)). */
static void test_compare_common_random_numbers_shrink_the_sd(void **state)
{
    (void)state;
    enum { R = 200 };
    const char *files[] = {"scenarios/example_la.cfg", "scenarios/options/supplement_10.cfg"};
    struct scenario *base = load_files(1, files, "simulation.replicates=200");
    struct scenario *opt = load_files(2, files, "simulation.replicates=200");
    double *b = npv_by_replicate(base), *o = npv_by_replicate(opt);
    double paired[R], unpaired[R / 2];
    for (int k = 0; k < R; k++)
        paired[k] = o[k] - b[k];
    for (int k = 0; k < R / 2; k++)
        unpaired[k] = o[k + R / 2] - b[k];
    double sd_paired = sd_of(paired, R), sd_b = sd_of(b, R), sd_o = sd_of(o, R);
    double sd_unpaired = sd_of(unpaired, R / 2);
    assert_true(sd_paired > 0);
    if (!(sd_unpaired >= 3 * sd_paired && sqrt(sd_b * sd_b + sd_o * sd_o) >= 3 * sd_paired))
        fail_msg("sd paired %g, unpaired %g, sqrt(var sum) %g", sd_paired, sd_unpaired,
                 sqrt(sd_b * sd_b + sd_o * sd_o));
    free(b);
    free(o);
    free(base);
    free(opt);
}

/* --- the reconciliation and summary.csv ------------------------------------------ */

/* The parts' NPV differences add up to the net's (csv_number rounds big
 * values to the pound: a few pounds), in comparison.csv and summary.csv;
 * the net NPV is cost_total_npv within float rounding; summary.csv's net
 * is comparison.csv's. */
static void test_compare_parts_add_up_to_the_net_in_both_tables(void **state)
{
    (void)state;
    const char *opt[] = {"scenarios/options/lump_sum_3000.cfg"};
    const char *sets[] = {"simulation.replicates=24", "simulation.months=30",
                          "finance.uncovered_vacancy_cost_gbp=12000"};
    const char *dir = out_dir(3);
    struct error e;
    if (compare("scenarios/example_la.cfg", 1, opt, 3, sets, dir, &e) != 0)
        fail_msg("compare failed: %s", e.msg);
    char file[512], summary[512];
    snprintf(file, sizeof file, "%s/comparison.csv", dir);
    snprintf(summary, sizeof summary, "%s/summary.csv", dir);
    static const char *const part[] = {"cost_permanent_npv",     "cost_agency_npv",
                                       "cost_recruitment_npv",   "cost_retention_npv",
                                       "clawback_recovered_npv", "cost_vacancy_npv"};
    double sum = 0, net = figure(file, "lump_sum_3000", "cost_net_npv");
    for (int p = 0; p < 6; p++)
        sum += (p == 4 ? -1 : 1) * figure(file, "lump_sum_3000", part[p]);
    assert_close(sum, net, 4);
    assert_true(figure(file, "lump_sum_3000", "cost_vacancy_npv") != 0);
    assert_close(figure(file, "lump_sum_3000", "cost_total_npv"), net, 16);
    char *text = testutil_read_file(summary);
    assert_memory_equal(text, COMPARE_SUMMARY_HEADER "\n", strlen(COMPARE_SUMMARY_HEADER) + 1);
    struct testutil_csv *t = testutil_csv_parse(text);
    free(text);
    const struct testutil_csv_row *r = testutil_csv_find(t, 0, "lump_sum_3000", -1, NULL);
    assert_non_null(r);
    assert_int_equal(r->n, 20);
    assert_close(strtod(r->field[1], NULL), net, 1);
    double parts = 0;
    for (int c = 4; c <= 9; c++)
        parts += strtod(r->field[c], NULL);
    assert_close(parts, net, 4);
    assert_close(strtod(r->field[12], NULL),
                 figure(file, "lump_sum_3000", "cost_per_leaver_avoided_gbp"), 1);
    testutil_csv_free(t);
    testutil_remove_dir(dir);
}

/* --- break-even ------------------------------------------------------------ */

/* 241 workers, no refills, every vacancy covered by agency at once and for
 * good; agency costs far more than permanent staff, so a 5% supplement pays
 * for itself only if the elasticity is strongly negative. */
#define BE_N 241.0
#define BE_W (0.2437 / 12)
#define BE_SALARY 40130.0
#define BE_AGENCY 151300.0
#define BE_SHARE 0.05
#define BE_MONTHS 24

static const char *const BE_BASE =
    "name = \"be_base\";\n"
    "simulation = { start = \"2024-09\"; months = 24; replicates = 400; seed = 31337L; };\n"
    "grades = { sw = { posts_fte = 241.0; initial_in_post_fte = 241.0;\n"
    "  annual_leaving_rate = 0.2437; monthly_fill_probability = 0.0;\n"
    "  salary_gbp = 40130.0; agency_cost_gbp = 151300.0; }; };\n"
    "leaving = { notice_months = 0; };\n"
    "agency = { cover_probability = 1.0; annual_assignment_end_rate = 0.0;\n"
    "  monthly_conversion_probability = 0.0; };\n";

static const char *const BE_OPTION = "name = \"be_supplement\";\n"
                                     "retention_schemes = { s = { kind = \"supplement\"; start = "
                                     "\"2024-10\"; salary_share = 0.05; }; };\n";

/* Expected NPV gap at elasticity e: in-post survival (1 - w)^m without the
 * scheme, (1 - w)(1 - w r)^(m - 1) with it (r = 1 + 0.05 e from month 2, the
 * multiplier being set at the end of month 1); a vacancy swaps permanent pay
 * for agency cost; the supplement is paid on in-post FTE. */
static double closed_form_gap(double e)
{
    double r = 1 + BE_SHARE * e, gap = 0;
    for (int m = 1; m <= BE_MONTHS; m++) {
        double base = pow(1 - BE_W, m), opt = (1 - BE_W) * pow(1 - BE_W * r, m - 1);
        /* the supplement is pay: it carries the 28% on-costs too */
        double month = (opt - base) * BE_N * (BE_SALARY * 1.28 - BE_AGENCY) / 12 +
                       BE_SHARE * BE_SALARY * 1.28 / 12 * BE_N * opt;
        gap += month * pow(1.035, -m / 12.0);
    }
    return gap;
}

static double closed_form_root(void)
{
    double lo = -6, hi = 0;
    for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        if (closed_form_gap(mid) > 0)
            hi = mid;
        else
            lo = mid;
    }
    return (lo + hi) / 2;
}

/* Mean and sd over the replicates of the option's NPV at elasticity e (fixed
 * for every replicate) minus the baseline's. */
static double gap_at(const double *base_npv, struct scenario *option, double e, double *sd)
{
    option->elasticity_mean = e;
    option->elasticity_sd = 0;
    double *o = npv_by_replicate(option), gap[400], mean = 0;
    for (int k = 0; k < 400; k++) {
        gap[k] = o[k] - base_npv[k];
        mean += gap[k] / 400;
    }
    *sd = sd_of(gap, 400);
    free(o);
    return mean;
}

/* elasticity_curve.csv against the closed form: every point's mean within 4
 * of its SEs of the closed-form gap, the ends equal to comparison.csv's
 * figures, and the break-even interval around the closed-form root. */
static void check_curve(const char *dir, double at_min, double at_zero)
{
    char file[512];
    snprintf(file, sizeof file, "%s/elasticity_curve.csv", dir);
    struct testutil_csv *t = testutil_csv_read(file);
    assert_int_equal(t->n_rows, 1 + COMPARE_CURVE_POINTS);
    for (int i = 1; i < t->n_rows; i++) {
        const struct testutil_csv_row *r = &t->row[i];
        assert_int_equal(r->n, 9);
        assert_string_equal(r->field[0], "be_supplement");
        double e = strtod(r->field[1], NULL), mean = strtod(r->field[3], NULL);
        double se = strtod(r->field[4], NULL);
        assert_close(e, -6 + 0.5 * (i - 1), 1e-12);
        assert_int_equal(atoi(r->field[2]), 400);
        assert_close(mean, closed_form_gap(e), 4 * se);
        if (i == 1)
            assert_close(mean, at_min, 1.0);
        if (i == t->n_rows - 1)
            assert_close(mean, at_zero, 1.0);
    }
    testutil_csv_free(t);
    snprintf(file, sizeof file, "%s/comparison.csv", dir);
    double lo = figure(file, "be_supplement", "break_even_elasticity_low");
    double hi = figure(file, "be_supplement", "break_even_elasticity_high");
    double root = figure(file, "be_supplement", "break_even_elasticity");
    if (!(lo < hi && lo <= root && root <= hi && lo - 0.1 <= closed_form_root() &&
          closed_form_root() <= hi + 0.1))
        fail_msg("break-even interval [%g, %g], root %g, closed form %g", lo, hi, root,
                 closed_form_root());
}

static void test_compare_break_even_elasticity_recovers_the_planted_root(void **state)
{
    (void)state;
    const char *base_file = testutil_write_file(2, BE_BASE);
    const char *opt[] = {testutil_write_file(3, BE_OPTION)};
    const char *dir = out_dir(2);
    struct error e;
    if (compare(base_file, 1, opt, 0, NULL, dir, &e) != 0)
        fail_msg("compare failed: %s", e.msg);
    char file[512];
    snprintf(file, sizeof file, "%s/comparison.csv", dir);
    double root = figure(file, "be_supplement", "break_even_elasticity");
    double at_min = figure(file, "be_supplement", "npv_diff_at_elasticity_min");
    double at_zero = figure(file, "be_supplement", "npv_diff_at_elasticity_zero");
    check_curve(dir, at_min, at_zero);
    testutil_remove_dir(dir);
    assert_true(at_min < 0 && at_zero > 0);
    if (!(root > -6 && root < 0))
        fail_msg("break-even elasticity %g outside [-6, 0]", root);
    /* The option run at e* (sd 0, same seed, the first 400 replicates). */
    const char *files[] = {base_file, opt[0]};
    struct scenario *base = load_files(1, files, "simulation.replicates=400");
    struct scenario *option = load_files(2, files, "simulation.replicates=400");
    double *b = npv_by_replicate(base), sd_root, sd_min, sd_zero;
    double gap_root = gap_at(b, option, root, &sd_root);
    if (!(fabs(gap_root) < 0.05 * (fabs(at_min) + fabs(at_zero))))
        fail_msg("gap at e* = %g: %g; at min %g, at 0 %g", root, gap_root, at_min, at_zero);
    /* The ends as reported (written to the pound). */
    double gap_min = gap_at(b, option, -6, &sd_min), gap_zero = gap_at(b, option, 0, &sd_zero);
    assert_close(at_min, gap_min, 1.0);
    assert_close(at_zero, gap_zero, 1.0);
    /* Against the closed form, within 4 SE: of the mean gaps at the ends,
     * and of the root found on 400 replicates (the SE of the mean gap there
     * over the slope) plus Brent's tolerance. */
    assert_close(gap_min, closed_form_gap(-6), 4 * sd_min / sqrt(400.0));
    assert_close(gap_zero, closed_form_gap(0), 4 * sd_zero / sqrt(400.0));
    double slope = (gap_zero - gap_min) / 6;
    assert_close(root, closed_form_root(), 4 * sd_root / sqrt(400.0) / slope + 0.01);
    free(b);
    free(base);
    free(option);
}

/* With no agency cover and no cost of an uncovered vacancy, a worker kept is
 * pay and the supplement against nothing: the stronger the response, the
 * dearer the option, and summary.csv's note says why. */
static void test_compare_summary_explains_an_option_dearer_with_a_response(void **state)
{
    (void)state;
    const char *base_file = testutil_write_file(2, BE_BASE);
    const char *opt[] = {testutil_write_file(3, BE_OPTION)};
    const char *sets[] = {"agency.cover_probability=0.0", "simulation.replicates=60"};
    const char *dir = out_dir(4);
    struct error e;
    if (compare(base_file, 1, opt, 2, sets, dir, &e) != 0)
        fail_msg("compare failed: %s", e.msg);
    char file[512];
    snprintf(file, sizeof file, "%s/comparison.csv", dir);
    double at_min = figure(file, "be_supplement", "npv_diff_at_elasticity_min");
    double at_zero = figure(file, "be_supplement", "npv_diff_at_elasticity_zero");
    assert_true(at_min > at_zero);
    snprintf(file, sizeof file, "%s/summary.csv", dir);
    struct testutil_csv *t = testutil_csv_read(file);
    const struct testutil_csv_row *r = testutil_csv_find(t, 0, "be_supplement", -1, NULL);
    assert_non_null(r);
    assert_string_equal(r->field[r->n - 1],
                        "a stronger response makes it dearer: each worker it keeps costs pay and "
                        "the payment in a post whose vacancy would have cost nothing uncovered "
                        "(finance.uncovered_vacancy_cost_gbp = 0)");
    testutil_csv_free(t);
    testutil_remove_dir(dir);
}

/* --- refusals ---------------------------------------------------------------- */

/* compare_run refuses with exactly "<option file>:<line>: <rest>" and writes
 * nothing. */
static void expect_refusal(int n, const char *const *texts, int bad, int line, const char *rest)
{
    const char *base = testutil_write_file(2, TESTUTIL_MINIMAL), *opts[4];
    for (int i = 0; i < n; i++)
        opts[i] = testutil_write_file(3 + i, texts[i]);
    const char *dir = out_dir(3);
    struct error e;
    int rc = compare(base, n, opts, 0, NULL, dir, &e);
    char expect[1024];
    snprintf(expect, sizeof expect, "%s:%d: %s", opts[bad], line, rest);
    if (rc != -1 || e.kind != ERROR_INPUT || strcmp(e.msg, expect) != 0)
        fail_msg("got %d \"%s\", expected \"%s\"", rc, e.msg, expect);
    struct stat sb;
    assert_int_not_equal(stat(dir, &sb), 0);
}

static void expect_fixed_key_refusal(const char *setting, const char *key, long long base,
                                     long long got)
{
    char text[256], rest[512];
    snprintf(text, sizeof text, "name = \"opt\";\n\nsimulation = { %s };\n", setting);
    snprintf(rest, sizeof rest,
             "%s: differs from the baseline's (%lld); options must share seed, replicates, "
             "start and months to be compared (got %lld)",
             key, base, got);
    const char *texts[] = {text};
    expect_refusal(1, texts, 0, 3, rest);
}

static void test_compare_refuses_an_option_changing_the_simulation(void **state)
{
    (void)state;
    int sep2024 = 0, oct2024 = 0;
    assert_int_equal(month_parse("2024-09", &sep2024), 0);
    assert_int_equal(month_parse("2024-10", &oct2024), 0);
    expect_fixed_key_refusal("seed = 99L;", "simulation.seed", 7, 99);
    expect_fixed_key_refusal("replicates = 11;", "simulation.replicates", 10, 11);
    expect_fixed_key_refusal("start = \"2024-10\";", "simulation.start", sep2024, oct2024);
    expect_fixed_key_refusal("months = 25;", "simulation.months", 24, 25);
}

static void test_compare_refuses_an_option_without_its_own_name(void **state)
{
    (void)state;
    const char *unnamed[] = {"description = \"no name of its own\";\n"};
    expect_refusal(1, unnamed, 0, 1, "name: an option needs its own name (got \"minimal\")");
    const char *same[] = {"# the baseline's name\nname = \"minimal\";\n"};
    expect_refusal(1, same, 0, 2, "name: an option needs its own name (got \"minimal\")");
}

static void test_compare_refuses_two_options_with_the_same_name(void **state)
{
    (void)state;
    const char *twins[] = {"name = \"twin\";\n", "# again\n\nname = \"twin\";\n"};
    expect_refusal(2, twins, 1, 3, "name: two options share the name \"twin\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_identical_option_differs_by_exactly_zero),
        cmocka_unit_test(test_compare_common_random_numbers_shrink_the_sd),
        cmocka_unit_test(test_compare_parts_add_up_to_the_net_in_both_tables),
        cmocka_unit_test(test_compare_break_even_elasticity_recovers_the_planted_root),
        cmocka_unit_test(test_compare_summary_explains_an_option_dearer_with_a_response),
        cmocka_unit_test(test_compare_refuses_an_option_changing_the_simulation),
        cmocka_unit_test(test_compare_refuses_an_option_without_its_own_name),
        cmocka_unit_test(test_compare_refuses_two_options_with_the_same_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

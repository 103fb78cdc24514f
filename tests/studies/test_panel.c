/* test_panel: the year-ahead persistence of the DfE panel (see
 * include/wfsim/panel.h), checked against a hand-computed example: twelve councils
 * whose vacancy-rate logits move from
 *   2020: -2, -1.5, -1, -0.5   (mean -1.25; deviations b = -0.75, -0.25, 0.25, 0.75)
 *   2021: -1.8, -1.6, -0.7, -0.5 (mean -1.15; deviations a = -0.65, -0.45, 0.45, 0.65)
 * three times over. The ratios a / b are 13/15 (weight 0.75) and 1.8 (weight
 * 0.25), so the weighted median, the least-absolute-deviation rho, is 13/15.
 * Residuals a - rho b are 0 (6 councils) and -/+ 0.7/3 (3 each): their 5% and
 * 95% quantiles are -/+ 0.7/3, so resid_sd = (1.4/3) / (2 x 1.6448536); the
 * all-council mean moved by 0.1 in the one pair of years, so shift_sd = 0.1. */
#include "support/dfe_testutil.h"

#include "wfsim/calibrate.h"
#include "wfsim/panel.h"

static const double logit_2020[4] = {-2, -1.5, -1, -0.5};
static const double logit_2021[4] = {-1.8, -1.6, -0.7, -0.5};

static void put(FILE *f, int year, const char *level, int council, const char *vacancy_rate)
{
    fprintf(f,
            "%d,Reporting year,%s,E92000001,England,E12000008,South East,,E0600%04d,Council "
            "%d,100,100,10,10,10,10,12,12,10,10,9,9,8,80,%s,%s,70,60,900,15,700,3\n",
            year, level, council, council, "12", vacancy_rate);
}

static char *panel_file(int suppress_one, int councils)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs(DT_HEADER, f);
    for (int c = 0; c < councils; c++)
        for (int y = 2020; y <= 2021; y++) {
            double x = (y == 2020 ? logit_2020 : logit_2021)[c % 4];
            char rate[64];
            snprintf(rate, sizeof rate, "%.12f", 100 / (1 + exp(-x)));
            put(f, y, "Local authority", c, rate);
        }
    if (suppress_one) {
        put(f, 2020, "Local authority", 90, "5");
        put(f, 2021, "Local authority", 90, "x");  /* no pair: left out */
        put(f, 2021, "Local authority", 91, "40"); /* no 2020 row: left out of the pairs */
        put(f, 2020, "Regional", 92, "99");        /* not a council */
        put(f, 2021, "Regional", 92, "1");
    }
    fclose(f);
    return text;
}

static void load(int suppress_one, int councils, struct dfe_data *d)
{
    char *text = panel_file(suppress_one, councils);
    dt_load(testutil_write_file(1, text), d);
    free(text);
}

static void test_panel_persistence_by_hand(void **state)
{
    (void)state;
    struct dfe_data d;
    load(0, 12, &d);
    struct panel_kpi p;
    struct error e = {ERROR_NONE, ""};
    if (panel_estimate(&d, KPI_VACANCY_RATE, 2021, &p, &e) != 0)
        fail_msg("panel_estimate: %s", e.msg);
    assert_int_equal(p.pairs, 12);
    assert_int_equal(p.years, 1);
    assert_close(p.rho, 13.0 / 15, 1e-9);
    assert_close(p.mean_last, -1.15, 1e-9);
    assert_close(p.resid_sd, (1.4 / 3) / (2 * 1.6448536269514722), 1e-9);
    assert_close(p.shift_sd, 0.1, 1e-9);
    assert_close(p.sd, hypot(p.resid_sd, 0.1), 1e-12);
    /* a council at logit 0 next year: -1.15 + 13/15 x 1.15 */
    double want = 1 / (1 + exp(-(-1.15 + 13.0 / 15 * 1.15)));
    assert_close(panel_forecast(&p, 0.5), want, 1e-9);
    assert_true(isnan(panel_forecast(&p, NAN)));
    dfe_free(&d);
}

/* Suppressed values, councils without the earlier year and regional rows
 * leave the estimate as it was (only the last year's mean counts council 91,
 * which has a 2021 value). */
static void test_panel_leaves_out_gaps_and_regions(void **state)
{
    (void)state;
    struct dfe_data d;
    load(1, 12, &d);
    struct panel_kpi p;
    struct error e = {ERROR_NONE, ""};
    if (panel_estimate(&d, KPI_VACANCY_RATE, 2021, &p, &e) != 0)
        fail_msg("panel_estimate: %s", e.msg);
    assert_int_equal(p.pairs, 12);
    assert_close(p.rho, 13.0 / 15, 1e-9);
    assert_close(p.shift_sd, 0.1, 1e-9);
    double logit40 = log(0.4 / 0.6);
    assert_close(p.mean_last, (12 * -1.15 + logit40) / 13, 1e-9);
    dfe_free(&d);
}

/* Too few pairs is refused with a message naming the KPI. */
static void test_panel_needs_ten_pairs(void **state)
{
    (void)state;
    struct dfe_data d;
    load(0, 8, &d);
    struct panel_kpi p;
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(panel_estimate(&d, KPI_VACANCY_RATE, 2021, &p, &e), -1);
    dt_assert_msg(&e, "the data have 8 council pairs of consecutive years up to 2021 for "
                      "vacancy_rate: at least 10 are needed");
    dfe_free(&d);
}

/* On the shipped data, years before 2022 only: vacancy and agency rates
 * persist strongly, turnover weakly (docs/data.md). */
static void test_panel_shipped_data(void **state)
{
    (void)state;
    struct dfe_data d, h;
    dt_load(DT_DATA, &d);
    h.n = 0;
    h.row = malloc((size_t)d.n * sizeof *h.row);
    for (int i = 0; i < d.n; i++)
        if (d.row[i].year < 2022)
            h.row[h.n++] = d.row[i];
    struct panel_kpi v, t;
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(panel_estimate(&h, KPI_VACANCY_RATE, 2021, &v, &e), 0);
    assert_int_equal(panel_estimate(&h, KPI_TURNOVER, 2021, &t, &e), 0);
    assert_int_equal(v.years, 4); /* 2017-18 to 2020-21 */
    assert_true(v.pairs > 500);
    assert_true(v.rho > 0.7 && v.rho < 1);
    assert_true(t.rho > 0 && t.rho < 0.5);
    free(h.row);
    dfe_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_panel_persistence_by_hand),
        cmocka_unit_test(test_panel_leaves_out_gaps_and_regions),
        cmocka_unit_test(test_panel_needs_ten_pairs),
        cmocka_unit_test(test_panel_shipped_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests of the chart geometry: nice ticks, month-boundary date ticks, band
 * polygons, NA gaps, and the layout that puts them together; and that the
 * renderer's SVG has the chart's parts. */
#include "support/testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/month.h"
#include "report/axis.h"
#include "report/band.h"
#include "report/chart.h"
#include "report/units.h"

static void test_axis_nice_covers_the_data_with_round_steps(void **state)
{
    (void)state;
    struct axis a;
    int n = axis_nice(0.0237, 0.1813, 7, &a);
    assert_true(n >= 2 && n <= 7);
    assert_true(a.lo <= 0.0237 && a.hi >= 0.1813);
    assert_close(a.step, 0.05, 1e-12); /* 0.16 / 6 = 0.027 -> 0.05 keeps 7 ticks at most */
    for (int i = 0; i < n; i++) {
        double k = a.tick[i] / a.step;
        assert_close(k, round(k), 1e-9); /* every tick a multiple of the step */
    }
    axis_nice(-241, 1709, 6, &a);
    assert_close(a.step, 500, 1e-9);
    assert_close(a.lo, -500, 1e-9);
    assert_close(a.hi, 2000, 1e-9);
}

static void test_axis_nice_widens_a_flat_range(void **state)
{
    (void)state;
    struct axis a;
    axis_nice(0, 0, 5, &a);
    assert_true(a.lo < 0 && a.hi > 0);
    axis_nice(12.5, 12.5, 5, &a);
    assert_true(a.lo < 12.5 && a.hi > 12.5 && a.n_ticks >= 2);
    assert_true(signbit(a.tick[0]) == 0 || a.tick[0] != 0); /* no "-0" tick */
}

static void test_axis_months_ticks_on_month_boundaries(void **state)
{
    (void)state;
    struct axis a;
    int first, last;
    month_parse("2024-09", &first);
    month_parse("2029-09", &last);
    int n = axis_months(first, last, 9, &a);
    assert_int_equal(n, 6); /* yearly: every 30 September */
    assert_close(a.step, 12, 0);
    for (int i = 0; i < n; i++) {
        assert_close(a.tick[i], floor(a.tick[i]), 0); /* whole months */
        assert_int_equal(month_of_year((int)a.tick[i]), 9);
    }
    n = axis_months(first, first + 18, 9, &a);
    assert_close(a.step, 3, 0);
    assert_int_equal(n, 7);
    assert_close(axis_map(&a, first + 9, 100, 200), 150, 1e-12);
}

static void test_band_polygon_goes_up_the_top_and_back_along_the_bottom(void **state)
{
    (void)state;
    double x[] = {0, 1, 2, 3}, lo[] = {1, 2, 3, 4}, hi[] = {5, 6, 7, 8}, px[8], py[8];
    struct band_run runs[4];
    assert_int_equal(band_runs(lo, hi, 4, runs, 4), 1);
    int n = band_polygon(x, lo, hi, runs[0], px, py);
    assert_int_equal(n, 8);
    double want_x[] = {0, 1, 2, 3, 3, 2, 1, 0}, want_y[] = {5, 6, 7, 8, 4, 3, 2, 1};
    for (int i = 0; i < 8; i++) {
        assert_close(px[i], want_x[i], 0);
        assert_close(py[i], want_y[i], 0);
    }
}

static void test_band_runs_break_at_na(void **state)
{
    (void)state;
    double lo[] = {NAN, 1, 2, NAN, 4, 5, 6, NAN}, hi[] = {1, 2, 3, 4, NAN, 6, 7, 8};
    struct band_run runs[4];
    int n = band_runs(lo, hi, 8, runs, 4);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].first, 1);
    assert_int_equal(runs[0].last, 2);
    assert_int_equal(runs[1].first, 5);
    assert_int_equal(runs[1].last, 6);
    double all_na[] = {NAN, NAN};
    assert_int_equal(band_runs(all_na, all_na, 2, runs, 4), 0);
}

static struct chart fan(int n)
{
    struct chart c;
    assert_int_equal(chart_init(&c, CHART_FAN, n), 0);
    int start;
    month_parse("2024-09", &start);
    for (int i = 0; i < n; i++) {
        c.x[i] = start + i;
        for (int q = 0; q < 5; q++)
            c.q[q][i] = i == 3 ? NAN : 0.08 + 0.01 * q + 0.0007 * i;
    }
    c.now = start;
    c.unit = UNIT_SHARE;
    snprintf(c.name, sizeof c.name, "test");
    snprintf(c.title, sizeof c.title, "Vacancy rate");
    return c;
}

static void test_layout_includes_history_dots_and_zero(void **state)
{
    (void)state;
    struct chart c = fan(25);
    c.n_dots = 2;
    c.dot_x[0] = c.x[0] - 24; /* two censuses before month 0 */
    c.dot_y[0] = 0.231;
    c.dot_x[1] = c.x[0] - 12;
    c.dot_y[1] = 0.19;
    struct chart_frame f;
    assert_int_equal(chart_layout(&c, CHART_WIDTH, CHART_HEIGHT, &f), 0);
    assert_true(f.date_x);
    assert_true(f.x.lo <= c.x[0] - 24 && f.x.hi >= c.x[24]);
    assert_true(f.y.lo <= 0 && f.y.hi >= 0.231);
    assert_true(f.left < f.right && f.top < f.bottom);
    chart_destroy(&c);
}

static void test_layout_refuses_a_chart_with_no_values(void **state)
{
    (void)state;
    struct chart c;
    assert_int_equal(chart_init(&c, CHART_FAN, 5), 0); /* all NaN */
    struct chart_frame f;
    assert_int_equal(chart_layout(&c, CHART_WIDTH, CHART_HEIGHT, &f), -1);
    chart_destroy(&c);
}

static void test_distribution_bins_count_every_value(void **state)
{
    (void)state;
    struct chart c;
    assert_int_equal(chart_init(&c, CHART_DISTRIBUTION, 0), 0);
    c.values = malloc(241 * sizeof *c.values);
    for (int i = 0; i < 241; i++)
        c.values[c.n_values++] = i == 7 ? NAN : -30000 + 237.0 * i;
    struct chart_frame f;
    assert_int_equal(chart_layout(&c, CHART_WIDTH, CHART_HEIGHT, &f), 0);
    int total = 0;
    for (int b = 0; b < f.n_bins; b++)
        total += f.count[b];
    assert_int_equal(total, 240);
    assert_true(f.x.lo <= -30000 && f.x.hi >= 0); /* zero is on the axis */
    chart_destroy(&c);
}

static void test_svg_has_the_chart_parts(void **state)
{
    (void)state;
    struct chart c = fan(13);
    size_t len = 0;
    char *svg = chart_svg(&c, &len);
    assert_non_null(svg);
    assert_true(len > 1000);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, "<path")); /* bands and lines */
    free(svg);
    chart_destroy(&c);
}

static void test_units_write_numbers_for_people(void **state)
{
    (void)state;
    char buf[32];
    units_format(UNIT_SHARE, 0.1123, buf, sizeof buf);
    assert_string_equal(buf, "11.2%");
    units_format(UNIT_GBP, 11704313, buf, sizeof buf);
    assert_string_equal(buf, "£11.7m");
    units_format(UNIT_GBP, -2400, buf, sizeof buf);
    assert_string_equal(buf, "-£2,400");
    units_format(UNIT_GBP, 154740, buf, sizeof buf);
    assert_string_equal(buf, "£155k");
    units_format(UNIT_FTE, NAN, buf, sizeof buf);
    assert_string_equal(buf, "NA");
    units_tick(UNIT_SHARE, 0.025, 0.025, buf, sizeof buf);
    assert_string_equal(buf, "2.5%");
    assert_int_equal(units_of("GBP/month"), UNIT_GBP);
    assert_int_equal(units_of("fraction"), UNIT_SHARE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_axis_nice_covers_the_data_with_round_steps),
        cmocka_unit_test(test_axis_nice_widens_a_flat_range),
        cmocka_unit_test(test_axis_months_ticks_on_month_boundaries),
        cmocka_unit_test(test_band_polygon_goes_up_the_top_and_back_along_the_bottom),
        cmocka_unit_test(test_band_runs_break_at_na),
        cmocka_unit_test(test_layout_includes_history_dots_and_zero),
        cmocka_unit_test(test_layout_refuses_a_chart_with_no_values),
        cmocka_unit_test(test_distribution_bins_count_every_value),
        cmocka_unit_test(test_svg_has_the_chart_parts),
        cmocka_unit_test(test_units_write_numbers_for_people),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_output: annual.csv's year mean and year maximum of a stock, against
 * the same figures computed by hand from the run store's month-end values;
 * flows (summed over the year) have no such rows. */
#include "support/testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "wfsim/output.h"

static char *annual_text(const struct scenario *sc, const struct run_store *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(output_write_annual(f, sc, st, 2), 0);
    fclose(f);
    return buf;
}

/* The mean over replicates of each replicate's mean (or max) of months
 * end-11..end of a series. */
static double by_hand(const struct run_store *st, int series, int end, int max)
{
    double total = 0;
    for (int k = 0; k < st->replicates; k++) {
        const float *v = engine_monthly(st, k, series);
        double sum = 0, top = -INFINITY;
        for (int m = end - 11; m <= end; m++) {
            sum += v[m];
            top = fmax(top, v[m]);
        }
        total += max ? top : sum / 12;
    }
    return total / st->replicates;
}

static double mean_of_row(const struct testutil_csv *t, const char *year, const char *metric)
{
    const struct testutil_csv_row *r = testutil_csv_find(t, 1, year, 2, metric);
    if (r == NULL)
        fail_msg("annual.csv has no row %s,%s", year, metric);
    return strtod(r->field[3], NULL);
}

static void test_output_year_mean_and_max_of_a_stock(void **state)
{
    (void)state;
    const char *sets[] = {"simulation.replicates=40"};
    struct scenario *sc = testutil_load_new(TESTUTIL_MINIMAL, NULL, 1, sets);
    struct run_store st;
    testutil_run(sc, 2, &st);
    char *text = annual_text(sc, &st);
    struct testutil_csv *t = testutil_csv_parse(text);
    assert_int_equal(st.n_years, 2);
    for (int y = 0; y < st.n_years; y++) {
        char year[8];
        snprintf(year, sizeof year, "%d", st.year[y]);
        static const char *const stocks[] = {"vacancy_rate", "in_post_fte"};
        static const int id[] = {M_VACANCY_RATE, M_IN_POST_FTE};
        for (int j = 0; j < 2; j++) {
            int s = metrics_series(id[j], 0, sc->n_grades);
            char name[64];
            snprintf(name, sizeof name, "%s.year_mean", stocks[j]);
            double mean = by_hand(&st, s, st.year_end[y], 0);
            assert_close(mean_of_row(t, year, name), mean, 1e-5 * fabs(mean));
            snprintf(name, sizeof name, "%s.year_max", stocks[j]);
            double max = by_hand(&st, s, st.year_end[y], 1);
            assert_close(mean_of_row(t, year, name), max, 1e-5 * fabs(max));
            /* the year's largest month-end is at least its mean and its 30 September */
            assert_true(max >= mean);
            assert_true(max >= mean_of_row(t, year, stocks[j]) - 1e-6);
        }
        /* a flow is summed over the year: no mean or max rows */
        assert_null(testutil_csv_find(t, 1, year, 2, "leavers_fte.year_mean"));
        assert_non_null(testutil_csv_find(t, 1, year, 2, "leavers_fte"));
        /* per grade too */
        assert_non_null(testutil_csv_find(t, 1, year, 2, "vacancy_rate.sw.year_max"));
    }
    testutil_csv_free(t);
    free(text);
    engine_store_destroy(&st);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_year_mean_and_max_of_a_stock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

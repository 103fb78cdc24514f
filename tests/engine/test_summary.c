/* test_summary: summaries of a run store's cells are those of stats.h for
 * each cell's values across replicates, in [time][series] order, and do not
 * depend on the thread count (a hand-filled store, so no model is run). */
#include "support/testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "base/rng.h"
#include "engine/summary.h"

enum { REPS = 37, SERIES = 11, MONTHS = 7, YEARS = 2 };

/* A store of lognormal-ish values with some NaN (undefined) and one series
 * undefined in every replicate. */
static void fill_store(struct run_store *st)
{
    memset(st, 0, sizeof *st);
    st->replicates = REPS;
    st->n_series = SERIES;
    st->months = MONTHS;
    st->n_years = YEARS;
    st->monthly = malloc(REPS * SERIES * MONTHS * sizeof(float));
    st->annual = malloc(REPS * SERIES * YEARS * sizeof(float));
    assert_non_null(st->monthly);
    assert_non_null(st->annual);
    gsl_rng *r = gsl_rng_alloc(rng_type());
    gsl_rng_set(r, 60917);
    for (size_t i = 0; i < REPS * SERIES * MONTHS; i++)
        st->monthly[i] = gsl_rng_uniform(r) < 0.0731 ? NAN : (float)exp(3 * gsl_rng_uniform(r));
    for (size_t i = 0; i < REPS * SERIES * YEARS; i++)
        st->annual[i] = (float)(gsl_rng_uniform(r) - 0.41);
    for (int k = 0; k < REPS; k++)
        for (int m = 0; m < MONTHS; m++)
            engine_monthly(st, k, 4)[m] = NAN;
    gsl_rng_free(r);
}

/* Cell (time t, series s) is stats_summarise of that cell in every replicate. */
static void expect_cells(const struct summary *sum, const float *base, int n_times)
{
    struct stats_workspace *w = stats_workspace_alloc(REPS);
    float v[REPS];
    for (int t = 0; t < n_times; t++)
        for (int s = 0; s < SERIES; s++) {
            for (int k = 0; k < REPS; k++)
                v[k] = base[((size_t)k * SERIES + (size_t)s) * (size_t)n_times + (size_t)t];
            struct summary want;
            memset(&want, 0, sizeof want);
            stats_summarise(v, 1, REPS, w, &want);
            const struct summary *got = &sum[t * SERIES + s];
            assert_int_equal(got->n, want.n);
            if (want.n > 0)
                assert_memory_equal(got, &want, sizeof want);
        }
    stats_workspace_free(w);
}

static void test_summary_cells_are_the_replicates_summaries(void **state)
{
    (void)state;
    struct run_store st;
    fill_store(&st);
    struct summary *monthly = summary_monthly(&st, 3), *annual = summary_annual(&st, 3);
    assert_non_null(monthly);
    assert_non_null(annual);
    expect_cells(monthly, st.monthly, MONTHS);
    expect_cells(annual, st.annual, YEARS);
    assert_int_equal(monthly[2 * SERIES + 4].n, 0); /* the undefined series */
    free(monthly);
    free(annual);
    engine_store_destroy(&st);
}

static void test_summary_does_not_depend_on_the_thread_count(void **state)
{
    (void)state;
    struct run_store st;
    fill_store(&st);
    struct summary *one = summary_monthly(&st, 1);
    assert_non_null(one);
    for (int threads = 2; threads <= SUMMARY_MAX_THREADS + 3; threads += 7) {
        struct summary *many = summary_monthly(&st, threads);
        assert_non_null(many);
        for (int c = 0; c < SERIES * MONTHS; c++) {
            assert_int_equal(many[c].n, one[c].n);
            if (one[c].n > 0)
                assert_memory_equal(&many[c], &one[c], sizeof one[c]);
        }
        free(many);
    }
    free(one);
    engine_store_destroy(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_cells_are_the_replicates_summaries),
        cmocka_unit_test(test_summary_does_not_depend_on_the_thread_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

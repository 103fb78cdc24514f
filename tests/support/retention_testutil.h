/* retention_testutil: set-up shared by the retention, finance and compare
 * suites (header only: the Makefile links each suite with testutil.o alone). */
#ifndef WFSIM_RETENTION_TESTUTIL_H
#define WFSIM_RETENTION_TESTUTIL_H

#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/engine.h"
#include "model/finance.h"
#include "wfsim/metrics.h"
#include "model/model.h"
#include "model/retention.h"

/* A one-grade block "sw = {...};" for rt_scenario. */
#define RT_GRADE(posts, in_post, annual, fill, salary)                                             \
    "sw = { posts_fte = " #posts "; initial_in_post_fte = " #in_post ";\n"                         \
    "  annual_leaving_rate = " #annual "; monthly_fill_probability = " #fill ";\n"                 \
    "  salary_gbp = " #salary "; };\n"

/* Scenario text starting 2024-09: `grades` inside grades = { }, notice 0, no
 * advert or start delay, no agency cover or conversion, then `tail` (schemes,
 * retention.*, overrides of the groups above go in an overlay instead). */
static inline const char *rt_scenario(char *buf, size_t size, int months, int reps,
                                      const char *grades, const char *tail)
{
    snprintf(buf, size,
             "name = \"ret\";\n"
             "simulation = { start = \"2024-09\"; months = %d; replicates = %d; seed = 52711L; };\n"
             "grades = { %s };\n"
             "leaving = { notice_months = 0; };\n"
             "recruitment = { advert_delay_months = 0; start_delay_months = 0; };\n"
             "agency = { cover_probability = 0.0; monthly_conversion_probability = 0.0; };\n%s",
             months, reps, grades, tail);
    return buf;
}

/* Load text (+ overlay, may be NULL) into a fresh scenario or fail the test. */
static inline struct scenario *rt_load(const char *text, const char *overlay)
{
    struct scenario *sc = testutil_load_new(text, overlay, 0, NULL);
    return sc;
}

/* Sum of a council metric of replicate k over months [from, to]. */
static inline double rt_sum(const struct run_store *st, const struct scenario *sc, int k,
                            int metric, int from, int to)
{
    double s = 0;
    for (int m = from; m <= to; m++)
        s += testutil_metric_at(st, sc, k, metric, 0, m);
    return s;
}

/* Float store against a double formula: a relative tolerance for floats. */
static inline void rt_assert_float(double stored, double expect)
{
    assert_close(stored, expect, 2e-6 * fabs(expect) + 1e-6);
}

#endif

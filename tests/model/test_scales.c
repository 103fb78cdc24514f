/* test_scales: scaling the behavioural parameters by hand (the bound on the
 * leaving rate, both cover modes); uncertainty_apply and calibrate_apply are
 * checked through it in their own suites. */
#include "support/testutil.h"

#include <math.h>
#include <stdlib.h>

#include "model/scales.h"

static void test_scales_bound_the_leaving_rate_and_set_or_shift_cover(void **state)
{
    (void)state;
    const char *sets[] = {"agency.cover_probability=0.2"};
    struct scenario *base = testutil_load_new(TESTUTIL_MINIMAL, NULL, 1, sets);
    struct scenario *out = malloc(sizeof *out);
    struct scales s = {.leave = 41.3,
                       .leave_max = 5,
                       .fill = 3.1,
                       .demand = 1,
                       .cover_mode = SCALES_COVER_SET,
                       .cover = 0.613};
    scales_apply(base, &s, out);
    assert_close(out->grade[0].annual_leaving_rate, 5.0, 0); /* 0.15 x 41.3, bounded */
    assert_close(out->grade[0].monthly_fill_probability, 0.0237 * 3.1, 1e-15);
    assert_close(out->agency_cover_probability, 0.613, 0);
    /* unbounded; logit 0.2 = log(1/4), plus log 2 -> odds 1/2 -> 1/3 */
    s.leave_max = HUGE_VAL;
    s.cover_mode = SCALES_COVER_SHIFT;
    s.cover = log(2.0);
    scales_apply(base, &s, out);
    assert_close(out->grade[0].annual_leaving_rate, 0.15 * 41.3, 1e-14);
    assert_close(out->agency_cover_probability, 1.0 / 3, 1e-15);
    assert_close(base->grade[0].annual_leaving_rate, 0.15, 0); /* the base is not touched */
    free(out);
    free(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scales_bound_the_leaving_rate_and_set_or_shift_cover),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

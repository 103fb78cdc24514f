/* test_model_errors: every limit sized at model_alloc, when reached, stops
 * the month with its status and message instead of dropping work. The limits
 * are sized so that no valid scenario reaches them, so each test changes the
 * scenario or the demand scale after allocation, as a sizing bug would. */
#include "support/caseload_testutil.h"

#include <string.h>

#include "model/establishment.h"
#include "model/model.h"

/* Step until the model reports something or the horizon ends; returns the
 * status and the month it came in (*month). */
static enum model_status step_until_stopped(struct model *m, int *month)
{
    for (*month = 1; *month <= m->sc->months; (*month)++) {
        enum model_status st = model_step(m);
        if (st != MODEL_OK)
            return st;
    }
    return MODEL_OK;
}

/* Run sc (which is freed) with its demand scaled by `scale` after
 * allocation until it stops; returns the status, the month and the cases
 * open then. */
static enum model_status run_scaled(struct scenario *sc, double scale, int *month, int *open)
{
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    caseload_set_demand_scale(m->cases, scale);
    enum model_status st = step_until_stopped(m, month);
    *open = m->cases->n_open;
    model_free(m);
    free(sc);
    return st;
}

/* One grade of 7.3 posts growing by 2.4 FTE (3 post slots) in 2024-11. */
static struct scenario *growing(void)
{
    return testutil_load_new(
        "name = \"grow\";\n"
        "simulation = { start = \"2024-09\"; months = 6; replicates = 1; seed = 6113L; };\n"
        "grades = { sw = { posts_fte = 7.3; initial_in_post_fte = 5.0;\n"
        "  annual_leaving_rate = 0.0; monthly_fill_probability = 0.0; }; };\n"
        "establishment_changes = { up = { month = \"2024-11\"; grade = \"sw\";\n"
        "  change_fte = 2.4; }; };\n",
        NULL, 0, NULL);
}

static void test_model_errors_growth_as_sized_is_fine(void **state)
{
    (void)state;
    struct scenario *sc = growing();
    struct model *m = model_alloc(sc);
    model_reset(m, 0);
    int month = 0;
    assert_int_equal(step_until_stopped(m, &month), MODEL_OK);
    assert_close(m->wf->stock[0].establishment_fte, 9.7, 1e-6);
    model_free(m);
    free(sc);
}

/* Growth of 3.4 FTE needs 4 slots where 3 were sized: the month stops with
 * MODEL_POSTS_FULL, and the workforce refuses the post (-1) rather than
 * writing past the grade's slots. */
static void test_model_errors_growth_beyond_the_post_slots(void **state)
{
    (void)state;
    struct scenario *sc = growing();
    struct model *m = model_alloc(sc);
    sc->change[0].change_fte = 3.4;
    model_reset(m, 0);
    int month = 0;
    assert_int_equal(step_until_stopped(m, &month), MODEL_POSTS_FULL);
    assert_int_equal(month, 2);
    assert_int_equal(workforce_add_post(m->wf, 0, 1.0), -1);
    assert_string_equal(model_status_text(MODEL_POSTS_FULL),
                        "establishment growth needs more posts than were sized for its grade");
    model_free(m);
    free(sc);
}

/* 29 holders with room for about 21 cases each. */
static const char *const HOLDERS =
    "sw = { posts_fte = 29.0; initial_in_post_fte = 29.0; annual_leaving_rate = 0.0;\n"
    "  monthly_fill_probability = 0.0; target_caseload = 21.0; };";

/* Demand 40 times what the case pool was sized for: an arrival finds no
 * slot, and the month stops with MODEL_CASES_FULL. */
static void test_model_errors_arrivals_beyond_the_case_pool(void **state)
{
    (void)state;
    struct scenario *sc =
        ct_load("2024-09", 24, 1, HOLDERS,
                "a = { arrivals_per_month = 13.7; mean_months = 9.1; initial_open = 113; };", "");
    int month = 0, open = 0;
    assert_int_equal(run_scaled(sc, 40.0, &month, &open), MODEL_CASES_FULL);
    assert_true(month < 24);
    assert_string_equal(model_status_text(MODEL_CASES_FULL),
                        "more cases arrived than the case pool holds (far beyond the expected "
                        "arrivals)");
}

/* 83 holders with room for about 31 cases each. */
static const char *const MANY_HOLDERS =
    "sw = { posts_fte = 83.0; initial_in_post_fte = 83.0; annual_leaving_rate = 0.0;\n"
    "  monthly_fill_probability = 0.0; target_caseload = 31.0; };";

/* Cases of about a month whose transfer is due 100 months after their first
 * allocation: closed cases free their slots but their transfers stay
 * pending, so at 10 times the sized demand the transfer events (as many as
 * case slots, about 9,200) run out in month 15 or so while under 1,300 cases
 * are open: MODEL_EVENTS_FULL. */
static void test_model_errors_transfers_beyond_the_events(void **state)
{
    (void)state;
    struct scenario *sc = ct_load("2024-09", 120, 1, MANY_HOLDERS,
                                  "a = { arrivals_per_month = 61.3; mean_months = 1.0;\n"
                                  "  initial_open = 0; transfer_after_months = 100; };",
                                  "");
    int month = 0, open = 0;
    assert_int_equal(run_scaled(sc, 10.0, &month, &open), MODEL_EVENTS_FULL);
    assert_true(month < 21 && open < 1300);
    assert_string_equal(model_status_text(MODEL_EVENTS_FULL),
                        "more case transfers are pending than the transfer events hold");
}

/* After replicate 0 the growth is raised beyond the slots the engine's
 * model was sized for (the progress call comes between replicates): the run
 * stops with a runtime error naming the replicate, the month and the limit,
 * and keeps no results. */
static void grow_after_first(void *ctx, long done, long total)
{
    (void)total;
    if (done == 1)
        ((struct scenario *)ctx)->change[0].change_fte = 3.4;
}

static void test_model_errors_engine_stops_the_run_with_a_message(void **state)
{
    (void)state;
    struct scenario *sc = growing();
    sc->replicates = 3;
    struct run_store st;
    struct error e = {ERROR_NONE, ""};
    assert_int_equal(engine_run(sc, 1, grow_after_first, sc, &st, &e), -1);
    assert_int_equal(e.kind, ERROR_RUNTIME);
    assert_string_equal(e.msg, "replicate 1 stopped in 2024-11 (month 2): establishment growth "
                               "needs more posts than were sized for its grade");
    assert_null(st.monthly);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_errors_growth_as_sized_is_fine),
        cmocka_unit_test(test_model_errors_growth_beyond_the_post_slots),
        cmocka_unit_test(test_model_errors_arrivals_beyond_the_case_pool),
        cmocka_unit_test(test_model_errors_transfers_beyond_the_events),
        cmocka_unit_test(test_model_errors_engine_stops_the_run_with_a_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

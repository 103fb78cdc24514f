/* test_finance: monthly costs against the stocks and flows they are made of,
 * a hand-built recruitment bill, and the net present value of a known cash
 * flow (see sim/model/finance.h). */
#include "support/retention_testutil.h"

/* Nothing moves: 37.5 FTE in post of 41 posts, no leaving, no fills, no
 * agency, so each month costs C = 37.5 x 38,417 x 1.28 / 12. */
static struct scenario *constant_cost(const char *finance)
{
    char text[4096];
    return rt_load(
        rt_scenario(text, sizeof text, 60, 2, RT_GRADE(41.0, 37.5, 0.0, 0.0, 38417.0), finance),
        NULL);
}

static void check_npv(double rate, const char *finance)
{
    struct scenario *sc = constant_cost(finance);
    struct run_store st;
    testutil_run(sc, 2, &st);
    const double C = 37.5 * 38417.0 * (1 + 0.28) / 12;
    double npv = 0;
    assert_close(testutil_metric_at(&st, sc, 0, M_COST_TOTAL_NPV_CUM, 0, 0), 0.0, 0);
    assert_close(testutil_metric_at(&st, sc, 0, M_COST_TOTAL, 0, 0), 0.0, 0);
    for (int m = 1; m <= 60; m++) {
        npv += C * pow(1 + rate, -m / 12.0);
        assert_close(finance_discount(sc, m), pow(1 + rate, -m / 12.0), 1e-15);
        for (int k = 0; k < 2; k++) {
            assert_close(testutil_metric_at(&st, sc, k, M_COST_TOTAL, 0, m), C, 1e-6 * C);
            assert_close(testutil_metric_at(&st, sc, k, M_COST_TOTAL_NPV_CUM, 0, m), npv,
                         1e-6 * npv);
            assert_close(testutil_metric_at(&st, sc, k, M_COST_TOTAL_NPV_CUM, 1, m), npv,
                         1e-6 * npv);
        }
    }
    /* the annual figure is the value at 30 September: month 12, 24, ... */
    double at_year_one = 0;
    for (int m = 1; m <= 12; m++)
        at_year_one += C * pow(1 + rate, -m / 12.0);
    int s = metrics_series(M_COST_TOTAL_NPV_CUM, 0, 1);
    assert_int_equal(st.year_end[0], 12);
    assert_close(engine_annual(&st, 0, s)[0], at_year_one, 1e-6 * at_year_one);
    engine_store_destroy(&st);
    free(sc);
}

static void test_finance_npv_of_a_constant_cost_at_the_green_book_rate(void **state)
{
    (void)state;
    check_npv(0.035, ""); /* the default */
}

static void test_finance_npv_of_a_constant_cost_at_another_rate(void **state)
{
    (void)state;
    check_npv(0.0713, "finance = { discount_rate = 0.0713; };\n");
}

/* Two grades with agency, notice, promotion and a scheme with clawback:
 * every month of every replicate, by grade,
 *   permanent = in-post FTE x salary x (1 + on-costs) / 12,
 *   agency = agency FTE x agency cost / 12 (the price cap where it is lower:
 *            sw's cap is above its market rate, tm's below),
 *   total = permanent + agency + recruitment + retention - clawback. */
static void test_finance_costs_follow_the_stocks(void **state)
{
    (void)state;
    char text[4096];
    snprintf(
        text, sizeof text,
        "name = \"costs\";\n"
        "simulation = { start = \"2024-09\"; months = 36; replicates = 30; seed = 61403L; };\n"
        "grades = {\n"
        "  sw = { posts_fte = 58.5; initial_in_post_fte = 44.5; initial_agency_fte = 9.0;\n"
        "    annual_leaving_rate = 0.2113; monthly_fill_probability = 0.0613;\n"
        "    salary_gbp = 39870.0; agency_cost_gbp = 76100.0; agency_price_cap_gbp = 80000.0; };\n"
        "  tm = { posts_fte = 13.0; initial_in_post_fte = 11.0; initial_agency_fte = 1.5;\n"
        "    annual_leaving_rate = 0.1317; monthly_fill_probability = 0.0971;\n"
        "    salary_gbp = 52310.0; agency_cost_gbp = 91700.0; agency_price_cap_gbp = 85300.0;\n"
        "    promotion_from = \"sw\";\n"
        "    internal_fill_share = 0.41; };\n"
        "};\n"
        "leaving = { notice_months = 1; };\n"
        "finance = { on_cost_share = 0.2731; advert_cost_gbp = 1130.0; hire_cost_gbp = 2170.0; };\n"
        "retention_schemes = { up = { kind = \"upfront\"; grades = \"sw\"; start = \"2024-12\";\n"
        "  salary_share = 0.15; tie_in_months = 18; clawback = \"pro_rata\";\n"
        "  clawback_recovered_share = 0.7; }; };\n");
    struct scenario *sc = rt_load(text, NULL);
    struct run_store st;
    testutil_run(sc, 2, &st);
    const double salary[] = {39870.0, 52310.0}, agency[] = {76100.0, 85300.0};
    double clawback = 0, agency_cost = 0;
    for (int k = 0; k < 30; k++)
        for (int m = 1; m <= 36; m++)
            for (int scope = 0; scope <= 2; scope++) {
                double total = testutil_metric_at(&st, sc, k, M_COST_PERMANENT, scope, m) +
                               testutil_metric_at(&st, sc, k, M_COST_AGENCY, scope, m) +
                               testutil_metric_at(&st, sc, k, M_COST_RECRUITMENT, scope, m) +
                               testutil_metric_at(&st, sc, k, M_COST_RETENTION, scope, m) -
                               testutil_metric_at(&st, sc, k, M_CLAWBACK_RECOVERED, scope, m);
                assert_close(testutil_metric_at(&st, sc, k, M_COST_TOTAL, scope, m), total,
                             1e-5 * total + 0.01);
                if (scope == 0)
                    continue;
                int g = scope - 1;
                rt_assert_float(testutil_metric_at(&st, sc, k, M_COST_PERMANENT, scope, m),
                                testutil_metric_at(&st, sc, k, M_IN_POST_FTE, scope, m) *
                                    salary[g] * 1.2731 / 12);
                rt_assert_float(testutil_metric_at(&st, sc, k, M_COST_AGENCY, scope, m),
                                testutil_metric_at(&st, sc, k, M_AGENCY_FTE, scope, m) * agency[g] /
                                    12);
                clawback += testutil_metric_at(&st, sc, k, M_CLAWBACK_RECOVERED, scope, m);
                agency_cost += testutil_metric_at(&st, sc, k, M_COST_AGENCY, scope, m);
            }
    assert_true(clawback > 0 && agency_cost > 0); /* every term was exercised */
    engine_store_destroy(&st);
    free(sc);
}

/* A hand-built recruitment bill, nobody leaving:
 *   2024-11 (month 2): the NQSW route starts 3 NQSWs: 3 hires + 3 route costs - 3 grants;
 *   2024-12 (month 3): 2.5 sw FTE added as 3 posts: 3 adverts;
 *   2025-01 (month 4): a campaign offers 2 sw posts, starting a month later:
 *   month 5: 2 hires + 2 campaign fees. */
static void test_finance_recruitment_cost_counts_adverts_hires_fees_and_grants(void **state)
{
    (void)state;
    char text[4096], tail[2048];
    snprintf(
        tail, sizeof tail,
        "entry_routes = { nqsw = { grade = \"nqsw\"; month = 11; hires = 3; pass_rate = 0.97;\n"
        "  cost_gbp = 1711.0; grant_gbp = 1999.0; }; };\n"
        "finance = { advert_cost_gbp = 1234.0; hire_cost_gbp = 2345.0;\n"
        "};\n"
        "establishment_changes = { more = { month = \"2024-12\"; grade = \"sw\";\n"
        "  change_fte = 2.5; }; };\n"
        "campaigns = { abroad = { month = \"2025-01\"; grade = \"sw\"; hires = 2;\n"
        "  lead_months = 1; cost_per_hire_gbp = 8123.0; }; };\n");
    struct scenario *sc = rt_load(
        rt_scenario(text, sizeof text, 12, 3,
                    RT_GRADE(5.0, 3.0, 0.0, 0.0,
                             39000.0) "nqsw = { posts_fte = 10.0; initial_in_post_fte = 4.0; "
                                      "annual_leaving_rate = 0.0;\n"
                                      "  monthly_fill_probability = 0.0; salary_gbp = 33000.0;\n"
                                      "  tenure_mix = [0.0, 0.0, 0.0, 1.0]; };\n",
                    ""),
        tail);
    struct run_store st;
    testutil_run(sc, 2, &st);
    double sw[13] = {0}, nqsw[13] = {0};
    nqsw[2] = 3 * 2345.0 + 3 * (1711.0 - 1999.0);
    sw[3] = 3 * 1234.0;
    sw[5] = 2 * 2345.0 + 2 * 8123.0;
    for (int k = 0; k < 3; k++)
        for (int m = 0; m <= 12; m++) {
            assert_close(testutil_metric_at(&st, sc, k, M_COST_RECRUITMENT, 1, m), sw[m], 1e-9);
            assert_close(testutil_metric_at(&st, sc, k, M_COST_RECRUITMENT, 2, m), nqsw[m], 1e-9);
            assert_close(testutil_metric_at(&st, sc, k, M_COST_RECRUITMENT, 0, m), sw[m] + nqsw[m],
                         1e-9);
        }
    engine_store_destroy(&st);
    free(sc);
}

/* Every part of replicate k's money (engine_money), with its sign, adds up to
 * the net to the penny, undiscounted and discounted; the net matches the
 * float store's cost_total summed and cost_total_npv_cum at the end. */
static void check_money_reconciles(const struct run_store *st, const struct scenario *sc)
{
    for (int k = 0; k < st->replicates; k++) {
        const double(*money)[N_MONEY_BASES] = engine_money(st, k);
        for (int b = 0; b < N_MONEY_BASES; b++) {
            double sum = 0;
            for (int p = 0; p < MONEY_NET; p++)
                sum += metrics_money_sign(p) * money[p][b];
            assert_close(sum, money[MONEY_NET][b], 0.005);
        }
        double npv = testutil_metric_at(st, sc, k, M_COST_TOTAL_NPV_CUM, 0, sc->months);
        rt_assert_float(money[MONEY_NET][MONEY_DISCOUNTED], npv);
        double total = rt_sum(st, sc, k, M_COST_TOTAL, 1, sc->months);
        assert_close(money[MONEY_NET][MONEY_UNDISCOUNTED], total, 1e-6 * total);
        double agency = rt_sum(st, sc, k, M_COST_AGENCY, 1, sc->months);
        assert_close(money[MONEY_AGENCY][MONEY_UNDISCOUNTED], agency, 1e-6 * agency + 0.01);
    }
}

/* The two-grade scenario above with an uncovered vacancy cost: every part
 * is non-zero and they reconcile, replicate by replicate. */
static void test_finance_money_parts_add_up_to_the_net_per_replicate(void **state)
{
    (void)state;
    struct scenario *sc = rt_load(
        "name = \"money\";\n"
        "simulation = { start = \"2024-09\"; months = 36; replicates = 20; seed = 61403L; };\n"
        "grades = {\n"
        "  sw = { posts_fte = 58.5; initial_in_post_fte = 44.5; initial_agency_fte = 9.0;\n"
        "    annual_leaving_rate = 0.2113; monthly_fill_probability = 0.0613;\n"
        "    salary_gbp = 39870.0; agency_cost_gbp = 76100.0; };\n"
        "};\n"
        "finance = { advert_cost_gbp = 1130.0; hire_cost_gbp = 2170.0;\n"
        "  uncovered_vacancy_cost_gbp = 9250.0; };\n"
        "retention_schemes = { up = { kind = \"upfront\"; grades = \"sw\"; start = \"2024-12\";\n"
        "  salary_share = 0.15; tie_in_months = 18; clawback = \"pro_rata\";\n"
        "  clawback_recovered_share = 0.7; }; };\n",
        NULL);
    struct run_store st;
    testutil_run(sc, 2, &st);
    check_money_reconciles(&st, sc);
    for (int p = 0; p < N_MONEY_PARTS; p++) /* every part was exercised */
        assert_true(engine_money(&st, 0)[p][MONEY_DISCOUNTED] > 0);
    engine_store_destroy(&st);
    free(sc);
}

/* Nobody leaves or is hired and nothing covers: 41 - 37.5 = 3.5 FTE sit
 * vacant and uncovered, costing 3.5 x 9,250 / 12 a month on top of pay. */
static void test_finance_an_uncovered_vacancy_costs_its_yearly_cost_over_12(void **state)
{
    (void)state;
    struct scenario *sc = constant_cost("finance = { uncovered_vacancy_cost_gbp = 9250.0; };\n");
    struct run_store st;
    testutil_run(sc, 2, &st);
    const double C = 37.5 * 38417.0 * 1.28 / 12, V = 3.5 * 9250.0 / 12;
    for (int k = 0; k < 2; k++) {
        for (int m = 1; m <= 60; m++)
            rt_assert_float(testutil_metric_at(&st, sc, k, M_COST_TOTAL, 0, m), C + V);
        const double(*money)[N_MONEY_BASES] = engine_money(&st, k);
        assert_close(money[MONEY_VACANCY][MONEY_UNDISCOUNTED], 60 * V, 1e-6);
        assert_close(money[MONEY_PERMANENT][MONEY_UNDISCOUNTED], 60 * C, 1e-4);
    }
    check_money_reconciles(&st, sc);
    engine_store_destroy(&st);
    free(sc);
}

/* A 3.1% pay award from a September start: pay is the start year's until
 * April 2025 (month 7), then x 1.031 to April 2026 (month 19), x 1.031^2 ... */
static void test_finance_a_pay_award_grows_pay_each_april(void **state)
{
    (void)state;
    struct scenario *sc = constant_cost("finance = { pay_award = 0.031; };\n");
    struct run_store st;
    testutil_run(sc, 2, &st);
    const double C = 37.5 * 38417.0 * 1.28 / 12;
    for (int m = 1; m <= 60; m++) {
        int aprils = m < 7 ? 0 : 1 + (m - 7) / 12;
        assert_close(finance_pay_factor(sc, m), pow(1.031, aprils), 1e-15);
        for (int k = 0; k < 2; k++)
            rt_assert_float(testutil_metric_at(&st, sc, k, M_COST_PERMANENT, 0, m),
                            C * pow(1.031, aprils));
    }
    assert_close(finance_pay_factor(sc, 0), 1, 0);
    sc->start_month += 7; /* an April start: month 0 is April, the next April month 12 */
    assert_close(finance_pay_factor(sc, 11), 1, 0);
    assert_close(finance_pay_factor(sc, 12), 1.031, 1e-15);
    assert_close(finance_pay_factor(sc, 23), 1.031, 1e-15);
    assert_close(finance_pay_factor(sc, 24), 1.031 * 1.031, 1e-15);
    check_money_reconciles(&st, sc);
    engine_store_destroy(&st);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finance_npv_of_a_constant_cost_at_the_green_book_rate),
        cmocka_unit_test(test_finance_npv_of_a_constant_cost_at_another_rate),
        cmocka_unit_test(test_finance_costs_follow_the_stocks),
        cmocka_unit_test(test_finance_recruitment_cost_counts_adverts_hires_fees_and_grants),
        cmocka_unit_test(test_finance_money_parts_add_up_to_the_net_per_replicate),
        cmocka_unit_test(test_finance_an_uncovered_vacancy_costs_its_yearly_cost_over_12),
        cmocka_unit_test(test_finance_a_pay_award_grows_pay_each_april),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

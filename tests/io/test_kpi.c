/* test_kpi: each KPI's metric, DfE column, units and scale, by hand. */
#include "support/testutil.h"

#include <math.h>
#include <string.h>

#include "wfsim/kpi.h"
#include "wfsim/metrics.h"

static void test_kpi_names_metrics_and_columns(void **state)
{
    (void)state;
    static const struct {
        const char *name, *column;
        int metric;
    } want[N_KPIS] = {
        [KPI_TURNOVER] = {"turnover_rate", "turnover_rate_fte", M_TURNOVER_RATE},
        [KPI_VACANCY_RATE] = {"vacancy_rate", "vacancy_rate_fte", M_VACANCY_RATE},
        [KPI_AGENCY_RATE] = {"agency_rate", "agency_rate_fte", M_AGENCY_RATE},
        [KPI_IN_POST] = {"in_post_fte", "inpost_fte", M_IN_POST_FTE},
        [KPI_CASELOAD] = {"caseload", "caseload_fte", M_CASELOAD},
    };
    for (int k = 0; k < N_KPIS; k++) {
        assert_string_equal(kpi_name(k), want[k].name);
        assert_int_equal(kpi_metric(k), want[k].metric);
        assert_string_equal(dfe_field_name(kpi_column(k)), want[k].column);
    }
}

/* Rates are percentages in the DfE data and fractions in the metrics. */
static void test_kpi_observations_in_the_metrics_units(void **state)
{
    (void)state;
    struct dfe_row r;
    memset(&r, 0, sizeof r);
    for (int f = 0; f < N_DFE_FIELDS; f++)
        r.f[f].status = DFE_X;
    const double v[N_KPIS] = {0.1937, 0.0811, 0.2413, 241.6, 17.3};
    for (int k = 0; k < N_KPIS; k++)
        assert_true(isnan(kpi_observed(&r, k))); /* suppressed */
    for (int k = 0; k < N_KPIS; k++)
        kpi_set_observed(&r, k, v[k]);
    assert_close(dfe_get(&r, DFE_TURNOVER_RATE), 19.37, 1e-12);
    assert_close(dfe_get(&r, DFE_AGENCY_RATE), 24.13, 1e-12);
    assert_close(dfe_get(&r, DFE_INPOST), 241.6, 0);
    for (int k = 0; k < N_KPIS; k++)
        assert_close(kpi_observed(&r, k), v[k], 1e-15);
    kpi_set_observed(&r, KPI_CASELOAD, NAN);
    assert_int_equal(r.f[DFE_CASELOAD].status, DFE_EMPTY);
}

/* logit of rates (clamped to [0.005, 0.995]), log of caseload (at least
 * 0.1), in-post FTE as it is; inverse undoes them inside the clamps. */
static void test_kpi_scales(void **state)
{
    (void)state;
    assert_close(kpi_transform(KPI_VACANCY_RATE, 0.2), log(0.25), 1e-15);
    assert_close(kpi_transform(KPI_AGENCY_RATE, 0.0), log(0.005 / 0.995), 1e-15);
    assert_close(kpi_transform(KPI_CASELOAD, 17.3), log(17.3), 1e-15);
    assert_close(kpi_transform(KPI_CASELOAD, 0.0), log(0.1), 1e-15);
    assert_close(kpi_transform(KPI_IN_POST, 241.6), 241.6, 0);
    assert_true(isnan(kpi_transform(KPI_TURNOVER, NAN)));
    const double x[N_KPIS] = {0.1937, 0.0811, 0.2413, 241.6, 17.3};
    for (int k = 0; k < N_KPIS; k++)
        assert_close(kpi_inverse(k, kpi_transform(k, x[k])), x[k], 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kpi_names_metrics_and_columns),
        cmocka_unit_test(test_kpi_observations_in_the_metrics_units),
        cmocka_unit_test(test_kpi_scales),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

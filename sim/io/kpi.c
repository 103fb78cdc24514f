/* kpi: KPI <-> metric <-> DfE column (see include/wfsim/kpi.h). */
#include "wfsim/kpi.h"

#include <math.h>

#include "wfsim/metrics.h"

enum kpi_scale { SCALE_LOGIT, SCALE_LOG, SCALE_LINEAR };

static const struct {
    int metric;
    enum dfe_field column;
    double dfe_per_unit; /* the DfE value of one unit of the metric: 100 for a rate */
    enum kpi_scale scale;
} table[N_KPIS] = {
    [KPI_TURNOVER] = {M_TURNOVER_RATE, DFE_TURNOVER_RATE, 100, SCALE_LOGIT},
    [KPI_VACANCY_RATE] = {M_VACANCY_RATE, DFE_VACANCY_RATE, 100, SCALE_LOGIT},
    [KPI_AGENCY_RATE] = {M_AGENCY_RATE, DFE_AGENCY_RATE, 100, SCALE_LOGIT},
    [KPI_IN_POST] = {M_IN_POST_FTE, DFE_INPOST, 1, SCALE_LINEAR},
    [KPI_CASELOAD] = {M_CASELOAD, DFE_CASELOAD, 1, SCALE_LOG},
};

const char *kpi_name(int k)
{
    return metrics_table()[table[k].metric].name;
}

int kpi_metric(int k)
{
    return table[k].metric;
}

enum dfe_field kpi_column(int k)
{
    return table[k].column;
}

double kpi_observed(const struct dfe_row *r, int k)
{
    return dfe_get(r, table[k].column) / table[k].dfe_per_unit;
}

void kpi_set_observed(struct dfe_row *r, int k, double v)
{
    struct dfe_value *f = &r->f[table[k].column];
    f->status = isnan(v) ? DFE_EMPTY : DFE_OK;
    f->v = table[k].dfe_per_unit * v;
}

double kpi_transform(int k, double x)
{
    if (isnan(x) || table[k].scale == SCALE_LINEAR)
        return x;
    if (table[k].scale == SCALE_LOG)
        return log(fmax(x, 0.1));
    double p = fmin(fmax(x, 0.005), 0.995);
    return log(p / (1 - p));
}

double kpi_inverse(int k, double y)
{
    return table[k].scale == SCALE_LINEAR ? y
           : table[k].scale == SCALE_LOG  ? exp(y)
                                          : 1 / (1 + exp(-y));
}

/* kpi: the five key performance indicators the studies fit and forecast
 * (calibrate, panel, backcast), each tied to the output metric that
 * simulates it (metrics.h) and the DfE column that observes it (dfe.h):
 *   KPI            metric          DfE column
 *   turnover_rate  turnover_rate   turnover_rate_fte (%)
 *   vacancy_rate   vacancy_rate    vacancy_rate_fte (%)
 *   agency_rate    agency_rate     agency_rate_fte (%)
 *   in_post_fte    in_post_fte     inpost_fte
 *   caseload       caseload        caseload_fte
 * Observations are in the metric's units (the percentages / 100). A KPI's
 * centre and spread are measured on its own scale: logit of the rates
 * (clamped to [0.005, 0.995]), log of the caseload (at least 0.1), in-post
 * FTE as it is. In sim/io because the DfE columns are the reader's. */
#ifndef WFSIM_KPI_H
#define WFSIM_KPI_H

#include "wfsim/dfe.h"

enum kpi { KPI_TURNOVER, KPI_VACANCY_RATE, KPI_AGENCY_RATE, KPI_IN_POST, KPI_CASELOAD, N_KPIS };

/* "turnover_rate" ...: the name in the studies' tables (the metric's name). */
const char *kpi_name(int kpi);
/* The output metric that simulates it (enum metric_id). */
int kpi_metric(int kpi);
/* The DfE column that observes it. */
enum dfe_field kpi_column(int kpi);
/* The DfE observation of a KPI for a row, in the metric's units (NaN when
 * suppressed or missing). */
double kpi_observed(const struct dfe_row *r, int kpi);
/* Store v (the metric's units; NaN: missing) as the row's observation. */
void kpi_set_observed(struct dfe_row *r, int kpi, double v);
/* A value on the KPI's scale (NaN stays NaN), and back. */
double kpi_transform(int kpi, double x);
double kpi_inverse(int kpi, double y);

#endif

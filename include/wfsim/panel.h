/* panel: year-ahead forecasts of a council's KPIs from the history of all
 * councils (the DfE panel), used by the back-cast to set what the model is
 * calibrated to. For a KPI x (turnover, vacancy rate, agency rate: logit of
 * the rate, clamped to [0.005, 0.995]; caseload: log, at least 0.1) and
 * each pair of consecutive years (y - 1, y) up to the last year, take the
 * councils with both values (f: kpi_transform) and their deviations from that pair's means:
 *   a = f(x_y) - mean_y,   b = f(x_{y-1}) - mean_{y-1}.
 * The persistence rho minimises sum |a - rho b| over all pairs (least
 * absolute deviations, the criterion the back-cast is scored on; its exact
 * solution is the median of a / b weighted by |b|). The forecast of a council
 * whose last value is x is
 *   f^-1(m + rho (f(x) - m)),   m the mean of f over councils in the last year,
 * and its spread in f's units is sqrt(s_e^2 + s_n^2): s_e the spread of the
 * residuals a - rho b, (q95 - q05) / (2 x 1.645), the sd of a normal with the
 * same central 90% (robust to councils near a rate of 0, where the logit
 * stretches), s_n the root mean square of the change in the
 * all-council mean between consecutive years (a shock common to every council
 * that no council's history predicts). Councils missing either value of a
 * pair are left out of it. */
#ifndef WFSIM_PANEL_H
#define WFSIM_PANEL_H

#include "wfsim/dfe.h"
#include "wfsim/error.h"

struct panel_kpi {
    int kpi; /* enum kpi: turnover, vacancy rate, agency rate or caseload */
    int last_year;
    double rho;       /* persistence of a council's deviation from the mean */
    double mean_last; /* m: mean of f over councils in the last year */
    double resid_sd, shift_sd, sd;
    int pairs, years; /* council pairs and year pairs used */
};

/* Estimate from the local-authority rows of d up to last_year; -1 with a
 * message when fewer than 10 council pairs exist. */
int panel_estimate(const struct dfe_data *d, int kpi, int last_year, struct panel_kpi *p,
                   struct error *e);
/* The forecast for a council whose last value is x (NaN when x is NaN). */
double panel_forecast(const struct panel_kpi *p, double x);

#endif

/* workbook: report.xlsx for finance teams, written with libxlsxwriter. One
 * sheet per CSV table of the results directory (timeseries, annual,
 * financial_years; or comparison, comparison_timeseries,
 * comparison_replicates) with numbers as numbers (NA left blank), months
 * as Excel dates and money formatted in pounds; a chart_data sheet with the
 * report's charts laid out wide, and a charts sheet of native Excel line
 * charts drawn from it. */
#ifndef WFSIM_WORKBOOK_H
#define WFSIM_WORKBOOK_H

#include "wfsim/error.h"
#include "report/chart.h"
#include "report/results.h"

/* Write the workbook to path. Returns 0, or -1 with the path named. */
int workbook_write(const char *path, const struct results *r, const struct chart *charts,
                   int n_charts, struct error *e);

#endif

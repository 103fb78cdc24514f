/* units: how the report writes a number of each unit for people: shares as
 * percentages, money in pounds (£11.7m, £350k, £2,400), FTE and cases with
 * one decimal. The unit of a metric is its `unit` in the metric table. */
#ifndef WFSIM_UNITS_H
#define WFSIM_UNITS_H

#include <stddef.h>

enum unit_kind {
    UNIT_SHARE, /* a fraction shown as a percentage */
    UNIT_FTE,
    UNIT_CASES,
    UNIT_RATIO,
    UNIT_MONTHS,
    UNIT_GBP,
    UNIT_COUNT,
    N_UNIT_KINDS
};

/* The kind of a metric-table unit ("fraction", "FTE", "GBP/month", ...). */
enum unit_kind units_of(const char *metric_unit);
/* A value for a table or sentence ("11.2%", "£11.7m", "187.3"); "NA" for
 * NaN. */
void units_format(enum unit_kind u, double v, char *buf, size_t size);
/* An axis tick label, with as many decimals as the tick step needs. */
void units_tick(enum unit_kind u, double v, double step, char *buf, size_t size);
/* The y-axis title's unit ("%", "FTE", "£", ...). */
const char *units_name(enum unit_kind u);

#endif

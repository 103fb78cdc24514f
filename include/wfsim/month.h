/* month: calendar months as integers (year * 12 + month - 1), the DfE
 * reporting year (1 October to 30 September, named by the year it ends). */
#ifndef WFSIM_MONTH_H
#define WFSIM_MONTH_H

/* Parse "YYYY-MM" (year 1900..2999). Returns 0 and sets *out, or -1. */
int month_parse(const char *text, int *out);
/* Parse a date that is a month "YYYY-MM" (*month set, *year 0) or a DfE
 * reporting year "YYYY" (*year set, *month -1), years 1900..2999. Returns 0,
 * or -1 (nothing set). */
int month_parse_date(const char *text, int *month, int *year);
/* Format as "YYYY-MM" into buf (at least 8 bytes). */
void month_format(int month, char *buf, unsigned long size);
int month_year(int month);
int month_of_year(int month); /* 1..12 */
/* The DfE reporting year a calendar month falls in (Oct 2024 -> 2025). */
int month_reporting_year(int month);

#endif

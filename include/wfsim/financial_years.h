/* financial_years: costs by council financial year (1 April - 31 March, as
 * councils budget), summed per replicate from the run store and then
 * summarised over replicates, like annual.csv for DfE years. Only complete
 * financial years inside months 1..H are written (month 0 is the starting
 * state and has no cost). */
#ifndef WFSIM_FINANCIAL_YEARS_H
#define WFSIM_FINANCIAL_YEARS_H

#include <stddef.h>
#include <stdio.h>

#include "wfsim/engine.h"
#include "wfsim/scenario.h"

#define FINANCIAL_YEARS_HEADER                                                                     \
    "scenario,financial_year,first_month,last_month,metric,mean,sd,p05,p25,p50,p75,p95"

/* The simulation month of April of each complete financial year, in order;
 * returns how many (at most `max`). */
int financial_years_find(const struct scenario *sc, int *first_month, int max);
/* Write financial_years.csv (whole-council costs, and the year's cost
 * discounted to month 0 as cost_total_discounted). Returns 0, or -1 on a
 * write error or out of memory. */
int financial_years_write(FILE *f, const struct scenario *sc, const struct run_store *st);
/* The money basis of every figure in pounds, for a manifest note: "money:
 * constant prices of 2024-09 (real) ..." or cash with finance.pay_award,
 * the base date of discounting, the discount rate and what carries
 * on-costs. */
void financial_years_basis(const struct scenario *sc, char *buf, size_t size);
/* Print the table's rows as Markdown for docs/metrics.md. */
int financial_years_document(FILE *f);

#endif

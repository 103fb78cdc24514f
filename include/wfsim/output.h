/* output: a run's results — timeseries.csv, annual.csv, financial_years.csv
 * (financial_years.h), the resolved scenario.cfg and manifest.txt — written
 * as one bundle (bundle.h). */
#ifndef WFSIM_OUTPUT_H
#define WFSIM_OUTPUT_H

#include <stdio.h>

#include "wfsim/bundle.h"
#include "wfsim/engine.h"
#include "wfsim/error.h"
#include "wfsim/scenario.h"
#include "wfsim/scenario_warn.h"

#define OUTPUT_TIMESERIES_HEADER "scenario,month,date,metric,mean,sd,p05,p25,p50,p75,p95"
#define OUTPUT_ANNUAL_HEADER "scenario,year,metric,mean,sd,p05,p25,p50,p75,p95"
/* annual.csv's rows after a stock's (a metric valued at 30 September): the
 * year's mean and largest month-end value, NAME.year_mean and NAME.year_max */
#define OUTPUT_YEAR_MEAN ".year_mean"
#define OUTPUT_YEAR_MAX ".year_max"

/* The resolved scenario as text (malloc'd, caller frees); NULL on failure. */
char *output_scenario_text(const struct scenario *sc, size_t *len);

/* The CSV tables; summaries are computed by `threads` threads (summary.h;
 * the bytes do not depend on it). */
int output_write_timeseries(FILE *f, const struct scenario *sc, const struct run_store *st,
                            int threads);
int output_write_annual(FILE *f, const struct scenario *sc, const struct run_store *st,
                        int threads);
/* What the levers did that the scenario did not ask for, from a run: a
 * campaign that made fewer offers than its hires in at least
 * OUTPUT_CAPPED_SHARE of the replicates (its grade had fewer open
 * vacancies; campaign_hires.<name> has what it made in every run). One
 * sentence each, as scenario_warn.h's; returns how many. */
#define OUTPUT_CAPPED_SHARE 0.05
int output_lever_warnings(const struct scenario *sc, const struct run_store *st,
                          char out[][SCENARIO_WARNING_LEN], int max);
/* Write the whole results directory atomically (bundle_commit), with the
 * files `more` adds after the tables (NULL: none; targets.csv, from the
 * studies) and those `extra` adds at the commit (NULL: none; the report,
 * which may read them); 0, or -1 with e. */
int output_write_run(const char *dir, const struct scenario *sc, const struct run_store *st,
                     const char *command_line, int threads, const struct bundle_extra *more,
                     const struct bundle_extra *extra, struct error *e);

#endif

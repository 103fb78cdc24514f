/* sweep_figures: the charts of a sweep's report, from its sweep.csv,
 * points.csv and tornado.csv: for each varied key a response curve of
 * each tornado outcome (its mean and 90% band against the key's value, at
 * the year sweep_outcome_year names, over the points where every other key
 * has point 0's value), and, for one key at a time with two keys or more,
 * a tornado of each outcome. */
#ifndef WFSIM_SWEEP_FIGURES_H
#define WFSIM_SWEEP_FIGURES_H

#include "report/chart.h"
#include "report/results.h"

/* Fill charts[] (chart_destroy each); returns how many, or -1 out of
 * memory. */
int sweep_figures(const struct results *r, struct chart *charts, int max);
/* The plain-words title of a tornado outcome's metric ("vacancy rate"). */
const char *sweep_figures_outcome_name(const char *metric);

#endif

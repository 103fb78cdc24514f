/* summary: the mean, sd and exact quantiles over replicates of every cell
 * (series x month, or series x year) of a run store (stats.h gives the
 * definitions). Cells are summarised by up to SUMMARY_MAX_THREADS threads
 * over disjoint series; the summaries do not depend on the thread count. */
#ifndef WFSIM_SUMMARY_H
#define WFSIM_SUMMARY_H

#include <stdio.h>

#include "base/stats.h"
#include "wfsim/engine.h"

#define SUMMARY_MAX_THREADS 64

/* The summaries of the store's monthly values, [month][series]:
 * out[month * st->n_series + series]; malloc'd, the caller frees. NULL when
 * out of memory (nothing left allocated). */
struct summary *summary_monthly(const struct run_store *st, int threads);
/* The same for the annual values, [year][series]. */
struct summary *summary_annual(const struct run_store *st, int threads);
/* A summary's CSV columns ",mean,sd,p05,p25,p50,p75,p95" and the newline;
 * all NA when no replicate had a value. */
void summary_write_csv(FILE *f, const struct summary *s);

#endif

/* backcast: does the model forecast better than "next year will be like this
 * year"? From all councils' years before Y, estimate how each KPI persists
 * from one year to the next (panel.h). Then for each council with data at
 * 30 September Y-1: build its scenario at that census, calibrate its four
 * scales so the model's one-year centres hit the panel's forecasts of its
 * KPIs, give each parameter a per-replicate sd so its KPI has the panel's
 * spread (the panel sd over the KPI's response to the parameter), correct the
 * medians with one Newton step, and compare the median and 90% band at
 * 30 September Y with what happened and with persistence (the Y-1 value).
 * Everything before the comparison uses a copy of the data with the rows of
 * year Y and later removed, so the forecasts cannot read the test year.
 * Councils that cannot be back-cast (no row at Y-1 or Y, no in-post FTE) are
 * listed with the reason in skipped.csv. */
#ifndef WFSIM_BACKCAST_H
#define WFSIM_BACKCAST_H

#include "wfsim/calibrate.h"
#include "wfsim/dfe.h"
#include "wfsim/engine.h"
#include "wfsim/error.h"

struct backcast_request {
    const struct dfe_data *data;
    const char *data_path;
    int year;
    const char *areas; /* NULL or "all": every council; else names or codes separated by ';' */
    int replicates;    /* projection replicates */
    int calibration_replicates;
    int threads;
    const char *out_dir;
    const char *command_line;
    /* called with the councils done (back-cast or skipped) of those asked
     * for; NULL: none */
    engine_progress_fn progress;
    void *progress_ctx;
};

/* The rows of d before `year` (the caller frees with dfe_free). */
int backcast_history(const struct dfe_data *d, int year, struct dfe_data *out, struct error *e);
int backcast_run(const struct backcast_request *rq, struct error *e);

#endif

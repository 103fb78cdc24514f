/* scales: the one place that scales a scenario's behavioural parameters,
 * the four a council's history is least sure of:
 *   every grade's annual leaving rate      x leave (at most leave_max),
 *   every grade's monthly fill probability x fill (at most 1),
 *   the agency cover probability c         set to `cover`, or moved on the
 *     logit scale to logit c + cover (0 and 1 stay as they are),
 *   every case type's arrivals             x demand.
 * Parameter uncertainty draws a replicate's scales (uncertainty.h, applied
 * by model_reset) and calibration searches them (calibrate.h), so the two
 * cannot disagree on what "scaling the leaving rate" means. */
#ifndef WFSIM_SCALES_H
#define WFSIM_SCALES_H

#include "wfsim/scenario.h"

enum scales_cover {
    SCALES_COVER_SHIFT, /* cover is added to logit c */
    SCALES_COVER_SET    /* cover is the probability itself */
};

struct scales {
    double leave, leave_max; /* leave_max: HUGE_VAL for no bound */
    double fill, demand;
    enum scales_cover cover_mode;
    double cover;
};

/* out = base with the scales applied (out may not alias base). */
void scales_apply(const struct scenario *base, const struct scales *s, struct scenario *out);

#endif

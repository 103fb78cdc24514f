/* feedback: the caseload-turnover loop. When caseload.feedback.enabled, the
 * leaving probability of every case-holding grade is multiplied by
 *   M = min(max_multiplier, 1 + slope x max(0, P - threshold)),
 * where P is the pressure (open case weight, allocated or waiting, over the
 * case holders' capacity) averaged over the last window_months months. Under-
 * staffing raises P, which raises leaving, which raises vacancies and P.
 *
 * The loop gain says whether that circle is vicious. Losing one of H case
 * holders raises P by P/H, so leaving rises by slope x P/H per holder and
 * extra leavers are w x slope x P a month (w: the monthly leaving
 * probability); each leaves an uncovered vacancy for D x (1 - c) months (D:
 * mean vacancy duration, c: share of vacancies covered by agency, whose
 * workers hold cases). So one lost holder brings
 *   g = slope x P x w x D x (1 - c)
 * more lost holders: g < 1 damps a shock, g >= 1 amplifies it until the
 * multiplier cap binds (a vicious circle). g is 0 below the threshold. */
#ifndef WFSIM_FEEDBACK_H
#define WFSIM_FEEDBACK_H

#include <stdint.h>

#include "model/rates.h"
#include "wfsim/scenario.h"

double feedback_multiplier(const struct scenario *sc, double pressure);
/* Leaving thresholds with the multiplier applied to case-holding grades. */
void feedback_thresholds(const struct scenario *sc, const struct rates *rt, double multiplier,
                         uint64_t *threshold);
/* Posts-weighted monthly leaving probability and mean vacancy duration
 * (months) of the case-holding grades. */
void feedback_loop_terms(const struct scenario *sc, double *w, double *d);
double feedback_loop_gain(const struct scenario *sc, double pressure, double cover_rate);

#endif

/* leaving: resignations and notice. A worker not on notice resigns with the
 * monthly probability of their grade, service band (service at the end of
 * last month) and campaign, drawn from the post's RNG_POSTS uniform of the
 * month; the same uniform, rescaled, picks the destination. A resignation
 * leaves after notice_months (at once when 0); the post stays filled during
 * notice. */
#ifndef WFSIM_LEAVING_H
#define WFSIM_LEAVING_H

#include "model/retention.h"
#include "model/workforce.h"

/* threshold: the rng_threshold of each leaving probability (rt->leave,
 * possibly raised by caseload feedback), indexed as rt->leave; rs: each
 * worker's retention multiplier and tie-in, and the clawback on leaving. */
void leaving_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                  const struct rates *rt, const uint64_t *threshold);

#endif

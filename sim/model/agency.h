/* agency: locum cover of vacancies. Each month every vacant post uses its
 * RNG_AGENCY uniform of the month. An uncovered vacancy (open or under offer) is
 * covered with the monthly cover probability while the agency cap allows; a
 * covering worker converts to permanent (vacancy not under offer) or ends the
 * assignment with their monthly probabilities. Agency workers not covering a
 * vacancy (absence cover, extra work) form a pool per grade whose assignments
 * end at the same rate. When a permanent worker arrives in a covered post the
 * agency worker is released, or stays on in the pool. */
#ifndef WFSIM_AGENCY_H
#define WFSIM_AGENCY_H

#include "model/retention.h"
#include "model/workforce.h"

/* r (the RNG_POOL stream) draws the ends in the pool; a converted locum
 * starts with an empty retention history in rs. */
void agency_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                 const struct rates *rt, gsl_rng *r);
/* A permanent worker has just arrived in post i: release or keep its cover,
 * by the post's RNG_RELEASE uniform of the month. */
void agency_on_arrival(struct workforce *wf, const struct rates *rt, int i);

#endif

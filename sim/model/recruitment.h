/* recruitment: filling vacancies. Each month, in post order:
 *  - an accepted offer counts down and the starter starts when it reaches 0;
 *  - an open vacancy older than the advert delay (a vacancy opened this month
 *    is never filled this month) gets an accepted offer with the grade's
 *    monthly fill probability, using the post's RNG_POSTS uniform of the
 *    month (unused by leaving, as the post was not filled); a share of fills promote a worker from
 * the grade below (their post falls vacant); an external offer starts after the start delay.
 * Campaigns, later in the month, make offers into open vacancies of their
 * grade (at most as many as are open); entry routes' intakes are routes.h. */
#ifndef WFSIM_RECRUITMENT_H
#define WFSIM_RECRUITMENT_H

#include "model/retention.h"
#include "model/workforce.h"

/* fill_threshold: each grade's fill probability as an rng_threshold (rt's,
 * possibly raised by a retention scheme open to new starters); rs: starters'
 * and promoted workers' retention histories. */
void recruitment_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                      const struct rates *rt, const uint64_t *fill_threshold, gsl_rng *r);
/* Campaign offers due in calendar month `month`. */
void recruitment_campaign_step(struct workforce *wf, struct retention *rs,
                               const struct scenario *sc, const struct rates *rt, gsl_rng *r,
                               int month);

#endif

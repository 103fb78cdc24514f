/* leaving: resignations, notice and the ageing of service. Each month every
 * post draws one uniform from the RNG_POSTS stream (kept in wf->u for the
 * recruitment step, which uses it for posts that were vacant): a worker not
 * on notice resigns with the monthly probability of their grade, service band
 * and campaign; the same uniform, rescaled, picks the destination. */
#ifndef WFSIM_LEAVING_H
#define WFSIM_LEAVING_H

#include "workforce.h"

void leaving_step(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                  gsl_rng *r);

#endif

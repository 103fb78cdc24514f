/* progression: the ASYE and the move of newly qualified social workers into
 * the next grade (service needs no update: it is the months since the
 * worker's start). A worker finishing the ASYE passes with the scenario's pass rate (a fail
 * leaves the sector) and then, if the intake progresses to another grade,
 * waits until a vacant post of that grade exists and moves into it (an
 * internal move: not a starter or a leaver; their old post falls vacant). */
#ifndef WFSIM_PROGRESSION_H
#define WFSIM_PROGRESSION_H

#include "model/retention.h"
#include "model/workforce.h"

/* rs: the clawback of an ASYE fail, the history of a worker who moves up. */
void progression_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                      const struct rates *rt, gsl_rng *r);

#endif

/* routes: entry routes into the workforce (scenario key entry_routes.<name>):
 * the NQSW intake and its Assessed and Supported Year in Employment (ASYE,
 * Skills for Care: 12 months), a social work degree apprenticeship, a
 * fast-track cohort, or any other route a scenario names. A route trains one
 * grade: every permanent starter from outside the council into a post of that
 * grade starts its training, as does a trainee of another route who completes
 * into that grade (an apprentice who qualifies then does the ASYE). A trainee
 * holds protected_caseload_share of the grade's target caseload (caseload.h)
 * and costs cost_gbp - grant_gbp on starting (finance.h).
 *
 * Each month (model.h):
 *  - step 3, routes_step: a trainee whose training ends passes with the
 *    route's pass rate (a fail leaves the sector) and, if the route has a
 *    completion grade, waits until a vacant, not-offered post of that grade
 *    exists and moves into it (an internal move: not a starter or a leaver;
 *    their old post falls vacant);
 *  - step 5, routes_intake_step: in each of the route's months of year its
 *    intake fills up to `hires` vacant posts of the grade at once; a route
 *    with a monthly flow f instead starts floor(f m) - floor(f (m - 1)) in
 *    simulation month m. */
#ifndef WFSIM_ROUTES_H
#define WFSIM_ROUTES_H

#include "model/retention.h"
#include "model/workforce.h"

/* Training outcomes and completion moves of every route, in route order; rs:
 * the clawback of a fail who leaves, the history of a worker who moves. */
void routes_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                 const struct rates *rt, gsl_rng *r);
/* The intakes and flows due in calendar month `month`, in route order; rs:
 * the starters' retention histories. */
void routes_intake_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                        const struct rates *rt, gsl_rng *r, int month);
/* Trainees route `route` starts in simulation month m (its intake or flow). */
int routes_hires_due(const struct route_params *route, int month_of_year, int m);

#endif

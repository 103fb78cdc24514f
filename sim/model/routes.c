/* routes: entry routes, their training and completion (see sim/model/routes.h). */
#include "model/routes.h"

#include <math.h>

#include "model/agency.h"
#include "wfsim/month.h"

/* Trainees of route q whose training ends this month: pass or leave. */
static void assess(struct workforce *wf, struct retention *rs, const struct scenario *sc, int q,
                   gsl_rng *r)
{
    const struct route_params *route = &sc->route[q];
    int g = route->grade_index;
    for (int k = 0; k < wf->count[g]; k++) {
        int i = wf->list[wf->offset[g] + k];
        struct post *p = &wf->post[i];
        if (p->state != POST_FILLED || !(p->flags & PF_TRAINING) || wf->month < p->training_until)
            continue;
        workforce_end_training(wf, i);
        if (gsl_rng_uniform(r) >= route->pass_rate) {
            retention_on_leave(rs, wf, sc, i);
            workforce_leave(wf, i, DEST_LEAVE_SECTOR);
        } else if (route->completion_grade_index >= 0)
            p->flags |= PF_AWAITING;
    }
}

/* Passed trainees of route q move into vacant posts of its completion grade,
 * where the route training that grade (if any) begins. */
static void complete(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                     const struct rates *rt, int q, gsl_rng *r)
{
    int from = sc->route[q].grade_index, to = sc->route[q].completion_grade_index;
    if (to < 0)
        return;
    const int *list = wf->list + wf->offset[from];
    for (int k = 0; k < wf->count[from]; k++) {
        int i = list[k];
        const struct post *p = &wf->post[i];
        if (p->state != POST_FILLED || !(p->flags & PF_AWAITING) || (p->flags & PF_NOTICE))
            continue;
        int j = workforce_find_vacant(wf, r, to);
        if (j < 0)
            return; /* no vacancy left in the completion grade this month */
        workforce_move(wf, i, j);
        retention_on_move(rs, i, j);
        workforce_begin_training(wf, sc, j, wf->month);
        agency_on_arrival(wf, rt, j);
    }
}

void routes_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                 const struct rates *rt, gsl_rng *r)
{
    for (int q = 0; q < sc->n_routes; q++) {
        assess(wf, rs, sc, q, r);
        complete(wf, rs, sc, rt, q, r);
    }
}

int routes_hires_due(const struct route_params *route, int month_of_year, int m)
{
    if (route->hires_per_month > 0) /* 1e-9: f m that is whole up to rounding counts */
        return (int)floor(route->hires_per_month * m + 1e-9) -
               (int)floor(route->hires_per_month * (m - 1) + 1e-9);
    return route->intake_months & (1u << (month_of_year - 1)) ? route->hires : 0;
}

void routes_intake_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                        const struct rates *rt, gsl_rng *r, int month)
{
    for (int q = 0; q < sc->n_routes; q++) {
        const struct route_params *route = &sc->route[q];
        int due = routes_hires_due(route, month_of_year(month), wf->month);
        for (int h = 0; h < due; h++) {
            int i = workforce_find_vacant(wf, r, route->grade_index);
            if (i < 0)
                break;
            workforce_start(wf, sc, i, 0);
            retention_on_start(rs, i);
            agency_on_arrival(wf, rt, i);
        }
    }
}

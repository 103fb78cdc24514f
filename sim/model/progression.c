/* progression: ageing, ASYE outcomes and progression moves
 * (see sim/model/progression.h). */
#include "model/progression.h"

#include "model/agency.h"

/* Only the intake grade's posts hold ASYE workers. */
static void assess(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                   const struct rates *rt, gsl_rng *r)
{
    int from = sc->intake_grade_index;
    if (from < 0)
        return;
    for (int k = 0; k < wf->count[from]; k++) {
        int i = wf->list[wf->offset[from] + k];
        struct post *p = &wf->post[i];
        if (p->state != POST_FILLED || !(p->flags & PF_ASYE) || wf->month < p->asye_until)
            continue;
        p->flags &= (uint8_t)~PF_ASYE;
        if (gsl_rng_uniform(r) >= rt->asye_pass) {
            retention_on_leave(rs, wf, sc, i);
            workforce_leave(wf, i, DEST_LEAVE_SECTOR);
        } else if (sc->progresses_to_index >= 0)
            p->flags |= PF_AWAITING;
    }
}

static void progress(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                     const struct rates *rt, gsl_rng *r)
{
    int from = sc->intake_grade_index, to = sc->progresses_to_index;
    if (from < 0 || to < 0)
        return;
    const int *list = wf->list + wf->offset[from];
    for (int k = 0; k < wf->count[from]; k++) {
        int i = list[k];
        const struct post *p = &wf->post[i];
        if (p->state != POST_FILLED || !(p->flags & PF_AWAITING) || (p->flags & PF_NOTICE))
            continue;
        int j = workforce_find_vacant(wf, r, to);
        if (j < 0)
            return; /* no vacancy left in the next grade this month */
        workforce_move(wf, i, j);
        retention_on_move(rs, i, j);
        agency_on_arrival(wf, rt, j);
    }
}

void progression_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                      const struct rates *rt, gsl_rng *r)
{
    assess(wf, rs, sc, rt, r);
    progress(wf, rs, sc, rt, r);
}

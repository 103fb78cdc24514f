/* leaving: resignations and notice (see include/leaving.h). */
#include "leaving.h"

static enum leaver_destination destination(const struct rates *rt, double v)
{
    return v < rt->dest_cumulative[0]   ? DEST_LEAVE_SECTOR
           : v < rt->dest_cumulative[1] ? DEST_TO_AGENCY
                                        : DEST_TO_OTHER_LA;
}

void leaving_step(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                  gsl_rng *r)
{
    const int notice = sc->notice_months;
    for (int i = 0; i < wf->n_posts; i++) {
        double u = gsl_rng_uniform(r);
        wf->u[i] = u;
        struct post *p = &wf->post[i];
        if (p->state != POST_FILLED)
            continue;
        if (p->flags & PF_NOTICE) {
            if (--p->countdown <= 0)
                workforce_leave(wf, i, (enum leaver_destination)p->destination);
            continue;
        }
        int slot = p->tenure_months < 12 ? p->campaign : 0;
        double prob = rates_leave(rt, p->grade, rates_band(p->tenure_months), slot);
        if (u < prob) {
            enum leaver_destination d = destination(rt, u / prob);
            if (notice == 0) {
                workforce_leave(wf, i, d);
                continue;
            }
            p->flags |= PF_NOTICE;
            p->countdown = (int8_t)notice;
            p->destination = (uint8_t)d;
        }
    }
}

/* progression: ageing, ASYE outcomes and progression moves
 * (see include/progression.h). */
#include "progression.h"

#include "agency.h"

static void age_and_assess(struct workforce *wf, const struct scenario *sc,
                           const struct rates *rt, gsl_rng *r)
{
    for (int i = 0; i < wf->n_posts; i++) {
        struct post *p = &wf->post[i];
        if (p->state != POST_FILLED)
            continue;
        if (p->tenure_months < INT16_MAX)
            p->tenure_months++;
        if (!(p->flags & PF_ASYE) || --p->asye_left > 0)
            continue;
        p->flags &= (uint8_t)~PF_ASYE;
        if (gsl_rng_uniform(r) >= rt->asye_pass)
            workforce_leave(wf, i, DEST_LEAVE_SECTOR);
        else if (sc->progresses_to_index >= 0)
            p->flags |= PF_AWAITING;
    }
}

static void progress(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                     gsl_rng *r)
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
        agency_on_arrival(wf, rt, r, j);
    }
}

void progression_step(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                      gsl_rng *r)
{
    age_and_assess(wf, sc, rt, r);
    progress(wf, sc, rt, r);
}

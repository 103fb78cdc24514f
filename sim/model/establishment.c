/* establishment: growth and cuts (see sim/model/establishment.h). */
#include "model/establishment.h"

/* Returns 0, or -1 if the grade's post slots ran out. */
static int grow(struct workforce *wf, int g, double fte)
{
    for (double left = fte; left > WORKFORCE_FTE_EPS; left -= 1.0)
        if (workforce_add_post(wf, g, left >= 1.0 - WORKFORCE_FTE_EPS ? 1.0 : left) < 0)
            return -1;
    return 0;
}

/* Close vacant posts of grade g, uncovered ones first; returns what is left. */
static double cut(struct workforce *wf, int g, double fte)
{
    for (int pass = 0; pass < 2 && fte > WORKFORCE_FTE_EPS; pass++) {
        for (int k = 0; k < wf->count[g] && fte > WORKFORCE_FTE_EPS; k++) {
            int i = wf->list[wf->offset[g] + k];
            const struct post *p = &wf->post[i];
            int covered = (p->flags & PF_AGENCY) != 0;
            if (p->state == POST_VACANT && covered == (pass == 1))
                fte -= workforce_cut(wf, i, fte);
        }
    }
    return fte;
}

int establishment_step(struct workforce *wf, const struct scenario *sc, int month)
{
    for (int c = 0; c < sc->n_changes; c++) {
        const struct establishment_change *ch = &sc->change[c];
        if (ch->month != month)
            continue;
        if (ch->change_fte <= 0)
            wf->pending_cut_fte[ch->grade_index] += cut(wf, ch->grade_index, -ch->change_fte);
        else if (grow(wf, ch->grade_index, ch->change_fte) != 0)
            return -1;
    }
    return 0;
}

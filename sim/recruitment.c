/* recruitment: offers, starts, internal promotion, campaigns and the
 * graduate intake (see include/recruitment.h). */
#include "recruitment.h"

#include "agency.h"
#include "month.h"

static void start(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                  gsl_rng *r, int i, int slot)
{
    workforce_start(wf, sc, i, slot);
    agency_on_arrival(wf, rt, r, i);
}

static void offer(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                  gsl_rng *r, int i, int delay, int slot)
{
    if (delay <= 0) {
        start(wf, sc, rt, r, i, slot);
        return;
    }
    struct post *p = &wf->post[i];
    p->state = POST_OFFERED;
    p->countdown = (int8_t)delay;
    p->campaign = (uint8_t)slot;
}

void recruitment_step(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                      gsl_rng *r)
{
    const int advert = sc->advert_delay_months, month = wf->month;
    for (int i = 0; i < wf->n_posts; i++) {
        struct post *p = &wf->post[i];
        if (p->state == POST_OFFERED) {
            if (--p->countdown <= 0)
                start(wf, sc, rt, r, i, p->campaign);
            continue;
        }
        int g = p->grade;
        double u = wf->u[i], h = rt->fill[g];
        if (p->state != POST_VACANT || month - p->since <= advert || u >= h)
            continue;
        if (u < h * rt->internal_share[g]) {
            int j = workforce_find_promotable(wf, r, sc->grade[g].promotion_from_index);
            if (j >= 0) {
                workforce_move(wf, j, i);
                agency_on_arrival(wf, rt, r, i);
                continue;
            }
        }
        offer(wf, sc, rt, r, i, sc->start_delay_months, 0);
    }
}

void recruitment_campaign_step(struct workforce *wf, const struct scenario *sc,
                               const struct rates *rt, gsl_rng *r, int month)
{
    for (int c = 0; c < sc->n_campaigns; c++) {
        const struct campaign_params *cp = &sc->campaign[c];
        if (cp->month != month)
            continue;
        for (int h = 0; h < cp->hires; h++) {
            int i = workforce_find_vacant(wf, r, cp->grade_index);
            if (i < 0)
                break;
            offer(wf, sc, rt, r, i, cp->lead_months, c + 1);
        }
    }
    if (sc->intake_max_hires > 0 && month_of_year(month) == sc->intake_month_of_year) {
        for (int h = 0; h < sc->intake_max_hires; h++) {
            int i = workforce_find_vacant(wf, r, sc->intake_grade_index);
            if (i < 0)
                break;
            start(wf, sc, rt, r, i, 0);
        }
    }
}

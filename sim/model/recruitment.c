/* recruitment: offers, starts, internal promotion and campaigns
 * (see sim/model/recruitment.h). */
#include "model/recruitment.h"

#include "model/agency.h"

static void start(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                  const struct rates *rt, int i, int slot)
{
    workforce_start(wf, sc, i, slot);
    retention_on_start(rs, i);
    agency_on_arrival(wf, rt, i);
}

static void offer(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                  const struct rates *rt, int i, int delay, int slot)
{
    if (delay <= 0) {
        start(wf, rs, sc, rt, i, slot);
        return;
    }
    workforce_offer(wf, i, wf->month + delay, slot);
}

void recruitment_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                      const struct rates *rt, const uint64_t *fill_threshold, gsl_rng *r)
{
    const int advert = sc->advert_delay_months, month = wf->month;
    const uint64_t key = wf->key[RNG_POSTS];
    /* Visit the open vacancies. A start or an internal move takes the post
     * out of the list (its place is taken by the last one, visited next); a
     * post vacated by a promotion joins the end, and as it opened this month
     * it is not filled this month. */
    for (int at = 0; at < wf->n_open;) {
        int i = wf->open[at];
        const struct post *p = &wf->post[i];
        if (p->state == POST_OFFERED) {
            if (month >= p->until)
                start(wf, rs, sc, rt, i, p->campaign);
            else
                at++;
            continue;
        }
        at++;
        if (month - p->since <= advert)
            continue;
        /* Vacant since before this month, so leaving did not use its uniform. */
        int g = p->grade;
        uint64_t bits = rng_post_bits(key, i, month);
        if (bits >= fill_threshold[g])
            continue;
        if (rng_bits_uniform(bits) < rng_bits_uniform(fill_threshold[g]) * rt->internal_share[g]) {
            int j = workforce_find_promotable(wf, r, sc->grade[g].promotion_from_index);
            if (j >= 0) {
                workforce_move(wf, j, i);
                retention_on_move(rs, j, i);
                agency_on_arrival(wf, rt, i);
                at--; /* i left the list: revisit this place */
                continue;
            }
        }
        if (sc->start_delay_months <= 0)
            at--; /* starts now and leaves the list */
        offer(wf, rs, sc, rt, i, sc->start_delay_months, 0);
    }
}

void recruitment_campaign_step(struct workforce *wf, struct retention *rs,
                               const struct scenario *sc, const struct rates *rt, gsl_rng *r,
                               int month)
{
    for (int c = 0; c < sc->n_campaigns; c++) {
        const struct campaign_params *cp = &sc->campaign[c];
        if (cp->month != month)
            continue;
        for (int h = 0; h < cp->hires; h++) {
            int i = workforce_find_vacant(wf, r, cp->grade_index);
            if (i < 0)
                break; /* fewer open vacancies than hires: the campaign is capped */
            offer(wf, rs, sc, rt, i, cp->lead_months, c + 1);
            wf->campaign_offers[c]++;
        }
    }
}

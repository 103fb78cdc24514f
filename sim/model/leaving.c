/* leaving: resignations and notice (see sim/model/leaving.h). */
#include "model/leaving.h"

static void leave(struct workforce *wf, struct retention *rs, const struct scenario *sc, int i,
                  enum leaver_destination d)
{
    retention_on_leave(rs, wf, sc, i);
    workforce_leave(wf, i, d);
}

static void resign(struct workforce *wf, struct retention *rs, const struct scenario *sc, int i,
                   uint64_t threshold, uint64_t bits)
{
    double p = rng_bits_uniform(bits) / rng_bits_uniform(threshold);
    enum leaver_destination d = workforce_destination(sc, p);
    int until = wf->month + sc->notice_months;
    int tied_until = rs->worker[i].tied_until;
    /* one who would repay something on leaving may wait out the tie-in; with
     * nothing to repay (no clawback) there is nothing to wait for */
    if (tied_until > wf->month && sc->deferral_share > 0 &&
        retention_clawback(sc, &rs->worker[i], wf->month) > 0 &&
        rng_post_bits(wf->key[RNG_DEFER], i, wf->month) < rng_threshold(sc->deferral_share))
        until = tied_until > until ? tied_until : until;
    if (until <= wf->month) {
        leave(wf, rs, sc, i, d);
        return;
    }
    workforce_resign(wf, i, until, d);
}

void leaving_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                  const struct rates *rt, const uint64_t *threshold)
{
    const int month = wf->month, n = wf->n_posts;
    const uint64_t key = wf->key[RNG_POSTS];
    const struct retention_worker *rw = rs->worker;
    for (int i = 0; i < n; i++) {
        const struct post *p = &wf->post[i];
        if (p->state != POST_FILLED)
            continue;
        if (p->flags & PF_NOTICE) {
            if (month >= p->until)
                leave(wf, rs, sc, i, (enum leaver_destination)p->destination);
            continue;
        }
        int service = month - 1 - p->started;
        service = service > RATES_MAX_SERVICE ? RATES_MAX_SERVICE : service;
        int slot = service < 12 ? p->campaign : 0;
        int k = rates_leave_index(rt, p->grade, rt->band_of_service[service], slot);
        uint64_t bits = rng_post_bits(key, i, month), t = threshold[k];
        if (rw[i].retain != 1.0f) /* a retention scheme changes this worker's hazard */
            t = rng_threshold(rng_bits_uniform(t) * rw[i].retain);
        if (__builtin_expect(bits < t, 0))
            resign(wf, rs, sc, i, t, bits);
    }
}

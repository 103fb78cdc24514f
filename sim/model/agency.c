/* agency: cover, assignment ends, conversion and release
 * (see sim/model/agency.h). */
#include "model/agency.h"

#include <gsl/gsl_randist.h>

void agency_on_arrival(struct workforce *wf, const struct rates *rt, int i)
{
    if (!(wf->post[i].flags & PF_AGENCY))
        return;
    double u = rng_bits_uniform(rng_post_bits(wf->key[RNG_RELEASE], i, wf->month));
    int keep = u >= rt->agency_release;
    workforce_end_cover(wf, i, keep);
}

/* `ends` of the n assignments holding `fte` end: the FTE that goes. */
static double ending(double fte, int n, unsigned int ends)
{
    return ends == 0 || n <= 0 ? 0.0 : fte * (double)ends / (double)n;
}

static void pool_step(struct workforce *wf, const struct rates *rt, gsl_rng *r, int g)
{
    int n = wf->extra_agency_n[g];
    unsigned int ends, census_ends = 0;
    double gone, census_gone = 0;
    if (rt->agency_pool_end == rt->agency_end) { /* no replacement: one pool */
        ends = gsl_ran_binomial(r, rt->agency_end, (unsigned int)(n > 0 ? n : 0));
        gone = ending(wf->extra_agency_fte[g], n, ends);
    } else {
        /* the census's assignments end unless taken over by another locum
         * (no change); those who joined since end at the usual rate */
        int nc = wf->census_pool_n[g], nj = n - nc;
        census_ends = gsl_ran_binomial(r, rt->agency_pool_end, (unsigned int)(nc > 0 ? nc : 0));
        census_gone = ending(wf->census_pool_fte[g], nc, census_ends);
        unsigned int joiner_ends =
            gsl_ran_binomial(r, rt->agency_end, (unsigned int)(nj > 0 ? nj : 0));
        ends = census_ends + joiner_ends;
        gone =
            census_gone + ending(wf->extra_agency_fte[g] - wf->census_pool_fte[g], nj, joiner_ends);
    }
    if (n <= 0 || ends == 0)
        return;
    wf->census_pool_n[g] -= (int)census_ends;
    wf->census_pool_fte[g] = wf->census_pool_n[g] > 0 ? wf->census_pool_fte[g] - census_gone : 0.0;
    wf->extra_agency_n[g] -= (int)ends;
    wf->extra_agency_fte[g] = wf->extra_agency_n[g] > 0 ? wf->extra_agency_fte[g] - gone : 0.0;
    wf->agency_fte -= gone;
}

void agency_step(struct workforce *wf, struct retention *rs, const struct scenario *sc,
                 const struct rates *rt, gsl_rng *r)
{
    const double cap = wf->month >= rt->agency_cap_month ? sc->agency_cap_fte : -1;
    const uint64_t *cover = wf->month >= rt->agency_price_cap_month ? rt->agency_cover_threshold
                                                                    : rt->agency_uncapped_threshold;
    const uint64_t key = wf->key[RNG_AGENCY];
    for (int at = 0; at < wf->n_open; at++) {
        int i = wf->open[at];
        const struct post *p = &wf->post[i];
        uint64_t bits = rng_post_bits(key, i, wf->month);
        int covered = (p->flags & PF_AGENCY) != 0, offered = p->state == POST_OFFERED;
        /* Conversion [0, convert) applies to open vacancies only; the end of an
         * assignment is [convert, convert + end) for them and [0, end) under
         * offer, so each happens with its own probability. */
        uint64_t end = offered ? rt->agency_end_threshold - rt->agency_convert_threshold
                               : rt->agency_end_threshold;
        if (bits >= (covered ? end : cover[p->grade]))
            continue;
        if (covered && !offered && bits < rt->agency_convert_threshold) {
            workforce_convert(wf, sc, i); /* the locum takes the post */
            retention_on_start(rs, i);
            at--; /* i left the list: revisit this place */
        } else if (covered) {
            workforce_end_cover(wf, i, 0);
        } else if (cap < 0 || wf->agency_fte + p->fte <= cap + WORKFORCE_FTE_EPS) {
            workforce_cover(wf, i);
        }
    }
    for (int g = 0; g < wf->n_grades; g++)
        pool_step(wf, rt, r, g);
}

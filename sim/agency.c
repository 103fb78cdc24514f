/* agency: cover, assignment ends, conversion and release
 * (see include/agency.h). */
#include "agency.h"

#include <gsl/gsl_randist.h>

#define FTE_EPS 1e-9

void agency_on_arrival(struct workforce *wf, const struct rates *rt, gsl_rng *r, int i)
{
    if (!(wf->post[i].flags & PF_AGENCY))
        return;
    int keep = gsl_rng_uniform(r) >= rt->agency_release;
    workforce_end_cover(wf, i, keep);
}

static void pool_step(struct workforce *wf, const struct rates *rt, gsl_rng *r, int g)
{
    int n = wf->extra_agency_n[g];
    unsigned int ends = gsl_ran_binomial(r, rt->agency_end, (unsigned int)(n > 0 ? n : 0));
    if (n <= 0 || ends == 0)
        return;
    double gone = wf->extra_agency_fte[g] * (double)ends / (double)n;
    wf->extra_agency_n[g] -= (int)ends;
    wf->extra_agency_fte[g] = wf->extra_agency_n[g] > 0 ? wf->extra_agency_fte[g] - gone : 0.0;
    wf->agency_fte -= gone;
}

void agency_step(struct workforce *wf, const struct scenario *sc, const struct rates *rt,
                 gsl_rng *r)
{
    const double cap = sc->agency_cap_fte;
    const double convert = rt->agency_convert, end = rt->agency_convert + rt->agency_end;
    for (int i = 0; i < wf->n_posts; i++) {
        double u = gsl_rng_uniform(r);
        struct post *p = &wf->post[i];
        if (p->state != POST_VACANT && p->state != POST_OFFERED)
            continue;
        if (p->flags & PF_AGENCY) {
            if (p->state == POST_VACANT && u < convert) {
                workforce_end_cover(wf, i, 0);
                workforce_start(wf, sc, i, 0);
            } else if (u < end) {
                workforce_end_cover(wf, i, 0);
            }
        } else if (u < rt->agency_cover && (cap < 0 || wf->agency_fte + p->fte <= cap + FTE_EPS)) {
            p->flags |= PF_AGENCY;
            wf->agency_fte += p->fte;
        }
    }
    for (int g = 0; g < wf->n_grades; g++)
        pool_step(wf, rt, r, g);
}

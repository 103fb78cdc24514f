/* workforce: post and worker state and shared transitions
 * (see include/workforce.h). */
#include "workforce.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#define FTE_EPS 1e-9

/* Posts needed for `fte`: whole posts of 1 FTE and one for a remainder. */
static int posts_for(double fte)
{
    double whole = floor(fte + FTE_EPS);
    return (int)whole + (fte - whole > FTE_EPS ? 1 : 0);
}

static int grade_capacity(const struct scenario *sc, int g)
{
    const struct grade_params *gp = &sc->grade[g];
    int n = posts_for(gp->initial_in_post_fte) +
            posts_for(gp->posts_fte - gp->initial_in_post_fte);
    for (int c = 0; c < sc->n_changes; c++)
        if (sc->change[c].grade_index == g && sc->change[c].change_fte > 0)
            n += posts_for(sc->change[c].change_fte);
    return n;
}

struct workforce *workforce_alloc(const struct scenario *sc)
{
    struct workforce *wf = calloc(1, sizeof *wf);
    if (wf == NULL)
        return NULL;
    int total = 0;
    for (int g = 0; g < sc->n_grades; g++) {
        wf->offset[g] = total;
        total += grade_capacity(sc, g);
    }
    wf->capacity = total;
    wf->n_grades = sc->n_grades;
    size_t n = total > 0 ? (size_t)total : 1;
    wf->post = calloc(n, sizeof *wf->post);
    wf->u = calloc(n, sizeof *wf->u);
    wf->list = calloc(n, sizeof *wf->list);
    if (wf->post == NULL || wf->u == NULL || wf->list == NULL) {
        workforce_free(wf);
        return NULL;
    }
    return wf;
}

void workforce_free(struct workforce *wf)
{
    if (wf == NULL)
        return;
    free(wf->post);
    free(wf->u);
    free(wf->list);
    free(wf);
}

int workforce_add_post(struct workforce *wf, int grade, double fte)
{
    if (wf->n_posts >= wf->capacity)
        return -1;
    int i = wf->n_posts++;
    struct post *p = &wf->post[i];
    memset(p, 0, sizeof *p);
    p->fte = (float)fte;
    p->grade = (uint8_t)grade;
    p->state = POST_VACANT;
    p->since = (int16_t)wf->month;
    wf->list[wf->offset[grade] + wf->count[grade]++] = i;
    return i;
}

static int draw_tenure(gsl_rng *r, const struct grade_params *gp)
{
    static const int lo[N_TENURE_BANDS] = {0, 12, 24, 60};
    static const int width[N_TENURE_BANDS] = {12, 12, 36, 120}; /* 5y+: 5 to 15 years */
    double u = gsl_rng_uniform(r), cum = 0;
    int b = N_TENURE_BANDS - 1;
    for (int k = 0; k < N_TENURE_BANDS; k++) {
        cum += gp->tenure_mix[k];
        if (u < cum) {
            b = k;
            break;
        }
    }
    return lo[b] + (int)gsl_rng_uniform_int(r, (unsigned long)width[b]);
}

/* Add posts totalling `fte`, filled or vacant, at month 0. */
static void lay_out(struct workforce *wf, const struct scenario *sc, gsl_rng *r, int g,
                    double fte, int filled)
{
    const struct grade_params *gp = &sc->grade[g];
    for (double left = fte; left > FTE_EPS; left -= 1.0) {
        int i = workforce_add_post(wf, g, left >= 1.0 - FTE_EPS ? 1.0 : left);
        struct post *p = &wf->post[i];
        if (filled) {
            p->state = POST_FILLED;
            p->tenure_months = (int16_t)draw_tenure(r, gp);
            if (g == sc->intake_grade_index && p->tenure_months < sc->asye_months) {
                p->flags |= PF_ASYE;
                p->asye_left = (int8_t)(sc->asye_months - p->tenure_months);
            }
        } else {
            /* Open vacancies have been searched for a geometric time
             * (stationary ages under the monthly fill probability). */
            double h = gp->monthly_fill_probability;
            int age = sc->advert_delay_months + (h > 0 ? (int)gsl_ran_geometric(r, h) - 1 : 0);
            p->since = (int16_t)-(age < 120 ? age : 120);
        }
    }
}

static void cover_initial(struct workforce *wf, const struct scenario *sc, int g)
{
    const struct grade_params *gp = &sc->grade[g];
    double target = gp->initial_agency_fte * sc->agency_initial_vacancy_cover_share, covered = 0;
    for (int k = 0; k < wf->count[g]; k++) {
        struct post *p = &wf->post[wf->list[wf->offset[g] + k]];
        if (p->state != POST_VACANT || covered + p->fte > target + FTE_EPS)
            continue;
        p->flags |= PF_AGENCY;
        covered += p->fte;
    }
    wf->extra_agency_fte[g] = gp->initial_agency_fte - covered;
    wf->extra_agency_n[g] = posts_for(wf->extra_agency_fte[g]);
    wf->agency_fte += gp->initial_agency_fte;
}

void workforce_reset(struct workforce *wf, const struct scenario *sc, gsl_rng *r)
{
    wf->month = 0;
    wf->n_posts = 0;
    wf->agency_fte = 0;
    for (int g = 0; g < sc->n_grades; g++) {
        const struct grade_params *gp = &sc->grade[g];
        wf->count[g] = 0;
        wf->pending_cut_fte[g] = 0;
        memset(&wf->flow[g], 0, sizeof wf->flow[g]);
        lay_out(wf, sc, r, g, gp->initial_in_post_fte, 1);
        lay_out(wf, sc, r, g, gp->posts_fte - gp->initial_in_post_fte, 0);
        cover_initial(wf, sc, g);
    }
}

void workforce_end_cover(struct workforce *wf, int i, int keep_worker)
{
    struct post *p = &wf->post[i];
    if (!(p->flags & PF_AGENCY))
        return;
    p->flags &= (uint8_t)~PF_AGENCY;
    if (keep_worker) {
        wf->extra_agency_fte[p->grade] += p->fte;
        wf->extra_agency_n[p->grade]++;
    } else {
        wf->agency_fte -= p->fte;
    }
}

void workforce_vacate(struct workforce *wf, int i)
{
    struct post *p = &wf->post[i];
    int g = p->grade;
    p->state = POST_VACANT;
    p->flags = 0;
    p->campaign = 0;
    p->countdown = 0;
    p->asye_left = 0;
    p->since = (int16_t)wf->month;
    if (wf->pending_cut_fte[g] > FTE_EPS) {
        double cut = wf->pending_cut_fte[g] < p->fte ? wf->pending_cut_fte[g] : p->fte;
        wf->pending_cut_fte[g] -= cut;
        p->fte -= (float)cut;
        if (p->fte <= FTE_EPS)
            p->state = POST_CLOSED;
    }
}

void workforce_leave(struct workforce *wf, int i, enum leaver_destination d)
{
    struct flows *f = &wf->flow[wf->post[i].grade];
    f->leavers_fte += wf->post[i].fte;
    f->leavers_dest_fte[d] += wf->post[i].fte;
    workforce_vacate(wf, i);
}

void workforce_start(struct workforce *wf, const struct scenario *sc, int i, int campaign_slot)
{
    struct post *p = &wf->post[i];
    p->state = POST_FILLED;
    p->tenure_months = 0;
    p->countdown = 0;
    p->campaign = (uint8_t)campaign_slot;
    p->flags &= PF_AGENCY; /* the cover is dealt with by the caller */
    if (p->grade == sc->intake_grade_index) {
        p->flags |= PF_ASYE;
        p->asye_left = (int8_t)sc->asye_months;
    }
    wf->flow[p->grade].starters_fte += p->fte;
}

void workforce_move(struct workforce *wf, int from, int to)
{
    struct post *src = &wf->post[from], *dst = &wf->post[to];
    dst->state = POST_FILLED;
    dst->tenure_months = src->tenure_months;
    dst->countdown = 0;
    dst->asye_left = 0;
    dst->campaign = src->campaign;
    dst->flags = (uint8_t)(dst->flags & PF_AGENCY);
    workforce_vacate(wf, from);
}

static int is_vacant(const struct post *p) { return p->state == POST_VACANT; }

static int is_promotable(const struct post *p)
{
    return p->state == POST_FILLED && !(p->flags & (PF_NOTICE | PF_ASYE | PF_AWAITING));
}

static int find(const struct workforce *wf, gsl_rng *r, int grade, int (*ok)(const struct post *))
{
    int n = wf->count[grade];
    if (n == 0)
        return -1;
    const int *list = wf->list + wf->offset[grade];
    int start = (int)gsl_rng_uniform_int(r, (unsigned long)n);
    for (int k = 0; k < n; k++) {
        int i = list[(start + k) % n];
        if (ok(&wf->post[i]))
            return i;
    }
    return -1;
}

int workforce_find_vacant(const struct workforce *wf, gsl_rng *r, int grade)
{
    return find(wf, r, grade, is_vacant);
}

int workforce_find_promotable(const struct workforce *wf, gsl_rng *r, int grade)
{
    return find(wf, r, grade, is_promotable);
}

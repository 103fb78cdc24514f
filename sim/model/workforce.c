/* workforce: post and worker state and its transitions
 * (see sim/model/workforce.h). */
#include "model/workforce.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

/* struct post packs indices and months into narrow fields. */
_Static_assert(SCENARIO_MAX_GRADES <= UINT8_MAX + 1, "post.grade is a uint8_t");
_Static_assert(SCENARIO_MAX_CAMPAIGNS <= UINT8_MAX, "post.campaign holds 1 + campaign index");
_Static_assert(N_DESTINATIONS <= UINT8_MAX + 1, "post.destination is a uint8_t");
/* started >= -180 (tenure draws: 5 to 15 years at most), since >= -120 (the
 * age clamp in lay_out), and every month stored is at most the horizon plus
 * the longest delay (until, training_until; the tie-in is kept by retention). */
_Static_assert(SCENARIO_MAX_MONTHS + SCENARIO_MAX_DELAY_MONTHS <= INT16_MAX,
               "post months are int16_t");
/* Tenancies wrap around: the caseload only compares a post's tenancy for
 * equality with one taken earlier in the same month (a post changes hands a
 * few times a month at most), which works whatever the width as long as both
 * sides have the same unsigned type. */
_Static_assert(sizeof(((struct post *)0)->tenancy) ==
                   sizeof(*((struct workforce *)0)->move_tenancy),
               "a move records the tenancy in the post's own type");

/* Posts needed for `fte`: whole posts of 1 FTE and one for a remainder. */
static int posts_for(double fte)
{
    double whole = floor(fte + WORKFORCE_FTE_EPS);
    return (int)whole + (fte - whole > WORKFORCE_FTE_EPS ? 1 : 0);
}

static int grade_capacity(const struct scenario *sc, int g)
{
    const struct grade_params *gp = &sc->grade[g];
    int n = posts_for(gp->initial_in_post_fte) + posts_for(gp->posts_fte - gp->initial_in_post_fte);
    for (int c = 0; c < sc->n_changes; c++)
        if (sc->change[c].grade_index == g && sc->change[c].change_fte > 0)
            n += posts_for(sc->change[c].change_fte);
    return n;
}

int workforce_capacity(const struct scenario *sc)
{
    int total = 0;
    for (int g = 0; g < sc->n_grades; g++)
        total += grade_capacity(sc, g);
    return total;
}

/* Bytes of the per-post arrays of workforce_alloc, for n slots. */
static size_t per_post_bytes(size_t n)
{
    const struct workforce *wf = NULL;
    return n * (sizeof *wf->post + sizeof *wf->list + sizeof *wf->open + sizeof *wf->open_at +
                sizeof *wf->move_from + sizeof *wf->move_to + sizeof *wf->move_tenancy);
}

size_t workforce_bytes(const struct scenario *sc)
{
    int total = workforce_capacity(sc);
    return sizeof(struct workforce) + per_post_bytes(total > 0 ? (size_t)total : 1);
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
    wf->list = calloc(n, sizeof *wf->list);
    wf->open = calloc(n, sizeof *wf->open);
    wf->open_at = calloc(n, sizeof *wf->open_at);
    wf->move_from = calloc(n, sizeof *wf->move_from);
    wf->move_to = calloc(n, sizeof *wf->move_to);
    wf->move_tenancy = calloc(n, sizeof *wf->move_tenancy);
    if (wf->move_tenancy == NULL || wf->post == NULL || wf->list == NULL || wf->open == NULL ||
        wf->open_at == NULL || wf->move_from == NULL || wf->move_to == NULL) {
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
    free(wf->list);
    free(wf->open);
    free(wf->open_at);
    free(wf->move_from);
    free(wf->move_to);
    free(wf->move_tenancy);
    free(wf);
}

/* --- open vacancies and stocks ------------------------------------------ */

static void open_add(struct workforce *wf, int i)
{
    struct post *p = &wf->post[i];
    struct grade_stock *s = &wf->stock[p->grade];
    wf->open_at[i] = wf->n_open;
    wf->open[wf->n_open++] = i;
    p->since = (int16_t)wf->month;
    wf->flow[p->grade].vacancies_opened++;
    s->vacancy_fte += p->fte;
    s->open_posts += 1;
    s->since_sum += p->since;
}

static void open_remove(struct workforce *wf, int i)
{
    struct post *p = &wf->post[i];
    struct grade_stock *s = &wf->stock[p->grade];
    int at = wf->open_at[i], last = wf->open[--wf->n_open];
    wf->open[at] = last;
    wf->open_at[last] = at;
    s->vacancy_fte -= p->fte;
    s->open_posts -= 1;
    s->since_sum -= p->since;
    if (p->state == POST_OFFERED)
        s->offered_fte -= p->fte;
}

/* Starts inside the simulation in the last 12 months (the initial stock,
 * started <= 0, is never inside a window (m - w, m] with w <= m). */
static int is_recent(const struct workforce *wf, int started)
{
    return started >= 1 && started > wf->month - WORKFORCE_RECENT;
}

static void fill(struct workforce *wf, int i, int started)
{
    struct post *p = &wf->post[i];
    struct grade_stock *s = &wf->stock[p->grade];
    open_remove(wf, i);
    p->state = POST_FILLED;
    p->tenancy++;
    p->arrived = (int16_t)wf->month;
    p->started = (int16_t)started;
    s->in_post_fte += p->fte;
    if (is_recent(wf, started))
        s->recent[started % WORKFORCE_RECENT] += p->fte;
}

static void unfill(struct workforce *wf, int i)
{
    struct post *p = &wf->post[i];
    struct grade_stock *s = &wf->stock[p->grade];
    p->tenancy++;
    s->in_post_fte -= p->fte;
    if (is_recent(wf, p->started))
        s->recent[p->started % WORKFORCE_RECENT] -= p->fte;
}

int workforce_add_post(struct workforce *wf, int grade, double fte)
{
    assert(grade >= 0 && grade < wf->n_grades);
    int end = grade + 1 < wf->n_grades ? wf->offset[grade + 1] : wf->capacity;
    if (wf->n_posts >= wf->capacity || wf->offset[grade] + wf->count[grade] >= end)
        return -1; /* the grade's slots are used up */
    int i = wf->n_posts++;
    struct post *p = &wf->post[i];
    memset(p, 0, sizeof *p);
    p->fte = (float)fte;
    p->grade = (uint8_t)grade;
    p->state = POST_VACANT;
    wf->list[wf->offset[grade] + wf->count[grade]++] = i;
    wf->stock[grade].establishment_fte += p->fte;
    open_add(wf, i);
    return i;
}

double workforce_cut(struct workforce *wf, int i, double fte)
{
    struct post *p = &wf->post[i];
    struct grade_stock *s = &wf->stock[p->grade];
    double take = fte < p->fte ? fte : p->fte;
    if (p->flags & PF_AGENCY) { /* the cover shrinks with the post */
        wf->agency_fte -= take;
        s->cover_fte -= take;
    }
    s->establishment_fte -= take;
    s->vacancy_fte -= take;
    p->fte -= (float)take;
    if (p->fte <= WORKFORCE_FTE_EPS) {
        p->fte = 0;
        p->flags = 0;
        open_remove(wf, i);
        p->state = POST_CLOSED;
    }
    return take;
}

/* --- initial state ------------------------------------------------------ */

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

/* Workers who resigned in the notice_months before month 0 are still working
 * their notice: each is, with probability notice_months x their monthly
 * leaving probability, and leaves in a month drawn evenly from 1..notice. */
static void maybe_on_notice(struct post *p, const struct scenario *sc, gsl_rng *r, int tenure)
{
    if (sc->notice_months <= 0)
        return;
    const struct grade_params *gp = &sc->grade[p->grade];
    double monthly = rates_monthly_probability(gp->annual_leaving_rate *
                                               rates_band_multiplier(gp, rates_band(tenure)));
    /* two draws for every worker, so other parameters never shift the stream */
    double chance = sc->notice_months * monthly, u = gsl_rng_uniform(r), v = gsl_rng_uniform(r);
    if (u >= chance)
        return;
    p->flags |= PF_NOTICE;
    p->until = (int16_t)(1 + (int)(u / chance * sc->notice_months));
    p->destination = (uint8_t)workforce_destination(sc, v);
}

/* Add posts totalling `fte`, filled or vacant, at month 0. */
static void lay_out(struct workforce *wf, const struct scenario *sc, gsl_rng *r, int g, double fte,
                    int filled)
{
    const struct grade_params *gp = &sc->grade[g];
    for (double left = fte; left > WORKFORCE_FTE_EPS; left -= 1.0) {
        int i = workforce_add_post(wf, g, left >= 1.0 - WORKFORCE_FTE_EPS ? 1.0 : left);
        assert(i >= 0); /* workforce_alloc sized each grade for its month-0 posts */
        struct post *p = &wf->post[i];
        if (filled) {
            int tenure = draw_tenure(r, gp);
            fill(wf, i, -tenure);
            maybe_on_notice(p, sc, r, tenure);
            int route = scenario_route_of_grade(sc, g);
            if (route >= 0 && tenure < sc->route[route].training_months)
                workforce_begin_training(wf, sc, i, p->started);
        } else {
            /* Open vacancies have been searched for a geometric time
             * (stationary ages under the monthly fill probability). */
            double h = gp->monthly_fill_probability;
            int age = sc->advert_delay_months + (h > 0 ? (int)gsl_ran_geometric(r, h) - 1 : 0);
            struct grade_stock *s = &wf->stock[g];
            s->since_sum -= p->since;
            p->since = (int16_t) - (age < 120 ? age : 120);
            s->since_sum += p->since;
        }
    }
}

static void cover_initial(struct workforce *wf, const struct scenario *sc, int g)
{
    const struct grade_params *gp = &sc->grade[g];
    double target = gp->initial_agency_fte * sc->agency_initial_vacancy_cover_share, covered = 0;
    for (int k = 0; k < wf->count[g]; k++) {
        int i = wf->list[wf->offset[g] + k];
        const struct post *p = &wf->post[i];
        if (p->state != POST_VACANT || covered + p->fte > target + WORKFORCE_FTE_EPS)
            continue;
        workforce_cover(wf, i);
        covered += p->fte;
    }
    wf->extra_agency_fte[g] = gp->initial_agency_fte - covered;
    wf->extra_agency_n[g] = posts_for(wf->extra_agency_fte[g]);
    wf->census_pool_fte[g] = wf->extra_agency_fte[g];
    wf->census_pool_n[g] = wf->extra_agency_n[g];
    wf->agency_fte += wf->extra_agency_fte[g];
}

void workforce_reset(struct workforce *wf, const struct scenario *sc, gsl_rng *r)
{
    wf->month = 0;
    wf->n_posts = 0;
    wf->n_open = 0;
    wf->n_moves = 0;
    wf->agency_fte = 0;
    memset(wf->stock, 0, sizeof wf->stock);
    memset(wf->flow, 0, sizeof wf->flow);
    memset(wf->campaign_offers, 0, sizeof wf->campaign_offers);
    for (int g = 0; g < sc->n_grades; g++) {
        const struct grade_params *gp = &sc->grade[g];
        wf->count[g] = 0;
        wf->pending_cut_fte[g] = 0;
        lay_out(wf, sc, r, g, gp->initial_in_post_fte, 1);
        lay_out(wf, sc, r, g, gp->posts_fte - gp->initial_in_post_fte, 0);
        cover_initial(wf, sc, g);
    }
}

/* FTE kept as running sums of floats: below zero only by rounding. */
#define STOCK_FLOOR (-1e-6)

/* The stocks a month leaves behind cannot be negative. */
static void assert_stocks(const struct workforce *wf)
{
    for (int g = 0; g < wf->n_grades; g++) {
        const struct grade_stock *s = &wf->stock[g];
        assert(s->establishment_fte > STOCK_FLOOR && s->in_post_fte > STOCK_FLOOR);
        assert(s->vacancy_fte > STOCK_FLOOR && s->offered_fte > STOCK_FLOOR);
        assert(s->cover_fte > STOCK_FLOOR && s->open_posts > STOCK_FLOOR);
        assert(wf->extra_agency_n[g] >= 0 && wf->census_pool_n[g] >= 0);
        assert(wf->extra_agency_fte[g] > STOCK_FLOOR && wf->pending_cut_fte[g] > STOCK_FLOOR);
        (void)s;
    }
    assert(wf->agency_fte > STOCK_FLOOR && wf->n_open >= 0 && wf->n_open <= wf->n_posts);
}

void workforce_next_month(struct workforce *wf)
{
    assert_stocks(wf);
    assert(wf->month < INT16_MAX - SCENARIO_MAX_DELAY_MONTHS);
    wf->month++;
    wf->n_moves = 0;
    memset(wf->flow, 0, sizeof wf->flow);
    memset(wf->campaign_offers, 0, sizeof wf->campaign_offers);
    /* The slot of starts 12 months ago is reused for this month's. */
    for (int g = 0; g < wf->n_grades; g++)
        wf->stock[g].recent[wf->month % WORKFORCE_RECENT] = 0;
}

/* --- transitions -------------------------------------------------------- */

void workforce_cover(struct workforce *wf, int i)
{
    struct post *p = &wf->post[i];
    p->flags |= PF_AGENCY;
    p->tenancy++;
    wf->stock[p->grade].cover_fte += p->fte;
    wf->agency_fte += p->fte;
}

void workforce_end_cover(struct workforce *wf, int i, int keep_worker)
{
    struct post *p = &wf->post[i];
    if (!(p->flags & PF_AGENCY))
        return;
    p->flags &= (uint8_t)~PF_AGENCY;
    p->tenancy++;
    wf->stock[p->grade].cover_fte -= p->fte;
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
    if (p->flags & PF_TRAINING)
        workforce_end_training(wf, i);
    unfill(wf, i);
    p->state = POST_VACANT;
    p->flags = 0;
    p->campaign = 0;
    open_add(wf, i);
    if (wf->pending_cut_fte[g] > WORKFORCE_FTE_EPS)
        wf->pending_cut_fte[g] -= workforce_cut(wf, i, wf->pending_cut_fte[g]);
}

enum leaver_destination workforce_destination(const struct scenario *sc, double v)
{
    return v < sc->share_leave_sector                         ? DEST_LEAVE_SECTOR
           : v < sc->share_leave_sector + sc->share_to_agency ? DEST_TO_AGENCY
                                                              : DEST_TO_OTHER_LA;
}

void workforce_leave(struct workforce *wf, int i, enum leaver_destination d)
{
    struct flows *f = &wf->flow[wf->post[i].grade];
    f->leavers_fte += wf->post[i].fte;
    f->leavers_dest_fte[d] += wf->post[i].fte;
    workforce_vacate(wf, i);
}

void workforce_resign(struct workforce *wf, int i, int until, enum leaver_destination d)
{
    struct post *p = &wf->post[i];
    p->flags |= PF_NOTICE;
    p->until = (int16_t)until;
    p->destination = (uint8_t)d;
}

void workforce_offer(struct workforce *wf, int i, int until, int campaign_slot)
{
    struct post *p = &wf->post[i];
    p->state = POST_OFFERED;
    p->until = (int16_t)until;
    p->campaign = (uint8_t)campaign_slot;
    wf->stock[p->grade].offered_fte += p->fte;
}

void workforce_start(struct workforce *wf, const struct scenario *sc, int i, int campaign_slot)
{
    struct post *p = &wf->post[i];
    fill(wf, i, wf->month);
    p->campaign = (uint8_t)campaign_slot;
    p->flags &= PF_AGENCY; /* the cover is dealt with by the caller */
    struct flows *f = &wf->flow[p->grade];
    if (workforce_begin_training(wf, sc, i, wf->month)) {
        f->trainee_starts++;
        f->trainee_starters_fte += p->fte;
    }
    f->starters_fte += p->fte;
    f->starts++;
    if (campaign_slot > 0) {
        f->campaign_starts++;
        f->campaign_cost_gbp += sc->campaign[campaign_slot - 1].cost_per_hire_gbp;
    }
}

int workforce_begin_training(struct workforce *wf, const struct scenario *sc, int i, int from)
{
    struct post *p = &wf->post[i];
    int r = scenario_route_of_grade(sc, p->grade);
    if (r < 0)
        return 0;
    p->flags |= PF_TRAINING;
    p->training_until = (int16_t)(from + sc->route[r].training_months);
    wf->stock[p->grade].training_fte += p->fte;
    return 1;
}

void workforce_end_training(struct workforce *wf, int i)
{
    struct post *p = &wf->post[i];
    p->flags &= (uint8_t)~PF_TRAINING;
    wf->stock[p->grade].training_fte -= p->fte;
}

static void record_move(struct workforce *wf, int from, int to, uint16_t tenancy)
{
    /* a worker arrives in a post at most once a month: the list never fills */
    assert(wf->n_moves < wf->capacity);
    wf->move_from[wf->n_moves] = from;
    wf->move_to[wf->n_moves] = to;
    wf->move_tenancy[wf->n_moves] = tenancy;
    wf->n_moves++;
}

void workforce_convert(struct workforce *wf, const struct scenario *sc, int i)
{
    uint16_t tenancy = wf->post[i].tenancy;
    workforce_end_cover(wf, i, 0);
    workforce_start(wf, sc, i, 0);
    record_move(wf, i, i, tenancy);
}

void workforce_move(struct workforce *wf, int from, int to)
{
    struct post *src = &wf->post[from], *dst = &wf->post[to];
    uint16_t tenancy = src->tenancy;
    fill(wf, to, src->started);
    dst->campaign = src->campaign;
    dst->flags = (uint8_t)(dst->flags & PF_AGENCY);
    workforce_vacate(wf, from);
    record_move(wf, from, to, tenancy);
}

/* --- queries ------------------------------------------------------------ */

static int is_vacant(const struct post *p, int month)
{
    (void)month;
    return p->state == POST_VACANT;
}

static int is_promotable(const struct post *p, int month)
{
    return p->state == POST_FILLED && !(p->flags & (PF_NOTICE | PF_TRAINING | PF_AWAITING)) &&
           p->arrived < month;
}

static int find(const struct workforce *wf, gsl_rng *r, int grade,
                int (*ok)(const struct post *, int))
{
    int n = wf->count[grade];
    if (n == 0)
        return -1;
    const int *list = wf->list + wf->offset[grade];
    int start = (int)gsl_rng_uniform_int(r, (unsigned long)n);
    for (int k = 0; k < n; k++) {
        int i = list[(start + k) % n];
        if (ok(&wf->post[i], wf->month))
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

double workforce_recent_fte(const struct workforce *wf, int g, int window)
{
    double sum = 0;
    for (int k = 0; k < window && k < WORKFORCE_RECENT && wf->month - k >= 0; k++)
        sum += wf->stock[g].recent[(wf->month - k) % WORKFORCE_RECENT];
    return sum;
}

static int differ(double a, double b)
{
    return fabs(a - b) > 1e-6 * (1 + fabs(a));
}

int workforce_check(const struct workforce *wf)
{
    struct grade_stock s[SCENARIO_MAX_GRADES];
    memset(s, 0, sizeof s);
    int open = 0;
    for (int i = 0; i < wf->n_posts; i++) {
        const struct post *p = &wf->post[i];
        struct grade_stock *x = &s[p->grade];
        if (p->state == POST_CLOSED)
            continue;
        x->establishment_fte += p->fte;
        if (p->state == POST_FILLED) {
            x->in_post_fte += p->fte;
            x->training_fte += (p->flags & PF_TRAINING) ? p->fte : 0;
            if (is_recent(wf, p->started))
                x->recent[p->started % WORKFORCE_RECENT] += p->fte;
            continue;
        }
        if (wf->open[wf->open_at[i]] != i)
            return -1;
        open++;
        x->vacancy_fte += p->fte;
        x->open_posts += 1;
        x->since_sum += p->since;
        x->offered_fte += p->state == POST_OFFERED ? p->fte : 0;
        x->cover_fte += (p->flags & PF_AGENCY) ? p->fte : 0;
    }
    if (open != wf->n_open)
        return -1;
    for (int g = 0; g < wf->n_grades; g++) {
        const struct grade_stock *a = &s[g], *b = &wf->stock[g];
        if (differ(a->establishment_fte, b->establishment_fte) ||
            differ(a->in_post_fte, b->in_post_fte) || differ(a->vacancy_fte, b->vacancy_fte) ||
            differ(a->offered_fte, b->offered_fte) || differ(a->cover_fte, b->cover_fte) ||
            differ(a->open_posts, b->open_posts) || differ(a->since_sum, b->since_sum) ||
            differ(a->training_fte, b->training_fte))
            return -1;
        for (int k = 0; k < WORKFORCE_RECENT; k++)
            if (differ(a->recent[k], b->recent[k]))
                return -1;
    }
    return 0;
}

/* caseload: case pool, holders, allocation, queue, closures, transfers and
 * the 3+ workers indicator (see sim/model/caseload.h). */
#include "model/caseload.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/uncertainty.h"

_Static_assert(SCENARIO_MAX_CASE_TYPES <= UINT8_MAX + 1, "case_rec.type is a uint8_t");
_Static_assert(SCENARIO_MAX_GRADES <= UINT8_MAX + 1, "holder.grade is a uint8_t");
_Static_assert(SCENARIO_MAX_GRADES <= sizeof(unsigned) * CHAR_BIT, "grades tried are bits");
/* allocation and waiting months, stored as int16_t (durations are clamped) */
_Static_assert(SCENARIO_MAX_MONTHS <= INT16_MAX, "case months are int16_t");
/* a holder's tenancy is compared for equality with its post's (workforce.c) */
_Static_assert(sizeof(((struct holder *)0)->tenancy) == sizeof(((struct post *)0)->tenancy),
               "a holder keeps the tenancy in the post's own type");

#define KEYS 256   /* buckets per grade: whole cases of spare capacity */
#define OFFSET 128 /* key of spare capacity 0 */

/* --- set-up ------------------------------------------------------------- */

static int32_t to_units(double cases)
{
    return (int32_t)lround(cases * CASELOAD_UNIT);
}

/* Case slots: enough that running out is beyond any plausible draw: all
 * cases open at month 0 plus the expected arrivals (`total`, at scale 1,
 * times the largest demand multiplier) and ten standard deviations. */
static int case_capacity(const struct scenario *sc, double total)
{
    double most_arrivals = total * uncertainty_max_demand(sc);
    double bound = most_arrivals + 10 * sqrt(most_arrivals) + 1000;
    for (int t = 0; t < sc->n_case_types; t++)
        bound += sc->case_type[t].initial_open;
    return bound < 2e9 ? (int)bound : 2000000000;
}

/* A holder holds at most its target (x the hard cap when over target is
 * allowed) over the lightest case weight; a worker who moves grade keeps
 * cases, so the largest target of any grade bounds every holder. */
static int per_holder(const struct scenario *sc)
{
    double most = 0, lightest = 1e9;
    for (int g = 0; g < sc->n_grades; g++)
        most = sc->grade[g].target_caseload > most ? sc->grade[g].target_caseload : most;
    for (int t = 0; t < sc->n_case_types; t++)
        lightest = sc->case_type[t].weight < lightest ? sc->case_type[t].weight : lightest;
    if (sc->overflow == OVERFLOW_OVER_TARGET)
        most *= sc->hard_cap_ratio;
    return (int)ceil(most / lightest) + 2;
}

/* The sizes of caseload_alloc's arrays, from one place. */
struct layout {
    size_t slots, posts, held, buckets, months;
};

static struct layout layout_of(const struct scenario *sc, int capacity, int n_posts)
{
    struct layout l;
    l.slots = (size_t)capacity;
    l.posts = (size_t)(n_posts > 0 ? n_posts : 1);
    l.held = l.posts * (size_t)per_holder(sc);
    l.buckets = (size_t)sc->n_grades * KEYS;
    l.months = (size_t)(sc->months + 1);
    return l;
}

size_t caseload_bytes(const struct scenario *sc, int n_posts)
{
    const struct caseload *c = NULL;
    struct layout l = layout_of(sc, case_capacity(sc, demand_expected_total(sc)), n_posts);
    return sizeof *c + demand_bytes(sc) + l.held * sizeof *c->held +
           l.slots * (sizeof *c->cases + sizeof *c->event) + l.posts * sizeof *c->holder +
           l.buckets * sizeof *c->bucket +
           l.months * (sizeof *c->close_head + sizeof *c->event_head);
}

struct caseload *caseload_alloc(const struct scenario *sc, const struct workforce *wf)
{
    struct caseload *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->n_types = sc->n_case_types;
    c->months = sc->months;
    c->n_grades = sc->n_grades;
    for (int g = 0; g < sc->n_grades; g++)
        if (sc->grade[g].holds_cases)
            c->holding[c->n_holding++] = g;
    for (int t = 0; t < sc->n_case_types; t++)
        c->weight[t] = to_units(sc->case_type[t].weight);
    c->demand = demand_alloc(sc);
    if (c->demand == NULL) {
        caseload_free(c);
        return NULL;
    }
    c->capacity = case_capacity(sc, c->demand->total);
    c->n_posts = wf->capacity;
    c->per_holder = per_holder(sc);
    struct layout l = layout_of(sc, c->capacity, c->n_posts);
    c->held = malloc(l.held * sizeof *c->held);
    c->cases = calloc(l.slots, sizeof *c->cases);
    c->event = calloc(l.slots, sizeof *c->event);
    c->holder = calloc(l.posts, sizeof *c->holder);
    c->bucket = malloc(l.buckets * sizeof *c->bucket);
    c->close_head = malloc(l.months * sizeof *c->close_head);
    c->event_head = malloc(l.months * sizeof *c->event_head);
    if (c->held == NULL || c->cases == NULL || c->event == NULL || c->holder == NULL ||
        c->bucket == NULL || c->close_head == NULL || c->event_head == NULL) {
        caseload_free(c);
        return NULL;
    }
    return c;
}

void caseload_free(struct caseload *c)
{
    if (c == NULL)
        return;
    demand_free(c->demand);
    free(c->held);
    free(c->cases);
    free(c->event);
    free(c->holder);
    free(c->bucket);
    free(c->close_head);
    free(c->event_head);
    free(c);
}

static double weight(const struct scenario *sc, const struct case_rec *k)
{
    return sc->case_type[k->type].weight;
}

static int32_t units(const struct caseload *c, const struct case_rec *k)
{
    return c->weight[k->type];
}

/* --- holders in buckets by spare capacity -------------------------------- */

static int *heads(struct caseload *c, int g)
{
    return c->bucket + (size_t)g * KEYS;
}

static int key_of(const struct holder *h)
{
    /* floor((target - load) / unit) by an arithmetic shift */
    int k = ((h->target - h->load) >> 10) + OFFSET;
    return k < 0 ? 0 : k > KEYS - 1 ? KEYS - 1 : k;
}

static void bucket_insert(struct caseload *c, int g, int i)
{
    struct holder *h = &c->holder[i];
    int k = key_of(h), *head = heads(c, g);
    h->bucket = (int16_t)k;
    h->bprev = -1;
    h->bnext = head[k];
    if (head[k] >= 0)
        c->holder[head[k]].bprev = i;
    head[k] = i;
    if (k > c->bucket_top[g])
        c->bucket_top[g] = k;
}

static void bucket_remove(struct caseload *c, int g, int i)
{
    struct holder *h = &c->holder[i];
    if (h->bprev >= 0)
        c->holder[h->bprev].bnext = h->bnext;
    else
        heads(c, g)[h->bucket] = h->bnext;
    if (h->bnext >= 0)
        c->holder[h->bnext].bprev = h->bprev;
    h->bucket = -1;
}

static void rebucket(struct caseload *c, int g, int i)
{
    if (c->holder[i].bucket >= 0 && c->holder[i].bucket != key_of(&c->holder[i])) {
        bucket_remove(c, g, i);
        bucket_insert(c, g, i);
    }
}

static int top_key(struct caseload *c, int g)
{
    const int *head = heads(c, g);
    while (c->bucket_top[g] >= 0 && head[c->bucket_top[g]] < 0)
        c->bucket_top[g]--;
    return c->bucket_top[g];
}

/* The holder of grade g with most spare capacity that can take weight w
 * within `ratio` x target, other than `exclude`; -1 if none. */
static int pick_in_grade(struct caseload *c, int g, int32_t w, double ratio, int exclude)
{
    const int *head = heads(c, g);
    for (int k = top_key(c, g); k >= 0; k--) {
        /* spare capacity in this bucket is below k - OFFSET + 1 cases */
        if (ratio <= 1 && (k - OFFSET + 1) * CASELOAD_UNIT < w)
            return -1;
        int seen = 0;
        for (int i = head[k]; i >= 0; i = c->holder[i].bnext) {
            const struct holder *h = &c->holder[i];
            int32_t limit = ratio <= 1 ? h->target : (int32_t)(h->target * ratio);
            if (i != exclude && h->load + w <= limit && h->count < c->per_holder)
                return i;
            seen++;
        }
        if (ratio > 1 && seen > 0 && !(seen == 1 && head[k] == exclude))
            return -1; /* over target: only the most-spare holders are candidates */
    }
    return -1;
}

/* Preferred grade first, then grades in order of their most spare holder. */
static int pick(struct caseload *c, const struct scenario *sc, int type, double ratio, int exclude)
{
    int32_t w = c->weight[type];
    int pref = sc->case_type[type].preferred_grade_index;
    if (pref >= 0) {
        int i = pick_in_grade(c, pref, w, ratio, exclude);
        if (i >= 0)
            return i;
    }
    unsigned tried = pref >= 0 ? 1u << pref : 0u;
    for (int round = 0; round < c->n_holding; round++) {
        int best = -1, best_key = -1;
        for (int h = 0; h < c->n_holding; h++) {
            int g = c->holding[h];
            if (tried & (1u << g))
                continue;
            int k = top_key(c, g);
            if (k > best_key) {
                best_key = k;
                best = g;
            }
        }
        if (best < 0 || best_key < 0)
            return -1;
        tried |= 1u << best;
        int i = pick_in_grade(c, best, w, ratio, exclude);
        if (i >= 0)
            return i;
    }
    return -1;
}

static int find_holder(struct caseload *c, const struct scenario *sc, int type, int exclude)
{
    int i = pick(c, sc, type, 1.0, exclude);
    if (i < 0 && sc->overflow == OVERFLOW_OVER_TARGET)
        i = pick(c, sc, type, sc->hard_cap_ratio, exclude);
    return i;
}

/* --- the 3+ workers indicator ------------------------------------------- */

static int counted(const struct case_rec *k, int month)
{
    return k->n_alloc >= 3 && k->t2 > month - CASELOAD_WINDOW;
}

static void count_three_plus(struct caseload *c, const struct case_rec *k, int month, int delta)
{
    if (counted(k, month))
        c->three_plus[k->t2 % CASELOAD_WINDOW] += delta;
}

int caseload_three_plus(const struct caseload *c)
{
    int n = 0; /* the slot of month - 12 was cleared when the month began */
    for (int s = 0; s < CASELOAD_WINDOW; s++)
        n += c->three_plus[s];
    return n;
}

/* --- cases: the queue, holders' lists, allocation ------------------------ */

enum { QUEUE_RELEASED, QUEUE_NEW };

static void queue_push(struct caseload *c, const struct scenario *sc, int ci, int month, int q)
{
    struct case_rec *k = &c->cases[ci];
    k->holder = -1;
    k->waiting_since = (int16_t)month;
    k->queue = (uint8_t)q;
    k->next = -1;
    k->prev = c->queue_tail[q];
    if (c->queue_tail[q] >= 0)
        c->cases[c->queue_tail[q]].next = ci;
    else
        c->queue_head[q] = ci;
    c->queue_tail[q] = ci;
    c->n_queued++;
    c->queue_since_sum += month;
    c->queue_weight += weight(sc, k);
}

static void queue_remove(struct caseload *c, const struct scenario *sc, int ci)
{
    struct case_rec *k = &c->cases[ci];
    int q = k->queue;
    if (k->prev >= 0)
        c->cases[k->prev].next = k->next;
    else
        c->queue_head[q] = k->next;
    if (k->next >= 0)
        c->cases[k->next].prev = k->prev;
    else
        c->queue_tail[q] = k->prev;
    c->n_queued--;
    c->queue_since_sum -= k->waiting_since;
    c->queue_weight -= weight(sc, k);
}

static void unassign(struct caseload *c, int ci)
{
    struct case_rec *k = &c->cases[ci];
    struct holder *h = &c->holder[k->holder];
    int last = h->held[--h->count];
    h->held[k->prev] = last; /* the last case takes the place of the one leaving */
    c->cases[last].prev = k->prev;
    h->load -= units(c, k);
    rebucket(c, h->grade, k->holder);
    k->holder = -1;
}

static void schedule_transfer(struct caseload *c, const struct scenario *sc, int ci, int month)
{
    /* a case open at the start has already served `age` months */
    int after = sc->case_type[c->cases[ci].type].transfer_after_months - c->cases[ci].age;
    if (sc->case_type[c->cases[ci].type].transfer_after_months <= 0 || after <= 0 ||
        month + after > c->months)
        return;
    if (c->event_free < 0) {
        if (c->exhausted == CASELOAD_OK)
            c->exhausted = CASELOAD_EVENTS_FULL;
        return;
    }
    int e = c->event_free;
    c->event_free = c->event[e].next;
    c->event[e].case_index = ci;
    c->event[e].gen = c->cases[ci].gen;
    c->event[e].next = c->event_head[month + after];
    c->event_head[month + after] = e;
}

/* Give case ci to holder i in `month`; every allocation after the first is a
 * change of social worker. */
static void assign(struct caseload *c, const struct scenario *sc, int ci, int i, int month)
{
    struct case_rec *k = &c->cases[ci];
    struct holder *h = &c->holder[i];
    k->holder = i;
    k->prev = h->count;
    h->held[h->count++] = ci;
    h->load += units(c, k);
    c->events++;
    rebucket(c, h->grade, i);
    count_three_plus(c, k, month, -1);
    if (k->n_alloc > 0)
        c->transfers++;
    k->t2 = k->t1;
    k->t1 = (int16_t)month;
    if (k->n_alloc < 3)
        k->n_alloc++;
    count_three_plus(c, k, month, +1);
    if (k->close_at < 0) { /* first allocation: the case's clock starts */
        int at = month + k->duration;
        k->close_at = (int16_t)(at < INT16_MAX ? at : INT16_MAX);
        if (at <= c->months) {
            k->close_next = c->close_head[at];
            c->close_head[at] = ci;
        }
        schedule_transfer(c, sc, ci, month);
    }
}

static void serve_queue(struct caseload *c, const struct scenario *sc, int month)
{
    for (int q = QUEUE_RELEASED; q <= QUEUE_NEW; q++)
        while (c->queue_head[q] >= 0) {
            int ci = c->queue_head[q];
            int i = find_holder(c, sc, c->cases[ci].type, -1);
            if (i < 0)
                return; /* the next case fits nowhere: serving stops */
            queue_remove(c, sc, ci);
            assign(c, sc, ci, i, month);
        }
}

static int new_case(struct caseload *c, const struct scenario *sc, int type, int duration)
{
    if (c->free_head < 0) {
        if (c->exhausted == CASELOAD_OK)
            c->exhausted = CASELOAD_CASES_FULL;
        return -1;
    }
    int ci = c->free_head;
    struct case_rec *k = &c->cases[ci];
    c->free_head = k->next;
    uint16_t gen = k->gen;
    memset(k, 0, sizeof *k);
    k->gen = gen;
    k->type = (uint8_t)type;
    k->close_at = -1;
    k->duration = (int16_t)(duration < INT16_MAX ? duration : INT16_MAX);
    c->n_open++;
    c->events++;
    c->open_by_type[type]++;
    c->open_weight += sc->case_type[type].weight;
    return ci;
}

static void close_case(struct caseload *c, const struct scenario *sc, int ci, int month)
{
    struct case_rec *k = &c->cases[ci];
    if (k->holder >= 0)
        unassign(c, ci);
    else
        queue_remove(c, sc, ci);
    count_three_plus(c, k, month, -1);
    c->n_open--;
    c->events++;
    c->open_by_type[k->type]--;
    c->open_weight -= weight(sc, k);
    k->gen++;
    k->next = c->free_head;
    c->free_head = ci;
}

/* --- holders follow the workforce --------------------------------------- */

static int is_holder(const struct post *p)
{
    return p->state == POST_FILLED ||
           ((p->state == POST_VACANT || p->state == POST_OFFERED) && (p->flags & PF_AGENCY));
}

static int in_training(const struct post *p)
{
    return p->state == POST_FILLED && (p->flags & PF_TRAINING) != 0;
}

static int32_t target_of(const struct scenario *sc, const struct post *p)
{
    double t = sc->grade[p->grade].target_caseload * p->fte * (1 - sc->absence_rate);
    if (!in_training(p))
        return to_units(t);
    int r = scenario_route_of_grade(sc, p->grade);
    return to_units(r >= 0 ? t * sc->route[r].protected_caseload_share : t);
}

static void release(struct caseload *c, const struct scenario *sc, int i, int month)
{
    struct holder *h = &c->holder[i];
    while (h->count > 0) {
        int ci = h->held[h->count - 1];
        unassign(c, ci);
        queue_push(c, sc, ci, month, QUEUE_RELEASED);
    }
    bucket_remove(c, h->grade, i);
}

static void activate(struct caseload *c, const struct scenario *sc, const struct post *p, int i)
{
    struct holder *h = &c->holder[i];
    h->held = c->held + (size_t)i * (size_t)c->per_holder;
    h->count = 0;
    h->load = 0;
    h->grade = p->grade;
    h->tenancy = p->tenancy;
    h->agency = p->state != POST_FILLED;
    h->training = (uint8_t)in_training(p);
    h->target = target_of(sc, p);
    bucket_insert(c, p->grade, i);
}

/* A worker who moved post inside the council keeps their cases when both
 * posts hold cases: the holder moves with them (no change of worker). The
 * holder the worker replaces (a locum) releases theirs. */
static void follow_moves(struct caseload *c, const struct scenario *sc, const struct workforce *wf,
                         int month)
{
    for (int m = 0; m < wf->n_moves; m++) {
        int from = wf->move_from[m], to = wf->move_to[m];
        struct holder *src = &c->holder[from], *dst = &c->holder[to];
        const struct post *p = &wf->post[to];
        /* only the holder who was this worker when the month began */
        if (src->bucket < 0 || src->tenancy != wf->move_tenancy[m] ||
            !sc->grade[p->grade].holds_cases || p->state != POST_FILLED)
            continue;
        if (from == to) { /* a locum turned permanent: same worker, new terms */
            src->tenancy = p->tenancy;
            src->agency = 0;
            src->training = (uint8_t)in_training(p);
            src->target = target_of(sc, p);
            rebucket(c, src->grade, from);
            continue;
        }
        if (dst->bucket >= 0)
            release(c, sc, to, month);
        bucket_remove(c, src->grade, from);
        int32_t *held = c->held + (size_t)to * (size_t)c->per_holder;
        memcpy(held, src->held, (size_t)src->count * sizeof *held);
        *dst = *src;
        dst->held = held;
        src->count = 0;
        src->load = 0;
        for (int n = 0; n < dst->count; n++)
            c->cases[held[n]].holder = to;
        dst->grade = p->grade;
        dst->tenancy = p->tenancy;
        dst->agency = 0;
        dst->training = (uint8_t)in_training(p);
        dst->target = target_of(sc, p);
        bucket_insert(c, p->grade, to);
    }
}

static void sync_holders(struct caseload *c, const struct scenario *sc, const struct workforce *wf,
                         int month)
{
    follow_moves(c, sc, wf, month);
    for (int g = 0; g < sc->n_grades; g++) {
        if (!sc->grade[g].holds_cases)
            continue;
        for (int k = 0; k < wf->count[g]; k++) {
            int i = wf->list[wf->offset[g] + k];
            const struct post *p = &wf->post[i];
            struct holder *h = &c->holder[i];
            int present = is_holder(p), active = h->bucket >= 0;
            if (active && (!present || p->tenancy != h->tenancy)) {
                release(c, sc, i, month);
                active = 0;
            }
            if (present && !active) {
                activate(c, sc, p, i);
            } else if (present && h->training != in_training(p)) {
                h->training = (uint8_t)in_training(p);
                h->target = target_of(sc, p);
                rebucket(c, g, i);
            }
        }
    }
}

/* --- the month ---------------------------------------------------------- */

static void close_due(struct caseload *c, const struct scenario *sc, int month)
{
    for (int ci = c->close_head[month]; ci >= 0;) {
        int next = c->cases[ci].close_next;
        close_case(c, sc, ci, month);
        ci = next;
    }
    c->close_head[month] = -1;
}

static void transfer_due(struct caseload *c, const struct scenario *sc, int month)
{
    for (int e = c->event_head[month]; e >= 0;) {
        struct transfer_event *ev = &c->event[e];
        int next = ev->next, ci = ev->case_index;
        const struct case_rec *k = &c->cases[ci];
        if (k->gen == ev->gen && k->holder >= 0) {
            int i = find_holder(c, sc, k->type, k->holder);
            if (i >= 0) {
                unassign(c, ci);
                assign(c, sc, ci, i, month);
            }
        }
        ev->next = c->event_free;
        c->event_free = e;
        e = next;
    }
    c->event_head[month] = -1;
}

static void record_pressure(struct caseload *c, const struct scenario *sc,
                            const struct workforce *wf, int month)
{
    double capacity = 0;
    for (int g = 0; g < sc->n_grades; g++) {
        if (!sc->grade[g].holds_cases)
            continue;
        for (int k = 0; k < wf->count[g]; k++) {
            const struct holder *h = &c->holder[wf->list[wf->offset[g] + k]];
            if (h->bucket >= 0)
                capacity += (double)h->target / CASELOAD_UNIT;
        }
    }
    double p = capacity > 0 ? c->open_weight / capacity : (c->open_weight > 0 ? 10.0 : 0.0);
    c->pressure[month % CASELOAD_WINDOW] = p;
}

void caseload_set_demand_scale(struct caseload *c, double scale)
{
    c->demand->scale = scale;
}

double caseload_mean_pressure(const struct caseload *c, const struct scenario *sc, int month)
{
    int w = sc->feedback_window_months, n = 0;
    double sum = 0;
    for (int k = 0; k < w && month - k >= 0; k++, n++)
        sum += c->pressure[(month - k) % CASELOAD_WINDOW];
    return n > 0 ? sum / n : 0.0;
}

static void count_holders(const struct caseload *c, const struct workforce *wf, int g,
                          struct caseload_holders *x)
{
    for (int k = 0; k < wf->count[g]; k++) {
        int i = wf->list[wf->offset[g] + k];
        const struct holder *h = &c->holder[i];
        if (h->bucket < 0)
            continue;
        x->fte += wf->post[i].fte;
        x->cases += h->count;
        x->n += 1;
        x->over_target += h->load > h->target;
        x->agency_cases += h->agency ? h->count : 0;
    }
}

void caseload_observe(const struct caseload *c, const struct scenario *sc,
                      const struct workforce *wf, struct caseload_obs *o)
{
    memset(o, 0, sizeof *o);
    for (int g = 0; g < sc->n_grades; g++) {
        if (!sc->grade[g].holds_cases)
            continue;
        struct caseload_holders *x = &o->grade[g];
        count_holders(c, wf, g, x);
        o->all.fte += x->fte;
        o->all.n += x->n;
        o->all.cases += x->cases;
        o->all.over_target += x->over_target;
        o->all.agency_cases += x->agency_cases;
    }
    o->open = c->n_open;
    o->queued = c->n_queued;
    o->queued_months = c->n_queued * (double)wf->month - c->queue_since_sum;
    o->transfers = c->transfers;
    o->three_plus = caseload_three_plus(c);
    o->pressure = caseload_mean_pressure(c, sc, wf->month);
    memcpy(o->open_by_type, c->open_by_type, sizeof o->open_by_type);
}

static void clear(struct caseload *c, const struct scenario *sc)
{
    c->free_head = -1;
    for (int ci = c->capacity - 1; ci >= 0; ci--) {
        c->cases[ci].next = c->free_head;
        c->free_head = ci;
    }
    c->event_free = -1;
    for (int e = c->capacity - 1; e >= 0; e--) {
        c->event[e].next = c->event_free;
        c->event_free = e;
    }
    for (int m = 0; m <= c->months; m++)
        c->close_head[m] = c->event_head[m] = -1;
    for (size_t b = 0; b < (size_t)sc->n_grades * KEYS; b++)
        c->bucket[b] = -1;
    for (int g = 0; g < sc->n_grades; g++)
        c->bucket_top[g] = -1;
    for (int i = 0; i < c->n_posts; i++)
        c->holder[i].bucket = -1;
    c->n_open = c->n_queued = 0;
    c->queue_head[0] = c->queue_head[1] = c->queue_tail[0] = c->queue_tail[1] = -1;
    c->queue_since_sum = c->queue_weight = c->open_weight = 0;
    memset(c->open_by_type, 0, sizeof c->open_by_type);
    memset(c->three_plus, 0, sizeof c->three_plus);
    memset(c->pressure, 0, sizeof c->pressure);
    c->leaving_multiplier = 1.0;
    c->transfers = 0;
    c->exhausted = CASELOAD_OK;
    c->events = 0;
}

/* A new case joins the back of the queue; when nobody is waiting it goes
 * straight to a holder with room (the same outcome, without queue work). */
static void arrive(struct caseload *c, const struct scenario *sc, int type, int duration, int age,
                   int month)
{
    int ci = new_case(c, sc, type, duration);
    if (ci < 0)
        return;
    c->cases[ci].age = (int16_t)(age < INT16_MAX ? age : INT16_MAX);
    int waiting = c->queue_head[QUEUE_RELEASED] >= 0 || c->queue_head[QUEUE_NEW] >= 0;
    int i = waiting ? -1 : find_holder(c, sc, type, -1);
    if (i >= 0)
        assign(c, sc, ci, i, month);
    else
        queue_push(c, sc, ci, month, QUEUE_NEW);
}

void caseload_reset(struct caseload *c, const struct scenario *sc, const struct workforce *wf,
                    gsl_rng *r)
{
    clear(c, sc);
    sync_holders(c, sc, wf, 0);
    for (int t = 0; t < c->n_types; t++)
        for (int n = 0; n < sc->case_type[t].initial_open; n++) {
            int age = 0, rest = demand_initial_case(c->demand, sc, r, t, &age);
            arrive(c, sc, t, rest, age, 0);
        }
    serve_queue(c, sc, 0);
    c->transfers = 0;
    record_pressure(c, sc, wf, 0);
}

enum caseload_full caseload_step(struct caseload *c, const struct scenario *sc,
                                 const struct workforce *wf, gsl_rng *r)
{
    int month = wf->month;
    c->transfers = 0;
    c->three_plus[month % CASELOAD_WINDOW] = 0; /* allocations of a year ago drop out */
    close_due(c, sc, month);
    sync_holders(c, sc, wf, month);
    transfer_due(c, sc, month);
    for (int t = 0; t < c->n_types; t++) {
        unsigned int n = demand_arrivals(c->demand, r, t, month);
        for (unsigned int a = 0; a < n; a++)
            arrive(c, sc, t, demand_duration(c->demand, sc, r, t), 0, month);
    }
    serve_queue(c, sc, month);
    record_pressure(c, sc, wf, month);
    assert(c->n_queued >= 0 && c->n_queued <= c->n_open && c->n_open <= c->capacity);
    return c->exhausted;
}

/* goal: the lever value meeting a target with a given probability (see
 * include/wfsim/goal.h for the method). */
#include "wfsim/goal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "wfsim/bundle.h"
#include "wfsim/csv.h"
#include "wfsim/scenario_write.h"

#define Z_95 1.96

/* The search's state: the request, its parsed lever and targets, and every
 * evaluated value with which replicates met the goal there (one bit each,
 * for the paired differences). */
struct goal {
    const struct goal_request *rq;
    struct vary lever;
    struct target target[GOAL_MAX_TARGETS];
    int n_targets;
    enum target_measure measure;
    double q;
    int R;
    size_t words; /* 64-bit words of a point's bits */
    struct scenario *sc;
    int n; /* points evaluated, in evaluation order */
    struct goal_point pt[GOAL_MAX_POINTS];
    uint64_t *met[GOAL_MAX_POINTS];
    int estimate; /* the evaluations expected, for progress */
    struct error *e;
    int failed; /* an evaluation inside the GSL solver failed (e says why) */
};

void goal_value_text(const struct vary *v, double x, char *buf, size_t size)
{
    if (v->type == KEY_DOUBLE)
        snprintf(buf, size, "%.6g", x);
    else
        snprintf(buf, size, "%.0f", x);
}

/* g->sc: the scenario at lever value v. 0, or -1 with e. */
static int load_at(struct goal *g, double v, struct error *e)
{
    const struct goal_request *rq = g->rq;
    return vary_load_as("--lever", g->sc, rq->n_files, rq->files, rq->n_sets, rq->sets, 1,
                        &g->lever, &v, e);
}

static void goal_progress(void *ctx, long done, long total)
{
    const struct goal *g = ctx;
    int estimate = g->estimate > g->n + 1 ? g->estimate : g->n + 1;
    g->rq->progress(g->rq->progress_ctx, g->n * total + done, estimate * total);
}

/* Whether replicate k meets every target, by the measure. */
static int replicate_meets(const struct goal *g, const struct run_store *st, int k)
{
    for (int t = 0; t < g->n_targets; t++) {
        int met[N_TARGET_MEASURES];
        target_outcomes(&g->target[t], st, k, met);
        if (!met[g->measure])
            return 0;
    }
    return 1;
}

/* The point of lever value v: an earlier one, or a new run. Its index in
 * g->pt in *index; 0, or -1 with g->e. */
static int evaluate(struct goal *g, double v, int *index)
{
    for (int i = 0; i < g->n; i++)
        if (g->pt[i].value == v) {
            *index = i;
            return 0;
        }
    if (g->n >= GOAL_MAX_POINTS)
        return error_set(g->e, ERROR_RUNTIME, "goal: more than %d evaluations", GOAL_MAX_POINTS);
    const struct goal_request *rq = g->rq;
    if (load_at(g, v, g->e) != 0)
        return -1;
    for (int t = 0; t < g->n_targets; t++)
        if (target_resolve("--target", &g->target[t], g->sc, g->e) != 0)
            return -1;
    uint64_t *bits = calloc(g->words, sizeof *bits);
    if (bits == NULL)
        return error_set(g->e, ERROR_RUNTIME, "out of memory");
    struct run_store st;
    if (engine_run(g->sc, rq->threads, rq->progress != NULL ? goal_progress : NULL, g, &st, g->e) !=
        0) {
        free(bits);
        return -1;
    }
    int hits = 0;
    for (int k = 0; k < g->R; k++)
        if (replicate_meets(g, &st, k)) {
            bits[k / 64] |= (uint64_t)1 << (k % 64);
            hits++;
        }
    engine_store_destroy(&st);
    double p = (double)hits / g->R;
    g->met[g->n] = bits;
    g->pt[g->n] = (struct goal_point){v, p, sqrt(p * (1 - p) / g->R), g->n + 1};
    *index = g->n++;
    return 0;
}

static int meets(const struct goal *g, int i)
{
    return g->pt[i].p >= g->q;
}

/* The paired difference P(b) - P(a) over the replicates, and its standard
 * error sd(d_k) / sqrt(R), d_k in {-1, 0, 1}. */
static double paired_se(const struct goal *g, int a, int b)
{
    long up = 0, down = 0;
    for (size_t w = 0; w < g->words; w++) {
        up += __builtin_popcountll(g->met[b][w] & ~g->met[a][w]);
        down += __builtin_popcountll(g->met[a][w] & ~g->met[b][w]);
    }
    int R = g->R;
    double mean = (double)(up - down) / R;
    double var = R > 1 ? ((double)(up + down) - R * mean * mean) / (R - 1) : 0;
    return var > 0 ? sqrt(var / R) : 0;
}

/* Refuse a response that goes the wrong way: over every pair a < b, the
 * fall (a rise, with largest) of P in paired standard errors; the pair
 * that departs most is named when it passes GOAL_MONOTONE_SE. */
static int check_monotone(const struct goal *g)
{
    double worst = 0;
    int wa = -1, wb = -1;
    for (int a = 0; a < g->n; a++)
        for (int b = 0; b < g->n; b++) {
            if (!(g->pt[a].value < g->pt[b].value))
                continue;
            double fall = g->rq->largest ? g->pt[b].p - g->pt[a].p : g->pt[a].p - g->pt[b].p;
            if (fall <= 0)
                continue;
            double se = paired_se(g, a, b);
            double z = se > 0 ? fall / se : INFINITY;
            if (z > GOAL_MONOTONE_SE && z > worst) {
                worst = z;
                wa = a;
                wb = b;
            }
        }
    if (wa < 0)
        return 0;
    char va[40], vb[40], lo[40], hi[40];
    goal_value_text(&g->lever, g->pt[wa].value, va, sizeof va);
    goal_value_text(&g->lever, g->pt[wb].value, vb, sizeof vb);
    goal_value_text(&g->lever, g->lever.from, lo, sizeof lo);
    goal_value_text(&g->lever, g->lever.to, hi, sizeof hi);
    char z[40];
    snprintf(z, sizeof z, isinf(worst) ? "every replicate" : "%.1f paired SE", worst);
    return error_set(g->e, ERROR_INPUT,
                     "--lever: the probability is not monotone in %s over [%s, %s]: P(%s)=%.3f, "
                     "P(%s)=%.3f (%s %s where it should %s)",
                     g->lever.key, lo, hi, va, g->pt[wa].p, vb, g->pt[wb].p,
                     g->rq->largest ? "a rise of" : "a fall of", z,
                     g->rq->largest ? "fall" : "rise");
}

/* Refuse an unreachable goal, with the best probability and where. */
static int unreachable(const struct goal *g, const char *targets)
{
    int best = 0;
    for (int i = 1; i < g->n; i++)
        if (g->pt[i].p > g->pt[best].p)
            best = i;
    char at[40], lo[40], hi[40];
    goal_value_text(&g->lever, g->pt[best].value, at, sizeof at);
    goal_value_text(&g->lever, g->lever.from, lo, sizeof lo);
    goal_value_text(&g->lever, g->lever.to, hi, sizeof hi);
    return error_set(g->e, ERROR_INPUT,
                     "--target: %s: not met with probability >= %g at any %s in [%s, %s]: the "
                     "best is P = %.3f (SE %.3f) at %s",
                     targets, g->q, g->lever.key, lo, hi, g->pt[best].p, g->pt[best].se, at);
}

/* GSL's function: P(v) - q, a value meeting it (P = q too) positive. */
static double gap(double v, void *ctx)
{
    struct goal *g = ctx;
    int i = 0;
    if (g->failed || evaluate(g, v, &i) != 0) {
        g->failed = 1;
        return NAN;
    }
    return meets(g, i) ? fmax(g->pt[i].p - g->q, 0.5 / g->R) : g->pt[i].p - g->q;
}

/* Narrow the bracket (a: does not meet, b: meets) to the answer's index. */
static int bisect(struct goal *g, int a, int b, int *answer)
{
    if (g->lever.type != KEY_DOUBLE) {
        while (fabs(g->pt[b].value - g->pt[a].value) > 1) {
            int m = 0;
            if (evaluate(g, floor((g->pt[a].value + g->pt[b].value) / 2), &m) != 0)
                return -1;
            if (meets(g, m))
                b = m;
            else
                a = m;
        }
        *answer = b;
        return 0;
    }
    double lo = fmin(g->pt[a].value, g->pt[b].value), hi = fmax(g->pt[a].value, g->pt[b].value);
    gsl_function fn = {gap, g};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_bisection);
    if (s == NULL)
        return error_set(g->e, ERROR_RUNTIME, "out of memory");
    int rc = gsl_root_fsolver_set(s, &fn, lo, hi);
    for (int it = 0; rc == GSL_SUCCESS && !g->failed && it < 64; it++) {
        rc = gsl_root_fsolver_iterate(s);
        lo = gsl_root_fsolver_x_lower(s);
        hi = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(lo, hi,
                                   g->lever.to - g->lever.from > 0
                                       ? (g->lever.to - g->lever.from) / GOAL_TOLERANCE_DIVISOR
                                       : 0,
                                   0) == GSL_SUCCESS)
            break;
    }
    gsl_root_fsolver_free(s);
    if (g->failed)
        return -1;
    if (rc != GSL_SUCCESS)
        return error_set(g->e, ERROR_RUNTIME, "goal: the root bracketing failed (%s)",
                         gsl_strerror(rc));
    /* the end that meets it: the upper one rising, the lower one with largest */
    return evaluate(g, g->rq->largest ? lo : hi, answer);
}

/* The point indices in lever order. */
static void lever_order(const struct goal *g, int *order)
{
    for (int i = 0; i < g->n; i++)
        order[i] = i;
    for (int i = 1; i < g->n; i++)
        for (int j = i; j > 0 && g->pt[order[j - 1]].value > g->pt[order[j]].value; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* Where P + z SE crosses q, interpolated between the evaluated values: in
 * search order, the first value it reaches q at (last 0), or the value
 * after which it stays at or above q (last 1); the range's ends if none. */
static double crossing(const struct goal *g, const int *order, double z, int last)
{
    int n = g->n;
    double c[GOAL_MAX_POINTS], v[GOAL_MAX_POINTS]; /* in search order */
    for (int j = 0; j < n; j++) {
        const struct goal_point *p = &g->pt[order[g->rq->largest ? n - 1 - j : j]];
        c[j] = p->p + z * p->se;
        v[j] = p->value;
    }
    int i = -1; /* the point reaching q, after one that does not */
    if (!last)
        for (int j = 0; j < n && i < 0; j++)
            i = c[j] >= g->q ? j : -1;
    else
        for (int j = n - 1; j >= 0 && i < 0; j--)
            i = c[j] < g->q ? j + 1 : -1;
    if (i < 0) /* never reaches it, or (last) never falls below it */
        return last ? v[0] : v[n - 1];
    if (i == 0 || i == n)
        return v[i == 0 ? 0 : n - 1];
    return v[i - 1] + (g->q - c[i - 1]) / (c[i] - c[i - 1]) * (v[i] - v[i - 1]);
}

/* The neighbour of the answer at offset d, when inside the range. */
static int neighbour(struct goal *g, double answer, double d, int *has, struct goal_point *out)
{
    double v = answer + d;
    int i = 0;
    *has = v >= g->lever.from && v <= g->lever.to;
    if (!*has)
        return 0;
    if (evaluate(g, v, &i) != 0)
        return -1;
    *out = g->pt[i];
    return 0;
}

static int search(struct goal *g, struct goal_result *res)
{
    int grid[GOAL_GRID];
    double from = g->lever.from, to = g->lever.to;
    for (int i = 0; i < GOAL_GRID; i++) {
        int k = g->rq->largest ? GOAL_GRID - 1 - i : i; /* search order */
        double v = k == 0               ? from
                   : k == GOAL_GRID - 1 ? to
                                        : from + (to - from) * k / (GOAL_GRID - 1);
        if (evaluate(g, vary_round(&g->lever, v), &grid[i]) != 0)
            return -1;
    }
    if (check_monotone(g) != 0)
        return -1;
    int first = -1;
    for (int i = 0; i < GOAL_GRID && first < 0; i++)
        if (meets(g, grid[i]))
            first = i;
    if (first < 0)
        return unreachable(g, res->target);
    int answer = grid[first];
    res->at_range_end = first == 0;
    if (first > 0 && bisect(g, grid[first - 1], grid[first], &answer) != 0)
        return -1;
    res->answer = g->pt[answer];
    double step = g->lever.type == KEY_DOUBLE ? (to - from) / GOAL_TOLERANCE_DIVISOR : 1;
    res->tolerance = step;
    double v = res->answer.value;
    if (neighbour(g, v, -step, &res->has_below, &res->below) != 0 ||
        neighbour(g, v, step, &res->has_above, &res->above) != 0)
        return -1;
    return check_monotone(g);
}

static void summarise(const struct goal *g, struct goal_result *res)
{
    int order[GOAL_MAX_POINTS];
    lever_order(g, order);
    res->n_points = g->n;
    for (int j = 0; j < g->n; j++)
        res->point[j] = g->pt[order[j]];
    double first = crossing(g, order, Z_95, 0), second = crossing(g, order, -Z_95, 1);
    res->interval_low = fmin(first, second);
    res->interval_high = fmax(first, second);
}

/* goal.csv, goal_answer.csv and the scenario at the answer, then commit. */
static int write_results(struct goal *g, struct goal_result *res, struct error *e)
{
    struct bundle *b = bundle_alloc(res->dir, e);
    if (b == NULL)
        return -1;
    FILE *pts = bundle_file(b, "goal.csv", e);
    FILE *ans = pts != NULL ? bundle_file(b, "goal_answer.csv", e) : NULL;
    FILE *cfg = ans != NULL ? bundle_file(b, "scenario.cfg", e) : NULL;
    int rc = cfg != NULL ? 0 : -1;
    if (rc == 0) {
        fputs(GOAL_HEADER "\n", pts);
        for (int j = 0; j < res->n_points; j++) {
            const struct goal_point *p = &res->point[j];
            fprintf(pts, "%.17g", p->value);
            csv_number(pts, p->p);
            csv_number(pts, p->se);
            fprintf(pts, ",%d,%d\n", p->p >= g->q, p->step);
        }
        fputs(GOAL_ANSWER_HEADER "\n", ans);
        fprintf(ans, "%s,%s,", g->lever.key, g->rq->largest ? "largest" : "smallest");
        csv_quote(ans, res->target);
        fprintf(ans, ",%s,%g,%.17g", target_measure_name(g->measure), g->q, res->answer.value);
        csv_number(ans, res->answer.p);
        csv_number(ans, res->answer.se);
        const struct goal_point *nb[2] = {res->has_below ? &res->below : NULL,
                                          res->has_above ? &res->above : NULL};
        for (int i = 0; i < 2; i++) {
            if (nb[i] != NULL)
                fprintf(ans, ",%.17g", nb[i]->value);
            else
                fputs(",NA", ans);
            csv_number(ans, nb[i] != NULL ? nb[i]->p : NAN);
            csv_number(ans, nb[i] != NULL ? nb[i]->se : NAN);
        }
        csv_number(ans, res->interval_low);
        csv_number(ans, res->interval_high);
        fprintf(ans, ",%.17g,%d\n", res->tolerance, res->at_range_end);
        /* the scenario at the answer */
        rc = load_at(g, res->answer.value, e);
        if (rc == 0 && scenario_write(g->sc, cfg) != 0)
            rc = error_set(e, ERROR_RUNTIME, "cannot format the scenario");
        if (rc == 0)
            res->n_warnings = scenario_warnings(g->sc, res->warning, SCENARIO_MAX_WARNINGS);
    }
    char at[40];
    goal_value_text(&g->lever, res->answer.value, at, sizeof at);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e, "lever: %s over [%.17g, %.17g], the %s value",
                         g->lever.key, g->lever.from, g->lever.to,
                         g->rq->largest ? "largest" : "smallest");
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_HEAD, e, "goal: %s (%s) with probability >= %g", res->target,
                         target_measure_name(g->measure), g->q);
    if (rc == 0)
        rc = bundle_note(b, BUNDLE_TAIL, e, "answer: %s (%d evaluations)", at, res->n_points);
    for (int i = 0; rc == 0 && i < res->n_warnings; i++)
        rc = bundle_note(b, BUNDLE_TAIL, e, "warning: %s", res->warning[i]);
    struct bundle_provenance p = {
        g->rq->command_line,
        g->sc->name,
        g->sc->seed,
        g->sc->replicates,
        NULL,
        "streams and counter-based splitmix64 (as wfsim run); replicate k shares its random "
        "numbers at every lever value",
        NULL,
        bundle_hash(b, "scenario.cfg"),
        "scenario.cfg"};
    if (rc == 0)
        rc = bundle_commit(b, &p, e);
    bundle_free(b);
    return rc;
}

/* Parse the lever, the targets and the measure; load the scenario at MIN
 * to check the targets and fix the replicates. */
static int prepare(struct goal *g, const struct goal_request *rq, struct goal_result *res,
                   struct error *e)
{
    if (vary_parse("--lever", rq->lever != NULL ? rq->lever : "", 0, &g->lever, e) != 0)
        return -1;
    if (!(rq->confidence > 0 && rq->confidence < 1))
        return error_set(e, ERROR_INPUT, "--confidence: must be a number in (0, 1) (got %g)",
                         rq->confidence);
    if (rq->n_targets < 1 || rq->n_targets > GOAL_MAX_TARGETS)
        return error_set(e, ERROR_INPUT, "--target: goal takes 1 to %d targets (got %d)",
                         GOAL_MAX_TARGETS, rq->n_targets);
    const char *measure = rq->measure != NULL ? rq->measure : "at_date";
    g->measure = N_TARGET_MEASURES;
    for (int m = 0; m < N_TARGET_MEASURES; m++)
        if (strcmp(measure, target_measure_name(m)) == 0)
            g->measure = m;
    if (g->measure == N_TARGET_MEASURES)
        return error_set(e, ERROR_INPUT,
                         "--measure: %s: must be at_date, first_met_by or kept_from", measure);
    size_t used = 0;
    for (int t = 0; t < rq->n_targets; t++) {
        if (target_parse("--target", rq->targets[t], &g->target[t], e) != 0)
            return -1;
        int w = snprintf(res->target + used, sizeof res->target - used, "%s%s", t ? " and " : "",
                         g->target[t].text);
        used += w > 0 ? (size_t)w : 0;
    }
    g->n_targets = rq->n_targets;
    g->q = rq->confidence;
    if ((g->sc = malloc(sizeof *g->sc)) == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    if (load_at(g, g->lever.from, e) != 0)
        return -1;
    for (int t = 0; t < g->n_targets; t++)
        if (target_resolve("--target", &g->target[t], g->sc, e) != 0)
            return -1;
    g->R = g->sc->replicates;
    g->words = ((size_t)g->R + 63) / 64;
    double span = g->lever.type == KEY_DOUBLE ? GOAL_TOLERANCE_DIVISOR
                                              : (g->lever.to - g->lever.from) / (GOAL_GRID - 1);
    g->estimate = GOAL_GRID + 2 + (span > 1 ? (int)ceil(log2(span)) : 0);
    if (rq->out_dir != NULL)
        snprintf(res->dir, sizeof res->dir, "%s", rq->out_dir);
    else
        snprintf(res->dir, sizeof res->dir, "results/goal_%s", g->sc->name);
    return bundle_check(res->dir, e);
}

int goal_run(const struct goal_request *rq, struct goal_result *res, struct error *e)
{
    memset(res, 0, sizeof *res);
    struct goal *g = calloc(1, sizeof *g);
    if (g == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    g->rq = rq;
    g->e = e;
    int rc = prepare(g, rq, res, e);
    if (rc == 0)
        rc = search(g, res);
    if (g->n > 0 && rq->progress != NULL) /* the end of the progress line */
        rq->progress(rq->progress_ctx, (long)g->n * g->R, (long)g->n * g->R);
    if (rc == 0) {
        res->lever = g->lever;
        res->measure = g->measure;
        res->confidence = g->q;
        res->largest = rq->largest;
        res->replicates = g->R;
        summarise(g, res);
        rc = write_results(g, res, e);
    }
    for (int i = 0; i < g->n; i++)
        free(g->met[i]);
    free(g->sc);
    free(g);
    return rc;
}

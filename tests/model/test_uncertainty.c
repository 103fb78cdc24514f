/* test_uncertainty: per-replicate parameter uncertainty (sim/model/uncertainty.h).
 * The switch, the multipliers applied to a scenario (hand-computed), the four
 * clamped normal draws (reproduced from the same stream, and their moments
 * against closed forms with fixed seeds and bounds of 4 standard errors), the
 * draw made by model_reset from RNG_PARAMS, and runs: no change with every sd
 * 0, wider bands with uncertainty, demand scaled by E[exp(sd z)], the same
 * result for any thread count. */
#include "support/caseload_testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "model/model.h"
#include "model/rates.h"
#include "base/rng.h"
#include "model/uncertainty.h"

/* Two grades, agency cover, a case type: every parameter the module moves. */
static const char *const TWO_GRADES =
    "name = \"uncertain\";\n"
    "simulation = { start = \"2024-09\"; months = 30; replicates = 11; seed = 90211L; };\n"
    "grades = {\n"
    "  nqsw = { posts_fte = 14.0; initial_in_post_fte = 10.0; annual_leaving_rate = 0.21;\n"
    "    monthly_fill_probability = 0.05; target_caseload = 14.0; };\n"
    "  sw = { posts_fte = 60.0; initial_in_post_fte = 47.0; initial_agency_fte = 6.0;\n"
    "    annual_leaving_rate = 0.17; monthly_fill_probability = 0.07; target_caseload = 17.0; };\n"
    "};\n"
    "agency = { cover_probability = 0.4; };\n"
    "case_types = {\n"
    "  cin = { arrivals_per_month = 30.0; initial_open = 600; mean_months = 20.0; };\n"
    "  cp = { arrivals_per_month = 6.0; initial_open = 200; mean_months = 30.0; };\n"
    "};\n";

static const char *const ALL_SDS = "uncertainty = { leaving_rate_sd = 0.25; "
                                   "fill_probability_sd = 0.3; cover_logit_sd = 0.7; "
                                   "demand_sd = 0.2; };\n";

static struct scenario *load(const char *text, const char *overlay, int n_sets,
                             const char *const *sets)
{
    struct scenario *sc = testutil_load_new(text, overlay, n_sets, sets);
    return sc;
}

static size_t store_floats(const struct run_store *st)
{
    return (size_t)st->replicates * (size_t)st->n_series * (size_t)st->months;
}

static size_t annual_floats(const struct run_store *st)
{
    return (size_t)st->replicates * (size_t)st->n_series * (size_t)st->n_years;
}

static double clamp3(double z)
{
    return z < -UNCERTAINTY_MAX_Z  ? -UNCERTAINTY_MAX_Z
           : z > UNCERTAINTY_MAX_Z ? UNCERTAINTY_MAX_Z
                                   : z;
}

/* Moments of the standard normal clamped to [-3, 3], Zc:
 *   Var Zc = (2 Phi(3) - 1) - 6 phi(3) + 9 * 2 Q(3)   (about 0.99501);
 *   E[exp(t Zc)] = exp(t^2 / 2) (Phi(3 - t) - Phi(-3 - t)) + Q(3) (e^{3t} + e^{-3t}). */
static double clamped_variance(void)
{
    double q = gsl_cdf_ugaussian_Q(3.0);
    return (1 - 2 * q) - 6 * gsl_ran_ugaussian_pdf(3.0) + 18 * q;
}

static double clamped_mgf(double t)
{
    double q = gsl_cdf_ugaussian_Q(3.0);
    return exp(t * t / 2) * (gsl_cdf_ugaussian_P(3 - t) - gsl_cdf_ugaussian_P(-3 - t)) +
           q * (exp(3 * t) + exp(-3 * t));
}

static void test_uncertainty_enabled_when_any_sd_is_positive(void **state)
{
    (void)state;
    struct scenario *sc = load(TESTUTIL_MINIMAL, NULL, 0, NULL);
    assert_int_equal(uncertainty_enabled(sc), 0);
    assert_close(uncertainty_max_demand(sc), 1.0, 0);
    free(sc);
    const char *zeros[] = {"uncertainty.leaving_rate_sd=0.0", "uncertainty.fill_probability_sd=0.0",
                           "uncertainty.cover_logit_sd=0.0", "uncertainty.demand_sd=0.0"};
    sc = load(TESTUTIL_MINIMAL, NULL, 4, zeros);
    assert_int_equal(uncertainty_enabled(sc), 0);
    free(sc);
    const char *one[] = {"uncertainty.leaving_rate_sd=0.05", "uncertainty.fill_probability_sd=0.05",
                         "uncertainty.cover_logit_sd=0.05", "uncertainty.demand_sd=0.3"};
    for (int i = 0; i < 4; i++) {
        sc = load(TESTUTIL_MINIMAL, NULL, 1, &one[i]);
        assert_int_equal(uncertainty_enabled(sc), 1);
        /* only the demand sd widens the case pool */
        assert_close(uncertainty_max_demand(sc), i == 3 ? exp(0.9) : 1.0, 1e-15);
        free(sc);
    }
}

/* Multipliers applied by hand: leaving x 1.5, fill x 2 (capped at 1), cover
 * on the logit scale (0.5 with shift log 3 -> odds 3 -> 0.75), arrivals x 0.8;
 * the base is not touched and nothing else changes. */
static void test_uncertainty_apply_by_hand(void **state)
{
    (void)state;
    const char *sets[] = {"agency.cover_probability=0.5"};
    struct scenario *base = load(TWO_GRADES, NULL, 1, sets);
    struct scenario *copy = malloc(sizeof *copy), *out = malloc(sizeof *out),
                    *expect = malloc(sizeof *expect);
    struct uncertainty u = {.leave = 1.5, .fill = 2.0, .demand = 0.8, .cover_shift = log(3.0)};
    base->grade[1].monthly_fill_probability = 0.7; /* doubled: capped at 1 */
    memcpy(copy, base, sizeof *copy);
    memcpy(out, base, sizeof *out); /* so padding bytes compare equal below */
    uncertainty_apply(base, &u, out);
    assert_memory_equal(base, copy, sizeof *base);
    assert_close(out->grade[0].annual_leaving_rate, 0.21 * 1.5, 1e-15);
    assert_close(out->grade[1].annual_leaving_rate, 0.17 * 1.5, 1e-15);
    assert_close(out->grade[0].monthly_fill_probability, 0.10, 1e-15);
    assert_close(out->grade[1].monthly_fill_probability, 1.0, 0);
    assert_close(out->agency_cover_probability, 0.75, 1e-15);
    assert_close(out->case_type[0].arrivals_per_month, 24.0, 1e-13);
    assert_close(out->case_type[1].arrivals_per_month, 4.8, 1e-14);
    /* everything else is the base's */
    memcpy(expect, base, sizeof *expect);
    for (int g = 0; g < 2; g++) {
        expect->grade[g].annual_leaving_rate = out->grade[g].annual_leaving_rate;
        expect->grade[g].monthly_fill_probability = out->grade[g].monthly_fill_probability;
    }
    expect->agency_cover_probability = out->agency_cover_probability;
    for (int t = 0; t < 2; t++)
        expect->case_type[t].arrivals_per_month = out->case_type[t].arrivals_per_month;
    assert_memory_equal(out, expect, sizeof *out);

    /* a negative shift: logit 0.2 = log(1/4); minus log 2 -> odds 1/8 -> 1/9 */
    base->agency_cover_probability = 0.2;
    u.cover_shift = -log(2.0);
    uncertainty_apply(base, &u, out);
    assert_close(out->agency_cover_probability, 1.0 / 9, 1e-15);
    /* cover 0 and 1 stay as they are whatever the shift */
    u.cover_shift = 2.5;
    base->agency_cover_probability = 0.0;
    uncertainty_apply(base, &u, out);
    assert_close(out->agency_cover_probability, 0.0, 0);
    base->agency_cover_probability = 1.0;
    u.cover_shift = -2.5;
    uncertainty_apply(base, &u, out);
    assert_close(out->agency_cover_probability, 1.0, 0);
    /* multipliers of 1 and no shift: the base itself */
    struct uncertainty none = {.leave = 1, .fill = 1, .demand = 1, .cover_shift = 0};
    base->agency_cover_probability = 0.5;
    base->grade[1].monthly_fill_probability = 0.07;
    uncertainty_apply(base, &none, out);
    assert_close(out->agency_cover_probability, 0.5, 1e-15);
    assert_close(out->grade[1].monthly_fill_probability, 0.07, 0);
    assert_close(out->case_type[0].arrivals_per_month, 30.0, 0);
    free(expect);
    free(out);
    free(copy);
    free(base);
}

/* The draw is z1..z4 from the stream in that order (leave, fill, cover,
 * demand), each clamped, and consumes exactly those four normals whatever the
 * sds: the next number from the stream is the same. */
static void test_uncertainty_draw_is_four_clamped_normals_in_order(void **state)
{
    (void)state;
    struct scenario *a = load(TESTUTIL_MINIMAL, NULL, 0, NULL);
    struct scenario *b = load(TESTUTIL_MINIMAL, NULL, 0, NULL);
    a->uncertainty_leaving_sd = 0.1;
    a->uncertainty_fill_sd = 0.2;
    a->uncertainty_cover_sd = 0.3;
    a->uncertainty_demand_sd = 0.4;
    b->uncertainty_demand_sd = 1.7; /* the others 0 */
    gsl_rng *ra = gsl_rng_alloc(rng_type()), *rb = gsl_rng_alloc(rng_type()),
            *ref = gsl_rng_alloc(rng_type());
    assert_non_null(ra);
    assert_non_null(rb);
    assert_non_null(ref);
    for (unsigned long seed = 1; seed <= 200; seed++) {
        gsl_rng_set(ra, seed);
        gsl_rng_set(rb, seed);
        gsl_rng_set(ref, seed);
        struct uncertainty ua, ub;
        uncertainty_draw(a, ra, &ua);
        uncertainty_draw(b, rb, &ub);
        double z[4];
        for (int i = 0; i < 4; i++)
            z[i] = clamp3(gsl_ran_gaussian_ziggurat(ref, 1.0));
        assert_close(ua.leave, exp(0.1 * z[0]), 1e-15);
        assert_close(ua.fill, exp(0.2 * z[1]), 1e-15);
        assert_close(ua.cover_shift, 0.3 * z[2], 1e-15);
        assert_close(ua.demand, exp(0.4 * z[3]), 1e-15);
        /* sd 0: multiplier exactly 1, no shift */
        assert_close(ub.leave, 1.0, 0);
        assert_close(ub.fill, 1.0, 0);
        assert_close(ub.cover_shift, 0.0, 0);
        assert_close(ub.demand, exp(1.7 * z[3]), 1e-14);
        unsigned long na = gsl_rng_get(ra), nb = gsl_rng_get(rb), nr = gsl_rng_get(ref);
        assert_true(na == nr);
        assert_true(nb == nr);
    }
    gsl_rng_free(ref);
    gsl_rng_free(rb);
    gsl_rng_free(ra);
    free(b);
    free(a);
}

/* Over many draws (fixed seed): log leave / sd, log fill / sd, shift / sd and
 * log demand / sd are clamped standard normals: mean 0 and variance
 * Var Zc within 4 standard errors, never beyond 3 in absolute value, clamped
 * about 2 Q(3) of the time, and the four are uncorrelated. */
static void test_uncertainty_draw_moments_are_clamped_normal(void **state)
{
    (void)state;
    const int N = 40000;
    const double sd[4] = {0.25, 0.6, 1.3, 0.15};
    struct scenario *sc = load(TESTUTIL_MINIMAL, NULL, 0, NULL);
    sc->uncertainty_leaving_sd = sd[0];
    sc->uncertainty_fill_sd = sd[1];
    sc->uncertainty_cover_sd = sd[2];
    sc->uncertainty_demand_sd = sd[3];
    gsl_rng *r = gsl_rng_alloc(rng_type());
    assert_non_null(r);
    gsl_rng_set(r, 60913);
    double sum[4] = {0}, sum2[4] = {0}, sum4[4] = {0}, cross[4] = {0}, most = 0;
    int clamped[4] = {0};
    for (int n = 0; n < N; n++) {
        struct uncertainty u;
        uncertainty_draw(sc, r, &u);
        double z[4] = {log(u.leave) / sd[0], log(u.fill) / sd[1], u.cover_shift / sd[2],
                       log(u.demand) / sd[3]};
        for (int i = 0; i < 4; i++) {
            sum[i] += z[i];
            sum2[i] += z[i] * z[i];
            sum4[i] += z[i] * z[i] * z[i] * z[i];
            most = fmax(most, fabs(z[i]));
            clamped[i] += fabs(z[i]) > UNCERTAINTY_MAX_Z - 1e-9;
            cross[i] += z[i] * z[(i + 1) % 4];
        }
    }
    const double v = clamped_variance();
    assert_close(v, 0.99501, 1e-5); /* the closed form itself */
    const double p = 2 * gsl_cdf_ugaussian_Q(3.0);
    assert_true(most <= UNCERTAINTY_MAX_Z + 1e-9);
    for (int i = 0; i < 4; i++) {
        double mean = sum[i] / N, var = (sum2[i] - N * mean * mean) / (N - 1);
        assert_close(mean, 0.0, 4 * sqrt(v / N));
        /* se of a sample variance: sqrt((mu4 - v^2) / N), mu4 from the sample */
        double mu4 = sum4[i] / N;
        assert_close(var, v, 4 * sqrt((mu4 - v * v) / N));
        assert_close(clamped[i], N * p, 4 * sqrt(N * p * (1 - p)));
        /* neighbouring draws uncorrelated: E[z_i z_j] = 0, sd about v / sqrt(N) */
        assert_close(cross[i] / N, 0.0, 4 * v / sqrt(N));
    }
    /* the multiplier's mean is E[exp(sd Zc)] (about exp(sd^2 / 2)) */
    gsl_rng_set(r, 60914);
    double fill_sum = 0, fill_sum2 = 0;
    for (int n = 0; n < N; n++) {
        struct uncertainty u;
        uncertainty_draw(sc, r, &u);
        fill_sum += u.fill;
        fill_sum2 += u.fill * u.fill;
    }
    double m1 = clamped_mgf(sd[1]), m2 = clamped_mgf(2 * sd[1]);
    assert_close(fill_sum / N, m1, 4 * sqrt((m2 - m1 * m1) / N));
    gsl_rng_free(r);
    free(sc);
}

/* model_reset draws the replicate's parameters from RNG_PARAMS before anything
 * else and runs with them: reproduced from the stream's seed, the rates and
 * thresholds follow, a later reset starts again from the base (no
 * compounding), and two scenarios with uncertainty share the draws. */
static void test_model_reset_draws_the_replicate_parameters(void **state)
{
    (void)state;
    struct scenario *sc = load(TWO_GRADES, ALL_SDS, 0, NULL);
    const char *other_sets[] = {"uncertainty.fill_probability_sd=0.0",
                                "uncertainty.cover_logit_sd=0.0", "uncertainty.demand_sd=1.1"};
    struct scenario *other = load(TWO_GRADES, ALL_SDS, 3, other_sets);
    struct scenario *plain = load(TWO_GRADES, NULL, 0, NULL);
    struct model *m = model_alloc(sc), *mo = model_alloc(other), *mp = model_alloc(plain);
    assert_non_null(m);
    assert_non_null(mo);
    assert_non_null(mp);
    assert_ptr_equal(m->base, sc);
    assert_ptr_not_equal(m->sc, sc);
    assert_ptr_equal(mp->sc, plain); /* no copy without uncertainty */
    assert_null(mp->own);
    gsl_rng *ref = gsl_rng_alloc(rng_type());
    assert_non_null(ref);
    double first_leave = 0;
    const long reps[] = {0, 3, 1, 0};
    for (int i = 0; i < 4; i++) {
        long k = reps[i];
        model_reset(m, k);
        model_reset(mo, k);
        gsl_rng_set(ref, rng_stream_seed(sc->seed, k, RNG_PARAMS));
        double z[4];
        for (int j = 0; j < 4; j++)
            z[j] = clamp3(gsl_ran_gaussian_ziggurat(ref, 1.0));
        double leave = exp(0.25 * z[0]), fill = exp(0.3 * z[1]), demand = exp(0.2 * z[3]);
        const struct scenario *own = m->sc;
        for (int g = 0; g < 2; g++) {
            const struct grade_params *b = &sc->grade[g], *o = &own->grade[g];
            double rate = b->annual_leaving_rate * leave,
                   h = fmin(1, b->monthly_fill_probability * fill);
            assert_close(o->annual_leaving_rate, rate, 1e-14);
            assert_close(o->monthly_fill_probability, h, 1e-15);
            assert_close(m->rt.fill[g], h, 1e-15);
            assert_true(m->fill_threshold[g] == rng_threshold(m->rt.fill[g]));
            for (int band = 0; band < N_TENURE_BANDS; band++) {
                int idx = rates_leave_index(&m->rt, g, band, 0);
                double p = rates_monthly_probability(rate * rates_band_multiplier(b, band));
                assert_close(m->rt.leave[idx], p, 1e-15);
                assert_true(m->leave_threshold[idx] == rng_threshold(m->rt.leave[idx]));
            }
            /* the other scenario draws the same z1 (common random numbers) */
            assert_close(mo->sc->grade[g].annual_leaving_rate, rate, 1e-14);
            assert_close(mo->sc->grade[g].monthly_fill_probability, b->monthly_fill_probability, 0);
        }
        double c = 1 / (1 + exp(-(log(0.4 / 0.6) + 0.7 * z[2])));
        assert_close(own->agency_cover_probability, c, 1e-15);
        assert_close(m->rt.agency_cover, c, 1e-15);
        assert_close(m->cases->demand->scale, demand, 1e-15);
        assert_close(own->case_type[0].arrivals_per_month, 30.0 * demand, 1e-12);
        assert_close(mo->cases->demand->scale, exp(1.1 * z[3]), 1e-14);
        assert_close(mo->sc->agency_cover_probability, 0.4, 0);
        if (i == 0)
            first_leave = own->grade[1].annual_leaving_rate;
        if (i == 3) /* replicate 0 again: the same draw, not compounded */
            assert_close(own->grade[1].annual_leaving_rate, first_leave, 0);
        if (i == 1) /* another replicate draws another value */
            assert_true(own->grade[1].annual_leaving_rate != first_leave);
    }
    /* the base scenarios are untouched */
    assert_close(sc->grade[1].annual_leaving_rate, 0.17, 0);
    assert_close(sc->agency_cover_probability, 0.4, 0);
    assert_close(sc->case_type[0].arrivals_per_month, 30.0, 0);
    gsl_rng_free(ref);
    model_free(mp);
    model_free(mo);
    model_free(m);
    free(plain);
    free(other);
    free(sc);
}

/* Every sd 0 is the same run, to the bit, as no uncertainty keys at all. */
static void test_model_all_sds_zero_is_the_run_without_uncertainty(void **state)
{
    (void)state;
    struct scenario *absent = load(TWO_GRADES, NULL, 0, NULL);
    struct scenario *zero =
        load(TWO_GRADES,
             "uncertainty = { leaving_rate_sd = 0.0; fill_probability_sd = 0.0; "
             "cover_logit_sd = 0.0; demand_sd = 0.0; };\n",
             0, NULL);
    struct run_store a, b;
    testutil_run(absent, 2, &a);
    testutil_run(zero, 2, &b);
    assert_int_equal(a.n_series, b.n_series);
    assert_int_equal(a.n_years, b.n_years);
    assert_memory_equal(a.monthly, b.monthly, store_floats(&a) * sizeof(float));
    assert_memory_equal(a.annual, b.annual, annual_floats(&a) * sizeof(float));
    engine_store_destroy(&b);
    engine_store_destroy(&a);
    free(zero);
    free(absent);
}

/* Sample mean and variance of one council series at a month over replicates. */
static void replicate_moments(const struct run_store *st, int metric, int month, int n_grades,
                              double *mean, double *var)
{
    double sum = 0, sum2 = 0;
    int R = st->replicates;
    for (int k = 0; k < R; k++) {
        double v = engine_monthly(st, k, metrics_series(metric, 0, n_grades))[month];
        sum += v;
        sum2 += v * v;
    }
    *mean = sum / R;
    *var = (sum2 - R * *mean * *mean) / (R - 1);
}

/* One grade of 241 posts from its stationary level (vacant with probability
 * w / (w + h) = 0.25): without uncertainty the month-24 vacancy count is about
 * Binomial(241, 0.25), variance ~45; with fill_probability_sd = 0.5 each
 * replicate has its own stationary level (0.17 to 0.35 within one sd), which
 * multiplies the variance several times. */
static void test_model_fill_uncertainty_widens_the_vacancy_spread(void **state)
{
    (void)state;
    const int N = 241, R = 600, T = 24;
    const double a = 0.24, h = 0.06, pi = (a / 12) / (a / 12 + h);
    char text[2048];
    snprintf(text, sizeof text,
             "name = \"chain\";\n"
             "simulation = { start = \"2024-09\"; months = %d; replicates = %d; seed = 3301L; };\n"
             "grades = { sw = { posts_fte = %d.0; initial_in_post_fte = %.1f;\n"
             "  annual_leaving_rate = %.10g; monthly_fill_probability = %.10g; }; };\n"
             "leaving = { notice_months = 0; };\n"
             "recruitment = { advert_delay_months = 0; start_delay_months = 0; };\n"
             "agency = { cover_probability = 0.0; };\n",
             T, R, N, round(N * (1 - pi)), a, h);
    struct scenario *fixed = load(text, NULL, 0, NULL);
    struct scenario *wide = load(text, "uncertainty = { fill_probability_sd = 0.5; };\n", 0, NULL);
    struct run_store sf, sw;
    testutil_run(fixed, 2, &sf);
    testutil_run(wide, 2, &sw);
    double mean_f, var_f, mean_w, var_w;
    replicate_moments(&sf, M_VACANCY_FTE, T, 1, &mean_f, &var_f);
    replicate_moments(&sw, M_VACANCY_FTE, T, 1, &mean_w, &var_w);
    double sigma2 = N * pi * (1 - pi);
    /* the control is the binomial chain (sd of a sample variance ~ sqrt(2 / R)) */
    assert_close(mean_f, N * pi, 4 * sqrt(sigma2 / R));
    assert_close(var_f, sigma2, 4 * sigma2 * sqrt(2.0 / (R - 1)));
    /* with uncertainty: far beyond the binomial's upper 4-se bound */
    assert_true(var_w > 3 * sigma2 * (1 + 4 * sqrt(2.0 / (R - 1))));
    double rate_f, vrate_f, rate_w, vrate_w;
    replicate_moments(&sf, M_VACANCY_RATE, 12, 1, &rate_f, &vrate_f);
    replicate_moments(&sw, M_VACANCY_RATE, 12, 1, &rate_w, &vrate_w);
    assert_true(vrate_w > 2 * vrate_f);
    engine_store_destroy(&sw);
    engine_store_destroy(&sf);
    free(wide);
    free(fixed);
}

/* Cases that last one month: open cases at month m are month m's arrivals,
 * Poisson(lambda u) given the replicate's multiplier u = exp(s Zc). The mean
 * over M months, Y, has E[Y] = lambda E[u] and
 * Var Y = lambda^2 Var u + lambda E[u] / M, with E[u^k] = E[exp(k s Zc)]. */
static void test_model_demand_uncertainty_scales_arrivals(void **state)
{
    (void)state;
    const int R = 2000, M = 24;
    const double lambda = 50, s = 0.5;
    const char *grade = "sw = { posts_fte = 24.0; initial_in_post_fte = 24.0; "
                        "annual_leaving_rate = 0.0; monthly_fill_probability = 0.0; "
                        "target_caseload = 100.0; };";
    const char *type = "a = { arrivals_per_month = 50.0; mean_months = 1.0; };";
    for (int with = 0; with <= 1; with++) {
        struct scenario *sc = ct_load("2024-09", M, R, grade, type,
                                      with ? "uncertainty = { demand_sd = 0.5; };\n" : "");
        struct run_store st;
        testutil_run(sc, 2, &st);
        double sum = 0, sum2 = 0;
        for (int k = 0; k < R; k++) {
            double y = 0;
            for (int m = 1; m <= M; m++)
                y += testutil_metric_at(&st, sc, k, M_OPEN_CASES, 0, m);
            y /= M;
            sum += y;
            sum2 += y * y;
            assert_close(testutil_metric_at(&st, sc, k, M_UNALLOCATED_CASES, 0, M), 0.0, 0);
        }
        double mean = sum / R, var = (sum2 - R * mean * mean) / (R - 1);
        double sd_u = with ? s : 0;
        double m1 = clamped_mgf(sd_u), m2 = clamped_mgf(2 * sd_u), m3 = clamped_mgf(3 * sd_u),
               m4 = clamped_mgf(4 * sd_u);
        double var_u = m2 - m1 * m1;
        double mu4_u = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
        double noise = lambda * m1 / M; /* Poisson part of Var Y */
        double var_y = lambda * lambda * var_u + noise;
        /* fourth central moment of Y, the Poisson part taken as normal */
        double mu4_y =
            pow(lambda, 4) * mu4_u + 6 * lambda * lambda * var_u * noise + 3 * noise * noise;
        assert_close(mean, lambda * m1, 4 * sqrt(var_y / R));
        assert_close(var, var_y, 4 * sqrt((mu4_y - var_y * var_y) / R));
        if (with) /* the scale is E[exp(s Zc)] ~ exp(s^2 / 2) = 1.133, clearly above 1 */
            assert_true(mean > lambda * (1 + 8 * sqrt(var_y / R) / lambda));
        engine_store_destroy(&st);
        free(sc);
    }
}

/* Same seed, same result: the store with every uncertainty key set is the
 * same for 1 and 2 threads and for a repeated run; it differs from the run
 * without uncertainty, and replicates differ. */
static void test_engine_uncertainty_is_reproducible_across_threads(void **state)
{
    (void)state;
    struct scenario *sc = load(TWO_GRADES, ALL_SDS, 0, NULL);
    struct scenario *plain = load(TWO_GRADES, NULL, 0, NULL);
    struct run_store one, two, again, none;
    testutil_run(sc, 1, &one);
    testutil_run(sc, 2, &two);
    testutil_run(sc, 2, &again);
    testutil_run(plain, 2, &none);
    assert_memory_equal(one.monthly, two.monthly, store_floats(&one) * sizeof(float));
    assert_memory_equal(one.annual, two.annual, annual_floats(&one) * sizeof(float));
    assert_memory_equal(two.monthly, again.monthly, store_floats(&two) * sizeof(float));
    assert_memory_not_equal(one.monthly, none.monthly, store_floats(&one) * sizeof(float));
    size_t per = (size_t)one.n_series * (size_t)one.months * sizeof(float);
    assert_memory_not_equal(engine_monthly(&one, 0, 0), engine_monthly(&one, 1, 0), per);
    engine_store_destroy(&none);
    engine_store_destroy(&again);
    engine_store_destroy(&two);
    engine_store_destroy(&one);
    free(plain);
    free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uncertainty_enabled_when_any_sd_is_positive),
        cmocka_unit_test(test_uncertainty_apply_by_hand),
        cmocka_unit_test(test_uncertainty_draw_is_four_clamped_normals_in_order),
        cmocka_unit_test(test_uncertainty_draw_moments_are_clamped_normal),
        cmocka_unit_test(test_model_reset_draws_the_replicate_parameters),
        cmocka_unit_test(test_model_all_sds_zero_is_the_run_without_uncertainty),
        cmocka_unit_test(test_model_fill_uncertainty_widens_the_vacancy_spread),
        cmocka_unit_test(test_model_demand_uncertainty_scales_arrivals),
        cmocka_unit_test(test_engine_uncertainty_is_reproducible_across_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

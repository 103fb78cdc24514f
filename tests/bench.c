/* bench: speed of the simulator on a fixed scenario (a benchmark, not a
 * test). Prints worker-months simulated per second for the model alone and
 * for the full engine (model + metrics) on 1 and 2 threads, beside a bare C
 * loop drawing one uniform per post-month (the floor any model pays); then
 * the time of a 20-point sweep of 1,000 replicates over 60 months. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "wfsim/scenario_load.h"
#include "wfsim/sensitivity.h"
#include "wfsim/sweep.h"
#include "model/model.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double in_post(const struct workforce *wf)
{
    double fte = 0;
    for (int g = 0; g < wf->n_grades; g++)
        fte += wf->stock[g].in_post_fte;
    return fte;
}

static void bench_model(const struct scenario *sc, int reps)
{
    struct model *m = model_alloc(sc);
    double worker_months = 0, post_months = 0, case_events = 0;
    double t0 = now();
    for (int k = 0; k < reps; k++) {
        model_reset(m, k);
        for (int month = 1; month <= sc->months; month++) {
            model_step(m);
            post_months += m->wf->n_posts;
            worker_months += in_post(m->wf);
        }
        case_events += m->cases != NULL ? (double)m->cases->events : 0;
    }
    double dt = now() - t0;
    printf("model only, 1 thread:    %8.1f M worker-months/s  (%8.1f M post-months/s, %d "
           "replicates x %d months in %.2f s)\n",
           worker_months / dt / 1e6, post_months / dt / 1e6, reps, sc->months, dt);
    if (case_events > 0)
        printf("                         %8.1f M case events/s (arrivals, allocations, "
               "closures: %.0f a replicate)\n",
               case_events / dt / 1e6, case_events / reps);
    model_free(m);
}

static void bench_engine(const struct scenario *sc, int threads)
{
    struct run_store st;
    struct error e = {ERROR_NONE, ""};
    double t0 = now();
    if (engine_run(sc, threads, NULL, NULL, &st, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return;
    }
    double dt = now() - t0;
    double wm = 0;
    int s = metrics_series(M_IN_POST_FTE, 0, sc->n_grades);
    for (int k = 0; k < st.replicates; k++)
        for (int month = 1; month < st.months; month++)
            wm += engine_monthly(&st, k, s)[month];
    printf("engine, %d thread%s:       %8.1f M worker-months/s  (%d replicates x %d months in "
           "%.2f s)\n",
           threads, threads > 1 ? "s" : " ", wm / dt / 1e6, sc->replicates, sc->months, dt);
    engine_store_destroy(&st);
}

static void bench_bare(const struct scenario *sc, int reps)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    int n = 0;
    for (int g = 0; g < sc->n_grades; g++)
        n += (int)sc->grade[g].posts_fte;
    unsigned char *state = calloc((size_t)n, 1);
    long flips = 0;
    double t0 = now();
    for (int k = 0; k < reps; k++)
        for (int month = 0; month < sc->months; month++)
            for (int i = 0; i < n; i++) {
                double u = gsl_rng_uniform(r);
                if (u < (state[i] ? 0.05 : 0.0116)) {
                    state[i] ^= 1;
                    flips++;
                }
            }
    double dt = now() - t0;
    printf("bare loop, 1 thread:     %8.1f M post-months/s    (one uniform per post-month; "
           "%ld flips)\n",
           (double)n * reps * sc->months / dt / 1e6, flips);
    free(state);
    gsl_rng_free(r);
}

/* A one-at-a-time sweep of the social workers' fill probability: the base
 * and 19 values, 1,000 replicates x 60 months each, on 2 threads, into a
 * temporary directory removed after. */
static void bench_sweep(const char *file)
{
    const char *texts[] = {"grades.sw.monthly_fill_probability=0.03:0.075:19"};
    struct assignment sets[] = {{"bench", "simulation.replicates=1000"},
                                {"bench", "simulation.months=60"}};
    struct vary keys[1];
    struct error e = {ERROR_NONE, ""};
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/wfsim-bench-sweep-%d", (int)getpid());
    if (sweep_parse_keys(1, texts, keys, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return;
    }
    struct sweep_request rq = {1,    &file, 2, sets,          1,    keys, 0,   0,
                               NULL, dir,   2, "wfsim bench", NULL, NULL, NULL};
    double t0 = now();
    int rc = sweep_run(&rq, &e);
    double dt = now() - t0;
    const char *files[] = {"manifest.txt", "scenario.cfg", SWEEP_CSV, SWEEP_POINTS_CSV,
                           SWEEP_TORNADO_CSV};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    rmdir(dir);
    if (rc != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return;
    }
    printf("\nwfsim bench: %s, sweep of %s: 20 points x 1000 replicates x 60 months, 2 threads: "
           "%.2f s (%.2f s a point)\n",
           file, texts[0], dt, dt / 20);
}

static void bench_scenario(const char *file, int with_cases);
static void bench_sensitivity(const char *file);
static void bench_pairing(const char *file);

int main(int argc, char **argv)
{
    const char *file = argc > 1 ? argv[1] : "scenarios/example_la.cfg";
    bench_scenario(file, 0);
    bench_scenario(file, 1);
    bench_sensitivity(file);
    bench_pairing(file);
    bench_sweep(file);
    return 0;
}

/* The process's peak resident memory so far, in MB (getrusage). */
static double peak_mb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss / 1024.0 : NAN;
}

/* with_cases = 0 runs the workforce alone (the case types removed). */
static void bench_scenario(const char *file, int with_cases)
{
    struct scenario *sc = malloc(sizeof *sc);
    struct error e = {ERROR_NONE, ""};
    struct assignment sets[] = {{"bench", "simulation.replicates=10000"},
                                {"bench", "simulation.months=120"}};
    if (sc == NULL || scenario_load_files(sc, 1, &file, 2, sets, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        exit(2);
    }
    if (!with_cases)
        sc->n_case_types = 0;
    printf("\nwfsim bench: %s, %s, %d replicates x %d months\n", file,
           with_cases ? "with caseloads" : "workforce only", sc->replicates, sc->months);
    bench_bare(sc, 2000);
    bench_model(sc, 2000);
    bench_engine(sc, 1);
    bench_engine(sc, 2);
    printf("peak memory so far:       %8.0f MB (the run store of %d replicates x %d months and "
           "one model per thread)\n",
           peak_mb(), sc->replicates, sc->months + 1);
    free(sc);
}

/* The example council's 10-key sensitivity (the shipped keys file), with
 * the sample and replicates a planner would use for a first ranking. */
#define BENCH_SENSITIVITY_KEYS "scenarios/sensitivity/example_la_keys.txt"
#define BENCH_SENSITIVITY_SAMPLES 64
#define BENCH_SENSITIVITY_REPLICATES "simulation.replicates=20"

static void bench_sensitivity(const char *file)
{
    struct assignment sets[] = {{"bench", BENCH_SENSITIVITY_REPLICATES}};
    struct sensitivity_request rq = {
        1,    &file, 1,    sets, BENCH_SENSITIVITY_KEYS, BENCH_SENSITIVITY_SAMPLES, 1000, 0,
        NULL, 2,     NULL, NULL};
    struct error e = {ERROR_NONE, ""};
    double t0 = now();
    struct sensitivity *s = sensitivity_alloc(&rq, &e);
    if (s == NULL || sensitivity_run(s, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        sensitivity_free(s);
        return;
    }
    double dt = now() - t0;
    printf("\nwfsim bench: sensitivity of %s to the %d keys of %s\n", file, s->n_keys,
           BENCH_SENSITIVITY_KEYS);
    printf("N = %d samples: %d evaluations of %d replicates x %d months, 1000 bootstrap "
           "resamples, 2 threads: %.1f s (%.0f replicates/s)\n\n",
           s->samples, s->n_evaluations, s->base->replicates, s->base->months, dt,
           (double)s->n_evaluations * s->base->replicates / dt);
    sensitivity_print(s, stdout);
    sensitivity_free(s);
}

/* --- pairing: what common random numbers buy -------------------------------- */

#define BENCH_PAIRING_REPLICATES "simulation.replicates=400"

/* Each replicate's NPV of total cost of the files (and a seed, when given). */
static double *npv_of(int n, const char *const *files, const char *seed)
{
    struct scenario *sc = malloc(sizeof *sc);
    struct assignment sets[] = {{"bench", BENCH_PAIRING_REPLICATES}, {"bench", seed}};
    struct error e = {ERROR_NONE, ""};
    struct run_store st;
    if (sc == NULL || scenario_load_files(sc, n, files, seed != NULL ? 2 : 1, sets, &e) != 0 ||
        engine_run(sc, 2, NULL, NULL, &st, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        exit(2);
    }
    double *v = malloc((size_t)st.replicates * sizeof *v);
    int series = metrics_series(M_COST_TOTAL_NPV_CUM, 0, sc->n_grades);
    for (int k = 0; v != NULL && k < st.replicates; k++)
        v[k] = engine_monthly(&st, k, series)[st.months - 1];
    engine_store_destroy(&st);
    free(sc);
    return v;
}

static double sd_of_difference(const double *a, const double *b, int n)
{
    double mean = 0, ss = 0;
    for (int k = 0; k < n; k++)
        mean += (a[k] - b[k]) / n;
    for (int k = 0; k < n; k++)
        ss += (a[k] - b[k] - mean) * (a[k] - b[k] - mean);
    return sqrt(ss / (n - 1));
}

/* For each shipped retention option: the sd of its NPV difference from the
 * baseline when paired (the same seed: replicate k shares its random
 * numbers) and when independent (the option on another seed), and their
 * ratio, the variance common random numbers remove. */
static void bench_pairing(const char *file)
{
    static const char *const options[] = {
        "scenarios/options/lump_sum_3000.cfg", "scenarios/options/supplement_10.cfg",
        "scenarios/options/golden_hello_5000.cfg", "scenarios/options/upfront_20pct.cfg"};
    const int n = 400;
    double *base = npv_of(1, &file, NULL);
    printf("\nwfsim bench: pairing, %s and each shipped option, %d replicates: sd of the NPV "
           "difference\n",
           file, n);
    for (size_t i = 0; base != NULL && i < sizeof options / sizeof options[0]; i++) {
        const char *files[] = {file, options[i]};
        double *paired = npv_of(2, files, NULL);
        double *apart = npv_of(2, files, "simulation.seed=987654321L");
        if (paired == NULL || apart == NULL) {
            free(paired);
            free(apart);
            break;
        }
        double sp = sd_of_difference(paired, base, n), si = sd_of_difference(apart, base, n);
        printf("%-42s paired %10.0f  independent %10.0f  ratio %5.1f\n", options[i], sp, si,
               si / sp);
        free(paired);
        free(apart);
    }
    free(base);
}

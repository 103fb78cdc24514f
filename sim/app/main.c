/* main: the wfsim command. Only main prints errors and chooses exit codes:
 * 0 success, 2 usage or scenario error, 1 runtime failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "app/cli.h"
#include "wfsim/bundle.h"
#include "wfsim/calibrate.h"
#include "wfsim/compare.h"
#include "wfsim/csv.h"
#include "wfsim/backcast.h"
#include "wfsim/dfe.h"
#include "wfsim/dfe_scenario.h"
#include "wfsim/engine.h"
#include "wfsim/metrics.h"
#include "wfsim/output.h"
#include "wfsim/scenario_load.h"
#include "wfsim/scenario_keys.h"

struct progress {
    int last_percent;
};

static void show_progress(void *ctx, long done, long total)
{
    struct progress *p = ctx;
    int percent = (int)(100 * done / (total > 0 ? total : 1));
    if (percent == p->last_percent)
        return;
    p->last_percent = percent;
    fprintf(stderr, "\rwfsim: %ld/%ld replicates (%d%%)%s", done, total, percent,
            done == total ? "\n" : "");
}

static int fail(const struct error *e)
{
    fprintf(stderr, "%s\n", e->msg);
    return e->kind == ERROR_RUNTIME ? 1 : 2;
}

static void join_command_line(int argc, char **argv, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < argc && used + 1 < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? " " : "", argv[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static int check_memory(const struct cli_options *o, const struct scenario *sc, int threads,
                        struct error *e)
{
    double need = (double)engine_memory_estimate(sc, threads);
    double have = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    if (have > 0 && need > 0.8 * have)
        return error_set(e, ERROR_INPUT,
                         "%s: simulation.replicates: a run of %d replicates x %d months (with its "
                         "demand) needs about %.1f GiB, more than 80%% of this machine's %.1f GiB "
                         "(got %d)",
                         o->files[o->n_files - 1], sc->replicates, sc->months, need / 1073741824.0,
                         have / 1073741824.0, sc->replicates);
    return 0;
}

static int run(int argc, char **argv, const struct cli_options *o, const struct scenario *sc)
{
    struct error e = {ERROR_NONE, ""};
    int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    char dir[4096], command[8192];
    if (o->out_dir != NULL)
        snprintf(dir, sizeof dir, "%s", o->out_dir);
    else
        snprintf(dir, sizeof dir, "results/%s", sc->name);
    if (check_memory(o, sc, threads, &e) != 0 || bundle_check(dir, &e) != 0)
        return fail(&e);
    struct progress p = {-1};
    int show = !o->quiet && isatty(STDERR_FILENO);
    struct run_store store;
    if (engine_run(sc, threads, show ? show_progress : NULL, &p, &store, &e) != 0)
        return fail(&e);
    join_command_line(argc, argv, command, sizeof command);
    int rc = output_write_run(dir, sc, &store, command, threads, &e);
    engine_store_destroy(&store);
    if (rc != 0)
        return fail(&e);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote %s/ (%d replicates, %d months)\n", dir, sc->replicates,
                sc->months);
    return 0;
}

#define DFE_DEFAULT_DATA "scenarios/data/csww_indicators_2017_to_2024.csv"

static int dfe_list(const struct dfe_data *d)
{
    printf("code,level,name,region,years\n");
    for (int i = 0; i < d->n; i++) {
        const struct dfe_row *r = &d->row[i];
        int first = 1;
        for (int j = 0; j < i && first; j++) /* one line per area, first time seen */
            first = strcmp(d->row[j].code, r->code) != 0 || d->row[j].level != r->level;
        if (!first)
            continue;
        int lo = 9999, hi = 0;
        for (int j = 0; j < d->n; j++)
            if (strcmp(d->row[j].code, r->code) == 0 && d->row[j].level == r->level) {
                lo = d->row[j].year < lo ? d->row[j].year : lo;
                hi = d->row[j].year > hi ? d->row[j].year : hi;
            }
        static const char *const level[] = {"national", "regional", "local authority"};
        printf("%s,%s,", r->code, level[r->level]);
        csv_quote(stdout, r->name);
        putchar(',');
        csv_quote(stdout, r->region);
        printf(",%d-%d\n", lo, hi);
    }
    return ferror(stdout) ? 1 : 0;
}

/* Write the area's scenario to `path` and load it back into sc (a generated
 * scenario that does not load is a bug: the error says why). */
static int dfe_write_load(const struct dfe_data *d, const struct cli_options *o, const char *data,
                          const struct dfe_steady *steady, const char *path, struct scenario *sc,
                          struct error *e)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create", path);
    int rc = dfe_scenario_write(d, o->area, o->year, data, steady, f, e);
    if (fclose(f) != 0 && rc == 0)
        rc = error_set(e, ERROR_RUNTIME, "%s: write failed", path);
    const char *files[1] = {path};
    return rc == 0 ? scenario_load_files(sc, 1, files, 0, NULL, e) : rc;
}

/* Copy a file to standard output. */
static int dfe_cat(const char *path, struct error *e)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot read", path);
    char buf[65536];
    size_t n;
    int failed = 0;
    while (!failed && (n = fread(buf, 1, sizeof buf, f)) > 0)
        failed = fwrite(buf, 1, n, stdout) != n;
    failed |= ferror(f) != 0;
    fclose(f);
    failed |= fflush(stdout) != 0 || ferror(stdout) != 0;
    return failed ? error_set(e, ERROR_RUNTIME, "cannot write the scenario") : 0;
}

/* The scenario with the formulas' values, then with the scales that make it
 * hold its census when run with no change (calibrate_steady, three years;
 * replicates enough that a trial's chance is small for the area's size). */
static int dfe_build(const struct dfe_data *d, const struct cli_options *o, const char *data,
                     struct error *e)
{
    /* a fresh file beside the output (renamed into place), or in the
     * temporary directory for standard output */
    char tmp[4200];
    const char *dir = getenv("TMPDIR");
    if (o->out_dir != NULL)
        snprintf(tmp, sizeof tmp, "%s.XXXXXX", o->out_dir);
    else
        snprintf(tmp, sizeof tmp, "%s/wfsim-dfe-XXXXXX", dir != NULL && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create a temporary file", tmp);
    close(fd);
    struct scenario *sc = malloc(sizeof *sc);
    struct calibrate_fit *fit = malloc(sizeof *fit);
    int rc = sc == NULL || fit == NULL ? error_set(e, ERROR_RUNTIME, "out of memory")
                                       : dfe_write_load(d, o, data, NULL, tmp, sc, e);
    if (rc == 0) {
        double posts = 0;
        for (int g = 0; g < sc->n_grades; g++)
            posts += sc->grade[g].posts_fte;
        int reps = (int)fmin(48, fmax(2, ceil(10000 / fmax(posts, 1))));
        int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
        rc = calibrate_steady(sc, 3, reps, threads > 0 ? threads : 1, fit, e);
    }
    if (rc == 0) {
        struct dfe_steady steady = {fit->param[P_LEAVE],  fit->param[P_FILL], fit->param[P_COVER],
                                    fit->param[P_DEMAND], fit->n_years,       fit->converged,
                                    fit->objective};
        rc = dfe_write_load(d, o, data, &steady, tmp, sc, e);
    }
    if (rc == 0 && o->out_dir != NULL && rename(tmp, o->out_dir) != 0)
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot rename into place", o->out_dir);
    if (rc == 0 && o->out_dir == NULL)
        rc = dfe_cat(tmp, e);
    if (rc != 0 || o->out_dir == NULL)
        remove(tmp);
    free(sc);
    free(fit);
    return rc;
}

static int dfe(const struct cli_options *o)
{
    struct error e = {ERROR_NONE, ""};
    const char *data = o->data_path != NULL ? o->data_path : DFE_DEFAULT_DATA;
    struct dfe_data d;
    if (dfe_load(data, &d, &e) != 0)
        return fail(&e);
    int rc = strcmp(o->dfe_action, "list") == 0 ? dfe_list(&d) : dfe_build(&d, o, data, &e);
    dfe_free(&d);
    return rc < 0 ? fail(&e) : rc;
}

static int calibrate(int argc, char **argv, const struct cli_options *o)
{
    struct error e = {ERROR_NONE, ""};
    const char *data = o->data_path != NULL ? o->data_path : DFE_DEFAULT_DATA;
    struct scenario *sc = malloc(sizeof *sc);
    struct calibrate_fit *fit = malloc(sizeof *fit);
    struct dfe_data d = {0, NULL};
    char dir[4096], command[8192];
    int rc = sc == NULL || fit == NULL ? error_set(&e, ERROR_RUNTIME, "out of memory") : 0;
    if (rc == 0)
        rc = scenario_load_files(sc, o->n_files, o->files, o->n_sets, o->sets, &e);
    if (rc == 0)
        rc = dfe_load(data, &d, &e);
    if (rc == 0) {
        snprintf(dir, sizeof dir, "%s", o->out_dir != NULL ? o->out_dir : "");
        if (o->out_dir == NULL)
            snprintf(dir, sizeof dir, "results/calibrate_%s", sc->name);
        rc = bundle_check(dir, &e);
    }
    int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    int reps = o->calibrate_replicates > 0 ? o->calibrate_replicates : 24;
    if (rc == 0)
        rc = calibrate_fit(sc, &d, o->area, o->year > 0 ? o->year : 9999, reps,
                           threads > 0 ? threads : 1, fit, &e);
    if (rc == 0) {
        join_command_line(argc, argv, command, sizeof command);
        struct calibrate_results c = {sc, fit, o->area, data, reps, command};
        rc = calibrate_write_results(dir, &c, &e);
        if (rc == 0 && !o->quiet)
            fprintf(stderr, "wfsim: wrote %s/ (objective %.4g, %s)\n", dir, fit->objective,
                    fit->converged ? "converged" : "not converged: best fit so far");
    }
    dfe_free(&d);
    free(sc);
    free(fit);
    return rc != 0 ? fail(&e) : 0;
}

static int backcast(int argc, char **argv, const struct cli_options *o)
{
    struct error e = {ERROR_NONE, ""};
    const char *data = o->data_path != NULL ? o->data_path : DFE_DEFAULT_DATA;
    struct dfe_data d;
    if (dfe_load(data, &d, &e) != 0)
        return fail(&e);
    char dir[4096], command[8192];
    snprintf(dir, sizeof dir, "%s", o->out_dir != NULL ? o->out_dir : "");
    if (o->out_dir == NULL)
        snprintf(dir, sizeof dir, "results/backcast_%d", o->year);
    join_command_line(argc, argv, command, sizeof command);
    int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    struct backcast_request rq = {&d,
                                  data,
                                  o->year,
                                  o->area,
                                  200,
                                  o->calibrate_replicates > 0 ? o->calibrate_replicates : 12,
                                  threads > 0 ? threads : 1,
                                  dir,
                                  command};
    int rc = bundle_check(dir, &e);
    if (rc == 0)
        rc = backcast_run(&rq, &e);
    dfe_free(&d);
    if (rc != 0)
        return fail(&e);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote %s/\n", dir);
    return 0;
}

static int compare(int argc, char **argv, const struct cli_options *o)
{
    struct error e = {ERROR_NONE, ""};
    char command[8192];
    join_command_line(argc, argv, command, sizeof command);
    int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    struct compare_request rq = {o->files[0],
                                 o->n_files - 1,
                                 o->files + 1,
                                 o->n_sets,
                                 o->sets,
                                 o->out_dir,
                                 threads > 0 ? threads : 1,
                                 command};
    if (!o->quiet && isatty(STDERR_FILENO))
        fprintf(stderr, "wfsim: comparing %d option%s with the baseline...\n", rq.n_options,
                rq.n_options > 1 ? "s" : "");
    if (compare_run(&rq, &e) != 0)
        return fail(&e);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote the comparison of %d option%s\n", rq.n_options,
                rq.n_options > 1 ? "s" : "");
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL reports through return codes, never aborts */
    struct error e = {ERROR_NONE, ""};
    struct cli_options o;
    if (cli_parse(argc, argv, &o, &e) != 0)
        return fail(&e);
    switch (o.command) {
    case CLI_HELP: fputs(cli_usage(), stdout); return 0;
    case CLI_VERSION: printf("wfsim %s\n", WFSIM_VERSION); return 0;
    case CLI_KEYS: return scenario_keys_document(stdout) == 0 ? 0 : 1;
    case CLI_METRICS: return metrics_document(stdout) == 0 ? 0 : 1;
    default: break;
    }
    if (o.command == CLI_COMPARE)
        return compare(argc, argv, &o);
    if (o.command == CLI_DFE)
        return dfe(&o);
    if (o.command == CLI_CALIBRATE)
        return calibrate(argc, argv, &o);
    if (o.command == CLI_BACKCAST)
        return backcast(argc, argv, &o);
    struct scenario *sc = malloc(sizeof *sc);
    if (sc == NULL)
        return 1;
    int rc;
    if (scenario_load_files(sc, o.n_files, o.files, o.n_sets, o.sets, &e) != 0)
        rc = fail(&e);
    else if (o.command == CLI_VALIDATE)
        rc = (printf("%s: valid (%d grades, %d months, %d replicates)\n", sc->name, sc->n_grades,
                     sc->months, sc->replicates) < 0);
    else
        rc = run(argc, argv, &o, sc);
    free(sc);
    return rc;
}

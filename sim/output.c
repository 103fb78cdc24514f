/* output: CSV tables, manifest and atomic results directory
 * (see include/output.h). */
#include "output.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "metrics.h"
#include "month.h"
#include "rng.h"
#include "stats.h"

static const char *const FILES[] = {"scenario.cfg", "timeseries.csv", "annual.csv",
                                    "manifest.txt"};
#define N_FILES ((int)(sizeof FILES / sizeof FILES[0]))

char *output_scenario_text(const struct scenario *sc, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (f == NULL)
        return NULL;
    int rc = scenario_write(sc, f);
    if (fclose(f) != 0 || rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Six significant digits, but whole units from 100,000 up (pounds, case
 * counts) so large money values are not written in exponent form. */
static void write_value(FILE *f, double v)
{
    if (fabs(v) >= 1e5)
        fprintf(f, ",%.0f", v);
    else
        fprintf(f, ",%.6g", v);
}

static void write_summary(FILE *f, const struct summary *s)
{
    if (s->n == 0) {
        fputs(",NA,NA,NA,NA,NA,NA,NA\n", f);
        return;
    }
    write_value(f, s->mean);
    write_value(f, s->sd);
    for (int i = 0; i < STATS_N_QUANTILES; i++)
        write_value(f, s->q[i]);
    fputc('\n', f);
}

/* Summaries of every (series, time) cell of the store, computed by
 * `threads` threads over disjoint series; the result does not depend on the
 * thread count. */
struct summarise_job {
    const float *base; /* value of (series 0, time 0) of replicate 0 */
    size_t stride;     /* between replicates */
    int n_series, n_times, replicates;
    struct summary *out; /* [time][series] */
    int thread, threads;
    int failed;
};

static void *summarise_part(void *arg)
{
    struct summarise_job *j = arg;
    size_t reps = (size_t)j->replicates, times = (size_t)j->n_times;
    struct stats_workspace *w = stats_workspace_alloc(reps);
    float *column = malloc(reps * (times > 0 ? times : 1) * sizeof *column);
    if (w == NULL || column == NULL) {
        j->failed = 1;
    } else {
        for (int s = j->thread; s < j->n_series; s += j->threads) {
            /* Transpose the series' rows (contiguous per replicate) so each
             * time's values across replicates are contiguous. */
            for (size_t k = 0; k < reps; k++) {
                const float *row = j->base + k * j->stride + (size_t)s * times;
                for (size_t t = 0; t < times; t++)
                    column[t * reps + k] = row[t];
            }
            for (size_t t = 0; t < times; t++)
                stats_summarise(column + t * reps, 1, reps, w,
                                &j->out[t * (size_t)j->n_series + (size_t)s]);
        }
    }
    free(column);
    stats_workspace_free(w);
    return NULL;
}

static struct summary *summarise(const float *base, int n_series, int n_times, int replicates,
                                 int threads)
{
    size_t cells = (size_t)n_series * (size_t)(n_times > 0 ? n_times : 1);
    struct summary *out = calloc(cells, sizeof *out);
    if (out == NULL)
        return NULL;
    if (threads < 1)
        threads = 1;
    if (threads > OUTPUT_MAX_THREADS)
        threads = OUTPUT_MAX_THREADS;
    struct summarise_job job[OUTPUT_MAX_THREADS];
    pthread_t tid[OUTPUT_MAX_THREADS];
    int started[OUTPUT_MAX_THREADS] = {0}, failed = 0;
    for (int t = 0; t < threads; t++) {
        job[t] = (struct summarise_job){base, (size_t)n_series * (size_t)n_times, n_series,
                                        n_times, replicates, out, t, threads, 0};
        started[t] = t > 0 && pthread_create(&tid[t], NULL, summarise_part, &job[t]) == 0;
        if (t > 0 && !started[t])
            summarise_part(&job[t]);
    }
    summarise_part(&job[0]);
    for (int t = 0; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        failed |= job[t].failed;
    }
    if (failed) {
        free(out);
        return NULL;
    }
    return out;
}

int output_write_timeseries(FILE *f, const struct scenario *sc, const struct run_store *st,
                            int threads)
{
    struct summary *sum = summarise(st->monthly, st->n_series, st->months, st->replicates,
                                    threads);
    if (sum == NULL)
        return -1;
    fputs(OUTPUT_TIMESERIES_HEADER "\n", f);
    for (int m = 0; m < st->months; m++) {
        char date[16];
        month_format(sc->start_month + m, date, sizeof date);
        for (int s = 0; s < st->n_series; s++) {
            char name[160];
            if (!metrics_written(sc, s))
                continue;
            metrics_series_name(sc, s, name, sizeof name);
            fprintf(f, "%s,%d,%s,%s", sc->name, m, date, name);
            write_summary(f, &sum[(size_t)m * (size_t)st->n_series + (size_t)s]);
        }
    }
    free(sum);
    return ferror(f) ? -1 : 0;
}

int output_write_annual(FILE *f, const struct scenario *sc, const struct run_store *st,
                        int threads)
{
    struct summary *sum = summarise(st->annual, st->n_series, st->n_years, st->replicates,
                                    threads);
    if (sum == NULL)
        return -1;
    fputs(OUTPUT_ANNUAL_HEADER "\n", f);
    for (int y = 0; y < st->n_years; y++) {
        for (int s = 0; s < st->n_series; s++) {
            char name[160];
            if (!metrics_written(sc, s))
                continue;
            metrics_series_name(sc, s, name, sizeof name);
            fprintf(f, "%s,%d,%s", sc->name, st->year[y], name);
            write_summary(f, &sum[(size_t)y * (size_t)st->n_series + (size_t)s]);
        }
    }
    free(sum);
    return ferror(f) ? -1 : 0;
}

static int write_manifest(FILE *f, const struct scenario *sc, const char *command_line,
                          unsigned long long hash)
{
    char start[16];
    month_format(sc->start_month, start, sizeof start);
    fprintf(f, "program: wfsim %s\n", WFSIM_VERSION);
    fprintf(f, "command: %s\n", command_line);
    fprintf(f, "scenario: %s\n", sc->name);
    fprintf(f, "start: %s\nmonths: %d\n", start, sc->months);
    fprintf(f, "seed: %lld\nreplicates: %d\n", sc->seed, sc->replicates);
    fprintf(f, "generator: gsl_rng_%s streams for initial state and events, seeded by "
               "splitmix64 of (seed, replicate, stream); per-post monthly uniforms from "
               "counter-based splitmix64 of (seed, replicate, process, post, month)\n",
            rng_type()->name);
    fprintf(f, "scenario_hash: fnv1a64:%016llx (of scenario.cfg)\n", hash);
    return ferror(f) ? -1 : 0;
}

struct run_args {
    const struct scenario *sc;
    const struct run_store *st;
    const char *command_line;
    const char *text;
    size_t len;
    int threads;
};

static int write_one(const char *dir, const char *file, const struct run_args *a,
                     struct error *e)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
        return error_set(e, ERROR_INPUT, "%s: path too long", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create: %s", path, strerror(errno));
    int rc;
    if (strcmp(file, "scenario.cfg") == 0)
        rc = fwrite(a->text, 1, a->len, f) == a->len ? 0 : -1;
    else if (strcmp(file, "timeseries.csv") == 0)
        rc = output_write_timeseries(f, a->sc, a->st, a->threads);
    else if (strcmp(file, "annual.csv") == 0)
        rc = output_write_annual(f, a->sc, a->st, a->threads);
    else
        rc = write_manifest(f, a->sc, a->command_line, scenario_hash(a->text, a->len));
    if (fclose(f) != 0 || rc != 0)
        return error_set(e, ERROR_RUNTIME, "%s: write failed: %s", path, strerror(errno));
    return 0;
}

/* Remove a directory holding only regular files (a results directory). */
static void remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d != NULL) {
        for (struct dirent *de; (de = readdir(d)) != NULL;) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char path[4096];
            if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) < (int)sizeof path)
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* 1 if dir holds regular files only (0 if anything else), -1 if unreadable;
 * *has_manifest says whether manifest.txt is among them, *empty whether
 * there is nothing. */
static int flat_dir(const char *dir, int *has_manifest, int *empty)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int flat = 1;
    *has_manifest = 0;
    *empty = 1;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        *empty = 0;
        char path[4096];
        struct stat sb;
        if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path ||
            lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            flat = 0;
        if (strcmp(de->d_name, "manifest.txt") == 0)
            *has_manifest = 1;
    }
    closedir(d);
    return flat;
}

int output_check_target(const char *dir, struct error *e)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return 0;
    int manifest = 0, empty = 0;
    int flat = S_ISDIR(sb.st_mode) ? flat_dir(dir, &manifest, &empty) : 0;
    if (!(flat == 1 && (manifest || empty)))
        return error_set(e, ERROR_INPUT,
                         "%s: exists and is not a wfsim results directory (manifest.txt and "
                         "plain files only); not replacing it",
                         dir);
    return 0;
}

static int make_parents(const char *dir, struct error *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", dir);
    for (char *p = path + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return error_set(e, ERROR_RUNTIME, "%s: cannot create directory: %s", path,
                             strerror(errno));
        *p = '/';
    }
    return 0;
}

/* Move the finished temporary directory into place. */
static int commit(const char *tmp, const char *dir, struct error *e)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return rename(tmp, dir) == 0
                   ? 0
                   : error_set(e, ERROR_RUNTIME, "%s: cannot rename into place: %s", dir,
                               strerror(errno));
    char old[4096];
    if (snprintf(old, sizeof old, "%s.old", tmp) >= (int)sizeof old)
        return error_set(e, ERROR_INPUT, "%s: path too long", dir);
    if (output_check_target(dir, e) != 0)
        return -1;
    if (rename(dir, old) != 0)
        return error_set(e, ERROR_RUNTIME, "%s: cannot move aside: %s", dir, strerror(errno));
    if (rename(tmp, dir) != 0) {
        int err = errno;
        rename(old, dir);
        return error_set(e, ERROR_RUNTIME, "%s: cannot rename into place: %s", dir,
                         strerror(err));
    }
    remove_flat_dir(old);
    return 0;
}

int output_write_run(const char *dir, const struct scenario *sc, const struct run_store *st,
                     const char *command_line, int threads, struct error *e)
{
    struct run_args a = {.sc = sc, .st = st, .command_line = command_line, .threads = threads};
    char *text = output_scenario_text(sc, &a.len);
    if (text == NULL)
        return error_set(e, ERROR_RUNTIME, "cannot format the resolved scenario");
    a.text = text;
    char tmp[4096];
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    snprintf(tmp, sizeof tmp, "%.*s.tmp-XXXXXX", (int)n, dir);
    int rc = make_parents(tmp, e);
    if (rc == 0 && mkdtemp(tmp) == NULL)
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot create a temporary directory: %s", dir,
                       strerror(errno));
    else if (rc == 0) {
        mode_t mask = umask(0); /* mkdtemp makes 0700; results are ordinary files */
        umask(mask);
        chmod(tmp, 0777 & ~mask);
        for (int i = 0; i < N_FILES && rc == 0; i++)
            rc = write_one(tmp, FILES[i], &a, e);
        char target[4096];
        snprintf(target, sizeof target, "%.*s", (int)n, dir);
        if (rc == 0)
            rc = commit(tmp, target, e);
        if (rc != 0)
            remove_flat_dir(tmp);
    }
    free(text);
    return rc;
}

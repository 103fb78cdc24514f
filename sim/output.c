/* output: CSV tables, manifest and atomic results directory
 * (see include/output.h). */
#include "output.h"

#include <dirent.h>
#include <errno.h>
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

static void write_summary(FILE *f, const struct summary *s)
{
    if (s->n == 0) {
        fputs(",NA,NA,NA,NA,NA,NA,NA\n", f);
        return;
    }
    fprintf(f, ",%.6g,%.6g", s->mean, s->sd);
    for (int i = 0; i < STATS_N_QUANTILES; i++)
        fprintf(f, ",%.6g", s->q[i]);
    fputc('\n', f);
}

int output_write_timeseries(FILE *f, const struct scenario *sc, const struct run_store *st)
{
    double *work = malloc((size_t)st->replicates * sizeof *work);
    if (work == NULL)
        return -1;
    size_t stride = (size_t)st->n_series * (size_t)st->months;
    fputs(OUTPUT_TIMESERIES_HEADER "\n", f);
    for (int m = 0; m < st->months; m++) {
        char date[16];
        month_format(sc->start_month + m, date, sizeof date);
        for (int s = 0; s < st->n_series; s++) {
            char name[160];
            struct summary sum;
            metrics_series_name(sc, s, name, sizeof name);
            stats_summarise(engine_monthly(st, 0, s) + m, stride, st->replicates, work, &sum);
            fprintf(f, "%s,%d,%s,%s", sc->name, m, date, name);
            write_summary(f, &sum);
        }
    }
    free(work);
    return ferror(f) ? -1 : 0;
}

int output_write_annual(FILE *f, const struct scenario *sc, const struct run_store *st)
{
    double *work = malloc((size_t)st->replicates * sizeof *work);
    if (work == NULL)
        return -1;
    size_t stride = (size_t)st->n_series * (size_t)st->n_years;
    fputs(OUTPUT_ANNUAL_HEADER "\n", f);
    for (int y = 0; y < st->n_years; y++) {
        for (int s = 0; s < st->n_series; s++) {
            char name[160];
            struct summary sum;
            metrics_series_name(sc, s, name, sizeof name);
            stats_summarise(engine_annual(st, 0, s) + y, stride, st->replicates, work, &sum);
            fprintf(f, "%s,%d,%s", sc->name, st->year[y], name);
            write_summary(f, &sum);
        }
    }
    free(work);
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
    fprintf(f, "generator: gsl_rng_%s (one stream per replicate and process, seeded by "
               "splitmix64 of (seed, replicate, process))\n",
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
        rc = output_write_timeseries(f, a->sc, a->st);
    else if (strcmp(file, "annual.csv") == 0)
        rc = output_write_annual(f, a->sc, a->st);
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

static int is_empty_dir(const char *dir)
{
    DIR *d = opendir(dir);
    int empty = 1;
    if (d == NULL)
        return 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            empty = 0;
    closedir(d);
    return empty;
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
    char marker[4096], old[4096];
    if (snprintf(marker, sizeof marker, "%s/manifest.txt", dir) >= (int)sizeof marker ||
        snprintf(old, sizeof old, "%s.old", tmp) >= (int)sizeof old)
        return error_set(e, ERROR_INPUT, "%s: path too long", dir);
    if (!S_ISDIR(sb.st_mode) || (access(marker, F_OK) != 0 && !is_empty_dir(dir)))
        return error_set(e, ERROR_INPUT,
                         "%s: exists and is not a wfsim results directory; not replacing it",
                         dir);
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
                     const char *command_line, struct error *e)
{
    struct run_args a = {.sc = sc, .st = st, .command_line = command_line};
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

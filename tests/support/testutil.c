/* testutil: shared helpers for the cmocka suites (see tests/testutil.h). */
#include "support/testutil.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wfsim/csv.h"
#include "wfsim/engine.h"
#include "wfsim/metrics.h"

const char *const TESTUTIL_MINIMAL =
    "name = \"minimal\";\n"
    "simulation = { start = \"2024-09\"; months = 24; replicates = 10; seed = 7L; };\n"
    "grades = {\n"
    "  sw = {\n"
    "    posts_fte = 241.0;\n"
    "    initial_in_post_fte = 200.0;\n"
    "    annual_leaving_rate = 0.15;\n"
    "    monthly_fill_probability = 0.0237;\n"
    "  };\n"
    "};\n";

void testutil_assert_close(double a, double b, double tol, const char *expr, const char *file,
                           int line)
{
    if (!(fabs(a - b) <= tol))
        fail_msg("%s:%d: %s = %.12g, expected %.12g within %.3g", file, line, expr, a, b, tol);
}

const char *testutil_write_file(int slot, const char *text)
{
    static char paths[8][64];
    char *p = paths[slot & 7];
    snprintf(p, sizeof paths[0], "/tmp/wfsim-test-%d-%d.cfg", (int)getpid(), slot & 7);
    FILE *f = fopen(p, "w");
    if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
        fail_msg("cannot write %s", p);
    return p;
}

void testutil_expect_error(const char *text, int line, const char *rest)
{
    static struct scenario sc; /* large: kept off the stack */
    struct error e;
    char expect[1024];
    int rc = testutil_load(&sc, text, NULL, 0, NULL, &e);
    snprintf(expect, sizeof expect, "%s:%d: %s", testutil_write_file(0, text), line, rest);
    if (rc == 0 || e.kind != ERROR_INPUT || strcmp(e.msg, expect) != 0)
        fail_msg("got %d \"%s\", expected \"%s\"", rc, e.msg, expect);
}

int testutil_load(struct scenario *sc, const char *text, const char *overlay, int n_sets,
                  const char *const *sets, struct error *e)
{
    const char *files[2];
    int n = 0;
    files[n++] = testutil_write_file(0, text);
    if (overlay != NULL)
        files[n++] = testutil_write_file(1, overlay);
    struct assignment a[16];
    for (int i = 0; i < n_sets && i < 16; i++) {
        a[i].origin = "--set";
        a[i].text = sets[i];
    }
    error_clear(e);
    return scenario_load_files(sc, n, files, n_sets, a, e);
}

void testutil_run(const struct scenario *sc, int threads, struct run_store *st)
{
    struct error e = {ERROR_NONE, ""};
    if (engine_run(sc, threads, NULL, NULL, st, &e) != 0)
        fail_msg("run failed: %s", e.msg);
}

struct scenario *testutil_load_new(const char *text, const char *overlay, int n_sets,
                                   const char *const *sets)
{
    struct scenario *sc = malloc(sizeof *sc);
    struct error e;
    if (sc == NULL || testutil_load(sc, text, overlay, n_sets, sets, &e) != 0)
        fail_msg("scenario did not load: %s", e.msg);
    return sc;
}

struct testutil_csv *testutil_csv_parse(const char *text)
{
    struct testutil_csv *t = calloc(1, sizeof *t);
    size_t lines = 1;
    for (const char *p = text; *p != '\0'; p++)
        lines += *p == '\n';
    if (t == NULL || (t->text = strdup(text)) == NULL ||
        (t->row = calloc(lines, sizeof *t->row)) == NULL)
        fail_msg("out of memory");
    char *save = NULL;
    for (char *l = strtok_r(t->text, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
        struct testutil_csv_row *r = &t->row[t->n_rows++];
        l[strcspn(l, "\r")] = '\0';
        r->n = csv_split(l, r->field, TESTUTIL_CSV_MAX_FIELDS);
        if (r->n < 0)
            fail_msg("CSV line %d: unterminated quote", t->n_rows);
    }
    return t;
}

void testutil_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        char path[4096];
        if (de->d_name[0] != '.' &&
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name) < (int)sizeof path)
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

char *testutil_read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text = NULL;
    size_t len = 0;
    FILE *m = f != NULL ? open_memstream(&text, &len) : NULL;
    if (m == NULL)
        fail_msg("cannot read %s", path);
    for (int ch; (ch = fgetc(f)) != EOF;)
        fputc(ch, m);
    fclose(f);
    fclose(m);
    return text;
}

struct testutil_csv *testutil_csv_read(const char *path)
{
    char *text = testutil_read_file(path);
    struct testutil_csv *t = testutil_csv_parse(text);
    free(text);
    return t;
}

void testutil_csv_free(struct testutil_csv *t)
{
    if (t == NULL)
        return;
    free(t->row);
    free(t->text);
    free(t);
}

void testutil_csv_put(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"") != NULL)
        csv_quote(f, s);
    else
        fputs(s, f);
}

const struct testutil_csv_row *testutil_csv_find(const struct testutil_csv *t, int ca,
                                                 const char *a, int cb, const char *b)
{
    for (int i = 1; i < t->n_rows; i++) {
        const struct testutil_csv_row *r = &t->row[i];
        if (ca < r->n && strcmp(r->field[ca], a) == 0 &&
            (cb < 0 || (cb < r->n && strcmp(r->field[cb], b) == 0)))
            return r;
    }
    return NULL;
}

double testutil_metric_at(const struct run_store *st, const struct scenario *sc, int k, int metric,
                          int scope, int month)
{
    return engine_monthly(st, k, metrics_series(metric, scope, sc->n_grades))[month];
}

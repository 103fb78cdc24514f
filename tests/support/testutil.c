/* testutil: shared helpers for the cmocka suites (see tests/testutil.h). */
#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wfsim/engine.h"

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

/* testutil: shared helpers for the cmocka suites. */
#ifndef WFSIM_TESTUTIL_H
#define WFSIM_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "wfsim/error.h"
#include "wfsim/scenario_load.h"

/* 1 in an AddressSanitizer build (make sanitize), whose allocator glibc's
 * mallinfo2 cannot see: tests that measure allocation skip there. */
#if defined(__SANITIZE_ADDRESS__)
#define TESTUTIL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TESTUTIL_ASAN 1
#endif
#endif
#ifndef TESTUTIL_ASAN
#define TESTUTIL_ASAN 0
#endif

/* cmocka 1.1.5 has no double comparison: fail unless |a - b| <= tol. */
#define assert_close(a, b, tol) testutil_assert_close((a), (b), (tol), #a, __FILE__, __LINE__)
void testutil_assert_close(double a, double b, double tol, const char *expr, const char *file,
                           int line);

/* Write `text` to a fresh temporary file; returns its path (static buffer
 * per call slot 0..7). */
const char *testutil_write_file(int slot, const char *text);
/* Load a scenario from text layers plus assignments ("--set" origin). Returns
 * the loader's status; the error is left in *e. */
int testutil_load(struct scenario *sc, const char *text, const char *overlay, int n_sets,
                  const char *const *sets, struct error *e);
/* testutil_load into a new (malloc'd) scenario, failing the test with the
 * loader's message if it does not load. */
struct scenario *testutil_load_new(const char *text, const char *overlay, int n_sets,
                                   const char *const *sets);
/* Loading `text` fails with exactly "<its file>:<line>: <rest>" (input error). */
void testutil_expect_error(const char *text, int line, const char *rest);
struct run_store;
/* engine_run, failing the test with the engine's message if it fails. */
void testutil_run(const struct scenario *sc, int threads, struct run_store *st);
/* A metric of replicate k from the run store: scope 0 is the council, 1 + g
 * grade g; the value at simulation month `month`. */
double testutil_metric_at(const struct run_store *st, const struct scenario *sc, int k, int metric,
                          int scope, int month);
/* Remove a directory of plain files (a results directory), if it exists. */
void testutil_remove_dir(const char *dir);
/* A whole file as a string (malloc'd), failing the test if unreadable. */
char *testutil_read_file(const char *path);
/* A CSV file read whole (csv.h's dialect): row 0 is the header. */
#define TESTUTIL_CSV_MAX_FIELDS 64
struct testutil_csv_row {
    int n;
    char *field[TESTUTIL_CSV_MAX_FIELDS];
};
struct testutil_csv {
    int n_rows;
    struct testutil_csv_row *row;
    char *text; /* the lines the fields point into */
};
/* Parse CSV text / read a CSV file (malloc'd, free with testutil_csv_free),
 * failing the test on a line csv_split refuses. */
struct testutil_csv *testutil_csv_parse(const char *text);
struct testutil_csv *testutil_csv_read(const char *path);
void testutil_csv_free(struct testutil_csv *t);
/* Write a field as a person would: quoted (csv_quote) only when it holds a
 * comma or a quote. */
void testutil_csv_put(FILE *f, const char *s);
/* The first row (after the header) with `a` in column ca and, when cb >= 0,
 * `b` in column cb; NULL if there is none. */
const struct testutil_csv_row *testutil_csv_find(const struct testutil_csv *t, int ca,
                                                 const char *a, int cb, const char *b);

/* A small valid scenario (one grade "sw") used by many tests. */
extern const char *const TESTUTIL_MINIMAL;

#endif

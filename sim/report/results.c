/* results: a results directory read back (see results.h). */
#include "report/results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/bundle.h"
#include "wfsim/scenario_load.h"
#include "wfsim/target.h"
#include "wfsim/sweep.h"

/* Split the text in place into lines and fields at `sep` (wfsim's own
 * files: no quoted separators). */
static int split(struct results_table *t, const char *sep)
{
    int lines = 0;
    for (const char *p = t->text; *p; p++)
        lines += *p == '\n';
    t->n_cols = 0;
    for (const char *p = t->text; *p && *p != '\n'; p++)
        t->n_cols += strncmp(p, sep, strlen(sep)) == 0;
    t->n_cols++;
    if (strcmp(sep, ": ") == 0)
        t->n_cols = 2;
    t->cell = calloc((size_t)(lines + 1) * (size_t)t->n_cols, sizeof *t->cell);
    if (t->cell == NULL)
        return -1;
    t->n_rows = 0;
    for (char *line = t->text; *line;) {
        char *end = strchr(line, '\n');
        if (end != NULL)
            *end = '\0';
        char **row = t->cell + (size_t)t->n_rows * (size_t)t->n_cols;
        char *p = line;
        for (int c = 0; c < t->n_cols && p != NULL; c++) {
            row[c] = p;
            char *s = c + 1 < t->n_cols ? strstr(p, sep) : NULL;
            if (s != NULL) {
                *s = '\0';
                p = s + strlen(sep);
            } else {
                p = NULL;
            }
        }
        t->n_rows++;
        if (end == NULL)
            break;
        line = end + 1;
    }
    return 0;
}

static int load_table(struct bundle *b, const char *file, const char *sep, int required,
                      struct results_table *t, struct error *e)
{
    memset(t, 0, sizeof *t);
    snprintf(t->file, sizeof t->file, "%s", file);
    size_t len = 0;
    const char *text = bundle_text(b, file, &len);
    if (text == NULL)
        return required ? error_set(e, ERROR_INPUT, "%s: not in the results", file) : 0;
    if ((t->text = malloc(len + 1)) == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: out of memory", file);
    memcpy(t->text, text, len); /* split cuts it in place */
    t->text[len] = '\0';
    return split(t, sep) == 0 ? 0 : error_set(e, ERROR_RUNTIME, "%s: out of memory", file);
}

static void free_table(struct results_table *t)
{
    free(t->cell);
    free(t->text);
    memset(t, 0, sizeof *t);
}

int results_load(struct results *r, struct bundle *b, const char *dir, const struct scenario *sc,
                 struct error *e)
{
    memset(r, 0, sizeof *r);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    snprintf(r->dir, sizeof r->dir, "%.*s", (int)n, dir);
    if (load_table(b, BUNDLE_MANIFEST, ": ", 1, &r->manifest, e) != 0)
        return -1;
    size_t len;
    r->kind = bundle_text(b, "comparison.csv", &len) != NULL ? RESULTS_COMPARE
              : bundle_text(b, SWEEP_CSV, &len) != NULL      ? RESULTS_SWEEP
                                                             : RESULTS_RUN;
    int rc;
    if (r->kind == RESULTS_SWEEP)
        rc = load_table(b, SWEEP_CSV, ",", 1, &r->sweep, e) ||
             load_table(b, SWEEP_POINTS_CSV, ",", 1, &r->points, e) ||
             load_table(b, SWEEP_TORNADO_CSV, ",", 0, &r->tornado, e);
    else if (r->kind == RESULTS_RUN)
        rc = load_table(b, "timeseries.csv", ",", 1, &r->timeseries, e) ||
             load_table(b, "annual.csv", ",", 1, &r->annual, e) ||
             load_table(b, "financial_years.csv", ",", 0, &r->financial_years, e);
    else
        rc = load_table(b, "comparison.csv", ",", 1, &r->comparison, e) ||
             load_table(b, "comparison_timeseries.csv", ",", 1, &r->comparison_series, e) ||
             load_table(b, "comparison_replicates.csv", ",", 0, &r->replicates, e) ||
             load_table(b, "elasticity_curve.csv", ",", 0, &r->curve, e);
    if (rc != 0 || load_table(b, TARGET_FILE, ",", 0, &r->targets, e) != 0)
        return -1;
    if ((r->sc = malloc(sizeof *r->sc)) == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    if (sc != NULL) {
        *r->sc = *sc;
        return 0;
    }
    /* compare's manifest says "baseline: NAME (FILE)" */
    char base[SCENARIO_NAME_LEN + 64], path[4400];
    snprintf(base, sizeof base, "%s", results_manifest(r, "baseline"));
    base[strcspn(base, " ")] = '\0';
    if (r->kind != RESULTS_COMPARE)
        snprintf(path, sizeof path, "%s/scenario.cfg", r->dir);
    else
        snprintf(path, sizeof path, "%s/scenario_%s.cfg", r->dir, base);
    const char *files[1] = {path};
    return scenario_load_files(r->sc, 1, files, 0, NULL, e);
}

void results_free(struct results *r)
{
    struct results_table *t[] = {
        &r->timeseries, &r->annual,  &r->financial_years, &r->comparison, &r->comparison_series,
        &r->replicates, &r->targets, &r->manifest,        &r->sweep,      &r->points,
        &r->tornado,    &r->curve};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        free_table(t[i]);
    free(r->sc);
    r->sc = NULL;
}

int results_column(const struct results_table *t, const char *name)
{
    for (int c = 0; t->n_rows > 0 && c < t->n_cols; c++)
        if (t->cell[c] != NULL && strcmp(t->cell[c], name) == 0)
            return c;
    return -1;
}

const char *results_text(const struct results_table *t, int row, int col)
{
    if (row < 0 || row >= t->n_rows || col < 0 || col >= t->n_cols)
        return "";
    const char *s = t->cell[(size_t)row * (size_t)t->n_cols + (size_t)col];
    return s != NULL ? s : "";
}

double results_number(const struct results_table *t, int row, int col)
{
    const char *s = results_text(t, row, col);
    char *end = NULL;
    double v = strtod(s, &end);
    return *s != '\0' && end != s && *end == '\0' ? v : NAN;
}

int results_find(const struct results_table *t, int from, int c1, const char *v1, int c2,
                 const char *v2)
{
    for (int row = from > 1 ? from : 1; row < t->n_rows; row++)
        if (strcmp(results_text(t, row, c1), v1) == 0 &&
            (c2 < 0 || strcmp(results_text(t, row, c2), v2) == 0))
            return row;
    return -1;
}

const char *results_manifest(const struct results *r, const char *key)
{
    for (int row = 0; row < r->manifest.n_rows; row++)
        if (strcmp(results_text(&r->manifest, row, 0), key) == 0)
            return results_text(&r->manifest, row, 1);
    return "";
}

/* results: a results bundle read back for the report, from its own files
 * only (the CSVs, the manifest's lines and the resolved scenario), so a
 * report can be made again at any time from what a run wrote. A table keeps every cell as
 * the text in the file, so the report can quote the CSV exactly. */
#ifndef WFSIM_RESULTS_H
#define WFSIM_RESULTS_H

#include "wfsim/bundle.h"
#include "wfsim/error.h"
#include "wfsim/scenario.h"

struct results_table {
    char file[64]; /* name inside the directory, e.g. "annual.csv" */
    int n_rows, n_cols;
    char **cell; /* [row][col]; row 0 is the header, file line = row + 1 */
    char *text;  /* the file, split in place */
};

enum results_kind { RESULTS_RUN, RESULTS_COMPARE, RESULTS_SWEEP };

struct results {
    char dir[4096];
    enum results_kind kind;
    struct results_table timeseries, annual, financial_years;       /* run */
    struct results_table comparison, comparison_series, replicates; /* compare */
    struct results_table curve;   /* compare's elasticity_curve.csv (n_rows 0: none) */
    struct results_table targets; /* targets.csv of either (n_rows 0: no targets) */
    struct results_table sweep, points, tornado; /* sweep */
    struct results_table manifest;               /* "key: value" lines as two columns */
    struct scenario *sc; /* scenario.cfg (run, sweep) or the baseline's (compare) */
};

/* Read the tables of the bundle `b` of results directory `dir`. `sc` is
 * the scenario the results came from (the baseline of a comparison), or
 * NULL to read it from dir's scenario file. A missing optional table is
 * left empty (n_rows 0). On error returns -1 with the file named;
 * results_free is safe after a failure. */
int results_load(struct results *r, struct bundle *b, const char *dir, const struct scenario *sc,
                 struct error *e);
void results_free(struct results *r);
/* Column index by header name, or -1. */
int results_column(const struct results_table *t, const char *name);
/* The cell's text ("" outside the table). */
const char *results_text(const struct results_table *t, int row, int col);
/* The cell as a number; NaN for NA, empty or outside the table. */
double results_number(const struct results_table *t, int row, int col);
/* The first data row (from `from`) whose columns c1 and c2 hold v1 and v2
 * (c2 < 0: only c1), or -1. */
int results_find(const struct results_table *t, int from, int c1, const char *v1, int c2,
                 const char *v2);
/* The manifest's value for key ("" when absent). */
const char *results_manifest(const struct results *r, const char *key);

#endif

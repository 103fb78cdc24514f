/* report: the decision outputs of a results directory, made from its own
 * files: report.html (report_html.h), charts/ with every chart as SVG, PNG
 * and PDF (chart.h), and report.xlsx (workbook.h). Works on the results of
 * `wfsim run` and of `wfsim compare`. The report's files are files of the
 * results bundle (bundle.h), listed in its manifest like the others, so a
 * later run replaces them and nothing else. */
#ifndef WFSIM_REPORT_H
#define WFSIM_REPORT_H

#include "wfsim/bundle.h"
#include "wfsim/error.h"
#include "wfsim/scenario.h"

#define REPORT_HTML "report.html"
#define REPORT_XLSX "report.xlsx"

/* What a report needs beside the results: `dir` names the results in
 * messages; `data_path` is the DfE CSV a scenario with an area_code takes
 * its published history from (when it cannot be read the report says so
 * and shows no dots). */
struct report_request {
    const char *dir;
    const char *data_path;
};

/* Add the report's files to the results bundle b, made from b's own files
 * and manifest lines; sc is the scenario of the results (the baseline of
 * a comparison), or NULL to read it from rq->dir. Returns 0, or -1 with e. */
int report_add(struct bundle *b, const struct scenario *sc, const struct report_request *rq,
               struct error *e);
/* report_add as a bundle_extra's fn (ctx: a struct report_request), for
 * run --report and compare --report: the report joins the results' commit. */
int report_extra(struct bundle *b, const struct scenario *sc, void *ctx, struct error *e);
/* Whether a results directory's file `name` is the report's. */
int report_owns(const char *name);
/* wfsim report DIR: DIR must be a results directory wfsim wrote; it is
 * replaced, in one atomic commit, by its own files (an earlier report's
 * dropped) and the new report, all listed in its manifest. Returns 0, or -1
 * with e (an input error for a missing directory or one wfsim did not
 * write). */
int report_dir(const struct report_request *rq, struct error *e);

#endif

/* report: a results directory's report, as files of its bundle (see
 * include/wfsim/report.h). */
#include "wfsim/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wfsim/dfe.h"
#include "base/cleanup.h"
#include "report/figures.h"
#include "report/report_html.h"
#include "report/results.h"
#include "report/sweep_figures.h"
#include "report/workbook.h"

static int add_html(struct bundle *b, const struct report_page *p, struct error *e)
{
    FILE *f = bundle_file(b, REPORT_HTML, e);
    if (f == NULL)
        return -1;
    return report_html_write(f, p) == 0
               ? 0
               : error_set(e, ERROR_RUNTIME, "%s: cannot write the report", REPORT_HTML);
}

/* libxlsxwriter writes only to a named file: write the workbook to a
 * temporary file of our own (removed if interrupted), then read it into the
 * bundle. */
static int add_xlsx(struct bundle *b, const struct results *r, const struct chart *c, int n,
                    struct error *e)
{
    const char *tmpdir = getenv("TMPDIR");
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/wfsim-report-XXXXXX",
             tmpdir != NULL && *tmpdir ? tmpdir : "/tmp");
    cleanup_install();
    int fd = mkstemp(tmp);
    if (fd < 0)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create a temporary file: %s", tmp,
                         strerror(errno));
    close(fd);
    int slot = cleanup_register(tmp, 0);
    int rc = workbook_write(tmp, r, c, n, e);
    FILE *in = rc == 0 ? fopen(tmp, "rb") : NULL;
    FILE *out = in != NULL ? bundle_file(b, REPORT_XLSX, e) : NULL;
    if (rc == 0 && out == NULL)
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot read the workbook back", tmp);
    char chunk[65536];
    size_t got;
    while (out != NULL && (got = fread(chunk, 1, sizeof chunk, in)) > 0)
        fwrite(chunk, 1, got, out);
    if (in != NULL && ferror(in))
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot read the workbook back", tmp);
    if (in != NULL)
        fclose(in);
    remove(tmp);
    cleanup_forget(slot);
    return rc;
}

/* The DfE data for the history dots, or NULL with the reason in `note`. */
static struct dfe_data *history(const struct results *r, const char *data_path, char *note,
                                size_t size)
{
    if (r->kind != RESULTS_RUN || r->sc->area_code[0] == '\0') {
        snprintf(note, size, "none (the scenario has no area_code)");
        return NULL;
    }
    struct dfe_data *d = malloc(sizeof *d);
    struct error e = {ERROR_NONE, ""};
    if (d == NULL || dfe_load(data_path, d, &e) != 0) {
        snprintf(note, size, "not shown: %s", d != NULL ? e.msg : "out of memory");
        free(d);
        return NULL;
    }
    int lo = 9999, hi = 0;
    for (int i = 0; i < d->n; i++)
        if (strcmp(d->row[i].code, r->sc->area_code) == 0) {
            lo = d->row[i].year < lo ? d->row[i].year : lo;
            hi = d->row[i].year > hi ? d->row[i].year : hi;
        }
    if (hi == 0)
        snprintf(note, size, "area %s not found in %s", r->sc->area_code, data_path);
    else
        snprintf(note, size, "area %s, years %d-%d to 30 September, from %s", r->sc->area_code, lo,
                 hi, data_path);
    return d;
}

int report_add(struct bundle *b, const struct scenario *sc, const struct report_request *rq,
               struct error *e)
{
    struct results *r = malloc(sizeof *r);
    struct chart *charts = calloc(FIGURES_MAX, sizeof *charts);
    if (r == NULL || charts == NULL) {
        free(r);
        free(charts);
        return error_set(e, ERROR_RUNTIME, "out of memory");
    }
    int rc = results_load(r, b, rq->dir, sc, e), n = 0;
    char note[600] = "";
    struct dfe_data *d = rc == 0 ? history(r, rq->data_path, note, sizeof note) : NULL;
    if (rc == 0) {
        n = r->kind == RESULTS_RUN     ? figures_run(r, d, charts, FIGURES_MAX)
            : r->kind == RESULTS_SWEEP ? sweep_figures(r, charts, FIGURES_MAX)
                                       : figures_compare(r, charts, FIGURES_MAX);
        if (n < 0)
            rc = error_set(e, ERROR_RUNTIME, "out of memory for the charts");
    }
    struct report_page page = {r, charts, n, note};
    for (int i = 0; i < n && rc == 0; i++)
        rc = chart_add_files(&charts[i], b, e);
    if (rc == 0)
        rc = add_html(b, &page, e);
    if (rc == 0 && r->kind != RESULTS_SWEEP) /* a sweep's tables are its CSVs */
        rc = add_xlsx(b, r, charts, n, e);
    for (int i = 0; i < (n > 0 ? n : 0); i++)
        chart_destroy(&charts[i]);
    if (d != NULL)
        dfe_free(d);
    free(d);
    results_free(r);
    free(r);
    free(charts);
    return rc;
}

int report_extra(struct bundle *b, const struct scenario *sc, void *ctx, struct error *e)
{
    return report_add(b, sc, ctx, e);
}

int report_owns(const char *name)
{
    return strcmp(name, REPORT_HTML) == 0 || strcmp(name, REPORT_XLSX) == 0 ||
           (strncmp(name, CHART_DIR "/", strlen(CHART_DIR "/")) == 0);
}

/* Keep every file of the earlier results but the earlier report's. */
static int keep(const char *name)
{
    return !report_owns(name);
}

int report_dir(const struct report_request *rq, struct error *e)
{
    struct bundle *b = bundle_reopen(rq->dir, keep, e);
    if (b == NULL)
        return -1;
    int rc = report_add(b, NULL, rq, e);
    if (rc == 0)
        rc = bundle_commit(b, NULL, e);
    bundle_free(b);
    return rc;
}

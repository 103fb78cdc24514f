/* report_html: report.html, one self-contained page (CSS inline, charts
 * inlined as SVG, no scripts, system fonts) that opens by double-click on a
 * locked-down laptop. Every number on it is quoted from a CSV of the same
 * results directory: its element carries data-src="FILE:LINE:COLUMN" and
 * data-value (the cell's text), so a reader or a test can trace it. */
#ifndef WFSIM_REPORT_HTML_H
#define WFSIM_REPORT_HTML_H

#include <stdio.h>

#include "report/chart.h"
#include "report/results.h"

struct report_page {
    const struct results *r;
    const struct chart *charts;
    int n_charts;
    const char *history_note; /* where the DfE history came from, or why it is absent */
};

/* Write the page of a run or a comparison. Returns 0, or -1 on a write
 * error or when a chart cannot be drawn. */
int report_html_write(FILE *f, const struct report_page *p);

#endif

/* chart: one description of a chart, drawn by one cairo renderer onto SVG,
 * PNG and PDF surfaces, so the report page, the files in charts/ and a
 * committee paper show the same picture.
 *
 * A fan chart has the median line and the 50% and 90% bands of a metric by
 * month, with the council's published history as dots; a difference chart
 * has an option's paired difference from the baseline by month (median and
 * 90% band) against a zero line; a distribution chart is a histogram of a
 * per-replicate value with zero marked. A response curve has an outcome's
 * mean and 90% band against a key's value, a point for each value swept; a
 * tornado has one bar per key from the outcome at the base to the outcome
 * at the key's lowest and at its highest value, the largest swing on top. */
#ifndef WFSIM_CHART_H
#define WFSIM_CHART_H

#include <stddef.h>

#include "wfsim/bundle.h"
#include "wfsim/error.h"
#include "report/axis.h"
#include "report/units.h"

#define CHART_DIR "charts" /* the charts' subdirectory of a results directory */
#define CHART_MAX_DOTS 32
#define CHART_MAX_BINS 40
#define CHART_MAX_BARS 20 /* VARY_MAX_KEYS */
#define CHART_WIDTH 720   /* points (1/72 inch); the PNG is drawn at twice this */
#define CHART_HEIGHT 340

enum chart_kind {
    CHART_FAN,
    CHART_DIFFERENCE,
    CHART_DISTRIBUTION,
    CHART_RESPONSE, /* an outcome against a varied key's value (sweep) */
    CHART_TORNADO,  /* each key's effect at its lowest and highest value (sweep) */
    N_CHART_KINDS
};

struct chart {
    enum chart_kind kind;
    char name[64]; /* file stem in charts/ */
    char title[160];
    char note[240];      /* one line under the title */
    enum unit_kind unit; /* the values' (a tornado's: its outcome's, on x) */
    /* fan and difference: n points at calendar months x[i]; q[0..4] are
     * p05, p25, p50, p75, p95 (a difference chart uses q[0], q[2], q[4]; a
     * response curve has the key's values in x, increasing, and p05, the
     * mean and p95 in q[0], q[2], q[4]) */
    int n;
    double *x;
    double *q[5];
    int now; /* calendar month of month 0, marked "now" (fan) */
    int n_dots;
    double dot_x[CHART_MAX_DOTS], dot_y[CHART_MAX_DOTS]; /* published history */
    /* response: the key (x axis) */
    char x_title[80];
    enum unit_kind x_unit;
    /* tornado: the outcome at the base and, per bar, its label and the
     * outcome at the key's lowest and highest value */
    double base;
    int n_bars;
    char bar_label[CHART_MAX_BARS][64];
    double bar_low[CHART_MAX_BARS], bar_high[CHART_MAX_BARS];
    /* distribution: the values, binned when drawn */
    int n_values;
    double *values;
};

/* Where a chart's parts go on a w x h page: the plot rectangle and the two
 * axes (a date axis for fan and difference charts, values for a
 * distribution's x). Pure geometry, no drawing. */
struct chart_frame {
    double left, right, top, bottom; /* plot rectangle, in points */
    int date_x;                      /* 1: x is a month axis */
    struct axis x, y;
    /* distribution: the bins */
    int n_bins;
    double bin_lo, bin_width;
    int count[CHART_MAX_BINS];
};

/* Compute the frame; returns 0, or -1 if the chart has nothing to show. */
int chart_layout(const struct chart *c, double w, double h, struct chart_frame *f);
/* The chart as SVG text (malloc'd, caller frees; *len its length); NULL on
 * failure. */
char *chart_svg(const struct chart *c, size_t *len);
/* Add charts/<name>.svg, .png and .pdf to the bundle. Returns 0, or -1
 * with e (out of memory, a drawing that failed, a bundle full). */
int chart_add_files(const struct chart *c, struct bundle *b, struct error *e);
/* Allocate the arrays of an n-point chart (x, q[0..4], all NaN); returns 0
 * or -1. chart_destroy frees them (and values). */
int chart_init(struct chart *c, enum chart_kind kind, int n);
void chart_destroy(struct chart *c);

#endif

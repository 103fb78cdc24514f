/* chart: layout and the one cairo renderer (see chart.h). */
#include "report/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include "report/band.h"
#include "wfsim/bundle.h"
#include "wfsim/month.h"

#define FONT "DejaVu Sans"
#define CHART_PI 3.14159265358979323846

int chart_init(struct chart *c, enum chart_kind kind, int n)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->n = n;
    c->x = malloc((size_t)(n > 0 ? n : 1) * sizeof *c->x);
    int ok = c->x != NULL;
    for (int i = 0; i < 5; i++) {
        c->q[i] = malloc((size_t)(n > 0 ? n : 1) * sizeof *c->q[i]);
        ok = ok && c->q[i] != NULL;
    }
    for (int j = 0; ok && j < n; j++) {
        c->x[j] = NAN;
        for (int i = 0; i < 5; i++)
            c->q[i][j] = NAN;
    }
    if (!ok)
        chart_destroy(c);
    return ok ? 0 : -1;
}

void chart_destroy(struct chart *c)
{
    free(c->x);
    for (int i = 0; i < 5; i++)
        free(c->q[i]);
    free(c->values);
    c->x = NULL;
    c->values = NULL;
    memset(c->q, 0, sizeof c->q);
}

static void widen(double v, double *lo, double *hi)
{
    if (isnan(v))
        return;
    *lo = fmin(*lo, v);
    *hi = fmax(*hi, v);
}

static int layout_distribution(const struct chart *c, struct chart_frame *f)
{
    double lo = 0, hi = 0; /* zero is always shown */
    int defined = 0;
    for (int i = 0; i < c->n_values; i++) {
        widen(c->values[i], &lo, &hi);
        defined += !isnan(c->values[i]);
    }
    if (defined == 0)
        return -1;
    axis_nice(lo, hi, 8, &f->x);
    f->n_bins = CHART_MAX_BINS;
    f->bin_lo = f->x.lo;
    f->bin_width = (f->x.hi - f->x.lo) / f->n_bins;
    int most = 1;
    for (int i = 0; i < c->n_values; i++) {
        if (isnan(c->values[i]))
            continue;
        int b = (int)floor((c->values[i] - f->bin_lo) / f->bin_width);
        b = b < 0 ? 0 : b >= f->n_bins ? f->n_bins - 1 : b;
        if (++f->count[b] > most)
            most = f->count[b];
    }
    axis_nice(0, most, 6, &f->y);
    return 0;
}

/* A tornado's x axis covers the base and every bar's ends; its rows are
 * the bars, labelled in a wide left margin. */
static int layout_tornado(const struct chart *c, struct chart_frame *f)
{
    double lo = c->base, hi = c->base;
    for (int i = 0; i < c->n_bars; i++) {
        widen(c->bar_low[i], &lo, &hi);
        widen(c->bar_high[i], &lo, &hi);
    }
    if (c->n_bars == 0 || isnan(c->base))
        return -1;
    f->left = 240;
    axis_nice(lo, hi, 7, &f->x);
    return 0;
}

int chart_layout(const struct chart *c, double w, double h, struct chart_frame *f)
{
    memset(f, 0, sizeof *f);
    f->left = 70;
    f->right = w - 30;
    f->top = 70;
    f->bottom = h - 40;
    if (c->kind == CHART_DISTRIBUTION)
        return layout_distribution(c, f);
    if (c->kind == CHART_TORNADO)
        return layout_tornado(c, f);
    f->date_x = c->kind != CHART_RESPONSE;
    /* a fan or a difference shows zero; a response curve only its values */
    double lo = f->date_x ? 0 : INFINITY, hi = f->date_x ? 0 : -INFINITY;
    double first = INFINITY, last = -INFINITY;
    int defined = 0;
    for (int i = 0; i < c->n; i++) {
        for (int q = 0; q < 5; q++)
            widen(c->q[q][i], &lo, &hi);
        if (!isnan(c->q[2][i]) || !isnan(c->q[0][i]))
            defined++;
        widen(c->x[i], &first, &last);
    }
    for (int i = 0; i < c->n_dots; i++) {
        widen(c->dot_y[i], &lo, &hi);
        widen(c->dot_x[i], &first, &last);
    }
    if (defined == 0 || !isfinite(first))
        return -1;
    axis_nice(lo, hi, 7, &f->y);
    if (f->date_x)
        axis_months((int)first, (int)last, 9, &f->x);
    else
        axis_nice(first, last, 8, &f->x);
    return 0;
}

/* --- drawing ------------------------------------------------------------ */

static void text(cairo_t *cr, double x, double y, double size, int bold, double align,
                 const char *s)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, s, &ext);
    cairo_move_to(cr, x - align * ext.x_advance, y);
    cairo_show_text(cr, s);
}

static double px(const struct chart_frame *f, double v)
{
    return axis_map(&f->x, v, f->left, f->right);
}

static double py(const struct chart_frame *f, double v)
{
    return axis_map(&f->y, v, f->bottom, f->top);
}

static void month_label(int m, int step, char *buf, size_t size)
{
    static const char *const name[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (step >= 12)
        snprintf(buf, size, "%s %d", name[month_of_year(m) - 1], month_year(m));
    else
        snprintf(buf, size, "%s %02d", name[month_of_year(m) - 1], month_year(m) % 100);
}

static void draw_axes(cairo_t *cr, const struct chart *c, const struct chart_frame *f)
{
    char buf[48];
    cairo_set_line_width(cr, 0.6);
    for (int i = 0; i < f->y.n_ticks; i++) {
        double y = py(f, f->y.tick[i]);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, f->left, y);
        cairo_line_to(cr, f->right, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        if (c->kind == CHART_DISTRIBUTION)
            snprintf(buf, sizeof buf, "%.0f", f->y.tick[i]);
        else
            units_tick(c->unit, f->y.tick[i], f->y.step, buf, sizeof buf);
        text(cr, f->left - 6, y + 3.5, 10, 0, 1, buf);
    }
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    for (int i = 0; i < f->x.n_ticks; i++) {
        double x = px(f, f->x.tick[i]);
        cairo_move_to(cr, x, f->bottom);
        cairo_line_to(cr, x, f->bottom + 4);
        cairo_stroke(cr);
        if (f->date_x)
            month_label((int)f->x.tick[i], (int)f->x.step, buf, sizeof buf);
        else
            units_tick(c->kind == CHART_RESPONSE ? c->x_unit : c->unit, f->x.tick[i], f->x.step,
                       buf, sizeof buf);
        text(cr, x, f->bottom + 16, 10, 0, 0.5, buf);
    }
    if (c->kind == CHART_RESPONSE)
        text(cr, (f->left + f->right) / 2, f->bottom + 31, 10, 0, 0.5, c->x_title);
    cairo_move_to(cr, f->left, f->bottom);
    cairo_line_to(cr, f->right, f->bottom);
    cairo_stroke(cr);
    const char *y_title = c->kind == CHART_DISTRIBUTION ? "replicates" : units_name(c->unit);
    text(cr, f->left - 6, f->top - 8, 10, 0, 1, y_title);
}

static void fill_band(cairo_t *cr, const struct chart *c, const struct chart_frame *f,
                      const double *lo, const double *hi)
{
    struct band_run runs[64];
    int n = band_runs(lo, hi, c->n, runs, 64);
    double *bx = malloc(2 * (size_t)c->n * sizeof *bx), *by = malloc(2 * (size_t)c->n * sizeof *by);
    for (int r = 0; bx != NULL && by != NULL && r < n; r++) {
        int np = band_polygon(c->x, lo, hi, runs[r], bx, by);
        for (int i = 0; i < np; i++)
            (i == 0 ? cairo_move_to : cairo_line_to)(cr, px(f, bx[i]), py(f, by[i]));
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    free(bx);
    free(by);
}

static void stroke_line(cairo_t *cr, const struct chart *c, const struct chart_frame *f,
                        const double *v)
{
    struct band_run runs[64];
    int n = band_runs(v, v, c->n, runs, 64);
    for (int r = 0; r < n; r++) {
        for (int i = runs[r].first; i <= runs[r].last; i++)
            (i == runs[r].first ? cairo_move_to : cairo_line_to)(cr, px(f, c->x[i]), py(f, v[i]));
        if (runs[r].first == runs[r].last) /* a lone month: a short tick */
            cairo_rel_line_to(cr, 1, 0);
        cairo_stroke(cr);
    }
}

/* A band's legend entry: a swatch of its shade and its label. */
static double swatch(cairo_t *cr, double x, double y, double alpha, const char *label)
{
    cairo_set_source_rgba(cr, 0.12, 0.35, 0.65, alpha);
    cairo_rectangle(cr, x, y - 8, 14, 9);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    text(cr, x + 18, y, 9.5, 0, 0, label);
    return x + 24 + 6.5 * (double)strlen(label);
}

static void legend(cairo_t *cr, const struct chart *c, const struct chart_frame *f)
{
    double x = f->left, y = 52;
    x = swatch(cr, x, y, 0.18, "90% of runs");
    if (c->kind == CHART_FAN)
        x = swatch(cr, x, y, 0.45, "50%");
    cairo_set_source_rgb(cr, 0.05, 0.2, 0.45);
    cairo_set_line_width(cr, 2);
    cairo_move_to(cr, x, y - 3.5);
    cairo_line_to(cr, x + 14, y - 3.5);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    text(cr, x + 18, y, 9.5, 0, 0, c->kind == CHART_RESPONSE ? "mean" : "median");
    x += 62;
    if (c->n_dots > 0) {
        cairo_set_source_rgb(cr, 0.85, 0.37, 0.0);
        cairo_arc(cr, x + 5, y - 3.5, 3, 0, 2 * CHART_PI);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        text(cr, x + 12, y, 9.5, 0, 0, "published (DfE)");
    }
}

static void draw_series(cairo_t *cr, const struct chart *c, const struct chart_frame *f)
{
    cairo_save(cr);
    cairo_rectangle(cr, f->left, f->top, f->right - f->left, f->bottom - f->top);
    cairo_clip(cr);
    if (c->kind == CHART_DIFFERENCE || f->y.lo < 0) {
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, f->left, py(f, 0));
        cairo_line_to(cr, f->right, py(f, 0));
        cairo_stroke(cr);
    }
    cairo_set_source_rgba(cr, 0.12, 0.35, 0.65, 0.18);
    fill_band(cr, c, f, c->q[0], c->q[4]);
    if (c->kind == CHART_FAN) {
        cairo_set_source_rgba(cr, 0.12, 0.35, 0.65, 0.30);
        fill_band(cr, c, f, c->q[1], c->q[3]);
    }
    cairo_set_source_rgb(cr, 0.05, 0.2, 0.45);
    cairo_set_line_width(cr, 2);
    stroke_line(cr, c, f, c->q[2]);
    for (int i = 0; c->kind == CHART_RESPONSE && i < c->n; i++) /* the points swept */
        if (!isnan(c->q[2][i])) {
            cairo_arc(cr, px(f, c->x[i]), py(f, c->q[2][i]), 3, 0, 2 * CHART_PI);
            cairo_fill(cr);
        }
    if (c->kind == CHART_FAN && c->now > 0) {
        double x = px(f, c->now);
        double dash[] = {3, 3};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, x, f->top);
        cairo_line_to(cr, x, f->bottom);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        text(cr, x + 4, f->top + 11, 9, 0, 0, "start");
    }
    cairo_set_source_rgb(cr, 0.85, 0.37, 0.0);
    for (int i = 0; i < c->n_dots; i++) {
        if (isnan(c->dot_y[i]))
            continue;
        cairo_arc(cr, px(f, c->dot_x[i]), py(f, c->dot_y[i]), 3.2, 0, 2 * CHART_PI);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

static void draw_histogram(cairo_t *cr, const struct chart *c, const struct chart_frame *f)
{
    for (int b = 0; b < f->n_bins; b++) {
        double lo = f->bin_lo + b * f->bin_width, hi = lo + f->bin_width;
        if (hi <= 0)
            cairo_set_source_rgb(cr, 0.16, 0.55, 0.35); /* saves money */
        else
            cairo_set_source_rgb(cr, 0.85, 0.45, 0.15);
        double top = py(f, f->count[b]);
        cairo_rectangle(cr, px(f, lo) + 0.5, top, px(f, hi) - px(f, lo) - 1, f->bottom - top);
        cairo_fill(cr);
    }
    double x0 = px(f, 0), dash[] = {4, 3};
    cairo_set_source_rgb(cr, 0.7, 0.05, 0.05);
    cairo_set_line_width(cr, 1.5);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, x0, f->top);
    cairo_line_to(cr, x0, f->bottom);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    text(cr, x0 + 4, f->top + 11, 9.5, 1, 0, "0: no difference");
    (void)c;
}

/* One row per bar: the outcome at the key's lowest value (orange, upper
 * half) and at its highest (blue, lower half), each from the base line. */
static void draw_tornado(cairo_t *cr, const struct chart *c, const struct chart_frame *f)
{
    char buf[48];
    cairo_set_line_width(cr, 0.6);
    for (int i = 0; i < f->x.n_ticks; i++) {
        double x = px(f, f->x.tick[i]);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, x, f->top);
        cairo_line_to(cr, x, f->bottom);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        units_tick(c->unit, f->x.tick[i], f->x.step, buf, sizeof buf);
        text(cr, x, f->bottom + 16, 10, 0, 0.5, buf);
    }
    double row = (f->bottom - f->top) / c->n_bars, x0 = px(f, c->base);
    for (int i = 0; i < c->n_bars; i++) {
        double y = f->top + i * row, half = 0.4 * row;
        const double *end[2] = {&c->bar_low[i], &c->bar_high[i]};
        for (int k = 0; k < 2; k++) {
            if (isnan(*end[k]))
                continue;
            if (k == 0)
                cairo_set_source_rgb(cr, 0.85, 0.45, 0.15);
            else
                cairo_set_source_rgb(cr, 0.12, 0.35, 0.65);
            double x1 = px(f, *end[k]);
            cairo_rectangle(cr, fmin(x0, x1), y + 0.1 * row + k * half, fmax(fabs(x1 - x0), 1),
                            half);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        text(cr, f->left - 8, y + row / 2 + 3.5, 9, 0, 1, c->bar_label[i]);
    }
    double dash[] = {4, 3};
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 1.2);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, x0, f->top - 4);
    cairo_line_to(cr, x0, f->bottom);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_set_source_rgba(cr, 0.85, 0.45, 0.15, 1);
    cairo_rectangle(cr, f->left, 44, 14, 9);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    text(cr, f->left + 18, 52, 9.5, 0, 0, "at the key's lowest value");
    double x = swatch(cr, f->left + 170, 52, 1, "at its highest");
    text(cr, x + 8, 52, 9.5, 0, 0, "dashed: the base");
}

static void draw(cairo_t *cr, const struct chart *c, double w, double h)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text(cr, 14, 20, 13, 1, 0, c->title);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    text(cr, 14, 35, 9.5, 0, 0, c->note);
    struct chart_frame f;
    if (chart_layout(c, w, h, &f) != 0) {
        text(cr, w / 2, h / 2, 11, 0, 0.5, "no values to show");
        return;
    }
    if (c->kind == CHART_TORNADO) {
        draw_tornado(cr, c, &f);
        return;
    }
    draw_axes(cr, c, &f);
    if (c->kind == CHART_DISTRIBUTION) {
        draw_histogram(cr, c, &f);
    } else {
        draw_series(cr, c, &f);
        legend(cr, c, &f);
    }
}

static cairo_status_t to_memory(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

static int render(cairo_surface_t *s, const struct chart *c, double scale)
{
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, scale, scale);
    draw(cr, c, CHART_WIDTH, CHART_HEIGHT);
    int rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
    cairo_destroy(cr);
    if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE) /* PNG is written after */
        cairo_surface_finish(s);
    rc |= cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? 0 : -1;
    return rc;
}

char *chart_svg(const struct chart *c, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (f == NULL)
        return NULL;
    cairo_surface_t *s =
        cairo_svg_surface_create_for_stream(to_memory, f, CHART_WIDTH, CHART_HEIGHT);
    cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    int rc = render(s, c, 1);
    cairo_surface_destroy(s);
    if (fclose(f) != 0 || rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* A new file of the bundle: charts/<name><ext>. */
static FILE *chart_file(const struct chart *c, struct bundle *b, const char *ext, struct error *e)
{
    char name[128];
    snprintf(name, sizeof name, "%s/%s%s", CHART_DIR, c->name, ext);
    return bundle_file(b, name, e);
}

int chart_add_files(const struct chart *c, struct bundle *b, struct error *e)
{
    size_t len = 0;
    char *svg = chart_svg(c, &len);
    FILE *f = svg != NULL ? chart_file(c, b, ".svg", e) : NULL;
    int rc = f != NULL && fwrite(svg, 1, len, f) == len ? 0 : -1;
    free(svg);
    FILE *png_f = rc == 0 ? chart_file(c, b, ".png", e) : NULL;
    cairo_surface_t *png =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2 * CHART_WIDTH, 2 * CHART_HEIGHT);
    rc = png_f != NULL ? render(png, c, 2) : -1;
    if (rc == 0 && cairo_surface_write_to_png_stream(png, to_memory, png_f) != CAIRO_STATUS_SUCCESS)
        rc = -1;
    cairo_surface_destroy(png);
    FILE *pdf_f = rc == 0 ? chart_file(c, b, ".pdf", e) : NULL;
    if (pdf_f != NULL) {
        cairo_surface_t *pdf =
            cairo_pdf_surface_create_for_stream(to_memory, pdf_f, CHART_WIDTH, CHART_HEIGHT);
        rc = render(pdf, c, 1);
        cairo_surface_destroy(pdf);
    }
    /* error_set keeps the first message: the bundle's, when it refused a file */
    return pdf_f != NULL && rc == 0
               ? 0
               : error_set(e, ERROR_RUNTIME, "%s: cannot draw the chart", c->name);
}

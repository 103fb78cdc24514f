/* workbook: report.xlsx (see workbook.h). */
#include "report/workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "wfsim/metrics.h"
#include "wfsim/month.h"

struct formats {
    lxw_format *bold, *money, *date, *share;
};

/* Whether a row's metric is money: a metric whose unit is GBP (the grade or
 * case-type suffix removed), or a comparison figure named as money. */
static int is_money(const char *metric)
{
    char base[96];
    snprintf(base, sizeof base, "%s", metric);
    base[strcspn(base, ".")] = '\0';
    for (int m = 0; m < N_METRICS; m++)
        if (strcmp(metrics_table()[m].name, base) == 0)
            return strncmp(metrics_table()[m].unit, "GBP", 3) == 0;
    return strstr(base, "cost") != NULL || strstr(base, "npv") != NULL ||
           strstr(base, "clawback") != NULL || strstr(base, "_gbp") != NULL;
}

static int is_date_column(const char *name)
{
    return strcmp(name, "date") == 0 || strcmp(name, "first_month") == 0 ||
           strcmp(name, "last_month") == 0;
}

/* The last day of a "YYYY-MM" month (the state at the end of the month). */
static int month_end(const char *text, lxw_datetime *d)
{
    int m;
    if (month_parse(text, &m) != 0)
        return -1;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = month_year(m), mo = month_of_year(m);
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    *d = (lxw_datetime){y, mo, days[mo - 1] + (mo == 2 && leap), 0, 0, 0};
    return 0;
}

static void write_cell(lxw_worksheet *ws, int row, int col, const char *text, const char *header,
                       int money, const struct formats *fm)
{
    char *end = NULL;
    double v = strtod(text, &end);
    lxw_datetime d;
    if (strcmp(text, "NA") == 0 || *text == '\0')
        return; /* blank: undefined in every replicate */
    if (is_date_column(header) && month_end(text, &d) == 0)
        worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &d, fm->date);
    else if (end != text && *end == '\0' && isfinite(v))
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, money ? fm->money : NULL);
    else
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, NULL);
}

static void table_sheet(lxw_workbook *wb, const struct results_table *t, const struct formats *fm)
{
    if (t->n_rows == 0)
        return;
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(t->file, "."), t->file);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    int cm = results_column(t, "metric");
    for (int c = 0; c < t->n_cols; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, results_text(t, 0, c), fm->bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             is_date_column(results_text(t, 0, c)) ? 10 : 13, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (int row = 1; row < t->n_rows; row++) {
        int money = cm >= 0 && is_money(results_text(t, row, cm));
        for (int c = 0; c < t->n_cols; c++)
            write_cell(ws, row, c, results_text(t, row, c), results_text(t, 0, c), money, fm);
    }
}

/* The charts' data, one block of columns per chart: date, p05 .. p95. */
static void chart_data(lxw_workbook *wb, lxw_worksheet *charts, const struct chart *c, int n,
                       const struct formats *fm)
{
    static const char *const col[5] = {"p05", "p25", "p50", "p75", "p95"};
    lxw_worksheet *ws = workbook_add_worksheet(wb, "chart_data");
    int placed = 0;
    for (int i = 0; i < n; i++) {
        if (c[i].kind == CHART_DISTRIBUTION)
            continue;
        lxw_col_t c0 = (lxw_col_t)(7 * placed);
        worksheet_write_string(ws, 0, c0, c[i].name, fm->bold);
        worksheet_write_string(ws, 1, c0, "date", fm->bold);
        lxw_format *f = c[i].unit == UNIT_GBP     ? fm->money
                        : c[i].unit == UNIT_SHARE ? fm->share
                                                  : NULL;
        for (int q = 0; q < 5; q++)
            if (c[i].kind == CHART_FAN || q % 2 == 0)
                worksheet_write_string(ws, 1, (lxw_col_t)(c0 + 1 + q), col[q], fm->bold);
        for (int k = 0; k < c[i].n; k++) {
            char text[16];
            lxw_datetime d;
            month_format((int)c[i].x[k], text, sizeof text);
            if (month_end(text, &d) == 0)
                worksheet_write_datetime(ws, (lxw_row_t)(2 + k), c0, &d, fm->date);
            for (int q = 0; q < 5; q++)
                if (!isnan(c[i].q[q][k]))
                    worksheet_write_number(ws, (lxw_row_t)(2 + k), (lxw_col_t)(c0 + 1 + q),
                                           c[i].q[q][k], f);
        }
        lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
        chart_title_set_name(ch, c[i].title);
        for (int q = 0; q < 5; q++) {
            if (c[i].kind != CHART_FAN && q % 2 == 1)
                continue;
            lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
            chart_series_set_categories(s, "chart_data", 2, c0, (lxw_row_t)(1 + c[i].n), c0);
            chart_series_set_values(s, "chart_data", 2, (lxw_col_t)(c0 + 1 + q),
                                    (lxw_row_t)(1 + c[i].n), (lxw_col_t)(c0 + 1 + q));
            chart_series_set_name(s, col[q]);
            lxw_chart_line line = {.color = q == 2 ? 0x0D3373 : 0x7FA3D1,
                                   .width = q == 2 ? 2.25f : 1.0f,
                                   .dash_type = q == 2 ? LXW_CHART_LINE_DASH_SOLID
                                                       : LXW_CHART_LINE_DASH_DASH};
            chart_series_set_line(s, &line);
        }
        chart_axis_set_num_format(ch->x_axis, "mmm yyyy");
        worksheet_insert_chart(charts, (lxw_row_t)(1 + 20 * placed), 1, ch);
        placed++;
    }
}

int workbook_write(const char *path, const struct results *r, const struct chart *charts,
                   int n_charts, struct error *e)
{
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (wb == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create the workbook", path);
    struct formats fm = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
                         workbook_add_format(wb)};
    format_set_bold(fm.bold);
    format_set_num_format(fm.money, "\xc2\xa3#,##0");
    format_set_num_format(fm.date, "mmm yyyy");
    format_set_num_format(fm.share, "0.0%");
    lxw_worksheet *sheet_charts = workbook_add_worksheet(wb, "charts");
    const struct results_table *t[] = {&r->timeseries,        &r->annual,
                                       &r->financial_years,   &r->comparison,
                                       &r->comparison_series, &r->replicates};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        table_sheet(wb, t[i], &fm);
    chart_data(wb, sheet_charts, charts, n_charts, &fm);
    lxw_error err = workbook_close(wb);
    return err == LXW_NO_ERROR ? 0
                               : error_set(e, ERROR_RUNTIME, "%s: cannot write the workbook: %s",
                                           path, lxw_strerror(err));
}

/* report_html: the report page (see report_html.h). */
#include "report/report_html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/metrics.h"
#include "wfsim/month.h"
#include "wfsim/target.h"
#include "report/figures.h"
#include "report/levers.h"
#include "report/sweep_figures.h"
#include "report/units.h"

static const char *const CSS =
    "body{font-family:'DejaVu Sans',Verdana,'Liberation Sans',Arial,sans-serif;color:#1a1a1a;"
    "max-width:60em;margin:1.5em auto;padding:0 1em;line-height:1.45}"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.8em;"
    "border-bottom:1px solid #ccc}.lead{font-size:1.15em;background:#eef3fa;padding:.8em 1em;"
    "border-left:4px solid #1f5aa6}figure{margin:1.2em 0}figure svg{width:100%;height:auto;"
    "display:block}figcaption{font-size:.9em;color:#444}table{border-collapse:collapse;"
    "font-size:.9em;margin:.6em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}.small{font-size:.85em;"
    "color:#555}code{font-size:.9em}";

static void escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* A number quoted from a CSV cell, formatted for people, with its source. */
static void quote(FILE *f, const struct results_table *t, int row, const char *col,
                  enum unit_kind u)
{
    int c = results_column(t, col);
    char text[64];
    units_format(u, results_number(t, row, c), text, sizeof text);
    fprintf(f, "<span data-src=\"%s:%d:%s\" data-value=\"", t->file, row + 1, col);
    escape(f, results_text(t, row, c));
    fprintf(f, "\">%s</span>", text);
}

/* "centre (lo to hi)" of a row, e.g. the median and the 90% range. */
static void interval(FILE *f, const struct results_table *t, int row, enum unit_kind u,
                     const char *centre, const char *lo, const char *hi)
{
    quote(f, t, row, centre, u);
    fputs(" <span class=\"small\">(", f);
    quote(f, t, row, lo, u);
    fputs(" to ", f);
    quote(f, t, row, hi, u);
    fputs(")</span>", f);
}

static enum unit_kind unit_of(const char *metric)
{
    for (int m = 0; m < N_METRICS; m++)
        if (strcmp(metrics_table()[m].name, metric) == 0)
            return units_of(metrics_table()[m].unit);
    return UNIT_COUNT;
}

/* Inline a chart's SVG, its ids prefixed so several charts can share the
 * page (cairo names glyphs and clips glyph0-1, clip1, ... in each). */
static int inline_svg(FILE *f, const struct chart *c, int index)
{
    size_t len = 0;
    char *svg = chart_svg(c, &len);
    if (svg == NULL)
        return -1;
    char *p = strstr(svg, "<svg");
    char prefix[16];
    snprintf(prefix, sizeof prefix, "c%d-", index);
    static const char *const refs[] = {"id=\"", "href=\"#", "url(#"};
    while (p != NULL && *p) {
        size_t best = strlen(p);
        int which = -1;
        for (int i = 0; i < 3; i++) {
            char *q = strstr(p, refs[i]);
            if (q != NULL && (size_t)(q - p) < best) {
                best = (size_t)(q - p);
                which = i;
            }
        }
        fwrite(p, 1, best, f);
        if (which < 0)
            break;
        fprintf(f, "%s%s", refs[which], prefix);
        p += best + strlen(refs[which]);
    }
    free(svg);
    return 0;
}

static int figures(FILE *f, const struct report_page *p)
{
    for (int i = 0; i < p->n_charts; i++) {
        const struct chart *c = &p->charts[i];
        fputs("<figure>", f);
        if (inline_svg(f, c, i) != 0)
            return -1;
        fputs("<figcaption><b>", f);
        escape(f, c->title);
        fputs(".</b> ", f);
        escape(f, figures_caption(c));
        fprintf(f,
                " Files: <a href=\"charts/%s.svg\">SVG</a>, <a href=\"charts/%s.png\">PNG</a>, "
                "<a href=\"charts/%s.pdf\">PDF</a>.</figcaption></figure>\n",
                c->name, c->name, c->name);
    }
    return 0;
}

static void levers(FILE *f, const struct scenario *sc)
{
    static char text[LEVERS_MAX][LEVERS_LEN];
    int n = levers_describe(sc, text, LEVERS_MAX);
    fputs("<ul>", f);
    for (int i = 0; i < n; i++) {
        fputs("<li>", f);
        escape(f, text[i]);
        fputs("</li>", f);
    }
    fputs("</ul>\n", f);
}

/* The manifest's "warning:" lines: levers that will not do what they say. */
static void warnings(FILE *f, const struct results *r)
{
    const struct results_table *m = &r->manifest;
    int shown = 0;
    for (int row = 0; row < m->n_rows; row++) {
        if (strcmp(results_text(m, row, 0), "warning") != 0)
            continue;
        fputs(shown++ == 0 ? "<p><b>Levers that will not do what they say:</b></p>\n<ul>" : "", f);
        fputs("<li>", f);
        escape(f, results_text(m, row, 1));
        fputs("</li>", f);
    }
    if (shown > 0)
        fputs("</ul>\n", f);
}

static void provenance(FILE *f, const struct report_page *p)
{
    fputs("<h2>Where these numbers come from</h2>\n<table>", f);
    const struct results_table *m = &p->r->manifest;
    for (int row = 0; row < m->n_rows; row++) {
        if (results_text(m, row, 0)[0] == '\0')
            continue;
        fputs("<tr><td>", f);
        escape(f, results_text(m, row, 0));
        fputs("</td><td style=\"text-align:left\"><code>", f);
        escape(f, results_text(m, row, 1));
        fputs("</code></td></tr>", f);
    }
    fputs("<tr><td>published history</td><td style=\"text-align:left\">", f);
    escape(f, p->history_note);
    fputs("</td></tr></table>\n<p class=\"small\">Made by <code>wfsim report</code> from the CSV "
          "files beside this page (manifest.txt, the resolved scenario). Each number on the page "
          "names its CSV row (data-src).</p>\n",
          f);
}

/* --- targets (run and comparison) ------------------------------------------ */

/* A target's text in words: "vacancy_rate at most 10.0% at the end of July
 * 2025". */
static void target_words(FILE *f, const char *cell)
{
    char text[TARGET_TEXT_MAX]; /* the cell is a quoted field (csv_quote) */
    size_t n = 0;
    for (const char *c = cell + (cell[0] == '"'); *c != '\0' && n + 1 < sizeof text; c++)
        if (*c != '"' || c[1] == '"')
            text[n++] = *c == '"' ? *c++ : *c;
    text[n] = '\0';
    struct target t;
    struct error e = {ERROR_NONE, ""};
    if (target_parse(TARGET_FILE, text, &t, &e) != 0) {
        escape(f, text);
        return;
    }
    char metric[TARGET_METRIC_MAX], value[64], when[64];
    snprintf(metric, sizeof metric, "%s", t.metric);
    metric[strcspn(metric, ".")] = '\0'; /* a grade's or route's series has its metric's unit */
    units_format(unit_of(metric), t.value, value, sizeof value);
    fputs("<code>", f);
    escape(f, t.metric);
    fprintf(f, "</code> %s %s ", t.op == TARGET_AT_MOST ? "at most" : "at least", value);
    if (t.month >= 0) {
        levers_month(t.month, when, sizeof when);
        fprintf(f, "at the end of %s", when);
    } else {
        fprintf(f, "in the DfE year to 30 September %d", t.year);
    }
}

/* "value ± se", both quoted from the row, as shares. */
static void plus_minus(FILE *f, const struct results_table *t, int row, const char *value,
                       const char *se)
{
    quote(f, t, row, value, UNIT_SHARE);
    fputs(" <span class=\"small\">&plusmn; ", f);
    quote(f, t, row, se, UNIT_SHARE);
    fputs("</span>", f);
}

/* A probability and its standard error, and the paired change from the
 * baseline when the row has one. */
static void target_cell(FILE *f, const struct results_table *t, int row)
{
    fputs("<td>", f);
    plus_minus(f, t, row, "probability", "se");
    if (!isnan(results_number(t, row, results_column(t, "diff_vs_baseline")))) {
        fputs("<br>change ", f);
        plus_minus(f, t, row, "diff_vs_baseline", "diff_se");
    }
    fputs("</td>", f);
}

static void target_table(FILE *f, const struct results *r)
{
    const struct results_table *t = &r->targets;
    if (t->n_rows < 2)
        return;
    int cs = results_column(t, "scenario"), ct = results_column(t, "target");
    int cm = results_column(t, "measure"), paired = r->kind == RESULTS_COMPARE;
    fprintf(f,
            "<h2>Targets</h2>\n<p class=\"small\">The share of runs in which each target is "
            "met: at its date; at least once from the start to its date; and at its date and "
            "every month (or DfE year) after it to the end of the horizon. &plusmn; is the Monte "
            "Carlo standard error%s.</p>\n<table><tr><th>target</th>%s<th>met at the date</th>"
            "<th>met by the date</th><th>met from the date on</th></tr>\n",
            paired ? "; an option's change from the baseline is paired (the same runs)" : "",
            paired ? "<th>scenario</th>" : "");
    /* each target's rows are its measures, in order (target_write_rows) */
    for (int row = 1; row + N_TARGET_MEASURES <= t->n_rows; row += N_TARGET_MEASURES) {
        int whole = 1;
        for (int m = 0; m < N_TARGET_MEASURES; m++)
            whole = whole && strcmp(results_text(t, row + m, cm), target_measure_name(m)) == 0;
        if (!whole)
            continue;
        fputs("<tr><td>", f);
        target_words(f, results_text(t, row, ct));
        fputs("</td>", f);
        if (paired) {
            fputs("<td>", f);
            escape(f, results_text(t, row, cs));
            fputs("</td>", f);
        }
        for (int m = 0; m < N_TARGET_MEASURES; m++)
            target_cell(f, t, row + m);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* --- the run page --------------------------------------------------------- */

static void headline(FILE *f, const struct results *r)
{
    const struct results_table *a = &r->annual;
    int cy = results_column(a, "year"), cm = results_column(a, "metric");
    int row = -1;
    for (int k = results_find(a, 1, cm, "vacancy_rate", -1, NULL); k > 0;
         k = results_find(a, k + 1, cm, "vacancy_rate", -1, NULL))
        row = k; /* the last reporting year */
    if (row < 0)
        return;
    fprintf(f,
            "<p class=\"lead\">In 9 runs out of 10 the vacancy rate on 30 September %s is "
            "between ",
            results_text(a, row, cy));
    quote(f, a, row, "p05", UNIT_SHARE);
    fputs(" and ", f);
    quote(f, a, row, "p95", UNIT_SHARE);
    fputs("; the central estimate is ", f);
    quote(f, a, row, "p50", UNIT_SHARE);
    fputs(".", f);
    const struct results_table *y = &r->financial_years;
    int fy = results_find(y, 1, results_column(y, "metric"), "cost_total", -1, NULL);
    if (fy > 0) {
        fprintf(f, " The workforce costs ");
        quote(f, y, fy, "mean", UNIT_GBP);
        fprintf(f, " on average in %s (9 runs in 10: ",
                results_text(y, fy, results_column(y, "financial_year")));
        quote(f, y, fy, "p05", UNIT_GBP);
        fputs(" to ", f);
        quote(f, y, fy, "p95", UNIT_GBP);
        fputs(").", f);
    }
    fputs("</p>\n", f);
}

static void dfe_year_table(FILE *f, const struct results *r)
{
    static const char *const key[] = {"vacancy_rate", "in_post_fte",
                                      "agency_fte",   "turnover_rate",
                                      "caseload",     "cases_3plus_workers_12m_share",
                                      "cost_total"};
    const struct results_table *a = &r->annual;
    int cy = results_column(a, "year"), cm = results_column(a, "metric");
    fputs("<h2>Key indicators by DfE year (to 30 September)</h2>\n<p class=\"small\">Median of "
          "the runs, with the range holding 9 runs in 10 (p05 to p95). Costs are the year's "
          "total (October to September).</p>\n<table><tr><th>year</th>",
          f);
    for (size_t k = 0; k < sizeof key / sizeof key[0]; k++)
        if (results_find(a, 1, cm, key[k], -1, NULL) > 0)
            fprintf(f, "<th>%s</th>", key[k]);
    fputs("</tr>\n", f);
    for (int row = 1; row < a->n_rows; row++) {
        if (row > 1 && strcmp(results_text(a, row, cy), results_text(a, row - 1, cy)) == 0)
            continue;
        const char *year = results_text(a, row, cy);
        fprintf(f, "<tr><td>%s</td>", year);
        for (size_t k = 0; k < sizeof key / sizeof key[0]; k++) {
            int at = results_find(a, row, cm, key[k], cy, year);
            if (results_find(a, 1, cm, key[k], -1, NULL) < 0)
                continue;
            fputs("<td>", f);
            if (at > 0)
                interval(f, a, at, unit_of(key[k]), "p50", "p05", "p95");
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void financial_year_table(FILE *f, const struct results *r)
{
    static const char *const cost[] = {"cost_permanent",     "cost_agency",
                                       "cost_recruitment",   "cost_retention",
                                       "clawback_recovered", "cost_total_discounted"};
    const struct results_table *y = &r->financial_years;
    if (y->n_rows < 2)
        return;
    int cy = results_column(y, "financial_year"), cm = results_column(y, "metric");
    fprintf(f,
            "<h2>Costs by financial year (April to March)</h2>\n<p class=\"small\">Mean over the "
            "runs (means add up across years and lines), with the range holding 9 runs in 10 for "
            "the total. Price basis: the scenario's salaries, on-costs (%.0f%%) and agency rates "
            "as given, no inflation. Discounted at %.1f%% a year to %s (finance.discount_rate). "
            "Clawback recovered is income.</p>\n<table><tr><th>financial year</th><th>total "
            "cost</th>",
            100 * r->sc->on_cost_share, 100 * r->sc->discount_rate, results_manifest(r, "start"));
    for (size_t k = 0; k < sizeof cost / sizeof cost[0]; k++)
        fprintf(f, "<th>%s</th>", cost[k]);
    fputs("</tr>\n", f);
    for (int row = results_find(y, 1, cm, "cost_total", -1, NULL); row > 0;
         row = results_find(y, row + 1, cm, "cost_total", -1, NULL)) {
        const char *year = results_text(y, row, cy);
        fprintf(f, "<tr><td>%s</td><td>", year);
        interval(f, y, row, UNIT_GBP, "mean", "p05", "p95");
        fputs("</td>", f);
        for (size_t k = 0; k < sizeof cost / sizeof cost[0]; k++) {
            fputs("<td>", f);
            int at = results_find(y, row, cm, cost[k], cy, year);
            if (at > 0)
                quote(f, y, at, "mean", UNIT_GBP);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void page_start(FILE *f, const char *title, const struct scenario *sc)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n<title>", f);
    escape(f, title);
    fprintf(f, "</title>\n<style>%s</style></head><body>\n<h1>", CSS);
    escape(f, title);
    fputs("</h1>\n<p>", f);
    escape(f, sc->description);
    fputs("</p>\n", f);
}

/* Which kind of band the charts show: chance only, or chance and the
 * uncertainty of the rates themselves (the uncertainty.* keys, and a
 * retention scheme's response drawn per run). */
static void band_kind(FILE *f, const struct scenario *sc)
{
    int params = sc->uncertainty_leaving_sd > 0 || sc->uncertainty_fill_sd > 0 ||
                 sc->uncertainty_cover_sd > 0 || sc->uncertainty_demand_sd > 0;
    int response = sc->n_schemes > 0 && sc->elasticity_sd > 0;
    if (params || response)
        fprintf(f,
                "<p class=\"small\">The bands show <b>chance and parameter uncertainty</b>: "
                "who leaves and when, and %s drawn once per run.</p>\n",
                params ? "the rates themselves (uncertainty.* keys)"
                       : "the staff's response "
                         "to the retention scheme");
    else
        fputs("<p class=\"small\">The bands show <b>chance only</b>: who leaves, is hired "
              "and covered, and when, with the rates fixed at the scenario's values. The rates' "
              "own uncertainty is not in them (set the uncertainty.* keys to add it), so the "
              "outturn can fall outside them more often than one year in ten.</p>\n",
              f);
}

static int run_page(FILE *f, const struct report_page *p)
{
    const struct results *r = p->r;
    char title[200];
    snprintf(title, sizeof title, "Workforce outlook: %s", r->sc->name);
    page_start(f, title, r->sc);
    headline(f, r);
    target_table(f, r);
    fputs("<h2>The outlook in pictures</h2>\n", f);
    band_kind(f, r->sc);
    if (figures(f, p) != 0)
        return -1;
    dfe_year_table(f, r);
    financial_year_table(f, r);
    fputs("<h2>The levers in this scenario</h2>\n", f);
    levers(f, r->sc);
    warnings(f, r);
    return 0;
}

/* --- the comparison page -------------------------------------------------- */

/* One option's row of the summary table, from its comparison.csv rows. */
static void option_row(FILE *f, const struct results_table *t, const char *option)
{
    int co = results_column(t, "option"), cm = results_column(t, "metric");
    int npv = results_find(t, 1, co, option, cm, "cost_total_npv");
    int leavers = results_find(t, 1, co, option, cm, "leavers_fte_total");
    int vac = results_find(t, 1, co, option, cm, "vacancy_fte_months");
    static const char *const figure[] = {"prob_saves_money", "cost_per_leaver_avoided_gbp",
                                         "break_even_elasticity"};
    static const enum unit_kind fu[] = {UNIT_SHARE, UNIT_GBP, UNIT_RATIO};
    fputs("<tr><td>", f);
    escape(f, option);
    fputs("</td><td>", f);
    if (npv > 0)
        interval(f, t, npv, UNIT_GBP, "diff_mean", "diff_p05", "diff_p95");
    fputs("</td><td>", f);
    if (leavers > 0)
        quote(f, t, leavers, "diff_mean", UNIT_FTE);
    fputs("</td><td>", f);
    if (vac > 0)
        quote(f, t, vac, "diff_mean", UNIT_FTE);
    fputs("</td>", f);
    for (int k = 0; k < 3; k++) {
        int at = results_find(t, 1, co, option, cm, figure[k]);
        fputs("<td>", f);
        if (at > 0)
            quote(f, t, at, "diff_mean", fu[k]);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

static int compare_page(FILE *f, const struct report_page *p)
{
    const struct results *r = p->r;
    const struct results_table *t = &r->comparison;
    char title[200];
    snprintf(title, sizeof title, "Options compared with the baseline: %s", r->sc->name);
    page_start(f, title, r->sc);
    fprintf(f,
            "<p class=\"lead\">Each option was run with the same %s runs (the same random "
            "numbers) as the baseline, so each difference is the option's effect in the same "
            "circumstances. A negative cost difference saves money; negative leavers and "
            "vacancy-months mean fewer.</p>\n",
            results_manifest(r, "replicates"));
    fputs("<h2>Summary</h2>\n<table><tr><th>option</th><th>NPV of total cost minus baseline "
          "(mean, 90% range)</th><th>leavers (FTE) minus baseline</th><th>vacancy FTE-months "
          "minus baseline</th><th>P(saves money)</th><th>cost per leaver avoided</th>"
          "<th>break-even pay elasticity</th></tr>\n",
          f);
    int co = results_column(t, "option");
    for (int row = 1; row < t->n_rows; row++)
        if (row == 1 || strcmp(results_text(t, row, co), results_text(t, row - 1, co)) != 0)
            option_row(f, t, results_text(t, row, co));
    fputs("</table>\n<p class=\"small\">Break-even elasticity: the pay elasticity of leaving at "
          "which the option costs the same as the baseline (NA: it costs more, or less, at every "
          "elasticity tried).</p>\n",
          f);
    target_table(f, r);
    fputs("<h2>Differences in pictures</h2>\n", f);
    if (figures(f, p) != 0)
        return -1;
    fputs("<h2>The baseline's levers</h2>\n", f);
    levers(f, r->sc);
    return 0;
}

/* --- the sweep page --------------------------------------------------------- */

/* A cell shown exactly as the CSV has it (a key's value), with its source. */
static void verbatim(FILE *f, const struct results_table *t, int row, const char *col)
{
    const char *v = results_text(t, row, results_column(t, col));
    fprintf(f, "<span data-src=\"%s:%d:%s\" data-value=\"", t->file, row + 1, col);
    escape(f, v);
    fputs("\">", f);
    escape(f, v);
    fputs("</span>", f);
}

/* "Raising KEY from A to B moves the 2027 vacancy rate from x to y (the
 * base: z)." for one row of tornado.csv. */
static void tornado_sentence(FILE *f, const struct results_table *t, int row)
{
    const char *metric = results_text(t, row, results_column(t, "outcome"));
    enum unit_kind u = unit_of(metric);
    fputs("<li>Raising <code>", f);
    escape(f, results_text(t, row, results_column(t, "key")));
    fputs("</code> from ", f);
    verbatim(f, t, row, "low_value");
    fputs(" to ", f);
    verbatim(f, t, row, "high_value");
    fprintf(f, " moves the %s %s from ", results_text(t, row, results_column(t, "year")),
            sweep_figures_outcome_name(metric));
    quote(f, t, row, "outcome_at_low", u);
    fputs(" to ", f);
    quote(f, t, row, "outcome_at_high", u);
    fputs(" <span class=\"small\">(the base: ", f);
    quote(f, t, row, "outcome_at_base", u);
    fputs(")</span>.</li>\n", f);
}

static int sweep_page(FILE *f, const struct report_page *p)
{
    const struct results *r = p->r;
    char title[200];
    snprintf(title, sizeof title, "What if: a sweep of %s", r->sc->name);
    page_start(f, title, r->sc);
    fprintf(f,
            "<p class=\"lead\">%d points (%s), each run with the same %s runs (the same "
            "random numbers), so the differences between points are the effects of the keys "
            "varied, not of chance. sweep.csv has every point's figures by DfE year, "
            "points.csv what each point set.</p>\n",
            r->points.n_rows - 1, results_manifest(r, "sweep"), results_manifest(r, "replicates"));
    const struct results_table *t = &r->tornado;
    if (t->n_rows > 1) {
        fputs("<h2>What moves the outcomes most</h2>\n<ul>\n", f);
        for (int row = 1; row < t->n_rows; row++)
            tornado_sentence(f, t, row);
        fputs("</ul>\n<p class=\"small\">Each key alone, from its lowest to its highest "
              "value, with the other keys as in the base scenario; the keys that move an outcome "
              "most come first (tornado.csv).</p>\n",
              f);
    }
    fputs("<h2>Responses in pictures</h2>\n", f);
    if (figures(f, p) != 0)
        return -1;
    fputs("<h2>The base scenario's levers</h2>\n", f);
    levers(f, r->sc);
    return 0;
}

int report_html_write(FILE *f, const struct report_page *p)
{
    int rc = p->r->kind == RESULTS_RUN     ? run_page(f, p)
             : p->r->kind == RESULTS_SWEEP ? sweep_page(f, p)
                                           : compare_page(f, p);
    if (rc != 0)
        return -1;
    provenance(f, p);
    fputs("</body></html>\n", f);
    return ferror(f) ? -1 : 0;
}

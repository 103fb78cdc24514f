/* compare: paired option comparison (see include/wfsim/compare.h). */
#include "wfsim/compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "wfsim/bundle.h"
#include "wfsim/csv.h"
#include "wfsim/engine.h"
#include "wfsim/financial_years.h"
#include "wfsim/metrics.h"
#include "wfsim/month.h"
#include "wfsim/scenario_warn.h"
#include "wfsim/scenario_write.h"
#include "wfsim/target.h"
#include "base/stats.h"
#include "studies/response.h"

enum outcome {
    O_NPV_TOTAL,
    O_RETENTION,
    O_CLAWBACK,
    O_AGENCY_COST,
    O_RECRUITMENT_COST,
    O_LEAVERS,
    O_VACANCY_FTE_MONTHS,
    O_AGENCY_FTE_MONTHS,
    O_MEAN_CASELOAD,
    O_CASE_TRANSFERS,
    O_CASES_3PLUS_END,
    /* the reconciliation: every part of the net, undiscounted and NPV */
    O_PERMANENT_TOTAL,
    O_PERMANENT_NPV,
    O_AGENCY_NPV,
    O_RECRUITMENT_NPV,
    O_RETENTION_NPV,
    O_CLAWBACK_NPV,
    O_VACANCY_TOTAL,
    O_VACANCY_NPV,
    O_NET_TOTAL,
    O_NET_NPV,
    N_OUTCOMES
};

/* MONEY: the store's double money (engine_money), part `metric`, basis
 * `basis` */
enum how { AT_END, TOTAL, AVERAGE, MONEY };

static const struct {
    const char *name;
    int metric;
    enum how how;
    int better;                 /* -1: lower is better, +1: higher */
    int basis;                  /* MONEY: enum money_basis */
    const char *unit, *meaning; /* docs/metrics.md */
} outcome[N_OUTCOMES] = {
    [O_NPV_TOTAL] = {"cost_total_npv", M_COST_TOTAL_NPV_CUM, AT_END, -1, 0, "GBP",
                     "discounted cost over the horizon, cost_total_npv_cum at its last month "
                     "(float sums; cost_net_npv is the same in double)"},
    [O_RETENTION] = {"cost_retention_total", MONEY_RETENTION, MONEY, -1, MONEY_UNDISCOUNTED, "GBP",
                     "retention payments with on-costs, undiscounted"},
    [O_CLAWBACK] = {"clawback_recovered_total", MONEY_CLAWBACK, MONEY, +1, MONEY_UNDISCOUNTED,
                    "GBP", "clawback recovered from leavers, undiscounted (it lowers the net)"},
    [O_AGENCY_COST] = {"cost_agency_total", MONEY_AGENCY, MONEY, -1, MONEY_UNDISCOUNTED, "GBP",
                       "agency cost, undiscounted"},
    [O_RECRUITMENT_COST] =
        {"cost_recruitment_total", MONEY_RECRUITMENT, MONEY, -1, MONEY_UNDISCOUNTED, "GBP",
         "adverts, hires, campaign fees and entry routes net of grants, undiscounted"},
    [O_LEAVERS] = {"leavers_fte_total", M_LEAVERS_FTE, TOTAL, -1, 0, "FTE",
                   "permanent leavers over the horizon"},
    [O_VACANCY_FTE_MONTHS] =
        {"vacancy_fte_months", M_VACANCY_FTE, TOTAL, -1, 0, "FTE-months",
         "vacant FTE summed over the months (a vacancy of 1 FTE for a year is 12)"},
    [O_AGENCY_FTE_MONTHS] = {"agency_fte_months", M_AGENCY_FTE, TOTAL, -1, 0, "FTE-months",
                             "agency FTE summed over the months"},
    [O_MEAN_CASELOAD] = {"caseload_mean", M_CASELOAD, AVERAGE, -1, 0, "cases/FTE",
                         "mean monthly caseload per case-holding FTE (with case types)"},
    [O_CASE_TRANSFERS] = {"case_transfers_total", M_CASE_TRANSFERS, TOTAL, -1, 0, "cases",
                          "cases moved to another worker over the horizon (with case types)"},
    [O_CASES_3PLUS_END] = {"cases_3plus_workers_12m_share_end", M_CASES_3PLUS_WORKERS_12M_SHARE,
                           AT_END, -1, 0, "share",
                           "share of open cases that had 3 or more workers in the last 12 months, "
                           "at the horizon (with case types)"},
    [O_PERMANENT_TOTAL] = {"cost_permanent_total", MONEY_PERMANENT, MONEY, -1, MONEY_UNDISCOUNTED,
                           "GBP", "permanent pay with on-costs, undiscounted"},
    [O_PERMANENT_NPV] = {"cost_permanent_npv", MONEY_PERMANENT, MONEY, -1, MONEY_DISCOUNTED, "GBP",
                         "permanent pay with on-costs, discounted"},
    [O_AGENCY_NPV] = {"cost_agency_npv", MONEY_AGENCY, MONEY, -1, MONEY_DISCOUNTED, "GBP",
                      "agency cost, discounted"},
    [O_RECRUITMENT_NPV] = {"cost_recruitment_npv", MONEY_RECRUITMENT, MONEY, -1, MONEY_DISCOUNTED,
                           "GBP", "recruitment cost, discounted"},
    [O_RETENTION_NPV] = {"cost_retention_npv", MONEY_RETENTION, MONEY, -1, MONEY_DISCOUNTED, "GBP",
                         "retention payments with on-costs, discounted"},
    [O_CLAWBACK_NPV] = {"clawback_recovered_npv", MONEY_CLAWBACK, MONEY, +1, MONEY_DISCOUNTED,
                        "GBP", "clawback recovered, discounted"},
    [O_VACANCY_TOTAL] = {"cost_vacancy_total", MONEY_VACANCY, MONEY, -1, MONEY_UNDISCOUNTED, "GBP",
                         "cost of vacancies not covered by agency "
                         "(finance.uncovered_vacancy_cost_gbp), undiscounted"},
    [O_VACANCY_NPV] = {"cost_vacancy_npv", MONEY_VACANCY, MONEY, -1, MONEY_DISCOUNTED, "GBP",
                       "cost of uncovered vacancies, discounted"},
    [O_NET_TOTAL] = {"cost_net_total", MONEY_NET, MONEY, -1, MONEY_UNDISCOUNTED, "GBP",
                     "the net: permanent + agency + recruitment + retention + vacancy - clawback, "
                     "undiscounted; the parts sum to it in every replicate"},
    [O_NET_NPV] = {"cost_net_npv", MONEY_NET, MONEY, -1, MONEY_DISCOUNTED, "GBP",
                   "the net, discounted; the discounted parts sum to it in every replicate"},
};

/* The derived figures of comparison.csv (their value in diff_mean). */
enum figure {
    F_PER_LEAVER,
    F_PER_VACANCY,
    F_SAVES,
    F_BREAK_EVEN,
    F_AT_MIN,
    F_AT_ZERO,
    F_BE_LOW,
    F_BE_HIGH,
    N_FIGURES
};

static const struct {
    const char *name, *unit, *meaning;
} figure[N_FIGURES] = {
    [F_PER_LEAVER] =
        {"cost_per_leaver_avoided_gbp", "GBP",
         "the mean NPV difference over the mean leavers avoided (NA when the option avoids none)"},
    [F_PER_VACANCY] =
        {"cost_per_vacancy_fte_month_avoided_gbp", "GBP",
         "the mean NPV difference over the mean vacancy FTE-months avoided (NA when none)"},
    [F_SAVES] =
        {"prob_saves_money", "share",
         "the share of replicates where the option's NPV of total cost is below the baseline's"},
    [F_BREAK_EVEN] = {"break_even_elasticity", "elasticity",
                      "the pay elasticity of exit at which the expected NPV difference is 0 "
                      "(Brent's method on runs with the elasticity fixed); NA when the option "
                      "costs more, or less, at every elasticity in [elasticity_min, 0]"},
    [F_AT_MIN] = {"npv_diff_at_elasticity_min", "GBP",
                  "the expected NPV difference at the strongest response allowed (elasticity_min)"},
    [F_AT_ZERO] = {"npv_diff_at_elasticity_zero", "GBP",
                   "the expected NPV difference with no response at all (elasticity 0)"},
    [F_BE_LOW] = {"break_even_elasticity_low", "elasticity",
                  "the lowest elasticity whose expected NPV difference is within its 90% interval "
                  "of 0 on the curve (elasticity_curve.csv); NA when none is"},
    [F_BE_HIGH] = {"break_even_elasticity_high", "elasticity", "the highest such elasticity"},
};

/* Monthly difference series written to comparison_timeseries.csv. */
static const int series_metrics[] = {
    M_COST_TOTAL,  M_COST_TOTAL_NPV_CUM, M_COST_RETENTION, M_COST_AGENCY, M_LEAVERS_FTE,
    M_VACANCY_FTE, M_AGENCY_FTE,         M_IN_POST_FTE,    M_CASELOAD,    M_UNALLOCATED_CASES};
#define N_SERIES_METRICS ((int)(sizeof series_metrics / sizeof series_metrics[0]))

/* Over months 1..H of replicate k (month 0 is the starting state). */
static double outcome_of(const struct scenario *sc, const struct run_store *st, int k, int o)
{
    if (outcome[o].how == MONEY)
        return engine_money(st, k)[outcome[o].metric][outcome[o].basis];
    const float *v = engine_monthly(st, k, metrics_series(outcome[o].metric, 0, sc->n_grades));
    if (metrics_table()[outcome[o].metric].caseload && sc->n_case_types == 0)
        return NAN;
    if (outcome[o].how == AT_END)
        return v[st->months - 1];
    double sum = 0;
    for (int m = 1; m < st->months; m++)
        sum += v[m];
    return outcome[o].how == TOTAL ? sum : sum / (st->months - 1);
}

static double mean_of(const double *x, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += x[i];
    return n > 0 ? s / n : NAN;
}

/* One row: baseline and option means, the paired difference's distribution
 * and the share of replicates where the option is better. */
static void write_row(FILE *f, const char *option, const char *metric, const double *base,
                      const double *opt, int n, int better, float *diff, double *work,
                      struct stats_workspace *w)
{
    int wins = 0;
    for (int k = 0; k < n; k++) {
        diff[k] = (float)(opt[k] - base[k]);
        work[k] = opt[k] - base[k];
        wins += better * work[k] > 0;
    }
    struct summary s;
    stats_summarise(diff, 1, (size_t)n, w, &s);
    fprintf(f, "%s,%s", option, metric);
    csv_number(f, mean_of(base, n));
    csv_number(f, mean_of(opt, n));
    csv_number(f, s.n > 0 ? mean_of(work, n) : NAN);
    csv_number(f, s.n > 0 ? s.sd : NAN);
    csv_number(f, s.n > 0 ? s.q[0] : NAN);
    csv_number(f, s.n > 0 ? s.q[2] : NAN);
    csv_number(f, s.n > 0 ? s.q[4] : NAN);
    csv_number(f, s.n > 0 ? (double)wins / n : NAN);
    fputc('\n', f);
}

/* A derived figure: its value in diff_mean, the other columns NA. */
static void write_figure(FILE *f, const char *option, const char *metric, double value)
{
    fprintf(f, "%s,%s,NA,NA", option, metric);
    csv_number(f, value);
    fputs(",NA,NA,NA,NA,NA\n", f);
}

/* --- loading ---------------------------------------------------------------- */

static const char *const fixed_keys[] = {"simulation.seed", "simulation.replicates",
                                         "simulation.start", "simulation.months"};

/* Where an option file sets `key`, as "file:line", else "file:1". */
static void where_set(const char *file, const char *key, char *buf, size_t size)
{
    config_t c;
    config_init(&c);
    int line = 1;
    if (config_read_file(&c, file) == CONFIG_TRUE) {
        const config_setting_t *s = config_lookup(&c, key);
        if (s != NULL)
            line = config_setting_source_line(s);
    }
    config_destroy(&c);
    snprintf(buf, size, "%s:%d", file, line);
}

static int comparable(const struct scenario *base, const struct scenario *opt, const char *file,
                      struct error *e)
{
    long long a[4] = {base->seed, base->replicates, base->start_month, base->months};
    long long b[4] = {opt->seed, opt->replicates, opt->start_month, opt->months};
    for (int i = 0; i < 4; i++) {
        if (a[i] == b[i])
            continue;
        char where[600];
        where_set(file, fixed_keys[i], where, sizeof where);
        return error_set(e, ERROR_INPUT,
                         "%s: %s: differs from the baseline's (%lld); options must share seed, "
                         "replicates, start and months to be compared (got %lld)",
                         where, fixed_keys[i], a[i], b[i]);
    }
    if (strcmp(base->name, opt->name) == 0) {
        char where[600];
        where_set(file, "name", where, sizeof where);
        return error_set(e, ERROR_INPUT, "%s: name: an option needs its own name (got \"%s\")",
                         where, opt->name);
    }
    return 0;
}

static int load(struct scenario *sc, const char *base, const char *option,
                const struct compare_request *rq, struct error *e)
{
    const char *files[2] = {base, option};
    return scenario_load_files(sc, option != NULL ? 2 : 1, files, rq->n_sets, rq->sets, e);
}

/* --- the comparison ---------------------------------------------------------- */

/* --- the finance summary ------------------------------------------------------- */

/* One option's summary.csv row (COMPARE_SUMMARY_HEADER's columns). */
enum summary_col {
    S_NPV,
    S_NPV_P05,
    S_NPV_P95,
    S_PERMANENT,
    S_AGENCY,
    S_RECRUITMENT,
    S_RETENTION,
    S_CLAWBACK,
    S_VACANCY,
    S_LEAVERS_AVOIDED,
    S_VACANCY_AVOIDED,
    S_PER_LEAVER,
    S_SAVES,
    S_BREAK_EVEN,
    S_BREAK_EVEN_LOW,
    S_BREAK_EVEN_HIGH,
    S_AT_ZERO,
    S_AT_MIN,
    N_SUMMARY_COLS
};

struct summary_row {
    char option[SCENARIO_NAME_LEN];
    double v[N_SUMMARY_COLS];
    char note[256];
};

/* The parts of the net in summary.csv's order, from S_PERMANENT on. */
static const int summary_parts[] = {O_PERMANENT_NPV, O_AGENCY_NPV,   O_RECRUITMENT_NPV,
                                    O_RETENTION_NPV, O_CLAWBACK_NPV, O_VACANCY_NPV};

/* Why a stronger response makes the option dearer, when it does. */
static void summary_note(const struct scenario *sc, struct summary_row *r)
{
    r->note[0] = '\0';
    if (!(r->v[S_AT_MIN] > r->v[S_AT_ZERO]))
        return;
    snprintf(r->note, sizeof r->note,
             "a stronger response makes it dearer: each worker it keeps costs pay%s in a post "
             "whose vacancy would have cost %s",
             sc->n_schemes > 0 ? " and the payment" : "",
             sc->uncovered_vacancy_cost_gbp > 0
                 ? "less uncovered (finance.uncovered_vacancy_cost_gbp) or agency cover"
                 : "nothing uncovered (finance.uncovered_vacancy_cost_gbp = 0)");
}

static void summary_write(FILE *f, const struct summary_row *r)
{
    fputs(r->option, f);
    for (int c = 0; c < N_SUMMARY_COLS; c++)
        csv_number(f, r->v[c]);
    fputc(',', f);
    csv_quote(f, r->note);
    fputc('\n', f);
}

/* summary.csv as a table: one column per option, one line per figure. */
static void summary_print(FILE *f, const char *path, const struct summary_row *rows, int n)
{
    static const char *const label[N_SUMMARY_COLS] = {"net NPV difference (GBP)",
                                                      "  90% interval from",
                                                      "  to",
                                                      "  permanent pay",
                                                      "  agency",
                                                      "  recruitment",
                                                      "  retention payments",
                                                      "  clawback (income)",
                                                      "  uncovered vacancies",
                                                      "leavers avoided (FTE)",
                                                      "vacancy FTE-months avoided",
                                                      "cost per leaver avoided (GBP)",
                                                      "P(saves money)",
                                                      "break-even elasticity",
                                                      "  low",
                                                      "  high",
                                                      "NPV difference, no response",
                                                      "NPV difference, strongest"};
    fprintf(f, "%-30s", "");
    for (int i = 0; i < n; i++)
        fprintf(f, " %16s", rows[i].option);
    fputc('\n', f);
    for (int c = 0; c < N_SUMMARY_COLS; c++) {
        fprintf(f, "%-30s", label[c]);
        for (int i = 0; i < n; i++) {
            double v = rows[i].v[c];
            if (isnan(v))
                fprintf(f, " %16s", "NA");
            else if (c == S_SAVES || c == S_BREAK_EVEN || c == S_BREAK_EVEN_LOW ||
                     c == S_BREAK_EVEN_HIGH)
                fprintf(f, " %16.2f", v);
            else if (c == S_LEAVERS_AVOIDED || c == S_VACANCY_AVOIDED)
                fprintf(f, " %16.1f", v);
            else
                fprintf(f, " %16.0f", v);
        }
        fputc('\n', f);
    }
    for (int i = 0; i < n; i++)
        if (rows[i].note[0] != '\0')
            fprintf(f, "%s: %s\n", rows[i].option, rows[i].note);
    fprintf(f, "wrote %s\n", path);
}

struct outputs {
    struct bundle *b;
    FILE *table, *series, *replicates, *curve, *summary;
    struct summary_row *rows;         /* [option] */
    FILE *targets;                    /* NULL: no targets */
    const struct target_list *target; /* [run]: resolved for each scenario */
};

static void write_series(FILE *f, const struct scenario *sc, const struct run_store *base,
                         const struct run_store *opt, float *diff, struct stats_workspace *w)
{
    for (int m = 1; m < base->months; m++) {
        char date[16];
        month_format(sc->start_month + m, date, sizeof date);
        for (int j = 0; j < N_SERIES_METRICS; j++) {
            int series = metrics_series(series_metrics[j], 0, sc->n_grades);
            if (!metrics_written(sc, series))
                continue;
            for (int k = 0; k < base->replicates; k++)
                diff[k] = engine_monthly(opt, k, series)[m] - engine_monthly(base, k, series)[m];
            struct summary s;
            stats_summarise(diff, 1, (size_t)base->replicates, w, &s);
            fprintf(f, "%s,%d,%s,%s", sc->name, m, date, metrics_table()[series_metrics[j]].name);
            csv_number(f, s.n > 0 ? s.mean : NAN);
            csv_number(f, s.n > 0 ? s.sd : NAN);
            csv_number(f, s.n > 0 ? s.q[0] : NAN);
            csv_number(f, s.n > 0 ? s.q[2] : NAN);
            csv_number(f, s.n > 0 ? s.q[4] : NAN);
            fputc('\n', f);
        }
    }
}

/* Run `run` (0: the baseline) of n_runs, reporting its replicates to the
 * request's progress as part of all the runs'. */
static int run_counted(const struct compare_request *rq, const struct scenario *sc, int run,
                       struct run_store *st, struct error *e)
{
    struct engine_progress_part p = {rq->progress, rq->progress_ctx, run, 1 + rq->n_options};
    return engine_run(sc, rq->threads, rq->progress != NULL ? engine_progress_part : NULL, &p, st,
                      e);
}

/* Rows of option `run` (1, 2, ...): outcomes, derived figures; then its
 * monthly series. */
static int compare_option(const struct compare_request *rq, const struct run_store *base,
                          double *const *bo, const struct scenario *sc, int run,
                          struct outputs *out, struct error *e)
{
    int R = base->replicates;
    struct run_store st;
    if (run_counted(rq, sc, run, &st, e) != 0)
        return -1;
    double *oo[N_OUTCOMES] = {NULL}, *work = malloc((size_t)R * sizeof *work);
    float *diff = malloc((size_t)R * sizeof *diff);
    struct stats_workspace *w = stats_workspace_alloc((size_t)R);
    struct scenario *trial = malloc(sizeof *trial);
    int ok = work != NULL && diff != NULL && w != NULL && trial != NULL;
    for (int o = 0; o < N_OUTCOMES; o++) {
        oo[o] = ok ? malloc((size_t)R * sizeof *oo[o]) : NULL;
        ok = ok && oo[o] != NULL;
        for (int k = 0; ok && k < R; k++)
            oo[o][k] = outcome_of(sc, &st, k, o);
    }
    if (ok) {
        for (int o = 0; o < N_OUTCOMES; o++)
            if (!isnan(bo[o][0]))
                write_row(out->table, sc->name, outcome[o].name, bo[o], oo[o], R, outcome[o].better,
                          diff, work, w);
        double d_npv = mean_of(oo[O_NPV_TOTAL], R) - mean_of(bo[O_NPV_TOTAL], R);
        double d_leavers = mean_of(oo[O_LEAVERS], R) - mean_of(bo[O_LEAVERS], R);
        double d_vacancy =
            mean_of(oo[O_VACANCY_FTE_MONTHS], R) - mean_of(bo[O_VACANCY_FTE_MONTHS], R);
        int saves = 0;
        for (int k = 0; k < R; k++)
            saves += oo[O_NPV_TOTAL][k] < bo[O_NPV_TOTAL][k];
        write_figure(out->table, sc->name, figure[F_PER_LEAVER].name,
                     d_leavers < 0 ? d_npv / -d_leavers : NAN);
        write_figure(out->table, sc->name, figure[F_PER_VACANCY].name,
                     d_vacancy < 0 ? d_npv / -d_vacancy : NAN);
        write_figure(out->table, sc->name, figure[F_SAVES].name, (double)saves / R);
        struct response b = {sc,
                             trial,
                             bo[O_NPV_TOTAL],
                             R < COMPARE_BREAK_EVEN_REPLICATES ? R : COMPARE_BREAK_EVEN_REPLICATES,
                             rq->threads,
                             0,
                             NAN,
                             NAN,
                             NULL};
        double be = sc->n_schemes > 0 ? response_break_even(&b) : NAN;
        write_figure(out->table, sc->name, figure[F_BREAK_EVEN].name, be);
        write_figure(out->table, sc->name, figure[F_AT_MIN].name, b.gap_at_min);
        write_figure(out->table, sc->name, figure[F_AT_ZERO].name, b.gap_at_zero);
        double lo = NAN, hi = NAN;
        if (sc->n_schemes > 0 &&
            response_write_curve(out->curve, &b, COMPARE_CURVE_POINTS, &lo, &hi) != 0)
            ok = 0;
        write_figure(out->table, sc->name, figure[F_BE_LOW].name, lo);
        write_figure(out->table, sc->name, figure[F_BE_HIGH].name, hi);
        struct summary_row *r = &out->rows[run - 1];
        snprintf(r->option, sizeof r->option, "%s", sc->name);
        for (int k = 0; k < R; k++)
            diff[k] = (float)(oo[O_NET_NPV][k] - bo[O_NET_NPV][k]);
        struct summary q;
        stats_summarise(diff, 1, (size_t)R, w, &q);
        r->v[S_NPV] = mean_of(oo[O_NET_NPV], R) - mean_of(bo[O_NET_NPV], R);
        r->v[S_NPV_P05] = q.n > 0 ? q.q[0] : NAN;
        r->v[S_NPV_P95] = q.n > 0 ? q.q[4] : NAN;
        for (int p = 0; p < (int)(sizeof summary_parts / sizeof summary_parts[0]); p++) {
            int o = summary_parts[p];
            r->v[S_PERMANENT + p] =
                metrics_money_sign(outcome[o].metric) * (mean_of(oo[o], R) - mean_of(bo[o], R)) +
                0.0; /* no -0 */
        }
        r->v[S_LEAVERS_AVOIDED] = -d_leavers + 0.0;
        r->v[S_VACANCY_AVOIDED] = -d_vacancy + 0.0;
        r->v[S_PER_LEAVER] = d_leavers < 0 ? d_npv / -d_leavers : NAN;
        r->v[S_SAVES] = (double)saves / R;
        r->v[S_BREAK_EVEN] = be;
        r->v[S_BREAK_EVEN_LOW] = lo;
        r->v[S_BREAK_EVEN_HIGH] = hi;
        r->v[S_AT_ZERO] = b.gap_at_zero;
        r->v[S_AT_MIN] = b.gap_at_min;
        summary_note(sc, r);
        summary_write(out->summary, r);
        write_series(out->series, sc, base, &st, diff, w);
        for (int j = 0; out->targets != NULL && j < out->target[run].n; j++)
            target_write_rows(out->targets, sc->name, &out->target[run].t[j], &st,
                              &out->target[0].t[j], base);
        for (int k = 0; k < R; k++) { /* the report's NPV distribution */
            fprintf(out->replicates, "%s,%d", sc->name, k);
            csv_number(out->replicates, bo[O_NPV_TOTAL][k]);
            csv_number(out->replicates, oo[O_NPV_TOTAL][k]);
            csv_number(out->replicates, oo[O_NPV_TOTAL][k] - bo[O_NPV_TOTAL][k]);
            fputc('\n', out->replicates);
        }
    }
    for (int o = 0; o < N_OUTCOMES; o++)
        free(oo[o]);
    free(work);
    free(diff);
    free(trial);
    stats_workspace_free(w);
    engine_store_destroy(&st);
    return ok ? 0 : error_set(e, ERROR_RUNTIME, "out of memory comparing %s", sc->name);
}

/* The comparison's provenance; the baseline's scenario file is the one
 * hashed in scenario_hash, and every scenario file's hash follows. */
/* The scenarios' warnings, and each option's against the baseline, to the
 * manifest and the request's warn. */
static int warn_all(const struct compare_request *rq, struct scenario *const *sc, int n,
                    struct bundle *b, struct error *e)
{
    char w[SCENARIO_MAX_WARNINGS][SCENARIO_WARNING_LEN];
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        int k = scenario_warnings(sc[i], w, SCENARIO_MAX_WARNINGS);
        if (i == 0)
            k += scenario_warnings_money(sc[0], w + k, SCENARIO_MAX_WARNINGS - k);
        if (i > 0)
            k += scenario_warnings_against(sc[0], sc[i], w + k, SCENARIO_MAX_WARNINGS - k);
        for (int j = 0; rc == 0 && j < k; j++) {
            rc = bundle_note(b, BUNDLE_TAIL, e, "warning: %s: %s", sc[i]->name, w[j]);
            if (rq->warn != NULL) {
                char text[SCENARIO_MAX_WARNINGS * SCENARIO_WARNING_LEN + SCENARIO_NAME_LEN + 8];
                snprintf(text, sizeof text, "%s: %s", sc[i]->name, w[j]);
                rq->warn(rq->warn_ctx, text);
            }
        }
    }
    return rc;
}

static int commit(const struct compare_request *rq, struct scenario *const *sc, int n,
                  struct outputs *out, struct error *e)
{
    int rc = bundle_note(out->b, BUNDLE_HEAD, e, "baseline: %s (%s)", sc[0]->name, rq->baseline);

    for (int i = 1; rc == 0 && i < n; i++)
        rc = bundle_note(out->b, BUNDLE_HEAD, e, "option: %s (%s layered on the baseline)",
                         sc[i]->name, rq->options[i - 1]);
    if (rc == 0)
        rc = bundle_note(out->b, BUNDLE_TAIL, e, "break_even_replicates: %d",
                         sc[0]->replicates < COMPARE_BREAK_EVEN_REPLICATES
                             ? sc[0]->replicates
                             : COMPARE_BREAK_EVEN_REPLICATES);
    char basis[1024];
    financial_years_basis(sc[0], basis, sizeof basis);
    if (rc == 0)
        rc = bundle_note(out->b, BUNDLE_TAIL, e, "%s", basis);
    char name[SCENARIO_NAME_LEN + 16], base[SCENARIO_NAME_LEN + 16];
    snprintf(base, sizeof base, "scenario_%s.cfg", sc[0]->name);
    for (int i = 0; rc == 0 && i < n; i++) {
        snprintf(name, sizeof name, "scenario_%s.cfg", sc[i]->name);
        rc = bundle_note(out->b, BUNDLE_TAIL, e, "scenario_hash %s: fnv1a64:%016llx", name,
                         bundle_hash(out->b, name));
    }
    struct bundle_provenance p = {
        rq->command_line,
        sc[0]->name,
        sc[0]->seed,
        sc[0]->replicates,
        NULL,
        "streams and counter-based splitmix64 (as wfsim run); replicate k shares its random "
        "numbers across baseline and options",
        NULL,
        bundle_hash(out->b, base),
        base};
    return rc == 0 ? bundle_commit(out->b, &p, e) : -1;
}

static int load_all(const struct compare_request *rq, struct scenario **sc, int n, struct error *e)
{
    if (load(sc[0], rq->baseline, NULL, rq, e) != 0)
        return -1;
    for (int i = 1; i < n; i++) {
        if (load(sc[i], rq->baseline, rq->options[i - 1], rq, e) != 0 ||
            comparable(sc[0], sc[i], rq->options[i - 1], e) != 0)
            return -1;
        for (int j = 1; j < i; j++)
            if (strcmp(sc[i]->name, sc[j]->name) == 0) {
                char where[600];
                where_set(rq->options[i - 1], "name", where, sizeof where);
                return error_set(e, ERROR_INPUT, "%s: name: two options share the name \"%s\"",
                                 where, sc[i]->name);
            }
    }
    return 0;
}

/* The bundle with the tables' headers and every resolved scenario. */
static int prepare_outputs(struct outputs *out, const char *dir, struct scenario *const *sc, int n,
                           struct error *e)
{
    if ((out->b = bundle_alloc(dir, e)) == NULL)
        return -1;
    out->table = bundle_file(out->b, "comparison.csv", e);
    out->series = out->table != NULL ? bundle_file(out->b, "comparison_timeseries.csv", e) : NULL;
    out->replicates =
        out->series != NULL ? bundle_file(out->b, "comparison_replicates.csv", e) : NULL;
    out->curve = out->replicates != NULL ? bundle_file(out->b, "elasticity_curve.csv", e) : NULL;
    out->summary = out->curve != NULL ? bundle_file(out->b, COMPARE_SUMMARY_FILE, e) : NULL;
    if (out->summary == NULL)
        return -1;
    fputs(COMPARE_SUMMARY_HEADER "\n", out->summary);
    fputs(COMPARE_CURVE_HEADER "\n", out->curve);
    fputs(COMPARE_HEADER "\n", out->table);
    fputs(COMPARE_SERIES_HEADER "\n", out->series);
    fputs(COMPARE_REPLICATES_HEADER "\n", out->replicates);
    if (out->target[0].n > 0) {
        if ((out->targets = bundle_file(out->b, TARGET_FILE, e)) == NULL)
            return -1;
        fputs(TARGET_HEADER "\n", out->targets);
    }
    for (int i = 0; i < n; i++) {
        char name[SCENARIO_NAME_LEN + 16];
        snprintf(name, sizeof name, "scenario_%s.cfg", sc[i]->name);
        FILE *f = bundle_file(out->b, name, e);
        if (f == NULL)
            return -1;
        if (scenario_write(sc[i], f) != 0)
            return error_set(e, ERROR_RUNTIME, "cannot format the scenarios");
    }
    return 0;
}

/* Every scenario's declared targets and the request's, resolved against
 * each scenario (target[i] for sc[i]). */
static int resolve_targets(const struct compare_request *rq, struct scenario *const *sc, int n,
                           struct target_list *target, struct error *e)
{
    for (int i = 0; i < n; i++) /* the baseline's first, then any an option adds */
        if (target_list_add(&target[0], sc[i], "--target", 0, NULL, e) != 0)
            return -1;
    if (target_list_add(&target[0], sc[0], "--target", rq->n_targets, rq->targets, e) != 0)
        return -1;
    for (int i = 1; i < n; i++) {
        target[i] = target[0];
        if (target_list_resolve(&target[i], sc[i], e) != 0)
            return -1;
    }
    return 0;
}

int compare_run(const struct compare_request *rq, struct error *e)
{
    int n = 1 + rq->n_options, rc = 0;
    if (rq->n_options < 1 || rq->n_options > 16)
        return error_set(e, ERROR_INPUT, "compare: needs 1 to 16 option files (got %d)",
                         rq->n_options);
    struct scenario *sc[17] = {NULL};
    for (int i = 0; i < n; i++)
        if ((sc[i] = malloc(sizeof *sc[i])) == NULL)
            rc = error_set(e, ERROR_RUNTIME, "out of memory");
    if (rc == 0)
        rc = load_all(rq, sc, n, e);
    struct target_list *target = calloc((size_t)n, sizeof *target);
    if (rc == 0 && target == NULL)
        rc = error_set(e, ERROR_RUNTIME, "out of memory");
    if (rc == 0)
        rc = resolve_targets(rq, sc, n, target, e);
    char dir[4096];
    if (rq->out_dir != NULL)
        snprintf(dir, sizeof dir, "%s", rq->out_dir);
    else if (rc == 0)
        snprintf(dir, sizeof dir, "results/compare_%s", sc[0]->name);
    if (rc == 0)
        rc = bundle_check(dir, e);
    struct outputs out = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, target};
    if (rc == 0 && (out.rows = calloc((size_t)n, sizeof *out.rows)) == NULL)
        rc = error_set(e, ERROR_RUNTIME, "out of memory");
    struct run_store base;
    double *bo[N_OUTCOMES] = {NULL};
    int have_base = 0;
    if (rc == 0)
        rc = prepare_outputs(&out, dir, sc, n, e);
    if (rc == 0)
        rc = warn_all(rq, sc, n, out.b, e);
    if (rc == 0)
        bundle_set_extra(out.b, rq->extra, sc[0]);
    if (rc == 0)
        rc = run_counted(rq, sc[0], 0, &base, e);
    have_base = rc == 0;
    for (int j = 0; rc == 0 && out.targets != NULL && j < target[0].n; j++)
        target_write_rows(out.targets, sc[0]->name, &target[0].t[j], &base, NULL, NULL);
    for (int o = 0; rc == 0 && o < N_OUTCOMES; o++) {
        if ((bo[o] = malloc((size_t)base.replicates * sizeof *bo[o])) == NULL) {
            rc = error_set(e, ERROR_RUNTIME, "out of memory");
            break;
        }
        for (int k = 0; k < base.replicates; k++)
            bo[o][k] = outcome_of(sc[0], &base, k, o);
    }
    for (int i = 1; rc == 0 && i < n; i++)
        rc = compare_option(rq, &base, bo, sc[i], i, &out, e);
    if (rc == 0)
        rc = commit(rq, sc, n, &out, e);
    if (rc == 0 && rq->table_out != NULL) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, COMPARE_SUMMARY_FILE);
        summary_print(rq->table_out, path, out.rows, rq->n_options);
    }
    free(out.rows);
    for (int o = 0; o < N_OUTCOMES; o++)
        free(bo[o]);
    if (have_base)
        engine_store_destroy(&base);
    bundle_free(out.b);
    free(target);
    for (int i = 0; i < n; i++)
        free(sc[i]);
    return rc;
}

#define STRING(x) #x
#define TEXT_OF(x) STRING(x)
#define CURVE_POINTS_TEXT TEXT_OF(COMPARE_CURVE_POINTS)

int compare_document(FILE *f)
{
    fputs("\n## Comparing options: comparison.csv and its companions\n\n"
          "`wfsim compare` runs the baseline and each option on the same replicates (common "
          "random numbers) and writes, per option, paired differences option - baseline "
          "replicate by replicate. Money is in pounds at the prices of the start year unless "
          "`finance.pay_award` is set (the manifest's `money:` line says which).\n\n"
          "`comparison.csv` (`" COMPARE_HEADER "`): for each option and outcome over the "
          "horizon, the baseline's and the option's means and the paired difference's mean, sd "
          "and 5%/50%/95% quantiles, and the share of replicates where the option is better. "
          "The outcomes:\n\n| metric | unit | better when | meaning |\n|---|---|---|---|\n",
          f);
    for (int o = 0; o < N_OUTCOMES; o++)
        fprintf(f, "| `%s` | %s | %s | %s |\n", outcome[o].name, outcome[o].unit,
                outcome[o].better < 0 ? "lower" : "higher", outcome[o].meaning);
    fputs("\nThen the derived figures, one row each with the value in `diff_mean` (the other "
          "columns NA):\n\n| metric | unit | meaning |\n|---|---|---|\n",
          f);
    for (int i = 0; i < N_FIGURES; i++)
        fprintf(f, "| `%s` | %s | %s |\n", figure[i].name, figure[i].unit, figure[i].meaning);
    fputs("\n`comparison_timeseries.csv` (`" COMPARE_SERIES_HEADER "`): the paired difference "
          "month by month (months 1 to the horizon) of these metrics (docs/metrics.md above "
          "for their units and meaning):",
          f);
    for (int j = 0; j < N_SERIES_METRICS; j++)
        fprintf(f, "%s `%s`", j > 0 ? "," : "", metrics_table()[series_metrics[j]].name);
    fputs(" (caseload metrics with case types only).\n\n"
          "`comparison_replicates.csv` (`" COMPARE_REPLICATES_HEADER "`): each replicate's NPV "
          "of total cost, baseline and option, and their difference (GBP).\n\n"
          "`elasticity_curve.csv` (`" COMPARE_CURVE_HEADER "`): for each option with a "
          "retention scheme, at " CURVE_POINTS_TEXT " pay elasticities from "
          "`retention.elasticity_min` to 0 (no response), each fixed for every replicate on the "
          "first break_even_replicates replicates: the paired NPV difference's mean, its "
          "standard error, its 5%/50%/95% quantiles (GBP) and the share of replicates where "
          "the option saves money.\n\n"
          "`summary.csv` (`" COMPARE_SUMMARY_HEADER "`): one row per option, the finance "
          "summary printed at the end of the run (README, \"For finance teams\").\n",
          f);
    return ferror(f) ? -1 : 0;
}

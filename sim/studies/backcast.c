/* backcast: forecasts of held-out years against persistence
 * (see include/wfsim/backcast.h). */
#include "wfsim/backcast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "wfsim/bundle.h"
#include "wfsim/csv.h"
#include "wfsim/dfe_build.h"
#include "wfsim/engine.h"
#include "wfsim/kpi.h"
#include "wfsim/metrics.h"
#include "wfsim/panel.h"
#include "wfsim/scenario_write.h"
#include "base/stats.h"

int backcast_history(const struct dfe_data *d, int year, struct dfe_data *out, struct error *e)
{
    out->n = 0;
    out->row = malloc((size_t)(d->n > 0 ? d->n : 1) * sizeof *out->row);
    if (out->row == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    for (int i = 0; i < d->n; i++)
        if (d->row[i].year < year)
            out->row[out->n++] = d->row[i];
    return 0;
}

/* Build the area's scenario at a census from (history) data. */
static int build(const struct dfe_data *hist, const char *code, int year, const char *data_path,
                 struct scenario *sc, struct error *e)
{
    struct dfe_build *b = malloc(sizeof *b);
    if (b == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    int rc = dfe_build_scenario(hist, code, year, data_path, NULL, b, e);
    if (rc == 0)
        *sc = b->sc;
    free(b);
    return rc;
}

struct area_result {
    long long seed; /* of the council's scenario */
    double observed[N_KPIS], median[N_KPIS], p05[N_KPIS], p95[N_KPIS], persistence[N_KPIS];
    double param[N_PARAMS], sd[N_PARAMS]; /* fitted parameters and their uncertainty */
};

/* The KPI each parameter moves most: its uncertainty comes from that KPI's. */
static const int param_kpi[N_PARAMS] = {[P_LEAVE] = KPI_TURNOVER,
                                        [P_FILL] = KPI_VACANCY_RATE,
                                        [P_COVER] = KPI_AGENCY_RATE,
                                        [P_DEMAND] = KPI_CASELOAD};
#define STEP 1.0 /* log (logit for cover) step either side for the sensitivities */
/* A KPI that moves less than this per unit of a parameter (on their scales)
 * says nothing about it: the parameter gets no sd and no Newton correction,
 * which would divide by almost zero. */
#define FLAT_SLOPE 0.01
/* The largest per-replicate sd: the range of the uncertainty.* keys. */
#define MAX_SD 3.0
/* The Newton correction moves a parameter by at most one STEP: the slopes
 * were measured over that distance, the line is not trusted beyond it. */
#define MAX_CORRECTION STEP

/* Move parameter j by h: x exp(h), or h on the logit scale for cover. */
static double nudge(int j, double v, double h)
{
    if (j != P_COVER)
        return v * exp(h);
    double c = fmin(fmax(v, 1e-4), 1 - 1e-4);
    return 1 / (1 + exp(-(log(c / (1 - c)) + h)));
}

/* Each parameter's effect on its KPI, d f(KPI) / d log parameter (logit for
 * cover), by a central difference with the calibration's replicates; and the
 * per-replicate sd that gives the KPI the panel's spread, the panel sd over
 * that slope (0 when the KPI hardly responds, at most 3). */
static int sensitivities(const struct backcast_request *rq, const struct scenario *proj,
                         const double *fitted, const struct panel_kpi *panel, double *slope,
                         double *sd, struct error *e)
{
    for (int j = 0; j < N_PARAMS; j++) {
        int k = param_kpi[j];
        double f[2];
        for (int side = 0; side < 2; side++) {
            double param[N_PARAMS], mean[N_KPIS];
            memcpy(param, fitted, sizeof param);
            param[j] = nudge(j, param[j], side == 0 ? -STEP : STEP);
            if (calibrate_kpis(proj, param, rq->year, rq->calibration_replicates, rq->threads,
                               CALIBRATE_MEDIAN, mean, e) != 0)
                return -1;
            f[side] = kpi_transform(k, mean[k]);
        }
        slope[j] = (f[1] - f[0]) / (2 * STEP);
        sd[j] = isnan(slope[j]) || fabs(slope[j]) < FLAT_SLOPE
                    ? 0
                    : fmin(MAX_SD, panel[k].sd / fabs(slope[j]));
    }
    return 0;
}

/* Project one year with the parameters and their uncertainty; the median
 * and 90% band of each KPI at 30 September Y. */
static int project(const struct backcast_request *rq, const struct scenario *proj,
                   const double *param, const double *sd, struct scenario *run,
                   struct area_result *out, struct error *e)
{
    calibrate_apply(proj, param, run);
    run->uncertainty_leaving_sd = sd[P_LEAVE];
    run->uncertainty_fill_sd = sd[P_FILL];
    run->uncertainty_cover_sd = sd[P_COVER];
    run->uncertainty_demand_sd = sd[P_DEMAND];
    run->months = 12;
    run->replicates = rq->replicates;
    struct run_store st;
    if (engine_run(run, rq->threads, NULL, NULL, &st, e) != 0)
        return -1;
    struct stats_workspace *w = stats_workspace_alloc((size_t)st.replicates);
    for (int k = 0; k < N_KPIS; k++) {
        struct summary s = {0};
        if (w != NULL)
            stats_summarise(engine_annual(&st, 0, metrics_series(kpi_metric(k), 0, run->n_grades)),
                            (size_t)st.n_series * (size_t)st.n_years, (size_t)st.replicates, w, &s);
        out->median[k] = s.n > 0 ? s.q[2] : NAN;
        out->p05[k] = s.n > 0 ? s.q[0] : NAN;
        out->p95[k] = s.n > 0 ? s.q[4] : NAN;
    }
    stats_workspace_free(w);
    engine_store_destroy(&st);
    return w == NULL ? error_set(e, ERROR_RUNTIME, "out of memory") : 0;
}

/* Calibrate the Y-1 census to the panel's forecasts, give the parameters
 * the panel's uncertainty and project one year; -1 with a reason. The
 * council's resolved scenario is appended to `built` (for the manifest). */
static int backcast_area(const struct backcast_request *rq, const struct dfe_data *hist,
                         const struct dfe_row *last, const struct panel_kpi *panel,
                         struct area_result *out, FILE *built, char *reason, size_t size)
{
    struct error e = {ERROR_NONE, ""};
    struct scenario *proj = malloc(sizeof *proj), *run = malloc(sizeof *run);
    struct calibrate_fit *fit = malloc(sizeof *fit);
    /* what the model is calibrated to: the Y-1 row (the census) and a row
     * for Y holding the panel's forecasts, made from years before Y only */
    struct dfe_row rows[2] = {*last, *last};
    rows[1].year = rq->year;
    double goal[N_KPIS];
    for (int k = 0; k < N_KPIS; k++) {
        goal[k] = k == KPI_IN_POST ? NAN : panel_forecast(&panel[k], kpi_observed(last, k));
        kpi_set_observed(&rows[1], k, goal[k]);
    }
    struct dfe_data target = {2, rows};
    double slope[N_PARAMS];
    int rc = -1;
    if (proj == NULL || run == NULL || fit == NULL)
        snprintf(reason, size, "out of memory");
    else if (build(hist, last->code, rq->year - 1, rq->data_path, proj, &e) != 0 ||
             calibrate_fit_centred(proj, &target, last->code, rq->year, rq->calibration_replicates,
                                   rq->threads, CALIBRATE_MEDIAN, fit, NULL, &e) != 0 ||
             sensitivities(rq, proj, fit->param, panel, slope, out->sd, &e) != 0)
        snprintf(reason, size, "%s", e.msg);
    else
        rc = 0;
    if (rc == 0)
        memcpy(out->param, fit->param, sizeof out->param);
    /* The calibration centres the model without parameter uncertainty, which
     * moves the medians (the KPIs respond unevenly to the draws): one Newton
     * step per parameter, with the slopes above, puts the projection's
     * medians back on the targets (parameters.csv has the corrected values). */
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        if (project(rq, proj, out->param, out->sd, run, out, &e) != 0) {
            snprintf(reason, size, "%s", e.msg);
            rc = -1;
        }
        for (int j = 0; pass == 0 && rc == 0 && j < N_PARAMS; j++) {
            int k = param_kpi[j];
            double gap = kpi_transform(k, goal[k]) - kpi_transform(k, out->median[k]);
            if (!isnan(gap) && fabs(slope[j]) >= FLAT_SLOPE)
                out->param[j] = nudge(j, out->param[j],
                                      fmax(-MAX_CORRECTION, fmin(MAX_CORRECTION, gap / slope[j])));
        }
    }
    for (int k = 0; k < N_KPIS; k++)
        out->persistence[k] = kpi_observed(last, k);
    if (rc == 0) {
        out->seed = proj->seed;
        scenario_write(proj, built);
    }
    free(proj);
    free(run);
    free(fit);
    return rc;
}

static int wanted(const struct backcast_request *rq, const struct dfe_row *r)
{
    if (rq->areas == NULL || strcmp(rq->areas, "all") == 0)
        return 1;
    char list[4096];
    snprintf(list, sizeof list, "%s", rq->areas);
    for (char *tok = strtok(list, ";"); tok != NULL; tok = strtok(NULL, ";")) {
        const char *code = dfe_area_code(rq->data, tok);
        if (code != NULL && strcmp(code, r->code) == 0)
            return 1;
    }
    return 0;
}

enum file { F_BACKCAST, F_SUMMARY, F_SKIPPED, F_PARAMETERS, F_PANEL, N_FILES };
static const char *const FILES[N_FILES] = {"backcast.csv", "summary.csv", "skipped.csv",
                                           "parameters.csv", "panel.csv"};

struct outputs {
    struct bundle *b;
    FILE *f[N_FILES]; /* as FILES, owned by b */
    struct {
        char *text; /* the back-cast councils' resolved scenarios, in order */
        size_t len;
        FILE *f;
    } built;
    long long seed; /* of the first council's scenario */
};

struct tally {
    double model_err, persist_err;
    int n, inside;
};

static void add_result(struct outputs *o, const struct dfe_row *r, const struct area_result *a,
                       struct tally *t)
{
    for (int k = 0; k < N_KPIS; k++) {
        csv_quote(o->f[F_BACKCAST], r->name);
        fprintf(o->f[F_BACKCAST], ",%s,%s", r->code, kpi_name(k));
        csv_number(o->f[F_BACKCAST], a->observed[k]);
        csv_number(o->f[F_BACKCAST], a->median[k]);
        csv_number(o->f[F_BACKCAST], a->p05[k]);
        csv_number(o->f[F_BACKCAST], a->p95[k]);
        csv_number(o->f[F_BACKCAST], a->persistence[k]);
        fputc('\n', o->f[F_BACKCAST]);
        if (isnan(a->observed[k]) || isnan(a->median[k]) || isnan(a->persistence[k]))
            continue;
        t[k].model_err += fabs(a->median[k] - a->observed[k]);
        t[k].persist_err += fabs(a->persistence[k] - a->observed[k]);
        t[k].inside += a->p05[k] <= a->observed[k] && a->observed[k] <= a->p95[k];
        t[k].n++;
    }
    csv_quote(o->f[F_PARAMETERS], r->name);
    fprintf(o->f[F_PARAMETERS], ",%s", r->code);
    for (int j = 0; j < N_PARAMS; j++)
        csv_number(o->f[F_PARAMETERS], a->param[j]);
    for (int j = 0; j < N_PARAMS; j++)
        csv_number(o->f[F_PARAMETERS], a->sd[j]);
    fputc('\n', o->f[F_PARAMETERS]);
}

/* A row of skipped.csv: the council and why it was not back-cast. */
static void write_skipped(FILE *f, const struct dfe_row *r, const char *reason)
{
    csv_quote(f, r->name);
    fprintf(f, ",%s,", r->code);
    csv_quote(f, reason);
    fputc('\n', f);
}

/* The panel's persistence of each KPI from the years before the test year. */
static int estimate_panel(const struct backcast_request *rq, const struct dfe_data *hist,
                          struct panel_kpi *panel, FILE *out, struct error *e)
{
    fputs("kpi,last_year,rho,mean_last,resid_sd,shift_sd,sd,council_pairs,year_pairs\n", out);
    for (int k = 0; k < N_KPIS; k++) {
        if (k == KPI_IN_POST)
            continue; /* the model's own: posts x (1 - vacancy rate) */
        if (panel_estimate(hist, k, rq->year - 1, &panel[k], e) != 0) {
            if (e->kind != ERROR_INPUT)
                return -1;
            char msg[sizeof e->msg];
            snprintf(msg, sizeof msg, "%s", e->msg);
            error_clear(e);
            return error_set(e, ERROR_INPUT,
                             "--year: %s (the back-cast of %d learns from the "
                             "years before it; got %d)",
                             msg, rq->year, rq->year);
        }
        fprintf(out, "%s,%d", kpi_name(k), rq->year - 1);
        csv_number(out, panel[k].rho);
        csv_number(out, panel[k].mean_last);
        csv_number(out, panel[k].resid_sd);
        csv_number(out, panel[k].shift_sd);
        csv_number(out, panel[k].sd);
        fprintf(out, ",%d,%d\n", panel[k].pairs, panel[k].years);
    }
    return 0;
}

/* Every named area must exist: a misspelling is an error with a suggestion. */
static int check_areas(const struct backcast_request *rq, struct error *e)
{
    if (rq->areas == NULL || strcmp(rq->areas, "all") == 0)
        return 0;
    char list[4096], suggest[128];
    snprintf(list, sizeof list, "%s", rq->areas);
    for (char *tok = strtok(list, ";"); tok != NULL; tok = strtok(NULL, ";"))
        if (!dfe_area_exists(rq->data, tok, suggest, sizeof suggest))
            return error_set(e, ERROR_INPUT,
                             "--areas: unknown area (got \"%s\"; did you mean "
                             "\"%s\"?)",
                             tok, suggest);
    return 0;
}

/* summary.csv from the tallies, the manifest, and the bundle into place. */
static int commit(const struct backcast_request *rq, struct outputs *o, const struct tally *t,
                  int done, int skipped, struct error *e)
{
    FILE *f = o->f[F_SUMMARY];
    fputs("kpi,areas,mae_model,mae_persistence,model_beats_persistence,coverage_90\n", f);
    for (int k = 0; k < N_KPIS; k++) {
        fprintf(f, "%s,%d", kpi_name(k), t[k].n);
        csv_number(f, t[k].n ? t[k].model_err / t[k].n : NAN);
        csv_number(f, t[k].n ? t[k].persist_err / t[k].n : NAN);
        fprintf(f, ",%s", t[k].n && t[k].model_err < t[k].persist_err ? "yes" : "no");
        csv_number(f, t[k].n ? (double)t[k].inside / t[k].n : NAN);
        fputc('\n', f);
    }
    int closed = fclose(o->built.f) == 0;
    o->built.f = NULL;
    if (!closed)
        return error_set(e, ERROR_RUNTIME, "cannot format the back-cast");
    char scenario[128], replicates[64];
    snprintf(scenario, sizeof scenario,
             "each council's at 30 September %d (as dfe build, without the steady scales)",
             rq->year - 1);
    snprintf(replicates, sizeof replicates, "projection, %d a calibration run",
             rq->calibration_replicates);
    struct bundle_provenance p = {rq->command_line,
                                  scenario,
                                  o->seed,
                                  rq->replicates,
                                  replicates,
                                  NULL,
                                  rq->data_path,
                                  scenario_hash(o->built.text, o->built.len),
                                  "the back-cast councils' resolved scenarios, in backcast.csv "
                                  "order"};
    int rc = bundle_note(o->b, BUNDLE_HEAD, e, "test_year: %d", rq->year);
    if (rc == 0)
        rc = bundle_note(o->b, BUNDLE_HEAD, e, "areas: %d back-cast, %d skipped (skipped.csv)",
                         done, skipped);
    return rc == 0 ? bundle_commit(o->b, &p, e) : -1;
}

/* The councils the request asks to back-cast (for its progress). */
static long councils_asked(const struct backcast_request *rq)
{
    long asked = 0;
    for (int i = 0; rq->progress != NULL && i < rq->data->n; i++) {
        const struct dfe_row *r = &rq->data->row[i];
        asked += r->level == DFE_LOCAL && r->year == rq->year && wanted(rq, r);
    }
    return asked;
}

static void counted(const struct backcast_request *rq, long done, long asked)
{
    if (rq->progress != NULL && asked > 0)
        rq->progress(rq->progress_ctx, done, asked);
}

int backcast_run(const struct backcast_request *rq, struct error *e)
{
    if (check_areas(rq, e) != 0)
        return -1;
    int first = 0, last_year = 0, found = 0;
    for (int i = 0; i < rq->data->n; i++) {
        int y = rq->data->row[i].year;
        first = i == 0 || y < first ? y : first;
        last_year = i == 0 || y > last_year ? y : last_year;
        found |= y == rq->year;
    }
    if (!found)
        return error_set(e, ERROR_INPUT,
                         "--year: the data have no rows for %d to compare with "
                         "(they cover %d-%d; got %d)",
                         rq->year, first, last_year, rq->year);
    struct dfe_data hist;
    if (backcast_history(rq->data, rq->year, &hist, e) != 0)
        return -1;
    struct outputs o;
    memset(&o, 0, sizeof o);
    int rc = (o.b = bundle_alloc(rq->out_dir, e)) == NULL ? -1 : 0;
    for (int i = 0; i < N_FILES && rc == 0; i++)
        if ((o.f[i] = bundle_file(o.b, FILES[i], e)) == NULL)
            rc = -1;
    if (rc == 0 && (o.built.f = open_memstream(&o.built.text, &o.built.len)) == NULL)
        rc = error_set(e, ERROR_RUNTIME, "out of memory");
    struct tally t[N_KPIS];
    memset(t, 0, sizeof t);
    int done = 0, skipped = 0;
    struct panel_kpi panel[N_KPIS];
    if (rc == 0) {
        fputs("area,code,kpi,observed,model_median,model_p05,model_p95,persistence\n",
              o.f[F_BACKCAST]);
        fputs("area,code,reason\n", o.f[F_SKIPPED]);
        fputs("area,code,leaving_scale,fill_scale,cover_probability,demand_scale,leaving_sd,"
              "fill_sd,cover_logit_sd,demand_sd\n",
              o.f[F_PARAMETERS]);
        rc = estimate_panel(rq, &hist, panel, o.f[F_PANEL], e);
    }
    long asked = councils_asked(rq), seen = 0;
    for (int i = 0; rc == 0 && i < rq->data->n; i++) {
        const struct dfe_row *r = &rq->data->row[i];
        if (r->level != DFE_LOCAL || r->year != rq->year || !wanted(rq, r))
            continue;
        counted(rq, seen++, asked);
        char reason[1200] = "";
        struct area_result a;
        const struct dfe_row *last = dfe_find(&hist, r->code, rq->year - 1);
        if (last == NULL)
            snprintf(reason, sizeof reason, "no row at 30 September %d", rq->year - 1);
        else if (backcast_area(rq, &hist, last, panel, &a, o.built.f, reason, sizeof reason) == 0) {
            /* the test year is read here, after the forecast, and only here */
            for (int k = 0; k < N_KPIS; k++)
                a.observed[k] = kpi_observed(r, k);
            o.seed = done == 0 ? a.seed : o.seed;
            add_result(&o, r, &a, t);
            done++;
            continue;
        }
        write_skipped(o.f[F_SKIPPED], r, reason);
        skipped++;
    }
    if (rc == 0)
        counted(rq, asked, asked);
    /* councils with a row at Y-1 but none at Y cannot be scored: say so */
    for (int i = 0; rc == 0 && i < hist.n; i++) {
        const struct dfe_row *r = &hist.row[i];
        if (r->level != DFE_LOCAL || r->year != rq->year - 1 || !wanted(rq, r) ||
            dfe_find(rq->data, r->code, rq->year) != NULL)
            continue;
        char reason[64];
        snprintf(reason, sizeof reason, "no row at 30 September %d to compare with", rq->year);
        write_skipped(o.f[F_SKIPPED], r, reason);
        skipped++;
    }
    if (rc == 0 && done == 0)
        rc = error_set(e, ERROR_INPUT,
                       "--areas: no council could be back-cast for %d (see the "
                       "reasons with --areas all)",
                       rq->year);
    if (rc == 0)
        rc = commit(rq, &o, t, done, skipped, e);
    if (o.built.f != NULL)
        fclose(o.built.f);
    free(o.built.text);
    bundle_free(o.b);
    dfe_free(&hist);
    return rc;
}

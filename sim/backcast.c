/* backcast: forecasts of held-out years against persistence
 * (see include/backcast.h). */
#include "backcast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dfe_scenario.h"
#include "engine.h"
#include "metrics.h"
#include "output.h"
#include "resultdir.h"
#include "stats.h"

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

/* Build the area's scenario at a census from (history) data, via a file. */
static int build(const struct dfe_data *hist, const char *code, int year, const char *data_path,
                 struct scenario *sc, struct error *e)
{
    char path[] = "/tmp/wfsim-backcast-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return error_set(e, ERROR_RUNTIME, "cannot create a temporary file");
    FILE *f = fdopen(fd, "w");
    int rc = f == NULL ? error_set(e, ERROR_RUNTIME, "cannot write a temporary file")
                       : dfe_scenario_write(hist, code, year, data_path, f, e);
    if (f != NULL && fclose(f) != 0 && rc == 0)
        rc = error_set(e, ERROR_RUNTIME, "cannot write a temporary file");
    const char *files[1] = {path};
    if (rc == 0)
        rc = scenario_load_files(sc, 1, files, 0, NULL, e);
    remove(path);
    return rc;
}

struct area_result {
    double observed[N_KPIS], median[N_KPIS], p05[N_KPIS], p95[N_KPIS], persistence[N_KPIS];
};

/* Calibrate on the history and project one year; -1 with a reason. */
static int backcast_area(const struct backcast_request *rq, const struct dfe_data *hist,
                         const struct dfe_row *last, struct area_result *out, char *reason,
                         size_t size)
{
    struct error e = {ERROR_NONE, ""};
    struct scenario *sc = malloc(sizeof *sc), *proj = malloc(sizeof *proj);
    struct scenario *fitted = malloc(sizeof *fitted);
    struct calibrate_fit *fit = malloc(sizeof *fit);
    int census = -1, rc = -1;
    for (int y = rq->year - 3; y < rq->year - 1 && census < 0; y++)
        if (dfe_find(hist, last->code, y) != NULL && !isnan(dfe_get(dfe_find(hist, last->code, y), DFE_INPOST)))
            census = y;
    if (sc == NULL || proj == NULL || fitted == NULL || fit == NULL)
        snprintf(reason, size, "out of memory");
    else if (census < 0)
        snprintf(reason, size, "no census with FTE in post in %d-%d to calibrate from",
                 rq->year - 3, rq->year - 2);
    else if (build(hist, last->code, census, rq->data_path, sc, &e) != 0 ||
             calibrate_fit(sc, hist, last->code, rq->year - 1, rq->calibration_replicates,
                           rq->threads, fit, &e) != 0 ||
             (calibrate_apply(sc, fit->param, fitted), 0) ||
             build(hist, last->code, rq->year - 1, rq->data_path, proj, &e) != 0)
        snprintf(reason, size, "%s", e.msg);
    else
        rc = 0;
    struct run_store st;
    if (rc == 0) {
        /* Start from the Y-1 census with the dynamics fitted on the years
         * before it: the fitted leaving and fill rates and cover as they are
         * (not as scales of the Y-1 values, which already reflect the change
         * the fit explains); demand scaled from the Y-1 caseload. */
        for (int g = 0; g < proj->n_grades && g < fitted->n_grades; g++) {
            proj->grade[g].annual_leaving_rate = fitted->grade[g].annual_leaving_rate;
            proj->grade[g].monthly_fill_probability = fitted->grade[g].monthly_fill_probability;
        }
        proj->agency_cover_probability = fitted->agency_cover_probability;
        for (int t = 0; t < proj->n_case_types; t++)
            proj->case_type[t].arrivals_per_month *= fit->param[P_DEMAND];
        proj->months = 12;
        proj->replicates = rq->replicates;
        if (engine_run(proj, rq->threads, NULL, NULL, &st, &e) != 0) {
            snprintf(reason, size, "%s", e.msg);
            rc = -1;
        }
    }
    if (rc == 0) {
        static const int metric[N_KPIS] = {M_TURNOVER_RATE, M_VACANCY_RATE, M_AGENCY_RATE,
                                           M_IN_POST_FTE, M_CASELOAD};
        struct stats_workspace *w = stats_workspace_alloc((size_t)st.replicates);
        for (int k = 0; k < N_KPIS && w != NULL; k++) {
            struct summary s;
            int series = metrics_series(metric[k], 0, proj->n_grades);
            stats_summarise(engine_annual(&st, 0, series), (size_t)st.n_series * (size_t)st.n_years,
                            (size_t)st.replicates, w, &s);
            out->median[k] = s.n > 0 ? s.q[2] : NAN;
            out->p05[k] = s.n > 0 ? s.q[0] : NAN;
            out->p95[k] = s.n > 0 ? s.q[4] : NAN;
            out->persistence[k] = calibrate_observed(last, k);
        }
        stats_workspace_free(w);
        engine_store_destroy(&st);
    }
    free(sc);
    free(proj);
    free(fitted);
    free(fit);
    return rc;
}

static int wanted(const struct backcast_request *rq, const struct dfe_row *r)
{
    if (rq->areas == NULL || strcmp(rq->areas, "all") == 0)
        return 1;
    char list[4096];
    snprintf(list, sizeof list, "%s", rq->areas);
    for (char *tok = strtok(list, ";"); tok != NULL; tok = strtok(NULL, ";"))
        if (strcasecmp(tok, r->name) == 0 || strcasecmp(tok, r->code) == 0)
            return 1;
    return 0;
}

struct outputs {
    char *text[4];
    size_t len[4];
    FILE *f[4]; /* backcast.csv, summary.csv, skipped.csv, manifest.txt */
};

static const char *const FILES[4] = {"backcast.csv", "summary.csv", "skipped.csv", "manifest.txt"};

static int write_out(FILE *f, const char *file, void *ctx)
{
    const struct outputs *o = ctx;
    for (int i = 0; i < 4; i++)
        if (strcmp(file, FILES[i]) == 0)
            return fwrite(o->text[i], 1, o->len[i], f) == o->len[i] ? 0 : -1;
    return -1;
}

struct tally {
    double model_err, persist_err;
    int n, inside;
};

static void add_result(struct outputs *o, const struct dfe_row *r, const struct area_result *a,
                       struct tally *t)
{
    for (int k = 0; k < N_KPIS; k++) {
        output_text(o->f[0], r->name);
        fprintf(o->f[0], ",%s,%s", r->code, calibrate_kpi_name(k));
        output_number(o->f[0], a->observed[k]);
        output_number(o->f[0], a->median[k]);
        output_number(o->f[0], a->p05[k]);
        output_number(o->f[0], a->p95[k]);
        output_number(o->f[0], a->persistence[k]);
        fputc('\n', o->f[0]);
        if (isnan(a->observed[k]) || isnan(a->median[k]) || isnan(a->persistence[k]))
            continue;
        t[k].model_err += fabs(a->median[k] - a->observed[k]);
        t[k].persist_err += fabs(a->persistence[k] - a->observed[k]);
        t[k].inside += a->p05[k] <= a->observed[k] && a->observed[k] <= a->p95[k];
        t[k].n++;
    }
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
            return error_set(e, ERROR_INPUT, "--areas: unknown area (got \"%s\"; did you mean "
                                             "\"%s\"?)",
                             tok, suggest);
    return 0;
}

int backcast_run(const struct backcast_request *rq, struct error *e)
{
    if (check_areas(rq, e) != 0)
        return -1;
    struct dfe_data hist;
    if (backcast_history(rq->data, rq->year, &hist, e) != 0)
        return -1;
    struct outputs o;
    memset(&o, 0, sizeof o);
    int rc = 0;
    for (int i = 0; i < 4 && rc == 0; i++)
        if ((o.f[i] = open_memstream(&o.text[i], &o.len[i])) == NULL)
            rc = error_set(e, ERROR_RUNTIME, "out of memory");
    struct tally t[N_KPIS];
    memset(t, 0, sizeof t);
    int done = 0, skipped = 0;
    if (rc == 0) {
        fputs("area,code,kpi,observed,model_median,model_p05,model_p95,persistence\n", o.f[0]);
        fputs("area,code,reason\n", o.f[2]);
    }
    for (int i = 0; rc == 0 && i < rq->data->n; i++) {
        const struct dfe_row *r = &rq->data->row[i];
        if (r->level != DFE_LOCAL || r->year != rq->year || !wanted(rq, r))
            continue;
        char reason[1200] = "";
        struct area_result a;
        const struct dfe_row *last = dfe_find(&hist, r->code, rq->year - 1);
        if (last == NULL)
            snprintf(reason, sizeof reason, "no row at 30 September %d", rq->year - 1);
        else if (backcast_area(rq, &hist, last, &a, reason, sizeof reason) == 0) {
            /* the test year is read here, after the forecast, and only here */
            for (int k = 0; k < N_KPIS; k++)
                a.observed[k] = calibrate_observed(r, k);
            add_result(&o, r, &a, t);
            done++;
            continue;
        }
        output_text(o.f[2], r->name);
        fprintf(o.f[2], ",%s,", r->code);
        output_text(o.f[2], reason);
        fputc('\n', o.f[2]);
        skipped++;
    }
    /* councils with a row at Y-1 but none at Y cannot be scored: say so */
    for (int i = 0; rc == 0 && i < hist.n; i++) {
        const struct dfe_row *r = &hist.row[i];
        if (r->level != DFE_LOCAL || r->year != rq->year - 1 || !wanted(rq, r) ||
            dfe_find(rq->data, r->code, rq->year) != NULL)
            continue;
        output_text(o.f[2], r->name);
        fprintf(o.f[2], ",%s,\"no row at 30 September %d to compare with\"\n", r->code,
                rq->year);
        skipped++;
    }
    if (rc == 0) {
        fputs("kpi,areas,mae_model,mae_persistence,model_beats_persistence,coverage_90\n", o.f[1]);
        for (int k = 0; k < N_KPIS; k++) {
            fprintf(o.f[1], "%s,%d", calibrate_kpi_name(k), t[k].n);
            output_number(o.f[1], t[k].n ? t[k].model_err / t[k].n : NAN);
            output_number(o.f[1], t[k].n ? t[k].persist_err / t[k].n : NAN);
            fprintf(o.f[1], ",%s", t[k].n && t[k].model_err < t[k].persist_err ? "yes" : "no");
            output_number(o.f[1], t[k].n ? (double)t[k].inside / t[k].n : NAN);
            fputc('\n', o.f[1]);
        }
        fprintf(o.f[3], "program: wfsim %s\ncommand: %s\ndata: %s\ntest_year: %d\nareas: %d "
                        "back-cast, %d skipped (skipped.csv)\nreplicates: %d projection, %d a "
                        "calibration run\n",
                WFSIM_VERSION, rq->command_line, rq->data_path, rq->year, done, skipped,
                rq->replicates, rq->calibration_replicates);
    }
    for (int i = 0; i < 4; i++)
        if (o.f[i] != NULL && fclose(o.f[i]) != 0 && rc == 0)
            rc = error_set(e, ERROR_RUNTIME, "cannot format the back-cast");
    if (rc == 0 && done == 0)
        rc = error_set(e, ERROR_INPUT, "--areas: no council could be back-cast for %d (see the "
                                       "reasons with --areas all)",
                       rq->year);
    if (rc == 0)
        rc = resultdir_write(rq->out_dir, 4, FILES, write_out, &o, e);
    for (int i = 0; i < 4; i++)
        free(o.text[i]);
    dfe_free(&hist);
    return rc;
}

/* cmd_dfe_build: wfsim dfe build, an area's scenario from the DfE data with
 * the scales that make it hold its census (sim/studies/dfe_build.c). */
#include "app/cmd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/defaults.h"
#include "app/progress.h"
#include "report/levers.h"
#include "report/units.h"
#include "wfsim/bundle.h"
#include "wfsim/calibrate.h"
#include "wfsim/dfe.h"
#include "wfsim/dfe_build.h"

/* Replicates of the steady fit for the scenario's size (defaults.h). */
static int steady_replicates(const struct scenario *sc)
{
    double posts = 0;
    for (int g = 0; g < sc->n_grades; g++)
        posts += sc->grade[g].posts_fte;
    return (int)fmin(DEFAULT_DFE_BUILD_MAX_REPLICATES,
                     fmax(DEFAULT_DFE_BUILD_MIN_REPLICATES,
                          ceil(DEFAULT_DFE_BUILD_POST_REPLICATES / fmax(posts, 1))));
}

/* The steady fit's targets and their fitted means over its years, as
 * dfe_build states them. */
static void steady_targets(const struct calibrate_fit *fit, struct dfe_steady *steady)
{
    static const int kpi[N_STEADY_TARGETS] = {[STEADY_VACANCY_RATE] = KPI_VACANCY_RATE,
                                              [STEADY_AGENCY_RATE] = KPI_AGENCY_RATE,
                                              [STEADY_COVER_SHARE] = -1,
                                              [STEADY_CASELOAD] = KPI_CASELOAD,
                                              [STEADY_TURNOVER] = KPI_TURNOVER};
    for (int t = 0; t < N_STEADY_TARGETS; t++) {
        double sum = 0;
        for (int y = 0; y < fit->n_years; y++)
            sum += kpi[t] < 0 ? fit->cover_fitted[y] : fit->fitted[y][kpi[t]];
        steady->fitted[t] = fit->n_years > 0 ? sum / fit->n_years : NAN;
        steady->census[t] = fit->n_years == 0 ? NAN
                            : kpi[t] < 0      ? fit->cover_observed[0]
                                              : fit->observed[0][kpi[t]];
    }
}

/* The scenario with the formulas' values, then with the scales that make it
 * hold its census when run with no change (calibrate_steady), into *b. */
static int build_steady(const struct dfe_data *d, const struct cli_options *o, struct dfe_build *b,
                        struct error *e)
{
    struct calibrate_fit *fit = malloc(sizeof *fit);
    if (fit == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    struct progress p;
    progress_init(&p, "steady-fit trials", 1, progress_wanted(o->quiet));
    struct calibrate_progress cp = {p.show ? progress_update : NULL, &p};
    int rc = dfe_build_scenario(d, o->area, o->year, o->data_path, NULL, b, e);
    if (rc == 0)
        rc = calibrate_steady(&b->sc, DEFAULT_DFE_BUILD_STEADY_YEARS, steady_replicates(&b->sc),
                              cmd_threads(o), fit, &cp, e);
    if (rc == 0) {
        struct dfe_steady steady = {.leave = fit->param[P_LEAVE],
                                    .fill = fit->param[P_FILL],
                                    .cover = fit->param[P_COVER],
                                    .demand = fit->param[P_DEMAND],
                                    .years = fit->n_years,
                                    .converged = fit->converged,
                                    .objective = fit->objective};
        steady_targets(fit, &steady);
        rc = dfe_build_scenario(d, o->area, o->year, o->data_path, &steady, b, e);
    }
    free(fit);
    return rc;
}

/* What marks a file as one wfsim wrote: the bundle's first manifest line. */
#define WRITTEN_BY_WFSIM "# program: wfsim "

/* Before the build's fit: may the scenario go to -o? Not into a directory,
 * a link or a missing directory, and not over a file wfsim did not write
 * (unless --force). */
static int check_target(const struct cli_options *o, struct error *e)
{
    const char *path = o->out_dir;
    if (path == NULL)
        return 0;
    if (path[0] == '\0')
        return error_set(e, ERROR_INPUT, "-o: must name a file (got \"\")");
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else if (slash != NULL)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
        if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
            return error_set(e, ERROR_INPUT, "%s: cannot write there: %s is not a directory", path,
                             dir);
        return 0;
    }
    if (S_ISDIR(sb.st_mode))
        return error_set(e, ERROR_INPUT, "%s: is a directory; -o takes the file to write", path);
    if (S_ISLNK(sb.st_mode))
        return error_set(e, ERROR_INPUT, "%s: is a symbolic link; not replacing it", path);
    if (o->force)
        return 0;
    char first[64] = "";
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        if (fgets(first, sizeof first, f) == NULL)
            first[0] = '\0';
        fclose(f);
    }
    if (strncmp(first, WRITTEN_BY_WFSIM, strlen(WRITTEN_BY_WFSIM)) != 0)
        return error_set(e, ERROR_INPUT,
                         "%s: exists and wfsim did not write it (its first line is not \"%s...\"); "
                         "not replacing it (--force replaces it)",
                         path, WRITTEN_BY_WFSIM);
    return 0;
}

/* The steady scenario as a one-file bundle (bundle.h): to -o, renamed into
 * place when complete, or to standard output; its manifest as the first
 * comment lines. */
static int write_bundle(const struct dfe_build *b, const struct cli_options *o, const char *command,
                        struct error *e)
{
    struct bundle *out = bundle_alloc_file(o->out_dir, e);
    if (out == NULL)
        return -1;
    FILE *f = bundle_file(out, "scenario", e);
    int rc = f == NULL ? -1 : dfe_build_write(b, f, e);
    if (rc == 0)
        rc = bundle_note(out, BUNDLE_HEAD, e, "area: %s\nyear: %d", o->area, o->year);
    if (rc == 0) {
        struct bundle_provenance p = {command,
                                      b->sc.name,
                                      b->sc.seed,
                                      steady_replicates(&b->sc),
                                      "a trial of the steady fit",
                                      NULL,
                                      o->data_path,
                                      bundle_hash(out, "scenario"),
                                      "the scenario below"};
        rc = bundle_commit(out, &p, e);
    }
    bundle_free(out);
    return rc;
}

/* What the build did, on standard error: the file, then the levers it set
 * and the national values it took for pay and recruitment costs (with -o;
 * on standard output the file's own comments say it). */
static void say_what_it_did(const struct dfe_build *b, const struct cli_options *o)
{
    const struct scenario *sc = &b->sc;
    fprintf(stderr, "wfsim: wrote %s: %s, held steady with no change\n", o->out_dir,
            sc->description);
    char lever[LEVERS_MAX][LEVERS_LEN];
    int n = levers_describe(sc, lever, LEVERS_MAX);
    fputs("wfsim: levers set:", stderr);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "%s %s", i > 0 ? ";" : "", lever[i]);
    fprintf(stderr, "; %s; %s\n", sc->n_campaigns == 0 ? "no campaigns" : "campaigns as above",
            sc->n_schemes == 0 ? "no retention schemes" : "schemes as above");
    double pay_lo = INFINITY, pay_hi = 0, agency_lo = INFINITY, agency_hi = 0;
    for (int g = 0; g < sc->n_grades; g++) {
        pay_lo = fmin(pay_lo, sc->grade[g].salary_gbp);
        pay_hi = fmax(pay_hi, sc->grade[g].salary_gbp);
        if (sc->grade[g].agency_cost_gbp > 0) {
            agency_lo = fmin(agency_lo, sc->grade[g].agency_cost_gbp);
            agency_hi = fmax(agency_hi, sc->grade[g].agency_cost_gbp);
        }
    }
    char a[32], z[32], c[32], d[32], advert[32], hire[32];
    units_format(UNIT_GBP, pay_lo, a, sizeof a);
    units_format(UNIT_GBP, pay_hi, z, sizeof z);
    units_format(UNIT_GBP, agency_lo, c, sizeof c);
    units_format(UNIT_GBP, agency_hi, d, sizeof d);
    units_format(UNIT_GBP, sc->advert_cost_gbp, advert, sizeof advert);
    units_format(UNIT_GBP, sc->hire_cost_gbp, hire, sizeof hire);
    fprintf(stderr,
            "wfsim: national values (the file cites each): salaries %s-%s, agency %s-%s an "
            "FTE-year, %s an advert and %s a hire; change them with your own figures\n",
            a, z, c, d, advert, hire);
}

int cmd_dfe_build(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    char command[8192];
    cmd_command_line(argc, argv, command, sizeof command);
    if (check_target(o, &e) != 0)
        return cmd_fail(&e);
    struct dfe_data d;
    if (dfe_load(o->data_path, &d, &e) != 0)
        return cmd_fail(&e);
    struct dfe_build *b = malloc(sizeof *b);
    int rc = b == NULL ? error_set(&e, ERROR_RUNTIME, "out of memory") : build_steady(&d, o, b, &e);
    if (rc == 0)
        rc = write_bundle(b, o, command, &e);
    if (rc == 0 && !o->quiet && o->out_dir != NULL)
        say_what_it_did(b, o);
    free(b);
    dfe_free(&d);
    return rc != 0 ? cmd_fail(&e) : 0;
}

/* dfe_build: the scenario of a council, a region or England at the DfE
 * census of 30 September of a year (wfsim dfe build), built in memory as a
 * struct scenario with a note of where each value came from, and written
 * with the scenario writer.
 *
 * From the area's row: posts = in post + vacancies, permanent FTE in post,
 * agency FTE and the share covering vacancies, cases and case holders,
 * absence. From the area's history: the leaving rate (mean turnover over the
 * three years to the census year). A suppressed (x, z, c, u, low) or missing
 * value falls back to the area's region, then to England, and the file says
 * so. What the data lack comes from the national defaults of
 * sim/studies/dfe_build.c (those of scenarios/example_la.cfg: the grade
 * split, tenure mix, pay, agency cost, case types and durations) and the
 * scenario keys' own defaults (docs/scenario-keys.md). The fill and
 * agency-cover probabilities are set so the model's stationary vacancy and
 * cover rates match the area's (docs/model.md).
 *
 * With `steady`, the leaving rates, fill probabilities and arrivals are
 * multiplied by its scales and the cover probability replaced, as
 * calibrate_steady found them (wfsim dfe build: sim/app/cmd_dfe_build.c), so
 * that the scenario run with no change holds its census state; the file
 * says so, and states each fitted value against the census. */
#ifndef WFSIM_DFE_BUILD_H
#define WFSIM_DFE_BUILD_H

#include <stdio.h>

#include "wfsim/dfe.h"
#include "wfsim/error.h"
#include "wfsim/scenario.h"
#include "wfsim/scenario_write.h"

/* The census values the steady fit holds, as the file states them. */
enum dfe_steady_target {
    STEADY_VACANCY_RATE,
    STEADY_AGENCY_RATE,
    STEADY_COVER_SHARE, /* vacancy_cover_rate */
    STEADY_CASELOAD,
    STEADY_TURNOVER,
    N_STEADY_TARGETS
};
struct dfe_steady {
    double leave, fill, cover, demand; /* scales; cover a probability */
    int years, converged;
    double objective;
    /* each target's fitted mean over the `years` and its census value
     * (month 0; NaN where not fitted, e.g. no case types) */
    double fitted[N_STEADY_TARGETS], census[N_STEADY_TARGETS];
};

#define DFE_BUILD_HEADER_LEN 8192
#define DFE_BUILD_MAX_NOTES 96
/* the built scenario's numbers, rounded so a reader can take them in
 * (scenario_round): six significant digits, as the CSV outputs; FTE to 1/10,000 */
#define DFE_BUILD_DIGITS 6
#define DFE_BUILD_FTE_DECIMALS 4

/* A built scenario and what its file says about it. Large: allocate it. */
struct dfe_build {
    struct scenario sc;
    char header[DFE_BUILD_HEADER_LEN]; /* provenance, lines ending in '\n' */
    int n_notes;
    struct scenario_note note[DFE_BUILD_MAX_NOTES]; /* beside the keys */
};

/* Build the area's (code or name) scenario at the census of `year` from d
 * into *b; `data_path` names the data in the file and in errors; steady NULL
 * gives the formulas' values. The scenario is validated as a loaded one is.
 * Returns 0, or -1 with e (ERROR_INPUT): an unknown area or year, an area
 * with nothing to simulate, or a value its key does not allow ("DATA: AREA
 * YEAR: key: message (got X)"). */
int dfe_build_scenario(const struct dfe_data *d, const char *area, int year, const char *data_path,
                       const struct dfe_steady *steady, struct dfe_build *b, struct error *e);
/* Write the built scenario with its notes. Returns 0, or -1 with "cannot
 * write the scenario" (ERROR_RUNTIME). */
int dfe_build_write(const struct dfe_build *b, FILE *f, struct error *e);
/* The scenario name for an area and year, e.g. "southwark_2024". */
void dfe_build_name(const char *area_name, int year, char *buf, unsigned long size);

#endif

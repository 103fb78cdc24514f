/* dfe_scenario: a scenario for a council, a region or England at the DfE
 * census of 30 September of a year, written as libconfig text that says
 * where each value came from.
 *
 * From the area's row: posts = in post + vacancies, permanent FTE in post,
 * agency FTE and the share covering vacancies, cases and case holders,
 * absence. From the area's history: the leaving rate (mean turnover over the
 * three years to the census year). A suppressed (x, z, c, u, low) or missing
 * value falls back to the area's region, then to England, and the file says
 * so. What the data lack comes from documented national defaults (those of
 * scenarios/example_la.cfg): the grade split, tenure mix, pay, agency cost,
 * case types and durations. The fill and agency-cover probabilities are set
 * so the model's stationary vacancy and cover rates match the area's
 * (docs/model.md).
 *
 * With `steady` (wfsim dfe build), the leaving rates, fill probabilities and
 * arrivals are multiplied by its scales and the cover probability replaced,
 * as calibrate_steady found them, so that the scenario run with no change
 * holds its census state; the file says so. NULL writes the formulas' values. */
#ifndef WFSIM_DFE_SCENARIO_H
#define WFSIM_DFE_SCENARIO_H

#include <stdio.h>

#include "wfsim/dfe.h"
#include "wfsim/error.h"

struct dfe_steady {
    double leave, fill, cover, demand; /* scales; cover a probability */
    int years, converged;
    double objective;
};

int dfe_scenario_write(const struct dfe_data *d, const char *area, int year, const char *data_path,
                       const struct dfe_steady *steady, FILE *out, struct error *e);
/* The scenario name for an area and year, e.g. "southwark_2024". */
void dfe_scenario_name(const char *area_name, int year, char *buf, unsigned long size);

#endif

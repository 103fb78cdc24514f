/* scenario_warn: levers that will not do what they say, found in a loaded
 * scenario before it runs: a campaign or intake larger than the posts it can
 * fill, a clawback with no tie-in to act on, and (between a baseline and an
 * option) an option that lowers an intake. Each is one sentence naming the
 * key; the run goes on. Commands print them on
 * standard error (unless -q) and write them to the manifest as "warning:"
 * lines, which the report shows. */
#ifndef WFSIM_SCENARIO_WARN_H
#define WFSIM_SCENARIO_WARN_H

#include "wfsim/scenario.h"

#define SCENARIO_WARNING_LEN 320
#define SCENARIO_MAX_WARNINGS 16

/* The scenario's warnings into out (at most max); returns how many. */
int scenario_warnings(const struct scenario *sc, char out[][SCENARIO_WARNING_LEN], int max);
/* A comparison's warning about money: recruitment that costs nothing (no
 * advert or hire cost); returns how many (0 or 1). */
int scenario_warnings_money(const struct scenario *sc, char out[][SCENARIO_WARNING_LEN], int max);
/* An option's warnings against its baseline (an entry route's intake
 * lowered); returns how many. */
int scenario_warnings_against(const struct scenario *base, const struct scenario *option,
                              char out[][SCENARIO_WARNING_LEN], int max);

#endif

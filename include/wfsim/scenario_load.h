/* scenario_load: a struct scenario from layered libconfig files and
 * command-line assignments (wfsim/layers.h), each value type- and
 * range-checked where it is set, then the whole validated once
 * (scenario_validate). Unknown keys are errors. Errors name the place:
 * "file:line: key: message (got X)". */
#ifndef WFSIM_SCENARIO_LOAD_H
#define WFSIM_SCENARIO_LOAD_H

#include "wfsim/error.h"
#include "wfsim/scenario.h"

struct layers;

/* Read and validate the layers into *sc (every key not set takes its
 * default). Returns 0, or -1 with the first error in e; *sc is then
 * incomplete. */
int scenario_load(struct scenario *sc, struct layers *L, struct error *e);
/* A command-line assignment "a.b=value" and the option that gave it. */
struct assignment {
    const char *origin; /* "--set", "-n", "-s" */
    const char *text;
};
/* Convenience: layer the files, apply the assignments in order, load.
 * Returns 0, or -1 with the error in e (ERROR_RUNTIME when out of memory). */
int scenario_load_files(struct scenario *sc, int n_files, const char *const *files, int n_sets,
                        const struct assignment *sets, struct error *e);

#endif

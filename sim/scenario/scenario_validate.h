/* scenario_validate: the rules of a struct scenario that no single key can
 * check (shares that sum to 1, dates within the horizon, names that refer to
 * grades and case types), and the per-key ranges of the key tables, checked
 * on the struct itself so that a scenario read from files and one built in
 * memory (wfsim dfe build) pass the same checks. Nothing here knows the file
 * format: where a value came from is asked of the caller. */
#ifndef WFSIM_SCENARIO_VALIDATE_H
#define WFSIM_SCENARIO_VALIDATE_H

#include <stddef.h>

#include "wfsim/error.h"
#include "wfsim/scenario.h"
#include "wfsim/scenario_keys.h"

/* Where the value of a dotted key path came from, for messages: "file:line"
 * for a scenario read from files, the data behind it for a built one. */
struct scenario_origin {
    void (*where)(void *ctx, const char *path, char *buf, size_t size);
    void *ctx;
};

/* Check the rules that join keys and resolve the names keys give into the
 * struct's indices (promotion_from_index, grade_index, grade_mask ...).
 * Returns 0, or -1 with the first failure in e (ERROR_INPUT) as
 * "WHERE: key: message (got X)". */
int scenario_validate(struct scenario *sc, const struct scenario_origin *o, struct error *e);
/* Check every number of the struct against its key's range (the reader
 * checks each value as it reads it; a built scenario needs this). Returns 0
 * or -1 with the first failure in e, as scenario_validate. */
int scenario_validate_values(const struct scenario *sc, const struct scenario_origin *o,
                             struct error *e);
/* Whether v may be the value of key k: 0, or -1 with the reason, e.g.
 * "must be in [0, 1] (got 1.7)", in msg. */
int scenario_validate_number(const struct key_spec *k, double v, char *msg, size_t size);

#endif

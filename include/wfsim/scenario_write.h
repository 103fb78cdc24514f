/* scenario_write: a struct scenario as libconfig text, every key of the key
 * tables written (wfsim/scenario_keys.h), numbers to 17 significant digits,
 * so reading the file back gives an identical struct. */
#ifndef WFSIM_SCENARIO_WRITE_H
#define WFSIM_SCENARIO_WRITE_H

#include <stdio.h>

#include "wfsim/scenario.h"

/* Write the fully resolved scenario. Returns 0, or -1 on a write error
 * (ferror(f)). */
int scenario_write(const struct scenario *sc, FILE *f);

#endif

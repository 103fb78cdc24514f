/* scenario_write: a struct scenario as libconfig text, every key of the key
 * tables written (wfsim/scenario_keys.h), each number in the shortest form
 * that reads back exactly, so reading the file back gives an identical
 * struct. */
#ifndef WFSIM_SCENARIO_WRITE_H
#define WFSIM_SCENARIO_WRITE_H

#include <stdio.h>

#include "wfsim/scenario.h"

#define SCENARIO_NOTE_PATH_LEN 128
#define SCENARIO_NOTE_TEXT_LEN 512

/* A comment beside the key at a dotted path, e.g. "grades.sw.posts_fte". */
struct scenario_note {
    char path[SCENARIO_NOTE_PATH_LEN];
    char text[SCENARIO_NOTE_TEXT_LEN];
};

/* What a written scenario says about itself (where its values came from). */
struct scenario_notes {
    const char *header; /* lines ending in '\n', each written as "# line" */
    int n;
    const struct scenario_note *note; /* n notes; keys without one get none */
};

/* Write the fully resolved scenario. Returns 0, or -1 on a write error
 * (ferror(f)). */
int scenario_write(const struct scenario *sc, FILE *f);
/* The same with a header of comment lines (instead of the "Resolved
 * scenario" line) and comments beside keys; notes NULL is scenario_write. */
int scenario_write_notes(const struct scenario *sc, const struct scenario_notes *notes, FILE *f);

/* Round every number of the scenario as a reader takes it in: `digits`
 * significant digits, FTE keys to `fte_decimals` places (each grade within
 * half of 10^-fte_decimals), or not at all when fte_decimals < 0. For
 * scenarios wfsim derives (dfe build), before they are used and written. */
void scenario_round(struct scenario *sc, int digits, int fte_decimals);

#endif

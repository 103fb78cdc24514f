/* vary: a numeric scenario key taken over a range, for the what-if commands
 * (sweep, goal, sensitivity). "KEY=FROM:TO:STEPS" is STEPS evenly spaced
 * values from FROM to TO inclusive; "KEY=MIN:MAX" a range. KEY is any
 * numeric key's dotted path, a named entry's too
 * ("campaigns.overseas.hires", "grades.sw.monthly_fill_probability"). An
 * integer key takes whole values only (points are rounded to the nearest).
 *
 * A point is the scenario's files and --set assignments with one more
 * assignment per key ("--vary" in messages), loaded and validated as any
 * scenario, with the same seed and replicates: replicate k of every point
 * shares its random numbers (common random numbers), so differences between
 * points are paired. */
#ifndef WFSIM_VARY_H
#define WFSIM_VARY_H

#include <stddef.h>

#include "wfsim/error.h"
#include "wfsim/scenario.h"
#include "wfsim/scenario_keys.h"
#include "wfsim/scenario_load.h"

#define VARY_KEY_MAX 160
#define VARY_MAX_KEYS 20
#define VARY_MAX_STEPS 1000
#define VARY_ASSIGNMENT_MAX (VARY_KEY_MAX + 40)

struct vary {
    char key[VARY_KEY_MAX];
    enum key_type type; /* KEY_DOUBLE, KEY_INT or KEY_INT64 */
    double from, to;    /* as given: from > to is allowed (a falling sweep) */
    int steps;          /* points of a sweep (2 or more); 0 for a range */
    double min, max;    /* the key's valid range (scenario_keys) */
    int positive;       /* the key must also be above 0 (scenario_keys) */
};

/* The key part alone: v->key, type, min, max and positive for the numeric
 * key `key` (from and to 0). Errors read "ORIGIN: KEY: message" (unknown,
 * not numeric). 0, or -1 with e. */
int vary_key(const char *origin, const char *key, struct vary *v, struct error *e);
/* Parse text (steps: "KEY=FROM:TO:STEPS" when with_steps, else
 * "KEY=MIN:MAX"). Errors read "ORIGIN: TEXT: message". 0, or -1 with e. */
int vary_parse(const char *origin, const char *text, int with_steps, struct vary *v,
               struct error *e);
/* Point i (0..steps-1) of a sweep: FROM + i (TO - FROM) / (STEPS - 1), the
 * ends exact, rounded for an integer key and to 15 significant digits for
 * a real one (so 0.1:0.2:3 has 0.15, as written). */
double vary_point(const struct vary *v, int i);
/* A value as the key's type takes it: rounded to whole for an integer key. */
double vary_round(const struct vary *v, double value);
/* A value as text, the shortest that reads back as the same double
 * ("0.048"; a whole number below 1e15 in full: "1000", not "1e+03"). */
void vary_value_text(double value, char *buf, size_t size);
/* "KEY=VALUE", the value written so it reads back exactly. */
void vary_assignment(const struct vary *v, double value, char *buf, size_t size);

/* The scenario of the files and assignments, then one assignment per key
 * (values[j] for keys[j]), into *sc. 0, or -1 with e. */
int vary_load(struct scenario *sc, int n_files, const char *const *files, int n_sets,
              const struct assignment *sets, int n_keys, const struct vary *keys,
              const double *values, struct error *e);
/* The same, the keys' assignments named `origin` in messages ("--lever"). */
int vary_load_as(const char *origin, struct scenario *sc, int n_files, const char *const *files,
                 int n_sets, const struct assignment *sets, int n_keys, const struct vary *keys,
                 const double *values, struct error *e);

#endif

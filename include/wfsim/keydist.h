/* keydist: a numeric scenario key with a distribution over its plausible
 * values, the input of a global sensitivity study (sensitivity.h). A keys
 * file lists them one a line:
 *
 *   KEY uniform LO HI
 *   KEY normal MEAN SD          (truncated to the key's valid range)
 *   KEY triangular LO MODE HI
 *
 * with "#" comments and blank lines. KEY is any numeric key's dotted path
 * (vary.h); the simulation's own keys (seed, replicates, start, months)
 * cannot vary. A value is drawn by the distribution's quantile function at
 * a point u of [0, 1), so a quasi-random u gives a quasi-random value. An
 * integer key takes whole values: a uniform one each whole value from LO to
 * HI with equal weight, the others the drawn value rounded to the nearest.
 *
 * A normal distribution is refused when the key's range would cut more than
 * KEYDIST_MAX_CUT of it: truncation then moves the mean and shrinks the
 * spread so much that MEAN and SD no longer describe what is sampled. */
#ifndef WFSIM_KEYDIST_H
#define WFSIM_KEYDIST_H

#include "wfsim/error.h"
#include "wfsim/vary.h"

#define KEYDIST_MAX_CUT 0.05
#define KEYDIST_LINE_MAX 1000

enum keydist_kind { KEYDIST_UNIFORM, KEYDIST_NORMAL, KEYDIST_TRIANGULAR, N_KEYDIST_KINDS };

struct keydist {
    struct vary v; /* the key: from and to are the values' least and greatest */
    enum keydist_kind kind;
    double p[3]; /* LO HI; MEAN SD; LO MODE HI */
    int line;    /* of the keys file */
    /* normal: the standard normal CDF at the key's range ends, over the SD */
    double cdf_lo, cdf_hi;
};

/* Read the keys file `path` into keys[0..*n) (at most VARY_MAX_KEYS).
 * Errors read "FILE:LINE: KEY: message" (an input error): an unknown or
 * non-numeric key, a distribution that is not one of the three or has the
 * wrong numbers, bounds outside the key's range, a key given twice, more
 * than VARY_MAX_KEYS keys; "FILE: message" for an unreadable file or one
 * with no keys. 0, or -1 with e. */
int keydist_read(const char *path, struct keydist *keys, int *n, struct error *e);
/* The key's value at u in [0, 1): its distribution's quantile, rounded as
 * the key's type takes it, within the key's range. */
double keydist_value(const struct keydist *k, double u);
/* The distribution's name ("uniform", "normal", "triangular"). */
const char *keydist_name(enum keydist_kind kind);

#endif

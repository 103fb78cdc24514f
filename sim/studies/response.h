/* response: an option's expected NPV difference from the baseline as a
 * function of the pay elasticity of exit (the staff response), run with the
 * elasticity fixed for every replicate on the first `replicates` replicates:
 * the break-even elasticity (Brent's method in [elasticity_min, 0]) and the
 * curve of elasticity_curve.csv with the break-even interval (compare.h says
 * what they mean). Part of compare. */
#ifndef WFSIM_RESPONSE_H
#define WFSIM_RESPONSE_H

#include <stdio.h>

#include "wfsim/scenario.h"

struct response {
    const struct scenario *option;
    struct scenario *trial; /* the option with the elasticity fixed */
    const double *base_npv; /* baseline NPV by replicate (cost_total_npv_cum at the end) */
    int replicates, threads;
    int failed;
    double gap_at_min, gap_at_zero; /* the gap at the ends of the range (set by break_even) */
    double *diff;                   /* NULL, or each replicate's difference of the last trial */
};

/* The elasticity in [elasticity_min, 0] where the expected gap is 0, or NaN
 * when it has one sign over the whole range (or a run failed: b->failed). */
double response_break_even(struct response *b);
#define RESPONSE_MAX_POINTS 64
/* Write the option's rows of elasticity_curve.csv to f, at `points` (at most
 * RESPONSE_MAX_POINTS) elasticities evenly spaced from elasticity_min to 0,
 * and the break-even interval into *lo, *hi (NaN when none). 0, or -1 when
 * out of memory. */
int response_write_curve(FILE *f, struct response *b, int points, double *lo, double *hi);

#endif

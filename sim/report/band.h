/* band: the pieces of a fan chart. A band (between a lower and an upper
 * series) or a line is drawn only where its values are defined: a NaN (NA
 * in the CSV) breaks it into runs, so an undefined month is a gap, never a
 * drop to zero. */
#ifndef WFSIM_BAND_H
#define WFSIM_BAND_H

struct band_run {
    int first, last; /* inclusive indices */
};

/* The runs of indices where lo[i] and hi[i] are both defined (pass the same
 * series twice for a line). Returns how many (at most max). */
int band_runs(const double *lo, const double *hi, int n, struct band_run *runs, int max);
/* The closed polygon of one run: the upper edge left to right, then the
 * lower edge right to left, 2 x (last - first + 1) points in px, py.
 * Returns the number of points. */
int band_polygon(const double *x, const double *lo, const double *hi, struct band_run r, double *px,
                 double *py);

#endif

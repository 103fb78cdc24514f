/* band: band polygons and line runs with NA gaps (see band.h). */
#include "report/band.h"

#include <math.h>

int band_runs(const double *lo, const double *hi, int n, struct band_run *runs, int max)
{
    int count = 0;
    for (int i = 0; i < n;) {
        while (i < n && (isnan(lo[i]) || isnan(hi[i])))
            i++;
        if (i >= n)
            break;
        int start = i;
        while (i < n && !isnan(lo[i]) && !isnan(hi[i]))
            i++;
        if (count < max)
            runs[count++] = (struct band_run){start, i - 1};
    }
    return count;
}

int band_polygon(const double *x, const double *lo, const double *hi, struct band_run r, double *px,
                 double *py)
{
    int n = 0;
    for (int i = r.first; i <= r.last; i++, n++) {
        px[n] = x[i];
        py[n] = hi[i];
    }
    for (int i = r.last; i >= r.first; i--, n++) {
        px[n] = x[i];
        py[n] = lo[i];
    }
    return n;
}

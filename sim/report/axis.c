/* axis: nice value ticks and month-boundary date ticks (see axis.h). */
#include "report/axis.h"

#include <math.h>

/* The smallest of 1, 2, 2.5, 5 x 10^k that is at least `raw`. */
static double nice_step(double raw)
{
    static const double mult[] = {1, 2, 2.5, 5, 10};
    double p = pow(10, floor(log10(raw)));
    for (int i = 0; i < 5; i++)
        if (mult[i] * p >= raw * (1 - 1e-12))
            return mult[i] * p;
    return 10 * p;
}

int axis_nice(double lo, double hi, int max_ticks, struct axis *a)
{
    if (max_ticks < 2)
        max_ticks = 2;
    if (max_ticks > AXIS_MAX_TICKS)
        max_ticks = AXIS_MAX_TICKS;
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo < 1e-12 * fmax(1, fabs(hi))) { /* flat: widen around the value */
        double d = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1;
        lo -= d;
        hi += d;
    }
    double step = nice_step((hi - lo) / (max_ticks - 1));
    double first, last;
    for (;;) {
        first = floor(lo / step + 1e-9) * step;
        last = ceil(hi / step - 1e-9) * step;
        if ((int)llround((last - first) / step) + 1 <= max_ticks)
            break;
        step = nice_step(step * 1.0001);
    }
    a->step = step;
    a->lo = first;
    a->hi = last;
    a->n_ticks = (int)llround((last - first) / step) + 1;
    for (int i = 0; i < a->n_ticks; i++) {
        double t = first + i * step;
        a->tick[i] = fabs(t) < step * 1e-9 ? 0 : t; /* no "-0" */
    }
    return a->n_ticks;
}

int axis_months(int first, int last, int max_ticks, struct axis *a)
{
    static const int steps[] = {1, 3, 6, 12, 24, 60, 120};
    if (max_ticks < 2)
        max_ticks = 2;
    if (max_ticks > AXIS_MAX_TICKS)
        max_ticks = AXIS_MAX_TICKS;
    if (last <= first)
        last = first + 1;
    int step = steps[6];
    for (int i = 0; i < 7; i++)
        if ((last - first) / steps[i] + 1 <= max_ticks) {
            step = steps[i];
            break;
        }
    a->lo = first;
    a->hi = last;
    a->step = step;
    a->n_ticks = 0;
    for (int m = first; m <= last && a->n_ticks < AXIS_MAX_TICKS; m += step)
        a->tick[a->n_ticks++] = m;
    return a->n_ticks;
}

double axis_map(const struct axis *a, double v, double p0, double p1)
{
    double span = a->hi - a->lo;
    return span > 0 ? p0 + (v - a->lo) / span * (p1 - p0) : p0;
}

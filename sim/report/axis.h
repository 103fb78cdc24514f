/* axis: the ticks of a chart axis. Values get "nice" ticks (1, 2, 2.5 or 5
 * times a power of ten) covering the data; dates get ticks on month
 * boundaries (a month index is the state at the end of that month, as in
 * timeseries.csv), every 1, 3, 6, 12, 24 or 60 months, counted from the
 * first month so a September start puts a tick on every 30 September. */
#ifndef WFSIM_AXIS_H
#define WFSIM_AXIS_H

#define AXIS_MAX_TICKS 24

struct axis {
    double lo, hi; /* the range the axis shows */
    double step;   /* between ticks (months for a date axis) */
    int n_ticks;
    double tick[AXIS_MAX_TICKS];
};

/* Ticks covering [lo, hi] with at most max_ticks ticks (2..AXIS_MAX_TICKS);
 * lo and hi are widened to the outer ticks. A flat range (lo == hi) is
 * widened around its value. Returns the number of ticks. */
int axis_nice(double lo, double hi, int max_ticks, struct axis *a);
/* Month-boundary ticks from month `first` to `last` (calendar month
 * indices, month.h), at most max_ticks. The range is [first, last]. */
int axis_months(int first, int last, int max_ticks, struct axis *a);
/* Where v falls between the pixels p0 (at a->lo) and p1 (at a->hi). */
double axis_map(const struct axis *a, double v, double p0, double p1);

#endif

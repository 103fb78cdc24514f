/* units: numbers written for people (see units.h). */
#include "report/units.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum unit_kind units_of(const char *metric_unit)
{
    static const struct {
        const char *prefix;
        enum unit_kind kind;
    } map[] = {{"fraction", UNIT_SHARE}, {"per year", UNIT_SHARE}, {"share", UNIT_SHARE},
               {"FTE", UNIT_FTE},        {"GBP", UNIT_GBP},        {"cases", UNIT_CASES},
               {"months", UNIT_MONTHS},  {"ratio", UNIT_RATIO}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(metric_unit, map[i].prefix, strlen(map[i].prefix)) == 0)
            return map[i].kind;
    return UNIT_COUNT;
}

/* Pounds with thousands separators: 2400 -> "2,400". */
static void pounds(double v, char *buf, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t n = strlen(digits), used = 0;
    if (v < 0 && used + 1 < size)
        buf[used++] = '-';
    for (size_t i = 0; i < n && used + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[used++] = ',';
        buf[used++] = digits[i];
    }
    buf[used] = '\0';
}

static void money(double v, char *buf, size_t size)
{
    double a = fabs(v);
    const char *sign = v < 0 ? "-" : "";
    if (a >= 1e6)
        snprintf(buf, size, "%s£%.*fm", sign, a >= 1e8 ? 0 : a >= 1e7 ? 1 : 2, a / 1e6);
    else if (a >= 1e4)
        snprintf(buf, size, "%s£%.0fk", sign, a / 1e3);
    else {
        char p[32];
        pounds(a, p, sizeof p);
        snprintf(buf, size, "%s£%s", sign, p);
    }
}

void units_format(enum unit_kind u, double v, char *buf, size_t size)
{
    if (isnan(v)) {
        snprintf(buf, size, "NA");
        return;
    }
    switch (u) {
    case UNIT_SHARE: snprintf(buf, size, "%.1f%%", 100 * v); break;
    case UNIT_GBP: money(v, buf, size); break;
    case UNIT_RATIO: snprintf(buf, size, "%.2f", v); break;
    case UNIT_COUNT: snprintf(buf, size, "%.0f", v); break;
    default: snprintf(buf, size, "%.1f", v); break;
    }
}

/* Decimals a tick step needs (0.25 -> 2, 5 -> 0). */
static int decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    return d;
}

void units_tick(enum unit_kind u, double v, double step, char *buf, size_t size)
{
    if (u == UNIT_SHARE) {
        snprintf(buf, size, "%.*f%%", decimals(100 * step), 100 * v);
    } else if (u == UNIT_GBP) {
        double a = fabs(step) >= 1e6 || fabs(v) >= 1e6 ? 1e6 : fabs(step) >= 1e3 ? 1e3 : 1;
        const char *suffix = a == 1e6 ? "m" : a == 1e3 ? "k" : "";
        snprintf(buf, size, "%s£%.*f%s", v < 0 ? "-" : "", decimals(step / a), fabs(v) / a, suffix);
    } else {
        snprintf(buf, size, "%.*f", decimals(step), v);
    }
}

const char *units_name(enum unit_kind u)
{
    static const char *const name[N_UNIT_KINDS] = {"%",      "FTE", "cases", "ratio",
                                                   "months", "£",   "count"};
    return u >= 0 && u < N_UNIT_KINDS ? name[u] : "";
}

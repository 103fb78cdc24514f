/* scales: scaling the behavioural parameters (see sim/model/scales.h). */
#include "model/scales.h"

#include <math.h>

static double shift_logit(double c, double shift)
{
    if (c <= 0 || c >= 1)
        return c;
    return 1 / (1 + exp(-(log(c / (1 - c)) + shift)));
}

void scales_apply(const struct scenario *base, const struct scales *s, struct scenario *out)
{
    *out = *base;
    for (int g = 0; g < out->n_grades; g++) {
        out->grade[g].annual_leaving_rate =
            fmin(s->leave_max, base->grade[g].annual_leaving_rate * s->leave);
        out->grade[g].monthly_fill_probability =
            fmin(1, base->grade[g].monthly_fill_probability * s->fill);
    }
    out->agency_cover_probability = s->cover_mode == SCALES_COVER_SET
                                        ? s->cover
                                        : shift_logit(base->agency_cover_probability, s->cover);
    for (int t = 0; t < out->n_case_types; t++)
        out->case_type[t].arrivals_per_month = base->case_type[t].arrivals_per_month * s->demand;
}

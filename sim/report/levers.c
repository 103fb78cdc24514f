/* levers: a scenario's levers in words (see levers.h). */
#include "report/levers.h"

#include <stdarg.h>
#include <stdio.h>

#include "wfsim/month.h"
#include "report/units.h"

static const char *const month_name[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};

void levers_month(int month, char *buf, size_t size)
{
    if (month <= 0)
        snprintf(buf, size, "no end");
    else
        snprintf(buf, size, "%s %d", month_name[month_of_year(month) - 1], month_year(month));
}

static int add(char out[][LEVERS_LEN], int n, int max, const char *fmt, ...)
{
    if (n >= max)
        return n;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out[n], LEVERS_LEN, fmt, ap);
    va_end(ap);
    return n + 1;
}

static int schemes(const struct scenario *sc, char out[][LEVERS_LEN], int n, int max)
{
    static const char *const kind[N_SCHEME_KINDS] = {"golden hello for new starters",
                                                     "lump-sum payment at a service milestone",
                                                     "salary supplement", "upfront payment"};
    static const char *const claw[N_CLAWBACK_RULES] = {"no clawback", "full clawback",
                                                       "pro-rata clawback"};
    for (int i = 0; i < sc->n_schemes; i++) {
        const struct scheme_params *s = &sc->scheme[i];
        char from[32], to[32], amount[48];
        levers_month(s->start, from, sizeof from);
        levers_month(s->end, to, sizeof to);
        if (s->salary_share > 0)
            snprintf(amount, sizeof amount, "%.0f%% of salary", 100 * s->salary_share);
        else
            units_format(UNIT_GBP, s->amount_gbp, amount, sizeof amount);
        n = add(out, n, max,
                "Retention scheme %s: a %s of %s for %s, from %s to %s; tie-in %d months with %s",
                s->name, kind[s->kind], amount, s->grades[0] ? s->grades : "every grade", from, to,
                s->tie_in_months, claw[s->clawback]);
    }
    return n;
}

/* When a route's trainees start: "each September and January", or a flow. */
static void intakes(const struct route_params *r, char *buf, size_t size)
{
    if (r->hires_per_month > 0) {
        snprintf(buf, size, "%.1f trainees a month", r->hires_per_month);
        return;
    }
    size_t used =
        (size_t)snprintf(buf, size, "%d trainee%s each", r->hires, r->hires == 1 ? "" : "s");
    for (int m = 1, first = 1; m <= 12 && used < size; m++)
        if (r->intake_months & (1u << (m - 1))) {
            used += (size_t)snprintf(buf + used, size - used, "%s%s", first ? " " : " and ",
                                     month_name[m - 1]);
            first = 0;
        }
}

static int routes(const struct scenario *sc, char out[][LEVERS_LEN], int n, int max)
{
    for (int i = 0; i < sc->n_routes; i++) {
        const struct route_params *r = &sc->route[i];
        char when_text[160], cost[32];
        intakes(r, when_text, sizeof when_text);
        units_format(UNIT_GBP, r->cost_gbp - r->grant_gbp, cost, sizeof cost);
        n = add(out, n, max,
                "Entry route %s: %s into %s posts, training of %d months with a %.0f%% pass "
                "rate%s%s; %s a start net of grants",
                r->name, when_text, r->grade, r->training_months, 100 * r->pass_rate,
                r->completion_grade[0] ? ", then into " : "", r->completion_grade, cost);
    }
    return n;
}

int levers_describe(const struct scenario *sc, char out[][LEVERS_LEN], int max)
{
    char at[32], cost[32];
    int n = routes(sc, out, 0, max);
    for (int i = 0; i < sc->n_campaigns; i++) {
        const struct campaign_params *c = &sc->campaign[i];
        levers_month(c->month, at, sizeof at);
        units_format(UNIT_GBP, c->cost_per_hire_gbp, cost, sizeof cost);
        n = add(out, n, max,
                "Recruitment campaign %s: %d %s hires starting %s (%d months' lead), %s a hire",
                c->name, c->hires, c->grade, at, c->lead_months, cost);
    }
    n = schemes(sc, out, n, max);
    for (int i = 0; i < sc->n_changes; i++) {
        const struct establishment_change *c = &sc->change[i];
        levers_month(c->month, at, sizeof at);
        n = add(out, n, max, "Establishment change %s: %+.1f FTE %s posts from %s", c->name,
                c->change_fte, c->grade, at);
    }
    for (int i = 0; i < sc->n_shocks; i++) {
        const struct demand_shock *s = &sc->shock[i];
        levers_month(s->month, at, sizeof at);
        n = add(out, n, max, "Demand shock %s: arrivals of %s cases x %.2f from %s", s->name,
                s->case_type[0] ? s->case_type : "all", s->factor, at);
    }
    if (sc->demand_trend_per_year != 0)
        n = add(out, n, max, "Demand trend: arrivals change by %+.1f%% a year",
                100 * sc->demand_trend_per_year);
    if (sc->agency_cap_fte >= 0) {
        levers_month(sc->agency_cap_from > 0 ? sc->agency_cap_from : sc->start_month, at,
                     sizeof at);
        n = add(out, n, max, "Agency cap: at most %.1f agency FTE from %s (no new cover above it)",
                sc->agency_cap_fte, at);
    }
    for (int g = 0; g < sc->n_grades; g++)
        if (sc->grade[g].agency_price_cap_gbp > 0) {
            units_format(UNIT_GBP, sc->grade[g].agency_price_cap_gbp, cost, sizeof cost);
            levers_month(sc->agency_price_cap_from > 0 ? sc->agency_price_cap_from
                                                       : sc->start_month,
                         at, sizeof at);
            n = add(out, n, max, "Agency price cap for %s: %s a year from %s", sc->grade[g].name,
                    cost, at);
        }
    if (n == 0)
        n = add(out, n, max, "No levers: the starting workforce with its rates, nothing changed");
    return n;
}

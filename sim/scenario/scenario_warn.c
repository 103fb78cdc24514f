/* scenario_warn: levers that will not do what they say (see
 * include/wfsim/scenario_warn.h). */
#include "wfsim/scenario_warn.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wfsim/month.h"

static int add(char out[][SCENARIO_WARNING_LEN], int n, int max, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int add(char out[][SCENARIO_WARNING_LEN], int n, int max, const char *fmt, ...)
{
    if (n >= max)
        return n;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out[n], SCENARIO_WARNING_LEN, fmt, ap);
    va_end(ap);
    return n + 1;
}

/* Whole posts open at month 0 in grade g (vacant FTE, rounded up). */
static int open_at_start(const struct grade_params *g)
{
    return (int)ceil(g->posts_fte - g->initial_in_post_fte - 1e-9);
}

int scenario_warnings(const struct scenario *sc, char out[][SCENARIO_WARNING_LEN], int max)
{
    int n = 0;
    for (int i = 0; i < sc->n_campaigns; i++) {
        const struct campaign_params *c = &sc->campaign[i];
        const struct grade_params *g = &sc->grade[c->grade_index];
        char when[16];
        month_format(c->month, when, sizeof when);
        if (c->hires > (int)ceil(g->posts_fte))
            n = add(out, n, max,
                    "campaigns.%s.hires: %d hires into %s, which has %.1f FTE of posts: a campaign "
                    "fills open vacancies only, so it will make fewer",
                    c->name, c->hires, g->name, g->posts_fte);
        else if (c->hires > open_at_start(g))
            n = add(out, n, max,
                    "campaigns.%s.hires: %d hires into %s, which has %d open vacancies at month 0: "
                    "a campaign makes at most as many offers as there are open vacancies in %s",
                    c->name, c->hires, g->name, open_at_start(g), when);
    }
    for (int i = 0; i < sc->n_routes; i++) {
        const struct route_params *r = &sc->route[i];
        const struct grade_params *g = &sc->grade[r->grade_index];
        if (r->hires > (int)ceil(g->posts_fte))
            n = add(
                out, n, max,
                "entry_routes.%s.hires: an intake of %d into %s, which has %.1f FTE of posts: an "
                "intake fills vacant posts only",
                r->name, r->hires, g->name, g->posts_fte);
    }
    for (int i = 0; i < sc->n_schemes; i++) {
        const struct scheme_params *s = &sc->scheme[i];
        if (s->clawback != CLAWBACK_NONE && s->tie_in_months == 0)
            n = add(out, n, max,
                    "retention_schemes.%s.clawback: a clawback with tie_in_months = 0 never "
                    "applies: nobody who leaves owes anything",
                    s->name);
    }
    return n;
}

int scenario_warnings_money(const struct scenario *sc, char out[][SCENARIO_WARNING_LEN], int max)
{
    if (sc->advert_cost_gbp > 0 || sc->hire_cost_gbp > 0)
        return 0;
    return add(out, 0, max,
               "finance.advert_cost_gbp and finance.hire_cost_gbp are 0: an option that avoids "
               "a hire saves nothing on recruitment in this comparison");
}

int scenario_warnings_against(const struct scenario *base, const struct scenario *option,
                              char out[][SCENARIO_WARNING_LEN], int max)
{
    int n = 0;
    for (int i = 0; i < option->n_routes; i++) {
        const struct route_params *r = &option->route[i];
        for (int j = 0; j < base->n_routes; j++) {
            const struct route_params *b = &base->route[j];
            if (strcmp(r->name, b->name) == 0 && r->hires < b->hires)
                n = add(out, n, max,
                        "entry_routes.%s.hires: %s lowers the intake from the baseline's %d to "
                        "%d",
                        r->name, option->name, b->hires, r->hires);
        }
    }
    return n;
}

/* dfe_testutil: set-up shared by the DfE, scenario, calibration and
 * back-cast suites (header only: the Makefile links each suite with
 * testutil.o alone). */
#ifndef WFSIM_DFE_TESTUTIL_H
#define WFSIM_DFE_TESTUTIL_H

#include "support/testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/dfe.h"
#include "wfsim/dfe_build.h"
#include "wfsim/scenario_load.h"

/* The shipped file (the suites run from the repository root). */
#define DT_DATA "scenarios/data/csww_indicators_2017_to_2024.csv"

/* The header of the shipped file, for hand-written data files. */
#define DT_HEADER                                                                                  \
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"          \
    "region_name,old_la_code,new_la_code,la_name,inpost_fte,inpost_headcount,starters_fte,"        \
    "starters_headcount,leavers_fte,leavers_headcount,turnover_rate_fte,"                          \
    "turnover_rate_headcount,agency_fte,agency_headcount,agency_rate_fte,agency_rate_headcount,"   \
    "agency_cover_fte,agency_cover_rate_fte,vacancy_fte,vacancy_rate_fte,"                         \
    "vacancy_agency_cover_rate_fte,case_holders_fte,cases,caseload_fte,working_days_lost_fte,"     \
    "absence_rate_fte\n"

/* Rows of England and the South East in 2024 as shipped (fallbacks need them). */
#define DT_ENGLAND_2024                                                                            \
    "2024,Reporting year,National,E92000001,England,,,,,,34328.2,36402,5613.4,5822,4728.7,5073,"   \
    "13.9,13.9,6520.7,6704,16.2,15.7,5313.2,81.3,7188.6,17.3,76.2,20803.5,320461,15.4,"            \
    "285778.4,3.4\n"
#define DT_SOUTH_EAST_2024                                                                         \
    "2024,Reporting year,Regional,E92000001,England,E12000008,South East,,,,4900.5,5253,806.2,"    \
    "841,706.1,759,14.4,14.4,871.1,879,15.1,14.3,696,79.9,935.3,16,74.4,2936.5,45446,15.5,"        \
    "37103.6,3\n"

static inline void dt_load(const char *path, struct dfe_data *d)
{
    struct error e = {ERROR_NONE, ""};
    if (dfe_load(path, d, &e) != 0)
        fail_msg("%s did not load: %s", path, e.msg);
}

/* Load, expecting failure; the message in e. */
static inline void dt_load_fails(const char *path, struct error *e)
{
    struct dfe_data d;
    error_clear(e);
    if (dfe_load(path, &d, e) == 0) {
        dfe_free(&d);
        fail_msg("%s loaded but should not have", path);
    }
    assert_int_equal(e->kind, ERROR_INPUT);
}

static inline void dt_assert_msg(const struct error *e, const char *want)
{
    if (strcmp(e->msg, want) != 0)
        fail_msg("message\n  got:  %s\n  want: %s", e->msg, want);
}

/* The built scenario's file as a string (malloc'd). */
static inline char *dt_write(const struct dfe_build *b)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        fail_msg("open_memstream");
    struct error e = {ERROR_NONE, ""};
    if (dfe_build_write(b, f, &e) != 0)
        fail_msg("%s", e.msg);
    fclose(f);
    return buf;
}

/* Build the scenario of an area (into sc when sc != NULL) and write its file
 * to a string (malloc'd, in *text when text != NULL), checking that the file
 * reads back to the very struct built, byte for byte. Returns the build's
 * status; the error in e. */
static inline int dt_scenario(const struct dfe_data *d, const char *area, int year,
                              struct scenario *sc, char **text, struct error *e)
{
    struct dfe_build *b = malloc(sizeof *b);
    struct scenario *back = malloc(sizeof *back);
    if (b == NULL || back == NULL)
        fail_msg("out of memory");
    error_clear(e);
    int rc = dfe_build_scenario(d, area, year, DT_DATA, NULL, b, e);
    char *buf = rc == 0 ? dt_write(b) : NULL;
    if (rc == 0) {
        const char *files[1] = {testutil_write_file(7, buf)};
        struct error le = {ERROR_NONE, ""};
        if (scenario_load_files(back, 1, files, 0, NULL, &le) != 0)
            fail_msg("%s %d: the written scenario does not load: %s", area, year, le.msg);
        if (memcmp(back, &b->sc, sizeof *back) != 0)
            fail_msg("%s %d: the written scenario reads back differently", area, year);
        if (sc != NULL)
            *sc = b->sc;
    }
    if (text != NULL)
        *text = buf;
    else
        free(buf);
    free(b);
    free(back);
    return rc;
}

/* The shipped data, loaded once per suite by the group fixtures. */
static struct dfe_data shipped __attribute__((unused));

static inline int load_shipped(void **state)
{
    (void)state;
    dt_load(DT_DATA, &shipped);
    return 0;
}

static inline int free_shipped(void **state)
{
    (void)state;
    dfe_free(&shipped);
    return 0;
}

#endif

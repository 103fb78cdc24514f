/* dfe: the DfE Children's social work workforce indicators (one row per area
 * and year to 30 September), read from CSV. Columns are found by name in the
 * header, so a file with the same columns in another order reads the same;
 * a missing column is an error. Suppression markers (x, z, c, u, low) and
 * empty cells are kept as such, never parsed as numbers. */
#ifndef WFSIM_DFE_H
#define WFSIM_DFE_H

#include "wfsim/error.h"

enum dfe_level { DFE_NATIONAL, DFE_REGIONAL, DFE_LOCAL, N_DFE_LEVELS };

enum dfe_field {
    DFE_INPOST,
    DFE_STARTERS,
    DFE_LEAVERS,
    DFE_TURNOVER_RATE,
    DFE_AGENCY,
    DFE_AGENCY_RATE,
    DFE_AGENCY_COVER,
    DFE_AGENCY_COVER_RATE,
    DFE_VACANCY,
    DFE_VACANCY_RATE,
    DFE_VACANCY_COVER_RATE,
    DFE_CASE_HOLDERS,
    DFE_CASES,
    DFE_CASELOAD,
    DFE_ABSENCE_RATE,
    N_DFE_FIELDS
};

/* Why a value is absent: a DfE marker or an empty cell. */
enum dfe_status { DFE_OK, DFE_X, DFE_Z, DFE_C, DFE_U, DFE_LOW, DFE_EMPTY, N_DFE_STATUS };

struct dfe_value {
    double v; /* meaningful when status == DFE_OK */
    int status;
};

struct dfe_row {
    int year;
    int level;     /* enum dfe_level */
    char code[16]; /* new_la_code, region_code or country_code */
    char name[96];
    char region[64]; /* region name ("" for England) */
    char region_code[16];
    struct dfe_value f[N_DFE_FIELDS];
};

struct dfe_data {
    int n;
    struct dfe_row *row;
};

/* Read a CSV with the DfE columns; errors name the file, line and column. */
int dfe_load(const char *path, struct dfe_data *d, struct error *e);
void dfe_free(struct dfe_data *d);
const char *dfe_field_name(int field);
const char *dfe_status_name(int status);
/* An area as people type it: its code or its name (case-insensitive), or
 * its name's words without the DfE's qualifiers and punctuation ("Bristol"
 * for "Bristol, City of", "Bournemouth Christchurch & Poole"), or its last
 * words when only one area ends so ("Hull" for "Kingston upon Hull, City
 * of"). The area's code, or NULL when none or several match. */
const char *dfe_area_code(const struct dfe_data *d, const char *area);
/* The row of the area (as dfe_area_code takes it) in `year`, or NULL. */
const struct dfe_row *dfe_find(const struct dfe_data *d, const char *area, int year);
/* Whether the data name this area (dfe_area_code), and if not the nearest
 * area name (by edit distance) in `suggest`, or the two first areas a loose
 * name matches (as "A\" or \"B", for a message quoting it). */
int dfe_area_exists(const struct dfe_data *d, const char *area, char *suggest, unsigned long size);
/* The value of a field, or NAN when suppressed or missing. */
double dfe_get(const struct dfe_row *r, int field);

#endif

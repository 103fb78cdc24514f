/* dfe: reading the DfE workforce indicators (see include/wfsim/dfe.h). */
#include "wfsim/dfe.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wfsim/csv.h"

#define MAX_COLUMNS 64
#define LINE_MAX_LEN 4096

static const char *const field_column[N_DFE_FIELDS] = {
    [DFE_INPOST] = "inpost_fte",
    [DFE_STARTERS] = "starters_fte",
    [DFE_LEAVERS] = "leavers_fte",
    [DFE_TURNOVER_RATE] = "turnover_rate_fte",
    [DFE_AGENCY] = "agency_fte",
    [DFE_AGENCY_RATE] = "agency_rate_fte",
    [DFE_AGENCY_COVER] = "agency_cover_fte",
    [DFE_AGENCY_COVER_RATE] = "agency_cover_rate_fte",
    [DFE_VACANCY] = "vacancy_fte",
    [DFE_VACANCY_RATE] = "vacancy_rate_fte",
    [DFE_VACANCY_COVER_RATE] = "vacancy_agency_cover_rate_fte",
    [DFE_CASE_HOLDERS] = "case_holders_fte",
    [DFE_CASES] = "cases",
    [DFE_CASELOAD] = "caseload_fte",
    [DFE_ABSENCE_RATE] = "absence_rate_fte",
};

enum id_column {
    C_YEAR,
    C_LEVEL,
    C_COUNTRY_CODE,
    C_COUNTRY,
    C_REGION_CODE,
    C_REGION,
    C_LA_CODE,
    C_LA,
    N_ID_COLUMNS
};
static const char *const id_column[N_ID_COLUMNS] = {
    "time_period", "geographic_level", "country_code", "country_name",
    "region_code", "region_name",      "new_la_code",  "la_name"};

const char *dfe_field_name(int field)
{
    return field_column[field];
}

const char *dfe_status_name(int status)
{
    static const char *const name[N_DFE_STATUS] = {"", "x", "z", "c", "u", "low", "empty"};
    return name[status];
}

static int parse_value(const char *text, struct dfe_value *v)
{
    static const char *const marker[] = {"x", "z", "c", "u", "low"};
    v->v = NAN;
    if (*text == '\0') {
        v->status = DFE_EMPTY;
        return 0;
    }
    for (int k = 0; k < 5; k++)
        if (strcmp(text, marker[k]) == 0) {
            v->status = DFE_X + k;
            return 0;
        }
    char *end = NULL;
    double x = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(x))
        return -1;
    v->v = x;
    v->status = DFE_OK;
    return 0;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static int find_columns(char **head, int n, int *ids, int *fields, const char *path,
                        struct error *e)
{
    for (int c = 0; c < N_ID_COLUMNS + N_DFE_FIELDS; c++) {
        const char *want = c < N_ID_COLUMNS ? id_column[c] : field_column[c - N_ID_COLUMNS];
        int at = -1;
        for (int k = 0; k < n && at < 0; k++)
            if (strcmp(head[k], want) == 0)
                at = k;
        if (at < 0)
            return error_set(e, ERROR_INPUT,
                             "%s:1: %s: missing column (not a DfE workforce "
                             "indicators file?)",
                             path, want);
        if (c < N_ID_COLUMNS)
            ids[c] = at;
        else
            fields[c - N_ID_COLUMNS] = at;
    }
    return 0;
}

static int parse_row(char **f, int n, const int *ids, const int *fields, struct dfe_row *r,
                     const char *path, int line, struct error *e)
{
    for (int c = 0; c < N_ID_COLUMNS; c++)
        if (ids[c] >= n)
            return error_set(e, ERROR_INPUT, "%s:%d: %s: missing value (row too short)", path, line,
                             id_column[c]);
    memset(r, 0, sizeof *r);
    char *end = NULL;
    r->year = (int)strtol(f[ids[C_YEAR]], &end, 10);
    if (end == f[ids[C_YEAR]] || *end != '\0')
        return error_set(e, ERROR_INPUT, "%s:%d: time_period: must be a year (got \"%s\")", path,
                         line, f[ids[C_YEAR]]);
    const char *level = f[ids[C_LEVEL]];
    int code_col, name_col;
    if (strcmp(level, "National") == 0) {
        r->level = DFE_NATIONAL;
        code_col = ids[C_COUNTRY_CODE];
        name_col = ids[C_COUNTRY];
    } else if (strcmp(level, "Regional") == 0) {
        r->level = DFE_REGIONAL;
        code_col = ids[C_REGION_CODE];
        name_col = ids[C_REGION];
    } else if (strcmp(level, "Local authority") == 0) {
        r->level = DFE_LOCAL;
        code_col = ids[C_LA_CODE];
        name_col = ids[C_LA];
    } else {
        return error_set(e, ERROR_INPUT, "%s:%d: geographic_level: unknown level (got \"%s\")",
                         path, line, level);
    }
    snprintf(r->code, sizeof r->code, "%s", f[code_col]);
    snprintf(r->name, sizeof r->name, "%s", f[name_col]);
    snprintf(r->region, sizeof r->region, "%s", f[ids[C_REGION]]);
    snprintf(r->region_code, sizeof r->region_code, "%s", f[ids[C_REGION_CODE]]);
    for (int k = 0; k < N_DFE_FIELDS; k++) {
        const char *text = fields[k] < n ? f[fields[k]] : "";
        if (parse_value(text, &r->f[k]) != 0)
            return error_set(e, ERROR_INPUT, "%s:%d: %s: not a number or a DfE marker (got \"%s\")",
                             path, line, field_column[k], text);
    }
    return 0;
}

int dfe_load(const char *path, struct dfe_data *d, struct error *e)
{
    memset(d, 0, sizeof *d);
    FILE *in = fopen(path, "r");
    if (in == NULL)
        return error_set(e, ERROR_INPUT, "%s:0: (file): cannot read data file", path);
    char line[LINE_MAX_LEN], *f[MAX_COLUMNS];
    int ids[N_ID_COLUMNS], fields[N_DFE_FIELDS], rc = 0, lineno = 1, cap = 0;
    if (fgets(line, sizeof line, in) == NULL) {
        fclose(in);
        return error_set(e, ERROR_INPUT, "%s:1: (header): empty file", path);
    }
    chomp(line);
    int n = csv_split(line, f, MAX_COLUMNS);
    rc = n < 0 ? error_set(e, ERROR_INPUT, "%s:1: (header): unterminated quote", path)
               : find_columns(f, n, ids, fields, path, e);
    while (rc == 0 && fgets(line, sizeof line, in) != NULL) {
        lineno++;
        chomp(line);
        if (line[0] == '\0')
            continue;
        n = csv_split(line, f, MAX_COLUMNS);
        if (n < 0) {
            rc = error_set(e, ERROR_INPUT, "%s:%d: (row): unterminated quote", path, lineno);
            break;
        }
        if (d->n == cap) {
            cap = cap ? 2 * cap : 256;
            struct dfe_row *grown = realloc(d->row, (size_t)cap * sizeof *grown);
            if (grown == NULL) {
                rc = error_set(e, ERROR_RUNTIME, "out of memory reading %s", path);
                break;
            }
            d->row = grown;
        }
        rc = parse_row(f, n, ids, fields, &d->row[d->n], path, lineno, e);
        if (rc == 0)
            d->n++;
    }
    fclose(in);
    if (rc != 0)
        dfe_free(d);
    return rc;
}

void dfe_free(struct dfe_data *d)
{
    free(d->row);
    d->row = NULL;
    d->n = 0;
}

static int matches(const struct dfe_row *r, const char *area)
{
    return strcasecmp(r->code, area) == 0 || strcasecmp(r->name, area) == 0;
}

const struct dfe_row *dfe_find(const struct dfe_data *d, const char *area, int year)
{
    for (int i = 0; i < d->n; i++)
        if (d->row[i].year == year && matches(&d->row[i], area))
            return &d->row[i];
    return NULL;
}

double dfe_get(const struct dfe_row *r, int field)
{
    return r != NULL && r->f[field].status == DFE_OK ? r->f[field].v : NAN;
}

/* Edit distance, case-insensitive, for suggestions. */
static int distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b), prev[128], cur[128];
    if (la > 120 || lb > 120)
        return 1000;
    for (int j = 0; j <= lb; j++)
        prev[j] = j;
    for (int i = 1; i <= la; i++) {
        cur[0] = i;
        for (int j = 1; j <= lb; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int best = prev[j - 1] + cost;
            best = prev[j] + 1 < best ? prev[j] + 1 : best;
            best = cur[j - 1] + 1 < best ? cur[j - 1] + 1 : best;
            cur[j] = best;
        }
        memcpy(prev, cur, sizeof(int) * (size_t)(lb + 1));
    }
    return prev[lb];
}

int dfe_area_exists(const struct dfe_data *d, const char *area, char *suggest, unsigned long size)
{
    int best = 1 << 30;
    suggest[0] = '\0';
    for (int i = 0; i < d->n; i++) {
        if (matches(&d->row[i], area))
            return 1;
        int dist = distance(area, d->row[i].name);
        if (dist < best) {
            best = dist;
            snprintf(suggest, size, "%s", d->row[i].name);
        }
    }
    return 0;
}

/* dfe: reading the DfE workforce indicators (see include/wfsim/dfe.h). */
#include "wfsim/dfe.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "wfsim/csv.h"
#include "base/text.h"

/* Years a DfE reporting year can be: the collection began in 2017 (earlier
 * figures come from other returns); anything outside is a typo or a wrapped
 * number. */
#define DFE_FIRST_YEAR 1990
#define DFE_LAST_YEAR 2100

/* The largest value a field may take, as a plausibility bound about 20 times
 * the largest published figure (DfE CSWW 2017-2024: a council's in-post FTE
 * at most 918, its cases at most 10,056; England 34,328 FTE and 337,202
 * cases): a larger number is a unit slip or a corrupted file, refused at its
 * line rather than turned into a scenario. Rates are percentages. */
enum bound_kind { B_FTE, B_CASES, B_PERCENT, B_TURNOVER, B_CASELOAD };
static const double bound_max[2][5] = {
    /* council */ {20000, 200000, 100, 500, 1000},
    /* region, England */ {1000000, 10000000, 100, 500, 1000},
};
static const int field_bound[N_DFE_FIELDS] = {
    [DFE_INPOST] = B_FTE,
    [DFE_STARTERS] = B_FTE,
    [DFE_LEAVERS] = B_FTE,
    [DFE_TURNOVER_RATE] = B_TURNOVER,
    [DFE_AGENCY] = B_FTE,
    [DFE_AGENCY_RATE] = B_PERCENT,
    [DFE_AGENCY_COVER] = B_FTE,
    [DFE_AGENCY_COVER_RATE] = B_PERCENT,
    [DFE_VACANCY] = B_FTE,
    [DFE_VACANCY_RATE] = B_PERCENT,
    [DFE_VACANCY_COVER_RATE] = B_PERCENT,
    [DFE_CASE_HOLDERS] = B_FTE,
    [DFE_CASES] = B_CASES,
    [DFE_CASELOAD] = B_CASELOAD,
    [DFE_ABSENCE_RATE] = B_PERCENT,
};

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

/* Whether text is a plain decimal number: [-]digits[.digits][e[+-]digits]
 * (no hexadecimal, infinity, NaN, spaces or thousands separators, which
 * strtod would take or stop at). */
static int decimal(const char *t)
{
    int digits = 0;
    if (*t == '-' || *t == '+')
        t++;
    for (; isdigit((unsigned char)*t); t++)
        digits++;
    if (*t == '.')
        for (t++; isdigit((unsigned char)*t); t++)
            digits++;
    if (digits == 0)
        return 0;
    if (*t == 'e' || *t == 'E') {
        t++;
        if (*t == '-' || *t == '+')
            t++;
        if (!isdigit((unsigned char)*t))
            return 0;
        while (isdigit((unsigned char)*t))
            t++;
    }
    return *t == '\0';
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
    if (!decimal(text))
        return -1;
    double x = strtod(text, NULL);
    if (!isfinite(x))
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

static int parse_row(char **f, int n, int n_head, char **head, const int *ids, const int *fields,
                     struct dfe_row *r, const char *path, int line, struct error *e)
{
    if (n != n_head)
        return error_set(e, ERROR_INPUT, "%s:%d: %s: row has %d fields, the header %d", path, line,
                         n < n_head ? head[n] : "(row)", n, n_head);
    memset(r, 0, sizeof *r);
    const char *year = f[ids[C_YEAR]];
    char *end = NULL;
    errno = 0;
    long y = strtol(year, &end, 10);
    if (end == year || *end != '\0' || !isdigit((unsigned char)year[0]) || errno != 0 ||
        y < DFE_FIRST_YEAR || y > DFE_LAST_YEAR)
        return error_set(e, ERROR_INPUT,
                         "%s:%d: time_period: must be a year in [%d, %d] (got \"%s\")", path, line,
                         DFE_FIRST_YEAR, DFE_LAST_YEAR, year);
    r->year = (int)y;
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
    if (r->code[0] == '\0')
        return error_set(e, ERROR_INPUT, "%s:%d: %s: missing area code", path, line,
                         head[code_col]);
    for (int k = 0; k < N_DFE_FIELDS; k++) {
        const char *text = f[fields[k]];
        if (parse_value(text, &r->f[k]) != 0)
            return error_set(e, ERROR_INPUT,
                             "%s:%d: %s: not a decimal number or a DfE marker (got \"%s\")", path,
                             line, field_column[k], text);
        double max = bound_max[r->level != DFE_LOCAL][field_bound[k]];
        if (r->f[k].status == DFE_OK && !(r->f[k].v >= 0 && r->f[k].v <= max))
            return error_set(e, ERROR_INPUT, "%s:%d: %s: must be in [0, %g] for %s (got %s)", path,
                             line, field_column[k], max,
                             r->level == DFE_LOCAL ? "a council" : "a region or England", text);
    }
    return 0;
}

/* Rows in order of area and year, to find duplicates. */
static int by_area_year(const void *a, const void *b)
{
    const struct dfe_row *x = *(const struct dfe_row *const *)a;
    const struct dfe_row *y = *(const struct dfe_row *const *)b;
    int c = x->level - y->level;
    if (c == 0)
        c = strcmp(x->code, y->code);
    return c != 0 ? c : x->year - y->year;
}

/* One row per area and year: a second would be silently shadowed by the
 * first in every lookup. */
static int check_duplicates(const struct dfe_data *d, const int *line, const char *path,
                            struct error *e)
{
    const struct dfe_row **order = malloc((size_t)(d->n > 0 ? d->n : 1) * sizeof *order);
    if (order == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory reading %s", path);
    for (int i = 0; i < d->n; i++)
        order[i] = &d->row[i];
    qsort(order, (size_t)d->n, sizeof *order, by_area_year);
    int rc = 0;
    for (int i = 1; i < d->n && rc == 0; i++) {
        if (by_area_year(&order[i - 1], &order[i]) != 0)
            continue;
        long a = order[i - 1] - d->row, b = order[i] - d->row;
        long first = a < b ? a : b, second = a < b ? b : a;
        rc = error_set(e, ERROR_INPUT,
                       "%s:%d: time_period: a second row for %s (%s) in %d (the first is line %d)",
                       path, line[second], d->row[second].code, d->row[second].name,
                       d->row[second].year, line[first]);
    }
    free(order);
    return rc;
}

/* Split `line` into *f (grown as needed); returns the field count or -1. */
static int split_line(char *line, char ***f, int *cap)
{
    int need = 1;
    for (const char *p = line; *p != '\0'; p++)
        need += *p == ',';
    if (need > *cap) {
        char **grown = realloc(*f, (size_t)need * sizeof *grown);
        if (grown == NULL)
            return -2;
        *f = grown;
        *cap = need;
    }
    return csv_split(line, *f, *cap);
}

static int open_data(const char *path, FILE **in, struct error *e)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return error_set(e, ERROR_INPUT, "%s:0: (file): cannot read data file: %s", path,
                         strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return error_set(e, ERROR_INPUT, "%s:0: (file): is a directory, not a data file", path);
    *in = fopen(path, "r");
    if (*in == NULL)
        return error_set(e, ERROR_INPUT, "%s:0: (file): cannot read data file: %s", path,
                         strerror(errno));
    return 0;
}

/* The header: columns found by name; a UTF-8 byte-order mark is skipped. */
static int read_header(FILE *in, char **line, size_t *size, char ***head, int *cap, int *ids,
                       int *fields, const char *path, struct error *e)
{
    if (getline(line, size, in) < 0)
        return error_set(e, ERROR_INPUT, "%s:1: (header): empty file", path);
    chomp(*line);
    char *text = *line;
    if ((unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        text += 3;
    int n = split_line(text, head, cap);
    if (n == -2)
        return error_set(e, ERROR_RUNTIME, "out of memory reading %s", path);
    if (n < 0)
        return error_set(e, ERROR_INPUT, "%s:1: (header): unterminated quote", path);
    int rc = find_columns(*head, n, ids, fields, path, e);
    return rc != 0 ? rc : n;
}

int dfe_load(const char *path, struct dfe_data *d, struct error *e)
{
    memset(d, 0, sizeof *d);
    FILE *in = NULL;
    if (open_data(path, &in, e) != 0)
        return -1;
    char *line = NULL, *head_line = NULL, **f = NULL, **head = NULL;
    size_t size = 0, head_size = 0;
    int *row_line = NULL, f_cap = 0, head_cap = 0, cap = 0, lineno = 1;
    int ids[N_ID_COLUMNS], fields[N_DFE_FIELDS];
    int n_head = read_header(in, &head_line, &head_size, &head, &head_cap, ids, fields, path, e);
    int rc = n_head < 0 ? -1 : 0;
    while (rc == 0 && getline(&line, &size, in) >= 0) {
        lineno++;
        chomp(line);
        if (line[0] == '\0')
            continue;
        int n = split_line(line, &f, &f_cap);
        if (n < 0) {
            rc = n == -2
                     ? error_set(e, ERROR_RUNTIME, "out of memory reading %s", path)
                     : error_set(e, ERROR_INPUT, "%s:%d: (row): unterminated quote", path, lineno);
            break;
        }
        if (d->n == cap) {
            cap = cap ? 2 * cap : 256;
            struct dfe_row *grown = realloc(d->row, (size_t)cap * sizeof *grown);
            int *lines = realloc(row_line, (size_t)cap * sizeof *lines);
            if (grown != NULL)
                d->row = grown;
            if (lines != NULL)
                row_line = lines;
            if (grown == NULL || lines == NULL) {
                rc = error_set(e, ERROR_RUNTIME, "out of memory reading %s", path);
                break;
            }
        }
        rc = parse_row(f, n, n_head, head, ids, fields, &d->row[d->n], path, lineno, e);
        if (rc == 0)
            row_line[d->n++] = lineno;
    }
    if (rc == 0 && ferror(in))
        rc = error_set(e, ERROR_INPUT, "%s:%d: (file): read failed: %s", path, lineno,
                       strerror(errno));
    if (rc == 0)
        rc = check_duplicates(d, row_line, path, e);
    fclose(in);
    free(line);
    free(head_line);
    free(f);
    free(head);
    free(row_line);
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

/* A name as words a person types: lower case, letters and digits only, "&"
 * as "and", without the DfE's trailing qualifiers ("Bristol, City of" is
 * "bristol"; "City of London" stays). Words are separated by single spaces. */
static void plain_words(const char *name, char *buf, size_t size)
{
    static const char *const qualifiers[] = {" city of", " county of"};
    size_t used = 0;
    int gap = 0;
    buf[0] = '\0';
    for (const char *p = name; *p != '\0' && used + 5 < size; p++) {
        if (*p == '&') {
            used += (size_t)snprintf(buf + used, size - used, "%sand", used > 0 ? " " : "");
            gap = 1;
        } else if (isalnum((unsigned char)*p)) {
            if (gap && used > 0)
                buf[used++] = ' ';
            buf[used++] = (char)tolower((unsigned char)*p);
            gap = 0;
        } else if (*p != '.' && *p != '\'')
            gap = 1;
    }
    buf[used] = '\0';
    for (size_t q = 0; q < sizeof qualifiers / sizeof qualifiers[0]; q++) {
        size_t len = strlen(qualifiers[q]);
        if (used > len && strcmp(buf + used - len, qualifiers[q]) == 0)
            buf[used -= len] = '\0';
    }
}

/* Whether `query`'s words are the whole of `name`'s (how 0), its last words
 * (1: "hull" for "kingston upon hull") or its first (2: "southend" for
 * "southend on sea"). */
static int words_match(const char *query, const char *name, int how)
{
    size_t lq = strlen(query), ln = strlen(name);
    if (lq == 0 || lq > ln)
        return 0;
    if (lq == ln)
        return strcmp(query, name) == 0;
    if (how == 1)
        return name[ln - lq - 1] == ' ' && strcmp(name + ln - lq, query) == 0;
    return how == 2 && name[lq] == ' ' && strncmp(name, query, lq) == 0;
}

/* words_match on the whole name or on any part of a joint area's
 * ("Kingston upon Thames / Richmond upon Thames"). */
static int name_matches(const char *query, const char *name, int how)
{
    char part[128], words[128];
    plain_words(name, words, sizeof words);
    if (words_match(query, words, how))
        return 1;
    if (strchr(name, '/') == NULL)
        return 0;
    for (const char *p = name;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash != NULL ? (size_t)(slash - p) : strlen(p);
        snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part ? n : sizeof part - 1), p);
        plain_words(part, words, sizeof words);
        if (words_match(query, words, how))
            return 1;
        if (slash == NULL)
            break;
        p = slash + 1;
    }
    return 0;
}

/* The areas a query names loosely: 0, 1 or more distinct codes, the first
 * two kept. Exact forms (dfe_find's) are tried by the caller first. */
static int loose_matches(const struct dfe_data *d, const char *area, const struct dfe_row **hit)
{
    char query[128];
    plain_words(area, query, sizeof query);
    for (int how = 0; how <= 2; how++) {
        int found = 0;
        for (int i = 0; i < d->n; i++) {
            if (!name_matches(query, d->row[i].name, how))
                continue;
            int seen = 0;
            for (int j = 0; j < found && j < 2; j++)
                seen |= strcmp(hit[j]->code, d->row[i].code) == 0;
            if (!seen && found < 2)
                hit[found] = &d->row[i];
            found += !seen && (found < 2 || strcmp(hit[1]->code, d->row[i].code) != 0);
        }
        if (found > 0)
            return found;
    }
    return 0;
}

const char *dfe_area_code(const struct dfe_data *d, const char *area)
{
    for (int i = 0; i < d->n; i++)
        if (matches(&d->row[i], area))
            return d->row[i].code;
    const struct dfe_row *hit[2];
    return loose_matches(d, area, hit) == 1 ? hit[0]->code : NULL;
}

const struct dfe_row *dfe_find(const struct dfe_data *d, const char *area, int year)
{
    for (int i = 0; i < d->n; i++)
        if (d->row[i].year == year && matches(&d->row[i], area))
            return &d->row[i];
    const char *code = dfe_area_code(d, area);
    for (int i = 0; code != NULL && i < d->n; i++)
        if (d->row[i].year == year && strcmp(d->row[i].code, code) == 0)
            return &d->row[i];
    return NULL;
}

double dfe_get(const struct dfe_row *r, int field)
{
    return r != NULL && r->f[field].status == DFE_OK ? r->f[field].v : NAN;
}

int dfe_area_exists(const struct dfe_data *d, const char *area, char *suggest, unsigned long size)
{
    suggest[0] = '\0';
    if (dfe_area_code(d, area) != NULL)
        return 1;
    const struct dfe_row *hit[2];
    if (loose_matches(d, area, hit) > 1) {
        snprintf(suggest, size, "%s\" or \"%s", hit[0]->name, hit[1]->name);
        return 0;
    }
    int best = 1 << 30;
    char query[128], name[128];
    plain_words(area, query, sizeof query);
    for (int i = 0; i < d->n; i++) {
        plain_words(d->row[i].name, name, sizeof name);
        int dist = text_distance(query, name);
        if (dist < best) {
            best = dist;
            snprintf(suggest, size, "%s", d->row[i].name);
        }
    }
    return 0;
}

/* scenario_write: the fully resolved scenario as libconfig text, driven by
 * the key tables; each number in the shortest form that reads back as the
 * same double (0.61, not 0.60999999999999999), so reading the file back
 * gives an identical struct scenario and so identical results. */
#include "wfsim/scenario_write.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/month.h"
#include "wfsim/scenario_keys.h"

#define MAX_DEPTH 8

static void write_double(FILE *f, double v)
{
    char buf[64];
    /* the shortest exact form: plain decimals in the range people write,
     * else an exponent */
    int plain = fabs(v) >= 1e-5 && fabs(v) < 1e15, done = 0;
    for (int decimals = 0; plain && decimals <= 20 && !done; decimals++) {
        snprintf(buf, sizeof buf, "%.*f", decimals, v);
        done = strtod(buf, NULL) == v;
    }
    for (int digits = 1; digits <= 17 && !done; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        done = strtod(buf, NULL) == v;
    }
    fputs(buf, f);
    if (strpbrk(buf, ".eEn") == NULL) /* keep it a float for libconfig */
        fputs(".0", f);
}

static void write_value(FILE *f, const struct key_spec *k, const char *field)
{
    char when[16];
    switch (k->type) {
    case KEY_DOUBLE: write_double(f, *(const double *)(const void *)field); break;
    case KEY_INT: fprintf(f, "%d", *(const int *)(const void *)field); break;
    case KEY_INT64: fprintf(f, "%lldL", *(const long long *)(const void *)field); break;
    case KEY_BOOL: fputs(*(const int *)(const void *)field ? "true" : "false", f); break;
    case KEY_NAME:
    case KEY_TEXT: fprintf(f, "\"%s\"", field); break;
    case KEY_MONTH:
        if (*(const int *)(const void *)field == 0) { /* an optional month: none */
            fputs("\"\"", f);
            break;
        }
        month_format(*(const int *)(const void *)field, when, sizeof when);
        fprintf(f, "\"%s\"", when);
        break;
    case KEY_CHOICE: {
        const char *p = k->choices;
        for (int i = *(const int *)(const void *)field; i > 0 && p != NULL; i--)
            p = strchr(p, '|') != NULL ? strchr(p, '|') + 1 : NULL;
        size_t n = p != NULL ? strcspn(p, "|") : 0;
        fprintf(f, "\"%.*s\"", (int)n, p != NULL ? p : "");
        break;
    }
    case KEY_MONTHS_OF_YEAR: {
        unsigned mask = *(const unsigned *)(const void *)field;
        int n = 0;
        for (int m = 1; m <= 12; m++)
            n += (mask >> (m - 1)) & 1u;
        if (n == 1) { /* a single month is written as a number, as it is usually given */
            for (int m = 1; m <= 12; m++)
                if (mask & (1u << (m - 1)))
                    fprintf(f, "%d", m);
            break;
        }
        fputc('[', f);
        for (int m = 1, first = 1; m <= 12; m++)
            if (mask & (1u << (m - 1))) {
                fprintf(f, first ? "%d" : ", %d", m);
                first = 0;
            }
        fputc(']', f);
        break;
    }
    case KEY_ARRAY: {
        const double *b = (const double *)(const void *)field;
        fputc('[', f);
        for (size_t i = 0; i < k->size / sizeof(double); i++) {
            if (i > 0)
                fputs(", ", f);
            write_double(f, b[i]);
        }
        fputc(']', f);
        break;
    }
    default: break;
    }
}

/* The note beside the key at `path`, or NULL. */
static const char *note_of(const struct scenario_notes *notes, const char *path)
{
    for (int i = 0; notes != NULL && i < notes->n; i++)
        if (strcmp(notes->note[i].path, path) == 0)
            return notes->note[i].text;
    return NULL;
}

/* A comment's text on one line (a newline would end the comment). */
static void write_comment(FILE *f, const char *text, const char *end)
{
    fputs("# ", f);
    for (const char *p = text; *p != '\0' && p != end; p++)
        fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
}

static void indent(FILE *f, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", f);
}

/* Write a table's keys, opening and closing the groups their dotted names
 * imply (keys of one group are contiguous in the table); `prefix` is the
 * path of the entry ("" at the top), for the notes. */
static void write_table(FILE *f, enum key_section section, const void *base, int depth0,
                        const char *prefix, const struct scenario_notes *notes)
{
    int n = 0;
    const struct key_spec *t = scenario_keys(section, &n);
    char open[MAX_DEPTH][64];
    int depth = 0;
    for (int i = 0; i < n; i++) {
        char parts[MAX_DEPTH][64];
        int np = 0;
        const char *p = t[i].name;
        for (const char *dot = strchr(p, '.'); dot != NULL && np < MAX_DEPTH;
             p = dot + 1, dot = strchr(p, '.'))
            snprintf(parts[np++], sizeof parts[0], "%.*s", (int)(dot - p), p);
        int common = 0;
        while (common < depth && common < np && strcmp(open[common], parts[common]) == 0)
            common++;
        while (depth > common) {
            indent(f, depth0 + --depth);
            fputs("};\n", f);
        }
        while (depth < np) {
            indent(f, depth0 + depth);
            fprintf(f, "%s = {\n", parts[depth]);
            snprintf(open[depth], sizeof open[0], "%s", parts[depth]);
            depth++;
        }
        if (t[i].type == KEY_NAME && t[i].positive && *((const char *)base + t[i].offset) == '\0')
            continue; /* an optional tag left empty (scenario_keys.h) */
        indent(f, depth0 + depth);
        fprintf(f, "%s = ", p);
        write_value(f, &t[i], (const char *)base + t[i].offset);
        fputc(';', f);
        char path[256];
        snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", t[i].name);
        const char *text = note_of(notes, path);
        if (text != NULL) {
            fputs("  ", f);
            write_comment(f, text, NULL);
        }
        fputc('\n', f);
    }
    while (depth > 0) {
        indent(f, depth0 + --depth);
        fputs("};\n", f);
    }
}

static void write_entries(FILE *f, enum key_section section, const void *first, size_t stride,
                          int count, const struct scenario_notes *notes)
{
    if (count == 0)
        return;
    fprintf(f, "%s = {\n", scenario_keys_prefix(section));
    for (int i = 0; i < count; i++) {
        const char *entry = (const char *)first + stride * (size_t)i;
        char prefix[128];
        fprintf(f, "  %s = {\n", entry); /* every entry struct starts with its name */
        snprintf(prefix, sizeof prefix, "%s.%s", scenario_keys_prefix(section), entry);
        write_table(f, section, entry, 2, prefix, notes);
        fputs("  };\n", f);
    }
    fputs("};\n", f);
}

int scenario_write_notes(const struct scenario *sc, const struct scenario_notes *notes, FILE *f)
{
    const char *h = notes != NULL && notes->header != NULL ? notes->header : "";
    if (h[0] == '\0')
        fputs("# Resolved scenario written by wfsim: all layers and --set overrides applied.\n", f);
    while (*h != '\0') {
        const char *end = strchr(h, '\n');
        if (end == NULL)
            end = h + strlen(h);
        write_comment(f, h, end);
        fputc('\n', f);
        h = *end != '\0' ? end + 1 : end;
    }
    write_table(f, SECTION_TOP, sc, 0, "", notes);
    write_entries(f, SECTION_GRADE, sc->grade, sizeof sc->grade[0], sc->n_grades, notes);
    write_entries(f, SECTION_CAMPAIGN, sc->campaign, sizeof sc->campaign[0], sc->n_campaigns,
                  notes);
    write_entries(f, SECTION_CHANGE, sc->change, sizeof sc->change[0], sc->n_changes, notes);
    write_entries(f, SECTION_CASE_TYPE, sc->case_type, sizeof sc->case_type[0], sc->n_case_types,
                  notes);
    write_entries(f, SECTION_SHOCK, sc->shock, sizeof sc->shock[0], sc->n_shocks, notes);
    write_entries(f, SECTION_SCHEME, sc->scheme, sizeof sc->scheme[0], sc->n_schemes, notes);
    write_entries(f, SECTION_ROUTE, sc->route, sizeof sc->route[0], sc->n_routes, notes);
    write_entries(f, SECTION_TARGET, sc->target, sizeof sc->target[0], sc->n_targets, notes);
    return ferror(f) ? -1 : 0;
}

int scenario_write(const struct scenario *sc, FILE *f)
{
    return scenario_write_notes(sc, NULL, f);
}

/* v to `digits` significant digits, or to `decimals` places when decimals >= 0. */
static double rounded(double v, int digits, int decimals)
{
    char buf[64];
    if (decimals >= 0)
        snprintf(buf, sizeof buf, "%.*f", decimals, v);
    else
        snprintf(buf, sizeof buf, "%.*g", digits, v);
    return isfinite(v) ? strtod(buf, NULL) : v;
}

static void round_table(enum key_section section, void *base, int digits, int fte_decimals)
{
    int n = 0;
    const struct key_spec *t = scenario_keys(section, &n);
    for (int i = 0; i < n; i++) {
        double *v = (double *)(void *)((char *)base + t[i].offset);
        int fte = strcmp(t[i].unit, "FTE") == 0;
        if (t[i].type == KEY_DOUBLE && (!fte || fte_decimals >= 0))
            *v = rounded(*v, digits, fte ? fte_decimals : -1);
        for (size_t j = 0; t[i].type == KEY_ARRAY && j < t[i].size / sizeof(double); j++)
            v[j] = rounded(v[j], digits, -1);
    }
}

void scenario_round(struct scenario *sc, int digits, int fte_decimals)
{
    round_table(SECTION_TOP, sc, digits, fte_decimals);
    struct {
        enum key_section section;
        void *first;
        size_t stride;
        int count;
    } const entries[] = {
        {SECTION_GRADE, sc->grade, sizeof sc->grade[0], sc->n_grades},
        {SECTION_CAMPAIGN, sc->campaign, sizeof sc->campaign[0], sc->n_campaigns},
        {SECTION_CHANGE, sc->change, sizeof sc->change[0], sc->n_changes},
        {SECTION_CASE_TYPE, sc->case_type, sizeof sc->case_type[0], sc->n_case_types},
        {SECTION_SHOCK, sc->shock, sizeof sc->shock[0], sc->n_shocks},
        {SECTION_SCHEME, sc->scheme, sizeof sc->scheme[0], sc->n_schemes},
        {SECTION_ROUTE, sc->route, sizeof sc->route[0], sc->n_routes},
        {SECTION_TARGET, sc->target, sizeof sc->target[0], sc->n_targets},
    };
    for (size_t s = 0; s < sizeof entries / sizeof entries[0]; s++)
        for (int i = 0; i < entries[s].count; i++)
            round_table(entries[s].section,
                        (char *)entries[s].first + entries[s].stride * (size_t)i, digits,
                        fte_decimals);
}

/* scenario_keys: the tables of scenario keys — one row per key with its type,
 * place in struct scenario, default, valid range, unit, meaning and source.
 * One table drives reading, the resolved-scenario writer and the key
 * documentation, so the three cannot drift apart. */
#ifndef WFSIM_SCENARIO_KEYS_H
#define WFSIM_SCENARIO_KEYS_H

#include <stddef.h>
#include <stdio.h>

enum key_type {
    KEY_DOUBLE,
    KEY_INT,
    KEY_INT64,
    KEY_BOOL,
    KEY_NAME,           /* a short string (identifier or grade name) */
    KEY_TEXT,           /* free text */
    KEY_MONTH,          /* "YYYY-MM", stored as an int month index */
    KEY_ARRAY,          /* [a, b, ...]: size / sizeof(double) numbers */
    KEY_CHOICE,         /* one of the words in `choices`, stored as its index (int) */
    KEY_MONTHS_OF_YEAR, /* a month of year 1-12 or a list [3, 9], stored as a bit mask
                           (unsigned, bit m - 1 for month m) */
    N_KEY_TYPES
};

/* Where a table's keys live: the top level, or inside each named entry. */
enum key_section {
    SECTION_TOP,       /* struct scenario */
    SECTION_GRADE,     /* grades.<grade>.*: struct grade_params */
    SECTION_CAMPAIGN,  /* campaigns.<name>.*: struct campaign_params */
    SECTION_CHANGE,    /* establishment_changes.<name>.*: struct establishment_change */
    SECTION_CASE_TYPE, /* case_types.<name>.*: struct case_type_params */
    SECTION_SHOCK,     /* demand_shocks.<name>.*: struct demand_shock */
    SECTION_SCHEME,    /* retention_schemes.<name>.*: struct scheme_params */
    SECTION_ROUTE,     /* entry_routes.<name>.*: struct route_params */
    SECTION_TARGET,    /* targets.<name>.*: struct target_params */
    N_KEY_SECTIONS
};

struct key_spec {
    const char *name; /* dotted path inside the section */
    enum key_type type;
    size_t offset;
    size_t size; /* bytes of the field (strings, arrays) */
    int required;
    double def;           /* numbers and booleans */
    const char *def_text; /* strings, months, arrays, choices ("" = none) */
    double min, max;      /* valid range, inclusive */
    const char *unit;
    const char *meaning;
    const char *source;
    int positive;        /* numbers must be > 0 (as well as in range); a KEY_NAME
                            with it set is an optional tag, written only when
                            it is not empty */
    const char *choices; /* KEY_CHOICE: words separated by '|' */
};

const struct key_spec *scenario_keys(enum key_section section, int *n);
/* The path prefix of a section's entries, e.g. "grades" ("" for the top). */
const char *scenario_keys_prefix(enum key_section section);
/* The key a dotted path names: a top-level key ("agency.cap_fte") or a named
 * entry's ("grades.sw.monthly_fill_probability", the entry's name between
 * the section's prefix and the key). *section is set to its section. NULL
 * when no key has that path (the entry itself need not exist). */
const struct key_spec *scenario_keys_find(const char *path, enum key_section *section);
/* The known key nearest an unknown path, for "did you mean ...?": a key of
 * the same section (the entry's name kept, "grades.sw.annual_leaving_rate"
 * for "grades.sw.anual_leaving_rate"), a top-level key, or a section
 * ("grades" for "grade"). 1 with it in buf, or 0 when none is close. */
int scenario_keys_nearest(const char *path, char *buf, size_t size);
struct scenario;
/* The value of the numeric key (KEY_DOUBLE, KEY_INT, KEY_INT64) at `path` in
 * a loaded scenario, in *value. Returns 0, or -1 when the path names no
 * numeric key or its entry is not in the scenario. */
int scenario_keys_number(const struct scenario *sc, const char *path, double *value);
/* Set the field of key k (at `field`) to the key's default. Returns 0, or
 * -1 when the table's default text is malformed (a bug in the table). */
int scenario_keys_default(const struct key_spec *k, void *field);
/* Set every key of a section, in the struct at `base`, to its default (as
 * scenario_keys_default; the entry's name is left alone). */
int scenario_keys_defaults(enum key_section section, void *base);
/* Index of `word` among the choices of key k, or -1. */
int scenario_keys_choice(const struct key_spec *k, const char *word);
/* A key that no longer exists and the key that replaced it. */
struct retired_key {
    const char *name;        /* dotted path, e.g. "recruitment.intake.max_hires" */
    const char *replacement; /* e.g. "entry_routes.<name>.hires" */
};
/* The retired keys, most specific first (a group comes after its keys). */
const struct retired_key *scenario_keys_retired(int *n);
/* Print the key reference as Markdown (docs/scenario-keys.md). */
int scenario_keys_document(FILE *f);
/* The same for the keys whose path contains `word` (case-insensitive:
 * "retention" gives retention.* and retention_schemes.<name>.*). Returns
 * how many keys it printed (0: none matched), or -1 on a write error. */
int scenario_keys_document_matching(FILE *f, const char *word);

#endif

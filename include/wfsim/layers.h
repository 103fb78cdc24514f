/* layers: a scenario as libconfig files layered left to right plus
 * `--set path=value` overrides. A later layer overrides an earlier one setting
 * by setting; groups merge, scalars and arrays replace. Every setting that the
 * reader asks for is marked known, so anything left unmarked afterwards is an
 * unknown key (a typo must not fall back to a default silently). */
#ifndef WFSIM_LAYERS_H
#define WFSIM_LAYERS_H

#include <libconfig.h>

#include "wfsim/error.h"

#define LAYERS_MAX 64
#define LAYERS_NAME_MAX 64

struct layers {
    int n;
    config_t cfg[LAYERS_MAX];
    char origin[LAYERS_MAX][512]; /* file path, or the option ("--set") */
    int set_ordinal[LAYERS_MAX];  /* 1-based per option for assignments, 0 for files */
};

void layers_init(struct layers *L);
void layers_destroy(struct layers *L);
/* Parse one scenario file as the next layer (a UTF-8 byte-order mark at its
 * start is skipped). */
int layers_add_file(struct layers *L, const char *path, struct error *e);
/* Parse "a.b.c=value" as the next layer. A value that is not valid libconfig
 * syntax is taken as a string. `origin` names it in errors ("--set", "-n"):
 * "--set:2: key: ..." for the second assignment of that origin. */
int layers_add_set(struct layers *L, const char *origin, const char *assignment, struct error *e);

/* The winning setting for a dotted path (the last layer that has it), or
 * NULL. Marks the path as known in every layer that has it. */
config_setting_t *layers_lookup(struct layers *L, const char *path);
/* Child names of a group path across all layers, in order of first
 * appearance. Returns the count or -1 (too many, or not a group). */
int layers_children(struct layers *L, const char *path, char (*names)[LAYERS_NAME_MAX], int max,
                    struct error *e);
/* "file:line" of a setting (or of the first layer when s is NULL). */
void layers_where(const struct layers *L, const config_setting_t *s, char *buf, unsigned long size);
/* libconfig 1.5 reads a plain integer literal into 32 bits, wrapping larger
 * ones (months = 4294967308 reads as 12). For a 32-bit integer setting read
 * from a file, find its literal in the file and give its true value in *v
 * (saturated at the 64-bit limits); returns 1, or 0 when the setting has no
 * literal to check (a --set layer, an array element, a file gone). */
int layers_int_literal(const struct layers *L, const config_setting_t *s, long long *v);
/* Fail on the first setting never looked up, with "did you mean X?" when
 * suggest (NULL: none) fills buf with a known path near it and returns 1. */
typedef int (*layers_suggest_fn)(const char *path, char *buf, size_t size);
int layers_check_unknown(const struct layers *L, layers_suggest_fn suggest, struct error *e);

#endif

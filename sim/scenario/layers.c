/* layers: layered libconfig scenario files and --set overrides
 * (see include/wfsim/layers.h). */
#include "wfsim/layers.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char known_mark; /* address used as the "known" hook value */

void layers_init(struct layers *L)
{
    memset(L, 0, sizeof *L);
}

void layers_destroy(struct layers *L)
{
    for (int i = 0; i < L->n; i++)
        config_destroy(&L->cfg[i]);
    L->n = 0;
}

static config_t *next_layer(struct layers *L, struct error *e)
{
    if (L->n >= LAYERS_MAX) {
        error_set(e, ERROR_INPUT, "too many scenario layers (at most %d files and --set)",
                  LAYERS_MAX);
        return NULL;
    }
    config_t *c = &L->cfg[L->n];
    config_init(c);
    return c;
}

/* Whether `path` can be read as a scenario file; if not, the reason. */
static const char *unreadable(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return strerror(errno);
    if (S_ISDIR(sb.st_mode))
        return "is a directory, not a scenario file";
    if (!S_ISREG(sb.st_mode))
        return "not a regular file";
    if (access(path, R_OK) != 0)
        return strerror(errno);
    return NULL;
}

#define INCLUDE_DEPTH_MAX 10

/* libconfig's scanner exits the process, with no file or line, when an
 * @include names a directory; so check every @include (and theirs) first.
 * Paths are relative to the working directory, as libconfig resolves them. */
static int check_includes(const char *path, int depth, struct error *e)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0; /* config_read_file reports it */
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    for (int n = 1; rc == 0 && getline(&line, &cap, f) >= 0; n++) {
        const char *p = line + strspn(line, " \t");
        if (strncmp(p, "@include", 8) != 0)
            continue;
        p += 8;
        p += strspn(p, " \t");
        const char *end = *p == '"' ? strchr(p + 1, '"') : NULL;
        if (end == NULL)
            continue; /* a syntax error: config_read_file reports it */
        char inc[4096];
        snprintf(inc, sizeof inc, "%.*s", (int)(end - p - 1), p + 1);
        const char *why = unreadable(inc);
        if (why != NULL)
            rc = error_set(e, ERROR_INPUT, "%s:%d: (include): %s: %s", path, n, inc, why);
        else if (depth >= INCLUDE_DEPTH_MAX)
            rc =
                error_set(e, ERROR_INPUT, "%s:%d: (include): %s: includes nested more than %d deep",
                          path, n, inc, INCLUDE_DEPTH_MAX);
        else
            rc = check_includes(inc, depth + 1, e);
    }
    free(line);
    fclose(f);
    return rc;
}

/* Whether the file starts with a UTF-8 byte-order mark, which libconfig
 * takes for a syntax error (editors on Windows write one). */
static int has_bom(const char *path)
{
    unsigned char b[3] = {0, 0, 0};
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(b, 1, 3, f);
    fclose(f);
    return n == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
}

/* A whole file as a string (malloc'd), or NULL. */
static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    char chunk[65536];
    size_t n;
    while (m != NULL && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(f);
    if (m == NULL || fclose(m) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int layers_add_file(struct layers *L, const char *path, struct error *e)
{
    const char *why = unreadable(path);
    if (why != NULL)
        return error_set(e, ERROR_INPUT, "%s:0: (file): cannot read scenario file: %s", path, why);
    if (check_includes(path, 0, e) != 0)
        return -1;
    config_t *c = next_layer(L, e);
    if (c == NULL)
        return -1;
    char *text = has_bom(path) ? read_all(path) : NULL;
    int ok = text != NULL ? config_read_string(c, text + 3) : config_read_file(c, path);
    free(text);
    if (ok != CONFIG_TRUE) {
        const char *file = config_error_file(c) != NULL ? config_error_file(c) : path;
        if (config_error_type(c) == CONFIG_ERR_FILE_IO)
            error_set(e, ERROR_INPUT, "%s:0: (file): cannot read scenario file: %s", path,
                      strerror(errno));
        else
            error_set(e, ERROR_INPUT, "%s:%d: (syntax): %s", file, config_error_line(c),
                      config_error_text(c));
        config_destroy(c);
        return -1;
    }
    snprintf(L->origin[L->n], sizeof L->origin[L->n], "%s", path);
    L->set_ordinal[L->n] = 0;
    L->n++;
    return 0;
}

/* Build "a = { b = { c = VALUE; }; };" from "a.b.c". */
static int nest(char *out, size_t size, const char *path, size_t path_len, const char *value)
{
    size_t used = 0, start = 0;
    int depth = 0;
    for (size_t i = 0; i <= path_len; i++) {
        if (i < path_len && path[i] != '.')
            continue;
        int len = (int)(i - start), n;
        if (i < path_len) {
            n = snprintf(out + used, size - used, "%.*s = { ", len, path + start);
            depth++;
        } else {
            n = snprintf(out + used, size - used, "%.*s = %s;", len, path + start, value);
        }
        if (n < 0 || (size_t)n >= size - used)
            return -1;
        used += (size_t)n;
        start = i + 1;
    }
    for (int i = 0; i < depth; i++) {
        int n = snprintf(out + used, size - used, " };");
        if (n < 0 || (size_t)n >= size - used)
            return -1;
        used += (size_t)n;
    }
    return 0;
}

/* libconfig 1.5 reads a plain integer as 32 bits and silently wraps larger
 * ones; a plain integer outside that range gets the 64-bit suffix L. */
static int needs_long_suffix(const char *v)
{
    const char *d = v + (*v == '-' || *v == '+');
    if (*d == '\0' || strspn(d, "0123456789") != strlen(d))
        return 0;
    errno = 0;
    long long x = strtoll(v, NULL, 10);
    return errno != 0 || x > 2147483647LL || x < -2147483648LL;
}

static int valid_path(const char *p, size_t len)
{
    if (len == 0 || p[0] == '.' || p[len - 1] == '.')
        return 0;
    for (size_t i = 0; i < len; i++) {
        char ch = p[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '_' || ch == '-' || ch == '*' || ch == '.';
        if (!ok || (ch == '.' && p[i + 1] == '.'))
            return 0;
    }
    return !(p[0] >= '0' && p[0] <= '9');
}

/* Whether the layer holds exactly the path's chain of groups ending in one
 * setting (of any type, a group literal included): "a = 1; b = 2" would set
 * a second key beside the one named. */
static int single_setting(config_t *c, const char *path, size_t path_len)
{
    config_setting_t *s = config_root_setting(c);
    size_t start = 0;
    for (size_t i = 0; i <= path_len; i++) {
        if (i < path_len && path[i] != '.')
            continue;
        if (config_setting_length(s) != 1)
            return 0;
        s = config_setting_get_elem(s, 0);
        const char *name = config_setting_name(s);
        if (name == NULL || strlen(name) != i - start || strncmp(name, path + start, i - start))
            return 0;
        if (i < path_len && config_setting_type(s) != CONFIG_TYPE_GROUP)
            return 0;
        start = i + 1;
    }
    return 1;
}

int layers_add_set(struct layers *L, const char *origin, const char *assignment, struct error *e)
{
    int ordinal = 1;
    for (int i = 0; i < L->n; i++)
        ordinal += L->set_ordinal[i] > 0 && strcmp(L->origin[i], origin) == 0;
    const char *eq = strchr(assignment, '=');
    if (eq == NULL || !valid_path(assignment, (size_t)(eq - assignment)))
        return error_set(e, ERROR_INPUT, "%s:%d: (command line): expected KEY=VALUE (got %s)",
                         origin, ordinal, assignment);
    config_t *c = next_layer(L, e);
    if (c == NULL)
        return -1;
    size_t path_len = (size_t)(eq - assignment);
    char text[2048], wide[64];
    const char *value = eq + 1;
    if (needs_long_suffix(value) && snprintf(wide, sizeof wide, "%sL", value) < (int)sizeof wide)
        value = wide;
    int ok = nest(text, sizeof text, assignment, path_len, value) == 0 &&
             config_read_string(c, text) == CONFIG_TRUE;
    if (!ok) {
        /* Not a libconfig value: take it as a string. */
        char quoted[1024];
        size_t q = 0;
        quoted[q++] = '"';
        for (const char *s = value; *s != '\0'; s++) {
            if (q + 4 >= sizeof quoted) {
                config_destroy(c);
                return error_set(e, ERROR_INPUT,
                                 "%s:%d: %.*s: value too long (at most %d "
                                 "characters)",
                                 origin, ordinal, (int)path_len, assignment,
                                 (int)sizeof quoted / 2 - 4);
            }
            if (*s == '"' || *s == '\\')
                quoted[q++] = '\\';
            quoted[q++] = *s;
        }
        quoted[q++] = '"';
        quoted[q] = '\0';
        config_destroy(c);
        config_init(c);
        ok = nest(text, sizeof text, assignment, path_len, quoted) == 0 &&
             config_read_string(c, text) == CONFIG_TRUE;
    }
    if (!ok) {
        config_destroy(c);
        return error_set(e, ERROR_INPUT, "%s:%d: %.*s: cannot parse value (got %s)", origin,
                         ordinal, (int)path_len, assignment, value);
    }
    if (!single_setting(c, assignment, path_len)) {
        config_destroy(c);
        return error_set(e, ERROR_INPUT,
                         "%s:%d: %.*s: must be one value (a number, string, array, list or "
                         "group), not several settings (got %s)",
                         origin, ordinal, (int)path_len, assignment, eq + 1);
    }
    snprintf(L->origin[L->n], sizeof L->origin[L->n], "%s", origin);
    L->set_ordinal[L->n] = ordinal;
    L->n++;
    return 0;
}

static void mark_known(config_setting_t *s)
{
    for (config_setting_t *p = s; p != NULL && !config_setting_is_root(p);
         p = config_setting_parent(p))
        config_setting_set_hook(p, &known_mark); /* the setting and its groups */
}

/* The deepest group on `path` that exists in the layer (for a key that is
 * absent, its groups are still known, so a misspelt key alone in its group is
 * reported as itself, not as the group). */
static config_setting_t *deepest_group(config_t *c, const char *path)
{
    char prefix[512];
    size_t n = strlen(path);
    if (n >= sizeof prefix)
        return NULL;
    memcpy(prefix, path, n + 1);
    for (char *dot = strrchr(prefix, '.'); dot != NULL; dot = strrchr(prefix, '.')) {
        *dot = '\0';
        config_setting_t *g = config_lookup(c, prefix);
        if (g != NULL)
            return config_setting_type(g) == CONFIG_TYPE_GROUP ? g : NULL;
    }
    return NULL;
}

config_setting_t *layers_lookup(struct layers *L, const char *path)
{
    config_setting_t *win = NULL;
    for (int i = 0; i < L->n; i++) {
        config_setting_t *s = config_lookup(&L->cfg[i], path);
        if (s == NULL) {
            mark_known(deepest_group(&L->cfg[i], path));
            continue;
        }
        mark_known(s);
        win = s;
    }
    return win;
}

int layers_children(struct layers *L, const char *path, char (*names)[LAYERS_NAME_MAX], int max,
                    struct error *e)
{
    int count = 0;
    for (int i = 0; i < L->n; i++) {
        config_setting_t *g = config_lookup(&L->cfg[i], path);
        if (g == NULL)
            continue;
        char where[600];
        config_setting_set_hook(g, &known_mark);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            layers_where(L, g, where, sizeof where);
            return error_set(e, ERROR_INPUT, "%s: %s: must be a group of named entries { ... }",
                             where, path);
        }
        for (int k = 0; k < config_setting_length(g); k++) {
            config_setting_t *child = config_setting_get_elem(g, (unsigned)k);
            const char *name = config_setting_name(child);
            int seen = 0;
            for (int j = 0; j < count && !seen; j++)
                seen = strcmp(names[j], name) == 0;
            if (seen)
                continue;
            layers_where(L, child, where, sizeof where);
            if (count >= max)
                return error_set(e, ERROR_INPUT, "%s: %s.%s: too many entries (at most %d)", where,
                                 path, name, max);
            if (strlen(name) >= LAYERS_NAME_MAX)
                return error_set(e, ERROR_INPUT, "%s: %s.%s: name too long (at most %d characters)",
                                 where, path, name, LAYERS_NAME_MAX - 1);
            snprintf(names[count++], LAYERS_NAME_MAX, "%s", name);
        }
    }
    return count;
}

static int owner(const struct layers *L, const config_setting_t *s)
{
    const config_setting_t *root = s;
    while (root != NULL && !config_setting_is_root(root))
        root = config_setting_parent(root);
    for (int i = 0; i < L->n; i++)
        if (config_root_setting(&L->cfg[i]) == root)
            return i;
    return -1;
}

void layers_where(const struct layers *L, const config_setting_t *s, char *buf, unsigned long size)
{
    int i = s != NULL ? owner(L, s) : -1;
    if (i < 0) {
        snprintf(buf, size, "%s:1", L->n > 0 ? L->origin[0] : "(scenario)");
    } else if (L->set_ordinal[i] > 0) {
        snprintf(buf, size, "%s:%d", L->origin[i], L->set_ordinal[i]);
    } else {
        /* an @include'd file's settings carry their own file */
        const char *file = config_setting_source_file(s);
        snprintf(buf, size, "%s:%d", file != NULL ? file : L->origin[i],
                 (int)config_setting_source_line(s));
    }
}

/* The integer literal at p ([+-]digits or 0x hex digits, not followed by a
 * fraction, exponent or L); 1 with *v (saturated) and the text's end, else 0. */
static int int_literal(const char *p, long long *v)
{
    const char *q = p + (*p == '-' || *p == '+');
    int hex = q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
    const char *d = hex ? q + 2 : q, *end = d;
    while (hex ? isxdigit((unsigned char)*end) : isdigit((unsigned char)*end))
        end++;
    if (end == d || *end == '.' || *end == 'e' || *end == 'E' || *end == 'L' || *end == 'l' ||
        isalnum((unsigned char)*end) || *end == '_')
        return 0;
    errno = 0;
    *v = strtoll(p, NULL, hex ? 16 : 10);
    return 1;
}

int layers_int_literal(const struct layers *L, const config_setting_t *s, long long *v)
{
    const char *file = config_setting_source_file(s), *name = config_setting_name(s);
    int i = owner(L, s);
    if (file == NULL && i >= 0 && L->set_ordinal[i] == 0)
        file = L->origin[i]; /* a file read from memory (its byte-order mark skipped) */
    int line = (int)config_setting_source_line(s);
    if (file == NULL || name == NULL || line < 1 || config_setting_type(s) != CONFIG_TYPE_INT)
        return 0;
    FILE *f = fopen(file, "r");
    if (f == NULL)
        return 0;
    char *text = NULL;
    size_t cap = 0, len = 0;
    for (int n = 1; n < line && getline(&text, &cap, f) >= 0; n++)
        ; /* skip to the setting's line */
    /* the rest of the file from that line: a value may follow on a later line */
    char buf[8192];
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    free(text);
    buf[got] = '\0';
    len = strlen(name);
    int wrapped = config_setting_get_int(s), found = 0;
    for (const char *p = strstr(buf, name); p != NULL && !found; p = strstr(p + 1, name)) {
        if ((p > buf && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) ||
            isalnum((unsigned char)p[len]) || p[len] == '_')
            continue;
        const char *q = p + len;
        q += strspn(q, " \t\r\n");
        if (*q != '=' && *q != ':')
            continue;
        q++;
        q += strspn(q, " \t\r\n");
        long long x;
        /* the occurrence whose value libconfig kept (modulo 2^32) is this one */
        if (int_literal(q, &x) && (int)(unsigned)(unsigned long long)x == wrapped) {
            *v = x;
            found = 1;
        }
    }
    return found;
}

static void path_of(const config_setting_t *s, char *buf, size_t size)
{
    const char *names[32];
    int depth = 0;
    for (const config_setting_t *p = s; p != NULL && !config_setting_is_root(p) && depth < 32;
         p = config_setting_parent(p))
        names[depth++] = config_setting_name(p) != NULL ? config_setting_name(p) : "[]";
    size_t used = 0;
    buf[0] = '\0';
    for (int i = depth - 1; i >= 0 && used < size; i--) {
        int n = snprintf(buf + used, size - used, "%s%s", i == depth - 1 ? "" : ".", names[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static const config_setting_t *first_unknown(const config_setting_t *g)
{
    for (int k = 0; k < config_setting_length(g); k++) {
        const config_setting_t *c = config_setting_get_elem(g, (unsigned)k);
        if (config_setting_get_hook(c) != &known_mark)
            return c;
        if (config_setting_type(c) == CONFIG_TYPE_GROUP) {
            const config_setting_t *u = first_unknown(c);
            if (u != NULL)
                return u;
        }
    }
    return NULL;
}

int layers_check_unknown(const struct layers *L, layers_suggest_fn suggest, struct error *e)
{
    for (int i = 0; i < L->n; i++) {
        const config_setting_t *u = first_unknown(config_root_setting(&L->cfg[i]));
        if (u != NULL) {
            char where[600], path[512], near[512];
            layers_where(L, u, where, sizeof where);
            path_of(u, path, sizeof path);
            if (suggest != NULL && suggest(path, near, sizeof near))
                return error_set(e, ERROR_INPUT,
                                 "%s: %s: unknown key (did you mean %s? see "
                                 "docs/scenario-keys.md)",
                                 where, path, near);
            return error_set(e, ERROR_INPUT, "%s: %s: unknown key (see docs/scenario-keys.md)",
                             where, path);
        }
    }
    return 0;
}

/* cli: the parser of the command table (see sim/app/cli.h). */
#include "app/cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_names(const struct cli_command *c, int n_words, const char *const *words)
{
    char joined[64] = "";
    size_t used = 0;
    for (int k = 0; k < n_words; k++) {
        int n = snprintf(joined + used, sizeof joined - used, "%s%s", k ? " " : "", words[k]);
        if (n < 0 || (size_t)n >= sizeof joined - used)
            return 0;
        used += (size_t)n;
    }
    if (strcmp(c->name, joined) == 0)
        return 1;
    /* one word names a family: "dfe" for "dfe list" and "dfe build" */
    return n_words == 1 && strncmp(c->name, joined, used) == 0 && c->name[used] == ' ';
}

static int is_help(const char *a)
{
    const struct cli_option *h = cli_help_option();
    return (a[0] == '-' && a[1] == h->short_name && a[2] == '\0') ||
           (a[0] == '-' && a[1] == '-' && strcmp(a + 2, h->name) == 0);
}

static int whole(const char *opt, const char *text, long long lo, long long hi, long long *out,
                 struct error *e)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi)
        return error_set(e, ERROR_INPUT, "%s: must be a whole number in [%lld, %lld] (got %s)", opt,
                         lo, hi, text);
    *out = v;
    return 0;
}

static int number(const char *opt, const char *text, double lo, double hi, double *out,
                  struct error *e)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !(v > lo && v < hi))
        return error_set(e, ERROR_INPUT,
                         "%s: must be a number in (%g, %g), the ends excluded (got %s)", opt, lo,
                         hi, text);
    *out = v;
    return 0;
}

static int add_set(struct cli_options *o, const char *origin, const char *text, struct error *e)
{
    if (o->n_sets >= CLI_MAX_SETS)
        return error_set(e, ERROR_INPUT, "%s: too many assignments (at most %d)", origin,
                         CLI_MAX_SETS);
    o->sets[o->n_sets].origin = origin;
    o->sets[o->n_sets].text = text;
    o->n_sets++;
    return 0;
}

static int in_family(const struct cli_command *c, const char *family)
{
    return strcmp(c->name, family) != 0 && cli_names(c, 1, &family);
}

/* "list or build": the second words of a family's commands. */
static void family_actions(const char *family, char *buf, size_t size)
{
    int n = 0, count = 0;
    const struct cli_command *c = cli_commands(&n);
    size_t len = strlen(family), used = 0;
    buf[0] = '\0';
    for (int k = 0; k < n; k++)
        count += in_family(&c[k], family);
    for (int k = 0, seen = 0; k < n && used < size; k++) {
        if (!in_family(&c[k], family))
            continue;
        seen++;
        int w = snprintf(buf + used, size - used, "%s%s",
                         seen == 1       ? ""
                         : seen == count ? " or "
                                         : ", ",
                         c[k].name + len + 1);
        used += w > 0 ? (size_t)w : 0;
    }
}

/* The command named by argv[1] (and argv[2] for a family); *next is the
 * first argument after its words. `wfsim --help` and `wfsim dfe --help` are
 * help, with the family as its topic. */
static int find_command(int argc, char **argv, struct cli_options *o, int *next, struct error *e)
{
    int n = 0, family = 0;
    const struct cli_command *c = cli_commands(&n);
    *next = 2;
    if (is_help(argv[1])) {
        o->command = cli_command_of(CLI_HELP);
        return 0;
    }
    for (int k = 0; k < n; k++) {
        const char *const words[1] = {argv[1]};
        if (strcmp(c[k].name, argv[1]) == 0) {
            o->command = &c[k];
            return 0;
        }
        if (!cli_names(&c[k], 1, words))
            continue;
        family = 1;
        if (argc > 2 && strcmp(c[k].name + strlen(argv[1]) + 1, argv[2]) == 0) {
            o->command = &c[k];
            *next = 3;
            return 0;
        }
    }
    if (!family)
        return error_set(e, ERROR_INPUT, "%s: unknown command (see wfsim --help)", argv[1]);
    char actions[128];
    family_actions(argv[1], actions, sizeof actions);
    if (argc > 2 && is_help(argv[2])) {
        o->command = cli_command_of(CLI_HELP);
        o->files[o->n_files++] = argv[1];
        *next = argc;
        return 0;
    }
    if (argc <= 2 || argv[2][0] == '-')
        return error_set(e, ERROR_INPUT, "%s: needs an action: %s", argv[1], actions);
    return error_set(e, ERROR_INPUT, "%s: unknown %s action (%s)", argv[2], argv[1], actions);
}

static int find_option(const struct cli_command *c, const char *a)
{
    for (int k = 0; c->options[k] != NULL && k < CLI_MAX_OPTIONS; k++) {
        const struct cli_option *p = c->options[k];
        if ((a[1] == '-' && strcmp(a + 2, p->name) == 0) ||
            (a[1] != '-' && p->short_name != 0 && a[1] == p->short_name && a[2] == '\0'))
            return k;
    }
    return -1;
}

/* What the parse of one command keeps beside struct cli_options. */
struct parse_state {
    int given[CLI_MAX_OPTIONS];
    long long key_value[CLI_MAX_OPTIONS];
    const char *key_origin[CLI_MAX_OPTIONS];
    char joined[CLI_MAX_OPTIONS][64]; /* "-j" of "-j2", "--threads" of "--threads=2" */
};

/* "-j2" or "--threads=2": an option with its value in the same word. The
 * option's index, with *value set (and its name kept in s->joined[k] for
 * messages), or -1. */
static int find_joined(const struct cli_command *c, const char *a, const char **value,
                       struct parse_state *s)
{
    char name[64];
    const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
    size_t n = eq != NULL ? (size_t)(eq - a) : a[1] != '-' && strlen(a) > 2 ? 2 : 0;
    if (n == 0 || n >= sizeof name)
        return -1;
    memcpy(name, a, n);
    name[n] = '\0';
    int k = find_option(c, name);
    if (k < 0 || c->options[k]->kind == CLI_FLAG)
        return -1;
    /* a number joined to a numeric short option only: "-seed" is not "-s eed" */
    enum cli_kind kind = c->options[k]->kind;
    if (eq == NULL && (kind == CLI_WHOLE || kind == CLI_KEY) && !isdigit((unsigned char)a[2]))
        return -1;
    snprintf(s->joined[k], sizeof s->joined[k], "%s", name);
    *value = a + n + (eq != NULL);
    return k;
}

static int read_option(int argc, char **argv, int *i, const struct cli_option *p, int k,
                       struct cli_options *o, struct parse_state *s, struct error *e)
{
    const char *a = argv[*i];
    char *field = (char *)o + p->offset;
    s->given[k] = 1;
    if (p->kind == CLI_FLAG) {
        *(int *)field = 1;
        return 0;
    }
    if (*i + 1 >= argc)
        return error_set(e, ERROR_INPUT, "%s: needs a value (see wfsim %s --help)", a,
                         o->command->name);
    const char *v = argv[++*i];
    long long n = 0;
    switch (p->kind) {
    case CLI_TEXT: *(const char **)field = v; return 0;
    case CLI_LIST: {
        struct cli_list *l = (struct cli_list *)field;
        if (l->n >= CLI_MAX_LIST)
            return error_set(e, ERROR_INPUT, "%s: at most %d times", a, CLI_MAX_LIST);
        l->item[l->n++] = v;
        return 0;
    }
    case CLI_WHOLE:
        if (whole(a, v, p->lo, p->hi, &n, e) != 0)
            return -1;
        *(int *)field = (int)n;
        return 0;
    case CLI_NUMBER: return number(a, v, p->number_lo, p->number_hi, (double *)field, e);
    case CLI_ASSIGN: return add_set(o, a, v, e);
    case CLI_KEY: s->key_origin[k] = a; return whole(a, v, p->lo, p->hi, &s->key_value[k], e);
    default: return error_set(e, ERROR_INPUT, "%s: option without a kind", a);
    }
}

/* The -n and -s assignments, in table order after every --set. */
static int add_keys(struct cli_options *o, const struct parse_state *s, struct error *e)
{
    int used = 0;
    for (int k = 0; o->command->options[k] != NULL; k++) {
        const struct cli_option *p = o->command->options[k];
        if (p->kind != CLI_KEY || !s->given[k])
            continue;
        if (used >= CLI_MAX_KEYS)
            return error_set(e, ERROR_INPUT, "%s: too many key options", s->key_origin[k]);
        snprintf(o->key_sets[used], sizeof o->key_sets[used], "%s=%lld%s", p->key, s->key_value[k],
                 p->key_suffix != NULL ? p->key_suffix : "");
        if (add_set(o, s->key_origin[k], o->key_sets[used], e) != 0)
            return -1;
        used++;
    }
    return 0;
}

/* "needs at least one scenario file and --area NAME|CODE", from the table. */
static int check_needs(const struct cli_options *o, const struct parse_state *s, struct error *e)
{
    const struct cli_command *c = o->command;
    int missing = o->n_files < c->min_operands;
    char needs[256];
    int used = snprintf(needs, sizeof needs, "%s", c->min_operands > 0 ? c->needs : "");
    for (int k = 0; c->options[k] != NULL; k++) {
        const struct cli_option *p = c->options[k];
        if (!p->required)
            continue;
        missing |= !s->given[k];
        if (used >= 0 && (size_t)used < sizeof needs)
            used += snprintf(needs + used, sizeof needs - (size_t)used, "%s--%s %s",
                             used > 0 ? " and " : "", p->name, p->value);
    }
    return missing ? error_set(e, ERROR_INPUT, "%s: needs %s", c->name, needs) : 0;
}

/* help's words must name a command or a family. */
static int check_topic(const struct cli_options *o, struct error *e)
{
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    if (o->command->id != CLI_HELP || o->n_files == 0)
        return 0;
    for (int k = 0; k < n; k++)
        if (cli_names(&c[k], o->n_files, o->files))
            return 0;
    char topic[128] = "";
    for (int k = 0, used = 0; k < o->n_files && used >= 0 && (size_t)used < sizeof topic; k++)
        used +=
            snprintf(topic + used, sizeof topic - (size_t)used, "%s%s", k ? " " : "", o->files[k]);
    return error_set(e, ERROR_INPUT, "%s: unknown command (see wfsim --help)", topic);
}

static void set_initial_values(struct cli_options *o)
{
    for (int k = 0; o->command->options[k] != NULL; k++) {
        const struct cli_option *p = o->command->options[k];
        char *field = (char *)o + p->offset;
        if (p->kind == CLI_WHOLE)
            *(int *)field = (int)p->init;
        else if (p->kind == CLI_TEXT)
            *(const char **)field = p->init_text;
        else if (p->kind == CLI_NUMBER)
            *(double *)field = p->number_init;
    }
}

/* `wfsim COMMAND --help` is `wfsim help COMMAND`: the command's words. */
static void become_help(struct cli_options *o, char **argv, int words)
{
    const struct cli_command *c = o->command;
    o->command = cli_command_of(CLI_HELP);
    o->n_files = 0;
    if (c == o->command) {
        o->files[o->n_files++] = c->name;
        return;
    }
    for (int k = 1; k < words; k++)
        o->files[o->n_files++] = argv[k];
}

int cli_parse(int argc, char **argv, struct cli_options *o, struct error *e)
{
    memset(o, 0, sizeof *o);
    if (argc < 2)
        return error_set(e, ERROR_INPUT, "wfsim: missing command (see wfsim --help)");
    int first = 2;
    if (find_command(argc, argv, o, &first, e) != 0)
        return -1;
    set_initial_values(o);
    struct parse_state s;
    memset(&s, 0, sizeof s);
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        int k = a[0] == '-' && a[1] != '\0' ? find_option(o->command, a) : -1;
        const char *value = NULL;
        int j = k < 0 && a[0] == '-' && a[1] != '\0' ? find_joined(o->command, a, &value, &s) : -1;
        if (k >= 0) {
            if (read_option(argc, argv, &i, o->command->options[k], k, o, &s, e) != 0)
                return -1;
        } else if (j >= 0) {
            char *pair[2] = {s.joined[j], (char *)value};
            int at = 0;
            if (read_option(2, pair, &at, o->command->options[j], j, o, &s, e) != 0)
                return -1;
        } else if (is_help(a)) {
            become_help(o, argv, first);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            return error_set(e, ERROR_INPUT, "%s: unknown option for %s (see wfsim %s --help)", a,
                             o->command->name, o->command->name);
        } else if (o->command->operands == NULL) {
            return error_set(e, ERROR_INPUT, "%s: %s takes no files", a, o->command->name);
        } else if (o->n_files >= CLI_MAX_FILES) {
            return error_set(e, ERROR_INPUT, "%s: too many scenario files (at most %d)", a,
                             CLI_MAX_FILES);
        } else {
            o->files[o->n_files++] = a;
        }
    }
    if (add_keys(o, &s, e) != 0 || check_needs(o, &s, e) != 0)
        return -1;
    return check_topic(o, e);
}

/* cli_usage: usage and reference text from the command table (see
 * sim/app/cli_usage.h). */
#include "app/cli_usage.h"

#include <ctype.h>
#include <string.h>

#define USAGE_WIDTH 80

/* What every command shares, for the overview and the reference. */
static const char notes[] =
    "Scenario files are layered left to right (a later file overrides an earlier one\n"
    "key by key); --set KEY=VALUE overrides a key after them, e.g.\n"
    "  --set grades.sw.annual_leaving_rate=0.16\n"
    "and -n and -s set simulation.replicates and simulation.seed last.\n"
    "Exit status: 0 success, 2 usage or scenario error, 1 runtime failure.\n";

/* "-o DIR", "--area NAME|CODE", "-q": an option as the synopsis shows it. */
static void spelling(const struct cli_option *p, char *buf, size_t size)
{
    if (p->short_name != 0)
        snprintf(buf, size, "-%c%s%s", p->short_name, p->value != NULL ? " " : "",
                 p->value != NULL ? p->value : "");
    else
        snprintf(buf, size, "--%s%s%s", p->name, p->value != NULL ? " " : "",
                 p->value != NULL ? p->value : "");
}

/* "-o DIR" or "[-o DIR]" or "[--set KEY=VALUE]...": an option in a synopsis. */
static void synopsis_word(const struct cli_option *p, char *buf, size_t size)
{
    char s[96];
    spelling(p, s, sizeof s);
    if (p->required)
        snprintf(buf, size, "%s%s", s, p->kind == CLI_LIST ? "..." : "");
    else
        snprintf(buf, size, "[%s]%s", s, p->kind == CLI_ASSIGN || p->kind == CLI_LIST ? "..." : "");
}

/* Print word at *col, wrapping to `indent` before USAGE_WIDTH. */
static void put_word(FILE *f, const char *word, int *col, int indent)
{
    int len = (int)strlen(word);
    if (*col > indent && *col + 1 + len > USAGE_WIDTH) {
        fprintf(f, "\n%*s", indent, "");
        *col = indent;
    } else if (*col > 0) {
        fputc(' ', f);
        (*col)++;
    }
    fputs(word, f);
    *col += len;
}

/* "wfsim run SCENARIO.cfg [MORE.cfg...] [-o DIR] ...", wrapped; lead is
 * printed first and continuation lines are indented by `indent`. */
static void synopsis(FILE *f, const struct cli_command *c, const char *lead, int indent)
{
    char word[128];
    snprintf(word, sizeof word, "%swfsim %s", lead, c->name);
    int col = 0;
    put_word(f, word, &col, indent);
    if (c->operands != NULL)
        put_word(f, c->operands, &col, indent);
    for (int k = 0; c->options[k] != NULL; k++) {
        synopsis_word(c->options[k], word, sizeof word);
        put_word(f, word, &col, indent);
    }
    fputc('\n', f);
}

/* The option's default as the help says it, or "" when it has none (or is
 * required). */
static void default_text(const struct cli_option *p, char *buf, size_t size)
{
    if (p->required)
        buf[0] = '\0';
    else if (p->def != NULL)
        snprintf(buf, size, "%s", p->def);
    else if (p->kind == CLI_WHOLE)
        snprintf(buf, size, "%lld", p->init);
    else if (p->kind == CLI_NUMBER)
        snprintf(buf, size, "%g", p->number_init);
    else if (p->kind == CLI_TEXT && p->init_text != NULL)
        snprintf(buf, size, "%s", p->init_text);
    else
        buf[0] = '\0';
}

/* A summary as a sentence: capital first letter, full stop. */
static void sentence(FILE *f, const char *s)
{
    fputc(toupper((unsigned char)s[0]), f);
    fprintf(f, "%s.", s + 1);
}

/* "a whole number in [1, 256]", "a number in (0, 1)", or "" for other kinds. */
static void range_text(const struct cli_option *p, char *buf, size_t size)
{
    if (p->kind == CLI_WHOLE || p->kind == CLI_KEY)
        snprintf(buf, size, "a whole number in [%lld, %lld]", p->lo, p->hi);
    else if (p->kind == CLI_NUMBER)
        snprintf(buf, size, "a number in (%g, %g), the ends excluded", p->number_lo, p->number_hi);
    else
        buf[0] = '\0';
}

int cli_usage_overview(FILE *f)
{
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    fputs("usage:\n", f);
    for (int k = 0; k < n; k++)
        synopsis(f, &c[k], "  ", 12);
    fputs("\ncommands:\n", f);
    for (int k = 0; k < n; k++)
        fprintf(f, "  %-11s %s\n", c[k].name, c[k].summary);
    fprintf(f, "\n%s", notes);
    fputs("wfsim COMMAND --help (or wfsim help COMMAND) describes a command and its options.\n", f);
    return ferror(f) ? -1 : 0;
}

static void option_line(FILE *f, const struct cli_option *p)
{
    char def[128], range[96];
    default_text(p, def, sizeof def);
    range_text(p, range, sizeof range);
    fputs("  ", f);
    if (p->short_name != 0)
        fprintf(f, "-%c, ", p->short_name);
    fprintf(f, "--%s%s%s\n      %s\n", p->name, p->value != NULL ? " " : "",
            p->value != NULL ? p->value : "", p->help);
    if (range[0] != '\0')
        fprintf(f, "      %s\n", range);
    if (def[0] != '\0')
        fprintf(f, "      default: %s\n", def);
    if (p->required)
        fputs("      required\n", f);
}

int cli_usage_command(FILE *f, const struct cli_command *c)
{
    synopsis(f, c, "usage: ", 12);
    fputc('\n', f);
    sentence(f, c->summary);
    fputc('\n', f);
    if (c->about[0] != '\0')
        fprintf(f, "%s\n", c->about);
    fputs("\noptions:\n", f);
    for (int k = 0; c->options[k] != NULL; k++)
        option_line(f, c->options[k]);
    option_line(f, cli_help_option());
    return ferror(f) ? -1 : 0;
}

/* Markdown text: `<` would open an HTML tag, `|` would end a table cell. */
static void md_text(FILE *f, const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s == '<' || *s == '|')
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
}

/* A code span in a table cell: only `|` needs escaping there. */
static void md_code(FILE *f, const char *s)
{
    fputc('`', f);
    for (; *s != '\0'; s++) {
        if (*s == '|')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('`', f);
}

static void md_option(FILE *f, const struct cli_option *p)
{
    char name[64], def[128], range[96];
    fputs("| ", f);
    if (p->short_name != 0) {
        snprintf(name, sizeof name, "-%c", p->short_name);
        md_code(f, name);
        fputs(", ", f);
    }
    snprintf(name, sizeof name, "--%s", p->name);
    md_code(f, name);
    fputs(" | ", f);
    if (p->value != NULL)
        md_code(f, p->value);
    fputs(" | ", f);
    default_text(p, def, sizeof def);
    md_text(f, p->required ? "required" : def);
    fputs(" | ", f);
    md_text(f, p->help);
    range_text(p, range, sizeof range);
    if (range[0] != '\0') {
        fputs("; ", f);
        md_text(f, range);
    }
    fputs(" |\n", f);
}

static void md_command(FILE *f, const struct cli_command *c)
{
    fprintf(f, "\n## `wfsim %s`\n\n", c->name);
    sentence(f, c->summary);
    if (c->about[0] != '\0') {
        fputc(' ', f);
        md_text(f, c->about);
    }
    fputs("\n\n```\n", f);
    synopsis(f, c, "", 6);
    fputs("```\n\n| option | value | default | meaning |\n|---|---|---|---|\n", f);
    for (int k = 0; c->options[k] != NULL; k++)
        md_option(f, c->options[k]);
    md_option(f, cli_help_option());
}

int cli_usage_markdown(FILE *f, int n_words, const char *const *words)
{
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    if (n_words == 0) {
        fputs("# Commands\n\nGenerated by `wfsim help --markdown` from the command table in "
              "sim/app/cli_commands.c; `make test` checks this file is current. "
              "`wfsim COMMAND --help` prints the same for one command.\n\n```\n",
              f);
        fputs(notes, f);
        fputs("```\n", f);
    }
    for (int k = 0; k < n; k++)
        if (n_words == 0 || cli_names(&c[k], n_words, words))
            md_command(f, &c[k]);
    return ferror(f) ? -1 : 0;
}

/* roff text: a backslash and a minus are escaped, and a line that starts
 * with a control character ('.' or ''') is protected with \&. */
static void roff_text(FILE *f, const char *s)
{
    int line_start = 1;
    for (; *s != '\0'; s++) {
        if (line_start && (*s == '.' || *s == '\''))
            fputs("\\&", f);
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
        line_start = *s == '\n';
    }
}

static void roff_sentence(FILE *f, const char *s)
{
    fputc(toupper((unsigned char)s[0]), f);
    roff_text(f, s + 1);
    fputs(".\n", f);
}

/* text in bold ('B') or italic ('I'), then back to roman */
static void roff_font(FILE *f, char font, const char *text)
{
    fprintf(f, "\\f%c", font);
    roff_text(f, text);
    fputs("\\fR", f);
}

static void roff_option(FILE *f, const struct cli_option *p)
{
    char def[128], range[96];
    fputs(".TP\n", f);
    if (p->short_name != 0)
        fprintf(f, "\\fB\\-%c\\fR, ", p->short_name);
    char name[64];
    snprintf(name, sizeof name, "--%s", p->name);
    roff_font(f, 'B', name);
    if (p->value != NULL) {
        fputc(' ', f);
        roff_font(f, 'I', p->value);
    }
    fputc('\n', f);
    roff_sentence(f, p->help);
    range_text(p, range, sizeof range);
    default_text(p, def, sizeof def);
    if (range[0] != '\0' || def[0] != '\0' || p->required) {
        fputs(".br\n", f);
        roff_text(f, range);
        if (def[0] != '\0') {
            fputs(range[0] != '\0' ? "; default: " : "Default: ", f);
            roff_text(f, def);
        }
        if (p->required)
            fputs(range[0] != '\0' ? "; required" : "Required", f);
        fputc('\n', f);
    }
}

static void roff_synopsis(FILE *f, const struct cli_command *c)
{
    char word[128];
    snprintf(word, sizeof word, "wfsim %s", c->name);
    fputs(".PP\n", f);
    roff_font(f, 'B', word);
    if (c->operands != NULL) {
        fputc(' ', f);
        roff_text(f, c->operands);
    }
    fputc('\n', f);
    for (int k = 0; c->options[k] != NULL; k++) {
        synopsis_word(c->options[k], word, sizeof word);
        roff_text(f, word);
        fputc('\n', f);
    }
}

int cli_usage_man(FILE *f, const char *version)
{
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    fputs(".\\\" Generated by wfsim help --man from the command table in\n"
          ".\\\" sim/app/cli_commands.c; make test checks docs/wfsim.1 is current.\n",
          f);
    fprintf(f, ".TH WFSIM 1 \"\" \"wfsim %s\" \"User Commands\"\n.nh\n.ad l\n", version);
    fputs(".SH NAME\nwfsim \\- Monte Carlo simulation of a council's children's social work "
          "workforce\n.SH SYNOPSIS\n",
          f);
    for (int k = 0; k < n; k++)
        roff_synopsis(f, &c[k]);
    fputs(".SH DESCRIPTION\n.nf\n", f);
    roff_text(f, notes);
    fputs(".fi\n.PP\n\\fBwfsim\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR describes a command and its "
          "options.\n.SH COMMANDS\n",
          f);
    for (int k = 0; k < n; k++) {
        fputs(".SS \"wfsim ", f);
        roff_text(f, c[k].name);
        fputs("\"\n", f);
        roff_sentence(f, c[k].summary);
        if (c[k].about[0] != '\0') {
            roff_text(f, c[k].about);
            fputc('\n', f);
        }
        for (int j = 0; c[k].options[j] != NULL; j++)
            roff_option(f, c[k].options[j]);
        roff_option(f, cli_help_option());
    }
    fputs(".SH FILES\n"
          "\\fBmake install PREFIX=\\fR\\fIDIR\\fR puts the shipped scenarios in "
          "\\fIDIR\\fR/share/wfsim/scenarios/ and the DfE data in "
          "\\fIDIR\\fR/share/wfsim/scenarios/data/; \\fB\\-\\-data\\fR names the data "
          "when wfsim is run away from the source tree.\n"
          ".SH SEE ALSO\n"
          "docs/commands.md, docs/scenario\\-keys.md and docs/metrics.md in the source tree "
          "(\\fBwfsim keys\\fR and \\fBwfsim metrics\\fR print the last two).\n",
          f);
    return ferror(f) ? -1 : 0;
}

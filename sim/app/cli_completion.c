/* cli_completion: the bash completion script (see sim/app/cli_completion.h). */
#include "app/cli_completion.h"

#include <string.h>

#include "app/cli.h"
#include "wfsim/scenario_keys.h"

/* Each command's first word once, in table order: "run ... dfe ... --version". */
static void first_words(FILE *f)
{
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    for (int k = 0; k < n; k++) {
        size_t len = strcspn(c[k].name, " ");
        int seen = 0;
        for (int j = 0; j < k && !seen; j++)
            seen = strncmp(c[j].name, c[k].name, len) == 0 && strcspn(c[j].name, " ") == len;
        if (!seen)
            fprintf(f, "%s%.*s", k > 0 ? " " : "", (int)len, c[k].name);
    }
}

static void option_words(FILE *f, const struct cli_option *p)
{
    if (p->short_name != 0)
        fprintf(f, "-%c ", p->short_name);
    fprintf(f, "--%s", p->name);
}

/* What an option's value is: a file, a directory, or something to type. */
static const char *value_kind(const struct cli_option *p)
{
    if (strcmp(p->value, "FILE") == 0)
        return "file";
    if (strcmp(p->value, "DIR") == 0)
        return "dir";
    if (strncmp(p->value, "KEY=", 4) == 0) /* --set, --vary, --lever: a scenario key first */
        return "key";
    return "none";
}

/* The second words of the dfe family: "list build". */
static void dfe_words(FILE *f)
{
    int n = 0, shown = 0;
    const struct cli_command *c = cli_commands(&n);
    fputs("_wfsim_dfe_commands=\"", f);
    for (int k = 0; k < n; k++)
        if (strncmp(c[k].name, "dfe ", 4) == 0)
            fprintf(f, "%s%s", shown++ > 0 ? " " : "", c[k].name + 4);
    fputs("\"\n", f);
}

/* _wfsim_options CMD: the command's options; _wfsim_value CMD OPT: the kind of
 * OPT's value, nothing when OPT takes none. */
static void command_cases(FILE *f)
{
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    fputs("_wfsim_options() {\n    case $1 in\n", f);
    for (int k = 0; k < n; k++) {
        fprintf(f, "    \"%s\") echo \"", c[k].name);
        for (int j = 0; c[k].options[j] != NULL; j++) {
            option_words(f, c[k].options[j]);
            fputc(' ', f);
        }
        option_words(f, cli_help_option());
        fputs("\" ;;\n", f);
    }
    fputs("    esac\n}\n_wfsim_value() {\n    case \"$1 $2\" in\n", f);
    for (int k = 0; k < n; k++)
        for (int j = 0; c[k].options[j] != NULL; j++) {
            const struct cli_option *p = c[k].options[j];
            if (p->value == NULL)
                continue;
            fprintf(f, "    \"%s --%s\"", c[k].name, p->name);
            if (p->short_name != 0)
                fprintf(f, " | \"%s -%c\"", c[k].name, p->short_name);
            fprintf(f, ") echo %s ;;\n", value_kind(p));
        }
    fputs("    esac\n}\n_wfsim_operands() {\n    case $1 in\n", f);
    for (int k = 0; k < n; k++) {
        const char *ops = c[k].operands;
        if (ops == NULL)
            continue;
        fprintf(f, "    \"%s\") echo %s ;;\n", c[k].name,
                strstr(ops, ".cfg") != NULL ? "cfg"
                : strcmp(ops, "DIR") == 0   ? "dir"
                                            : "command");
    }
    fputs("    esac\n}\n", f);
}

/* _wfsim_keys: the top-level keys and a "SECTION." for each named section;
 * _wfsim_section_keys SECTION: the keys inside each of its entries. */
static void key_lists(FILE *f)
{
    int n = 0;
    const struct key_spec *k = scenario_keys(SECTION_TOP, &n);
    fputs("_wfsim_keys=\"", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s%s", i > 0 ? " " : "", k[i].name);
    for (int s = SECTION_TOP + 1; s < N_KEY_SECTIONS; s++)
        fprintf(f, " %s.", scenario_keys_prefix((enum key_section)s));
    fputs("\"\n_wfsim_section_keys() {\n    case $1 in\n", f);
    for (int s = SECTION_TOP + 1; s < N_KEY_SECTIONS; s++) {
        k = scenario_keys((enum key_section)s, &n);
        fprintf(f, "    %s) echo \"", scenario_keys_prefix((enum key_section)s));
        for (int i = 0; i < n; i++)
            fprintf(f, "%s%s", i > 0 ? " " : "", k[i].name);
        fputs("\" ;;\n", f);
    }
    fputs("    esac\n}\n", f);
}

/* The completion function itself: the same for every table. */
static const char body[] =
    "# _wfsim_set WORD: scenario keys; SECTION.NAME. completes the keys of an entry.\n"
    "_wfsim_set() {\n"
    "    local cur=$1 words\n"
    "    if [[ $cur == *.*.* ]]; then\n"
    "        local section=${cur%%.*} rest=${cur#*.}\n"
    "        local entry=${rest%%.*} k\n"
    "        words=\"\"\n"
    "        for k in $(_wfsim_section_keys \"$section\"); do\n"
    "            words+=\" $section.$entry.$k\"\n"
    "        done\n"
    "    else\n"
    "        words=$_wfsim_keys\n"
    "    fi\n"
    "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
    "    if [ ${#COMPREPLY[@]} -eq 1 ] && [[ ${COMPREPLY[0]} == *. ]]; then\n"
    "        compopt -o nospace 2>/dev/null\n"
    "    fi\n"
    "}\n"
    "_wfsim() {\n"
    "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
    "    local cmd=${COMP_WORDS[1]}\n"
    "    COMPREPLY=()\n"
    "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
    "        COMPREPLY=($(compgen -W \"$_wfsim_commands\" -- \"$cur\"))\n"
    "        return\n"
    "    fi\n"
    "    if [ \"$cmd\" = dfe ]; then\n"
    "        if [ \"$COMP_CWORD\" -eq 2 ]; then\n"
    "            COMPREPLY=($(compgen -W \"$_wfsim_dfe_commands\" -- \"$cur\"))\n"
    "            return\n"
    "        fi\n"
    "        cmd=\"dfe ${COMP_WORDS[2]}\"\n"
    "    fi\n"
    "    case $(_wfsim_value \"$cmd\" \"$prev\") in\n"
    "    key)\n"
    "        _wfsim_set \"$cur\"\n"
    "        return\n"
    "        ;;\n"
    "    file) COMPREPLY=($(compgen -f -- \"$cur\")) && return ;;\n"
    "    dir) COMPREPLY=($(compgen -d -- \"$cur\")) && return ;;\n"
    "    none) return ;;\n"
    "    esac\n"
    "    case $cur in\n"
    "    -*) COMPREPLY=($(compgen -W \"$(_wfsim_options \"$cmd\")\" -- \"$cur\")) ;;\n"
    "    *)\n"
    "        case $(_wfsim_operands \"$cmd\") in\n"
    "        cfg) COMPREPLY=($(compgen -f -X '!*.cfg' -- \"$cur\") $(compgen -d -- \"$cur\")) ;;\n"
    "        dir) COMPREPLY=($(compgen -d -- \"$cur\")) ;;\n"
    "        command) COMPREPLY=($(compgen -W \"$_wfsim_commands\" -- \"$cur\")) ;;\n"
    "        esac\n"
    "        ;;\n"
    "    esac\n"
    "}\n"
    "complete -F _wfsim wfsim\n";

int cli_completion_bash(FILE *f)
{
    fputs("# bash completion of wfsim. Generated by wfsim help --bash-completion from the\n"
          "# command table (sim/app/cli_commands.c) and the scenario key tables; make test\n"
          "# checks docs/wfsim.bash is current. Source it, or install it (make install).\n"
          "_wfsim_commands=\"",
          f);
    first_words(f);
    fputs(" -h --help\"\n", f);
    dfe_words(f);
    command_cases(f);
    key_lists(f);
    fputs(body, f);
    return ferror(f) ? -1 : 0;
}

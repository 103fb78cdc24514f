/* cli: the command line. One table (cli_commands.c) declares every command
 * with its operands and its options (name, short name, value name, default,
 * help line); the parser below, the usage texts and docs/commands.md
 * (cli_usage.c) all read it, so they cannot drift apart. Parsing has no side
 * effects: it fills struct cli_options or an error. */
#ifndef WFSIM_CLI_H
#define WFSIM_CLI_H

#include <stddef.h>

#include "wfsim/error.h"
#include "wfsim/scenario_load.h"

#define CLI_MAX_FILES 32
#define CLI_MAX_SETS 48
#define CLI_MAX_OPTIONS 16 /* options of one command */
#define CLI_MAX_KEYS 4     /* options of one command that set a scenario key (-n, -s) */

enum cli_command_id {
    CLI_RUN,
    CLI_COMPARE,
    CLI_SWEEP,
    CLI_VALIDATE,
    CLI_DFE_LIST,
    CLI_DFE_BUILD,
    CLI_CALIBRATE,
    CLI_BACKCAST,
    CLI_SENSITIVITY,
    CLI_GOAL,
    CLI_REPORT,
    CLI_KEYS,
    CLI_METRICS,
    CLI_HELP,
    CLI_VERSION,
    N_CLI_COMMANDS
};

/* How an option's value is read and where it goes. */
enum cli_kind {
    CLI_FLAG,   /* no value: the int field becomes 1 */
    CLI_TEXT,   /* the value as given, into a const char * field */
    CLI_WHOLE,  /* a whole number in [lo, hi], into an int field */
    CLI_ASSIGN, /* KEY=VALUE, appended to the scenario assignments in order */
    CLI_KEY,    /* a whole number in [lo, hi] assigned to the scenario key
                   `key` after every CLI_ASSIGN; the last one given wins */
    CLI_LIST,   /* the value as given, appended to a struct cli_list field
                   (a repeatable option, kept in order) */
    CLI_NUMBER, /* a number strictly between number_lo and number_hi, into a
                   double field */
    N_CLI_KINDS
};

struct cli_option {
    const char *name;  /* long name without the dashes: "out" for --out */
    char short_name;   /* 'o' for -o; 0: none */
    const char *value; /* value name in the usage ("DIR"); NULL for a flag */
    enum cli_kind kind;
    long long lo, hi;            /* CLI_WHOLE, CLI_KEY: the valid range */
    size_t offset;               /* CLI_FLAG, CLI_TEXT, CLI_WHOLE: field of struct cli_options */
    long long init;              /* CLI_WHOLE: the value when the option is not given */
    const char *init_text;       /* CLI_TEXT: the value when not given (NULL: none) */
    const char *def;             /* the default as the help says it; NULL: init or init_text */
    const char *help;            /* one line: what it does */
    int required;                /* the command fails without it */
    const char *key;             /* CLI_KEY: the scenario key, "simulation.seed" */
    const char *key_suffix;      /* CLI_KEY: after the number ("L": a 64-bit key); NULL: none */
    double number_lo, number_hi; /* CLI_NUMBER: the open range (the ends excluded) */
    double number_init;          /* CLI_NUMBER: the value when the option is not given */
};

struct cli_options;
/* A command's handler: returns the process exit status (0 success, 2 usage
 * or scenario error, 1 runtime failure) after printing any error. argc and
 * argv are the whole command line, recorded in manifests. */
typedef int (*cli_handler)(const struct cli_options *o, int argc, char **argv);

struct cli_command {
    enum cli_command_id id;
    const char *name; /* "run", or two words for a family: "dfe build" */
    const char
        *operands; /* usage of the files it takes ("SCENARIO.cfg [MORE.cfg...]"); NULL: none */
    int min_operands;
    const char *needs;   /* what it says when operands are missing ("at least one scenario file") */
    const char *summary; /* one line for the command list */
    const char *about;   /* a paragraph for its own help ("" for none) */
    const struct cli_option *const *options; /* NULL-terminated */
    cli_handler handler;
};

#define CLI_MAX_LIST 32
struct cli_list {
    int n;
    const char *item[CLI_MAX_LIST];
};

struct cli_options {
    const struct cli_command *command;
    int n_files; /* operands: scenario files, or help's command words */
    const char *files[CLI_MAX_FILES];
    int n_sets; /* --set in order, then -n and -s, which win */
    struct assignment sets[CLI_MAX_SETS];
    char key_sets[CLI_MAX_KEYS][64]; /* the text of the -n and -s assignments */
    const char *out_dir;             /* -o; NULL: the command's default */
    int threads;                     /* -j; 0: all online cores */
    int quiet;
    int report; /* run and compare --report: the report joins the results */
    int force;  /* dfe build: replace a file wfsim did not write */
    const char *area, *data_path;
    char data_found[4096];   /* the shipped data found when --data is not given */
    struct cli_list targets; /* --target, in order */
    struct cli_list varies;  /* --vary, in order */
    const char *keys_path;   /* sensitivity --keys */
    struct cli_list metrics; /* sensitivity and sweep --metric, in order */
    int samples;             /* sensitivity --samples */
    int bootstrap;           /* sensitivity --bootstrap */
    int grid;                /* sweep --grid */
    int one_at_a_time;       /* sweep --one-at-a-time (the default) */
    const char *lever;       /* goal --lever KEY=MIN:MAX */
    double confidence;       /* goal --confidence */
    const char *measure;     /* goal --measure: at_date, first_met_by or kept_from */
    int largest;             /* goal --largest */
    int year;                /* 0 when not given */
    int replicates;          /* -n of calibrate and backcast */
    int markdown;            /* help --markdown */
    int man;                 /* help --man */
    int bash_completion;     /* help --bash-completion */
};

/* The command table: *n rows, in the order of wfsim --help. The table is
 * static; nothing to free. */
const struct cli_command *cli_commands(int *n);
/* The row of a command, by id. */
const struct cli_command *cli_command_of(enum cli_command_id id);
/* The option every command takes: -h, --help (it prints the command's usage). */
const struct cli_option *cli_help_option(void);
/* Whether words (a command or a family: "dfe") name `c`. */
int cli_names(const struct cli_command *c, int n_words, const char *const *words);

/* Parse argv into o. Returns 0, or -1 with an ERROR_INPUT message naming the
 * option or command. `wfsim COMMAND --help` parses as `wfsim help COMMAND`.
 * o's strings point into argv and the static table. */
int cli_parse(int argc, char **argv, struct cli_options *o, struct error *e);

#endif

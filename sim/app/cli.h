/* cli: the command line, parsed into options without side effects. */
#ifndef WFSIM_CLI_H
#define WFSIM_CLI_H

#include "wfsim/error.h"
#include "wfsim/scenario_load.h"

#define CLI_MAX_FILES 32
#define CLI_MAX_SETS 48

enum cli_command {
    CLI_RUN,
    CLI_COMPARE,
    CLI_VALIDATE,
    CLI_DFE,
    CLI_CALIBRATE,
    CLI_BACKCAST,
    CLI_KEYS,
    CLI_METRICS,
    CLI_HELP,
    CLI_VERSION
};

struct cli_options {
    enum cli_command command;
    int n_files;
    const char *files[CLI_MAX_FILES];
    int n_sets; /* --set, then -n and -s, which win */
    struct assignment sets[CLI_MAX_SETS];
    const char *out_dir; /* NULL: results/<scenario name> */
    int threads;         /* 0: all online cores */
    int quiet;
    char replicates_set[64], seed_set[64];
    /* dfe */
    const char *dfe_action; /* "list" or "build" */
    const char *area, *data_path;
    int year;
    int calibrate_replicates; /* -n for calibrate/backcast; 0: default */
};

int cli_parse(int argc, char **argv, struct cli_options *o, struct error *e);
/* The usage text printed by --help. */
const char *cli_usage(void);

#endif

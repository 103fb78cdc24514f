/* cli_completion: the bash completion of wfsim, written from the command
 * table (cli.h) and the scenario key tables (wfsim/scenario_keys.h), so it
 * offers what the parser and the loader accept. */
#ifndef WFSIM_CLI_COMPLETION_H
#define WFSIM_CLI_COMPLETION_H

#include <stdio.h>

/* wfsim help --bash-completion: a bash script (docs/wfsim.bash) that
 * completes commands, each command's options, scenario files and
 * directories for operands and file options, and scenario keys after --set.
 * Returns 0, or -1 when writing to f failed. */
int cli_completion_bash(FILE *f);

#endif

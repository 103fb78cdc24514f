/* cli_usage: the usage texts and the command reference, written from the
 * command table (cli.h) so they say what the parser does. Each returns 0, or
 * -1 when writing to f failed. */
#ifndef WFSIM_CLI_USAGE_H
#define WFSIM_CLI_USAGE_H

#include <stdio.h>

#include "app/cli.h"

/* wfsim --help: every command's synopsis and what they share. */
int cli_usage_overview(FILE *f);
/* wfsim COMMAND --help: the synopsis, what it does and its options. */
int cli_usage_command(FILE *f, const struct cli_command *c);
/* wfsim help --markdown: the reference of the commands that words name
 * (every command when n_words is 0) as Markdown (docs/commands.md). */
int cli_usage_markdown(FILE *f, int n_words, const char *const *words);

/* wfsim help --man: the manual page of every command, in roff (docs/wfsim.1);
 * version goes in its title line. */
int cli_usage_man(FILE *f, const char *version);

#endif

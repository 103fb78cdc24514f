/* cmd_help: wfsim --help, the usage text. */
#include "app/cmd.h"

#include <stdio.h>

int cmd_help(const struct cli_options *o, int argc, char **argv)
{
    (void)o;
    (void)argc;
    (void)argv;
    return fputs(cli_usage(), stdout) < 0;
}

/* cmd_version: wfsim --version. */
#include "app/cmd.h"

#include <stdio.h>

int cmd_version(const struct cli_options *o, int argc, char **argv)
{
    (void)o;
    (void)argc;
    (void)argv;
    printf("wfsim %s\n", WFSIM_VERSION);
    return 0;
}

/* cmd_keys: wfsim keys, the scenario key reference (docs/scenario-keys.md). */
#include "app/cmd.h"

#include <stdio.h>

#include "wfsim/scenario_keys.h"

int cmd_keys(const struct cli_options *o, int argc, char **argv)
{
    (void)o;
    (void)argc;
    (void)argv;
    return scenario_keys_document(stdout) == 0 ? 0 : 1;
}

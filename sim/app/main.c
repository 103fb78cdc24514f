/* main: the wfsim command. It parses the command line (sim/app/cli.h) and
 * hands it to the command's handler (sim/app/cmd.h). Only the app layer
 * prints errors and chooses exit codes: 0 success, 2 usage or scenario
 * error, 1 runtime failure. */
#include <string.h>

#include <gsl/gsl_errno.h>

#include "app/cli.h"
#include "app/cmd.h"

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL reports through return codes, never aborts */
    struct error e = {ERROR_NONE, ""};
    struct cli_options o;
    if (cli_parse(argc, argv, &o, &e) != 0)
        return cmd_fail(&e);
    switch (o.command) {
    case CLI_RUN: return cmd_run(&o, argc, argv);
    case CLI_COMPARE: return cmd_compare(&o, argc, argv);
    case CLI_VALIDATE: return cmd_validate(&o, argc, argv);
    case CLI_DFE:
        return strcmp(o.dfe_action, "list") == 0 ? cmd_dfe_list(&o, argc, argv)
                                                 : cmd_dfe_build(&o, argc, argv);
    case CLI_CALIBRATE: return cmd_calibrate(&o, argc, argv);
    case CLI_BACKCAST: return cmd_backcast(&o, argc, argv);
    case CLI_KEYS: return cmd_keys(&o, argc, argv);
    case CLI_METRICS: return cmd_metrics(&o, argc, argv);
    case CLI_HELP: return cmd_help(&o, argc, argv);
    case CLI_VERSION: return cmd_version(&o, argc, argv);
    }
    return 2;
}

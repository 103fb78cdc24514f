/* main: the wfsim command. It parses the command line with the command table
 * (sim/app/cli.h) and hands it to the command's handler (sim/app/cmd.h).
 * Only the app layer prints errors and chooses exit codes: 0 success, 2 usage
 * or scenario error, 1 runtime failure. */
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
    return o.command->handler(&o, argc, argv);
}

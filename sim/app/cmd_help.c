/* cmd_help: wfsim help [COMMAND] [--markdown], and wfsim COMMAND --help. */
#include "app/cmd.h"

#include <stdio.h>

#include "app/cli_completion.h"
#include "app/cli_usage.h"

int cmd_help(const struct cli_options *o, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    int rc = 0;
    if (o->man) {
        rc = cli_usage_man(stdout, WFSIM_VERSION);
    } else if (o->bash_completion) {
        rc = cli_completion_bash(stdout);
    } else if (o->markdown) {
        rc = cli_usage_markdown(stdout, o->n_files, o->files);
    } else if (o->n_files == 0) {
        rc = cli_usage_overview(stdout);
    } else {
        int n = 0, shown = 0;
        const struct cli_command *c = cli_commands(&n);
        for (int k = 0; k < n && rc == 0; k++)
            if (cli_names(&c[k], o->n_files, o->files)) {
                if (shown++ > 0)
                    putchar('\n');
                rc = cli_usage_command(stdout, &c[k]);
            }
    }
    return rc == 0 ? 0 : 1; /* a failed write is reported by main */
}

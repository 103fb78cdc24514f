/* cmd_validate: wfsim validate, load a scenario and say whether it is valid. */
#include "app/cmd.h"

#include <stdio.h>
#include <stdlib.h>

#include "wfsim/target.h"

int cmd_validate(const struct cli_options *o, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct error e = {ERROR_NONE, ""};
    struct scenario *sc = cmd_load_scenario(o, &e);
    if (sc == NULL)
        return cmd_fail(&e);
    /* its targets' metrics and dates, as a run checks them */
    struct target_list *targets = cmd_targets(o, sc, &e);
    if (targets == NULL) {
        free(sc);
        return cmd_fail(&e);
    }
    free(targets);
    cmd_warn(o, sc);
    int rc = printf("%s: valid (%d grades, %d months, %d replicates)\n", sc->name, sc->n_grades,
                    sc->months, sc->replicates) < 0;
    free(sc);
    return rc;
}

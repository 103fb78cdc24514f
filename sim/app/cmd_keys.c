/* cmd_keys: wfsim keys [WORD], the scenario key reference
 * (docs/scenario-keys.md), or the keys whose path contains WORD. */
#include "app/cmd.h"

#include <stdio.h>
#include <stdlib.h>

#include "wfsim/scenario_keys.h"

int cmd_keys(const struct cli_options *o, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (o->n_files == 0)
        return scenario_keys_document(stdout) == 0 ? 0 : 1;
    struct error e = {ERROR_NONE, ""};
    if (o->n_files > 1)
        error_set(&e, ERROR_INPUT, "%s: keys takes one word", o->files[1]);
    /* held until something matched: nothing on standard output otherwise */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    int shown = f == NULL              ? -1
                : e.kind == ERROR_NONE ? scenario_keys_document_matching(f, o->files[0])
                                       : 0;
    if (f != NULL && fclose(f) != 0)
        shown = -1;
    if (shown > 0)
        fwrite(text, 1, len, stdout);
    free(text);
    if (shown < 0)
        return 1;
    char near[256];
    if (e.kind == ERROR_NONE && shown == 0 && scenario_keys_nearest(o->files[0], near, sizeof near))
        error_set(&e, ERROR_INPUT, "%s: no scenario key contains it (did you mean %s?)",
                  o->files[0], near);
    else if (e.kind == ERROR_NONE && shown == 0)
        error_set(&e, ERROR_INPUT, "%s: no scenario key contains it (wfsim keys lists them all)",
                  o->files[0]);
    return e.kind == ERROR_NONE ? 0 : cmd_fail(&e);
}

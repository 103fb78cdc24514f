/* main: the wfsim command. It parses the command line with the command table
 * (sim/app/cli.h) and hands it to the command's handler (sim/app/cmd.h).
 * Only the app layer prints errors and chooses exit codes: 0 success, 2 usage
 * or scenario error, 1 runtime failure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "app/cli.h"
#include "app/cmd.h"

/* Standard output into a file or pipe is held whole (up to this much) and
 * written at the end, so a failed write is seen, with its reason, by one
 * checked fflush. */
#define STDOUT_BUFFER (1 << 20)

/* A command's output that did not reach standard output is a failure, never
 * a silent exit 0 (a full disk, a closed pipe). */
static int check_stdout(int rc)
{
    int flushed = fflush(stdout) == 0;
    int err = errno;
    if (flushed && !ferror(stdout))
        return rc;
    fprintf(stderr, "wfsim: standard output: %s\n", flushed ? "write failed" : strerror(err));
    return rc != 0 ? rc : 1;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL reports through return codes, never aborts */
    /* glibc ignores the size without a buffer; this one lives until exit */
    char *held = isatty(STDOUT_FILENO) ? NULL : malloc(STDOUT_BUFFER);
    if (held != NULL)
        setvbuf(stdout, held, _IOFBF, STDOUT_BUFFER);
    struct error e = {ERROR_NONE, ""};
    struct cli_options o;
    if (cli_parse(argc, argv, &o, &e) != 0 || cmd_find_data(&o, &e) != 0)
        return check_stdout(cmd_fail(&e));
    return check_stdout(o.command->handler(&o, argc, argv));
}

/* cmd: one handler per command, each in cmd_<command>.c (the table in
 * cli_commands.c names them), and the plumbing they share. A handler prints
 * its own errors (through cmd_fail) and returns the exit status: 0 success,
 * 2 usage or scenario error, 1 runtime failure. */
#ifndef WFSIM_CMD_H
#define WFSIM_CMD_H

#include <stddef.h>

#include "app/cli.h"
#include "wfsim/error.h"
#include "wfsim/scenario.h"
#include "wfsim/scenario_warn.h"

int cmd_run(const struct cli_options *o, int argc, char **argv);
int cmd_compare(const struct cli_options *o, int argc, char **argv);
int cmd_sweep(const struct cli_options *o, int argc, char **argv);
int cmd_validate(const struct cli_options *o, int argc, char **argv);
int cmd_dfe_list(const struct cli_options *o, int argc, char **argv);
int cmd_dfe_build(const struct cli_options *o, int argc, char **argv);
int cmd_calibrate(const struct cli_options *o, int argc, char **argv);
int cmd_backcast(const struct cli_options *o, int argc, char **argv);
int cmd_sensitivity(const struct cli_options *o, int argc, char **argv);
int cmd_goal(const struct cli_options *o, int argc, char **argv);
int cmd_report(const struct cli_options *o, int argc, char **argv);
int cmd_keys(const struct cli_options *o, int argc, char **argv);
int cmd_metrics(const struct cli_options *o, int argc, char **argv);
int cmd_help(const struct cli_options *o, int argc, char **argv);
int cmd_version(const struct cli_options *o, int argc, char **argv);

/* Print e's message on standard error; returns the exit status of its kind
 * (1 for ERROR_RUNTIME, else 2). */
int cmd_fail(const struct error *e);
/* -j, or all online cores when it was not given; at least 1. */
int cmd_threads(const struct cli_options *o);
/* The command line, words joined by spaces (cut to fit size), for manifests. */
void cmd_command_line(int argc, char **argv, char *buf, size_t size);
/* -o, or the default made from fmt (printf-style) when it was not given. */
void cmd_results_dir(const struct cli_options *o, char *dir, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The scenario of the command's files and assignments, in a new malloc'd
 * struct the caller frees; NULL with e set when it does not load (or out of
 * memory). */
struct scenario *cmd_load_scenario(const struct cli_options *o, struct error *e);
/* The shipped DfE data when --data is not given: DEFAULT_DFE_DATA from the
 * current directory, else in a directory above the program's (up to four:
 * DIR/scenarios/data, a build tree's, or DIR/share/wfsim/scenarios/data, an
 * installation's, the nearest first).
 * The first that exists, in buf; NULL when none does (buf then says where
 * it looked, for a message). */
const char *cmd_shipped_data(char *buf, size_t size);
/* Set o->data_path to the shipped data when the command reads DfE data and
 * --data was not given. An input error naming where it looked when the data
 * are needed (dfe, calibrate, backcast) and cannot be found; report goes on
 * without the published history. */
int cmd_find_data(struct cli_options *o, struct error *e);
/* The targets of a run of sc: those it declares, then --target's, each
 * resolved against sc (target.h), in a new malloc'd list the caller frees;
 * NULL with e set for a bad target (or out of memory). */
struct target_list;
struct target_list *cmd_targets(const struct cli_options *o, const struct scenario *sc,
                                struct error *e);
/* Print the scenario's warnings (scenario_warn.h) on standard error as
 * "wfsim: warning: ...", unless -q. */
void cmd_warn(const struct cli_options *o, const struct scenario *sc);
/* The warnings of the overlays (files after the first) against the first
 * file's scenario (scenario_warnings_against); returns how many. */
int cmd_overlay_warnings(const struct cli_options *o, const struct scenario *sc,
                         char out[][SCENARIO_WARNING_LEN], int max);
/* One warning on standard error, "wfsim: warning: TEXT" (ctx unused): a
 * study's warn callback. */
void cmd_print_warning(void *ctx, const char *text);
/* Load the DfE data of --data, call use(d, o, e) and free the data. Returns
 * the exit status: use's own when it returns 0 or more, else e's (cmd_fail). */
struct dfe_data;
typedef int (*cmd_data_use)(const struct dfe_data *d, const struct cli_options *o, struct error *e);
int cmd_with_data(const struct cli_options *o, cmd_data_use use);
/* An input error when a run of sc on `threads` threads would need more than
 * 80% of this machine's memory (named after the last scenario file), or
 * would take too long (cmd_check_work). */
int cmd_check_memory(const struct cli_options *o, const struct scenario *sc, int threads,
                     struct error *e);
/* An input error when a run is estimated (engine_work_estimate) to take more
 * than a day, naming the key that makes it long; a note on standard error
 * (unless -q) when it will take more than a minute. */
int cmd_check_work(const struct cli_options *o, const struct scenario *sc, int threads,
                   struct error *e);

#endif

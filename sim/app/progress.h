/* progress: one line on standard error for long work, rewritten in place,
 * with an estimate of the time left from the pace so far. Shown only when
 * standard error is a terminal and -q was not given (never in a file or a
 * pipe); the line's text is a pure function of the counts and the time, so
 * it is tested apart from the terminal. */
#ifndef WFSIM_PROGRESS_H
#define WFSIM_PROGRESS_H

#include <stddef.h>

struct progress {
    const char *unit; /* what is counted: "replicates", "councils" */
    int show;         /* 0: every update is ignored */
    int estimated;    /* the total is an estimate that moves: shown as ~total */
    int last_percent, last_seconds_left;
    double start_seconds; /* monotonic clock at progress_init */
};

/* Start counting `unit` (a static string); show is 1 when the line is to be
 * shown (see progress_wanted); estimated as in struct progress. Nothing to
 * free. */
void progress_init(struct progress *p, const char *unit, int estimated, int show);
/* Whether a command should show progress: standard error is a terminal and
 * quiet is 0. */
int progress_wanted(int quiet);
/* An engine_progress_fn (ctx: a struct progress): rewrites the line when
 * the whole percentage or the time left changes, and ends it at done ==
 * total. */
void progress_update(void *ctx, long done, long total);
/* The line's text, without the carriage return: "wfsim: 120/1000 replicates
 * (12%), about 1 min 05 s left" ("120/~1000" when the total is estimated).
 * No time left before any is done or in the first second, nor at the end.
 * Returns what snprintf returns. */
int progress_format(char *buf, size_t size, const char *unit, int estimated, long done, long total,
                    double elapsed_seconds);

#endif

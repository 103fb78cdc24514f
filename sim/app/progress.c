/* progress: the progress line of long commands (see sim/app/progress.h). */
#include "app/progress.h"

#include <math.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* The estimate waits for this much work, so the first (slow) steps do not
 * make it jump. */
#define PROGRESS_FIRST_SECONDS 1.0

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void progress_init(struct progress *p, const char *unit, int estimated, int show)
{
    p->unit = unit;
    p->estimated = estimated;
    p->show = show;
    p->last_percent = -1;
    p->last_seconds_left = -1;
    p->start_seconds = now_seconds();
}

int progress_wanted(int quiet)
{
    return !quiet && isatty(STDERR_FILENO);
}

/* The whole seconds left at the pace so far, or -1 for no estimate yet. */
static long seconds_left(long done, long total, double elapsed)
{
    if (done <= 0 || done >= total || elapsed < PROGRESS_FIRST_SECONDS)
        return -1;
    return (long)ceil(elapsed * (double)(total - done) / (double)done);
}

int progress_format(char *buf, size_t size, const char *unit, int estimated, long done, long total,
                    double elapsed_seconds)
{
    int percent = (int)(100 * done / (total > 0 ? total : 1));
    long left = seconds_left(done, total, elapsed_seconds);
    char when[64] = "";
    if (left >= 3600)
        snprintf(when, sizeof when, ", about %ld h %02ld min left", left / 3600, left % 3600 / 60);
    else if (left >= 60)
        snprintf(when, sizeof when, ", about %ld min %02ld s left", left / 60, left % 60);
    else if (left >= 0)
        snprintf(when, sizeof when, ", about %ld s left", left);
    return snprintf(buf, size, "wfsim: %ld/%s%ld %s (%d%%)%s", done, estimated ? "~" : "", total,
                    unit, percent, when);
}

void progress_update(void *ctx, long done, long total)
{
    struct progress *p = ctx;
    if (!p->show)
        return;
    double elapsed = now_seconds() - p->start_seconds;
    int percent = (int)(100 * done / (total > 0 ? total : 1));
    int left = (int)seconds_left(done, total, elapsed);
    if (percent == p->last_percent && left == p->last_seconds_left && done < total)
        return;
    p->last_percent = percent;
    p->last_seconds_left = left;
    char line[160];
    progress_format(line, sizeof line, p->unit, p->estimated, done, total, elapsed);
    /* \033[K clears what a longer earlier line left */
    fprintf(stderr, "\r%s\033[K%s", line, done >= total ? "\n" : "");
}

/* resultdir: a results directory written atomically. The files are written
 * into a temporary directory beside the target and renamed into place when
 * all are complete, so a failed run never leaves a half-written directory.
 * An existing target is replaced only if it is an earlier results directory
 * (manifest.txt and plain files only) or empty. */
#ifndef WFSIM_RESULTDIR_H
#define WFSIM_RESULTDIR_H

#include <stdio.h>

#include "wfsim/error.h"

/* Writes one file's contents; returns 0 or -1. */
typedef int (*resultdir_writer)(FILE *f, const char *file, void *ctx);

/* Whether `dir` may receive results: absent, empty, or an earlier results
 * directory. */
int resultdir_check(const char *dir, struct error *e);
/* Write the files (one must be manifest.txt) and move them into place. */
int resultdir_write(const char *dir, int n_files, const char *const *files, resultdir_writer write,
                    void *ctx, struct error *e);

#endif

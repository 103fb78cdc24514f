/* resultdir: a results directory written atomically, and never at the cost
 * of a file wfsim did not write. The files are written into a temporary
 * directory beside the target ("DIR.tmp-PID-XXXXXX", base/cleanup.h) and
 * renamed into place when all are complete, so a failed or interrupted run
 * never leaves a half-written directory at the target and earlier results
 * stay whole.
 *
 * An existing target is replaced only when it is empty, or an earlier
 * results directory: manifest.txt and the files its "file: NAME
 * fnv1a64:HASH" lines list, each still with that hash, in at most one level
 * of subdirectories. Anything else (a file the user added or changed, a
 * symbolic link, the target itself being a link, an earlier directory whose
 * manifest lists no files) is refused, naming it, with nothing touched. When
 * the earlier results are replaced, only their listed files are removed,
 * and no link is followed. */
#ifndef WFSIM_RESULTDIR_H
#define WFSIM_RESULTDIR_H

#include <stdio.h>

#include "wfsim/error.h"

#define RESULTDIR_FILE_KEY "file:"
#define RESULTDIR_MAX_FILES 256

/* FNV-1a 64 of a whole file's bytes (the manifest's hash: scenario_hash of
 * its contents), the file `name` relative to dirfd (AT_FDCWD for a path),
 * following a symbolic link only when `follow`. 0, or -1 if it cannot be
 * read. */
int resultdir_hash_file(int dirfd, const char *name, int follow, unsigned long long *hash);
/* Writes one file's contents; returns 0 or -1. */
typedef int (*resultdir_writer)(FILE *f, const char *file, void *ctx);

/* Whether `dir` may receive results: absent, empty, or an earlier results
 * directory whose every file is listed in its manifest with its hash.
 * 0, or -1 with an input error naming the first thing in the way. */
int resultdir_check(const char *dir, struct error *e);
/* Write the files (one must be manifest.txt, listing the others; a name
 * may hold one '/', for a subdirectory) and move them into place. */
int resultdir_write(const char *dir, int n_files, const char *const *files, resultdir_writer write,
                    void *ctx, struct error *e);

#endif

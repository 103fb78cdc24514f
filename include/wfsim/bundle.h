/* bundle: what one command writes, as one unit. A bundle is a set of named
 * files held in memory while the command fills them, one manifest built
 * from the command's provenance, and an atomic commit: a results directory
 * (every file plus manifest.txt, renamed into place by resultdir, which
 * replaces only an earlier results directory), or a single file whose
 * manifest is its first lines as "# key: value" comments (renamed into
 * place, or copied to standard output).
 *
 * Every manifest has, in this order: program, command, scenario, then data
 * and data_hash when a data file was read, the command's head notes, seed,
 * replicates, generator, scenario_hash, the command's tail notes, and (in a
 * results directory) one "file: NAME fnv1a64:HASH" line per file written, by
 * which a later run knows the files it may replace (resultdir.h). */
#ifndef WFSIM_BUNDLE_H
#define WFSIM_BUNDLE_H

#include <stdio.h>

#include "wfsim/error.h"

/* a results directory holds at most RESULTDIR_MAX_FILES (256) with the
 * manifest; a report adds three files per chart */
#define BUNDLE_MAX_FILES 255
#define BUNDLE_MANIFEST "manifest.txt"

/* Where a command's own manifest lines go: after the data lines (before
 * seed), or at the end. */
enum bundle_part { BUNDLE_HEAD, BUNDLE_TAIL, N_BUNDLE_PARTS };

/* Where the results came from; the strings are the caller's. */
struct bundle_provenance {
    const char *command_line;
    const char *scenario; /* the scenario's name, or what stood for it */
    long long seed;
    int replicates;
    const char *replicates_note; /* written after the count, or NULL */
    const char *generator_note;  /* after "gsl_rng_<name> "; NULL: the standard text */
    const char *data_path;       /* the data file read (hashed at commit), or NULL */
    unsigned long long scenario_hash;
    const char *scenario_hash_of; /* what was hashed, e.g. "scenario.cfg" */
};

struct bundle;
struct scenario;

/* Files added to a results bundle at its commit, once the manifest's lines
 * are known and before the "file:" lines are written (the report,
 * sim/report): fn reads the bundle's files and manifest (bundle_text) and
 * adds its own (bundle_file). `sc` is the scenario the results came from.
 * fn returns 0, or -1 with e, and the commit fails with nothing written. */
struct bundle_extra {
    int (*fn)(struct bundle *b, const struct scenario *sc, void *ctx, struct error *e);
    void *ctx;
};

/* Whether `dir` may receive results (absent, empty or an earlier results
 * directory): check before long work so it fails fast. 0, or -1 with e. */
int bundle_check(const char *dir, struct error *e);
/* A bundle for the results directory `dir`. Returns NULL (with e) when out
 * of memory; free with bundle_free. */
struct bundle *bundle_alloc(const char *dir, struct error *e);
/* A bundle holding an earlier results directory `dir` to be committed
 * again with more files: `dir` must be a results directory wfsim wrote
 * (resultdir_check, and a manifest.txt); its manifest's lines but the
 * "file:" lines are kept as they are, and each listed file is read in when
 * keep(name) says so (keep NULL: every one); the rest are dropped, and
 * removed by the commit. Commit with a NULL provenance. Returns NULL with e
 * (an input error for a missing directory or one wfsim did not write). */
struct bundle *bundle_reopen(const char *dir, int (*keep)(const char *name), struct error *e);
/* A bundle of one file at `path`, or standard output when path is NULL. */
struct bundle *bundle_alloc_file(const char *path, struct error *e);
/* A new, empty file of the bundle (in a single-file bundle: its one body,
 * `name` used in messages). The bundle owns the stream: write to it, never
 * close it. NULL (with e) when out of memory, the name is taken or there
 * are BUNDLE_MAX_FILES already. */
FILE *bundle_file(struct bundle *b, const char *name, struct error *e);
/* Append one "key: value" line, formatted by printf, to the manifest part.
 * Returns 0, or -1 (with e) when out of memory. */
int bundle_note(struct bundle *b, enum bundle_part part, struct error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The FNV-1a 64 hash of a file of the bundle as written so far (0 if there
 * is no such file), for a scenario_hash of a file in the bundle. */
unsigned long long bundle_hash(struct bundle *b, const char *name);
/* The bytes of the bundle's file `name` so far (*len their count), or of
 * its manifest without the "file:" lines (BUNDLE_MANIFEST: known only from
 * a bundle_extra's call, or in a reopened bundle); NULL when there is no
 * such file or it failed. The bundle owns the text. */
const char *bundle_text(struct bundle *b, const char *name, size_t *len);
/* Have x->fn add its files at the commit (x NULL: nothing). x and sc must
 * outlive the commit. */
void bundle_set_extra(struct bundle *b, const struct bundle_extra *x, const struct scenario *sc);
/* Build the manifest from p and the notes (a reopened bundle: p NULL, its
 * earlier lines), add the extra files, then write everything and move it
 * into place. Returns 0, or -1 with e (a write failure, a stream that
 * failed, a data file that cannot be read to hash, a target that is not a
 * results directory); nothing is left at or beside the target on failure.
 * The bundle is still freed by bundle_free. */
int bundle_commit(struct bundle *b, const struct bundle_provenance *p, struct error *e);
/* Free the bundle and its streams; bundle_free(NULL) is a no-op. */
void bundle_free(struct bundle *b);

#endif

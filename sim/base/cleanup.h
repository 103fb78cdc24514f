/* cleanup: what an interrupted run leaves behind. A run writes its results
 * into temporaries beside the target (a directory or a file) and renames
 * them into place when complete; if SIGINT, SIGTERM or SIGHUP arrives in
 * between, the handler removes the temporaries it was told about, then the
 * process dies of the signal as it would have. A later run removes stale
 * temporaries of the same pattern whose process is gone.
 *
 * Temporary names are "TARGET.tmp-PID-XXXXXX" (mkdtemp/mkstemp), and
 * earlier results moved aside "TARGET.old-PID-XXXXXX", so the owner of a
 * leftover can be told from its name. The handler uses only
 * system calls (open, getdents64, unlinkat, rmdir), which are safe in a
 * signal handler, and never follows a symbolic link: it removes the entries
 * of a registered directory and the directory, nothing below them.
 *
 * A signal handler sees only static storage, so this module keeps a small
 * table of registered paths at file scope: the one exception to "no
 * globals", and why it lives on its own. */
#ifndef WFSIM_CLEANUP_H
#define WFSIM_CLEANUP_H

#include <stddef.h>

#define CLEANUP_SLOTS 8
#define CLEANUP_PATH_MAX 4096

/* Install the handlers (idempotent). Returns 0 or -1. */
int cleanup_install(void);
/* Register a temporary (a directory when is_dir) to remove if interrupted.
 * Returns a slot for cleanup_forget, or -1 when the table is full or the
 * path too long (the run goes on; only the clean-up is lost). */
int cleanup_register(const char *path, int is_dir);
/* Register a rename to undo if interrupted: `from` back to `to` (earlier
 * results moved aside while new ones are renamed into place). Renames run
 * before removals, and a rename that fails (to exists again) does nothing.
 * Returns a slot for cleanup_forget, or -1 as cleanup_register. */
int cleanup_register_restore(const char *from, const char *to);
/* The temporary was renamed into place or removed: forget it. */
void cleanup_forget(int slot);
/* Format the temporary name pattern of a target: "TARGET.tmp-PID-XXXXXX",
 * ready for mkdtemp/mkstemp. Returns 0, or -1 when it does not fit. */
int cleanup_temp_name(const char *target, char *buf, size_t size);
/* The name to move earlier results aside to while new ones are renamed into
 * place: "TARGET.old-PID-XXXXXX" (for mkdtemp). 0, or -1 when too long. */
int cleanup_aside_name(const char *target, char *buf, size_t size);
/* Tidy up after runs of `target` that died (no live process owns the
 * name): their temporaries ("TARGET.tmp-PID-XXXXXX": regular files, or
 * directories of regular files with at most one level of subdirectories)
 * are removed; earlier results one moved aside ("TARGET.old-PID-XXXXXX")
 * are moved back when the target is missing (it died between its two
 * renames), else removed as a temporary. Anything else (a link, deeper
 * directories, a live owner, a name not exactly of the pattern) is left
 * alone. Returns the number removed. */
int cleanup_sweep_stale(const char *target);
/* Remove a directory's regular files and the directory, following no link;
 * the same removal the handler performs. Returns 0 or -1 (errno set). */
int cleanup_remove_dir(const char *path);

#endif

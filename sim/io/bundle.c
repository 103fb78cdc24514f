/* bundle: named files, one manifest and an atomic commit (see
 * include/wfsim/bundle.h). */
#include "wfsim/bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wfsim/scenario.h"
#include "base/rng.h"
#include "base/cleanup.h"
#include "io/resultdir.h"

/* A stream into memory; text and len are valid once f is closed. */
struct buffer {
    char name[96];
    char *text;
    size_t len;
    FILE *f;
};

struct bundle {
    char target[4096]; /* the directory or file; "" for standard output */
    int single;        /* one file, its manifest as comment lines */
    int reopened;      /* bundle_reopen: head holds the earlier manifest's lines */
    int n_files;
    struct buffer file[BUNDLE_MAX_FILES], note[N_BUNDLE_PARTS];
    struct buffer head; /* the manifest but its "file:" lines, once known */
    const struct bundle_extra *extra;
    const struct scenario *extra_sc;
};

/* How replicate k's random numbers are made (rng.h, model.c). */
#define STANDARD_GENERATOR                                                                         \
    "streams for initial state and events, seeded by splitmix64 of (seed, replicate, stream); "    \
    "per-post monthly uniforms from counter-based splitmix64 of (seed, replicate, process, "       \
    "post, month)"

static int buffer_open(struct buffer *b, const char *name)
{
    snprintf(b->name, sizeof b->name, "%s", name);
    b->text = NULL;
    b->len = 0;
    b->f = open_memstream(&b->text, &b->len);
    return b->f != NULL ? 0 : -1;
}

/* Close the stream (once); -1 if anything written to it failed. */
static int buffer_close(struct buffer *b)
{
    if (b->f == NULL)
        return 0;
    int failed = ferror(b->f) != 0;
    failed |= fclose(b->f) != 0;
    b->f = NULL;
    return failed ? -1 : 0;
}

static struct bundle *make(const char *target, int single, struct error *e)
{
    struct bundle *b = calloc(1, sizeof *b);
    if (b == NULL) {
        error_set(e, ERROR_RUNTIME, "out of memory");
        return NULL;
    }
    snprintf(b->target, sizeof b->target, "%s", target != NULL ? target : "");
    b->single = single;
    for (int i = 0; i < N_BUNDLE_PARTS; i++)
        if (buffer_open(&b->note[i], "manifest") != 0) {
            bundle_free(b);
            error_set(e, ERROR_RUNTIME, "out of memory");
            return NULL;
        }
    return b;
}

int bundle_check(const char *dir, struct error *e)
{
    return resultdir_check(dir, e);
}

struct bundle *bundle_alloc(const char *dir, struct error *e)
{
    return make(dir, 0, e);
}

struct bundle *bundle_alloc_file(const char *path, struct error *e)
{
    return make(path, 1, e);
}

static struct buffer *find(struct bundle *b, const char *name)
{
    for (int i = 0; i < b->n_files; i++)
        if (strcmp(b->file[i].name, name) == 0)
            return &b->file[i];
    return NULL;
}

FILE *bundle_file(struct bundle *b, const char *name, struct error *e)
{
    int full = b->n_files == (b->single ? 1 : BUNDLE_MAX_FILES);
    if (full || find(b, name) != NULL || strcmp(name, BUNDLE_MANIFEST) == 0) {
        error_set(e, ERROR_RUNTIME, "%s: cannot add %s to the results (%s)", b->target, name,
                  full ? "too many files" : "the name is taken");
        return NULL;
    }
    if (buffer_open(&b->file[b->n_files], name) != 0) {
        error_set(e, ERROR_RUNTIME, "out of memory");
        return NULL;
    }
    return b->file[b->n_files++].f;
}

/* Read the file at path into a new file `name` of the bundle. */
static int read_in(struct bundle *b, const char *path, const char *name, struct error *e)
{
    FILE *to = bundle_file(b, name, e);
    if (to == NULL)
        return -1;
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot read: %s", path, strerror(errno));
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        fwrite(chunk, 1, n, to);
    int failed = ferror(in) != 0 || ferror(to) != 0;
    fclose(in);
    return failed ? error_set(e, ERROR_RUNTIME, "%s: cannot read", path) : 0;
}

/* The earlier manifest's lines into b->head, and its listed files that
 * keep accepts into the bundle. */
static int read_results(struct bundle *b, FILE *manifest, int (*keep)(const char *name),
                        struct error *e)
{
    char *line = NULL, path[4400];
    size_t size = 0;
    ssize_t n;
    int rc = buffer_open(&b->head, BUNDLE_MANIFEST) != 0
                 ? error_set(e, ERROR_RUNTIME, "out of memory")
                 : 0;
    size_t key = strlen(RESULTDIR_FILE_KEY " ");
    while (rc == 0 && (n = getline(&line, &size, manifest)) > 0) {
        if (strncmp(line, RESULTDIR_FILE_KEY " ", key) != 0) {
            fputs(line, b->head.f);
            continue;
        }
        char *hash = strstr(line + key, " fnv1a64:");
        if (hash == NULL)
            continue; /* resultdir_check accepted the manifest, so not met */
        *hash = '\0';
        const char *name = line + key;
        if (keep != NULL && !keep(name))
            continue;
        snprintf(path, sizeof path, "%s/%s", b->target, name);
        rc = read_in(b, path, name, e);
    }
    free(line);
    if (buffer_close(&b->head) != 0 && rc == 0)
        rc = error_set(e, ERROR_RUNTIME, "out of memory");
    return rc;
}

struct bundle *bundle_reopen(const char *dir, int (*keep)(const char *name), struct error *e)
{
    struct stat sb;
    char path[4200];
    int found = stat(dir, &sb) == 0;
    if (!found || !S_ISDIR(sb.st_mode)) {
        error_set(e, ERROR_INPUT, "%s: %s", dir,
                  !found && errno == ENOENT ? "no such results directory"
                                            : "not a results directory");
        return NULL;
    }
    if (resultdir_check(dir, e) != 0)
        return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, BUNDLE_MANIFEST);
    FILE *manifest = fopen(path, "r");
    if (manifest == NULL) {
        error_set(e, ERROR_INPUT, "%s: not a results directory (no %s)", dir, BUNDLE_MANIFEST);
        return NULL;
    }
    struct bundle *b = make(dir, 0, e);
    if (b != NULL) {
        b->reopened = 1;
        if (read_results(b, manifest, keep, e) != 0) {
            bundle_free(b);
            b = NULL;
        }
    }
    fclose(manifest);
    return b;
}

int bundle_note(struct bundle *b, enum bundle_part part, struct error *e, const char *fmt, ...)
{
    FILE *f = b->note[part].f;
    va_list ap;
    va_start(ap, fmt);
    int rc = f != NULL && vfprintf(f, fmt, ap) >= 0 && fputc('\n', f) != EOF ? 0 : -1;
    va_end(ap);
    return rc == 0 ? 0 : error_set(e, ERROR_RUNTIME, "out of memory");
}

const char *bundle_text(struct bundle *b, const char *name, size_t *len)
{
    struct buffer *f = strcmp(name, BUNDLE_MANIFEST) == 0 ? &b->head : find(b, name);
    if (f == NULL || (f->f != NULL && (fflush(f->f) != 0 || ferror(f->f))) || f->text == NULL)
        return NULL;
    *len = f->len;
    return f->text;
}

void bundle_set_extra(struct bundle *b, const struct bundle_extra *x, const struct scenario *sc)
{
    b->extra = x;
    b->extra_sc = sc;
}

unsigned long long bundle_hash(struct bundle *b, const char *name)
{
    struct buffer *f = find(b, name);
    if (f == NULL || (f->f != NULL && fflush(f->f) != 0))
        return 0;
    return scenario_hash(f->text, f->len);
}

/* The data file's hash (it may be a link: the data it leads to is hashed). */
static int hash_file(const char *path, unsigned long long *hash, struct error *e)
{
    return resultdir_hash_file(AT_FDCWD, path, 1, hash) == 0
               ? 0
               : error_set(e, ERROR_RUNTIME, "%s: cannot read the data file to record its hash",
                           path);
}

/* The manifest's lines but the "file:" lines, each after `prefix` ("" or
 * "# "). */
static int write_head(FILE *f, const char *prefix, const struct bundle *b,
                      const struct bundle_provenance *p, unsigned long long data_hash)
{
    fprintf(f, "%sprogram: wfsim %s\n", prefix, WFSIM_VERSION);
    fprintf(f, "%scommand: %s\n", prefix, p->command_line);
    fprintf(f, "%sscenario: %s\n", prefix, p->scenario);
    if (p->data_path != NULL)
        fprintf(f, "%sdata: %s\n%sdata_hash: fnv1a64:%016llx\n", prefix, p->data_path, prefix,
                data_hash);
    for (int part = 0; part < N_BUNDLE_PARTS; part++) {
        const struct buffer *n = &b->note[part];
        for (size_t i = 0; i < n->len; i++)
            fprintf(f, "%s%c", i == 0 || n->text[i - 1] == '\n' ? prefix : "", n->text[i]);
        if (part == BUNDLE_TAIL)
            break;
        fprintf(f, "%sseed: %lld\n%sreplicates: %d%s%s\n", prefix, p->seed, prefix, p->replicates,
                p->replicates_note != NULL ? " " : "",
                p->replicates_note != NULL ? p->replicates_note : "");
        fprintf(f, "%sgenerator: gsl_rng_%s %s\n", prefix, rng_type()->name,
                p->generator_note != NULL ? p->generator_note : STANDARD_GENERATOR);
        fprintf(f, "%sscenario_hash: fnv1a64:%016llx (of %s)\n", prefix, p->scenario_hash,
                p->scenario_hash_of);
    }
    return ferror(f) ? -1 : 0;
}

/* The head, then (in a results directory) what wfsim wrote, so that a later
 * run replaces these files and no others. */
static int write_manifest(FILE *f, const struct bundle *b)
{
    fwrite(b->head.text, 1, b->head.len, f);
    for (int i = 0; i < b->n_files && !b->single; i++)
        fprintf(f, "%s %s fnv1a64:%016llx\n", RESULTDIR_FILE_KEY, b->file[i].name,
                scenario_hash(b->file[i].text, b->file[i].len));
    return ferror(f) ? -1 : 0;
}

struct files {
    const struct bundle *b;
    const struct buffer *manifest;
};

static int write_buffer(FILE *f, const char *file, void *ctx)
{
    const struct files *c = ctx;
    const struct buffer *from = c->manifest;
    for (int i = 0; i < c->b->n_files; i++)
        if (strcmp(c->b->file[i].name, file) == 0)
            from = &c->b->file[i];
    return fwrite(from->text, 1, from->len, f) == from->len ? 0 : -1;
}

static int commit_directory(struct bundle *b, const struct buffer *manifest, struct error *e)
{
    const char *names[BUNDLE_MAX_FILES + 1];
    for (int i = 0; i < b->n_files; i++)
        names[i] = b->file[i].name;
    names[b->n_files] = BUNDLE_MANIFEST;
    struct files c = {b, manifest};
    return resultdir_write(b->target, b->n_files + 1, names, write_buffer, &c, e);
}

/* The manifest's comment lines, then the body: to standard output, or into
 * a fresh file beside the target renamed over it when complete. */
static int commit_file(struct bundle *b, const struct buffer *manifest, struct error *e)
{
    const struct buffer *body = &b->file[0];
    if (b->target[0] == '\0') {
        /* the command's final flush of standard output reports a failed write
         * with its reason (sim/app/main.c) */
        int failed = fwrite(manifest->text, 1, manifest->len, stdout) != manifest->len ||
                     fwrite(body->text, 1, body->len, stdout) != body->len;
        return failed ? error_set(e, ERROR_RUNTIME, "standard output: %s", strerror(errno)) : 0;
    }
    char tmp[4200];
    if (cleanup_temp_name(b->target, tmp, sizeof tmp) != 0)
        return error_set(e, ERROR_INPUT, "%s: path too long", b->target);
    cleanup_install();
    cleanup_sweep_stale(b->target);
    int fd = mkstemp(tmp);
    int slot = fd >= 0 ? cleanup_register(tmp, 0) : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        if (fd >= 0) {
            close(fd);
            remove(tmp);
        }
        cleanup_forget(slot);
        return error_set(e, ERROR_RUNTIME, "%s: cannot create a temporary file: %s", b->target,
                         strerror(errno));
    }
    mode_t mask = umask(0); /* mkstemp makes 0600; results are ordinary files */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    int failed = fwrite(manifest->text, 1, manifest->len, f) != manifest->len ||
                 fwrite(body->text, 1, body->len, f) != body->len;
    failed |= fclose(f) != 0;
    if (failed || rename(tmp, b->target) != 0) {
        int err = errno;
        remove(tmp);
        cleanup_forget(slot);
        return error_set(e, ERROR_RUNTIME, "%s: %s: %s", b->target,
                         failed ? "write failed" : "cannot rename into place", strerror(err));
    }
    cleanup_forget(slot);
    return 0;
}

/* Close every stream; -1 if any write to one failed. */
static int close_all(struct bundle *b)
{
    int failed = 0;
    for (int i = 0; i < b->n_files; i++)
        failed |= buffer_close(&b->file[i]);
    for (int i = 0; i < N_BUNDLE_PARTS; i++)
        failed |= buffer_close(&b->note[i]);
    return failed ? -1 : 0;
}

/* The manifest's head from the provenance (a reopened bundle has its own). */
static int build_head(struct bundle *b, const struct bundle_provenance *p, struct error *e)
{
    if (b->reopened)
        return 0;
    unsigned long long data_hash = 0;
    if (p->data_path != NULL && hash_file(p->data_path, &data_hash, e) != 0)
        return -1;
    if (buffer_open(&b->head, BUNDLE_MANIFEST) != 0)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    int failed = write_head(b->head.f, b->single ? "# " : "", b, p, data_hash) != 0;
    failed |= buffer_close(&b->head) != 0;
    return failed ? error_set(e, ERROR_RUNTIME, "cannot format the manifest") : 0;
}

int bundle_commit(struct bundle *b, const struct bundle_provenance *p, struct error *e)
{
    if (b->single && b->n_files != 1)
        return error_set(e, ERROR_RUNTIME, "%s: a single-file result needs its one file",
                         b->target[0] ? b->target : "standard output");
    if (close_all(b) != 0)
        return error_set(e, ERROR_RUNTIME, "cannot format the results (out of memory?)");
    if (build_head(b, p, e) != 0)
        return -1;
    if (b->extra != NULL && b->extra->fn(b, b->extra_sc, b->extra->ctx, e) != 0)
        return -1;
    if (close_all(b) != 0)
        return error_set(e, ERROR_RUNTIME, "cannot format the results (out of memory?)");
    struct buffer manifest;
    if (buffer_open(&manifest, BUNDLE_MANIFEST) != 0)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    int failed = write_manifest(manifest.f, b) != 0;
    failed |= buffer_close(&manifest) != 0;
    int rc = failed      ? error_set(e, ERROR_RUNTIME, "cannot format the manifest")
             : b->single ? commit_file(b, &manifest, e)
                         : commit_directory(b, &manifest, e);
    free(manifest.text);
    return rc;
}

void bundle_free(struct bundle *b)
{
    if (b == NULL)
        return;
    for (int i = 0; i < b->n_files; i++) {
        buffer_close(&b->file[i]);
        free(b->file[i].text);
    }
    for (int i = 0; i < N_BUNDLE_PARTS; i++) {
        buffer_close(&b->note[i]);
        free(b->note[i].text);
    }
    buffer_close(&b->head);
    free(b->head.text);
    free(b);
}

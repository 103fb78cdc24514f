/* resultdir: atomic results directories that never cost a user's file (see
 * resultdir.h). */
#include "io/resultdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wfsim/scenario.h"
#include "base/cleanup.h"

#define MANIFEST "manifest.txt"
/* Room for the temporaries' suffix (".tmp-PID-XXXXXX") beside the target. */
#define SUFFIX_ROOM 32

/* The files an earlier manifest lists, with their hashes. */
struct listing {
    int n;
    char name[RESULTDIR_MAX_FILES][256];
    unsigned long long hash[RESULTDIR_MAX_FILES];
};

int resultdir_hash_file(int dirfd, const char *name, int follow, unsigned long long *hash)
{
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
    if (fd < 0)
        return -1;
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? 2 * cap : 65536;
            char *grown = realloc(text, cap);
            if (grown == NULL) {
                free(text);
                close(fd);
                return -1;
            }
            text = grown;
        }
        ssize_t got = read(fd, text + len, cap - len);
        if (got < 0) {
            free(text);
            close(fd);
            return -1;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    *hash = scenario_hash(text, len);
    free(text);
    return 0;
}

/* The "file: NAME fnv1a64:HASH" lines of dir's manifest. 0, or -1 when the
 * manifest cannot be read. */
static int read_listing(const char *dir, struct listing *l)
{
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s", dir, MANIFEST);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (f == NULL) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    l->n = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0 && l->n < RESULTDIR_MAX_FILES) {
        char name[256];
        unsigned long long h;
        if (strncmp(line, RESULTDIR_FILE_KEY " ", strlen(RESULTDIR_FILE_KEY) + 1) == 0 &&
            sscanf(line + strlen(RESULTDIR_FILE_KEY) + 1, "%255s fnv1a64:%llx", name, &h) == 2) {
            snprintf(l->name[l->n], sizeof l->name[l->n], "%s", name);
            l->hash[l->n++] = h;
        }
    }
    free(line);
    fclose(f);
    return 0;
}

static int listed(const struct listing *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->name[i], name) == 0)
            return i;
    return -1;
}

/* Whether a listed name lies in subdirectory `sub`. */
static int listed_dir(const struct listing *l, const char *sub)
{
    size_t n = strlen(sub);
    for (int i = 0; i < l->n; i++)
        if (strncmp(l->name[i], sub, n) == 0 && l->name[i][n] == '/')
            return 1;
    return 0;
}

static int refuse(struct error *e, const char *dir, const char *what, const char *name)
{
    return error_set(e, ERROR_INPUT, "%s: %s%s%s; not replacing it (move it, or choose another -o)",
                     dir, name, name[0] ? " " : "", what);
}

/* Every entry of dir/sub ("" for dir) is wfsim's: the manifest (at the top),
 * a listed file with its hash, or a subdirectory of listed files. */
static int check_entries(const char *dir, const char *sub, const struct listing *l, struct error *e)
{
    char path[PATH_MAX + 300];
    snprintf(path, sizeof path, "%s%s%s", dir, sub[0] ? "/" : "", sub);
    DIR *d = opendir(path);
    if (d == NULL)
        return error_set(e, ERROR_INPUT, "%s: cannot read: %s", path, strerror(errno));
    int rc = 0;
    for (struct dirent *de; rc == 0 && (de = readdir(d)) != NULL;) {
        const char *n = de->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
            continue;
        char rel[600];
        snprintf(rel, sizeof rel, "%s%s%s", sub, sub[0] ? "/" : "", n);
        struct stat sb;
        if (fstatat(dirfd(d), n, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
            rc = refuse(e, dir, "cannot be examined", rel);
        } else if (S_ISLNK(sb.st_mode)) {
            rc = refuse(e, dir, "is a symbolic link, which wfsim did not write", rel);
        } else if (S_ISDIR(sb.st_mode)) {
            rc = sub[0] == '\0' && listed_dir(l, n)
                     ? check_entries(dir, n, l, e)
                     : refuse(e, dir, "is a directory wfsim did not write", rel);
        } else if (!S_ISREG(sb.st_mode)) {
            rc = refuse(e, dir, "is not a file wfsim wrote", rel);
        } else if (sub[0] == '\0' && strcmp(n, MANIFEST) == 0) {
            continue;
        } else {
            int i = listed(l, rel);
            unsigned long long h;
            if (i < 0)
                rc = refuse(e, dir, "is not a file wfsim wrote (its manifest does not list it)",
                            rel);
            else if (resultdir_hash_file(dirfd(d), n, 0, &h) != 0 || h != l->hash[i])
                rc = refuse(e, dir, "was changed after wfsim wrote it", rel);
        }
    }
    closedir(d);
    return rc;
}

static int path_fits(const char *dir, struct error *e)
{
    if (dir[0] == '\0')
        return error_set(e, ERROR_INPUT, "-o: must name a directory (got \"\")");
    if (strlen(dir) + SUFFIX_ROOM >= PATH_MAX)
        return error_set(e, ERROR_INPUT, "%.60s...: path too long (at most %d characters)", dir,
                         PATH_MAX - SUFFIX_ROOM - 1);
    for (const char *p = dir; *p != '\0';) {
        size_t n = strcspn(p, "/");
        if (n + SUFFIX_ROOM > NAME_MAX)
            return error_set(e, ERROR_INPUT,
                             "%.*s...: a name in the path is too long (at most %d "
                             "characters)",
                             60, p, NAME_MAX - SUFFIX_ROOM);
        p += n + (p[n] == '/');
    }
    return 0;
}

int resultdir_check(const char *given, struct error *e)
{
    if (path_fits(given, e) != 0)
        return -1;
    char dir[PATH_MAX];
    size_t len = strlen(given);
    while (len > 1 && given[len - 1] == '/')
        len--;
    snprintf(dir, sizeof dir, "%.*s", (int)len, given); /* "out/" is named "out" */
    struct stat sb;
    if (lstat(dir, &sb) != 0)
        return 0;
    if (S_ISLNK(sb.st_mode))
        return error_set(e, ERROR_INPUT,
                         "%s: is a symbolic link; not replacing it (give the directory it points "
                         "to, or another -o)",
                         dir);
    if (!S_ISDIR(sb.st_mode))
        return error_set(e, ERROR_INPUT,
                         "%s: exists and is not a wfsim results directory; not replacing it", dir);
    struct listing *l = calloc(1, sizeof *l);
    if (l == NULL)
        return error_set(e, ERROR_RUNTIME, "out of memory");
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s", dir, MANIFEST);
    int rc = 0;
    if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        DIR *d = opendir(dir);
        int empty = 1;
        for (struct dirent *de; d != NULL && empty && (de = readdir(d)) != NULL;)
            empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
        if (d != NULL)
            closedir(d);
        if (!empty)
            rc = error_set(e, ERROR_INPUT,
                           "%s: exists and is not a wfsim results directory (no manifest.txt); "
                           "not replacing it",
                           dir);
    } else if (read_listing(dir, l) != 0) {
        rc = error_set(e, ERROR_INPUT, "%s: cannot read its manifest.txt; not replacing it", dir);
    } else if (l->n == 0) {
        rc = error_set(e, ERROR_INPUT,
                       "%s: its manifest.txt lists no files (not written by this wfsim); not "
                       "replacing it",
                       dir);
    } else {
        rc = check_entries(dir, "", l, e);
    }
    free(l);
    return rc;
}

/* Create the missing parents of `path`; on failure remove those created. */
static int make_parents(const char *path, struct error *e)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s", path);
    char *made[64];
    int n_made = 0, rc = 0;
    for (char *s = p + 1; *s != '\0' && rc == 0; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) == 0) {
            if (n_made < 64)
                made[n_made++] = strdup(p);
        } else if (errno != EEXIST) {
            rc = error_set(e, ERROR_RUNTIME, "%s: cannot create directory: %s", p, strerror(errno));
        }
        *s = '/';
    }
    for (int i = n_made - 1; i >= 0; i--) {
        if (rc != 0 && made[i] != NULL)
            rmdir(made[i]);
        free(made[i]);
    }
    return rc;
}

/* Remove what resultdir_check accepted in an earlier results directory: its
 * listed files, its subdirectories of them, its manifest; nothing else, no
 * link followed. */
static void remove_listed(const char *dir, const struct listing *l)
{
    char path[PATH_MAX + 300];
    for (int i = 0; i < l->n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, l->name[i]);
        struct stat sb;
        if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode))
            unlink(path);
        char *slash = strrchr(l->name[i], '/');
        if (slash != NULL) {
            snprintf(path, sizeof path, "%s/%.*s", dir, (int)(slash - l->name[i]), l->name[i]);
            rmdir(path); /* fails while another listed file is still in it */
        }
    }
    snprintf(path, sizeof path, "%s/%s", dir, MANIFEST);
    unlink(path);
    rmdir(dir);
}

/* Move the finished temporary directory into place. An earlier results
 * directory moves aside to a fresh temporary name (registered to move back
 * if a signal comes before the new one is in place), then goes. */
static int commit(const char *tmp, const char *dir, struct error *e)
{
    struct stat sb;
    if (lstat(dir, &sb) != 0)
        return rename(tmp, dir) == 0
                   ? 0
                   : error_set(e, ERROR_RUNTIME, "%s: cannot rename into place: %s", dir,
                               strerror(errno));
    if (resultdir_check(dir, e) != 0)
        return -1;
    struct listing *l = calloc(1, sizeof *l);
    char old[PATH_MAX];
    if (l == NULL || cleanup_aside_name(dir, old, sizeof old) != 0 || mkdtemp(old) == NULL) {
        free(l);
        return error_set(e, ERROR_RUNTIME, "%s: cannot move the earlier results aside", dir);
    }
    if (read_listing(dir, l) != 0)
        l->n = 0; /* an empty directory: nothing listed to remove */
    int restore = cleanup_register_restore(old, dir);
    int rc = 0;
    if (rename(dir, old) != 0) { /* onto the empty temporary directory */
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot move aside: %s", dir, strerror(errno));
        rmdir(old);
    } else if (rename(tmp, dir) != 0) {
        int err = errno;
        rename(old, dir);
        rc = error_set(e, ERROR_RUNTIME, "%s: cannot rename into place: %s", dir, strerror(err));
    }
    cleanup_forget(restore);
    if (rc == 0)
        remove_listed(old, l);
    free(l);
    return rc;
}

static int write_one(const char *dir, const char *file, resultdir_writer write, void *ctx,
                     struct error *e)
{
    char path[PATH_MAX + 300];
    if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
        return error_set(e, ERROR_INPUT, "%s: path too long", dir);
    const char *slash = strchr(file, '/');
    if (slash != NULL) { /* a subdirectory of the results */
        char sub[PATH_MAX + 300];
        snprintf(sub, sizeof sub, "%s/%.*s", dir, (int)(slash - file), file);
        if (mkdir(sub, 0777) != 0 && errno != EEXIST)
            return error_set(e, ERROR_RUNTIME, "%s: cannot create directory: %s", sub,
                             strerror(errno));
    }
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create: %s", path, strerror(errno));
    int rc = write(f, file, ctx);
    if (fclose(f) != 0 || rc != 0)
        return error_set(e, ERROR_RUNTIME, "%s: write failed: %s", path, strerror(errno));
    return 0;
}

int resultdir_write(const char *dir, int n_files, const char *const *files, resultdir_writer write,
                    void *ctx, struct error *e)
{
    if (path_fits(dir, e) != 0)
        return -1;
    char target[PATH_MAX], tmp[PATH_MAX];
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    snprintf(target, sizeof target, "%.*s", (int)n, dir);
    if (cleanup_temp_name(target, tmp, sizeof tmp) != 0)
        return error_set(e, ERROR_INPUT, "%s: path too long", dir);
    int rc = make_parents(tmp, e);
    if (rc != 0)
        return rc;
    cleanup_install();
    cleanup_sweep_stale(target); /* a dead run's leftovers, its moved-aside results put back */
    if (mkdtemp(tmp) == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create a temporary directory: %s", dir,
                         strerror(errno));
    int slot = cleanup_register(tmp, 1);
    mode_t mask = umask(0); /* mkdtemp makes 0700; results are ordinary files */
    umask(mask);
    chmod(tmp, 0777 & ~mask);
    for (int i = 0; i < n_files && rc == 0; i++)
        rc = write_one(tmp, files[i], write, ctx, e);
    if (rc == 0)
        rc = commit(tmp, target, e);
    if (rc != 0) {
        /* remove what this run wrote into its own temporary, subdirectories too */
        for (int i = 0; i < n_files; i++) {
            char path[PATH_MAX + 300];
            snprintf(path, sizeof path, "%s/%s", tmp, files[i]);
            unlink(path);
            const char *slash = strchr(files[i], '/');
            if (slash != NULL) {
                snprintf(path, sizeof path, "%s/%.*s", tmp, (int)(slash - files[i]), files[i]);
                rmdir(path);
            }
        }
        rmdir(tmp);
    }
    cleanup_forget(slot);
    return rc;
}

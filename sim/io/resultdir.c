/* resultdir: atomic results directories (see resultdir.h). */
#include "io/resultdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Remove a directory holding only regular files (a results directory). */
static void remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d != NULL) {
        for (struct dirent *de; (de = readdir(d)) != NULL;) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char path[4096];
            if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) < (int)sizeof path)
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* 1 if dir holds regular files only (0 if anything else), -1 if unreadable;
 * *has_manifest says whether manifest.txt is among them, *empty whether
 * there is nothing. */
static int flat_dir(const char *dir, int *has_manifest, int *empty)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int flat = 1;
    *has_manifest = 0;
    *empty = 1;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        *empty = 0;
        char path[4096];
        struct stat sb;
        if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path ||
            lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            flat = 0;
        if (strcmp(de->d_name, "manifest.txt") == 0)
            *has_manifest = 1;
    }
    closedir(d);
    return flat;
}

int resultdir_check(const char *dir, struct error *e)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return 0;
    int manifest = 0, empty = 0;
    int flat = S_ISDIR(sb.st_mode) ? flat_dir(dir, &manifest, &empty) : 0;
    if (!(flat == 1 && (manifest || empty)))
        return error_set(e, ERROR_INPUT,
                         "%s: exists and is not a wfsim results directory (manifest.txt and "
                         "plain files only); not replacing it",
                         dir);
    return 0;
}

static int make_parents(const char *dir, struct error *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", dir);
    for (char *p = path + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return error_set(e, ERROR_RUNTIME, "%s: cannot create directory: %s", path,
                             strerror(errno));
        *p = '/';
    }
    return 0;
}

/* Move the finished temporary directory into place. */
static int commit(const char *tmp, const char *dir, struct error *e)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return rename(tmp, dir) == 0
                   ? 0
                   : error_set(e, ERROR_RUNTIME, "%s: cannot rename into place: %s", dir,
                               strerror(errno));
    char old[4096];
    if (snprintf(old, sizeof old, "%s.old", tmp) >= (int)sizeof old)
        return error_set(e, ERROR_INPUT, "%s: path too long", dir);
    if (resultdir_check(dir, e) != 0)
        return -1;
    if (rename(dir, old) != 0)
        return error_set(e, ERROR_RUNTIME, "%s: cannot move aside: %s", dir, strerror(errno));
    if (rename(tmp, dir) != 0) {
        int err = errno;
        rename(old, dir);
        return error_set(e, ERROR_RUNTIME, "%s: cannot rename into place: %s", dir, strerror(err));
    }
    remove_flat_dir(old);
    return 0;
}

static int write_one(const char *dir, const char *file, resultdir_writer write, void *ctx,
                     struct error *e)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
        return error_set(e, ERROR_INPUT, "%s: path too long", dir);
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
    char tmp[4096];
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    snprintf(tmp, sizeof tmp, "%.*s.tmp-XXXXXX", (int)n, dir);
    int rc = make_parents(tmp, e);
    if (rc == 0 && mkdtemp(tmp) == NULL)
        return error_set(e, ERROR_RUNTIME, "%s: cannot create a temporary directory: %s", dir,
                         strerror(errno));
    if (rc != 0)
        return rc;
    mode_t mask = umask(0); /* mkdtemp makes 0700; results are ordinary files */
    umask(mask);
    chmod(tmp, 0777 & ~mask);
    for (int i = 0; i < n_files && rc == 0; i++)
        rc = write_one(tmp, files[i], write, ctx, e);
    char target[4096];
    snprintf(target, sizeof target, "%.*s", (int)n, dir);
    if (rc == 0)
        rc = commit(tmp, target, e);
    if (rc != 0)
        remove_flat_dir(tmp);
    return rc;
}

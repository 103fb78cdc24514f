/* cleanup: removing an interrupted run's temporaries (see base/cleanup.h). */
#define _GNU_SOURCE /* syscall(SYS_getdents64) */
#include "base/cleanup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The registered temporaries. A slot is written while `used` is 0 and
 * published by setting it, so the handler never reads a half-written path. */
enum slot_kind { REMOVE_FILE, REMOVE_DIR, RESTORE };
static struct {
    volatile sig_atomic_t used;
    int kind;
    char path[CLEANUP_PATH_MAX];
    char to[CLEANUP_PATH_MAX]; /* RESTORE: where path goes back to */
} slots[CLEANUP_SLOTS];
static volatile sig_atomic_t installed;

struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

int cleanup_remove_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[4096] __attribute__((aligned(8)));
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0)
            break;
        for (long off = 0; off < n;) {
            struct linux_dirent64 *de = (struct linux_dirent64 *)(buf + off);
            off += de->d_reclen;
            const char *s = de->d_name;
            if (s[0] == '.' && (s[1] == '\0' || (s[1] == '.' && s[2] == '\0')))
                continue;
            unlinkat(fd, s, 0); /* fails on a subdirectory: left, and so is the parent */
        }
    }
    close(fd);
    return rmdir(path);
}

static void on_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < CLEANUP_SLOTS; i++)
        if (slots[i].used && slots[i].kind == RESTORE) {
            rename(slots[i].path, slots[i].to); /* fails harmlessly if `to` is back */
            slots[i].used = 0;
        }
    for (int i = 0; i < CLEANUP_SLOTS; i++) {
        if (!slots[i].used)
            continue;
        if (slots[i].kind == REMOVE_DIR)
            cleanup_remove_dir(slots[i].path);
        else
            unlink(slots[i].path);
        slots[i].used = 0;
    }
    errno = saved;
    signal(sig, SIG_DFL);
    raise(sig);
}

int cleanup_install(void)
{
    if (installed)
        return 0;
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaddset(&sa.sa_mask, sigs[i]);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* a signal the parent ignores (nohup, background jobs) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        if (sigaction(sigs[i], &sa, NULL) != 0)
            return -1;
    }
    installed = 1;
    return 0;
}

static int add(int kind, const char *path, const char *to)
{
    size_t n = strlen(path), m = to != NULL ? strlen(to) : 0;
    if (n >= CLEANUP_PATH_MAX || m >= CLEANUP_PATH_MAX)
        return -1;
    for (int i = 0; i < CLEANUP_SLOTS; i++) {
        if (slots[i].used)
            continue;
        memcpy(slots[i].path, path, n + 1);
        memcpy(slots[i].to, to != NULL ? to : "", m + 1);
        slots[i].kind = kind;
        slots[i].used = 1;
        return i;
    }
    return -1;
}

int cleanup_register(const char *path, int is_dir)
{
    return add(is_dir ? REMOVE_DIR : REMOVE_FILE, path, NULL);
}

int cleanup_register_restore(const char *from, const char *to)
{
    return add(RESTORE, from, to);
}

void cleanup_forget(int slot)
{
    if (slot >= 0 && slot < CLEANUP_SLOTS)
        slots[slot].used = 0;
}

#define TEMP_MARK ".tmp-"
#define ASIDE_MARK ".old-"

static int pattern(const char *target, const char *mark, char *buf, size_t size)
{
    size_t n = strlen(target);
    while (n > 1 && target[n - 1] == '/')
        n--;
    int w = snprintf(buf, size, "%.*s%s%ld-XXXXXX", (int)n, target, mark, (long)getpid());
    return (w < 0 || (size_t)w >= size) ? -1 : 0;
}

int cleanup_temp_name(const char *target, char *buf, size_t size)
{
    return pattern(target, TEMP_MARK, buf, size);
}

int cleanup_aside_name(const char *target, char *buf, size_t size)
{
    return pattern(target, ASIDE_MARK, buf, size);
}

/* The pid of a name "BASE" MARK "PID-XXXXXX" (six characters of mkstemp's
 * alphabet), or 0 when the name is not of that form. */
static long temp_owner(const char *name, const char *base, const char *mark)
{
    size_t nb = strlen(base);
    if (strncmp(name, base, nb) != 0 || strncmp(name + nb, mark, 5) != 0)
        return 0;
    const char *p = name + nb + 5;
    char *end;
    errno = 0;
    long pid = strtol(p, &end, 10);
    if (errno != 0 || end == p || pid <= 0 || *end != '-' || strlen(end + 1) != 6)
        return 0;
    for (const char *q = end + 1; *q != '\0'; q++)
        if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
            return 0;
    return pid;
}

/* Whether directory `path` holds regular files only (and, at depth 1,
 * subdirectories of regular files: a results directory's charts/). */
static int only_files(const char *path, int depth)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return 0;
    int ok = 1;
    for (struct dirent *de; ok && (de = readdir(d)) != NULL;) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        struct stat sb;
        char sub[2 * CLEANUP_PATH_MAX + 2];
        ok = fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
             (S_ISREG(sb.st_mode) ||
              (S_ISDIR(sb.st_mode) && depth == 1 &&
               snprintf(sub, sizeof sub, "%s/%s", path, de->d_name) < (int)sizeof sub &&
               only_files(sub, 0)));
    }
    closedir(d);
    return ok;
}

/* Remove what only_files(path, 1) accepted. */
static int remove_results(const char *path)
{
    DIR *d = opendir(path);
    if (d != NULL) {
        for (struct dirent *de; (de = readdir(d)) != NULL;) {
            struct stat sb;
            char sub[2 * CLEANUP_PATH_MAX + 2];
            if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
                fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISDIR(sb.st_mode) &&
                snprintf(sub, sizeof sub, "%s/%s", path, de->d_name) < (int)sizeof sub)
                cleanup_remove_dir(sub);
        }
        closedir(d);
    }
    return cleanup_remove_dir(path);
}

int cleanup_sweep_stale(const char *target)
{
    char dir[CLEANUP_PATH_MAX], base[CLEANUP_PATH_MAX];
    size_t n = strlen(target);
    while (n > 1 && target[n - 1] == '/')
        n--;
    if (n == 0 || n >= sizeof dir)
        return 0;
    snprintf(dir, sizeof dir, "%.*s", (int)n, target);
    char *slash = strrchr(dir, '/');
    if (slash == NULL) {
        snprintf(base, sizeof base, "%s", dir);
        snprintf(dir, sizeof dir, ".");
    } else {
        snprintf(base, sizeof base, "%s", slash + 1);
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    int removed = 0;
    struct stat tb;
    int target_there = lstat(target, &tb) == 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        long pid = temp_owner(de->d_name, base, TEMP_MARK);
        int aside = pid == 0 && (pid = temp_owner(de->d_name, base, ASIDE_MARK)) != 0;
        if (pid == 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char path[2 * CLEANUP_PATH_MAX + 2];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (lstat(path, &sb) != 0)
            continue;
        if (aside && !target_there) {
            /* earlier results a killed run had moved aside: put them back */
            target_there = rename(path, target) == 0;
            continue;
        }
        if (S_ISREG(sb.st_mode))
            removed += unlink(path) == 0;
        else if (S_ISDIR(sb.st_mode) && only_files(path, 1))
            removed += remove_results(path) == 0;
    }
    closedir(d);
    return removed;
}

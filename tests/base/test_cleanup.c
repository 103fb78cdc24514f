/* test_cleanup: an interrupted run's temporaries (base/cleanup.h). Signals
 * are raised in forked children so the test process itself survives. */
#include "support/testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"

struct fixture {
    char dir[256];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/wfsim-test-cleanup.XXXXXX");
    if (f == NULL || mkdtemp(f->dir) == NULL)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[1024];
    assert_true(snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static int exists(const char *dir, const char *name)
{
    char path[1024];
    struct stat sb;
    assert_true(snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path);
    return lstat(path, &sb) == 0;
}

/* A pid that belonged to a process which has exited and been reaped. */
static long dead_pid(void)
{
    pid_t p = fork();
    if (p == 0)
        _exit(0);
    assert_true(p > 0);
    waitpid(p, NULL, 0);
    return (long)p;
}

static void test_cleanup_temp_name_carries_the_pid(void **state)
{
    (void)state;
    char buf[128], want[128];
    assert_int_equal(cleanup_temp_name("results/x//", buf, sizeof buf), 0);
    snprintf(want, sizeof want, "results/x.tmp-%ld-XXXXXX", (long)getpid());
    assert_string_equal(buf, want);
    assert_int_equal(cleanup_temp_name("results/x", buf, 10), -1);
}

static void test_cleanup_sweep_removes_only_dead_owners_of_its_pattern(void **state)
{
    struct fixture *f = *state;
    long dead = dead_pid();
    char name[128], target[300], path[1024];
    assert_true(snprintf(target, sizeof target, "%s/out", f->dir) < (int)sizeof target);
    /* the user's own results and a file beside them: never touched */
    assert_true(snprintf(path, sizeof path, "%s/out", f->dir) < (int)sizeof path);
    assert_int_equal(mkdir(path, 0777), 0);
    put(path, "notes.txt", "mine");
    /* a dead run's directory of plain files: removed */
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-aB3xZ9", dead) < (int)sizeof name);
    assert_true(snprintf(path, sizeof path, "%s/%s", f->dir, name) < (int)sizeof path);
    assert_int_equal(mkdir(path, 0777), 0);
    put(path, "timeseries.csv", "a,b\n");
    put(path, "manifest.txt", "m\n");
    /* a dead run's file (dfe build): removed */
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-Qw12er", dead) < (int)sizeof name);
    put(f->dir, name, "x");
    /* a live owner (our parent): kept */
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-liveAA", (long)getppid()) <
                (int)sizeof name);
    put(f->dir, name, "x");
    /* a dead owner's directory holding a link: kept, and so is the link's target */
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-linkAA", dead) < (int)sizeof name);
    assert_true(snprintf(path, sizeof path, "%s/%s", f->dir, name) < (int)sizeof path);
    assert_int_equal(mkdir(path, 0777), 0);
    char link[1100], to[300];
    assert_true(snprintf(link, sizeof link, "%s/l", path) < (int)sizeof link);
    assert_true(snprintf(to, sizeof to, "%s/out/notes.txt", f->dir) < (int)sizeof to);
    assert_int_equal(symlink(to, link), 0);
    /* names that are not exactly the pattern: kept */
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-short", dead) < (int)sizeof name);
    put(f->dir, name, "x");
    assert_true(snprintf(name, sizeof name, "other.tmp-%ld-aB3xZ9", dead) < (int)sizeof name);
    put(f->dir, name, "x");

    assert_int_equal(cleanup_sweep_stale(target), 2);
    assert_true(exists(f->dir, "out/notes.txt"));
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-aB3xZ9", dead) < (int)sizeof name);
    assert_false(exists(f->dir, name));
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-Qw12er", dead) < (int)sizeof name);
    assert_false(exists(f->dir, name));
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-liveAA", (long)getppid()) <
                (int)sizeof name);
    assert_true(exists(f->dir, name));
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-linkAA/l", dead) < (int)sizeof name);
    assert_true(exists(f->dir, name));
    assert_true(snprintf(name, sizeof name, "out.tmp-%ld-short", dead) < (int)sizeof name);
    assert_true(exists(f->dir, name));
    assert_true(snprintf(name, sizeof name, "other.tmp-%ld-aB3xZ9", dead) < (int)sizeof name);
    assert_true(exists(f->dir, name));
}

/* A run killed between moving earlier results aside and renaming the new
 * ones into place: the next sweep puts the earlier results back; once the
 * target is there again, an aside copy goes like any temporary, charts/ and
 * all. */
static void test_cleanup_sweep_puts_moved_aside_results_back(void **state)
{
    struct fixture *f = *state;
    long dead = dead_pid();
    char target[300], aside[1024], charts[1100];
    assert_true(snprintf(target, sizeof target, "%s/res", f->dir) < (int)sizeof target);
    assert_true(snprintf(aside, sizeof aside, "%s/res.old-%ld-Ab12Cd", f->dir, dead) <
                (int)sizeof aside);
    assert_int_equal(mkdir(aside, 0777), 0);
    put(aside, "timeseries.csv", "earlier");
    assert_int_equal(cleanup_sweep_stale(target), 0);
    assert_true(exists(f->dir, "res/timeseries.csv"));
    /* the target back in place: a second aside copy, with its charts, goes */
    assert_true(snprintf(aside, sizeof aside, "%s/res.old-%ld-Ef34Gh", f->dir, dead) <
                (int)sizeof aside);
    assert_int_equal(mkdir(aside, 0777), 0);
    put(aside, "timeseries.csv", "older");
    assert_true(snprintf(charts, sizeof charts, "%s/charts", aside) < (int)sizeof charts);
    assert_int_equal(mkdir(charts, 0777), 0);
    put(charts, "vacancy_rate.svg", "<svg/>");
    assert_int_equal(cleanup_sweep_stale(target), 1);
    char name[128];
    assert_true(snprintf(name, sizeof name, "res.old-%ld-Ef34Gh", dead) < (int)sizeof name);
    assert_false(exists(f->dir, name));
    assert_true(exists(f->dir, "res/timeseries.csv"));
}

static void test_cleanup_remove_dir_leaves_subdirectories(void **state)
{
    struct fixture *f = *state;
    char path[1024], sub[1100];
    assert_true(snprintf(path, sizeof path, "%s/t", f->dir) < (int)sizeof path);
    assert_int_equal(mkdir(path, 0777), 0);
    put(path, "a.csv", "1");
    assert_true(snprintf(sub, sizeof sub, "%s/sub", path) < (int)sizeof sub);
    assert_int_equal(mkdir(sub, 0777), 0);
    put(sub, "keep.txt", "k");
    assert_int_equal(cleanup_remove_dir(path), -1);
    assert_false(exists(f->dir, "t/a.csv"));
    assert_true(exists(f->dir, "t/sub/keep.txt"));
}

/* Run in a child: register a temporary directory, then raise sig. */
static int child_raises(const char *path, int sig, int ignore_first)
{
    pid_t p = fork();
    if (p == 0) {
        /* as from a terminal: a test run in the background inherits SIGINT
         * ignored, which cleanup_install rightly keeps */
        signal(sig, ignore_first ? SIG_IGN : SIG_DFL);
        if (cleanup_install() != 0 || mkdir(path, 0777) != 0)
            _exit(3);
        put(path, "timeseries.csv", "half-written");
        if (cleanup_register(path, 1) < 0)
            _exit(4);
        raise(sig);
        _exit(0);
    }
    int status = 0;
    waitpid(p, &status, 0);
    return status;
}

static void test_cleanup_signal_removes_the_temporary_and_kills(void **state)
{
    struct fixture *f = *state;
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        char path[1024];
        assert_true(snprintf(path, sizeof path, "%s/run%d.tmp-1-abcdef", f->dir, i) <
                    (int)sizeof path);
        int status = child_raises(path, sigs[i], 0);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), sigs[i]);
        struct stat sb;
        assert_int_not_equal(lstat(path, &sb), 0);
    }
}

static void test_cleanup_an_ignored_signal_stays_ignored(void **state)
{
    struct fixture *f = *state;
    char path[1024];
    assert_true(snprintf(path, sizeof path, "%s/nohup.tmp-1-abcdef", f->dir) < (int)sizeof path);
    int status = child_raises(path, SIGHUP, 1);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_true(exists(f->dir, "nohup.tmp-1-abcdef/timeseries.csv"));
}

/* Earlier results moved aside go back when a signal comes before the new
 * ones are in place; after that, the move back fails and nothing is lost. */
static void test_cleanup_signal_moves_earlier_results_back(void **state)
{
    struct fixture *f = *state;
    char old[1024], dir[1024], tmp[1024];
    assert_true(snprintf(old, sizeof old, "%s/res.tmp-1-oldAAA", f->dir) < (int)sizeof old);
    assert_true(snprintf(dir, sizeof dir, "%s/res", f->dir) < (int)sizeof dir);
    assert_true(snprintf(tmp, sizeof tmp, "%s/res.tmp-1-newAAA", f->dir) < (int)sizeof tmp);
    for (int placed = 0; placed < 2; placed++) {
        assert_int_equal(mkdir(old, 0777), 0);
        put(old, "timeseries.csv", "earlier");
        assert_int_equal(mkdir(tmp, 0777), 0);
        put(tmp, "timeseries.csv", "new");
        if (placed)
            assert_int_equal(rename(tmp, dir), 0); /* the new results are in place */
        pid_t p = fork();
        if (p == 0) {
            signal(SIGTERM, SIG_DFL);
            if (cleanup_install() != 0 || cleanup_register_restore(old, dir) < 0 ||
                cleanup_register(tmp, 1) < 0 || cleanup_register(old, 1) < 0)
                _exit(3);
            raise(SIGTERM);
            _exit(0);
        }
        int status = 0;
        waitpid(p, &status, 0);
        assert_true(WIFSIGNALED(status));
        char file[1100];
        assert_true(snprintf(file, sizeof file, "%s/timeseries.csv", dir) < (int)sizeof file);
        char *text = testutil_read_file(file);
        assert_string_equal(text, placed ? "new" : "earlier");
        free(text);
        assert_false(exists(f->dir, "res.tmp-1-oldAAA"));
        assert_false(exists(f->dir, "res.tmp-1-newAAA"));
        char cmd[1100];
        assert_true(snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir) < (int)sizeof cmd);
        assert_int_equal(system(cmd), 0);
    }
}

static void test_cleanup_forgotten_slots_are_reused(void **state)
{
    (void)state;
    int slot[CLEANUP_SLOTS];
    for (int i = 0; i < CLEANUP_SLOTS; i++)
        assert_true((slot[i] = cleanup_register("/nonexistent/x", 0)) >= 0);
    assert_int_equal(cleanup_register("/nonexistent/y", 0), -1);
    cleanup_forget(slot[3]);
    assert_int_equal(cleanup_register("/nonexistent/y", 0), slot[3]);
    for (int i = 0; i < CLEANUP_SLOTS; i++)
        cleanup_forget(i);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cleanup_temp_name_carries_the_pid),
        cmocka_unit_test_setup_teardown(test_cleanup_sweep_removes_only_dead_owners_of_its_pattern,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_sweep_puts_moved_aside_results_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_remove_dir_leaves_subdirectories, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_signal_removes_the_temporary_and_kills, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_an_ignored_signal_stays_ignored, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_signal_moves_earlier_results_back, setup,
                                        teardown),
        cmocka_unit_test(test_cleanup_forgotten_slots_are_reused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

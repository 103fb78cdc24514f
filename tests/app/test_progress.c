/* test_progress: the progress line's text (a pure function of the counts and
 * the time), and that a progress not shown writes nothing. */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/progress.h"

static void expect_line(const char *unit, int estimated, long done, long total, double elapsed,
                        const char *want)
{
    char buf[160];
    int n = progress_format(buf, sizeof buf, unit, estimated, done, total, elapsed);
    assert_string_equal(buf, want);
    assert_int_equal(n, (int)strlen(want));
}

static void test_progress_no_estimate_at_first(void **state)
{
    (void)state;
    expect_line("replicates", 0, 0, 1000, 0, "wfsim: 0/1000 replicates (0%)");
    expect_line("replicates", 0, 0, 1000, 37.2, "wfsim: 0/1000 replicates (0%)");
    /* the first second is too soon to judge the pace */
    expect_line("replicates", 0, 241, 1000, 0.83, "wfsim: 241/1000 replicates (24%)");
}

static void test_progress_time_left_from_the_pace(void **state)
{
    (void)state;
    /* 241 in 12.3 s: 759 more take 38.7 s, shown rounded up */
    expect_line("replicates", 0, 241, 1000, 12.3,
                "wfsim: 241/1000 replicates (24%), about 39 s left");
    /* 3 of 151 councils in 4.37 s: 215.6 s left */
    expect_line("councils", 0, 3, 151, 4.37, "wfsim: 3/151 councils (1%), about 3 min 36 s left");
    /* 17 of 6000 in 23.7 s: 8341 s left */
    expect_line("replicates of all runs", 0, 17, 6000, 23.7,
                "wfsim: 17/6000 replicates of all runs (0%), about 2 h 19 min left");
    /* exactly a minute left is shown in minutes */
    expect_line("replicates", 0, 500, 1000, 60,
                "wfsim: 500/1000 replicates (50%), about 1 min 00 s left");
}

static void test_progress_estimated_total_and_the_end(void **state)
{
    (void)state;
    expect_line("fit trials", 1, 57, 148, 3.1, "wfsim: 57/~148 fit trials (38%), about 5 s left");
    /* no time left at the end, and a total of 0 does not divide by zero */
    expect_line("replicates", 0, 1000, 1000, 61.5, "wfsim: 1000/1000 replicates (100%)");
    expect_line("councils", 0, 0, 0, 2, "wfsim: 0/0 councils (0%)");
}

/* A progress not shown (standard error not a terminal, or -q) writes
 * nothing, whatever it is told. */
static void test_progress_hidden_writes_nothing(void **state)
{
    (void)state;
    char path[] = "/tmp/wfsim-test-progress-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fd, STDERR_FILENO), STDERR_FILENO);
    assert_int_equal(progress_wanted(0), 0); /* a file is not a terminal */
    assert_int_equal(progress_wanted(1), 0);
    struct progress p;
    progress_init(&p, "replicates", 0, progress_wanted(0));
    for (long k = 0; k <= 200; k++)
        progress_update(&p, k, 200);
    fflush(stderr);
    assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    assert_int_equal(size, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress_no_estimate_at_first),
        cmocka_unit_test(test_progress_time_left_from_the_pace),
        cmocka_unit_test(test_progress_estimated_total_and_the_end),
        cmocka_unit_test(test_progress_hidden_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

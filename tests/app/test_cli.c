/* test_cli: command-line parsing into struct cli_options, and every usage
 * error with its exact message. */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "app/cli.h"

#define ARGC(argv) ((int)(sizeof(argv) / sizeof((argv)[0])))

static int parse(int argc, char **argv, struct cli_options *o, struct error *e)
{
    error_clear(e);
    return cli_parse(argc, argv, o, e);
}

/* Parse `argv` and expect failure with exactly `msg`. */
static void expect_error(int argc, char **argv, const char *msg)
{
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(argc, argv, &o, &e), -1);
    assert_string_equal(e.msg, msg);
    assert_int_equal(e.kind, ERROR_INPUT);
}

static void expect_command(char *word, enum cli_command command)
{
    char *argv[] = {"wfsim", word};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.command, command);
    assert_int_equal(o.n_files, 0);
    assert_int_equal(o.n_sets, 0);
}

static void test_cli_commands_without_files(void **state)
{
    (void)state;
    expect_command("keys", CLI_KEYS);
    expect_command("metrics", CLI_METRICS);
    expect_command("--help", CLI_HELP);
    expect_command("-h", CLI_HELP);
    expect_command("help", CLI_HELP);
    expect_command("--version", CLI_VERSION);
    assert_non_null(strstr(cli_usage(), "wfsim run SCENARIO.cfg"));
}

static void test_cli_run_defaults(void **state)
{
    (void)state;
    char *argv[] = {"wfsim", "run", "a.cfg"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.command, CLI_RUN);
    assert_int_equal(o.n_files, 1);
    assert_string_equal(o.files[0], "a.cfg");
    assert_int_equal(o.n_sets, 0);
    assert_null(o.out_dir);
    assert_int_equal(o.threads, 0);
    assert_int_equal(o.quiet, 0);
    assert_int_equal(e.kind, ERROR_NONE);
}

static void test_cli_run_options(void **state)
{
    (void)state;
    char *argv[] = {"wfsim", "run", "-n",    "50",    "a.cfg", "-o", "out/x", "-s",    "42",
                    "-j",    "4",   "b.cfg", "--set", "x.y=1", "-q", "--set", "z=abc", "-"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.command, CLI_RUN);
    assert_int_equal(o.n_files, 3);
    assert_string_equal(o.files[0], "a.cfg");
    assert_string_equal(o.files[1], "b.cfg");
    assert_string_equal(o.files[2], "-"); /* a lone dash is a file name */
    assert_string_equal(o.out_dir, "out/x");
    assert_int_equal(o.threads, 4);
    assert_int_equal(o.quiet, 1);
    /* --set in order, then -n and -s, which win */
    assert_int_equal(o.n_sets, 4);
    assert_string_equal(o.sets[0].origin, "--set");
    assert_string_equal(o.sets[0].text, "x.y=1");
    assert_string_equal(o.sets[1].origin, "--set");
    assert_string_equal(o.sets[1].text, "z=abc");
    assert_string_equal(o.sets[2].origin, "-n");
    assert_string_equal(o.sets[2].text, "simulation.replicates=50");
    assert_string_equal(o.sets[3].origin, "-s");
    assert_string_equal(o.sets[3].text, "simulation.seed=42L");
}

static void test_cli_repeated_option_last_wins(void **state)
{
    (void)state;
    char *argv[] = {"wfsim", "run", "a.cfg", "-n", "5", "-n", "7",  "-s",
                    "1",     "-s",  "0",     "-j", "2", "-j", "256"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.n_sets, 2);
    assert_string_equal(o.sets[0].text, "simulation.replicates=7");
    assert_string_equal(o.sets[1].text, "simulation.seed=0L");
    assert_int_equal(o.threads, 256);
}

static void test_cli_validate_takes_files_and_sets(void **state)
{
    (void)state;
    char *argv[] = {"wfsim", "validate", "a.cfg", "--set", "name=x", "b.cfg"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.command, CLI_VALIDATE);
    assert_int_equal(o.n_files, 2);
    assert_string_equal(o.files[1], "b.cfg");
    assert_int_equal(o.n_sets, 1);
    assert_string_equal(o.sets[0].origin, "--set");
    assert_string_equal(o.sets[0].text, "name=x");
}

static void test_cli_missing_or_unknown_command(void **state)
{
    (void)state;
    char *none[] = {"wfsim"};
    expect_error(ARGC(none), none, "wfsim: missing command (see wfsim --help)");
    char *bad[] = {"wfsim", "frobnicate", "a.cfg"};
    expect_error(ARGC(bad), bad, "frobnicate: unknown command (see wfsim --help)");
    char *opt_first[] = {"wfsim", "-n", "5", "run", "a.cfg"};
    expect_error(ARGC(opt_first), opt_first, "-n: unknown command (see wfsim --help)");
}

static void test_cli_unknown_option(void **state)
{
    (void)state;
    char *run[] = {"wfsim", "run", "a.cfg", "-x"};
    expect_error(ARGC(run), run, "-x: unknown option for run (see wfsim --help)");
    char *longopt[] = {"wfsim", "run", "a.cfg", "--seed", "3"};
    expect_error(ARGC(longopt), longopt, "--seed: unknown option for run (see wfsim --help)");
    /* -o, -n, -s, -j and -q belong to run only */
    char *val_o[] = {"wfsim", "validate", "a.cfg", "-o", "d"};
    expect_error(ARGC(val_o), val_o, "-o: unknown option for validate (see wfsim --help)");
    char *val_n[] = {"wfsim", "validate", "a.cfg", "-n", "5"};
    expect_error(ARGC(val_n), val_n, "-n: unknown option for validate (see wfsim --help)");
    char *keys_q[] = {"wfsim", "keys", "-q"};
    expect_error(ARGC(keys_q), keys_q, "-q: unknown option for keys (see wfsim --help)");
}

static void test_cli_missing_value(void **state)
{
    (void)state;
    char *n[] = {"wfsim", "run", "a.cfg", "-n"};
    expect_error(ARGC(n), n, "-n: needs a value (see wfsim --help)");
    char *s[] = {"wfsim", "run", "a.cfg", "-s"};
    expect_error(ARGC(s), s, "-s: needs a value (see wfsim --help)");
    char *j[] = {"wfsim", "run", "a.cfg", "-j"};
    expect_error(ARGC(j), j, "-j: needs a value (see wfsim --help)");
    char *o[] = {"wfsim", "run", "a.cfg", "-o"};
    expect_error(ARGC(o), o, "-o: needs a value (see wfsim --help)");
    char *set[] = {"wfsim", "validate", "a.cfg", "--set"};
    expect_error(ARGC(set), set, "--set: needs a value (see wfsim --help)");
}

static void test_cli_bad_numbers(void **state)
{
    (void)state;
    char *n0[] = {"wfsim", "run", "a.cfg", "-n", "0"};
    expect_error(ARGC(n0), n0, "-n: must be a whole number in [1, 10000000] (got 0)");
    char *nbig[] = {"wfsim", "run", "a.cfg", "-n", "10000001"};
    expect_error(ARGC(nbig), nbig, "-n: must be a whole number in [1, 10000000] (got 10000001)");
    char *nx[] = {"wfsim", "run", "a.cfg", "-n", "5x"};
    expect_error(ARGC(nx), nx, "-n: must be a whole number in [1, 10000000] (got 5x)");
    char *nerange[] = {"wfsim", "run", "a.cfg", "-n", "99999999999999999999"};
    expect_error(ARGC(nerange), nerange,
                 "-n: must be a whole number in [1, 10000000] (got 99999999999999999999)");
    char *jabc[] = {"wfsim", "run", "a.cfg", "-j", "abc"};
    expect_error(ARGC(jabc), jabc, "-j: must be a whole number in [1, 256] (got abc)");
    char *j0[] = {"wfsim", "run", "a.cfg", "-j", "0"};
    expect_error(ARGC(j0), j0, "-j: must be a whole number in [1, 256] (got 0)");
    char *j257[] = {"wfsim", "run", "a.cfg", "-j", "257"};
    expect_error(ARGC(j257), j257, "-j: must be a whole number in [1, 256] (got 257)");
    char *sneg[] = {"wfsim", "run", "a.cfg", "-s", "-1"};
    expect_error(ARGC(sneg), sneg,
                 "-s: must be a whole number in [0, 9000000000000000000] (got -1)");
    char *sempty[] = {"wfsim", "run", "a.cfg", "-s", ""};
    expect_error(ARGC(sempty), sempty,
                 "-s: must be a whole number in [0, 9000000000000000000] (got )");
    char *sfloat[] = {"wfsim", "run", "a.cfg", "-s", "1.5"};
    expect_error(ARGC(sfloat), sfloat,
                 "-s: must be a whole number in [0, 9000000000000000000] (got 1.5)");
}

static void test_cli_files_where_none_belong(void **state)
{
    (void)state;
    char *keys[] = {"wfsim", "keys", "a.cfg"};
    expect_error(ARGC(keys), keys, "a.cfg: keys takes no files");
    char *metrics[] = {"wfsim", "metrics", "x"};
    expect_error(ARGC(metrics), metrics, "x: metrics takes no files");
    char *version[] = {"wfsim", "--version", "x"};
    expect_error(ARGC(version), version, "x: --version takes no files");
}

static void test_cli_needs_a_scenario_file(void **state)
{
    (void)state;
    char *run[] = {"wfsim", "run", "-n", "5", "--set", "a=1"};
    expect_error(ARGC(run), run, "run: needs at least one scenario file");
    char *validate[] = {"wfsim", "validate"};
    expect_error(ARGC(validate), validate, "validate: needs at least one scenario file");
}

static void test_cli_too_many_files_or_assignments(void **state)
{
    (void)state;
    char *argv[4 + 2 * (CLI_MAX_SETS + 1)];
    int argc = 0;
    argv[argc++] = "wfsim";
    argv[argc++] = "run";
    for (int i = 0; i <= CLI_MAX_FILES; i++)
        argv[argc++] = "f.cfg";
    expect_error(argc, argv, "f.cfg: too many scenario files (at most 32)");
    argc = 2;
    argv[argc++] = "a.cfg";
    for (int i = 0; i < CLI_MAX_SETS; i++) {
        argv[argc++] = "--set";
        argv[argc++] = "x=1";
    }
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(argc, argv, &o, &e), 0); /* exactly at the limit */
    assert_int_equal(o.n_sets, CLI_MAX_SETS);
    argv[argc++] = "-n";
    argv[argc++] = "5";
    expect_error(argc, argv, "-n: too many assignments (at most 48)");
    argc -= 2;
    argv[argc++] = "--set";
    argv[argc++] = "y=2";
    expect_error(argc, argv, "--set: too many assignments (at most 48)");
}

/* A seed strtoll accepts (leading zeros) must reach the scenario unchanged:
 * the assignment is the option's value with the L suffix, or an error. */
static void test_cli_long_seed_text_is_not_cut(void **state)
{
    (void)state;
    char seed[] = "000000000000000000000000000000000000000000000000042";
    char *argv[] = {"wfsim", "run", "a.cfg", "-s", seed};
    struct cli_options o;
    struct error e;
    if (parse(ARGC(argv), argv, &o, &e) != 0)
        return; /* refusing it is fine */
    /* the parsed number is passed on, so leading zeros cannot cut it */
    assert_string_equal(o.sets[0].text, "simulation.seed=42L");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_commands_without_files),
        cmocka_unit_test(test_cli_run_defaults),
        cmocka_unit_test(test_cli_run_options),
        cmocka_unit_test(test_cli_repeated_option_last_wins),
        cmocka_unit_test(test_cli_validate_takes_files_and_sets),
        cmocka_unit_test(test_cli_missing_or_unknown_command),
        cmocka_unit_test(test_cli_unknown_option),
        cmocka_unit_test(test_cli_missing_value),
        cmocka_unit_test(test_cli_bad_numbers),
        cmocka_unit_test(test_cli_files_where_none_belong),
        cmocka_unit_test(test_cli_needs_a_scenario_file),
        cmocka_unit_test(test_cli_too_many_files_or_assignments),
        cmocka_unit_test(test_cli_long_seed_text_is_not_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

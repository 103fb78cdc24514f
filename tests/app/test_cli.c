/* test_cli: the command table, command-line parsing into struct
 * cli_options, every usage error with its exact message, and the usage each
 * command prints for --help. */
#include "support/testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/cli.h"
#include "app/cli_usage.h"
#include "app/cmd.h"
#include "app/defaults.h"

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
    assert_null(strchr(e.msg, '\n')); /* one line */
}

static void expect_command(char *word, enum cli_command_id command)
{
    char *argv[] = {"wfsim", word};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.command->id, command);
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
}

static void test_cli_run_defaults(void **state)
{
    (void)state;
    char *argv[] = {"wfsim", "run", "a.cfg"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.command->id, CLI_RUN);
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
    assert_int_equal(o.command->id, CLI_RUN);
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

/* An option's value may share its word: -j2, -n50 (a number after a
 * numeric short option), --threads=4, --set=x.y=1; errors still name the
 * option. */
static void test_cli_values_joined_to_their_option(void **state)
{
    (void)state;
    char *argv[] = {"wfsim", "run",       "a.cfg",       "-j3",
                    "-n50",  "--seed=42", "--set=x.y=1", "--out=out/x"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.threads, 3);
    assert_string_equal(o.out_dir, "out/x");
    assert_int_equal(o.n_sets, 3);
    assert_string_equal(o.sets[0].origin, "--set");
    assert_string_equal(o.sets[0].text, "x.y=1");
    assert_string_equal(o.sets[1].origin, "-n");
    assert_string_equal(o.sets[1].text, "simulation.replicates=50");
    assert_string_equal(o.sets[2].origin, "--seed");
    assert_string_equal(o.sets[2].text, "simulation.seed=42L");
    char *bad[] = {"wfsim", "run", "a.cfg", "-j0"};
    expect_error(ARGC(bad), bad, "-j: must be a whole number in [1, 256] (got 0)");
    char *word[] = {"wfsim", "run", "a.cfg", "-seed", "5"}; /* not -s eed */
    expect_error(ARGC(word), word, "-seed: unknown option for run (see wfsim run --help)");
    char *flag[] = {"wfsim", "run", "a.cfg", "-qz"};
    expect_error(ARGC(flag), flag, "-qz: unknown option for run (see wfsim run --help)");
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

/* --target is a list: every one kept, in order, on run and on compare. */
static void test_cli_targets_are_kept_in_order(void **state)
{
    (void)state;
    char *argv[] = {"wfsim",    "compare",          "a.cfg",
                    "b.cfg",    "--target",         "vacancy_rate<=0.1@2025-07",
                    "--target", "caseload>=14@2027"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.targets.n, 2);
    assert_string_equal(o.targets.item[0], "vacancy_rate<=0.1@2025-07");
    assert_string_equal(o.targets.item[1], "caseload>=14@2027");
    assert_int_equal(o.varies.n, 0);
}

static void test_cli_validate_takes_files_and_sets(void **state)
{
    (void)state;
    char *argv[] = {"wfsim", "validate", "a.cfg", "--set", "name=x", "b.cfg"};
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(argv), argv, &o, &e), 0);
    assert_int_equal(o.command->id, CLI_VALIDATE);
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
    expect_error(ARGC(run), run, "-x: unknown option for run (see wfsim run --help)");
    char *longopt[] = {"wfsim", "run", "a.cfg", "--sed", "3"}; /* no prefix matching */
    expect_error(ARGC(longopt), longopt, "--sed: unknown option for run (see wfsim run --help)");
    char *single[] = {"wfsim", "run", "a.cfg", "-seed", "3"};
    expect_error(ARGC(single), single, "-seed: unknown option for run (see wfsim run --help)");
    /* -o, -n, -s, -j and -q belong to run only */
    char *val_o[] = {"wfsim", "validate", "a.cfg", "-o", "d"};
    expect_error(ARGC(val_o), val_o, "-o: unknown option for validate (see wfsim validate --help)");
    char *val_n[] = {"wfsim", "validate", "a.cfg", "-n", "5"};
    expect_error(ARGC(val_n), val_n, "-n: unknown option for validate (see wfsim validate --help)");
    char *keys_q[] = {"wfsim", "keys", "-q"};
    expect_error(ARGC(keys_q), keys_q, "-q: unknown option for keys (see wfsim keys --help)");
}

static void test_cli_missing_value(void **state)
{
    (void)state;
    char *n[] = {"wfsim", "run", "a.cfg", "-n"};
    expect_error(ARGC(n), n, "-n: needs a value (see wfsim run --help)");
    char *s[] = {"wfsim", "run", "a.cfg", "-s"};
    expect_error(ARGC(s), s, "-s: needs a value (see wfsim run --help)");
    char *j[] = {"wfsim", "run", "a.cfg", "-j"};
    expect_error(ARGC(j), j, "-j: needs a value (see wfsim run --help)");
    char *o[] = {"wfsim", "run", "a.cfg", "-o"};
    expect_error(ARGC(o), o, "-o: needs a value (see wfsim run --help)");
    char *set[] = {"wfsim", "validate", "a.cfg", "--set"};
    expect_error(ARGC(set), set, "--set: needs a value (see wfsim validate --help)");
    char *data[] = {"wfsim", "dfe", "list", "--data"};
    expect_error(ARGC(data), data, "--data: needs a value (see wfsim dfe list --help)");
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
    /* a CLI_NUMBER's range is open: its ends are refused */
    const char *const confidence[] = {"0", "1", "-0.2", "0.8x", "", "nan", "inf"};
    for (size_t i = 0; i < sizeof confidence / sizeof *confidence; i++) {
        char *goal[] = {"wfsim",   "goal",         "a.cfg",
                        "--lever", "k=0:1",        "--target",
                        "t",       "--confidence", (char *)confidence[i]};
        char msg[128];
        snprintf(msg, sizeof msg,
                 "--confidence: must be a number in (0, 1), the ends excluded (got %s)",
                 confidence[i]);
        expect_error(ARGC(goal), goal, msg);
    }
}

static void test_cli_files_where_none_belong(void **state)
{
    (void)state;
    char *keys[] = {"wfsim", "keys", "a", "b"}; /* keys takes one word, checked by cmd_keys */
    struct cli_options o;
    struct error e;
    assert_int_equal(parse(ARGC(keys), keys, &o, &e), 0);
    assert_int_equal(o.n_files, 2);
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

/* The table itself: ids in order, every command within the parser's limits,
 * no option spelled twice in a command (nor as -h, --help). */
static void test_cli_table_is_consistent(void **state)
{
    (void)state;
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    const struct cli_option *help = cli_help_option();
    assert_int_equal(n, N_CLI_COMMANDS);
    for (int k = 0; k < n; k++) {
        assert_int_equal(c[k].id, k);
        assert_ptr_equal(cli_command_of(c[k].id), &c[k]);
        assert_non_null(c[k].handler);
        assert_true(c[k].summary[0] != '\0');
        int n_options = 0, n_keys = 0;
        for (int i = 0; c[k].options[i] != NULL; i++) {
            const struct cli_option *p = c[k].options[i];
            n_options++;
            n_keys += p->kind == CLI_KEY;
            assert_true(p->kind < N_CLI_KINDS);
            assert_true((p->value == NULL) == (p->kind == CLI_FLAG));
            assert_true(p->help != NULL && p->help[0] != '\0');
            assert_true(strcmp(p->name, help->name) != 0 && p->short_name != help->short_name);
            for (int j = 0; j < i; j++) {
                assert_true(strcmp(p->name, c[k].options[j]->name) != 0);
                assert_true(p->short_name == 0 || p->short_name != c[k].options[j]->short_name);
            }
        }
        assert_true(n_options < CLI_MAX_OPTIONS);
        assert_true(n_keys <= CLI_MAX_KEYS);
    }
}

/* argv for command c with its operands and required options, then `extra`
 * (NULL-terminated), skipping the required option `skip`. */
static int build_argv(const struct cli_command *c, const struct cli_option *skip,
                      char *const *extra, char **argv, char values[][32])
{
    int argc = 0, v = 0;
    static char words[2][32];
    argv[argc++] = "wfsim";
    snprintf(words[0], sizeof words[0], "%s", c->name);
    char *space = strchr(words[0], ' ');
    argv[argc++] = words[0];
    if (space != NULL) {
        *space = '\0';
        snprintf(words[1], sizeof words[1], "%s", space + 1);
        argv[argc++] = words[1];
    }
    for (int k = 0; k < c->min_operands; k++)
        argv[argc++] = "f.cfg";
    for (int k = 0; c->options[k] != NULL; k++) {
        const struct cli_option *p = c->options[k];
        if (!p->required || p == skip)
            continue;
        snprintf(values[v], 32, "--%s", p->name);
        argv[argc++] = values[v++];
        snprintf(values[v], 32, "%lld", p->kind == CLI_WHOLE ? p->lo : 7LL);
        argv[argc++] = values[v++];
    }
    for (int k = 0; extra != NULL && extra[k] != NULL; k++)
        argv[argc++] = extra[k];
    return argc;
}

/* What option p should have done to o when given `value`. */
static void expect_effect(const struct cli_option *p, const char *spelled, const char *value,
                          const struct cli_options *o)
{
    const char *field = (const char *)o + p->offset;
    switch (p->kind) {
    case CLI_FLAG: assert_int_equal(*(const int *)field, 1); break;
    case CLI_TEXT: assert_ptr_equal(*(const char *const *)field, value); break;
    case CLI_WHOLE: assert_int_equal(*(const int *)field, atoll(value)); break;
    case CLI_NUMBER: assert_true(*(const double *)field == strtod(value, NULL)); break;
    case CLI_ASSIGN:
        assert_int_equal(o->n_sets, 1);
        assert_string_equal(o->sets[0].origin, spelled);
        assert_ptr_equal(o->sets[0].text, value);
        break;
    case CLI_KEY: {
        char want[96];
        snprintf(want, sizeof want, "%s=%s%s", p->key, value,
                 p->key_suffix != NULL ? p->key_suffix : "");
        assert_int_equal(o->n_sets, 1);
        assert_string_equal(o->sets[0].origin, spelled);
        assert_string_equal(o->sets[0].text, want);
        break;
    }
    case CLI_LIST: {
        const struct cli_list *l = (const struct cli_list *)field;
        assert_int_equal(l->n, 1);
        assert_ptr_equal(l->item[0], value);
        break;
    }
    default: fail_msg("option --%s has no kind", p->name);
    }
}

/* Every option of every command parses, long and short, with a value from
 * its range, and does what its kind says. */
static void test_cli_every_option_parses(void **state)
{
    (void)state;
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    for (int k = 0; k < n; k++)
        for (int i = 0; c[k].options[i] != NULL; i++) {
            const struct cli_option *p = c[k].options[i];
            char value[32] = "x=1", spelled[2][32];
            if (p->kind == CLI_WHOLE || p->kind == CLI_KEY)
                snprintf(value, sizeof value, "%lld", p->hi);
            if (p->kind == CLI_NUMBER)
                snprintf(value, sizeof value, "%.17g", (p->number_lo + p->number_hi) / 2);
            snprintf(spelled[0], sizeof spelled[0], "--%s", p->name);
            snprintf(spelled[1], sizeof spelled[1], "-%c", p->short_name);
            for (int s = 0; s < (p->short_name != 0 ? 2 : 1); s++) {
                char *extra[] = {spelled[s], p->kind == CLI_FLAG ? NULL : value, NULL};
                char *argv[32], values[16][32];
                int argc = build_argv(&c[k], p, extra, argv, values);
                struct cli_options o;
                struct error e;
                if (parse(argc, argv, &o, &e) != 0)
                    fail_msg("wfsim %s %s %s: %s", c[k].name, spelled[s], value, e.msg);
                assert_ptr_equal(o.command, &c[k]);
                expect_effect(p, spelled[s], value, &o);
            }
        }
}

/* Every option that takes a value says so when it is last, every command
 * refuses an unknown option, and every required option is required. */
static void test_cli_every_option_error(void **state)
{
    (void)state;
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    for (int k = 0; k < n; k++) {
        char msg[256], *argv[32], values[16][32];
        char *unknown[] = {"--frobnicate", NULL};
        int argc = build_argv(&c[k], NULL, unknown, argv, values);
        snprintf(msg, sizeof msg, "--frobnicate: unknown option for %s (see wfsim %s --help)",
                 c[k].name, c[k].name);
        expect_error(argc, argv, msg);
        for (int i = 0; c[k].options[i] != NULL; i++) {
            const struct cli_option *p = c[k].options[i];
            char spelled[32];
            snprintf(spelled, sizeof spelled, "--%s", p->name);
            char *last[] = {spelled, NULL};
            if (p->kind != CLI_FLAG) {
                argc = build_argv(&c[k], NULL, last, argv, values);
                snprintf(msg, sizeof msg, "--%s: needs a value (see wfsim %s --help)", p->name,
                         c[k].name);
                expect_error(argc, argv, msg);
            }
            if (p->required) {
                argc = build_argv(&c[k], p, NULL, argv, values);
                struct cli_options o;
                struct error e;
                assert_int_equal(parse(argc, argv, &o, &e), -1);
                snprintf(msg, sizeof msg, "%s: needs ", c[k].name);
                assert_memory_equal(e.msg, msg, strlen(msg));
                snprintf(msg, sizeof msg, "--%s %s", p->name, p->value);
                assert_non_null(strstr(e.msg, msg));
            }
        }
    }
}

static void test_cli_needs_messages(void **state)
{
    (void)state;
    char *compare[] = {"wfsim", "compare", "a.cfg"};
    expect_error(ARGC(compare), compare, "compare: needs a baseline and at least one option file");
    char *calibrate[] = {"wfsim", "calibrate", "a.cfg"};
    expect_error(ARGC(calibrate), calibrate,
                 "calibrate: needs a scenario file and --area NAME|CODE");
    char *area_only[] = {"wfsim", "calibrate", "--area", "X"};
    expect_error(ARGC(area_only), area_only,
                 "calibrate: needs a scenario file and --area NAME|CODE");
    char *build[] = {"wfsim", "dfe", "build", "--area", "X"};
    expect_error(ARGC(build), build, "dfe build: needs --area NAME|CODE and --year YYYY");
    char *backcast[] = {"wfsim", "backcast", "-n", "5"};
    expect_error(ARGC(backcast), backcast, "backcast: needs --year YYYY");
    char *year[] = {"wfsim", "backcast", "--year", "1800"};
    expect_error(ARGC(year), year, "--year: must be a whole number in [1900, 2999] (got 1800)");
    char *reps[] = {"wfsim", "calibrate", "a.cfg", "--area", "X", "-n", "1"};
    expect_error(ARGC(reps), reps, "-n: must be a whole number in [2, 100000] (got 1)");
}

/* The dfe family: an action must follow, and it must be one of the table's. */
static void test_cli_dfe_actions(void **state)
{
    (void)state;
    char *none[] = {"wfsim", "dfe"};
    expect_error(ARGC(none), none, "dfe: needs an action: list or build");
    char *option_first[] = {"wfsim", "dfe", "--data", "x.csv", "list"};
    expect_error(ARGC(option_first), option_first, "dfe: needs an action: list or build");
    char *bad[] = {"wfsim", "dfe", "foo"};
    expect_error(ARGC(bad), bad, "foo: unknown dfe action (list or build)");
    char *list_year[] = {"wfsim", "dfe", "list", "--year", "2024"};
    expect_error(ARGC(list_year), list_year,
                 "--year: unknown option for dfe list (see wfsim dfe list --help)");
    char *files[] = {"wfsim", "dfe", "build", "a.cfg"};
    expect_error(ARGC(files), files, "a.cfg: dfe build takes no files");
}

/* Options not given take the table's initial values (defaults.h). */
static void test_cli_defaults_from_the_table(void **state)
{
    (void)state;
    struct cli_options o;
    struct error e;
    char *calibrate[] = {"wfsim", "calibrate", "a.cfg", "--area", "X"};
    assert_int_equal(parse(ARGC(calibrate), calibrate, &o, &e), 0);
    assert_int_equal(o.replicates, DEFAULT_CALIBRATE_REPLICATES);
    assert_int_equal(o.year, DEFAULT_CALIBRATE_LAST_YEAR);
    assert_null(o.data_path); /* the shipped data are found later (cmd_find_data) */
    assert_null(o.out_dir);
    char *backcast[] = {"wfsim", "backcast", "--year", "2024"};
    assert_int_equal(parse(ARGC(backcast), backcast, &o, &e), 0);
    assert_int_equal(o.replicates, DEFAULT_BACKCAST_REPLICATES);
    assert_string_equal(o.area, "all");
    assert_int_equal(o.threads, 0);
    char *goal[] = {"wfsim", "goal", "a.cfg", "--lever", "k=0:1", "--target", "t"};
    assert_int_equal(parse(ARGC(goal), goal, &o, &e), 0);
    assert_true(o.confidence == DEFAULT_GOAL_CONFIDENCE);
    assert_string_equal(o.measure, "at_date");
    assert_int_equal(o.largest, 0);
}

/* What cmd_help prints on standard output for these options, with its exit
 * status in *rc (malloc'd text, the caller frees). */
static char *help_output(const struct cli_options *o, int *rc)
{
    const char *path = testutil_write_file(6, "");
    int fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fd, STDOUT_FILENO) >= 0);
    close(fd);
    *rc = cmd_help(o, 0, NULL);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    char *text = testutil_read_file(path);
    remove(path);
    return text;
}

/* cli_usage_command's text for c (malloc'd). */
static char *usage_text(const struct cli_command *c)
{
    const char *path = testutil_write_file(7, "");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(cli_usage_command(f, c), 0);
    assert_int_equal(fclose(f), 0);
    char *text = testutil_read_file(path);
    remove(path);
    return text;
}

/* wfsim COMMAND --help parses as help for the command, exits 0 and prints
 * the usage from the table: the synopsis and every option with its help. */
static void test_cli_command_help(void **state)
{
    (void)state;
    int n = 0;
    const struct cli_command *c = cli_commands(&n);
    for (int k = 0; k < n; k++) {
        char *help[] = {"--help", NULL}, *argv[32], values[16][32];
        int argc = build_argv(&c[k], NULL, help, argv, values);
        struct cli_options o;
        struct error e;
        for (int form = 0; form < 2; form++) {
            argv[argc - 1] = form == 0 ? "--help" : "-h";
            assert_int_equal(parse(argc, argv, &o, &e), 0);
            assert_int_equal(o.command->id, CLI_HELP);
            assert_true(cli_names(&c[k], o.n_files, o.files));
        }
        int rc = -1;
        char *printed = help_output(&o, &rc), *want = usage_text(&c[k]);
        assert_int_equal(rc, 0);
        assert_string_equal(printed, want);
        char line[128];
        snprintf(line, sizeof line, "usage: wfsim %s", c[k].name);
        assert_memory_equal(printed, line, strlen(line));
        for (int i = 0; c[k].options[i] != NULL; i++) {
            snprintf(line, sizeof line, "--%s", c[k].options[i]->name);
            assert_non_null(strstr(printed, line));
            assert_non_null(strstr(printed, c[k].options[i]->help));
        }
        free(printed);
        free(want);
    }
}

static void test_cli_help_topics(void **state)
{
    (void)state;
    struct cli_options o;
    struct error e;
    char *family[] = {"wfsim", "dfe", "--help"};
    assert_int_equal(parse(ARGC(family), family, &o, &e), 0);
    assert_int_equal(o.command->id, CLI_HELP);
    int rc = -1;
    char *printed = help_output(&o, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(printed, "usage: wfsim dfe list"));
    assert_non_null(strstr(printed, "usage: wfsim dfe build"));
    free(printed);
    char *topic[] = {"wfsim", "help", "dfe", "build"};
    assert_int_equal(parse(ARGC(topic), topic, &o, &e), 0);
    assert_int_equal(o.n_files, 2);
    char *overview[] = {"wfsim", "--help"};
    assert_int_equal(parse(ARGC(overview), overview, &o, &e), 0);
    printed = help_output(&o, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(printed, "wfsim run SCENARIO.cfg"));
    free(printed);
    char *markdown[] = {"wfsim", "help", "--markdown"};
    assert_int_equal(parse(ARGC(markdown), markdown, &o, &e), 0);
    printed = help_output(&o, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(printed, "| `-o`, `--out` | `DIR` |"));
    assert_non_null(strstr(printed, "`NAME\\|CODE`")); /* a | in a cell is escaped */
    free(printed);
    char *unknown[] = {"wfsim", "help", "frob"};
    expect_error(ARGC(unknown), unknown, "frob: unknown command (see wfsim --help)");
    char *unknown_action[] = {"wfsim", "help", "dfe", "x"};
    expect_error(ARGC(unknown_action), unknown_action, "dfe x: unknown command (see wfsim --help)");
}

/* A usage error exits 2 and a runtime failure 1, with the message alone. */
static void test_cli_exit_status(void **state)
{
    (void)state;
    struct error e;
    error_clear(&e);
    error_set(&e, ERROR_INPUT, "x: bad");
    assert_int_equal(cmd_fail(&e), 2);
    error_clear(&e);
    error_set(&e, ERROR_RUNTIME, "x: failed");
    assert_int_equal(cmd_fail(&e), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_commands_without_files),
        cmocka_unit_test(test_cli_run_defaults),
        cmocka_unit_test(test_cli_run_options),
        cmocka_unit_test(test_cli_values_joined_to_their_option),
        cmocka_unit_test(test_cli_repeated_option_last_wins),
        cmocka_unit_test(test_cli_targets_are_kept_in_order),
        cmocka_unit_test(test_cli_validate_takes_files_and_sets),
        cmocka_unit_test(test_cli_missing_or_unknown_command),
        cmocka_unit_test(test_cli_unknown_option),
        cmocka_unit_test(test_cli_missing_value),
        cmocka_unit_test(test_cli_bad_numbers),
        cmocka_unit_test(test_cli_files_where_none_belong),
        cmocka_unit_test(test_cli_needs_a_scenario_file),
        cmocka_unit_test(test_cli_too_many_files_or_assignments),
        cmocka_unit_test(test_cli_long_seed_text_is_not_cut),
        cmocka_unit_test(test_cli_table_is_consistent),
        cmocka_unit_test(test_cli_every_option_parses),
        cmocka_unit_test(test_cli_every_option_error),
        cmocka_unit_test(test_cli_needs_messages),
        cmocka_unit_test(test_cli_dfe_actions),
        cmocka_unit_test(test_cli_defaults_from_the_table),
        cmocka_unit_test(test_cli_command_help),
        cmocka_unit_test(test_cli_help_topics),
        cmocka_unit_test(test_cli_exit_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

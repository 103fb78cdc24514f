/* cli: command-line parsing (see sim/app/cli.h). */
#include "app/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_usage(void)
{
    return "usage:\n"
           "  wfsim run SCENARIO.cfg [MORE.cfg...] [-o DIR] [-n REPLICATES] [-s SEED]\n"
           "            [-j THREADS] [--set KEY=VALUE]... [-q]\n"
           "  wfsim compare BASELINE.cfg OPTION.cfg [OPTION.cfg...] [-o DIR] [-n REPLICATES]\n"
           "            [-s SEED] [-j THREADS] [--set KEY=VALUE]... [-q]\n"
           "  wfsim validate SCENARIO.cfg [MORE.cfg...] [--set KEY=VALUE]...\n"
           "  wfsim dfe list [--data FILE]\n"
           "  wfsim dfe build --area NAME|CODE --year YYYY [-o FILE] [--data FILE] [-j THREADS]\n"
           "  wfsim calibrate SCENARIO.cfg [MORE.cfg...] --area NAME|CODE [--year LAST]\n"
           "            [--data FILE] [-n REPLICATES] [-o DIR] [-j THREADS]\n"
           "  wfsim backcast --year Y [--areas all|NAME;NAME...] [--data FILE] [-o DIR]\n"
           "            [-n REPLICATES] [-j THREADS]\n"
           "  wfsim keys       print the scenario key reference (Markdown)\n"
           "  wfsim metrics    print the output metric reference (Markdown)\n"
           "  wfsim --help | --version\n"
           "\n"
           "Scenario files are layered left to right; --set overrides a key, e.g.\n"
           "  --set grades.sw.annual_leaving_rate=0.16\n"
           "Results go to results/<scenario name>/ unless -o is given.\n"
           "compare layers each OPTION.cfg on the baseline, runs all with the same random\n"
           "numbers and writes results/compare_<baseline name>/comparison.csv.\n"
           "Exit status: 0 success, 2 usage or scenario error, 1 runtime failure.\n";
}

static int whole(const char *opt, const char *text, long long lo, long long hi, long long *out,
                 struct error *e)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi)
        return error_set(e, ERROR_INPUT, "%s: must be a whole number in [%lld, %lld] (got %s)", opt,
                         lo, hi, text);
    *out = v;
    return 0;
}

static int add_set(struct cli_options *o, const char *origin, const char *text, struct error *e)
{
    if (o->n_sets >= CLI_MAX_SETS)
        return error_set(e, ERROR_INPUT, "%s: too many assignments (at most %d)", origin,
                         CLI_MAX_SETS);
    o->sets[o->n_sets].origin = origin;
    o->sets[o->n_sets].text = text;
    o->n_sets++;
    return 0;
}

static const char *value_of(int argc, char **argv, int *i, struct error *e)
{
    if (*i + 1 >= argc) {
        error_set(e, ERROR_INPUT, "%s: needs a value (see wfsim --help)", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int parse_command(const char *word, struct cli_options *o, struct error *e)
{
    static const struct {
        const char *word;
        enum cli_command command;
    } words[] = {{"run", CLI_RUN},           {"compare", CLI_COMPARE}, {"validate", CLI_VALIDATE},
                 {"dfe", CLI_DFE},           {"keys", CLI_KEYS},       {"calibrate", CLI_CALIBRATE},
                 {"backcast", CLI_BACKCAST}, {"metrics", CLI_METRICS}, {"--help", CLI_HELP},
                 {"-h", CLI_HELP},           {"help", CLI_HELP},       {"--version", CLI_VERSION}};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(word, words[k].word) == 0) {
            o->command = words[k].command;
            return 0;
        }
    return error_set(e, ERROR_INPUT, "%s: unknown command (see wfsim --help)", word);
}

int cli_parse(int argc, char **argv, struct cli_options *o, struct error *e)
{
    memset(o, 0, sizeof *o);
    if (argc < 2)
        return error_set(e, ERROR_INPUT, "wfsim: missing command (see wfsim --help)");
    if (parse_command(argv[1], o, e) != 0)
        return -1;
    const char *reps = NULL, *seed = NULL;
    long long n_reps = 0, n_seed = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        long long n = 0;
        int run = o->command == CLI_RUN || o->command == CLI_COMPARE;
        int dfe =
            o->command == CLI_DFE || o->command == CLI_CALIBRATE || o->command == CLI_BACKCAST;
        int fit = o->command == CLI_CALIBRATE || o->command == CLI_BACKCAST;
        if (fit && strcmp(a, "-n") == 0) {
            if ((v = value_of(argc, argv, &i, e)) == NULL || whole("-n", v, 2, 100000, &n, e) != 0)
                return -1;
            o->calibrate_replicates = (int)n;
        } else if (fit && strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (dfe && strcmp(a, "-j") == 0) { /* dfe build: its steady fit */
            if ((v = value_of(argc, argv, &i, e)) == NULL || whole("-j", v, 1, 256, &n, e) != 0)
                return -1;
            o->threads = (int)n;
        } else if (dfe && (strcmp(a, "--area") == 0 || strcmp(a, "--areas") == 0)) {
            if ((o->area = value_of(argc, argv, &i, e)) == NULL)
                return -1;
        } else if (dfe && strcmp(a, "--data") == 0) {
            if ((o->data_path = value_of(argc, argv, &i, e)) == NULL)
                return -1;
        } else if (dfe && strcmp(a, "--year") == 0) {
            if ((v = value_of(argc, argv, &i, e)) == NULL ||
                whole("--year", v, 1900, 2999, &n, e) != 0)
                return -1;
            o->year = (int)n;
        } else if (dfe && strcmp(a, "-o") == 0) {
            if ((o->out_dir = value_of(argc, argv, &i, e)) == NULL)
                return -1;
        } else if (o->command == CLI_DFE && a[0] != '-' && o->dfe_action == NULL) {
            if (strcmp(a, "list") != 0 && strcmp(a, "build") != 0)
                return error_set(e, ERROR_INPUT, "%s: unknown dfe action (list or build)", a);
            o->dfe_action = a;
        } else if (strcmp(a, "--set") == 0) {
            if ((v = value_of(argc, argv, &i, e)) == NULL || add_set(o, "--set", v, e) != 0)
                return -1;
        } else if (run && strcmp(a, "-o") == 0) {
            if ((o->out_dir = value_of(argc, argv, &i, e)) == NULL)
                return -1;
        } else if (run && strcmp(a, "-n") == 0) {
            if ((reps = value_of(argc, argv, &i, e)) == NULL ||
                whole("-n", reps, 1, 10000000, &n_reps, e) != 0)
                return -1;
        } else if (run && strcmp(a, "-s") == 0) {
            if ((seed = value_of(argc, argv, &i, e)) == NULL ||
                whole("-s", seed, 0, 9000000000000000000LL, &n_seed, e) != 0)
                return -1;
        } else if (run && strcmp(a, "-j") == 0) {
            if ((v = value_of(argc, argv, &i, e)) == NULL || whole("-j", v, 1, 256, &n, e) != 0)
                return -1;
            o->threads = (int)n;
        } else if (run && strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return error_set(e, ERROR_INPUT, "%s: unknown option for %s (see wfsim --help)", a,
                             argv[1]);
        } else if (o->command != CLI_RUN && o->command != CLI_VALIDATE &&
                   o->command != CLI_COMPARE && o->command != CLI_CALIBRATE) {
            return error_set(e, ERROR_INPUT, "%s: %s takes no files", a, argv[1]);
        } else if (o->n_files >= CLI_MAX_FILES) {
            return error_set(e, ERROR_INPUT, "%s: too many scenario files (at most %d)", a,
                             CLI_MAX_FILES);
        } else {
            o->files[o->n_files++] = a;
        }
    }
    if (reps != NULL) {
        snprintf(o->replicates_set, sizeof o->replicates_set, "simulation.replicates=%lld", n_reps);
        if (add_set(o, "-n", o->replicates_set, e) != 0)
            return -1;
    }
    if (seed != NULL) {
        snprintf(o->seed_set, sizeof o->seed_set, "simulation.seed=%lldL", n_seed);
        if (add_set(o, "-s", o->seed_set, e) != 0)
            return -1;
    }
    if ((o->command == CLI_RUN || o->command == CLI_VALIDATE) && o->n_files == 0)
        return error_set(e, ERROR_INPUT, "%s: needs at least one scenario file", argv[1]);
    if (o->command == CLI_DFE && o->dfe_action == NULL)
        return error_set(e, ERROR_INPUT, "dfe: needs an action: list or build");
    if (o->command == CLI_DFE && strcmp(o->dfe_action, "build") == 0 &&
        (o->area == NULL || o->year == 0))
        return error_set(e, ERROR_INPUT, "dfe build: needs --area NAME|CODE and --year YYYY");
    if (o->command == CLI_CALIBRATE && (o->n_files == 0 || o->area == NULL))
        return error_set(e, ERROR_INPUT, "calibrate: needs a scenario file and --area NAME|CODE");
    if (o->command == CLI_BACKCAST && o->year == 0)
        return error_set(e, ERROR_INPUT, "backcast: needs --year YYYY");
    if (o->command == CLI_COMPARE && o->n_files < 2)
        return error_set(e, ERROR_INPUT, "compare: needs a baseline and at least one option file");
    return 0;
}

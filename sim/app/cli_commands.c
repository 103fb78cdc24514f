/* cli_commands: the command table (see sim/app/cli.h). A new option is one
 * row here and one field of struct cli_options; a new command is one entry
 * in `table`, its option list and its handler in cmd_<command>.c. */
#include "app/cli.h"

#include <stddef.h>

#include "app/cmd.h"
#include "app/defaults.h"
#include "wfsim/sweep.h"

#define FIELD(f) offsetof(struct cli_options, f)
#define STR(x) #x
#define NUMBER(x) STR(x)
/* -o: where a command writes, with its default */
#define OUT(value_name, default_text, help_text)                                                   \
    {                                                                                              \
        .name = "out", .short_name = 'o', .value = value_name, .kind = CLI_TEXT,                   \
        .offset = FIELD(out_dir), .def = default_text, .help = help_text                           \
    }
/* -n of a fit: replicates a trial, as a number (not a scenario key) */
#define FIT_REPLICATES(initial, help_text)                                                         \
    {                                                                                              \
        .name = "replicates", .short_name = 'n', .value = "REPLICATES", .kind = CLI_WHOLE,         \
        .lo = 2, .hi = 100000, .offset = FIELD(replicates), .init = initial, .help = help_text     \
    }
/* --year: a DfE census year */
#define YEAR(value_name, is_required, initial, default_text, help_text)                            \
    {                                                                                              \
        .name = "year", .value = value_name, .kind = CLI_WHOLE, .lo = 1900, .hi = 2999,            \
        .offset = FIELD(year), .required = is_required, .init = initial, .def = default_text,      \
        .help = help_text                                                                          \
    }

static const struct cli_option help_option = {
    .name = "help", .short_name = 'h', .kind = CLI_FLAG, .help = "print this help and exit"};

/* Options several commands share. */
static const struct cli_option threads = {.name = "threads",
                                          .short_name = 'j',
                                          .value = "THREADS",
                                          .kind = CLI_WHOLE,
                                          .lo = 1,
                                          .hi = 256,
                                          .offset = FIELD(threads),
                                          .def = "all online cores",
                                          .help =
                                              "worker threads; the results do not depend on them"};
static const struct cli_option set = {
    .name = "set",
    .kind = CLI_ASSIGN,
    .value = "KEY=VALUE",
    .help = "override a scenario key after the files (repeatable, applied in order)"};
static const struct cli_option quiet = {.name = "quiet",
                                        .short_name = 'q',
                                        .kind = CLI_FLAG,
                                        .offset = FIELD(quiet),
                                        .help = "nothing on standard error but errors"};
static const struct cli_option replicates_key = {
    .name = "replicates",
    .short_name = 'n',
    .value = "REPLICATES",
    .kind = CLI_KEY,
    .lo = 1,
    .hi = 10000000,
    .key = "simulation.replicates",
    .def = "the scenario's simulation.replicates",
    .help = "Monte Carlo replicates (sets simulation.replicates, after every --set)"};
static const struct cli_option seed_key = {
    .name = "seed",
    .short_name = 's',
    .value = "SEED",
    .kind = CLI_KEY,
    .lo = 0,
    .hi = 9000000000000000000LL,
    .key = "simulation.seed",
    .key_suffix = "L",
    .def = "the scenario's simulation.seed",
    .help = "base random seed (sets simulation.seed, after every --set)"};
static const struct cli_option data = {
    .name = "data",
    .value = "FILE",
    .kind = CLI_TEXT,
    .offset = FIELD(data_path),
    .def = "the shipped " DEFAULT_DFE_DATA ", here, beside the program or installed with it",
    .help = "the DfE workforce indicators (CSV, as shipped in scenarios/data/)"};
static const struct cli_option area = {
    .name = "area",
    .value = "NAME|CODE",
    .kind = CLI_TEXT,
    .offset = FIELD(area),
    .required = 1,
    .help = "a council, a region or England, by code or name (wfsim dfe list), as people type "
            "it: Bristol, Hull, Richmond"};

/* run and compare */
static const struct cli_option report_flag = {
    .name = "report",
    .kind = CLI_FLAG,
    .offset = FIELD(report),
    .help = "also write the report (report.html, charts/, report.xlsx; wfsim report)"};
static const struct cli_option target = {
    .name = "target",
    .value = "METRIC<=VALUE@DATE",
    .kind = CLI_LIST,
    .offset = FIELD(targets),
    .help = "also write targets.csv: the probability the metric is at most (<=) or at least "
            "(>=) the value at a month YYYY-MM or DfE year YYYY, by then and from then on "
            "(repeatable)"};
static const struct cli_option run_out =
    OUT("DIR", "results/<scenario name>",
        "results directory; an earlier one is replaced whole, any other is refused");
static const struct cli_option *const run_options[] = {
    &run_out, &replicates_key, &seed_key, &threads, &set, &target, &report_flag, &quiet, NULL};
static const struct cli_option compare_out =
    OUT("DIR", "results/compare_<baseline name>",
        "results directory (comparison.csv, comparison_timeseries.csv, ...)");
static const struct cli_option *const compare_options[] = {
    &compare_out, &replicates_key, &seed_key, &threads, &set, &target, &report_flag, &quiet, NULL};

/* sweep */
static const struct cli_option vary = {
    .name = "vary",
    .value = "KEY=FROM:TO:STEPS",
    .kind = CLI_LIST,
    .offset = FIELD(varies),
    .required = 1,
    .help = "take a numeric key over STEPS evenly spaced values from FROM to TO (repeatable)"};
static const struct cli_option grid = {
    .name = "grid",
    .kind = CLI_FLAG,
    .offset = FIELD(grid),
    .help =
        "run every combination of the keys' values (at most " NUMBER(SWEEP_MAX_POINTS) " points)"};
static const struct cli_option one_at_a_time = {
    .name = "one-at-a-time",
    .kind = CLI_FLAG,
    .offset = FIELD(one_at_a_time),
    .def = "on, unless --grid",
    .help = "the base scenario, then each key's values with the others at the base's"};
static const struct cli_option sweep_metric = {
    .name = "metric",
    .value = "NAME",
    .kind = CLI_LIST,
    .offset = FIELD(metrics),
    .def = "vacancy_rate, agency_rate, turnover_rate, cost_total_npv_cum (and caseload, "
           "cases_3plus_workers_12m_share with case types)",
    .help = "a metric of sweep.csv, any series of wfsim metrics (repeatable)"};
static const struct cli_option sweep_report = {
    .name = "report",
    .kind = CLI_FLAG,
    .offset = FIELD(report),
    .help = "also write the report (report.html, charts/: response curves and a tornado)"};
static const struct cli_option sweep_out =
    OUT("DIR", "results/sweep_<scenario name>",
        "results directory (sweep.csv, points.csv, tornado.csv, scenario.cfg, manifest.txt)");
static const struct cli_option *const sweep_options[] = {
    &vary,     &grid,    &one_at_a_time, &sweep_metric, &sweep_out, &replicates_key,
    &seed_key, &threads, &set,           &sweep_report, &quiet,     NULL};

/* report */
static const struct cli_option history_data = {
    .name = "data",
    .value = "FILE",
    .kind = CLI_TEXT,
    .offset = FIELD(data_path),
    .def = "the shipped " DEFAULT_DFE_DATA ", here, beside the program or installed with it",
    .help = "the DfE data a scenario's area_code takes its published history from"};
static const struct cli_option *const report_options[] = {&history_data, &quiet, NULL};

static const struct cli_option *const validate_options[] = {&set, NULL};

/* dfe */
static const struct cli_option *const dfe_list_options[] = {&data, NULL};
static const struct cli_option census_year =
    YEAR("YYYY", 1, 0, NULL, "the census: 30 September of YYYY");
static const struct cli_option dfe_out =
    OUT("FILE", "standard output", "write the scenario to FILE (complete or not at all)");
static const struct cli_option force = {
    .name = "force",
    .kind = CLI_FLAG,
    .offset = FIELD(force),
    .help = "replace FILE even when wfsim did not write it (its first line is not \"# program: "
            "wfsim\")"};
static const struct cli_option *const dfe_build_options[] = {&area, &census_year, &dfe_out, &force,
                                                             &data, &threads,     &quiet,   NULL};

/* calibrate */
static const struct cli_option last_year =
    YEAR("LAST", 0, DEFAULT_CALIBRATE_LAST_YEAR, "the last year in the data",
         "fit the observed years after the scenario's census up to 30 September of LAST");
static const struct cli_option calibrate_replicates = FIT_REPLICATES(
    DEFAULT_CALIBRATE_REPLICATES, "replicates a trial of the fit (the same ones for every trial)");
static const struct cli_option calibrate_out =
    OUT("DIR", "results/calibrate_<scenario name>",
        "results directory (calibration.cfg, fit.csv, manifest.txt)");
static const struct cli_option *const calibrate_options[] = {
    &area, &last_year, &data, &calibrate_replicates, &calibrate_out, &threads, &set, &quiet, NULL};

/* backcast */
static const struct cli_option test_year =
    YEAR("YYYY", 1, 0, NULL,
         "the test year: forecasts from the census a year before, scored at its own");
static const struct cli_option areas = {
    .name = "areas",
    .value = "all|NAME;NAME...",
    .kind = CLI_TEXT,
    .offset = FIELD(area),
    .init_text = "all",
    .help = "the councils to back-cast, by name or code, separated by ;"};
static const struct cli_option backcast_out =
    OUT("DIR", "results/backcast_<YYYY>",
        "results directory (backcast.csv, summary.csv, panel.csv, ...)");
static const struct cli_option backcast_replicates = FIT_REPLICATES(
    DEFAULT_BACKCAST_REPLICATES, "replicates a calibration trial (each projection runs " NUMBER(
                                     DEFAULT_BACKCAST_PROJECTION_REPLICATES) ")");
static const struct cli_option *const backcast_options[] = {
    &test_year, &areas, &data, &backcast_out, &backcast_replicates, &threads, &quiet, NULL};

/* sensitivity */
static const struct cli_option keys_file = {
    .name = "keys",
    .value = "FILE",
    .kind = CLI_TEXT,
    .offset = FIELD(keys_path),
    .required = 1,
    .help = "the keys and their distributions, one a line: KEY uniform LO HI, KEY normal MEAN SD "
            "or KEY triangular LO MODE HI"};
static const struct cli_option samples = {
    .name = "samples",
    .value = "N",
    .kind = CLI_WHOLE,
    .lo = 1,
    .hi = 65536,
    .offset = FIELD(samples),
    .init = DEFAULT_SENSITIVITY_SAMPLES,
    .help = "rows of the Saltelli matrices A and B: N (keys + 2) evaluations"};
static const struct cli_option metric = {
    .name = "metric",
    .value = "NAME",
    .kind = CLI_LIST,
    .offset = FIELD(metrics),
    .def = "vacancy_rate, agency_rate, turnover_rate, cost_total_npv_cum (+ caseload, "
           "cases_3plus_workers_12m_share)",
    .help = "an outcome, by its name in annual.csv (repeatable)"};
static const struct cli_option bootstrap = {
    .name = "bootstrap",
    .value = "B",
    .kind = CLI_WHOLE,
    .lo = 0,
    .hi = 100000,
    .offset = FIELD(bootstrap),
    .init = DEFAULT_SENSITIVITY_BOOTSTRAP,
    .help = "bootstrap resamples for the 90% intervals (0: none)"};
static const struct cli_option sensitivity_out =
    OUT("DIR", "results/sensitivity_<scenario name>",
        "results directory (sensitivity.csv, samples.csv, keys.txt, scenario.cfg)");
static const struct cli_option *const sensitivity_options[] = {
    &keys_file, &samples, &metric, &bootstrap, &sensitivity_out, &replicates_key, &seed_key,
    &threads,   &set,     &quiet,  NULL};

/* goal */
static const struct cli_option lever = {
    .name = "lever",
    .value = "KEY=MIN:MAX",
    .kind = CLI_TEXT,
    .offset = FIELD(lever),
    .required = 1,
    .help = "the numeric scenario key to search, over [MIN, MAX] (an integer key: whole values)"};
static const struct cli_option goal_target = {
    .name = "target",
    .value = "TARGET",
    .kind = CLI_LIST,
    .offset = FIELD(targets),
    .required = 1,
    .help = "METRIC<=VALUE@DATE or >= (DATE YYYY-MM or YYYY); repeated: all in one replicate"};
static const struct cli_option confidence = {
    .name = "confidence",
    .value = "P",
    .kind = CLI_NUMBER,
    .offset = FIELD(confidence),
    .number_lo = 0,
    .number_hi = 1,
    .number_init = DEFAULT_GOAL_CONFIDENCE,
    .help = "the probability of meeting the target the answer must reach"};
static const struct cli_option measure = {
    .name = "measure",
    .value = "at_date|first_met_by|kept_from",
    .kind = CLI_TEXT,
    .offset = FIELD(measure),
    .init_text = "at_date",
    .help = "met at the date, at some month up to it, or at it and every month after"};
static const struct cli_option largest = {
    .name = "largest",
    .kind = CLI_FLAG,
    .offset = FIELD(largest),
    .help = "the largest value meeting it (a lever where more is worse), not the smallest"};
static const struct cli_option goal_out =
    OUT("DIR", "results/goal_<scenario name>",
        "results directory (goal.csv, goal_answer.csv, scenario.cfg at the answer)");
static const struct cli_option *const goal_options[] = {
    &lever,          &goal_target, &confidence, &measure, &largest, &goal_out,
    &replicates_key, &seed_key,    &threads,    &set,     &quiet,   NULL};

/* help */
static const struct cli_option markdown = {
    .name = "markdown",
    .kind = CLI_FLAG,
    .offset = FIELD(markdown),
    .help = "print the reference of every command, or of COMMAND, as Markdown "
            "(docs/commands.md)"};
static const struct cli_option man = {
    .name = "man",
    .kind = CLI_FLAG,
    .offset = FIELD(man),
    .help = "print the manual page of wfsim, in roff (docs/wfsim.1, installed as man wfsim)"};
static const struct cli_option bash_completion = {
    .name = "bash-completion",
    .kind = CLI_FLAG,
    .offset = FIELD(bash_completion),
    .help = "print the bash completion of commands, options, files and scenario keys "
            "(docs/wfsim.bash)"};
static const struct cli_option *const help_options[] = {&markdown, &man, &bash_completion, NULL};

static const struct cli_option *const no_options[] = {NULL};

static const struct cli_command table[N_CLI_COMMANDS] = {
    [CLI_RUN] =
        {CLI_RUN, "run", "SCENARIO.cfg [MORE.cfg...]", 1, "at least one scenario file",
         "run a scenario's replicates and write its results directory",
         "Writes timeseries.csv (one row per month and metric), annual.csv (one row per DfE\n"
         "reporting year and metric), financial_years.csv (costs by April-March year), the\n"
         "resolved scenario.cfg and manifest.txt; with targets (--target, or declared in the\n"
         "scenario), targets.csv.",
         run_options, cmd_run},
    [CLI_COMPARE] =
        {CLI_COMPARE, "compare", "BASELINE.cfg OPTION.cfg [OPTION.cfg...]", 2,
         "a baseline and at least one option file",
         "compare options with a baseline, paired by replicate",
         "Layers each OPTION.cfg on the baseline, runs all with the same random numbers\n"
         "(common random numbers) and writes comparison.csv, comparison_timeseries.csv\n"
         "and comparison_replicates.csv (each replicate's NPV, for the report); with\n"
         "targets, targets.csv with each option's paired difference from the baseline.",
         compare_options, cmd_compare},
    [CLI_SWEEP] =
        {CLI_SWEEP, "sweep", "BASE.cfg [OVERLAY.cfg...]", 1, "a base scenario file",
         "run a scenario over values of its keys, paired by replicate",
         "Runs every point with the same random numbers (common random numbers): one key\n"
         "at a time from the base scenario (point 0), or with --grid every combination.\n"
         "Writes sweep.csv (each point's DfE-year figures as annual.csv has them),\n"
         "points.csv (each point's values and assignments), tornado.csv (one at a time:\n"
         "each key's effect at its lowest and highest value), scenario.cfg and manifest.txt.",
         sweep_options, cmd_sweep},
    [CLI_VALIDATE] = {CLI_VALIDATE, "validate", "SCENARIO.cfg [MORE.cfg...]", 1,
                      "at least one scenario file",
                      "load a scenario, say whether it is valid and run nothing", "",
                      validate_options, cmd_validate},
    [CLI_DFE_LIST] = {CLI_DFE_LIST, "dfe list", NULL, 0, "", "list the areas in the DfE data", "",
                      dfe_list_options, cmd_dfe_list},
    [CLI_DFE_BUILD] =
        {CLI_DFE_BUILD, "dfe build", NULL, 0, "",
         "write an area's scenario from the DfE data, fitted to hold its census",
         "Each value says where it came from; run with no change, the scenario holds the\n"
         "census (docs/data.md).",
         dfe_build_options, cmd_dfe_build},
    [CLI_CALIBRATE] =
        {CLI_CALIBRATE, "calibrate", "SCENARIO.cfg [MORE.cfg...]", 1, "a scenario file",
         "fit a scenario's behaviour scales to an area's observed years",
         "The scales are those of every grade's leaving rate and fill probability, the\n"
         "agency cover probability and every case type's arrivals. Writes calibration.cfg,\n"
         "an overlay to layer on the scenario, fit.csv (observed against fitted, by year\n"
         "and KPI) and manifest.txt.",
         calibrate_options, cmd_calibrate},
    [CLI_BACKCAST] =
        {CLI_BACKCAST, "backcast", NULL, 0, "",
         "test one-year forecasts of councils on a year the model did not see",
         "Scores each council's forecast from its census at 30 September YYYY-1 against\n"
         "what happened at YYYY and against persistence (docs/data.md).",
         backcast_options, cmd_backcast},
    [CLI_SENSITIVITY] =
        {CLI_SENSITIVITY, "sensitivity", "BASE.cfg [OVERLAY.cfg...]", 1,
         "at least one scenario file",
         "rank the assumptions that matter: Sobol' indices of keys over their distributions",
         "Runs the scenario at N (d + 2) points of a Sobol' sequence over the d keys of\n"
         "--keys (Saltelli sampling), every point with the same random numbers, and\n"
         "writes sensitivity.csv (first-order and total indices of each outcome at each\n"
         "DfE year, with bootstrap intervals), samples.csv (every point's key values and\n"
         "outcomes), keys.txt and scenario.cfg; prints each outcome's keys by total index.",
         sensitivity_options, cmd_sensitivity},
    [CLI_GOAL] =
        {CLI_GOAL, "goal", "BASE.cfg [OVERLAY.cfg...]", 1, "at least one scenario file",
         "find the smallest lever value meeting a target with a given probability",
         "Runs the scenario at values of the lever with the same random numbers (common\n"
         "random numbers), bisecting on whole values for an integer key and by GSL root\n"
         "bracketing for a continuous one, and prints the answer with the probability at it\n"
         "and at its neighbours. Refuses a target no value in the range meets and a\n"
         "probability that is not monotone in the lever. Writes goal.csv (every value\n"
         "evaluated), goal_answer.csv, the scenario at the answer and manifest.txt.",
         goal_options, cmd_goal},
    [CLI_REPORT] =
        {CLI_REPORT, "report", "DIR", 1, "a results directory",
         "write the report of a results directory",
         "Writes DIR/report.html (one self-contained page), DIR/charts/ (every chart as\n"
         "SVG, PNG and PDF) and DIR/report.xlsx from the results of wfsim run or wfsim\n"
         "compare in DIR, which must be a results directory wfsim wrote; the manifest\n"
         "then lists the report's files too. run --report and compare --report do the\n"
         "same as they write. A sweep's report (sweep --report) has its response curves\n"
         "and tornado charts, and no workbook (its tables are its CSVs).",
         report_options, cmd_report},
    [CLI_KEYS] = {CLI_KEYS, "keys", "[WORD]", 0, "",
                  "print the scenario key reference (Markdown), or the keys containing WORD",
                  "wfsim keys retention shows the retention.* and retention_schemes keys; wfsim "
                  "keys cost every cost.",
                  no_options, cmd_keys},
    [CLI_METRICS] = {CLI_METRICS, "metrics", NULL, 0, "",
                     "print the output metric reference (Markdown)", "", no_options, cmd_metrics},
    [CLI_HELP] = {CLI_HELP, "help", "[COMMAND]", 0, "", "print the usage of wfsim or of a command",
                  "wfsim COMMAND --help is wfsim help COMMAND.", help_options, cmd_help},
    [CLI_VERSION] = {CLI_VERSION, "--version", NULL, 0, "", "print the program version", "",
                     no_options, cmd_version},
};

const struct cli_command *cli_commands(int *n)
{
    *n = N_CLI_COMMANDS;
    return table;
}

const struct cli_command *cli_command_of(enum cli_command_id id)
{
    return &table[id];
}

const struct cli_option *cli_help_option(void)
{
    return &help_option;
}

/* compare: options against a baseline, paired by replicate. Each option is
 * the baseline's files with the option's file layered on top, run with the
 * same seed and replicates, so replicate k of every option shares its random
 * numbers with replicate k of the baseline (common random numbers) and the
 * difference option - baseline is computed replicate by replicate.
 *
 * comparison.csv has, per option and outcome over the horizon, the baseline
 * and option means and the distribution of the paired difference, with the
 * probability the option is better (lower cost, fewer leavers, ...); then the
 * derived finance figures: cost per leaver avoided, cost per vacancy
 * FTE-month avoided, the probability the option saves money, and the
 * break-even elasticity (the pay elasticity of exit at which the option's
 * expected NPV of total cost equals the baseline's, found by Brent's method
 * on runs with the elasticity fixed; NA when the option costs more, or less,
 * at every elasticity in [elasticity_min, 0] — the expected NPV difference at
 * both ends is reported beside it). comparison_timeseries.csv has the
 * monthly paired differences for plotting; comparison_replicates.csv has
 * each replicate's NPV of total cost for the baseline and the option and
 * their difference (the report's distribution chart).
 *
 * elasticity_curve.csv has, for each option with a retention scheme, the
 * paired NPV difference (option - baseline) and the probability the option
 * saves money at COMPARE_CURVE_POINTS pay elasticities evenly spaced from
 * elasticity_min to 0 (no response at all), each run with the elasticity
 * fixed for every replicate on the first break_even_replicates replicates;
 * comparison.csv's break_even_elasticity_low and _high bound the
 * elasticities at which the expected difference is within its 90% interval
 * of zero (|mean| <= 1.645 se, the curve interpolated linearly): NA when it
 * is nowhere, the range's end when it reaches it.
 *
 * summary.csv has one row per option for a finance reader: the paired
 * difference of the net NPV (cost_net_npv) with its 90% interval, each part's
 * share of it (NPV; clawback as its part of the net, negative when more is
 * recovered), so that the parts add up to the net, leavers and vacancy
 * FTE-months avoided, cost per leaver avoided, P(saves money), the break-even
 * elasticity and its interval, the NPV difference at no response and at the
 * strongest, and a note saying why when a stronger response makes the option
 * dearer.
 *
 * With targets (given, or declared by the baseline or an option), targets.csv
 * (target.h) has the baseline's rows, then each option's with the paired
 * difference from the baseline and its standard error; every target is
 * resolved against every scenario before anything runs. */
#ifndef WFSIM_COMPARE_H
#define WFSIM_COMPARE_H

#include "wfsim/bundle.h"
#include "wfsim/engine.h"
#include "wfsim/error.h"
#include "wfsim/scenario_load.h"

#define COMPARE_HEADER                                                                             \
    "option,metric,baseline_mean,option_mean,diff_mean,diff_sd,diff_p05,diff_p50,diff_p95,"        \
    "prob_option_better"
#define COMPARE_SERIES_HEADER                                                                      \
    "option,month,date,metric,diff_mean,diff_sd,diff_p05,diff_p50,diff_p95"
#define COMPARE_REPLICATES_HEADER "option,replicate,baseline_npv,option_npv,npv_diff"
#define COMPARE_BREAK_EVEN_REPLICATES 400
#define COMPARE_CURVE_HEADER                                                                       \
    "option,elasticity,replicates,npv_diff_mean,npv_diff_se,npv_diff_p05,npv_diff_p50,"            \
    "npv_diff_p95,prob_saves_money"
#define COMPARE_CURVE_POINTS 13
#define COMPARE_SUMMARY_FILE "summary.csv"
#define COMPARE_SUMMARY_HEADER                                                                     \
    "option,npv_diff,npv_diff_p05,npv_diff_p95,permanent_npv_diff,agency_npv_diff,"                \
    "recruitment_npv_diff,retention_npv_diff,clawback_npv_diff,vacancy_npv_diff,"                  \
    "leavers_avoided_fte,vacancy_fte_months_avoided,cost_per_leaver_avoided_gbp,"                  \
    "prob_saves_money,break_even_elasticity,break_even_elasticity_low,"                            \
    "break_even_elasticity_high,npv_diff_at_elasticity_zero,npv_diff_at_elasticity_min,note"

struct compare_request {
    const char *baseline;
    int n_options;
    const char *const *options;
    int n_sets;
    const struct assignment *sets;
    const char *out_dir; /* NULL: results/compare_<baseline name> */
    int threads;
    const char *command_line;
    const struct bundle_extra *extra; /* files added at the commit (the report); NULL: none */
    /* called with the replicates done over the baseline's and every option's
     * run (the break-even trials are not counted); NULL: none */
    engine_progress_fn progress;
    void *progress_ctx;
    int n_targets; /* --target texts, after the scenarios' declared targets */
    const char *const *targets;
    /* called with each warning (scenario_warn.h) of the baseline and the
     * options, also written to the manifest; NULL: the manifest only */
    void (*warn)(void *ctx, const char *text);
    void *warn_ctx;
    /* summary.csv printed as a table, with the path written; NULL: not */
    FILE *table_out;
};

int compare_run(const struct compare_request *rq, struct error *e);
/* The reference of comparison.csv, comparison_timeseries.csv,
 * comparison_replicates.csv, elasticity_curve.csv and summary.csv as
 * Markdown (part of docs/metrics.md); 0, or -1 on a write error. */
int compare_document(FILE *f);

#endif

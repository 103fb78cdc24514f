/* cmd_goal: wfsim goal, the lever value meeting a target with a given
 * probability (the study is sim/studies/goal.c). The answer is printed on
 * standard output in words; the results directory has the details. */
#include "app/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wfsim/goal.h"
#include "app/progress.h"

/* "The smallest KEY meeting TARGET with probability >= Q is V: P = ... (SE
 * ...); at V-1, P = ...", then the uncertainty. */
static void say(const struct goal_result *r)
{
    char v[40], nb[40], lo[40], hi[40], tol[40];
    const char *which = r->largest ? "largest" : "smallest";
    goal_value_text(&r->lever, r->answer.value, v, sizeof v);
    printf("The %s %s meeting %s", which, r->lever.key, r->target);
    if (r->measure != TARGET_AT_DATE)
        printf(" (%s)", target_measure_name(r->measure));
    printf(" with probability >= %g is %s", r->confidence, v);
    if (r->lever.type == KEY_DOUBLE) {
        snprintf(tol, sizeof tol, "%.2g", r->tolerance);
        printf(" (to within %s)", tol);
    }
    if (r->at_range_end)
        printf(", the range's %s, which already meets it", r->largest ? "maximum" : "minimum");
    int has = r->largest ? r->has_above : r->has_below;
    const struct goal_point *n = r->largest ? &r->above : &r->below;
    /* three decimals, or four when three would show the neighbour's P as
     * the answer's */
    char pa[16], pn[16];
    int digits = 3;
    for (; digits <= 4; digits++) {
        snprintf(pa, sizeof pa, "%.*f", digits, r->answer.p);
        snprintf(pn, sizeof pn, "%.*f", digits, n->p);
        if (!has || strcmp(pa, pn) != 0)
            break;
    }
    printf(": P = %s (SE %.3f)", pa, r->answer.se);
    if (has) {
        goal_value_text(&r->lever, n->value, nb, sizeof nb);
        printf("; at %s, P = %s (SE %.3f)", nb, pn, n->se);
    }
    printf(".\n");
    if (r->lever.type == KEY_DOUBLE) {
        snprintf(lo, sizeof lo, "%.4g", r->interval_low);
        snprintf(hi, sizeof hi, "%.4g", r->interval_high);
    } else { /* the interval is interpolated: one decimal */
        snprintf(lo, sizeof lo, "%.1f", r->interval_low);
        snprintf(hi, sizeof hi, "%.1f", r->interval_high);
    }
    printf("Monte Carlo uncertainty: the probability is within 1.96 SE of %g for %s from %s to "
           "%s (%d values evaluated, %d replicates each; goal.csv).\n",
           r->confidence, r->lever.key, lo, hi, r->n_points, r->replicates);
}

int cmd_goal(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    char command[8192];
    cmd_command_line(argc, argv, command, sizeof command);
    struct scenario *sc = cmd_load_scenario(o, &e);
    if (sc == NULL)
        return cmd_fail(&e);
    int threads = cmd_threads(o);
    int rc = cmd_check_memory(o, sc, threads, &e);
    free(sc);
    if (rc != 0)
        return cmd_fail(&e);
    struct progress p;
    progress_init(&p, "replicates of all runs", 1, progress_wanted(o->quiet));
    struct goal_request rq = {o->n_files,
                              o->files,
                              o->n_sets,
                              o->sets,
                              o->lever,
                              o->targets.n,
                              o->targets.item,
                              o->confidence,
                              o->measure,
                              o->largest,
                              o->out_dir,
                              threads,
                              command,
                              p.show ? progress_update : NULL,
                              &p};
    struct goal_result *res = malloc(sizeof *res);
    if (res == NULL) {
        error_set(&e, ERROR_RUNTIME, "out of memory");
        return cmd_fail(&e);
    }
    if (goal_run(&rq, res, &e) != 0) {
        free(res);
        return cmd_fail(&e);
    }
    say(res);
    for (int i = 0; i < res->n_warnings && !o->quiet; i++)
        cmd_print_warning(NULL, res->warning[i]);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote %s/ (%d values evaluated, %d replicates each)\n", res->dir,
                res->n_points, res->replicates);
    free(res);
    return 0;
}

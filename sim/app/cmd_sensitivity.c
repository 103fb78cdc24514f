/* cmd_sensitivity: wfsim sensitivity, Sobol' indices of scenario keys over
 * their distributions (the study is sim/studies/sensitivity.c). */
#include "app/cmd.h"

#include <stdio.h>

#include "wfsim/bundle.h"
#include "wfsim/engine.h"
#include "wfsim/sensitivity.h"
#include "app/progress.h"

/* The longest study wfsim starts (as cmd_check_work for a run) and the
 * shortest it announces. */
#define STUDY_REFUSE_SECONDS (24.0 * 3600)
#define STUDY_ANNOUNCE_SECONDS 60.0

/* The evaluations' memory (one run at a time) and their work together. */
static int check_work(const struct cli_options *o, const struct sensitivity *s, int threads,
                      struct error *e)
{
    struct cli_options quiet = *o;
    quiet.quiet = 1; /* one run's note would only repeat the study's */
    if (cmd_check_memory(&quiet, s->base, threads, e) != 0)
        return -1;
    struct engine_work w;
    engine_work_estimate(s->base, &w);
    double seconds = w.seconds * s->n_evaluations / threads;
    if (seconds > STUDY_REFUSE_SECONDS)
        return error_set(e, ERROR_INPUT,
                         "--samples: %d samples of %d keys are %d evaluations of %d replicates x "
                         "%d months, about %.0f hours on %d thread%s, more than the %.0f hours "
                         "wfsim starts (fewer samples, or -n)",
                         s->samples, s->n_keys, s->n_evaluations, s->base->replicates,
                         s->base->months, seconds / 3600, threads, threads == 1 ? "" : "s",
                         STUDY_REFUSE_SECONDS / 3600);
    if (seconds > STUDY_ANNOUNCE_SECONDS && !o->quiet)
        fprintf(stderr,
                "wfsim: a large study: about %.0f minutes on %d threads (%d evaluations of %d "
                "replicates x %d months); -q hides this\n",
                seconds / 60, threads, s->n_evaluations, s->base->replicates, s->base->months);
    return 0;
}

static int study(const struct cli_options *o, int argc, char **argv, struct sensitivity *s,
                 struct error *e)
{
    int threads = cmd_threads(o);
    char dir[4096], command[8192];
    cmd_results_dir(o, dir, sizeof dir, "results/sensitivity_%s", s->base->name);
    if (check_work(o, s, threads, e) != 0 || bundle_check(dir, e) != 0)
        return -1;
    if (sensitivity_run(s, e) != 0)
        return -1;
    cmd_command_line(argc, argv, command, sizeof command);
    if (sensitivity_write(s, dir, command, e) != 0)
        return -1;
    sensitivity_print(s, stdout);
    if (!o->quiet)
        fprintf(stderr, "wfsim: wrote %s/ (%d keys, %d evaluations of %d replicates)\n", dir,
                s->n_keys, s->n_evaluations, s->base->replicates);
    return 0;
}

int cmd_sensitivity(const struct cli_options *o, int argc, char **argv)
{
    struct error e = {ERROR_NONE, ""};
    struct progress p;
    progress_init(&p, "replicates of all evaluations", 0, progress_wanted(o->quiet));
    struct sensitivity_request rq = {o->n_files,
                                     o->files,
                                     o->n_sets,
                                     o->sets,
                                     o->keys_path,
                                     o->samples,
                                     o->bootstrap,
                                     o->metrics.n,
                                     o->metrics.item,
                                     cmd_threads(o),
                                     p.show ? progress_update : NULL,
                                     &p};
    struct sensitivity *s = sensitivity_alloc(&rq, &e);
    if (s == NULL)
        return cmd_fail(&e);
    int rc = study(o, argc, argv, s, &e);
    sensitivity_free(s);
    return rc != 0 ? cmd_fail(&e) : 0;
}

/* cmd: the plumbing every handler shares (see sim/app/cmd.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "app/cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wfsim/dfe.h"
#include "wfsim/engine.h"
#include "wfsim/scenario_load.h"
#include "wfsim/scenario_warn.h"
#include "wfsim/target.h"
#include "app/defaults.h"

int cmd_fail(const struct error *e)
{
    fprintf(stderr, "%s\n", e->msg);
    return e->kind == ERROR_RUNTIME ? 1 : 2;
}

int cmd_threads(const struct cli_options *o)
{
    int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    return threads > 0 ? threads : 1;
}

void cmd_command_line(int argc, char **argv, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < argc && used + 1 < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? " " : "", argv[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

void cmd_results_dir(const struct cli_options *o, char *dir, size_t size, const char *fmt, ...)
{
    if (o->out_dir != NULL) {
        snprintf(dir, size, "%s", o->out_dir);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dir, size, fmt, ap);
    va_end(ap);
}

struct scenario *cmd_load_scenario(const struct cli_options *o, struct error *e)
{
    struct scenario *sc = malloc(sizeof *sc);
    if (sc == NULL) {
        error_set(e, ERROR_RUNTIME, "out of memory");
        return NULL;
    }
    if (scenario_load_files(sc, o->n_files, o->files, o->n_sets, o->sets, e) != 0) {
        free(sc);
        return NULL;
    }
    return sc;
}

const char *cmd_shipped_data(char *buf, size_t size)
{
    if (access(DEFAULT_DFE_DATA, R_OK) == 0) {
        snprintf(buf, size, "%s", DEFAULT_DFE_DATA);
        return buf;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash != NULL)
        *slash = '\0';
    /* the program's directory and up to three above it: a build tree
     * (build/wfsim, build/sanitize/wfsim) or an installation (BINDIR/..) */
    static const char *const below[] = {"/" DEFAULT_DFE_DATA, "/share/wfsim/" DEFAULT_DFE_DATA};
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", exe);
    for (int up = 0; n > 0 && up < 4; up++) {
        char *cut = strrchr(dir, '/');
        if (cut == NULL || cut == dir)
            break;
        *cut = '\0';
        for (int i = 0; i < 2; i++) {
            char path[8192], *real;
            snprintf(path, sizeof path, "%s%s", dir, below[i]);
            if (access(path, R_OK) == 0 && (real = realpath(path, NULL)) != NULL) {
                snprintf(buf, size, "%s", real);
                free(real);
                return buf;
            }
        }
    }
    snprintf(buf, size, "%s here, nor in %s or share/wfsim/%s up to four directories above %s",
             DEFAULT_DFE_DATA_DIR, DEFAULT_DFE_DATA_DIR, DEFAULT_DFE_DATA_DIR,
             n > 0 ? exe : "the program");
    return NULL;
}

int cmd_find_data(struct cli_options *o, struct error *e)
{
    int reads = 0;
    for (int k = 0; o->command->options[k] != NULL; k++)
        reads |= o->command->options[k]->offset == offsetof(struct cli_options, data_path) &&
                 o->command->options[k]->kind == CLI_TEXT;
    if (!reads || o->data_path != NULL)
        return 0;
    if (cmd_shipped_data(o->data_found, sizeof o->data_found) != NULL) {
        o->data_path = o->data_found;
        return 0;
    }
    if (o->command->id == CLI_REPORT)
        return 0;
    return error_set(e, ERROR_INPUT,
                     "--data: the shipped DfE data (%s) are not in %s; give --data FILE",
                     DEFAULT_DFE_DATA_NAME, o->data_found);
}

struct target_list *cmd_targets(const struct cli_options *o, const struct scenario *sc,
                                struct error *e)
{
    struct target_list *l = calloc(1, sizeof *l);
    if (l == NULL) {
        error_set(e, ERROR_RUNTIME, "out of memory");
        return NULL;
    }
    if (target_list_add(l, sc, "--target", o->targets.n, o->targets.item, e) != 0) {
        free(l);
        return NULL;
    }
    return l;
}

void cmd_print_warning(void *ctx, const char *text)
{
    (void)ctx;
    fprintf(stderr, "wfsim: warning: %s\n", text);
}

int cmd_overlay_warnings(const struct cli_options *o, const struct scenario *sc,
                         char out[][SCENARIO_WARNING_LEN], int max)
{
    /* the first file is the scenario the overlays change */
    struct scenario *base = o->n_files > 1 ? malloc(sizeof *base) : NULL;
    struct error e = {ERROR_NONE, ""};
    int n = 0;
    if (base != NULL && scenario_load_files(base, 1, o->files, 0, NULL, &e) == 0)
        n = scenario_warnings_against(base, sc, out, max);
    free(base);
    return n;
}

void cmd_warn(const struct cli_options *o, const struct scenario *sc)
{
    char warning[SCENARIO_MAX_WARNINGS][SCENARIO_WARNING_LEN];
    int n = scenario_warnings(sc, warning, SCENARIO_MAX_WARNINGS);
    n += cmd_overlay_warnings(o, sc, warning + n, SCENARIO_MAX_WARNINGS - n);
    for (int i = 0; i < n && !o->quiet; i++)
        cmd_print_warning(NULL, warning[i]);
}

int cmd_with_data(const struct cli_options *o, cmd_data_use use)
{
    struct error e = {ERROR_NONE, ""};
    struct dfe_data d;
    if (dfe_load(o->data_path, &d, &e) != 0)
        return cmd_fail(&e);
    int rc = use(&d, o, &e);
    dfe_free(&d);
    return rc < 0 ? cmd_fail(&e) : rc;
}

int cmd_check_memory(const struct cli_options *o, const struct scenario *sc, int threads,
                     struct error *e)
{
    double need = (double)engine_memory_estimate(sc, threads);
    double have = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    if (have > 0 && need > 0.8 * have)
        return error_set(e, ERROR_INPUT,
                         "%s: simulation.replicates: a run of %d replicates x %d months (with its "
                         "demand) needs about %.1f GiB, more than 80%% of this machine's %.1f GiB "
                         "(got %d)",
                         o->files[o->n_files - 1], sc->replicates, sc->months, need / 1073741824.0,
                         have / 1073741824.0, sc->replicates);
    return cmd_check_work(o, sc, threads, e);
}

/* The longest run wfsim starts without being told to (a run estimated
 * longer is refused, naming the key that makes it long), and the shortest
 * it announces with its estimate. */
#define WORK_REFUSE_SECONDS (24.0 * 3600)
#define WORK_ANNOUNCE_SECONDS 60.0

int cmd_check_work(const struct cli_options *o, const struct scenario *sc, int threads,
                   struct error *e)
{
    struct engine_work w;
    engine_work_estimate(sc, &w);
    double seconds = w.seconds / (threads > 0 ? threads : 1);
    const char *file = o->n_files > 0 ? o->files[o->n_files - 1] : "(scenario)";
    if (seconds > WORK_REFUSE_SECONDS) {
        /* name what makes it long: the busiest case type, or the replicates */
        int busiest = -1;
        for (int t = 0; t < sc->n_case_types; t++)
            if (busiest < 0 ||
                sc->case_type[t].arrivals_per_month > sc->case_type[busiest].arrivals_per_month)
                busiest = t;
        if (busiest >= 0 && w.case_seconds > w.seconds - w.case_seconds)
            return error_set(e, ERROR_INPUT,
                             "%s: case_types.%s.arrivals_per_month: a run of %d replicates x %d "
                             "months with this demand would take about %.0f hours on %d "
                             "thread%s, more than the %.0f hours wfsim starts (got %g)",
                             file, sc->case_type[busiest].name, sc->replicates, sc->months,
                             seconds / 3600, threads, threads == 1 ? "" : "s",
                             WORK_REFUSE_SECONDS / 3600, sc->case_type[busiest].arrivals_per_month);
        return error_set(e, ERROR_INPUT,
                         "%s: simulation.replicates: a run of %d replicates x %d months would take "
                         "about %.0f hours on %d thread%s, more than the %.0f hours wfsim starts "
                         "(got %d)",
                         file, sc->replicates, sc->months, seconds / 3600, threads,
                         threads == 1 ? "" : "s", WORK_REFUSE_SECONDS / 3600, sc->replicates);
    }
    if (seconds > WORK_ANNOUNCE_SECONDS && !o->quiet)
        fprintf(stderr,
                "wfsim: a large run: about %.0f minutes on %d threads (%d replicates x %d "
                "months); -q hides this\n",
                seconds / 60, threads, sc->replicates, sc->months);
    return 0;
}

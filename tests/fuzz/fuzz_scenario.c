/* fuzz_scenario: libFuzzer harness for the scenario loader with layers and
 * --set. The input is split at its first two NUL bytes into up to three
 * parts: a base scenario file, an overlay file, and --set assignments (one
 * per line). Whatever the bytes, loading must return 0 or -1 with a message,
 * never crash, leak or read out of bounds (ASan + UBSan). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wfsim/error.h"
#include "wfsim/scenario.h"
#include "wfsim/scenario_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int write_part(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t w = fwrite(p, 1, n, f);
    return (fclose(f) == 0 && w == n) ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *part[3] = {data, NULL, NULL};
    size_t len[3] = {size, 0, 0};
    int n_parts = 1;
    for (size_t i = 0; i < size && n_parts < 3; i++) {
        if (data[i] == 0) {
            len[n_parts - 1] = (size_t)(data + i - part[n_parts - 1]);
            part[n_parts] = data + i + 1;
            len[n_parts] = size - i - 1;
            n_parts++;
        }
    }
    char base[64], overlay[64];
    snprintf(base, sizeof base, "/tmp/wfsim-fuzz-%ld-a.cfg", (long)getpid());
    snprintf(overlay, sizeof overlay, "/tmp/wfsim-fuzz-%ld-b.cfg", (long)getpid());
    if (write_part(base, part[0], len[0]) != 0 ||
        (n_parts > 1 && write_part(overlay, part[1], len[1]) != 0))
        return 0;
    const char *files[2] = {base, overlay};
    /* --set assignments: the third part, one per line */
    char *sets_text = NULL;
    struct assignment sets[16];
    int n_sets = 0;
    if (n_parts > 2) {
        sets_text = malloc(len[2] + 1);
        if (sets_text == NULL)
            return 0;
        memcpy(sets_text, part[2], len[2]);
        sets_text[len[2]] = '\0';
        for (char *line = strtok(sets_text, "\n"); line != NULL && n_sets < 16;
             line = strtok(NULL, "\n"))
            sets[n_sets++] = (struct assignment){"--set", line};
    }
    struct scenario *sc = malloc(sizeof *sc);
    if (sc != NULL) {
        struct error e = {ERROR_NONE, ""};
        int rc = scenario_load_files(sc, n_parts > 1 ? 2 : 1, files, n_sets, sets, &e);
        if (rc != 0 && e.msg[0] == '\0')
            abort(); /* a refusal must say why */
        free(sc);
    }
    free(sets_text);
    unlink(base);
    unlink(overlay);
    return 0;
}

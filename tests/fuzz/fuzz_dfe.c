/* fuzz_dfe: libFuzzer harness for the DfE CSV reader. The input is the file;
 * reading must return 0 with rows or -1 with a message, never crash, leak or
 * read out of bounds (ASan + UBSan). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "wfsim/dfe.h"
#include "wfsim/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/wfsim-fuzz-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    size_t w = fwrite(data, 1, size, f);
    if (fclose(f) != 0 || w != size)
        return 0;
    struct dfe_data d = {0, NULL};
    struct error e = {ERROR_NONE, ""};
    if (dfe_load(path, &d, &e) == 0) {
        for (int i = 0; i < d.n; i++) /* touch every row */
            if (dfe_get(&d.row[i], DFE_VACANCY_RATE) > 1e300)
                abort();
        dfe_free(&d);
    } else if (e.msg[0] == '\0') {
        abort(); /* a refusal must say why */
    }
    unlink(path);
    return 0;
}

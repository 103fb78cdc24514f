/* scenario: small pure helpers of struct scenario (see
 * include/wfsim/scenario.h); reading is in scenario_load.c, the rules in
 * scenario_validate.c, writing in scenario_write.c. */
#include "wfsim/scenario.h"

#include <string.h>

int scenario_grade_index(const struct scenario *sc, const char *name)
{
    for (int i = 0; i < sc->n_grades; i++)
        if (strcmp(sc->grade[i].name, name) == 0)
            return i;
    return -1;
}

unsigned long long scenario_hash(const char *text, unsigned long len)
{
    unsigned long long h = 1469598103934665603ULL;
    for (unsigned long i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ULL;
    }
    return h;
}

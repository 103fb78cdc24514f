/* text: small helpers on words people type (see sim/base/text.h). */
#include "base/text.h"

#include <ctype.h>
#include <string.h>

int text_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b), prev[128], cur[128];
    if (la > 120 || lb > 120)
        return 1000;
    for (int j = 0; j <= lb; j++)
        prev[j] = j;
    for (int i = 1; i <= la; i++) {
        cur[0] = i;
        for (int j = 1; j <= lb; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int best = prev[j - 1] + cost;
            best = prev[j] + 1 < best ? prev[j] + 1 : best;
            best = cur[j - 1] + 1 < best ? cur[j - 1] + 1 : best;
            cur[j] = best;
        }
        memcpy(prev, cur, sizeof(int) * (size_t)(lb + 1));
    }
    return prev[lb];
}

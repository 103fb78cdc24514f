/* csv: splitting, quoting and numbers (see include/wfsim/csv.h). */
#include "wfsim/csv.h"

#include <math.h>

/* Copy a quoted field starting at p (on its opening quote) to out; returns
 * the position after the closing quote, or NULL if it is unterminated. */
static char *unquote(char *p, char **out)
{
    char *o = *out;
    for (p++;; p++) {
        if (*p == '\0')
            return NULL;
        if (*p == '"' && p[1] != '"')
            break;
        if (*p == '"')
            p++; /* a doubled quote stands for one */
        *o++ = *p;
    }
    *out = o;
    return p + 1;
}

int csv_split(char *line, char **field, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        field[n++] = out;
        if (*p == '"') {
            p = unquote(p, &out);
            if (p == NULL || (*p != ',' && *p != '\0'))
                return -1;
        } else {
            while (*p != ',' && *p != '\0')
                *out++ = *p++;
        }
        int end = *p == '\0';
        *out = '\0';
        if (end)
            break;
        p++;
    }
    return n;
}

void csv_quote(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s != '\0'; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void csv_number(FILE *f, double v)
{
    if (isnan(v))
        fputs(",NA", f);
    else if (fabs(v) >= 1e5)
        fprintf(f, ",%.0f", v);
    else
        fprintf(f, ",%.6g", v);
}

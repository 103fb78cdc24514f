/* cmd_dfe_list: wfsim dfe list, one CSV line per area of the DfE data. */
#include "app/cmd.h"

#include <stdio.h>
#include <string.h>

#include "wfsim/dfe.h"
#include "wfsim/csv.h"

static int list(const struct dfe_data *d, const struct cli_options *o, struct error *e)
{
    (void)o;
    (void)e;
    printf("code,level,name,region,years\n");
    for (int i = 0; i < d->n; i++) {
        const struct dfe_row *r = &d->row[i];
        int first = 1;
        for (int j = 0; j < i && first; j++) /* one line per area, first time seen */
            first = strcmp(d->row[j].code, r->code) != 0 || d->row[j].level != r->level;
        if (!first)
            continue;
        int lo = 9999, hi = 0;
        for (int j = 0; j < d->n; j++)
            if (strcmp(d->row[j].code, r->code) == 0 && d->row[j].level == r->level) {
                lo = d->row[j].year < lo ? d->row[j].year : lo;
                hi = d->row[j].year > hi ? d->row[j].year : hi;
            }
        static const char *const level[] = {"national", "regional", "local authority"};
        printf("%s,%s,", r->code, level[r->level]);
        csv_quote(stdout, r->name);
        putchar(',');
        csv_quote(stdout, r->region);
        printf(",%d-%d\n", lo, hi);
    }
    return ferror(stdout) ? 1 : 0;
}

int cmd_dfe_list(const struct cli_options *o, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cmd_with_data(o, list);
}

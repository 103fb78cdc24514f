/* csv: the one CSV dialect wfsim reads and writes (RFC 4180 without line
 * breaks inside fields): fields separated by commas; a field that starts
 * with a quote runs to the next lone quote and may hold commas, with a
 * quote inside written twice. The DfE reader, every output table and the
 * tests' CSV reader use these functions, so they cannot disagree. */
#ifndef WFSIM_CSV_H
#define WFSIM_CSV_H

#include <stdio.h>

/* Split one line (without its line ending) into fields, in place: field[i]
 * points into `line`, quotes removed and doubled quotes made single. Returns
 * the number of fields (at most `max`; further fields are dropped), or -1
 * when a quoted field is unterminated or followed by anything but a comma. */
int csv_split(char *line, char **field, int max);
/* Write `s` as a quoted field: "s", with each quote inside doubled. */
void csv_quote(FILE *f, const char *s);
/* Write ",value": six significant digits, whole units from 100,000 up
 * (pounds, case counts), so large values are never in exponent form; "NA"
 * for NaN. Negative zero is written "-0", as printf does. */
void csv_number(FILE *f, double v);

#endif

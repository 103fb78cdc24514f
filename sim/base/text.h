/* text: small helpers on words people type. */
#ifndef WFSIM_TEXT_H
#define WFSIM_TEXT_H

/* The edit distance (Levenshtein, case-insensitive) between a and b; 1000
 * when either is longer than 120 characters. */
int text_distance(const char *a, const char *b);

#endif

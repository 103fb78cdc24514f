/* levers: a scenario's levers in words for the report: the intake,
 * recruitment campaigns with their dates, retention schemes, establishment
 * changes, demand shocks and trend, and agency caps. */
#ifndef WFSIM_LEVERS_H
#define WFSIM_LEVERS_H

#include <stddef.h>

#include "wfsim/scenario.h"

#define LEVERS_MAX 64
#define LEVERS_LEN 400

/* Fill out[] with one plain-text sentence per lever; returns how many (a
 * scenario with none gets one sentence saying so). */
int levers_describe(const struct scenario *sc, char out[][LEVERS_LEN], int max);
/* A calendar month in words, "July 2025" ("no end" for 0). */
void levers_month(int month, char *buf, size_t size);

#endif

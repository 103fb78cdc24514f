/* establishment: dated changes to funded posts. Growth adds vacant posts
 * (whole posts of 1 FTE and one for a remainder). A cut closes vacant posts
 * not under offer — uncovered first, then agency-covered (the agency worker
 * is released) — and what it cannot close yet closes the next posts of the
 * grade to fall vacant. Accepted offers are honoured. */
#ifndef WFSIM_ESTABLISHMENT_H
#define WFSIM_ESTABLISHMENT_H

#include "model/workforce.h"

/* Apply the changes dated calendar month `month`. Returns 0, or -1 if growth
 * needed more post slots than workforce_alloc made for the grade (the posts
 * beyond them were not added: the replicate must stop). */
int establishment_step(struct workforce *wf, const struct scenario *sc, int month);

#endif

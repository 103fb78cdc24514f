/* rng: named random streams. Replicate k of a run has one stream per process,
 * each seeded by a pure function of (base seed, k, process), so results do not
 * depend on thread count or order, and two scenarios run with the same seed
 * share their streams (common random numbers). */
#ifndef WFSIM_RNG_H
#define WFSIM_RNG_H

#include <gsl/gsl_rng.h>

enum rng_stream {
    RNG_INIT,   /* the initial state: tenure mix, vacancy ages */
    RNG_POSTS,  /* one uniform per post per month: leaving or filling */
    RNG_AGENCY, /* one uniform per post per month: agency cover, end, conversion */
    RNG_EVENTS, /* rare events: ASYE outcomes, choices of post or worker */
    N_RNG_STREAMS
};

/* The generator used for every stream (recorded in the run manifest). */
const gsl_rng_type *rng_type(void);
/* The 32-bit seed of stream s of replicate k (splitmix64 of the triple). */
unsigned long rng_stream_seed(long long seed, long replicate, enum rng_stream s);
/* Allocate N_RNG_STREAMS generators; returns 0 or -1 (frees what it built). */
int rng_alloc_streams(gsl_rng *r[N_RNG_STREAMS]);
void rng_free_streams(gsl_rng *r[N_RNG_STREAMS]);
void rng_seed_streams(gsl_rng *r[N_RNG_STREAMS], long long seed, long replicate);

#endif

/* rng: the random numbers of one replicate. Replicate k's randomness is a
 * pure function of (base seed, k, process), so results do not depend on
 * thread count or order, and two scenarios run with the same seed share it
 * (common random numbers).
 *
 * Two kinds of source:
 *  - GSL streams (taus2) for the initial state and rare events, seeded from
 *    splitmix64 of (seed, replicate, stream);
 *  - per-post monthly uniforms from a counter-based generator: SplitMix64's
 *    output function applied to key + counter * golden gamma, where the key
 *    is a function of (seed, replicate, process) and the counter of (post,
 *    month). This is exactly the SplitMix64 generator (Steele, Lea & Flood
 *    2014; passes BigCrush) read at a chosen position, so each post's draw in
 *    a month is fixed whatever happens to other posts: a decision changed by
 *    an option (a worker who stays) does not shift anyone else's draws, and it
 *    costs nothing for posts that do not need a draw. */
#ifndef WFSIM_RNG_H
#define WFSIM_RNG_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

enum rng_stream {
    RNG_INIT,   /* GSL: the initial state (tenure mix, vacancy ages) */
    RNG_EVENTS, /* GSL: rare workforce events (ASYE outcomes, choices of post
                   or worker) */
    RNG_DEMAND, /* GSL: case arrivals and durations (independent of staffing) */
    RNG_POOL,   /* GSL: ends of agency assignments not covering a vacancy */
    RNG_PARAMS, /* GSL: uncertain parameters drawn once per replicate */
    N_RNG_STREAMS
};

enum rng_counter {
    RNG_POSTS,   /* one uniform per post per month: leaving (filled) or filling (vacant) */
    RNG_AGENCY,  /* one uniform per post per month: agency cover, end, conversion */
    RNG_RELEASE, /* one uniform per post per month: release of the locum when a
                    permanent worker arrives */
    RNG_DEFER,   /* one uniform per post per month: deferring a decision to leave */
    N_RNG_COUNTERS
};

#define RNG_MONTH_BITS 10 /* counters are post << 10 | month: horizons below 1024 */

/* The generator used for the GSL streams (recorded in the run manifest). */
const gsl_rng_type *rng_type(void);
uint64_t rng_splitmix64(uint64_t x);
/* The 32-bit seed of GSL stream s of replicate k. */
unsigned long rng_stream_seed(long long seed, long replicate, enum rng_stream s);
/* The key of counter-based source c of replicate k. */
uint64_t rng_counter_key(long long seed, long replicate, enum rng_counter c);
/* Allocate the N_RNG_STREAMS generators of a replicate; 0, or -1 with none
 * left allocated. Free with rng_free_streams. */
int rng_alloc_streams(gsl_rng *r[N_RNG_STREAMS]);
void rng_free_streams(gsl_rng *r[N_RNG_STREAMS]);
/* Bytes rng_alloc_streams requests (GSL's gsl_rng and each state). */
size_t rng_streams_bytes(void);
void rng_seed_streams(gsl_rng *r[N_RNG_STREAMS], long long seed, long replicate);

/* 53 random bits for post i in simulation month m: the uniform on [0, 1) is
 * bits * 2^-53, and `bits < rng_threshold(p)` happens with probability p. */
static inline uint64_t rng_post_bits(uint64_t key, int i, int month)
{
    uint64_t z = key + (((uint64_t)i << RNG_MONTH_BITS) | (uint64_t)month) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (z ^ (z >> 31)) >> 11;
}

static inline double rng_bits_uniform(uint64_t bits)
{
    return (double)bits * 0x1.0p-53;
}

/* The integer threshold of probability p for rng_post_bits. */
static inline uint64_t rng_threshold(double p)
{
    return p <= 0 ? 0 : p >= 1 ? (1ULL << 53) : (uint64_t)(p * 0x1.0p53);
}

#endif

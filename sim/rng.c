/* rng: per-replicate, per-process streams (see include/rng.h). The generator
 * is GSL's taus2 (L'Ecuyer 1999 maximally equidistributed Tausworthe, period
 * 2^88): fast and of high quality. GSL seeds it from 32 bits, so the seed of
 * each stream is the top 32 bits of splitmix64 over (seed, replicate, stream). */
#include "rng.h"

#include <stdint.h>

const gsl_rng_type *rng_type(void) { return gsl_rng_taus2; }

static uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

unsigned long rng_stream_seed(long long seed, long replicate, enum rng_stream s)
{
    uint64_t h = splitmix64((uint64_t)seed);
    h = splitmix64(h ^ (uint64_t)replicate);
    h = splitmix64(h ^ ((uint64_t)s + 1) * 0xD1B54A32D192ED03ULL);
    unsigned long v = (unsigned long)(h >> 32);
    return v == 0 ? 1 : v; /* GSL maps seed 0 to its default seed */
}

int rng_alloc_streams(gsl_rng *r[N_RNG_STREAMS])
{
    for (int s = 0; s < N_RNG_STREAMS; s++) {
        r[s] = gsl_rng_alloc(rng_type());
        if (r[s] == NULL) {
            rng_free_streams(r);
            return -1;
        }
    }
    return 0;
}

void rng_free_streams(gsl_rng *r[N_RNG_STREAMS])
{
    for (int s = 0; s < N_RNG_STREAMS; s++) {
        if (r[s] != NULL)
            gsl_rng_free(r[s]);
        r[s] = NULL;
    }
}

void rng_seed_streams(gsl_rng *r[N_RNG_STREAMS], long long seed, long replicate)
{
    for (int s = 0; s < N_RNG_STREAMS; s++)
        gsl_rng_set(r[s], rng_stream_seed(seed, replicate, (enum rng_stream)s));
}

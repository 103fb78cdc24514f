/* rng: GSL streams and counter keys per replicate (see sim/base/rng.h). The
 * GSL generator is taus2 (L'Ecuyer 1999 maximally equidistributed Tausworthe,
 * period 2^88), seeded by GSL from 32 bits: the top 32 bits of splitmix64
 * over (seed, replicate, stream). */
#include "base/rng.h"

const gsl_rng_type *rng_type(void)
{
    return gsl_rng_taus2;
}

uint64_t rng_splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

static uint64_t mix3(long long seed, long replicate, uint64_t what)
{
    uint64_t h = rng_splitmix64((uint64_t)seed);
    h = rng_splitmix64(h ^ (uint64_t)replicate);
    return rng_splitmix64(h ^ (what + 1) * 0xD1B54A32D192ED03ULL);
}

unsigned long rng_stream_seed(long long seed, long replicate, enum rng_stream s)
{
    unsigned long v = (unsigned long)(mix3(seed, replicate, (uint64_t)s) >> 32);
    return v == 0 ? 1 : v; /* GSL maps seed 0 to its default seed */
}

uint64_t rng_counter_key(long long seed, long replicate, enum rng_counter c)
{
    return mix3(seed, replicate, 0x100u + (uint64_t)c);
}

int rng_alloc_streams(gsl_rng *r[N_RNG_STREAMS])
{
    for (int s = 0; s < N_RNG_STREAMS; s++)
        r[s] = NULL;
    for (int s = 0; s < N_RNG_STREAMS; s++) {
        r[s] = gsl_rng_alloc(rng_type());
        if (r[s] == NULL) {
            rng_free_streams(r);
            return -1;
        }
    }
    return 0;
}

size_t rng_streams_bytes(void)
{
    /* gsl_rng_alloc: the gsl_rng, then its type's state */
    return N_RNG_STREAMS * (sizeof(gsl_rng) + rng_type()->size);
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

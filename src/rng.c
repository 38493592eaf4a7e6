/* rng.c: xoshiro256** (Blackman and Vigna), seeded by splitmix64. */
#include "rng.h"

#include <math.h>

static uint64_t rng__splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rng__rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void rng_seed(rng_state *r, uint64_t seed)
{
    int i;
    for (i = 0; i < 4; i++)
        r->s[i] = rng__splitmix64(&seed);
}

uint64_t rng_next(rng_state *r)
{
    uint64_t *s = r->s;
    uint64_t result = rng__rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng__rotl(s[3], 45);
    return result;
}

double rng_uniform(rng_state *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

uint32_t rng_below(rng_state *r, uint32_t n)
{
    /* Reject the top sliver of the 32-bit range that would favour small values. */
    uint32_t limit = (uint32_t)(0x100000000ULL - (0x100000000ULL % n));
    uint32_t v;
    do {
        v = (uint32_t)(rng_next(r) >> 32);
    } while (limit != 0 && v >= limit);
    return v % n;
}

double rng_normal(rng_state *r)
{
    /* u1 in (0, 1] so log(u1) is finite. */
    double u1 = 1.0 - rng_uniform(r);
    double u2 = rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

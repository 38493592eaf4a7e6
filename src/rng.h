/* rng.h: the network's own random numbers, so a seed reproduces a run
   bit for bit on every platform (never rand(), whose sequence is the C
   library's choice). xoshiro256** seeded through splitmix64. */
#ifndef RNG_H
#define RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} rng_state;

/* Seeds the four words from splitmix64(seed), as the xoshiro authors advise. */
void rng_seed(rng_state *r, uint64_t seed);
uint64_t rng_next(rng_state *r);
/* Uniform in [0, 1) with 53 random bits. */
double rng_uniform(rng_state *r);
/* Uniform integer in [0, n), n >= 1, without modulo bias. */
uint32_t rng_below(rng_state *r, uint32_t n);
/* Standard normal N(0, 1) by Box-Muller (one value per call, no cached spare,
   so the stream depends only on how many values were drawn). */
double rng_normal(rng_state *r);

#endif

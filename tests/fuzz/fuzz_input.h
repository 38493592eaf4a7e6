/* fuzz_input.h: turns the fuzzer's bytes into the values of API calls.

   A reader hands out bytes and returns 0 once the input is used up, so every
   input, even an empty one, decodes to a finite call sequence. The decoders
   favour the values where bugs live: a double is either one of the special
   values (NaN, infinities, the limits and their neighbours, denormals), raw
   bytes (any bit pattern, NaN payloads included) or a small number; an
   integer is either a cheap valid value or one of the boundary values just
   outside its limit. Valid sizes are capped so that one input runs in
   milliseconds: the limits themselves (10000 points, 2048 x 2048 grids) are
   covered by test_errors_live.c and would make every execution slow.

   tests/fuzz/make-seeds.js writes inputs in this format; keep the two in step. */
#ifndef FUZZ_INPUT_H
#define FUZZ_INPUT_H

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    const uint8_t *p;
    size_t n, i;
} fz_reader;

static inline int fz_more(const fz_reader *r) { return r->i < r->n; }

static inline unsigned fz_u8(fz_reader *r) { return r->i < r->n ? r->p[r->i++] : 0u; }

static inline uint32_t fz_u32(fz_reader *r)
{
    uint32_t v = 0;
    int k;
    for (k = 0; k < 4; k++)
        v |= (uint32_t)fz_u8(r) << (8 * k);
    return v;
}

static inline int fz_i16(fz_reader *r)
{
    unsigned lo = fz_u8(r), hi = fz_u8(r);
    unsigned v = lo | (hi << 8);
    return v >= 0x8000u ? (int)v - 0x10000 : (int)v;
}

/* Doubles that sit on or next to an edge of some check. Index 0 is 0.0 so an
   input of zero bytes decodes to plain zeros. */
static inline double fz_special(unsigned k)
{
    static const double table[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 0.3, 10.0, 1e6, -1e6, 1e12, -1e12, 1e-300,
        DBL_MIN, 4.9406564584124654e-324, DBL_MAX, -DBL_MAX, 1e300, 1e-7, 2.0, 100.0,
    };
    const unsigned n = sizeof table / sizeof table[0];
    k %= n + 6;
    if (k < n)
        return table[k];
    switch (k - n) {
    case 0: return NAN;
    case 1: return -NAN;
    case 2: return INFINITY;
    case 3: return -INFINITY;
    case 4: return nextafter(1e6, INFINITY);      /* just past MLP_MAX_INPUT */
    default: return nextafter(10.0, INFINITY);    /* just past MLP_MAX_NOISE */
    }
}

/* tag & 3: 0 special, 1 raw bits, 2 small (+-32 in steps of 1/1024), 3 coarse
   (+-2048 in steps of 1/16). */
static inline double fz_f64(fz_reader *r)
{
    unsigned tag = fz_u8(r);
    switch (tag & 3u) {
    case 0:
        return fz_special(tag >> 2);
    case 1: {
        uint64_t bits = (uint64_t)fz_u32(r);
        double v;
        bits |= (uint64_t)fz_u32(r) << 32;
        memcpy(&v, &bits, sizeof v);
        return v;
    }
    case 2:
        return fz_i16(r) / 1024.0;
    default:
        return fz_i16(r) / 16.0;
    }
}

/* An integer for a field whose limit is [lo, hi]: even tags give a valid value
   in [lo, cap] (cap <= hi keeps it cheap), odd tags one of the values just
   outside the limit or at the ends of int. hi itself is offered only when
   hi_cheap says running with it is fast. */
static inline int fz_int(fz_reader *r, int lo, int cap, int hi, int hi_cheap)
{
    unsigned tag = fz_u8(r), k = tag >> 1;
    if (!(tag & 1u))
        return lo + (int)(k % (unsigned)(cap - lo + 1));
    switch (k % 8u) {
    case 0: return lo - 1;
    case 1: return hi + 1;
    case 2: return 0;
    case 3: return -1;
    case 4: return INT_MIN;
    case 5: return INT_MAX;
    case 6: return hi_cheap ? hi : cap;
    default: return lo;
    }
}

#endif

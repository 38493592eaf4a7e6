/* simd2.h: a pair of doubles as one SIMD register, for the register-blocked
   tiles of layers.c: wasm simd128 (f64x2), SSE2 on x86-64, and otherwise a
   plain struct of two doubles (portable C99; the compiler may or may not
   vectorise it).

   Why explicit: the compilers vectorise a loop over points well, but not a
   tile of sums kept across a loop over inputs (clang leaves such a tile
   scalar), and the tile is what saves the loads and stores. Every operation
   here is one IEEE multiply or add per lane, never fused, so each lane
   computes exactly what the scalar expression would: the results are the
   same bits on all three paths. */
#ifndef SIMD2_H
#define SIMD2_H

#if defined(__wasm_simd128__) && !defined(SIMD2_PORTABLE)
#include <wasm_simd128.h>
typedef v128_t d2;
#define d2_load(p) wasm_v128_load(p)                 /* p[0], p[1] (any alignment) */
#define d2_splat(p) wasm_v128_load64_splat(p)        /* *p, *p */
#define d2_store(p, v) wasm_v128_store((p), (v))
#define d2_add(a, b) wasm_f64x2_add((a), (b))
#define d2_mul(a, b) wasm_f64x2_mul((a), (b))
#define d2_zero() wasm_f64x2_splat(0.0)
#define d2_lo(v) wasm_f64x2_extract_lane((v), 0)
#define d2_hi(v) wasm_f64x2_extract_lane((v), 1)
#elif defined(__SSE2__) && !defined(SIMD2_PORTABLE)
#include <emmintrin.h>
typedef __m128d d2;
#define d2_load(p) _mm_loadu_pd(p)
#define d2_splat(p) _mm_set1_pd(*(p))
#define d2_store(p, v) _mm_storeu_pd((p), (v))
#define d2_add(a, b) _mm_add_pd((a), (b))
#define d2_mul(a, b) _mm_mul_pd((a), (b))
#define d2_zero() _mm_setzero_pd()
#define d2_lo(v) _mm_cvtsd_f64(v)
#define d2_hi(v) _mm_cvtsd_f64(_mm_unpackhi_pd((v), (v)))
#else
typedef struct {
    double lo, hi;
} d2;
static inline d2 d2_make(double lo, double hi)
{
    d2 v;
    v.lo = lo;
    v.hi = hi;
    return v;
}
static inline d2 d2_add(d2 a, d2 b) { return d2_make(a.lo + b.lo, a.hi + b.hi); }
static inline d2 d2_mul(d2 a, d2 b) { return d2_make(a.lo * b.lo, a.hi * b.hi); }
static inline void d2_store(double *p, d2 v)
{
    p[0] = v.lo;
    p[1] = v.hi;
}
#define d2_load(p) d2_make((p)[0], (p)[1])
#define d2_splat(p) d2_make(*(p), *(p))
#define d2_zero() d2_make(0.0, 0.0)
#define d2_lo(v) ((v).lo)
#define d2_hi(v) ((v).hi)
#endif

#endif

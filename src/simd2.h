/* simd2.h: a pair of doubles as one SIMD register, for the register-blocked
   tiles of layers.c: wasm simd128 (f64x2), SSE2 on x86-64, and otherwise a
   plain struct of two doubles (portable C99; the compiler may or may not
   vectorise it).

   Why explicit: the compilers vectorise a loop over points well, but not a
   tile of sums kept across a loop over inputs (clang leaves such a tile
   scalar), and the tile is what saves the loads and stores. Every operation
   here is one IEEE multiply or add per lane, never fused, so each lane
   computes exactly what the scalar expression would: the results are the
   same bits on all three paths.

   Also float helpers for the grid: transpose_store4, four rows of four
   floats written as four columns, and interleave_store2, two rows of four
   floats written as four pairs. The compilers vectorise the arithmetic of
   a unit-major to pixel-major loop but scalarise its interleaved stores
   (16 extracts and scalar stores per 4 pixels in V8); two rounds of shuffles
   do the same in 8 instructions. */
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
/* out[4q + k] = r_k[q] for q, k = 0..3. */
static inline void transpose_store4(float *out, const float *r0, const float *r1,
                                    const float *r2, const float *r3)
{
    v128_t a = wasm_v128_load(r0), b = wasm_v128_load(r1), c = wasm_v128_load(r2),
           d = wasm_v128_load(r3);
    v128_t ab01 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), cd01 = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5);
    v128_t ab23 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7), cd23 = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
    wasm_v128_store(out, wasm_i32x4_shuffle(ab01, cd01, 0, 1, 4, 5));
    wasm_v128_store(out + 4, wasm_i32x4_shuffle(ab01, cd01, 2, 3, 6, 7));
    wasm_v128_store(out + 8, wasm_i32x4_shuffle(ab23, cd23, 0, 1, 4, 5));
    wasm_v128_store(out + 12, wasm_i32x4_shuffle(ab23, cd23, 2, 3, 6, 7));
}
/* out[2q + k] = r_k[q] for q = 0..3, k = 0, 1. */
static inline void interleave_store2(float *out, const float *r0, const float *r1)
{
    v128_t a = wasm_v128_load(r0), b = wasm_v128_load(r1);
    wasm_v128_store(out, wasm_i32x4_shuffle(a, b, 0, 4, 1, 5));
    wasm_v128_store(out + 4, wasm_i32x4_shuffle(a, b, 2, 6, 3, 7));
}
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
static inline void transpose_store4(float *out, const float *r0, const float *r1,
                                    const float *r2, const float *r3)
{
    __m128 a = _mm_loadu_ps(r0), b = _mm_loadu_ps(r1), c = _mm_loadu_ps(r2),
           d = _mm_loadu_ps(r3);
    _MM_TRANSPOSE4_PS(a, b, c, d);
    _mm_storeu_ps(out, a);
    _mm_storeu_ps(out + 4, b);
    _mm_storeu_ps(out + 8, c);
    _mm_storeu_ps(out + 12, d);
}
static inline void interleave_store2(float *out, const float *r0, const float *r1)
{
    __m128 a = _mm_loadu_ps(r0), b = _mm_loadu_ps(r1);
    _mm_storeu_ps(out, _mm_unpacklo_ps(a, b));
    _mm_storeu_ps(out + 4, _mm_unpackhi_ps(a, b));
}
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
static inline void transpose_store4(float *out, const float *r0, const float *r1,
                                    const float *r2, const float *r3)
{
    int q;
    for (q = 0; q < 4; q++) {
        out[4 * q] = r0[q];
        out[4 * q + 1] = r1[q];
        out[4 * q + 2] = r2[q];
        out[4 * q + 3] = r3[q];
    }
}
static inline void interleave_store2(float *out, const float *r0, const float *r1)
{
    int q;
    for (q = 0; q < 4; q++) {
        out[2 * q] = r0[q];
        out[2 * q + 1] = r1[q];
    }
}
#endif

#endif

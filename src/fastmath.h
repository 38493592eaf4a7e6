/* fastmath.h: exp, expm1, tanh and sigmoid for doubles, written so that a loop
   over an array of them compiles to SIMD (wasm simd128 f64x2, SSE2 on x86-64).

   Why not libm: a call to exp() per element stops vectorisation, and in the
   forward pass of a small network the transcendental calls, not the
   multiply-adds, are most of the time. These are branch-free (selects only),
   use only +, *, / and integer shifts on the bits, and are accurate to a
   couple of units in the last place on their whole range:

   exp(x) = 2^k * e^r with k = round(x / ln2) and r = x - k ln2, |r| <= ln2/2.
   e^r - 1 = r + r^2/2! + ... + r^13/13! (truncation error < 1e-17 on that
   range). 2^k is built by adding k to the exponent bits. k is rounded with the
   classic shifter trick: adding 1.5 * 2^52 leaves round(x/ln2) in the low
   mantissa bits, so no float-to-int conversion (which has no f64x2 form in
   wasm) is needed. Arguments are clamped to [-708, 708] so 2^k stays a normal
   double (exp returns 0 below -708); NaN passes through every comparison and comes out NaN, so a diverged
   run is still visible as NaN rather than hidden. */
#ifndef FASTMATH_H
#define FASTMATH_H

#include <stdint.h>
#include <string.h>

#define FM__LOG2E 1.4426950408889634
#define FM__LN2_HI 6.93147180369123816490e-01 /* ln2 split so k*LN2_HI is exact */
#define FM__LN2_LO 1.90821492927058770002e-10
#define FM__SHIFT 6755399441055744.0 /* 0x1.8p52 */

/* q = e^r - 1 for |r| <= ln2/2, by Horner; r^13/13! is the last term kept. */
static inline double fm__expm1_poly(double r)
{
    double p = 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    return (p * r) * r + r;
}

/* Splits x into 2^k (returned in *s) and q = e^r - 1, so that e^x = s * (1 + q). */
static inline double fm__split(double x, double *s)
{
    double kd, r;
    uint64_t kbits, sbits;
    x = x < -708.0 ? -708.0 : x;
    x = x > 708.0 ? 708.0 : x;
    kd = x * FM__LOG2E + FM__SHIFT;
    memcpy(&kbits, &kd, sizeof kbits);
    kd -= FM__SHIFT;
    r = (x - kd * FM__LN2_HI) - kd * FM__LN2_LO;
    /* 2^k: the exponent field of 1.0 (1023 << 52) plus k << 52; the shift drops
       the shifter's high bits and keeps k as a 12-bit two's complement. */
    sbits = (uint64_t)0x3FF0000000000000ULL + (kbits << 52);
    memcpy(s, &sbits, sizeof sbits);
    return fm__expm1_poly(r);
}

/* Below -708 the clamped value would be ~3e-308; give the true 0 instead, so
   softmax of scores 1000 apart yields exact 0s and 1s. */
static inline double fm_exp(double x)
{
    double s, q = fm__split(x, &s);
    double y = s * q + s;
    return x < -708.0 ? 0.0 : y;
}

/* e^x - 1 without cancellation near 0: for k = 0, s = 1 and the result is q. */
static inline double fm_expm1(double x)
{
    double s, q = fm__split(x, &s);
    return s * q + (s - 1.0);
}

/* tanh(x) = e / (e + 2) with e = expm1(2|x|), sign restored; exact to a few
   ulp near 0 and saturates to 1 cleanly (for |x| > 20, e/(e+2) rounds to 1);
   NaN stays NaN through the polynomial. */
static inline double fm_tanh(double x)
{
    double ax = x < 0 ? -x : x;
    double e, t;
    ax = ax > 40.0 ? 40.0 : ax;
    e = fm_expm1(2.0 * ax);
    t = e / (e + 2.0);
    return x < 0 ? -t : t;
}

/* sigma(z) = 1 / (1 + e^-z). */
static inline double fm_sigmoid(double z)
{
    return 1.0 / (1.0 + fm_exp(-z));
}

#endif

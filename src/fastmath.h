/* fastmath.h: exp, expm1, tanh and sigmoid for doubles, written so that a loop
   over an array of them compiles to SIMD (wasm simd128 f64x2, SSE2 on x86-64).

   Why not libm: a call to exp() per element stops vectorisation, and in the
   forward pass of a small network the transcendental calls, not the
   multiply-adds, are most of the time. These are branch-free (selects only),
   use only +, *, / and integer shifts on the bits, and are accurate to a
   few units in the last place on their whole range:

   e^x = 2^k * e^r with k = round(x / ln2) and r = x - k ln2, |r| <= ln2/2.
   e^r = (P + Q) / (P - Q), the [6/6] Pade approximant (relative error below
   2e-19 on that range), with P its even and Q its odd part. Each function
   below divides once anyway, so the approximant's quotient is folded into
   that division, and P and Q together cost about half the multiply-adds of
   an equally accurate polynomial. 2^k is built by adding k to the exponent
   bits. k is rounded with the classic shifter trick: adding 1.5 * 2^52
   leaves round(x/ln2) in the low mantissa bits, so no float-to-int
   conversion (which has no f64x2 form in wasm) is needed. Arguments are
   clamped to [-708, 708] so 2^k stays a normal double (exp returns 0 below
   -708); NaN in gives NaN out, so a diverged run is still visible as NaN
   rather than hidden.

   Written for what wasm simd128 compiles well (in V8 on x86-64): fabs (one
   AND) rather than a compare and select; clamps written so that they become
   f64x2.pmin or a compare + bitselect rather than f64x2.min/max, which cost
   about seven instructions each; those clamps turn NaN into a number, so
   fm__keep_nan puts it back with one compare and one OR; one clamp per
   function where the range allows; and the sign of tanh put back with
   integer AND/OR (copysign is not vectorised). */
#ifndef FASTMATH_H
#define FASTMATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#define FM__LOG2E 1.4426950408889634
#define FM__LN2_HI 6.93147180369123816490e-01 /* ln2 split so k*LN2_HI is exact */
#define FM__LN2_LO 1.90821492927058770002e-10
#define FM__SHIFT 6755399441055744.0 /* 0x1.8p52 */

/* x = k ln2 + r for x in [-708, 708]: returns 2^k and leaves r in *r. */
static inline double fm__reduce(double x, double *r)
{
    double kd, s;
    uint64_t kbits, sbits;
    kd = x * FM__LOG2E + FM__SHIFT;
    memcpy(&kbits, &kd, sizeof kbits);
    kd -= FM__SHIFT;
    *r = (x - kd * FM__LN2_HI) - kd * FM__LN2_LO;
    /* 2^k: the exponent field of 1.0 (1023 << 52) plus k << 52; the shift drops
       the shifter's high bits and keeps k as a 12-bit two's complement. */
    sbits = (uint64_t)0x3FF0000000000000ULL + (kbits << 52);
    memcpy(&s, &sbits, sizeof s);
    return s;
}

/* e^r ~ (P + Q) / (P - Q) for |r| <= ln2/2 (twice the [6/6] Pade numerator,
   split into its even part P and odd part Q): returns P, leaves Q in *Q.
   P = 2 + 5/22 r^2 + 1/396 r^4 + 1/332640 r^6, Q = r (1 + 1/33 r^2 + 1/7920 r^4). */
static inline double fm__pade(double r, double *Q)
{
    double r2 = r * r;
    *Q = r * ((r2 * (1.0 / 7920.0) + 1.0 / 33.0) * r2 + 1.0);
    return ((r2 * (1.0 / 332640.0) + 1.0 / 396.0) * r2 + 5.0 / 22.0) * r2 + 2.0;
}

/* y, or a NaN (all bits set) where x is NaN: puts back the NaN that the
   clamps below turn into a number. */
static inline double fm__keep_nan(double y, double x)
{
    uint64_t ybits, nanbits = -(uint64_t)(x != x);
    memcpy(&ybits, &y, sizeof ybits);
    ybits |= nanbits;
    memcpy(&y, &ybits, sizeof y);
    return y;
}

/* Limits an exponent to [-708, 708], NaN becoming -708 (callers put it back
   with fm__keep_nan). Written as two selects that wasm simd128 compiles to a
   compare + bitselect and a pmin; the NaN-propagating f64x2.max/min that
   "x < -708 ? -708 : x" becomes cost about seven x86 instructions each in V8. */
static inline double fm__clamp(double x)
{
    x = x > -708.0 ? x : -708.0;
    return x < 708.0 ? x : 708.0;
}

/* e^x = 2^k (P + Q) / (P - Q). Below -708 the clamped value would be ~3e-308;
   give the true 0 instead, so softmax of scores 1000 apart yields exact 0s and 1s. */
static inline double fm_exp(double x)
{
    double r, Q, s = fm__reduce(fm__clamp(x), &r), P = fm__pade(r, &Q);
    double y = s * (P + Q) / (P - Q);
    return fm__keep_nan(x < -708.0 ? 0.0 : y, x);
}

/* fm_exp for x <= 0 (softmax's z - max z), where only the lower clamp is needed. */
static inline double fm_exp_nonpositive(double x)
{
    double r, Q, s = fm__reduce(x > -708.0 ? x : -708.0, &r), P = fm__pade(r, &Q);
    double y = s * (P + Q) / (P - Q);
    return fm__keep_nan(x < -708.0 ? 0.0 : y, x);
}

/* e^x - 1 = ((2^k - 1)(P + Q) + 2Q) / (P - Q), without cancellation near 0
   (there k = 0 and the result is 2Q / (P - Q)). */
static inline double fm_expm1(double x)
{
    double r, Q, s = fm__reduce(fm__clamp(x), &r), P = fm__pade(r, &Q);
    return fm__keep_nan(((s - 1.0) * (P + Q) + (Q + Q)) / (P - Q), x);
}

/* tanh|x| = (e^{2|x|} - 1) / (e^{2|x|} + 1) = (u + 2Q) / (u + 2P) with
   u = (2^k - 1)(P + Q); the sign of x is then put back on the bits, so tanh
   is exactly odd. Accurate near 0 (there u = 0 and the result is Q / P), and
   saturates to 1 cleanly: |x| is clamped to 40, where the quotient rounds to
   1 (and 2|x| needs no further clamp). */
static inline double fm_tanh(double x)
{
    double ax = fabs(x), r, Q, P, s, u, t;
    uint64_t tbits, xbits;
    ax = ax < 40.0 ? ax : 40.0;
    s = fm__reduce(2.0 * ax, &r);
    P = fm__pade(r, &Q);
    u = (s - 1.0) * (P + Q);
    t = (u + (Q + Q)) / (u + (P + P));
    memcpy(&tbits, &t, sizeof tbits);
    memcpy(&xbits, &x, sizeof xbits);
    tbits |= xbits & 0x8000000000000000ULL;  /* t >= 0 takes the sign bit of x */
    memcpy(&t, &tbits, sizeof t);
    return fm__keep_nan(t, x);
}

/* sigma(z) = 1 / (1 + e^-z). */
static inline double fm_sigmoid(double z)
{
    return 1.0 / (1.0 + fm_exp(-z));
}

#endif

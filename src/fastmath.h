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
   f64x2.pmin/pmax rather than f64x2.min/max, which cost about seven
   instructions each, and let NaN through (so no repair is needed); one
   clamp per function where the range allows; and the sign of tanh put back with
   integer AND/OR (copysign is not vectorised).

   Constants come from a table in memory (fm__k, fmf__k) rather than being
   written as literals. V8 materialises every wasm v128.const anew on each
   loop iteration (several x86 instructions per constant, and these functions
   use about a dozen), whereas a value loaded from memory before the loop is
   splatted once and stays in a register: measured, a loop of fmf_tanh ran
   twice as fast this way. The tables are ordinary (non-const) globals
   defined in layers.c, so no compiler can fold them back into literals; the
   values, and so every result, are exactly those of the literals. */
#ifndef FASTMATH_H
#define FASTMATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    double log2e, ln2_hi, ln2_lo;     /* ln2 split so k * ln2_hi is exact */
    double shift;                     /* 0x1.8p52 */
    double q4, q2, p6, p4, p2;        /* Pade coefficients, see fm__pade */
    double one, two, lo, hi, tanh_max;
    uint64_t one_bits, sign_bit;
} fm__consts;
extern fm__consts fm__k;              /* defined in layers.c */

/* Its values, as fm__k is initialised (layers.c). */
#define FM__CONSTS_INIT                                                              \
    {1.4426950408889634, 6.93147180369123816490e-01, 1.90821492927058770002e-10,     \
     6755399441055744.0, 1.0 / 7920.0, 1.0 / 33.0, 1.0 / 332640.0, 1.0 / 396.0,       \
     5.0 / 22.0, 1.0, 2.0, -708.0, 708.0, 40.0, 0x3FF0000000000000ULL,                \
     0x8000000000000000ULL}

/* x = k ln2 + r for x in [-708, 708]: returns 2^k and leaves r in *r. */
static inline double fm__reduce(double x, double *r)
{
    double kd, s;
    uint64_t kbits, sbits;
    kd = x * fm__k.log2e + fm__k.shift;
    memcpy(&kbits, &kd, sizeof kbits);
    kd -= fm__k.shift;
    *r = (x - kd * fm__k.ln2_hi) - kd * fm__k.ln2_lo;
    /* 2^k: the exponent field of 1.0 (1023 << 52) plus k << 52; the shift drops
       the shifter's high bits and keeps k as a 12-bit two's complement. */
    sbits = fm__k.one_bits + (kbits << 52);
    memcpy(&s, &sbits, sizeof s);
    return s;
}

/* e^r ~ (P + Q) / (P - Q) for |r| <= ln2/2 (twice the [6/6] Pade numerator,
   split into its even part P and odd part Q): returns P, leaves Q in *Q.
   P = 2 + 5/22 r^2 + 1/396 r^4 + 1/332640 r^6, Q = r (1 + 1/33 r^2 + 1/7920 r^4). */
static inline double fm__pade(double r, double *Q)
{
    double r2 = r * r;
    *Q = r * ((r2 * fm__k.q4 + fm__k.q2) * r2 + fm__k.one);
    return ((r2 * fm__k.p6 + fm__k.p4) * r2 + fm__k.p2) * r2 + fm__k.two;
}

/* Limits an exponent to [-708, 708], letting NaN through. Written in the
   forms of f64x2.pmax and f64x2.pmin ("b < a ? b : a" and its mirror), one
   x86 instruction each in V8, where NaN compares false and so stays x; the
   NaN-propagating f64x2.max/min cost about seven instructions each. A NaN
   then goes through every step of the functions below as NaN. */
static inline double fm__clamp(double x)
{
    x = x < fm__k.lo ? fm__k.lo : x;
    return fm__k.hi < x ? fm__k.hi : x;
}

/* e^x = 2^k (P + Q) / (P - Q). Below -708 the clamped value would be ~3e-308;
   give the true 0 instead, so softmax of scores 1000 apart yields exact 0s and 1s. */
static inline double fm_exp(double x)
{
    double r, Q, s = fm__reduce(fm__clamp(x), &r), P = fm__pade(r, &Q);
    double y = s * (P + Q) / (P - Q);
    return x < fm__k.lo ? 0.0 : y;
}

/* fm_exp for x <= 0 (softmax's z - max z), where only the lower clamp is needed. */
static inline double fm_exp_nonpositive(double x)
{
    double r, Q, s = fm__reduce(x < fm__k.lo ? fm__k.lo : x, &r), P = fm__pade(r, &Q);
    double y = s * (P + Q) / (P - Q);
    return x < fm__k.lo ? 0.0 : y;
}

/* e^x - 1 = ((2^k - 1)(P + Q) + 2Q) / (P - Q), without cancellation near 0
   (there k = 0 and the result is 2Q / (P - Q)). */
static inline double fm_expm1(double x)
{
    double r, Q, s = fm__reduce(fm__clamp(x), &r), P = fm__pade(r, &Q);
    return ((s - fm__k.one) * (P + Q) + (Q + Q)) / (P - Q);
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
    /* min(|x|, 40), a NaN passing (see fm__clamp) */
    ax = fm__k.tanh_max < ax ? fm__k.tanh_max : ax;
    s = fm__reduce(ax + ax, &r);
    P = fm__pade(r, &Q);
    u = (s - fm__k.one) * (P + Q);
    t = (u + (Q + Q)) / (u + (P + P));
    memcpy(&tbits, &t, sizeof tbits);
    memcpy(&xbits, &x, sizeof xbits);
    tbits |= xbits & fm__k.sign_bit;         /* t >= 0 takes the sign bit of x */
    memcpy(&t, &tbits, sizeof t);
    return t;
}

/* sigma(z) = 1 / (1 + e^-z). */
static inline double fm_sigmoid(double z)
{
    return fm__k.one / (fm__k.one + fm_exp(-z));
}

/* ---- float32, for the decision-region grid only ---------------------------

   The grid is display output (returned as float), so it is computed in
   float32: four points per wasm f32x4 / SSE vector instead of two. Training
   never uses these. They work in base 2, because the grid folds the factor
   into the weights for free (see grid_f32.c): 2^t = 2^k 2^f with k = round(t)
   (shifter 1.5 * 2^23) and f = t - k exact, |f| <= 1/2; 2^f from a degree-5
   polynomial, then k added to its exponent bits (one integer add where
   building 2^k and multiplying took two operations). t is clamped to
   [-125, 126], so that sum stays a normal float (2^f >= 2^-0.5): 2^t is then
   at least 2^-125.5 ~ 2e-38 where it should be smaller, and at most 2^126.5
   where it would overflow; neither shows in the quotients below, which stay
   in [0, 1]. A NaN becomes -125 at the clamp (the grid checks its inputs'
   range instead).

   The polynomial: 1 + c1 f + ... + c5 f^5 with c1..c5 fitted to 2^f on
   [-1/2, 1/2] for the least largest relative error (iteratively reweighted
   least squares, which converges to the minimax fit; the constant kept at
   exactly 1, so 2^0 = 1 and sigmoid2(0) = 1/2), then each coefficient moved
   by up to 2 float ulps to minimise the error of the float evaluation
   itself: 9e-8 for the exact polynomial, 1.7e-7 evaluated in float (Horner,
   no fused multiply-add), where Cephes' degree-6 exp2f polynomial gave 1e-7
   at two more operations per call. tests/c/test_grid_f32.c measures it. */
typedef struct {
    float lo, hi, shift;              /* -125, 126, 0x1.8p23 */
    float c1, c2, c3, c4, c5;         /* 2^f ~ 1 + c1 f + ... + c5 f^5 */
    float one, two;
} fmf__consts;
extern fmf__consts fmf__k;            /* defined in layers.c */

#define FMF__CONSTS_INIT                                                               \
    {-125.0f, 126.0f, 12582912.0f, 0x1.62e42ap-1f, 0x1.ebf9c0p-3f, 0x1.c6b74ep-5f,   \
     0x1.3cea94p-7f, 0x1.5bba2ap-10f, 1.0f, 2.0f}

/* log2(e), by which the grid scales pre-activations: e^z = 2^(z log2 e). */
#define FMF_LOG2E 1.44269504088896341f

/* 2^t for t already clamped to [-125, 126]. */
static inline float fmf__exp2_clamped(float t)
{
    float kt, kd, f, p;
    uint32_t kbits, pbits;
    kt = t + fmf__k.shift;                  /* round(t) in the low mantissa bits */
    memcpy(&kbits, &kt, sizeof kbits);
    kd = kt - fmf__k.shift;
    f = t - kd;
    p = (((((fmf__k.c5 * f + fmf__k.c4) * f + fmf__k.c3) * f + fmf__k.c2) * f + fmf__k.c1) * f) +
        fmf__k.one;
    /* p 2^k: k << 23 added to p's exponent field (the shift drops the
       shifter's high bits; k's two's complement wraps as it should). */
    memcpy(&pbits, &p, sizeof pbits);
    pbits += kbits << 23;
    memcpy(&p, &pbits, sizeof p);
    return p;
}

static inline float fmf_exp2(float t)
{
    t = t > fmf__k.lo ? t : fmf__k.lo;
    return fmf__exp2_clamped(t < fmf__k.hi ? t : fmf__k.hi);
}

/* fmf_exp2 for t <= 0 (softmax's z - max z): the lower clamp only. */
static inline float fmf_exp2_nonpositive(float t)
{
    return fmf__exp2_clamped(t > fmf__k.lo ? t : fmf__k.lo);
}

/* sigma(z) = 1 / (1 + 2^t) for t = -z log2 e: absolute error below 2e-7. */
static inline float fmf_sigmoid2(float t)
{
    return fmf__k.one / (fmf__k.one + fmf_exp2(t));
}

/* tanh z = 1 - 2 / (1 + 2^t) for t = 2 z log2 e: absolute error below 3e-7.
   (Absolute, not relative, is what the next layer sees.) */
static inline float fmf_tanh2(float t)
{
    return fmf__k.one - fmf__k.two / (fmf__k.one + fmf_exp2(t));
}

#endif

/* wasm_trig.c: sin and cos for the wasm build only (the Makefile links it
   into the wasm, never into native builds, which keep the C library's).

   These are musl's sin and cos (from FreeBSD's msun, from Sun's fdlibm; the
   notice below), copied so that the wasm gives exactly the results it gave
   with Emscripten's libc, with one part left out: the reduction of
   arguments of 2^20 pi/2 (about 1.6e6) and more, whose table of 2/pi's bits
   and its code were about 4.6 KB of the gzipped wasm. The core never passes
   such arguments: its sin and cos are of coordinates, which its limits keep
   within +-1e6 (features.c's sin(x1), sin(x2)), and of angles in [0, 2 pi)
   (rng.c's normal draws). Beyond, the medium reduction below still gives a
   finite value in [-1, 1], less accurate as |x| grows. tests/node/trig.test.js
   compares the results with JavaScript's Math.sin (fdlibm's too) over the
   core's range.

   ====================================================
   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.

   Developed at SunSoft, a Sun Microsystems, Inc. business.
   Permission to use, copy, modify, and distribute this
   software is freely granted, provided that this notice
   is preserved.
   ====================================================
   Optimized by Bruce D. Evans. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static uint32_t high_word(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return (uint32_t)(u >> 32);
}

static const double
    toint = 1.5 / DBL_EPSILON,
    pio4 = 0x1.921fb54442d18p-1,
    invpio2 = 6.36619772367581382433e-01, /* 0x3FE45F30, 0x6DC9C883 */
    pio2_1 = 1.57079632673412561417e+00,  /* 0x3FF921FB, 0x54400000 */
    pio2_1t = 6.07710050650619224932e-11, /* 0x3DD0B461, 0x1A626331 */
    pio2_2 = 6.07710050630396597660e-11,  /* 0x3DD0B461, 0x1A600000 */
    pio2_2t = 2.02226624879595063154e-21, /* 0x3BA3198A, 0x2E037073 */
    pio2_3 = 2.02226624871116645580e-21,  /* 0x3BA3198A, 0x2E000000 */
    pio2_3t = 8.47842766036889956997e-32; /* 0x397B839A, 0x252049C1 */

/* x - n pi/2 for |x| < 9 pi/4, n = k (sign applied): one round, good to 85 bits. */
static int near(double x, int k, int sign, double *y)
{
    double z;
    if (!sign) {
        z = x - k * pio2_1;
        y[0] = z - k * pio2_1t;
        y[1] = (z - y[0]) - k * pio2_1t;
        return k;
    }
    z = x + k * pio2_1;
    y[0] = z + k * pio2_1t;
    y[1] = (z - y[0]) + k * pio2_1t;
    return -k;
}

/* musl's __rem_pio2: x rem pi/2 in y[0] + y[1], returns n (x ~ n pi/2 + y),
   for |x| > pi/4; the large-argument path is replaced as said above. */
static int rem_pio2(double x, double *y)
{
    double w, t, r, fn;
    uint64_t bits;
    uint32_t ix = high_word(x) & 0x7fffffff;
    int sign = high_word(x) >> 31, n, ex, ey;
    if (ix <= 0x400f6a7a) {                        /* |x| ~<= 5pi/4 */
        if ((ix & 0xfffff) == 0x921fb)             /* |x| ~= pi/2 or 2pi/2 */
            goto medium;                           /* cancellation: the medium case */
        return near(x, ix <= 0x4002d97c ? 1 : 2, sign, y);
    }
    if (ix <= 0x401c463b) {                        /* |x| ~<= 9pi/4 */
        if (ix <= 0x4015fdbc) {                    /* |x| ~<= 7pi/4 */
            if (ix == 0x4012d97c)                  /* |x| ~= 3pi/2 */
                goto medium;
            return near(x, 3, sign, y);
        }
        if (ix == 0x401921fb)                      /* |x| ~= 4pi/2 */
            goto medium;
        return near(x, 4, sign, y);
    }
medium:
    fn = x * invpio2 + toint - toint;              /* rint(x/(pi/2)) */
    n = (int32_t)fn;
    r = x - fn * pio2_1;
    w = fn * pio2_1t;                              /* 1st round, good to 85 bits */
    if (r - w < -pio4) {                           /* matters with directed rounding */
        n--;
        fn--;
        r = x - fn * pio2_1;
        w = fn * pio2_1t;
    } else if (r - w > pio4) {
        n++;
        fn++;
        r = x - fn * pio2_1;
        w = fn * pio2_1t;
    }
    y[0] = r - w;
    memcpy(&bits, &y[0], sizeof bits);
    ey = (int)(bits >> 52 & 0x7ff);
    ex = (int)(ix >> 20);
    if (ex - ey > 16) {                            /* 2nd round, good to 118 bits */
        t = r;
        w = fn * pio2_2;
        r = t - w;
        w = fn * pio2_2t - ((t - r) - w);
        y[0] = r - w;
        memcpy(&bits, &y[0], sizeof bits);
        ey = (int)(bits >> 52 & 0x7ff);
        if (ex - ey > 49) {                        /* 3rd round, good to 151 bits */
            t = r;
            w = fn * pio2_3;
            r = t - w;
            w = fn * pio2_3t - ((t - r) - w);
            y[0] = r - w;
        }
    }
    y[1] = (r - y[0]) - w;
    return n;
}

/* musl's __sin: sin(x + y) on [-pi/4, pi/4], y the tail of x (iy = 0: none). */
static double k_sin(double x, double y, int iy)
{
    static const double
        S1 = -1.66666666666666324348e-01, /* 0xBFC55555, 0x55555549 */
        S2 = 8.33333333332248946124e-03,  /* 0x3F811111, 0x1110F8A6 */
        S3 = -1.98412698298579493134e-04, /* 0xBF2A01A0, 0x19C161D5 */
        S4 = 2.75573137070700676789e-06,  /* 0x3EC71DE3, 0x57B1FE7D */
        S5 = -2.50507602534068634195e-08, /* 0xBE5AE5E6, 0x8A2B9CEB */
        S6 = 1.58969099521155010221e-10;  /* 0x3DE5D93A, 0x5ACFD57C */
    double z = x * x, w = z * z, r, v;
    r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    v = z * x;
    if (iy == 0)
        return x + v * (S1 + z * r);
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* musl's __cos: cos(x + y) on [-pi/4, pi/4]. */
static double k_cos(double x, double y)
{
    static const double
        C1 = 4.16666666666666019037e-02,  /* 0x3FA55555, 0x5555554C */
        C2 = -1.38888888888741095749e-03, /* 0xBF56C16C, 0x16C15177 */
        C3 = 2.48015872894767294178e-05,  /* 0x3EFA01A0, 0x19CB1590 */
        C4 = -2.75573143513906633035e-07, /* 0xBE927E4F, 0x809C52AD */
        C5 = 2.08757232129817482790e-09,  /* 0x3E21EE9E, 0xBDB4B1C4 */
        C6 = -1.13596475577881948265e-11; /* 0xBDA8FAE9, 0xBE8838D4 */
    double z = x * x, w = z * z, r, hz;
    r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    hz = 0.5 * z;
    w = 1.0 - hz;
    return w + (((1.0 - w) - hz) + (z * r - x * y));
}

double sin(double x)
{
    double y[2];
    uint32_t ix = high_word(x) & 0x7fffffff;
    if (ix <= 0x3fe921fb)                          /* |x| ~< pi/4 */
        return ix < 0x3e500000 ? x : k_sin(x, 0.0, 0);   /* |x| < 2^-26: x */
    if (ix >= 0x7ff00000)                          /* sin(Inf or NaN) is NaN */
        return x - x;
    switch (rem_pio2(x, y) & 3) {
    case 0: return k_sin(y[0], y[1], 1);
    case 1: return k_cos(y[0], y[1]);
    case 2: return -k_sin(y[0], y[1], 1);
    default: return -k_cos(y[0], y[1]);
    }
}

double cos(double x)
{
    double y[2];
    uint32_t ix = high_word(x) & 0x7fffffff;
    if (ix <= 0x3fe921fb)                          /* |x| ~< pi/4 */
        return ix < 0x3e46a09e ? 1.0 : k_cos(x, 0);      /* |x| < 2^-27 sqrt 2: 1 */
    if (ix >= 0x7ff00000)                          /* cos(Inf or NaN) is NaN */
        return x - x;
    switch (rem_pio2(x, y) & 3) {
    case 0: return k_cos(y[0], y[1]);
    case 1: return -k_sin(y[0], y[1], 1);
    case 2: return -k_cos(y[0], y[1]);
    default: return k_sin(y[0], y[1], 1);
    }
}

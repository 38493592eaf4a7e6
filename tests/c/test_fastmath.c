/* test_fastmath.c: fm_exp, fm_expm1, fm_tanh and fm_sigmoid against libm.

   The reference is libm's long double function (x87 extended precision on
   x86-64, 64-bit significand), so it is 11 bits more precise than the double
   under test and the error measured is the function's own. (Where long double
   is just double, the bounds below are loosened by 2 ulp for the reference's
   rounding.) Errors are relative, |f - ref| / |ref|, and also printed in ulps
   of the double result.

   Sweeps: [-750, 750] densely (step 1500 / 2^22 ~ 3.6e-4, offset by an
   irrational fraction so the points are not round), [-1, 1] with step ~1e-6,
   tiny arguments +-2^-e down to subnormals, and both sides of each point
   (k + 1/2) ln 2 where the range reduction switches k. Documented limits,
   checked as such: fm_exp and fm_expm1 clamp their argument to [-708, 708]
   (2^k must stay a normal double), so above 708 they return their value at
   708 (finite, where libm overflows to inf past 709.78), and below -708
   fm_exp must lie in [0, fm_exp(-708)] (about 3.3e-308), where libm's e^x is
   subnormal or 0; fm_sigmoid below -708 may so be off by at most e^-708 in
   absolute terms. NaN must propagate; sigmoid and tanh must never overflow. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fastmath.h"

#define REL_BOUND 1e-15
#define SWEEP_N (1 << 22)
#define SUBNORMAL_MIN 4.9406564584124654e-324 /* 2^-1074 (C11 has DBL_TRUE_MIN) */

#if LDBL_MANT_DIG > DBL_MANT_DIG
#define REF_SLACK 0.0
#else
#define REF_SLACK (2.0 * DBL_EPSILON)
#endif

typedef double (*fn)(double);
typedef long double (*ref_fn)(long double);

static double f_exp(double x) { return fm_exp(x); }
static double f_expm1(double x) { return fm_expm1(x); }
static double f_tanh(double x) { return fm_tanh(x); }
static double f_sigmoid(double x) { return fm_sigmoid(x); }

static long double r_sigmoid(long double x)
{
    /* e^x / (1 + e^x) for x < 0 keeps the tiny results (no 1/(1 + inf)). */
    if (x < 0) {
        long double e = expl(x);
        return e / (1.0L + e);
    }
    return 1.0L / (1.0L + expl(-x));
}

typedef struct {
    const char *name;
    fn f;
    ref_fn ref;
    double lo, hi; /* where the relative bound applies */
    double max_rel, max_ulp, worst_x;
    long points;
} func;

/* Size of one ulp of the double y (of the smallest normal, for subnormals). */
static double ulp_of(double y)
{
    int e;
    y = fabs(y);
    if (y < DBL_MIN)
        return SUBNORMAL_MIN;
    frexp(y, &e);
    return ldexp(1.0, e - DBL_MANT_DIG);
}

static void measure(func *t, double x)
{
    long double ref, diff;
    double y, rel, ulps;
    if (!(x >= t->lo && x <= t->hi))
        return;
    y = t->f(x);
    ref = t->ref(x);
    diff = fabsl((long double)y - ref);
    rel = ref != 0 ? (double)(diff / fabsl(ref)) : (y == 0 ? 0.0 : INFINITY);
    ulps = (double)(diff / ulp_of((double)ref));
    t->points++;
    if (!(rel <= t->max_rel)) { /* also catches NaN */
        t->max_rel = isnan(rel) ? INFINITY : rel;
        t->worst_x = x;
    }
    if (ulps > t->max_ulp)
        t->max_ulp = ulps;
}

static void sweep(func *t)
{
    const double frac = 0.6180339887498949; /* keeps the points off round numbers */
    long i, e;
    int j, s;
    for (i = 0; i <= SWEEP_N; i++)
        measure(t, -750.0 + (i + frac) * (1500.0 / SWEEP_N));
    for (i = -1000000; i <= 1000000; i++)
        measure(t, (i + frac) * 1e-6);
    for (e = 1; e <= 1074; e++)
        for (s = -1; s <= 1; s += 2)
            for (j = 0; j < 4; j++)
                measure(t, s * ldexp(1.0 + j / 3.0, (int)-e));
    /* Both sides of each switch point of the reduction, k = round(x / ln 2). */
    for (i = -1024; i <= 1024; i++) {
        double x = (i + 0.5) * 0.6931471805599453;
        measure(t, x);
        measure(t, nextafter(x, -INFINITY));
        measure(t, nextafter(x, INFINITY));
    }
}

int main(void)
{
    func fns[] = {
        {"fm_exp", f_exp, expl, -708.0, 708.0, 0, 0, 0, 0},
        {"fm_expm1", f_expm1, expm1l, -750.0, 708.0, 0, 0, 0, 0},
        {"fm_tanh", f_tanh, tanhl, -750.0, 750.0, 0, 0, 0, 0},
        {"fm_sigmoid", f_sigmoid, r_sigmoid, -708.0, 750.0, 0, 0, 0, 0},
    };
    const double bound = REL_BOUND + REF_SLACK;
    const double nan_ = NAN, big[] = {709.0, 710.0, 750.0, 1000.0, 1e10, 1e300, DBL_MAX, INFINITY};
    int i, k;

    for (k = 0; k < 4; k++) {
        sweep(&fns[k]);
        printf("%-10s on [%g, %g]: %ld points, max rel err %.3g (%.2f ulp) at x = %.17g\n",
               fns[k].name, fns[k].lo, fns[k].hi, fns[k].points, fns[k].max_rel, fns[k].max_ulp,
               fns[k].worst_x);
        CHECK(fns[k].max_rel <= bound, "%s: max rel err %.3g at x = %.17g over %ld points, want <= %g",
              fns[k].name, fns[k].max_rel, fns[k].worst_x, fns[k].points, bound);
    }

    /* Tiny arguments: expm1 and tanh are x to within rounding; exp is 1 + x. */
    {
        double xs[] = {1e-300, -1e-300, 1e-20, -1e-20, 1e-10, -1e-10, SUBNORMAL_MIN, -SUBNORMAL_MIN,
                       DBL_MIN, -DBL_MIN};
        for (i = 0; i < (int)(sizeof xs / sizeof xs[0]); i++) {
            double x = xs[i];
            CHECK(fm_expm1(x) == expm1(x), "fm_expm1(%.17g) = %.17g, libm %.17g", x, fm_expm1(x),
                  expm1(x));
            CHECK(fm_tanh(x) == tanh(x), "fm_tanh(%.17g) = %.17g, libm %.17g", x, fm_tanh(x),
                  tanh(x));
            CHECK(fm_exp(x) == exp(x), "fm_exp(%.17g) = %.17g, libm %.17g", x, fm_exp(x), exp(x));
            CHECK(fm_sigmoid(x) == 0.5 + 0.25 * x || fabs(fm_sigmoid(x) - 0.5) <= DBL_EPSILON,
                  "fm_sigmoid(%.17g) = %.17g, want 0.5", x, fm_sigmoid(x));
        }
        CHECK(fm_exp(0.0) == 1.0 && fm_expm1(0.0) == 0.0 && fm_tanh(0.0) == 0.0 &&
                  fm_sigmoid(0.0) == 0.5,
              "at 0: exp %.17g (1), expm1 %.17g (0), tanh %.17g (0), sigmoid %.17g (0.5)",
              fm_exp(0.0), fm_expm1(0.0), fm_tanh(0.0), fm_sigmoid(0.0));
    }

    /* The documented clamp of the argument to [-708, 708]. */
    for (i = 0; i < (int)(sizeof big / sizeof big[0]); i++) {
        double x = big[i];
        CHECK(fm_exp(x) == fm_exp(708.0) && isfinite(fm_exp(x)),
              "fm_exp(%g) = %.17g, want fm_exp(708) = %.17g (clamped, finite)", x, fm_exp(x),
              fm_exp(708.0));
        CHECK(fm_exp(-x) >= 0.0 && fm_exp(-x) <= fm_exp(-708.0),
              "fm_exp(%g) = %.17g, want within [0, fm_exp(-708) = %.17g] (libm %.17g)", -x,
              fm_exp(-x), fm_exp(-708.0), exp(-x));
        CHECK(fm_expm1(-x) == -1.0, "fm_expm1(%g) = %.17g, want -1", -x, fm_expm1(-x));
        CHECK(fm_expm1(x) == fm_expm1(708.0) && isfinite(fm_expm1(x)),
              "fm_expm1(%g) = %.17g, want fm_expm1(708) = %.17g (clamped, finite)", x,
              fm_expm1(x), fm_expm1(708.0));
    }
    {
        /* fm_sigmoid below -708: absolute error at most e^-708. */
        double worst = 0.0, x;
        for (x = -708.0; x >= -1e4; x -= 0.37)
            worst = fmax(worst, fabs(fm_sigmoid(x) - (double)r_sigmoid(x)));
        CHECK(worst <= fm_exp(-708.0), "fm_sigmoid on [-1e4, -708]: max abs err %.3g, want <= %.3g",
              worst, fm_exp(-708.0));
    }

    /* No overflow: sigmoid in [0, 1] and tanh in [-1, 1], exact at the ends. */
    for (i = 0; i < (int)(sizeof big / sizeof big[0]); i++) {
        double x = big[i];
        CHECK(fm_tanh(x) == 1.0 && fm_tanh(-x) == -1.0, "fm_tanh(+-%g) = %.17g, %.17g, want +-1",
              x, fm_tanh(x), fm_tanh(-x));
        CHECK(fm_sigmoid(x) == 1.0, "fm_sigmoid(%g) = %.17g, want 1", x, fm_sigmoid(x));
        CHECK(fm_sigmoid(-x) >= 0.0 && fm_sigmoid(-x) <= fm_exp(-708.0),
              "fm_sigmoid(%g) = %.17g, want within [0, %.3g]", -x, fm_sigmoid(-x), fm_exp(-708.0));
    }
    {
        /* Symmetry: tanh is odd, sigmoid(-x) = 1 - sigmoid(x) to rounding. */
        double worst_t = 0.0, worst_s = 0.0, x;
        for (x = -40.0; x <= 40.0; x += 0.001953125 * 1.0001) {
            worst_t = fmax(worst_t, fabs(fm_tanh(-x) + fm_tanh(x)));
            worst_s = fmax(worst_s, fabs(fm_sigmoid(-x) + fm_sigmoid(x) - 1.0));
        }
        CHECK(worst_t == 0.0, "max |tanh(-x) + tanh(x)| on [-40, 40] %.3g, want 0", worst_t);
        CHECK(worst_s <= 2 * DBL_EPSILON, "max |sigmoid(-x) + sigmoid(x) - 1| on [-40, 40] %.3g, want <= %.3g",
              worst_s, 2 * DBL_EPSILON);
    }

    /* NaN in, NaN out (a diverged run must stay visible). */
    {
        double nans[2];
        nans[0] = nan_;
        nans[1] = -nan_;
        for (i = 0; i < 2; i++) {
            double x = nans[i];
            CHECK(isnan(fm_exp(x)), "fm_exp(%g) = %g, want NaN", x, fm_exp(x));
            CHECK(isnan(fm_expm1(x)), "fm_expm1(%g) = %g, want NaN", x, fm_expm1(x));
            CHECK(isnan(fm_tanh(x)), "fm_tanh(%g) = %g, want NaN", x, fm_tanh(x));
            CHECK(isnan(fm_sigmoid(x)), "fm_sigmoid(%g) = %g, want NaN", x, fm_sigmoid(x));
        }
    }
    return check_summary();
}

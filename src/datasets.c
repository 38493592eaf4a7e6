/* datasets.c: the generated datasets of MLP_DATASET_LIST (mlp.h), one small
   function per dataset drawing one point of a given class, and
   mlp_data_generate, which checks the request, draws the points from the
   network's seeded data stream and splits them into training and test sets.

   Every generator draws the same count of random numbers whatever the noise
   (the noise only scales a normal draw), so for one seed the noise slider
   moves each point continuously instead of reshuffling the set. */
#include <math.h>

#include "fastmath.h"
#include "mlp_internal.h"

#define PI 3.14159265358979323846

/* ---- arithmetic that gives the same bits natively and in wasm --------------
   libm's log, sin and cos may round differently in glibc and in the wasm
   build's musl; +, -, *, /, sqrt, floor and frexp are exact IEEE operations
   everywhere (and with -std=c99 and no FMA in the baseline x86-64 or wasm
   instruction sets, nothing is contracted into fused multiply-adds). So the
   generators use only these, and fm_exp (fastmath.h, made of the same), and
   a seed gives the same points bit for bit in both builds. The quadrants
   keep rng_normal (libm), to stay identical to mlp_data_quadrants. */

/* sin and cos of 2 pi t. t is reduced to the nearest quarter turn q/4 and a
   rest r in [-1/8, 1/8] turn, x = 2 pi r in [-pi/4, pi/4], where the Taylor
   series to x^17 (sin) and x^18 (cos) are accurate to about 1e-17; then
   the quarter turns rotate (sin, cos) by q * 90 degrees. */
static void sincos_turns(double t, double *sin_out, double *cos_out)
{
    double f = t - floor(t), q = floor(4 * f + 0.5), x = 2 * PI * (f - 0.25 * q), x2 = x * x;
    double sn = x * (1 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040 +
                x2 * (1.0 / 362880 + x2 * (-1.0 / 39916800 + x2 * (1.0 / 6227020800.0 +
                x2 * (-1.0 / 1307674368000.0 + x2 * (1.0 / 355687428096000.0)))))))));
    double cs = 1 + x2 * (-1.0 / 2 + x2 * (1.0 / 24 + x2 * (-1.0 / 720 + x2 * (1.0 / 40320 +
                x2 * (-1.0 / 3628800 + x2 * (1.0 / 479001600 + x2 * (-1.0 / 87178291200.0 +
                x2 * (1.0 / 20922789888000.0 + x2 * (-1.0 / 6402373705728000.0)))))))));
    switch ((int)q & 3) {
    case 0: *sin_out = sn; *cos_out = cs; break;
    case 1: *sin_out = cs; *cos_out = -sn; break;
    case 2: *sin_out = -sn; *cos_out = -cs; break;
    default: *sin_out = -cs; *cos_out = sn; break;
    }
}

/* Natural log of u > 0: u = m 2^e with m in [1/sqrt 2, sqrt 2), and
   log m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.172, whose odd series
   to s^23 is accurate to about 1e-18. */
static double log_exact_ops(double u)
{
    int e;
    double m = frexp(u, &e), s, s2;
    if (m < 0.70710678118654752) {
        m *= 2;
        e--;
    }
    s = (m - 1) / (m + 1);
    s2 = s * s;
    return e * 6.93147180559945309417e-01 +
           2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 +
           s2 * (1.0 / 11 + s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17 +
           s2 * (1.0 / 19 + s2 * (1.0 / 21 + s2 * (1.0 / 23))))))))))));
}

/* Two independent N(0, 1) values by Box-Muller from two uniforms:
   sqrt(-2 log u1) times the cos and the sin of the angle 2 pi u2. */
static void normal_pair(rng_state *r, double *a, double *b)
{
    double u1 = 1.0 - rng_uniform(r), u2 = rng_uniform(r), rad, sn, cs;
    sincos_turns(u2, &sn, &cs);
    rad = sqrt(-2.0 * log_exact_ops(u1));     /* u1 in (0, 1]: finite */
    *a = rad * cs;
    *b = rad * sn;
}

/* One N(0, 1) value (the pair's second is dropped). */
static double normal_pair_first(rng_state *r)
{
    double a, b;
    normal_pair(r, &a, &b);
    return a;
}

/* Draws one point of class k (of K) into p[0], p[1] and, for regression, its
   target into *t. */
typedef void (*point_fn)(rng_state *r, int k, int K, double noise, double *p, double *t);

static double uniform(rng_state *r, double a, double b) { return a + (b - a) * rng_uniform(r); }

static double clamp(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Adds Gaussian jitter of standard deviation noise to both coordinates. */
static void jitter(rng_state *r, double noise, double *p)
{
    double a, b;
    normal_pair(r, &a, &b);
    p[0] += noise * a;
    p[1] += noise * b;
}

/* The same draws, in the same order, as mlp_data_quadrants. */
static void gen_quadrants(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    static const double cx[4] = {1, -1, -1, 1}, cy[4] = {1, 1, -1, -1};
    (void)K, (void)t;
    p[0] = cx[k] + noise * rng_normal(r);
    p[1] = cy[k] + noise * rng_normal(r);
}

/* Class 0 where x1 and x2 share a sign, class 1 where they differ; a margin
   of 0.1 keeps clean points off the axes. */
static void gen_xor(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    double s = rng_uniform(r) < 0.5 ? -1.0 : 1.0;
    (void)K, (void)t;
    p[0] = s * uniform(r, 0.1, 2.0);
    p[1] = (k == 0 ? s : -s) * uniform(r, 0.1, 2.0);
    jitter(r, noise, p);
}

/* Uniform over an area: r^2 uniform in [r0^2, r1^2]; disc r <= 1, ring 1.5..2. */
static void gen_circle(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    double rad = k == 0 ? sqrt(rng_uniform(r)) : sqrt(uniform(r, 2.25, 4.0)), sn, cs;
    (void)K, (void)t;
    sincos_turns(rng_uniform(r), &sn, &cs);     /* a uniform angle */
    p[0] = rad * cs;
    p[1] = rad * sn;
    jitter(r, noise, p);
}

/* Blob k centred on the circle of radius 1.5 at angle pi/4 + 2 pi k/K. */
static void gen_gauss(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    double sn, cs;
    (void)t;
    sincos_turns(0.125 + (double)k / K, &sn, &cs);
    p[0] = 1.5 * cs;
    p[1] = 1.5 * sn;
    jitter(r, noise, p);
}

/* Arm k: radius 0.25 + 1.95 s and angle 2 pi k/K + 3 pi s, s uniform in [0, 1]. */
static void gen_spiral(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    double s = rng_uniform(r), rad = 0.25 + 1.95 * s, sn, cs;
    (void)t;
    sincos_turns((double)k / K + 1.5 * s, &sn, &cs);
    p[0] = rad * cs;
    p[1] = rad * sn;
    jitter(r, noise, p);
}

/* scikit-learn's moons, (cos s, sin s) and (1 - cos s, 0.5 - sin s), centred
   on the origin (the second is then the first turned half a circle) and
   scaled by 1.4 to fill the box. */
static void gen_moons(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    double sign = k == 0 ? 1.0 : -1.0, sn, cs;
    (void)K, (void)t;
    sincos_turns(0.5 * rng_uniform(r), &sn, &cs);   /* s uniform in [0, pi] */
    p[0] = sign * 1.4 * (cs - 0.5);
    p[1] = sign * 1.4 * (sn - 0.25);
    jitter(r, noise, p);
}

static double f_sine(double x)                  /* sin(2x): 2x radians = x/pi turns */
{
    double sn, cs;
    sincos_turns(x / PI, &sn, &cs);
    return sn;
}
static double f_cubic(double x) { return 0.25 * x * x * x - 0.75 * x; }
static double f_abs(double x) { return fabs(x) - 1; }

/* Uniform points in [-2, 2]^2, class 1 above the jittered boundary
   x2 = f(x1) + noise N(0, 1), drawn until one of class k comes up (each class
   covers about half the square, so two tries on average; after 1000, which
   never happens in practice, the last point is kept). */
static void boundary_point(rng_state *r, int k, double noise, double (*f)(double), double *p)
{
    int tries;
    double z[2];
    for (tries = 0; tries < 1000; tries++) {
        double shift;
        if (tries % 2 == 0)                      /* one Box-Muller pair per two tries */
            normal_pair(r, &z[0], &z[1]);
        shift = noise * z[tries % 2];
        p[0] = uniform(r, -2, 2);
        p[1] = uniform(r, -2, 2);
        if ((p[1] > f(p[0]) + shift) == (k == 1))
            return;
    }
}

static void gen_sine(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    (void)K, (void)t;
    boundary_point(r, k, noise, f_sine, p);
}

static void gen_cubic(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    (void)K, (void)t;
    boundary_point(r, k, noise, f_cubic, p);
}

static void gen_abs(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    (void)K, (void)t;
    boundary_point(r, k, noise, f_abs, p);
}

static void gen_plane(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    (void)k, (void)K;
    p[0] = uniform(r, -2, 2);
    p[1] = uniform(r, -2, 2);
    *t = 0.3 * p[0] + 0.2 * p[1] + noise * normal_pair_first(r);
}

/* Four bumps exp(-|x - c|^2 / (2 * 0.5^2)) at c = (+-1, +-1), +1 where
   c1 c2 > 0 and -1 elsewhere; neighbours are 2 apart, so they overlap by
   e^-8 and the clean target stays within [-1, 1]. */
static void gen_multigauss(rng_state *r, int k, int K, double noise, double *p, double *t)
{
    static const double cx[4] = {1, -1, -1, 1}, cy[4] = {1, 1, -1, -1}, sign[4] = {1, -1, 1, -1};
    int j;
    double sum = 0;
    (void)k, (void)K;
    p[0] = uniform(r, -2, 2);
    p[1] = uniform(r, -2, 2);
    for (j = 0; j < 4; j++) {
        double dx = p[0] - cx[j], dy = p[1] - cy[j];
        sum += sign[j] * fm_exp(-(dx * dx + dy * dy) / (2 * 0.25));
    }
    *t = sum + noise * normal_pair_first(r);
}

static const point_fn generators[MLP_DATASET_COUNT] = {
    [MLP_DATASET_QUADRANTS] = gen_quadrants, [MLP_DATASET_XOR] = gen_xor,
    [MLP_DATASET_CIRCLE] = gen_circle,       [MLP_DATASET_GAUSS] = gen_gauss,
    [MLP_DATASET_SPIRAL] = gen_spiral,       [MLP_DATASET_MOONS] = gen_moons,
    [MLP_DATASET_SINE] = gen_sine,           [MLP_DATASET_CUBIC] = gen_cubic,
    [MLP_DATASET_ABS] = gen_abs,             [MLP_DATASET_PLANE] = gen_plane,
    [MLP_DATASET_MULTIGAUSS] = gen_multigauss,
};

static const mlp_dataset_info infos[MLP_DATASET_COUNT] = {
#define MLP__DATASET_INFO(A, id, name, output, kmin, kmax, nd, nmax) \
    {name, output, kmin, kmax, nd, nmax, MLP_LIMIT_NOISE_##id, MLP_LIMIT_CLASSES_##id},
    MLP_DATASET_LIST(MLP__DATASET_INFO, 0)
#undef MLP__DATASET_INFO
};

const mlp_dataset_info *mlp_dataset_get(int id)
{
    return id >= 0 && id < MLP_DATASET_COUNT ? &infos[id] : NULL;
}

void mlp_dataset_desc_defaults(mlp_dataset_desc *d, int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    d->dataset = id;
    d->points = 200;
    d->noise = info ? info->default_noise : 0.0;
    d->classes = 0;
    d->test_fraction = 0.0;
}

/* The request's own fields, each against its limit; the message names the
   field and its range, per dataset for noise and classes ("noise (circle)"). */
static int check_request(const mlp_dataset_desc *d, mlp_error *err)
{
    const mlp_dataset_info *info;
    char field[48];
    if (mlp__check_limit(MLP_LIMIT_DATASET, NULL, d->dataset, err) != MLP_OK)
        return MLP_E_ARG;
    info = &infos[d->dataset];
    if (mlp__check_limit(MLP_LIMIT_GEN_POINTS, NULL, d->points, err) != MLP_OK)
        return MLP_E_ARG;
    mlp__format(field, sizeof field, "noise (%s)", info->name);
    if (mlp__check_limit(info->noise_limit, field, d->noise, err) != MLP_OK)
        return MLP_E_ARG;
    mlp__format(field, sizeof field, "classes (%s)", info->name);
    if (d->classes != 0 && mlp__check_limit(info->classes_limit, field, d->classes, err) != MLP_OK)
        return MLP_E_ARG;
    return mlp__check_limit(MLP_LIMIT_TEST_FRACTION, NULL, d->test_fraction, err);
}

/* The network must take 2 inputs and end in what the dataset makes. */
static int check_shape(const mlp *net, const mlp_dataset_desc *d, mlp_error *err)
{
    const mlp_dataset_info *info = &infos[d->dataset];
    int K = mlp__outputs(net);
    int fits = mlp__inputs(net) == 2 && (int)net->desc.output == info->output &&
               K >= info->min_classes && K <= info->max_classes;
    if (!fits && info->output == MLP_OUT_LINEAR)
        return mlp__fail(err, MLP_E_ARG, "dataset '%s' needs layers [2, ..., 1] with a linear output",
                         info->name);
    if (!fits && info->min_classes == info->max_classes)
        return mlp__fail(err, MLP_E_ARG,
                         "dataset '%s' needs layers [2, ..., %d] with a softmax output",
                         info->name, info->min_classes);
    if (!fits)
        return mlp__fail(err, MLP_E_ARG,
                         "dataset '%s' needs layers [2, ..., K], K classes from %d to %d, "
                         "with a softmax output", info->name, info->min_classes, info->max_classes);
    if (d->classes != 0 && d->classes != K)
        return mlp__fail(err, MLP_E_ARG, "classes must equal the network's outputs (%d), got %d",
                         K, d->classes);
    return MLP_OK;
}

/* Whether point i (of n, class k of K) is held out: class k owns points
   k, k + K, ...; its n_k points keep the first n_k - t_k for training and
   hold out the last t_k, where the nt test points are dealt round-robin
   like the points themselves (classes below nt mod K take one more). A
   regression set (K = 1) holds out its last nt points. */
static int held_out(int i, int k, int K, int n, int nt)
{
    int n_k = n / K + (k < n % K), t_k = nt / K + (k < nt % K);
    return i / K >= n_k - t_k;
}

int mlp_data_generate(mlp *net, const mlp_dataset_desc *d, mlp_error *err)
{
    const mlp_dataset_info *info;
    rng_state r;
    int i, n, nt, K, c, train_at = 0, test_at = 0;
    if (!net || !d)
        return mlp__fail(err, MLP_E_ARG, "%s must not be NULL", net ? "dataset desc" : "network");
    if (check_request(d, err) != MLP_OK || check_shape(net, d, err) != MLP_OK)
        return MLP_E_ARG;
    info = &infos[d->dataset];
    n = d->points;
    nt = (int)floor(d->test_fraction * n + 0.5);  /* round half up; nt <= 0.9 n + 0.5 < n */
    K = info->output == MLP_OUT_SOFTMAX ? mlp__outputs(net) : 1;
    if (mlp__reserve_points(net, n - nt, err) != MLP_OK || mlp__reserve_test(net, nt, err) != MLP_OK)
        return MLP_E_NOMEM;
    rng_seed(&r, (uint64_t)net->desc.seed ^ MLP__DATA_STREAM);
    for (i = 0; i < n; i++) {
        int k = i % K, test = held_out(i, k, K, n, nt);
        double p[2], t = 0;
        dataset *ds = test ? &net->test : &net->data;
        int stride = test ? nt : n - nt, at = test ? test_at++ : train_at++;
        generators[d->dataset](&r, k, K, d->noise, p, &t);
        for (c = 0; c < 2; c++)                  /* row c of (2 x stride), points innermost */
            ds->X[(long)c * stride + at] =
                info->output == MLP_OUT_SOFTMAX ? clamp(p[c], -MLP_DATA_BOX, MLP_DATA_BOX) : p[c];
        ds->labels[at] = k;
        ds->T[at] = clamp(t, -1.0, 1.0);
    }
    net->n_test = nt;
    mlp__data_changed(net, n - nt);
    return mlp__ok(err);
}

/* layers.c: forward/backward pairs for a dense layer, the hidden activations,
   softmax with cross-entropy, and the linear output with squared error.
   Lines between "@code-begin NAME" and "@code-end NAME" are shown on the page
   as the code of that training step (extracted at build time). */
#include "layers.h"

#include <math.h>

#include "fastmath.h"
#include "simd2.h"

/* ---- the matrix products, register-blocked ---------------------------------

   Every sum below is taken in one fixed order, the same natively and in wasm,
   with or without SIMD, and the same as computing one output at a time:
     - a layer's output (and the error sent back) is a running sum over its
       inputs in input order: z = ((b + x_0 w_0) + x_1 w_1) + ..., each partial
       sum rounded to double;
     - a weight's gradient is a sum over points in four interleaved partial
       sums (lanes p mod 4, the points past the last multiple of four added to
       lane 0), combined as (s0 + s1) + (s2 + s3).
   What the blocking changes is only which values stay in registers: a tile of
   4 outputs x 4 points is 16 running sums (8 two-double SIMD registers) that
   read each input value once per 4 outputs and each weight once per 4
   points, instead of loading and storing the output row for every input. */

/* A tile of J outputs x P points: out[jj][pp] = base_jj + sum_i x[i][pp] w[i wi + jj wj],
   with out and x pointing at the tile's first point of rows that are m apart,
   and base_jj = b[jj], or 0.0 when b is NULL. One function per (J, P), so
   that J and P are constants: the loops over them unroll and the sums live
   in registers. */
#define LIN_TILE(NAME, J, P)                                                                \
    static void NAME(double *restrict out, const double *restrict x,                      \
                     const double *restrict w, long wi, long wj, const double *b,          \
                     int n_in, long m)                                                     \
    {                                                                                       \
        double a[J][P];                                                                     \
        int i, jj, pp;                                                                      \
        for (jj = 0; jj < J; jj++)                                                          \
            for (pp = 0; pp < P; pp++)                                                      \
                a[jj][pp] = b ? b[jj] : 0.0;                                                \
        for (i = 0; i < n_in; i++) {                                                        \
            const double *xi = x + i * m, *wr = w + i * wi;                                 \
            for (jj = 0; jj < J; jj++)                                                      \
                for (pp = 0; pp < P; pp++)                                                  \
                    a[jj][pp] += wr[jj * wj] * xi[pp];                                      \
        }                                                                                   \
        for (jj = 0; jj < J; jj++)                                                          \
            for (pp = 0; pp < P; pp++)                                                      \
                out[jj * m + pp] = a[jj][pp];                                               \
    }
LIN_TILE(lin_tile_4x1, 4, 1)
LIN_TILE(lin_tile_1x1, 1, 1)

/* The same for P = 4 points, as two pairs of points (simd2.h): a[jj][h] holds
   points 2h, 2h + 1 of output jj. For J = 4: 8 registers of sums, 2 of
   inputs and 1 of weight. */
#define LIN_TILE4(NAME, J)                                                                  \
    static void NAME(double *restrict out, const double *restrict x,                      \
                     const double *restrict w, long wi, long wj, const double *b,          \
                     int n_in, long m)                                                     \
    {                                                                                       \
        d2 a[J][2];                                                                         \
        int i, jj;                                                                          \
        for (jj = 0; jj < J; jj++)                                                          \
            a[jj][0] = a[jj][1] = b ? d2_splat(b + jj) : d2_zero();                         \
        for (i = 0; i < n_in; i++, x += m, w += wi) {                                       \
            d2 x0 = d2_load(x), x1 = d2_load(x + 2);                                        \
            for (jj = 0; jj < J; jj++) {                                                    \
                d2 wv = d2_splat(w + jj * wj);                                              \
                a[jj][0] = d2_add(a[jj][0], d2_mul(wv, x0));                                \
                a[jj][1] = d2_add(a[jj][1], d2_mul(wv, x1));                                \
            }                                                                               \
        }                                                                                   \
        for (jj = 0; jj < J; jj++) {                                                        \
            d2_store(out + jj * m, a[jj][0]);                                               \
            d2_store(out + jj * m + 2, a[jj][1]);                                           \
        }                                                                                   \
    }
LIN_TILE4(lin_tile_4x4, 4)
LIN_TILE4(lin_tile_1x4, 1)

/* The J = 4 or 1 outputs from j on, over all m points: 4-point tiles, then
   the last m mod 4 points one at a time. */
static void sums_rows(double *out, const double *x, const double *w, long wi, long wj,
                      const double *b, int n_in, long m, int J)
{
    long p;
    for (p = 0; p + 4 <= m; p += 4)
        (J == 4 ? lin_tile_4x4 : lin_tile_1x4)(out + p, x + p, w, wi, wj, b, n_in, m);
    for (; p < m; p++)
        (J == 4 ? lin_tile_4x1 : lin_tile_1x1)(out + p, x + p, w, wi, wj, b, n_in, m);
}

/* out[j][p] = base_j + sum_i x[i][p] w[i wi + j wj] (base_j = b[j], or 0.0
   when b is NULL) for n_out outputs j, in tiles of 4 outputs x 4 points. */
static void weighted_sums(double *out, const double *x, const double *w, long wi, long wj,
                          const double *b, int n_in, int n_out, long m)
{
    int j;
    for (j = 0; j + 4 <= n_out; j += 4)
        sums_rows(out + j * m, x, w + j * wj, wi, wj, b ? b + j : NULL, n_in, m, 4);
    for (; j < n_out; j++)
        sums_rows(out + j * m, x, w + j * wj, wi, wj, b ? b + j : NULL, n_in, m, 1);
}

/* A tile of I x J dot products: g[ii gs + jj] = sum_p x[ii][p] d[jj][p],
   each in the four lanes p mod 4: lanes 0, 1 in s[ii][jj][0], lanes 2, 3 in
   s[ii][jj][1] (simd2.h). One function per (I, J), as above; for 2 x 2: 8
   registers of sums, 4 of x, 2 of d. */
#define DOT_TILE(NAME, I, J)                                                                \
    static void NAME(double *g, long gs, const double *restrict x,                         \
                     const double *restrict d, long m)                                     \
    {                                                                                       \
        d2 s[I][J][2];                                                                      \
        long p;                                                                             \
        int ii, jj;                                                                         \
        for (ii = 0; ii < I; ii++)                                                          \
            for (jj = 0; jj < J; jj++)                                                      \
                s[ii][jj][0] = s[ii][jj][1] = d2_zero();                                    \
        for (p = 0; p + 4 <= m; p += 4) {                                                   \
            d2 xv[I][2];                                                                    \
            for (ii = 0; ii < I; ii++) {                                                    \
                xv[ii][0] = d2_load(x + ii * m + p);                                        \
                xv[ii][1] = d2_load(x + ii * m + p + 2);                                    \
            }                                                                               \
            for (jj = 0; jj < J; jj++) {                                                    \
                d2 d0 = d2_load(d + jj * m + p), d1 = d2_load(d + jj * m + p + 2);          \
                for (ii = 0; ii < I; ii++) {                                                \
                    s[ii][jj][0] = d2_add(s[ii][jj][0], d2_mul(xv[ii][0], d0));             \
                    s[ii][jj][1] = d2_add(s[ii][jj][1], d2_mul(xv[ii][1], d1));             \
                }                                                                           \
            }                                                                               \
        }                                                                                   \
        for (ii = 0; ii < I; ii++)                                                          \
            for (jj = 0; jj < J; jj++) {                                                    \
                double s0 = d2_lo(s[ii][jj][0]), s1 = d2_hi(s[ii][jj][0]);                  \
                double s2 = d2_lo(s[ii][jj][1]), s3 = d2_hi(s[ii][jj][1]);                  \
                long q;                                                                     \
                for (q = p; q < m; q++)                                                     \
                    s0 += x[ii * m + q] * d[jj * m + q];                                    \
                g[ii * gs + jj] = (s0 + s1) + (s2 + s3);                                    \
            }                                                                               \
    }
DOT_TILE(dot_tile_2x2, 2, 2)
DOT_TILE(dot_tile_2x1, 2, 1)
DOT_TILE(dot_tile_1x2, 1, 2)
DOT_TILE(dot_tile_1x1, 1, 1)

/* g[i gs + j] = sum_p x[i][p] d[j][p] for I = 2 or 1 rows of x and every j. */
static void dot_rows(double *g, long gs, const double *x, const double *d, long m, int n_d,
                     int I)
{
    int j;
    for (j = 0; j + 2 <= n_d; j += 2)
        (I == 2 ? dot_tile_2x2 : dot_tile_1x2)(g + j, gs, x, d + j * m, m);
    if (j < n_d)
        (I == 2 ? dot_tile_2x1 : dot_tile_1x1)(g + j, gs, x, d + j * m, m);
}

/* g[i n_d + j] = sum_p x[i][p] d[j][p] for n_x rows of x and n_d of d, in
   tiles of 2 x 2. */
static void dot_products(double *g, const double *x, const double *d, int n_x, int n_d, long m)
{
    int i;
    for (i = 0; i + 2 <= n_x; i += 2)
        dot_rows(g + (long)i * n_d, n_d, x + i * m, d, m, n_d, 2);
    if (i < n_x)
        dot_rows(g + (long)i * n_d, n_d, x + i * m, d, m, n_d, 1);
}

/* Sum over points, in the lanes of the dot products. */
static double sum(const double *x, int m)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int p = 0;
    for (; p + 4 <= m; p += 4) {
        s0 += x[p];
        s1 += x[p + 1];
        s2 += x[p + 2];
        s3 += x[p + 3];
    }
    for (; p < m; p++)
        s0 += x[p];
    return (s0 + s1) + (s2 + s3);
}

/* @code-begin dense-forward */
void dense_forward(double *out, const double *in, const double *W, const double *b,
                   int fan_in, int fan_out, int m)
{
    /* For every unit j and point p, added in this order:
         z[j][p] = b[j] + in[0][p] W[0][j] + in[1][p] W[1][j] + ...
       W[i][j] is W[i*fan_out + j]: the next input is fan_out on, the next
       unit 1 on. weighted_sums works on 4 units x 4 points at a time, their
       16 running sums held in registers while the inputs go by. */
    weighted_sums(out, in, W, fan_out, 1, b, fan_in, fan_out, m);
}
/* @code-end dense-forward */

void dense_backward(double *dW, double *db, double *din, const double *dout,
                    const double *in, const double *W, int fan_in, int fan_out, int m)
{
    int j;
    if (dW) {
        /* @code-begin dense-backward-weights */
        /* dW[i][j] = sum over points p of in[i][p] dout[j][p], 2 x 2 at a time */
        dot_products(dW, in, dout, fan_in, fan_out, m);
        for (j = 0; j < fan_out; j++)    /* db[j] = sum over points p of dout[j][p] */
            db[j] = sum(dout + (long)j * m, m);
        /* @code-end dense-backward-weights */
    }
    if (!din)
        return;
    /* @code-begin dense-backward-input */
    /* For every input unit i and point p, added in this order:
         din[i][p] = 0 + dout[0][p] W[i][0] + dout[1][p] W[i][1] + ...
       the same weighted sums as the forward pass, over the rows of W
       (the next term 1 on, the next unit fan_out on) and without bias. */
    weighted_sums(din, dout, W, 1, fan_out, NULL, fan_out, fan_in, m);
    /* @code-end dense-backward-input */
}

void activation_forward(double *restrict a, int count, mlp_activation act)
{
    int k;
    switch (act) {
    case MLP_SIGMOID:
        /* @code-begin sigmoid */
        for (k = 0; k < count; k++)
            a[k] = 1.0 / (1.0 + fm_exp(-a[k]));   /* sigma(z) = 1 / (1 + e^-z) */
        /* @code-end sigmoid */
        break;
    case MLP_TANH:
        for (k = 0; k < count; k++)
            a[k] = fm_tanh(a[k]);
        break;
    case MLP_RELU:
        for (k = 0; k < count; k++)
            a[k] = a[k] > 0.0 ? a[k] : 0.0;
        break;
    case MLP_LINEAR:
        break;
    }
}

void activation_backward(double *d, const double *a, int count, mlp_activation act)
{
    int k;
    switch (act) {
    case MLP_SIGMOID:
        /* @code-begin sigmoid-backward */
        for (k = 0; k < count; k++)
            d[k] *= a[k] * (1.0 - a[k]);          /* sigma'(z) = sigma(z) (1 - sigma(z)) */
        /* @code-end sigmoid-backward */
        break;
    case MLP_TANH:
        for (k = 0; k < count; k++)
            d[k] *= 1.0 - a[k] * a[k];
        break;
    case MLP_RELU:
        for (k = 0; k < count; k++)
            d[k] = a[k] > 0.0 ? d[k] : 0.0;
        break;
    case MLP_LINEAR:
        break;
    }
}

/* @code-begin softmax */
void softmax_forward(double *restrict p, double *restrict lse, double *restrict work,
                     const double *restrict z, int K, int m)
{
    double *mx = work, *s = work + m;    /* per point: largest score, then sum */
    int k, q;
    for (q = 0; q < m; q++)
        mx[q] = z[q];
    for (k = 1; k < K; k++)
        for (q = 0; q < m; q++)
            mx[q] = z[(long)k * m + q] > mx[q] ? z[(long)k * m + q] : mx[q];
    for (q = 0; q < m; q++)
        s[q] = 0.0;
    for (k = 0; k < K; k++)              /* exp_z = e^{z - max}, summed per point */
        for (q = 0; q < m; q++) {
            double e = fm_exp_nonpositive(z[(long)k * m + q] - mx[q]);
            p[(long)k * m + q] = e;
            s[q] += e;
        }
    for (k = 0; k < K; k++)              /* y_hat = exp_z / sum_k exp_z */
        for (q = 0; q < m; q++)
            p[(long)k * m + q] /= s[q];
    if (lse)
        for (q = 0; q < m; q++)          /* log sum_k e^{z_k}, for the loss */
            lse[q] = mx[q] + log(s[q]);
}
/* @code-end softmax */

/* @code-begin cross-entropy */
double cross_entropy_loss(const double *z, const double *lse, const int32_t *labels,
                          int K, int m)
{
    double total = 0.0;
    int q;
    (void)K;
    for (q = 0; q < m; q++)              /* -log p_y = log sum_k e^{z_k} - z_y */
        total += lse[q] - z[(long)labels[q] * m + q];
    return total / m;
}
/* @code-end cross-entropy */

/* @code-begin output-error */
void softmax_xent_backward(double *dz, const double *p, const int32_t *labels, int K, int m)
{
    int k, q;
    for (k = 0; k < K; k++)              /* d_out = (y_hat - Y) / m */
        for (q = 0; q < m; q++)
            dz[(long)k * m + q] = (p[(long)k * m + q] - (labels[q] == k ? 1.0 : 0.0)) / m;
}
/* @code-end output-error */

double mse_loss(const double *yhat, const double *t, int K, int m)
{
    double total = 0.0;
    long k, n = (long)K * m;
    for (k = 0; k < n; k++) {
        double e = yhat[k] - t[k];
        total += e * e;
    }
    return total / m;
}

void mse_backward(double *dz, const double *yhat, const double *t, int K, int m)
{
    long k, n = (long)K * m;
    double scale = 2.0 / m;
    for (k = 0; k < n; k++)
        dz[k] = (yhat[k] - t[k]) * scale;
}

/* fastmath.h's constants (see there why they live in memory). */
fm__consts fm__k = FM__CONSTS_INIT;
fmf__consts fmf__k = FMF__CONSTS_INIT;

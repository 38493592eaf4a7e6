/* layers.c: forward/backward pairs for a dense layer, the hidden activations,
   softmax with cross-entropy, and the linear output with squared error.
   Lines between "@code-begin NAME" and "@code-end NAME" are shown on the page
   as the code of that training step (extracted at build time). */
#include "layers.h"

#include <math.h>

#include "fastmath.h"

/* row += w * x over m points: the inner loop of every matrix product here. */
static void axpy(double *restrict row, double w, const double *restrict x, int m)
{
    int p;
    for (p = 0; p < m; p++)
        row[p] += w * x[p];
}

/* row += w[0] x0 + w[ws] x1 + w[2 ws] x2 + w[3 ws] x3 over m points, added
   one input at a time in that order (exactly four axpy calls, but row is
   loaded and stored once instead of four times). */
static void axpy4(double *restrict row, const double *w, int ws, const double *restrict x, int m)
{
    const double w0 = w[0], w1 = w[ws], w2 = w[2 * ws], w3 = w[3 * ws];
    const double *restrict x0 = x, *restrict x1 = x + m, *restrict x2 = x + 2 * (long)m,
                 *restrict x3 = x + 3 * (long)m;
    int p;
    for (p = 0; p < m; p++)
        row[p] = (((row[p] + w0 * x0[p]) + w1 * x1[p]) + w2 * x2[p]) + w3 * x3[p];
}

/* Sum over points of x[p] * y[p], in four interleaved partial sums (lanes
   p mod 4). The order is fixed by the code, not by the compiler, so it is the
   same natively and in wasm, with or without SIMD. */
static double dot(const double *restrict x, const double *restrict y, int m)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int p = 0;
    for (; p + 4 <= m; p += 4) {
        s0 += x[p] * y[p];
        s1 += x[p + 1] * y[p + 1];
        s2 += x[p + 2] * y[p + 2];
        s3 += x[p + 3] * y[p + 3];
    }
    for (; p < m; p++)
        s0 += x[p] * y[p];
    return (s0 + s1) + (s2 + s3);
}

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
    int i, j, p;
    for (j = 0; j < fan_out; j++) {      /* z[j][p] = b[j] + sum_i in[i][p] W[i][j] */
        double *z = out + (long)j * m;
        for (p = 0; p < m; p++)
            z[p] = b[j];
        for (i = 0; i + 4 <= fan_in; i += 4)
            axpy4(z, W + i * fan_out + j, fan_out, in + (long)i * m, m);
        for (; i < fan_in; i++)
            axpy(z, W[i * fan_out + j], in + (long)i * m, m);
    }
}
/* @code-end dense-forward */

void dense_backward(double *dW, double *db, double *din, const double *dout,
                    const double *in, const double *W, int fan_in, int fan_out, int m)
{
    int i, j, p;
    if (dW) {
        /* @code-begin dense-backward-weights */
        for (i = 0; i < fan_in; i++)     /* dW[i][j] = sum_p in[i][p] dout[j][p] */
            for (j = 0; j < fan_out; j++)
                dW[i * fan_out + j] = dot(in + (long)i * m, dout + (long)j * m, m);
        for (j = 0; j < fan_out; j++)    /* db[j] = sum_p dout[j][p] */
            db[j] = sum(dout + (long)j * m, m);
        /* @code-end dense-backward-weights */
    }
    if (!din)
        return;
    /* @code-begin dense-backward-input */
    for (i = 0; i < fan_in; i++) {       /* din[i][p] = sum_j W[i][j] dout[j][p] */
        double *d = din + (long)i * m;
        for (p = 0; p < m; p++)
            d[p] = 0.0;
        for (j = 0; j + 4 <= fan_out; j += 4)
            axpy4(d, W + i * fan_out + j, 1, dout + (long)j * m, m);
        for (; j < fan_out; j++)
            axpy(d, W[i * fan_out + j], dout + (long)j * m, m);
    }
    /* @code-end dense-backward-input */
}

void activation_forward(double *a, int count, mlp_activation act)
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
void softmax_forward(double *p, double *lse, double *work, const double *z, int K, int m)
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

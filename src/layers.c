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

/* ---- float32 forward pass, for the decision-region grid ------------------- */

/* fastmath.h's constants (see there why they live in memory). */
fm__consts fm__k = FM__CONSTS_INIT;
fmf__consts fmf__k = FMF__CONSTS_INIT;

/* Up to eight input rows of one unit and their weights (G = 2, 4 or 8 used). */
typedef struct {
    const float *x[8];
    float w[8];
} f32_group;

/* The terms of inputs 0..G-1 of a group at point p. */
#define F32_TERMS2 (w0 * x0[p] + w1 * x1[p])
#define F32_TERMS4 (F32_TERMS2 + (w2 * x2[p] + w3 * x3[p]))
#define F32_TERMS8 (F32_TERMS4 + (w4 * x4[p] + w5 * x5[p] + w6 * x6[p] + w7 * x7[p]))
#define F32_UNPACK(g)                                                                       \
    const float *restrict x0 = g->x[0], *restrict x1 = g->x[1], *restrict x2 = g->x[2],     \
                *restrict x3 = g->x[3], *restrict x4 = g->x[4], *restrict x5 = g->x[5],     \
                *restrict x6 = g->x[6], *restrict x7 = g->x[7];                             \
    const float w0 = g->w[0], w1 = g->w[1], w2 = g->w[2], w3 = g->w[3], w4 = g->w[4],       \
                w5 = g->w[5], w6 = g->w[6], w7 = g->w[7]

/* One pass over a unit's row: z[p] = ACT(BASE + the group's G terms), where
   BASE is the bias (first group) or z[p] (the running sum). One plain loop
   per case, which the compilers vectorise (f32x4, four points a step); every
   access in it is unconditional, as a conditional load would keep it scalar. */
#define F32_PASS_G(TERMS, BASE, ACT)                                                \
    for (p = 0; p < m; p++) {                                                       \
        float v = BASE + TERMS;                                                     \
        z[p] = ACT;                                                                 \
    }
#define F32_PASS_BASE(BASE, ACT)                                                    \
    do {                                                                            \
        if (G == 2)                                                                 \
            F32_PASS_G(F32_TERMS2, BASE, ACT)                                       \
        else if (G == 4)                                                            \
            F32_PASS_G(F32_TERMS4, BASE, ACT)                                       \
        else                                                                        \
            F32_PASS_G(F32_TERMS8, BASE, ACT)                                       \
    } while (0)
#define F32_PASS(ACT)                                                               \
    do {                                                                            \
        if (first)                                                                  \
            F32_PASS_BASE(bias, ACT);                                               \
        else                                                                        \
            F32_PASS_BASE(z[p], ACT);                                               \
    } while (0)

/* A group that is not the unit's last: z = (first ? bias : z) + terms. */
static void group_sum_f32(float *restrict z, const f32_group *g, int G, int first,
                          float bias, int m)
{
    F32_UNPACK(g);
    int p;
    F32_PASS(v);
}

/* The unit's last group and its activation in the same pass, so the
   pre-activation never goes back to memory. Returns 0 when a relu/linear
   output is NaN or beyond +-F32_VALUE_LIMIT. */
static int group_act_f32(float *restrict z, const f32_group *g, int G, int first,
                         float bias, int m, mlp_activation act)
{
    F32_UNPACK(g);
    const float lim = F32_VALUE_LIMIT;
    int p, bad = 0;
    switch (act) {
    case MLP_SIGMOID:                       /* inputs scaled by -log2 e */
        F32_PASS(fmf_sigmoid2(v));
        return 1;
    case MLP_TANH:                          /* inputs scaled by 2 log2 e */
        F32_PASS(fmf_tanh2(v));
        return 1;
    case MLP_RELU:                          /* the range check in the same pass; */
        F32_PASS((bad |= !(v <= lim), v > 0.0f ? v : 0.0f));
        break;
    case MLP_LINEAR:                        /* !(v <= lim) also catches NaN */
        F32_PASS((bad |= !(v <= lim && v >= -lim), v));
        break;
    }
    return !bad;
}

float f32_act_scale(mlp_activation act)
{
    return act == MLP_SIGMOID ? -FMF_LOG2E : act == MLP_TANH ? 2.0f * FMF_LOG2E : 1.0f;
}

int dense_act_forward_f32(float *out, const float *in, const double *W, const double *b,
                          int fan_in, int fan_out, int m, mlp_activation act, double scale)
{
    int G = fan_in <= 2 ? 2 : fan_in <= 4 ? 4 : 8, groups = (fan_in + G - 1) / G, i, j, k;
    for (j = 0; j < fan_out; j++) {
        /* z[j][p] = act(b[j] + sum_i in[i][p] W[i][j]), G inputs a pass. The
           last group is padded with zero weights on row 0 (finite: every
           input row is, or the layer before would have failed), adding 0. */
        float *z = out + (long)j * m;
        const float bias = (float)(b[j] * scale);
        for (k = 0; k < groups; k++) {
            f32_group g;
            for (i = 0; i < 8; i++) {
                int r = G * k + i, real = i < G && r < fan_in;
                g.x[i] = in + (real ? (long)r * m : 0);
                g.w[i] = real ? (float)(W[r * fan_out + j] * scale) : 0.0f;
            }
            if (k + 1 < groups)
                group_sum_f32(z, &g, G, k == 0, bias, m);
            else if (!group_act_f32(z, &g, G, k == 0, bias, m, act))
                return 0;
        }
    }
    return 1;
}

/* Largest of two floats, as a select (a plain compare and bitselect in wasm;
   no NaN reaches the softmax, the layers having checked their range). */
static inline float max_f32(float a, float b) { return a > b ? a : b; }

/* Softmax of four classes in one pass per point, all in registers: the
   seed's and the page's default network. The interleaved stores out[4q + k]
   become vector shuffles. */
static void softmax4_f32_pixels(float *restrict out, const float *restrict z, int m, int n)
{
    const float *restrict z0 = z, *restrict z1 = z + m, *restrict z2 = z + 2 * (long)m,
                *restrict z3 = z + 3 * (long)m;
    int q;
    for (q = 0; q < n; q++) {
        float mx = max_f32(max_f32(z0[q], z1[q]), max_f32(z2[q], z3[q]));
        float e0 = fmf_exp2(z0[q] - mx), e1 = fmf_exp2(z1[q] - mx), e2 = fmf_exp2(z2[q] - mx),
              e3 = fmf_exp2(z3[q] - mx);
        float inv = fmf__k.one / ((e0 + e1) + (e2 + e3));
        out[4 * q] = e0 * inv;
        out[4 * q + 1] = e1 * inv;
        out[4 * q + 2] = e2 * inv;
        out[4 * q + 3] = e3 * inv;
    }
}

void softmax_f32_pixels(float *out, float *z, int K, int m, int n)
{
    float mx[F32_MAX_BLOCK], s[F32_MAX_BLOCK];
    int k, q;
    if (K == 4) {
        softmax4_f32_pixels(out, z, m, n);
        return;
    }
    for (q = 0; q < n; q++)
        mx[q] = z[q];
    for (k = 1; k < K; k++)
        for (q = 0; q < n; q++)
            mx[q] = max_f32(z[(long)k * m + q], mx[q]);
    for (q = 0; q < n; q++)
        s[q] = 0.0f;
    for (k = 0; k < K; k++)                 /* 2^{z - max} = e^{(z - max) / log2 e}, summed */
        for (q = 0; q < n; q++) {
            float e = fmf_exp2(z[(long)k * m + q] - mx[q]);
            z[(long)k * m + q] = e;
            s[q] += e;
        }
    for (q = 0; q < n; q++)
        s[q] = fmf__k.one / s[q];
    for (q = 0; q < n; q++)                 /* unit-major block -> pixel-major out */
        for (k = 0; k < K; k++)
            out[(long)q * K + k] = z[(long)k * m + q] * s[q];
}

/* grid_f32.c: mlp_predict_grid's float32 path (predict.c has the checks,
   the float64 path and the loop over blocks). A grid block's forward pass
   runs four pixels per f32x4 SIMD vector with each dense layer fused with
   its activation (layers.h), and, for sigmoid and tanh networks, a first
   layer computed separably from one table of columns and one exponential
   per row segment. The display needs no more than float: the largest
   difference from the float64 path is bounded in tests/c/test_grid_f32.c. */
#include <math.h>

#include "fastmath.h"
#include "layers.h"
#include "mlp_internal.h"
#include "simd2.h"

/* Pixels (r, c), (r, c + 1), ... of a block: m points in rows of the grid,
   each row segment one loop without branches. seg(q, n, r, c) gets the block
   columns q..q+n-1, which are pixels (r, c..c+n-1). */
#define GRID_SEGMENTS(g, r, c, mp, BODY)                                          \
    for (q = 0; q < (mp); (r)++, (c) = 0) {                                       \
        int n = (g)->width - (c) < (mp) - q ? (g)->width - (c) : (mp) - q;        \
        BODY;                                                                      \
        q += n;                                                                    \
    }

/* Sigmoid and tanh networks: the first layer's scaled pre-activation at pixel
   (r, c) is t = s (b_j + W[0][j] x_c + W[1][j] y_r) = tx_j(c) + ty_j(r), so
   2^t = 2^tx 2^ty, and sigmoid2 = 1 / (1 + 2^t), tanh2 = 1 - 2 / (1 + 2^t)
   need one exp2 per column (a table made once per grid) and one per row
   segment instead of one per pixel. Used when |tx|, |ty| <= 125, where
   fmf_exp2 does not clamp (a product past float's range still gives the right
   saturated 0 or 1), and when the table fits beside the block's activations
   in the first hidden layer's buffer (width <= EVAL_BLOCK). */
int mlp__grid_separable(const mlp *net, double x_abs, double y_abs, int width)
{
    mlp__layer_view v = mlp__layer(net, 1);
    double s = f32_act_scale(net->desc.activation);
    int j;
    if (net->L < 2 || width > EVAL_BLOCK ||
        (net->desc.activation != MLP_SIGMOID && net->desc.activation != MLP_TANH))
        return 0;
    for (j = 0; j < v.fan_out; j++)
        if (!(fabs(s * v.W[j]) * x_abs <= 125.0) ||
            !(fabs(s) * (fabs(v.b[j]) + fabs(v.W[v.fan_out + j]) * y_abs) <= 125.0))
            return 0;
    return 1;
}

void mlp__grid_column_table(const mlp *net, const grid_view *g)
{
    mlp__layer_view v = mlp__layer(net, 1);
    double s = f32_act_scale(net->desc.activation);
    int j, c;
    for (j = 0; j < v.fan_out; j++)
        for (c = 0; c < g->width; c++)
            g->ex[(long)j * g->width + c] =
                fmf_exp2((float)(s * v.W[j] * (g->x_min + (c + 0.5) * g->dx)));
}

/* h[i] = act(ex[i] ey) over one row segment. */
static void separable_segment(float *restrict h, const float *restrict ex, float ey, int n,
                              int tanh_)
{
    const float one = fmf__k.one, two = fmf__k.two;
    int i;
    if (tanh_)
        for (i = 0; i < n; i++)
            h[i] = one - two / (one + ex[i] * ey);
    else
        for (i = 0; i < n; i++)
            h[i] = one / (one + ex[i] * ey);
}

/* The first hidden layer, h (units_1 x mp), of the block from pixel (r, c). */
static void grid_first_layer(float *h, const mlp *net, const grid_view *g, int r, int c, int mp)
{
    mlp__layer_view v = mlp__layer(net, 1);
    double s = f32_act_scale(net->desc.activation);
    int q, j, tanh_ = net->desc.activation == MLP_TANH;
    GRID_SEGMENTS(g, r, c, mp, {
        double y = g->y_max - (r + 0.5) * g->dy;
        for (j = 0; j < v.fan_out; j++)
            separable_segment(h + (long)j * mp + q, g->ex + (long)j * g->width + c,
                              fmf_exp2((float)(s * (v.b[j] + v.W[v.fan_out + j] * y))), n, tanh_);
    })
}

/* One block of m grid pixels, starting at pixel (r, c): out receives their
   outputs. The float activations live in the evaluation workspace's double
   buffers (each holds twice what the float block needs; every value is
   written as float before it is read as float). The block is padded to a
   multiple of F32_CHUNK with pixels past its end, computed and not written.
   Returns 0, having written nothing, if a value ran out of float's
   comfortable range: the caller then recomputes the block in double. */
int mlp__grid_block_f32(mlp *net, float *out, const grid_view *g, int r, int c, int m)
{
    workspace *w = &net->eval;
    int mp = (m + F32_CHUNK - 1) / F32_CHUNK * F32_CHUNK, q, l = 1, L = net->L, K;
    float *in = (float *)w->act[0], *z = (float *)w->logits;
    if (g->ex) {
        grid_first_layer((float *)w->act[1], net, g, r, c, mp);
        in = (float *)w->act[1];
        l = 2;
    } else {
        GRID_SEGMENTS(g, r, c, mp, {            /* pixel (r, c) -> centre (x, y) */
            float y = (float)(g->y_max - (r + 0.5) * g->dy);
            int i;
            for (i = 0; i < n; i++) {
                in[q + i] = (float)(g->x_min + (c + i + 0.5) * g->dx);
                in[mp + q + i] = y;
            }
        })
    }
    for (; l <= L; l++) {
        mlp__layer_view v = mlp__layer(net, l);
        float *a = l < L ? (float *)w->act[l] : z;
        double scale = l < L ? f32_act_scale(net->desc.activation)
                       : net->desc.output == MLP_OUT_SOFTMAX ? FMF_LOG2E : 1.0;
        if (!dense_act_forward_f32(a, in, v.W, v.b, v.fan_in, v.fan_out, mp,
                                   l < L ? net->desc.activation : MLP_LINEAR, scale))
            return 0;
        in = a;
    }
    K = mlp__outputs(net);
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        softmax_f32_pixels(out, z, K, mp, m);
    } else {
        int k;
        for (q = 0; q < m; q++)
            for (k = 0; k < K; k++)
                out[(long)q * K + k] = z[(long)k * mp + q];
    }
    return 1;
}

/* ---- the float32 dense layer and softmax (layers.h) ------------------------ */

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
    case MLP_LINEAR:                        /* !(|v| <= lim) also catches NaN */
        F32_PASS((bad |= !(fabsf(v) <= lim), v));
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

/* Softmax of four classes in one pass per point, all in registers (the
   seed's and the page's default network), written back to z unit-major,
   then transposed to pixel-major out four pixels at a time (simd2.h). */
static void softmax4_f32_pixels(float *restrict out, float *restrict z, int m, int n)
{
    float *restrict z0 = z, *restrict z1 = z + m, *restrict z2 = z + 2 * (long)m,
                    *restrict z3 = z + 3 * (long)m;
    int q;
    for (q = 0; q < n; q++) {
        float mx = max_f32(max_f32(z0[q], z1[q]), max_f32(z2[q], z3[q]));
        float e0 = fmf_exp2_nonpositive(z0[q] - mx), e1 = fmf_exp2_nonpositive(z1[q] - mx),
              e2 = fmf_exp2_nonpositive(z2[q] - mx), e3 = fmf_exp2_nonpositive(z3[q] - mx);
        float inv = fmf__k.one / ((e0 + e1) + (e2 + e3));
        z0[q] = e0 * inv;
        z1[q] = e1 * inv;
        z2[q] = e2 * inv;
        z3[q] = e3 * inv;
    }
    for (q = 0; q + 4 <= n; q += 4)
        transpose_store4(out + 4 * q, z0 + q, z1 + q, z2 + q, z3 + q);
    for (; q < n; q++) {
        out[4 * q] = z0[q];
        out[4 * q + 1] = z1[q];
        out[4 * q + 2] = z2[q];
        out[4 * q + 3] = z3[q];
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
            float e = fmf_exp2_nonpositive(z[(long)k * m + q] - mx[q]);
            z[(long)k * m + q] = e;
            s[q] += e;
        }
    for (q = 0; q < n; q++)
        s[q] = fmf__k.one / s[q];
    if (K == 2) {                           /* two classes: interleaved by shuffles */
        for (q = 0; q < n; q++) {
            z[q] *= s[q];
            z[m + q] *= s[q];
        }
        for (q = 0; q + 4 <= n; q += 4)
            interleave_store2(out + 2 * q, z + q, z + m + q);
        for (; q < n; q++) {
            out[2 * q] = z[q];
            out[2 * q + 1] = z[m + q];
        }
        return;
    }
    for (q = 0; q < n; q++)                 /* unit-major block -> pixel-major out */
        for (k = 0; k < K; k++)
            out[(long)q * K + k] = z[(long)k * m + q] * s[q];
}

/* grid_f32.c: mlp_predict_grid's float32 path (predict.c has the checks,
   the float64 path and the loop over blocks). A grid block's forward pass
   runs four pixels per f32x4 SIMD vector: each dense layer's sums in
   register tiles of four units by eight pixels, then its activation in one
   plain pass per row (dense_f32.c); for sigmoid and tanh networks, a first
   layer computed separably from one table of columns and one exponential
   per row segment. The display needs no more than float: the largest
   difference from the float64 path is held to 2e-5 in tests/c/test_grid_f32.c,
   for any weights, by sending networks and blocks where float could not
   keep it to the float64 path (mlp__grid_gain_ok here, dense_act_forward_f32
   in dense_f32.c).
   Rows of float activations are F32_STRIDE apart whatever the block's width,
   so the inputs of a tile are one base address plus constant offsets.
   (Not done: tanh layers handing on u with tanh = 1 - 2u, the affine part in
   the next layer's weights: 3% faster, but its rounding then grows with |w|
   rather than |w tanh|; the tests' worst case went 1.2e-5 -> 1.45e-5, on a
   network that now takes the float64 path.) */
#include <math.h>

#include "fastmath.h"
#include "layers.h"
#include "mlp_internal.h"
#include "simd2.h"

/* The float rows (units x F32_STRIDE) fit in the first half of a double
   buffer of units x EVAL_BLOCK, beside the separable layer's column table
   (mlp_predict_grid puts it at units x EVAL_BLOCK floats). */
typedef char f32_stride_fits[F32_STRIDE <= EVAL_BLOCK ? 1 : -1];

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

/* Whether a sigmoid or tanh network's float32 grid is within the stated
   bound (tests/c/test_grid_f32.c GRID_BOUND, 2e-5) wherever the window's
   |x|, |y| <= xy_abs, from its parameters alone (once per grid, nothing per
   pixel). A first-order estimate of the error, layer by layer, in natural
   units: D, the error of a layer's outputs, starts as the inputs' rounding
   u xy_abs (u = 2^-24); a layer's sums get G D + 2u T, G the largest L2 norm
   of a unit's weights (rounding errors of many inputs add like random
   ones, so the L2 and not the L1 norm; measured, the L1 product overstates a
   trained 2-8-8-8-4 tanh network's error 80 times), T the largest sum of
   |bias| + |weights| times the inputs' bound (the size of the sum's terms,
   which float rounds relative to); the activation then multiplies by its
   largest slope (1/4, 1) and adds its own error (2e-7, 3e-7); a softmax
   moves a probability by at most half its logits' error. It is not a proof
   (worst-case bounds, with L1 norms and every unit at its steepest,
   overstate a trained 2-8-8-8-4 tanh network's error 80 times, and would
   send the page's networks to float64); measured over 7,200 random networks
   (weight scales 1e-2 to 1e5, tests/c/test_grid_f32.c does a slice), the
   error of those kept in float32 was at most 0.31 of it, so an estimate
   within F32_GAIN_LIMIT (4e-5) keeps the error near 1.2e-5 at most; the
   bench's trained networks estimate 2.5e-6 to 1.4e-5. Also 0 if the output
   layer's terms pass F32_LOGIT_TERMS_LIMIT (F32_OUTPUT_TERMS_LIMIT). relu
   and linear networks are bounded per block instead (their value ranges are
   not known from the weights): always 1 for them. */
int mlp__grid_gain_ok(const mlp *net, double xy_abs)
{
    const double u = 0x1p-24;
    int act = net->desc.activation, l, i, j;
    double D = u * xy_abs, A = xy_abs, Dz = 0.0, T = 0.0;
    if (act != MLP_SIGMOID && act != MLP_TANH)
        return 1;
    for (l = 1; l <= net->L; l++) {
        mlp__layer_view v = mlp__layer(net, l);
        double G = 0.0;
        T = 0.0;
        for (j = 0; j < v.fan_out; j++) {
            double l1 = 0.0, l2 = 0.0, t;
            for (i = 0; i < v.fan_in; i++) {
                double wij = v.W[i * v.fan_out + j];
                l1 += fabs(wij);
                l2 += wij * wij;
            }
            l2 = sqrt(l2);
            t = fabs(v.b[j]) + A * l1;
            G = l2 > G || l2 != l2 ? l2 : G;            /* (NaN sticks) */
            T = t > T || t != t ? t : T;
        }
        Dz = G * D + 2.0 * u * T;
        D = act == MLP_SIGMOID ? 0.25 * Dz + 2e-7 : Dz + 3e-7;
        A = 1.0;
    }
    /* The output layer's terms (dense_act_forward_f32 checks them per block
       too, but here they depend on the weights alone: deciding once saves
       computing every block's float layers only to discard them). */
    if (net->desc.output == MLP_OUT_SOFTMAX)
        return 0.5 * Dz <= F32_GAIN_LIMIT && FMF_LOG2E * T <= F32_LOGIT_TERMS_LIMIT;
    return Dz <= F32_GAIN_LIMIT && T <= F32_OUTPUT_TERMS_LIMIT;
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
            separable_segment(h + (long)j * F32_STRIDE + q, g->ex + (long)j * g->width + c,
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
    float *in = (float *)w->act[0], *z = (float *)w->logits, in_abs;
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
                in[F32_STRIDE + q + i] = y;
            }
        })
    }
    /* in_abs: a bound on |inputs| over the block: the window's for the
       pixel's (x, y), 1 for sigmoid and tanh outputs, the largest value met
       for relu and linear ones (dense_act_forward_f32 reports it). */
    in_abs = l == 1 ? g->xy_abs : 1.0f;
    for (; l <= L; l++) {
        mlp__layer_view v = mlp__layer(net, l);
        float *a = l < L ? (float *)w->act[l] : z;
        double scale = l < L ? f32_act_scale(net->desc.activation)
                       : net->desc.output == MLP_OUT_SOFTMAX ? FMF_LOG2E : 1.0;
        if (!dense_act_forward_f32(a, in, v.W, v.b, v.fan_in, v.fan_out, mp,
                                   l < L ? net->desc.activation : MLP_LINEAR, scale, in_abs,
                                   l < L                                  ? HUGE_VAL
                                   : net->desc.output == MLP_OUT_SOFTMAX ? F32_LOGIT_TERMS_LIMIT
                                                                         : F32_OUTPUT_TERMS_LIMIT,
                                   &in_abs))
            return 0;
        in = a;
    }
    K = mlp__outputs(net);
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        softmax_f32_pixels(out, z, K, F32_STRIDE, m);
    } else {
        int k;
        for (q = 0; q < m; q++)
            for (k = 0; k < K; k++)
                out[(long)q * K + k] = z[(long)k * F32_STRIDE + q];
    }
    return 1;
}

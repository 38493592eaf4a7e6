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
   segment instead of one per pixel. Used when |tx|, |ty| <= 126, where
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
        if (!(fabs(s * v.W[j]) * x_abs <= 126.0) ||
            !(fabs(s) * (fabs(v.b[j]) + fabs(v.W[v.fan_out + j]) * y_abs) <= 126.0))
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

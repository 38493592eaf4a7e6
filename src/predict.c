/* predict.c: the loss and accuracy over all the data, predictions for given
   points and over a grid, computed in blocks of EVAL_BLOCK points on the
   evaluation workspace, so a training iteration's values are left untouched. */
#include <math.h>

#include "fastmath.h"
#include "layers.h"
#include "mlp_internal.h"

/* ---- evaluation and prediction, in blocks, on the evaluation workspace ----- */

/* Forward pass over the m columns already in w->act[0]. */
static void forward_all(const mlp *net, workspace *w, int m, int want_lse)
{
    int l;
    for (l = 1; l <= net->L; l++)
        mlp__forward_layer(net, w, l, m);
    mlp__output_forward(net, w, m, want_lse);
}

static void evaluate(mlp *net)
{
    workspace *w = &net->eval;
    int K = mlp__outputs(net), start, q, k;
    double loss_sum = 0.0;
    long correct = 0;
    if (net->eval_valid)
        return;
    for (start = 0; start < net->n; start += EVAL_BLOCK) {
        int m = net->n - start < EVAL_BLOCK ? net->n - start : EVAL_BLOCK;
        const double *P = w->act[net->L];
        for (q = 0; q < m; q++)
            w->index[q] = start + q;
        mlp__gather(w, net, m);
        forward_all(net, w, m, 1);
        loss_sum += mlp__batch_loss(net, w, m) * m;
        for (q = 0; q < m; q++) {                /* argmax; ties go to the lower class */
            int best = 0;
            for (k = 1; k < K; k++)
                if (P[(long)k * m + q] > P[(long)best * m + q])
                    best = k;
            correct += best == w->labels[q];
        }
    }
    net->eval_loss = loss_sum / net->n;
    net->eval_acc = net->desc.output == MLP_OUT_SOFTMAX ? (double)correct / net->n : NAN;
    net->eval_valid = 1;
}

double mlp_loss(mlp *net)
{
    if (!net || net->n == 0)
        return NAN;
    evaluate(net);
    return net->eval_loss;
}

double mlp_accuracy(mlp *net)
{
    if (!net || net->n == 0)
        return NAN;
    evaluate(net);
    return net->eval_acc;
}

int mlp_predict(mlp *net, const double *x, int n, double *out, mlp_error *err)
{
    workspace *w;
    int d, K, start, q, k;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    w = &net->eval;
    if (mlp__check_limit(MLP_LIMIT_PREDICT_POINTS, NULL, n, err) != MLP_OK)
        return MLP_E_ARG;
    if (!x || !out)
        return mlp__fail(err, MLP_E_ARG, "points and output must not be NULL");
    d = mlp__inputs(net);
    K = mlp__outputs(net);
    for (q = 0; q < n * d; q++)
        if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, x[q]))
            return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "points", q, x[q]);
    for (start = 0; start < n; start += EVAL_BLOCK) {
        int m = n - start < EVAL_BLOCK ? n - start : EVAL_BLOCK;
        const double *P = w->act[net->L];
        for (k = 0; k < d; k++)
            for (q = 0; q < m; q++)
                w->act[0][(long)k * m + q] = x[(long)(start + q) * d + k];
        forward_all(net, w, m, 0);
        for (q = 0; q < m; q++)
            for (k = 0; k < K; k++)
                out[(long)(start + q) * K + k] = P[(long)k * m + q];
    }
    return mlp__ok(err);
}

/* ---- the grid in float32 (see layers.h) ----------------------------------- */

/* A grid's pixel spacing, and the separable first layer's column table. */
typedef struct {
    double x_min, y_max, dx, dy;
    int width;
    float *ex;         /* (units_1 x width): 2^{s W[0][j] x_c}, or NULL: see grid_separable */
} grid_view;

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
static int grid_separable(const mlp *net, double x_abs, double y_abs, int width)
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

static void grid_column_table(const mlp *net, const grid_view *g)
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
static int grid_block_f32(mlp *net, float *out, const grid_view *g, int r, int c, int m)
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

/* The float64 forward pass of the same block, for when the float32 one
   gives up: out receives (float) of its probabilities. */
static void grid_block_f64(mlp *net, float *out, const grid_view *g, int r, int c, int m)
{
    workspace *w = &net->eval;
    const double *P = w->act[net->L];
    int K = mlp__outputs(net), q, k;
    for (q = 0; q < m; q++) {                    /* pixel (r, c) -> centre (x, y) */
        w->act[0][q] = g->x_min + (c + 0.5) * g->dx;
        w->act[0][m + q] = g->y_max - (r + 0.5) * g->dy;
        if (++c == g->width) {
            c = 0;
            r++;
        }
    }
    forward_all(net, w, m, 0);
    for (k = 0; k < K; k++)
        for (q = 0; q < m; q++)
            out[(long)q * K + k] = (float)P[(long)k * m + q];
}

int mlp_predict_grid(mlp *net, double x_min, double x_max, double y_min, double y_max,
                     int width, int height, float *out, mlp_error *err)
{
    workspace *w;
    grid_view g;
    long total, start;
    int K, separable;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    w = &net->eval;
    if (mlp__inputs(net) != 2)
        return mlp__fail(err, MLP_E_ARG, "predictGrid needs a network with 2 inputs, this has %d",
                    mlp__inputs(net));
    if (mlp__check_limit(MLP_LIMIT_GRID_SIDE, "width", width, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_GRID_SIDE, "height", height, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_GRID_PIXELS, NULL, (double)width * height, err) != MLP_OK)
        return MLP_E_ARG;
    /* Bounded like the data, so the pixel spacing and the forward pass stay finite. */
    if (mlp__check_limit(MLP_LIMIT_COORDINATE, "xMin", x_min, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_COORDINATE, "xMax", x_max, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_COORDINATE, "yMin", y_min, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_COORDINATE, "yMax", y_max, err) != MLP_OK)
        return MLP_E_ARG;
    if (!(x_min < x_max) || !(y_min < y_max)) {
        char a[32], b[32];
        int xs = !(x_min < x_max);
        mlp_format_number(a, sizeof a, xs ? x_min : y_min);
        mlp_format_number(b, sizeof b, xs ? x_max : y_max);
        return mlp__fail(err, MLP_E_ARG, "%s must be less than %s, got %s and %s",
                         xs ? "xMin" : "yMin", xs ? "xMax" : "yMax", a, b);
    }
    if (!out)
        return mlp__fail(err, MLP_E_ARG, "output must not be NULL");
    K = mlp__outputs(net);
    g.x_min = x_min;
    g.y_max = y_max;
    g.dx = (x_max - x_min) / width;
    g.dy = (y_max - y_min) / height;
    g.width = width;
    /* The column table sits in the second half of act[1] (see grid_separable). */
    g.ex = NULL;
    separable = grid_separable(net, fmax(fabs(x_min), fabs(x_max)), fmax(fabs(y_min), fabs(y_max)),
                               width);
    total = (long)width * height;
    for (start = 0; start < total; start += EVAL_BLOCK) {
        int m = total - start < EVAL_BLOCK ? (int)(total - start) : EVAL_BLOCK;
        int r = (int)(start / width), c = (int)(start % width);
        if (separable && !g.ex) {               /* (again after a float64 block) */
            g.ex = (float *)w->act[1] + (long)mlp__layer(net, 1).fan_out * EVAL_BLOCK;
            grid_column_table(net, &g);
        }
        if (grid_block_f32(net, out + start * K, &g, r, c, m))
            continue;
        g.ex = NULL;                            /* act[1] is about to hold doubles */
        grid_block_f64(net, out + start * K, &g, r, c, m);
    }
    return mlp__ok(err);
}


/* predict.c: the loss, accuracy and confusion matrix over the training or
   test data, predictions for given points and over a grid, computed in
   blocks of EVAL_BLOCK points on the evaluation workspace, so a training
   iteration's values are left untouched. */
#include <math.h>

#include "fastmath.h"
#include "layers.h"
#include "mlp_internal.h"

/* ---- evaluation and prediction, in blocks, on the evaluation workspace ----- */

/* The columns index[0..m-1] of ds into w (raw inputs, labels, targets). It
   runs before every training step, so it lives in a file compiled for speed
   (-O3) rather than with the rest of the data (data.c, -Oz). */
void mlp__gather(workspace *w, const mlp *net, const dataset *ds, int n, int m)
{
    int k, q, d = mlp__inputs(net), K = mlp__outputs(net);
    for (k = 0; k < d; k++)
        for (q = 0; q < m; q++)
            w->raw[(long)k * m + q] = ds->X[(long)k * n + w->index[q]];
    for (q = 0; q < m; q++)
        w->labels[q] = ds->labels[w->index[q]];
    if (net->desc.output == MLP_OUT_LINEAR)
        for (k = 0; k < K; k++)
            for (q = 0; q < m; q++)
                w->targets[(long)k * m + q] = ds->T[(long)k * n + w->index[q]];
}

/* Forward pass over the m columns already in w->act[0]. */
static void forward_all(const mlp *net, workspace *w, int m, int want_lse)
{
    int l;
    for (l = 1; l <= net->L; l++)
        mlp__forward_layer(net, w, l, m);
    mlp__output_forward(net, w, m, want_lse);
}

/* One pass of the current parameters over a data set ds of n points:
   returns the mean loss, counts the points whose argmax output is their label
   in *correct, and, when confusion is not NULL, adds each point to
   confusion[label * K + argmax] (K x K, zeroed by the caller). */
static double evaluate_set(mlp *net, const dataset *ds, int n, long *correct, int32_t *confusion)
{
    workspace *w = &net->eval;
    int K = mlp__outputs(net), start, q, k;
    double loss_sum = 0.0;
    *correct = 0;
    for (start = 0; start < n; start += EVAL_BLOCK) {
        int m = n - start < EVAL_BLOCK ? n - start : EVAL_BLOCK;
        const double *P = w->act[net->L];
        for (q = 0; q < m; q++)
            w->index[q] = start + q;
        mlp__gather(w, net, ds, n, m);
        mlp__features_forward(net, w, m);
        forward_all(net, w, m, 1);
        loss_sum += mlp__batch_loss(net, w, m) * m;
        for (q = 0; q < m; q++) {                /* argmax; ties go to the lower class */
            int best = 0;
            for (k = 1; k < K; k++)
                if (P[(long)k * m + q] > P[(long)best * m + q])
                    best = k;
            *correct += best == w->labels[q];
            if (confusion)
                confusion[w->labels[q] * K + best]++;
        }
    }
    return loss_sum / n;
}

static void evaluate(mlp *net)
{
    long correct;
    if (net->eval_valid)
        return;
    net->eval_loss = evaluate_set(net, &net->data, net->n, &correct, NULL);
    net->eval_acc = net->desc.output == MLP_OUT_SOFTMAX ? (double)correct / net->n : NAN;
    net->eval_valid = 1;
}

static void evaluate_test(mlp *net)
{
    long correct;
    if (net->test_valid)
        return;
    net->test_loss = evaluate_set(net, &net->test, net->n_test, &correct, NULL);
    net->test_acc = net->desc.output == MLP_OUT_SOFTMAX ? (double)correct / net->n_test : NAN;
    net->test_valid = 1;
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

double mlp_test_loss(mlp *net)
{
    if (!net || net->n_test == 0)
        return NAN;
    evaluate_test(net);
    return net->test_loss;
}

double mlp_test_accuracy(mlp *net)
{
    if (!net || net->n_test == 0)
        return NAN;
    evaluate_test(net);
    return net->test_acc;
}

int mlp_confusion(mlp *net, int which, int32_t *out, mlp_error *err)
{
    int K, k;
    long correct;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (which != 0 && which != 1)
        return mlp__fail(err, MLP_E_ARG, "which must be 0 (training set) or 1 (test set), got %d",
                         which);
    if (net->desc.output != MLP_OUT_SOFTMAX)
        return mlp__fail(err, MLP_E_ARG, "a confusion matrix needs a softmax (classifier) network");
    if (!out)
        return mlp__fail(err, MLP_E_ARG, "output must not be NULL");
    K = mlp__outputs(net);
    for (k = 0; k < K * K; k++)
        out[k] = 0;
    if (which == 0 && net->n > 0)
        evaluate_set(net, &net->data, net->n, &correct, out);
    else if (which == 1 && net->n_test > 0)
        evaluate_set(net, &net->test, net->n_test, &correct, out);
    return mlp__ok(err);
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
                w->raw[(long)k * m + q] = x[(long)(start + q) * d + k];
        mlp__features_forward(net, w, m);
        forward_all(net, w, m, 0);
        for (q = 0; q < m; q++)
            for (k = 0; k < K; k++)
                out[(long)(start + q) * K + k] = P[(long)k * m + q];
    }
    return mlp__ok(err);
}

/* Checks a grid's arguments for `call` ("predictGrid", "unitMaps") and fills g. */
static int check_grid(const mlp *net, const char *call, double x_min, double x_max,
                      double y_min, double y_max, int width, int height, const float *out,
                      grid_view *g, mlp_error *err)
{
    if (mlp__inputs(net) != 2)
        return mlp__fail(err, MLP_E_ARG, "%s needs a network with 2 inputs, this has %d", call,
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
    g->x_min = x_min;
    g->y_max = y_max;
    g->dx = (x_max - x_min) / width;
    g->dy = (y_max - y_min) / height;
    g->width = width;
    g->xy_abs = (float)fmax(fmax(fabs(x_min), fabs(x_max)), fmax(fabs(y_min), fabs(y_max)));
    g->ex = NULL;
    return MLP_OK;
}

/* Forward pass over pixels start .. start+m-1 (row-major) of grid g. */
static void grid_forward(const mlp *net, workspace *w, const grid_view *g, long start, int m)
{
    int q, r = (int)(start / g->width), c = (int)(start % g->width);
    for (q = 0; q < m; q++) {                    /* pixel (r, c) -> centre (x, y) */
        w->raw[q] = g->x_min + (c + 0.5) * g->dx;
        w->raw[m + q] = g->y_max - (r + 0.5) * g->dy;
        if (++c == g->width) {
            c = 0;
            r++;
        }
    }
    mlp__features_forward(net, w, m);
    forward_all(net, w, m, 0);
}

#ifdef MLP_TEST_HOOKS
long mlp__grid_blocks_f32, mlp__grid_blocks_f64;
#endif

/* The float64 forward pass of a block of m pixels from pixel (r, c), for
   when the float32 one gives up, and for networks with input features
   (computed in double by features.c): out receives (float) of its outputs. */
static void grid_block_f64(mlp *net, float *out, const grid_view *g, int r, int c, int m)
{
    workspace *w = &net->eval;
    const double *P = w->act[net->L];
    int K = mlp__outputs(net), q, k;
    grid_forward(net, w, g, (long)r * g->width + c, m);
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
    int K, f32, separable;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    w = &net->eval;
    if (check_grid(net, "predictGrid", x_min, x_max, y_min, y_max, width, height, out, &g,
                   err) != MLP_OK)
        return MLP_E_ARG;
    K = mlp__outputs(net);
    /* The float32 path computes the first layer from the pixel's (x, y);
       input features take the float64 path, which computes them, and so do
       sigmoid and tanh networks whose weights could amplify float's
       rounding past the bound (mlp__grid_gain_ok). */
    f32 = net->desc.features == 0 && mlp__grid_gain_ok(net, g.xy_abs);
    /* The column table sits in the second half of act[1] (see mlp__grid_separable). */
    separable = f32 && mlp__grid_separable(net, fmax(fabs(x_min), fabs(x_max)),
                                      fmax(fabs(y_min), fabs(y_max)), width);
    total = (long)width * height;
    for (start = 0; start < total; start += EVAL_BLOCK) {
        int m = total - start < EVAL_BLOCK ? (int)(total - start) : EVAL_BLOCK;
        int r = (int)(start / width), c = (int)(start % width);
        if (separable && !g.ex) {               /* (again after a float64 block) */
            g.ex = (float *)w->act[1] + (long)mlp__layer(net, 1).fan_out * EVAL_BLOCK;
            mlp__grid_column_table(net, &g);
        }
        if (f32 && mlp__grid_block_f32(net, out + start * K, &g, r, c, m)) {
#ifdef MLP_TEST_HOOKS
            mlp__grid_blocks_f32++;
#endif
            continue;
        }
#ifdef MLP_TEST_HOOKS
        mlp__grid_blocks_f64++;
#endif
        g.ex = NULL;                            /* act[1] is about to hold doubles */
        grid_block_f64(net, out + start * K, &g, r, c, m);
    }
    return mlp__ok(err);
}

int mlp_unit_count(const mlp *net)
{
    int l, units = 0;
    if (!net)
        return 0;
    for (l = 0; l <= net->L; l++)
        units += net->desc.sizes[l];
    return units;
}

int mlp_unit_maps(mlp *net, double x_min, double x_max, double y_min, double y_max,
                  int width, int height, float *out, mlp_error *err)
{
    workspace *w;
    long total, start;
    grid_view g;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    w = &net->eval;
    if (check_grid(net, "unitMaps", x_min, x_max, y_min, y_max, width, height, out, &g,
                   err) != MLP_OK)
        return MLP_E_ARG;
    total = (long)width * height;
    for (start = 0; start < total; start += EVAL_BLOCK) {
        int m = total - start < EVAL_BLOCK ? (int)(total - start) : EVAL_BLOCK, l, j, q;
        long u = 0;                              /* unit index over all layers */
        grid_forward(net, w, &g, start, m);
        /* act[l] is (units_l x m): unit j's block row goes to map u at pixel start+q */
        for (l = 0; l <= net->L; l++)
            for (j = 0; j < net->desc.sizes[l]; j++, u++)
                for (q = 0; q < m; q++)
                    out[u * total + start + q] = (float)w->act[l][(long)j * m + q];
    }
    return mlp__ok(err);
}

/* mlp.c: the network: creation and validation, the phases of an iteration,
   training epochs, evaluation and prediction. The arithmetic itself lives in
   layers.c; this file decides what runs on which buffers, and in what order. */
#include "mlp.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layers.h"
#include "rng.h"

/* Points per block when evaluating outside training (loss over all data,
   predict, predict_grid): small enough that a block's activations stay in
   cache, large enough that the loops over points are long. */
#define EVAL_BLOCK 256

/* The data generator gets its own stream so the data set depends only on the
   seed, not on the architecture (whose initialisation draws a different count). */
#define DATA_STREAM 0x5851F42D4C957F2DULL

/* A set of per-layer buffers for m columns (points): one for training, sized
   for the largest batch, and one of EVAL_BLOCK columns for evaluation. */
typedef struct {
    int cap;                          /* columns allocated */
    double *act[MLP_MAX_LAYERS];      /* l = 0..L: (units_l x cap); act[L] = outputs */
    double *delta[MLP_MAX_LAYERS];    /* l = 1..L: (units_l x cap); training only */
    double *logits;                   /* (outputs x cap) */
    double *lse;                      /* (cap) log-sum-exp per point */
    double *work;                     /* (2 cap) softmax scratch */
    int32_t *labels;                  /* (cap) labels of the columns */
    double *targets;                  /* (outputs x cap) targets of the columns */
    int32_t *index;                   /* (cap) data index of each column */
    void *block;                      /* the one allocation behind all of the above */
} workspace;

/* The training data, points innermost like the activations. */
typedef struct {
    double *X;                        /* (inputs x n) */
    int32_t *labels;                  /* (n) */
    double *T;                        /* (outputs x n) */
    int32_t *perm;                    /* (n) order of the points this epoch */
    void *block;                      /* the one allocation behind all of the above */
} dataset;

struct mlp {
    mlp_desc desc;
    int L;                            /* weight layers: n_sizes - 1 */
    int n_params;
    int off[MLP_MAX_LAYERS];          /* l = 1..L: offset of W_l; b_l follows it */
    double *params;                   /* (n_params) */
    double *grads;                    /* (n_params) */
    rng_state rng;                    /* initialisation, then mini-batch shuffles */

    int n, cap_n;                     /* points, and points the buffers can hold */
    dataset data;

    workspace train, eval;

    mlp_phase phase;                  /* last phase performed */
    int phase_layer;
    int m;                            /* columns in the current batch */
    int batch_no, batches;            /* batch within the epoch, batches per epoch */
    long epoch;
    int diverged;
    double batch_loss;
    double epoch_loss_sum;            /* sum over this epoch's batches of loss * m */
    double epoch_loss;                /* training loss of the last completed epoch */

    int eval_valid;                   /* eval_loss/eval_acc match the parameters */
    double eval_loss, eval_acc;
};

static const char *const status_names[] = {
#define MLP__STATUS_NAME(name, code, text) text,
    MLP_STATUS_LIST(MLP__STATUS_NAME)
#undef MLP__STATUS_NAME
};

const char *mlp_status_name(int code)
{
    int n = (int)(sizeof status_names / sizeof status_names[0]);
    return (code <= 0 && -code < n) ? status_names[-code] : "unknown status";
}

static int fail(mlp_error *err, mlp_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

static int ok(mlp_error *err)
{
    if (err) {
        err->code = MLP_OK;
        err->msg[0] = '\0';
    }
    return MLP_OK;
}

static int outputs(const mlp *net) { return net->desc.sizes[net->L]; }
static int inputs(const mlp *net) { return net->desc.sizes[0]; }

void mlp_desc_defaults(mlp_desc *d)
{
    memset(d, 0, sizeof *d);
    d->n_sizes = 3;
    d->sizes[0] = 2;
    d->sizes[1] = 4;
    d->sizes[2] = 4;
    d->activation = MLP_SIGMOID;
    d->init = MLP_INIT_SEED;
    d->output = MLP_OUT_SOFTMAX;
    d->learning_rate = 1.0;
    d->batch_size = 0;
    d->seed = 1;
}

static int check_learning_rate(double lr, mlp_error *err)
{
    if (!(lr > 0.0 && lr <= MLP_MAX_LEARNING_RATE)) /* also rejects NaN */
        return fail(err, MLP_E_ARG, "learningRate must be a number in (0, %g], got %g",
                    MLP_MAX_LEARNING_RATE, lr);
    return MLP_OK;
}

static int check_desc(const mlp_desc *d, mlp_error *err)
{
    int l, hidden;
    if (d->n_sizes < 2 || d->n_sizes > MLP_MAX_LAYERS)
        return fail(err, MLP_E_ARG,
                    "layers must list 2 to %d sizes (input, 0 to %d hidden, output), got %d",
                    MLP_MAX_LAYERS, MLP_MAX_HIDDEN_LAYERS, d->n_sizes);
    hidden = d->n_sizes - 2;
    if (d->sizes[0] < MLP_MIN_INPUTS || d->sizes[0] > MLP_MAX_INPUTS)
        return fail(err, MLP_E_ARG, "layers[0] (inputs) must be from %d to %d, got %d",
                    MLP_MIN_INPUTS, MLP_MAX_INPUTS, d->sizes[0]);
    for (l = 1; l <= hidden; l++)
        if (d->sizes[l] < 1 || d->sizes[l] > MLP_MAX_UNITS)
            return fail(err, MLP_E_ARG, "layers[%d] (hidden units) must be from 1 to %d, got %d",
                        l, MLP_MAX_UNITS, d->sizes[l]);
    if ((unsigned)d->output > MLP_OUT_LINEAR)
        return fail(err, MLP_E_ARG, "output must be softmax (0) or linear (1), got %d",
                    (int)d->output);
    {
        int K = d->sizes[d->n_sizes - 1];
        int lo = d->output == MLP_OUT_SOFTMAX ? MLP_MIN_CLASSES : 1;
        if (K < lo || K > MLP_MAX_OUTPUTS)
            return fail(err, MLP_E_ARG, "layers[%d] (%s) must be from %d to %d, got %d",
                        d->n_sizes - 1, d->output == MLP_OUT_SOFTMAX ? "classes" : "outputs",
                        lo, MLP_MAX_OUTPUTS, K);
    }
    if ((unsigned)d->activation > MLP_LINEAR)
        return fail(err, MLP_E_ARG,
                    "activation must be sigmoid (0), tanh (1), relu (2) or linear (3), got %d",
                    (int)d->activation);
    if ((unsigned)d->init > MLP_INIT_HE)
        return fail(err, MLP_E_ARG, "init must be seed (0), glorot (1) or he (2), got %d",
                    (int)d->init);
    if (d->batch_size < 0 || d->batch_size > MLP_MAX_POINTS)
        return fail(err, MLP_E_ARG, "batchSize must be 0 (full batch) or 1 to %d, got %d",
                    MLP_MAX_POINTS, d->batch_size);
    return check_learning_rate(d->learning_rate, err);
}

/* Carves consecutive, 16-byte aligned pieces out of one allocation. The first
   pass (base NULL) only counts bytes; the second hands out pointers. */
typedef struct {
    char *base;
    size_t used;
} carver;

static void *carve(carver *c, size_t count, size_t size)
{
    void *p = c->base ? c->base + c->used : NULL;
    c->used += (count * size + 15) & ~(size_t)15;
    return p;
}

/* Lays out (or, with c->base NULL, measures) a workspace of cap columns. */
static void workspace_carve(workspace *w, carver *c, const mlp *net, int cap, int training)
{
    int l, K = outputs(net);
    w->cap = cap;
    for (l = 0; l <= net->L; l++)
        w->act[l] = carve(c, (size_t)net->desc.sizes[l] * cap, sizeof(double));
    for (l = 1; l <= net->L; l++)
        w->delta[l] = training ? carve(c, (size_t)net->desc.sizes[l] * cap, sizeof(double)) : NULL;
    w->logits = carve(c, (size_t)K * cap, sizeof(double));
    w->lse = carve(c, (size_t)cap, sizeof(double));
    w->work = carve(c, (size_t)2 * cap, sizeof(double));
    w->labels = carve(c, (size_t)cap, sizeof(int32_t));
    w->targets = carve(c, (size_t)K * cap, sizeof(double));
    w->index = carve(c, (size_t)cap, sizeof(int32_t));
}

static int workspace_alloc(workspace *w, const mlp *net, int cap, int training)
{
    carver c = {NULL, 0};
    workspace_carve(w, &c, net, cap, training);
    c.base = calloc(1, c.used);
    if (!c.base)
        return MLP_E_NOMEM;
    c.used = 0;
    workspace_carve(w, &c, net, cap, training);
    w->block = c.base;
    return MLP_OK;
}

/* @code-begin init-weights */
static void init_params(mlp *net)
{
    int l, k;
    for (l = 1; l <= net->L; l++) {
        int fan_in = net->desc.sizes[l - 1], fan_out = net->desc.sizes[l];
        double *W = net->params + net->off[l];   /* (fan_in x fan_out) */
        double *b = W + fan_in * fan_out;        /* (fan_out) */
        double scale = 0.3;                      /* the seed: randn(...) * 0.3 */
        if (net->desc.init == MLP_INIT_GLOROT)
            scale = sqrt(2.0 / (fan_in + fan_out));
        else if (net->desc.init == MLP_INIT_HE)
            scale = sqrt(2.0 / fan_in);
        for (k = 0; k < fan_in * fan_out; k++)
            W[k] = rng_normal(&net->rng) * scale;
        for (k = 0; k < fan_out; k++)
            b[k] = 0.0;
    }
}
/* @code-end init-weights */

static void reset_iteration(mlp *net)
{
    net->phase = MLP_PHASE_INIT;
    net->phase_layer = 0;
    net->batch_no = 0;
    net->m = 0;
    net->batch_loss = NAN;
    net->epoch_loss_sum = 0.0;
    net->epoch_loss = NAN;
    net->eval_valid = 0;
}

mlp *mlp_create(const mlp_desc *d, mlp_error *err)
{
    mlp *net;
    int l;
    if (!d) {
        fail(err, MLP_E_ARG, "desc must not be NULL");
        return NULL;
    }
    if (check_desc(d, err) != MLP_OK)
        return NULL;
    net = calloc(1, sizeof *net);
    if (!net) {
        fail(err, MLP_E_NOMEM, "out of memory creating the network");
        return NULL;
    }
    net->desc = *d;
    net->L = d->n_sizes - 1;
    for (l = 1; l <= net->L; l++) {
        net->off[l] = net->n_params;
        net->n_params += (d->sizes[l - 1] + 1) * d->sizes[l];
    }
    net->params = calloc((size_t)2 * net->n_params, sizeof(double));
    if (!net->params || workspace_alloc(&net->eval, net, EVAL_BLOCK, 0) != MLP_OK) {
        mlp_destroy(net);
        fail(err, MLP_E_NOMEM, "out of memory creating the network");
        return NULL;
    }
    net->grads = net->params + net->n_params;
    rng_seed(&net->rng, d->seed);
    init_params(net);
    reset_iteration(net);
    ok(err);
    return net;
}

void mlp_destroy(mlp *net)
{
    if (!net)
        return;
    free(net->params);
    free(net->data.block);
    free(net->train.block);
    free(net->eval.block);
    free(net);
}

/* The data set, (re)allocated as one block when it grows. */
static int dataset_alloc(dataset *ds, const mlp *net, int n)
{
    int pass;
    carver c = {NULL, 0};
    for (pass = 0; pass < 2; pass++) {           /* measure, then hand out */
        ds->X = carve(&c, (size_t)inputs(net) * n, sizeof(double));
        ds->labels = carve(&c, (size_t)n, sizeof(int32_t));
        ds->T = carve(&c, (size_t)outputs(net) * n, sizeof(double));
        ds->perm = carve(&c, (size_t)n, sizeof(int32_t));
        if (pass == 0) {
            c.base = calloc(1, c.used);
            if (!c.base)
                return MLP_E_NOMEM;
            c.used = 0;
        }
    }
    ds->block = c.base;
    return MLP_OK;
}

/* Makes room for n points (data and the training workspace). Keeps the old
   buffers when they are large enough, so pointers handed out stay valid, and
   on failure leaves everything as it was. */
static int reserve_points(mlp *net, int n, mlp_error *err)
{
    dataset ds;
    workspace train;
    if (n <= net->cap_n)
        return MLP_OK;
    if (dataset_alloc(&ds, net, n) != MLP_OK)
        return fail(err, MLP_E_NOMEM, "out of memory for %d points", n);
    if (workspace_alloc(&train, net, n, 1) != MLP_OK) {
        free(ds.block);
        return fail(err, MLP_E_NOMEM, "out of memory for %d points", n);
    }
    free(net->data.block);
    free(net->train.block);
    net->data = ds;
    net->train = train;
    net->cap_n = n;
    return MLP_OK;
}

static int check_points(int n, const char *field, int max, mlp_error *err)
{
    if (n < 1 || n > max)
        return fail(err, MLP_E_ARG, "%s must be from 1 to %d, got %d", field, max, n);
    return MLP_OK;
}

static void data_changed(mlp *net, int n)
{
    int i;
    net->n = n;
    for (i = 0; i < n; i++)
        net->data.perm[i] = i;
    reset_iteration(net);
}

int mlp_data_quadrants(mlp *net, int n, double noise, mlp_error *err)
{
    static const double cx[4] = {1, -1, -1, 1}, cy[4] = {1, 1, -1, -1};
    rng_state r;
    int i;
    if (!net)
        return fail(err, MLP_E_ARG, "network must not be NULL");
    if (inputs(net) != 2 || outputs(net) != 4 || net->desc.output != MLP_OUT_SOFTMAX)
        return fail(err, MLP_E_ARG,
                    "dataset 'quadrants' needs layers [2, ..., 4] with a softmax output");
    if (check_points(n, "points", MLP_MAX_POINTS, err) != MLP_OK)
        return MLP_E_ARG;
    if (!(noise >= 0.0 && noise <= MLP_MAX_NOISE))
        return fail(err, MLP_E_ARG, "noise must be a number from 0 to %g, got %g",
                    MLP_MAX_NOISE, noise);
    if (reserve_points(net, n, err) != MLP_OK)
        return MLP_E_NOMEM;
    rng_seed(&r, (uint64_t)net->desc.seed ^ DATA_STREAM);
    for (i = 0; i < n; i++) {
        int k = i % 4;                           /* balanced classes, interleaved */
        net->data.labels[i] = k;
        net->data.X[i] = cx[k] + noise * rng_normal(&r);        /* row 0: x */
        net->data.X[n + i] = cy[k] + noise * rng_normal(&r);    /* row 1: y */
    }
    data_changed(net, n);
    return ok(err);
}

int mlp_set_data(mlp *net, int n, const double *x, const int32_t *labels,
                 const double *targets, mlp_error *err)
{
    int i, k, d, K;
    if (!net)
        return fail(err, MLP_E_ARG, "network must not be NULL");
    d = inputs(net);
    K = outputs(net);
    if (check_points(n, "number of points", MLP_MAX_POINTS, err) != MLP_OK)
        return MLP_E_ARG;
    if (!x)
        return fail(err, MLP_E_ARG, "x must hold %d values (points x inputs)", n * d);
    for (i = 0; i < n * d; i++)
        if (!(fabs(x[i]) <= MLP_MAX_INPUT))
            return fail(err, MLP_E_ARG, "x[%d] must be a finite number in [-%g, %g], got %g",
                        i, MLP_MAX_INPUT, MLP_MAX_INPUT, x[i]);
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        if (!labels)
            return fail(err, MLP_E_ARG, "y must hold %d labels", n);
        for (i = 0; i < n; i++)
            if (labels[i] < 0 || labels[i] >= K)
                return fail(err, MLP_E_ARG, "y[%d] must be a class from 0 to %d, got %d",
                            i, K - 1, (int)labels[i]);
    } else {
        if (!targets)
            return fail(err, MLP_E_ARG, "y must hold %d target values (points x outputs)", n * K);
        for (i = 0; i < n * K; i++)
            if (!(fabs(targets[i]) <= MLP_MAX_INPUT))
                return fail(err, MLP_E_ARG, "y[%d] must be a finite number in [-%g, %g], got %g",
                            i, MLP_MAX_INPUT, MLP_MAX_INPUT, targets[i]);
    }
    if (reserve_points(net, n, err) != MLP_OK)
        return MLP_E_NOMEM;
    for (i = 0; i < n; i++) {                    /* (n x d) row-major -> (d x n) */
        for (k = 0; k < d; k++)
            net->data.X[(long)k * n + i] = x[i * d + k];
        if (net->desc.output == MLP_OUT_SOFTMAX)
            net->data.labels[i] = labels[i];
        else
            for (k = 0; k < K; k++)
                net->data.T[(long)k * n + i] = targets[i * K + k];
    }
    data_changed(net, n);
    return ok(err);
}

/* ---- one iteration, phase by phase ---------------------------------------- */

/* Copies the columns listed in w->index[0..m) into w's input, labels, targets. */
static void gather(workspace *w, const mlp *net, int m)
{
    int k, q, d = inputs(net), K = outputs(net);
    for (k = 0; k < d; k++)
        for (q = 0; q < m; q++)
            w->act[0][(long)k * m + q] = net->data.X[(long)k * net->n + w->index[q]];
    for (q = 0; q < m; q++)
        w->labels[q] = net->data.labels[w->index[q]];
    if (net->desc.output == MLP_OUT_LINEAR)
        for (k = 0; k < K; k++)
            for (q = 0; q < m; q++)
                w->targets[(long)k * m + q] = net->data.T[(long)k * net->n + w->index[q]];
}

/* Chooses the batch of a new iteration: all points in order (full batch, as
   the seed), or the next slice of a permutation drawn afresh each epoch. */
static void begin_iteration(mlp *net)
{
    int b = net->desc.batch_size, q, start;
    if (b <= 0 || b >= net->n) {
        net->batches = 1;
        net->m = net->n;
        start = 0;
    } else {
        net->batches = (net->n + b - 1) / b;
        if (net->batch_no == 0) {                /* Fisher-Yates shuffle */
            int i;
            for (i = net->n - 1; i > 0; i--) {
                int j = (int)rng_below(&net->rng, (uint32_t)(i + 1));
                int32_t t = net->data.perm[i];
                net->data.perm[i] = net->data.perm[j];
                net->data.perm[j] = t;
            }
        }
        start = net->batch_no * b;
        net->m = net->n - start < b ? net->n - start : b;
    }
    for (q = 0; q < net->m; q++)
        net->train.index[q] = net->data.perm[start + q];
    gather(&net->train, net, net->m);
}

/* Forward through weight layer l on m columns of w: hidden layers apply the
   activation; the last layer writes the logits and then the outputs. */
static void forward_layer(const mlp *net, workspace *w, int l, int m)
{
    int fan_in = net->desc.sizes[l - 1], fan_out = net->desc.sizes[l];
    const double *W = net->params + net->off[l];
    const double *b = W + fan_in * fan_out;
    if (l < net->L) {
        /* @code-begin hidden-forward */
        dense_forward(w->act[l], w->act[l - 1], W, b, fan_in, fan_out, m);
        activation_forward(w->act[l], fan_out * m, net->desc.activation);
        /* @code-end hidden-forward */
    } else {
        /* @code-begin output-scores */
        dense_forward(w->logits, w->act[l - 1], W, b, fan_in, fan_out, m);
        /* @code-end output-scores */
    }
}

static void output_forward(const mlp *net, workspace *w, int m, int want_lse)
{
    int K = outputs(net);
    if (net->desc.output == MLP_OUT_SOFTMAX)
        softmax_forward(w->act[net->L], want_lse ? w->lse : NULL, w->work, w->logits, K, m);
    else
        memcpy(w->act[net->L], w->logits, (size_t)K * m * sizeof(double));
}

static double batch_loss(const mlp *net, const workspace *w, int m)
{
    int K = outputs(net);
    if (net->desc.output == MLP_OUT_SOFTMAX)
        return cross_entropy_loss(w->logits, w->lse, w->labels, K, m);
    return mse_loss(w->act[net->L], w->targets, K, m);
}

/* Gradients of layer l's W and b from delta_l and the layer's input. */
static void layer_grads(mlp *net, int l)
{
    int fan_in = net->desc.sizes[l - 1], fan_out = net->desc.sizes[l];
    double *dW = net->grads + net->off[l];
    dense_backward(dW, dW + fan_in * fan_out, NULL, net->train.delta[l],
                   net->train.act[l - 1], NULL, fan_in, fan_out, net->m);
}

static void output_error(mlp *net)
{
    workspace *w = &net->train;
    int K = outputs(net), L = net->L;
    if (net->desc.output == MLP_OUT_SOFTMAX)
        softmax_xent_backward(w->delta[L], w->act[L], w->labels, K, net->m);
    else
        mse_backward(w->delta[L], w->act[L], w->targets, K, net->m);
    layer_grads(net, L);
}

/* delta_l = (delta_{l+1} W_{l+1}^T) * act'(a_l), then layer l's gradients. */
static void backward_layer(mlp *net, int l)
{
    workspace *w = &net->train;
    int units = net->desc.sizes[l], next = net->desc.sizes[l + 1];
    const double *W_next = net->params + net->off[l + 1];
    /* @code-begin backprop-hidden */
    dense_backward(NULL, NULL, w->delta[l], w->delta[l + 1], w->act[l], W_next,
                   units, next, net->m);
    activation_backward(w->delta[l], w->act[l], units * net->m, net->desc.activation);
    /* @code-end backprop-hidden */
    layer_grads(net, l);
}

/* Applies the update unless it would leave a parameter non-finite or beyond
   MLP_PARAM_LIMIT: then the run is marked diverged and keeps its last good
   parameters, so nothing downstream ever draws NaN. */
static void update(mlp *net)
{
    const double lr = net->desc.learning_rate;
    double *p = net->params;
    const double *g = net->grads;
    int k, n = net->n_params;
    for (k = 0; k < n; k++) {
        double v = p[k] - lr * g[k];
        if (!(fabs(v) <= MLP_PARAM_LIMIT)) {
            net->diverged = 1;
            return;
        }
    }
    /* @code-begin update */
    for (k = 0; k < n; k++)              /* W -= lr * dW, b -= lr * db, all layers */
        p[k] -= lr * g[k];
    /* @code-end update */
    net->eval_valid = 0;
}

static int need_data(const mlp *net, mlp_error *err)
{
    if (!net)
        return fail(err, MLP_E_ARG, "network must not be NULL");
    if (net->n == 0)
        return fail(err, MLP_E_STATE, "the network has no data: generate a dataset or set data");
    return MLP_OK;
}

/* The phase that follows the one last performed. */
static mlp_phase next_phase(const mlp *net, int *layer)
{
    int L = net->L;
    switch (net->phase) {
    case MLP_PHASE_INIT:
    case MLP_PHASE_UPDATE:
        *layer = 1;
        return L > 1 ? MLP_PHASE_FORWARD : MLP_PHASE_LOGITS;
    case MLP_PHASE_FORWARD:
        *layer = net->phase_layer + 1;
        return *layer < L ? MLP_PHASE_FORWARD : MLP_PHASE_LOGITS;
    case MLP_PHASE_LOGITS:
        *layer = 0;
        return MLP_PHASE_OUTPUT;
    case MLP_PHASE_OUTPUT:
        *layer = 0;
        return MLP_PHASE_LOSS;
    case MLP_PHASE_LOSS:
        *layer = L;
        return MLP_PHASE_OUTPUT_ERROR;
    case MLP_PHASE_OUTPUT_ERROR:
    case MLP_PHASE_BACKWARD:
        *layer = (net->phase == MLP_PHASE_OUTPUT_ERROR ? L : net->phase_layer) - 1;
        return *layer >= 1 ? MLP_PHASE_BACKWARD : MLP_PHASE_UPDATE;
    }
    *layer = 0;
    return MLP_PHASE_INIT;
}

int mlp_phase_advance(mlp *net, mlp_phase *phase_out, int *layer_out, mlp_error *err)
{
    mlp_phase ph;
    int l;
    int status = need_data(net, err);
    if (status != MLP_OK)
        return status;
    if (!net->diverged) {
        ph = next_phase(net, &l);
        switch (ph) {
        case MLP_PHASE_FORWARD:
        case MLP_PHASE_LOGITS:
            if (l == 1)
                begin_iteration(net);
            forward_layer(net, &net->train, l, net->m);
            break;
        case MLP_PHASE_OUTPUT:
            output_forward(net, &net->train, net->m, 1);
            break;
        case MLP_PHASE_LOSS:
            net->batch_loss = batch_loss(net, &net->train, net->m);
            net->epoch_loss_sum += net->batch_loss * net->m;
            if (!isfinite(net->batch_loss))
                net->diverged = 1;
            break;
        case MLP_PHASE_OUTPUT_ERROR:
            output_error(net);
            break;
        case MLP_PHASE_BACKWARD:
            backward_layer(net, l);
            break;
        case MLP_PHASE_UPDATE:
            update(net);
            if (net->diverged)
                break;
            if (++net->batch_no >= net->batches) {
                /* The epoch's training loss, as the seed records it: full
                   batch, the loss before this update; mini-batch, the mean
                   of the batch losses over the epoch. */
                net->epoch_loss = net->batches == 1 ? net->batch_loss
                                                    : net->epoch_loss_sum / net->n;
                net->epoch_loss_sum = 0.0;
                net->batch_no = 0;
                net->epoch++;
            }
            break;
        case MLP_PHASE_INIT:
            break;
        }
        if (!net->diverged) {
            net->phase = ph;
            net->phase_layer = l;
        }
    }
    if (phase_out)
        *phase_out = net->phase;
    if (layer_out)
        *layer_out = net->phase_layer;
    return ok(err);
}

int mlp_step(mlp *net, int epochs, mlp_error *err)
{
    return mlp_step_losses(net, epochs, NULL, err);
}

int mlp_step_losses(mlp *net, int epochs, double *losses, mlp_error *err)
{
    long target, first;
    int status = need_data(net, err);
    if (status != MLP_OK)
        return status;
    if (epochs < 1 || epochs > MLP_MAX_STEP_EPOCHS)
        return fail(err, MLP_E_ARG, "epochs must be from 1 to %d, got %d",
                    MLP_MAX_STEP_EPOCHS, epochs);
    /* Running phase by phase is what makes a cycle of mlp_phase_advance
       bit-identical to a step; the dispatch costs nothing next to the layers. */
    first = net->epoch;
    target = first + epochs;
    while (net->epoch < target && !net->diverged) {
        long before = net->epoch;
        mlp_phase_advance(net, NULL, NULL, NULL);
        if (losses && net->epoch != before)
            losses[before - first] = net->epoch_loss;
    }
    return ok(err);
}

/* ---- evaluation and prediction, in blocks, on the evaluation workspace ----- */

/* Forward pass over the m columns already in w->act[0]. */
static void forward_all(const mlp *net, workspace *w, int m, int want_lse)
{
    int l;
    for (l = 1; l <= net->L; l++)
        forward_layer(net, w, l, m);
    output_forward(net, w, m, want_lse);
}

static void evaluate(mlp *net)
{
    workspace *w = &net->eval;
    int K = outputs(net), start, q, k;
    double loss_sum = 0.0;
    long correct = 0;
    if (net->eval_valid)
        return;
    for (start = 0; start < net->n; start += EVAL_BLOCK) {
        int m = net->n - start < EVAL_BLOCK ? net->n - start : EVAL_BLOCK;
        const double *P = w->act[net->L];
        for (q = 0; q < m; q++)
            w->index[q] = start + q;
        gather(w, net, m);
        forward_all(net, w, m, 1);
        loss_sum += batch_loss(net, w, m) * m;
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
        return fail(err, MLP_E_ARG, "network must not be NULL");
    w = &net->eval;
    if (check_points(n, "number of points", MLP_MAX_PREDICT_POINTS, err) != MLP_OK)
        return MLP_E_ARG;
    if (!x || !out)
        return fail(err, MLP_E_ARG, "points and output must not be NULL");
    d = inputs(net);
    K = outputs(net);
    for (q = 0; q < n * d; q++)
        if (!(fabs(x[q]) <= MLP_MAX_INPUT))
            return fail(err, MLP_E_ARG, "points[%d] must be a finite number in [-%g, %g], got %g",
                        q, MLP_MAX_INPUT, MLP_MAX_INPUT, x[q]);
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
    return ok(err);
}

int mlp_predict_grid(mlp *net, double x_min, double x_max, double y_min, double y_max,
                     int width, int height, float *out, mlp_error *err)
{
    workspace *w;
    long total, start;
    int K, q, k;
    double dx, dy;
    if (!net)
        return fail(err, MLP_E_ARG, "network must not be NULL");
    w = &net->eval;
    if (inputs(net) != 2)
        return fail(err, MLP_E_ARG, "predictGrid needs a network with 2 inputs, this has %d",
                    inputs(net));
    if (width < 1 || width > MLP_MAX_GRID_SIDE)
        return fail(err, MLP_E_ARG, "width must be from 1 to %d, got %d", MLP_MAX_GRID_SIDE, width);
    if (height < 1 || height > MLP_MAX_GRID_SIDE)
        return fail(err, MLP_E_ARG, "height must be from 1 to %d, got %d", MLP_MAX_GRID_SIDE,
                    height);
    if ((long)width * height > MLP_MAX_GRID_PIXELS)
        return fail(err, MLP_E_ARG, "width*height must be at most %d, got %ld",
                    MLP_MAX_GRID_PIXELS, (long)width * height);
    /* Bounded like the data, so the pixel spacing and the forward pass stay finite. */
    if (!(fabs(x_min) <= MLP_MAX_INPUT && fabs(x_max) <= MLP_MAX_INPUT && x_min < x_max))
        return fail(err, MLP_E_ARG,
                    "xMin and xMax must be numbers in [-%g, %g] with xMin < xMax, got %g, %g",
                    MLP_MAX_INPUT, MLP_MAX_INPUT, x_min, x_max);
    if (!(fabs(y_min) <= MLP_MAX_INPUT && fabs(y_max) <= MLP_MAX_INPUT && y_min < y_max))
        return fail(err, MLP_E_ARG,
                    "yMin and yMax must be numbers in [-%g, %g] with yMin < yMax, got %g, %g",
                    MLP_MAX_INPUT, MLP_MAX_INPUT, y_min, y_max);
    if (!out)
        return fail(err, MLP_E_ARG, "output must not be NULL");
    K = outputs(net);
    dx = (x_max - x_min) / width;
    dy = (y_max - y_min) / height;
    total = (long)width * height;
    for (start = 0; start < total; start += EVAL_BLOCK) {
        int m = total - start < EVAL_BLOCK ? (int)(total - start) : EVAL_BLOCK;
        const double *P = w->act[net->L];
        int r = (int)(start / width), c = (int)(start % width);
        for (q = 0; q < m; q++) {                /* pixel (r, c) -> centre (x, y) */
            w->act[0][q] = x_min + (c + 0.5) * dx;
            w->act[0][m + q] = y_max - (r + 0.5) * dy;
            if (++c == width) {
                c = 0;
                r++;
            }
        }
        forward_all(net, w, m, 0);
        for (k = 0; k < K; k++)
            for (q = 0; q < m; q++)
                out[(start + q) * K + k] = (float)P[(long)k * m + q];
    }
    return ok(err);
}

/* ---- parameters and getters ------------------------------------------------ */

int mlp_set_params(mlp *net, const double *p, int count, mlp_error *err)
{
    int k;
    if (!net)
        return fail(err, MLP_E_ARG, "network must not be NULL");
    if (!p || count != net->n_params)
        return fail(err, MLP_E_ARG, "params must hold exactly %d values, got %d",
                    net->n_params, p ? count : 0);
    for (k = 0; k < count; k++)
        if (!(fabs(p[k]) <= MLP_PARAM_LIMIT))
            return fail(err, MLP_E_ARG, "params[%d] must be a finite number in [-%g, %g], got %g",
                        k, MLP_PARAM_LIMIT, MLP_PARAM_LIMIT, p[k]);
    memcpy(net->params, p, (size_t)count * sizeof(double));
    net->diverged = 0;
    reset_iteration(net);
    return ok(err);
}

int mlp_set_learning_rate(mlp *net, double lr, mlp_error *err)
{
    if (!net)
        return fail(err, MLP_E_ARG, "network must not be NULL");
    if (check_learning_rate(lr, err) != MLP_OK)
        return MLP_E_ARG;
    net->desc.learning_rate = lr;
    return ok(err);
}

int mlp_param_count(const mlp *net) { return net->n_params; }
double *mlp_params(mlp *net) { return net->params; }
double *mlp_grads(mlp *net) { return net->grads; }
int mlp_layer_offset(const mlp *net, int l)
{
    return (l >= 1 && l <= net->L) ? net->off[l] : -1;
}
const mlp_desc *mlp_get_desc(const mlp *net) { return &net->desc; }
int mlp_n_points(const mlp *net) { return net->n; }
const double *mlp_data_x(const mlp *net) { return net->data.X; }
const int32_t *mlp_data_labels(const mlp *net) { return net->data.labels; }
const double *mlp_data_targets(const mlp *net) { return net->data.T; }
long mlp_epoch(const mlp *net) { return net->epoch; }
int mlp_diverged(const mlp *net) { return net->diverged; }
mlp_phase mlp_current_phase(const mlp *net, int *layer)
{
    if (layer)
        *layer = net->phase_layer;
    return net->phase;
}
int mlp_batch_size(const mlp *net) { return net->m; }
const int32_t *mlp_batch_index(const mlp *net) { return net->train.index; }
const double *mlp_activations(const mlp *net, int l)
{
    return (l >= 0 && l <= net->L) ? net->train.act[l] : NULL;
}
const double *mlp_logits(const mlp *net) { return net->train.logits; }
const double *mlp_deltas(const mlp *net, int l)
{
    return (l >= 1 && l <= net->L) ? net->train.delta[l] : NULL;
}
double mlp_batch_loss(const mlp *net) { return net->batch_loss; }

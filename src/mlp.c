/* mlp.c: the network itself: validation of its description, the one
   allocation per buffer group, initialisation, parameters and getters.
   data.c holds the data, train.c the phases of an iteration, predict.c
   evaluation and prediction; the arithmetic lives in layers.c. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mlp_internal.h"

static const char *const status_names[] = {
#define MLP__STATUS_NAME(name, code, text) text,
    MLP_STATUS_LIST(MLP__STATUS_NAME)
#undef MLP__STATUS_NAME
};

const char *mlp_status_name(int code)
{
    int n = (int)(sizeof status_names / sizeof status_names[0]);
    /* code > -n, not -code < n: negating INT_MIN would overflow. */
    return (code <= 0 && code > -n) ? status_names[-code] : "unknown status";
}

int mlp__fail(mlp_error *err, mlp_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        mlp__vformat(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

int mlp__ok(mlp_error *err)
{
    if (err) {
        err->code = MLP_OK;
        err->msg[0] = '\0';
    }
    return MLP_OK;
}

int mlp__fail_index(mlp_error *err, int id, const char *array, long i, double v)
{
    char field[48];
    mlp__format(field, sizeof field, "%s[%ld]", array, i);
    return mlp_limit_fail(err, id, field, v);
}

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
    d->beta1 = 0.9;        /* net-core: used only once an optimiser asks for them */
    d->beta2 = 0.999;
    d->epsilon = 1e-8;
}

static int check_learning_rate(double lr, mlp_error *err)
{
    if (!mlp_limit_ok(MLP_LIMIT_LEARNING_RATE, lr)) /* also rejects NaN */
        return mlp_limit_fail(err, MLP_LIMIT_LEARNING_RATE, NULL, lr);
    return MLP_OK;
}

/* Checks sizes[i] against limit `id`, naming it "layers[i] (what)". */
static int check_size(const mlp_desc *d, int i, int id, const char *what, mlp_error *err)
{
    char field[48];
    if (mlp_limit_ok(id, d->sizes[i]))
        return MLP_OK;
    mlp__format(field, sizeof field, "layers[%d] (%s)", i, what);
    return mlp_limit_fail(err, id, field, d->sizes[i]);
}

int mlp__check_desc(const mlp_desc *d, mlp_error *err)
{
    int l, last;
    /* In double: n_sizes - 2 on INT_MIN would overflow. */
    if (!mlp_limit_ok(MLP_LIMIT_HIDDEN_LAYERS, d->n_sizes - 2.0))
        return mlp_limit_fail(err, MLP_LIMIT_HIDDEN_LAYERS, "hidden layers (layers.length - 2)",
                              d->n_sizes - 2.0);
    last = d->n_sizes - 1;
    if (check_size(d, 0, MLP_LIMIT_INPUTS, "inputs", err) != MLP_OK)
        return MLP_E_ARG;
    for (l = 1; l < last; l++)
        if (check_size(d, l, MLP_LIMIT_UNITS, "hidden units", err) != MLP_OK)
            return MLP_E_ARG;
    if ((unsigned)d->output > MLP_OUT_LINEAR)
        return mlp__fail(err, MLP_E_ARG, "output must be softmax (0) or linear (1), got %d",
                    (int)d->output);
    if (d->output == MLP_OUT_SOFTMAX ? check_size(d, last, MLP_LIMIT_CLASSES, "classes", err)
                                     : check_size(d, last, MLP_LIMIT_OUTPUTS, "outputs", err))
        return MLP_E_ARG;
    if ((unsigned)d->activation > MLP_LINEAR)
        return mlp__fail(err, MLP_E_ARG,
                    "activation must be sigmoid (0), tanh (1), relu (2) or linear (3), got %d",
                    (int)d->activation);
    if ((unsigned)d->init > MLP_INIT_HE)
        return mlp__fail(err, MLP_E_ARG, "init must be seed (0), glorot (1) or he (2), got %d",
                    (int)d->init);
    if (!mlp_limit_ok(MLP_LIMIT_BATCH_SIZE, d->batch_size))
        return mlp_limit_fail(err, MLP_LIMIT_BATCH_SIZE, NULL, d->batch_size);
    if (mlp__check_features(d, err) != MLP_OK || mlp__check_optim(d, err) != MLP_OK)
        return MLP_E_ARG;                        /* net-core */
    return check_learning_rate(d->learning_rate, err);
}

/* Lays out (or, with c->base NULL, measures) a workspace of cap columns. */
static void workspace_carve(workspace *w, carver *c, const mlp *net, int cap, int training)
{
    int l, K = mlp__outputs(net);
    w->cap = cap;
    for (l = 0; l <= net->L; l++)
        w->act[l] = mlp__carve(c, (size_t)net->desc.sizes[l] * cap, sizeof(double));
    for (l = 1; l <= net->L; l++)
        w->delta[l] = training ? mlp__carve(c, (size_t)net->desc.sizes[l] * cap, sizeof(double)) : NULL;
    w->logits = mlp__carve(c, (size_t)K * cap, sizeof(double));
    w->lse = mlp__carve(c, (size_t)cap, sizeof(double));
    w->work = mlp__carve(c, (size_t)2 * cap, sizeof(double));
    w->labels = mlp__carve(c, (size_t)cap, sizeof(int32_t));
    w->targets = mlp__carve(c, (size_t)K * cap, sizeof(double));
    w->index = mlp__carve(c, (size_t)cap, sizeof(int32_t));
    w->raw = net->desc.features ? mlp__carve(c, (size_t)2 * cap, sizeof(double)) : w->act[0];
}

int mlp__workspace_alloc(workspace *w, const mlp *net, int cap, int training)
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
        mlp__layer_view v = mlp__layer(net, l);  /* W_l (fan_in x fan_out), b_l */
        double scale = 0.3;                      /* the seed: randn(...) * 0.3 */
        if (net->desc.init == MLP_INIT_GLOROT)
            scale = sqrt(2.0 / (v.fan_in + v.fan_out));
        else if (net->desc.init == MLP_INIT_HE)
            scale = sqrt(2.0 / v.fan_in);
        for (k = 0; k < v.fan_in * v.fan_out; k++)
            v.W[k] = rng_normal(&net->rng) * scale;
        for (k = 0; k < v.fan_out; k++)
            v.b[k] = 0.0;
    }
}
/* @code-end init-weights */

void mlp__reset_iteration(mlp *net)
{
    net->phase = MLP_PHASE_INIT;
    net->phase_layer = 0;
    net->batch_no = 0;
    net->m = 0;
    net->batch_loss = NAN;
    net->epoch_loss_sum = 0.0;
    net->epoch_loss = NAN;
    mlp__params_changed(net);
    net->perm_drawn = 0;
}

mlp *mlp_create(const mlp_desc *d, mlp_error *err)
{
    mlp *net;
    int l;
    if (!d) {
        mlp__fail(err, MLP_E_ARG, "desc must not be NULL");
        return NULL;
    }
    if (mlp__check_desc(d, err) != MLP_OK)
        return NULL;
    net = calloc(1, sizeof *net);
    if (!net) {
        mlp__fail(err, MLP_E_NOMEM, "out of memory creating the network");
        return NULL;
    }
    net->desc = *d;
    net->L = d->n_sizes - 1;
    for (l = 1; l <= net->L; l++) {
        net->off[l] = net->n_params;
        net->n_params += (d->sizes[l - 1] + 1) * d->sizes[l];
    }
    /* params, grads, then (net-core) the optimiser's m and v: one block */
    net->params = calloc((size_t)4 * net->n_params, sizeof(double));
    if (!net->params || mlp__workspace_alloc(&net->eval, net, EVAL_BLOCK, 0) != MLP_OK) {
        mlp_destroy(net);
        mlp__fail(err, MLP_E_NOMEM, "out of memory creating the network");
        return NULL;
    }
    net->grads = net->params + net->n_params;
    net->opt_m = net->params + 2 * net->n_params;
    net->opt_v = net->params + 3 * net->n_params;
    rng_seed(&net->rng, d->seed);
    init_params(net);
    mlp__reset_iteration(net);
    mlp__ok(err);
    return net;
}

void mlp_destroy(mlp *net)
{
    if (!net)
        return;
    free(net->params);
    free(net->data.block);
    free(net->test.block);
    free(net->train.block);
    free(net->eval.block);
    free(net);
}

/* ---- parameters and getters ------------------------------------------------ */

int mlp_set_params(mlp *net, const double *p, int count, mlp_error *err)
{
    int k;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (!p || count != net->n_params)
        return mlp__fail(err, MLP_E_ARG, "params must hold exactly %d values, got %d",
                    net->n_params, p ? count : 0);
    for (k = 0; k < count; k++)
        if (!mlp_limit_ok(MLP_LIMIT_PARAM, p[k]))
            return mlp__fail_index(err, MLP_LIMIT_PARAM, "params", k, p[k]);
    memcpy(net->params, p, (size_t)count * sizeof(double));
    net->diverged = 0;
    mlp__reset_iteration(net);
    return mlp__ok(err);
}

int mlp_set_learning_rate(mlp *net, double lr, mlp_error *err)
{
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (check_learning_rate(lr, err) != MLP_OK)
        return MLP_E_ARG;
    net->desc.learning_rate = lr;
    return mlp__ok(err);
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
int mlp_n_test_points(const mlp *net) { return net->n_test; }
const double *mlp_test_x(const mlp *net) { return net->test.X; }
const int32_t *mlp_test_labels(const mlp *net) { return net->test.labels; }
const double *mlp_test_targets(const mlp *net) { return net->test.T; }
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

/* train.c: one training iteration, phase by phase, and whole epochs made of
   those phases, so that stepping phases and stepping epochs cannot differ.
   Lines between "@code-begin NAME" and "@code-end NAME" are shown on the page. */
#include <math.h>
#include <string.h>

#include "layers.h"
#include "mlp_internal.h"

/* ---- one iteration, phase by phase ---------------------------------------- */

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
        /* perm_drawn: a state restored part-way through an epoch's first
           iteration already holds that epoch's shuffle (net-core). */
        if (net->batch_no == 0 && !net->perm_drawn) {  /* Fisher-Yates shuffle */
            int i;
            for (i = net->n - 1; i > 0; i--) {
                int j = (int)rng_below(&net->rng, (uint32_t)(i + 1));
                int32_t t = net->data.perm[i];
                net->data.perm[i] = net->data.perm[j];
                net->data.perm[j] = t;
            }
            net->perm_drawn = 1;
        }
        start = net->batch_no * b;
        net->m = net->n - start < b ? net->n - start : b;
    }
    for (q = 0; q < net->m; q++)
        net->train.index[q] = net->data.perm[start + q];
    mlp__gather(&net->train, net, &net->data, net->n, net->m);
    mlp__features_forward(net, &net->train, net->m);
}

/* Forward through weight layer l on m columns of w: hidden layers apply the
   activation; the last layer writes the logits and then the outputs. */
void mlp__forward_layer(const mlp *net, workspace *w, int l, int m)
{
    mlp__layer_view v = mlp__layer(net, l);
    if (l < net->L) {
        /* @code-begin hidden-forward */
        dense_forward(w->act[l], w->act[l - 1], v.W, v.b, v.fan_in, v.fan_out, m);
        activation_forward(w->act[l], v.fan_out * m, net->desc.activation);
        /* @code-end hidden-forward */
    } else {
        /* @code-begin output-scores */
        dense_forward(w->logits, w->act[l - 1], v.W, v.b, v.fan_in, v.fan_out, m);
        /* @code-end output-scores */
    }
}

void mlp__output_forward(const mlp *net, workspace *w, int m, int want_lse)
{
    int K = mlp__outputs(net);
    if (net->desc.output == MLP_OUT_SOFTMAX)
        softmax_forward(w->act[net->L], want_lse ? w->lse : NULL, w->work, w->logits, K, m);
    else
        memcpy(w->act[net->L], w->logits, (size_t)K * m * sizeof(double));
}

double mlp__batch_loss(const mlp *net, const workspace *w, int m)
{
    int K = mlp__outputs(net);
    if (net->desc.output == MLP_OUT_SOFTMAX)
        return cross_entropy_loss(w->logits, w->lse, w->labels, K, m);
    return mse_loss(w->act[net->L], w->targets, K, m);
}

/* Gradients of layer l's W and b from delta_l and the layer's input. */
static void layer_grads(mlp *net, int l)
{
    mlp__layer_view v = mlp__layer(net, l);
    dense_backward(v.dW, v.db, NULL, net->train.delta[l], net->train.act[l - 1], NULL,
                   v.fan_in, v.fan_out, net->m);
    mlp__regularize(net, l);             /* dW += the penalty's gradient, if any */
}

static void output_error(mlp *net)
{
    workspace *w = &net->train;
    int K = mlp__outputs(net), L = net->L;
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
    mlp__layer_view next = mlp__layer(net, l + 1);   /* W_{l+1}: (units_l x units_{l+1}) */
    /* @code-begin backprop-hidden */
    dense_backward(NULL, NULL, w->delta[l], w->delta[l + 1], w->act[l], next.W,
                   next.fan_in, next.fan_out, net->m);
    activation_backward(w->delta[l], w->act[l], next.fan_in * net->m, net->desc.activation);
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
    if (net->desc.optimizer != MLP_OPT_SGD) {   /* momentum, adam: optim.c */
        mlp__update_moments(net);
        return;
    }
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
    mlp__params_changed(net);
}

int mlp__need_data(const mlp *net, mlp_error *err)
{
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (net->n == 0)
        return mlp__fail(err, MLP_E_STATE, "the network has no data: generate a dataset or set data");
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

/* After a batch's update: its share of the epoch's loss, and the end of the
   epoch when it was the last batch. */
static void batch_done(mlp *net)
{
    /* Summed here, not in LOSS, so that until UPDATE the iteration has
       changed nothing a saved state records (state.c). */
    net->epoch_loss_sum += net->batch_loss * net->m;
    if (++net->batch_no >= net->batches) {
        /* The epoch's training loss, as the seed records it: full batch, the
           loss before this update; mini-batch, the mean of the batch losses
           over the epoch. */
        net->epoch_loss = net->batches == 1 ? net->batch_loss : net->epoch_loss_sum / net->n;
        net->epoch_loss_sum = 0.0;
        net->batch_no = 0;
        net->perm_drawn = 0;
        net->epoch++;
    }
}

int mlp_phase_advance(mlp *net, mlp_phase *phase_out, int *layer_out, mlp_error *err)
{
    mlp_phase ph;
    int l;
    int status = mlp__need_data(net, err);
    if (status != MLP_OK)
        return status;
    if (!net->diverged) {
        ph = next_phase(net, &l);
        switch (ph) {
        case MLP_PHASE_FORWARD:
        case MLP_PHASE_LOGITS:
            if (l == 1)
                begin_iteration(net);
            mlp__forward_layer(net, &net->train, l, net->m);
            break;
        case MLP_PHASE_OUTPUT:
            mlp__output_forward(net, &net->train, net->m, 1);
            break;
        case MLP_PHASE_LOSS:
            net->batch_loss = mlp__batch_loss(net, &net->train, net->m);
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
            if (!net->diverged)
                batch_done(net);
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
    return mlp__ok(err);
}

int mlp_step(mlp *net, int epochs, mlp_error *err)
{
    return mlp_step_losses(net, epochs, NULL, err);
}

int mlp_step_losses(mlp *net, int epochs, double *losses, mlp_error *err)
{
    return mlp_step_record(net, epochs, losses, NULL, err);
}

/* True when the next phase begins the first batch of an epoch, whose
   parameters are the ones the epoch's training loss is computed at. */
static int at_epoch_start(const mlp *net)
{
    return net->batch_no == 0 &&
           (net->phase == MLP_PHASE_INIT || net->phase == MLP_PHASE_UPDATE);
}

int mlp_step_record(mlp *net, int epochs, double *losses, double *test_losses,
                    mlp_error *err)
{
    return mlp_step_phases(net, epochs, 0, losses, test_losses, err);
}

int mlp_epoch_under_way(const mlp *net)
{
    return net && !at_epoch_start(net);
}

int mlp_phases_per_epoch(const mlp *net)
{
    /* Per batch: forward through layers 1..L-1, logits, output, loss, output
       error, backward through layers L-1..1, update (next_phase's cycle);
       batches as begin_iteration counts them. */
    int b, batches;
    if (!net)
        return 0;
    b = net->desc.batch_size;
    batches = (b <= 0 || b >= net->n) ? 1 : (net->n + b - 1) / b;
    return (2 * net->L + 3) * batches;
}

int mlp_step_phases(mlp *net, int epochs, long max_phases, double *losses,
                    double *test_losses, mlp_error *err)
{
    long target, first, phases = 0;
    double test_loss = NAN;
    int status = mlp__need_data(net, err);
    if (status != MLP_OK)
        return status;
    if (!mlp_limit_ok(MLP_LIMIT_EPOCHS, epochs))
        return mlp_limit_fail(err, MLP_LIMIT_EPOCHS, NULL, epochs);
    if (max_phases < 0)
        return mlp__fail(err, MLP_E_ARG, "max_phases must be 0 (no limit) or more, got %ld", max_phases);
    /* Running phase by phase is what makes a cycle of mlp_phase_advance
       bit-identical to a step, and lets a call stop part-way through an
       epoch (max_phases) that a later call finishes; the dispatch costs
       nothing next to the layers. */
    first = net->epoch;
    target = first + epochs;
    if (test_losses)    /* an epoch under way: the parameters as this call begins */
        test_loss = mlp_test_loss(net);
    while (net->epoch < target && !net->diverged && (max_phases == 0 || phases < max_phases)) {
        long before = net->epoch;
        /* Test loss at the parameters this epoch's training loss will be
           computed at; it reads the evaluation workspace only, so training
           is bit-identical with or without it. */
        if (test_losses && at_epoch_start(net))
            test_loss = mlp_test_loss(net);
        mlp_phase_advance(net, NULL, NULL, NULL);
        phases++;
        if (net->epoch != before) {
            if (losses)
                losses[before - first] = net->epoch_loss;
            if (test_losses)
                test_losses[before - first] = test_loss;
        }
    }
    return mlp__ok(err);
}

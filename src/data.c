/* data.c: the training data: the quadrants set, user data, and the copies
   of a batch's columns into a workspace. */
#include <math.h>
#include <stdlib.h>

#include "mlp_internal.h"

/* The data generator gets its own stream so the data set depends only on the
   seed, not on the architecture (whose initialisation draws a different count). */
#define DATA_STREAM 0x5851F42D4C957F2DULL

/* Copies the columns listed in w->index[0..m) into w's input, labels, targets. */
void mlp__gather(workspace *w, const mlp *net, int m)
{
    int k, q, d = mlp__inputs(net), K = mlp__outputs(net);
    for (k = 0; k < d; k++)
        for (q = 0; q < m; q++)
            w->raw[(long)k * m + q] = net->data.X[(long)k * net->n + w->index[q]];
    for (q = 0; q < m; q++)
        w->labels[q] = net->data.labels[w->index[q]];
    if (net->desc.output == MLP_OUT_LINEAR)
        for (k = 0; k < K; k++)
            for (q = 0; q < m; q++)
                w->targets[(long)k * m + q] = net->data.T[(long)k * net->n + w->index[q]];
}

/* The data set, (re)allocated as one block when it grows. */
static int dataset_alloc(dataset *ds, const mlp *net, int n)
{
    int pass;
    carver c = {NULL, 0};
    for (pass = 0; pass < 2; pass++) {           /* measure, then hand out */
        ds->X = mlp__carve(&c, (size_t)mlp__inputs(net) * n, sizeof(double));
        ds->labels = mlp__carve(&c, (size_t)n, sizeof(int32_t));
        ds->T = mlp__carve(&c, (size_t)mlp__outputs(net) * n, sizeof(double));
        ds->perm = mlp__carve(&c, (size_t)n, sizeof(int32_t));
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
        return mlp__fail(err, MLP_E_NOMEM, "out of memory for %d points", n);
    if (mlp__workspace_alloc(&train, net, n, 1) != MLP_OK) {
        free(ds.block);
        return mlp__fail(err, MLP_E_NOMEM, "out of memory for %d points", n);
    }
    free(net->data.block);
    free(net->train.block);
    net->data = ds;
    net->train = train;
    net->cap_n = n;
    return MLP_OK;
}

int mlp__check_limit(int id, const char *field, double v, mlp_error *err)
{
    return mlp_limit_ok(id, v) ? MLP_OK : mlp_limit_fail(err, id, field, v);
}

static void data_changed(mlp *net, int n)
{
    int i;
    net->n = n;
    for (i = 0; i < n; i++)
        net->data.perm[i] = i;
    mlp__reset_iteration(net);
}

int mlp_data_quadrants(mlp *net, int n, double noise, mlp_error *err)
{
    static const double cx[4] = {1, -1, -1, 1}, cy[4] = {1, 1, -1, -1};
    rng_state r;
    int i;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (mlp__inputs(net) != 2 || mlp__outputs(net) != 4 || net->desc.output != MLP_OUT_SOFTMAX)
        return mlp__fail(err, MLP_E_ARG,
                    "dataset 'quadrants' needs layers [2, ..., 4] with a softmax output");
    if (mlp__check_limit(MLP_LIMIT_POINTS, NULL, n, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_NOISE, NULL, noise, err) != MLP_OK)
        return MLP_E_ARG;
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
    return mlp__ok(err);
}

int mlp_set_data(mlp *net, int n, const double *x, const int32_t *labels,
                 const double *targets, mlp_error *err)
{
    int i, k, d, K;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    d = mlp__inputs(net);
    K = mlp__outputs(net);
    if (mlp__check_limit(MLP_LIMIT_POINTS, "number of points", n, err) != MLP_OK)
        return MLP_E_ARG;
    if (!x)
        return mlp__fail(err, MLP_E_ARG, "x must hold %d values (points x inputs)", n * d);
    for (i = 0; i < n * d; i++)
        if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, x[i]))
            return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "x", i, x[i]);
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        if (!labels)
            return mlp__fail(err, MLP_E_ARG, "y must hold %d labels", n);
        for (i = 0; i < n; i++)
            if (labels[i] < 0 || labels[i] >= K)
                return mlp__fail(err, MLP_E_ARG, "y[%d] must be a class from 0 to %d, got %d",
                            i, K - 1, (int)labels[i]);
    } else {
        if (!targets)
            return mlp__fail(err, MLP_E_ARG, "y must hold %d target values (points x outputs)", n * K);
        for (i = 0; i < n * K; i++)
            if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, targets[i]))
                return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "y", i, targets[i]);
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
    return mlp__ok(err);
}


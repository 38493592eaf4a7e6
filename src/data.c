/* data.c: the training and test data: the quadrants set, user data, single
   points added and removed. The generated datasets are in datasets.c; the
   copy of a batch's columns into a workspace (mlp__gather) in predict.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlp_internal.h"

/* Room for the first point added to a network without data. */
#define FIRST_CAPACITY 16

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
   buffers when they are large enough, so pointers handed out stay valid;
   else copies the current net->n points into the new ones (same layout,
   stride net->n), so that on any later failure the data is still what
   net->n says. On failure leaves everything as it was. */
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
    if (net->n > 0) {
        memcpy(ds.X, net->data.X, sizeof(double) * (size_t)mlp__inputs(net) * net->n);
        memcpy(ds.labels, net->data.labels, sizeof(int32_t) * (size_t)net->n);
        memcpy(ds.T, net->data.T, sizeof(double) * (size_t)mlp__outputs(net) * net->n);
    }
    free(net->data.block);
    free(net->train.block);
    net->data = ds;
    net->train = train;
    net->cap_n = n;
    return MLP_OK;
}

int mlp__reserve_points(mlp *net, int n, mlp_error *err)
{
    return reserve_points(net, n, err);
}

int mlp__reserve_test(mlp *net, int n, mlp_error *err)
{
    dataset ds;
    if (n <= net->cap_test)
        return MLP_OK;
    if (dataset_alloc(&ds, net, n) != MLP_OK)
        return mlp__fail(err, MLP_E_NOMEM, "out of memory for %d test points", n);
    if (net->n_test > 0) {                       /* kept, as reserve_points does */
        memcpy(ds.X, net->test.X, sizeof(double) * (size_t)mlp__inputs(net) * net->n_test);
        memcpy(ds.labels, net->test.labels, sizeof(int32_t) * (size_t)net->n_test);
        memcpy(ds.T, net->test.T, sizeof(double) * (size_t)mlp__outputs(net) * net->n_test);
    }
    free(net->test.block);
    net->test = ds;
    net->cap_test = n;
    return MLP_OK;
}

int mlp__check_limit(int id, const char *field, double v, mlp_error *err)
{
    return mlp_limit_ok(id, v) ? MLP_OK : mlp_limit_fail(err, id, field, v);
}

void mlp__data_changed(mlp *net, int n)
{
    int i;
    net->n = n;
    for (i = 0; i < n; i++)
        net->data.perm[i] = i;
    mlp__reset_iteration(net);
}

/* Forgets the test set (its buffers are kept for the next one). */
static void clear_test(mlp *net)
{
    net->n_test = 0;
    net->test_valid = 0;
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
    rng_seed(&r, (uint64_t)net->desc.seed ^ MLP__DATA_STREAM);
    for (i = 0; i < n; i++) {
        int k = i % 4;                           /* balanced classes, interleaved */
        net->data.labels[i] = k;
        net->data.X[i] = cx[k] + noise * rng_normal(&r);        /* row 0: x */
        net->data.X[n + i] = cy[k] + noise * rng_normal(&r);    /* row 1: y */
    }
    clear_test(net);
    mlp__data_changed(net, n);
    return mlp__ok(err);
}

/* A class label of a softmax network, or a value error naming array[i]. */
static int check_label(const mlp *net, const char *array, int i, int32_t label, mlp_error *err)
{
    int K = mlp__outputs(net);
    if (label >= 0 && label < K)
        return MLP_OK;
    return mlp__fail(err, MLP_E_ARG, "%s[%d] must be a class from 0 to %d, got %d", array, i,
                     K - 1, (int)label);
}

int mlp__check_points(const mlp *net, int n, const double *x, const int32_t *labels,
                      const double *targets, mlp_error *err)
{
    int i, d = mlp__inputs(net), K = mlp__outputs(net);
    if (!x)
        return mlp__fail(err, MLP_E_ARG, "x must hold %d values (points x inputs)", n * d);
    for (i = 0; i < n * d; i++)
        if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, x[i]))
            return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "x", i, x[i]);
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        if (!labels)
            return mlp__fail(err, MLP_E_ARG, "y must hold %d labels", n);
        for (i = 0; i < n; i++)
            if (check_label(net, "y", i, labels[i], err) != MLP_OK)
                return MLP_E_ARG;
    } else {
        if (!targets)
            return mlp__fail(err, MLP_E_ARG, "y must hold %d target values (points x outputs)", n * K);
        for (i = 0; i < n * K; i++)
            if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, targets[i]))
                return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "y", i, targets[i]);
    }
    return MLP_OK;
}

/* Copies n checked points, (n x d) row-major, into ds as (d x n). */
static void copy_points(const mlp *net, dataset *ds, int n, const double *x,
                        const int32_t *labels, const double *targets)
{
    int i, k, d = mlp__inputs(net), K = mlp__outputs(net);
    for (i = 0; i < n; i++) {
        for (k = 0; k < d; k++)
            ds->X[(long)k * n + i] = x[i * d + k];
        if (net->desc.output == MLP_OUT_SOFTMAX)
            ds->labels[i] = labels[i];
        else
            for (k = 0; k < K; k++)
                ds->T[(long)k * n + i] = targets[i * K + k];
    }
}

int mlp_set_data(mlp *net, int n, const double *x, const int32_t *labels,
                 const double *targets, mlp_error *err)
{
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (mlp__check_limit(MLP_LIMIT_POINTS, "number of points", n, err) != MLP_OK ||
        mlp__check_points(net, n, x, labels, targets, err) != MLP_OK)
        return MLP_E_ARG;
    if (reserve_points(net, n, err) != MLP_OK)
        return MLP_E_NOMEM;
    copy_points(net, &net->data, n, x, labels, targets);
    clear_test(net);
    mlp__data_changed(net, n);
    return mlp__ok(err);
}

int mlp_set_test_data(mlp *net, int n, const double *x, const int32_t *labels,
                      const double *targets, mlp_error *err)
{
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (mlp__check_limit(MLP_LIMIT_TEST_POINTS, "number of test points", n, err) != MLP_OK)
        return MLP_E_ARG;
    if (n > 0 && mlp__check_points(net, n, x, labels, targets, err) != MLP_OK)
        return MLP_E_ARG;
    if (mlp__reserve_test(net, n, err) != MLP_OK)
        return MLP_E_NOMEM;
    if (n > 0)
        copy_points(net, &net->test, n, x, labels, targets);
    net->n_test = n;
    net->test_valid = 0;
    return mlp__ok(err);
}

/* ---- editing the training set one point at a time ------------------------- */

static int check_one_point(const mlp *net, const double *x, int32_t label, const double *target,
                           mlp_error *err)
{
    int k, d = mlp__inputs(net), K = mlp__outputs(net);
    if (!x)
        return mlp__fail(err, MLP_E_ARG, "x must hold %d values (inputs)", d);
    for (k = 0; k < d; k++)
        if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, x[k]))
            return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "x", k, x[k]);
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        if (label < 0 || label >= K)
            return mlp__fail(err, MLP_E_ARG, "label must be a class from 0 to %d, got %d",
                             K - 1, (int)label);
        return MLP_OK;
    }
    if (!target)
        return mlp__fail(err, MLP_E_ARG, "target must hold %d values (outputs)", K);
    for (k = 0; k < K; k++)
        if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, target[k]))
            return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "target", k, target[k]);
    return MLP_OK;
}

/* Rows of `rows` x n values, stride n, re-laid with stride n + 1 in place
   (room for it reserved): the last row moves first, so no row is
   overwritten before it has moved. Column n of each row is left for the caller. */
static void widen_rows(double *a, int rows, int n)
{
    int k;
    for (k = rows - 1; k > 0; k--)
        memmove(a + (long)k * (n + 1), a + (long)k * n, sizeof(double) * (size_t)n);
}

int mlp_add_point(mlp *net, const double *x, int32_t label, const double *target,
                  mlp_error *err)
{
    int k, n, cap, d, K;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    n = net->n;
    d = mlp__inputs(net);
    K = mlp__outputs(net);
    if (mlp__check_limit(MLP_LIMIT_POINTS, "points after adding one", n + 1.0, err) != MLP_OK ||
        check_one_point(net, x, label, target, err) != MLP_OK)
        return MLP_E_ARG;
    /* Doubling keeps a run of clicks to O(log n) reallocations. */
    cap = net->cap_n > 0 ? 2 * net->cap_n : FIRST_CAPACITY;
    if (cap > MLP_MAX_POINTS)
        cap = MLP_MAX_POINTS;
    if (n + 1 > net->cap_n && reserve_points(net, cap, err) != MLP_OK)
        return MLP_E_NOMEM;
    widen_rows(net->data.X, d, n);               /* (d x n) -> (d x n+1) */
    for (k = 0; k < d; k++)
        net->data.X[(long)k * (n + 1) + n] = x[k];
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        net->data.labels[n] = label;
    } else {
        widen_rows(net->data.T, K, n);
        for (k = 0; k < K; k++)
            net->data.T[(long)k * (n + 1) + n] = target[k];
    }
    mlp__data_changed(net, n + 1);
    return mlp__ok(err);
}

/* Drops column `index` of rows x n values, stride n -> n - 1, in place: every
   value moves to a lower (or the same) address, so a forward copy is safe. */
static void drop_column(double *a, int rows, int n, int index)
{
    long k, i, j = 0;
    for (k = 0; k < rows; k++)
        for (i = 0; i < n; i++)
            if (i != index)
                a[j++] = a[k * n + i];
}

int mlp_remove_point(mlp *net, int index, mlp_error *err)
{
    int n;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    n = net->n;
    if (n == 0)
        return mlp__fail(err, MLP_E_ARG, "index must be a training point, but there are none");
    if (index < 0 || index >= n)
        return mlp__fail(err, MLP_E_ARG, "index must be an integer from 0 to %d, got %d", n - 1,
                         index);
    drop_column(net->data.X, mlp__inputs(net), n, index);
    if (net->desc.output == MLP_OUT_SOFTMAX)
        memmove(net->data.labels + index, net->data.labels + index + 1,
                sizeof(int32_t) * (size_t)(n - 1 - index));
    else
        drop_column(net->data.T, mlp__outputs(net), n, index);
    mlp__data_changed(net, n - 1);
    return mlp__ok(err);
}

/* ops_read.c: the calls that only read a network (predict, predict_grid, the
   getters) and the number formatting behind every message. Each must leave
   the network exactly as it was, training iteration included. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

volatile double fz_sink_double;

void fz_op_predict(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int D = fz_inputs(&s->desc), K = fz_outputs(&s->desc), i, status;
    int n = fz_int(&st->r, 1, 16, MLP_MAX_PREDICT_POINTS, 0);
    unsigned nulls = fz_u8(&st->r) & 3u;     /* bit 0: points NULL, bit 1: output NULL */
    size_t nv = n >= 1 && n <= 16 ? (size_t)n : 1;
    double *x = malloc(nv * (size_t)D * sizeof(double)), *out = malloc(nv * (size_t)K * sizeof(double));
    int valid = n >= 1 && n <= MLP_MAX_PREDICT_POINTS && !nulls;
    long calls;
    fz_snap b;
    if (!x || !out)
        goto done;
    for (i = 0; i < (int)nv * D; i++) {
        x[i] = fz_f64(&st->r);
        valid &= fz_in(x[i], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    }
    fz_snap_take(&b, net);
    st->call = "mlp_predict";
    calls = fz_alloc_calls;
    status = mlp_predict(net, nulls & 1u ? NULL : x, n, nulls & 2u ? NULL : out, st->errp);
    fz_no_alloc(st, calls);
    fz_status(st, status, valid);
    fz_snap_same(st, &b, net, "predict");
    if (status == MLP_OK)
        fz_outputs_ok(st, net, out, NULL, n);
    fz_snap_free(&b);
done:
    free(x);
    free(out);
}

/* Pixel (r, c) of the grid against mlp_predict at the same centre. The grid
   runs in float32 (grid_f32.c) unless a block leaves float's comfortable
   range, so it agrees with the float64 pass to GRID_TOLERANCE, relative to
   the output's size (probabilities: absolute). */
#define GRID_TOLERANCE 1e-4
static void grid_pixel_agrees(fz_state *st, mlp *net, const double *bx, int w, int h,
                              const float *grid, long pixel)
{
    int K = fz_outputs(mlp_get_desc(net)), k, r = (int)(pixel / w), c = (int)(pixel % w);
    double pt[2], out[8];
    pt[0] = bx[0] + (c + 0.5) * ((bx[1] - bx[0]) / w);
    pt[1] = bx[3] - (r + 0.5) * ((bx[3] - bx[2]) / h);
    if (mlp_predict(net, pt, 1, out, NULL) != MLP_OK)
        return;                              /* the centre is inside the bounds, so it is valid */
    for (k = 0; k < K; k++)
        if (!(fabs(out[k] - grid[pixel * K + k]) <= GRID_TOLERANCE * fmax(1.0, fabs(out[k]))) &&
            !(isnan(out[k]) && isnan(grid[pixel * K + k]))) {
            FZ_FAIL(st, "grid pixel (%d, %d) of %dx%d output %d is %.9g, predict at (%.17g, %.17g) "
                    "gives %.9g", r, c, w, h, k, grid[pixel * K + k], pt[0], pt[1], (float)out[k]);
            return;
        }
}

void fz_op_grid(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int K = fz_outputs(&s->desc), w, h, status, valid, k;
    double bx[4];                            /* x_min, x_max, y_min, y_max */
    unsigned null_out;
    long calls;
    float *out;
    fz_snap b;
    for (k = 0; k < 4; k++)
        bx[k] = fz_f64(&st->r);
    w = fz_int(&st->r, 1, 16, MLP_MAX_GRID_SIDE, 0);
    h = fz_int(&st->r, 1, 16, MLP_MAX_GRID_SIDE, 0);
    null_out = fz_u8(&st->r) & 1u;
    valid = w >= 1 && w <= 16 && h >= 1 && h <= 16;   /* the only valid sides drawn */
    out = malloc((valid ? (size_t)w * h * K : 1) * sizeof(float));
    if (!out)
        return;
    for (k = 0; k < 4; k++)
        valid &= fz_in(bx[k], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    valid &= fz_inputs(&s->desc) == 2 && bx[0] < bx[1] && bx[2] < bx[3] && !null_out;
    fz_snap_take(&b, net);
    st->call = "mlp_predict_grid";
    calls = fz_alloc_calls;
    status = mlp_predict_grid(net, bx[0], bx[1], bx[2], bx[3], w, h, null_out ? NULL : out,
                              st->errp);
    fz_no_alloc(st, calls);
    fz_status(st, status, valid);
    fz_snap_same(st, &b, net, "predict_grid");
    if (status == MLP_OK) {
        fz_outputs_ok(st, net, NULL, out, (long)w * h);
        grid_pixel_agrees(st, net, bx, w, h, out, 0);
        grid_pixel_agrees(st, net, bx, w, h, out, (long)w * h - 1);
    }
    fz_snap_free(&b);
    free(out);
}

/* mlp_format_number writes JavaScript's String(v): "NaN", "Infinity", or
   the shortest digits that read back as v; and never more than size bytes. */
static void format_number(fz_state *st, double v, unsigned size)
{
    char *buf = malloc(size);                /* exact: a write past it is caught */
    char big[64];
    if (!buf)
        return;
    st->call = "mlp_format_number";
    mlp_format_number(buf, size, v);
    FZ_CHECK(st, memchr(buf, '\0', size) != NULL, "%.17g in %u bytes: not terminated", v, size);
    mlp_format_number(big, sizeof big, v);
    if (isnan(v))
        FZ_CHECK(st, strcmp(big, "NaN") == 0, "NaN written as \"%s\"", big);
    else if (isinf(v))
        FZ_CHECK(st, strcmp(big, v > 0 ? "Infinity" : "-Infinity") == 0, "%g written as \"%s\"",
                 v, big);
    else
        FZ_CHECK(st, strtod(big, NULL) == v, "%.17g written as \"%s\", which reads back as %.17g",
                 v, big, strtod(big, NULL));
    free(buf);
}

/* The description is the one created (learning rate aside). */
static void desc_kept(fz_state *st, const fz_slot *s)
{
    const mlp_desc *d = mlp_get_desc(s->net), *c = &s->desc;
    FZ_CHECK(st, d->n_sizes == c->n_sizes &&
                     memcmp(d->sizes, c->sizes, (size_t)c->n_sizes * sizeof(int)) == 0 &&
                     d->activation == c->activation && d->init == c->init &&
                     d->output == c->output && d->batch_size == c->batch_size &&
                     d->seed == c->seed,
             "the description changed (%d sizes, activation %d, batch %d, seed %u)", d->n_sizes,
             (int)d->activation, d->batch_size, (unsigned)d->seed);
}

/* The stored data is within the limits, and the current batch's inputs are
   the data's columns that batch_index names. */
static void data_and_batch(fz_state *st, mlp *net)
{
    const mlp_desc *d = mlp_get_desc(net);
    int n = mlp_n_points(net), m = mlp_batch_size(net), D = fz_inputs(d), K = fz_outputs(d);
    const double *X = mlp_data_x(net), *A = mlp_activations(net, 0), *T = mlp_data_targets(net);
    const int32_t *y = mlp_data_labels(net), *idx = mlp_batch_index(net);
    long i, q;
    int k;
    for (i = 0; i < (long)n * D; i++)
        if (!fz_in(X[i], -MLP_MAX_INPUT, MLP_MAX_INPUT)) {
            FZ_FAIL(st, "stored x[%ld] of %d x %d is %.17g, beyond 1e6", i, D, n, X[i]);
            return;
        }
    for (i = 0; d->output == MLP_OUT_SOFTMAX && i < n; i++)
        if (y[i] < 0 || y[i] >= K) {
            FZ_FAIL(st, "stored label %ld of %d is %d, want 0..%d", i, n, (int)y[i], K - 1);
            return;
        }
    for (i = 0; d->output == MLP_OUT_LINEAR && i < (long)n * K; i++)
        if (!fz_in(T[i], -MLP_MAX_INPUT, MLP_MAX_INPUT)) {
            FZ_FAIL(st, "stored target %ld of %d x %d is %.17g, beyond 1e6", i, K, n, T[i]);
            return;
        }
    for (q = 0; q < m && A && idx; q++) {
        /* layer 0: the raw inputs, or with features each chosen feature of them */
        double x1 = X[idx[q]], x2 = D > 1 ? X[(long)n + idx[q]] : 0, f[MLP_FEATURE_COUNT];
        int rows = 0;
        if (d->features) {
            const double all[MLP_FEATURE_COUNT] = {x1, x2, x1 * x1, x2 * x2, x1 * x2, sin(x1), sin(x2)};
            for (k = 0; k < MLP_FEATURE_COUNT; k++)
                if (d->features & MLP_FEATURE_BIT(k))
                    f[rows++] = all[k];
        }
        for (k = 0; k < (d->features ? rows : D); k++) {
            double want = d->features ? f[k] : X[(long)k * n + idx[q]];
            if (memcmp(&A[k * (long)m + q], &want, sizeof want) != 0) {
                FZ_FAIL(st, "batch column %ld input %d is %.17g, point %d gives %.17g (features %u)", q, k,
                        A[k * (long)m + q], (int)idx[q], want, (unsigned)d->features);
                return;
            }
        }
    }
}

void fz_op_getters(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int L = s->desc.n_sizes - 1, id, l;
    unsigned size = 1 + fz_u8(&st->r) % 40u;
    double v = fz_f64(&st->r), sum = 0;
    fz_snap b;
    fz_snap_take(&b, net);
    st->call = "getters";
    desc_kept(st, s);
    data_and_batch(st, net);
    for (l = 0; l <= L && b.m > 0; l++) {    /* read every value, for ASan */
        const double *a = mlp_activations(net, l), *dl = l ? mlp_deltas(net, l) : NULL;
        long j, cnt = (long)s->desc.sizes[l] * b.m;
        for (j = 0; a && j < cnt; j++)
            sum += a[j] + (dl ? dl[j] : 0);
    }
    for (id = -1; id <= MLP_LIMIT_COUNT; id++) {
        mlp_error e;
        int inside = id >= 0 && id < MLP_LIMIT_COUNT;
        FZ_CHECK(st, (mlp_limit_get(id) != NULL) == inside && (mlp_limit_key(id) != NULL) == inside,
                 "limit %d of %d: get/key NULL mismatch", id, MLP_LIMIT_COUNT);
        if (inside && !mlp_limit_ok(id, v))
            FZ_CHECK(st, mlp_limit_fail(&e, id, NULL, v) == MLP_E_ARG && e.msg[0] != '\0',
                     "limit %s rejects %.17g without a message", mlp_limit_key(id), v);
    }
    FZ_CHECK(st, mlp_status_name((int)fz_u32(&st->r)) != NULL, "a status without a name");
    for (id = -1; id <= MLP_LIMIT_KIND_COUNT; id++) {
        int inside = id >= 0 && id < MLP_LIMIT_KIND_COUNT;
        FZ_CHECK(st, (mlp_limit_kind_name(id) != NULL) == inside && (mlp_limit_rule(id) != NULL) == inside,
                 "limit kind %d of %d: name/rule NULL mismatch", id, MLP_LIMIT_KIND_COUNT);
    }
    {
        mlp_error e;
        e.msg[0] = '\0';
        FZ_CHECK(st, mlp_limit_fail(&e, MLP_LIMIT_COUNT, NULL, v) == MLP_E_ARG && e.msg[0] != '\0',
                 "mlp_limit_fail of the unknown limit %d: no MLP_E_ARG with a message", MLP_LIMIT_COUNT);
    }
    if (b.m > 0)
        sum += mlp_logits(net)[(long)fz_outputs(&s->desc) * b.m - 1];
    format_number(st, v, size);
    st->call = "getters";
    fz_snap_same(st, &b, net, "the getters");
    fz_snap_free(&b);
    fz_sink_double = sum;                    /* keeps the reads */
}

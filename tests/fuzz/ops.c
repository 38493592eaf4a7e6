/* ops.c: the calls that change a live network (data, training, parameters,
   learning rate), each with its arguments read from the input and its
   outcome checked against the documented behaviour in mlp.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* Parameters, epoch and divergence as before (a data change keeps them). */
static void kept_training(fz_state *st, const fz_snap *b, mlp *net)
{
    FZ_CHECK(st, mlp_epoch(net) == b->epoch && mlp_diverged(net) == b->diverged,
             "epoch %ld, diverged %d; were %ld, %d", mlp_epoch(net), mlp_diverged(net), b->epoch,
             b->diverged);
    FZ_CHECK(st, memcmp(mlp_params(net), b->params, (size_t)b->n_params * sizeof(double)) == 0,
             "the %d parameters changed", b->n_params);
}

/* A fresh iteration: phase INIT, layer 0, no batch. */
static void check_reset(fz_state *st, mlp *net)
{
    int layer;
    mlp_phase ph = mlp_current_phase(net, &layer);
    FZ_CHECK(st, ph == MLP_PHASE_INIT && layer == 0 && mlp_batch_size(net) == 0,
             "phase %d layer %d batch %d, want 0, 0, 0 (a reset iteration)", (int)ph, layer,
             mlp_batch_size(net));
}

/* The outcome of a call that changes state: statuses, and on failure nothing
   changed. Returns whether it succeeded. */
static int settle(fz_state *st, int status, int valid, const fz_snap *before, mlp *net)
{
    fz_status(st, status, valid);
    if (status != MLP_OK)
        fz_snap_same(st, before, net, "a rejected call");
    return status == MLP_OK;
}

void fz_op_quadrants(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    const mlp_desc *d = &s->desc;
    int n = fz_int(&st->r, 1, 128, MLP_MAX_POINTS, 0), i;
    double noise = fz_f64(&st->r);
    int shape = fz_inputs(d) == 2 && fz_outputs(d) == 4 && d->output == MLP_OUT_SOFTMAX;
    fz_snap b;
    fz_snap_take(&b, net);
    st->call = "mlp_data_quadrants";
    if (settle(st, mlp_data_quadrants(net, n, noise, st->errp),
               shape && n >= 1 && n <= MLP_MAX_POINTS && fz_in(noise, 0, MLP_MAX_NOISE), &b, net)) {
        const double *X = mlp_data_x(net);
        const int32_t *y = mlp_data_labels(net);
        FZ_CHECK(st, mlp_n_points(net) == n, "%d points, want %d", mlp_n_points(net), n);
        for (i = 0; i < n && mlp_n_points(net) == n; i++)
            if (y[i] != i % 4 || !isfinite(X[i]) || !isfinite(X[n + i])) {
                FZ_FAIL(st, "point %d of %d: (%g, %g) label %d, want finite and label %d", i, n,
                        X[i], X[n + i], (int)y[i], i % 4);
                break;
            }
        kept_training(st, &b, net);
        check_reset(st, net);
    }
    fz_snap_free(&b);
}

/* A label: mostly a valid class, sometimes just outside or at the ends of int. */
static int32_t read_label(fz_reader *r, int K)
{
    unsigned b = fz_u8(r);
    static const int32_t odd[] = {-1, 8, INT32_MIN, INT32_MAX};
    if (b < 240u)
        return (int32_t)(b % (unsigned)K);
    return b % 5u == 4u ? K : odd[b % 4u];
}

/* Whether the stored data is x (n x d row-major), labels or targets. */
static void data_is(fz_state *st, mlp *net, int n, const double *x, const int32_t *y,
                    const double *t)
{
    const mlp_desc *d = mlp_get_desc(net);
    int D = fz_inputs(d), K = fz_outputs(d), i, k;
    const double *X = mlp_data_x(net), *T = mlp_data_targets(net);
    const int32_t *Y = mlp_data_labels(net);
    for (i = 0; i < n; i++) {
        int same = 1;
        for (k = 0; k < D; k++)
            same &= memcmp(&X[(long)k * n + i], &x[i * D + k], sizeof(double)) == 0;
        if (y)
            same &= Y[i] == y[i];
        for (k = 0; t && k < K; k++)
            same &= memcmp(&T[(long)k * n + i], &t[i * K + k], sizeof(double)) == 0;
        if (!same) {
            FZ_FAIL(st, "point %d of %d (%d inputs, %d outputs) differs from what was set", i,
                    n, D, K);
            return;
        }
    }
}

void fz_op_set_data(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int D = fz_inputs(&s->desc), K = fz_outputs(&s->desc), lin = s->desc.output == MLP_OUT_LINEAR;
    int n = fz_int(&st->r, 1, 64, MLP_MAX_POINTS, 0), i, valid;
    unsigned nulls = fz_u8(&st->r) & 7u;     /* bit 0: x NULL, 1: labels, 2: targets */
    /* Exact buffers for a valid n; for another n one value, never to be read. */
    size_t nv = n >= 1 && n <= 64 ? (size_t)n : 1;
    double *x = malloc(nv * (size_t)D * sizeof(double));
    int32_t *y = malloc((lin ? 1 : nv) * sizeof(int32_t));
    double *t = malloc((lin ? nv * (size_t)K : 1) * sizeof(double));
    fz_snap b;
    if (!x || !y || !t)
        goto done;
    valid = n >= 1 && n <= MLP_MAX_POINTS && !(nulls & (lin ? 5u : 3u));
    for (i = 0; i < (int)nv * D; i++) {
        x[i] = fz_f64(&st->r);
        valid &= fz_in(x[i], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    }
    for (i = 0; !lin && i < (int)nv; i++) {
        y[i] = read_label(&st->r, K);
        valid &= y[i] >= 0 && y[i] < K;
    }
    for (i = 0; lin && i < (int)nv * K; i++) {
        t[i] = fz_f64(&st->r);
        valid &= fz_in(t[i], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    }
    if (!lin)
        t[0] = NAN;                          /* ignored for softmax: must not matter */
    else
        y[0] = -1;                           /* ignored for a linear output */
    fz_snap_take(&b, net);
    st->call = "mlp_set_data";
    if (settle(st, mlp_set_data(net, n, nulls & 1u ? NULL : x, nulls & 2u ? NULL : y,
                                nulls & 4u ? NULL : t, st->errp), valid, &b, net)) {
        FZ_CHECK(st, mlp_n_points(net) == n, "%d points, want %d", mlp_n_points(net), n);
        if (mlp_n_points(net) == n)
            data_is(st, net, n, x, lin ? NULL : y, lin ? t : NULL);
        kept_training(st, &b, net);
        check_reset(st, net);
    }
    fz_snap_free(&b);
done:
    free(x);
    free(y);
    free(t);
}

void fz_op_step(fz_state *st, fz_slot *s, int with_losses)
{
    mlp *net = s->net;
    int epochs = fz_int(&st->r, 1, 4, MLP_MAX_STEP_EPOCHS, 0);
    int null_losses = with_losses && (fz_u8(&st->r) & 1u);
    size_t nl = epochs >= 1 && epochs <= 4 ? (size_t)epochs : 1, i;
    double *losses = with_losses && !null_losses ? malloc(nl * sizeof(double)) : NULL;
    int valid = mlp_n_points(net) > 0 && epochs >= 1 && epochs <= MLP_MAX_STEP_EPOCHS, status;
    long done, calls;
    fz_snap b;
    if (valid && !fz_afford(st, net, epochs))
        goto done;
    for (i = 0; losses && i < nl; i++)
        losses[i] = -7.0;                    /* untouched past the epochs completed */
    fz_snap_take(&b, net);
    st->call = with_losses ? "mlp_step_losses" : "mlp_step";
    calls = fz_alloc_calls;
    status = with_losses ? mlp_step_losses(net, epochs, losses, st->errp)
                         : mlp_step(net, epochs, st->errp);
    fz_no_alloc(st, calls);
    if (settle(st, status, valid, &b, net)) {
        done = mlp_epoch(net) - b.epoch;
        if (b.diverged)
            fz_snap_same(st, &b, net, "a step after divergence");
        else if (!mlp_diverged(net))
            FZ_CHECK(st, done == epochs, "%ld epochs done of %d, not diverged", done, epochs);
        else
            FZ_CHECK(st, done >= 0 && done < epochs, "%ld epochs done of %d before diverging",
                     done, epochs);
        for (i = 0; losses && i < nl; i++)
            if ((long)i < done ? !(isfinite(losses[i]) && losses[i] >= 0) : losses[i] != -7.0) {
                FZ_FAIL(st, "losses[%zu] = %.17g after %ld of %d epochs: want finite >= 0 for "
                        "completed epochs, untouched (-7) after", i, losses[i], done, epochs);
                break;
            }
    }
    fz_snap_free(&b);
done:
    free(losses);
}

/* The phase after (prev, layer) in a network of L weight layers (mlp.h's
   order), written out again here so the core's sequencing is checked. */
static mlp_phase next_phase(mlp_phase prev, int layer, int L, int *next_layer)
{
    if (prev == MLP_PHASE_INIT || prev == MLP_PHASE_UPDATE || prev == MLP_PHASE_FORWARD) {
        *next_layer = prev == MLP_PHASE_FORWARD ? layer + 1 : 1;
        return *next_layer < L ? MLP_PHASE_FORWARD : MLP_PHASE_LOGITS;
    }
    if (prev == MLP_PHASE_LOGITS || prev == MLP_PHASE_OUTPUT) {
        *next_layer = 0;
        return prev == MLP_PHASE_LOGITS ? MLP_PHASE_OUTPUT : MLP_PHASE_LOSS;
    }
    if (prev == MLP_PHASE_LOSS) {
        *next_layer = L;
        return MLP_PHASE_OUTPUT_ERROR;
    }
    *next_layer = (prev == MLP_PHASE_OUTPUT_ERROR ? L : layer) - 1;
    if (*next_layer >= 1)
        return MLP_PHASE_BACKWARD;
    *next_layer = 0;
    return MLP_PHASE_UPDATE;
}

/* One mlp_phase_advance; returns 0 when it was rejected (stop the run). */
static int one_phase(fz_state *st, mlp *net, int outs)
{
    int L = mlp_get_desc(net)->n_sizes - 1, layer = -5, want_layer, ok, cur_layer, status;
    long calls;
    mlp_phase ph = (mlp_phase)99, want, cur;
    fz_snap b;
    fz_snap_take(&b, net);
    st->call = "mlp_phase_advance";
    calls = fz_alloc_calls;
    status = mlp_phase_advance(net, outs ? &ph : NULL, outs ? &layer : NULL, st->errp);
    fz_no_alloc(st, calls);
    ok = settle(st, status, mlp_n_points(net) > 0, &b, net);
    cur = mlp_current_phase(net, &cur_layer);
    if (ok && outs)
        FZ_CHECK(st, ph == cur && layer == cur_layer, "returned phase %d layer %d, current %d %d",
                 (int)ph, layer, (int)cur, cur_layer);
    if (ok && b.diverged)
        fz_snap_same(st, &b, net, "a phase after divergence");
    else if (ok && !mlp_diverged(net)) {
        long de = mlp_epoch(net) - b.epoch;
        want = next_phase(b.phase, b.layer, L, &want_layer);
        FZ_CHECK(st, cur == want && cur_layer == want_layer,
                 "after phase %d layer %d (L = %d): phase %d layer %d, want %d layer %d",
                 (int)b.phase, b.layer, L, (int)cur, cur_layer, (int)want, want_layer);
        FZ_CHECK(st, de == 0 || (de == 1 && cur == MLP_PHASE_UPDATE),
                 "epoch advanced by %ld in phase %d", de, (int)cur);
    }
    fz_snap_free(&b);
    return ok;
}

void fz_op_phases(fz_state *st, fz_slot *s)
{
    int count = 1 + (int)(fz_u8(&st->r) % 24u), k;
    /* A phase costs about a quarter of an epoch's work (a layer's share). */
    if (mlp_n_points(s->net) > 0 && !fz_afford(st, s->net, count / 4.0))
        return;
    for (k = 0; k < count; k++)
        if (!one_phase(st, s->net, k % 3 != 2))
            break;
}

void fz_op_set_params(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int np = mlp_param_count(net), k, valid = 1, status;
    long calls;
    unsigned mode = fz_u8(&st->r);
    static const int delta[8] = {0, 0, 0, 0, -1, 1, 0, 0};
    int count = (mode >> 2) % 8u == 6 ? 0 : (mode >> 2) % 8u == 7 ? -1 : np + delta[(mode >> 2) % 8u];
    double *p = malloc((size_t)np * sizeof(double));   /* exactly np: count np+1 must not read on */
    fz_snap b;
    if (!p)
        return;
    memcpy(p, mlp_params(net), (size_t)np * sizeof(double));
    if (mode & 1u)
        for (k = 0; k < np; k++)
            p[k] = fz_f64(&st->r);
    else
        for (k = (int)(fz_u8(&st->r) % 4u); k >= 0; k--)
            p[(unsigned)fz_i16(&st->r) % (unsigned)np] = fz_f64(&st->r);
    for (k = 0; k < np; k++)
        valid &= fz_in(p[k], -MLP_PARAM_LIMIT, MLP_PARAM_LIMIT);
    valid &= count == np && !(mode & 2u);
    fz_snap_take(&b, net);
    st->call = "mlp_set_params";
    calls = fz_alloc_calls;
    status = mlp_set_params(net, mode & 2u ? NULL : p, count, st->errp);
    fz_no_alloc(st, calls);
    if (settle(st, status, valid, &b, net)) {
        FZ_CHECK(st, memcmp(mlp_params(net), p, (size_t)np * sizeof(double)) == 0,
                 "the %d parameters differ from those set", np);
        FZ_CHECK(st, !mlp_diverged(net) && mlp_epoch(net) == b.epoch,
                 "diverged %d, epoch %ld; want 0 and %ld", mlp_diverged(net), mlp_epoch(net),
                 b.epoch);
        check_reset(st, net);
    }
    fz_snap_free(&b);
    free(p);
}

void fz_op_learning_rate(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    double lr = fz_f64(&st->r);
    fz_snap b;
    fz_snap_take(&b, net);
    st->call = "mlp_set_learning_rate";
    if (settle(st, mlp_set_learning_rate(net, lr, st->errp), lr > 0 && lr <= MLP_MAX_LEARNING_RATE,
               &b, net)) {
        b.lr = lr;                           /* the one thing that changes */
        fz_snap_same(st, &b, net, "a new learning rate");
    }
    fz_snap_free(&b);
}

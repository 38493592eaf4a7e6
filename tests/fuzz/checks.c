/* checks.c: the promises the driver checks (see driver.h): statuses and
   messages, an oracle for the limits written independently of src/limits.c,
   snapshots of what a rejected call must not change, and the invariants of a
   live network. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

void fz_report(fz_state *st, const char *file, int line, const char *fmt, ...)
{
    char msg[512];
    int k;
    va_list ap;
    k = snprintf(msg, sizeof msg, "after %s: ", st->call ? st->call : "(start)");
    va_start(ap, fmt);
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
    va_end(ap);
    st->sink->failures++;
    if (st->sink->fail)
        st->sink->fail(st->sink->ctx, file, line, msg);
}

int fz_in(double v, double lo, double hi) { return v >= lo && v <= hi; }

int fz_afford(fz_state *st, mlp *net, double epochs)
{
    double cost = (double)mlp_param_count(net) * mlp_n_points(net) * epochs;
    if (st->work + cost > FZ_WORK_BUDGET)
        return 0;
    st->work += cost;
    return 1;
}

int fz_inputs(const mlp_desc *d) { return d->features ? 2 : d->sizes[0]; }

int fz_popcount(uint32_t mask)
{
    int n = 0;
    for (; mask; mask >>= 1)
        n += (int)(mask & 1u);
    return n;
}
int fz_outputs(const mlp_desc *d) { return d->sizes[d->n_sizes - 1]; }

/* The limits of mlp.h restated: a description is valid exactly when this
   holds (the enum fields read as unsigned so that negatives are out too). */
int fz_desc_valid(const mlp_desc *d)
{
    int l, last;
    if (d->n_sizes < 2 || d->n_sizes > MLP_MAX_LAYERS)
        return 0;
    last = d->n_sizes - 1;
    if (d->sizes[0] < 1 || d->sizes[0] > 8)
        return 0;
    for (l = 1; l < last; l++)
        if (d->sizes[l] < 1 || d->sizes[l] > 64)
            return 0;
    if ((unsigned)d->output > 1u || (unsigned)d->activation > 3u || (unsigned)d->init > 2u)
        return 0;
    if (d->sizes[last] < (d->output == MLP_OUT_SOFTMAX ? 2 : 1) || d->sizes[last] > 8)
        return 0;
    /* the playground's fields: features, update rule, penalty */
    if (d->features > 127u || (d->features && d->sizes[0] != fz_popcount(d->features)))
        return 0;
    if ((unsigned)d->optimizer > 2u || (unsigned)d->regularization > 2u)
        return 0;
    if (!fz_in(d->beta1, 0, MLP_MAX_BETA) || !fz_in(d->beta2, 0, MLP_MAX_BETA) ||
        !(d->epsilon > 0 && d->epsilon <= 1) || !fz_in(d->reg_rate, 0, MLP_MAX_REG_RATE))
        return 0;
    return d->batch_size >= 0 && d->batch_size <= 10000 && d->learning_rate > 0 &&
           d->learning_rate <= 1e6;
}

/* Sum over layers of (fan_in + 1) * fan_out: W_l then b_l. */
int fz_param_count(const mlp_desc *d)
{
    int l, count = 0;
    for (l = 1; l < d->n_sizes; l++)
        count += (d->sizes[l - 1] + 1) * d->sizes[l];
    return count;
}

static void *copy_of(const void *p, size_t bytes)
{
    void *c;
    if (!p || bytes == 0)
        return NULL;
    c = malloc(bytes);
    if (c)
        memcpy(c, p, bytes);
    return c;
}

void fz_snap_take(fz_snap *s, mlp *net)
{
    const mlp_desc *d = mlp_get_desc(net);
    size_t n;
    s->desc = *d;
    s->n_params = mlp_param_count(net);
    s->n = mlp_n_points(net);
    s->n_test = mlp_n_test_points(net);
    s->opt_t = mlp_optimizer_steps(net);
    s->opt_m = copy_of(mlp_optimizer_state(net, 0), (size_t)s->n_params * sizeof(double));
    s->opt_v = copy_of(mlp_optimizer_state(net, 1), (size_t)s->n_params * sizeof(double));
    s->test_x = copy_of(mlp_test_x(net), (size_t)fz_inputs(d) * (size_t)s->n_test * sizeof(double));
    s->diverged = mlp_diverged(net);
    s->phase = mlp_current_phase(net, &s->layer);
    s->m = mlp_batch_size(net);
    s->epoch = mlp_epoch(net);
    s->lr = d->learning_rate;
    n = (size_t)s->n;
    s->params = copy_of(mlp_params(net), (size_t)s->n_params * sizeof(double));
    s->x = copy_of(mlp_data_x(net), (size_t)fz_inputs(d) * n * sizeof(double));
    s->labels = copy_of(mlp_data_labels(net), n * sizeof(int32_t));
    s->targets = d->output == MLP_OUT_LINEAR
                     ? copy_of(mlp_data_targets(net), (size_t)fz_outputs(d) * n * sizeof(double))
                     : NULL;
    s->n_out = s->m > 0 ? (size_t)fz_outputs(d) * (size_t)s->m : 0;
    s->out = copy_of(mlp_activations(net, d->n_sizes - 1), s->n_out * sizeof(double));
}

void fz_snap_free(fz_snap *s)
{
    free(s->params);
    free(s->x);
    free(s->labels);
    free(s->targets);
    free(s->out);
    free(s->opt_m);
    free(s->opt_v);
    free(s->test_x);
    memset(s, 0, sizeof *s);
}

static int same_bytes(const void *a, const void *b, size_t bytes)
{
    if (bytes == 0)
        return 1;
    return a && b && memcmp(a, b, bytes) == 0;
}

void fz_snap_same(fz_state *st, const fz_snap *s, mlp *net, const char *what)
{
    fz_snap now;
    size_t n = (size_t)s->n;
    const mlp_desc *d = mlp_get_desc(net);
    fz_snap_take(&now, net);
    FZ_CHECK(st, now.n == s->n && now.epoch == s->epoch && now.diverged == s->diverged,
             "%s: points %d, epoch %ld, diverged %d; were %d, %ld, %d", what, now.n,
             now.epoch, now.diverged, s->n, s->epoch, s->diverged);
    FZ_CHECK(st, now.phase == s->phase && now.layer == s->layer && now.m == s->m,
             "%s: phase %d layer %d batch %d; were %d, %d, %d", what, (int)now.phase,
             now.layer, now.m, (int)s->phase, s->layer, s->m);
    FZ_CHECK(st, now.lr == s->lr, "%s: learning rate %.17g, was %.17g", what, now.lr, s->lr);
    {
        const mlp_desc *a = &now.desc, *o = &s->desc;
        FZ_CHECK(st, a->n_sizes == o->n_sizes && memcmp(a->sizes, o->sizes, sizeof a->sizes) == 0 &&
                         a->activation == o->activation && a->init == o->init && a->output == o->output &&
                         a->batch_size == o->batch_size && a->seed == o->seed && a->features == o->features,
                 "%s: the description changed (activation %d, init %d, batch %d, seed %u, features %u; "
                 "were %d, %d, %d, %u, %u)", what, (int)a->activation, (int)a->init, a->batch_size,
                 (unsigned)a->seed, (unsigned)a->features, (int)o->activation, (int)o->init,
                 o->batch_size, (unsigned)o->seed, (unsigned)o->features);
        FZ_CHECK(st, a->optimizer == o->optimizer && a->beta1 == o->beta1 && a->beta2 == o->beta2 &&
                         a->epsilon == o->epsilon && a->regularization == o->regularization &&
                         a->reg_rate == o->reg_rate,
                 "%s: optimizer %d (%.17g, %.17g, %.17g), penalty %d %.17g; were %d (%.17g, %.17g, "
                 "%.17g), %d %.17g", what, (int)a->optimizer, a->beta1, a->beta2, a->epsilon,
                 (int)a->regularization, a->reg_rate, (int)o->optimizer, o->beta1, o->beta2,
                 o->epsilon, (int)o->regularization, o->reg_rate);
    }
    FZ_CHECK(st, now.opt_t == s->opt_t &&
                     same_bytes(now.opt_m, s->opt_m, (size_t)s->n_params * sizeof(double)) &&
                     same_bytes(now.opt_v, s->opt_v, (size_t)s->n_params * sizeof(double)),
             "%s: the optimiser state changed (t %ld, was %ld)", what, now.opt_t, s->opt_t);
    FZ_CHECK(st, now.n_test == s->n_test &&
                     same_bytes(now.test_x, s->test_x, (size_t)fz_inputs(d) * (size_t)s->n_test * sizeof(double)),
             "%s: the test set changed (%d points, was %d)", what, now.n_test, s->n_test);
    FZ_CHECK(st, same_bytes(now.params, s->params, (size_t)s->n_params * sizeof(double)),
             "%s: the %d parameters changed", what, s->n_params);
    if (now.n == s->n) {
        FZ_CHECK(st, same_bytes(now.x, s->x, (size_t)fz_inputs(d) * n * sizeof(double)) &&
                         same_bytes(now.labels, s->labels, n * sizeof(int32_t)),
                 "%s: the data (%d points x %d inputs) changed", what, s->n, fz_inputs(d));
        FZ_CHECK(st, !s->targets || same_bytes(now.targets, s->targets,
                                               (size_t)fz_outputs(d) * n * sizeof(double)),
                 "%s: the targets (%d x %d) changed", what, fz_outputs(d), s->n);
    }
    FZ_CHECK(st, now.n_out != s->n_out || same_bytes(now.out, s->out, s->n_out * sizeof(double)),
             "%s: the current batch's %zu outputs changed", what, s->n_out);
    fz_snap_free(&now);
}

/* FUZZ_TRACE=1 in the environment prints every checked call (to see what an
   input decodes to). */
int fz_tracing(void)
{
    static int on = -1;
    if (on < 0) {
        const char *v = getenv("FUZZ_TRACE");
        on = v && v[0] && v[0] != '0';
    }
    return on;
}

static void trace(const fz_state *st, int status, int valid)
{
    if (fz_tracing())
        fprintf(stderr, "  %-28s status %2d (valid %d) %.100s\n", st->call, status, valid,
                status && st->errp ? st->errp->msg : "");
}

void fz_no_alloc(fz_state *st, long calls)
{
    FZ_CHECK(st, fz_alloc_calls == calls, "%ld allocations in a call that must make none",
             fz_alloc_calls - calls);
}

void fz_status(fz_state *st, int status, int valid)
{
    const mlp_error *e = st->errp;
    int injected = fz_alloc_failed != st->failed_mark;
    fz_alloc_countdown = 0;
    trace(st, status, valid);
    if (injected) {
        FZ_CHECK(st, status == MLP_E_NOMEM, "an allocation failed, but status %d, want %d",
                 status, MLP_E_NOMEM);
        FZ_CHECK(st, !e || (e->code == MLP_E_NOMEM && e->msg[0] != '\0'),
                 "out of memory: err.code %d, message \"%.60s\"", e ? (int)e->code : 0,
                 e ? e->msg : "");
        return;
    }
    if (status == MLP_OK) {
        FZ_CHECK(st, valid, "status 0 for arguments outside the limits");
        FZ_CHECK(st, !e || (e->code == MLP_OK && e->msg[0] == '\0'),
                 "status 0 but err.code %d, message \"%.60s\"", e ? (int)e->code : 0,
                 e ? e->msg : "");
        return;
    }
    FZ_CHECK(st, status == MLP_E_ARG || status == MLP_E_NOMEM || status == MLP_E_STATE,
             "status %d is none of 0, -1, -2, -3", status);
    FZ_CHECK(st, !valid, "status %d (%s) for valid arguments: \"%.120s\"", status,
             mlp_status_name(status), e ? e->msg : "");
    if (e) {
        FZ_CHECK(st, (int)e->code == status, "status %d but err.code %d", status, (int)e->code);
        FZ_CHECK(st, e->msg[0] != '\0' && memchr(e->msg, '\0', sizeof e->msg) != NULL,
                 "status %d with an empty or unterminated message (%zu bytes)", status,
                 sizeof e->msg);
    }
}

static void check_params(fz_state *st, mlp *net)
{
    const double *p = mlp_params(net);
    int k, np = mlp_param_count(net);
    for (k = 0; k < np; k++)
        if (!fz_in(p[k], -MLP_PARAM_LIMIT, MLP_PARAM_LIMIT)) {
            FZ_FAIL(st, "param %d of %d is %.17g: not finite or beyond 1e12 "
                      "(diverged %d)", k, np, p[k], mlp_diverged(net));
            return;
        }
}

/* The current batch and phase: shapes only, they hold no promise of values. */
static void check_batch(fz_state *st, mlp *net, int L)
{
    int layer, q, m = mlp_batch_size(net), n = mlp_n_points(net);
    mlp_phase ph = mlp_current_phase(net, &layer);
    const int32_t *idx = mlp_batch_index(net);
    double bl = mlp_batch_loss(net);
    FZ_CHECK(st, (unsigned)ph <= MLP_PHASE_UPDATE && layer >= 0 && layer <= L,
             "phase %d layer %d, want phase 0..7 and layer 0..%d", (int)ph, layer, L);
    FZ_CHECK(st, m >= 0 && m <= n, "batch of %d columns with %d points", m, n);
    for (q = 0; q < m && idx; q++)
        if (idx[q] < 0 || idx[q] >= n) {
            FZ_FAIL(st, "batch column %d maps to point %d of %d", q, idx[q], n);
            break;
        }
    FZ_CHECK(st, mlp_diverged(net) || isnan(bl) || (isfinite(bl) && bl >= 0),
             "batch loss %.17g while not diverged: want NaN (none yet) or finite >= 0", bl);
}

void fz_invariants(fz_state *st, fz_slot *slot)
{
    mlp *net = slot->net;
    const mlp_desc *d = mlp_get_desc(net);
    int n = mlp_n_points(net), L = d->n_sizes - 1, l, off = 0;
    double loss = mlp_loss(net), acc = mlp_accuracy(net);
    FZ_CHECK(st, mlp_param_count(net) == fz_param_count(&slot->desc),
             "param count %d, want %d", mlp_param_count(net), fz_param_count(&slot->desc));
    for (l = 0; l <= L + 1; l++) {
        int want = (l >= 1 && l <= L) ? off : -1;
        FZ_CHECK(st, mlp_layer_offset(net, l) == want, "layer_offset(%d) = %d, want %d", l,
                 mlp_layer_offset(net, l), want);
        if (l >= 1 && l <= L)
            off += (d->sizes[l - 1] + 1) * d->sizes[l];
    }
    FZ_CHECK(st, mlp_activations(net, -1) == NULL && mlp_activations(net, L + 1) == NULL &&
                     mlp_deltas(net, 0) == NULL && mlp_deltas(net, L + 1) == NULL,
             "activations(-1), (%d) or deltas(0), (%d) not NULL", L + 1, L + 1);
    check_params(st, net);
    check_batch(st, net, L);
    if (n == 0)
        FZ_CHECK(st, isnan(loss) && isnan(acc), "no data: loss %g, accuracy %g, want NaN", loss,
                 acc);
    else if (!mlp_diverged(net))
        FZ_CHECK(st, isfinite(loss) && loss >= 0, "loss %.17g with %d points, not diverged: "
                 "want finite >= 0", loss, n);
    if (n > 0 && d->output == MLP_OUT_SOFTMAX)
        FZ_CHECK(st, fz_in(acc, 0, 1), "accuracy %g with %d points, want 0..1", acc, n);
    else if (n > 0)
        FZ_CHECK(st, isnan(acc), "accuracy %g of a linear output, want NaN", acc);
}

/* Softmax rows within [0, 1] summing to 1 (to 1e-9 in double, 1e-5 in float). */
void fz_outputs_ok(fz_state *st, mlp *net, const double *dv, const float *fv, long points)
{
    const mlp_desc *d = mlp_get_desc(net);
    int K = fz_outputs(d), k, softmax = d->output == MLP_OUT_SOFTMAX;
    double tol = fv ? 1e-5 : 1e-9;
    long i;
    if (mlp_diverged(net))
        return;
    for (i = 0; i < points; i++) {
        double s = 0;
        for (k = 0; k < K; k++) {
            double v = fv ? fv[i * K + k] : dv[i * K + k];
            if (!isfinite(v) || (softmax && !fz_in(v, 0, 1))) {
                FZ_FAIL(st, "output %d of point %ld (of %ld) is %.17g: want finite%s",
                          k, i, points, v, softmax ? " in [0, 1]" : "");
                return;
            }
            s += v;
        }
        if (softmax && !(fabs(s - 1) <= tol)) {
            FZ_FAIL(st, "point %ld: %d probabilities sum to %.17g, want 1 +- %g", i,
                      K, s, tol);
            return;
        }
    }
}

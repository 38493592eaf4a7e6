/* test_gradients.c: every parameter's gradient against finite differences.

   For each hidden activation (sigmoid, tanh, relu, linear) and each output
   (softmax + cross-entropy on labels, linear + mean squared error on targets)
   networks of three hidden layers of differing widths (and smaller ones: one
   hidden layer, none, a single input) get random parameters, biases included,
   and a small data set. One full-batch iteration is run phase by phase up to the last BACKWARD
   (so mlp_grads holds dL/dparams and nothing is updated yet). Then each
   parameter p_k is moved through mlp_set_params and the loss of all the data
   is read with mlp_loss (mlp_set_params resets the iteration, which is fine:
   the gradient was copied first; at the end the parameters are restored and
   the iteration rerun, which must give the same gradient bit for bit).

   The numerical derivative is the fourth-order central difference

       g_k ~ (-L(p + 2h e_k) + 8 L(p + h e_k) - 8 L(p - h e_k) + L(p - 2h e_k)) / (12 h)

   with h = 2^-10, compared with the analytic gradient by the relative error
   |a - b| / max(|a| + |b|, 1e-8) < 1e-6. Why not the plain central difference
   (L(p + h) - L(p - h)) / 2h with h = 1e-5: its rounding error, about
   eps * L / h ~ 1e-11 absolute, exceeds 1e-6 relative on the gradients of
   order 1e-6 that deep sigmoid/tanh stacks have, so whether it passed depended
   on the data seed (measured up to 4.4e-6 on such gradients, for 3 of 8
   seeds tried).
   The fourth-order formula allows a 100 times larger h (truncation O(h^4)
   ~ 1e-13, rounding ~ 1e-13). The plain h = 1e-5 error is still measured and
   printed, for information.

   Every layer's largest |gradient| must exceed 1e-6, so an all-zero gradient
   cannot pass.

   ReLU has a kink at 0 where a difference quotient is meaningless. The test
   keeps away from it: for relu networks only data points whose every hidden
   pre-activation has |z| >= 0.05 are used, and for every perturbed parameter
   vector the test's own reference forward pass checks that no hidden
   pre-activation changed sign (counted; it must be none).

   The reference forward pass (plain loops and libm) also checks the loss the
   network reports, independently of layers.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mlp.h"
#include "rng.h"

#define H (1.0 / 1024.0)   /* 2^-10: p +- h and p +- 2h are exact or nearly */
#define H_PLAIN 1e-5
#define REL_TOL 1e-6
#define KINK_MARGIN 0.05
#define N_POINTS 13 /* not a multiple of 4: the 4-lane sums have a tail */
#define MAX_CANDIDATES 4000
#define MAX_PARAMS 1024
#define MAX_PATTERN (N_POINTS * MLP_MAX_HIDDEN_LAYERS * MLP_MAX_UNITS)

typedef struct {
    const char *name;
    int n_sizes;
    int sizes[MLP_MAX_LAYERS];
    mlp_output output;
} arch;

static const char *const act_names[] = {"sigmoid", "tanh", "relu", "linear"};

static double act_ref(double z, mlp_activation a)
{
    switch (a) {
    case MLP_SIGMOID:
        return 1.0 / (1.0 + exp(-z));
    case MLP_TANH:
        return tanh(z);
    case MLP_RELU:
        return z > 0 ? z : 0;
    case MLP_LINEAR:
        return z;
    }
    return NAN;
}

/* Loss of parameters p on n points by plain loops, one point at a time (x
   row-major, n x inputs). Also, when not NULL: the smallest |z| of any hidden
   pre-activation, and the sign of every hidden pre-activation (pattern,
   one byte per unit per point). With y NULL (labels or targets, whichever the
   output uses) only those two are wanted and the loss is 0. */
static double loss_ref(const mlp_desc *d, const double *p, int n, const double *x,
                       const int32_t *labels, const double *targets, double *min_abs_z,
                       unsigned char *pattern)
{
    const int want_loss = d->output == MLP_OUT_SOFTMAX ? labels != NULL : targets != NULL;
    double a[MLP_MAX_UNITS], z[MLP_MAX_UNITS], total = 0.0, mz = INFINITY;
    int q, l, i, j, L = d->n_sizes - 1, K = d->sizes[L], bit = 0;
    for (q = 0; q < n; q++) {
        int off = 0;
        for (i = 0; i < d->sizes[0]; i++)
            a[i] = x[q * d->sizes[0] + i];
        for (l = 1; l <= L; l++) {
            int fi = d->sizes[l - 1], fo = d->sizes[l];
            const double *W = p + off, *b = W + fi * fo;
            for (j = 0; j < fo; j++) {
                z[j] = b[j];
                for (i = 0; i < fi; i++)
                    z[j] += a[i] * W[i * fo + j];
            }
            for (j = 0; j < fo; j++) {
                if (l < L) {
                    mz = fabs(z[j]) < mz ? fabs(z[j]) : mz;
                    if (pattern)
                        pattern[bit++] = z[j] > 0;
                    a[j] = act_ref(z[j], d->activation);
                } else {
                    a[j] = z[j];
                }
            }
            off += (fi + 1) * fo;
        }
        if (!want_loss)
            continue;
        if (d->output == MLP_OUT_SOFTMAX) {
            double mx = a[0], s = 0.0;
            for (j = 1; j < K; j++)
                mx = a[j] > mx ? a[j] : mx;
            for (j = 0; j < K; j++)
                s += exp(a[j] - mx);
            total += mx + log(s) - a[labels[q]];
        } else {
            for (j = 0; j < K; j++) {
                double e = a[j] - targets[q * K + j];
                total += e * e;
            }
        }
    }
    if (min_abs_z)
        *min_abs_z = mz;
    return total / n;
}

/* Runs one iteration phase by phase up to (not including) UPDATE, checking
   the order of the phases. @return 1 if it got there in order. */
static int run_to_gradients(mlp *net, const char *name)
{
    const int L = mlp_get_desc(net)->n_sizes - 1;
    mlp_error err;
    mlp_phase ph;
    int layer, step, steps = 2 * L + 2, in_order = 1;
    for (step = 0; step < steps; step++) {
        mlp_phase want;
        int want_layer;
        if (mlp_phase_advance(net, &ph, &layer, &err) != MLP_OK) {
            CHECK(0, "%s: mlp_phase_advance failed at phase %d of %d: %s", name, step, steps,
                  err.msg);
            return 0;
        }
        if (step < L - 1) {
            want = MLP_PHASE_FORWARD;
            want_layer = step + 1;
        } else if (step == L - 1) {
            want = MLP_PHASE_LOGITS;
            want_layer = L;
        } else if (step == L) {
            want = MLP_PHASE_OUTPUT;
            want_layer = 0;
        } else if (step == L + 1) {
            want = MLP_PHASE_LOSS;
            want_layer = 0;
        } else if (step == L + 2) {
            want = MLP_PHASE_OUTPUT_ERROR;
            want_layer = L;
        } else {
            want = MLP_PHASE_BACKWARD;
            want_layer = L - 1 - (step - (L + 3));
        }
        if (ph != want || layer != want_layer) {
            in_order = 0;
            CHECK(0, "%s: phase %d is (%d, layer %d), want (%d, layer %d)", name, step, (int)ph,
                  layer, (int)want, want_layer);
        }
    }
    CHECK(in_order, "%s: %d phases from the first FORWARD to BACKWARD 1 in order", name, steps);
    CHECK(mlp_epoch(net) == 0, "%s: epoch %ld before UPDATE, want 0", name, mlp_epoch(net));
    return in_order;
}

/* Loss at p with p[k] replaced by v; for relu networks also counts the
   evaluations whose hidden sign pattern differs from base. */
static double loss_at(mlp *net, double *p, int count, int k, double v, const double *x,
                      const unsigned char *base, int *crossings)
{
    double saved = p[k], loss;
    p[k] = v;
    mlp_set_params(net, p, count, NULL);
    loss = mlp_loss(net);
    if (base) {
        static unsigned char pat[MAX_PATTERN];
        const mlp_desc *d = mlp_get_desc(net);
        int units = 0, l;
        for (l = 1; l < d->n_sizes - 1; l++)
            units += d->sizes[l];
        loss_ref(d, p, N_POINTS, x, NULL, NULL, NULL, pat);
        *crossings += memcmp(pat, base, (size_t)units * N_POINTS) != 0;
    }
    p[k] = saved;
    return loss;
}

typedef struct {
    double max_rel, max_rel_plain;
} grad_stats;

static void check_network(const arch *a, mlp_activation act, grad_stats *st)
{
    static double p0[MAX_PARAMS], g[MAX_PARAMS], g2[MAX_PARAMS], p[MAX_PARAMS];
    static unsigned char base[MAX_PATTERN];
    static double cand[MAX_CANDIDATES * MLP_MAX_INPUTS];
    double x[N_POINTS * MLP_MAX_INPUTS], targets[N_POINTS * MLP_MAX_OUTPUTS];
    int32_t labels[N_POINTS];
    char name[64];
    mlp_desc d;
    mlp_error err;
    mlp *net;
    rng_state r;
    int i, k, l, count, L, K, D, n = 0, worst = -1, crossings = 0, relu = act == MLP_RELU;
    double max_rel = 0.0, max_plain = 0.0, loss, ref, min_z, max_g = 0.0;

    snprintf(name, sizeof name, "%s/%s", a->name, act_names[act]);
    mlp_desc_defaults(&d);
    d.n_sizes = a->n_sizes;
    memcpy(d.sizes, a->sizes, sizeof d.sizes);
    d.activation = act;
    d.output = a->output;
    d.init = MLP_INIT_GLOROT;
    d.seed = 11;
    net = mlp_create(&d, &err);
    if (!CHECK(net != NULL, "%s: mlp_create failed: %s", name, err.msg))
        return;
    L = d.n_sizes - 1;
    K = d.sizes[L];
    D = d.sizes[0];
    count = mlp_param_count(net);
    if (!CHECK(count <= MAX_PARAMS, "%s: %d parameters, the test holds %d", name, count,
               MAX_PARAMS))
        goto done;

    /* Parameters: the network's initial weights and random biases of
       magnitude 0.1 to 0.3 and either sign, so no gradient vanishes by
       symmetry and a relu unit whose inputs are all 0 is not at its kink. */
    rng_seed(&r, 20240611u);
    memcpy(p0, mlp_params(net), (size_t)count * sizeof(double));
    for (l = 1; l <= L; l++) {
        int b = mlp_layer_offset(net, l) + d.sizes[l - 1] * d.sizes[l];
        for (k = 0; k < d.sizes[l]; k++)
            p0[b + k] = (rng_uniform(&r) < 0.5 ? -1 : 1) * (0.1 + 0.2 * rng_uniform(&r));
    }
    /* Data: inputs uniform in [-1.5, 1.5] (for relu, only points clear of
       every kink), labels cycling over the classes, targets in [-1, 1]. */
    for (i = 0; i < MAX_CANDIDATES && n < N_POINTS; i++) {
        double *c = cand + (size_t)n * D;
        for (k = 0; k < D; k++)
            c[k] = 3.0 * rng_uniform(&r) - 1.5;
        labels[n] = (int32_t)(n % K);
        if (relu) {
            loss_ref(&d, p0, 1, c, NULL, NULL, &min_z, NULL);
            if (!(min_z >= KINK_MARGIN))
                continue;
        }
        n++;
    }
    if (!CHECK(n == N_POINTS, "%s: %d of %d points found clear of the relu kinks", name, n,
               N_POINTS))
        goto done;
    memcpy(x, cand, (size_t)N_POINTS * D * sizeof(double));
    for (i = 0; i < N_POINTS * K; i++)
        targets[i] = 2.0 * rng_uniform(&r) - 1.0;
    if (!CHECK(mlp_set_params(net, p0, count, &err) == MLP_OK, "%s: set_params (%d): %s", name,
               count, err.msg))
        goto done;
    if (!CHECK(mlp_set_data(net, N_POINTS, x, labels, targets, &err) == MLP_OK,
               "%s: set_data (%d points): %s", name, N_POINTS, err.msg))
        goto done;

    /* The network's loss against the reference forward pass. */
    loss = mlp_loss(net);
    ref = loss_ref(&d, p0, N_POINTS, x, labels, targets, &min_z, base);
    CHECK(fabs(loss - ref) <= 1e-13 * fabs(ref), "%s: mlp_loss %.17g, reference %.17g", name,
          loss, ref);
    if (relu)
        CHECK(min_z >= KINK_MARGIN, "%s: smallest |hidden pre-activation| %.3g, want >= %g",
              name, min_z, KINK_MARGIN);

    if (!run_to_gradients(net, name))
        goto done;
    CHECK(fabs(mlp_batch_loss(net) - loss) <= 1e-14 * fabs(loss),
          "%s: batch loss %.17g, mlp_loss %.17g (full batch: the same)", name,
          mlp_batch_loss(net), loss);
    memcpy(g, mlp_grads(net), (size_t)count * sizeof(double));

    /* Guard against passing trivially: every layer's W and b carry gradient. */
    for (l = 1; l <= L; l++) {
        int o = mlp_layer_offset(net, l), nw = d.sizes[l - 1] * d.sizes[l];
        double mw = 0.0, mb = 0.0;
        for (k = 0; k < nw; k++)
            mw = fmax(mw, fabs(g[o + k]));
        for (k = 0; k < d.sizes[l]; k++)
            mb = fmax(mb, fabs(g[o + nw + k]));
        CHECK(mw > 1e-6 && mb > 1e-6,
              "%s: layer %d (%d x %d): max |dW| %.3g, max |db| %.3g, want both > 1e-6", name, l,
              d.sizes[l - 1], d.sizes[l], mw, mb);
        max_g = fmax(max_g, fmax(mw, mb));
    }

    memcpy(p, p0, (size_t)count * sizeof(double));
    for (k = 0; k < count; k++) {
        const unsigned char *pat = relu ? base : NULL;
        double v = p0[k], num, plain, rel, rel_plain;
        double l2p = loss_at(net, p, count, k, v + 2 * H, x, pat, &crossings);
        double l1p = loss_at(net, p, count, k, v + H, x, pat, &crossings);
        double l1m = loss_at(net, p, count, k, v - H, x, pat, &crossings);
        double l2m = loss_at(net, p, count, k, v - 2 * H, x, pat, &crossings);
        double lpp = loss_at(net, p, count, k, v + H_PLAIN, x, NULL, &crossings);
        double lpm = loss_at(net, p, count, k, v - H_PLAIN, x, NULL, &crossings);
        num = (8.0 * (l1p - l1m) - (l2p - l2m)) / (12.0 * H); /* differences first */
        plain = (lpp - lpm) / ((v + H_PLAIN) - (v - H_PLAIN));
        rel = fabs(num - g[k]) / fmax(fabs(num) + fabs(g[k]), 1e-8);
        rel_plain = fabs(plain - g[k]) / fmax(fabs(plain) + fabs(g[k]), 1e-8);
        CHECK(rel < REL_TOL, "%s: param %d of %d: analytic %.12g, numeric %.12g, rel err %.3g",
              name, k, count, g[k], num, rel);
        if (rel > max_rel) {
            max_rel = rel;
            worst = k;
        }
        max_plain = fmax(max_plain, rel_plain);
    }
    if (relu)
        CHECK(crossings == 0, "%s: %d of %d perturbed evaluations crossed a relu kink, want 0",
              name, crossings, 4 * count);

    /* Restoring the parameters and recomputing gives the same gradient, bit for bit. */
    mlp_set_params(net, p0, count, NULL);
    if (run_to_gradients(net, name)) {
        memcpy(g2, mlp_grads(net), (size_t)count * sizeof(double));
        CHECK(memcmp(g, g2, (size_t)count * sizeof(double)) == 0,
              "%s: the %d gradients recomputed after restoring the parameters differ", name,
              count);
    }
    printf("%-24s %3d params, max |grad| %.3g, max rel err %.2g (param %d), "
           "plain h=1e-5: %.2g\n",
           name, count, max_g, max_rel, worst, max_plain);
    st->max_rel = fmax(st->max_rel, max_rel);
    st->max_rel_plain = fmax(st->max_rel_plain, max_plain);
done:
    mlp_destroy(net);
}

int main(void)
{
    static const arch archs[] = {
        {"3-6-4-5-3 softmax", 5, {3, 6, 4, 5, 3}, MLP_OUT_SOFTMAX},
        {"2-5-3-7-2 linear", 5, {2, 5, 3, 7, 2}, MLP_OUT_LINEAR},
        {"4-3-5 softmax", 3, {4, 3, 5}, MLP_OUT_SOFTMAX},
        {"2-8-1 linear", 3, {2, 8, 1}, MLP_OUT_LINEAR},
        {"3-2 softmax", 2, {3, 2}, MLP_OUT_SOFTMAX},
        {"1-6-3 linear", 3, {1, 6, 3}, MLP_OUT_LINEAR},
    };
    grad_stats st[4];
    int a, act;
    memset(st, 0, sizeof st);
    for (act = MLP_SIGMOID; act <= MLP_LINEAR; act++)
        for (a = 0; a < (int)(sizeof archs / sizeof archs[0]); a++)
            check_network(&archs[a], (mlp_activation)act, &st[act]);
    for (act = 0; act < 4; act++)
        printf("max relative gradient error, %-7s: %.2g (plain central difference, h = 1e-5: "
               "%.2g)\n",
               act_names[act], st[act].max_rel, st[act].max_rel_plain);
    return check_summary();
}

/* test_features.c: input features and weight penalties (unit maps and the
   errors of features: test_unit_maps.c).

   - Gradients with every one of the 127 non-empty feature sets: a network
     features -> 5 -> 3 (tanh or sigmoid, softmax or linear output, by the
     mask's parity) with random parameters and 13 points; the penalty cycles
     through none, L1 (lambda 0.05) and L2 (lambda 0.1) with the mask, so
     each penalty meets about 42 feature sets. The gradient after one
     iteration run phase by phase up to BACKWARD 1 (mlp_grads: data term +
     penalty) is compared with the fourth-order central difference of
     mlp_loss + mlp_reg_loss, h = 2^-10, relative error < 1e-6 (see
     test_gradients.c for why this formula). Every weight is kept at
     |w| >= 0.02, ten times the largest step 2h, so L1's kink at w = 0 is never
     crossed. Every layer's largest |dW| must exceed 1e-6 (no trivial pass).
   - The input layer's activations are the features, computed by the test's
     own formulas, exactly; mlp_loss and mlp_reg_loss equal the test's
     reference forward pass and penalty sum (relative 1e-13). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mlp.h"
#include "rng.h"

#define H (1.0 / 1024.0)
#define REL_TOL 1e-6
#define N_POINTS 13
#define HIDDEN 5
#define CLASSES 3
#define MAX_P 64

/* Feature id of x = (x1, x2), by the formulas of mlp.h's list. */
static double feature(int id, const double *x)
{
    switch (id) {
    case MLP_FEATURE_X1: return x[0];
    case MLP_FEATURE_X2: return x[1];
    case MLP_FEATURE_X1_SQUARED: return x[0] * x[0];
    case MLP_FEATURE_X2_SQUARED: return x[1] * x[1];
    case MLP_FEATURE_X1_TIMES_X2: return x[0] * x[1];
    case MLP_FEATURE_SIN_X1: return sin(x[0]);
    case MLP_FEATURE_SIN_X2: return sin(x[1]);
    }
    return NAN;
}

/* Data loss of a features -> HIDDEN -> CLASSES network by plain loops. */
static double loss_ref(const mlp_desc *d, const double *p, const double *x, const int32_t *y,
                       const double *t)
{
    int q, i, j, k, D = d->sizes[0];
    double total = 0.0;
    for (q = 0; q < N_POINTS; q++) {
        double a[8], h[HIDDEN], z[CLASSES];
        const double *W1 = p, *b1 = W1 + D * HIDDEN, *W2 = b1 + HIDDEN, *b2 = W2 + HIDDEN * CLASSES;
        for (i = 0, k = 0; k < MLP_FEATURE_COUNT; k++)
            if (d->features & MLP_FEATURE_BIT(k))
                a[i++] = feature(k, x + 2 * q);
        for (j = 0; j < HIDDEN; j++) {
            double s = b1[j];
            for (i = 0; i < D; i++)
                s += a[i] * W1[i * HIDDEN + j];
            h[j] = d->activation == MLP_TANH ? tanh(s) : 1.0 / (1.0 + exp(-s));
        }
        for (j = 0; j < CLASSES; j++) {
            z[j] = b2[j];
            for (i = 0; i < HIDDEN; i++)
                z[j] += h[i] * W2[i * CLASSES + j];
        }
        if (d->output == MLP_OUT_SOFTMAX) {
            double mx = fmax(z[0], fmax(z[1], z[2])), s = 0.0;
            for (j = 0; j < CLASSES; j++)
                s += exp(z[j] - mx);
            total += mx + log(s) - z[y[q]];
        } else {
            for (j = 0; j < CLASSES; j++)
                total += (z[j] - t[q * CLASSES + j]) * (z[j] - t[q * CLASSES + j]);
        }
    }
    return total / N_POINTS;
}

/* The penalty by its definition: weights only (the two W blocks). */
static double penalty_ref(const mlp_desc *d, const double *p)
{
    int D = d->sizes[0], k;
    double s = 0.0;
    const double *W2 = p + (D + 1) * HIDDEN;
    for (k = 0; k < D * HIDDEN + HIDDEN * CLASSES; k++) {
        double w = k < D * HIDDEN ? p[k] : W2[k - D * HIDDEN];
        s += d->regularization == MLP_REG_L1 ? fabs(w) : 0.5 * w * w;
    }
    return d->regularization == MLP_REG_NONE ? 0.0 : d->reg_rate * s;
}

static double objective(mlp *net, double *p, int count, int k, double v)
{
    double saved = p[k], f;
    p[k] = v;
    mlp_set_params(net, p, count, NULL);
    f = mlp_loss(net) + mlp_reg_loss(net);
    p[k] = saved;
    return f;
}

typedef struct {
    double max_rel[MLP_REG_COUNT];
    int nets[MLP_REG_COUNT], params;
} stats;

static void check_mask(uint32_t mask, rng_state *r, stats *st)
{
    static const char *const regs[] = {"none", "l1", "l2"};
    double p0[MAX_P], p[MAX_P], g[MAX_P], x[2 * N_POINTS], t[N_POINTS * CLASSES];
    int32_t y[N_POINTS];
    mlp_desc d;
    mlp_error err;
    mlp *net;
    int k, q, count, D = mlp_feature_count(mask), exact = 1, steps;
    double rel_max = 0.0, mw1 = 0.0, mw2 = 0.0, ref;
    mlp_desc_defaults(&d);
    d.sizes[0] = D;
    d.sizes[1] = HIDDEN;
    d.sizes[2] = CLASSES;
    d.features = mask;
    d.activation = mask & 1 ? MLP_TANH : MLP_SIGMOID;
    d.output = mask & 2 ? MLP_OUT_LINEAR : MLP_OUT_SOFTMAX;
    d.init = MLP_INIT_GLOROT;
    d.regularization = (mlp_regularization)(mask % 3);
    d.reg_rate = d.regularization == MLP_REG_L1 ? 0.05 : 0.1;
    net = mlp_create(&d, &err);
    if (!CHECK(net != NULL, "mask %u (%d features): mlp_create: %s", mask, D, err.msg))
        return;
    count = mlp_param_count(net);
    memcpy(p0, mlp_params(net), (size_t)count * sizeof(double));
    for (k = 0; k < count; k++) {            /* biases random; |w| >= 0.02 (L1's kink) */
        if (fabs(p0[k]) < 0.02 || p0[k] == 0.0)
            p0[k] = (rng_uniform(r) < 0.5 ? -1 : 1) * (0.02 + 0.2 * rng_uniform(r));
    }
    for (q = 0; q < N_POINTS; q++) {
        x[2 * q] = 3.0 * rng_uniform(r) - 1.5;
        x[2 * q + 1] = 3.0 * rng_uniform(r) - 1.5;
        y[q] = q % CLASSES;
    }
    for (k = 0; k < N_POINTS * CLASSES; k++)
        t[k] = 2.0 * rng_uniform(r) - 1.0;
    mlp_set_params(net, p0, count, NULL);
    if (!CHECK(mlp_set_data(net, N_POINTS, x, y, t, &err) == MLP_OK, "mask %u: set_data: %s",
               mask, err.msg))
        goto done;
    ref = loss_ref(&d, p0, x, y, t);
    CHECK(fabs(mlp_loss(net) - ref) <= 1e-13 * ref, "mask %u: mlp_loss %.17g, reference %.17g",
          mask, mlp_loss(net), ref);
    ref = penalty_ref(&d, p0);
    CHECK(fabs(mlp_reg_loss(net) - ref) <= 1e-13 * ref, "mask %u (%s): mlp_reg_loss %.17g, "
          "reference %.17g", mask, regs[d.regularization], mlp_reg_loss(net), ref);
    for (steps = 0; steps < 6; steps++)      /* FORWARD 1 .. BACKWARD 1 */
        mlp_phase_advance(net, NULL, NULL, NULL);
    for (q = 0; q < N_POINTS; q++) {         /* layer 0 holds the features, row by row */
        int row = 0;
        for (k = 0; k < MLP_FEATURE_COUNT; k++)
            if (mask & MLP_FEATURE_BIT(k))
                exact &= mlp_activations(net, 0)[row++ * N_POINTS + q] == feature(k, x + 2 * q);
    }
    CHECK(exact, "mask %u: input activations are not the %d features of the points", mask, D);
    memcpy(g, mlp_grads(net), (size_t)count * sizeof(double));
    for (k = 0; k < D * HIDDEN; k++)
        mw1 = fmax(mw1, fabs(g[k]));
    for (k = 0; k < HIDDEN * CLASSES; k++)
        mw2 = fmax(mw2, fabs(g[(D + 1) * HIDDEN + k]));
    CHECK(mw1 > 1e-6 && mw2 > 1e-6, "mask %u: max |dW1| %.3g, |dW2| %.3g, want > 1e-6", mask,
          mw1, mw2);
    memcpy(p, p0, (size_t)count * sizeof(double));
    for (k = 0; k < count; k++) {
        double v = p0[k], num, rel;
        double f2p = objective(net, p, count, k, v + 2 * H);
        double f1p = objective(net, p, count, k, v + H);
        double f1m = objective(net, p, count, k, v - H);
        double f2m = objective(net, p, count, k, v - 2 * H);
        num = (8.0 * (f1p - f1m) - (f2p - f2m)) / (12.0 * H);
        rel = fabs(num - g[k]) / fmax(fabs(num) + fabs(g[k]), 1e-8);
        CHECK(rel < REL_TOL, "mask %u (%s): param %d of %d: analytic %.12g, numeric %.12g, "
              "rel err %.3g", mask, regs[d.regularization], k, count, g[k], num, rel);
        rel_max = fmax(rel_max, rel);
    }
    st->max_rel[d.regularization] = fmax(st->max_rel[d.regularization], rel_max);
    st->nets[d.regularization]++;
    st->params += count;
done:
    mlp_destroy(net);
}

int main(void)
{
    stats st;
    rng_state r;
    uint32_t mask;
    int k;
    memset(&st, 0, sizeof st);
    rng_seed(&r, 777);
    for (mask = 1; mask <= MLP_FEATURE_ALL; mask++)
        check_mask(mask, &r, &st);
    for (k = 0; k < MLP_REG_COUNT; k++)
        printf("feature sets with penalty %-4s: %2d networks, max relative gradient error %.2g\n",
               mlp_regularization_name(k), st.nets[k], st.max_rel[k]);
    printf("%d parameters checked over %u feature sets\n", st.params, MLP_FEATURE_ALL);
    CHECK(st.nets[0] + st.nets[1] + st.nets[2] == 127, "%d feature sets checked, want 127",
          st.nets[0] + st.nets[1] + st.nets[2]);
    return check_summary();
}

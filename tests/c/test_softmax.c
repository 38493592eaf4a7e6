/* test_softmax.c: softmax and cross-entropy with huge logits.

   softmax_forward subtracts each point's largest score before
   exponentiating, so logits of +-1000 must give exact probabilities (1 for
   the winner, 0 where the true value e^-1000 or e^-2000 underflows to 0, 1/2
   or 1/K for exact ties) and a finite, exact loss; probabilities must always
   sum to 1. Checked on layers.h directly (K x m layout, points innermost) and
   through a network whose parameters make logits of +-1000 and more. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "layers.h"
#include "mlp.h"
#include "rng.h"

#define K 4

/* Logits per point (column), classes 0..3, the exact probabilities, the
   label and the exact cross-entropy of that label. */
typedef struct {
    double z[K];
    double p[K];
    int32_t label;
    double loss;
} column;

static const column cols[] = {
    {{1000, -1000, 0, -1000}, {1, 0, 0, 0}, 0, 0.0},
    {{1000, -1000, 0, -1000}, {1, 0, 0, 0}, 1, 2000.0},
    {{1000, -1000, 0, -1000}, {1, 0, 0, 0}, 2, 1000.0},
    {{-1000, -1000, -1000, 1000}, {0, 0, 0, 1}, 3, 0.0},
    {{-1000, -1000, -1000, 1000}, {0, 0, 0, 1}, 0, 2000.0},
    {{1000, 1000, -1000, -1000}, {0.5, 0.5, 0, 0}, 1, 0.69314718055994531},
    {{-1000, -1000, -1000, -1000}, {0.25, 0.25, 0.25, 0.25}, 2, 1.3862943611198906},
    {{1000, 1000, 1000, 1000}, {0.25, 0.25, 0.25, 0.25}, 3, 1.3862943611198906},
    {{1e300, -1e300, 0, 5}, {1, 0, 0, 0}, 0, 0.0},
};
#define M ((int)(sizeof cols / sizeof cols[0]))

static void check_layers(void)
{
    double z[K * M], p[K * M], lse[M], work[2 * M], dz[K * M];
    int32_t labels[M];
    double want_loss = 0.0, loss;
    int k, q, exact = 0;
    for (q = 0; q < M; q++) {
        for (k = 0; k < K; k++)
            z[k * M + q] = cols[q].z[k];
        labels[q] = cols[q].label;
        want_loss += cols[q].loss;
    }
    want_loss /= M;
    softmax_forward(p, lse, work, z, K, M);
    for (q = 0; q < M; q++) {
        double s = 0.0;
        for (k = 0; k < K; k++) {
            double got = p[k * M + q], want = cols[q].p[k];
            exact += got == want;
            CHECK(got == want, "point %d (z = %g, %g, %g, %g): p[%d] = %.17g, want exactly %.17g", q,
                  cols[q].z[0], cols[q].z[1], cols[q].z[2], cols[q].z[3], k, got, want);
            s += got;
        }
        CHECK(s == 1.0, "point %d: probabilities sum to 1 + %.3g, want exactly 1", q, s - 1.0);
        CHECK(isfinite(lse[q]), "point %d: log-sum-exp %.17g, want finite", q, lse[q]);
    }
    printf("softmax on logits of +-1000: %d of %d probabilities exact\n", exact, K * M);
    loss = cross_entropy_loss(z, lse, labels, K, M);
    CHECK(isfinite(loss) && fabs(loss - want_loss) <= 1e-15 * want_loss,
          "cross-entropy of %d points %.17g, want %.17g", M, loss, want_loss);
    /* Worst single-point loss is 2000 (the label's logit 2000 below the top). */
    softmax_xent_backward(dz, p, labels, K, M);
    for (q = 0; q < M; q++) {
        double s = 0.0;
        int finite = 1;
        for (k = 0; k < K; k++) {
            finite &= isfinite(dz[k * M + q]);
            s += dz[k * M + q];
        }
        CHECK(finite && fabs(s) <= 1e-16,
              "point %d: dL/dz finite (%d) and summing to %.3g over the %d classes, want 0", q,
              finite, s, K);
    }
}

/* Random logits of every scale: the sum is 1 to rounding and the result
   matches a long double reference. */
static void check_random(void)
{
    enum { N = 1000 };
    static double z[K * N], p[K * N], lse[N], work[2 * N];
    rng_state r;
    double worst_sum = 0.0, worst_rel = 0.0, worst_lse = 0.0;
    int k, q;
    rng_seed(&r, 7);
    for (q = 0; q < N; q++) {
        double scale = pow(10.0, 6.0 * rng_uniform(&r) - 3.0); /* 1e-3 .. 1e3 */
        for (k = 0; k < K; k++)
            z[k * N + q] = scale * (2.0 * rng_uniform(&r) - 1.0);
    }
    softmax_forward(p, lse, work, z, K, N);
    for (q = 0; q < N; q++) {
        long double mx = z[q], s = 0.0L, ref_lse;
        double sum = 0.0;
        for (k = 1; k < K; k++)
            mx = z[k * N + q] > mx ? z[k * N + q] : mx;
        for (k = 0; k < K; k++)
            s += expl(z[k * N + q] - mx);
        ref_lse = mx + logl(s);
        for (k = 0; k < K; k++) {
            long double ref = expl(z[k * N + q] - mx) / s;
            double got = p[k * N + q];
            sum += got;
            /* Rounding z_k - max costs up to |z_k - max| eps relatively. */
            if (ref > 1e-300L)
                worst_rel = fmax(worst_rel, (double)(fabsl(got - ref) / ref) /
                                                (1.0 + fabs(z[k * N + q] - (double)mx)));
        }
        worst_sum = fmax(worst_sum, fabs(sum - 1.0));
        worst_lse = fmax(worst_lse, (double)(fabsl(lse[q] - ref_lse) / fmaxl(fabsl(ref_lse), 1.0L)));
    }
    CHECK(worst_sum <= 4 * DBL_EPSILON, "%d random points: max |sum p - 1| %.3g, want <= %.3g", N,
          worst_sum, 4 * DBL_EPSILON);
    CHECK(worst_rel <= 1e-15,
          "%d random points: max rel err of p / (1 + |z - max|) %.3g, want <= 1e-15", N,
          worst_rel);
    CHECK(worst_lse <= 1e-15, "%d random points: max rel err of log-sum-exp %.3g, want <= 1e-15",
          N, worst_lse);
    printf("random logits: max |sum - 1| %.3g, max rel err p / (1 + |z - max|) %.3g, log-sum-exp %.3g\n", worst_sum,
           worst_rel, worst_lse);
}

/* A 2 -> 4 network (no hidden layer) with W = 500 * (class centre) and the
   quadrant corners as data: the logit of the right class is 1000, the others
   0 or -1000. */
static void check_network(void)
{
    static const double cx[4] = {1, -1, -1, 1}, cy[4] = {1, 1, -1, -1};
    double x[8], params[12], out[16];
    int32_t labels[4], wrong[4];
    mlp_desc d;
    mlp_error err;
    mlp *net;
    int i, k, exact = 0;
    float fgrid[5 * 5 * 4];

    mlp_desc_defaults(&d);
    d.n_sizes = 2;
    d.sizes[0] = 2;
    d.sizes[1] = 4;
    net = mlp_create(&d, &err);
    if (!CHECK(net != NULL, "mlp_create 2 -> 4: %s", err.msg))
        return;
    CHECK(mlp_param_count(net) == 12, "2 -> 4 network has %d parameters, want 12",
          mlp_param_count(net));
    for (k = 0; k < 4; k++) {
        params[0 * 4 + k] = 500.0 * cx[k]; /* W[0][k]: input x into class k */
        params[1 * 4 + k] = 500.0 * cy[k]; /* W[1][k]: input y into class k */
        params[8 + k] = 0.0;               /* b[k] */
    }
    for (i = 0; i < 4; i++) {
        x[2 * i] = cx[i];
        x[2 * i + 1] = cy[i];
        labels[i] = i;
        wrong[i] = (i + 2) % 4; /* the opposite corner: logit -1000 */
    }
    CHECK(mlp_set_params(net, params, 12, &err) == MLP_OK, "set_params (12): %s", err.msg);
    CHECK(mlp_set_data(net, 4, x, labels, NULL, &err) == MLP_OK, "set_data (4 points): %s",
          err.msg);
    CHECK(mlp_loss(net) == 0.0, "loss with logits +1000 on the right class %.17g, want 0",
          mlp_loss(net));
    CHECK(mlp_accuracy(net) == 1.0, "accuracy %.17g, want 1", mlp_accuracy(net));

    CHECK(mlp_predict(net, x, 4, out, &err) == MLP_OK, "predict (4 points): %s", err.msg);
    for (i = 0; i < 4; i++) {
        double s = 0.0;
        for (k = 0; k < 4; k++) {
            double want = k == i ? 1.0 : 0.0;
            exact += out[i * 4 + k] == want;
            CHECK(out[i * 4 + k] == want, "predict point %d class %d: p = %.17g, want exactly %g",
                  i, k, out[i * 4 + k], want);
            s += out[i * 4 + k];
        }
        CHECK(s == 1.0, "predict point %d: probabilities sum to 1 + %.3g", i, s - 1.0);
    }
    printf("network with logits of +-1000: %d of 16 predicted probabilities exact\n", exact);

    /* One training step: the gradient is finite and the run does not diverge. */
    CHECK(mlp_step(net, 1, &err) == MLP_OK, "step: %s", err.msg);
    CHECK(!mlp_diverged(net), "diverged %d after one step at loss 0, want 0", mlp_diverged(net));
    CHECK(isfinite(mlp_batch_loss(net)), "batch loss %.17g, want finite", mlp_batch_loss(net));
    for (k = 0; k < 12; k++)
        CHECK(isfinite(mlp_grads(net)[k]), "grad[%d] = %g, want finite", k, mlp_grads(net)[k]);

    /* Every label wrong by the full margin: loss exactly 2000, still finite. */
    CHECK(mlp_set_params(net, params, 12, &err) == MLP_OK, "set_params (12): %s", err.msg);
    CHECK(mlp_set_data(net, 4, x, wrong, NULL, &err) == MLP_OK, "set_data (4 points): %s",
          err.msg);
    CHECK(mlp_loss(net) == 2000.0, "loss with the label's logit 2000 below the top %.17g, want 2000",
          mlp_loss(net));
    CHECK(mlp_accuracy(net) == 0.0, "accuracy %.17g, want 0", mlp_accuracy(net));
    CHECK(mlp_step(net, 1, &err) == MLP_OK, "step: %s", err.msg);
    CHECK(isfinite(mlp_batch_loss(net)) && mlp_batch_loss(net) == 2000.0,
          "batch loss %.17g, want 2000", mlp_batch_loss(net));
    CHECK(!mlp_diverged(net), "diverged %d after a step at loss 2000, want 0", mlp_diverged(net));
    for (k = 0; k < 12; k++) {
        CHECK(isfinite(mlp_grads(net)[k]) && fabs(mlp_grads(net)[k]) <= 2.0,
              "grad[%d] = %g, want finite, |g| <= 2", k, mlp_grads(net)[k]);
        CHECK(isfinite(mlp_params(net)[k]), "param[%d] = %g, want finite", k, mlp_params(net)[k]);
    }

    /* Logits up to 1e6 over a grid: probabilities finite, summing to 1. */
    for (k = 0; k < 12; k++)
        params[k] *= 1000.0;
    CHECK(mlp_set_params(net, params, 12, &err) == MLP_OK, "set_params x1000: %s", err.msg);
    CHECK(mlp_predict_grid(net, -1, 1, -1, 1, 5, 5, fgrid, &err) == MLP_OK, "predict_grid 5x5: %s",
          err.msg);
    {
        int pix, bad = 0;
        for (pix = 0; pix < 25; pix++) {
            double s = 0.0;
            for (k = 0; k < 4; k++) {
                bad += !(fgrid[pix * 4 + k] >= 0.0f && fgrid[pix * 4 + k] <= 1.0f);
                s += fgrid[pix * 4 + k];
            }
            bad += !(fabs(s - 1.0) <= 1e-6);
        }
        CHECK(bad == 0, "5x5 grid with logits up to 1e6: %d bad probabilities or sums", bad);
    }
    mlp_destroy(net);
}

int main(void)
{
    check_layers();
    check_random();
    check_network();
    return check_summary();
}

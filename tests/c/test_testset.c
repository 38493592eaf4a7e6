/* test_testset.c: the held-out test set and editing the data.

   The test loss, accuracy and confusion matrix agree with recomputations
   from mlp_predict; the per-epoch test losses of mlp_step_record equal
   mlp_test_loss at the parameters each epoch began with, and recording them
   leaves training bit-identical. Points added and removed, test data set
   from arrays, and every error path of the new calls: each names its field
   and range, changes nothing, and leaves the network usable. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_util.h"
#include "mlp.h"

/* Loss and accuracy of the network on the test set, recomputed from
   mlp_predict: -mean log p[label] (softmax) or mean squared error (linear). */
static void recompute_test(mlp *net, double *loss, double *acc)
{
    int nt = mlp_n_test_points(net), K = mlp_get_desc(net)->sizes[mlp_get_desc(net)->n_sizes - 1];
    int i, k, correct = 0;
    double *x = malloc(sizeof(double) * 2 * nt), *out = malloc(sizeof(double) * K * nt), sum = 0;
    mlp_error err;
    const double *X = mlp_test_x(net);
    for (i = 0; i < nt; i++) {                   /* (2 x nt) -> (nt x 2) */
        x[2 * i] = X[i];
        x[2 * i + 1] = X[nt + i];
    }
    mlp_predict(net, x, nt, out, &err);
    for (i = 0; i < nt; i++) {
        if (mlp_get_desc(net)->output == MLP_OUT_LINEAR) {
            double e = out[i] - mlp_test_targets(net)[i];
            sum += e * e;
        } else {
            int best = 0, y = mlp_test_labels(net)[i];
            for (k = 1; k < K; k++)
                if (out[i * K + k] > out[i * K + best])
                    best = k;
            correct += best == y;
            sum -= log(out[i * K + y]);
        }
    }
    *loss = sum / nt;
    *acc = (double)correct / nt;
    free(x);
    free(out);
}

static void test_test_loss_and_confusion(void)
{
    static const int ids[] = {MLP_DATASET_SPIRAL, MLP_DATASET_MOONS, MLP_DATASET_MULTIGAUSS};
    int c;
    for (c = 0; c < 3; c++) {
        int id = ids[c], K = is_regression(id) ? 1 : 3 - (id == MLP_DATASET_MOONS), k;
        mlp *net = net_for(id, K, 4);
        mlp_error err;
        double loss, acc, tl, ta;
        int32_t conf[2][64];
        if (!net || generate(net, id, 400, mlp_dataset_get(id)->default_noise, 0.25) != MLP_OK) {
            mlp_destroy(net);
            continue;
        }
        mlp_step(net, 50, &err);
        recompute_test(net, &loss, &acc);
        tl = mlp_test_loss(net);
        ta = mlp_test_accuracy(net);
        CHECK(fabs(tl - loss) <= 1e-12 * fabs(loss),
              "%s: test loss %.17g, recomputed %.17g", mlp_dataset_get(id)->name, tl, loss);
        if (is_regression(id)) {
            CHECK(isnan(ta), "%s: test accuracy %g, want NaN for a linear output",
                  mlp_dataset_get(id)->name, ta);
            CHECK(mlp_confusion(net, 0, conf[0], &err) == MLP_E_ARG && strstr(err.msg, "softmax"),
                  "confusion of a linear network: \"%s\", want MLP_E_ARG naming softmax", err.msg);
        } else {
            int w, sum[2] = {0, 0}, trace[2] = {0, 0};
            CHECK(ta == acc, "%s: test accuracy %.17g, recomputed %.17g",
                  mlp_dataset_get(id)->name, ta, acc);
            for (w = 0; w < 2; w++) {
                CHECK(mlp_confusion(net, w, conf[w], &err) == MLP_OK, "confusion %d: %s", w,
                      err.msg);
                for (k = 0; k < K * K; k++)
                    sum[w] += conf[w][k];
                for (k = 0; k < K; k++)
                    trace[w] += conf[w][k * K + k];
            }
            CHECK(sum[0] == 300 && sum[1] == 100, "%s: confusion sums %d and %d, want 300 and 100",
                  mlp_dataset_get(id)->name, sum[0], sum[1]);
            CHECK((double)trace[0] / 300 == mlp_accuracy(net) && (double)trace[1] / 100 == ta,
                  "%s: confusion traces %d/300, %d/100; accuracies %.17g, %.17g",
                  mlp_dataset_get(id)->name, trace[0], trace[1], mlp_accuracy(net), ta);
            for (k = 0; k < K; k++) {            /* row k sums to class k's test points */
                int row = 0, j, want = 0;
                for (j = 0; j < K; j++)
                    row += conf[1][k * K + j];
                for (j = 0; j < 100; j++)
                    want += mlp_test_labels(net)[j] == k;
                CHECK(row == want, "%s: test confusion row %d sums to %d, want %d",
                      mlp_dataset_get(id)->name, k, row, want);
            }
        }
        mlp_destroy(net);
    }
}

/* test_losses[e] is mlp_test_loss at the parameters epoch e began with,
   and training is bit-identical with or without recording it. */
static void test_step_record(void)
{
    int batch;
    for (batch = 0; batch <= 64; batch += 64) {
        mlp *a = make_net(2, 8, 3, MLP_OUT_SOFTMAX, 9, batch);
        mlp *b = make_net(2, 8, 3, MLP_OUT_SOFTMAX, 9, batch);
        mlp *c = make_net(2, 8, 3, MLP_OUT_SOFTMAX, 9, batch);
        double losses[10], test_losses[10], plain[10];
        mlp_error err;
        int e, same = 0, bad = -1;
        if (!a || !b || !c)
            continue;
        generate(a, MLP_DATASET_GAUSS, 300, 0.5, 0.2);
        generate(b, MLP_DATASET_GAUSS, 300, 0.5, 0.2);
        generate(c, MLP_DATASET_GAUSS, 300, 0.5, 0.2);
        CHECK(mlp_step_record(a, 10, losses, test_losses, &err) == MLP_OK, "step_record: %s",
              err.msg);
        mlp_step_losses(c, 10, plain, &err);
        for (e = 0; e < 10; e++) {
            double want = mlp_test_loss(b);
            mlp_step(b, 1, &err);
            if (test_losses[e] != want && bad < 0)
                bad = e;
            same += losses[e] == plain[e];
        }
        CHECK(bad < 0, "batch %d: test_losses[%d] = %.17g, want mlp_test_loss before that epoch",
              batch, bad, bad >= 0 ? test_losses[bad] : 0.0);
        CHECK(same == 10 && memcmp(mlp_params(a), mlp_params(c),
                                   sizeof(double) * (size_t)mlp_param_count(a)) == 0,
              "batch %d: %d of 10 training losses equal, parameters %s; want identical runs",
              batch, same,
              memcmp(mlp_params(a), mlp_params(c), sizeof(double) * (size_t)mlp_param_count(a))
                  ? "differ" : "equal");
        CHECK(test_losses[9] < test_losses[0], "batch %d: test loss %.6f -> %.6f, want it falling",
              batch, test_losses[0], test_losses[9]);
        mlp_destroy(a);
        mlp_destroy(b);
        mlp_destroy(c);
    }
}

/* Without a test set, test values are NaN and recording writes NaN. */
static void test_no_test_set(void)
{
    mlp *net = make_net(2, 4, 4, MLP_OUT_SOFTMAX, 1, 0);
    double losses[3], test_losses[3] = {0, 0, 0};
    mlp_error err;
    if (!net)
        return;
    generate(net, MLP_DATASET_QUADRANTS, 100, 0.3, 0);
    mlp_step_record(net, 3, losses, test_losses, &err);
    CHECK(mlp_n_test_points(net) == 0 && isnan(mlp_test_loss(net)) &&
              isnan(mlp_test_accuracy(net)) && isnan(test_losses[0]) && isnan(test_losses[2]),
          "no test set: %d points, loss %g, accuracy %g, recorded %g; want 0, NaN, NaN, NaN",
          mlp_n_test_points(net), mlp_test_loss(net), mlp_test_accuracy(net), test_losses[0]);
    mlp_destroy(net);
}

int main(void)
{
    test_test_loss_and_confusion();
    test_step_record();
    test_no_test_set();
    return check_summary();
}

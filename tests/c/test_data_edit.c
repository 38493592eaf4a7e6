/* test_data_edit.c: editing the data (mlp_add_point, mlp_remove_point,
   mlp_set_test_data) and every error path of the dataset calls.

   An edited set must equal the same points given at once to mlp_set_data
   (same loss, same training run bit for bit); adding 300 points one by one
   may move the buffers only a handful of times (they double). Each invalid
   call must return MLP_E_ARG with a message holding the field and its range
   exactly, leave the data as it was, and leave the network usable. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_util.h"
#include "mlp.h"

/* An invalid call: its status, err.code and message (which must contain want). */
static void expect_fail(int status, const mlp_error *err, const char *want, int line)
{
    check_report(status == MLP_E_ARG && err->code == MLP_E_ARG, __FILE__, line, want,
                 "status %d, err.code %d, want %d", status, (int)err->code, MLP_E_ARG);
    check_report(strstr(err->msg, want) != NULL, __FILE__, line, want,
                 "message \"%s\" should contain \"%s\"", err->msg, want);
}

#define FAILS(want, call) expect_fail((call), &err, (want), __LINE__)

/* The training set of net as row-major x (n x 2) and labels, for mlp_set_data. */
static void rows_of(const mlp *net, double *x, int32_t *labels, double *targets)
{
    int i, n = mlp_n_points(net);
    for (i = 0; i < n; i++) {
        x[2 * i] = mlp_data_x(net)[i];
        x[2 * i + 1] = mlp_data_x(net)[n + i];
        if (labels)
            labels[i] = mlp_data_labels(net)[i];
        if (targets)
            targets[i] = mlp_data_targets(net)[i];
    }
}

/* net and a copy made by mlp_set_data from its points and its parameters
   must give the same loss and, after 5 epochs, the same parameters. */
static void same_as_set_data(mlp *net, int linear, const char *what)
{
    int n = mlp_n_points(net), K = linear ? 1 : 4;
    mlp *b = make_net(2, 4, K, linear ? MLP_OUT_LINEAR : MLP_OUT_SOFTMAX, 1, 0);
    double *x = malloc(sizeof(double) * 2 * (n + 1)), *t = malloc(sizeof(double) * (n + 1));
    int32_t *y = malloc(sizeof(int32_t) * (n + 1));
    mlp_error err;
    if (!b || !x || !t || !y)
        goto done;
    rows_of(net, x, linear ? NULL : y, linear ? t : NULL);
    mlp_set_data(b, n, x, y, t, &err);
    mlp_set_params(b, mlp_params(net), mlp_param_count(net), &err);
    CHECK(mlp_loss(net) == mlp_loss(b), "%s: loss %.17g, the same points set at once %.17g", what,
          mlp_loss(net), mlp_loss(b));
    mlp_step(net, 5, &err);
    mlp_step(b, 5, &err);
    CHECK(memcmp(mlp_params(net), mlp_params(b), sizeof(double) * (size_t)mlp_param_count(b)) == 0,
          "%s: 5 epochs give other parameters than the same points set at once (loss %.17g vs "
          "%.17g)", what, mlp_loss(net), mlp_loss(b));
done:
    free(x);
    free(t);
    free(y);
    mlp_destroy(b);
}

static void test_add_point(void)
{
    mlp *net = make_net(2, 4, 4, MLP_OUT_SOFTMAX, 1, 0);
    double p0[32], x[2] = {0.5, -0.5}, first[20];
    const double *buf;
    mlp_error err;
    int i, moves = 0, ok = 1;
    if (!net)
        return;
    generate(net, MLP_DATASET_QUADRANTS, 13, 0.3, 0.2);  /* 10 train + 3 test */
    memcpy(first, mlp_data_x(net), sizeof first);
    mlp_step(net, 3, &err);
    memcpy(p0, mlp_params(net), sizeof p0);
    CHECK(mlp_add_point(net, x, 3, NULL, &err) == MLP_OK, "add_point: %s", err.msg);
    CHECK(mlp_n_points(net) == 11 && mlp_n_test_points(net) == 3 && mlp_epoch(net) == 3 &&
              mlp_current_phase(net, NULL) == MLP_PHASE_INIT,
          "after adding: %d points, %d test, epoch %ld, phase %d; want 11, 3, 3, 0",
          mlp_n_points(net), mlp_n_test_points(net), mlp_epoch(net),
          (int)mlp_current_phase(net, NULL));
    for (i = 0; i < 10; i++)                     /* rows re-laid with stride 11 */
        ok &= mlp_data_x(net)[i] == first[i] && mlp_data_x(net)[11 + i] == first[10 + i];
    CHECK(ok && mlp_data_x(net)[10] == 0.5 && mlp_data_x(net)[21] == -0.5 &&
              mlp_data_labels(net)[10] == 3 && memcmp(p0, mlp_params(net), sizeof p0) == 0,
          "after adding: old points %s, new point (%g, %g) label %d, parameters %s",
          ok ? "kept" : "changed", mlp_data_x(net)[10], mlp_data_x(net)[21],
          (int)mlp_data_labels(net)[10], memcmp(p0, mlp_params(net), sizeof p0) ? "changed" : "kept");
    buf = mlp_data_x(net);
    for (i = 0; i < 300; i++) {                  /* a reader clicking 300 points */
        double q[2] = {sin(i), cos(3.0 * i)};
        mlp_add_point(net, q, i % 4, NULL, &err);
        moves += mlp_data_x(net) != buf;
        buf = mlp_data_x(net);
    }
    CHECK(mlp_n_points(net) == 311 && moves <= 5,
          "300 more points: %d points, buffers moved %d times; want 311, <= 5", mlp_n_points(net),
          moves);
    same_as_set_data(net, 0, "311 added points");
    mlp_destroy(net);
}

static void test_remove_point(void)
{
    static const int order[] = {0, 5, 7};        /* first, middle, last of what is left */
    mlp *net = make_net(2, 4, 1, MLP_OUT_LINEAR, 1, 0);
    double x[20], t[10], q[2] = {1, 1}, one = 0.5;
    mlp_error err;
    int r, i, n = 10, ok = 1;
    if (!net)
        return;
    generate(net, MLP_DATASET_PLANE, 10, 0.05, 0);
    rows_of(net, x, NULL, t);
    for (r = 0; r < 3; r++) {
        int at = order[r];
        CHECK(mlp_remove_point(net, at, &err) == MLP_OK, "remove %d: %s", at, err.msg);
        memmove(x + 2 * at, x + 2 * at + 2, sizeof(double) * 2 * (size_t)(n - at - 1));
        memmove(t + at, t + at + 1, sizeof(double) * (size_t)(n - at - 1));
        n--;
        for (i = 0; i < n; i++)
            ok &= mlp_data_x(net)[i] == x[2 * i] && mlp_data_x(net)[n + i] == x[2 * i + 1] &&
                  mlp_data_targets(net)[i] == t[i];
    }
    CHECK(ok && mlp_n_points(net) == 7, "after removing 3 of 10: %d points, %s", mlp_n_points(net),
          ok ? "the rest in order" : "wrong points left");
    same_as_set_data(net, 1, "7 points left");
    while (mlp_n_points(net) > 0)
        mlp_remove_point(net, 0, &err);
    CHECK(mlp_step(net, 1, &err) == MLP_E_STATE && isnan(mlp_loss(net)),
          "no points left: step status %d, loss %g; want %d, NaN", mlp_step(net, 1, &err),
          mlp_loss(net), MLP_E_STATE);
    FAILS("index must be a training point, but there are none", mlp_remove_point(net, 0, &err));
    r = mlp_add_point(net, q, 0, &one, &err);
    if (r == MLP_OK)
        r = mlp_step(net, 2, &err);
    CHECK(r == MLP_OK && mlp_n_points(net) == 1 && mlp_epoch(net) == 7,
          "one point added to an empty set: %d points, epoch %ld; want 1, 7 (%s)",
          mlp_n_points(net), mlp_epoch(net), err.msg);
    mlp_destroy(net);
}

static void test_set_test_data(void)
{
    mlp *net = make_net(2, 4, 4, MLP_OUT_SOFTMAX, 1, 0);
    double x[6] = {1, 2, 3, 4, 5, 6};
    int32_t y[3] = {0, 3, 1};
    mlp_error err;
    if (!net)
        return;
    generate(net, MLP_DATASET_QUADRANTS, 50, 0.3, 0);
    CHECK(mlp_set_test_data(net, 3, x, y, NULL, &err) == MLP_OK, "set_test_data: %s", err.msg);
    CHECK(mlp_n_test_points(net) == 3 && mlp_n_points(net) == 50 && mlp_test_x(net)[1] == 3 &&
              mlp_test_x(net)[3] == 2 && mlp_test_labels(net)[1] == 3 && isfinite(mlp_test_loss(net)),
          "test set of 3: %d test / %d training points, x[1] %g, y row x[3] %g, label %d, loss %g",
          mlp_n_test_points(net), mlp_n_points(net), mlp_test_x(net)[1], mlp_test_x(net)[3],
          (int)mlp_test_labels(net)[1], mlp_test_loss(net));
    CHECK(mlp_set_test_data(net, 0, NULL, NULL, NULL, &err) == MLP_OK && mlp_n_test_points(net) == 0 &&
              isnan(mlp_test_loss(net)),
          "an empty test set: %d points, loss %g; want 0, NaN", mlp_n_test_points(net),
          mlp_test_loss(net));
    mlp_set_test_data(net, 3, x, y, NULL, &err);
    mlp_set_data(net, 3, x, y, NULL, &err);
    CHECK(mlp_n_test_points(net) == 0, "mlp_set_data left %d test points, want 0",
          mlp_n_test_points(net));
    mlp_destroy(net);
}

/* mlp_data_generate with one field changed from a valid request. */
static int gen(mlp *net, int id, int points, double noise, int classes, double fraction,
               mlp_error *err)
{
    mlp_dataset_desc d;
    d.dataset = id;
    d.points = points;
    d.noise = noise;
    d.classes = classes;
    d.test_fraction = fraction;
    return mlp_data_generate(net, &d, err);
}

static void test_generate_errors(mlp *net4, mlp *net3, mlp *lin)
{
    mlp_error err;
    FAILS("network must not be NULL", gen(NULL, 0, 100, 0.1, 0, 0, &err));
    FAILS("dataset desc must not be NULL", mlp_data_generate(net4, NULL, &err));
    FAILS("dataset must be an integer from 0 to 10, got -1", gen(net4, -1, 100, 0.1, 0, 0, &err));
    FAILS("dataset must be an integer from 0 to 10, got 11", gen(net4, 11, 100, 0.1, 0, 0, &err));
    FAILS("points must be an integer from 10 to 10000, got 9", gen(net4, 0, 9, 0.1, 0, 0, &err));
    FAILS("points must be an integer from 10 to 10000, got 10001",
          gen(net4, 0, 10001, 0.1, 0, 0, &err));
    FAILS("noise (circle) must be a number from 0 to 0.5, got -0.1",
          gen(net3, MLP_DATASET_CIRCLE, 100, -0.1, 0, 0, &err));
    FAILS("noise (circle) must be a number from 0 to 0.5, got 0.51",
          gen(net3, MLP_DATASET_CIRCLE, 100, 0.51, 0, 0, &err));
    FAILS("noise (spiral) must be a number from 0 to 0.3, got NaN",
          gen(net3, MLP_DATASET_SPIRAL, 100, NAN, 0, 0, &err));
    FAILS("noise (quadrants) must be a number from 0 to 0.6, got Infinity",
          gen(net4, 0, 100, INFINITY, 0, 0, &err));
    FAILS("classes (xor) must be an integer from 2 to 2, got 3",
          gen(net3, MLP_DATASET_XOR, 100, 0.1, 3, 0, &err));
    FAILS("classes (gauss) must be an integer from 2 to 8, got 9",
          gen(net3, MLP_DATASET_GAUSS, 100, 0.1, 9, 0, &err));
    FAILS("classes (spiral) must be an integer from 2 to 8, got 1",
          gen(net3, MLP_DATASET_SPIRAL, 100, 0.1, 1, 0, &err));
    FAILS("classes must equal the network's outputs (4), got 3",
          gen(net4, MLP_DATASET_GAUSS, 100, 0.1, 3, 0, &err));
    FAILS("testFraction must be a number from 0 to 0.9, got -0.1",
          gen(net4, 0, 100, 0.1, 0, -0.1, &err));
    FAILS("testFraction must be a number from 0 to 0.9, got 0.95",
          gen(net4, 0, 100, 0.1, 0, 0.95, &err));
    FAILS("testFraction must be a number from 0 to 0.9, got NaN",
          gen(net4, 0, 100, 0.1, 0, NAN, &err));
    FAILS("dataset 'xor' needs layers [2, ..., 2] with a softmax output",
          gen(net4, MLP_DATASET_XOR, 100, 0.1, 0, 0, &err));
    FAILS("dataset 'quadrants' needs layers [2, ..., 4] with a softmax output",
          gen(net3, MLP_DATASET_QUADRANTS, 100, 0.1, 0, 0, &err));
    FAILS("dataset 'plane' needs layers [2, ..., 1] with a linear output",
          gen(net4, MLP_DATASET_PLANE, 100, 0.1, 0, 0, &err));
    FAILS("dataset 'gauss' needs layers [2, ..., K], K classes from 2 to 8, with a softmax output",
          gen(lin, MLP_DATASET_GAUSS, 100, 0.1, 0, 0, &err));
}

static void test_edit_errors(mlp *net4, mlp *lin)
{
    mlp_error err;
    double x[2] = {0, NAN}, ok[2] = {0.5, 0.5}, big = 1e7, xs[6] = {0, 0, 1, 1, 2, 2};
    int32_t ys[3] = {0, 1, 7};
    int32_t conf[16];
    FAILS("network must not be NULL", mlp_add_point(NULL, ok, 0, NULL, &err));
    FAILS("x must hold 2 values (inputs)", mlp_add_point(net4, NULL, 0, NULL, &err));
    FAILS("x[1] must be a number from -1000000 to 1000000, got NaN",
          mlp_add_point(net4, x, 0, NULL, &err));
    FAILS("label must be a class from 0 to 3, got 4", mlp_add_point(net4, ok, 4, NULL, &err));
    FAILS("label must be a class from 0 to 3, got -1", mlp_add_point(net4, ok, -1, NULL, &err));
    FAILS("target must hold 1 values (outputs)", mlp_add_point(lin, ok, 0, NULL, &err));
    FAILS("target[0] must be a number from -1000000 to 1000000, got 10000000",
          mlp_add_point(lin, ok, 0, &big, &err));
    FAILS("network must not be NULL", mlp_remove_point(NULL, 0, &err));
    FAILS("index must be an integer from 0 to 99, got 100", mlp_remove_point(net4, 100, &err));
    FAILS("index must be an integer from 0 to 99, got -1", mlp_remove_point(net4, -1, &err));
    FAILS("number of test points must be an integer from 0 to 10000, got -1",
          mlp_set_test_data(net4, -1, xs, ys, NULL, &err));
    FAILS("number of test points must be an integer from 0 to 10000, got 10001",
          mlp_set_test_data(net4, 10001, xs, ys, NULL, &err));
    FAILS("x must hold 6 values", mlp_set_test_data(net4, 3, NULL, ys, NULL, &err));
    FAILS("y[2] must be a class from 0 to 3, got 7", mlp_set_test_data(net4, 3, xs, ys, NULL, &err));
    FAILS("y must hold 3 target values", mlp_set_test_data(lin, 3, xs, NULL, NULL, &err));
    FAILS("which must be 0 (training set) or 1 (test set), got 2", mlp_confusion(net4, 2, conf, &err));
    FAILS("output must not be NULL", mlp_confusion(net4, 1, NULL, &err));
    FAILS("a confusion matrix needs a softmax", mlp_confusion(lin, 0, conf, &err));
    FAILS("epochs must be an integer from 1 to 1000000, got 0",
          mlp_step_record(net4, 0, NULL, NULL, &err));
}

/* Every failed call leaves the data as it was and the network usable. */
static void test_errors_change_nothing(void)
{
    mlp *net4 = make_net(2, 4, 4, MLP_OUT_SOFTMAX, 1, 0), *net3 = make_net(2, 4, 3, MLP_OUT_SOFTMAX, 1, 0);
    mlp *lin = make_net(2, 4, 1, MLP_OUT_LINEAR, 1, 0), *full = make_net(2, 4, 4, MLP_OUT_SOFTMAX, 1, 0);
    mlp *fresh = make_net(2, 4, 4, MLP_OUT_SOFTMAX, 1, 0);
    double before[200], q[2] = {0, 0};
    mlp_error err;
    if (!net4 || !net3 || !lin || !full || !fresh)
        return;
    generate(net4, MLP_DATASET_QUADRANTS, 125, 0.3, 0.2);
    generate(fresh, MLP_DATASET_QUADRANTS, 125, 0.3, 0.2);
    generate(net3, MLP_DATASET_GAUSS, 60, 0.3, 0);
    generate(lin, MLP_DATASET_PLANE, 60, 0.1, 0);
    memcpy(before, mlp_data_x(net4), sizeof before);
    test_generate_errors(net4, net3, lin);
    test_edit_errors(net4, lin);
    CHECK(mlp_n_points(net4) == 100 && mlp_n_test_points(net4) == 25 &&
              memcmp(before, mlp_data_x(net4), sizeof before) == 0,
          "after the failed calls: %d + %d points, data %s; want 100 + 25, unchanged",
          mlp_n_points(net4), mlp_n_test_points(net4),
          memcmp(before, mlp_data_x(net4), sizeof before) ? "changed" : "unchanged");
    mlp_step(net4, 10, &err);
    mlp_step(fresh, 10, &err);
    CHECK(mlp_test_loss(net4) == mlp_test_loss(fresh) &&
              memcmp(mlp_params(net4), mlp_params(fresh), sizeof(double) * 32) == 0,
          "10 epochs after the failed calls: test loss %.17g, a fresh network's %.17g",
          mlp_test_loss(net4), mlp_test_loss(fresh));
    generate(full, MLP_DATASET_QUADRANTS, 10000, 0.3, 0);
    FAILS("points after adding one must be an integer from 1 to 10000, got 10001",
          mlp_add_point(full, q, 0, NULL, &err));
    CHECK(mlp_step(full, 1, &err) == MLP_OK, "a full set after a refused point: step: %s", err.msg);
    CHECK(mlp_n_points(full) == 10000 && mlp_epoch(full) == 1,
          "a full set after a refused point: %d points, epoch %ld; want 10000, 1",
          mlp_n_points(full), mlp_epoch(full));
    mlp_destroy(net4);
    mlp_destroy(net3);
    mlp_destroy(lin);
    mlp_destroy(full);
    mlp_destroy(fresh);
}

/* The dataset table and the limits it adds agree; unknown ids have no row. */
static void test_dataset_table(void)
{
    int id;
    for (id = 0; id < MLP_DATASET_COUNT; id++) {
        const mlp_dataset_info *info = mlp_dataset_get(id);
        const mlp_limit *noise = mlp_limit_get(info->noise_limit);
        const mlp_limit *classes = mlp_limit_get(info->classes_limit);
        mlp_dataset_desc d;
        mlp_dataset_desc_defaults(&d, id);
        CHECK(noise && classes && noise->max == info->max_noise && noise->min == 0 &&
                  classes->min == info->min_classes && classes->max == info->max_classes &&
                  info->default_noise > 0 && info->default_noise <= info->max_noise &&
                  d.noise == info->default_noise && d.points == 200 && d.test_fraction == 0,
              "%s: noise limit [%g, %g] default %g, classes [%g, %g] vs table %d..%d", info->name,
              noise ? noise->min : -1, noise ? noise->max : -1, info->default_noise,
              classes ? classes->min : -1, classes ? classes->max : -1, info->min_classes,
              info->max_classes);
    }
    CHECK(mlp_dataset_get(-1) == NULL && mlp_dataset_get(MLP_DATASET_COUNT) == NULL &&
              MLP_DATASET_COUNT == 11 && strcmp(mlp_dataset_get(MLP_DATASET_MULTIGAUSS)->name,
                                                "multigauss") == 0,
          "ids -1 and %d have no row; %d datasets, want 11", MLP_DATASET_COUNT, MLP_DATASET_COUNT);
}

int main(void)
{
    test_add_point();
    test_remove_point();
    test_set_test_data();
    test_errors_change_nothing();
    test_dataset_table();
    return check_summary();
}

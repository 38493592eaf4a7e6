/* test_errors_live.c: the core's error paths on live networks.

   Each invalid call must return the right negative status, leave the same
   status in err->code and a message naming the offending field (checked with
   strstr), and change nothing: after well over 1000 invalid calls a valid
   run is bit-identical to a fresh network's. Then divergence: a ReLU network
   at learning rate 1e6 must be caught (mlp_diverged), keep finite parameters
   within MLP_PARAM_LIMIT, report a finite loss, ignore further steps, and
   recover when given good parameters. mlp_create's and the NULL network's
   errors are in test_errors.c. */
#define _POSIX_C_SOURCE 200809L

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "errors_util.h"

#define POINTS 40

/* ---- calls on live networks -------------------------------------------------
   The invalid calls on `net` (2 -> 4 -> 4 softmax with data) are one list,
   run once with every check reported and then many more times quietly. */

static void invalid_calls_on(mlp *net)
{
    const double nan_ = NAN, inf = INFINITY;
    const int count = mlp_param_count(net);
    double x[2 * POINTS], params[64], out[4 * 4];
    int32_t labels[POINTS];
    float grid[16];
    mlp_error err;
    int i;

    for (i = 0; i < POINTS; i++) {
        x[2 * i] = i % 2 ? 1.0 : -1.0;
        x[2 * i + 1] = i % 3 ? 0.5 : -0.5;
        labels[i] = i % 4;
    }
    memcpy(params, mlp_params(net), (size_t)count * sizeof(double));

    /* mlp_data_quadrants */
    EXPECT(MLP_E_ARG, "points", mlp_data_quadrants(net, 0, 0.3, &err));
    EXPECT(MLP_E_ARG, "points", mlp_data_quadrants(net, -1, 0.3, &err));
    EXPECT(MLP_E_ARG, "points", mlp_data_quadrants(net, 10001, 0.3, &err));
    EXPECT(MLP_E_ARG, "noise", mlp_data_quadrants(net, 100, nan_, &err));
    EXPECT(MLP_E_ARG, "noise", mlp_data_quadrants(net, 100, -1.0, &err));
    EXPECT(MLP_E_ARG, "noise", mlp_data_quadrants(net, 100, inf, &err));
    EXPECT(MLP_E_ARG, "noise", mlp_data_quadrants(net, 100, 10.5, &err));

    /* mlp_set_data */
    EXPECT(MLP_E_ARG, "number of points", mlp_set_data(net, 0, x, labels, NULL, &err));
    EXPECT(MLP_E_ARG, "number of points", mlp_set_data(net, -1, x, labels, NULL, &err));
    EXPECT(MLP_E_ARG, "number of points", mlp_set_data(net, 10001, x, labels, NULL, &err));
    EXPECT(MLP_E_ARG, "x", mlp_set_data(net, POINTS, NULL, labels, NULL, &err));
    EXPECT(MLP_E_ARG, "y", mlp_set_data(net, POINTS, x, NULL, NULL, &err));
    x[3] = nan_;
    EXPECT(MLP_E_ARG, "x[3]", mlp_set_data(net, POINTS, x, labels, NULL, &err));
    x[3] = -inf;
    EXPECT(MLP_E_ARG, "x[3]", mlp_set_data(net, POINTS, x, labels, NULL, &err));
    x[3] = 2e6;
    EXPECT(MLP_E_ARG, "x[3]", mlp_set_data(net, POINTS, x, labels, NULL, &err));
    x[3] = 0.5;
    labels[2] = 4;
    EXPECT(MLP_E_ARG, "y[2]", mlp_set_data(net, POINTS, x, labels, NULL, &err));
    labels[2] = 1000000;
    EXPECT(MLP_E_ARG, "y[2]", mlp_set_data(net, POINTS, x, labels, NULL, &err));
    labels[2] = 2;
    labels[0] = -1;
    EXPECT(MLP_E_ARG, "y[0]", mlp_set_data(net, POINTS, x, labels, NULL, &err));
    labels[0] = 0;

    /* mlp_step, mlp_phase_advance */
    EXPECT(MLP_E_ARG, "epochs", mlp_step(net, 0, &err));
    EXPECT(MLP_E_ARG, "epochs", mlp_step(net, -1, &err));
    EXPECT(MLP_E_ARG, "epochs", mlp_step(net, MLP_MAX_STEP_EPOCHS + 1, &err));

    /* mlp_predict */
    EXPECT(MLP_E_ARG, "number of points", mlp_predict(net, x, 0, out, &err));
    EXPECT(MLP_E_ARG, "number of points", mlp_predict(net, x, -1, out, &err));
    EXPECT(MLP_E_ARG, "number of points",
           mlp_predict(net, x, MLP_MAX_PREDICT_POINTS + 1, out, &err));
    EXPECT(MLP_E_ARG, "points", mlp_predict(net, NULL, 2, out, &err));
    EXPECT(MLP_E_ARG, "output", mlp_predict(net, x, 2, NULL, &err));
    x[1] = nan_;
    EXPECT(MLP_E_ARG, "points[1]", mlp_predict(net, x, 4, out, &err));
    x[1] = inf;
    EXPECT(MLP_E_ARG, "points[1]", mlp_predict(net, x, 4, out, &err));
    x[1] = 0.5;

    /* mlp_predict_grid */
    EXPECT(MLP_E_ARG, "width", mlp_predict_grid(net, -1, 1, -1, 1, 0, 0, grid, &err));
    EXPECT(MLP_E_ARG, "width", mlp_predict_grid(net, -1, 1, -1, 1, -5, 2, grid, &err));
    EXPECT(MLP_E_ARG, "width", mlp_predict_grid(net, -1, 1, -1, 1, 100000, 100000, grid, &err));
    EXPECT(MLP_E_ARG, "width", mlp_predict_grid(net, -1, 1, -1, 1, 4097, 1, grid, &err));
    EXPECT(MLP_E_ARG, "height", mlp_predict_grid(net, -1, 1, -1, 1, 2, 0, grid, &err));
    EXPECT(MLP_E_ARG, "height", mlp_predict_grid(net, -1, 1, -1, 1, 2, 4097, grid, &err));
    EXPECT(MLP_E_ARG, "width*height", mlp_predict_grid(net, -1, 1, -1, 1, 4096, 4096, grid, &err));
    EXPECT(MLP_E_ARG, "width*height", mlp_predict_grid(net, -1, 1, -1, 1, 2049, 2048, grid, &err));
    EXPECT(MLP_E_ARG, "xMin", mlp_predict_grid(net, 1, -1, -1, 1, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "xMin", mlp_predict_grid(net, 1, 1, -1, 1, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "xMin", mlp_predict_grid(net, nan_, 1, -1, 1, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "xMax", mlp_predict_grid(net, -1, nan_, -1, 1, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "xMin", mlp_predict_grid(net, -inf, 1, -1, 1, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "yMin", mlp_predict_grid(net, -1, 1, 1, -1, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "yMax", mlp_predict_grid(net, -1, 1, -1, nan_, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "yMin", mlp_predict_grid(net, -1, 1, nan_, 1, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "yMax", mlp_predict_grid(net, -1, 1, -1, inf, 2, 2, grid, &err));
    EXPECT(MLP_E_ARG, "output", mlp_predict_grid(net, -1, 1, -1, 1, 2, 2, NULL, &err));

    /* mlp_set_params, mlp_set_learning_rate */
    EXPECT(MLP_E_ARG, "params", mlp_set_params(net, params, count - 1, &err));
    EXPECT(MLP_E_ARG, "params", mlp_set_params(net, params, count + 1, &err));
    EXPECT(MLP_E_ARG, "params", mlp_set_params(net, params, 0, &err));
    EXPECT(MLP_E_ARG, "params", mlp_set_params(net, params, -1, &err));
    EXPECT(MLP_E_ARG, "params", mlp_set_params(net, NULL, count, &err));
    params[5] = nan_;
    EXPECT(MLP_E_ARG, "params[5]", mlp_set_params(net, params, count, &err));
    params[5] = -inf;
    EXPECT(MLP_E_ARG, "params[5]", mlp_set_params(net, params, count, &err));
    params[5] = 2e12;
    EXPECT(MLP_E_ARG, "params[5]", mlp_set_params(net, params, count, &err));
    params[5] = mlp_params(net)[5];
    EXPECT(MLP_E_ARG, "learningRate", mlp_set_learning_rate(net, nan_, &err));
    EXPECT(MLP_E_ARG, "learningRate", mlp_set_learning_rate(net, 0.0, &err));
    EXPECT(MLP_E_ARG, "learningRate", mlp_set_learning_rate(net, -1.0, &err));
    EXPECT(MLP_E_ARG, "learningRate", mlp_set_learning_rate(net, inf, &err));
    EXPECT(MLP_E_ARG, "learningRate", mlp_set_learning_rate(net, 2e6, &err));

    /* With err NULL the status is still returned. */
    CHECK(quiet || mlp_step(net, 0, NULL) == MLP_E_ARG, "mlp_step(net, 0, NULL) != %d",
          MLP_E_ARG);
    CHECK(quiet || mlp_set_learning_rate(net, nan_, NULL) == MLP_E_ARG,
          "mlp_set_learning_rate(NaN, NULL) != %d", MLP_E_ARG);
    invalid_calls += 2;
}

/* Invalid calls that need networks of other shapes, or no data. */
static void other_networks(void)
{
    static const int s344[] = {3, 4, 4}, s243[] = {2, 4, 3}, s244[] = {2, 4, 4},
                     s242[] = {2, 4, 2};
    const double nan_ = NAN;
    mlp *n3 = make(3, s344, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0);
    mlp *k3 = make(3, s243, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0);
    mlp *lin4 = make(3, s244, MLP_SIGMOID, MLP_OUT_LINEAR, 1.0);
    mlp *lin2 = make(3, s242, MLP_TANH, MLP_OUT_LINEAR, 0.1);
    mlp *empty = make(3, s244, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0);
    double x[3 * 8], t[2 * 8], before[64];
    float grid[16];
    mlp_error err;
    int i;
    if (!n3 || !k3 || !lin4 || !lin2 || !empty)
        goto done;

    EXPECT(MLP_E_ARG, "quadrants", mlp_data_quadrants(n3, 100, 0.3, &err));
    EXPECT(MLP_E_ARG, "quadrants", mlp_data_quadrants(k3, 100, 0.3, &err));
    EXPECT(MLP_E_ARG, "quadrants", mlp_data_quadrants(lin4, 100, 0.3, &err));
    EXPECT(MLP_E_ARG, "inputs", mlp_predict_grid(n3, -1, 1, -1, 1, 2, 2, grid, &err));

    for (i = 0; i < 3 * 8; i++)
        x[i] = 0.1 * i;
    for (i = 0; i < 2 * 8; i++)
        t[i] = 0.5 - 0.05 * i;
    EXPECT(MLP_E_ARG, "y", mlp_set_data(lin2, 8, x, NULL, NULL, &err));
    t[5] = nan_;
    EXPECT(MLP_E_ARG, "y[5]", mlp_set_data(lin2, 8, x, NULL, t, &err));
    t[5] = INFINITY;
    EXPECT(MLP_E_ARG, "y[5]", mlp_set_data(lin2, 8, x, NULL, t, &err));
    t[5] = 0.25;
    CHECK(mlp_set_data(lin2, 8, x, NULL, t, &err) == MLP_OK, "linear set_data (8 x 2): %s",
          err.msg);
    CHECK(mlp_n_points(lin2) == 8, "linear network has %d points, want 8", mlp_n_points(lin2));
    CHECK(isnan(mlp_accuracy(lin2)), "accuracy of a linear output %g, want NaN",
          mlp_accuracy(lin2));
    /* A 3-input network predicts points but has no grid. */
    CHECK(mlp_predict(n3, x, 8, before, &err) == MLP_OK, "3-input predict (8 points): %s",
          err.msg);

    /* No data yet: training is a state error; loss and accuracy are NaN. */
    EXPECT(MLP_E_STATE, "data", mlp_step(empty, 1, &err));
    EXPECT(MLP_E_STATE, "data", mlp_phase_advance(empty, NULL, NULL, &err));
    CHECK(isnan(mlp_loss(empty)) && isnan(mlp_accuracy(empty)),
          "without data: loss %g, accuracy %g, want NaN", mlp_loss(empty), mlp_accuracy(empty));
    CHECK(mlp_epoch(empty) == 0 && mlp_n_points(empty) == 0, "without data: epoch %ld, points %d",
          mlp_epoch(empty), mlp_n_points(empty));

    /* Getters outside their range. */
    CHECK(mlp_layer_offset(empty, 0) == -1 && mlp_layer_offset(empty, 3) == -1,
          "layer_offset(0) = %d, (3) = %d, want -1", mlp_layer_offset(empty, 0),
          mlp_layer_offset(empty, 3));
    CHECK(mlp_activations(empty, -1) == NULL && mlp_activations(empty, 3) == NULL,
          "activations(-1) and (3) of a 2-layer network should be NULL (%d, %d)",
          mlp_activations(empty, -1) != NULL, mlp_activations(empty, 3) != NULL);
    CHECK(mlp_deltas(empty, 0) == NULL && mlp_deltas(empty, 3) == NULL,
          "deltas(0) and (3) should be NULL (%d, %d)", mlp_deltas(empty, 0) != NULL,
          mlp_deltas(empty, 3) != NULL);
    CHECK(isnan(mlp_batch_loss(empty)), "batch loss before any LOSS phase %g, want NaN",
          mlp_batch_loss(empty));
done:
    mlp_destroy(n3);
    mlp_destroy(k3);
    mlp_destroy(lin4);
    mlp_destroy(lin2);
    mlp_destroy(empty);
}

/* After many invalid calls the network trains exactly as a fresh one. */
static void still_works(void)
{
    static const int s244[] = {2, 4, 4};
    mlp *net = make(3, s244, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0);
    mlp *fresh = make(3, s244, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0);
    mlp_error err;
    long before;
    int round, np;
    if (!net || !fresh)
        goto done;
    np = mlp_param_count(net);
    before = invalid_calls;
    EXPECT(MLP_E_STATE, "data", mlp_step(net, 1, &err));
    CHECK(mlp_data_quadrants(net, 200, 0.3, &err) == MLP_OK, "quadrants 200: %s", err.msg);
    CHECK(mlp_data_quadrants(fresh, 200, 0.3, &err) == MLP_OK, "quadrants 200: %s", err.msg);
    invalid_calls_on(net);
    quiet = 1;
    for (round = 0; round < 20; round++)
        invalid_calls_on(net);
    quiet = 0;
    CHECK(quiet_mismatches == 0, "%ld mismatched statuses or messages in 20 repeated rounds",
          quiet_mismatches);
    CHECK(invalid_calls - before >= 1000, "%ld invalid calls on one network, want >= 1000",
          invalid_calls - before);
    CHECK(mlp_epoch(net) == 0 && mlp_get_desc(net)->learning_rate == 1.0,
          "after the invalid calls: epoch %ld, learning rate %g, want 0 and 1",
          mlp_epoch(net), mlp_get_desc(net)->learning_rate);
    CHECK(mlp_step(net, 100, &err) == MLP_OK && err.code == MLP_OK && err.msg[0] == '\0',
          "valid step 100 after %ld invalid calls: status %d, message \"%s\"",
          invalid_calls - before, (int)err.code, err.msg);
    CHECK(mlp_step(fresh, 100, &err) == MLP_OK, "fresh step 100: %s", err.msg);
    CHECK(memcmp(mlp_params(net), mlp_params(fresh), (size_t)np * sizeof(double)) == 0,
          "after %ld invalid calls and 100 epochs the %d parameters differ from a fresh "
          "network's", invalid_calls - before, np);
    CHECK(mlp_loss(net) == mlp_loss(fresh), "loss %.17g, fresh network %.17g", mlp_loss(net),
          mlp_loss(fresh));
    printf("%ld invalid calls on one network, then 100 epochs bit-identical to a fresh one\n",
           invalid_calls - before);
done:
    mlp_destroy(net);
    mlp_destroy(fresh);
}

/* ReLU at learning rate 1e6 on the quadrants must be caught, not propagated. */
static void divergence(void)
{
    static const int s244[] = {2, 4, 4};
    mlp *net = make(3, s244, MLP_RELU, MLP_OUT_SOFTMAX, 1e6);
    mlp *ref = make(3, s244, MLP_RELU, MLP_OUT_SOFTMAX, 1e6);
    double saved[64], fresh[64], out[4];
    const double pt[2] = {0.5, -0.5};
    float grid[2 * 2 * 4];
    mlp_error err;
    mlp_phase ph;
    int k, np, epochs = 0, finite = 1, within = 1, layer;
    long epoch_at;
    if (!net || !ref)
        goto done;
    np = mlp_param_count(net);
    memcpy(fresh, mlp_params(ref), (size_t)np * sizeof(double));
    CHECK(mlp_data_quadrants(net, 200, 0.3, &err) == MLP_OK, "quadrants 200: %s", err.msg);
    while (epochs < 100 && !mlp_diverged(net)) {
        if (mlp_step(net, 1, &err) != MLP_OK)
            break;
        epochs++;
    }
    CHECK(mlp_diverged(net) == 1, "relu at learning rate 1e6: diverged %d after %d epochs, want 1 "
          "within 100", mlp_diverged(net), epochs);
    printf("relu at learning rate 1e6: diverged in epoch %d (epoch counter %ld)\n", epochs,
           mlp_epoch(net));
    for (k = 0; k < np; k++) {
        finite &= isfinite(mlp_params(net)[k]);
        within &= fabs(mlp_params(net)[k]) <= MLP_PARAM_LIMIT;
    }
    CHECK(finite && within, "after divergence the %d parameters are finite (%d) and within "
          "1e12 (%d)", np, finite, within);
    CHECK(isfinite(mlp_loss(net)), "loss after divergence %g, want finite", mlp_loss(net));
    CHECK(isfinite(mlp_accuracy(net)), "accuracy after divergence %g, want finite",
          mlp_accuracy(net));
    CHECK(mlp_predict(net, pt, 1, out, &err) == MLP_OK &&
              isfinite(out[0] + out[1] + out[2] + out[3]),
          "predict after divergence: %g %g %g %g, want finite", out[0], out[1], out[2], out[3]);
    CHECK(mlp_predict_grid(net, -2, 2, -2, 2, 2, 2, grid, &err) == MLP_OK,
          "predict_grid 2x2 after divergence: %s", err.msg);

    /* Further steps and phases change nothing. */
    memcpy(saved, mlp_params(net), (size_t)np * sizeof(double));
    epoch_at = mlp_epoch(net);
    CHECK(mlp_step(net, 10, &err) == MLP_OK, "step 10 after divergence: status %d (%s)",
          (int)err.code, err.msg);
    CHECK(mlp_phase_advance(net, &ph, &layer, &err) == MLP_OK,
          "phase after divergence: status %d (%s)", (int)err.code, err.msg);
    CHECK(memcmp(saved, mlp_params(net), (size_t)np * sizeof(double)) == 0,
          "the %d parameters changed after divergence", np);
    CHECK(mlp_epoch(net) == epoch_at && mlp_diverged(net) == 1,
          "epoch %ld (want %ld) and diverged %d (want 1) after further steps", mlp_epoch(net),
          epoch_at, mlp_diverged(net));

    /* Good parameters clear it; training goes on. */
    CHECK(mlp_set_params(net, fresh, np, &err) == MLP_OK, "set_params (%d): %s", np, err.msg);
    CHECK(mlp_diverged(net) == 0, "diverged %d after set_params, want 0", mlp_diverged(net));
    CHECK(mlp_set_learning_rate(net, 0.1, &err) == MLP_OK, "learning rate 0.1: %s", err.msg);
    {
        double l0 = mlp_loss(net);
        CHECK(mlp_step(net, 50, &err) == MLP_OK, "step 50: %s", err.msg);
        CHECK(!mlp_diverged(net) && mlp_loss(net) < l0,
              "at learning rate 0.1: diverged %d, loss %.6f -> %.6f, want 0 and lower",
              mlp_diverged(net), l0, mlp_loss(net));
    }
done:
    mlp_destroy(net);
    mlp_destroy(ref);
}

int main(void)
{
    other_networks();
    still_works();
    divergence();
    return check_summary();
}

/* test_errors.c: every error path of the core (the files in src/).

   Each invalid call must return the right negative status, leave the same
   status in err->code and a message naming the offending field (checked with
   strstr), and change nothing: after well over 1000 invalid calls a valid
   run is bit-identical to a fresh network's. Then divergence: a ReLU network
   at learning rate 1e6 must be caught (mlp_diverged), keep finite parameters
   within MLP_PARAM_LIMIT, report a finite loss, ignore further steps, and
   recover when given good parameters.

   Calls on a NULL network run in a child process (fork), so a crash there is
   reported as a failed check instead of ending the test. */
#define _POSIX_C_SOURCE 200809L

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mlp.h"

#define POINTS 40

static int quiet;             /* when set, mismatches are only counted */
static long invalid_calls;    /* invalid calls made on live networks */
static long quiet_mismatches;

/* Status and message of one invalid call, against what is wanted. */
static void expect(int status, const mlp_error *err, int want, const char *field, int line,
                   const char *call)
{
    int ok_status = status == want, ok_code = err->code == (mlp_status)want;
    int ok_msg = err->msg[0] != '\0' && strstr(err->msg, field) != NULL;
    invalid_calls++;
    if (quiet) {
        quiet_mismatches += !ok_status + !ok_code + !ok_msg;
        return;
    }
    check_report(ok_status, __FILE__, line, call, "status %d, want %d (%s)", status, want,
                 mlp_status_name(want));
    check_report(ok_code, __FILE__, line, call, "err.code %d, want %d", (int)err->code, want);
    check_report(ok_msg, __FILE__, line, call, "message \"%s\" should name \"%s\"", err->msg,
                 field);
}

#define EXPECT(want, field, call) expect((call), &err, (want), (field), __LINE__, #call)

/* mlp_create on d must fail with MLP_E_ARG and a message naming field. */
static void expect_create_fails(const mlp_desc *d, const char *field, int line, const char *what)
{
    mlp_error err;
    mlp *net;
    memset(&err, 0, sizeof err);
    net = mlp_create(d, &err);
    check_report(net == NULL, __FILE__, line, what, "mlp_create returned a network, want NULL");
    check_report(err.code == MLP_E_ARG, __FILE__, line, what, "err.code %d, want %d",
                 (int)err.code, MLP_E_ARG);
    check_report(strstr(err.msg, field) != NULL, __FILE__, line, what,
                 "message \"%s\" should name \"%s\"", err.msg, field);
    mlp_destroy(net);
}

#define CREATE_FAILS(field, stmt)                                                                \
    do {                                                                                         \
        mlp_desc d_;                                                                             \
        mlp_desc_defaults(&d_);                                                                  \
        {                                                                                        \
            mlp_desc *d = &d_;                                                                   \
            stmt;                                                                                \
        }                                                                                        \
        expect_create_fails(&d_, field, __LINE__, #stmt);                                        \
    } while (0)

#define CREATE_OK(stmt)                                                                          \
    do {                                                                                         \
        mlp_desc d_;                                                                             \
        mlp_error e_;                                                                            \
        mlp *n_;                                                                                 \
        mlp_desc_defaults(&d_);                                                                  \
        {                                                                                        \
            mlp_desc *d = &d_;                                                                   \
            stmt;                                                                                \
        }                                                                                        \
        n_ = mlp_create(&d_, &e_);                                                               \
        check_report(n_ != NULL && e_.code == MLP_OK, __FILE__, __LINE__, #stmt,                 \
                     "valid edge rejected: %s", n_ ? "" : e_.msg);                              \
        mlp_destroy(n_);                                                                         \
    } while (0)

static mlp *make(int n_sizes, const int *sizes, mlp_activation act, mlp_output out, double lr)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    int l;
    mlp_desc_defaults(&d);
    d.n_sizes = n_sizes;
    for (l = 0; l < n_sizes; l++)
        d.sizes[l] = sizes[l];
    d.activation = act;
    d.output = out;
    d.learning_rate = lr;
    net = mlp_create(&d, &err);
    CHECK(net != NULL, "mlp_create (%d sizes, output %d): %s", n_sizes, (int)out, err.msg);
    return net;
}

/* ---- calls on a NULL network, each in a child process -------------------- */

typedef int (*null_call)(mlp_error *err);

static int null_quadrants(mlp_error *e) { return mlp_data_quadrants(NULL, 10, 0.1, e); }
static int null_set_data(mlp_error *e)
{
    double x[2] = {0, 0};
    int32_t y[1] = {0};
    return mlp_set_data(NULL, 1, x, y, NULL, e);
}
static int null_step(mlp_error *e) { return mlp_step(NULL, 1, e); }
static int null_phase(mlp_error *e) { return mlp_phase_advance(NULL, NULL, NULL, e); }
static int null_predict(mlp_error *e)
{
    double x[2] = {0, 0}, out[4];
    return mlp_predict(NULL, x, 1, out, e);
}
static int null_predict_grid(mlp_error *e)
{
    float out[4];
    return mlp_predict_grid(NULL, 0, 1, 0, 1, 1, 1, out, e);
}
static int null_set_params(mlp_error *e)
{
    double p[1] = {0};
    return mlp_set_params(NULL, p, 1, e);
}
static int null_set_lr(mlp_error *e) { return mlp_set_learning_rate(NULL, 0.5, e); }
static int null_create(mlp_error *e) { return mlp_create(NULL, e) ? 0 : (int)e->code; }

static void expect_isolated(null_call fn, const char *field, int line, const char *what)
{
    mlp_error err;
    int fd[2], status = 0, wstatus = 0, got = 0;
    pid_t pid;
    memset(&err, 0, sizeof err);
    if (!check_report(pipe(fd) == 0, __FILE__, line, what, "pipe() failed"))
        return;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        mlp_error e;
        int s;
        close(fd[0]);
        memset(&e, 0, sizeof e);
        s = fn(&e);
        if (write(fd[1], &s, sizeof s) != (ssize_t)sizeof s ||
            write(fd[1], &e, sizeof e) != (ssize_t)sizeof e)
            _exit(3);
        _exit(0);
    }
    close(fd[1]);
    if (pid > 0) {
        got = read(fd[0], &status, sizeof status) == (ssize_t)sizeof status &&
              read(fd[0], &err, sizeof err) == (ssize_t)sizeof err;
        waitpid(pid, &wstatus, 0);
    }
    close(fd[0]);
    if (!check_report(pid > 0 && got && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0,
                      __FILE__, line, what,
                      "the call did not return: child %s %d (a crash or sanitizer report, above)",
                      WIFSIGNALED(wstatus) ? "killed by signal" : "exited with status",
                      WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : WEXITSTATUS(wstatus)))
        return;
    invalid_calls--; /* not a call on a live network */
    expect(status, &err, MLP_E_ARG, field, line, what);
}

#define ISOLATED(field, fn) expect_isolated(fn, field, __LINE__, #fn)

static void null_network(void)
{
    ISOLATED("desc", null_create);
    ISOLATED("network", null_quadrants);
    ISOLATED("network", null_set_data);
    ISOLATED("network", null_step);
    ISOLATED("network", null_phase);
    ISOLATED("network", null_predict);
    ISOLATED("network", null_predict_grid);
    ISOLATED("network", null_set_params);
    ISOLATED("network", null_set_lr);
}

/* ---- mlp_create ------------------------------------------------------------ */

static void create_errors(void)
{
    const double nan_ = NAN, inf = INFINITY;
    CREATE_FAILS("layers", d->n_sizes = 1);
    CREATE_FAILS("layers", d->n_sizes = 0);
    CREATE_FAILS("layers", d->n_sizes = -1);
    CREATE_FAILS("layers", d->n_sizes = MLP_MAX_LAYERS + 1);
    CREATE_FAILS("layers", d->n_sizes = INT_MIN);   /* found by the fuzzer: n_sizes - 2 overflowed */
    CREATE_FAILS("layers", d->n_sizes = INT_MAX);
    /* Input width is 1..8 (MLP_MIN_INPUTS, README's layers[0]); 1 input is a
       valid network (e.g. a 1-D regression), so 0 is the low case. */
    CREATE_FAILS("layers[0] (inputs)", d->sizes[0] = 0);
    CREATE_FAILS("layers[0] (inputs)", d->sizes[0] = 9);
    CREATE_FAILS("layers[0] (inputs)", d->sizes[0] = -3);
    CREATE_FAILS("layers[0] (inputs)", d->sizes[0] = MLP_MIN_INPUTS - 1);
    CREATE_FAILS("layers[0] (inputs)", d->sizes[0] = MLP_MAX_INPUTS + 1);
    CREATE_FAILS("layers[1] (hidden units)", d->sizes[1] = 0);
    CREATE_FAILS("layers[1] (hidden units)", d->sizes[1] = 65);
    CREATE_FAILS("layers[1] (hidden units)", d->sizes[1] = 100000);
    CREATE_FAILS("layers[1] (hidden units)", d->sizes[1] = -1);
    CREATE_FAILS("layers[2] (hidden units)",
                 (d->n_sizes = 4, d->sizes[2] = 65, d->sizes[3] = 4));
    CREATE_FAILS("layers[2] (classes)", d->sizes[2] = 1);
    CREATE_FAILS("layers[2] (classes)", d->sizes[2] = 9);
    CREATE_FAILS("layers[2] (classes)", d->sizes[2] = 0);
    CREATE_FAILS("layers[2] (outputs)", (d->output = MLP_OUT_LINEAR, d->sizes[2] = 0));
    CREATE_FAILS("layers[2] (outputs)", (d->output = MLP_OUT_LINEAR, d->sizes[2] = 9));
    CREATE_FAILS("layers[1] (classes)", (d->n_sizes = 2, d->sizes[1] = 9));
    CREATE_FAILS("activation", d->activation = (mlp_activation)-1);
    CREATE_FAILS("activation", d->activation = (mlp_activation)4);
    CREATE_FAILS("activation", d->activation = (mlp_activation)1000);
    CREATE_FAILS("init", d->init = (mlp_init)-1);
    CREATE_FAILS("init", d->init = (mlp_init)3);
    CREATE_FAILS("output", d->output = (mlp_output)-1);
    CREATE_FAILS("output", d->output = (mlp_output)2);
    CREATE_FAILS("learningRate", d->learning_rate = 0.0);
    CREATE_FAILS("learningRate", d->learning_rate = -0.0);
    CREATE_FAILS("learningRate", d->learning_rate = -0.5);
    CREATE_FAILS("learningRate", d->learning_rate = nan_);
    CREATE_FAILS("learningRate", d->learning_rate = inf);
    CREATE_FAILS("learningRate", d->learning_rate = -inf);
    CREATE_FAILS("learningRate", d->learning_rate = 2e6);
    CREATE_FAILS("learningRate", d->learning_rate = nextafter(MLP_MAX_LEARNING_RATE, inf));
    CREATE_FAILS("batchSize", d->batch_size = -1);
    CREATE_FAILS("batchSize", d->batch_size = 10001);

    /* The edges of every range are accepted. */
    CREATE_OK(d->sizes[0] = 1);
    CREATE_OK(d->sizes[0] = 2);
    CREATE_OK(d->sizes[0] = 8);
    CREATE_OK(d->sizes[1] = 1);
    CREATE_OK(d->sizes[1] = 64);
    CREATE_OK(d->sizes[2] = 2);
    CREATE_OK(d->sizes[2] = 8);
    CREATE_OK((d->output = MLP_OUT_LINEAR, d->sizes[2] = 1));
    CREATE_OK((d->n_sizes = 2, d->sizes[1] = 4));
    CREATE_OK((d->n_sizes = MLP_MAX_LAYERS, d->sizes[1] = d->sizes[2] = d->sizes[3] = 64,
               d->sizes[4] = d->sizes[5] = d->sizes[6] = d->sizes[7] = d->sizes[8] = 64,
               d->sizes[9] = 8));
    CREATE_OK(d->learning_rate = MLP_MAX_LEARNING_RATE);
    CREATE_OK(d->learning_rate = 1e-300);
    CREATE_OK(d->batch_size = 10000);
    CREATE_OK(d->batch_size = 1);
    CREATE_OK((d->activation = MLP_LINEAR, d->init = MLP_INIT_HE, d->seed = 0xFFFFFFFFu));
}

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

static void status_names(void)
{
    CHECK(strcmp(mlp_status_name(MLP_OK), "ok") == 0, "name of 0: %s", mlp_status_name(0));
    CHECK(strcmp(mlp_status_name(MLP_E_ARG), "invalid argument") == 0, "name of -1: %s",
          mlp_status_name(-1));
    CHECK(strcmp(mlp_status_name(MLP_E_NOMEM), "out of memory") == 0, "name of -2: %s",
          mlp_status_name(-2));
    CHECK(strcmp(mlp_status_name(MLP_E_STATE), "not possible in the current state") == 0,
          "name of -3: %s", mlp_status_name(-3));
    CHECK(strcmp(mlp_status_name(1), "unknown status") == 0 &&
              strcmp(mlp_status_name(-4), "unknown status") == 0,
          "names of 1 and -4: %s, %s", mlp_status_name(1), mlp_status_name(-4));
    /* The extremes: negating INT_MIN would overflow (UBSan reports it). */
    CHECK(strcmp(mlp_status_name(INT_MIN), "unknown status") == 0 &&
              strcmp(mlp_status_name(INT_MAX), "unknown status") == 0,
          "names of INT_MIN and INT_MAX: %s, %s", mlp_status_name(INT_MIN), mlp_status_name(INT_MAX));
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
    create_errors();
    other_networks();
    status_names();
    still_works();
    divergence();
    null_network();
    return check_summary();
}

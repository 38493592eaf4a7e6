/* test_errors.c: the core's error paths outside a live network.

   mlp_create refuses every invalid description (each field out of range,
   at and beyond its edges) with MLP_E_ARG and a message naming the field
   (checked with strstr), and accepts every edge of every range; the status
   names; and every entry point called on a NULL network returns MLP_E_ARG
   with a message naming it. The calls on live networks and divergence are
   in test_errors_live.c.

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

#include "errors_util.h"

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
    expect(status, &err, MLP_E_ARG, field, __FILE__, line, what);
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

int main(void)
{
    create_errors();
    status_names();
    null_network();
    return check_summary();
}

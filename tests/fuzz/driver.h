/* driver.h: decodes one fuzz input into a sequence of calls on the C API
   (src/mlp.h) and checks the core's promises after every call.

   Used by the libFuzzer target (fuzz_mlp.c) and by the plain regression test
   (tests/c/test_fuzz_regressions.c), so a saved input replays exactly as the
   fuzzer ran it. A broken promise is handed to sink->fail with the call and
   the numbers involved; the fuzzer aborts on it (so libFuzzer keeps the
   input), the regression test counts it as a failed check.

   The promises checked (mlp.h and the README):
   - every status is MLP_OK, with err.code 0 and an empty message, or one of
     the negative codes, with err.code equal to it and a non-empty message;
   - a call is accepted exactly when its arguments are within the limits (an
     independent oracle below recomputes each limit);
   - a rejected call changes nothing: parameters, data, epoch, phase, learning
     rate, divergence flag and the current batch's outputs are as before;
   - a call on one network changes nothing of another;
   - parameters are always finite and within MLP_PARAM_LIMIT; the loss is
     finite and >= 0 (NaN without data) and the per-epoch losses of
     mlp_step_losses are finite, unless the network is marked diverged;
   - predict and predict_grid leave the training state untouched, and their
     outputs are finite, and for softmax within [0, 1] summing to 1, unless
     the network is marked diverged;
   - no crash, sanitizer report or leak (each input destroys what it made). */
#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "fuzz_input.h"
#include "mlp.h"

typedef struct {
    /* Called once per broken promise; line is in the driver's source. */
    void (*fail)(void *ctx, const char *file, int line, const char *msg);
    void *ctx;
    long calls;      /* API calls made, for the figures */
    long failures;   /* broken promises reported */
} fz_sink;

/* Runs one input: at most FZ_MAX_OPS calls on up to two networks. */
void fz_run(const uint8_t *data, size_t size, fz_sink *sink);

#define FZ_MAX_OPS 64
#define FZ_SLOTS 2
/* Training work allowed per input, in parameters x points x epochs: a
   9-layer network of 64 units on 128 points would otherwise take seconds
   under the sanitizers. Calls past it are skipped (their bytes still read). */
#define FZ_WORK_BUDGET 2e6

/* ---- shared by driver.c and checks.c --------------------------------------- */

typedef struct {
    mlp *net;
    mlp_desc desc;           /* as created */
} fz_slot;

typedef struct {
    fz_reader r;
    fz_sink *sink;
    fz_slot slot[FZ_SLOTS];
    mlp_error err;
    mlp_error *errp;         /* &err, or NULL for calls that pass no err */
    const char *call;        /* the call being checked, for messages */
    double work;             /* training work spent so far (FZ_WORK_BUDGET) */
    long failed_mark;        /* fz_alloc_failed before the current call */
} fz_state;

/* alloc_fail.c: the k-th calloc of the core from now fails (0: none);
   callocs failed and made so far. */
extern long fz_alloc_countdown, fz_alloc_failed, fz_alloc_calls;

/* Whether `epochs` more epochs of net fit in the budget; spends them if so. */
int fz_afford(fz_state *st, mlp *net, double epochs);

/* What a rejected call must leave as it was. */
typedef struct {
    mlp_desc desc;           /* the learning rate is compared as lr */
    int n_params, n, diverged, layer, m, n_test;
    long opt_t;
    double *opt_m, *opt_v;   /* (n_params) each: the optimiser's state */
    double *test_x;          /* (inputs x n_test) */
    long epoch;
    double lr;
    mlp_phase phase;
    double *params;          /* (n_params) */
    double *x, *targets;     /* (inputs x n), (outputs x n) */
    int32_t *labels;         /* (n) */
    double *out;             /* (outputs x m): the current batch's outputs */
    size_t n_out;
} fz_snap;

/* FUZZ_TRACE=1 in the environment: print each call and the networks' state. */
int fz_tracing(void);

void fz_report(fz_state *st, const char *file, int line, const char *fmt, ...);
#define FZ_FAIL(st, ...) fz_report((st), __FILE__, __LINE__, __VA_ARGS__)
#define FZ_CHECK(st, cond, ...) \
    do { if (!(cond)) FZ_FAIL((st), __VA_ARGS__); } while (0)

/* Width of a data point: 2 (the raw x1, x2) with features, else sizes[0]. */
int fz_inputs(const mlp_desc *d);
int fz_outputs(const mlp_desc *d);
int fz_desc_valid(const mlp_desc *d);
int fz_popcount(uint32_t mask);
int fz_param_count(const mlp_desc *d);
int fz_in(double v, double lo, double hi);   /* lo <= v <= hi; NaN is not */

void fz_snap_take(fz_snap *s, mlp *net);
void fz_snap_free(fz_snap *s);
/* Reports every field of net that differs from s, naming `what`. */
void fz_snap_same(fz_state *st, const fz_snap *s, mlp *net, const char *what);

/* The status promise and the oracle: valid says whether it must succeed. A
   call during which an injected allocation failure happened must return
   MLP_E_NOMEM instead. Disarms the countdown. */
void fz_status(fz_state *st, int status, int valid);
/* The promise that a call allocated nothing (calls: fz_alloc_calls before it). */
void fz_no_alloc(fz_state *st, long calls);
/* The invariants of a live network, checked after every call. */
void fz_invariants(fz_state *st, fz_slot *slot);
/* Outputs of predict (double) or predict_grid (float, when f is set). */
void fz_outputs_ok(fz_state *st, mlp *net, const double *d, const float *f, long points);

#endif

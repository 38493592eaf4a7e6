/* epoch_floor.c: the parts of a training epoch whose cost no reordering of
   the same arithmetic removes, each timed alone in wasm by bench/floor.js.

   A training epoch computes a fixed list of float64 operations: the training
   bits are pinned (tests/c/test_kernel_pin.c), so a faster epoch may only
   reorder and vectorise them, never drop or replace them. Three parts bound
   how fast that list can run:
     - the multiply-adds of the dense layers, at the machine's f64x2 peak
       (floor_peak: wasm simd128 has no fused multiply-add, so a
       multiply-add is an f64x2.mul and an f64x2.add for two lanes);
     - the hidden activation and its derivative (activation_forward and
       activation_backward of src/layers.c, the very functions training
       calls, over hidden units x points values);
     - softmax and the cross-entropy loss over outputs x points
       (softmax_forward and cross_entropy_loss, likewise).
   The activation and softmax are branch-free (src/fastmath.h), so their time
   does not depend on the values: applying them again to their own output
   times the same instructions. Built by make bench (build/epoch-floor.js);
   not part of the core. */
#include <stdlib.h>
#include <wasm_simd128.h>
#include <emscripten.h>

#include "layers.h"

static double *act, *delta, *at_zero, *scores, *probs, *lse, *work;
static int32_t *labels;
static int n_act, n_out, n_points;

/* Buffers for `hidden` hidden values and `outputs` classes on `points`
   points; returns 0, or -1 if memory ran out. */
EMSCRIPTEN_KEEPALIVE int floor_init(int hidden, int outputs, int points)
{
    int i;
    n_act = hidden * points;
    n_out = outputs;
    n_points = points;
    act = malloc(sizeof(double) * (size_t)n_act);
    delta = malloc(sizeof(double) * (size_t)n_act);
    at_zero = calloc((size_t)n_act, sizeof(double));
    scores = malloc(sizeof(double) * (size_t)outputs * points);
    probs = malloc(sizeof(double) * (size_t)outputs * points);
    lse = malloc(sizeof(double) * (size_t)points);
    work = malloc(sizeof(double) * 2 * (size_t)points);
    labels = malloc(sizeof(int32_t) * (size_t)points);
    if (!act || !delta || !at_zero || !scores || !probs || !lse || !work || !labels)
        return -1;
    for (i = 0; i < n_act; i++) {      /* values of a trained tanh layer: spread over [-2, 2] */
        act[i] = (i % 97) / 24.25 - 2.0;
        delta[i] = 1e-3 * ((i % 13) - 6);
    }
    for (i = 0; i < outputs * points; i++)
        scores[i] = (i % 17) / 4.0 - 2.0;
    for (i = 0; i < points; i++)
        labels[i] = i % outputs;
    return 0;
}

/* n rounds of 8 independent f64x2 multiply-adds (16 scalar ones), with no
   dependency between rounds but the accumulators', so the loop runs at the
   throughput of f64x2.mul and f64x2.add, not at their latency. */
EMSCRIPTEN_KEEPALIVE double floor_peak(int n)
{
    v128_t a0 = wasm_f64x2_splat(0.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    v128_t x = wasm_f64x2_splat(1e-9), y = wasm_f64x2_splat(0.5), z = wasm_f64x2_splat(0.25);
    int i;
    for (i = 0; i < n; i++) {
        a0 = wasm_f64x2_add(a0, wasm_f64x2_mul(x, y));
        a1 = wasm_f64x2_add(a1, wasm_f64x2_mul(x, z));
        a2 = wasm_f64x2_add(a2, wasm_f64x2_mul(y, z));
        a3 = wasm_f64x2_add(a3, wasm_f64x2_mul(y, y));
        a4 = wasm_f64x2_add(a4, wasm_f64x2_mul(z, z));
        a5 = wasm_f64x2_add(a5, wasm_f64x2_mul(x, x));
        a6 = wasm_f64x2_add(a6, wasm_f64x2_mul(y, x));
        a7 = wasm_f64x2_add(a7, wasm_f64x2_mul(z, y));
        x = wasm_f64x2_add(x, z);        /* so the products are not loop-invariant */
    }
    a0 = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_add(a0, a1), wasm_f64x2_add(a2, a3)),
                        wasm_f64x2_add(wasm_f64x2_add(a4, a5), wasm_f64x2_add(a6, a7)));
    return wasm_f64x2_extract_lane(a0, 0) + wasm_f64x2_extract_lane(a0, 1);
}

/* reps epochs' worth of the hidden activation, forward and backward. The
   derivative is taken at a = 0 (tanh's 1 - a^2 = 1; sigmoid's and ReLU's
   slopes there make delta exactly 0 at once), so repeating it never drives
   delta through subnormals, which run far slower; the instructions timed do
   not depend on the values. */
EMSCRIPTEN_KEEPALIVE double floor_activation(int reps, int activation)
{
    int r;
    for (r = 0; r < reps; r++) {
        activation_forward(act, n_act, (mlp_activation)activation);
        activation_backward(delta, at_zero, n_act, (mlp_activation)activation);
    }
    return act[0] + delta[0];
}

/* reps epochs' worth of softmax and the cross-entropy loss. */
EMSCRIPTEN_KEEPALIVE double floor_softmax(int reps)
{
    double total = 0.0;
    int r;
    for (r = 0; r < reps; r++) {
        softmax_forward(probs, lse, work, scores, n_out, n_points);
        total += cross_entropy_loss(scores, lse, labels, n_out, n_points);
    }
    return total;
}

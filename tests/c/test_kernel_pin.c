/* test_kernel_pin.c: training is bit-for-bit what it was when the values
   below were captured, natively (tests/node/kernel-pin.test.js pins the
   same networks in wasm).

   A regression pin for work on the dense kernels (src/layers.c): any
   change of the order of a float64 operation changes some parameter's last
   bit, and so the hash. Each network gets parameters and data from exact
   integer formulas (no libm, so nothing depends on the platform's
   Box-Muller; only the sin features of two cases call libm), trains its
   epochs through mlp_step_record, and the test
   compares
     - an FNV-1a 64 hash of the bits of every parameter after training,
     - an FNV-1a 64 hash of the bits of every epoch's training loss and test
       loss (the loss goes through libm's log: it is pinned here for this
       platform; the weights do not depend on it),
     - the accuracy after training (%.17g).
   The pinned values were captured by running this test with PIN_PRINT=1
   on the code as it was before the kernels were register-blocked (commit
   5e1bd92, cc -std=c99 with and without -O3 and ASan: same output), and
   pasted into pins[] below. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mlp.h"
#include "mlp_playground.h"

#define PIN_MAX_EPOCHS 60
#define F(id) MLP_FEATURE_BIT(MLP_FEATURE_##id)

typedef struct {
    const char *name;
    int n_sizes;
    int sizes[MLP_MAX_LAYERS];
    mlp_activation activation;
    mlp_output output;
    double learning_rate;
    int batch_size;
    uint32_t features;
    mlp_optimizer optimizer;
    mlp_regularization regularization;
    double reg_rate;
    int points, test_points, epochs;
    uint32_t seed;
} pin_case;

/* tests/node/kernel-pin.test.js lists the same cases: keep them in step. */
static const pin_case pin_cases[] = {
    {"sigmoid-2-4-4", 3, {2, 4, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0, 0, 0, MLP_OPT_SGD,
     MLP_REG_NONE, 0, 200, 0, 40, 1},
    {"tanh-2-8-8-8-4", 5, {2, 8, 8, 8, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 0.3, 0, 0, MLP_OPT_SGD,
     MLP_REG_NONE, 0, 199, 0, 40, 2},
    {"relu-7-64x8-4", 10, {7, 64, 64, 64, 64, 64, 64, 64, 64, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 0.02, 0,
     MLP_FEATURE_ALL, MLP_OPT_SGD, MLP_REG_NONE, 0, 200, 0, 4, 3},
    {"tanh-2-1-3-5-4-momentum", 5, {2, 1, 3, 5, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 0.1, 0, 0,
     MLP_OPT_MOMENTUM, MLP_REG_NONE, 0, 7, 0, 50, 4},
    {"relu-3-5-3-adam-l2-batch32", 4, {3, 5, 5, 3}, MLP_RELU, MLP_OUT_SOFTMAX, 0.01, 32,
     F(X1) | F(X2) | F(X1_TIMES_X2), MLP_OPT_ADAM, MLP_REG_L2, 0.001, 199, 31, 20, 5},
    {"sigmoid-2-64-64-4-momentum-l1-batch50", 4, {2, 64, 64, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 0.5,
     50, 0, MLP_OPT_MOMENTUM, MLP_REG_L1, 0.0001, 199, 0, 10, 6},
    {"tanh-2-4-1-linear", 3, {2, 4, 1}, MLP_TANH, MLP_OUT_LINEAR, 0.05, 0, 0, MLP_OPT_SGD,
     MLP_REG_NONE, 0, 99, 13, 40, 7},
    {"relu-2-4-nohidden", 2, {2, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 0.5, 0, 0, MLP_OPT_SGD,
     MLP_REG_NONE, 0, 7, 0, 30, 8},
    {"tanh-7-64-8-4-adam-batch16", 4, {7, 64, 8, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 0.005, 16,
     MLP_FEATURE_ALL, MLP_OPT_ADAM, MLP_REG_NONE, 0, 199, 20, 6, 9},
    {"relu-2-5x7-4", 9, {2, 5, 5, 5, 5, 5, 5, 5, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 0.05, 0, 0,
     MLP_OPT_SGD, MLP_REG_NONE, 0, 199, 0, 40, 10},
    {"sigmoid-4-3-5-2-linear-batch8", 4, {4, 3, 5, 2}, MLP_SIGMOID, MLP_OUT_LINEAR, 0.2, 8,
     F(X1) | F(X2) | F(X1_SQUARED) | F(X2_SQUARED), MLP_OPT_SGD, MLP_REG_L2, 0.01, 57, 0, 15, 11},
    {"relu-2-64x3-4-batch64", 5, {2, 64, 64, 64, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 0.05, 64, 0,
     MLP_OPT_SGD, MLP_REG_NONE, 0, 500, 0, 3, 12},
};
#define PIN_CASES ((int)(sizeof pin_cases / sizeof pin_cases[0]))

typedef struct {
    uint64_t params, losses;
    double accuracy;
} pin_values;

/* Captured values, one per case, in order (see the top of the file). */
static const pin_values pins[] = {
    {0xc02fd05f8054a1a6ULL, 0x5e278b82a3b1c22bULL, 0.94499999999999995}, /* sigmoid-2-4-4: loss 0.52688464196236384 */
    {0x5c3bc66a65c2e7daULL, 0xe7e586985ee2537eULL, 0.98492462311557794}, /* tanh-2-8-8-8-4: loss 0.20510072394221041 */
    {0xdfbc5ca8978ed869ULL, 0x212ac626c35b0a68ULL, 0.71499999999999997}, /* relu-7-64x8-4: loss 1.0534973948557322 */
    {0x4f6f0df7c81bb584ULL, 0x8fa8e8ffa9487f16ULL, 1}, /* tanh-2-1-3-5-4-momentum: loss 0.094024420089840674 */
    {0xcf94b46a54a3c517ULL, 0x262888f6b0ac6e85ULL, 0.92964824120603018}, /* relu-3-5-3-adam-l2-batch32: loss 0.22490841542581622 */
    {0x29b3a48097cb7855ULL, 0xb9705506e7c07db0ULL, 0.94472361809045224}, /* sigmoid-2-64-64-4-momentum-l1-batch50: loss 0.059095091048438977 */
    {0xd5220ea59dbb4970ULL, 0x54aed53cd57d54aeULL, 0 + NAN}, /* tanh-2-4-1-linear: loss 0.058743464210277367 */
    {0x1cfc647054345932ULL, 0xb122bc64b1dcc95aULL, 1}, /* relu-2-4-nohidden: loss 0.24102679526889981 */
    {0x5e85a3395dd50d81ULL, 0x1d060695eeedd4ceULL, 0.98994974874371855}, /* tanh-7-64-8-4-adam-batch16: loss 0.15336872718296149 */
    {0x89d122663a39a654ULL, 0x80d6ae5b656dc62dULL, 0.48743718592964824}, /* relu-2-5x7-4: loss 0.9921061019738675 */
    {0x1589ac3d7c054a99ULL, 0x232287d76ab5f2dfULL, 0 + NAN}, /* sigmoid-4-3-5-2-linear-batch8: loss 0.20975583282303581 */
    {0x22ffb1ec87fe0dddULL, 0xf094b1b68ace7d06ULL, 0.97399999999999998}, /* relu-2-64x3-4-batch64: loss 0.16973825574398502 */
};

/* A uniform value in [-1, 1] from a 32-bit LCG: (integer - 1000) / 1000,
   the one division correctly rounded everywhere. */
static double pin_uniform(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return ((double)((*s >> 8) % 2001u) - 1000.0) / 1000.0;
}

/* n points in [-2, 2]^2; class: the quadrant (mod K); targets for a linear
   output x1 x2 / 4 and (x1 - x2) / 4 (exact: powers of two). */
static void pin_points(const pin_case *c, int n, int test, double *x, int32_t *y, double *t)
{
    int K = c->sizes[c->n_sizes - 1], q, k;
    uint32_t s = c->seed * 40503u + (test ? 7u : 3u);
    for (q = 0; q < n; q++) {
        double x1 = 2.0 * pin_uniform(&s), x2 = 2.0 * pin_uniform(&s);
        x[2 * q] = x1;
        x[2 * q + 1] = x2;
        y[q] = ((x1 > 0) + 2 * (x2 > 0)) % K;
        for (k = 0; k < K; k++)
            t[(long)q * K + k] = k % 2 ? (x1 - x2) / 4 : x1 * x2 / 4;
    }
}

static uint64_t fnv1a(uint64_t h, const double *v, int n)
{
    int k, b;
    for (k = 0; k < n; k++) {
        uint64_t bits;
        memcpy(&bits, &v[k], sizeof bits);
        for (b = 0; b < 8; b++) {
            h ^= (bits >> (8 * b)) & 0xffu;
            h *= 0x100000001b3ULL;
        }
    }
    return h;
}

/* Parameters from the case's integer sequence, scaled by g / sqrt(fan_in):
   g = 2.5 for relu (variance ~2 / fan_in, He's, so deep stacks keep their
   signal), 1.5 otherwise. */
static int set_params(mlp *net, const pin_case *c)
{
    int n = mlp_param_count(net), l, k, L = c->n_sizes - 1;
    double *p = malloc((size_t)n * sizeof *p);
    uint32_t s = c->seed * 2654435761u + 1u;
    mlp_error err;
    int ok;
    for (l = 1; l <= L; l++) {
        int end = l < L ? mlp_layer_offset(net, l + 1) : n;
        double scale = (c->activation == MLP_RELU ? 2.5 : 1.5) / sqrt((double)c->sizes[l - 1]);
        for (k = mlp_layer_offset(net, l); k < end; k++)
            p[k] = pin_uniform(&s) * scale;
    }
    ok = mlp_set_params(net, p, n, &err) == MLP_OK;
    CHECK(ok, "%s: set_params: %s", c->name, err.msg);
    free(p);
    return ok;
}

static int set_data(mlp *net, const pin_case *c, int n, int test)
{
    int K = c->sizes[c->n_sizes - 1], ok;
    double *x = malloc((size_t)n * 2 * sizeof *x), *t = malloc((size_t)n * K * sizeof *t);
    int32_t *y = malloc((size_t)n * sizeof *y);
    mlp_error err;
    pin_points(c, n, test, x, y, t);
    ok = test ? mlp_set_test_data(net, n, x, y, t, &err) == MLP_OK
              : mlp_set_data(net, n, x, y, t, &err) == MLP_OK;
    CHECK(ok, "%s: set %s data (%d points): %s", c->name, test ? "test" : "training", n, err.msg);
    free(x);
    free(y);
    free(t);
    return ok;
}

static mlp *make(const pin_case *c)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    int l;
    mlp_desc_defaults(&d);
    d.n_sizes = c->n_sizes;
    for (l = 0; l < c->n_sizes; l++)
        d.sizes[l] = c->sizes[l];
    d.activation = c->activation;
    d.output = c->output;
    d.learning_rate = c->learning_rate;
    d.batch_size = c->batch_size;
    d.features = c->features;
    d.optimizer = c->optimizer;
    d.regularization = c->regularization;
    d.reg_rate = c->reg_rate;
    net = mlp_create(&d, &err);
    if (!CHECK(net != NULL, "%s: mlp_create: %s", c->name, err.msg))
        return NULL;
    if (!set_data(net, c, c->points, 0) || (c->test_points && !set_data(net, c, c->test_points, 1)) ||
        !set_params(net, c)) {
        mlp_destroy(net);
        return NULL;
    }
    return net;
}

static void run_case(const pin_case *c, const pin_values *want, int print)
{
    double losses[PIN_MAX_EPOCHS], test_losses[PIN_MAX_EPOCHS];
    uint64_t ph, lh;
    double acc;
    mlp_error err;
    mlp *net = make(c);
    if (!net)
        return;
    CHECK(mlp_step_record(net, c->epochs, losses, test_losses, &err) == MLP_OK, "%s: step: %s",
          c->name, err.msg);
    CHECK(!mlp_diverged(net), "%s: diverged after %d epochs", c->name, c->epochs);
    ph = fnv1a(0xcbf29ce484222325ULL, mlp_params(net), mlp_param_count(net));
    lh = fnv1a(fnv1a(0xcbf29ce484222325ULL, losses, c->epochs), test_losses, c->epochs);
    acc = mlp_accuracy(net);
    if (print)
        printf("    {0x%016llxULL, 0x%016llxULL, %.17g%s}, /* %s: loss %.17g */\n",
               (unsigned long long)ph, (unsigned long long)lh, acc == acc ? acc : 0.0,
               acc == acc ? "" : " + NAN", c->name, losses[c->epochs - 1]);
    else {
        CHECK(ph == want->params, "%s: parameter hash %016llx, pinned %016llx", c->name,
              (unsigned long long)ph, (unsigned long long)want->params);
        CHECK(lh == want->losses, "%s: loss hash %016llx, pinned %016llx (last loss %.17g)",
              c->name, (unsigned long long)lh, (unsigned long long)want->losses,
              losses[c->epochs - 1]);
        CHECK(acc == want->accuracy || (acc != acc && want->accuracy != want->accuracy),
              "%s: accuracy %.17g, pinned %.17g", c->name, acc, want->accuracy);
    }
    mlp_destroy(net);
}

int main(void)
{
    const char *env = getenv("PIN_PRINT");
    int print = env && env[0] == '1', c;
    CHECK(sizeof pins / sizeof pins[0] == PIN_CASES, "%d pinned values for %d cases",
          (int)(sizeof pins / sizeof pins[0]), PIN_CASES);
    for (c = 0; c < PIN_CASES; c++)
        run_case(&pin_cases[c], &pins[c < (int)(sizeof pins / sizeof pins[0]) ? c : 0], print);
    return check_summary();
}

/* test_grid_f32.c: the float32 path of mlp_predict_grid against the float64
   forward pass (mlp_predict at the same pixel centres), and the float32
   functions of fastmath.h against libm's long double.

   The grid is display output, returned as float, so it is computed in float32
   (dense_f32.c, the float32 dense layer and softmax). Its error has three sources: float
   rounding of inputs, weights and sums (relative 6e-8 each, amplified by the
   weights of later layers), the activations' approximation (fmf_sigmoid2,
   fmf_tanh2: absolute error below 3e-7, checked below) and fmf_exp2 in the
   softmax (relative error below 2e-7). GRID_BOUND is the largest difference
   allowed in a probability (absolute) or a linear output (relative to
   max(1, |output|), the float output's own rounding being relative) over
   every pixel of every network here, with any weights: where float could
   not keep it, the grid recomputes in float64 (a network whose estimated
   gain is too high, mlp__grid_gain_ok; a block whose output layer sums
   terms past F32_LOGIT_TERMS_LIMIT or whose relu/linear values leave
   +-F32_VALUE_LIMIT), and those values are the float64 ones rounded to float.
   Without that, large weights broke the bound in three ways, tested below
   (test_mechanisms, test_huge_logits, test_mixed_relu, test_random_scales):
   terms of large magnitude summed into a logit that is small where classes
   meet (~2e-8 per unit of the terms: 2e-5 from about 1000), large weights out of a sigmoid or tanh layer times its 2e-7 error
   (~2.5e-8 per unit of weight), and steep deep networks compounding both
   (1e-3 and up). A pixel of the decision region has 8-bit colour, steps of
   4e-3. MLP_TEST_HOOKS (the Makefile's test builds) counts the blocks each
   path computes. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fastmath.h"
#include "grid_util.h"
#include "layers.h"
#include "mlp.h"
#include "rng.h"

#define LOG2E_D 1.4426950408889634

/* The steep random ones (tanh 4, the 64-wide relu 2, the 8-layer tanh)
   now take the float64 path in all or some blocks; their milder twins keep
   the float path. */
static const net_case cases[] = {
    {"2-4-4 sigmoid", 3, {2, 4, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 6.0, 1},
    {"2-8-8-8-4 tanh", 5, {2, 8, 8, 8, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 4.0, 0},
    {"2-8-8-8-4 tanh, milder", 5, {2, 8, 8, 8, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 2.0, 1},
    {"2-64-64-64-4 relu", 5, {2, 64, 64, 64, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 2.0, 0},
    {"2-64-64-64-4 relu, He scale", 5, {2, 64, 64, 64, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 1.4, 1},
    {"2-5-3 tanh (3 classes)", 3, {2, 5, 3}, MLP_TANH, MLP_OUT_SOFTMAX, 6.0, 1},
    {"2-7-6-2 relu (2 classes)", 4, {2, 7, 6, 2}, MLP_RELU, MLP_OUT_SOFTMAX, 3.0, 0},
    {"2-12-3 sigmoid, linear out", 3, {2, 12, 3}, MLP_SIGMOID, MLP_OUT_LINEAR, 3.0, 1},
    {"2-4 softmax, no hidden", 2, {2, 4}, MLP_LINEAR, MLP_OUT_SOFTMAX, 3.0, 1},
    {"2-9-9-9-9-9-9-9-9-4 tanh", 10, {2, 9, 9, 9, 9, 9, 9, 9, 9, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 2.5, 0},
};

static void test_networks(void)
{
    int c;
    double overall = 0.0;
    for (c = 0; c < (int)(sizeof cases / sizeof cases[0]); c++) {
        const net_case *nc = &cases[c];
        int K = nc->sizes[nc->n_sizes - 1];
        long exact, f32;
        mlp *net = make_net(nc, 1.0, 11u + (unsigned)c);
        double d1, d2, d3;
        if (!net)
            continue;
        /* 256 x 256 (blocks of whole rows), 100 x 37 (blocks straddle rows, a
           padded last block), over different windows; 300 x 9 is wider than a
           block, so sigmoid/tanh networks skip the separable first layer. */
        d1 = grid_diff(net, K, -3, 3, -3, 3, 256, 256, &exact);
        f32 = mlp__grid_blocks_f32;
        CHECK(!nc->f32 || (mlp__grid_blocks_f32 == 256 && mlp__grid_blocks_f64 == 0),
              "%s: %ld blocks float32, %ld float64, want all 256 float32", nc->name,
              mlp__grid_blocks_f32, mlp__grid_blocks_f64);
        d2 = grid_diff(net, K, -1.5, 4, -6, 0.5, 100, 37, &exact);
        d3 = grid_diff(net, K, -3, 3, -1, 1, 300, 9, &exact);
        printf("%-30s max |grid - predict| %.3g (256x256, %3ld of 256 blocks float32), %.3g "
               "(100x37), %.3g (300x9)\n", nc->name, d1, f32, d2, d3);
        CHECK(d1 <= GRID_BOUND && d2 <= GRID_BOUND && d3 <= GRID_BOUND,
              "%s: max |grid - predict| %.3g, %.3g, %.3g, want <= %g", nc->name, d1, d2, d3, GRID_BOUND);
        overall = fmax(overall, fmax(fmax(d1, d2), d3));
        mlp_destroy(net);
    }
    printf("float32 grid: max |grid - predict| over all networks %.3g (bound %g)\n", overall,
           GRID_BOUND);
}

/* Parameters 1e3 times larger: relu values pass F32_VALUE_LIMIT, so every
   block is recomputed in float64 and the grid is (float) of predict. */
static void test_fallback(void)
{
    mlp *net = make_net(&cases[3], 1e3, 5u);
    long exact;
    double d;
    if (!net)
        return;
    d = grid_diff(net, 4, -3, 3, -3, 3, 64, 48, &exact);
    CHECK(exact == 64L * 48 * 4, "large relu network: %ld of %d grid values are (float) predict "
          "(max diff %.3g), want all (the float64 fallback)", exact, 64 * 48 * 4, d);
    CHECK(mlp__grid_blocks_f32 == 0 && mlp__grid_blocks_f64 == 12,
          "large relu network: %ld blocks float32, %ld float64, want 0 and 12",
          mlp__grid_blocks_f32, mlp__grid_blocks_f64);
    mlp_destroy(net);
}

/* A 2-6-4 network whose logits are +-2e4 times unit 0 (which follows y): its
   output layer sums terms far past F32_LOGIT_TERMS_LIMIT, which the weights
   alone show, so every block takes the float64 path. The tanh one's unit 0
   crosses 0 at row 31's centre (y = 3/64), where its logits are small but
   made of 2e4-sized terms: there float32 was 1e-3 off (fmf_tanh2's error
   times 2e4), the exception this test used to allow. */
static void test_huge_logits(mlp_activation act)
{
    net_case c = {"2-6-4 sigmoid, huge logits", 3, {2, 6, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0, 0};
    double p[2 * 6 + 6 + 6 * 4 + 4], d;
    long exact;
    int k, width = act == MLP_TANH ? 256 : 64;
    mlp_error err;
    mlp *net;
    if (act == MLP_TANH) {
        c.name = "2-6-4 tanh, huge logits";
        c.act = MLP_TANH;
    }
    net = make_net(&c, 1.0, 3u);
    if (!net)
        return;
    for (k = 0; k < mlp_param_count(net); k++)
        p[k] = mlp_params(net)[k];
    p[0] = 0.0;                                 /* W1[0][0]: x into unit 0 */
    p[6] = 3.0;                                 /* W1[1][0]: y into unit 0 */
    if (act == MLP_TANH) {                      /* b1[0]: tanh 0 at row 31's centre */
        p[12] = -3.0 * 3.0 / 64;
        for (k = 4; k < 24; k++)                /* W2[1..5][k]: units 1-5 out of the logits */
            p[18 + k] = 0.0;
    }
    for (k = 0; k < 4; k++)                     /* W2[0][k]: unit 0 into the logits */
        p[18 + k] = k == 0 ? 2e4 : -2e4;
    CHECK(mlp_set_params(net, p, mlp_param_count(net), &err) == MLP_OK, "set_params: %s", err.msg);
    d = grid_diff(net, 4, -3, 3, -3, 3, width, 64, &exact);
    printf("%s: max |grid - predict| %.3g, %ld of %d blocks float64\n", c.name, d,
           mlp__grid_blocks_f64, width * 64 / 256);
    CHECK(d <= GRID_BOUND, "%s: max |grid - predict| %.3g, want <= %g", c.name, d, GRID_BOUND);
    CHECK(mlp__grid_blocks_f32 == 0 && exact == width * 64L * 4,
          "%s: %ld blocks float32, %ld values exactly (float) predict, want 0 and all %d",
          c.name, mlp__grid_blocks_f32, exact, width * 64 * 4);
    mlp_destroy(net);
}

/* The mechanisms, each with the classes meeting at a pixel centre x_k
   (k = 16 places along a 256 x 2 grid over [-3, 3] x [-1, 1]), where the
   float64 probability is 1/2 and float's error shows whole:
   0: softmax of two logits 3000 +- (x - x_k): large terms, small difference;
   1, 2: sigmoid or tanh h = act(x + 1/2), logits +-3000 (h - h(x_k)): large
   weights out of a smooth layer; 3: relu h = relu(x + 1/2), weights 1500;
   4: as 1, one linear output 3000 (h - h(x_k)). Before the checks they were
   off by 6e-5, 1e-4, 5e-5, 4e-5 and 3e-4. */
static void mechanism_params(int kind, double xk, double *p, int *n_sizes, int *sizes)
{
    const mlp_activation acts[] = {MLP_LINEAR, MLP_SIGMOID, MLP_TANH, MLP_RELU, MLP_SIGMOID};
    double W = kind == 3 ? 1500.0 : 3000.0, hk;
    sizes[0] = 2;
    if (kind == 0) {                            /* 2-2: W (2 x 2), b */
        const double q[] = {1, -1, 0, 0, 3000 - xk, 3000 + xk};
        *n_sizes = 2;
        sizes[1] = 2;
        memcpy(p, q, sizeof q);
        return;
    }
    hk = acts[kind] == MLP_SIGMOID ? 1.0 / (1.0 + exp(-(xk + 0.5)))
         : acts[kind] == MLP_TANH  ? tanh(xk + 0.5)
                                   : xk + 0.5;
    *n_sizes = 3;
    sizes[1] = 1;
    sizes[2] = kind == 4 ? 1 : 2;
    p[0] = 1.0, p[1] = 0.0, p[2] = 0.5;         /* W1 (2 x 1), b1 */
    if (kind == 4) {
        p[3] = W, p[4] = -W * hk;               /* W2 (1 x 1), b2 */
    } else {
        p[3] = W, p[4] = -W;                    /* W2 (1 x 2), b2 */
        p[5] = -W * hk, p[6] = W * hk;
    }
}

static void test_mechanisms(void)
{
    static const char *names[] = {"softmax, logits 3000 +- x", "sigmoid, output weights 3000",
                                  "tanh, output weights 3000", "relu, output weights 1500",
                                  "sigmoid, linear output 3000 h"};
    const mlp_activation acts[] = {MLP_LINEAR, MLP_SIGMOID, MLP_TANH, MLP_RELU, MLP_SIGMOID};
    int kind, k, n_sizes, sizes[3];
    for (kind = 0; kind < 5; kind++) {
        double worst = 0.0, p[8];
        long exact;
        for (k = 0; k < 16; k++) {
            double xk = -3.0 + (16 * k + 100 + 0.5) * (6.0 / 256);   /* pixels 100..340 of 256 */
            mlp *net;
            if (xk > 2.9)
                xk -= 5.0;
            mechanism_params(kind, xk, p, &n_sizes, sizes);
            net = net_from(n_sizes, sizes, acts[kind], kind == 4 ? MLP_OUT_LINEAR : MLP_OUT_SOFTMAX,
                           p);
            if (!net)
                return;
            worst = fmax(worst, grid_diff(net, sizes[n_sizes - 1], -3, 3, -1, 1, 256, 2, &exact));
            mlp_destroy(net);
        }
        printf("mechanism %d (%s): max |grid - predict| %.3g over 16 boundaries\n", kind,
               names[kind], worst);
        CHECK(worst <= GRID_BOUND, "%s: max |grid - predict| %.3g, want <= %g", names[kind], worst,
              GRID_BOUND);
    }
}

/* A relu network whose blocks (rows) fall on both sides of the output
   layer's limit: h0 = relu(1000 (y + 3)) adds a common offset, 0 to 6000,
   to two logits h0 +- (relu(x) - relu(-x)); a row is float32 while its
   largest h0 keeps the logits' terms 3 h0 log2 e within 512 (h0 <= 118: the
   bottom 5 rows, the last at 105), float64 above. Float32 all over was
   off by 5.6e-5. */
static void test_mixed_relu(void)
{
    static const int sizes[] = {2, 3, 2};
    static const double p[] = {0, 1, -1, 1000, 0, 0, 3000, 0, 0, /* W1 (2 x 3), b1 */
                               1, 1, 1, -1, -1, 1, 0, 0};        /* W2 (3 x 2), b2 */
    mlp *net = net_from(3, sizes, MLP_RELU, MLP_OUT_SOFTMAX, p);
    long exact;
    double d;
    if (!net)
        return;
    d = grid_diff(net, 2, -3, 3, -3, 3, 256, 256, &exact);
    printf("relu, row offsets 0..6000: max |grid - predict| %.3g, %ld rows float32, %ld float64\n", d,
           mlp__grid_blocks_f32, mlp__grid_blocks_f64);
    CHECK(d <= GRID_BOUND, "mixed relu: max |grid - predict| %.3g, want <= %g", d, GRID_BOUND);
    CHECK(mlp__grid_blocks_f32 == 5 && mlp__grid_blocks_f64 == 251,
          "mixed relu: %ld rows float32, %ld float64, want 5 (h0 <= 118) and 251",
          mlp__grid_blocks_f32, mlp__grid_blocks_f64);
    mlp_destroy(net);
}

/* Seeded random networks, parameters N(0, 1) times a scale log-uniform in
   [1e-2, 1e5] (over every other one divided by sqrt(fan_in)), over random
   windows: the largest difference must stay within GRID_BOUND. Before the
   checks, 289 of 2,400 such networks broke it (up to a whole probability, 1,
   on a steep 8-layer tanh network); after, the largest of 7,200 was 5.3e-6. */
static void test_random_scales(void)
{
    static const net_case archs[] = {
        {"2-4-4 sigmoid", 3, {2, 4, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1, 0},
        {"2-8-8-8-4 tanh", 5, {2, 8, 8, 8, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 1, 0},
        {"2-16-16-4 relu", 4, {2, 16, 16, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 1, 0},
        {"2-6-3 tanh", 3, {2, 6, 3}, MLP_TANH, MLP_OUT_SOFTMAX, 1, 0},
        {"2-4 softmax", 2, {2, 4}, MLP_LINEAR, MLP_OUT_SOFTMAX, 1, 0},
        {"2-5-2 sigmoid", 3, {2, 5, 2}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1, 0},
        {"2-32x3-3 relu", 5, {2, 32, 32, 32, 3}, MLP_RELU, MLP_OUT_SOFTMAX, 1, 0},
        {"2-8-2 relu, linear out", 3, {2, 8, 2}, MLP_RELU, MLP_OUT_LINEAR, 1, 0},
        {"2-9x8-4 tanh", 10, {2, 9, 9, 9, 9, 9, 9, 9, 9, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 1, 0},
        {"2-12-3 sigmoid, linear out", 3, {2, 12, 3}, MLP_SIGMOID, MLP_OUT_LINEAR, 1, 0},
        {"2-8-8-4 linear", 4, {2, 8, 8, 4}, MLP_LINEAR, MLP_OUT_SOFTMAX, 1, 0},
        {"2-16-16-2 sigmoid", 4, {2, 16, 16, 2}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1, 0},
    };
    const int n_archs = (int)(sizeof archs / sizeof archs[0]), N = 240;
    double worst = 0.0;
    long f32 = 0, f64 = 0, exact;
    int t, worst_t = -1;
    rng_state rng;
    rng_seed(&rng, 2026u);
    for (t = 0; t < N; t++) {
        net_case c = archs[t % n_archs];
        double x0, x1, y0, y1, d;
        mlp *net;
        c.scale = pow(10.0, -2.0 + 7.0 * rng_uniform(&rng));
        net = make_net(&c, (t / n_archs) % 2 ? 1.0 : sqrt((double)c.sizes[1]), 100u + (unsigned)t);
        if (!net)
            return;
        x0 = -3 - 2 * rng_uniform(&rng), x1 = 3 + 2 * rng_uniform(&rng);
        y0 = -3 - 2 * rng_uniform(&rng), y1 = 3 * rng_uniform(&rng);
        d = grid_diff(net, c.sizes[c.n_sizes - 1], x0, x1, y0, y1, 96 + t % 3 * 61, 64, &exact);
        f32 += mlp__grid_blocks_f32, f64 += mlp__grid_blocks_f64;
        CHECK(d <= GRID_BOUND, "random %d (%s, scale %.3g): max |grid - predict| %.3g, want <= %g",
              t, c.name, c.scale, d, GRID_BOUND);
        if (d > worst)
            worst = d, worst_t = t;
        mlp_destroy(net);
    }
    printf("%d random networks, scales 1e-2..1e5: max |grid - predict| %.3g (network %d), "
           "%.0f%% of blocks float32\n", N, worst, worst_t, 100.0 * f32 / (f32 + f64));
}

/* The bench's networks (bench/bench_native.c), trained as it trains them
   before timing the grid: every block must take the float path. */
static void test_bench_networks(void)
{
    static const struct {
        net_case c;
        double lr;
        mlp_init init;
        int points, epochs;
    } bench[] = {
        {{"2-4-4 sigmoid", 3, {2, 4, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 0, 1}, 1.0, MLP_INIT_SEED, 200, 200},
        {{"2-8-8-8-4 tanh", 5, {2, 8, 8, 8, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 0, 1}, 0.3, MLP_INIT_SEED, 500, 200},
        {{"2-64x3-4 relu", 5, {2, 64, 64, 64, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 0, 1}, 0.05, MLP_INIT_HE, 500, 40},
        {{"2-64x8-4 relu", 10, {2, 64, 64, 64, 64, 64, 64, 64, 64, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 0, 1},
         0.02, MLP_INIT_HE, 500, 20},
    };
    int b, l;
    for (b = 0; b < 4; b++) {
        mlp_desc d;
        mlp_error err;
        mlp *net;
        long exact;
        double diff;
        mlp_desc_defaults(&d);
        d.n_sizes = bench[b].c.n_sizes;
        for (l = 0; l < d.n_sizes; l++)
            d.sizes[l] = bench[b].c.sizes[l];
        d.activation = bench[b].c.act;
        d.learning_rate = bench[b].lr;
        d.init = bench[b].init;
        net = mlp_create(&d, &err);
        if (!CHECK(net != NULL, "%s: mlp_create: %s", bench[b].c.name, err.msg))
            continue;
        CHECK(mlp_data_quadrants(net, bench[b].points, 0.3, &err) == MLP_OK &&
                  mlp_step(net, bench[b].epochs, &err) == MLP_OK,
              "%s: data, training: %s", bench[b].c.name, err.msg);
        diff = grid_diff(net, 4, -3, 3, -3, 3, 256, 256, &exact);
        printf("bench %-16s max |grid - predict| %.3g, %ld of 256 blocks float32\n", bench[b].c.name,
               diff, mlp__grid_blocks_f32);
        CHECK(diff <= GRID_BOUND && mlp__grid_blocks_f32 == 256 && mlp__grid_blocks_f64 == 0,
              "%s: max |grid - predict| %.3g, %ld blocks float32 and %ld float64, want <= %g, "
              "256 and 0", bench[b].c.name, diff, mlp__grid_blocks_f32, mlp__grid_blocks_f64,
              GRID_BOUND);
        mlp_destroy(net);
    }
}

/* fmf_exp2 relative error, and fmf_sigmoid2 / fmf_tanh2 absolute error
   against long double, on dense sweeps (offset so the points are not round). */
static void test_functions(void)
{
    const double frac = 0.6180339887498949;
    double e_rel = 0, s_abs = 0, t_abs = 0, worst_e = 0;
    long i;
    for (i = 0; i <= 2000000; i++) {
        float t = (float)(-125.0 + (i + frac) * (250.9 / 2000000)); /* inside the clamp */
        long double ref = exp2l((long double)t);
        double rel = (double)(fabsl((long double)fmf_exp2(t) - ref) / ref);
        if (rel > e_rel) {
            e_rel = rel;
            worst_e = t;
        }
    }
    for (i = 0; i <= 2000000; i++) {
        float z = (float)(-60.0 + (i + frac) * (120.0 / 2000000));
        float ts = (float)(-(double)z * LOG2E_D), tt = (float)(2.0 * z * LOG2E_D);
        long double sig = 1.0L / (1.0L + expl(-(long double)z)), th = tanhl((long double)z);
        s_abs = fmax(s_abs, (double)fabsl((long double)fmf_sigmoid2(ts) - sig));
        t_abs = fmax(t_abs, (double)fabsl((long double)fmf_tanh2(tt) - th));
    }
    printf("fmf_exp2 on [-125, 126]: max rel err %.3g at t = %.9g\n", e_rel, worst_e);
    printf("fmf_sigmoid2, fmf_tanh2 on z in [-60, 60]: max abs err %.3g, %.3g\n", s_abs, t_abs);
    CHECK(e_rel <= 2e-7, "fmf_exp2: max rel err %.3g at t = %.9g, want <= 2e-7", e_rel, worst_e);
    CHECK(s_abs <= 3e-7, "fmf_sigmoid2: max abs err %.3g, want <= 3e-7", s_abs);
    CHECK(t_abs <= 3e-7, "fmf_tanh2: max abs err %.3g, want <= 3e-7", t_abs);
    CHECK(fmf_sigmoid2(-1000.0f) == 1.0f && fmf_sigmoid2(1000.0f) <= 1e-37f &&
              fmf_tanh2(1000.0f) == 1.0f && fmf_tanh2(-1000.0f) == -1.0f,
          "saturation: sigmoid %g, %g; tanh %g, %g", fmf_sigmoid2(-1000.0f),
          fmf_sigmoid2(1000.0f), fmf_tanh2(1000.0f), fmf_tanh2(-1000.0f));
}

int main(void)
{
    test_functions();
    test_networks();
    test_fallback();
    test_huge_logits(MLP_SIGMOID);
    test_huge_logits(MLP_TANH);
    test_mechanisms();
    test_mixed_relu();
    test_random_scales();
    test_bench_networks();
    return check_summary();
}

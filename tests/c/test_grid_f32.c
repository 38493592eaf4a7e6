/* test_grid_f32.c: the float32 path of mlp_predict_grid against the float64
   forward pass (mlp_predict at the same pixel centres), and the float32
   functions of fastmath.h against libm's long double.

   The grid is display output, returned as float, so it is computed in float32
   (grid_f32.c, "the float32 dense layer and softmax"). Its error has three sources: float
   rounding of inputs, weights and sums (relative 6e-8 each, amplified by the
   weights of later layers), the activations' approximation (fmf_sigmoid2,
   fmf_tanh2: absolute error below 3e-7, checked below) and fmf_exp2 in the
   softmax (relative error below 2e-7). GRID_BOUND is the largest absolute
   difference in a probability (or linear output) allowed over every pixel of
   every network below; the measured differences are printed (at this
   writing at most 1.2e-5, on the steep random 8-hidden-layer tanh network;
   trained page networks stay near 1e-6). A pixel of the decision region
   has 8-bit colour, steps of 4e-3, so none of this is visible. A network whose
   relu/linear values leave +-F32_VALUE_LIMIT falls back to float64: its grid
   must then be exactly the float64 values rounded to float. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "fastmath.h"
#include "layers.h"
#include "mlp.h"
#include "rng.h"

#define GRID_BOUND 2e-5
#define LOG2E_D 1.4426950408889634

typedef struct {
    const char *name;
    int n_sizes;
    int sizes[MLP_MAX_LAYERS];
    mlp_activation act;
    mlp_output output;
    double scale;          /* random parameters N(0, 1) * scale / sqrt(fan_in) */
} net_case;

static const net_case cases[] = {
    {"2-4-4 sigmoid", 3, {2, 4, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 6.0},
    {"2-8-8-8-4 tanh", 5, {2, 8, 8, 8, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 4.0},
    {"2-64-64-64-4 relu", 5, {2, 64, 64, 64, 4}, MLP_RELU, MLP_OUT_SOFTMAX, 2.0},
    {"2-5-3 tanh (3 classes)", 3, {2, 5, 3}, MLP_TANH, MLP_OUT_SOFTMAX, 6.0},
    {"2-7-6-2 relu (2 classes)", 4, {2, 7, 6, 2}, MLP_RELU, MLP_OUT_SOFTMAX, 3.0},
    {"2-12-3 sigmoid, linear out", 3, {2, 12, 3}, MLP_SIGMOID, MLP_OUT_LINEAR, 3.0},
    {"2-4 softmax, no hidden", 2, {2, 4}, MLP_LINEAR, MLP_OUT_SOFTMAX, 3.0},
    {"2-9-9-9-9-9-9-9-9-4 tanh", 10, {2, 9, 9, 9, 9, 9, 9, 9, 9, 4}, MLP_TANH, MLP_OUT_SOFTMAX, 2.5},
};

static mlp *make_net(const net_case *c, double extra_scale, unsigned seed)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    rng_state rng;
    double *p;
    int l, k, n;
    mlp_desc_defaults(&d);
    d.n_sizes = c->n_sizes;
    for (l = 0; l < c->n_sizes; l++)
        d.sizes[l] = c->sizes[l];
    d.activation = c->act;
    d.output = c->output;
    net = mlp_create(&d, &err);
    if (!CHECK(net != NULL, "%s: mlp_create: %s", c->name, err.msg))
        return NULL;
    n = mlp_param_count(net);
    p = malloc(sizeof(double) * (size_t)n);
    rng_seed(&rng, seed);
    for (l = 1, k = 0; l < c->n_sizes; l++) {   /* W_l (fan_in x fan_out), then b_l */
        int fi = c->sizes[l - 1], fo = c->sizes[l], e;
        for (e = 0; e < fi * fo + fo; e++, k++)
            p[k] = rng_normal(&rng) * c->scale * extra_scale / sqrt((double)fi);
    }
    CHECK(mlp_set_params(net, p, n, &err) == MLP_OK, "%s: set_params: %s", c->name, err.msg);
    free(p);
    return net;
}

/* Largest |grid - predict| over a width x height grid of [x0, x1] x [y0, y1];
   *exact counts pixels where the grid equals (float) of the float64 value. */
static double grid_diff(mlp *net, int K, double x0, double x1, double y0, double y1, int width,
                        int height, long *exact)
{
    long n = (long)width * height, q;
    float *g = malloc(sizeof(float) * (size_t)(n * K));
    double *pts = malloc(sizeof(double) * (size_t)(2 * n)), *p = malloc(sizeof(double) * (size_t)(n * K));
    double worst = 0.0, dx = (x1 - x0) / width, dy = (y1 - y0) / height;
    mlp_error err;
    *exact = 0;
    for (q = 0; q < n; q++) {
        pts[2 * q] = x0 + (q % width + 0.5) * dx;
        pts[2 * q + 1] = y1 - (q / width + 0.5) * dy;
    }
    CHECK(mlp_predict_grid(net, x0, x1, y0, y1, width, height, g, &err) == MLP_OK,
          "predict_grid %dx%d: %s", width, height, err.msg);
    CHECK(mlp_predict(net, pts, (int)n, p, &err) == MLP_OK, "predict %ld: %s", n, err.msg);
    for (q = 0; q < n * K; q++) {
        double d = fabs((double)g[q] - p[q]);
        worst = d > worst || d != d ? d : worst;
        *exact += g[q] == (float)p[q];
    }
    free(g);
    free(pts);
    free(p);
    return worst;
}

static void test_networks(void)
{
    int c;
    double overall = 0.0;
    for (c = 0; c < (int)(sizeof cases / sizeof cases[0]); c++) {
        const net_case *nc = &cases[c];
        int K = nc->sizes[nc->n_sizes - 1];
        long exact;
        mlp *net = make_net(nc, 1.0, 11u + (unsigned)c);
        double d1, d2, d3;
        if (!net)
            continue;
        /* 256 x 256 (blocks of whole rows), 100 x 37 (blocks straddle rows, a
           padded last block), over different windows; 300 x 9 is wider than a
           block, so sigmoid/tanh networks skip the separable first layer. */
        d1 = grid_diff(net, K, -3, 3, -3, 3, 256, 256, &exact);
        d2 = grid_diff(net, K, -1.5, 4, -6, 0.5, 100, 37, &exact);
        d3 = grid_diff(net, K, -3, 3, -1, 1, 300, 9, &exact);
        printf("%-28s max |grid - predict| %.3g (256x256), %.3g (100x37), %.3g (300x9)\n", nc->name,
               d1, d2, d3);
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
    mlp *net = make_net(&cases[2], 1e3, 5u);
    long exact;
    double d;
    if (!net)
        return;
    d = grid_diff(net, 4, -3, 3, -3, 3, 64, 48, &exact);
    CHECK(exact == 64L * 48 * 4, "large relu network: %ld of %d grid values are (float) predict "
          "(max diff %.3g), want all (the float64 fallback)", exact, 64 * 48 * 4, d);
    mlp_destroy(net);
}

/* A sigmoid network whose logits pass F32_VALUE_LIMIT in the top half of the
   grid only (unit 0 follows y; the logits are +-2e4 times it): those rows are
   recomputed in float64, which overwrites the separable first layer's column
   table, so the rows after them must rebuild it. With tanh, unit 0 is near
   -1 in the bottom half, so only the rows near its zero (row 31) stay in
   float32: the logits, whose inputs are bounded but whose weights are not,
   must still be checked per pixel (dense_act_forward_f32). That grid is
   EVAL_ROW wide, so that each block of pixels is one row. Its float32 rows
   carry fmf_tanh2's 2e-7 error times weights of 2e4 in the logits, past
   GRID_BOUND (a bound for networks of ordinary gain): 1e-3 there, still a
   quarter of a colour step. */
#define EVAL_ROW 256
static void test_mixed_fallback(mlp_activation act)
{
    net_case c = {"2-6-4 sigmoid, huge logits", 3, {2, 6, 4}, MLP_SIGMOID, MLP_OUT_SOFTMAX, 1.0};
    mlp *net;
    double p[2 * 6 + 6 + 6 * 4 + 4];
    long exact;
    double d;
    int k, width = act == MLP_TANH ? EVAL_ROW : 64;
    double bound = act == MLP_TANH ? 1e-3 : GRID_BOUND;
    mlp_error err;
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
    if (act == MLP_TANH) {                      /* b1[0]: tanh 0 at row 31's centre, y = 3/64 */
        p[12] = -3.0 * 3.0 / 64;
        for (k = 4; k < 24; k++)                /* W2[1..5][k]: units 1-5 out of the logits, */
            p[18 + k] = 0.0;                    /* which would lose their float precision */
    }
    for (k = 0; k < 4; k++)                     /* W2[0][k]: unit 0 into the logits */
        p[18 + k] = k == 0 ? 2e4 : -2e4;
    CHECK(mlp_set_params(net, p, mlp_param_count(net), &err) == MLP_OK, "set_params: %s", err.msg);
    d = grid_diff(net, 4, -3, 3, -3, 3, width, 64, &exact);
    printf("%s: max |grid - predict| %.3g, %ld of %d values exactly (float) predict\n", c.name, d,
           exact, width * 64 * 4);
    CHECK(d <= bound, "%s: max |grid - predict| %.3g, want <= %g", c.name, d, bound);
    CHECK(exact >= width * 32 * 4 && exact < width * 64 * 4,
          "%s: %ld values exactly (float) predict, want the top half's %d at least and not all",
          c.name, exact, width * 32 * 4);
    mlp_destroy(net);
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
    test_mixed_fallback(MLP_SIGMOID);
    test_mixed_fallback(MLP_TANH);
    return check_summary();
}

/* grid_util.h: what the grid tests share (tests/c/test_grid_f32.c): the
   stated bound, networks with random or given parameters, and the largest
   difference between mlp_predict_grid and mlp_predict at the pixel centres. */
#ifndef GRID_UTIL_H
#define GRID_UTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "mlp.h"
#include "net_util.h"
#include "mlp_internal.h"
#include "rng.h"

#ifndef MLP_TEST_HOOKS
#error "build with -DMLP_TEST_HOOKS (the Makefile's test rule does): the block counters"
#endif

#define GRID_BOUND 2e-5

typedef struct {
    const char *name;
    int n_sizes;
    int sizes[MLP_MAX_LAYERS];
    mlp_activation act;
    mlp_output output;
    double scale;          /* random parameters N(0, 1) * scale / sqrt(fan_in) */
    int f32;               /* 1: every block of the 256 x 256 grid must take the float path */
} net_case;

static mlp *make_net(const net_case *c, double extra_scale, unsigned seed)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    rng_state rng;
    double *p;
    int l, k, n;
    desc_of(&d, c->n_sizes, c->sizes, c->act);
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

/* Largest |grid - predict| / max(1, |predict|) over a width x height grid
   of [x0, x1] x [y0, y1] (probabilities: the absolute difference); *exact
   counts pixels where the grid equals (float) of the float64 value. The
   block counters then hold this grid's blocks. */
static double grid_diff(mlp *net, int K, double x0, double x1, double y0, double y1, int width,
                        int height, long *exact)
{
    long n = (long)width * height, q;
    float *g = malloc(sizeof(float) * (size_t)(n * K));
    double *pts = malloc(sizeof(double) * (size_t)(2 * n)), *p = malloc(sizeof(double) * (size_t)(n * K));
    double worst = 0.0, dx = (x1 - x0) / width, dy = (y1 - y0) / height;
    mlp_error err;
    *exact = 0;
    mlp__grid_blocks_f32 = mlp__grid_blocks_f64 = 0;
    for (q = 0; q < n; q++) {
        pts[2 * q] = x0 + (q % width + 0.5) * dx;
        pts[2 * q + 1] = y1 - (q / width + 0.5) * dy;
    }
    CHECK(mlp_predict_grid(net, x0, x1, y0, y1, width, height, g, &err) == MLP_OK,
          "predict_grid %dx%d: %s", width, height, err.msg);
    CHECK(mlp_predict(net, pts, (int)n, p, &err) == MLP_OK, "predict %ld: %s", n, err.msg);
    for (q = 0; q < n * K; q++) {
        double d = fabs((double)g[q] - p[q]) / fmax(1.0, fabs(p[q]));
        worst = d > worst || d != d ? d : worst;
        *exact += g[q] == (float)p[q];
    }
    free(g);
    free(pts);
    free(p);
    return worst;
}

/* A network from explicit parameters (W_l then b_l, layer by layer). */
static mlp *net_from(int n_sizes, const int *sizes, mlp_activation act, mlp_output output,
                     const double *p)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    desc_of(&d, n_sizes, sizes, act);
    d.output = output;
    net = mlp_create(&d, &err);
    if (CHECK(net != NULL, "mlp_create: %s", err.msg))
        CHECK(mlp_set_params(net, p, mlp_param_count(net), &err) == MLP_OK, "set_params: %s",
              err.msg);
    return net;
}

#endif

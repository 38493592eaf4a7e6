/* test_unit_maps.c: every unit's map over a grid, and the errors of features.

   - mlp_unit_maps over a 40 x 30 grid (1200 pixels: four evaluation blocks
     of up to 256, the last partial) equals, as floats bit for bit, every
     unit's activation (features or raw inputs, hidden units, outputs) in a
     full-batch training pass whose data are the pixel centres computed as
     mlp.h documents them; its output maps equal mlp_predict_grid and
     mlp_predict at the same points. Networks: features {x1, x2, x1*x2,
     sin x1} -> 6 -> 5 -> 3 softmax (sigmoid), raw 2 -> 4 -> 2 linear (tanh).
   - Errors: a mask past 127, sizes[0] not the number of features, unit maps
     of a 3-input network; a features network trains on the quadrants. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mlp.h"

#define W 40
#define HT 30
#define NPIX (W * HT)
#define X0 -2.0
#define X1 3.0
#define Y0 -1.0
#define Y1 2.0

static void maps_of(const char *name, mlp_desc *d)
{
    static double pts[2 * NPIX], pred[NPIX * 8];
    static float maps[NPIX * 40], grid[NPIX * 8];
    static int32_t labels[NPIX];
    static double targets[NPIX * 8];
    mlp_error err;
    mlp *net = mlp_create(d, &err);
    int r, c, l, j, q, u = 0, units, K, mismatch = 0, grid_mismatch = 0, pred_mismatch = 0;
    if (!CHECK(net != NULL, "%s: mlp_create: %s", name, err.msg))
        return;
    K = d->sizes[d->n_sizes - 1];
    units = mlp_unit_count(net);
    for (r = 0; r < HT; r++)                     /* the pixel centres of mlp.h */
        for (c = 0; c < W; c++) {
            pts[2 * (r * W + c)] = X0 + (c + 0.5) * ((X1 - X0) / W);
            pts[2 * (r * W + c) + 1] = Y1 - (r + 0.5) * ((Y1 - Y0) / HT);
        }
    CHECK(mlp_set_data(net, NPIX, pts, labels, targets, &err) == MLP_OK, "%s: set_data: %s",
          name, err.msg);
    CHECK(mlp_unit_maps(net, X0, X1, Y0, Y1, W, HT, maps, &err) == MLP_OK, "%s: unit_maps: %s",
          name, err.msg);
    CHECK(mlp_predict_grid(net, X0, X1, Y0, Y1, W, HT, grid, &err) == MLP_OK, "%s: grid: %s",
          name, err.msg);
    CHECK(mlp_predict(net, pts, NPIX, pred, &err) == MLP_OK, "%s: predict: %s", name, err.msg);
    do                                           /* one full-batch forward pass */
        mlp_phase_advance(net, NULL, NULL, NULL);
    while (mlp_current_phase(net, NULL) != MLP_PHASE_OUTPUT);
    for (l = 0; l < d->n_sizes; l++)
        for (j = 0; j < d->sizes[l]; j++, u++)
            for (q = 0; q < NPIX; q++)
                mismatch += maps[u * NPIX + q] != (float)mlp_activations(net, l)[j * NPIX + q];
    for (j = 0; j < K; j++)
        for (q = 0; q < NPIX; q++) {
            float m = maps[(units - K + j) * NPIX + q];
            /* predict_grid runs in float32 without features (within 2e-5
               of the float64 pass, tests/c/test_grid_f32.c), in float64 with them. */
            grid_mismatch += d->features ? m != grid[q * K + j] : !(fabsf(m - grid[q * K + j]) <= 2e-5f);
            pred_mismatch += m != (float)pred[q * K + j];
        }
    CHECK(u == units, "%s: %d units in the layers, mlp_unit_count %d", name, u, units);
    CHECK(mismatch == 0, "%s: %d of %d map values differ from the training pass's activations",
          name, mismatch, units * NPIX);
    CHECK(grid_mismatch == 0 && pred_mismatch == 0, "%s: %d output map values differ from "
          "predict_grid (beyond its float32 bound), %d from predict, of %d", name, grid_mismatch, pred_mismatch, K * NPIX);
    printf("%s: %d units x %d pixels, all equal to the activations\n", name, units, NPIX);
    mlp_destroy(net);
}

static void expect_msg(int status, const mlp_error *err, const char *want, const char *what)
{
    CHECK(status == MLP_E_ARG && strstr(err->msg, want) != NULL,
          "%s: status %d, message \"%s\", want %d and \"%s\"", what, status, err->msg, MLP_E_ARG,
          want);
}

static void feature_errors(void)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    float out[16];
    mlp_desc_defaults(&d);
    d.features = 128;
    CHECK(mlp_create(&d, &err) == NULL, "mask 128 accepted");
    expect_msg(MLP_E_ARG, &err, "features must be an integer from 0 to 127, got 128", "mask 128");
    d.features = MLP_FEATURE_BIT(MLP_FEATURE_X1) | MLP_FEATURE_BIT(MLP_FEATURE_SIN_X2) |
                 MLP_FEATURE_BIT(MLP_FEATURE_X1_TIMES_X2);
    CHECK(mlp_create(&d, &err) == NULL, "3 features, 2 inputs accepted");
    expect_msg(MLP_E_ARG, &err, "layers[0] (inputs) must equal the number of features chosen, 3",
               "3 features, 2 inputs");
    d.sizes[0] = 3;                              /* now right: trains on 2-D quadrants */
    net = mlp_create(&d, &err);
    if (CHECK(net != NULL, "3 features, 3 inputs: %s", err.msg)) {
        double before;
        CHECK(mlp_data_quadrants(net, 200, 0.3, &err) == MLP_OK, "quadrants: %s", err.msg);
        before = mlp_loss(net);
        mlp_step(net, 300, &err);
        CHECK(mlp_loss(net) < 0.5 * before && mlp_accuracy(net) > 0.9,
              "features 3: loss %.4f -> %.4f, accuracy %.3f after 300 epochs", before,
              mlp_loss(net), mlp_accuracy(net));
        mlp_destroy(net);
    }
    d.features = 0;                              /* 3 raw inputs: no plane to map */
    net = mlp_create(&d, &err);
    if (CHECK(net != NULL, "3 inputs: %s", err.msg)) {
        expect_msg(mlp_unit_maps(net, 0, 1, 0, 1, 2, 2, out, &err), &err,
                   "unitMaps needs a network with 2 inputs, this has 3", "unit maps, 3 inputs");
        mlp_destroy(net);
    }
    CHECK(strcmp(mlp_feature_name(MLP_FEATURE_X1_SQUARED), "x1^2") == 0 &&
          strcmp(mlp_feature_name(MLP_FEATURE_SIN_X2), "sin(x2)") == 0 &&
          mlp_feature_name(MLP_FEATURE_COUNT) == NULL && mlp_feature_name(-1) == NULL,
          "feature names: %s, %s", mlp_feature_name(2), mlp_feature_name(6));
    CHECK(mlp_feature_count(MLP_FEATURE_ALL) == 7 && mlp_feature_count(0x15) == 3,
          "feature counts %d, %d, want 7, 3", mlp_feature_count(MLP_FEATURE_ALL),
          mlp_feature_count(0x15));
}

int main(void)
{
    mlp_desc d;
    mlp_desc_defaults(&d);
    d.n_sizes = 4;
    d.sizes[0] = 4;
    d.sizes[1] = 6;
    d.sizes[2] = 5;
    d.sizes[3] = 3;
    d.features = MLP_FEATURE_BIT(MLP_FEATURE_X1) | MLP_FEATURE_BIT(MLP_FEATURE_X2) |
                 MLP_FEATURE_BIT(MLP_FEATURE_X1_TIMES_X2) | MLP_FEATURE_BIT(MLP_FEATURE_SIN_X1);
    maps_of("features 4-6-5-3 softmax", &d);
    mlp_desc_defaults(&d);
    d.sizes[2] = 2;
    d.activation = MLP_TANH;
    d.output = MLP_OUT_LINEAR;
    maps_of("raw 2-4-2 linear", &d);
    feature_errors();
    return check_summary();
}

/* test_state.c: a run saved and restored continues bit for bit, and a
   malformed state is refused, naming its field, with the target unchanged.

   - Adam, mini-batches of 32 of 200 quadrant points, features {x1, x2,
     x1*x2}, an L2 penalty: trained to epoch 137, saved, loaded into a fresh
     network built with another seed (so different weights, generator and
     data until the load); both run 500 more epochs: parameters equal
     (memcmp), and so are their whole saved states. The same through
     mlp_create_from_state.
   - Saved part-way: after 3 phases of an epoch's first batch (its shuffle
     drawn), and in the middle of an epoch (batch 4 of 7, after LOSS):
     restored copies and the originals agree bit for bit 100 epochs later.
   - Momentum with a linear output (targets) restores bit for bit too.
   - 43 corruptions (every header field, each array, a repeated permutation
     entry, an all-zero generator, wrong lengths, another network's shape): each refused with
     MLP_E_ARG and a message naming the field, the target's own saved state
     unchanged (memcmp). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mlp.h"

#define MAXS 20000

static mlp_desc adam_desc(uint32_t seed)
{
    mlp_desc d;
    mlp_desc_defaults(&d);
    d.n_sizes = 4;
    d.sizes[0] = 3;
    d.sizes[1] = 6;
    d.sizes[2] = 5;
    d.sizes[3] = 4;
    d.features = MLP_FEATURE_BIT(MLP_FEATURE_X1) | MLP_FEATURE_BIT(MLP_FEATURE_X2) |
                 MLP_FEATURE_BIT(MLP_FEATURE_X1_TIMES_X2);
    d.activation = MLP_TANH;
    d.optimizer = MLP_OPT_ADAM;
    d.learning_rate = 0.02;
    d.batch_size = 32;
    d.regularization = MLP_REG_L2;
    d.reg_rate = 0.001;
    d.seed = seed;
    return d;
}

static mlp *make(const mlp_desc *d, int points)
{
    mlp_error err;
    mlp *net = mlp_create(d, &err);
    if (!CHECK(net != NULL, "mlp_create: %s", err.msg))
        return NULL;
    CHECK(mlp_data_quadrants(net, points, 0.4, &err) == MLP_OK, "quadrants: %s", err.msg);
    return net;
}

/* Both networks' whole saved states are equal (and so their parameters). */
static int same_run(mlp *a, mlp *b, const char *what)
{
    static double sa[MAXS], sb[MAXS];
    int na = mlp_state_size(a), nb = mlp_state_size(b), P = mlp_param_count(a);
    int params = memcmp(mlp_params(a), mlp_params(b), (size_t)P * sizeof(double)) == 0;
    mlp_state_save(a, sa, MAXS, NULL);
    mlp_state_save(b, sb, MAXS, NULL);
    CHECK(params, "%s: parameters differ (epochs %ld, %ld)", what, mlp_epoch(a), mlp_epoch(b));
    return CHECK(na == nb && memcmp(sa, sb, (size_t)na * sizeof(double)) == 0,
                 "%s: saved states differ (%d and %d values)", what, na, nb);
}

static void continues(void)
{
    static double s[MAXS];
    mlp_desc d = adam_desc(7), other = adam_desc(99);
    mlp *a = make(&d, 200), *b = make(&other, 200), *c = NULL;
    mlp_error err;
    int n, P;
    if (!a || !b)
        goto done;
    P = mlp_param_count(a);
    mlp_step(a, 137, NULL);
    n = mlp_state_size(a);
    CHECK(n == MLP_STATE_HEADER + 3 * P + 200 * 2 + 200 + 200,
          "state size %d, want header %d + 3 x %d params + 200 x (2 + 1 + 1)", n,
          MLP_STATE_HEADER, P);
    CHECK(mlp_state_save(a, s, MAXS, &err) == MLP_OK, "save: %s", err.msg);
    CHECK(memcmp(mlp_params(a), mlp_params(b), (size_t)P * sizeof(double)) != 0,
          "seeds 7 and 99 start alike: the test would prove nothing");
    CHECK(mlp_state_load(b, s, n, &err) == MLP_OK, "load: %s", err.msg);
    c = mlp_create_from_state(s, n, &err);
    CHECK(c != NULL, "create_from_state: %s", err.msg);
    CHECK(mlp_epoch(b) == 137 && mlp_optimizer_steps(b) == 137 * 7,
          "restored: epoch %ld, adam t %ld, want 137, %d", mlp_epoch(b),
          mlp_optimizer_steps(b), 137 * 7);
    mlp_step(a, 500, NULL);
    mlp_step(b, 500, NULL);
    if (c)
        mlp_step(c, 500, NULL);
    CHECK(mlp_epoch(a) == 637 && !mlp_diverged(a), "epoch %ld, diverged %d", mlp_epoch(a),
          mlp_diverged(a));
    if (same_run(a, b, "adam, batch 32, epoch 137 + 500, loaded") && c &&
        same_run(a, c, "created from the state"))
        printf("adam, mini-batch: saved at epoch 137, restored, 500 more epochs: %d parameters "
               "equal (loss %.6f)\n", P, mlp_loss(a));
done:
    mlp_destroy(a);
    mlp_destroy(b);
    mlp_destroy(c);
}

/* Saved after `phases` phases of epoch `epoch` (batches of 32 of 200). */
static void part_way(int epoch, int phases, const char *what)
{
    static double s[MAXS];
    mlp_desc d = adam_desc(3);
    mlp *a = make(&d, 200), *b = NULL;
    mlp_error err;
    int k;
    if (!a)
        return;
    mlp_step(a, epoch, NULL);
    for (k = 0; k < phases; k++)
        mlp_phase_advance(a, NULL, NULL, NULL);
    mlp_state_save(a, s, MAXS, NULL);
    b = mlp_create_from_state(s, mlp_state_size(a), &err);
    if (CHECK(b != NULL, "%s: %s", what, err.msg)) {
        CHECK(mlp_current_phase(b, NULL) == MLP_PHASE_INIT, "%s: restored phase %d, want INIT",
              what, (int)mlp_current_phase(b, NULL));
        mlp_step(a, 100, NULL);
        mlp_step(b, 100, NULL);
        same_run(a, b, what);
    }
    mlp_destroy(a);
    mlp_destroy(b);
}

static void momentum_targets(void)
{
    static double s[MAXS], x[2 * 60], t[60];
    mlp_desc d;
    mlp_error err;
    mlp *a, *b;
    int i;
    mlp_desc_defaults(&d);
    d.sizes[2] = 1;
    d.output = MLP_OUT_LINEAR;
    d.optimizer = MLP_OPT_MOMENTUM;
    d.learning_rate = 0.05;
    d.batch_size = 16;
    d.regularization = MLP_REG_L1;
    d.reg_rate = 0.001;
    for (i = 0; i < 60; i++) {
        x[2 * i] = (i % 10) / 5.0 - 1.0;
        x[2 * i + 1] = (i / 10) / 3.0 - 1.0;
        t[i] = x[2 * i] * x[2 * i + 1];
    }
    a = mlp_create(&d, &err);
    if (!CHECK(a != NULL, "linear: %s", err.msg))
        return;
    mlp_set_data(a, 60, x, NULL, t, NULL);
    mlp_step(a, 41, NULL);
    mlp_state_save(a, s, MAXS, NULL);
    b = mlp_create_from_state(s, mlp_state_size(a), &err);
    if (CHECK(b != NULL, "linear: %s", err.msg)) {
        mlp_step(a, 200, NULL);
        mlp_step(b, 200, NULL);
        same_run(a, b, "momentum, linear output, L1, batch 16");
    }
    mlp_destroy(a);
    mlp_destroy(b);
}

/* Where a corruption goes: the header, or an array after it. */
enum { HDR, PARAMS, M, V, X, LABELS, PERM };

static const struct {
    int base, at;
    double v;
    const char *want;
} bad[] = {
    {HDR, 0, 5, "state.magic must be"},
    {HDR, 1, 2, "state.version must be an integer from 1 to 1, got 2"},
    {HDR, 2, 7, "state.count must be an integer from"},
    {HDR, 3, 11, "state.layers.length must be an integer from 2 to 10, got 11"},
    {HDR, 3, 3, "state.layers.length is 3, this network's is 4"},
    {HDR, 5, 0, "state.layers[1] (hidden units) must be an integer from 1 to 64, got 0"},
    {HDR, 5, 7, "state.layers[1] is 7, this network's is 6"},
    {HDR, 4, 2, "state.layers[0] (inputs) must equal the number of features chosen, 3"},
    {HDR, 14, 9, "state.activation must be sigmoid (0)"},
    {HDR, 14, 1.5, "state.activation must be an integer"},
    {HDR, 15, 3, "state.init must be seed (0)"},
    {HDR, 16, 1, "state.output is 1, this network's is 0"},
    {HDR, 17, 0, "state.learningRate must be a number above 0"},
    {HDR, 18, -1, "state.batchSize must be an integer from 0 to 10000, got -1"},
    {HDR, 19, -1, "state.seed must be an integer from 0 to 4294967295, got -1"},
    {HDR, 20, 128, "state.features must be an integer from 0 to 127, got 128"},
    {HDR, 20, 7, "state.features is 7, this network's is 19"},
    {HDR, 21, 3, "state.optimizer must be sgd (0), momentum (1) or adam (2), got 3"},
    {HDR, 22, 1, "state.beta1 must be a number from 0 to 0.999999, got 1"},
    {HDR, 23, -0.5, "state.beta2 must be a number from 0 to 0.999999, got -0.5"},
    {HDR, 24, 0, "state.epsilon must be a number above 0 and at most 1, got 0"},
    {HDR, 25, 5, "state.regularization must be none (0), l1 (1) or l2 (2), got 5"},
    {HDR, 26, NAN, "state.regularizationRate must be a number from 0 to 100, got NaN"},
    {HDR, 27, 5, "state.paramCount must be an integer from"},
    {HDR, 28, 10001, "state.points must be an integer from 0 to 10000, got 10001"},
    {HDR, 28, 199, "state.count is"},
    {HDR, 29, -1, "state.epoch must be an integer from 0 to"},
    {HDR, 30, 7, "state.batch must be an integer from 0 to 6, got 7"},
    {HDR, 31, 2, "state.permDrawn must be an integer from 0 to 1, got 2"},
    {HDR, 32, 0.5, "state.adamSteps must be an integer from 0 to"},
    {HDR, 33, -1, "state.diverged must be an integer from 0 to 1, got -1"},
    {HDR, 34, INFINITY, "state.epochLossSum must be a finite number"},
    {HDR, 41, 4294967296.0, "state.rng[5] must be an integer from 0 to 4294967295, got 4294967296"},
    {PARAMS, 5, NAN,
     "state.params[5] must be a number from -1000000000000 to 1000000000000, got NaN"},
    {M, 2, INFINITY, "state.m[2] must be a finite number, got Infinity"},
    {V, 0, -1, "state.v[0] must be a finite number >= 0, got -1"},
    {X, 7, 2e6, "state.x[7] must be a number from -1000000 to 1000000, got 2000000"},
    {LABELS, 3, 4, "state.labels[3] must be an integer from 0 to 3, got 4"},
};

/* One corrupted state against the target: refused, message, target unchanged. */
static void refused(mlp *target, const double *s, int n, const char *want, const char *what)
{
    static double before[MAXS], after[MAXS];
    mlp_error err;
    int nb = mlp_state_size(target), status;
    mlp_state_save(target, before, MAXS, NULL);
    status = mlp_state_load(target, s, n, &err);
    mlp_state_save(target, after, MAXS, NULL);
    CHECK(status == MLP_E_ARG && strstr(err.msg, want) != NULL,
          "%s: status %d, message \"%s\", want %d and \"%s\"", what, status, err.msg, MLP_E_ARG,
          want);
    CHECK(mlp_state_size(target) == nb && memcmp(before, after, (size_t)nb * sizeof(double)) == 0,
          "%s: the refused load changed the target", what);
}

static void corruptions(void)
{
    static double good[MAXS], s[MAXS];
    mlp_desc d = adam_desc(7), other = adam_desc(11);
    mlp *src = make(&d, 200), *target = make(&other, 120);
    int n, P, i, k;
    long base[7];
    if (!src || !target)
        goto done;
    mlp_step(src, 9, NULL);
    mlp_phase_advance(src, NULL, NULL, NULL);
    mlp_step(target, 20, NULL);
    n = mlp_state_size(src);
    P = mlp_param_count(src);
    mlp_state_save(src, good, MAXS, NULL);
    base[HDR] = 0;
    base[PARAMS] = MLP_STATE_HEADER;
    base[M] = base[PARAMS] + P;
    base[V] = base[M] + P;
    base[X] = base[V] + P;
    base[LABELS] = base[X] + 2 * 200;
    base[PERM] = base[LABELS] + 200;
    for (i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++) {
        char what[48];
        memcpy(s, good, (size_t)n * sizeof(double));
        s[base[bad[i].base] + bad[i].at] = bad[i].v;
        snprintf(what, sizeof what, "corruption %d (slot %ld)", i, base[bad[i].base] + bad[i].at);
        refused(target, s, n, bad[i].want, what);
    }
    memcpy(s, good, (size_t)n * sizeof(double));
    s[base[PERM] + 10] = s[base[PERM] + 11];
    refused(target, s, n, "state.perm must be a permutation of 0..199, perm[11]", "repeat");
    memcpy(s, good, (size_t)n * sizeof(double));
    for (k = 0; k < 8; k++)
        s[36 + k] = 0;
    refused(target, s, n, "state.rng must not be all zero", "zero generator");
    refused(target, good, n - 1, "state.count must be an integer from", "one value short");
    refused(target, good, 10, "state must hold at least 44 values, got 10", "10 values");
    refused(target, NULL, n, "state must hold at least 44 values, got 0", "NULL");
    CHECK(mlp_state_load(target, good, n, NULL) == MLP_OK && mlp_n_points(target) == 200,
          "the good state loads into the 120-point target: %d points", mlp_n_points(target));
    mlp_step(src, 50, NULL);
    mlp_step(target, 50, NULL);
    same_run(src, target, "saved after 1 phase of epoch 9, loaded after 40 corruptions");
done:
    mlp_destroy(src);
    mlp_destroy(target);
}

int main(void)
{
    continues();
    part_way(5, 3, "saved after 3 phases of epoch 5's first batch");
    part_way(6, 3 * 9 + 5, "saved after LOSS of batch 4 of epoch 6");
    momentum_targets();
    corruptions();
    return check_summary();
}

/* test_determinism.c: a seed reproduces a run bit for bit.

   - same seed -> bit-identical parameters (memcmp) after 500 epochs, full
     batch and mini-batch (batch size 32); a different seed -> different
     parameters and data;
   - one full cycle of mlp_phase_advance is mlp_step(net, 1), bit for bit:
     full batch (one cycle = one epoch) and mini-batch (one epoch =
     ceil(n / b) cycles, each a different batch, together a permutation);
   - the quadrants data depend only on the seed, not on the architecture. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mlp.h"
#include "net_util.h"

#define POINTS 200
#define NOISE 0.3

static mlp *make(int n_sizes, const int *sizes, mlp_activation act, int batch, uint32_t seed)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    desc_of(&d, n_sizes, sizes, act);
    d.batch_size = batch;
    d.seed = seed;
    if (act == MLP_RELU) {
        d.init = MLP_INIT_HE;
        d.learning_rate = 0.1;
    }
    net = mlp_create(&d, &err);
    if (!CHECK(net != NULL, "mlp_create (%d sizes, batch %d, seed %u): %s", n_sizes, batch,
               (unsigned)seed, err.msg))
        return NULL;
    if (!CHECK(mlp_data_quadrants(net, POINTS, NOISE, &err) == MLP_OK, "quadrants %d: %s",
               POINTS, err.msg)) {
        mlp_destroy(net);
        return NULL;
    }
    return net;
}

static int same_params(mlp *a, mlp *b)
{
    return mlp_param_count(a) == mlp_param_count(b) &&
           memcmp(mlp_params(a), mlp_params(b), (size_t)mlp_param_count(a) * sizeof(double)) == 0;
}

static int count_differing(mlp *a, mlp *b)
{
    int k, n = 0;
    for (k = 0; k < mlp_param_count(a); k++)
        n += mlp_params(a)[k] != mlp_params(b)[k];
    return n;
}

static void same_seed(const char *name, int n_sizes, const int *sizes, mlp_activation act,
                      int batch)
{
    mlp_error err;
    mlp *a = make(n_sizes, sizes, act, batch, 42), *b = make(n_sizes, sizes, act, batch, 42);
    mlp *c = make(n_sizes, sizes, act, batch, 43);
    if (a && b && c) {
        int np = mlp_param_count(a);
        CHECK(same_params(a, b), "%s: %d initial parameters differ for seed 42 twice", name, np);
        CHECK(mlp_step(a, 500, &err) == MLP_OK, "%s: step 500: %s", name, err.msg);
        CHECK(mlp_step(b, 500, &err) == MLP_OK, "%s: step 500: %s", name, err.msg);
        CHECK(mlp_step(c, 500, &err) == MLP_OK, "%s: step 500: %s", name, err.msg);
        CHECK(mlp_epoch(a) == 500 && mlp_epoch(b) == 500, "%s: epochs %ld and %ld, want 500", name,
              mlp_epoch(a), mlp_epoch(b));
        CHECK(!mlp_diverged(a), "%s: diverged %d after 500 epochs, want 0", name, mlp_diverged(a));
        CHECK(same_params(a, b), "%s: seed 42 twice: %d of %d parameters differ after 500 epochs",
              name, count_differing(a, b), np);
        CHECK(memcmp(mlp_grads(a), mlp_grads(b), (size_t)np * sizeof(double)) == 0,
              "%s: seed 42 twice: the %d gradients differ after 500 epochs", name, np);
        {
            double la = mlp_loss(a), lb = mlp_loss(b);
            CHECK(memcmp(&la, &lb, sizeof la) == 0, "%s: losses %.17g and %.17g, want identical",
                  name, la, lb);
        }
        CHECK(count_differing(a, c) == np,
              "%s: seeds 42 and 43: %d of %d parameters differ after 500 epochs, want all", name,
              count_differing(a, c), np);
        CHECK(memcmp(mlp_data_x(a), mlp_data_x(c), (size_t)2 * POINTS * sizeof(double)) != 0,
              "%s: seeds 42 and 43 give the same %d x 2 data", name, POINTS);
    }
    mlp_destroy(a);
    mlp_destroy(b);
    mlp_destroy(c);
}

/* Runs phases until an UPDATE; returns the number of phases (0 on error). */
static int cycle(mlp *net)
{
    mlp_phase ph = MLP_PHASE_INIT;
    mlp_error err;
    int layer, n = 0;
    do {
        if (mlp_phase_advance(net, &ph, &layer, &err) != MLP_OK || n > 100)
            return 0;
        n++;
    } while (ph != MLP_PHASE_UPDATE);
    return n;
}

static void phases_equal_step(const char *name, int n_sizes, const int *sizes, mlp_activation act,
                              int batch)
{
    const int batches = batch > 0 ? (POINTS + batch - 1) / batch : 1;
    const int L = n_sizes - 1, per_cycle = 2 * L + 3;
    mlp_error err;
    mlp *a = make(n_sizes, sizes, act, batch, 7), *b = make(n_sizes, sizes, act, batch, 7);
    int epoch, i, np, bad_cycles = 0, bad_batches = 0, bad_perm = 0, sizes_seen = 0;
    if (!a || !b)
        goto done;
    np = mlp_param_count(a);
    CHECK(mlp_phases_per_epoch(b) == per_cycle * batches, "%s: %d phases per epoch, want %d", name,
          mlp_phases_per_epoch(b), per_cycle * batches);
    for (epoch = 1; epoch <= 20; epoch++) {
        int seen[POINTS];
        memset(seen, 0, sizeof seen);
        CHECK(mlp_step(a, 1, &err) == MLP_OK, "%s: step: %s", name, err.msg);
        for (i = 0; i < batches; i++) {
            int k, m, n = cycle(b);
            const int32_t *idx = mlp_batch_index(b);
            bad_cycles += n != per_cycle;
            m = mlp_batch_size(b);
            sizes_seen += m;
            bad_batches += m != (i < batches - 1 || batch == 0 ? (batch ? batch : POINTS)
                                                                : POINTS - (batches - 1) * batch);
            for (k = 0; k < m; k++) {
                if (idx[k] < 0 || idx[k] >= POINTS || seen[idx[k]]++)
                    bad_perm++;
            }
            if (i < batches - 1)
                bad_cycles += mlp_epoch(b) != epoch - 1;
        }
        CHECK(mlp_epoch(a) == epoch && mlp_epoch(b) == epoch,
              "%s: after %d cycles epochs %ld (step) and %ld (phases), want %d", name, batches,
              mlp_epoch(a), mlp_epoch(b), epoch);
        CHECK(same_params(a, b), "%s epoch %d: %d of %d parameters differ between mlp_step and %d "
              "phase cycles", name, epoch, count_differing(a, b), np, batches);
        CHECK(memcmp(mlp_grads(a), mlp_grads(b), (size_t)np * sizeof(double)) == 0,
              "%s epoch %d: the %d gradients differ between step and phases", name, epoch, np);
        {
            double la = mlp_batch_loss(a), lb = mlp_batch_loss(b);
            CHECK(memcmp(&la, &lb, sizeof la) == 0, "%s epoch %d: batch losses %.17g and %.17g",
                  name, epoch, la, lb);
        }
    }
    CHECK(bad_cycles == 0, "%s: %d cycles not of %d phases (or epoch advanced early)", name,
          bad_cycles, per_cycle);
    CHECK(bad_batches == 0 && sizes_seen == 20 * POINTS,
          "%s: %d batches of the wrong size; %d columns over 20 epochs, want %d", name, bad_batches,
          sizes_seen, 20 * POINTS);
    CHECK(bad_perm == 0, "%s: %d repeated or out-of-range batch indices, want each of %d points "
          "once per epoch", name, bad_perm, POINTS);

    /* An iteration left part-way by phases is finished by the next step. */
    for (i = 0; i < L + 2; i++)
        mlp_phase_advance(b, NULL, NULL, NULL);
    CHECK(mlp_step(b, 1, &err) == MLP_OK, "%s: step: %s", name, err.msg);
    CHECK(mlp_step(a, 1, &err) == MLP_OK, "%s: step: %s", name, err.msg);
    CHECK(mlp_epoch(a) == 21 && mlp_epoch(b) == 21, "%s: epochs %ld and %ld, want 21", name,
          mlp_epoch(a), mlp_epoch(b));
    CHECK(same_params(a, b), "%s: %d of %d parameters differ after %d phases then a step", name,
          count_differing(a, b), np, L + 2);
done:
    mlp_destroy(a);
    mlp_destroy(b);
}

/* 20 epochs by mlp_step_phases in slices of `slice` phases (each call may end
   part-way through an epoch) = mlp_step_losses(20), parameters and losses. */
static void slices_equal_step(const char *name, int n_sizes, const int *sizes, mlp_activation act,
                              int batch, int slice)
{
    mlp_error err;
    mlp *a = make(n_sizes, sizes, act, batch, 9), *b = make(n_sizes, sizes, act, batch, 9);
    double la[20], lb[20], l[20];
    int calls = 0, under_way = 0, i;
    if (!a || !b)
        goto done;
    CHECK(mlp_step_losses(a, 20, la, &err) == MLP_OK, "%s: step: %s", name, err.msg);
    while (mlp_epoch(b) < 20 && calls < 100000) {
        long e0 = mlp_epoch(b);
        CHECK(mlp_step_phases(b, (int)(20 - e0), slice, l, NULL, &err) == MLP_OK, "%s: %s", name, err.msg);
        for (i = 0; i < (int)(mlp_epoch(b) - e0); i++)
            lb[e0 + i] = l[i];
        under_way += mlp_epoch_under_way(b);
        calls++;
    }
    CHECK(calls == (20 * mlp_phases_per_epoch(b) + slice - 1) / slice, "%s: %d calls of %d phases", name,
          calls, slice);
    CHECK(under_way > 0 && !mlp_epoch_under_way(b), "%s: %d calls ended part-way; the last at an end",
          name, under_way);
    CHECK(same_params(a, b), "%s: %d parameters differ after slices of %d", name, count_differing(a, b), slice);
    CHECK(memcmp(la, lb, sizeof la) == 0, "%s: the 20 epoch losses differ", name);
    CHECK(mlp_step_phases(b, 1, -1, NULL, NULL, &err) == MLP_E_ARG && strstr(err.msg, "max_phases"),
          "%s: max_phases -1 refused naming it: %s", name, err.msg);
done:
    mlp_destroy(a);
    mlp_destroy(b);
}

static void data_independent_of_architecture(void)
{
    static const int s1[] = {2, 4, 4}, s2[] = {2, 16, 8, 4}, s3[] = {2, 4}, s4[] = {2, 64, 4};
    mlp *nets[4];
    int i;
    nets[0] = make(3, s1, MLP_SIGMOID, 0, 5);
    nets[1] = make(4, s2, MLP_RELU, 32, 5);
    nets[2] = make(2, s3, MLP_TANH, 10, 5);
    nets[3] = make(3, s4, MLP_LINEAR, 0, 5);
    for (i = 1; i < 4; i++) {
        if (!nets[0] || !nets[i])
            continue;
        CHECK(mlp_n_points(nets[i]) == POINTS, "architecture %d: %d points, want %d", i,
              mlp_n_points(nets[i]), POINTS);
        CHECK(memcmp(mlp_data_x(nets[0]), mlp_data_x(nets[i]), 2 * POINTS * sizeof(double)) == 0,
              "seed 5: the %d x 2 quadrants data of architecture %d differ from 2-4-4's", POINTS,
              i);
        CHECK(memcmp(mlp_data_labels(nets[0]), mlp_data_labels(nets[i]),
                     POINTS * sizeof(int32_t)) == 0,
              "seed 5: the %d labels of architecture %d differ from 2-4-4's", POINTS, i);
    }
    /* Regenerating on a trained network gives the same data again. */
    if (nets[0]) {
        double x0[2 * POINTS];
        mlp_error err;
        memcpy(x0, mlp_data_x(nets[0]), sizeof x0);
        mlp_step(nets[0], 5, &err);
        mlp_data_quadrants(nets[0], POINTS, NOISE, &err);
        CHECK(memcmp(x0, mlp_data_x(nets[0]), sizeof x0) == 0,
              "quadrants regenerated after 5 epochs: the %d x 2 data differ", POINTS);
    }
    for (i = 0; i < 4; i++)
        mlp_destroy(nets[i]);
}

int main(void)
{
    static const int demo[] = {2, 4, 4}, deep[] = {2, 8, 6, 4};
    same_seed("2-4-4 sigmoid full batch", 3, demo, MLP_SIGMOID, 0);
    same_seed("2-4-4 sigmoid batch 32", 3, demo, MLP_SIGMOID, 32);
    same_seed("2-8-6-4 tanh batch 32", 4, deep, MLP_TANH, 32);
    phases_equal_step("2-4-4 sigmoid full batch", 3, demo, MLP_SIGMOID, 0);
    phases_equal_step("2-8-6-4 relu full batch", 4, deep, MLP_RELU, 0);
    phases_equal_step("2-4-4 sigmoid batch 32", 3, demo, MLP_SIGMOID, 32);
    phases_equal_step("2-8-6-4 tanh batch 32", 4, deep, MLP_TANH, 32);
    phases_equal_step("2-8-6-4 relu batch 1", 4, deep, MLP_RELU, 1);
    slices_equal_step("2-8-6-4 relu full batch, slices of 4", 4, deep, MLP_RELU, 0, 4);
    slices_equal_step("2-8-6-4 tanh batch 32, slices of 7", 4, deep, MLP_TANH, 32, 7);
    data_independent_of_architecture();
    return check_summary();
}

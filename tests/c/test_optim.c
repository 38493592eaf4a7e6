/* test_optim.c: the update rules (sgd, momentum, adam), the weight penalties'
   gradients, and the divergence guard under every rule.

   - Two steps of each rule on a 1 -> 1 linear network (w = 0.5, b = 0.25,
     one point x = 2, target 0, so L = (2w + b)^2, dL/dw = 4(2w + b),
     dL/db = 2(2w + b)), lr 0.01, against values computed by hand:
       sgd:      (0.45, 0.225), then (0.405, 0.2025)
       momentum: beta 0.9: (0.45, 0.225), then v = (9, 4.5): (0.36, 0.18)
       adam:     0.9, 0.999, 1e-8: (0.49000000002, 0.24000000004), then
                 m_w = 0.938, v_w = 0.0487894: (0.480007068875, 0.230007068916)
     to 1e-11, and against the same formulas evaluated here to 1e-15.
   - Penalties on the same network: with L2 (lambda 0.1) dW = 5 + 0.1 * 0.5
     and db = 2.5 (biases are not penalised), mlp_reg_loss = 0.05 * 0.25;
     with L1 (lambda 0.1) dW = 5.1, mlp_reg_loss = 0.05.
   - A phase-by-phase cycle equals mlp_step(1) bit for bit with momentum and
     adam (with an L2 penalty), full batch and mini-batch (32 of 200 points):
     parameters, gradients and optimiser state after 30 epochs (memcmp).
   - The divergence guard: for each rule, a step that would push a weight
     past MLP_PARAM_LIMIT marks the run diverged and leaves parameters,
     m, v and t exactly as they were (memcmp), also after more steps.
   - Errors of mlp_set_optimizer / mlp_set_regularization / mlp_create name
     the field and leave the network's settings unchanged; the playground's
     calls on a NULL network return errors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mlp.h"

static mlp *tiny(mlp_optimizer opt, double x, double t, double w, double b)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    double p[2];
    int32_t label = 0;
    mlp_desc_defaults(&d);
    d.n_sizes = 2;
    d.sizes[0] = 1;
    d.sizes[1] = 1;
    d.output = MLP_OUT_LINEAR;
    d.learning_rate = 0.01;
    d.optimizer = opt;
    net = mlp_create(&d, &err);
    if (!CHECK(net != NULL, "tiny network: %s", err.msg))
        return NULL;
    p[0] = w;
    p[1] = b;
    mlp_set_params(net, p, 2, NULL);
    mlp_set_data(net, 1, &x, &label, &t, NULL);
    return net;
}

/* Two steps of rule opt from (0.5, 0.25), against the formulas and the hand values. */
static void two_steps(mlp_optimizer opt, const double *want)
{
    static const char *const names[] = {"sgd", "momentum", "adam"};
    const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    double p[2] = {0.5, 0.25}, m[2] = {0, 0}, v[2] = {0, 0};
    mlp *net = tiny(opt, 2.0, 0.0, 0.5, 0.25);
    int step, i;
    if (!net)
        return;
    for (step = 1; step <= 2; step++) {
        double y = 2 * p[0] + p[1], g[2];
        g[0] = 4 * y;                            /* dL/dw = 2 (yhat - 0) x, x = 2 */
        g[1] = 2 * y;
        for (i = 0; i < 2; i++) {
            if (opt == MLP_OPT_SGD) {
                p[i] -= lr * g[i];
            } else if (opt == MLP_OPT_MOMENTUM) {
                m[i] = b1 * m[i] + g[i];
                p[i] -= lr * m[i];
            } else {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                p[i] -= lr * (m[i] / (1 - pow(b1, step))) /
                        (sqrt(v[i] / (1 - pow(b2, step))) + eps);
            }
        }
        mlp_step(net, 1, NULL);
        for (i = 0; i < 2; i++) {
            double got = mlp_params(net)[i], hand = want[2 * (step - 1) + i];
            CHECK(fabs(got - p[i]) <= 1e-15 && fabs(got - hand) <= 1e-11,
                  "%s step %d: %s = %.17g, formula %.17g, by hand %.12g", names[opt], step,
                  i ? "b" : "w", got, p[i], hand);
        }
    }
    CHECK(mlp_optimizer_steps(net) == (opt == MLP_OPT_ADAM ? 2 : 0), "%s: t = %ld", names[opt],
          mlp_optimizer_steps(net));
    if (opt != MLP_OPT_SGD)
        CHECK(fabs(mlp_optimizer_state(net, 0)[0] - m[0]) <= 1e-15,
              "%s: m_w %.17g, want %.17g", names[opt], mlp_optimizer_state(net, 0)[0], m[0]);
    mlp_destroy(net);
}

static void penalties(void)
{
    mlp *net = tiny(MLP_OPT_SGD, 2.0, 0.0, 0.5, 0.25);
    mlp_error err;
    int k;
    if (!net)
        return;
    CHECK(mlp_set_regularization(net, MLP_REG_L2, 0.1, &err) == MLP_OK, "l2: %s", err.msg);
    for (k = 0; k < 4; k++)                      /* LOGITS, OUTPUT, LOSS, OUTPUT_ERROR */
        mlp_phase_advance(net, NULL, NULL, NULL);
    CHECK(fabs(mlp_grads(net)[0] - 5.05) <= 1e-15 && mlp_grads(net)[1] == 2.5,
          "l2 0.1: dW %.17g, db %.17g, want 5.05 and 2.5", mlp_grads(net)[0], mlp_grads(net)[1]);
    CHECK(fabs(mlp_reg_loss(net) - 0.0125) <= 1e-17, "l2 0.1: penalty %.17g, want 0.0125",
          mlp_reg_loss(net));
    CHECK(fabs(mlp_loss(net) - 1.5625) <= 1e-15, "l2: mlp_loss %.17g, want the data loss 1.5625",
          mlp_loss(net));
    mlp_set_regularization(net, MLP_REG_L1, 0.1, &err);
    mlp_set_params(net, mlp_params(net), 2, NULL);   /* restart the iteration */
    for (k = 0; k < 4; k++)
        mlp_phase_advance(net, NULL, NULL, NULL);
    CHECK(fabs(mlp_grads(net)[0] - 5.1) <= 1e-15 && mlp_grads(net)[1] == 2.5,
          "l1 0.1: dW %.17g, db %.17g, want 5.1 and 2.5", mlp_grads(net)[0], mlp_grads(net)[1]);
    CHECK(fabs(mlp_reg_loss(net) - 0.05) <= 1e-17, "l1 0.1: penalty %.17g, want 0.05",
          mlp_reg_loss(net));
    mlp_destroy(net);
}

static mlp *quadrants(mlp_optimizer opt, int batch)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    mlp_desc_defaults(&d);
    d.n_sizes = 4;
    d.sizes[1] = 6;
    d.sizes[2] = 5;
    d.sizes[3] = 4;
    d.activation = MLP_TANH;
    d.optimizer = opt;
    d.learning_rate = opt == MLP_OPT_ADAM ? 0.05 : 0.1;
    d.batch_size = batch;
    d.regularization = MLP_REG_L2;
    d.reg_rate = 0.001;
    d.seed = 5;
    net = mlp_create(&d, &err);
    if (CHECK(net != NULL, "quadrants net: %s", err.msg))
        mlp_data_quadrants(net, 200, 0.4, NULL);
    return net;
}

static int same(const double *a, const double *b, int n) { return !memcmp(a, b, n * sizeof *a); }

static void phases_equal_step(mlp_optimizer opt, int batch)
{
    mlp *a = quadrants(opt, batch), *b = quadrants(opt, batch);
    int e, P, cycles = 0;
    if (a && b) {
        P = mlp_param_count(a);
        for (e = 0; e < 30; e++) {
            mlp_step(a, 1, NULL);
            while (mlp_epoch(b) == e) {
                mlp_phase advanced;
                mlp_phase_advance(b, &advanced, NULL, NULL);
                cycles += advanced == MLP_PHASE_UPDATE;
            }
        }
        CHECK(same(mlp_params(a), mlp_params(b), P) && same(mlp_grads(a), mlp_grads(b), P) &&
              same(mlp_optimizer_state(a, 0), mlp_optimizer_state(b, 0), P) &&
              same(mlp_optimizer_state(a, 1), mlp_optimizer_state(b, 1), P) &&
              mlp_optimizer_steps(a) == mlp_optimizer_steps(b),
              "%s, batch %d: 30 epochs of steps and %d phase cycles differ (%d params)",
              mlp_optimizer_name(opt), batch, cycles, P);
        CHECK(cycles == 30 * (batch ? 7 : 1), "%s, batch %d: %d update phases, want %d",
              mlp_optimizer_name(opt), batch, cycles, 30 * (batch ? 7 : 1));
        CHECK(!mlp_diverged(a) && mlp_loss(a) < 0.5, "%s, batch %d: loss %.4f after 30 epochs",
              mlp_optimizer_name(opt), batch, mlp_loss(a));
    }
    mlp_destroy(a);
    mlp_destroy(b);
}

/* x = 1e-7, target 1e6: the optimum w = 1e13 lies past the limit, so a step
   from w = 1e12 - 1e5 at lr 1e6 crosses it under every rule. */
static void guard(mlp_optimizer opt)
{
    mlp *net = tiny(opt, 1e-7, 1e6, 1.0, 0.0);
    double p[2] = {1e12 - 1e5, 0.0}, before[6];
    long t;
    mlp_error err;
    if (!net)
        return;
    mlp_step(net, 3, NULL);                      /* some optimiser state first */
    mlp_set_params(net, p, 2, NULL);
    mlp_set_learning_rate(net, 1e6, NULL);
    memcpy(before, mlp_params(net), 2 * sizeof(double));
    memcpy(before + 2, mlp_optimizer_state(net, 0), 2 * sizeof(double));
    memcpy(before + 4, mlp_optimizer_state(net, 1), 2 * sizeof(double));
    t = mlp_optimizer_steps(net);
    CHECK(mlp_step(net, 5, &err) == MLP_OK, "%s: step: %s", mlp_optimizer_name(opt), err.msg);
    CHECK(mlp_diverged(net) == 1, "%s: diverged %d, want 1", mlp_optimizer_name(opt),
          mlp_diverged(net));
    CHECK(same(before, mlp_params(net), 2) && same(before + 2, mlp_optimizer_state(net, 0), 2) &&
          same(before + 4, mlp_optimizer_state(net, 1), 2) && t == mlp_optimizer_steps(net),
          "%s: after divergence w %.17g b %.17g m %.17g t %ld; before w %.17g m %.17g t %ld",
          mlp_optimizer_name(opt), mlp_params(net)[0], mlp_params(net)[1],
          mlp_optimizer_state(net, 0)[0], mlp_optimizer_steps(net), before[0], before[2], t);
    CHECK(opt == MLP_OPT_SGD || before[2] != 0.0, "%s: state m_w %.3g should be non-zero",
          mlp_optimizer_name(opt), before[2]);
    mlp_destroy(net);
}

static void expect_msg(int status, const mlp_error *err, const char *want)
{
    CHECK(status == MLP_E_ARG && strcmp(err->msg, want) == 0, "status %d, \"%s\", want \"%s\"",
          status, err->msg, want);
}

static void errors(void)
{
    mlp *net = tiny(MLP_OPT_ADAM, 2.0, 0.0, 0.5, 0.25);
    mlp_desc d;
    mlp_error err;
    if (!net)
        return;
    expect_msg(mlp_set_optimizer(net, 3, 0.9, 0.999, 1e-8, &err), &err,
               "optimizer must be sgd (0), momentum (1) or adam (2), got 3");
    expect_msg(mlp_set_optimizer(net, 1, 1.0, 0.999, 1e-8, &err), &err,
               "beta1 must be a number from 0 to 0.999999, got 1");
    expect_msg(mlp_set_optimizer(net, 2, 0.9, NAN, 1e-8, &err), &err,
               "beta2 must be a number from 0 to 0.999999, got NaN");
    expect_msg(mlp_set_optimizer(net, 2, 0.9, 0.999, 0, &err), &err,
               "epsilon must be a number above 0 and at most 1, got 0");
    expect_msg(mlp_set_regularization(net, 3, 0.1, &err), &err,
               "regularization must be none (0), l1 (1) or l2 (2), got 3");
    expect_msg(mlp_set_regularization(net, 1, -1, &err), &err,
               "regularizationRate must be a number from 0 to 100, got -1");
    d = *mlp_get_desc(net);
    CHECK(d.optimizer == MLP_OPT_ADAM && d.beta1 == 0.9 && d.epsilon == 1e-8 &&
          d.regularization == MLP_REG_NONE, "failed calls changed the settings");
    mlp_step(net, 2, NULL);
    mlp_set_optimizer(net, MLP_OPT_ADAM, 0.8, 0.99, 1e-7, NULL);
    CHECK(mlp_optimizer_steps(net) == 2, "same rule, new betas: t %ld, want 2 (kept)",
          mlp_optimizer_steps(net));
    mlp_set_optimizer(net, MLP_OPT_MOMENTUM, 0.8, 0.99, 1e-7, NULL);
    CHECK(mlp_optimizer_steps(net) == 0 && mlp_optimizer_state(net, 0)[0] == 0.0,
          "new rule: t %ld, m_w %g, want 0, 0", mlp_optimizer_steps(net),
          mlp_optimizer_state(net, 0)[0]);
    mlp_desc_defaults(&d);
    d.optimizer = (mlp_optimizer)7;
    CHECK(mlp_create(&d, &err) == NULL, "optimizer 7 accepted");
    expect_msg(MLP_E_ARG, &err, "optimizer must be sgd (0), momentum (1) or adam (2), got 7");
    mlp_desc_defaults(&d);
    d.reg_rate = 101;
    CHECK(mlp_create(&d, &err) == NULL, "rate 101 accepted");
    expect_msg(MLP_E_ARG, &err, "regularizationRate must be a number from 0 to 100, got 101");
    mlp_destroy(net);
}

/* The playground's calls on a NULL network return an error, never crash. */
static void null_network(void)
{
    mlp_error err;
    double st[64];
    float out[4];
    CHECK(mlp_set_optimizer(NULL, 0, 0.9, 0.999, 1e-8, &err) == MLP_E_ARG &&
          mlp_set_regularization(NULL, 0, 0, &err) == MLP_E_ARG &&
          mlp_unit_maps(NULL, 0, 1, 0, 1, 1, 1, out, &err) == MLP_E_ARG &&
          mlp_state_save(NULL, st, 64, &err) == MLP_E_ARG &&
          mlp_state_load(NULL, st, 64, &err) == MLP_E_ARG &&
          mlp_create_from_state(NULL, 64, &err) == NULL && mlp_state_size(NULL) == 0 &&
          mlp_unit_count(NULL) == 0 && mlp_reg_loss(NULL) == 0.0,
          "a NULL network: last message \"%s\"", err.msg);
    mlp_reset_optimizer(NULL);
}

int main(void)
{
    static const double sgd[] = {0.45, 0.225, 0.405, 0.2025};
    static const double momentum[] = {0.45, 0.225, 0.36, 0.18};
    static const double adam[] = {0.49000000002, 0.24000000004, 0.48000706887530886,
                                  0.23000706891553607};
    int opt;
    two_steps(MLP_OPT_SGD, sgd);
    two_steps(MLP_OPT_MOMENTUM, momentum);
    two_steps(MLP_OPT_ADAM, adam);
    penalties();
    for (opt = MLP_OPT_MOMENTUM; opt <= MLP_OPT_ADAM; opt++) {
        phases_equal_step((mlp_optimizer)opt, 0);
        phases_equal_step((mlp_optimizer)opt, 32);
    }
    for (opt = 0; opt < MLP_OPT_COUNT; opt++)
        guard((mlp_optimizer)opt);
    errors();
    null_network();
    return check_summary();
}

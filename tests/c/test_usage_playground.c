/* test_usage_playground.c: compiles and runs the usage example at the top
   of src/mlp_playground.h (features, adam, an L2 penalty, a saved and
   copied run), and checks that the copy below has not drifted from the
   header, as test_usage.c does for mlp.h's example.

   Between the usage-begin and usage-end markers every line is the header's
   example, verbatim up to spacing, except the lines ending in a "+test"
   comment, which record what the example computes so it can be checked. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "example_sync.h"
#include "mlp.h"


typedef struct {
    double loss0, loss1, loss_copy, reg;
    int inputs, status_create, status_copy, same;
} usage_result;

static void run_example(usage_result *r)
{
    /* usage-begin */
    mlp_desc d;
    mlp_error err;
    mlp_desc_defaults(&d);
    d.features = MLP_FEATURE_BIT(MLP_FEATURE_X1) | MLP_FEATURE_BIT(MLP_FEATURE_X2)
               | MLP_FEATURE_BIT(MLP_FEATURE_X1_TIMES_X2);
    d.sizes[0] = mlp_feature_count(d.features);    // 3 inputs: x1, x2, x1*x2
    r->inputs = d.sizes[0];                                  /* +test */
    d.optimizer = MLP_OPT_ADAM;
    d.learning_rate = 0.02;
    d.regularization = MLP_REG_L2;
    d.reg_rate = 0.001;
    mlp *net = mlp_create(&d, &err);               // NULL with err.msg on bad settings
    r->status_create = net ? MLP_OK : (int)err.code;         /* +test */
    if (!net) return;                                        /* +test */
    mlp_data_quadrants(net, 200, 0.3, &err);       // the data stay (x1, x2)
    r->loss0 = mlp_loss(net);                                /* +test */
    mlp_step(net, 100, &err);
    int n = mlp_state_size(net);
    double *state = malloc(n * sizeof(double));
    mlp_state_save(net, state, n, &err);
    mlp *copy = mlp_create_from_state(state, n, &err);
    r->status_copy = copy ? MLP_OK : (int)err.code;          /* +test */
    if (!copy) { free(state); mlp_destroy(net); return; }    /* +test */
    mlp_step(net, 100, &err);
    mlp_step(copy, 100, &err);                     // the same 100 epochs, bit for bit
    printf("%.6f %.6f\n", mlp_loss(net), mlp_loss(copy));
    r->loss1 = mlp_loss(net);                                /* +test */
    r->loss_copy = mlp_loss(copy);                           /* +test */
    r->reg = mlp_reg_loss(net);                              /* +test */
    r->same = !memcmp(mlp_params(net), mlp_params(copy),     /* +test */
                      mlp_param_count(net) * sizeof(double)); /* +test */
    free(state);
    mlp_destroy(copy);
    mlp_destroy(net);
    /* usage-end */
}

int main(void)
{
    usage_result r = {NAN, NAN, NAN, NAN, 0, -99, -99, 0};
    check_example_in_sync("src/mlp_playground.h", __FILE__);
    run_example(&r);
    CHECK(r.inputs == 3, "mlp_feature_count gave %d inputs, want 3", r.inputs);
    CHECK(r.status_create == MLP_OK && r.status_copy == MLP_OK, "create %d, copy %d, want 0, 0",
          r.status_create, r.status_copy);
    CHECK(r.same && r.loss1 == r.loss_copy, "after 100 more epochs: losses %.17g and %.17g, "
          "parameters %s", r.loss1, r.loss_copy, r.same ? "equal" : "differ");
    CHECK(r.loss1 < 0.2 * r.loss0, "loss %.6f after 200 epochs, want below a fifth of %.6f",
          r.loss1, r.loss0);
    CHECK(r.reg > 0 && r.reg < 0.1, "L2 penalty %.6g, want in (0, 0.1)", r.reg);
    return check_summary();
}

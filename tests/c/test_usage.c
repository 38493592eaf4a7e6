/* test_usage.c: compiles and runs the usage example at the top of src/mlp.h,
   and checks that the copy below has not drifted from the header.

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
    double loss0, loss1, acc1;
    int status_create, status_data, status_step;
} usage_result;

static void run_example(usage_result *r)
{
    /* usage-begin */
    mlp_desc d;
    mlp_error err;
    mlp_desc_defaults(&d);               // 2 -> 4 -> 4, sigmoid, softmax, lr 1.0
    mlp *net = mlp_create(&d, &err);     // NULL on bad sizes; err.msg says why
    r->status_create = net ? MLP_OK : (int)err.code; /* +test */
    if (!net) return;                                /* +test */
    mlp_data_quadrants(net, 200, 0.3, &err);
    r->status_data = err.code;                       /* +test */
    printf("%.3f\n", mlp_loss(net));     // ~1.386 = ln 4
    r->loss0 = mlp_loss(net);                        /* +test */
    mlp_step(net, 1000, &err);           // 1000 epochs of gradient descent
    r->status_step = err.code;                       /* +test */
    printf("%.3f %.3f\n", mlp_loss(net), mlp_accuracy(net));
    r->loss1 = mlp_loss(net);                        /* +test */
    r->acc1 = mlp_accuracy(net);                     /* +test */
    mlp_destroy(net);
    /* usage-end */
}

int main(void)
{
    usage_result r = {NAN, NAN, NAN, -99, -99, -99};
    const double ln4 = log(4.0);

    check_example_in_sync("src/mlp.h", __FILE__);
    run_example(&r);
    CHECK(r.status_create == MLP_OK, "mlp_create status %d, want 0", r.status_create);
    CHECK(r.status_data == MLP_OK, "mlp_data_quadrants status %d, want 0", r.status_data);
    CHECK(r.status_step == MLP_OK, "mlp_step status %d, want 0", r.status_step);
    CHECK(fabs(r.loss0 - ln4) < 0.1, "initial loss %.6f, want within 0.1 of ln 4 = %.6f",
          r.loss0, ln4);
    CHECK(r.acc1 >= 0.99, "accuracy after 1000 epochs %.4f, want >= 0.99", r.acc1);
    CHECK(r.loss1 < 0.1 * r.loss0, "loss after 1000 epochs %.6f, want below a tenth of %.6f",
          r.loss1, r.loss0);
    return check_summary();
}

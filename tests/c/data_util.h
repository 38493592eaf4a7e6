/* data_util.h: helpers shared by the dataset tests (test_datasets.c,
   test_testset.c): networks of the shape a dataset needs, and generation
   with a failed CHECK when it does not succeed. Include after check.h. */
#ifndef DATA_UTIL_H
#define DATA_UTIL_H

#include "check.h"
#include "mlp.h"

static inline mlp *make_net(int inputs, int hidden, int outputs, mlp_output out, uint32_t seed,
                     int batch)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    mlp_desc_defaults(&d);
    d.n_sizes = 3;
    d.sizes[0] = inputs;
    d.sizes[1] = hidden;
    d.sizes[2] = outputs;
    d.output = out;
    d.seed = seed;
    d.learning_rate = 0.3;
    d.batch_size = batch;
    net = mlp_create(&d, &err);
    CHECK(net != NULL, "mlp_create [%d, %d, %d] output %d: %s", inputs, hidden, outputs, (int)out,
          net ? "" : err.msg);
    return net;
}

/* A network of the shape dataset id needs, with K classes (ignored for regression). */
static inline mlp *net_for(int id, int K, uint32_t seed)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    if (info->output == MLP_OUT_LINEAR)
        return make_net(2, 8, 1, MLP_OUT_LINEAR, seed, 0);
    return make_net(2, 8, K, MLP_OUT_SOFTMAX, seed, 0);
}

static inline int generate(mlp *net, int id, int points, double noise, double fraction)
{
    mlp_dataset_desc d;
    mlp_error err;
    int status;
    mlp_dataset_desc_defaults(&d, id);
    d.points = points;
    d.noise = noise;
    d.test_fraction = fraction;
    status = mlp_data_generate(net, &d, &err);
    CHECK(status == MLP_OK, "generate %s, %d points, noise %g, fraction %g: %s",
          mlp_dataset_get(id)->name, points, noise, fraction, err.msg);
    return status;
}

static inline int is_regression(int id) { return mlp_dataset_get(id)->output == MLP_OUT_LINEAR; }

#endif

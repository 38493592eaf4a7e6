/* native_loss.c: the native half of tests/node/native-agreement.test.js.

   Trains the networks below on the quadrants data (200 points, noise 0.3,
   seed 1, full batch) for 100 epochs and prints, one per line,

       loss NAME EPOCH VALUE      for epochs 0..100 (mlp_loss, %.17g)
       param NAME INDEX VALUE     the parameters after epoch 100

   The Node test builds this with `cc -std=c99 -O2` (no -ffast-math, no
   -march=native) and runs the same networks through the wasm module; the
   configurations here must match the ones listed there. */
#include <stdio.h>

#include "mlp.h"

#define EPOCHS 100

typedef struct {
    const char *name;
    int n_sizes;
    int sizes[MLP_MAX_LAYERS];
    mlp_activation activation;
} config;

static const config configs[] = {
    {"tanh-2-8-8-4", 4, {2, 8, 8, 4}, MLP_TANH},
    {"sigmoid-2-4-4", 3, {2, 4, 4}, MLP_SIGMOID},
};

int main(void)
{
    int c, e, k, l;
    for (c = 0; c < (int)(sizeof configs / sizeof configs[0]); c++) {
        const config *cf = &configs[c];
        mlp_desc d;
        mlp_error err;
        mlp *net;
        mlp_desc_defaults(&d);
        d.n_sizes = cf->n_sizes;
        for (l = 0; l < cf->n_sizes; l++)
            d.sizes[l] = cf->sizes[l];
        d.activation = cf->activation;
        net = mlp_create(&d, &err);
        if (!net || mlp_data_quadrants(net, 200, 0.3, &err) != MLP_OK) {
            fprintf(stderr, "%s: %s\n", cf->name, err.msg);
            mlp_destroy(net);
            return 1;
        }
        printf("loss %s 0 %.17g\n", cf->name, mlp_loss(net));
        for (e = 1; e <= EPOCHS; e++) {
            if (mlp_step(net, 1, &err) != MLP_OK) {
                fprintf(stderr, "%s: epoch %d: %s\n", cf->name, e, err.msg);
                mlp_destroy(net);
                return 1;
            }
            printf("loss %s %d %.17g\n", cf->name, e, mlp_loss(net));
        }
        for (k = 0; k < mlp_param_count(net); k++)
            printf("param %s %d %.17g\n", cf->name, k, mlp_params(net)[k]);
        mlp_destroy(net);
    }
    return 0;
}

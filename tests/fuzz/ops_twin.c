/* ops_twin.c: the core's central promise, checked on whatever network the
   input has built: a whole cycle of mlp_phase_advance is bit-identical to
   the work of mlp_step (mlp.h), because a step is made of those phases.

   Two fresh networks from the slot's description (so their generators, and
   therefore their mini-batch shuffles, start alike) get the slot's data,
   parameters and learning rate; one runs mlp_step_losses, the other phases
   until the same epoch. Parameters, gradients, divergence, epoch and loss
   must then agree to the bit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* A network like s's: same description, data, parameters and learning rate. */
static mlp *clone(const fz_slot *s)
{
    mlp *src = s->net, *c = mlp_create(mlp_get_desc(src), NULL);   /* the rule and penalty as now */
    const mlp_desc *d = mlp_get_desc(src);
    int n = mlp_n_points(src), D = fz_inputs(d), K = fz_outputs(d), i, k, ok = 0;
    int lin = d->output == MLP_OUT_LINEAR;
    const double *X = mlp_data_x(src), *T = mlp_data_targets(src);
    double *x = malloc((size_t)n * D * sizeof(double)), *t = malloc((size_t)n * K * sizeof(double));
    if (c && x && t) {
        for (i = 0; i < n; i++) {            /* (D x n) points innermost -> row-major */
            for (k = 0; k < D; k++)
                x[i * D + k] = X[(long)k * n + i];
            for (k = 0; lin && k < K; k++)
                t[i * K + k] = T[(long)k * n + i];
        }
        ok = mlp_set_data(c, n, x, lin ? NULL : mlp_data_labels(src), lin ? t : NULL, NULL) == MLP_OK &&
             mlp_set_params(c, mlp_params(src), mlp_param_count(src), NULL) == MLP_OK &&
             mlp_set_learning_rate(c, d->learning_rate, NULL) == MLP_OK;
    }
    free(x);
    free(t);
    if (!ok) {
        mlp_destroy(c);
        return NULL;
    }
    return c;
}

void fz_op_twins(fz_state *st, fz_slot *s)
{
    int epochs = 1 + (int)(fz_u8(&st->r) % 3u), np = mlp_param_count(s->net);
    long guard = 0;
    double losses[3];
    mlp *a, *b;
    if (mlp_n_points(s->net) == 0 || !fz_afford(st, s->net, 2.0 * epochs))
        return;
    st->call = "step vs phases (twins)";
    a = clone(s);
    b = clone(s);
    FZ_CHECK(st, a && b, "a network of %d points could not be copied (%s)", mlp_n_points(s->net),
             a ? "second" : "first");
    if (a && b) {
        mlp_step_losses(a, epochs, losses, NULL);
        while (mlp_epoch(b) < epochs && !mlp_diverged(b) && guard++ < 1000000)
            mlp_phase_advance(b, NULL, NULL, NULL);
        if (fz_tracing())
            fprintf(stderr, "  %-28s %d epochs: epoch %ld/%ld, diverged %d/%d, %ld phases\n",
                    st->call, epochs, mlp_epoch(a), mlp_epoch(b), mlp_diverged(a), mlp_diverged(b), guard);
        FZ_CHECK(st, mlp_epoch(a) == mlp_epoch(b) && mlp_diverged(a) == mlp_diverged(b),
                 "step(%d): epoch %ld diverged %d; phases: epoch %ld diverged %d", epochs,
                 mlp_epoch(a), mlp_diverged(a), mlp_epoch(b), mlp_diverged(b));
        FZ_CHECK(st, memcmp(mlp_params(a), mlp_params(b), (size_t)np * sizeof(double)) == 0 &&
                         memcmp(mlp_grads(a), mlp_grads(b), (size_t)np * sizeof(double)) == 0,
                 "after %ld epochs the %d parameters or gradients of step and phases differ",
                 mlp_epoch(a), np);
        FZ_CHECK(st, memcmp(&(double){mlp_loss(a)}, &(double){mlp_loss(b)}, sizeof(double)) == 0,
                 "loss after step %.17g, after phases %.17g", mlp_loss(a), mlp_loss(b));
    }
    mlp_destroy(a);
    mlp_destroy(b);
}

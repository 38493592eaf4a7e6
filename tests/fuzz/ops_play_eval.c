/* ops_play_eval.c: the playground's reading and recording calls, picked by
   fz_op_play (ops_play.c): unit maps (the outputs' maps equal
   predict_grid's), confusion matrices (sum and trace against the set and
   its accuracy), test sets, and steps recording their training and test
   losses, whole epochs or a slice of phases. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops_play.h"

/* ---- unit maps, confusion, test data, recording --------------------------------- */

void fz_op_unit_maps(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    double bx[4];
    int k, w, h, units = mlp_unit_count(net), status, valid;
    unsigned null_out;
    float *out;
    fz_snap b;
    for (k = 0; k < 4; k++)
        bx[k] = fz_f64(&st->r);
    w = fz_int(&st->r, 1, 8, MLP_MAX_GRID_SIDE, 0);
    h = fz_int(&st->r, 1, 8, MLP_MAX_GRID_SIDE, 0);
    null_out = fz_u8(&st->r) & 1u;
    valid = w >= 1 && w <= 8 && h >= 1 && h <= 8;
    out = malloc((valid ? (size_t)units * w * h : 1) * sizeof(float));
    if (!out)
        return;
    for (k = 0; k < 4; k++)
        valid &= fz_in(bx[k], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    valid &= fz_inputs(mlp_get_desc(net)) == 2 && bx[0] < bx[1] && bx[2] < bx[3] && !null_out;
    fz_snap_take(&b, net);
    st->call = "mlp_unit_maps";
    status = mlp_unit_maps(net, bx[0], bx[1], bx[2], bx[3], w, h, null_out ? NULL : out, st->errp);
    fz_status(st, status, valid);
    fz_snap_same(st, &b, net, "mlp_unit_maps");
    if (status == MLP_OK && !mlp_diverged(net)) {
        long i, total = (long)units * w * h, K = fz_outputs(mlp_get_desc(net));
        for (i = 0; i < total; i++)
            if (!isfinite(out[i])) {
                FZ_FAIL(st, "unit map value %ld of %ld (unit %ld) is %g, not diverged", i, total,
                        i / ((long)w * h), out[i]);
                break;
            }
        /* the outputs' maps are predict_grid's values, unit-major */
        if (i == total) {
            float *g = malloc((size_t)w * h * K * sizeof(float));
            long px;
            if (g && mlp_predict_grid(net, bx[0], bx[1], bx[2], bx[3], w, h, g, NULL) == MLP_OK)
                for (px = 0; px < (long)w * h; px++)
                    for (k = 0; k < K; k++)
                        if (!(fabsf(out[((long)(units - K) + k) * w * h + px] - g[px * K + k]) <=
                              1e-4f * fmaxf(1.0f, fabsf(g[px * K + k])))) {
                            FZ_FAIL(st, "unit map of output %d at pixel %ld is %g, predict_grid %g", k,
                                    px, out[((long)(units - K) + k) * w * h + px], g[px * K + k]);
                            px = (long)w * h;
                            break;
                        }
            free(g);
        }
    }
    fz_snap_free(&b);
    free(out);
}

void fz_op_confusion(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    const mlp_desc *d = mlp_get_desc(net);
    unsigned c = fz_u8(&st->r);
    int which = (int)(c % 4u) == 3 ? -1 : (int)(c % 4u), K = fz_outputs(d), k, status;
    int32_t *out = malloc((size_t)K * K * sizeof(int32_t));
    fz_snap b;
    if (!out)
        return;
    fz_snap_take(&b, net);
    st->call = "mlp_confusion";
    status = mlp_confusion(net, which, (c & 4u) ? NULL : out, st->errp);
    fz_status(st, status, (which == 0 || which == 1) && !(c & 4u) && d->output == MLP_OUT_SOFTMAX);
    fz_snap_same(st, &b, net, "mlp_confusion");
    if (status == MLP_OK) {
        long sum = 0, trace = 0, size = which ? mlp_n_test_points(net) : mlp_n_points(net);
        double acc = which ? mlp_test_accuracy(net) : mlp_accuracy(net);
        for (k = 0; k < K * K; k++) {
            FZ_CHECK(st, out[k] >= 0, "confusion[%d] = %d", k, (int)out[k]);
            sum += out[k];
            trace += k % (K + 1) == 0 ? out[k] : 0;
        }
        FZ_CHECK(st, sum == size, "confusion of set %d sums to %ld, the set has %ld points", which, sum, size);
        FZ_CHECK(st, size == 0 || mlp_diverged(net) || fabs((double)trace / size - acc) <= 1e-12,
                 "confusion trace %ld / %ld, accuracy %.17g", trace, size, acc);
    }
    fz_snap_free(&b);
    free(out);
}

void fz_op_test_data(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    const mlp_desc *d = mlp_get_desc(net);
    int D = fz_inputs(d), K = fz_outputs(d), lin = d->output == MLP_OUT_LINEAR, i, k, valid;
    int n = fz_int(&st->r, 0, 16, MLP_MAX_POINTS, 0);
    unsigned nulls = fz_u8(&st->r) & 7u;
    size_t nv = n >= 1 && n <= 16 ? (size_t)n : 1;
    double *x = malloc(nv * D * sizeof(double)), *t = malloc(nv * K * sizeof(double));
    int32_t *y = malloc(nv * sizeof(int32_t));
    fz_snap b;
    if (!x || !t || !y)
        goto done;
    valid = n >= 0 && n <= MLP_MAX_POINTS && (n == 0 || !(nulls & (lin ? 5u : 3u)));
    for (i = 0; n > 0 && i < (int)nv * D; i++) {
        x[i] = fz_f64(&st->r);
        valid &= fz_in(x[i], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    }
    for (i = 0; n > 0 && !lin && i < (int)nv; i++) {
        unsigned c = fz_u8(&st->r);
        y[i] = c < 240u ? (int32_t)(c % (unsigned)K) : (int32_t)K;
        valid &= y[i] < K;
    }
    for (i = 0; n > 0 && lin && i < (int)nv * K; i++) {
        t[i] = fz_f64(&st->r);
        valid &= fz_in(t[i], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    }
    fz_snap_take(&b, net);
    st->call = "mlp_set_test_data";
    if (settle(st, mlp_set_test_data(net, n, (nulls & 1u) ? NULL : x, (nulls & 2u) ? NULL : y,
                                     (nulls & 4u) ? NULL : t, st->errp), valid, &b, net)) {
        const double *TX = mlp_test_x(net);
        FZ_CHECK(st, mlp_n_test_points(net) == n, "%d test points, want %d", mlp_n_test_points(net), n);
        for (i = 0; i < n && mlp_n_test_points(net) == n; i++)
            for (k = 0; k < D; k++)
                if (memcmp(&AT(TX, k, n, i), &x[i * D + k], sizeof(double)) != 0) {
                    FZ_FAIL(st, "test point %d input %d differs from what was set", i, k);
                    i = n;
                    break;
                }
        /* the training side is untouched: same snapshot but for the test set */
        free(b.test_x);
        b.test_x = NULL;
        b.n_test = mlp_n_test_points(net);
        if (b.n_test)
            b.test_x = memcpy(malloc((size_t)b.n_test * D * sizeof(double)), TX, (size_t)b.n_test * D * sizeof(double));
        fz_snap_same(st, &b, net, "a new test set");
    }
    fz_snap_free(&b);
done:
    free(x);
    free(y);
    free(t);
}

void fz_op_step_record(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int epochs = fz_int(&st->r, 1, 4, MLP_MAX_STEP_EPOCHS, 0), status, i;
    unsigned byte = fz_u8(&st->r), nulls = byte & 3u;
    int max_phases = (int)(byte >> 4);  /* 0: whole epochs; else a slice of phases (mlp_step_phases) */
    double losses[4], tests[4];
    int valid = mlp_n_points(net) > 0 && epochs >= 1 && epochs <= MLP_MAX_STEP_EPOCHS;
    long e0 = mlp_epoch(net), done;
    int was_diverged = mlp_diverged(net), nt = mlp_n_test_points(net);
    fz_snap b;
    double share = mlp_n_points(net) > 0 ? 1.0 + (double)nt / mlp_n_points(net) : 1.0;
    if (valid && !fz_afford(st, net, epochs * share))
        return;
    for (i = 0; i < 4; i++)
        losses[i] = tests[i] = -7.0;
    fz_snap_take(&b, net);
    st->call = max_phases ? "mlp_step_phases" : "mlp_step_record";
    status = mlp_step_phases(net, epochs, max_phases, (nulls & 1u) ? NULL : losses, (nulls & 2u) ? NULL : tests,
                             st->errp);
    if (settle(st, status, valid, &b, net) && !was_diverged) {
        done = mlp_epoch(net) - e0;
        FZ_CHECK(st, done == epochs || ((mlp_diverged(net) || max_phases) && done >= 0 && done < epochs),
                 "%ld epochs done of %d (diverged %d, at most %d phases)", done, epochs, mlp_diverged(net),
                 max_phases);
        for (i = 0; i < 4 && i < epochs; i++) {
            int in = i < done;
            if (!(nulls & 1u) && (in ? !(isfinite(losses[i]) && losses[i] >= 0) : losses[i] != -7.0))
                FZ_FAIL(st, "losses[%d] = %.17g after %ld of %d epochs", i, losses[i], done, epochs);
            if (!(nulls & 2u) && (in ? !(nt == 0 ? isnan(tests[i]) : isfinite(tests[i]) && tests[i] >= 0)
                                     : tests[i] != -7.0))
                FZ_FAIL(st, "test_losses[%d] = %.17g after %ld of %d epochs (%d test points)", i,
                        tests[i], done, epochs, nt);
        }
    }
    fz_snap_free(&b);
}

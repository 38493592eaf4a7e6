/* ops_play_state.c: the playground's saved states (mlp_state_save,
   mlp_create_from_state, mlp_state_load), picked by fz_op_play
   (ops_play.c): round trips with a short, exact or long count, a restored
   run continuing bit for bit, and corrupted states refused with the
   network unchanged or taken whole. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops_play.h"

/* ---- saved states -------------------------------------------------------------- */

/* The state of net, exactly sized; NULL on failure (reported). */
static double *save_state(fz_state *st, mlp *net, int *size)
{
    double *buf;
    *size = mlp_state_size(net);
    FZ_CHECK(st, *size >= MLP_STATE_HEADER, "mlp_state_size %d", *size);
    if (*size < MLP_STATE_HEADER || !(buf = malloc((size_t)*size * sizeof(double))))
        return NULL;
    if (mlp_state_save(net, buf, *size, NULL) != MLP_OK) {
        FZ_FAIL(st, "mlp_state_save into %d values (mlp_state_size) failed", *size);
        free(buf);
        return NULL;
    }
    return buf;
}

/* Everything a restored network must share with the saved one. */
static void same_run(fz_state *st, mlp *a, mlp *b, const char *what)
{
    const mlp_desc *da = mlp_get_desc(a), *db = mlp_get_desc(b);
    int P = mlp_param_count(a), n = mlp_n_points(a), D = fz_inputs(da), K = fz_outputs(da);
    FZ_CHECK(st, P == mlp_param_count(b) && n == mlp_n_points(b) && mlp_epoch(a) == mlp_epoch(b) &&
                     mlp_diverged(a) == mlp_diverged(b) && mlp_optimizer_steps(a) == mlp_optimizer_steps(b),
             "%s: %d params, %d points, epoch %ld, diverged %d, t %ld; the other %d, %d, %ld, %d, %ld",
             what, P, n, mlp_epoch(a), mlp_diverged(a), mlp_optimizer_steps(a), mlp_param_count(b),
             mlp_n_points(b), mlp_epoch(b), mlp_diverged(b), mlp_optimizer_steps(b));
    if (P != mlp_param_count(b) || n != mlp_n_points(b))
        return;
    FZ_CHECK(st, memcmp(mlp_params(a), mlp_params(b), (size_t)P * sizeof(double)) == 0 &&
                     memcmp(mlp_optimizer_state(a, 0), mlp_optimizer_state(b, 0), (size_t)P * sizeof(double)) == 0 &&
                     memcmp(mlp_optimizer_state(a, 1), mlp_optimizer_state(b, 1), (size_t)P * sizeof(double)) == 0,
             "%s: the parameters or the optimiser's state differ", what);
    FZ_CHECK(st, n == 0 || (memcmp(mlp_data_x(a), mlp_data_x(b), (size_t)n * D * sizeof(double)) == 0 &&
                            (da->output == MLP_OUT_LINEAR
                                 ? memcmp(mlp_data_targets(a), mlp_data_targets(b), (size_t)n * K * sizeof(double)) == 0
                                 : memcmp(mlp_data_labels(a), mlp_data_labels(b), (size_t)n * sizeof(int32_t)) == 0)),
             "%s: the data differ", what);
    FZ_CHECK(st, da->learning_rate == db->learning_rate && da->batch_size == db->batch_size &&
                     da->seed == db->seed && da->optimizer == db->optimizer && da->beta1 == db->beta1 &&
                     da->beta2 == db->beta2 && da->epsilon == db->epsilon &&
                     da->regularization == db->regularization && da->reg_rate == db->reg_rate &&
                     da->activation == db->activation && da->init == db->init && da->features == db->features,
             "%s: the descriptions differ", what);
}

/* Save (with a count too small, exact, or larger; or NULL), restore into a
   new network, compare; then train both and compare to the bit. */
void fz_op_state_round_trip(fz_state *st, fz_slot *s)
{
    mlp *net = s->net, *copy;
    unsigned mode = fz_u8(&st->r);
    int size = mlp_state_size(net), delta = (int)(mode & 3u) == 1 ? -1 : (int)(mode & 3u) == 2 ? 1 : 0;
    int count = size + delta, epochs = 1 + (int)((mode >> 2) & 3u), status, again_size;
    double *buf = malloc((size_t)(count > 0 ? count : 1) * sizeof(double)), *again;
    mlp_error e;
    fz_snap b;
    if (!buf)
        return;
    fz_snap_take(&b, net);
    st->call = "mlp_state_save";
    status = mlp_state_save(net, (mode & 16u) ? NULL : buf, count, st->errp);
    fz_status(st, status, count >= size && !(mode & 16u));
    fz_snap_same(st, &b, net, "mlp_state_save");
    fz_snap_free(&b);
    if (status != MLP_OK) {
        free(buf);
        return;
    }
    FZ_CHECK(st, buf[0] == MLP_STATE_MAGIC && buf[1] == MLP_STATE_VERSION && buf[2] == size,
             "state header %.17g %.17g %.17g, want magic, 1, %d", buf[0], buf[1], buf[2], size);
    st->call = "mlp_create_from_state";
    copy = mlp_create_from_state(buf, size, &e);
    FZ_CHECK(st, copy != NULL, "a state just saved (%d values) does not restore: %s", size, e.msg);
    if (copy) {
        same_run(st, net, copy, "saved and restored");
        again = save_state(st, copy, &again_size);
        FZ_CHECK(st, again && again_size == size && memcmp(again, buf, (size_t)size * sizeof(double)) == 0,
                 "the restored network saves another state (%d values, was %d)", again_size, size);
        free(again);
        /* training on: the restored run continues exactly as the saved one */
        if (mlp_n_points(net) > 0 && fz_afford(st, net, 2.0 * epochs)) {
            double la[4], lb[4];
            st->call = "step after a restore";
            int sa = mlp_step_losses(net, epochs, la, NULL), sb = mlp_step_losses(copy, epochs, lb, NULL);
            long done = mlp_epoch(net) - (long)buf[29];
            FZ_CHECK(st, sa == sb, "step(%d): status %d, restored %d", epochs, sa, sb);
            same_run(st, net, copy, "saved and restored, then trained");
            FZ_CHECK(st, done < 0 || done > 4 || memcmp(la, lb, (size_t)done * sizeof(double)) == 0,
                     "the per-epoch losses of the saved and the restored run differ");
            FZ_CHECK(st, memcmp(&(double){mlp_loss(net)}, &(double){mlp_loss(copy)}, sizeof(double)) == 0,
                     "loss %.17g, restored %.17g", mlp_loss(net), mlp_loss(copy));
        }
        mlp_destroy(copy);
    }
    free(buf);
}

/* A saved state with one to three values changed (header slots mostly),
   loaded into the network with an exact, short or long count: refused with
   the network unchanged, or taken as a whole (and then saved back the same). */
void fz_op_state_corrupt(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int size, k, edits = 1 + (int)(fz_u8(&st->r) % 3u), count, status;
    unsigned mode = fz_u8(&st->r);
    double *buf = save_state(st, net, &size), *big;
    fz_snap b;
    if (!buf)
        return;
    count = size + ((mode & 3u) == 1 ? -1 : (mode & 3u) == 2 ? 1 : 0);
    big = malloc((size_t)(size + 1) * sizeof(double));
    if (!big) {
        free(buf);
        return;
    }
    memcpy(big, buf, (size_t)size * sizeof(double));
    big[size] = 0;
    for (k = 0; k < edits; k++) {
        unsigned c = fz_u8(&st->r);
        int at = c < 160u ? (int)(c % MLP_STATE_HEADER) : (int)((unsigned)fz_i16(&st->r) % (unsigned)size);
        unsigned how = fz_u8(&st->r) % 4u;
        big[at] = how == 0 ? big[at] + 1 : how == 1 ? big[at] - 1 : how == 2 ? -big[at] : fz_f64(&st->r);
    }
    fz_snap_take(&b, net);
    st->call = "mlp_state_load (changed)";
    status = mlp_state_load(net, (mode & 4u) ? NULL : big, count, st->errp);
    fz_status(st, status, status == MLP_OK);   /* no oracle: the status and message rules only */
    if (status != MLP_OK)
        fz_snap_same(st, &b, net, "a refused state");
    else {
        int again_size;
        double *again;
        s->desc = *mlp_get_desc(net);
        again = save_state(st, net, &again_size);
        if (again && again_size == count) {
            for (k = 0; k < count; k++)
                if (!(again[k] == big[k] || memcmp(&again[k], &big[k], sizeof(double)) == 0) && /* -0 may be 0 */
                    !(k >= 4 + s->desc.n_sizes && k < 4 + MLP_MAX_LAYERS && again[k] == 0)) {
                    FZ_FAIL(st, "state value %d of %d was loaded as %.17g but saves as %.17g", k,
                            count, big[k], again[k]);
                    break;
                }
        } else
            FZ_CHECK(st, again != NULL, "a loaded state does not save");
        free(again);
    }
    fz_snap_free(&b);
    free(buf);
    free(big);
}

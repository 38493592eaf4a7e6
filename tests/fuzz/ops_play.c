/* ops_play.c: the playground's calls (mlp_playground.h, mlp_datasets.h),
   each with its arguments read from the input and its outcome checked:
   generated datasets (every dataset, classes, noise, points, test
   fraction), point edits, update rules and their betas and epsilon, weight
   penalties, saved states (round trips, continuation bit for bit, and
   corrupted states), unit maps, confusion matrices, test sets and test
   losses. A rejected call must change nothing (the snapshot of driver.h
   covers the description, the optimiser's state and the test set). */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

static int settle(fz_state *st, int status, int valid, const fz_snap *before, mlp *net)
{
    fz_status(st, status, valid);
    if (status != MLP_OK)
        fz_snap_same(st, before, net, "a rejected call");
    return status == MLP_OK;
}

/* Parameters, epoch and optimiser state kept; a fresh iteration. */
static void data_edit_ok(fz_state *st, const fz_snap *b, mlp *net)
{
    int layer;
    mlp_phase ph = mlp_current_phase(net, &layer);
    FZ_CHECK(st, mlp_epoch(net) == b->epoch &&
                     memcmp(mlp_params(net), b->params, (size_t)b->n_params * sizeof(double)) == 0 &&
                     mlp_optimizer_steps(net) == b->opt_t,
             "a data change moved the epoch (%ld, was %ld), the parameters or the optimiser",
             mlp_epoch(net), b->epoch);
    FZ_CHECK(st, ph == MLP_PHASE_INIT && layer == 0 && mlp_batch_size(net) == 0,
             "after a data change: phase %d layer %d batch %d, want a reset iteration", (int)ph,
             layer, mlp_batch_size(net));
}

/* Point i of a (rows x n) array, points innermost. */
#define AT(a, row, n, i) ((a)[(long)(row) * (n) + (i)])

/* ---- generated datasets ---------------------------------------------------- */

static void op_generate(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    const mlp_desc *d = mlp_get_desc(net);
    mlp_dataset_desc g;
    const mlp_dataset_info *info;
    int id = fz_int(&st->r, 0, MLP_DATASET_COUNT - 1, MLP_DATASET_COUNT - 1, 1), valid, K, n, nt, i, k;
    unsigned f;
    fz_snap b;
    mlp_dataset_desc_defaults(&g, id);
    info = mlp_dataset_get(id);
    FZ_CHECK(st, (info != NULL) == (id >= 0 && id < MLP_DATASET_COUNT), "mlp_dataset_get(%d)", id);
    f = fz_u8(&st->r);
    if (f & 1u)
        g.points = fz_int(&st->r, MLP_MIN_GEN_POINTS, 80, MLP_MAX_POINTS, 0);
    else
        g.points = MLP_MIN_GEN_POINTS + (int)(f >> 5) * 9;
    if (f & 2u) {
        unsigned c = fz_u8(&st->r);
        double top = info ? info->max_noise : 1.0;
        g.noise = c < 128u ? top * (c / 127.0) : c < 160u ? nextafter(top, INFINITY)
                : c < 176u ? -0.0 : fz_f64(&st->r);
    }
    if (f & 4u)
        g.classes = fz_int(&st->r, 2, 8, 8, 1);
    if (f & 8u) {
        static const double tf[] = {0.0, 0.1, 0.25, 0.5, 0.9, 0.05, 0.3333333333333333, 0.75};
        unsigned c = fz_u8(&st->r);
        g.test_fraction = c < 200u ? tf[c % 8u] : c < 220u ? nextafter(0.9, 1.0) : fz_f64(&st->r);
    }
    K = fz_outputs(d);
    valid = info && g.points >= MLP_MIN_GEN_POINTS && g.points <= MLP_MAX_POINTS &&
            fz_in(g.noise, 0, info->max_noise) &&
            (g.classes == 0 || (g.classes >= info->min_classes && g.classes <= info->max_classes)) &&
            fz_in(g.test_fraction, 0, MLP_MAX_TEST_FRACTION) && fz_inputs(d) == 2 &&
            (int)d->output == info->output && K >= info->min_classes && K <= info->max_classes &&
            (g.classes == 0 || g.classes == K);
    fz_snap_take(&b, net);
    st->call = "mlp_data_generate";
    if (settle(st, mlp_data_generate(net, (f & 16u) ? NULL : &g, st->errp), valid && !(f & 16u), &b, net)) {
        const double *X = mlp_data_x(net), *TX = mlp_test_x(net);
        const int32_t *y = mlp_data_labels(net), *ty = mlp_test_labels(net);
        int lin = d->output == MLP_OUT_LINEAR, counts[2][8] = {{0}}, set;
        double box = lin ? 2.0 : MLP_DATA_BOX;
        nt = (int)floor(g.test_fraction * g.points + 0.5);
        n = g.points - nt;
        FZ_CHECK(st, mlp_n_points(net) == n && mlp_n_test_points(net) == nt,
                 "%s: %d + %d points, want %d + %d (%d points, test fraction %.17g)", info->name,
                 mlp_n_points(net), mlp_n_test_points(net), n, nt, g.points, g.test_fraction);
        data_edit_ok(st, &b, net);
        for (set = 0; set < 2 && mlp_n_points(net) == n && mlp_n_test_points(net) == nt; set++) {
            int cnt = set ? nt : n;
            const double *A = set ? TX : X, *T = set ? mlp_test_targets(net) : mlp_data_targets(net);
            const int32_t *Y = set ? ty : y;
            for (i = 0; i < cnt; i++) {
                /* regression sets: x in [-2, 2]; the noise moves only the targets */
                int ok = fz_in(AT(A, 0, cnt, i), -box, box) && fz_in(AT(A, 1, cnt, i), -box, box);
                if (lin)
                    ok &= fz_in(T[i], -1, 1);
                else if ((ok &= Y[i] >= 0 && Y[i] < K))
                    counts[set][Y[i]]++;
                if (!ok) {
                    FZ_FAIL(st, "%s %s point %d of %d: (%.17g, %.17g) %s %.17g, want within %g%s",
                            info->name, set ? "test" : "training", i, cnt, AT(A, 0, cnt, i),
                            AT(A, 1, cnt, i), lin ? "target" : "label",
                            lin ? T[i] : (double)Y[i], box, lin ? " and a target in [-1, 1]" : "");
                    break;
                }
            }
            if (!lin) {                      /* balanced within one point per class */
                int lo = cnt, hi = 0;
                for (k = 0; k < K; k++) {
                    lo = counts[set][k] < lo ? counts[set][k] : lo;
                    hi = counts[set][k] > hi ? counts[set][k] : hi;
                }
                FZ_CHECK(st, cnt == 0 || hi - lo <= 1, "%s %s set: classes hold %d to %d points",
                         info->name, set ? "test" : "training", lo, hi);
            }
        }
        {   /* the same seed, the same points: a twin network draws them again */
            mlp *twin = mlp_create(d, NULL);
            int same = twin && mlp_data_generate(twin, &g, NULL) == MLP_OK &&
                       mlp_n_points(twin) == n && mlp_n_test_points(twin) == nt &&
                       memcmp(mlp_data_x(twin), X, (size_t)2 * n * sizeof(double)) == 0 &&
                       (nt == 0 || memcmp(mlp_test_x(twin), mlp_test_x(net), (size_t)2 * nt * sizeof(double)) == 0);
            FZ_CHECK(st, same, "%s: a network with the same seed drew other points", info->name);
            mlp_destroy(twin);
        }
    }
    fz_snap_free(&b);
}

/* ---- editing points ---------------------------------------------------------- */

static void op_add_point(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    const mlp_desc *d = mlp_get_desc(net);
    int D = fz_inputs(d), K = fz_outputs(d), lin = d->output == MLP_OUT_LINEAR, k, i, n = mlp_n_points(net);
    double x[8], t[8];
    unsigned nulls = fz_u8(&st->r), lb = fz_u8(&st->r);
    int32_t label = lb < 240u ? (int32_t)(lb % (unsigned)K) : lb % 4u == 0 ? -1 : lb % 4u == 1 ? K
                  : lb % 4u == 2 ? INT32_MIN : INT32_MAX;
    int valid = n + 1 <= MLP_MAX_POINTS && !(nulls & 1u) && !(lin && (nulls & 2u));
    fz_snap b;
    for (k = 0; k < D; k++) {
        x[k] = fz_f64(&st->r);
        valid &= fz_in(x[k], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    }
    for (k = 0; lin && k < K; k++) {
        t[k] = fz_f64(&st->r);
        valid &= fz_in(t[k], -MLP_MAX_INPUT, MLP_MAX_INPUT);
    }
    if (!lin)
        valid &= label >= 0 && label < K;
    fz_snap_take(&b, net);
    st->call = "mlp_add_point";
    if (settle(st, mlp_add_point(net, (nulls & 1u) ? NULL : x, label, (nulls & 2u) ? NULL : t, st->errp),
               valid, &b, net)) {
        const double *X = mlp_data_x(net), *T = mlp_data_targets(net);
        FZ_CHECK(st, mlp_n_points(net) == n + 1, "%d points after adding one to %d", mlp_n_points(net), n);
        data_edit_ok(st, &b, net);
        for (i = 0; i <= n && mlp_n_points(net) == n + 1; i++) {
            int same = 1;
            for (k = 0; k < D; k++)
                same &= memcmp(&AT(X, k, n + 1, i), i < n ? &AT(b.x, k, n, i) : &x[k], sizeof(double)) == 0;
            for (k = 0; lin && k < K; k++)
                same &= memcmp(&AT(T, k, n + 1, i), i < n ? &AT(b.targets, k, n, i) : &t[k], sizeof(double)) == 0;
            if (!lin)
                same &= mlp_data_labels(net)[i] == (i < n ? b.labels[i] : label);
            if (!same) {
                FZ_FAIL(st, "after adding point %d, point %d of %d differs from what it was", n, i, n + 1);
                break;
            }
        }
        FZ_CHECK(st, mlp_n_test_points(net) == b.n_test, "adding a point changed the test set");
    }
    fz_snap_free(&b);
}

static void op_remove_point(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    const mlp_desc *d = mlp_get_desc(net);
    int n = mlp_n_points(net), D = fz_inputs(d), K = fz_outputs(d), lin = d->output == MLP_OUT_LINEAR;
    unsigned c = fz_u8(&st->r);
    int index = c < 224u ? (int)(c % (unsigned)(n + 1)) : c % 4u == 0 ? -1 : c % 4u == 1 ? n
              : c % 4u == 2 ? INT_MIN : INT_MAX, i, k;
    fz_snap b;
    fz_snap_take(&b, net);
    st->call = "mlp_remove_point";
    if (settle(st, mlp_remove_point(net, index, st->errp), index >= 0 && index < n, &b, net)) {
        const double *X = mlp_data_x(net), *T = mlp_data_targets(net);
        FZ_CHECK(st, mlp_n_points(net) == n - 1, "%d points after removing one of %d", mlp_n_points(net), n);
        data_edit_ok(st, &b, net);
        for (i = 0; i < n - 1 && mlp_n_points(net) == n - 1; i++) {
            int from = i < index ? i : i + 1, same = 1;
            for (k = 0; k < D; k++)
                same &= memcmp(&AT(X, k, n - 1, i), &AT(b.x, k, n, from), sizeof(double)) == 0;
            for (k = 0; lin && k < K; k++)
                same &= memcmp(&AT(T, k, n - 1, i), &AT(b.targets, k, n, from), sizeof(double)) == 0;
            if (!lin)
                same &= mlp_data_labels(net)[i] == b.labels[from];
            if (!same) {
                FZ_FAIL(st, "after removing point %d of %d, point %d is not the old point %d", index, n, i, from);
                break;
            }
        }
        if (n == 1)
            FZ_CHECK(st, isnan(mlp_loss(net)), "no data left, but loss %.17g", mlp_loss(net));
    }
    fz_snap_free(&b);
}

/* ---- update rules and penalties ---------------------------------------------- */

static void op_optimizer(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int opt = fz_int(&st->r, 0, 2, 2, 1);
    double b1 = fz_edge_or_any(&st->r), b2 = fz_edge_or_any(&st->r), eps = fz_edge_or_any(&st->r);
    int valid = opt >= 0 && opt <= 2 && fz_in(b1, 0, MLP_MAX_BETA) && fz_in(b2, 0, MLP_MAX_BETA) &&
                eps > 0 && eps <= 1;
    fz_snap b;
    fz_snap_take(&b, net);
    st->call = "mlp_set_optimizer";
    if (settle(st, mlp_set_optimizer(net, opt, b1, b2, eps, st->errp), valid, &b, net)) {
        if ((int)b.desc.optimizer != opt) {  /* a new rule starts from zero state */
            memset(b.opt_m, 0, (size_t)b.n_params * sizeof(double));
            memset(b.opt_v, 0, (size_t)b.n_params * sizeof(double));
            b.opt_t = 0;
        }
        b.desc.optimizer = (mlp_optimizer)opt;
        b.desc.beta1 = b1;
        b.desc.beta2 = b2;
        b.desc.epsilon = eps;
        fz_snap_same(st, &b, net, "a new update rule");
        s->desc = *mlp_get_desc(net);
    }
    fz_snap_free(&b);
}

static void op_regularization(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    int kind = fz_int(&st->r, 0, 2, 2, 1);
    unsigned c = fz_u8(&st->r);
    static const double rates[] = {0.0, 1e-4, 0.003, 0.1, 1.0, 30.0, MLP_MAX_REG_RATE, -0.0};
    double rate = c < 160u ? rates[c % 8u] : c < 176u ? nextafter(MLP_MAX_REG_RATE, INFINITY)
                : c < 192u ? -DBL_MIN : fz_f64(&st->r);
    fz_snap b;
    fz_snap_take(&b, net);
    st->call = "mlp_set_regularization";
    if (settle(st, mlp_set_regularization(net, kind, rate, st->errp),
               kind >= 0 && kind <= 2 && fz_in(rate, 0, MLP_MAX_REG_RATE), &b, net)) {
        b.desc.regularization = (mlp_regularization)kind;
        b.desc.reg_rate = rate;
        fz_snap_same(st, &b, net, "a new penalty");
        s->desc = *mlp_get_desc(net);
    }
    fz_snap_free(&b);
}

/* mlp_reg_loss against the documented formula, and the optimiser's state
   zeroed by mlp_reset_optimizer. */
static void op_penalty_and_reset(fz_state *st, fz_slot *s)
{
    mlp *net = s->net;
    const mlp_desc *d = mlp_get_desc(net);
    const double *p = mlp_params(net);
    double want = 0, got;
    int l, j, reset = fz_u8(&st->r) & 1u;
    fz_snap b;
    for (l = 1; l < d->n_sizes; l++) {
        int off = mlp_layer_offset(net, l), w = d->sizes[l - 1] * d->sizes[l];
        for (j = 0; j < w; j++)
            want += d->regularization == MLP_REG_L1 ? fabs(p[off + j]) : 0.5 * p[off + j] * p[off + j];
    }
    want = d->regularization == MLP_REG_NONE ? 0 : d->reg_rate * want;
    st->call = "mlp_reg_loss";
    got = mlp_reg_loss(net);
    FZ_CHECK(st, isfinite(got) && got >= 0 && fabs(got - want) <= 1e-9 * fmax(1.0, want),
             "penalty %d rate %.17g: mlp_reg_loss %.17g, the formula gives %.17g",
             (int)d->regularization, d->reg_rate, got, want);
    FZ_CHECK(st, mlp_optimizer_state(net, -1) == NULL && mlp_optimizer_state(net, 2) == NULL,
             "mlp_optimizer_state of an unknown index is not NULL");
    FZ_CHECK(st, mlp_optimizer_name(-1) == NULL && mlp_optimizer_name(3) == NULL &&
                     mlp_regularization_name(3) == NULL && mlp_feature_name(MLP_FEATURE_COUNT) == NULL &&
                     mlp_optimizer_name(2) && mlp_regularization_name(0) && mlp_feature_name(0),
             "names of ids in and out of range");
    fz_snap_take(&b, net);
    if (reset) {
        st->call = "mlp_reset_optimizer";
        mlp_reset_optimizer(net);
        memset(b.opt_m, 0, (size_t)b.n_params * sizeof(double));
        memset(b.opt_v, 0, (size_t)b.n_params * sizeof(double));
        b.opt_t = 0;
    } else {                                 /* the test set's getters change nothing */
        double tl = mlp_test_loss(net), ta = mlp_test_accuracy(net);
        st->call = "mlp_test_loss";
        if (mlp_n_test_points(net) == 0)
            FZ_CHECK(st, isnan(tl) && isnan(ta), "no test set: test loss %g, accuracy %g", tl, ta);
        else if (!mlp_diverged(net)) {
            FZ_CHECK(st, isfinite(tl) && tl >= 0, "test loss %.17g of %d points, not diverged", tl,
                     mlp_n_test_points(net));
            FZ_CHECK(st, d->output == MLP_OUT_SOFTMAX ? fz_in(ta, 0, 1) : isnan(ta), "test accuracy %g", ta);
        }
    }
    fz_snap_same(st, &b, net, reset ? "mlp_reset_optimizer" : "the test getters");
    fz_snap_free(&b);
}

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
static void op_state_round_trip(fz_state *st, fz_slot *s)
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
static void op_state_corrupt(fz_state *st, fz_slot *s)
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

/* ---- unit maps, confusion, test data, recording --------------------------------- */

static void op_unit_maps(fz_state *st, fz_slot *s)
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

static void op_confusion(fz_state *st, fz_slot *s)
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

static void op_test_data(fz_state *st, fz_slot *s)
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

static void op_step_record(fz_state *st, fz_slot *s)
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

void fz_op_play(fz_state *st, fz_slot *s, unsigned op)
{
    switch (op) {
    case 0: case 13: op_generate(st, s); break;
    case 1: op_add_point(st, s); break;
    case 2: op_remove_point(st, s); break;
    case 3: op_optimizer(st, s); break;
    case 4: op_regularization(st, s); break;
    case 5: op_penalty_and_reset(st, s); break;
    case 6: case 14: op_state_round_trip(st, s); break;
    case 7: op_state_corrupt(st, s); break;
    case 8: op_unit_maps(st, s); break;
    case 9: op_confusion(st, s); break;
    case 10: op_test_data(st, s); break;
    case 11: op_step_record(st, s); break;
    case 12: op_add_point(st, s); break;
    default: fz_op_step(st, s, 1); break;
    }
}

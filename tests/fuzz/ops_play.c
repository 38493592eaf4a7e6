/* ops_play.c: the playground's calls (mlp_playground.h, mlp_datasets.h),
   each with its arguments read from the input and its outcome checked:
   generated datasets (every dataset, classes, noise, points, test
   fraction), point edits, update rules and their betas and epsilon, and
   weight penalties; fz_op_play picks one of these or of the ops in
   ops_play_state.c (saved states) and ops_play_eval.c (unit maps, confusion
   matrices, test sets, recorded steps). A rejected call must change nothing
   (the snapshot of driver.h covers the description, the optimiser's state
   and the test set). */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops_play.h"

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

void fz_op_play(fz_state *st, fz_slot *s, unsigned op)
{
    switch (op) {
    case 0: case 13: op_generate(st, s); break;
    case 1: op_add_point(st, s); break;
    case 2: op_remove_point(st, s); break;
    case 3: op_optimizer(st, s); break;
    case 4: op_regularization(st, s); break;
    case 5: op_penalty_and_reset(st, s); break;
    case 6: case 14: fz_op_state_round_trip(st, s); break;
    case 7: fz_op_state_corrupt(st, s); break;
    case 8: fz_op_unit_maps(st, s); break;
    case 9: fz_op_confusion(st, s); break;
    case 10: fz_op_test_data(st, s); break;
    case 11: fz_op_step_record(st, s); break;
    case 12: op_add_point(st, s); break;
    default: fz_op_step(st, s, 1); break;
    }
}

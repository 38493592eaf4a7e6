/* state.c: a run saved as one array of doubles and restored bit for bit
   (layout in mlp.h, "saving and restoring a run"). Every value is stored
   exactly: integers and 32-bit halves of the generator's 64-bit words are
   exact in a double, and doubles are copied as they are.

   What makes the restored run continue identically: the parameters and the
   optimiser state (all the update reads), the generator's words (the next
   shuffles), the epoch's permutation and the batch number (the next
   batches), and perm_drawn (whether this epoch's shuffle was already drawn,
   for a state saved part-way through the epoch's first iteration). Phases
   before UPDATE change none of these (train.c sums the epoch's loss in
   UPDATE for that reason), so a state saved mid-iteration restores to the
   start of that iteration. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlp_internal.h"

/* Header slots, as documented in mlp.h. */
enum {
    S_MAGIC, S_VERSION, S_COUNT, S_N_SIZES, S_SIZES,
    S_ACTIVATION = S_SIZES + MLP_MAX_LAYERS, S_INIT, S_OUTPUT, S_LR, S_BATCH, S_SEED,
    S_FEATURES, S_OPTIMIZER, S_BETA1, S_BETA2, S_EPSILON, S_REG, S_REG_RATE,
    S_PARAMS, S_POINTS, S_EPOCH, S_BATCH_NO, S_PERM_DRAWN, S_OPT_T, S_DIVERGED,
    S_LOSS_SUM, S_EPOCH_LOSS, S_RNG, S_HEADER = S_RNG + 8
};
typedef char state_header_matches_mlp_h[S_HEADER == MLP_STATE_HEADER ? 1 : -1];

#define MAX_EXACT 9007199254740991.0 /* 2^53 - 1: every integer up to it is exact */

/* Offsets of the arrays after the header, for P parameters and n points. */
typedef struct {
    long params, m, v, x, y, perm, total;
} state_layout;

static state_layout layout(int P, int n, int d, int y_width)
{
    state_layout s;
    s.params = S_HEADER;
    s.m = s.params + P;
    s.v = s.m + P;
    s.x = s.v + P;
    s.y = s.x + (long)n * d;
    s.perm = s.y + (long)n * y_width;
    s.total = s.perm + n;
    return s;
}

static int y_width(const mlp_desc *d)
{
    return d->output == MLP_OUT_SOFTMAX ? 1 : d->sizes[d->n_sizes - 1];
}

static int raw_inputs(const mlp_desc *d) { return d->features ? 2 : d->sizes[0]; }

int mlp_state_size(const mlp *net)
{
    if (!net)
        return 0;
    return (int)layout(net->n_params, net->n, mlp__inputs(net), y_width(&net->desc)).total;
}

/* The header slots of mlp.h's layout, for a state of `total` values. */
static void save_header(const mlp *net, double *out, long total)
{
    const mlp_desc *d = &net->desc;
    int i, k;
    memset(out, 0, S_HEADER * sizeof(double));
    out[S_MAGIC] = MLP_STATE_MAGIC;
    out[S_VERSION] = MLP_STATE_VERSION;
    out[S_COUNT] = (double)total;
    out[S_N_SIZES] = d->n_sizes;
    for (i = 0; i < d->n_sizes; i++)
        out[S_SIZES + i] = d->sizes[i];
    out[S_ACTIVATION] = d->activation;
    out[S_INIT] = d->init;
    out[S_OUTPUT] = d->output;
    out[S_LR] = d->learning_rate;
    out[S_BATCH] = d->batch_size;
    out[S_SEED] = d->seed;
    out[S_FEATURES] = d->features;
    out[S_OPTIMIZER] = d->optimizer;
    out[S_BETA1] = d->beta1;
    out[S_BETA2] = d->beta2;
    out[S_EPSILON] = d->epsilon;
    out[S_REG] = d->regularization;
    out[S_REG_RATE] = d->reg_rate;
    out[S_PARAMS] = net->n_params;
    out[S_POINTS] = net->n;
    out[S_EPOCH] = (double)net->epoch;
    out[S_BATCH_NO] = net->batch_no;
    out[S_PERM_DRAWN] = net->perm_drawn;
    out[S_OPT_T] = (double)net->opt_t;
    out[S_DIVERGED] = net->diverged;
    out[S_LOSS_SUM] = net->epoch_loss_sum;
    out[S_EPOCH_LOSS] = net->epoch_loss;
    for (k = 0; k < 4; k++) {                    /* word k -> (high 32 bits, low 32 bits) */
        out[S_RNG + 2 * k] = (double)(net->rng.s[k] >> 32);
        out[S_RNG + 2 * k + 1] = (double)(net->rng.s[k] & 0xFFFFFFFFu);
    }
}

int mlp_state_save(const mlp *net, double *out, int count, mlp_error *err)
{
    state_layout s;
    int i, k, n, D, Y;
    if (!net || !out)
        return mlp__fail(err, MLP_E_ARG, "network and output must not be NULL");
    n = net->n;
    D = mlp__inputs(net);
    Y = y_width(&net->desc);
    s = layout(net->n_params, n, D, Y);
    if (count < s.total)
        return mlp__fail(err, MLP_E_ARG, "the state needs room for %ld values, got %d", s.total,
                         count);
    save_header(net, out, s.total);
    memcpy(out + s.params, net->params, (size_t)net->n_params * sizeof(double));
    memcpy(out + s.m, net->opt_m, (size_t)net->n_params * sizeof(double));
    memcpy(out + s.v, net->opt_v, (size_t)net->n_params * sizeof(double));
    for (i = 0; i < n; i++) {                    /* (inputs x n) -> (n x inputs), as set_data */
        for (k = 0; k < D; k++)
            out[s.x + (long)i * D + k] = net->data.X[(long)k * n + i];
        if (net->desc.output == MLP_OUT_SOFTMAX)
            out[s.y + i] = net->data.labels[i];
        else
            for (k = 0; k < Y; k++)
                out[s.y + (long)i * Y + k] = net->data.T[(long)k * n + i];
        out[s.perm + i] = net->data.perm[i];
    }
    return mlp__ok(err);
}

/* ---- loading: check everything, then change the network ------------------ */

static int is_int(double v, double lo, double hi) { return v >= lo && v <= hi && v == floor(v); }

/* "state.<field> must be an integer from lo to hi, got v". */
static int fail_int(mlp_error *err, const char *field, double lo, double hi, double v)
{
    char a[32], b[32], c[32];
    mlp_format_number(a, sizeof a, lo);
    mlp_format_number(b, sizeof b, hi);
    mlp_format_number(c, sizeof c, v);
    return mlp__fail(err, MLP_E_ARG, "state.%s must be an integer from %s to %s, got %s", field,
                     a, b, c);
}

/* Puts "state." before the message a description check wrote. */
static int in_state(mlp_error *err)
{
    if (err) {
        size_t len = strlen(err->msg), room = sizeof err->msg - 7;
        len = len < room ? len : room;
        memmove(err->msg + 6, err->msg, len);
        err->msg[len + 6] = '\0';
        memcpy(err->msg, "state.", 6);
    }
    return MLP_E_ARG;
}

/* Integer header slots that become enums or ints: checked to be integers
   here (so the casts are defined); their ranges are mlp_create's checks. */
static const struct { int slot; const char *field; double lo, hi; } int_slots[] = {
    {S_ACTIVATION, "activation", -1e9, 1e9}, {S_INIT, "init", -1e9, 1e9},
    {S_OUTPUT, "output", -1e9, 1e9}, {S_BATCH, "batchSize", -1e9, 1e9},
    {S_SEED, "seed", 0, MLP_MAX_SEED}, {S_FEATURES, "features", 0, MLP_FEATURE_ALL},
    {S_OPTIMIZER, "optimizer", -1e9, 1e9}, {S_REG, "regularization", -1e9, 1e9},
};

/* The description saved in a state, checked as mlp_create checks one. */
static int decode_desc(const double *s, int count, mlp_desc *d, mlp_error *err)
{
    int i;
    if (!s || count < S_HEADER)
        return mlp__fail(err, MLP_E_ARG, "state must hold at least %d values, got %d", S_HEADER,
                         s ? count : 0);
    if (s[S_MAGIC] != MLP_STATE_MAGIC)
        return mlp__fail(err, MLP_E_ARG, "state.magic must be %ld: this is not a saved run",
                         (long)MLP_STATE_MAGIC);
    if (s[S_VERSION] != MLP_STATE_VERSION)
        return fail_int(err, "version", MLP_STATE_VERSION, MLP_STATE_VERSION, s[S_VERSION]);
    if (s[S_COUNT] != count)
        return fail_int(err, "count", count, count, s[S_COUNT]);
    if (!is_int(s[S_N_SIZES], 2, MLP_MAX_LAYERS))
        return fail_int(err, "layers.length", 2, MLP_MAX_LAYERS, s[S_N_SIZES]);
    for (i = 0; i < (int)(sizeof int_slots / sizeof int_slots[0]); i++)
        if (!is_int(s[int_slots[i].slot], int_slots[i].lo, int_slots[i].hi))
            return fail_int(err, int_slots[i].field, int_slots[i].lo, int_slots[i].hi,
                            s[int_slots[i].slot]);
    mlp_desc_defaults(d);
    d->n_sizes = (int)s[S_N_SIZES];
    for (i = 0; i < d->n_sizes; i++) {
        if (!is_int(s[S_SIZES + i], -1e9, 1e9)) {
            char field[32];
            mlp__format(field, sizeof field, "layers[%d]", i);
            return fail_int(err, field, 1, MLP_MAX_UNITS, s[S_SIZES + i]);
        }
        d->sizes[i] = (int)s[S_SIZES + i];
    }
    d->activation = (mlp_activation)(int)s[S_ACTIVATION];
    d->init = (mlp_init)(int)s[S_INIT];
    d->output = (mlp_output)(int)s[S_OUTPUT];
    d->learning_rate = s[S_LR];
    d->batch_size = (int)s[S_BATCH];
    d->seed = (uint32_t)s[S_SEED];
    d->features = (uint32_t)s[S_FEATURES];
    d->optimizer = (mlp_optimizer)(int)s[S_OPTIMIZER];
    d->beta1 = s[S_BETA1];
    d->beta2 = s[S_BETA2];
    d->epsilon = s[S_EPSILON];
    d->regularization = (mlp_regularization)(int)s[S_REG];
    d->reg_rate = s[S_REG_RATE];
    return mlp__check_desc(d, err) == MLP_OK ? MLP_OK : in_state(err);
}

/* The layers, output and features size the network's buffers: a state
   restores only into a network built alike. */
static int same_shape(const mlp_desc *d, const mlp_desc *have, mlp_error *err)
{
    int i;
    if (d->n_sizes != have->n_sizes)
        return mlp__fail(err, MLP_E_ARG, "state.layers.length is %d, this network's is %d: "
                         "create the network from the state", d->n_sizes, have->n_sizes);
    for (i = 0; i < d->n_sizes; i++)
        if (d->sizes[i] != have->sizes[i])
            return mlp__fail(err, MLP_E_ARG, "state.layers[%d] is %d, this network's is %d: "
                             "create the network from the state", i, d->sizes[i], have->sizes[i]);
    if (d->output != have->output || d->features != have->features)
        return mlp__fail(err, MLP_E_ARG, "state.%s is %d, this network's is %d: create the "
                         "network from the state",
                         d->output != have->output ? "output" : "features",
                         d->output != have->output ? (int)d->output : (int)d->features,
                         d->output != have->output ? (int)have->output : (int)have->features);
    return MLP_OK;
}

/* The run's counters and generator words. */
static int check_run(const double *s, const mlp_desc *d, int P, mlp_error *err)
{
    const double n = s[S_POINTS], max_long = LONG_MAX < MAX_EXACT ? (double)LONG_MAX : MAX_EXACT;
    int k, zero = 1, b = d->batch_size, batches;
    if (s[S_PARAMS] != P)
        return fail_int(err, "paramCount", P, P, s[S_PARAMS]);
    if (!is_int(n, 0, MLP_MAX_POINTS))
        return fail_int(err, "points", 0, MLP_MAX_POINTS, n);
    batches = (b <= 0 || b >= n) ? 1 : ((int)n + b - 1) / b;
    if (!is_int(s[S_EPOCH], 0, max_long))
        return fail_int(err, "epoch", 0, max_long, s[S_EPOCH]);
    if (!is_int(s[S_BATCH_NO], 0, batches - 1))
        return fail_int(err, "batch", 0, batches - 1, s[S_BATCH_NO]);
    if (!is_int(s[S_PERM_DRAWN], 0, 1))
        return fail_int(err, "permDrawn", 0, 1, s[S_PERM_DRAWN]);
    if (!is_int(s[S_OPT_T], 0, max_long))
        return fail_int(err, "adamSteps", 0, max_long, s[S_OPT_T]);
    if (!is_int(s[S_DIVERGED], 0, 1))
        return fail_int(err, "diverged", 0, 1, s[S_DIVERGED]);
    /* The running sum of this epoch's batch losses (each >= 0), 0 until the
       epoch's first update: anything else would come out of the epoch as a
       negative or made-up training loss. */
    if (!(isfinite(s[S_LOSS_SUM]) && s[S_LOSS_SUM] >= 0) || (s[S_BATCH_NO] == 0 && s[S_LOSS_SUM] != 0)) {
        char v[32];
        mlp_format_number(v, sizeof v, s[S_LOSS_SUM]);
        return mlp__fail(err, MLP_E_ARG, "state.epochLossSum must be a finite number >= 0 (0 at the "
                         "start of an epoch, batch 0), got %s", v);
    }
    for (k = 0; k < 8; k++) {
        char field[24];
        mlp__format(field, sizeof field, "rng[%d]", k);
        if (!is_int(s[S_RNG + k], 0, 4294967295.0))
            return fail_int(err, field, 0, 4294967295.0, s[S_RNG + k]);
        zero &= s[S_RNG + k] == 0;
    }
    return zero ? mlp__fail(err, MLP_E_ARG, "state.rng must not be all zero") : MLP_OK;
}

/* "state.<array>[i] must be a finite number[ >= 0], got v". */
static int fail_finite(mlp_error *err, const char *array, long i, double v, int nonneg)
{
    char c[32];
    mlp_format_number(c, sizeof c, v);
    return mlp__fail(err, MLP_E_ARG, "state.%s[%ld] must be a finite number%s, got %s", array, i,
                     nonneg ? " >= 0" : "", c);
}

/* The arrays; seen (n bytes, zeroed) tells a permutation from a list with repeats. */
static int check_arrays(const double *s, const state_layout *o, const mlp_desc *d, int P, int n,
                        unsigned char *seen, mlp_error *err)
{
    const int D = raw_inputs(d), Y = y_width(d), K = d->sizes[d->n_sizes - 1];
    long k;
    for (k = 0; k < P; k++) {
        if (!mlp_limit_ok(MLP_LIMIT_PARAM, s[o->params + k]))
            return mlp__fail_index(err, MLP_LIMIT_PARAM, "state.params", k, s[o->params + k]);
        if (!isfinite(s[o->m + k]))
            return fail_finite(err, "m", k, s[o->m + k], 0);
        if (!(isfinite(s[o->v + k]) && s[o->v + k] >= 0))
            return fail_finite(err, "v", k, s[o->v + k], 1);
    }
    for (k = 0; k < (long)n * D; k++)
        if (!mlp_limit_ok(MLP_LIMIT_COORDINATE, s[o->x + k]))
            return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "state.x", k, s[o->x + k]);
    for (k = 0; k < (long)n * Y; k++) {
        double v = s[o->y + k];
        if (d->output == MLP_OUT_SOFTMAX && !is_int(v, 0, K - 1)) {
            char field[40];
            mlp__format(field, sizeof field, "labels[%ld]", k);
            return fail_int(err, field, 0, K - 1, v);
        }
        if (d->output != MLP_OUT_SOFTMAX && !mlp_limit_ok(MLP_LIMIT_COORDINATE, v))
            return mlp__fail_index(err, MLP_LIMIT_COORDINATE, "state.targets", k, v);
    }
    for (k = 0; k < n; k++) {
        double v = s[o->perm + k];
        if (!is_int(v, 0, n - 1) || seen[(int)v]++)
            return mlp__fail(err, MLP_E_ARG, "state.perm must be a permutation of 0..%d, "
                             "perm[%ld] is a repeat or out of range", n - 1, k);
    }
    return MLP_OK;
}

/* Everything checked: the network takes the state (its data already set). */
static void apply(mlp *net, const double *s, const state_layout *o, const mlp_desc *d, int n)
{
    const size_t bytes = (size_t)net->n_params * sizeof(double);
    int k;
    net->desc = *d;
    if (n == 0)
        net->n = 0;
    mlp__reset_iteration(net);                   /* phase INIT, then the saved position */
    memcpy(net->params, s + o->params, bytes);
    memcpy(net->opt_m, s + o->m, bytes);
    memcpy(net->opt_v, s + o->v, bytes);
    net->opt_t = (long)s[S_OPT_T];
    net->epoch = (long)s[S_EPOCH];
    net->batch_no = (int)s[S_BATCH_NO];
    net->perm_drawn = (int)s[S_PERM_DRAWN];
    net->diverged = (int)s[S_DIVERGED];
    net->epoch_loss_sum = s[S_LOSS_SUM];
    net->epoch_loss = s[S_EPOCH_LOSS];
    for (k = 0; k < 4; k++)
        net->rng.s[k] = ((uint64_t)s[S_RNG + 2 * k] << 32) | (uint64_t)s[S_RNG + 2 * k + 1];
    for (k = 0; k < n; k++)
        net->data.perm[k] = (int32_t)s[o->perm + k];
}

int mlp_state_load(mlp *net, const double *s, int count, mlp_error *err)
{
    mlp_desc d;
    state_layout o;
    int32_t *labels;
    int n, k, status;
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (decode_desc(s, count, &d, err) != MLP_OK || same_shape(&d, &net->desc, err) != MLP_OK ||
        check_run(s, &d, net->n_params, err) != MLP_OK)
        return MLP_E_ARG;
    n = (int)s[S_POINTS];
    o = layout(net->n_params, n, raw_inputs(&d), y_width(&d));
    if (o.total != count)
        return mlp__fail(err, MLP_E_ARG, "state.count is %d, but %d points and %d parameters "
                         "need %ld values", count, n, net->n_params, o.total);
    labels = calloc((size_t)n * (sizeof(int32_t) + 1) + 1, 1);  /* labels, then seen */
    if (!labels)
        return mlp__fail(err, MLP_E_NOMEM, "out of memory checking a state of %d points", n);
    status = check_arrays(s, &o, &d, net->n_params, n, (unsigned char *)(labels + n), err);
    if (status == MLP_OK && n > 0) {
        for (k = 0; k < n && d.output == MLP_OUT_SOFTMAX; k++)
            labels[k] = (int32_t)s[o.y + k];
        /* checked above, so only running out of memory can fail here, and
           mlp_set_data then leaves the network as it was */
        status = mlp_set_data(net, n, s + o.x, labels, s + o.y, err);
    }
    if (status == MLP_OK)
        apply(net, s, &o, &d, n);
    free(labels);
    return status == MLP_OK ? mlp__ok(err) : status;
}

mlp *mlp_create_from_state(const double *s, int count, mlp_error *err)
{
    mlp_desc d;
    mlp *net;
    if (decode_desc(s, count, &d, err) != MLP_OK)
        return NULL;
    net = mlp_create(&d, err);
    if (net && mlp_state_load(net, s, count, err) != MLP_OK) {
        mlp_destroy(net);
        return NULL;
    }
    return net;
}

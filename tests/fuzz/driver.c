/* driver.c: one fuzz input -> a sequence of API calls, each checked.

   Input format (tests/fuzz/make-seeds.js writes it):
     a description of network 0 (decode_desc), then up to FZ_MAX_OPS ops:
     one byte b: b & 15 the op (see run_op; 12 injects an allocation failure
   into the create, quadrants or set_data that follows), bit 4 the slot,
     bits 5 and 6 both set: pass err = NULL; bit 7: b & 15 names an op of
     the playground's calls instead (ops_play.c: generated datasets, point
     edits, optimisers, penalties, saved states, unit maps, confusion);
     then the op's own arguments.
   Every buffer handed to the core is allocated at exactly the size the call
   may use, so AddressSanitizer sees any read or write past it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "ops.h"

/* A value for beta1, beta2 or epsilon: mostly an edge of their ranges. */
double fz_edge_or_any(fz_reader *r)
{
    static const double edges[] = {0.0, 0.9, 0.999, MLP_MAX_BETA, 1.0, 1e-8, 0.5, -0.0, 1e-300,
                                   4.9406564584124654e-324, 1.0000000000000002, 0.99999999999999989};
    unsigned b = fz_u8(r);
    if (b < 192u)
        return edges[b % (sizeof edges / sizeof edges[0])];
    return fz_f64(r);
}

/* The playground's fields (mlp_playground.h): a second flags byte, bit 0
   features (a mask, sizes[0] set to its count unless bit 0 of the next
   byte asks to keep sizes[0]), 1 optimizer, 2 beta1, 3 beta2, 4 epsilon,
   5 regularization, 6 its rate; bit 7 asks for a mlp_create(NULL) too. */
static unsigned decode_playground(fz_reader *r, mlp_desc *d)
{
    unsigned f = fz_u8(r);
    if (f & 1u) {
        unsigned b = fz_u8(r);
        d->features = (b & 2u) ? fz_u32(r) : (b >> 1) & 127u;   /* any mask, or a valid one */
        if (!(b & 1u) && d->features <= 127u && d->features)
            d->sizes[0] = fz_popcount(d->features);
    }
    if (f & 2u)
        d->optimizer = (mlp_optimizer)fz_int(r, 0, 2, 2, 1);
    if (f & 4u)
        d->beta1 = fz_edge_or_any(r);
    if (f & 8u)
        d->beta2 = fz_edge_or_any(r);
    if (f & 16u)
        d->epsilon = fz_edge_or_any(r);
    if (f & 32u)
        d->regularization = (mlp_regularization)fz_int(r, 0, 2, 2, 1);
    if (f & 64u) {
        unsigned b = fz_u8(r);
        static const double rates[] = {0.0, 1e-4, 0.001, 0.01, 0.1, 1.0, 10.0, MLP_MAX_REG_RATE};
        d->reg_rate = b < 200u ? rates[b % 8u] : fz_f64(r);
    }
    return f;
}

/* The description: a flags byte says which fields differ from the defaults
   (bit 0 sizes, 1 activation, 2 init, 3 output, 4 learning rate, 5 batch
   size, 6 seed; bit 7: a second flags byte follows, decode_playground), so
   an all-zero input is the demo network. Returns the flags, the second
   byte's bit 7 (mlp_create(NULL)) as bit 7. */
unsigned fz_decode_desc(fz_reader *r, mlp_desc *d)
{
    unsigned f = fz_u8(r);
    int l, last;
    mlp_desc_defaults(d);
    if (f & 1u) {
        d->n_sizes = fz_int(r, 2, 5, MLP_MAX_LAYERS, 1);
        /* Fill the entries a check may look at; n_sizes itself may be INT_MIN. */
        last = d->n_sizes < 1 ? -1 : d->n_sizes <= MLP_MAX_LAYERS ? d->n_sizes - 1 : MLP_MAX_LAYERS - 1;
        for (l = 0; l <= last; l++)
            d->sizes[l] = l == 0 ? fz_int(r, 1, 8, 8, 1)
                          : l == last ? fz_int(r, 1, 8, 8, 1)
                                      : fz_int(r, 1, 16, 64, 1);
    }
    if (f & 2u)
        d->activation = (mlp_activation)fz_int(r, 0, 3, 3, 1);
    if (f & 4u)
        d->init = (mlp_init)fz_int(r, 0, 2, 2, 1);
    if (f & 8u)
        d->output = (mlp_output)fz_int(r, 0, 1, 1, 1);
    if (f & 16u)
        d->learning_rate = fz_f64(r);
    if (f & 32u)
        d->batch_size = fz_int(r, 0, 16, 10000, 1);
    if (f & 64u)
        d->seed = fz_u32(r);
    if (f & 128u)
        return (f & 127u) | (decode_playground(r, d) & 128u);
    return f;
}

/* Creates (or fails to create) the network of slot s from the next bytes. */
void fz_op_create(fz_state *st, fz_slot *s)
{
    mlp_desc *d = malloc(sizeof *d);   /* on the heap: a read past sizes[] is caught */
    int valid;
    unsigned flags;
    if (!d)
        return;
    flags = fz_decode_desc(&st->r, d);
    mlp_destroy(s->net);
    s->net = NULL;
    valid = fz_desc_valid(d);
    st->call = "mlp_create";
    s->net = mlp_create(d, st->errp);
    if (!s->net) {
        int injected = fz_alloc_failed != st->failed_mark;
        fz_status(st, st->errp ? (int)st->errp->code : injected ? MLP_E_NOMEM : MLP_E_ARG, valid);
        FZ_CHECK(st, !st->errp || st->errp->code != MLP_OK, "mlp_create gave NULL with status 0");
    } else {
        fz_status(st, MLP_OK, valid);
        if (!valid) {                  /* reported; do not go on with it */
            mlp_destroy(s->net);
            s->net = NULL;
        }
    }
    if (s->net) {
        /* Same description, same parameters: the seeded generator is per network. */
        mlp *twin = mlp_create(d, NULL);
        int np = mlp_param_count(s->net);
        FZ_CHECK(st, twin && memcmp(mlp_params(twin), mlp_params(s->net),
                                    (size_t)np * sizeof(double)) == 0,
                 "two networks from one description (seed %u) differ in their %d parameters",
                 (unsigned)d->seed, np);
        mlp_destroy(twin);
        s->desc = *d;
    }
    if (flags & 128u) {
        st->call = "mlp_create(NULL)";
        st->failed_mark = fz_alloc_failed;
        FZ_CHECK(st, mlp_create(NULL, st->errp) == NULL, "mlp_create(NULL) gave a network");
        fz_status(st, st->errp ? (int)st->errp->code : MLP_E_ARG, 0);
    }
    free(d);
}

/* Calls that accept a NULL network must reject it with MLP_E_ARG. */
static void null_network(fz_state *st, unsigned op)
{
    double x[2] = {0, 0}, out[8];
    float grid[8];
    int32_t y = 0;
    int status;
    switch (op % 8u) {
    case 0: st->call = "mlp_data_quadrants(NULL)"; status = mlp_data_quadrants(NULL, 4, 0.3, st->errp); break;
    case 1: st->call = "mlp_set_data(NULL)"; status = mlp_set_data(NULL, 1, x, &y, x, st->errp); break;
    case 2: st->call = "mlp_step(NULL)"; status = mlp_step(NULL, 1, st->errp); break;
    case 3: st->call = "mlp_phase_advance(NULL)"; status = mlp_phase_advance(NULL, NULL, NULL, st->errp); break;
    case 4: st->call = "mlp_predict(NULL)"; status = mlp_predict(NULL, x, 1, out, st->errp); break;
    case 5: st->call = "mlp_predict_grid(NULL)"; status = mlp_predict_grid(NULL, -1, 1, -1, 1, 1, 1, grid, st->errp); break;
    case 6: st->call = "mlp_set_params(NULL)"; status = mlp_set_params(NULL, x, 2, st->errp); break;
    default: st->call = "mlp_set_learning_rate(NULL)"; status = mlp_set_learning_rate(NULL, 0.5, st->errp); break;
    }
    fz_status(st, status, 0);
    FZ_CHECK(st, isnan(mlp_loss(NULL)) && isnan(mlp_accuracy(NULL)),
             "loss/accuracy of NULL: %g, %g, want NaN", mlp_loss(NULL), mlp_accuracy(NULL));
    mlp_destroy(NULL);
}

/* Ops 0..15; the common ones appear twice so that they are drawn more often.
   op | 16: the playground's ops (ops_play.c). */
static void run_op(fz_state *st, unsigned op, fz_slot *s)
{
    if (op >= 16u) {
        if (!s->net)
            fz_op_create(st, s);               /* they need a network: make one */
        else
            fz_op_play(st, s, op & 15u);
        return;
    }
    if (op == 0 || op == 15) {
        fz_op_create(st, s);
        return;
    }
    if (op == 12 && !s->net) {
        fz_op_nomem(st, s);
        return;
    }
    if (op == 1) {
        st->call = "mlp_destroy";
        mlp_destroy(s->net);
        s->net = NULL;
        return;
    }
    if (!s->net) {
        null_network(st, op);
        return;
    }
    switch (op) {
    case 2: fz_op_quadrants(st, s); break;
    case 3: fz_op_set_data(st, s); break;
    case 4: fz_op_step(st, s, 0); break;
    case 12: fz_op_nomem(st, s); break;
    case 5: fz_op_step(st, s, 1); break;
    case 6: fz_op_phases(st, s); break;
    case 13: fz_op_twins(st, s); break;
    case 7: fz_op_predict(st, s); break;
    case 8: case 14: fz_op_grid(st, s); break;
    case 9: fz_op_set_params(st, s); break;
    case 10: fz_op_learning_rate(st, s); break;
    default: fz_op_getters(st, s); break;
    }
}

void fz_run(const uint8_t *data, size_t size, fz_sink *sink)
{
    fz_state st;
    int ops, k;
    memset(&st, 0, sizeof st);
    st.r.p = data;
    st.r.n = size;
    st.sink = sink;
    st.errp = &st.err;
    st.failed_mark = fz_alloc_failed;        /* the counters run across inputs */
    fz_alloc_countdown = 0;
    fz_op_create(&st, &st.slot[0]);
    for (ops = 0; ops < FZ_MAX_OPS && fz_more(&st.r); ops++) {
        unsigned b = fz_u8(&st.r);
        int si = (int)((b >> 4) & 1u);
        fz_slot *other = &st.slot[1 - si];
        fz_snap before;
        st.errp = ((b >> 5) & 3u) == 3u ? NULL : &st.err;
        st.failed_mark = fz_alloc_failed;
        /* A stale code and message: a success must clear them. */
        st.err.code = (mlp_status)99;
        memset(st.err.msg, 'x', sizeof st.err.msg - 1);
        st.err.msg[sizeof st.err.msg - 1] = '\0';
        if (other->net)
            fz_snap_take(&before, other->net);
        run_op(&st, (b & 15u) | (b & 128u ? 16u : 0u), &st.slot[si]);
        sink->calls++;
        if (other->net) {
            fz_snap_same(&st, &before, other->net, "the other network");
            fz_snap_free(&before);
        }
        for (k = 0; k < FZ_SLOTS; k++)
            if (st.slot[k].net) {
                fz_invariants(&st, &st.slot[k]);
                if (fz_tracing())
                    fprintf(stderr, "    net %d: %d points, epoch %ld, diverged %d, loss %.6g\n", k,
                            mlp_n_points(st.slot[k].net), mlp_epoch(st.slot[k].net),
                            mlp_diverged(st.slot[k].net), mlp_loss(st.slot[k].net));
            }
    }
    for (k = 0; k < FZ_SLOTS; k++)
        mlp_destroy(st.slot[k].net);
}

/* Op 12: the k-th allocation (k = 1..3) of the next call fails; the call is a
   create, or (on a live network) a quadrants or set_data, which allocate.
   The call must return MLP_E_NOMEM and change nothing, and leak nothing
   (LeakSanitizer checks each input). */
void fz_op_nomem(fz_state *st, fz_slot *s)
{
    unsigned b = fz_u8(&st->r), kind = (b >> 2) % 3u;
    fz_alloc_countdown = 1 + (long)(b % 3u);
    if (!s->net || kind == 0)
        fz_op_create(st, s);
    else if (kind == 1)
        fz_op_quadrants(st, s);
    else
        fz_op_set_data(st, s);
    fz_alloc_countdown = 0;
}

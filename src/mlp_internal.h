/* mlp_internal.h: what the core's source files share and nothing else sees:
   the network struct, its buffers, and the private helpers (mlp__ prefix). */
#ifndef MLP_INTERNAL_H
#define MLP_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "mlp.h"
#include "rng.h"

/* Points per block when evaluating outside training (loss over all data,
   predict, predict_grid): small enough that a block's activations stay in
   cache, large enough that the loops over points are long. */
#define EVAL_BLOCK 256

/* The data generators get their own stream so a data set depends only on the
   seed, not on the architecture (whose initialisation draws a different count). */
#define MLP__DATA_STREAM 0x5851F42D4C957F2DULL

/* A set of per-layer buffers for m columns (points): one for training, sized
   for the largest batch, and one of EVAL_BLOCK columns for evaluation. */
typedef struct {
    int cap;                          /* columns allocated */
    double *act[MLP_MAX_LAYERS];      /* l = 0..L: (units_l x cap); act[L] = outputs */
    double *delta[MLP_MAX_LAYERS];    /* l = 1..L: (units_l x cap); training only */
    double *logits;                   /* (outputs x cap) */
    double *lse;                      /* (cap) log-sum-exp per point */
    double *work;                     /* (2 cap) softmax scratch */
    int32_t *labels;                  /* (cap) labels of the columns */
    double *targets;                  /* (outputs x cap) targets of the columns */
    int32_t *index;                   /* (cap) data index of each column */
    /* net-core: the raw data columns (raw inputs x cap) before the feature
       map fills act[0]; the very same buffer as act[0] without features. */
    double *raw;
    void *block;                      /* the one allocation behind all of the above */
} workspace;

/* The training data, points innermost like the activations. */
typedef struct {
    double *X;                        /* (inputs x n) */
    int32_t *labels;                  /* (n) */
    double *T;                        /* (outputs x n) */
    int32_t *perm;                    /* (n) order of the points this epoch */
    void *block;                      /* the one allocation behind all of the above */
} dataset;

struct mlp {
    mlp_desc desc;
    int L;                            /* weight layers: n_sizes - 1 */
    int n_params;
    int off[MLP_MAX_LAYERS];          /* l = 1..L: offset of W_l; b_l follows it */
    double *params;                   /* (n_params) */
    double *grads;                    /* (n_params) */
    rng_state rng;                    /* initialisation, then mini-batch shuffles */

    int n, cap_n;                     /* points, and points the buffers can hold */
    dataset data;
    int n_test, cap_test;             /* held-out test points, and room for them */
    dataset test;                     /* never trained on; perm unused */

    workspace train, eval;

    mlp_phase phase;                  /* last phase performed */
    int phase_layer;
    int m;                            /* columns in the current batch */
    int batch_no, batches;            /* batch within the epoch, batches per epoch */
    long epoch;
    int diverged;
    double batch_loss;
    double epoch_loss_sum;            /* sum over this epoch's batches of loss * m */
    double epoch_loss;                /* training loss of the last completed epoch */

    int eval_valid;                   /* eval_loss/eval_acc match the parameters */
    double eval_loss, eval_acc;
    int test_valid;                   /* test_loss/test_acc match the parameters */
    double test_loss, test_acc;

    /* ---- net-core: optimiser state (optim.c), in the parameters' block ---- */
    double *opt_m;                    /* (n_params) momentum velocity / adam 1st moment */
    double *opt_v;                    /* (n_params) adam 2nd moment */
    long opt_t;                       /* adam: updates applied, for bias correction */
    int perm_drawn;                   /* data.perm already holds this epoch's shuffle */
};

/* Carves consecutive, 16-byte aligned pieces out of one allocation. The first
   pass (base NULL) only counts bytes; the second hands out pointers. */
typedef struct {
    char *base;
    size_t used;
} carver;

static inline void *mlp__carve(carver *c, size_t count, size_t size)
{
    void *p = c->base ? c->base + c->used : NULL;
    c->used += (count * size + 15) & ~(size_t)15;
    return p;
}

/* A view of weight layer l = 1..L: its slices of the parameter and gradient
   buffers (W_l, then b_l, at off[l]) and its shape, so no caller computes
   offsets by hand. W[i*fan_out + j] connects input unit i to output unit j. */
typedef struct {
    double *W;                        /* (fan_in x fan_out) row-major */
    double *b;                        /* (fan_out) */
    double *dW;                       /* (fan_in x fan_out), dL/dW */
    double *db;                       /* (fan_out), dL/db */
    int fan_in, fan_out;
} mlp__layer_view;

static inline mlp__layer_view mlp__layer(const mlp *net, int l)
{
    mlp__layer_view v;
    v.fan_in = net->desc.sizes[l - 1];
    v.fan_out = net->desc.sizes[l];
    v.W = net->params + net->off[l];
    v.b = v.W + v.fan_in * v.fan_out;
    v.dW = net->grads + net->off[l];
    v.db = v.dW + v.fan_in * v.fan_out;
    return v;
}

/* snprintf for the core's messages (format.c): only %s, %d, %ld, %u, %c and
   %%, so the wasm links no printf. Returns the length the whole text needs,
   or -1 for any other conversion. */
int mlp__vformat(char *out, size_t size, const char *fmt, va_list ap);
int mlp__format(char *out, size_t size, const char *fmt, ...);
/* Fills err (when not NULL) and returns code; fmt as mlp__format's. */
int mlp__fail(mlp_error *err, mlp_status code, const char *fmt, ...);
/* Clears err and returns MLP_OK. */
int mlp__ok(mlp_error *err);
/* mlp_limit_fail naming element i of an array: "x[3] must be ...". */
int mlp__fail_index(mlp_error *err, int id, const char *array, long i, double v);

static inline int mlp__outputs(const mlp *net) { return net->desc.sizes[net->L]; }
/* Width of a data point (the data, predict's x): with features, the 2 raw
   coordinates the feature map turns into sizes[0] inputs; else sizes[0]. */
static inline int mlp__inputs(const mlp *net)
{
    return net->desc.features ? 2 : net->desc.sizes[0];
}

/* mlp.c */
int mlp__workspace_alloc(workspace *w, const mlp *net, int cap, int training);
void mlp__reset_iteration(mlp *net);

/* data.c */
/* MLP_OK if v satisfies limit id, else its message naming `field` (NULL: the limit's name). */
int mlp__check_limit(int id, const char *field, double v, mlp_error *err);
/* Copies the columns listed in w->index[0..m) of ds (n points) into w. */
void mlp__gather(workspace *w, const mlp *net, const dataset *ds, int n, int m);
/* Makes room for n test points (the current ones kept). */
int mlp__reserve_test(mlp *net, int n, mlp_error *err);
/* Makes room for n training points (the current ones kept). */
int mlp__reserve_points(mlp *net, int n, mlp_error *err);
/* Sets the point count, the identity order, and resets the iteration. */
void mlp__data_changed(mlp *net, int n);
/* Checks n points of x (n x inputs), labels or targets, as mlp_set_data does. */
int mlp__check_points(const mlp *net, int n, const double *x, const int32_t *labels,
                      const double *targets, mlp_error *err);

/* predict.c */
/* Marks the cached training and test evaluations stale. */
static inline void mlp__params_changed(mlp *net) { net->eval_valid = net->test_valid = 0; }

/* train.c */
int mlp__need_data(const mlp *net, mlp_error *err);
void mlp__forward_layer(const mlp *net, workspace *w, int l, int m);
void mlp__output_forward(const mlp *net, workspace *w, int m, int want_lse);
double mlp__batch_loss(const mlp *net, const workspace *w, int m);

/* ---- net-core ---- */
/* mlp.c */
int mlp__check_desc(const mlp_desc *d, mlp_error *err);
/* features.c: checks features against sizes[0]; fills w->act[0] (sizes[0] x m)
   from w->raw (2 x m) when features are chosen, else does nothing. */
int mlp__check_features(const mlp_desc *d, mlp_error *err);
void mlp__features_forward(const mlp *net, workspace *w, int m);
/* optim.c */
int mlp__check_optim(const mlp_desc *d, mlp_error *err);
void mlp__regularize(mlp *net, int l);   /* dW_l += penalty gradient */
void mlp__update_moments(mlp *net);      /* momentum and adam updates, guarded */

/* grid_f32.c: mlp_predict_grid's float32 path. The grid of
   mlp_predict_grid and mlp_unit_maps, pixel (r, c) centred at
   (x_min + (c + 0.5) dx, y_max - (r + 0.5) dy), and the separable first
   layer's column table. */
typedef struct {
    double x_min, y_max, dx, dy;
    float xy_abs;      /* the largest |x|, |y| of the window */
    int width;
    float *ex;         /* (units_1 x width): 2^{s W[0][j] x_c}, or NULL: see mlp__grid_separable */
} grid_view;
int mlp__grid_separable(const mlp *net, double x_abs, double y_abs, int width);
int mlp__grid_gain_ok(const mlp *net, double xy_abs);
#ifdef MLP_TEST_HOOKS
/* Blocks mlp_predict_grid computed in float32 and in float64, counted for
   the tests only (tests/c/test_grid_f32.c). */
extern long mlp__grid_blocks_f32, mlp__grid_blocks_f64;
#endif
void mlp__grid_column_table(const mlp *net, const grid_view *g);
int mlp__grid_block_f32(mlp *net, float *out, const grid_view *g, int r, int c, int m);

#endif

/* mlp.h: a small multi-layer perceptron for teaching, in portable C99.

   Usage (tests/c/test_usage.c compiles and runs this):

       mlp_desc d;
       mlp_error err;
       mlp_desc_defaults(&d);               // 2 -> 4 -> 4, sigmoid, softmax, lr 1.0
       mlp *net = mlp_create(&d, &err);     // NULL on bad sizes; err.msg says why
       mlp_data_quadrants(net, 200, 0.3, &err);
       printf("%.3f\n", mlp_loss(net));     // ~1.386 = ln 4
       mlp_step(net, 1000, &err);           // 1000 epochs of gradient descent
       printf("%.3f %.3f\n", mlp_loss(net), mlp_accuracy(net));
       mlp_destroy(net);

   What it computes (the seed's numpy algorithm, generalised to any depth):
       a0 = x;  a_l = act(a_{l-1} W_l + b_l) for hidden layers;  z = a_{L-1} W_L + b_L
       softmax output + categorical cross-entropy, or linear output + mean squared error
       delta_L = dL/dz (= (yhat - Y)/m for softmax), dW_l = a_{l-1}^T delta_l,
       db_l = column sums of delta_l, delta_{l-1} = (delta_l W_l^T) * act'(a_{l-1}),
       W -= lr dW, b -= lr db.

   Limits: input width 1..8, 0..8 hidden layers of 1..64 units, 2..8 classes
   (1..8 outputs for the linear/MSE output), 1..MLP_MAX_POINTS training points
   and 0..MLP_MAX_POINTS held-out test points.

   The playground's additions (mlp_playground.h), all off by default: input
   features computed from 2-D data before layer 0 (mlp_desc.features), the
   update rules momentum and adam (mlp_desc.optimizer), L1/L2 weight
   penalties (mlp_desc.regularization), every unit's map over a grid, and a
   run saved and restored bit for bit as one array of doubles.

   Memory: mlp_create allocates everything the network needs for its largest
   batch and for evaluation, and the optimiser's state; mlp_set_data
   reallocates only when the data grows. Nothing allocates in mlp_step,
   mlp_phase_advance, mlp_predict, mlp_predict_grid or mlp_unit_maps. Every function that can fail returns MLP_OK (0) or a
   negative mlp_status and fills err->msg (when err is not NULL) with a message
   naming the field and its allowed range. No function exits or aborts.

   Parameter layout: one contiguous double buffer; for each layer l = 1..L in
   order, W_l as (fan_in x fan_out) row-major (W[i*fan_out + j] connects input
   unit i to output unit j, so z = a W + b as in the seed's X @ W1), then b_l
   (fan_out). Gradients use a second buffer with the same layout.

   Activation layout: points innermost. The activations of layer l for the
   current batch of m points are (units_l x m): unit j of point p is at
   a[j*m + p]. This keeps every inner loop a straight run over points, which
   the compiler turns into SIMD, and lets training and prediction share code. */
#ifndef MLP_H
#define MLP_H

#include <stddef.h>
#include <stdint.h>

#include "mlp_limits.h"  /* every limit, in MLP_LIMIT_LIST */

/* Statuses, from one list so that codes and names cannot drift apart. */
#define MLP_STATUS_LIST(X)                                          \
    X(MLP_OK, 0, "ok")                                              \
    X(MLP_E_ARG, -1, "invalid argument")                            \
    X(MLP_E_NOMEM, -2, "out of memory")                             \
    X(MLP_E_STATE, -3, "not possible in the current state")

typedef enum {
#define MLP__STATUS_ENUM(name, code, text) name = code,
    MLP_STATUS_LIST(MLP__STATUS_ENUM)
#undef MLP__STATUS_ENUM
} mlp_status;

/* ---- net-core: input features, optimisers, regularisation -----------------
   Input features: with a non-zero mask in mlp_desc.features the data stay
   2-D (x1, x2) and the network's input layer (activations l = 0) holds the
   chosen features, in this list's order, computed in C before the first
   layer for training, loss, predict, predict_grid and the unit maps alike.
   X(ID, name): feature ID has bit MLP_FEATURE_BIT(MLP_FEATURE_ID). */
#define MLP_FEATURE_LIST(X)      \
    X(X1, "x1")                  \
    X(X2, "x2")                  \
    X(X1_SQUARED, "x1^2")        \
    X(X2_SQUARED, "x2^2")        \
    X(X1_TIMES_X2, "x1*x2")      \
    X(SIN_X1, "sin(x1)")         \
    X(SIN_X2, "sin(x2)")

typedef enum {
#define MLP__FEATURE_ENUM(id, name) MLP_FEATURE_##id,
    MLP_FEATURE_LIST(MLP__FEATURE_ENUM)
#undef MLP__FEATURE_ENUM
    MLP_FEATURE_COUNT
} mlp_feature;

#define MLP_FEATURE_BIT(id) (1u << (id))
#define MLP_FEATURE_ALL ((1u << MLP_FEATURE_COUNT) - 1u) /* 127: every feature */

/* Update rules (mlp_desc.optimizer), X(ID, name); see mlp_set_optimizer for the formulas. */
#define MLP_OPTIMIZER_LIST(X) \
    X(SGD, "sgd")             \
    X(MOMENTUM, "momentum")   \
    X(ADAM, "adam")

typedef enum {
#define MLP__OPT_ENUM(id, name) MLP_OPT_##id,
    MLP_OPTIMIZER_LIST(MLP__OPT_ENUM)
#undef MLP__OPT_ENUM
    MLP_OPT_COUNT
} mlp_optimizer;

/* Weight penalties (mlp_desc.regularization), X(ID, name); see mlp_reg_loss. */
#define MLP_REGULARIZATION_LIST(X) \
    X(NONE, "none")                \
    X(L1, "l1")                    \
    X(L2, "l2")

typedef enum {
#define MLP__REG_ENUM(id, name) MLP_REG_##id,
    MLP_REGULARIZATION_LIST(MLP__REG_ENUM)
#undef MLP__REG_ENUM
    MLP_REG_COUNT
} mlp_regularization;

typedef enum { MLP_SIGMOID = 0, MLP_TANH = 1, MLP_RELU = 2, MLP_LINEAR = 3 } mlp_activation;

/* Weight initialisation. SEED is the seed's W = N(0,1) * 0.3; GLOROT is
   N(0, 2/(fan_in+fan_out)), customary for sigmoid/tanh; HE is N(0, 2/fan_in),
   customary for ReLU. Biases always start at zero. */
typedef enum { MLP_INIT_SEED = 0, MLP_INIT_GLOROT = 1, MLP_INIT_HE = 2 } mlp_init;

/* SOFTMAX: class probabilities with categorical cross-entropy (labels).
   LINEAR: identity output with mean squared error over all outputs (targets). */
typedef enum { MLP_OUT_SOFTMAX = 0, MLP_OUT_LINEAR = 1 } mlp_output;

/* The phases of one training iteration, in order. An iteration processes one
   batch (the whole data set in full-batch mode, so one iteration = one epoch). */
typedef enum {
    MLP_PHASE_INIT = 0,         /* nothing of the iteration computed yet */
    MLP_PHASE_FORWARD = 1,      /* a_l = act(a_{l-1} W_l + b_l), hidden layer l */
    MLP_PHASE_LOGITS = 2,       /* z = a_{L-1} W_L + b_L, the raw output scores */
    MLP_PHASE_OUTPUT = 3,       /* yhat = softmax(z) (or z itself, linear output) */
    MLP_PHASE_LOSS = 4,         /* batch loss */
    MLP_PHASE_OUTPUT_ERROR = 5, /* delta_L = dL/dz; dW_L (+ penalty), db_L */
    MLP_PHASE_BACKWARD = 6,     /* delta_l for hidden layer l; dW_l (+ penalty), db_l */
    MLP_PHASE_UPDATE = 7        /* every parameter -= lr * its gradient (sgd), or the
                                   optimiser's rule (momentum, adam) */
} mlp_phase;

typedef struct {
    int n_sizes;                   /* entries in sizes: 2 + number of hidden layers */
    int sizes[MLP_MAX_LAYERS];     /* input width, hidden units..., outputs */
    mlp_activation activation;     /* of every hidden layer */
    mlp_init init;
    mlp_output output;
    double learning_rate;          /* (0, MLP_MAX_LEARNING_RATE] */
    int batch_size;                /* 0 = full batch, else 1..MLP_MAX_POINTS */
    uint32_t seed;                 /* any value; same seed, bit-identical run */
    /* ---- net-core: mlp_desc_defaults gives today's behaviour (no features,
       sgd, no penalty, and the customary betas and epsilon) ---- */
    uint32_t features;             /* 0 = raw inputs; else a mask of MLP_FEATURE_BIT()s,
                                      and sizes[0] must equal the number of bits set */
    mlp_optimizer optimizer;       /* MLP_OPT_SGD (default), _MOMENTUM, _ADAM */
    double beta1;                  /* momentum's beta, adam's beta1: [0, MLP_MAX_BETA], 0.9 */
    double beta2;                  /* adam: [0, MLP_MAX_BETA], 0.999 */
    double epsilon;                /* adam: (0, 1], 1e-8 */
    mlp_regularization regularization; /* MLP_REG_NONE (default), _L1, _L2 */
    double reg_rate;               /* lambda: [0, MLP_MAX_REG_RATE], 0 */
} mlp_desc;

typedef struct {
    mlp_status code;
    char msg[200];
} mlp_error;

typedef struct mlp mlp;

/* Fills d with the demo network: 2 -> 4 -> 4, sigmoid, seed init, softmax,
   learning rate 1.0, full batch, seed 1. */
void mlp_desc_defaults(mlp_desc *d);

/* Validates d and builds a network with initialised parameters and no data.
   @return the network, or NULL with err filled. */
mlp *mlp_create(const mlp_desc *d, mlp_error *err);

/* Frees everything; NULL is allowed. */
void mlp_destroy(mlp *net);

/* Replaces the data with n points of the 'quadrants' set: 4 Gaussian clusters
   centred at (+1,+1), (-1,+1), (-1,-1), (+1,-1) with labels 0, 1, 2, 3 and
   standard deviation `noise`, drawn from a generator seeded by the network's
   seed. Needs a 2-input, 4-class softmax network. Clears the test set and
   resets the iteration. (mlp_data_generate makes the same points, clamped to
   the page's box, with a test split if asked.) */
int mlp_data_quadrants(mlp *net, int n, double noise, mlp_error *err);

/* Replaces the data with n points: x is (n x inputs) row-major, inputs
   being 2 (the raw x1, x2) for a network with features. For a softmax
   network `labels` (n, each 0..classes-1) is used and `targets` ignored; for a
   linear output `targets` (n x outputs) is used and `labels` ignored.
   Clears the test set (mlp_set_test_data sets one afterwards) and resets
   the iteration (phase INIT); parameters, optimiser state and epoch are kept. */
int mlp_set_data(mlp *net, int n, const double *x, const int32_t *labels,
                 const double *targets, mlp_error *err);

/* ---- generated datasets, held-out test data, editing ---------------------- */

/* The row of dataset `id` (MLP_DATASET_QUADRANTS ...), or NULL for an unknown id. */
const mlp_dataset_info *mlp_dataset_get(int id);

/* Fills d for dataset `id`: 200 points, its default noise, classes 0 (the
   network's outputs), no test set. An unknown id is kept, for
   mlp_data_generate to reject. */
void mlp_dataset_desc_defaults(mlp_dataset_desc *d, int id);

/* Replaces the training and test data with d->points points of the dataset,
   drawn from a generator seeded by the network's seed only: the same seed
   gives the same points, and natively and in wasm the same bits (built from
   exact IEEE operations only; quadrants excepted, which keeps
   mlp_data_quadrants's libm draws and may differ in the last bit). Point i has class i mod K (classification);
   of its n_c points class c holds out its last t_c, t_c = the round-robin
   share of round(test_fraction * points) (classes 0, 1, ... take the extras
   first), so both sets are balanced within one point per class and disjoint.
   Regression sets hold out their last round(test_fraction * points) points.
   With test_fraction 0 every point trains, in the order drawn. Needs 2
   inputs and a softmax output of K classes within the dataset's range, or 1
   linear output for plane and multigauss. Resets the iteration; parameters
   and epoch are kept. @return MLP_OK, or MLP_E_ARG naming dataset, points,
   noise (per dataset, "noise (circle) must be a number from 0 to 0.5"),
   classes, testFraction or the layers needed; MLP_E_NOMEM. */
int mlp_data_generate(mlp *net, const mlp_dataset_desc *d, mlp_error *err);

/* Replaces the test set with n points (0 clears it), laid out and checked as
   for mlp_set_data; the training data and iteration are untouched.
   mlp_set_data, mlp_data_quadrants and mlp_data_generate replace the test
   set too, so set it after them. @return MLP_OK, MLP_E_ARG, MLP_E_NOMEM. */
int mlp_set_test_data(mlp *net, int n, const double *x, const int32_t *labels,
                      const double *targets, mlp_error *err);

/* Appends one training point: x (inputs), and label (softmax: 0..K-1) or
   target (linear: outputs values; NULL for softmax). Buffers grow by
   doubling, so data pointers may move. Resets the iteration like
   mlp_set_data; parameters, epoch and test set are kept. @return MLP_OK,
   MLP_E_ARG (bad value, or already MLP_MAX_POINTS points), MLP_E_NOMEM. */
int mlp_add_point(mlp *net, const double *x, int32_t label, const double *target,
                  mlp_error *err);

/* Removes training point `index` (0..n-1); later points move down by one.
   Removing the last point leaves the network without data (mlp_step then
   fails with MLP_E_STATE). Resets the iteration like mlp_set_data.
   @return MLP_OK, or MLP_E_ARG for an index out of range. */
int mlp_remove_point(mlp *net, int index, mlp_error *err);

/* Test points held out (0 without a test set). */
int mlp_n_test_points(const mlp *net);
/* The test set, as the training data: x (inputs x n_test), points innermost;
   labels (n_test) for softmax; targets (outputs x n_test) for linear. */
const double *mlp_test_x(const mlp *net);
const int32_t *mlp_test_labels(const mlp *net);
const double *mlp_test_targets(const mlp *net);

/* Loss of the current parameters on the test set (cached until they or the
   test set change); NAN without a test set. */
double mlp_test_loss(mlp *net);

/* Fraction of test points classified as their label; NAN without a test set
   or for a linear output. */
double mlp_test_accuracy(mlp *net);

/* Confusion matrix of the current parameters on the training (which = 0) or
   test (which = 1) set into out (K x K int32, row-major): out[t*K + p]
   counts points of true class t predicted as p (argmax, ties to the lower
   class). Its sum is the set's size (all zeros for an empty set) and its
   trace / size the set's accuracy. @return MLP_OK; MLP_E_ARG for which not
   0 or 1, out NULL, or a linear output. */
int mlp_confusion(mlp *net, int which, int32_t *out, mlp_error *err);

/* Runs `epochs` epochs (finishing first an iteration left part-way by
   mlp_phase_advance). Stops early, without applying the offending update, if
   the run diverges; see mlp_diverged. @return MLP_OK, or an error. */
int mlp_step(mlp *net, int epochs, mlp_error *err);

/* mlp_step that also writes, for each epoch it completes, that epoch's
   training loss to losses[0..]: the loss computed in the epoch's own forward
   pass (full batch: at the parameters before its update, so losses[i] is the
   loss at epoch e0 + i, e0 the epoch before the call, as the seed's
   losses.append(loss); mini-batch: the mean of its batch losses). losses
   needs room for `epochs` values; NULL is allowed. */
int mlp_step_losses(mlp *net, int epochs, double *losses, mlp_error *err);

/* mlp_step_losses that also writes each completed epoch's test loss to
   test_losses[0..] (NULL allowed; NAN without a test set): the loss on the
   test set of the parameters the epoch's training loss was computed at
   (full batch: before its update; mini-batch: as the epoch began, or as this
   call began for an epoch already under way). It evaluates the test set
   only, never the training data again, and training itself is unchanged. */
int mlp_step_record(mlp *net, int epochs, double *losses, double *test_losses,
                    mlp_error *err);

/* mlp_step_record stopping after max_phases phases (0: no limit), perhaps
   part-way through an epoch, which the next call or mlp_step finishes (a
   page's frame shorter than one epoch trains so). losses/test_losses: one
   per epoch completed; an epoch begun earlier: test loss as this call began. */
int mlp_step_phases(mlp *net, int epochs, long max_phases, double *losses,
                    double *test_losses, mlp_error *err);

/* 1 when an epoch is part-way; the phases of one epoch, (2 L + 3) per batch. */
int mlp_epoch_under_way(const mlp *net);
int mlp_phases_per_epoch(const mlp *net);

/* Performs the next phase of the current iteration. *phase and *layer receive
   what was done (layer: 1..L for FORWARD, BACKWARD, LOGITS, OUTPUT_ERROR; 0
   otherwise). After UPDATE of the last batch of an epoch, the epoch counter
   advances. A whole cycle of phases is bit-identical to the work mlp_step does. */
int mlp_phase_advance(mlp *net, mlp_phase *phase, int *layer, mlp_error *err);

/* Loss of the current parameters on all the data (cached until they change);
   NAN without data. */
double mlp_loss(mlp *net);

/* Fraction of points whose largest output is their label (softmax), or NAN. */
double mlp_accuracy(mlp *net);

/* Output for n points, x (n x inputs) row-major (inputs = 2 with features), into out (n x outputs):
   probabilities for softmax, raw values for linear. Uses its own workspace,
   so the training iteration's activations are left untouched. */
int mlp_predict(mlp *net, const double *x, int n, double *out, mlp_error *err);

/* Output of a 2-input network over a width x height grid of pixel centres:
   pixel (r, c) samples x = x_min + (c + 0.5)(x_max - x_min)/width,
   y = y_max - (r + 0.5)(y_max - y_min)/height, so pixel 0 is at the top left
   (x_min, y_max), rows go down and columns go right. out receives
   width*height*outputs floats, pixel-major. */
int mlp_predict_grid(mlp *net, double x_min, double x_max, double y_min, double y_max,
                     int width, int height, float *out, mlp_error *err);

/* Copies count values into the parameters (count must equal mlp_param_count);
   clears divergence and restarts the iteration; the optimiser state is kept
   (mlp_reset_optimizer zeroes it). */
int mlp_set_params(mlp *net, const double *p, int count, mlp_error *err);
int mlp_set_learning_rate(mlp *net, double lr, mlp_error *err);

/* Getters. Pointers stay valid until mlp_set_data grows the data or
   mlp_destroy; the arrays they point at change as the network trains. */
int mlp_param_count(const mlp *net);
double *mlp_params(mlp *net);              /* (mlp_param_count) */
double *mlp_grads(mlp *net);               /* same layout; last computed gradient */
int mlp_layer_offset(const mlp *net, int l); /* offset of W_l in params, l = 1..L */
const mlp_desc *mlp_get_desc(const mlp *net);
int mlp_n_points(const mlp *net);
/* (inputs x n), points innermost; the raw x1, x2 for a network with features */
const double *mlp_data_x(const mlp *net);
const int32_t *mlp_data_labels(const mlp *net);   /* (n), softmax networks */
const double *mlp_data_targets(const mlp *net);   /* (outputs x n), linear output */
long mlp_epoch(const mlp *net);
int mlp_diverged(const mlp *net);
/* The phase last performed and its layer (INIT, 0 before the first). */
mlp_phase mlp_current_phase(const mlp *net, int *layer);
/* The current iteration's batch: its size m and the data index of each column. */
int mlp_batch_size(const mlp *net);
const int32_t *mlp_batch_index(const mlp *net);
/* Per layer l = 0..L: activations (units_l x m); l = 0 is the input batch (its
   features, with features chosen) and l = L the output (probabilities for softmax). */
const double *mlp_activations(const mlp *net, int l);
/* Raw output scores z (outputs x m). */
const double *mlp_logits(const mlp *net);
/* delta_l = dL/dz_l (units_l x m), l = 1..L. */
const double *mlp_deltas(const mlp *net, int l);
/* Loss of the current batch, computed in the LOSS phase (NAN before). */
double mlp_batch_loss(const mlp *net);

/* Short text for a status code. */
const char *mlp_status_name(int code);

/* The limit `id` (MLP_LIMIT_INPUTS ...), or NULL for an unknown id. */
const mlp_limit *mlp_limit_get(int id);

/* The limit's identifier without its prefix ("INPUTS", "LEARNING_RATE"), or NULL. */
const char *mlp_limit_key(int id);

/* A kind's name ("int", "real", "real-above") and its message rule
   ("an integer from %1 to %2", ...); NULL for an unknown kind. */
const char *mlp_limit_kind_name(int kind);
const char *mlp_limit_rule(int kind);

/* 1 if v satisfies limit `id` (an integer where the kind asks for one). */
int mlp_limit_ok(int id, double v);

/* Fills err with "<field> must be <rule>, got <v>" for limit `id` and
   returns MLP_E_ARG; field NULL names the limit itself. Numbers are written
   as JavaScript writes them (String(v)), so the wrapper's own checks give
   exactly the same text. */
int mlp_limit_fail(mlp_error *err, int id, const char *field, double v);

/* Writes v into buf as JavaScript's String(v) would: the shortest digits
   that read back as v, "NaN", "Infinity", and -0 as "0". */
void mlp_format_number(char *buf, size_t size, double v);

/* net-core: features, optimisers, penalties, unit maps, saving a run. */
#include "mlp_playground.h"

#endif


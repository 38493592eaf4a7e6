/* mlp_limits.h: the core's limits, part of mlp.h (which includes it; include
   mlp.h, not this). */
#ifndef MLP_LIMITS_H
#define MLP_LIMITS_H

/* ---- limits ----------------------------------------------------------------
   Every limit an argument is checked against, in one list: the C checks and
   their messages (mlp_limit_fail), and the JavaScript table that the wrapper
   and the page's link parser read (web/build/limits.mjs, written at build
   time by tools/gen_limits.c) all come from it, so they cannot disagree.
   X(ID, name, min, max, kind): name is the field a message names when the
   caller gives no other; kind says what the values may be (MLP_LIMIT_KINDS).
   The values are macros too, where C needs them as constants. */
#define MLP_MIN_INPUTS 1
#define MLP_MAX_INPUTS 8
#define MLP_MAX_HIDDEN_LAYERS 8
#define MLP_MAX_UNITS 64
#define MLP_MIN_CLASSES 2
#define MLP_MAX_OUTPUTS 8
#define MLP_MAX_LAYERS (MLP_MAX_HIDDEN_LAYERS + 2) /* sizes[]: input, hidden..., output */
#define MLP_MAX_POINTS 10000
#define MLP_MAX_LEARNING_RATE 1e6
#define MLP_MAX_SEED 4294967295.0
#define MLP_MAX_GRID_SIDE 4096
#define MLP_MAX_GRID_PIXELS (2048 * 2048)
#define MLP_MAX_PREDICT_POINTS (2048 * 2048)
#define MLP_MAX_STEP_EPOCHS 1000000
#define MLP_MAX_NOISE 10.0
#define MLP_MIN_GEN_POINTS 10          /* fewest points mlp_data_generate makes */
#define MLP_MAX_TEST_FRACTION 0.9
/* Every point of a generated classification set lies in [-BOX, BOX]^2 (the
   page draws [-2.5, 2.5]^2); regression targets lie in [-1, 1]. */
#define MLP_DATA_BOX 2.4
/* Largest magnitude of an input or target value (data, predict, grid bounds). */
#define MLP_MAX_INPUT 1e6
/* A parameter larger than this in magnitude counts as divergence: past it a
   ReLU stack can overflow to infinity in the forward pass. */
#define MLP_PARAM_LIMIT 1e12
/* net-core: optimiser and regularisation ranges (beta < 1: a moment must decay). */
#define MLP_MAX_BETA 0.999999
#define MLP_MAX_REG_RATE 100

#include "mlp_datasets.h"  /* MLP_DATASET_LIST, the generated datasets */

#define MLP_LIMIT_LIST(X)                                                                  \
    X(INPUTS, "inputs", MLP_MIN_INPUTS, MLP_MAX_INPUTS, MLP_LIMIT_INT)                     \
    X(HIDDEN_LAYERS, "hidden layers", 0, MLP_MAX_HIDDEN_LAYERS, MLP_LIMIT_INT)             \
    X(UNITS, "hidden units", 1, MLP_MAX_UNITS, MLP_LIMIT_INT)                              \
    X(CLASSES, "classes", MLP_MIN_CLASSES, MLP_MAX_OUTPUTS, MLP_LIMIT_INT)                 \
    X(OUTPUTS, "outputs", 1, MLP_MAX_OUTPUTS, MLP_LIMIT_INT)                               \
    X(LEARNING_RATE, "learningRate", 0, MLP_MAX_LEARNING_RATE, MLP_LIMIT_REAL_ABOVE)       \
    X(BATCH_SIZE, "batchSize", 0, MLP_MAX_POINTS, MLP_LIMIT_INT)                           \
    X(SEED, "seed", 0, MLP_MAX_SEED, MLP_LIMIT_INT)                                        \
    X(POINTS, "points", 1, MLP_MAX_POINTS, MLP_LIMIT_INT)                                  \
    X(NOISE, "noise", 0, MLP_MAX_NOISE, MLP_LIMIT_REAL)                                    \
    X(EPOCHS, "epochs", 1, MLP_MAX_STEP_EPOCHS, MLP_LIMIT_INT)                             \
    X(GRID_SIDE, "width", 1, MLP_MAX_GRID_SIDE, MLP_LIMIT_INT)                             \
    X(GRID_PIXELS, "width*height", 1, MLP_MAX_GRID_PIXELS, MLP_LIMIT_INT)                  \
    X(PREDICT_POINTS, "number of points", 1, MLP_MAX_PREDICT_POINTS, MLP_LIMIT_INT)        \
    X(COORDINATE, "x", -MLP_MAX_INPUT, MLP_MAX_INPUT, MLP_LIMIT_REAL)                      \
    X(PARAM, "params", -MLP_PARAM_LIMIT, MLP_PARAM_LIMIT, MLP_LIMIT_REAL)                 \
    /* input features, optimisers, regularisation */                                     \
    X(FEATURES, "features", 0, MLP_FEATURE_ALL, MLP_LIMIT_INT)                             \
    X(BETA, "beta", 0, MLP_MAX_BETA, MLP_LIMIT_REAL)                                       \
    X(EPSILON, "epsilon", 0, 1, MLP_LIMIT_REAL_ABOVE)                                      \
    X(REG_RATE, "regularizationRate", 0, MLP_MAX_REG_RATE, MLP_LIMIT_REAL)                 \
    /* generated datasets and held-out data */                                           \
    X(DATASET, "dataset", 0, MLP_DATASET_COUNT - 1, MLP_LIMIT_INT)                         \
    X(GEN_POINTS, "points", MLP_MIN_GEN_POINTS, MLP_MAX_POINTS, MLP_LIMIT_INT)             \
    X(TEST_FRACTION, "testFraction", 0, MLP_MAX_TEST_FRACTION, MLP_LIMIT_REAL)             \
    X(TEST_POINTS, "test points", 0, MLP_MAX_POINTS, MLP_LIMIT_INT)                        \
    MLP_DATASET_LIST(MLP__DATASET_LIMITS, X)

/* Each dataset adds two limits: NOISE_<ID> ("noise", 0 to its largest noise)
   and CLASSES_<ID> ("classes", the K it can make). */
#define MLP__DATASET_LIMITS(X, id, name, output, kmin, kmax, noise_default, noise_max) \
    X(NOISE_##id, "noise", 0, noise_max, MLP_LIMIT_REAL)                                \
    X(CLASSES_##id, "classes", kmin, kmax, MLP_LIMIT_INT)

/* What a limit's values may be, and how its message reads: "<field> must be
   <rule>, got <value>", with %1 and %2 standing for min and max. */
#define MLP_LIMIT_KINDS(X)                                                  \
    X(MLP_LIMIT_INT, "int", "an integer from %1 to %2")                     \
    X(MLP_LIMIT_REAL, "real", "a number from %1 to %2")                     \
    X(MLP_LIMIT_REAL_ABOVE, "real-above", "a number above %1 and at most %2")

typedef enum {
#define MLP__LIMIT_KIND_ENUM(id, name, rule) id,
    MLP_LIMIT_KINDS(MLP__LIMIT_KIND_ENUM)
#undef MLP__LIMIT_KIND_ENUM
    MLP_LIMIT_KIND_COUNT
} mlp_limit_kind;

typedef enum {
#define MLP__LIMIT_ENUM(id, name, lo, hi, kind) MLP_LIMIT_##id,
    MLP_LIMIT_LIST(MLP__LIMIT_ENUM)
#undef MLP__LIMIT_ENUM
    MLP_LIMIT_COUNT
} mlp_limit_id;

typedef struct {
    const char *name;       /* the field named when no other is given */
    double min, max;
    mlp_limit_kind kind;
} mlp_limit;

#endif

/* mlp_datasets.h: the generated datasets, one row each in MLP_DATASET_LIST,
   and their types. Included by mlp.h (which declares the functions:
   mlp_data_generate, mlp_dataset_get, ...); mlp.h's limit list adds two
   limits per row. Include mlp.h, not this file. */
#ifndef MLP_DATASETS_H
#define MLP_DATASETS_H

/* D(A, ID, name, output, K min, K max, default noise, largest noise), one row
   per dataset (A is passed through, for lists built from this one). All take
   2 inputs. Classification sets (softmax output, K classes) lie in
   [-MLP_DATA_BOX, MLP_DATA_BOX]^2, clamped there when noise pushes a point
   out; regression sets (linear output, 1 target) have x in [-2, 2]^2 and
   targets clamped to [-1, 1]. noise 0 gives the clean shape. What noise
   means and each shape's geometry:
     quadrants  4 Gaussian blobs centred at (+1,+1), (-1,+1), (-1,-1), (+1,-1)
                (classes 0..3), standard deviation = noise (0 puts every point
                on its centre); the same points as mlp_data_quadrants unless
                one needs clamping.
     xor        |x1|, |x2| uniform in [0.1, 2]; class 0 where x1 x2 > 0 (the
                first and third quadrants), class 1 elsewhere; then Gaussian
                jitter of sd noise.
     circle     class 0 uniform over the disc r <= 1, class 1 over the ring
                1.5 <= r <= 2; Gaussian jitter of sd noise.
     gauss      K Gaussian blobs, sd = noise, centred on the circle r = 1.5 at
                angles pi/4 + 2 pi k/K.
     spiral     K arms: t uniform in [0, 1], r = 0.25 + 1.95 t, angle
                2 pi k/K + 3 pi t (one and a half turns); jitter of sd noise.
     moons      two interleaved half circles of radius 1.4: class 0 at
                1.4 (cos t - 0.5, sin t - 0.25), class 1 at
                1.4 (0.5 - cos t, 0.25 - sin t), t uniform in [0, pi];
                jitter of sd noise.
     sine, cubic, abs
                x uniform in [-2, 2]^2; class 1 where x2 > f(x1) + noise N(0,1)
                (the boundary jitters, the points do not), class 0 elsewhere:
                f = sin(2 x), 0.25 x^3 - 0.75 x, |x| - 1.
     plane      target 0.3 x1 + 0.2 x2 + noise N(0,1).
     multigauss target sum of four Gaussian bumps of sd 0.5 at (+-1, +-1), +1
                at (1,1) and (-1,-1), -1 at (-1,1) and (1,-1), + noise N(0,1). */
#define MLP_DATASET_LIST(D, A)                                             \
    D(A, QUADRANTS, "quadrants", MLP_OUT_SOFTMAX, 4, 4, 0.3, 0.6)          \
    D(A, XOR, "xor", MLP_OUT_SOFTMAX, 2, 2, 0.1, 0.5)                      \
    D(A, CIRCLE, "circle", MLP_OUT_SOFTMAX, 2, 2, 0.1, 0.5)                \
    D(A, GAUSS, "gauss", MLP_OUT_SOFTMAX, 2, 8, 0.25, 0.6)                 \
    D(A, SPIRAL, "spiral", MLP_OUT_SOFTMAX, 2, 8, 0.1, 0.3)                \
    D(A, MOONS, "moons", MLP_OUT_SOFTMAX, 2, 2, 0.1, 0.4)                  \
    D(A, SINE, "sine", MLP_OUT_SOFTMAX, 2, 2, 0.1, 1)                      \
    D(A, CUBIC, "cubic", MLP_OUT_SOFTMAX, 2, 2, 0.1, 1)                    \
    D(A, ABS, "abs", MLP_OUT_SOFTMAX, 2, 2, 0.1, 1)                        \
    D(A, PLANE, "plane", MLP_OUT_LINEAR, 1, 1, 0.05, 0.5)                  \
    D(A, MULTIGAUSS, "multigauss", MLP_OUT_LINEAR, 1, 1, 0.05, 0.5)

typedef enum {
#define MLP__DATASET_ENUM(A, id, name, output, kmin, kmax, nd, nmax) MLP_DATASET_##id,
    MLP_DATASET_LIST(MLP__DATASET_ENUM, 0)
#undef MLP__DATASET_ENUM
    MLP_DATASET_COUNT
} mlp_dataset_id;

/* A dataset's row of MLP_DATASET_LIST. */
typedef struct {
    const char *name;
    int output;                 /* mlp_output: softmax (classification) or linear (regression) */
    int min_classes, max_classes; /* K for softmax; 1 output for linear */
    double default_noise, max_noise;
    int noise_limit, classes_limit; /* its limit ids (MLP_LIMIT_NOISE_<ID>, ...) */
} mlp_dataset_info;

/* What mlp_data_generate makes; mlp_dataset_desc_defaults fills it. */
typedef struct {
    int dataset;                /* mlp_dataset_id */
    int points;                 /* training + test points, MLP_MIN_GEN_POINTS..MLP_MAX_POINTS */
    double noise;               /* 0 (clean) to the dataset's max_noise */
    int classes;                /* 0: the network's outputs; else must equal them */
    double test_fraction;       /* 0..0.9: round(test_fraction * points) held out */
} mlp_dataset_desc;

#endif

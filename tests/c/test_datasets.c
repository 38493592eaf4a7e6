/* test_datasets.c: the generated datasets and the held-out test set.

   Every dataset: the same seed gives identical arrays and another seed
   different ones; points lie in the documented box (targets in [-1, 1]) even
   at the largest noise; classes are balanced within one point in both sets;
   noise 0 gives the clean shape; the split is disjoint, of size
   round(fraction * n), and made of the very points of the unsplit set; the
   quadrants are those of mlp_data_quadrants. The test set's figures and the
   editing of data are checked in test_testset.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_util.h"
#include "mlp.h"

#define PI 3.14159265358979323846

/* Values of x (2 x n), labels and targets of a set, compared bit for bit. */
static int same_set(const double *x1, const int32_t *l1, const double *t1, const double *x2,
                    const int32_t *l2, const double *t2, int n, int regression)
{
    return memcmp(x1, x2, sizeof(double) * 2 * (size_t)n) == 0 &&
           (regression ? memcmp(t1, t2, sizeof(double) * (size_t)n) == 0
                       : memcmp(l1, l2, sizeof(int32_t) * (size_t)n) == 0);
}

static void test_determinism(void)
{
    int id;
    for (id = 0; id < MLP_DATASET_COUNT; id++) {
        const mlp_dataset_info *info = mlp_dataset_get(id);
        int K = info->max_classes, reg = is_regression(id), n, nt, i, differ = 0;
        mlp *a = net_for(id, K, 7), *b = net_for(id, K, 7), *c = net_for(id, K, 8);
        if (!a || !b || !c)
            continue;
        generate(a, id, 500, info->default_noise, 0.2);
        generate(b, id, 500, info->default_noise, 0.2);
        generate(c, id, 500, info->default_noise, 0.2);
        n = mlp_n_points(a);
        nt = mlp_n_test_points(a);
        CHECK(n == 400 && nt == 100, "%s: %d training + %d test points, want 400 + 100",
              info->name, n, nt);
        CHECK(same_set(mlp_data_x(a), mlp_data_labels(a), mlp_data_targets(a), mlp_data_x(b),
                       mlp_data_labels(b), mlp_data_targets(b), n, reg),
              "%s: seed 7 twice gives different training sets", info->name);
        CHECK(same_set(mlp_test_x(a), mlp_test_labels(a), mlp_test_targets(a), mlp_test_x(b),
                       mlp_test_labels(b), mlp_test_targets(b), nt, reg),
              "%s: seed 7 twice gives different test sets", info->name);
        for (i = 0; i < 2 * n; i++)
            differ += mlp_data_x(a)[i] != mlp_data_x(c)[i];
        /* gauss at noise 0 would be the same for every seed; at 0.25 all differ */
        CHECK(differ > n, "%s: seeds 7 and 8 share %d of %d coordinates, want fewer than half",
              info->name, 2 * n - differ, 2 * n);
        mlp_destroy(a);
        mlp_destroy(b);
        mlp_destroy(c);
    }
}

/* Largest |coordinate| (or |target|) over a set of n points. */
static double max_abs(const double *v, int count)
{
    double m = 0;
    int i;
    for (i = 0; i < count; i++)
        if (fabs(v[i]) > m || v[i] != v[i])
            m = v[i] != v[i] ? INFINITY : fabs(v[i]);
    return m;
}

static void test_bounds(void)
{
    int id;
    for (id = 0; id < MLP_DATASET_COUNT; id++) {
        const mlp_dataset_info *info = mlp_dataset_get(id);
        mlp *net = net_for(id, info->max_classes, 3);
        double bx, bt;
        if (!net || generate(net, id, 10000, info->max_noise, 0.5) != MLP_OK) {
            mlp_destroy(net);
            continue;
        }
        bx = fmax(max_abs(mlp_data_x(net), 2 * mlp_n_points(net)),
                  max_abs(mlp_test_x(net), 2 * mlp_n_test_points(net)));
        if (is_regression(id)) {
            bt = fmax(max_abs(mlp_data_targets(net), mlp_n_points(net)),
                      max_abs(mlp_test_targets(net), mlp_n_test_points(net)));
            CHECK(bx <= 2.0, "%s at noise %g: |x| reaches %.17g, want <= 2", info->name,
                  info->max_noise, bx);
            CHECK(bt <= 1.0, "%s at noise %g: |target| reaches %.17g, want <= 1", info->name,
                  info->max_noise, bt);
        } else {
            CHECK(bx <= MLP_DATA_BOX, "%s at noise %g: |x| reaches %.17g, want <= %g", info->name,
                  info->max_noise, bx, MLP_DATA_BOX);
        }
        mlp_destroy(net);
    }
}

/* Class counts of n labels; returns max - min over K classes. */
static int spread(const int32_t *labels, int n, int K)
{
    int count[MLP_MAX_OUTPUTS] = {0}, k, lo = n, hi = 0, i;
    for (i = 0; i < n; i++)
        count[labels[i]]++;
    for (k = 0; k < K; k++) {
        lo = count[k] < lo ? count[k] : lo;
        hi = count[k] > hi ? count[k] : hi;
    }
    return hi - lo;
}

static void test_balance_and_split_size(void)
{
    static const int sizes[] = {10, 11, 97, 200, 1001};
    static const double fractions[] = {0, 0.1, 0.25, 0.5, 0.9};
    int K, s, f;
    for (K = 2; K <= 8; K++)
        for (s = 0; s < 5; s++)
            for (f = 0; f < 5; f++) {
                mlp *net = make_net(2, 4, K, MLP_OUT_SOFTMAX, 5, 0);
                int n = sizes[s], want_nt = (int)floor(fractions[f] * n + 0.5), nt, ntr;
                if (!net || generate(net, MLP_DATASET_SPIRAL, n, 0.1, fractions[f]) != MLP_OK) {
                    mlp_destroy(net);
                    continue;
                }
                nt = mlp_n_test_points(net);
                ntr = mlp_n_points(net);
                CHECK(nt == want_nt && ntr == n - want_nt,
                      "K %d, %d points, fraction %g: %d train + %d test, want %d + %d", K, n,
                      fractions[f], ntr, nt, n - want_nt, want_nt);
                CHECK(spread(mlp_data_labels(net), ntr, K) <= 1,
                      "K %d, n %d, fraction %g: training class counts differ by %d, want <= 1", K,
                      n, fractions[f], spread(mlp_data_labels(net), ntr, K));
                CHECK(spread(mlp_test_labels(net), nt, K) <= 1,
                      "K %d, n %d, fraction %g: test class counts differ by %d, want <= 1", K, n,
                      fractions[f], spread(mlp_test_labels(net), nt, K));
                mlp_destroy(net);
            }
}

/* The split is made of the unsplit set's points, each used exactly once. */
static void test_split_disjoint(void)
{
    int id;
    for (id = 0; id < MLP_DATASET_COUNT; id++) {
        const mlp_dataset_info *info = mlp_dataset_get(id);
        mlp *all = net_for(id, info->min_classes, 11), *split = net_for(id, info->min_classes, 11);
        int n = 203, i, j, ntr, nt, unmatched = 0, reused = 0;
        char *used = calloc(n, 1);
        if (!all || !split || !used || generate(all, id, n, info->default_noise, 0) != MLP_OK ||
            generate(split, id, n, info->default_noise, 0.3) != MLP_OK)
            goto done;
        ntr = mlp_n_points(split);
        nt = mlp_n_test_points(split);
        CHECK(ntr + nt == n && nt == 61, "%s: %d + %d points, want %d + 61", info->name, ntr, nt,
              n - 61);
        for (i = 0; i < ntr + nt; i++) {
            int test = i >= ntr, at = test ? i - ntr : i, stride = test ? nt : ntr, found = -1;
            const double *X = test ? mlp_test_x(split) : mlp_data_x(split);
            for (j = 0; j < n && found < 0; j++)
                if (mlp_data_x(all)[j] == X[at] && mlp_data_x(all)[n + j] == X[stride + at])
                    found = j;
            unmatched += found < 0;
            if (found >= 0) {
                reused += used[found];
                used[found] = 1;
            }
        }
        CHECK(unmatched == 0 && reused == 0,
              "%s: %d split points not in the unsplit set, %d used twice, want 0 and 0",
              info->name, unmatched, reused);
    done:
        free(used);
        mlp_destroy(all);
        mlp_destroy(split);
    }
}

/* How far point (x, y) of class k (of K) lies from its dataset's clean shape;
   0 when it is on it (within rounding). */
static double off_shape(int id, double x, double y, int k, int K, double t)
{
    double r = sqrt(x * x + y * y);
    switch (id) {
    case MLP_DATASET_QUADRANTS:
        return fabs(x - (k == 0 || k == 3 ? 1 : -1)) + fabs(y - (k < 2 ? 1 : -1));
    case MLP_DATASET_XOR:
        return (fabs(x) < 0.1 || fabs(x) > 2 || fabs(y) < 0.1 || fabs(y) > 2 ||
                (x * y < 0) != (k == 1)) ? 1.0 : 0.0;
    case MLP_DATASET_CIRCLE:
        return k == 0 ? fmax(0, r - 1) : fmax(0, 1.5 - r) + fmax(0, r - 2);
    case MLP_DATASET_GAUSS: {
        double a = PI / 4 + 2 * PI * k / K;
        return hypot(x - 1.5 * cos(a), y - 1.5 * sin(a));
    }
    case MLP_DATASET_SPIRAL: {                   /* r gives s, s gives the angle */
        double s = (r - 0.25) / 1.95, a = 2 * PI * k / K + 3 * PI * s;
        return hypot(x - r * cos(a), y - r * sin(a)) + fmax(0, -s) + fmax(0, s - 1);
    }
    case MLP_DATASET_MOONS: {                    /* back to the unit half circle */
        double u = (k == 0 ? x : -x) / 1.4 + 0.5, v = (k == 0 ? y : -y) / 1.4 + 0.25;
        return fabs(hypot(u, v) - 1) + fmax(0, -v);
    }
    case MLP_DATASET_SINE:
        return (y > sin(2 * x)) != (k == 1);
    case MLP_DATASET_CUBIC:
        return (y > 0.25 * x * x * x - 0.75 * x) != (k == 1);
    case MLP_DATASET_ABS:
        return (y > fabs(x) - 1) != (k == 1);
    case MLP_DATASET_PLANE:
        return fabs(t - (0.3 * x + 0.2 * y));
    case MLP_DATASET_MULTIGAUSS: {
        double s = exp(-((x - 1) * (x - 1) + (y - 1) * (y - 1)) / 0.5) -
                   exp(-((x + 1) * (x + 1) + (y - 1) * (y - 1)) / 0.5) +
                   exp(-((x + 1) * (x + 1) + (y + 1) * (y + 1)) / 0.5) -
                   exp(-((x - 1) * (x - 1) + (y + 1) * (y + 1)) / 0.5);
        return fabs(t - s);
    }
    }
    return INFINITY;
}

/* Points farther than 1e-9 from the clean shape, over the training set. */
static int count_off(mlp *net, int id, int K)
{
    int i, n = mlp_n_points(net), off = 0;
    const double *X = mlp_data_x(net), *T = mlp_data_targets(net);
    const int32_t *lab = mlp_data_labels(net);
    for (i = 0; i < n; i++)
        off += off_shape(id, X[i], X[n + i], is_regression(id) ? 0 : lab[i], K,
                         is_regression(id) ? T[i] : 0) > 1e-9;
    return off;
}

static void test_clean_shapes(void)
{
    int id, K;
    for (id = 0; id < MLP_DATASET_COUNT; id++) {
        const mlp_dataset_info *info = mlp_dataset_get(id);
        for (K = info->min_classes; K <= info->max_classes; K++) {
            mlp *net = net_for(id, K, 2);
            int off_clean, off_noisy;
            if (!net || generate(net, id, 1000, 0, 0) != MLP_OK) {
                mlp_destroy(net);
                continue;
            }
            off_clean = count_off(net, id, K);
            generate(net, id, 1000, info->max_noise, 0);
            off_noisy = count_off(net, id, K);
            CHECK(off_clean == 0, "%s, K %d, noise 0: %d of 1000 points off the clean shape, want 0",
                  info->name, K, off_clean);
            /* noise moves points (or the boundary): at the largest noise
               at least 5% leave the clean shape */
            CHECK(off_noisy >= 50, "%s, K %d, noise %g: %d of 1000 points off the clean shape, "
                  "want >= 50", info->name, K, info->max_noise, off_noisy);
            mlp_destroy(net);
        }
    }
}

/* The noise is the jitter's standard deviation: gauss blobs (3000 points,
   K = 3) spread by the noise within 5% in x and in y (at 0.6 the clamp to
   the box trims the tails by about 3%). */
static void test_noise_scale(void)
{
    static const double noises[] = {0.05, 0.3, 0.6};
    int c;
    for (c = 0; c < 3; c++) {
        mlp *net = make_net(2, 4, 3, MLP_OUT_SOFTMAX, 6, 0);
        double ss[2] = {0, 0}, sd[2];
        int i, n, dim;
        if (!net || generate(net, MLP_DATASET_GAUSS, 3000, noises[c], 0) != MLP_OK) {
            mlp_destroy(net);
            continue;
        }
        n = mlp_n_points(net);
        for (i = 0; i < n; i++) {
            int k = mlp_data_labels(net)[i];
            double a = PI / 4 + 2 * PI * k / 3;
            double dx = mlp_data_x(net)[i] - 1.5 * cos(a), dy = mlp_data_x(net)[n + i] - 1.5 * sin(a);
            ss[0] += dx * dx;
            ss[1] += dy * dy;
        }
        for (dim = 0; dim < 2; dim++) {
            sd[dim] = sqrt(ss[dim] / n);
            CHECK(fabs(sd[dim] / noises[c] - 1) < 0.05,
                  "gauss, noise %g: x%d spreads with sd %.4f, want within 5%%", noises[c], dim + 1,
                  sd[dim]);
        }
        mlp_destroy(net);
    }
}

/* mlp_data_generate draws the quadrants exactly as mlp_data_quadrants does. */
static void test_quadrants_unchanged(void)
{
    uint32_t seed;
    for (seed = 1; seed <= 20; seed++) {
        mlp *a = make_net(2, 4, 4, MLP_OUT_SOFTMAX, seed, 0);
        mlp *b = make_net(2, 4, 4, MLP_OUT_SOFTMAX, seed, 0);
        mlp_error err;
        int status;
        if (!a || !b)
            continue;
        status = mlp_data_quadrants(a, 200, 0.3, &err);
        generate(b, MLP_DATASET_QUADRANTS, 200, 0.3, 0);
        CHECK(status == MLP_OK && mlp_n_points(b) == 200 && mlp_n_test_points(b) == 0 &&
                  same_set(mlp_data_x(a), mlp_data_labels(a), NULL, mlp_data_x(b),
                           mlp_data_labels(b), NULL, 200, 0),
              "seed %u: generated quadrants (%d points) differ from mlp_data_quadrants", seed,
              mlp_n_points(b));
        mlp_step(a, 20, &err);
        mlp_step(b, 20, &err);
        CHECK(memcmp(mlp_params(a), mlp_params(b), sizeof(double) * 32) == 0,
              "seed %u: 20 epochs on the two give different parameters (loss %.17g vs %.17g)",
              seed, mlp_loss(a), mlp_loss(b));
        mlp_destroy(a);
        mlp_destroy(b);
    }
}

int main(void)
{
    test_determinism();
    test_bounds();
    test_balance_and_split_size();
    test_split_disjoint();
    test_clean_shapes();
    test_noise_scale();
    test_quadrants_unchanged();
    return check_summary();
}

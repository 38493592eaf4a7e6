/* features.c: the input feature map (MLP_FEATURE_LIST in mlp.h). With a
   non-zero mask the data stay 2-D, (x1, x2), and the network's layer 0 is
   made of the chosen features, computed here before the first layer, in the
   list's order:

       x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)

   Nothing before layer 0 has parameters, so the feature map needs no
   backward: the gradients of W_1 see the feature values as their inputs. */
#include <math.h>

#include "mlp_internal.h"

static const char *const feature_names[] = {
#define MLP__FEATURE_NAME(id, name) name,
    MLP_FEATURE_LIST(MLP__FEATURE_NAME)
#undef MLP__FEATURE_NAME
};

const char *mlp_feature_name(int id)
{
    return id >= 0 && id < MLP_FEATURE_COUNT ? feature_names[id] : NULL;
}

int mlp_feature_count(uint32_t mask)
{
    int id, n = 0;
    for (id = 0; id < MLP_FEATURE_COUNT; id++)
        n += (mask & MLP_FEATURE_BIT(id)) != 0;
    return n;
}

int mlp__check_features(const mlp_desc *d, mlp_error *err)
{
    int n;
    if (!mlp_limit_ok(MLP_LIMIT_FEATURES, d->features))
        return mlp_limit_fail(err, MLP_LIMIT_FEATURES, NULL, d->features);
    if (d->features == 0)
        return MLP_OK;
    n = mlp_feature_count(d->features);
    if (d->sizes[0] != n)
        return mlp__fail(err, MLP_E_ARG,
                         "layers[0] (inputs) must equal the number of features chosen, %d "
                         "(features %u), got %d", n, (unsigned)d->features, d->sizes[0]);
    return MLP_OK;
}

/* act[0] (features x m), row r = the r-th chosen feature, from raw (2 x m):
   x1 = raw[q], x2 = raw[m + q] for column q. */
/* @code-begin features */
void mlp__features_forward(const mlp *net, workspace *w, int m)
{
    const double *x1 = w->raw, *x2 = w->raw + m;
    double *row = w->act[0];
    uint32_t mask = net->desc.features;
    int id, q;
    for (id = 0; id < MLP_FEATURE_COUNT; id++) {
        if (!(mask & MLP_FEATURE_BIT(id)))
            continue;
        switch ((mlp_feature)id) {
        case MLP_FEATURE_X1:
            for (q = 0; q < m; q++) row[q] = x1[q];
            break;
        case MLP_FEATURE_X2:
            for (q = 0; q < m; q++) row[q] = x2[q];
            break;
        case MLP_FEATURE_X1_SQUARED:
            for (q = 0; q < m; q++) row[q] = x1[q] * x1[q];
            break;
        case MLP_FEATURE_X2_SQUARED:
            for (q = 0; q < m; q++) row[q] = x2[q] * x2[q];
            break;
        case MLP_FEATURE_X1_TIMES_X2:
            for (q = 0; q < m; q++) row[q] = x1[q] * x2[q];
            break;
        case MLP_FEATURE_SIN_X1:
            for (q = 0; q < m; q++) row[q] = sin(x1[q]);
            break;
        case MLP_FEATURE_SIN_X2:
            for (q = 0; q < m; q++) row[q] = sin(x2[q]);
            break;
        case MLP_FEATURE_COUNT:
            break;
        }
        row += m;
    }
}
/* @code-end features */

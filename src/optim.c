/* optim.c: the update rules besides plain gradient descent (momentum, adam),
   their state, and the L1/L2 weight penalties. train.c's UPDATE phase calls
   mlp__update_moments for momentum and adam (sgd stays in train.c, as the
   page shows it), and its gradient phases call mlp__regularize, so a cycle
   of phases is still exactly one step whatever the rule or penalty.

   The state lives in the parameters' block (mlp_create allocates it), in the
   parameter layout: m[k] and v[k] belong to params[k]. */
#include <math.h>
#include <string.h>

#include "mlp_internal.h"

static const char *const optimizer_names[] = {
#define MLP__OPT_NAME(id, name) name,
    MLP_OPTIMIZER_LIST(MLP__OPT_NAME)
#undef MLP__OPT_NAME
};

static const char *const reg_names[] = {
#define MLP__REG_NAME(id, name) name,
    MLP_REGULARIZATION_LIST(MLP__REG_NAME)
#undef MLP__REG_NAME
};

const char *mlp_optimizer_name(int id)
{
    return id >= 0 && id < MLP_OPT_COUNT ? optimizer_names[id] : NULL;
}

const char *mlp_regularization_name(int id)
{
    return id >= 0 && id < MLP_REG_COUNT ? reg_names[id] : NULL;
}

static int check_rule(int optimizer, double beta1, double beta2, double epsilon,
                      mlp_error *err)
{
    if (optimizer < 0 || optimizer >= MLP_OPT_COUNT)
        return mlp__fail(err, MLP_E_ARG,
                         "optimizer must be sgd (0), momentum (1) or adam (2), got %d", optimizer);
    if (mlp__check_limit(MLP_LIMIT_BETA, "beta1", beta1, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_BETA, "beta2", beta2, err) != MLP_OK ||
        mlp__check_limit(MLP_LIMIT_EPSILON, NULL, epsilon, err) != MLP_OK)
        return MLP_E_ARG;
    return MLP_OK;
}

static int check_penalty(int kind, double rate, mlp_error *err)
{
    if (kind < 0 || kind >= MLP_REG_COUNT)
        return mlp__fail(err, MLP_E_ARG,
                         "regularization must be none (0), l1 (1) or l2 (2), got %d", kind);
    return mlp__check_limit(MLP_LIMIT_REG_RATE, NULL, rate, err);
}

int mlp__check_optim(const mlp_desc *d, mlp_error *err)
{
    if (check_rule((int)d->optimizer, d->beta1, d->beta2, d->epsilon, err) != MLP_OK)
        return MLP_E_ARG;
    return check_penalty((int)d->regularization, d->reg_rate, err);
}

void mlp_reset_optimizer(mlp *net)
{
    if (!net)
        return;
    memset(net->opt_m, 0, (size_t)net->n_params * sizeof(double));
    memset(net->opt_v, 0, (size_t)net->n_params * sizeof(double));
    net->opt_t = 0;
}

int mlp_set_optimizer(mlp *net, int optimizer, double beta1, double beta2, double epsilon,
                      mlp_error *err)
{
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (check_rule(optimizer, beta1, beta2, epsilon, err) != MLP_OK)
        return MLP_E_ARG;
    if (optimizer != (int)net->desc.optimizer)
        mlp_reset_optimizer(net);          /* one rule's m is not another's */
    net->desc.optimizer = (mlp_optimizer)optimizer;
    net->desc.beta1 = beta1;
    net->desc.beta2 = beta2;
    net->desc.epsilon = epsilon;
    return mlp__ok(err);
}

int mlp_set_regularization(mlp *net, int kind, double rate, mlp_error *err)
{
    if (!net)
        return mlp__fail(err, MLP_E_ARG, "network must not be NULL");
    if (check_penalty(kind, rate, err) != MLP_OK)
        return MLP_E_ARG;
    net->desc.regularization = (mlp_regularization)kind;
    net->desc.reg_rate = rate;
    return mlp__ok(err);
}

const double *mlp_optimizer_state(const mlp *net, int which)
{
    return which == 0 ? net->opt_m : which == 1 ? net->opt_v : NULL;
}

long mlp_optimizer_steps(const mlp *net) { return net->opt_t; }

/* ---- penalties: weights only (W_l), never biases ------------------------- */

void mlp__regularize(mlp *net, int l)
{
    mlp__layer_view v = mlp__layer(net, l);   /* dW (fan_in x fan_out), after the data term */
    const double lambda = net->desc.reg_rate;
    int k, n = v.fan_in * v.fan_out;
    /* @code-begin penalty */
    if (net->desc.regularization == MLP_REG_L1) {       /* d(lambda |w|)/dw = lambda sign(w) */
        for (k = 0; k < n; k++)
            v.dW[k] += v.W[k] > 0 ? lambda : v.W[k] < 0 ? -lambda : 0.0;
    } else if (net->desc.regularization == MLP_REG_L2) { /* d(lambda/2 w^2)/dw = lambda w */
        for (k = 0; k < n; k++)
            v.dW[k] += lambda * v.W[k];
    }
    /* @code-end penalty */
}

double mlp_reg_loss(const mlp *net)
{
    double s = 0.0;
    int l, k;
    if (!net || net->desc.regularization == MLP_REG_NONE)
        return 0.0;
    for (l = 1; l <= net->L; l++) {
        mlp__layer_view v = mlp__layer(net, l);
        for (k = 0; k < v.fan_in * v.fan_out; k++)
            s += net->desc.regularization == MLP_REG_L1 ? fabs(v.W[k]) : v.W[k] * v.W[k];
    }
    return net->desc.regularization == MLP_REG_L1 ? net->desc.reg_rate * s
                                                  : 0.5 * net->desc.reg_rate * s;
}

/* ---- momentum and adam ---------------------------------------------------- */

/* One parameter's new value and state under the rule (see mlp_set_optimizer):
   g its gradient, *m and *v its state in and out; c1 = 1 - beta1^t and
   c2 = 1 - beta2^t are adam's bias corrections for this update's t. */
/* @code-begin update-rules */
static double rule(const mlp_desc *d, double p, double g, double *m, double *v, double c1,
                   double c2)
{
    const double lr = d->learning_rate, b1 = d->beta1, b2 = d->beta2;
    if (d->optimizer == MLP_OPT_MOMENTUM) {
        *m = b1 * *m + g;                            /* velocity */
        return p - lr * *m;
    }
    *m = b1 * *m + (1.0 - b1) * g;                   /* mean of g, decaying */
    *v = b2 * *v + (1.0 - b2) * g * g;               /* mean of g^2, decaying */
    return p - lr * (*m / c1) / (sqrt(*v / c2) + d->epsilon);
}
/* @code-end update-rules */

/* Applies the rule to every parameter unless some parameter would become
   non-finite or exceed MLP_PARAM_LIMIT, or some state non-finite: then the
   run is marked diverged and keeps its parameters and state as they were.
   The first pass only looks; the second computes the same values again and
   stores them, so nothing is allocated. */
void mlp__update_moments(mlp *net)
{
    const mlp_desc *d = &net->desc;
    double c1 = 1.0, c2 = 1.0;
    long t = net->opt_t + 1;
    int k, pass;
    if (d->optimizer == MLP_OPT_ADAM) {
        c1 = 1.0 - pow(d->beta1, (double)t);
        c2 = 1.0 - pow(d->beta2, (double)t);
    }
    for (pass = 0; pass < 2; pass++) {
        for (k = 0; k < net->n_params; k++) {
            double m = net->opt_m[k], v = net->opt_v[k];
            double p = rule(d, net->params[k], net->grads[k], &m, &v, c1, c2);
            if (pass == 1) {
                net->params[k] = p;
                net->opt_m[k] = m;
                net->opt_v[k] = v;
            } else if (!(fabs(p) <= MLP_PARAM_LIMIT) || !isfinite(m) || !isfinite(v)) {
                net->diverged = 1;
                return;
            }
        }
    }
    if (d->optimizer == MLP_OPT_ADAM)
        net->opt_t = t;
    mlp__params_changed(net);           /* the loss and test loss caches */
}

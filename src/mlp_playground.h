/* mlp_playground.h: the playground's additions to the core (included by
   mlp.h; the types they use, MLP_FEATURE_LIST, MLP_OPTIMIZER_LIST and
   MLP_REGULARIZATION_LIST, are in mlp.h with the description fields):

   - input features: mlp_desc.features, a mask of MLP_FEATURE_BIT(id); the
     data stay 2-D and layer 0 holds the chosen features (sizes[0] of them);
   - update rules: mlp_desc.optimizer, beta1, beta2, epsilon, or
     mlp_set_optimizer on a live network;
   - weight penalties: mlp_desc.regularization and reg_rate, or
     mlp_set_regularization; mlp_reg_loss;
   - mlp_unit_maps: every unit over a grid from one forward pass per pixel;
   - mlp_state_*: a run saved as one array of doubles and restored bit for bit.

   Usage (tests/c/test_usage_playground.c compiles and runs this):

       mlp_desc d;
       mlp_error err;
       mlp_desc_defaults(&d);
       d.features = MLP_FEATURE_BIT(MLP_FEATURE_X1) | MLP_FEATURE_BIT(MLP_FEATURE_X2)
                  | MLP_FEATURE_BIT(MLP_FEATURE_X1_TIMES_X2);
       d.sizes[0] = mlp_feature_count(d.features);    // 3 inputs: x1, x2, x1*x2
       d.optimizer = MLP_OPT_ADAM;
       d.learning_rate = 0.02;
       d.regularization = MLP_REG_L2;
       d.reg_rate = 0.001;
       mlp *net = mlp_create(&d, &err);               // NULL with err.msg on bad settings
       mlp_data_quadrants(net, 200, 0.3, &err);       // the data stay (x1, x2)
       mlp_step(net, 100, &err);
       int n = mlp_state_size(net);
       double *state = malloc(n * sizeof(double));
       mlp_state_save(net, state, n, &err);
       mlp *copy = mlp_create_from_state(state, n, &err);
       mlp_step(net, 100, &err);
       mlp_step(copy, 100, &err);                     // the same 100 epochs, bit for bit
       printf("%.6f %.6f\n", mlp_loss(net), mlp_loss(copy));
       free(state);
       mlp_destroy(copy);
       mlp_destroy(net);

   Every function that takes an mlp_error returns MLP_OK or a negative
   mlp_status with a message naming the field and its allowed range. */
#ifndef MLP_PLAYGROUND_H
#define MLP_PLAYGROUND_H

#include "mlp.h"

/* Name of feature `id` (0..MLP_FEATURE_COUNT-1, "x1", "x1^2", ...), or NULL. */
const char *mlp_feature_name(int id);

/* Number of features in a mask (its bits set), so sizes[0] for that mask. */
int mlp_feature_count(uint32_t mask);

/* Name of an optimiser ("sgd", "momentum", "adam") or regularisation ("none",
   "l1", "l2"), or NULL for an unknown id. */
const char *mlp_optimizer_name(int id);
const char *mlp_regularization_name(int id);

/* Chooses the update rule of the UPDATE phase, on a live network. With g the
   total gradient (data loss + penalty, as mlp_grads shows it), lr the
   learning rate, every parameter p and its state m, v (zero at creation):
     sgd:      p -= lr g
     momentum: m = beta1 m + g;  p -= lr m
     adam:     t += 1;  m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;
               p -= lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
   Changing the rule zeroes m, v and t; changing only the betas or epsilon
   keeps them. @return MLP_OK, or MLP_E_ARG naming "optimizer", "beta1",
   "beta2" or "epsilon" (the network is then unchanged). */
int mlp_set_optimizer(mlp *net, int optimizer, double beta1, double beta2, double epsilon,
                      mlp_error *err);

/* Zeroes the optimiser state (m, v and adam's step count t). */
void mlp_reset_optimizer(mlp *net);

/* The optimiser state: which 0 = m (momentum's velocity, adam's first
   moment), 1 = v (adam's second moment), each (mlp_param_count) in the
   parameter layout; NULL for another `which`. */
const double *mlp_optimizer_state(const mlp *net, int which);

/* Adam's step count t (updates applied since the state was last zeroed). */
long mlp_optimizer_steps(const mlp *net);

/* Chooses the weight penalty on a live network: kind MLP_REG_NONE, _L1 or
   _L2 and rate lambda in [0, MLP_MAX_REG_RATE]. The penalty covers weights
   only, never biases. Its gradient (L1: lambda sign(w), with sign(0) = 0;
   L2: lambda w) is added to dW in the phases that compute dW (OUTPUT_ERROR
   and BACKWARD), so mlp_grads shows the total gradient. It is added once per
   iteration (per batch). @return MLP_OK or MLP_E_ARG (network unchanged). */
int mlp_set_regularization(mlp *net, int kind, double rate, mlp_error *err);

/* The penalty at the current parameters: L1 lambda sum |w|, L2 lambda/2
   sum w^2, over every weight of every layer (not biases); 0 for none.
   mlp_loss keeps reporting the data loss alone; the objective minimised is
   mlp_loss + mlp_reg_loss (for a mini-batch: batch loss + penalty). */
double mlp_reg_loss(const mlp *net);

/* Number of units a unit map covers: sizes[0] + ... + sizes[L] (input
   features or raw inputs, every hidden unit, every output); 0 for NULL. */
int mlp_unit_count(const mlp *net);

/* Every unit's value over a width x height grid from one forward pass per
   pixel, pixels placed exactly as in mlp_predict_grid (needs 2 raw inputs).
   out receives mlp_unit_count * width * height floats, unit-major: unit u,
   pixel (r, c) at out[(u * height + r) * width + c]; units in layer order
   (layer 0 = the features or raw inputs, then each hidden layer's units,
   then the outputs: probabilities for softmax). @return MLP_OK or
   MLP_E_ARG with the same messages as mlp_predict_grid. */
int mlp_unit_maps(mlp *net, double x_min, double x_max, double y_min, double y_max,
                  int width, int height, float *out, mlp_error *err);

/* ---- saving and restoring a run, bit for bit ------------------------------
   A run's state is one array of doubles, opaque to its users (save it, e.g.
   as JSON numbers or the bytes of a Float64Array, and give it back): the
   description, the data, parameters, optimiser state, the generator's
   words, epoch, batch position and the epoch's permutation. A network
   restored from it continues exactly as the saved one would have. Saved in
   the middle of an iteration (after some phases), it restores to the start
   of that iteration, which the parameters have not left yet (phase INIT).
   Not in the state: the last iteration's activations, deltas and
   gradients (recomputed by the next phases) and the cached loss.
   Layout (version 1), MLP_STATE_HEADER values, then arrays:
     [0] MLP_STATE_MAGIC  [1] version 1  [2] count (the whole length)
     [3] n_sizes  [4..13] sizes (unused 0)  [14] activation  [15] init
     [16] output  [17] learning rate  [18] batch size  [19] seed
     [20] features  [21] optimizer  [22] beta1  [23] beta2  [24] epsilon
     [25] regularization  [26] reg rate  [27] parameter count  [28] points n
     [29] epoch  [30] batch number  [31] permutation drawn (0/1)
     [32] adam step t  [33] diverged (0/1)  [34] epoch loss sum  [35] epoch loss
     [36..43] generator: 4 words of 64 bits, each as (high 32, low 32)
   then params (P), m (P), v (P), x (n x raw inputs, row-major as for
   mlp_set_data), labels (n; softmax) or targets (n x outputs; linear), and
   the permutation (n). */
#define MLP_STATE_MAGIC 1296846848.0 /* "MLP" in its high bytes */
#define MLP_STATE_VERSION 1
#define MLP_STATE_HEADER 44

/* Number of doubles mlp_state_save writes for this network as it is now
   (it grows with the data); 0 for NULL. */
int mlp_state_size(const mlp *net);

/* Writes the run's state into out (room for count >= mlp_state_size).
   @return MLP_OK or MLP_E_ARG (NULL, or count too small). */
int mlp_state_save(const mlp *net, double *out, int count, mlp_error *err);

/* Restores a saved state into net, whose layers, output and features must
   be those of the state (the other settings are taken from the state).
   Everything is checked before anything changes: on an error (MLP_E_ARG,
   the message names the state's field, e.g. "state.epoch must be ...";
   MLP_E_NOMEM) net is left exactly as it was. */
int mlp_state_load(mlp *net, const double *state, int count, mlp_error *err);

/* Creates a network from a saved state: mlp_create with the state's
   description, then mlp_state_load. @return the network, or NULL with err. */
mlp *mlp_create_from_state(const double *state, int count, mlp_error *err);

#endif

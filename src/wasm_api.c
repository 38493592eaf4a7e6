/* wasm_api.c: the WebAssembly boundary, the only file that knows about
   Emscripten. Every export takes plain numbers and pointers into wasm memory,
   returns a status (0 ok, negative error) or a value, and never aborts: on an
   error it keeps the message for nn_error(), which the JavaScript wrapper
   (web/js/network.js) turns into a thrown Error. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mlp.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#define NN_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define NN_EXPORT
#endif

static mlp_error last;

#ifdef __EMSCRIPTEN__
/* limits.c's mlp_format_number in the wasm: String(v), at most size - 1
   characters (all ASCII) and a '\0', as snprintf would truncate it. */
EM_JS(void, mlp__js_format_number, (double v, char *buf, int size), {
    var s = String(v), i = 0;
    for (; i < s.length && i < size - 1; i++) HEAPU8[buf + i] = s.charCodeAt(i);
    HEAPU8[buf + i] = 0;
})
#endif

/* The message of the most recent failed call ("" after a success). */
NN_EXPORT const char *nn_error(void) { return last.msg; }

/* features (net-core): 0 = raw inputs, else a mask of MLP_FEATURE_BIT()s; a
   caller that passes only the first eight arguments gets 0. Optimiser and
   penalty are set afterwards with nn_set_optimizer / nn_set_regularization. */
NN_EXPORT mlp *nn_init(const int32_t *sizes, int n_sizes, int activation, int init,
                       int output, double learning_rate, int batch_size, uint32_t seed,
                       uint32_t features)
{
    mlp_desc d;
    int l;
    mlp_desc_defaults(&d);
    if (!sizes || !mlp_limit_ok(MLP_LIMIT_HIDDEN_LAYERS, n_sizes - 2.0)) {
        mlp_limit_fail(&last, MLP_LIMIT_HIDDEN_LAYERS, "hidden layers (layers.length - 2)",
                       n_sizes - 2.0);
        return NULL;
    }
    d.n_sizes = n_sizes;
    for (l = 0; l < n_sizes; l++)
        d.sizes[l] = sizes[l];
    d.activation = (mlp_activation)activation;
    d.init = (mlp_init)init;
    d.output = (mlp_output)output;
    d.learning_rate = learning_rate;
    d.batch_size = batch_size;
    d.seed = seed;
    d.features = features;
    return mlp_create(&d, &last);
}

NN_EXPORT void nn_destroy(mlp *net) { mlp_destroy(net); }

/* The message of limit `id` for the value v, as every check gives it (the
   tests compare it with the wrapper's own); "" for a value within it. */
NN_EXPORT const char *nn_limit_message(int id, double v)
{
    if (mlp_limit_ok(id, v)) {
        last.code = MLP_OK;
        last.msg[0] = '\0';
    } else
        mlp_limit_fail(&last, id, NULL, v);
    return last.msg;
}

NN_EXPORT int nn_data_quadrants(mlp *net, int n, double noise)
{
    return mlp_data_quadrants(net, n, noise, &last);
}

NN_EXPORT int nn_set_data(mlp *net, int n, const double *x, const int32_t *labels,
                          const double *targets)
{
    return mlp_set_data(net, n, x, labels, targets, &last);
}

/* ---- generated datasets, test set, editing (see mlp.h for each) ----------- */

/* Number of datasets; ids are 0..count-1 in MLP_DATASET_LIST order. */
NN_EXPORT int nn_dataset_count(void) { return MLP_DATASET_COUNT; }

/* Dataset id's name ("quadrants", "xor", ...), or NULL (0) for an unknown id. */
NN_EXPORT const char *nn_dataset_name(int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    return info ? info->name : NULL;
}

/* Dataset id's output: 0 softmax (classification), 1 linear (regression); -1 unknown id. */
NN_EXPORT int nn_dataset_output(int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    return info ? (int)info->output : -1;
}

/* Its fewest and most classes (1 and 1 for regression); -1 for an unknown id. */
NN_EXPORT int nn_dataset_min_classes(int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    return info ? info->min_classes : -1;
}
NN_EXPORT int nn_dataset_max_classes(int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    return info ? info->max_classes : -1;
}

/* Its default and largest noise; NaN for an unknown id. */
NN_EXPORT double nn_dataset_default_noise(int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    return info ? info->default_noise : (double)NAN;
}
NN_EXPORT double nn_dataset_max_noise(int id)
{
    const mlp_dataset_info *info = mlp_dataset_get(id);
    return info ? info->max_noise : (double)NAN;
}

/* mlp_data_generate: classes 0 = the network's outputs. */
NN_EXPORT int nn_data_generate(mlp *net, int dataset, int points, double noise, int classes,
                               double test_fraction)
{
    mlp_dataset_desc d;
    d.dataset = dataset;
    d.points = points;
    d.noise = noise;
    d.classes = classes;
    d.test_fraction = test_fraction;
    return mlp_data_generate(net, &d, &last);
}

NN_EXPORT int nn_set_test_data(mlp *net, int n, const double *x, const int32_t *labels,
                               const double *targets)
{
    return mlp_set_test_data(net, n, x, labels, targets, &last);
}

/* x: inputs doubles; label for softmax; target: outputs doubles (0 for softmax). */
NN_EXPORT int nn_add_point(mlp *net, const double *x, int label, const double *target)
{
    return mlp_add_point(net, x, label, target, &last);
}

NN_EXPORT int nn_remove_point(mlp *net, int index) { return mlp_remove_point(net, index, &last); }

NN_EXPORT int nn_test_points(const mlp *net) { return mlp_n_test_points(net); }
NN_EXPORT const double *nn_test_x(const mlp *net) { return mlp_test_x(net); }
NN_EXPORT const int32_t *nn_test_labels(const mlp *net) { return mlp_test_labels(net); }
NN_EXPORT const double *nn_test_targets(const mlp *net) { return mlp_test_targets(net); }
NN_EXPORT double nn_test_loss(mlp *net) { return mlp_test_loss(net); }
NN_EXPORT double nn_test_accuracy(mlp *net) { return mlp_test_accuracy(net); }

/* out: room for K*K int32 (row = true class, column = predicted). */
NN_EXPORT int nn_confusion(mlp *net, int which, int32_t *out)
{
    return mlp_confusion(net, which, out, &last);
}

/* losses, test_losses: NULL, or room for `epochs` doubles (see mlp_step_record). */
NN_EXPORT int nn_step_record(mlp *net, int epochs, double *losses, double *test_losses)
{
    return mlp_step_record(net, epochs, losses, test_losses, &last);
}

/* At most max_phases phases (0: no limit) of `epochs` epochs (mlp_step_phases). */
NN_EXPORT int nn_step_phases(mlp *net, int epochs, int max_phases, double *losses, double *test_losses)
{
    return mlp_step_phases(net, epochs, max_phases, losses, test_losses, &last);
}

NN_EXPORT int nn_phases_per_epoch(const mlp *net) { return mlp_phases_per_epoch(net); }
NN_EXPORT int nn_epoch_under_way(const mlp *net) { return mlp_epoch_under_way(net); }

/* losses: NULL, or room for `epochs` doubles (see mlp_step_losses). */
NN_EXPORT int nn_step(mlp *net, int epochs, double *losses)
{
    return mlp_step_losses(net, epochs, losses, &last);
}

/* Performs one phase; returns phase + 16 * layer, or a negative status. */
NN_EXPORT int nn_phase_step(mlp *net)
{
    mlp_phase phase;
    int layer, status = mlp_phase_advance(net, &phase, &layer, &last);
    return status < 0 ? status : (int)phase + 16 * layer;
}

/* The phase last performed, encoded as for nn_phase_step. */
NN_EXPORT int nn_phase(const mlp *net)
{
    int layer;
    mlp_phase phase = mlp_current_phase(net, &layer);
    return (int)phase + 16 * layer;
}

NN_EXPORT double nn_loss(mlp *net) { return mlp_loss(net); }
NN_EXPORT double nn_accuracy(mlp *net) { return mlp_accuracy(net); }
NN_EXPORT double nn_batch_loss(const mlp *net) { return mlp_batch_loss(net); }

NN_EXPORT int nn_predict(mlp *net, const double *x, int n, double *out)
{
    return mlp_predict(net, x, n, out, &last);
}

NN_EXPORT int nn_predict_grid(mlp *net, double x_min, double x_max, double y_min,
                              double y_max, int width, int height, float *out)
{
    return mlp_predict_grid(net, x_min, x_max, y_min, y_max, width, height, out, &last);
}

NN_EXPORT int nn_set_params(mlp *net, const double *p, int count)
{
    return mlp_set_params(net, p, count, &last);
}

NN_EXPORT int nn_set_learning_rate(mlp *net, double lr)
{
    return mlp_set_learning_rate(net, lr, &last);
}

NN_EXPORT int nn_param_count(const mlp *net) { return mlp_param_count(net); }
NN_EXPORT double *nn_params(mlp *net) { return mlp_params(net); }
NN_EXPORT double *nn_grads(mlp *net) { return mlp_grads(net); }
NN_EXPORT int nn_layer_offset(const mlp *net, int l) { return mlp_layer_offset(net, l); }
NN_EXPORT int nn_n_points(const mlp *net) { return mlp_n_points(net); }
NN_EXPORT const double *nn_data_x(const mlp *net) { return mlp_data_x(net); }
NN_EXPORT const int32_t *nn_data_labels(const mlp *net) { return mlp_data_labels(net); }
NN_EXPORT const double *nn_data_targets(const mlp *net) { return mlp_data_targets(net); }
/* As a double: a long epoch count does not fit JavaScript's int32 returns. */
NN_EXPORT double nn_epoch(const mlp *net) { return (double)mlp_epoch(net); }
NN_EXPORT int nn_diverged(const mlp *net) { return mlp_diverged(net); }
NN_EXPORT double nn_learning_rate(const mlp *net) { return mlp_get_desc(net)->learning_rate; }
NN_EXPORT int nn_batch_size(const mlp *net) { return mlp_batch_size(net); }
NN_EXPORT const int32_t *nn_batch_index(const mlp *net) { return mlp_batch_index(net); }
NN_EXPORT const double *nn_activations(const mlp *net, int l) { return mlp_activations(net, l); }
NN_EXPORT const double *nn_logits(const mlp *net) { return mlp_logits(net); }
NN_EXPORT const double *nn_deltas(const mlp *net, int l) { return mlp_deltas(net, l); }

/* ---- net-core: features, optimisers, regularisation, unit maps, run state -- */

/* Names for the JavaScript tables: feature id 0..nn_feature_count()-1 ("x1",
   "x1^2", ...), optimiser 0..2, regularisation 0..2; 0 (NULL) past the end. */
NN_EXPORT int nn_feature_count(void) { return MLP_FEATURE_COUNT; }
NN_EXPORT const char *nn_feature_name(int id) { return mlp_feature_name(id); }
NN_EXPORT const char *nn_optimizer_name(int id) { return mlp_optimizer_name(id); }
NN_EXPORT const char *nn_regularization_name(int id) { return mlp_regularization_name(id); }
NN_EXPORT int nn_features(const mlp *net) { return (int)mlp_get_desc(net)->features; }

/* See mlp_set_optimizer: 0 ok, or a negative status (message in nn_error). */
NN_EXPORT int nn_set_optimizer(mlp *net, int optimizer, double beta1, double beta2,
                               double epsilon)
{
    return mlp_set_optimizer(net, optimizer, beta1, beta2, epsilon, &last);
}

NN_EXPORT void nn_reset_optimizer(mlp *net) { mlp_reset_optimizer(net); }
/* The current settings (a restored run's too; its layers, activation, batch
   size and seed are in the state's header slots 3..19, see mlp_playground.h). */
NN_EXPORT int nn_optimizer(const mlp *net) { return (int)mlp_get_desc(net)->optimizer; }
NN_EXPORT double nn_beta1(const mlp *net) { return mlp_get_desc(net)->beta1; }
NN_EXPORT double nn_beta2(const mlp *net) { return mlp_get_desc(net)->beta2; }
NN_EXPORT double nn_epsilon(const mlp *net) { return mlp_get_desc(net)->epsilon; }
NN_EXPORT int nn_regularization(const mlp *net) { return (int)mlp_get_desc(net)->regularization; }
NN_EXPORT double nn_reg_rate(const mlp *net) { return mlp_get_desc(net)->reg_rate; }
/* which 0 = m, 1 = v: (nn_param_count) doubles each, parameter layout. */
NN_EXPORT const double *nn_optimizer_state(const mlp *net, int which)
{
    return mlp_optimizer_state(net, which);
}
NN_EXPORT double nn_optimizer_steps(const mlp *net) { return (double)mlp_optimizer_steps(net); }

NN_EXPORT int nn_set_regularization(mlp *net, int kind, double rate)
{
    return mlp_set_regularization(net, kind, rate, &last);
}
NN_EXPORT double nn_reg_loss(const mlp *net) { return mlp_reg_loss(net); }

/* out: nn_unit_count * width * height floats, unit-major (see mlp_unit_maps). */
NN_EXPORT int nn_unit_count(const mlp *net) { return mlp_unit_count(net); }
NN_EXPORT int nn_unit_maps(mlp *net, double x_min, double x_max, double y_min, double y_max,
                           int width, int height, float *out)
{
    return mlp_unit_maps(net, x_min, x_max, y_min, y_max, width, height, out, &last);
}

/* A run's state as nn_state_size doubles (see mlp.h): save into out (room
   for count), load into a network of the same layers/output/features, or
   create a network from it (NULL on error, message in nn_error). */
NN_EXPORT int nn_state_size(const mlp *net) { return mlp_state_size(net); }
NN_EXPORT int nn_state_save(const mlp *net, double *out, int count)
{
    return mlp_state_save(net, out, count, &last);
}
NN_EXPORT int nn_state_load(mlp *net, const double *state, int count)
{
    return mlp_state_load(net, state, count, &last);
}
NN_EXPORT mlp *nn_create_from_state(const double *state, int count)
{
    return mlp_create_from_state(state, count, &last);
}

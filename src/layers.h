/* layers.h: the operations of the network, each a forward/backward pair.

   Every matrix of activations is (units x m) with points innermost: unit j of
   point p is at a[j*m + p]. Weights are (fan_in x fan_out) row-major, so
   W[i*fan_out + j] multiplies input unit i into output unit j. Argument order
   is outputs, then inputs, then sizes. */
#ifndef LAYERS_H
#define LAYERS_H

#include <stdint.h>

#include "mlp.h"

/* out = in W + b: out (fan_out x m), in (fan_in x m), W (fan_in x fan_out), b (fan_out). */
void dense_forward(double *out, const double *in, const double *W, const double *b,
                   int fan_in, int fan_out, int m);

/* From dout = dL/dout (fan_out x m):
   dW = in^T dout (fan_in x fan_out) and db = sum over points of dout (fan_out),
   skipped when dW is NULL; din = dout W^T (fan_in x m), skipped when din is
   NULL (the input layer needs no error signal). */
void dense_backward(double *dW, double *db, double *din, const double *dout,
                    const double *in, const double *W, int fan_in, int fan_out, int m);

/* a = act(a) in place, over count values. */
void activation_forward(double *a, int count, mlp_activation act);

/* d *= act'(z), with act' written in terms of the activation a = act(z)
   (sigmoid: a(1 - a); tanh: 1 - a^2; relu: 1 if a > 0; linear: 1), so the
   backward pass reuses the forward values, as the seed's h * (1 - h) does. */
void activation_backward(double *d, const double *a, int count, mlp_activation act);

/* p = softmax(z) per point, z and p (K x m). Subtracts each point's largest
   score before exponentiating, so logits of +-1000 give exact 0s and 1s. If
   lse is not NULL it receives log(sum_k e^{z_k}) per point (m). work is
   scratch for 2m doubles. */
void softmax_forward(double *p, double *lse, double *work, const double *z, int K, int m);

/* Mean cross-entropy -(1/m) sum_p log p[label_p], as lse_p - z[label_p][p]
   (log-softmax), which stays finite where log(p) would not. */
double cross_entropy_loss(const double *z, const double *lse, const int32_t *labels,
                          int K, int m);

/* The combined backward of softmax and cross-entropy: dz = (p - onehot(y)) / m. */
void softmax_xent_backward(double *dz, const double *p, const int32_t *labels, int K, int m);

/* Mean squared error (1/m) sum_p sum_k (yhat - t)^2, t (K x m), and its
   gradient dz = 2 (yhat - t) / m. */
double mse_loss(const double *yhat, const double *t, int K, int m);
void mse_backward(double *dz, const double *yhat, const double *t, int K, int m);

/* ---- float32 forward pass, for the decision-region grid (display only) ----

   Activations (units x m) float. The grid pads its blocks to a multiple of
   F32_CHUNK points, so the vector loops have no scalar remainder. */
#define F32_CHUNK 16
/* Most columns softmax_f32_pixels takes (the grid's block). */
#define F32_MAX_BLOCK 256
/* Row stride of the float activations: unit j of point p is at a[j*F32_STRIDE
   + p] whatever the block's width (at most F32_MAX_BLOCK points). */
#define F32_STRIDE F32_MAX_BLOCK
/* relu/linear values past this make the float pass give up (the caller then
   recomputes in double): far below float overflow. The output layer's
   F32_LOGIT_TERMS_LIMIT, not this, is what keeps the grid's bound. */
#define F32_VALUE_LIMIT 1e4f

/* The largest |bias| + sum |weight| |input| a unit of the output layer may
   have in the float pass (in the scaled units below): float rounds a sum
   relative to its terms, so a sum whose terms reach T is off by ~u T (u =
   2^-24) however small the sum itself, and where the classes meet a softmax
   passes half of that to a probability (measured: logits offset by a common
   1000, 1443 scaled, gave 2.1e-5). Softmax logits get 512 (scaled by log2 e,
   so ~355 natural), linear outputs 128 (they carry the whole error, and
   GRID_BOUND holds for them relative to max(1, |output|)). Past it the block
   is recomputed in double. */
#ifndef F32_LOGIT_TERMS_LIMIT
#define F32_LOGIT_TERMS_LIMIT 512.0
#endif
#define F32_OUTPUT_TERMS_LIMIT 128.0
/* mlp__grid_gain_ok's limit on its error estimate (grid_f32.c). */
#define F32_GAIN_LIMIT 4e-5

/* out = act(in W + b) in float32 over m points (a multiple of 8), rows
   F32_STRIDE apart: the sums in register tiles, then the activation in one
   pass per row. W and b are read as double and multiplied by scale before
   rounding to float:
   f32_act_scale(act) for a hidden layer (so sigmoid and tanh work in base 2
   at no cost per point), log2 e for softmax logits (softmax_f32_pixels
   expects them so), 1 for linear outputs. in_abs bounds the inputs' |values|
   over the block. Returns 0 (give up: the caller recomputes in double) if
   some relu/linear output is NaN or beyond +-F32_VALUE_LIMIT, or if some
   unit's |bias| + in_abs sum |weights| passes terms_limit; units whose
   parameters keep every output within half the value limit are not checked
   per point. *out_abs receives a bound on the outputs' |values| (1 for
   sigmoid and tanh, else the largest met or the units' bound). */
int dense_act_forward_f32(float *out, const float *in, const double *W, const double *b,
                          int fan_in, int fan_out, int m, mlp_activation act, double scale,
                          float in_abs, double terms_limit, float *out_abs);
float f32_act_scale(mlp_activation act);

/* Softmax of the first n of the m columns of z (K x m, logits times log2 e,
   overwritten), written pixel-major: out[q*K + k] = p_k of point q. */
void softmax_f32_pixels(float *out, float *z, int K, int m, int n);

#endif

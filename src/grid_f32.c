/* grid_f32.c: mlp_predict_grid's float32 path (predict.c has the checks,
   the float64 path and the loop over blocks). A grid block's forward pass
   runs four pixels per f32x4 SIMD vector: each dense layer's sums in
   register tiles of four units by eight pixels, then its activation in one
   plain pass per row (layers.h); for sigmoid and tanh networks, a first
   layer computed separably from one table of columns and one exponential
   per row segment. The display needs no more than float: the largest
   difference from the float64 path is held to 2e-5 in tests/c/test_grid_f32.c,
   for any weights, by sending networks and blocks where float could not
   keep it to the float64 path (mlp__grid_gain_ok, dense_act_forward_f32).
   Rows of float activations are F32_STRIDE apart whatever the block's width,
   so the inputs of a tile are one base address plus constant offsets.
   (Not done: tanh layers handing on u with tanh = 1 - 2u, the affine part in
   the next layer's weights: 3% faster, but its rounding then grows with |w|
   rather than |w tanh|; the tests' worst case went 1.2e-5 -> 1.45e-5, on a
   network that now takes the float64 path.) */
#include <math.h>

#include "fastmath.h"
#include "layers.h"
#include "mlp_internal.h"
#include "simd2.h"

/* The float rows (units x F32_STRIDE) fit in the first half of a double
   buffer of units x EVAL_BLOCK, beside the separable layer's column table
   (mlp_predict_grid puts it at units x EVAL_BLOCK floats). */
typedef char f32_stride_fits[F32_STRIDE <= EVAL_BLOCK ? 1 : -1];

/* Pixels (r, c), (r, c + 1), ... of a block: m points in rows of the grid,
   each row segment one loop without branches. seg(q, n, r, c) gets the block
   columns q..q+n-1, which are pixels (r, c..c+n-1). */
#define GRID_SEGMENTS(g, r, c, mp, BODY)                                          \
    for (q = 0; q < (mp); (r)++, (c) = 0) {                                       \
        int n = (g)->width - (c) < (mp) - q ? (g)->width - (c) : (mp) - q;        \
        BODY;                                                                      \
        q += n;                                                                    \
    }

/* Sigmoid and tanh networks: the first layer's scaled pre-activation at pixel
   (r, c) is t = s (b_j + W[0][j] x_c + W[1][j] y_r) = tx_j(c) + ty_j(r), so
   2^t = 2^tx 2^ty, and sigmoid2 = 1 / (1 + 2^t), tanh2 = 1 - 2 / (1 + 2^t)
   need one exp2 per column (a table made once per grid) and one per row
   segment instead of one per pixel. Used when |tx|, |ty| <= 125, where
   fmf_exp2 does not clamp (a product past float's range still gives the right
   saturated 0 or 1), and when the table fits beside the block's activations
   in the first hidden layer's buffer (width <= EVAL_BLOCK). */
int mlp__grid_separable(const mlp *net, double x_abs, double y_abs, int width)
{
    mlp__layer_view v = mlp__layer(net, 1);
    double s = f32_act_scale(net->desc.activation);
    int j;
    if (net->L < 2 || width > EVAL_BLOCK ||
        (net->desc.activation != MLP_SIGMOID && net->desc.activation != MLP_TANH))
        return 0;
    for (j = 0; j < v.fan_out; j++)
        if (!(fabs(s * v.W[j]) * x_abs <= 125.0) ||
            !(fabs(s) * (fabs(v.b[j]) + fabs(v.W[v.fan_out + j]) * y_abs) <= 125.0))
            return 0;
    return 1;
}

/* Whether a sigmoid or tanh network's float32 grid is within the stated
   bound (tests/c/test_grid_f32.c GRID_BOUND, 2e-5) wherever the window's
   |x|, |y| <= xy_abs, from its parameters alone (once per grid, nothing per
   pixel). A first-order estimate of the error, layer by layer, in natural
   units: D, the error of a layer's outputs, starts as the inputs' rounding
   u xy_abs (u = 2^-24); a layer's sums get G D + 2u T, G the largest L2 norm
   of a unit's weights (rounding errors of many inputs add like random
   ones, so the L2 and not the L1 norm; measured, the L1 product overstates a
   trained 2-8-8-8-4 tanh network's error 80 times), T the largest sum of
   |bias| + |weights| times the inputs' bound (the size of the sum's terms,
   which float rounds relative to); the activation then multiplies by its
   largest slope (1/4, 1) and adds its own error (2e-7, 3e-7); a softmax
   moves a probability by at most half its logits' error. It is not a proof
   (worst-case bounds, with L1 norms and every unit at its steepest,
   overstate a trained 2-8-8-8-4 tanh network's error 80 times, and would
   send the page's networks to float64); measured over 7,200 random networks
   (weight scales 1e-2 to 1e5, tests/c/test_grid_f32.c does a slice), the
   error of those kept in float32 was at most 0.31 of it, so an estimate
   within F32_GAIN_LIMIT (4e-5) keeps the error near 1.2e-5 at most; the
   bench's trained networks estimate 2.5e-6 to 1.4e-5. Also 0 if the output
   layer's terms pass F32_LOGIT_TERMS_LIMIT (F32_OUTPUT_TERMS_LIMIT). relu
   and linear networks are bounded per block instead (their value ranges are
   not known from the weights): always 1 for them. */
int mlp__grid_gain_ok(const mlp *net, double xy_abs)
{
    const double u = 0x1p-24;
    int act = net->desc.activation, l, i, j;
    double D = u * xy_abs, A = xy_abs, Dz = 0.0, T = 0.0;
    if (act != MLP_SIGMOID && act != MLP_TANH)
        return 1;
    for (l = 1; l <= net->L; l++) {
        mlp__layer_view v = mlp__layer(net, l);
        double G = 0.0;
        T = 0.0;
        for (j = 0; j < v.fan_out; j++) {
            double l1 = 0.0, l2 = 0.0, t;
            for (i = 0; i < v.fan_in; i++) {
                double wij = v.W[i * v.fan_out + j];
                l1 += fabs(wij);
                l2 += wij * wij;
            }
            l2 = sqrt(l2);
            t = fabs(v.b[j]) + A * l1;
            G = l2 > G || l2 != l2 ? l2 : G;            /* (NaN sticks) */
            T = t > T || t != t ? t : T;
        }
        Dz = G * D + 2.0 * u * T;
        D = act == MLP_SIGMOID ? 0.25 * Dz + 2e-7 : Dz + 3e-7;
        A = 1.0;
    }
    /* The output layer's terms (dense_act_forward_f32 checks them per block
       too, but here they depend on the weights alone: deciding once saves
       computing every block's float layers only to discard them). */
    if (net->desc.output == MLP_OUT_SOFTMAX)
        return 0.5 * Dz <= F32_GAIN_LIMIT && FMF_LOG2E * T <= F32_LOGIT_TERMS_LIMIT;
    return Dz <= F32_GAIN_LIMIT && T <= F32_OUTPUT_TERMS_LIMIT;
}

void mlp__grid_column_table(const mlp *net, const grid_view *g)
{
    mlp__layer_view v = mlp__layer(net, 1);
    double s = f32_act_scale(net->desc.activation);
    int j, c;
    for (j = 0; j < v.fan_out; j++)
        for (c = 0; c < g->width; c++)
            g->ex[(long)j * g->width + c] =
                fmf_exp2((float)(s * v.W[j] * (g->x_min + (c + 0.5) * g->dx)));
}

/* h[i] = act(ex[i] ey) over one row segment. */
static void separable_segment(float *restrict h, const float *restrict ex, float ey, int n,
                              int tanh_)
{
    const float one = fmf__k.one, two = fmf__k.two;
    int i;
    if (tanh_)
        for (i = 0; i < n; i++)
            h[i] = one - two / (one + ex[i] * ey);
    else
        for (i = 0; i < n; i++)
            h[i] = one / (one + ex[i] * ey);
}

/* The first hidden layer, h (units_1 x mp), of the block from pixel (r, c). */
static void grid_first_layer(float *h, const mlp *net, const grid_view *g, int r, int c, int mp)
{
    mlp__layer_view v = mlp__layer(net, 1);
    double s = f32_act_scale(net->desc.activation);
    int q, j, tanh_ = net->desc.activation == MLP_TANH;
    GRID_SEGMENTS(g, r, c, mp, {
        double y = g->y_max - (r + 0.5) * g->dy;
        for (j = 0; j < v.fan_out; j++)
            separable_segment(h + (long)j * F32_STRIDE + q, g->ex + (long)j * g->width + c,
                              fmf_exp2((float)(s * (v.b[j] + v.W[v.fan_out + j] * y))), n, tanh_);
    })
}

/* One block of m grid pixels, starting at pixel (r, c): out receives their
   outputs. The float activations live in the evaluation workspace's double
   buffers (each holds twice what the float block needs; every value is
   written as float before it is read as float). The block is padded to a
   multiple of F32_CHUNK with pixels past its end, computed and not written.
   Returns 0, having written nothing, if a value ran out of float's
   comfortable range: the caller then recomputes the block in double. */
int mlp__grid_block_f32(mlp *net, float *out, const grid_view *g, int r, int c, int m)
{
    workspace *w = &net->eval;
    int mp = (m + F32_CHUNK - 1) / F32_CHUNK * F32_CHUNK, q, l = 1, L = net->L, K;
    float *in = (float *)w->act[0], *z = (float *)w->logits, in_abs;
    if (g->ex) {
        grid_first_layer((float *)w->act[1], net, g, r, c, mp);
        in = (float *)w->act[1];
        l = 2;
    } else {
        GRID_SEGMENTS(g, r, c, mp, {            /* pixel (r, c) -> centre (x, y) */
            float y = (float)(g->y_max - (r + 0.5) * g->dy);
            int i;
            for (i = 0; i < n; i++) {
                in[q + i] = (float)(g->x_min + (c + i + 0.5) * g->dx);
                in[F32_STRIDE + q + i] = y;
            }
        })
    }
    /* in_abs: a bound on |inputs| over the block: the window's for the
       pixel's (x, y), 1 for sigmoid and tanh outputs, the largest value met
       for relu and linear ones (dense_act_forward_f32 reports it). */
    in_abs = l == 1 ? g->xy_abs : 1.0f;
    for (; l <= L; l++) {
        mlp__layer_view v = mlp__layer(net, l);
        float *a = l < L ? (float *)w->act[l] : z;
        double scale = l < L ? f32_act_scale(net->desc.activation)
                       : net->desc.output == MLP_OUT_SOFTMAX ? FMF_LOG2E : 1.0;
        if (!dense_act_forward_f32(a, in, v.W, v.b, v.fan_in, v.fan_out, mp,
                                   l < L ? net->desc.activation : MLP_LINEAR, scale, in_abs,
                                   l < L                                  ? HUGE_VAL
                                   : net->desc.output == MLP_OUT_SOFTMAX ? F32_LOGIT_TERMS_LIMIT
                                                                         : F32_OUTPUT_TERMS_LIMIT,
                                   &in_abs))
            return 0;
        in = a;
    }
    K = mlp__outputs(net);
    if (net->desc.output == MLP_OUT_SOFTMAX) {
        softmax_f32_pixels(out, z, K, F32_STRIDE, m);
    } else {
        int k;
        for (q = 0; q < m; q++)
            for (k = 0; k < K; k++)
                out[(long)q * K + k] = z[(long)k * F32_STRIDE + q];
    }
    return 1;
}

/* ---- the float32 dense layer and softmax (layers.h) ------------------------ */

/* Four floats as one SIMD register (wasm f32x4, SSE2), or a plain struct
   (SIMD2_PORTABLE, as in simd2.h). Explicit because clang leaves a tile of
   sums kept across a loop over inputs scalar (measured: 2x slower). */
#if defined(__wasm_simd128__) && !defined(SIMD2_PORTABLE)
#include <wasm_simd128.h>
typedef v128_t f4;
#define f4_load(p) wasm_v128_load(p)
#define f4_store(p, v) wasm_v128_store((p), (v))
#define f4_splat(p) wasm_v128_load32_splat(p)
#define f4_add(a, b) wasm_f32x4_add((a), (b))
#define f4_mul(a, b) wasm_f32x4_mul((a), (b))
#elif defined(__SSE2__) && !defined(SIMD2_PORTABLE)
#include <emmintrin.h>
typedef __m128 f4;
#define f4_load(p) _mm_loadu_ps(p)
#define f4_store(p, v) _mm_storeu_ps((p), (v))
#define f4_splat(p) _mm_set1_ps(*(p))
#define f4_add(a, b) _mm_add_ps((a), (b))
#define f4_mul(a, b) _mm_mul_ps((a), (b))
#else
typedef struct {
    float v[4];
} f4;
static inline f4 f4_load(const float *p)
{
    f4 r;
    r.v[0] = p[0], r.v[1] = p[1], r.v[2] = p[2], r.v[3] = p[3];
    return r;
}
static inline void f4_store(float *p, f4 a) { p[0] = a.v[0], p[1] = a.v[1], p[2] = a.v[2], p[3] = a.v[3]; }
static inline f4 f4_splat(const float *p)
{
    f4 r;
    r.v[0] = r.v[1] = r.v[2] = r.v[3] = *p;
    return r;
}
static inline f4 f4_add(f4 a, f4 b)
{
    a.v[0] += b.v[0], a.v[1] += b.v[1], a.v[2] += b.v[2], a.v[3] += b.v[3];
    return a;
}
static inline f4 f4_mul(f4 a, f4 b)
{
    a.v[0] *= b.v[0], a.v[1] *= b.v[1], a.v[2] *= b.v[2], a.v[3] *= b.v[3];
    return a;
}
#endif

/* Units 0..U-1 (U = 4, 2 or 1, a constant in each call) over m points, m a
   multiple of 8: out[u][p] = b[u] + sum_i w[i][u] in[i][p], w (fan_in x 4).
   The U x 8 sums of eight points stay in registers across the inputs, so
   each input vector is loaded once for U units and each weight splatted
   once for eight points: measured in V8, 14% off the 2-8-8-8-4 grid against
   one pass per unit over its inputs (8 loads, 8 address adds and spilled
   weights per four points). Eight units by four points was slower. */
static inline void tile_f32(float *restrict out, const float *restrict in,
                            const float *restrict w, const float *restrict b, int fan_in, int m,
                            int U)
{
    int p, i, u;
    for (p = 0; p < m; p += 8) {
        f4 acc0[4], acc1[4];
        for (u = 0; u < U; u++)
            acc0[u] = acc1[u] = f4_splat(b + u);
        for (i = 0; i < fan_in; i++) {
            const float *x = in + (long)i * F32_STRIDE + p;
            f4 x0 = f4_load(x), x1 = f4_load(x + 4);
            for (u = 0; u < U; u++) {
                f4 wv = f4_splat(w + i * 4 + u);
                acc0[u] = f4_add(acc0[u], f4_mul(wv, x0));
                acc1[u] = f4_add(acc1[u], f4_mul(wv, x1));
            }
        }
        for (u = 0; u < U; u++) {
            f4_store(out + (long)u * F32_STRIDE + p, acc0[u]);
            f4_store(out + (long)u * F32_STRIDE + p + 4, acc1[u]);
        }
    }
}

/* The relu/linear range check over row z (relu applied): 0 if a value is
   NaN or beyond +-F32_VALUE_LIMIT; *row_abs receives the largest |value|
   (the next layer's bound on its inputs). "0 < v ? v : 0" is the form clang
   makes one f32x4.pmax of (one x86 instruction in V8); "v > 0 ? v : 0"
   becomes a compare and a bitselect. The largest value is kept as the bits
   of the non-negative floats, whose order as integers is theirs: clang
   vectorises an integer max (i32x4.max_s) but not a float one, which must
   keep NaN's order (measured: the float form left the loop scalar, the
   64-wide relu grids 30% slower). */
static int check_row_f32(float *restrict z, int m, int relu, float *row_abs)
{
    const float lim = F32_VALUE_LIMIT;
    int32_t mx = 0, bits;
    int p, bad = 0;
    if (relu)
        for (p = 0; p < m; p++) {
            float v = z[p], r = 0.0f < v ? v : 0.0f;
            bad |= !(v <= lim);
            memcpy(&bits, &r, sizeof bits);
            mx = mx < bits ? bits : mx;
            z[p] = r;
        }
    else
        for (p = 0; p < m; p++) {
            float v = fabsf(z[p]);
            bad |= !(v <= lim);               /* !(|v| <= lim) also catches NaN */
            memcpy(&bits, &v, sizeof bits);
            mx = mx < bits ? bits : mx;
        }
    memcpy(row_abs, &mx, sizeof mx);
    return !bad;
}

/* sigmoid2 or tanh2 over the n values of row z (sigmoid and tanh hidden
   layers). A pass of its own after the sums: with every constant of the
   activation in a register it runs at ~20 instructions per four points,
   where fused into the sums' loop V8 spilled them (measured: 6% off the
   2-8-8-8-4 grid). */
static void act_row_f32(float *restrict z, int n, int tanh_)
{
    int p;
    if (tanh_)
        for (p = 0; p < n; p++)
            z[p] = fmf_tanh2(z[p]);
    else
        for (p = 0; p < n; p++)
            z[p] = fmf_sigmoid2(z[p]);
}

float f32_act_scale(mlp_activation act)
{
    return act == MLP_SIGMOID ? -FMF_LOG2E : act == MLP_TANH ? 2.0f * FMF_LOG2E : 1.0f;
}

/* The float weights and biases of units j..j+U-1, times scale (w32 is
   fan_in x 4). Returns the largest |bias| + in_abs sum |weights| over the
   units (NaN if a parameter is): with inputs within +-in_abs, the largest
   magnitude of a sum's terms, so no output passes it. */
static double tile_weights(float *w32, float *b32, const double *W, const double *b, int fan_in,
                           int fan_out, int j, int U, double scale, double in_abs)
{
    double bound = 0.0;
    int i, u;
    for (u = 0; u < U; u++) {
        double sum = 0.0;
        b32[u] = (float)(b[j + u] * scale);
        for (i = 0; i < fan_in; i++) {
            w32[i * 4 + u] = (float)(W[i * fan_out + j + u] * scale);
            sum += fabs(w32[i * 4 + u]);
        }
        sum = fabs(b32[u]) + in_abs * sum;
        bound = sum > bound || sum != sum ? sum : bound;
    }
    return bound;
}

int dense_act_forward_f32(float *out, const float *in, const double *W, const double *b,
                          int fan_in, int fan_out, int m, mlp_activation act, double scale,
                          float in_abs, double terms_limit, float *out_abs)
{
    int smooth = act == MLP_SIGMOID || act == MLP_TANH, j, u, U;
    float w32[MLP_MAX_UNITS * 4], b32[4], layer_abs = 0.0f;
    for (j = 0; j < fan_out; j += U) {
        float *z = out + (long)j * F32_STRIDE, row_abs;
        double bound;
        /* Linear outputs provably within range need no check per pixel
           (half the limit leaves room for float rounding): the page's
           sigmoid and tanh networks' logits, 9% off the 2-4-4 grid; relu
           rows are checked in the pass that applies the relu. */
        int checked;
        U = fan_out - j >= 4 ? 4 : fan_out - j >= 2 ? 2 : 1;
        bound = tile_weights(w32, b32, W, b, fan_in, fan_out, j, U, scale, in_abs);
        if (!(bound <= terms_limit))    /* (NaN too) */
            return 0;
        checked = act == MLP_RELU || (!smooth && !(bound <= 0.5 * F32_VALUE_LIMIT));
        if (U == 4)
            tile_f32(z, in, w32, b32, fan_in, m, 4);
        else if (U == 2)
            tile_f32(z, in, w32, b32, fan_in, m, 2);
        else
            tile_f32(z, in, w32, b32, fan_in, m, 1);
        for (u = 0; u < U; u++) {
            if (smooth) {
                act_row_f32(z + (long)u * F32_STRIDE, m, act == MLP_TANH);
                row_abs = 1.0f;
            } else if (!checked)
                row_abs = (float)bound;
            else if (!check_row_f32(z + (long)u * F32_STRIDE, m, act == MLP_RELU, &row_abs))
                return 0;
            layer_abs = layer_abs < row_abs ? row_abs : layer_abs;
        }
    }
    *out_abs = smooth ? 1.0f : layer_abs;
    return 1;
}

/* Largest of two floats, as a select written in the form clang makes one
   f32x4.pmax of (the softmax's max was a compare and bitselect as
   "a > b ? a : b": measured 12% off the 2-4-4 grid). No NaN reaches the
   softmax, the layers having checked their range or bounded it. */
static inline float max_f32(float a, float b) { return a < b ? b : a; }

/* Softmax of four classes in one pass per point, all in registers (the
   seed's and the page's default network), written back to z unit-major,
   then transposed to pixel-major out four pixels at a time (simd2.h). */
static void softmax4_f32_pixels(float *restrict out, float *restrict z, int m, int n)
{
    float *restrict z0 = z, *restrict z1 = z + m, *restrict z2 = z + 2 * (long)m,
                    *restrict z3 = z + 3 * (long)m;
    int q;
    for (q = 0; q < n; q++) {
        float mx = max_f32(max_f32(z0[q], z1[q]), max_f32(z2[q], z3[q]));
        float e0 = fmf_exp2_nonpositive(z0[q] - mx), e1 = fmf_exp2_nonpositive(z1[q] - mx),
              e2 = fmf_exp2_nonpositive(z2[q] - mx), e3 = fmf_exp2_nonpositive(z3[q] - mx);
        float inv = fmf__k.one / ((e0 + e1) + (e2 + e3));
        z0[q] = e0 * inv;
        z1[q] = e1 * inv;
        z2[q] = e2 * inv;
        z3[q] = e3 * inv;
    }
    for (q = 0; q + 4 <= n; q += 4)
        transpose_store4(out + 4 * q, z0 + q, z1 + q, z2 + q, z3 + q);
    for (; q < n; q++) {
        out[4 * q] = z0[q];
        out[4 * q + 1] = z1[q];
        out[4 * q + 2] = z2[q];
        out[4 * q + 3] = z3[q];
    }
}

void softmax_f32_pixels(float *out, float *z, int K, int m, int n)
{
    float mx[F32_MAX_BLOCK], s[F32_MAX_BLOCK];
    int k, q;
    if (K == 4) {
        softmax4_f32_pixels(out, z, m, n);
        return;
    }
    for (q = 0; q < n; q++)
        mx[q] = z[q];
    for (k = 1; k < K; k++)
        for (q = 0; q < n; q++)
            mx[q] = max_f32(z[(long)k * m + q], mx[q]);
    for (q = 0; q < n; q++)
        s[q] = 0.0f;
    for (k = 0; k < K; k++)                 /* 2^{z - max} = e^{(z - max) / log2 e}, summed */
        for (q = 0; q < n; q++) {
            float e = fmf_exp2_nonpositive(z[(long)k * m + q] - mx[q]);
            z[(long)k * m + q] = e;
            s[q] += e;
        }
    for (q = 0; q < n; q++)
        s[q] = fmf__k.one / s[q];
    if (K == 2) {                           /* two classes: interleaved by shuffles */
        for (q = 0; q < n; q++) {
            z[q] *= s[q];
            z[m + q] *= s[q];
        }
        for (q = 0; q + 4 <= n; q += 4)
            interleave_store2(out + 2 * q, z + q, z + m + q);
        for (; q < n; q++) {
            out[2 * q] = z[q];
            out[2 * q + 1] = z[m + q];
        }
        return;
    }
    for (q = 0; q < n; q++)                 /* unit-major block -> pixel-major out */
        for (k = 0; k < K; k++)
            out[(long)q * K + k] = z[(long)k * m + q] * s[q];
}

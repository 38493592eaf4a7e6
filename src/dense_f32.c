/* dense_f32.c: the float32 dense layer and softmax of the grid's float32
   path (grid_f32.c runs them block by block; declared in layers.h). A dense
   layer's sums run over register tiles of 4 units x 8 pixels, explicit f32x4
   SIMD (wasm, SSE2 or plain C); then its activation, or the relu/linear range
   check, in one plain pass per row. Rows of float activations are
   F32_STRIDE apart whatever the block's width. A layer reports 0 when float
   cannot keep the grid's bound there (values beyond +-F32_VALUE_LIMIT, or
   terms beyond the caller's limit), and the block is recomputed in float64. */
#include <math.h>
#include <string.h>

#include "fastmath.h"
#include "layers.h"
#include "mlp_internal.h"
#include "simd2.h"

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

/* limits.c: the table of limits (mlp.h's MLP_LIMIT_LIST), the check of a
   value against one, and its message, with numbers written as JavaScript
   writes them so that the wrapper's own checks produce the very same text. */
#include <math.h>
#ifndef __EMSCRIPTEN__
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#endif

#include "mlp_internal.h"

static const char *const kind_names[] = {
#define MLP__KIND_NAME(id, name, rule) name,
    MLP_LIMIT_KINDS(MLP__KIND_NAME)
#undef MLP__KIND_NAME
};

static const char *const kind_rules[] = {
#define MLP__KIND_RULE(id, name, rule) rule,
    MLP_LIMIT_KINDS(MLP__KIND_RULE)
#undef MLP__KIND_RULE
};

static const mlp_limit limits[] = {
#define MLP__LIMIT_ROW(id, name, lo, hi, kind) {name, lo, hi, kind},
    MLP_LIMIT_LIST(MLP__LIMIT_ROW)
#undef MLP__LIMIT_ROW
};

static const char *const keys[] = {
#define MLP__LIMIT_KEY(id, name, lo, hi, kind) #id,
    MLP_LIMIT_LIST(MLP__LIMIT_KEY)
#undef MLP__LIMIT_KEY
};

const char *mlp_limit_key(int id)
{
    return id >= 0 && id < MLP_LIMIT_COUNT ? keys[id] : NULL;
}

const mlp_limit *mlp_limit_get(int id)
{
    return id >= 0 && id < MLP_LIMIT_COUNT ? &limits[id] : NULL;
}

const char *mlp_limit_kind_name(int kind)
{
    return kind >= 0 && kind < MLP_LIMIT_KIND_COUNT ? kind_names[kind] : NULL;
}

const char *mlp_limit_rule(int kind)
{
    return kind >= 0 && kind < MLP_LIMIT_KIND_COUNT ? kind_rules[kind] : NULL;
}

int mlp_limit_ok(int id, double v)
{
    const mlp_limit *lim = mlp_limit_get(id);
    if (!lim || v != v)
        return 0;
    switch (lim->kind) {
    case MLP_LIMIT_INT:
        return v >= lim->min && v <= lim->max && v == floor(v);
    case MLP_LIMIT_REAL_ABOVE:
        return v > lim->min && v <= lim->max;
    default:
        return v >= lim->min && v <= lim->max;
    }
}

/* Appends src to buf (of size `size`, holding `len` characters); returns the new length. */
static size_t append(char *buf, size_t size, size_t len, const char *src)
{
    while (*src && len + 1 < size)
        buf[len++] = *src++;
    buf[len < size ? len : size - 1] = '\0';
    return len;
}

int mlp_limit_fail(mlp_error *err, int id, const char *field, double v)
{
    const mlp_limit *lim = mlp_limit_get(id);
    char num[32], msg[sizeof err->msg];
    const char *r;
    size_t len = 0;
    if (!lim)
        return mlp__fail(err, MLP_E_ARG, "unknown limit %d", id);
    len = append(msg, sizeof msg, len, field ? field : lim->name);
    len = append(msg, sizeof msg, len, " must be ");
    for (r = kind_rules[lim->kind]; *r; r++) {              /* the rule, %1 and %2 replaced */
        char one[2] = {0, 0};
        if (r[0] == '%' && (r[1] == '1' || r[1] == '2')) {
            mlp_format_number(num, sizeof num, r[1] == '1' ? lim->min : lim->max);
            len = append(msg, sizeof msg, len, num);
            r++;
            continue;
        }
        one[0] = *r;
        len = append(msg, sizeof msg, len, one);
    }
    mlp_format_number(num, sizeof num, v);
    len = append(msg, sizeof msg, len, ", got ");
    append(msg, sizeof msg, len, num);
    return mlp__fail(err, MLP_E_ARG, "%s", msg);
}

#ifdef __EMSCRIPTEN__
/* In the wasm, JavaScript writes the number (wasm_api.c): String(v) is what
   the C below reproduces, and that C would link printf and strtod (about
   8 KB of the gzipped wasm) for error messages alone. tests/node/format.test.js
   compares this C with String(v) over many values. */
void mlp__js_format_number(double v, char *buf, int size);

void mlp_format_number(char *buf, size_t size, double v)
{
    if (size)                          /* String(v) has at most 24 characters */
        mlp__js_format_number(v, buf, size > 64 ? 64 : (int)size);
}
#else
/* digits and n for the value c * 10^e10 (c > 0), trailing zeros dropped. */
static int integer_digits(unsigned long long c, int e10, char *digits, int *n)
{
    char tmp[24];
    int k = snprintf(tmp, sizeof tmp, "%llu", c);
    *n = k + e10;
    while (k > 1 && tmp[k - 1] == '0')
        k--;
    memcpy(digits, tmp, (size_t)k);
    digits[k] = '\0';
    return k;
}

/* Splits v > 0 (finite) into its shortest decimal digits and the exponent
   n such that v = 0.d1d2...dk * 10^n, as ECMAScript's Number::toString
   defines them: the fewest digits that read back as exactly v, the closest
   to v among those. With p digits, that is v rounded to p digits or, when
   that does not read back, sometimes its neighbour one unit of the last
   digit away (e.g. 5.858190679279809e-244, where rounding gives ...808). */
static int shortest_digits(double v, char *digits, int *n)
{
    char tmp[40], *e, *t;
    int p, x, d;
    for (p = 1; p <= 17; p++) {
        unsigned long long c = 0;
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
        e = strchr(tmp, 'e');
        x = atoi(e + 1);
        for (t = tmp; t < e; t++)                /* "d.ddd" -> the integer dddd */
            if (*t >= '0' && *t <= '9')
                c = c * 10 + (unsigned long long)(*t - '0');
        if (strtod(tmp, NULL) == v)
            return integer_digits(c, x - p + 1, digits, n);
        for (d = -1; d <= 1; d += 2) {
            char near[40];
            snprintf(near, sizeof near, "%llue%d", c + (unsigned long long)d, x - p + 1);
            if (c + (unsigned long long)d > 0 && strtod(near, NULL) == v)
                return integer_digits(c + (unsigned long long)d, x - p + 1, digits, n);
        }
    }
    return 0;                                    /* not reached: 17 digits always read back */
}

void mlp_format_number(char *buf, size_t size, double v)
{
    char digits[24], out[48];
    int k, n, i, len = 0;
    if (v != v) {
        snprintf(buf, size, "NaN");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (v == 0) {                                /* also -0, as String(-0) */
        snprintf(buf, size, "0");
        return;
    }
    if (v < 0)
        out[len++] = '-';
    k = shortest_digits(fabs(v), digits, &n);
    if (k <= n && n <= 21) {                    /* an integer: digits, then zeros */
        for (i = 0; i < k; i++) out[len++] = digits[i];
        for (i = k; i < n; i++) out[len++] = '0';
    } else if (0 < n && n <= 21) {              /* a point inside the digits */
        for (i = 0; i < n; i++) out[len++] = digits[i];
        out[len++] = '.';
        for (i = n; i < k; i++) out[len++] = digits[i];
    } else if (-6 < n && n <= 0) {              /* 0.000ddd */
        out[len++] = '0';
        out[len++] = '.';
        for (i = 0; i < -n; i++) out[len++] = '0';
        for (i = 0; i < k; i++) out[len++] = digits[i];
    } else {                                    /* d.ddde+x */
        out[len++] = digits[0];
        if (k > 1) {
            out[len++] = '.';
            for (i = 1; i < k; i++) out[len++] = digits[i];
        }
        len += snprintf(out + len, sizeof out - (size_t)len, "e%c%d", n - 1 >= 0 ? '+' : '-',
                        abs(n - 1));
    }
    out[len] = '\0';
    snprintf(buf, size, "%s", out);
}
#endif

/* format.c: the core's messages are written here, not by printf. The core's
   formats use only %s, %d, %ld, %u, %c and %% (tests/node/format.test.js
   checks every format string in src/), and its numbers go through
   mlp_format_number (limits.c); linking printf for that much cost the wasm
   about 8 KB gzip (printf's float and long-double code, and strtod). The
   output is exactly snprintf's for those conversions, truncation included
   (tests/c/test_format.c compares the two). */
#include <stdarg.h>

#include "mlp_internal.h"

/* Appends c at out[*len] while there is room for it and the final '\0'. */
static void put(char *out, size_t size, size_t *len, char c)
{
    if (*len + 1 < size)
        out[*len] = c;
    (*len)++;
}

/* Writes v in decimal, with a '-' when negative. */
static void put_integer(char *out, size_t size, size_t *len, long v, int is_unsigned)
{
    char digits[24];
    int n = 0;
    /* Unsigned arithmetic, so that the most negative long needs no special case. */
    unsigned long u = is_unsigned || v >= 0 ? (unsigned long)v : 0UL - (unsigned long)v;
    if (!is_unsigned && v < 0)
        put(out, size, len, '-');
    do {
        digits[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    while (n)
        put(out, size, len, digits[--n]);
}

int mlp__vformat(char *out, size_t size, const char *fmt, va_list ap)
{
    size_t len = 0;
    const char *s;
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(out, size, &len, *fmt);
            continue;
        }
        switch (*++fmt) {
        case 's':
            for (s = va_arg(ap, const char *); *s; s++)
                put(out, size, &len, *s);
            break;
        case 'd':
            put_integer(out, size, &len, va_arg(ap, int), 0);
            break;
        case 'u':
            put_integer(out, size, &len, (long)va_arg(ap, unsigned), 1);
            break;
        case 'l':                                /* %ld */
            fmt++;
            put_integer(out, size, &len, va_arg(ap, long), 0);
            break;
        case 'c':
            put(out, size, &len, (char)va_arg(ap, int));
            break;
        case '%':
            put(out, size, &len, '%');
            break;
        default:                                 /* not a format the core uses */
            return -1;
        }
    }
    if (size)
        out[len < size ? len : size - 1] = '\0';
    return (int)len;
}

int mlp__format(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = mlp__vformat(out, size, fmt, ap);
    va_end(ap);
    return n;
}

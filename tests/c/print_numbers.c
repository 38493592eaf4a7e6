/* print_numbers.c: prints mlp_format_number(v) for each double read from
   standard input, one 16-digit hex bit pattern a line, so that
   tests/node/format.test.js can compare the native C (snprintf and strtod)
   with JavaScript's String(v), which the wasm build uses instead. Not a
   suite of its own (no test_ prefix): the Node test builds and runs it. */
#include <stdio.h>
#include <string.h>

#include "mlp.h"

int main(void)
{
    unsigned long long bits;
    while (scanf("%16llx", &bits) == 1) {
        double v;
        char buf[48];
        memcpy(&v, &bits, sizeof v);
        mlp_format_number(buf, sizeof buf, v);
        puts(buf);
    }
    return 0;
}

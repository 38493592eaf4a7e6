/* trig_compare.c: src/wasm_trig.c's sin and cos (compiled with -Dsin=trig_sin
   -Dcos=trig_cos) against Emscripten's libc ones (musl's), bit for bit, on
   many arguments below 2^20 pi/2, the range wasm_trig.c keeps; built with
   emcc and run by tests/node/trig.test.js. Prints "N values, S sin differ,
   C cos differ" and the first differences. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

double trig_sin(double x);
double trig_cos(double x);

static uint64_t state = 88172645463325252ULL;
static long count, bad_sin, bad_cos;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double uniform(void) { return (double)(next() >> 11) * 0x1.0p-53; }

static int same(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static void check(double x)
{
    double s = sin(x), c = cos(x), ts = trig_sin(x), tc = trig_cos(x);
    count++;
    if (!same(s, ts) && bad_sin++ < 5)
        printf("sin(%.17g) = %.17g, libc %.17g\n", x, ts, s);
    if (!same(c, tc) && bad_cos++ < 5)
        printf("cos(%.17g) = %.17g, libc %.17g\n", x, tc, c);
}

int main(void)
{
    const double limit = 1647099.0; /* just below 2^20 pi/2 */
    long i;
    for (i = 0; i < 3000000; i++) check((uniform() * 2 - 1) * limit);
    for (i = 0; i < 1000000; i++) check((uniform() * 2 - 1) * 10);
    for (i = 0; i < 1000000; i++) check(uniform() * 6.283185307179586);
    for (i = 0; i < 500000; i++) check((uniform() * 2 - 1) * pow(2, (double)(next() % 80) - 60));
    for (i = -1048575; i <= 1048575; i += 3) { /* the multiples of pi/2 and their neighbours */
        double x = (double)i * 1.5707963267948966;
        check(x);
        check(nextafter(x, 1e300));
        check(nextafter(x, -1e300));
    }
    for (i = 0; i < 500000; i++) {
        uint64_t bits = next();
        double x;
        memcpy(&x, &bits, sizeof x);
        if (fabs(x) < limit || x != x || isinf(x))
            check(x);
    }
    check(0.0);
    check(-0.0);
    check(INFINITY);
    check(-INFINITY);
    check(NAN);
    printf("%ld values, %ld sin differ, %ld cos differ\n", count, bad_sin, bad_cos);
    return 0;
}

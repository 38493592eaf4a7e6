/* test_format.c: format.c's mlp__format, which writes the core's messages
   instead of snprintf (so the wasm links no printf), against the C library's
   snprintf: the same text, the same length returned and the same truncation,
   for every conversion the core uses (%s %d %ld %u %c %%), over many values
   and buffer sizes. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mlp_internal.h"

/* Both writers over every buffer size from 0 to 40, after filling the buffer
   with '#', so a byte written past the end would show. */
#define SAME(fmt, ...)                                                                   \
    do {                                                                                 \
        char want[64], got[64];                                                          \
        int size, nw, ng, bad = 0;                                                       \
        for (size = 0; size <= 40; size++) {                                             \
            memset(want, '#', sizeof want);                                              \
            memset(got, '#', sizeof got);                                                \
            nw = snprintf(want, (size_t)size, fmt, __VA_ARGS__);                         \
            ng = mlp__format(got, (size_t)size, fmt, __VA_ARGS__);                       \
            if (nw != ng || memcmp(want, got, sizeof want) != 0)                         \
                bad++;                                                                   \
        }                                                                                \
        snprintf(want, sizeof want, fmt, __VA_ARGS__);                                   \
        mlp__format(got, sizeof got, fmt, __VA_ARGS__);                                  \
        CHECK(bad == 0, "\"%s\": %d of 41 sizes differ; full text \"%s\", want \"%s\"", \
              fmt, bad, got, want);                                                      \
    } while (0)

static const int ints[] = {0, 1, -1, 7, 9, 10, -10, 99, 100, 12345, -98765, 2147483647,
                           INT_MIN, INT_MIN + 1, 1000000000, -1000000000};
static const long longs[] = {0L, 1L, -1L, 19L, 65535L, LONG_MAX, LONG_MIN, -4294967296L / 2};

static void integers(void)
{
    size_t i, j;
    for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        SAME("%d", ints[i]);
        SAME("index must be an integer from 0 to %d, got %d", ints[i], -ints[i] / 3);
        SAME("(features %u), got %d", (unsigned)ints[i], ints[i]);
        for (j = 0; j < sizeof longs / sizeof longs[0]; j++)
            SAME("state needs room for %ld values, got %d", longs[j], ints[i]);
    }
    SAME("%u", 4294967295u);
    SAME("%u", 0u);
}

static void text(void)
{
    static const char *const words[] = {"", "x", "predictGrid", "learning rate", "quadrants",
                                        "a long field name that runs past the buffer's end"};
    size_t i;
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        SAME("%s", words[i]);
        SAME("%s[%ld]", words[i], (long)i * 1000);
        SAME("dataset '%s' needs layers [2, ..., %d] with a softmax output", words[i], (int)i);
        SAME("e%c%d", i % 2 ? '+' : '-', (int)i * 101);
        SAME("100%% of %s", words[i]);
    }
    SAME("%s", "no conversion at all");
    SAME("state.%s must be an integer from %s to %s, got %s", "count", "0", "1e+21", "NaN");
}

static void refuses_other_conversions(void)
{
    char buf[32];
    CHECK(mlp__format(buf, sizeof buf, "%f", 1.5) == -1, "%%f is not one of the core's formats");
    CHECK(mlp__format(buf, sizeof buf, "%x", 15) == -1, "%%x is not one of the core's formats");
}

/* Messages built through mlp__fail read as before (the wasm once used vsnprintf). */
static void messages(void)
{
    mlp_error err;
    double state[64] = {0};
    mlp_desc d;
    mlp *net;
    mlp_desc_defaults(&d);
    net = mlp_create(&d, &err);
    CHECK(net != NULL, "the default network is created: %s", err.msg);
    if (!net)
        return;
    CHECK(mlp_state_load(net, state, 64, &err) == MLP_E_ARG &&
              strstr(err.msg, "state.magic must be 1296846848: this is not a saved run") != NULL,
          "message \"%s\"", err.msg);
    CHECK(mlp_set_learning_rate(net, -2.5, &err) == MLP_E_ARG &&
              strcmp(err.msg, "learningRate must be a number above 0 and at most 1000000, got -2.5") == 0,
          "message \"%s\"", err.msg);
    mlp_destroy(net);
}

int main(void)
{
    integers();
    text();
    refuses_other_conversions();
    messages();
    return check_summary();
}

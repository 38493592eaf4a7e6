/* test_limits.c: the limits table (MLP_LIMIT_LIST in mlp.h), the check of a
   value against a limit, and its message, whose numbers must read exactly as
   JavaScript's String(v) writes them (the wrapper builds the same message
   from the generated table, and tests/node/limits.test.js compares the two). */
#include <math.h>
#include <string.h>

#include "check.h"
#include "mlp.h"

/* mlp_format_number(v) against String(v) as Node prints it. */
static void number(double v, const char *want)
{
    char buf[48];
    mlp_format_number(buf, sizeof buf, v);
    CHECK(strcmp(buf, want) == 0, "format(%.17g) = \"%s\", want \"%s\"", v, buf, want);
}

static void formats_like_javascript(void)
{
    number(0.0, "0");
    number(-0.0, "0");
    number(1, "1");
    number(-1, "-1");
    number(100, "100");
    number(0.1, "0.1");
    number(-0.1, "-0.1");
    number(1.5, "1.5");
    number(0.1 + 0.2, "0.30000000000000004");
    number(1e6, "1000000");
    number(1e6 + 1, "1000001");
    number(4294967295.0, "4294967295");
    number(1e12, "1000000000000");
    number(123456789012345680000.0, "123456789012345680000");
    number(1e21, "1e+21");
    number(1.5e21, "1.5e+21");
    number(1e-6, "0.000001");
    number(1.5e-6, "0.0000015");
    number(1e-7, "1e-7");
    number(1.25e-7, "1.25e-7");
    number(5e-324, "5e-324");
    number(1.7976931348623157e308, "1.7976931348623157e+308");
    number(2.5, "2.5");
    number(123.456, "123.456");
    number(NAN, "NaN");
    number(INFINITY, "Infinity");
    number(-INFINITY, "-Infinity");
}

static void message(int id, const char *field, double v, const char *want)
{
    mlp_error err;
    int status = mlp_limit_fail(&err, id, field, v);
    CHECK(status == MLP_E_ARG && err.code == MLP_E_ARG, "status %d, code %d", status, (int)err.code);
    CHECK(strcmp(err.msg, want) == 0, "message \"%s\", want \"%s\"", err.msg, want);
}

static void messages(void)
{
    message(MLP_LIMIT_UNITS, "layers[1] (hidden units)", 65,
            "layers[1] (hidden units) must be an integer from 1 to 64, got 65");
    message(MLP_LIMIT_LEARNING_RATE, NULL, 0,
            "learningRate must be a number above 0 and at most 1000000, got 0");
    message(MLP_LIMIT_NOISE, NULL, -0.5, "noise must be a number from 0 to 10, got -0.5");
    message(MLP_LIMIT_COORDINATE, "x[3]", NAN, "x[3] must be a number from -1000000 to 1000000, got NaN");
    message(MLP_LIMIT_SEED, NULL, 4294967296.0, "seed must be an integer from 0 to 4294967295, got 4294967296");
    message(MLP_LIMIT_PARAM, "params[0]", INFINITY,
            "params[0] must be a number from -1000000000000 to 1000000000000, got Infinity");
    {
        mlp_error err;
        CHECK(mlp_limit_fail(&err, MLP_LIMIT_COUNT, NULL, 1) == MLP_E_ARG &&
                  strstr(err.msg, "unknown limit") != NULL,
              "an unknown limit id: \"%s\"", err.msg);
    }
}

/* Every limit: accepted at min and max, refused just outside them, and
   refused for NaN; integers also refused between two integers. */
static void boundaries(void)
{
    int id;
    CHECK(mlp_limit_get(-1) == NULL && mlp_limit_get(MLP_LIMIT_COUNT) == NULL,
          "ids outside 0..%d have no limit", MLP_LIMIT_COUNT - 1);
    for (id = 0; id < MLP_LIMIT_COUNT; id++) {
        const mlp_limit *lim = mlp_limit_get(id);
        double below = lim->kind == MLP_LIMIT_INT ? lim->min - 1 : nextafter(lim->min, -INFINITY);
        double above = lim->kind == MLP_LIMIT_INT ? lim->max + 1 : nextafter(lim->max, INFINITY);
        int min_ok = lim->kind != MLP_LIMIT_REAL_ABOVE;
        CHECK(mlp_limit_ok(id, lim->min) == min_ok, "%s: min %.17g accepted %d, want %d",
              mlp_limit_key(id), lim->min, mlp_limit_ok(id, lim->min), min_ok);
        CHECK(mlp_limit_ok(id, lim->max), "%s: max %.17g refused", mlp_limit_key(id), lim->max);
        CHECK(!mlp_limit_ok(id, below), "%s: %.17g below min accepted", mlp_limit_key(id), below);
        CHECK(!mlp_limit_ok(id, above), "%s: %.17g above max accepted", mlp_limit_key(id), above);
        CHECK(!mlp_limit_ok(id, NAN), "%s: NaN accepted", mlp_limit_key(id));
        if (lim->kind == MLP_LIMIT_INT)
            CHECK(!mlp_limit_ok(id, lim->min + 0.5), "%s: %.17g (not an integer) accepted",
                  mlp_limit_key(id), lim->min + 0.5);
        CHECK(mlp_limit_key(id) != NULL && mlp_limit_kind_name(lim->kind) != NULL &&
                  mlp_limit_rule(lim->kind) != NULL,
              "limit %d has a key, a kind name and a rule", id);
    }
    CHECK(mlp_limit_kind_name(MLP_LIMIT_KIND_COUNT) == NULL && mlp_limit_rule(-1) == NULL,
          "unknown kinds have no name or rule");
}

/* The macros C uses as constants agree with the table's values. */
static void constants_agree(void)
{
    CHECK(mlp_limit_get(MLP_LIMIT_UNITS)->max == MLP_MAX_UNITS, "UNITS max %g",
          mlp_limit_get(MLP_LIMIT_UNITS)->max);
    CHECK(mlp_limit_get(MLP_LIMIT_HIDDEN_LAYERS)->max + 2 == MLP_MAX_LAYERS, "HIDDEN_LAYERS max %g",
          mlp_limit_get(MLP_LIMIT_HIDDEN_LAYERS)->max);
    CHECK(mlp_limit_get(MLP_LIMIT_POINTS)->max == MLP_MAX_POINTS, "POINTS max %g",
          mlp_limit_get(MLP_LIMIT_POINTS)->max);
}

int main(void)
{
    formats_like_javascript();
    messages();
    boundaries();
    constants_agree();
    return check_summary();
}

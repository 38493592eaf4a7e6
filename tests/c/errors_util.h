/* errors_util.h: what the error-path suites (test_errors.c,
   test_errors_live.c) share: expect() and EXPECT, which check an invalid
   call's status, err->code and a message naming the field (or only count
   mismatches while `quiet` is set), the count of invalid calls made on live
   networks, and make(), a network of the given shape. Include after the
   system headers; it includes check.h and mlp.h. */
#ifndef ERRORS_UTIL_H
#define ERRORS_UTIL_H

#include <string.h>

#include "check.h"
#include "mlp.h"
#include "net_util.h"

static int quiet;             /* when set, mismatches are only counted */
static long invalid_calls;    /* invalid calls made on live networks */
static long quiet_mismatches;

/* Status and message of one invalid call, against what is wanted. */
static inline void expect(int status, const mlp_error *err, int want, const char *field,
                          const char *file, int line, const char *call)
{
    int ok_status = status == want, ok_code = err->code == (mlp_status)want;
    int ok_msg = err->msg[0] != '\0' && strstr(err->msg, field) != NULL;
    invalid_calls++;
    if (quiet) {
        quiet_mismatches += !ok_status + !ok_code + !ok_msg;
        return;
    }
    check_report(ok_status, file, line, call, "status %d, want %d (%s)", status, want,
                 mlp_status_name(want));
    check_report(ok_code, file, line, call, "err.code %d, want %d", (int)err->code, want);
    check_report(ok_msg, file, line, call, "message \"%s\" should name \"%s\"", err->msg,
                 field);
}

#define EXPECT(want, field, call) expect((call), &err, (want), (field), __FILE__, __LINE__, #call)

/* A network of n_sizes layers of the given sizes (a failed CHECK if refused). */
static inline mlp *make(int n_sizes, const int *sizes, mlp_activation act, mlp_output out, double lr)
{
    mlp_desc d;
    mlp_error err;
    mlp *net;
    desc_of(&d, n_sizes, sizes, act);
    d.output = out;
    d.learning_rate = lr;
    net = mlp_create(&d, &err);
    CHECK(net != NULL, "mlp_create (%d sizes, output %d): %s", n_sizes, (int)out, err.msg);
    return net;
}


#endif

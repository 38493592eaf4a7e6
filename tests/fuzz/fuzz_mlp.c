/* fuzz_mlp.c: the libFuzzer target over the C API (make fuzz-c).

   Each input is decoded by driver.c into calls on up to two networks; a
   broken promise prints what broke and aborts, so libFuzzer saves the input
   as a crash file (copy it to tests/fuzz/regressions/ to keep it replayed by
   make test-c). Sanitizer reports and leaks abort the same way. */
#include <stdio.h>
#include <stdlib.h>

#include "driver.h"

static void fail(void *ctx, const char *file, int line, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "fuzz_mlp: broken promise at %s:%d: %s\n", file, line, msg);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_sink sink = {fail, NULL, 0, 0};
    fz_run(data, size, &sink);
    return 0;
}

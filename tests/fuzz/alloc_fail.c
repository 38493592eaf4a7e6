/* alloc_fail.c: allocation failures on demand. The core allocates only with
   calloc (src/mlp.c, src/data.c); the fuzz builds link with
   -Wl,--wrap=calloc, so its calls come here. The driver arms a countdown
   (op 12) to make the k-th allocation of the next call fail, and counts
   allocations to check the promise that training and prediction allocate
   nothing. The driver itself uses malloc, which is not wrapped. */
#include <stddef.h>

#include "driver.h"

void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);

long fz_alloc_countdown;
long fz_alloc_failed;
long fz_alloc_calls;

void *__wrap_calloc(size_t n, size_t size)
{
    fz_alloc_calls++;
    if (fz_alloc_countdown > 0 && --fz_alloc_countdown == 0) {
        fz_alloc_failed++;
        return NULL;
    }
    return __real_calloc(n, size);
}

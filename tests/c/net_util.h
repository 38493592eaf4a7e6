/* net_util.h: the description every native test starts a network from:
   mlp_desc_defaults, then the layer sizes and the hidden activation; each
   test then sets the fields it varies (output, rate, batch, seed, init). */
#ifndef NET_UTIL_H
#define NET_UTIL_H

#include "mlp.h"

static inline void desc_of(mlp_desc *d, int n_sizes, const int *sizes, mlp_activation act)
{
    int l;
    mlp_desc_defaults(d);
    d->n_sizes = n_sizes;
    for (l = 0; l < n_sizes; l++)
        d->sizes[l] = sizes[l];
    d->activation = act;
}

#endif

/* ops.h: the driver's calls on a live network (ops.c), each reading its
   arguments from the input, calling the core and checking the outcome. */
#ifndef FUZZ_OPS_H
#define FUZZ_OPS_H

#include "driver.h"

unsigned fz_decode_desc(fz_reader *r, mlp_desc *d);
void fz_op_create(fz_state *st, fz_slot *s);
void fz_op_nomem(fz_state *st, fz_slot *s);
void fz_op_quadrants(fz_state *st, fz_slot *s);
void fz_op_set_data(fz_state *st, fz_slot *s);
void fz_op_step(fz_state *st, fz_slot *s, int with_losses);
void fz_op_phases(fz_state *st, fz_slot *s);
void fz_op_predict(fz_state *st, fz_slot *s);
void fz_op_grid(fz_state *st, fz_slot *s);
void fz_op_set_params(fz_state *st, fz_slot *s);
void fz_op_learning_rate(fz_state *st, fz_slot *s);
void fz_op_getters(fz_state *st, fz_slot *s);
/* ops_play.c: the playground's calls; op 0..15 picks one. */
void fz_op_play(fz_state *st, fz_slot *s, unsigned op);
/* driver.c: a beta or epsilon, mostly an edge of their ranges. */
double fz_edge_or_any(fz_reader *r);
/* ops_twin.c: step vs a cycle of phases on two copies of the network. */
void fz_op_twins(fz_state *st, fz_slot *s);

#endif

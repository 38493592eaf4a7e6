/* ops_play.h: what the playground's ops share (ops_play.c: datasets, point
   edits, update rules and penalties, and the dispatch fz_op_play;
   ops_play_state.c: saved states; ops_play_eval.c: unit maps, confusion,
   test sets, recorded steps): settle() for a call's status, AT() for the
   core's point-innermost arrays, and the ops the dispatch calls. */
#ifndef FUZZ_OPS_PLAY_H
#define FUZZ_OPS_PLAY_H

#include "ops.h"

/* Checks a call's status; a rejected call must have changed nothing.
   The value is whether the call was accepted. */
static inline int settle(fz_state *st, int status, int valid, const fz_snap *before, mlp *net)
{
    fz_status(st, status, valid);
    if (status != MLP_OK)
        fz_snap_same(st, before, net, "a rejected call");
    return status == MLP_OK;
}

/* Point i of a (rows x n) array, points innermost. */
#define AT(a, row, n, i) ((a)[(long)(row) * (n) + (i)])

/* ops_play_state.c */
void fz_op_state_round_trip(fz_state *st, fz_slot *s);
void fz_op_state_corrupt(fz_state *st, fz_slot *s);
/* ops_play_eval.c */
void fz_op_unit_maps(fz_state *st, fz_slot *s);
void fz_op_confusion(fz_state *st, fz_slot *s);
void fz_op_test_data(fz_state *st, fz_slot *s);
void fz_op_step_record(fz_state *st, fz_slot *s);

#endif

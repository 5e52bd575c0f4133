/*
 * The optimisation passes over a translation unit's IR, and the few
 * helpers they share. Each pass lives in its own file with one entry
 * point; tcg/opt/optimize.c runs them in order (ir_optimize).
 *
 * Rules every pass keeps (see also tcg/ir-ops.def):
 *   - globals are live at every exit, at every IR_F_MEM op (it may fault,
 *     and the guest state at a fault must be precise) and at calls to
 *     helpers with IR_HELPER_READS_GLOBALS; helpers with
 *     IR_HELPER_WRITES_GLOBALS may redefine any global;
 *   - ld_env/st_env at an offset that overlaps a global read/write it;
 *   - a label may be reached from anywhere: without a data-flow analysis,
 *     nothing known before a label holds after it.
 */
#ifndef FERRY_TCG_OPT_OPT_H
#define FERRY_TCG_OPT_OPT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/ir.h"

/* The passes, in the order ir_optimize runs them. */
bool ir_opt_ifconv(IRBlock *b);   /* short conditional regions -> selects; true if it changed b */
void ir_opt_fold(IRBlock *b);     /* constant folding, copy propagation, branch folding */
bool ir_opt_env(IRBlock *b);      /* redundant ld_env/st_env elimination; true if it changed b */
bool ir_opt_cse(IRBlock *b);      /* value numbering within basic blocks; true if it changed b */
void ir_opt_dce(IRBlock *b);      /* dead code elimination by liveness over the TU */
bool ir_opt_sink(IRBlock *b);     /* side-exit-only work moves into the side exit; true if it changed b */
bool ir_opt_coalesce(IRBlock *b); /* results computed into the guest register they are copied to */
bool ir_opt_brfuse(IRBlock *b);   /* branches test a compare's inputs, not its result */
bool ir_opt_postinc(IRBlock *b);  /* write-back addressing updates the base from itself */

/* All passes, in order (tcg/opt/optimize.c). */
void ir_optimize(IRBlock *b);

/* True if the 4 bytes at CPU-state offset off overlap global g. */
static inline bool ir_env_overlaps(const IRBlock *b, IRTemp g, uint32_t off)
{
    uint32_t go = b->temps[g].value;
    return off < go + 4 && go < off + 4;
}

/* An op with no effect but its outputs: no fault, call, branch, exit or
 * CPU-state access (ld_env reads the state behind the temps' back). */
static inline bool ir_op_pure(const IROp *op)
{
    return !(ir_def(op)->flags & IR_F_SIDE) && op->opc != IR_ld_env;
}

/* Does op read / write temp t? */
static inline bool ir_op_reads(const IROp *op, IRTemp t)
{
    const IROpDef *d = ir_def(op);
    for (unsigned k = d->nb_out; k < (unsigned)d->nb_out + d->nb_in; k++)
        if (op->args[k] == t)
            return true;
    return false;
}

static inline bool ir_op_writes(const IROp *op, IRTemp t)
{
    const IROpDef *d = ir_def(op);
    for (unsigned k = 0; k < d->nb_out; k++)
        if (op->args[k] == t)
            return true;
    return false;
}

/* Does op write t, or may it: for a global, a helper that may write the
 * CPU state (IR_HELPER_WRITES_GLOBALS) or an st_env over it writes it
 * behind the IR's back. */
static inline bool ir_op_may_write(const IRBlock *b, const IROp *op, IRTemp t)
{
    if (ir_op_writes(op, t))
        return true;
    if (t == IR_NONE || t > b->nb_globals)
        return false;
    if (op->opc == IR_call)
        return (op->helper->flags & IR_HELPER_WRITES_GLOBALS) != 0;
    return op->opc == IR_st_env && ir_env_overlaps(b, t, ir_const_arg(op, 0));
}

/* ir_verify plus what passes can break: every label defined exactly once
 * and every branch target defined. NULL when well formed. */
const char *ir_opt_verify(const IRBlock *b);

/* Replaces b's op list with ops[0..n) (taking ownership of ops, which has
 * room for cap ops). The old list is kept for ir_opt_ops_buf. */
void ir_opt_replace_ops(IRBlock *b, IROp *ops, uint32_t n, uint32_t cap);

/* A malloc'ed op buffer with room for *cap >= need ops, for a pass that
 * writes a new op list (then ir_opt_replace_ops): the list a previous
 * replacement retired, so that no TU pays a malloc/free for it. */
IROp *ir_opt_ops_buf(uint32_t need, uint32_t *cap);

/* Scratch memory for a pass: zeroed, valid until the next
 * ir_opt_scratch_reset. Every pass resets it on entry (passes do not
 * nest), so the per-TU arrays of all passes come from one shared
 * arena instead of a handful of malloc/calloc/free per pass per TU. */
void ir_opt_scratch_reset(void);
void *ir_opt_scratch(size_t bytes);
void *ir_opt_scratch_uninit(size_t bytes); /* for arrays the pass fills */

/* Ops [from, to] read g wherever they read t. */
void ir_replace_reads(IRBlock *b, uint32_t from, uint32_t to, IRTemp t, IRTemp g);

/* Removes the ops whose dead[] flag is set, keeping the order. */
void ir_opt_compact(IRBlock *b, const bool *dead);

/* A few words per temp: a bit set for liveness. */
typedef struct IRBitset {
    uint64_t *w;
    uint32_t nwords;
} IRBitset;

static inline bool ir_bit_test(const uint64_t *w, uint32_t i) { return (w[i / 64] >> (i % 64)) & 1; }
static inline void ir_bit_set(uint64_t *w, uint32_t i) { w[i / 64] |= 1ull << (i % 64); }
static inline void ir_bit_clear(uint64_t *w, uint32_t i) { w[i / 64] &= ~(1ull << (i % 64)); }

#endif

/*
 * Pass 7 (hot units): results computed straight into guest registers.
 *
 * The front end computes into temps and copies to the guest register at
 * the end of the instruction (`ldr r0, [r3, #4]!` is `add t, r3, 4;
 * guest_ld u, t; mov r3, t; mov r0, u`), and later instructions read the
 * temp. DCE already merges a copy with the op before it when the temp has
 * no other reader; this pass also takes temps that are read again:
 *     def t, ...;  (ops that neither read nor write G)  mov G, t;  ... t ...
 * becomes `def G, ...` with every later read of t reading G, as long as G
 * is not written again before t's last read. So that the guest state at a
 * fault stays precise, nothing between the definition and the copy may
 * fault, call out, branch or touch the CPU state: G changes no earlier
 * than an observer could tell. The definition may be a guest load: a load
 * that faults writes nothing. Second shape (into_reader): a temp read
 * only by a pure op that writes G is computed into G already. The
 * definition and the copy are in one basic block; t's later readers may
 * lie past conditional branches.
 */
#include "opt.h"

#include <string.h>

static bool coalesce_barrier(const IROp *op)
{
    const IROpDef *d = ir_def(op);
    return (d->flags & (IR_F_MEM | IR_F_CALL | IR_F_BB_END | IR_F_EXIT)) || op->opc == IR_ld_env ||
           op->opc == IR_st_env || op->opc == IR_discard;
}

/* Per temp: how many ops define it, and its last reference. */
static void count_refs(const IRBlock *b, uint32_t *defs, uint32_t *last)
{
    memset(defs, 0, b->nb_temps * sizeof(uint32_t));
    memset(last, 0, b->nb_temps * sizeof(uint32_t));
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        for (unsigned k = 0; k < (unsigned)d->nb_out + d->nb_in; k++) {
            IRTemp t = op->args[k];
            if (k < d->nb_out)
                defs[t]++;
            last[t] = i;
        }
    }
}

/* The second shape: t's only reader is a pure op that writes a global G
 * and does not read G, `shr t, r0, 8; xor r0, r3, t`. Nothing between
 * reads or writes G or could observe the state, so t may be G itself:
 * `shr r0, r0, 8; xor r0, r3, r0` (which the backend lowers to two
 * instructions on r0's register). */
static bool into_reader(IRBlock *b, uint32_t i, const uint32_t *last)
{
    IROp *def = &b->ops[i];
    IRTemp t = def->args[0];
    if (!ir_op_pure(def) && def->opc != IR_guest_ld)
        return false;
    uint32_t u = i + 1;
    while (u < b->nb_ops && !ir_op_reads(&b->ops[u], t) && !coalesce_barrier(&b->ops[u]))
        u++;
    if (u >= b->nb_ops || last[t] != u || !ir_op_reads(&b->ops[u], t))
        return false;
    IROp *use = &b->ops[u];
    IRTemp g = use->args[0];
    if (!ir_op_pure(use) || ir_def(use)->nb_out != 1 || g == IR_NONE || g > b->nb_globals || ir_op_reads(use, g))
        return false;
    for (uint32_t m = i + 1; m < u; m++)
        if (ir_op_reads(&b->ops[m], g) || ir_op_writes(&b->ops[m], g))
            return false;
    def->args[0] = g;
    ir_replace_reads(b, u, u, t, g);
    return true;
}

bool ir_opt_coalesce(IRBlock *b)
{
    const uint32_t n = b->nb_ops, ng = b->nb_globals;
    ir_opt_scratch_reset();
    /* count_refs zeroes them. */
    uint32_t *defs = ir_opt_scratch_uninit(b->nb_temps * sizeof(uint32_t));
    uint32_t *last = ir_opt_scratch_uninit(b->nb_temps * sizeof(uint32_t));
    count_refs(b, defs, last);
    bool *gone = ir_opt_scratch(n * sizeof(bool));
    bool changed = false;
    for (uint32_t i = 0; i < n; i++) {
        IROp *def = &b->ops[i];
        const IROpDef *dd = ir_def(def);
        /* A guest load may write G itself: if it faults, it writes
         * nothing. (Calls and cmpxchg keep their fixed registers.) */
        bool load = def->opc == IR_guest_ld;
        if (dd->nb_out != 1 || ((dd->flags & (IR_F_CALL | IR_F_SIDE)) && !load) || gone[i])
            continue;
        IRTemp t = def->args[0];
        if (t <= ng || ir_is_const(b, t) || defs[t] != 1)
            continue;
        /* The copy to a global, with nothing observable in between. */
        uint32_t j = i + 1;
        IRTemp g = IR_NONE;
        for (; j < n; j++) {
            const IROp *op = &b->ops[j];
            if (op->opc == IR_mov && op->args[1] == t && op->args[0] <= ng && op->args[0] != IR_NONE) {
                g = op->args[0];
                break;
            }
            if (coalesce_barrier(op))
                break;
        }
        if (g == IR_NONE || ir_op_reads(def, t))
            continue;
        bool ok = true;
        for (uint32_t m = i + 1; m < j && ok; m++)
            ok = !ir_op_reads(&b->ops[m], g) && !ir_op_writes(&b->ops[m], g);
        /* After the copy, t's readers must see g unchanged, on the straight
         * path: past conditional branches (the fall-through goes on), not
         * past a label (another way in) or a call. */
        for (uint32_t m = j + 1; m <= last[t] && ok; m++) {
            const IROp *op = &b->ops[m];
            bool joins = (ir_def(op)->flags & IR_F_BB_END) && op->opc != IR_brcond;
            if (ir_op_writes(op, g) || joins || (ir_def(op)->flags & IR_F_CALL) || op->opc == IR_st_env ||
                (op->opc == IR_discard && ir_const_arg(op, 0) == g))
                ok = false;
        }
        if (!ok)
            continue;
        def->args[0] = g;
        gone[j] = true;
        ir_replace_reads(b, i + 1, last[t], t, g);
        changed = true;
    }
    if (changed)
        ir_opt_compact(b, gone);
    /* Then the readers, now that the copies they feed are merged; last
     * first, so that in a chain (load, xor, ext8u into r3) each reader
     * already writes the global when its input's definition is seen. */
    count_refs(b, defs, last);
    for (uint32_t i = b->nb_ops; i-- > 0;) {
        const IROp *def = &b->ops[i];
        IRTemp t = def->args[0];
        if (ir_def(def)->nb_out == 1 && t > ng && !ir_is_const(b, t) && defs[t] == 1)
            changed |= into_reader(b, i, last);
    }
    return changed;
}

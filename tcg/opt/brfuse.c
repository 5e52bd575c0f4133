/*
 * Pass 8 (hot units): a branch tests the compare's inputs, not its result.
 *
 * ARM code sets flags and branches on them. After the other passes the
 * branch is often `setcond c, a, b, geu; brcond c, $0, ne` (bhs after a
 * cmp) or `sub z, a, b; brcond z, $0, eq` (beq), with c or z read nowhere
 * else on the main path: the flags themselves were found dead or moved to
 * the side exit (sink.c). The branch can compare a with b itself,
 * `brcond a, b, geu`, which the backend lowers to one cmp and one jcc
 * instead of cmp, setcc, test and jcc; the compare becomes dead unless
 * something else reads it (DCE runs next).
 *
 *   brcond (setcond a, b, C), 0, ne|eq  ->  brcond a, b, C | !C
 *   brcond (sub a, b), 0, eq|ne         ->  brcond a, b, eq|ne
 *   brcond (xor a, b), 0, eq|ne         ->  brcond a, b, eq|ne
 *   brcond (and a, b), 0, eq|ne         ->  brcond a, b, tsteq|tstne
 *
 * d may be a global (gcc's booleans: `ite hs; movhs r4, #1; movlo r4,
 * #0; cmp r4, #0; bne`, which fold.c makes a setcond into r4): it is
 * still written, the branch just no longer waits for it.
 * The definition must be on the straight path to the branch (earlier
 * conditional branches may lie between, no label), and a and b must
 * keep their values up to the branch (no write of either, no call or
 * st_env that could change a global behind the IR's back).
 */
#include "opt.h"

/* The condition of `brcond d, 0, cond` in terms of d's inputs, or
 * IR_COND_NEVER if d's definition does not fold into the branch. */
static IRCond fused_cond(const IROp *def, IRCond cond)
{
    bool ne = cond == IR_COND_NE;
    switch (def->opc) {
    case IR_setcond: {
        IRCond c = (IRCond)ir_const_arg(def, 0);
        if (c == IR_COND_ALWAYS || c == IR_COND_NEVER)
            return IR_COND_NEVER;
        return ne ? c : ir_cond_invert(c);
    }
    case IR_sub:
    case IR_xor:
        return cond;
    case IR_and:
        return ne ? IR_COND_TSTNE : IR_COND_TSTEQ;
    default:
        return IR_COND_NEVER;
    }
}

/* Does any op in (from, to) change a or b, or the state behind the IR? */
static bool inputs_change(const IRBlock *b, uint32_t from, uint32_t to, IRTemp x, IRTemp y)
{
    for (uint32_t m = from + 1; m < to; m++) {
        const IROp *op = &b->ops[m];
        if (ir_op_writes(op, x) || ir_op_writes(op, y) || op->opc == IR_call || op->opc == IR_st_env)
            return true;
    }
    return false;
}

bool ir_opt_brfuse(IRBlock *b)
{
    bool changed = false;
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        IROp *br = &b->ops[i];
        if (br->opc != IR_brcond)
            continue;
        IRTemp d = br->args[0], zero = br->args[1];
        IRCond cond = (IRCond)ir_const_arg(br, 0);
        if ((cond != IR_COND_EQ && cond != IR_COND_NE) || !ir_is_const(b, zero) || b->temps[zero].value != 0 ||
            ir_is_const(b, d))
            continue;
        /* d's definition, on the straight path to the branch: earlier
         * conditional branches fall through to it, a label is another
         * way in. */
        uint32_t k = i;
        while (k-- > 0 && !ir_op_writes(&b->ops[k], d) &&
               (!(ir_def(&b->ops[k])->flags & IR_F_BB_END) || b->ops[k].opc == IR_brcond))
            ;
        if (k == UINT32_MAX || !ir_op_writes(&b->ops[k], d))
            continue;
        const IROp *def = &b->ops[k];
        IRCond fused = fused_cond(def, cond);
        if (fused == IR_COND_NEVER)
            continue;
        IRTemp x = def->args[1], y = def->args[2];
        if (ir_is_const(b, x) || inputs_change(b, k, i, x, y))
            continue;
        br->args[0] = x;
        br->args[1] = y;
        br->args[2] = fused;
        changed = true;
    }
    return changed;
}

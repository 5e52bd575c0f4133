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
 * and ARM's signed and unsigned-higher conditions after `cmp a, b`, which
 * the front end tests on the flags (arm_gen_test_cond), in branches and
 * in the setcond/movcond selects of if-converted instructions too:
 *   N ^ V <s 0 (lt), >= 0 (ge)          ->  brcond a, b, lt|ge
 *   Z & ~((N ^ V) >> 31) != 0 (gt), == 0 ->  brcond a, b, gt|le
 *   -C & Z != 0 (hi), == 0 (ls)         ->  brcond a, b, gtu|leu
 * where N = Z = a - b, C = a >=u b and V = (a ^ b) & (a ^ (a - b)).
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

/* May any op in (from, to) change x or y? */
static bool inputs_change(const IRBlock *b, uint32_t from, uint32_t to, IRTemp x, IRTemp y)
{
    for (uint32_t m = from + 1; m < to; m++)
        if (ir_op_may_write(b, &b->ops[m], x) || ir_op_may_write(b, &b->ops[m], y))
            return true;
    return false;
}

/* The op that last wrote t on the straight path to op i (earlier
 * conditional branches fall through to it, a label is another way in):
 * its index, or UINT32_MAX. */
static uint32_t def_before(const IRBlock *b, uint32_t i, IRTemp t)
{
    if (t == IR_NONE || ir_is_const(b, t))
        return UINT32_MAX;
    for (uint32_t k = i; k-- > 0;) {
        const IROp *op = &b->ops[k];
        if (ir_op_writes(op, t))
            return k;
        if (((ir_def(op)->flags & IR_F_BB_END) && op->opc != IR_brcond) || ir_op_may_write(b, op, t))
            return UINT32_MAX;
    }
    return UINT32_MAX;
}

/* As def_before, but through copies: the op that computed t's value. */
static uint32_t value_def(const IRBlock *b, uint32_t i, IRTemp t)
{
    uint32_t k = def_before(b, i, t);
    while (k != UINT32_MAX && b->ops[k].opc == IR_mov)
        k = def_before(b, k, b->ops[k].args[1]);
    return k;
}

/* Is op `opc p, q` with {p, q} = {x, y} in either order? */
static bool is_op2(const IROp *op, IROpcode opc, IRTemp x, IRTemp y)
{
    return op->opc == opc && ((op->args[1] == x && op->args[2] == y) || (op->args[1] == y && op->args[2] == x));
}

/* The compare behind ARM's signed conditions. d = a - b is the cmp's
 * result (N, Z); v = (a ^ b) & (a ^ d) its overflow (V). t is N ^ V, as
 * arm_gen_test_cond builds it, if t = d ^ v for such a pair: sets *k to
 * the sub's index and *a, *y to the compared values. */
static bool n_xor_v(const IRBlock *b, uint32_t i, IRTemp t, uint32_t *k, IRTemp *a, IRTemp *y)
{
    uint32_t kt = value_def(b, i, t);
    if (kt == UINT32_MAX || b->ops[kt].opc != IR_xor)
        return false;
    for (unsigned side = 1; side <= 2; side++) {
        IRTemp d = b->ops[kt].args[side], v = b->ops[kt].args[3 - side];
        uint32_t kd = value_def(b, kt, d), kv = value_def(b, kt, v);
        if (kd == UINT32_MAX || kv == UINT32_MAX || b->ops[kd].opc != IR_sub || b->ops[kv].opc != IR_and)
            continue;
        IRTemp x = b->ops[kd].args[1], z = b->ops[kd].args[2];
        uint32_t k1 = value_def(b, kv, b->ops[kv].args[1]), k2 = value_def(b, kv, b->ops[kv].args[2]);
        if (k1 == UINT32_MAX || k2 == UINT32_MAX)
            continue;
        const IROp *o1 = &b->ops[k1], *o2 = &b->ops[k2];
        if (!((is_op2(o1, IR_xor, x, z) && is_op2(o2, IR_xor, x, d)) ||
              (is_op2(o2, IR_xor, x, z) && is_op2(o1, IR_xor, x, d))))
            continue;
        *k = kd, *a = x, *y = z;
        return true;
    }
    return false;
}

/* The other ARM conditions after a cmp, as arm_gen_test_cond builds
 * them, in terms of the compared values: lt/ge on N ^ V, gt/le on
 * Z & ~(N ^ V) >> 31, hi/ls on -C & Z. Returns the condition on (a, y) or
 * IR_COND_NEVER; *k is the sub's index. */
static IRCond compare_cond(const IRBlock *b, uint32_t i, IRTemp p, IRTemp q, IRCond c, uint32_t *k, IRTemp *a,
                           IRTemp *y)
{
    bool zero = ir_is_const(b, q) && b->temps[q].value == 0;
    if (zero && (c == IR_COND_LT || c == IR_COND_GE))
        return n_xor_v(b, i, p, k, a, y) ? c : IR_COND_NEVER;
    uint32_t kp = value_def(b, i, p);
    if (kp == UINT32_MAX)
        return IR_COND_NEVER;
    const IROp *dp = &b->ops[kp];
    if (zero && (c == IR_COND_NE || c == IR_COND_EQ) && dp->opc == IR_andc) {
        /* gt = d & ~(sar(N ^ V, 31)): d must be the same sub. */
        uint32_t ks = value_def(b, kp, dp->args[2]);
        if (ks == UINT32_MAX || b->ops[ks].opc != IR_sar || !ir_is_const(b, b->ops[ks].args[2]) ||
            b->temps[b->ops[ks].args[2]].value != 31 || !n_xor_v(b, ks, b->ops[ks].args[1], k, a, y) ||
            b->ops[*k].args[0] != dp->args[1])
            return IR_COND_NEVER;
        return c == IR_COND_NE ? IR_COND_GT : IR_COND_LE;
    }
    if ((c == IR_COND_TSTNE || c == IR_COND_TSTEQ) && dp->opc == IR_neg) {
        /* hi: -C & Z with C = (a >=u y) and Z = a - y. */
        uint32_t kc = value_def(b, kp, dp->args[1]), kz = value_def(b, i, q);
        if (kc == UINT32_MAX || kz == UINT32_MAX)
            return IR_COND_NEVER;
        const IROp *dc = &b->ops[kc], *dz = &b->ops[kz];
        if (dc->opc != IR_setcond || ir_const_arg(dc, 0) != IR_COND_GEU || dz->opc != IR_sub ||
            dz->args[1] != dc->args[1] || dz->args[2] != dc->args[2])
            return IR_COND_NEVER;
        *k = kz < kc ? kz : kc, *a = dz->args[1], *y = dz->args[2];
        return c == IR_COND_TSTNE ? IR_COND_GTU : IR_COND_LEU;
    }
    return IR_COND_NEVER;
}

/* The compared operands of a brcond (args 0, 1), setcond or movcond
 * (args 1, 2); their condition is the first constant. */
static unsigned cond_operands(const IROp *op)
{
    return op->opc == IR_brcond ? 0 : 1;
}

bool ir_opt_brfuse(IRBlock *b)
{
    bool changed = false;
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        IROp *op = &b->ops[i];
        if (op->opc != IR_brcond && op->opc != IR_setcond && op->opc != IR_movcond)
            continue;
        unsigned at = cond_operands(op);
        IRTemp d = op->args[at], zero = op->args[at + 1];
        IRCond cond = (IRCond)ir_const_arg(op, 0);
        IRCond fused = IR_COND_NEVER;
        uint32_t k = UINT32_MAX;
        IRTemp x = IR_NONE, y = IR_NONE;
        if (op->opc == IR_brcond && (cond == IR_COND_EQ || cond == IR_COND_NE) && ir_is_const(b, zero) &&
            b->temps[zero].value == 0 && (k = def_before(b, i, d)) != UINT32_MAX &&
            (fused = fused_cond(&b->ops[k], cond)) != IR_COND_NEVER) {
            x = b->ops[k].args[1];
            y = b->ops[k].args[2];
        } else {
            fused = compare_cond(b, i, d, zero, cond, &k, &x, &y);
        }
        if (fused == IR_COND_NEVER || ir_is_const(b, x) || inputs_change(b, k, i, x, y))
            continue;
        op->args[at] = x;
        op->args[at + 1] = y;
        op->args[ir_nb_args(op) - ir_def(op)->nb_const] = fused;
        changed = true;
    }
    return changed;
}

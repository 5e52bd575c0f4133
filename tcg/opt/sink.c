/*
 * Pass 6 (hot units): sink into side exits what only the side exit needs.
 *
 * A superblock goes on past conditional branches; the taken way leaves
 * through a side exit at the end of the unit:
 *     sub t, a, b;  setcond c, a, b, geu;  ...;  mov VF, v;  mov CF, c
 *     brcond c, $0, ne, L            -- bhs: leave if C
 *     subs ...                       -- the fall-through sets the flags again
 *     ...
 *   L: exit_direct target            -- where the flags may be read
 * The flags the compare computed are dead on the fall-through but live at
 * the exit (a function return, say, where nothing can see that they are
 * unused), so DCE keeps them, and the main path computes and holds them
 * on every iteration for an exit taken once. The backend lowers a side
 * exit's block out of line from the branch's registers (lower.c), so the
 * computation can move there: this pass deletes such a write of a global
 * from the main path and puts a copy of it, with the ops that compute its
 * inputs, at the start of the side exit's block. The copies read only
 * globals that keep their values up to the branch (and constants), so no
 * temp has to live across the branch; the originals that become unused
 * are left to DCE.
 *
 * "Dead on the fall-through": on every path from there (through later
 * branches and a loop's back edge, a few branches deep), written again
 * before it is read and before any exit or call. A memory access on the way counts only for
 * globals the unit discards somewhere (the flags, see
 * docs/jit-dead-flags.md: their values at a fault are not kept precise).
 */
#include "opt.h"

#include <string.h>

#define SINK_MAX_CLONES 24  /* ops added to one side exit */
#define SINK_MAX_BRANCHES 4 /* how deep dead_from follows branches */

typedef struct Sink {
    IRBlock *b;
    uint8_t *discard_class;  /* per global: named by some discard op */
    uint32_t *def;           /* per temp: index + 1 of its last definition so far (0: none) */
    IRTemp *clone_of;        /* per temp: its copy in the exit being built */
    IROp *clones;            /* per exit: the ops to insert after its label */
    uint32_t nb_clones, max_clones;
    uint32_t nb_orig;        /* temps before this pass added any */
    const uint32_t *label_at;
    const bool *dead;        /* per op: moved out of the main path */
    bool *kept;              /* per op: a mov some clone relies on (never moved) */
    uint32_t root;           /* the op being sunk now */
} Sink;

/* Is global g overwritten (or discarded) before anything can read it, on
 * every path from op m on? Both ways of a brcond are followed, and a br
 * to its label (a loop's way back to its head too), up to a few branches
 * deep; what may look at the state (an exit, a call, an env access; a
 * fault, for a global outside the discard class) counts as a read. */
static bool dead_from(const Sink *s, IRTemp g, uint32_t m, unsigned depth)
{
    const IRBlock *b = s->b;
    if (depth > SINK_MAX_BRANCHES)
        return false;
    for (; m < b->nb_ops; m++) {
        const IROp *op = &b->ops[m];
        const IROpDef *d = ir_def(op);
        if (ir_op_reads(op, g))
            return false;
        if (ir_op_writes(op, g) || (op->opc == IR_discard && ir_const_arg(op, 0) == g))
            return true;
        if (op->opc == IR_brcond) {
            if (!dead_from(s, g, s->label_at[ir_const_arg(op, 1)] + 1, depth + 1))
                return false;
            continue;
        }
        if (op->opc == IR_br)
            return dead_from(s, g, s->label_at[op->args[0]] + 1, depth + 1);
        if (op->opc == IR_label)
            continue;
        if ((d->flags & (IR_F_EXIT | IR_F_CALL)) || op->opc == IR_ld_env || op->opc == IR_st_env)
            return false;
        if ((d->flags & IR_F_MEM) && !s->discard_class[g])
            return false;
    }
    return false;
}

/* Is global g written by any op in (from, to]? */
static bool written_between(const IRBlock *b, IRTemp g, uint32_t from, uint32_t to)
{
    for (uint32_t m = from + 1; m <= to; m++)
        if (ir_op_writes(&b->ops[m], g))
            return true;
    return false;
}

/* A global that holds temp t's value at the branch at op j: `mov g, t`
 * in [from, j), staying on the main path, with g unchanged after it.
 * IR_NONE if none. */
static IRTemp global_copy_of(const Sink *s, IRTemp t, uint32_t from, uint32_t j)
{
    const IRBlock *b = s->b;
    for (uint32_t m = from; m < j; m++) {
        const IROp *op = &b->ops[m];
        if (m == s->root || s->dead[m])
            continue;
        if (op->opc == IR_mov && op->args[1] == t && op->args[0] <= b->nb_globals && op->args[0] != IR_NONE &&
            !written_between(b, op->args[0], m, j)) {
            s->kept[m] = true; /* it must stay on the main path now */
            return op->args[0];
        }
    }
    return IR_NONE;
}

/* Copies op k (and, first, the ops computing its temp inputs) into the
 * exit's clone list, for a branch at op j. Returns false (the list
 * unchanged past *n0) if some input cannot be recomputed there. */
static bool clone_tree(Sink *s, uint32_t k, uint32_t j, uint32_t bb_start, unsigned depth)
{
    IRBlock *b = s->b;
    const IROp *op = &b->ops[k];
    if (!ir_op_pure(op) || depth > 6)
        return false;
    const IROpDef *d = ir_def(op);
    IROp copy = *op;
    for (unsigned a = d->nb_out; a < (unsigned)d->nb_out + d->nb_in; a++) {
        IRTemp t = op->args[a];
        if (t == IR_NONE || ir_is_const(b, t))
            continue;
        if (t <= b->nb_globals) {
            /* The exit reads it after the branch: same value needed. */
            if (written_between(b, t, k, j))
                return false;
            continue;
        }
        if (t < s->nb_orig && s->clone_of[t] != IR_NONE) {
            copy.args[a] = s->clone_of[t];
            continue;
        }
        /* Its definition: the last one before k, inside this block. */
        uint32_t dk = UINT32_MAX;
        for (uint32_t m = k; m-- > bb_start;)
            if (ir_op_writes(&b->ops[m], t)) {
                dk = m;
                break;
            }
        if (dk == UINT32_MAX)
            return false;
        if (ir_def(&b->ops[dk])->nb_out == 1 && clone_tree(s, dk, j, bb_start, depth + 1)) {
            copy.args[a] = s->clone_of[t];
            continue;
        }
        /* Not recomputable (a loaded value, say): a guest register that
         * still holds it will do. (Copies a failed attempt left in the
         * list are unused; DCE drops them.) */
        IRTemp g = global_copy_of(s, t, dk + 1, j);
        if (g == IR_NONE)
            return false;
        copy.args[a] = g;
    }
    if (s->nb_clones >= s->max_clones)
        return false;
    for (unsigned a = 0; a < d->nb_out; a++) {
        IRTemp t = op->args[a];
        if (t > b->nb_globals) {
            IRTemp c = ir_new_temp(b);
            s->clone_of[t] = c;
            copy.args[a] = c;
        }
    }
    s->clones[s->nb_clones++] = copy;
    return true;
}

bool ir_opt_sink(IRBlock *b)
{
    const uint32_t n = b->nb_ops;
    ir_opt_scratch_reset();
    uint32_t nl = b->nb_labels;
    uint8_t *refs = ir_opt_scratch(nl + 1);
    uint32_t *label_at = ir_opt_scratch((nl + 1) * sizeof(uint32_t));
    Sink s = { .b = b, .label_at = label_at };
    s.discard_class = ir_opt_scratch(b->nb_globals + 1);
    for (uint32_t g = 1; g <= b->nb_globals && g < 64; g++)
        s.discard_class[g] = (b->flag_globals >> g) & 1;
    for (uint32_t i = 0; i < n; i++) {
        const IROp *op = &b->ops[i];
        if (op->opc == IR_discard)
            s.discard_class[ir_const_arg(op, 0)] = 1;
        if (op->opc == IR_label)
            label_at[op->args[0]] = i;
    }
    ir_count_label_refs(b, refs);

    /* Per side exit: the clones to put after its label (and the ops the
     * main path loses). clone_of is indexed by the temps that exist now
     * (clones only read those); the pool bounds what a unit can grow by. */
    const uint32_t nt = b->nb_temps;
    s.nb_orig = nt;
    s.clone_of = ir_opt_scratch(nt * sizeof(IRTemp));
    bool *dead = ir_opt_scratch(n * sizeof(bool));
    s.dead = dead;
    s.kept = ir_opt_scratch(n * sizeof(bool));
    uint32_t *insert_first = ir_opt_scratch((nl + 1) * sizeof(uint32_t));
    uint32_t *insert_count = ir_opt_scratch((nl + 1) * sizeof(uint32_t));
    const uint32_t pool_cap = n + SINK_MAX_CLONES;
    IROp *pool = ir_opt_scratch_uninit(pool_cap * sizeof(IROp));
    uint32_t pool_used = 0;
    bool changed = false;
    uint32_t bb_start = 0;
    for (uint32_t j = 0; j < n; j++) {
        const IROp *br = &b->ops[j];
        const IROpDef *bd = ir_def(br);
        uint32_t end;
        if (br->opc == IR_brcond && ir_side_exit_at(b, label_at[ir_const_arg(br, 1)], refs, &end)) {
            uint32_t lab = ir_const_arg(br, 1);
            s.clones = pool + pool_used;
            s.nb_clones = 0;
            s.max_clones = pool_cap - pool_used < SINK_MAX_CLONES ? pool_cap - pool_used : SINK_MAX_CLONES;
            /* The block's writes of globals, last first. */
            for (uint32_t k = j; k-- > bb_start;) {
                const IROp *op = &b->ops[k];
                const IROpDef *d = ir_def(op);
                if (d->nb_out != 1 || op->args[0] > b->nb_globals || dead[k] || s.kept[k])
                    continue;
                IRTemp g = op->args[0];
                bool read_later = false;
                for (uint32_t m = k + 1; m <= j && !read_later; m++)
                    read_later = ir_op_reads(&b->ops[m], g) || ir_op_writes(&b->ops[m], g);
                if (read_later || !dead_from(&s, g, j + 1, 0))
                    continue;
                uint32_t mark = s.nb_clones;
                s.root = k;
                memset(s.clone_of, 0, nt * sizeof(IRTemp));
                if (!clone_tree(&s, k, j, bb_start, 0)) {
                    s.nb_clones = mark;
                    continue;
                }
                dead[k] = true;
                changed = true;
            }
            insert_first[lab] = pool_used;
            insert_count[lab] = s.nb_clones;
            pool_used += s.nb_clones;
        }
        /* Nothing moves across a branch, a call (it may write globals
         * behind the IR's back) or an env access. */
        if ((bd->flags & (IR_F_BB_END | IR_F_EXIT | IR_F_CALL)) || br->opc == IR_ld_env || br->opc == IR_st_env)
            bb_start = j + 1;
    }
    if (!changed)
        return false;

    uint32_t cap;
    IROp *out = ir_opt_ops_buf(n + pool_used + 1, &cap);
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        const IROp *op = &b->ops[i];
        if (dead[i])
            continue;
        out[m++] = *op;
        if (op->opc == IR_label && insert_count[op->args[0]]) {
            memcpy(out + m, pool + insert_first[op->args[0]], insert_count[op->args[0]] * sizeof(IROp));
            m += insert_count[op->args[0]];
        }
    }
    ir_opt_replace_ops(b, out, m, cap);
    return true;
}

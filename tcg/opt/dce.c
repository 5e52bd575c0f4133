/*
 * Pass 2: dead code elimination by liveness over the whole TU.
 *
 * The TU is cut into basic blocks (a label starts one, a branch or an exit
 * ends one) and the set of live temps is computed backwards to a fixed
 * point, so forward and backward branches are both handled exactly. The
 * analysis is "strong" liveness: the inputs of an op that will be removed
 * do not count as uses, so chains of dead computations go in one run.
 *
 * What keeps a global alive (opt.h): every exit, every IR_F_MEM op (a
 * fault must see precise guest state), calls that read globals, and
 * ld_env over the global. A discard op kills its global. An IR_F_MEM op
 * does not keep alive the globals that every path from it discards
 * before reading them (the "discardable" set, a second, must-analysis):
 * the guest never reads those values, so a fault may show an older one
 * (docs/jit-dead-flags.md). Calls that may write globals and st_env do not
 * count as definitions (they may not write all of it), so nothing before
 * them dies on their account.
 *
 * This is what removes the ARM flag computations (NF/ZF/CF/VF) that a
 * later flag-setting instruction overwrites before anyone reads them,
 * both within a block and across a conditional branch whose two paths
 * both redefine the flag; and, through discard ops that the front end
 * puts before exits, flags that the next unit overwrites.
 *
 * The same backward walk also drops the copies the front end makes of a
 * fresh result into its register ("add t, r1, r2; mov r0, t" becomes
 * "add r0, r1, r2") when the result is read nowhere else: the mov is a
 * dead temp's last use, so this is dead code too. It matters for cold
 * code, which gets no copy propagation (optimize.c), and the backend
 * spends far more per op than this check (docs/startup.md).
 */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

typedef struct Dce {
    IRBlock *b;
    uint32_t nwords;
    uint64_t *globals;    /* the bits of temps 1..nb_globals */
    uint32_t nb_bbs;
    uint32_t *bb_start;   /* first op of each block; bb_start[nb_bbs] = nb_ops */
    uint32_t *label_bb;   /* block of each label */
    uint64_t *live_in;    /* nb_bbs * nwords */
    uint64_t *ds_in;      /* per block: discardable globals (bit g, g < 64) */
    uint64_t dclass;      /* the flags, and globals some discard op names (the front end's
                           * "may be stale at a fault" class: ARM flags) */
} Dce;

/* How transfer() treats each opcode, from ir-ops.def: most ops are pure
 * with one output (DCE_PURE1: one bit test, one clear, a bit per input);
 * insn_start, labels, br and mb read and write no temp and touch no
 * global (DCE_NONE); everything else takes the general path. Cold units
 * are run once, so this pass's per-op cost is part of start-up. */
enum { DCE_GENERAL, DCE_PURE1, DCE_NONE };
static const uint8_t dce_kind[IR_NB_OPS] = {
#define DEF(name, nout, nin, nconst, fl)                                                  \
    [IR_##name] = IR_##name == IR_ld_env || IR_##name == IR_discard ? DCE_GENERAL         \
                  : (nout) == 1 && (fl) == 0                       ? DCE_PURE1           \
                  : (nout) == 0 && (nin) == 0 && !((fl) & (IR_F_EXIT | IR_F_MEM | IR_F_CALL)) ? DCE_NONE \
                                                                   : DCE_GENERAL,
#include "tcg/ir-ops.def"
#undef DEF
};

static bool op_removable(const IROp *op)
{
    if (!(ir_def(op)->flags & IR_F_SIDE))
        return true;
    return op->opc == IR_call && (op->helper->flags & IR_HELPER_NO_SIDE) &&
           !(op->helper->flags & IR_HELPER_WRITES_GLOBALS);
}

static void or_globals(const Dce *d, uint64_t *live)
{
    for (uint32_t w = 0; w < d->nwords; w++)
        live[w] |= d->globals[w];
}

/* Steps the discardable set (globals that every path from here discards
 * before any read) back over op. Only globals below 64 take part. For a
 * global of the discard class (one the front end discards somewhere in
 * the unit), a plain write counts as a discard too: the old value is as
 * dead as a discarded one. */
static uint64_t ds_transfer(const Dce *d, const IROp *op, uint64_t ds)
{
    const IROpDef *def = ir_def(op);
    const IRBlock *b = d->b;
    if (op->opc == IR_discard) {
        uint32_t g = ir_const_arg(op, 0);
        return g < 64 ? ds | 1ull << g : ds;
    }
    if ((def->flags & IR_F_EXIT) || (op->opc == IR_call && (op->helper->flags & IR_HELPER_READS_GLOBALS)))
        return 0;
    if (op->opc == IR_ld_env)
        for (uint32_t g = 1; g <= b->nb_globals && g < 64; g++)
            if (ir_env_overlaps(b, g, ir_const_arg(op, 0)))
                ds &= ~(1ull << g);
    for (uint32_t k = 0; k < def->nb_out; k++)
        if (op->args[k] != IR_NONE && op->args[k] < 64)
            ds |= d->dclass & (1ull << op->args[k]);
    for (uint32_t k = def->nb_out; k < (uint32_t)def->nb_out + def->nb_in; k++)
        if (op->args[k] < 64)
            ds &= ~(1ull << op->args[k]);
    return ds;
}

/* Steps live (the set after op) back over op; ds is the discardable set
 * before op. Returns true, leaving live alone, if op is dead. */
static bool transfer(const Dce *d, const IROp *op, uint64_t *live, uint64_t ds)
{
    switch (dce_kind[op->opc]) {
    case DCE_NONE:
        return false;
    case DCE_PURE1: {
        if (!ir_bit_test(live, op->args[0]))
            return true;
        ir_bit_clear(live, op->args[0]);
        /* Constants get a bit too: nothing reads the bit of a temp that
         * is never written, and skipping them costs more than setting. */
        for (uint32_t k = 1, n = ir_op_defs[op->opc].nb_in; k <= n; k++)
            ir_bit_set(live, op->args[k]);
        return false;
    }
    }
    const IROpDef *def = ir_def(op);
    const IRBlock *b = d->b;
    if (op->opc == IR_discard) {
        /* Not a use: the global's value is dead before it. */
        ir_bit_clear(live, ir_const_arg(op, 0));
        return false;
    }
    if (op_removable(op)) {
        bool used = false;
        for (uint32_t j = 0; j < def->nb_out; j++)
            used |= op->args[j] != IR_NONE && ir_bit_test(live, op->args[j]);
        if (!used)
            return true;
    }
    for (uint32_t j = 0; j < def->nb_out; j++)
        if (op->args[j] != IR_NONE)
            ir_bit_clear(live, op->args[j]);
    if (def->flags & IR_F_EXIT)
        or_globals(d, live);
    if (def->flags & IR_F_MEM) {
        or_globals(d, live);
        /* Only globals below 64 are ever discardable: word 0 of the
         * globals set masks ds to them. */
        live[0] &= ~(ds & d->globals[0]);
    }
    if (op->opc == IR_call && (op->helper->flags & IR_HELPER_READS_GLOBALS))
        or_globals(d, live);
    if (op->opc == IR_ld_env)
        for (uint32_t g = 1; g <= b->nb_globals; g++)
            if (ir_env_overlaps(b, g, ir_const_arg(op, 0)))
                ir_bit_set(live, g);
    for (uint32_t k = def->nb_out; k < (uint32_t)def->nb_out + def->nb_in; k++) {
        IRTemp t = op->args[k];
        if (t != IR_NONE && !ir_is_const(b, t))
            ir_bit_set(live, t);
    }
    return false;
}

/* op k is "mov d, t" with t a local that nothing reads after it, and op
 * k - 1, in the same block, computes t as its only output: make k - 1
 * write d itself and report k dead. Nothing lies between the two, so no
 * fault, exit or read can tell d was written one op earlier; the op's
 * inputs are read before its output is written, so "add t, d, x; mov d, t"
 * becomes "add d, d, x". live is the set after op k, which stays the set
 * after the merged op. Calls and cmpxchg keep their temp (fixed host
 * registers, helpers that may write globals). */
static bool merge_copy(const Dce *d, uint32_t k, uint32_t bb_first, const uint64_t *live)
{
    IROp *mov = &d->b->ops[k];
    if (mov->opc != IR_mov || k == bb_first)
        return false;
    IRTemp dst = mov->args[0], t = mov->args[1];
    const IRBlock *b = d->b;
    if (t <= b->nb_globals || b->temps[t].kind != IR_TEMP_LOCAL || ir_bit_test(live, t) ||
        !ir_bit_test(live, dst))
        return false;
    IROp *def = &d->b->ops[k - 1];
    if (ir_def(def)->nb_out != 1 || def->args[0] != t || def->opc == IR_call ||
        def->opc == IR_guest_cmpxchg)
        return false;
    def->args[0] = dst;
    return true;
}

static void build_blocks(Dce *d)
{
    const IRBlock *b = d->b;
    d->bb_start = ir_opt_scratch((b->nb_ops + 1) * sizeof(uint32_t));
    d->label_bb = ir_opt_scratch((b->nb_labels + 1) * sizeof(uint32_t));
    d->nb_bbs = 0;
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        bool starts = i == 0 || b->ops[i].opc == IR_label ||
                      ((ir_def(&b->ops[i - 1])->flags & IR_F_BB_END) && b->ops[i - 1].opc != IR_label);
        if (starts)
            d->bb_start[d->nb_bbs++] = i;
        if (b->ops[i].opc == IR_label)
            d->label_bb[b->ops[i].args[0]] = d->nb_bbs - 1;
    }
    d->bb_start[d->nb_bbs] = b->nb_ops;
}

/* True if some block branches to itself or to an earlier block. */
static bool has_backward_branch(const Dce *d)
{
    for (uint32_t i = 0; i < d->nb_bbs; i++) {
        const IROp *last = &d->b->ops[d->bb_start[i + 1] - 1];
        if ((last->opc == IR_br && d->label_bb[last->args[0]] <= i) ||
            (last->opc == IR_brcond && d->label_bb[ir_const_arg(last, 1)] <= i))
            return true;
    }
    return false;
}

static uint32_t successors(const Dce *d, uint32_t i, uint32_t succ[2])
{
    const IROp *last = &d->b->ops[d->bb_start[i + 1] - 1];
    uint32_t n = 0;
    if (last->opc == IR_br) {
        succ[n++] = d->label_bb[last->args[0]];
    } else if (last->opc == IR_brcond) {
        succ[n++] = d->label_bb[ir_const_arg(last, 1)];
        succ[n++] = i + 1;
    } else if (!(ir_def(last)->flags & IR_F_EXIT) && i + 1 < d->nb_bbs) {
        succ[n++] = i + 1;
    }
    return n;
}

/* The discardable set at the end of block i: what all successors agree on. */
static uint64_t ds_out(const Dce *d, uint32_t i)
{
    uint32_t succ[2], n = successors(d, i, succ);
    uint64_t ds = n ? ~0ull : 0;
    for (uint32_t s = 0; s < n; s++)
        ds &= d->ds_in[succ[s]];
    return ds;
}

/* The live-out set of block i: the union of its successors' live-in. */
static void live_out(const Dce *d, uint32_t i, uint64_t *out)
{
    uint32_t succ[2], n = successors(d, i, succ);
    memset(out, 0, d->nwords * sizeof(uint64_t));
    for (uint32_t s = 0; s < n; s++)
        for (uint32_t w = 0; w < d->nwords; w++)
            out[w] |= d->live_in[(size_t)succ[s] * d->nwords + w];
}

void ir_opt_dce(IRBlock *b)
{
    if (b->nb_ops == 0)
        return;
    Dce d = { .b = b, .nwords = (b->nb_temps + 63) / 64 };
    ir_opt_scratch_reset();
    build_blocks(&d);
    d.globals = ir_opt_scratch(d.nwords * sizeof(uint64_t));
    d.live_in = ir_opt_scratch((size_t)d.nb_bbs * d.nwords * sizeof(uint64_t));
    d.ds_in = ir_opt_scratch((size_t)d.nb_bbs * sizeof(uint64_t));
    uint64_t *live = ir_opt_scratch(d.nwords * sizeof(uint64_t));
    bool *dead = ir_opt_scratch(b->nb_ops * sizeof(bool));
    for (uint32_t g = 1; g <= b->nb_globals; g++)
        ir_bit_set(d.globals, g);

    /* Backwards to a fixed point, noting dead ops on the way: the sweep
     * that changes nothing saw the final sets, so its verdicts stand.
     * With only forward branches every successor is final before its
     * predecessors, so one sweep in reverse order settles it. */
    bool backward = has_backward_branch(&d), any_dead = false;
    /* First the discardable sets: a must-analysis, from "everything" down. */
    for (uint32_t i = 0; i < d.nb_bbs; i++)
        d.ds_in[i] = ~0ull;
    bool any_discard = false;
    d.dclass = b->flag_globals;
    for (uint32_t i = 0; i < b->nb_ops; i++)
        if (b->ops[i].opc == IR_discard && ir_const_arg(&b->ops[i], 0) < 64) {
            d.dclass |= 1ull << ir_const_arg(&b->ops[i], 0);
            any_discard = true;
        }
    /* Without backward branches the liveness sweep below settles the
     * discardable sets on its way (each block's successors come first),
     * so the separate must-analysis is only needed for loops. */
    for (bool changed = backward; changed;) {
        changed = false;
        for (uint32_t i = d.nb_bbs; i-- > 0;) {
            uint64_t ds = ds_out(&d, i);
            for (uint32_t k = d.bb_start[i + 1]; k-- > d.bb_start[i];)
                ds = ds_transfer(&d, &b->ops[k], ds);
            changed |= ds != d.ds_in[i];
            d.ds_in[i] = ds;
        }
        if (!backward)
            break;
    }
    /* With no discard op and no loop (cold units), skip the per-op steps
     * of the discardable set: it holds only flags that a later write
     * overwrites, and keeping those is merely less thorough. */
    bool track_ds = any_discard || backward;
    /* Copies are merged only in a single sweep (no loop): merging changes
     * the ops, which a sweep that is not the last must not do. */
    bool merge = !backward;
    for (bool changed = true; changed;) {
        changed = false;
        any_dead = false;
        for (uint32_t i = d.nb_bbs; i-- > 0;) {
            live_out(&d, i, live);
            uint64_t ds = track_ds ? ds_out(&d, i) : 0;
            for (uint32_t k = d.bb_start[i + 1]; k-- > d.bb_start[i];) {
                if (track_ds)
                    ds = ds_transfer(&d, &b->ops[k], ds);
                if (merge && merge_copy(&d, k, d.bb_start[i], live)) {
                    any_dead = dead[k] = true;
                    continue;
                }
                any_dead |= dead[k] = transfer(&d, &b->ops[k], live, ds);
            }
            d.ds_in[i] = ds;
            uint64_t *in = &d.live_in[(size_t)i * d.nwords];
            if (memcmp(in, live, d.nwords * sizeof(uint64_t))) {
                memcpy(in, live, d.nwords * sizeof(uint64_t));
                changed = true;
            }
        }
        if (!backward)
            break;
    }
    if (any_dead)
        ir_opt_compact(b, dead);
}

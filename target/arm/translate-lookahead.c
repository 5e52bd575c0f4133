/*
 * Dead flags across translation units.
 *
 * Every TU exit stores the four flag globals (NF, ZF, CF, VF), yet most
 * successors overwrite them before reading them (a cmp, an adds). For each
 * direct exit we translate the first few instructions of the target into
 * a scratch IR block and compute which flags are live on entry; the dead
 * ones get a discard op before the exit, so DCE drops their computation
 * and the backend does not store them.
 *
 * The scratch IR is the real translation (same decoders), so the answer
 * cannot disagree with what the successor will do. The liveness is
 * conservative: anything we cannot see through (an indirect or helper
 * exit, a helper that reads globals, a backward branch) counts as a read
 * of every flag. A direct exit of the scratch code (a branch, or the
 * instruction limit) is followed the same way, LOOKAHEAD_DEPTH deep, if
 * its target is in the same page; deeper than that it reads everything. Guest memory accesses do not count as reads: the
 * program itself never reads a dead flag, only a signal handler or a
 * debugger looking at a fault inside the successor might see its older
 * value (docs/jit-dead-flags.md).
 *
 * The target must be in the same guest page as the TU: invalidation is
 * page-granular (tcg_invalidate), so rewriting the target's code also
 * drops the TU that relied on it.
 */
#include "target/arm/translate.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

enum {
    LOOKAHEAD_INSNS = 8,
    LOOKAHEAD_DEPTH = 2,     /* scratch translations nested in one query */
    LOOKAHEAD_PAGE_MASK = ~0xfffu,
    NB_FLAGS = 4,            /* NF ZF CF VF: ARM_G_NF .. ARM_G_VF */
    ALL_FLAGS = (1u << NB_FLAGS) - 1,
    MAX_TARGETS = 8,         /* distinct targets remembered per TU */
};

/* One scratch block and label table per nesting level. */
static IRBlock scratch[LOOKAHEAD_DEPTH];
static bool scratch_ready;
static uint8_t *label_live[LOOKAHEAD_DEPTH];
static uint32_t cap_labels[LOOKAHEAD_DEPTH];

static uint32_t live_at(uint32_t pc, uint32_t flags, uint32_t page, unsigned depth);

/* Bit of flag temp t in the live mask, 0 if t is not a flag. */
static uint32_t flag_bit(IRTemp t)
{
    IRTemp nf = ARM_G_NF + 1;   /* ir_global(b, g) == g + 1 */
    return t >= nf && t < nf + NB_FLAGS ? 1u << (t - nf) : 0;
}

static uint32_t env_flag_bits(const IRBlock *b, uint32_t off)
{
    uint32_t bits = 0;
    for (uint32_t i = 0; i < NB_FLAGS; i++) {
        uint32_t fo = b->temps[ARM_G_NF + 1 + i].value;
        if (off < fo + 4 && fo < off + 4)
            bits |= 1u << i;
    }
    return bits;
}

/* Flags live on entry to the IR in b: one backward walk. The front end
 * only branches forward inside a TU; a label not yet seen (a backward
 * branch) counts as "all live". */
static uint32_t flags_live_in(const IRBlock *b, uint32_t page, unsigned depth)
{
    if (b->nb_labels > cap_labels[depth]) {
        label_live[depth] = realloc(label_live[depth], b->nb_labels);
        if (!label_live[depth])
            ferry_die("out of memory in the ARM front end");
        cap_labels[depth] = b->nb_labels;
    }
    uint8_t *ll = label_live[depth];
    for (uint32_t i = 0; i < b->nb_labels; i++)
        ll[i] = ALL_FLAGS;
    uint32_t live = ALL_FLAGS;
    for (uint32_t i = b->nb_ops; i-- > 0;) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        if (op->opc == IR_exit_direct)
            live = live_at(op->args[0], op->args[1], page, depth + 1);
        else if (d->flags & IR_F_EXIT)
            live = ALL_FLAGS;
        else if (op->opc == IR_br)
            live = ll[op->args[0]];
        else if (op->opc == IR_brcond)
            live |= ll[ir_const_arg(op, 1)];
        else if (op->opc == IR_label)
            ll[op->args[0]] = (uint8_t)live;
        else if (op->opc == IR_call && (op->helper->flags & IR_HELPER_READS_GLOBALS))
            live = ALL_FLAGS;
        else if (op->opc == IR_ld_env)
            live |= env_flag_bits(b, ir_const_arg(op, 0));
        for (uint32_t k = 0; k < d->nb_out; k++)
            live &= ~flag_bit(op->args[k]);
        for (uint32_t k = d->nb_out; k < (uint32_t)d->nb_out + d->nb_in; k++)
            live |= flag_bit(op->args[k]);
    }
    return live;
}

static uint32_t live_at(uint32_t pc, uint32_t flags, uint32_t page, unsigned depth)
{
    if (depth >= LOOKAHEAD_DEPTH || (pc & LOOKAHEAD_PAGE_MASK) != page)
        return ALL_FLAGS;
    if (!scratch_ready) {
        for (unsigned i = 0; i < LOOKAHEAD_DEPTH; i++)
            ir_block_init(&scratch[i], arm_guest.globals, arm_guest.nb_globals);
        scratch_ready = true;
    }
    if (!arm_translate_insns(&scratch[depth], pc, flags, LOOKAHEAD_INSNS))
        return ALL_FLAGS;
    return flags_live_in(&scratch[depth], page, depth);
}

uint32_t arm_flags_live_at(uint32_t pc, uint32_t flags)
{
    return live_at(pc, flags, pc & LOOKAHEAD_PAGE_MASK, 0);
}

void arm_discard_dead_flags(IRBlock *b)
{
    uint32_t page = b->guest_pc & LOOKAHEAD_PAGE_MASK;
    struct { uint32_t pc, flags, live; } seen[MAX_TARGETS];
    uint32_t nb_seen = 0, nb_exits = 0;
    for (uint32_t i = 0; i < b->nb_ops; i++)
        nb_exits += b->ops[i].opc == IR_exit_direct;
    if (nb_exits == 0)
        return;

    /* Rebuild the op list with the discards in front of the exits. */
    uint32_t n = b->nb_ops;
    IROp *old = malloc(n * sizeof(IROp));
    if (!old)
        ferry_die("out of memory in the ARM front end");
    memcpy(old, b->ops, n * sizeof(IROp));
    b->nb_ops = 0;
    for (uint32_t i = 0; i < n; i++) {
        const IROp *op = &old[i];
        if (op->opc == IR_exit_direct && (op->args[0] & LOOKAHEAD_PAGE_MASK) == page) {
            uint32_t live = ALL_FLAGS, k;
            for (k = 0; k < nb_seen; k++)
                if (seen[k].pc == op->args[0] && seen[k].flags == op->args[1])
                    break;
            if (k < nb_seen) {
                live = seen[k].live;
            } else {
                live = live_at(op->args[0], op->args[1], page, 0);
                if (nb_seen < MAX_TARGETS)
                    seen[nb_seen++] = (typeof(seen[0])){ op->args[0], op->args[1], live };
            }
            for (uint32_t f = 0; f < NB_FLAGS; f++)
                if (!(live & (1u << f)))
                    ir_gen_discard(b, ir_global(b, ARM_G_NF + f));
        }
        IROp *copy = ir_emit(b, (IROpcode)op->opc);
        *copy = *op;
    }
    free(old);
}

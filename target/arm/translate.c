/*
 * The ARM front end's core: turns the guest code of one translation unit
 * (TU) into IR.
 *
 *   fetch (A32 word; T16 halfword, or T32 pair when the first halfword is
 *   a 32-bit prefix 0b11101/0b11110/0b11111)
 *   -> insn_start(pc, ITSTATE)
 *   -> condition: A32 cond field, or the IT block's condition in Thumb;
 *      a failing condition branches over the instruction
 *   -> the family decoders (generated from *.decode), in the order of
 *      translate.h; the first that accepts the encoding emits its IR
 *   -> nothing accepted it: undefined instruction (SIGILL in the guest)
 *
 * then the IR goes to tcg/opt, the register allocator and the backend.
 *
 * A TU ends at a branch or exception, after ARM_MAX_INSNS instructions, or
 * at the guest page boundary (so that invalidating a page drops every TU
 * that reads it). The TU key is (pc, flags) with flags = Thumb bit and
 * ITSTATE, so a TU may start in the middle of an IT block.
 *
 * A32 encodings with cond == 0b1111 are the unconditional space: no
 * condition test is emitted, s->cond is 0xf, and each family decides at
 * its entry whether it owns such encodings (most return false).
 *
 * Also here: register access with ARM's PC rules, branches, exceptions,
 * condition tests, and the TcgGuest description (globals, disassembler).
 */
#include "target/arm/translate.h"

#include <stddef.h>

#include "util/die.h"
#include "util/log.h"

enum {
    ARM_PAGE_MASK = ~0xfffu,
};

typedef bool ArmDecodeFn(DisasContext *s, uint32_t insn);

static ArmDecodeFn *const a32_families[] = {
    arm_decode_a32_dp, arm_decode_a32_mem, arm_decode_a32_branch_misc,
};
static ArmDecodeFn *const t32_families[] = {
    arm_decode_t32_dp, arm_decode_t32_mem, arm_decode_t32_branch_misc,
};
static ArmDecodeFn *const t16_families[] = {
    arm_decode_t16_dp, arm_decode_t16_mem, arm_decode_t16_branch_misc,
};

/* ---- Guest description ---- */

#define ARM_REG_GLOBAL(n) { "r" #n, offsetof(ArmCpu, regs[n]), false }
static const IRGlobalDef arm_globals[ARM_NB_GLOBALS] = {
    ARM_REG_GLOBAL(0), ARM_REG_GLOBAL(1), ARM_REG_GLOBAL(2), ARM_REG_GLOBAL(3),
    ARM_REG_GLOBAL(4), ARM_REG_GLOBAL(5), ARM_REG_GLOBAL(6), ARM_REG_GLOBAL(7),
    ARM_REG_GLOBAL(8), ARM_REG_GLOBAL(9), ARM_REG_GLOBAL(10), ARM_REG_GLOBAL(11),
    ARM_REG_GLOBAL(12), ARM_REG_GLOBAL(13), ARM_REG_GLOBAL(14),
    [ARM_G_NF] = { "NF", offsetof(ArmCpu, NF), true },
    [ARM_G_ZF] = { "ZF", offsetof(ArmCpu, ZF), true },
    [ARM_G_CF] = { "CF", offsetof(ArmCpu, CF), true },
    [ARM_G_VF] = { "VF", offsetof(ArmCpu, VF), true },
    [ARM_G_QF] = { "QF", offsetof(ArmCpu, QF), false },
    [ARM_G_GE] = { "GE", offsetof(ArmCpu, GE), false },
};

/* target/arm/disas.c */
void arm_disas(FILE *f, uint32_t pc, uint32_t flags, uint32_t size);

const TcgGuest arm_guest = {
    .name = "arm",
    .globals = arm_globals,
    .nb_globals = ARM_NB_GLOBALS,
    .translate = arm_translate,
    .disas = arm_disas,
    .dump = arm_dump_state,
};

/* ---- Flags and registers ---- */

static uint32_t arm_make_flags(bool thumb, uint32_t itstate)
{
    return (thumb ? ARM_FLAG_THUMB : 0) | (itstate << ARM_FLAG_IT_SHIFT);
}

uint32_t arm_next_flags(const DisasContext *s)
{
    return arm_make_flags(s->thumb, s->it_next);
}

static uint32_t arm_cur_flags(const DisasContext *s)
{
    return arm_make_flags(s->thumb, s->it_state);
}

IRTemp arm_reg(DisasContext *s, unsigned r)
{
    FERRY_ASSERT(r < 15);
    return ir_global(s->ir, ARM_G_R0 + r);
}

IRTemp arm_read_reg(DisasContext *s, unsigned r)
{
    if (r == 15)
        return arm_const(s, s->pc + (s->thumb ? 4 : 8));
    return arm_reg(s, r);
}

IRTemp arm_read_pc_aligned(DisasContext *s)
{
    return arm_const(s, (s->pc + (s->thumb ? 4 : 8)) & ~3u);
}

IRTemp arm_flag(DisasContext *s, unsigned global)
{
    FERRY_ASSERT(global >= ARM_G_NF && global < ARM_NB_GLOBALS);
    return ir_global(s->ir, global);
}

/* BranchWritePC: the address is aligned for the current state. */
static void arm_gen_branch_write_pc(DisasContext *s, IRTemp v)
{
    if (ir_is_const(s->ir, v)) {
        arm_gen_jump(s, s->ir->temps[v].value, s->thumb);
        return;
    }
    IRTemp pc = arm_temp(s);
    ir_gen_binop(s->ir, IR_andc, pc, v, arm_const(s, s->thumb ? 1 : 3));
    /* A branch is the last instruction of an IT block: no IT state after. */
    ir_gen_exit_indirect(s->ir, pc, arm_const(s, arm_make_flags(s->thumb, 0)));
    s->end = ARM_DISAS_JUMP;
}

void arm_write_reg(DisasContext *s, unsigned r, IRTemp v)
{
    if (r == 15) {
        arm_gen_branch_write_pc(s, v);
        return;
    }
    ir_gen_mov(s->ir, arm_reg(s, r), v);
}

void arm_write_reg_alu(DisasContext *s, unsigned r, IRTemp v)
{
    if (r == 15 && !s->thumb)
        arm_gen_bx(s, v);
    else
        arm_write_reg(s, r, v);
}

void arm_gen_bx(DisasContext *s, IRTemp addr)
{
    IRBlock *b = s->ir;
    if (ir_is_const(b, addr)) {
        uint32_t a = b->temps[addr].value;
        arm_gen_jump(s, (a & 1) ? a & ~1u : a & ~3u, a & 1);
        return;
    }
    /* flags = addr & 1 (Thumb bit); pc = addr & ~(bit0 ? 1 : 3). */
    IRTemp thumb = arm_temp(s), mask = arm_temp(s), pc = arm_temp(s);
    ir_gen_binop(b, IR_and, thumb, addr, arm_const(s, 1));
    ir_gen_binop(b, IR_shl, mask, thumb, arm_const(s, 1));
    ir_gen_binop(b, IR_xor, mask, mask, arm_const(s, 3));
    ir_gen_binop(b, IR_andc, pc, addr, mask);
    _Static_assert(ARM_FLAG_THUMB == 1, "the Thumb flag is bit 0 of the address");
    ir_gen_exit_indirect(b, pc, thumb);
    s->end = ARM_DISAS_JUMP;
}

void arm_gen_jump(DisasContext *s, uint32_t target, bool thumb)
{
    ir_gen_exit_direct(s->ir, target & (thumb ? ~1u : ~3u), arm_make_flags(thumb, 0));
    s->end = ARM_DISAS_JUMP;
}

/* A B back to an instruction of this unit: a label goes in front of
 * that instruction's ops (with the exit_request check every loop head
 * needs) and the B branches there, so the loop runs inside the unit with
 * its registers kept (docs/jit-hot-code.md). The front end keeps no
 * state across instructions, so the label needs no other fix-up. */
static uint32_t arm_loop_head_label(DisasContext *s, ArmLoopHead *h)
{
    IRBlock *b = s->ir;
    if (!h->label) {
        uint32_t label = ir_new_label(b);
        IROp *ops = ir_insert_ops(b, h->op, 2);
        ops[0] = (IROp){ .opc = IR_label, .args = { label } };
        ops[1] = (IROp){ .opc = IR_exit_check, .args = { h->pc, arm_make_flags(s->thumb, 0) } };
        h->label = label + 1;
        for (ArmLoopHead *later = h + 1; later < s->heads + s->nb_heads; later++)
            later->op += 2;
    }
    return h->label - 1;
}

/* The instruction at target if it is in this unit (not its start, which
 * the backend loops to by itself) and may be a loop head; else NULL. */
static ArmLoopHead *arm_find_loop_head(DisasContext *s, uint32_t target)
{
    if (target == s->ir->guest_pc)
        return NULL;
    for (uint32_t i = 0; i < s->nb_heads; i++)
        if (s->heads[i].pc == target)
            return &s->heads[i];
    return NULL;
}

void arm_gen_goto(DisasContext *s, uint32_t target)
{
    target &= s->thumb ? ~1u : ~3u;
    if (!s->side_ok || s->cond != ARM_COND_AL || arm_in_it_block(s)) {
        arm_gen_jump(s, target, s->thumb);
        return;
    }
    /* Back to the unit's start: an exit, which the backend turns into the
     * loop's back edge. */
    bool seen = target == s->ir->guest_pc;
    for (uint32_t i = 0; i < s->nb_seg; i++)
        seen |= target >= s->seg_start[i] && target < s->seg_end[i];
    seen |= target >= s->seg && target < s->pc_next;
    ArmLoopHead *head = arm_find_loop_head(s, target);
    if (head) {
        ir_gen_br(s->ir, arm_loop_head_label(s, head));
        s->end = ARM_DISAS_JUMP;
        return;
    }
    if (seen || s->nb_seg >= ARM_MAX_FOLLOWS || (target & ARM_PAGE_MASK) != (s->ir->guest_pc & ARM_PAGE_MASK)) {
        arm_gen_jump(s, target, s->thumb);
        return;
    }
    s->follow = target;
    s->end = ARM_DISAS_NEXT;
}

bool arm_gen_side_exit(DisasContext *s, uint32_t label, uint32_t target)
{
    if (!s->side_ok || s->nb_side >= ARM_MAX_SIDE_EXITS)
        return false;
    /* A conditional branch back into the unit leaves too, though it
     * could go to a label there: whether it loops is a guess (often it
     * does not, `bhi` to a switch's default), and a loop makes the unit
     * load and store its pinned registers on every run (callgrind:
     * interp +15%, matmul +4%). The loop it closes gets a unit of its own,
     * which loops to its own start. */
    s->side[s->nb_side++] = (ArmSideExit){ label, target & (s->thumb ? ~1u : ~3u), arm_make_flags(s->thumb, 0) };
    s->end = ARM_DISAS_NEXT;
    return true;
}

void arm_gen_exception(DisasContext *s, uint32_t reason, uint32_t pc)
{
    /* At this instruction the IT state is this one's; after it, the next. */
    uint32_t flags = pc == s->pc ? arm_cur_flags(s) : arm_next_flags(s);
    ir_gen_exit_helper(s->ir, reason, pc, flags);
    s->end = ARM_DISAS_JUMP;
}

void arm_gen_undef(DisasContext *s)
{
    if (s->thumb && s->pc_next - s->pc == 2)
        ferry_log(FERRY_LOG_unimp, "0x%08x: undefined T16 instruction %04x\n", s->pc, s->insn);
    else
        ferry_log(FERRY_LOG_unimp, "0x%08x: undefined %s instruction %08x\n", s->pc,
                  s->thumb ? "T32" : "A32", s->insn);
    arm_gen_exception(s, ARM_EXIT_UNDEF, s->pc);
}

/* ---- Conditions ---- */

/* (N ^ V) as a sign: negative iff N != V, i.e. iff "lt". */
static IRTemp arm_gen_n_xor_v(DisasContext *s)
{
    IRTemp t = arm_temp(s);
    ir_gen_binop(s->ir, IR_xor, t, arm_flag(s, ARM_G_NF), arm_flag(s, ARM_G_VF));
    return t;
}

void arm_gen_test_cond(DisasContext *s, unsigned cond, uint32_t label)
{
    IRBlock *b = s->ir;
    IRTemp zero = arm_const(s, 0);
    IRTemp nf = arm_flag(s, ARM_G_NF), zf = arm_flag(s, ARM_G_ZF);
    IRTemp cf = arm_flag(s, ARM_G_CF), vf = arm_flag(s, ARM_G_VF);
    /* Odd conditions are the inverse of the even one below them. */
    IRCond pos = (cond & 1) ? IR_COND_NE : IR_COND_EQ;   /* "holds" for EQ-like tests */
    IRCond sign = (cond & 1) ? IR_COND_GE : IR_COND_LT;  /* "holds" for sign tests */
    switch (cond >> 1) {
    case 0: /* EQ / NE: Z is set iff ZF == 0 */
        ir_gen_brcond(b, pos, zf, zero, label);
        break;
    case 1: /* CS / CC */
        ir_gen_brcond(b, ir_cond_invert(pos), cf, zero, label);
        break;
    case 2: /* MI / PL */
        ir_gen_brcond(b, sign, nf, zero, label);
        break;
    case 3: /* VS / VC */
        ir_gen_brcond(b, sign, vf, zero, label);
        break;
    case 4: { /* HI: C && !Z;  LS: !C || Z.  -CF is all ones iff C. */
        IRTemp c_mask = arm_temp(s);
        ir_gen_unop(b, IR_neg, c_mask, cf);
        ir_gen_brcond(b, (cond & 1) ? IR_COND_TSTEQ : IR_COND_TSTNE, c_mask, zf, label);
        break;
    }
    case 5: /* GE / LT */
        ir_gen_brcond(b, (cond & 1) ? IR_COND_LT : IR_COND_GE, arm_gen_n_xor_v(s), zero, label);
        break;
    case 6: { /* GT: !Z && N == V;  LE: Z || N != V */
        IRTemp lt_mask = arm_temp(s), gt = arm_temp(s);
        ir_gen_binop(b, IR_sar, lt_mask, arm_gen_n_xor_v(s), arm_const(s, 31));
        ir_gen_binop(b, IR_andc, gt, zf, lt_mask);  /* nonzero iff GT */
        ir_gen_brcond(b, (cond & 1) ? IR_COND_EQ : IR_COND_NE, gt, zero, label);
        break;
    }
    default: /* AL, and 0b1111 inside an IT block */
        ir_gen_br(b, label);
        break;
    }
}

/* ---- The translation loop ---- */

/* ARM ARM ITAdvance(). */
static uint32_t arm_it_advance(uint32_t it)
{
    if ((it & 7) == 0)
        return 0;
    return (it & 0xe0) | ((it << 1) & 0x1f);
}

/* Reads the instruction at s->pc; false if the code cannot be read. */
static bool arm_fetch(DisasContext *s)
{
    if (!tcg_read_code)
        return false;
    if (!s->thumb) {
        uint32_t w;
        if (!tcg_read_code(s->pc, &w, 4))
            return false;
        s->insn = w;
        s->pc_next = s->pc + 4;
        return true;
    }
    uint16_t hw1, hw2;
    if (!tcg_read_code(s->pc, &hw1, 2))
        return false;
    if ((hw1 >> 11) < 0x1d) {
        s->insn = hw1;
        s->pc_next = s->pc + 2;
        return true;
    }
    if (!tcg_read_code(s->pc + 2, &hw2, 2))
        return false;
    s->insn = (uint32_t)hw1 << 16 | hw2;
    s->pc_next = s->pc + 4;
    return true;
}

static void arm_decode_one(DisasContext *s)
{
    ArmDecodeFn *const *fam;
    size_t n;
    if (!s->thumb) {
        fam = a32_families, n = sizeof(a32_families) / sizeof(a32_families[0]);
    } else if (s->pc_next - s->pc == 4) {
        fam = t32_families, n = sizeof(t32_families) / sizeof(t32_families[0]);
    } else {
        fam = t16_families, n = sizeof(t16_families) / sizeof(t16_families[0]);
    }
    for (size_t i = 0; i < n; i++)
        if (fam[i](s, s->insn))
            return;
    arm_gen_undef(s);
}

/* A32 B<cond> is a conditional branch of its own, like T32's B<c>: in a
 * hot unit it becomes a side exit and the unit goes on (the generic
 * condition test would end the unit at every conditional branch). */
static bool arm_a32_cond_branch(DisasContext *s)
{
    if (s->thumb || s->cond >= ARM_COND_AL || ((s->insn >> 24) & 0xf) != 0xa || !s->side_ok ||
        s->nb_side >= ARM_MAX_SIDE_EXITS)
        return false;
    uint32_t offset = (uint32_t)((int32_t)(s->insn << 8) >> 6);  /* imm24 * 4, sign-extended */
    arm_gen_cond_branch(s, s->cond, s->pc + 8 + offset);
    return true;
}

/* One instruction, with its condition. */
static void arm_translate_one(DisasContext *s)
{
    IRBlock *b = s->ir;
    if (s->side_ok && s->it_state == 0 && s->nb_heads < ARM_MAX_INSNS)
        s->heads[s->nb_heads++] = (ArmLoopHead){ s->pc, b->nb_ops, 0 };
    ir_gen_insn_start(b, s->pc, s->it_state);
    if (s->thumb) {
        s->cond = s->it_state ? s->it_state >> 4 : ARM_COND_AL;
        s->it_next = arm_it_advance(s->it_state);
    } else {
        s->cond = s->insn >> 28;
        s->it_next = 0;
    }
    if (arm_a32_cond_branch(s))
        return;
    bool conditional = s->cond < ARM_COND_AL;
    uint32_t skip = 0;
    if (conditional) {
        skip = ir_new_label(b);
        arm_gen_test_cond(s, s->cond ^ 1, skip);
    }
    arm_decode_one(s);
    if (conditional) {
        ir_gen_label(b, skip);
        /* The instruction left the TU; the skipped path goes on at pc_next. */
        if (s->end == ARM_DISAS_JUMP)
            ir_gen_exit_direct(b, s->pc_next, arm_next_flags(s));
    }
}

bool arm_translate(TcgCpu *cpu, uint32_t pc, uint32_t flags, IRBlock *out)
{
    (void)cpu;
    if (!arm_translate_insns(out, pc, flags, ARM_MAX_INSNS))
        return false;
    /* Cold code is translated once and may never run again: the
     * lookahead (a scratch translation of every successor) pays only for
     * hot code. */
    if (out->hot)
        arm_discard_dead_flags(out);
    return true;
}

bool arm_translate_insns(IRBlock *out, uint32_t pc, uint32_t flags, uint32_t max_insns)
{
    ir_block_reset(out, pc, flags);
    /* The lookahead's short scratch translations end at branches: that
     * keeps its walk short. So does cold code: continuing past
     * conditional branches makes bigger units, which pays only when hot. */
    /* Translation holds the cache lock: one array of loop-head candidates
     * serves every thread, and a cold unit's context stays small (it is
     * zeroed for each unit). */
    static ArmLoopHead heads[ARM_MAX_INSNS];
    DisasContext s = { .ir = out, .thumb = (flags & ARM_FLAG_THUMB) != 0,
                       .side_ok = max_insns >= ARM_MAX_INSNS && out->hot, .heads = heads };
    uint32_t it = (flags & ARM_FLAG_IT_MASK) >> ARM_FLAG_IT_SHIFT;
    uint32_t page = pc & ARM_PAGE_MASK;
    uint32_t seg = pc, end = pc;  /* the stretch being translated; the furthest byte */

    for (uint32_t n = 0;; n++) {
        s.pc = pc;
        s.it_state = it;
        s.end = ARM_DISAS_NEXT;
        s.follow = 0;
        s.seg = seg;
        if (!arm_fetch(&s)) {
            if (n == 0)
                return false;
            /* Let the next TU start here and raise the fault. */
            ir_gen_exit_direct(out, pc, arm_make_flags(s.thumb, it));
            break;
        }
        arm_translate_one(&s);
        pc = s.pc_next;
        it = s.it_next;
        if (pc > end)
            end = pc;
        out->guest_size = end - out->guest_pc;
        if (s.follow) {
            /* The unit goes on at a B's target (same page). */
            s.seg_start[s.nb_seg] = seg;
            s.seg_end[s.nb_seg++] = pc;
            pc = seg = s.follow;
        }
        if (s.end == ARM_DISAS_JUMP)
            break;
        if (s.end == ARM_DISAS_UPDATE || n + 1 >= max_insns ||
            (pc & ARM_PAGE_MASK) != page) {
            ir_gen_exit_direct(out, pc, arm_make_flags(s.thumb, it));
            break;
        }
    }
    for (uint32_t i = 0; i < s.nb_side; i++) {
        ir_gen_label(out, s.side[i].label);
        ir_gen_exit_direct(out, s.side[i].pc, s.side[i].flags);
    }
    return true;
}

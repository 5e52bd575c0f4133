/*
 * Branches and miscellaneous instructions, in A32, T32 and T16: B, BL,
 * BLX (immediate and register), BX/BXJ, CBZ/CBNZ, TBB/TBH; SVC, BKPT,
 * UDF; barriers and CLREX; SETEND and CPS; and the CP15 registers that
 * Linux lets user mode reach (the TLS registers and the old CP15 barrier
 * operations). Hints and MRS/MSR are in translate-dp.c.
 *
 * Direct targets leave through arm_gen_jump (chained by the backend);
 * computed ones through arm_gen_bx / BranchWritePC (the jump cache).
 * Branches that carry their own condition (T16 and T32 B<c>, CBZ) leave
 * for the target through a side exit (arm_gen_side_exit) and the TU goes
 * on with the next instruction; without room for one, they emit both
 * exits themselves: taken to the target, not taken to pc_next.
 * Privileged-only instructions (SRS, RFE, ERET, SMC, MCR to most of
 * CP15...) have no line here and so are undefined, as in user mode.
 */
#include "target/arm/translate.h"

#include <stddef.h>

#include "target/arm/translate-mem.h"
#include "util/log.h"

#include "target/arm/a32-branch-misc.c.inc"
#include "target/arm/t32-branch-misc.c.inc"
#include "target/arm/t16-branch-misc.c.inc"

static uint32_t sign_extend(uint32_t v, unsigned bits)
{
    return (uint32_t)((int32_t)(v << (32 - bits)) >> (32 - bits));
}

/* The value of the PC register: this instruction + 8 (A32) or + 4. */
static uint32_t branch_pc(const DisasContext *s)
{
    return s->pc + (s->thumb ? 4 : 8);
}

/* A branch inside an IT block must be its last instruction. */
static bool branch_bad_in_it(const DisasContext *s)
{
    return arm_in_it_block(s) && !arm_last_in_it_block(s);
}

/* The return address a BL/BLX leaves in LR: Thumb code sets bit 0. */
static void branch_link(DisasContext *s)
{
    arm_write_reg(s, 14, arm_const(s, s->thumb ? s->pc_next | 1 : s->pc_next));
}

void arm_gen_cond_branch(DisasContext *s, unsigned cond, uint32_t target)
{
    uint32_t taken = ir_new_label(s->ir);
    arm_gen_test_cond(s, cond, taken);
    if (arm_gen_side_exit(s, taken, target))
        return;
    arm_gen_jump(s, s->pc_next, s->thumb);
    ir_gen_label(s->ir, taken);
    arm_gen_jump(s, target, s->thumb);
}

/* BLX Rm: read Rm before LR is written, since Rm may be LR. */
static bool branch_blx_reg(DisasContext *s, unsigned rm)
{
    if (rm == 15 || branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    IRTemp target = arm_temp(s);
    ir_gen_mov(s->ir, target, arm_reg(s, rm));
    branch_link(s);
    arm_gen_bx(s, target);
    return true;
}

/* ---- Barriers and friends, shared by the three sets ---- */

enum { BARRIER_CLREX = 1, BARRIER_DSB = 4, BARRIER_DMB = 5, BARRIER_ISB = 6 };

static void gen_clrex(DisasContext *s)
{
    ir_gen_st_env(s->ir, arm_const(s, ~0u), offsetof(ArmCpu, excl_addr));
}

static bool gen_barrier(DisasContext *s, unsigned op)
{
    switch (op) {
    case BARRIER_CLREX:
        gen_clrex(s);
        return true;
    case BARRIER_DSB:
    case BARRIER_DMB:
        ir_gen_mb(s->ir, IR_MB_FULL);
        return true;
    case BARRIER_ISB:
        /* Later instructions are fetched anew: start a new TU. */
        ir_gen_mb(s->ir, IR_MB_FULL);
        s->end = ARM_DISAS_UPDATE;
        return true;
    default:
        return false;
    }
}

/* SETEND LE is a no-op; big-endian data is not supported. */
static bool gen_setend(DisasContext *s, bool big)
{
    if (big) {
        ferry_log(FERRY_LOG_unimp, "0x%08x: SETEND BE: big-endian data is not supported\n", s->pc);
        arm_gen_undef(s);
    }
    return true;
}

/* ---- CP15 from user mode ---- */

enum { CP15_ENV_RW, CP15_ENV_RO, CP15_BARRIER, CP15_ISB };

/* The CP15 operations Linux allows at PL0 (TLS registers; CP15BEN is
 * set, so the ARMv6 barrier operations work). Everything else -- the
 * performance monitors, cache maintenance, the ID registers -- is
 * undefined there. */
static const struct ArmCp15Op {
    uint8_t opc1, crn, crm, opc2, kind;
    uint32_t offset;
} arm_cp15_user_ops[] = {
    { 0, 13, 0, 2, CP15_ENV_RW, offsetof(ArmCpu, tpidrurw) },  /* TPIDRURW */
    { 0, 13, 0, 3, CP15_ENV_RO, offsetof(ArmCpu, tpidruro) },  /* TPIDRURO */
    { 0, 7, 5, 4, CP15_ISB, 0 },                               /* CP15ISB */
    { 0, 7, 10, 4, CP15_BARRIER, 0 },                          /* CP15DSB */
    { 0, 7, 10, 5, CP15_BARRIER, 0 },                          /* CP15DMB */
};

/* MRC (read) / MCR p15, opc1, Rt, CRn, CRm, opc2. */
static bool gen_cp15(DisasContext *s, const ArmFields *f)
{
    if (f->p != 15)
        return false;  /* p14 debug, and p10/p11 which are VFP's */
    for (size_t i = 0; i < sizeof(arm_cp15_user_ops) / sizeof(arm_cp15_user_ops[0]); i++) {
        const struct ArmCp15Op *op = &arm_cp15_user_ops[i];
        if (op->opc1 != f->a || op->crn != f->n || op->crm != f->m || op->opc2 != f->b)
            continue;
        bool read = f->l;
        if (read && (op->kind == CP15_BARRIER || op->kind == CP15_ISB))
            return false;
        if (!read && op->kind == CP15_ENV_RO)
            return false;
        if (f->t == 15 || (s->thumb && f->t == 13 && op->kind <= CP15_ENV_RO))
            return arm_mem_unpredictable(s);
        switch (op->kind) {
        case CP15_BARRIER:
            return gen_barrier(s, BARRIER_DMB);
        case CP15_ISB:
            return gen_barrier(s, BARRIER_ISB);
        default:
            if (read) {
                IRTemp v = arm_temp(s);
                ir_gen_ld_env(s->ir, v, op->offset);
                arm_write_reg(s, f->t, v);
            } else {
                ir_gen_st_env(s->ir, arm_reg(s, f->t), op->offset);
            }
            return true;
        }
    }
    ferry_log(FERRY_LOG_unimp, "0x%08x: %s p15, %u, c%u, c%u, %u is not available in user mode\n",
              s->pc, f->l ? "mrc" : "mcr", f->a, f->n, f->m, f->b);
    return false;
}

/* ---- A32 ---- */

static bool trans_A32_BLX_imm(DisasContext *s, const ArmFields *f)
{
    uint32_t target = branch_pc(s) + (sign_extend(f->i, 24) << 2) + (f->h << 1);
    branch_link(s);
    arm_gen_jump(s, target, true);
    return true;
}

static bool trans_A32_B(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    arm_gen_goto(s, branch_pc(s) + (sign_extend(f->i, 24) << 2));
    return true;
}

static bool trans_A32_BL(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    branch_link(s);
    arm_gen_jump(s, branch_pc(s) + (sign_extend(f->i, 24) << 2), false);
    return true;
}

static bool trans_A32_BX(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    arm_gen_bx(s, arm_read_reg(s, f->m));
    return true;
}

static bool trans_A32_BLX_reg(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    return branch_blx_reg(s, f->m);
}

/* The immediate is the OABI system call number; EABI ignores it. */
static bool trans_A32_SVC(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    arm_gen_exception(s, ARM_EXIT_SVC, s->pc_next);
    return true;
}

static bool trans_A32_BKPT(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    arm_gen_exception(s, ARM_EXIT_BKPT, s->pc);
    return true;
}

/* UDF, and the whole permanently undefined space of every condition. */
static bool trans_A32_UDF(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    arm_gen_undef(s);
    return true;
}

static bool trans_A32_BARRIER(DisasContext *s, const ArmFields *f)
{
    return gen_barrier(s, f->o);
}

static bool trans_A32_SETEND(DisasContext *s, const ArmFields *f)
{
    return gen_setend(s, f->e);
}

/* CPS is a NOP in user mode. */
static bool trans_A32_CPS(DisasContext *s, const ArmFields *f)
{
    return true;
}

static bool trans_A32_MRC(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    return gen_cp15(s, f);
}

/* ---- T32 ---- */

/* B.W, BL, BLX: imm = S:I1:I2:imm10:imm11:0, In = NOT(Jn XOR S). */
static uint32_t t32_branch_offset(const ArmFields *f)
{
    uint32_t i1 = !(f->j ^ f->s), i2 = !(f->k ^ f->s);
    return sign_extend(f->s << 24 | i1 << 23 | i2 << 22 | f->i << 1, 25);
}

/* B<c>.W: imm = S:J2:J1:imm6:imm11:0; conditions 111x are misc control. */
static bool trans_T32_B_cond(DisasContext *s, const ArmFields *f)
{
    if (f->c >= 14)
        return false;
    if (arm_in_it_block(s))
        return arm_mem_unpredictable(s);
    uint32_t off = sign_extend(f->s << 20 | f->k << 19 | f->j << 18 | f->i << 1, 21);
    arm_gen_cond_branch(s, f->c, branch_pc(s) + off);
    return true;
}

static bool trans_T32_B(DisasContext *s, const ArmFields *f)
{
    if (branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    arm_gen_goto(s, branch_pc(s) + t32_branch_offset(f));
    return true;
}

static bool trans_T32_BL(DisasContext *s, const ArmFields *f)
{
    if (branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    branch_link(s);
    arm_gen_jump(s, branch_pc(s) + t32_branch_offset(f), true);
    return true;
}

/* BLX imm to A32: the target is Align(PC, 4) + imm; H (bit 0) must be 0. */
static bool trans_T32_BLX_imm(DisasContext *s, const ArmFields *f)
{
    if (f->i & 1)
        return false;
    if (branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    branch_link(s);
    arm_gen_jump(s, (branch_pc(s) & ~3u) + t32_branch_offset(f), false);
    return true;
}

static bool trans_T32_CPS(DisasContext *s, const ArmFields *f)
{
    return true;
}

/* Same options as A32's except CLREX, which is 0010 here (0001 there). */
static bool trans_T32_BARRIER(DisasContext *s, const ArmFields *f)
{
    if (f->o == BARRIER_CLREX)
        return false;
    return gen_barrier(s, f->o == 2 ? BARRIER_CLREX : f->o);
}

/* BXJ: no Jazelle, so it is BX. */
static bool trans_T32_BXJ(DisasContext *s, const ArmFields *f)
{
    if (f->m == 13 || f->m == 15 || branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    arm_gen_bx(s, arm_reg(s, f->m));
    return true;
}

static bool trans_T32_UDF(DisasContext *s, const ArmFields *f)
{
    arm_gen_undef(s);
    return true;
}

/* TBB/TBH [Rn, Rm(, LSL #1)]: branch forward by twice the table entry. */
static bool trans_T32_TBB(DisasContext *s, const ArmFields *f)
{
    if (f->n == 13 || f->m == 13 || f->m == 15 || branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    IRBlock *b = s->ir;
    IRTemp addr = arm_temp(s), v = arm_temp(s), target = arm_temp(s);
    IRTemp index = arm_reg(s, f->m);
    if (f->h) {
        index = arm_temp(s);
        ir_gen_binop(b, IR_shl, index, arm_reg(s, f->m), arm_const(s, 1));
    }
    ir_gen_binop(b, IR_add, addr, arm_read_reg(s, f->n), index);
    ir_gen_guest_ld(b, v, addr, f->h ? IR_MO_16 : IR_MO_8);
    ir_gen_binop(b, IR_shl, target, v, arm_const(s, 1));
    ir_gen_binop(b, IR_add, target, target, arm_const(s, branch_pc(s)));
    arm_write_reg(s, 15, target);
    return true;
}

static bool trans_T32_MRC(DisasContext *s, const ArmFields *f)
{
    return gen_cp15(s, f);
}

/* ---- T16 ---- */

static bool trans_T16_UDF(DisasContext *s, const ArmFields *f)
{
    arm_gen_undef(s);
    return true;
}

static bool trans_T16_SVC(DisasContext *s, const ArmFields *f)
{
    arm_gen_exception(s, ARM_EXIT_SVC, s->pc_next);
    return true;
}

static bool trans_T16_B_cond(DisasContext *s, const ArmFields *f)
{
    if (arm_in_it_block(s))
        return arm_mem_unpredictable(s);
    arm_gen_cond_branch(s, f->c, branch_pc(s) + (sign_extend(f->i, 8) << 1));
    return true;
}

static bool trans_T16_B(DisasContext *s, const ArmFields *f)
{
    if (branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    arm_gen_goto(s, branch_pc(s) + (sign_extend(f->i, 11) << 1));
    return true;
}

static bool trans_T16_BX(DisasContext *s, const ArmFields *f)
{
    if (branch_bad_in_it(s))
        return arm_mem_unpredictable(s);
    arm_gen_bx(s, arm_read_reg(s, f->m));
    return true;
}

static bool trans_T16_BLX(DisasContext *s, const ArmFields *f)
{
    return branch_blx_reg(s, f->m);
}

/* CBZ/CBNZ Rn, label: forward only, never inside an IT block. */
static bool trans_T16_CBZ(DisasContext *s, const ArmFields *f)
{
    if (arm_in_it_block(s))
        return arm_mem_unpredictable(s);
    uint32_t taken = ir_new_label(s->ir);
    ir_gen_brcond(s->ir, f->o ? IR_COND_NE : IR_COND_EQ, arm_reg(s, f->n), arm_const(s, 0), taken);
    if (arm_gen_side_exit(s, taken, branch_pc(s) + (f->i << 1)))
        return true;
    arm_gen_jump(s, s->pc_next, true);
    ir_gen_label(s->ir, taken);
    arm_gen_jump(s, branch_pc(s) + (f->i << 1), true);
    return true;
}

static bool trans_T16_BKPT(DisasContext *s, const ArmFields *f)
{
    arm_gen_exception(s, ARM_EXIT_BKPT, s->pc);
    return true;
}

static bool trans_T16_SETEND(DisasContext *s, const ArmFields *f)
{
    return gen_setend(s, f->e);
}

static bool trans_T16_CPS(DisasContext *s, const ArmFields *f)
{
    return true;
}

/* ---- Entry points (translate.h) ---- */

bool arm_decode_a32_branch_misc(DisasContext *s, uint32_t insn) { return decode_a32_branch_misc(s, insn); }
bool arm_decode_t32_branch_misc(DisasContext *s, uint32_t insn) { return decode_t32_branch_misc(s, insn); }
bool arm_decode_t16_branch_misc(DisasContext *s, uint32_t insn) { return decode_t16_branch_misc(s, insn); }

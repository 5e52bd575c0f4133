/*
 * Single-register loads and stores: LDR/STR/LDRB/STRB, LDRH/STRH/LDRSB/
 * LDRSH, LDRD/STRD, their unprivileged T forms, literal loads and the
 * preload hints, in A32, T32 and T16. Also the entry points of the load/
 * store family, which go on to translate-ldm.c, translate-vfp-mem.c and
 * translate-neon-mem.c.
 *
 * Every addressing mode reduces to ARM ARM's (index, add, wback) triple
 * over a base and an offset, so one function (mem_ldst) writes the
 * semantics once and each encoding's handler only extracts its fields.
 * Order of effects: the access first, then base writeback, then Rt; so a
 * faulting access leaves every register as it was (precise faults), and
 * for the UNPREDICTABLE Rt == Rn with writeback the loaded value wins.
 * The T variants (LDRT...) are ordinary accesses in user mode.
 */
#include "target/arm/translate-mem.h"

#include "util/log.h"

#include "target/arm/a32-mem.c.inc"
#include "target/arm/t32-mem.c.inc"
#include "target/arm/t16-mem.c.inc"

bool arm_mem_unpredictable(DisasContext *s)
{
    ferry_log(FERRY_LOG_unimp, "0x%08x: UNPREDICTABLE encoding %08x treated as undefined\n",
              s->pc, s->insn);
    arm_gen_undef(s);
    return true;
}

IRTemp arm_mem_shift_imm(DisasContext *s, IRTemp rm, unsigned type, unsigned amount)
{
    IRBlock *b = s->ir;
    IRTemp t = arm_temp(s);
    switch (type) {
    case 0: /* LSL */
        if (amount == 0)
            return rm;
        ir_gen_binop(b, IR_shl, t, rm, arm_const(s, amount));
        break;
    case 1: /* LSR; #0 encodes #32, which gives 0 */
        if (amount == 0)
            return arm_const(s, 0);
        ir_gen_binop(b, IR_shr, t, rm, arm_const(s, amount));
        break;
    case 2: /* ASR; #0 encodes #32, the same as #31 */
        ir_gen_binop(b, IR_sar, t, rm, arm_const(s, amount ? amount : 31));
        break;
    default:
        if (amount) {
            ir_gen_binop(b, IR_rotr, t, rm, arm_const(s, amount));
        } else { /* RRX: C flag into bit 31 */
            IRTemp c = arm_temp(s);
            ir_gen_binop(b, IR_shl, c, arm_flag(s, ARM_G_CF), arm_const(s, 31));
            ir_gen_binop(b, IR_shr, t, rm, arm_const(s, 1));
            ir_gen_binop(b, IR_or, t, t, c);
        }
        break;
    }
    return t;
}

/* The base register: Align(PC, 4) for literal addressing (in A32 the PC
 * is aligned already, so this is plain R[15] there). */
static IRTemp mem_base(DisasContext *s, unsigned rn)
{
    return rn == 15 ? arm_read_pc_aligned(s) : arm_reg(s, rn);
}

/* base +/- off, without an op when off is the constant 0 (the common
 * [Rn] and post-indexed forms) or when both are constants (literal
 * loads: Align(PC, 4) +/- imm is known at translation time). */
static IRTemp mem_offset(DisasContext *s, IRTemp base, IRTemp off, bool add)
{
    if (ir_is_const(s->ir, off) && s->ir->temps[off].value == 0)
        return base;
    if (ir_is_const(s->ir, off) && ir_is_const(s->ir, base)) {
        uint32_t bv = s->ir->temps[base].value, ov = s->ir->temps[off].value;
        return arm_const(s, add ? bv + ov : bv - ov);
    }
    IRTemp t = arm_temp(s);
    ir_gen_binop(s->ir, add ? IR_add : IR_sub, t, base, off);
    return t;
}

/* A load's result goes to Rt; to the PC it is LoadWritePC (interworking). */
static void mem_write_rt(DisasContext *s, unsigned rt, IRTemp v)
{
    if (rt == 15)
        arm_gen_bx(s, v);
    else
        arm_write_reg(s, rt, v);
}

/*
 * One load or store of Rt at Rn +/- off. p: index (use the offset
 * address), u: add, w: write back (post-indexed forms always write back).
 */
static bool mem_ldst(DisasContext *s, bool load, IRMemOp mo, unsigned rt, unsigned rn,
                     IRTemp off, bool p, bool u, bool w)
{
    IRBlock *b = s->ir;
    bool wback = !p || w;
    if (wback && (rn == 15 || rn == rt))
        return arm_mem_unpredictable(s);
    IRTemp base = mem_base(s, rn);
    IRTemp offset_addr = mem_offset(s, base, off, u);
    IRTemp addr = p ? offset_addr : base;
    if (load) {
        IRTemp v = arm_temp(s);
        ir_gen_guest_ld(b, v, addr, mo);
        if (wback)
            arm_write_reg(s, rn, offset_addr);
        mem_write_rt(s, rt, v);
    } else {
        ir_gen_guest_st(b, arm_read_reg(s, rt), addr, mo);
        if (wback)
            arm_write_reg(s, rn, offset_addr);
    }
    return true;
}

/* LDRD/STRD: Rt at the address, Rt2 at the address + 4. */
static bool mem_ldstd(DisasContext *s, bool load, unsigned rt, unsigned rt2, unsigned rn,
                      IRTemp off, bool p, bool u, bool w)
{
    IRBlock *b = s->ir;
    bool wback = !p || w;
    if (rt == 15 || rt2 == 15 || (load && rt == rt2))
        return arm_mem_unpredictable(s);
    if (wback && (rn == 15 || rn == rt || rn == rt2))
        return arm_mem_unpredictable(s);
    IRTemp base = mem_base(s, rn);
    IRTemp offset_addr = mem_offset(s, base, off, u), addr2 = arm_temp(s);
    IRTemp addr = p ? offset_addr : base;
    ir_gen_binop(b, IR_add, addr2, addr, arm_const(s, 4));
    if (load) {
        IRTemp v1 = arm_temp(s), v2 = arm_temp(s);
        ir_gen_guest_ld(b, v1, addr, IR_MO_32);
        ir_gen_guest_ld(b, v2, addr2, IR_MO_32);
        if (wback)
            arm_write_reg(s, rn, offset_addr);
        arm_write_reg(s, rt, v1);
        arm_write_reg(s, rt2, v2);
    } else {
        ir_gen_guest_st(b, arm_read_reg(s, rt), addr, IR_MO_32);
        ir_gen_guest_st(b, arm_read_reg(s, rt2), addr2, IR_MO_32);
        if (wback)
            arm_write_reg(s, rn, offset_addr);
    }
    return true;
}

/* ---- A32 ---- */

/* PLD, PLDW, PLI: hints, and ferry has no cache to warm. */
static bool trans_PLD(DisasContext *s, const ArmFields *f)
{
    return true;
}

static bool trans_A32_LDST_imm(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    IRMemOp mo = f->b ? IR_MO_8 : IR_MO_32;
    if (f->t == 15 && f->b)
        return arm_mem_unpredictable(s);
    return mem_ldst(s, f->l, mo, f->t, f->n, arm_const(s, f->i), f->p, f->u, f->w);
}

static bool trans_A32_LDST_reg(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    if (f->m == 15 || (f->t == 15 && f->b))
        return arm_mem_unpredictable(s);
    IRTemp off = arm_mem_shift_imm(s, arm_reg(s, f->m), f->s, f->a);
    return mem_ldst(s, f->l, f->b ? IR_MO_8 : IR_MO_32, f->t, f->n, off, f->p, f->u, f->w);
}

/* Extra loads/stores, indexed by L:op2 (op2 0 is the multiply/sync space). */
enum { MEM_X_STORE, MEM_X_LOAD, MEM_X_LDRD, MEM_X_STRD };
static const struct { uint8_t kind; uint8_t mo; } a32_ldstx_ops[8] = {
    [1] = { MEM_X_STORE, IR_MO_16 },  /* STRH */
    [2] = { MEM_X_LDRD, IR_MO_32 },   /* LDRD */
    [3] = { MEM_X_STRD, IR_MO_32 },   /* STRD */
    [5] = { MEM_X_LOAD, IR_MO_16 },   /* LDRH */
    [6] = { MEM_X_LOAD, IR_MO_S8 },   /* LDRSB */
    [7] = { MEM_X_LOAD, IR_MO_S16 },  /* LDRSH */
};

static bool a32_ldstx(DisasContext *s, const ArmFields *f, IRTemp off)
{
    unsigned op = f->l << 2 | f->o;
    switch (a32_ldstx_ops[op].kind) {
    case MEM_X_LDRD:
    case MEM_X_STRD:
        /* Rt must be even; P=0 W=1 has no dual T form. */
        if ((f->t & 1) || (!f->p && f->w))
            return arm_mem_unpredictable(s);
        return mem_ldstd(s, a32_ldstx_ops[op].kind == MEM_X_LDRD, f->t, f->t + 1, f->n, off,
                         f->p, f->u, f->w);
    default:
        if (f->t == 15)
            return arm_mem_unpredictable(s);
        return mem_ldst(s, a32_ldstx_ops[op].kind == MEM_X_LOAD, a32_ldstx_ops[op].mo, f->t,
                        f->n, off, f->p, f->u, f->w);
    }
}

static bool trans_A32_LDSTX_imm(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15 || f->o == 0)
        return false;
    return a32_ldstx(s, f, arm_const(s, f->i));
}

static bool trans_A32_LDSTX_reg(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15 || f->o == 0)
        return false;
    if (f->m == 15)
        return arm_mem_unpredictable(s);
    if (f->o == 2 && !f->l && (f->m == f->t || f->m == f->t + 1))
        return arm_mem_unpredictable(s);  /* LDRD: Rm may not be loaded */
    return a32_ldstx(s, f, arm_reg(s, f->m));
}

/* ---- T32 ---- */

/* size z (0 byte, 1 half, 2 word), sign s, load l -> memop; false if the
 * combination is not allocated (stores have no sign, words no LDRSW). */
static bool t32_memop(const ArmFields *f, IRMemOp *mo)
{
    if (f->z == 3 || (f->s && (!f->l || f->z == 2)))
        return false;
    *mo = (IRMemOp)(f->z | (f->s ? IR_MO_SIGN : 0));
    return true;
}

/* Byte and halfword loads to the PC are the preload hints PLD/PLDW/PLI
 * (and allocated NOPs): nothing to do unless they would write back. */
static bool t32_is_hint(const ArmFields *f, IRMemOp mo)
{
    return f->l && f->t == 15 && (mo & IR_MO_SIZE) != IR_MO_32;
}

static bool t32_ldst(DisasContext *s, const ArmFields *f, unsigned rn, IRTemp off,
                     bool p, bool u, bool w)
{
    IRMemOp mo;
    if (!t32_memop(f, &mo))
        return false;
    if (t32_is_hint(f, mo))
        return (!p || w) ? arm_mem_unpredictable(s) : true;
    if (!f->l && f->t == 15)
        return arm_mem_unpredictable(s);
    return mem_ldst(s, f->l, mo, f->t, rn, off, p, u, w);
}

static bool trans_T32_LDST_lit(DisasContext *s, const ArmFields *f)
{
    if (!f->l)
        return false;
    return t32_ldst(s, f, 15, arm_const(s, f->i), true, f->u, false);
}

static bool trans_T32_LDST_imm12(DisasContext *s, const ArmFields *f)
{
    if (f->n == 15)
        return false;
    return t32_ldst(s, f, f->n, arm_const(s, f->i), true, true, false);
}

static bool trans_T32_LDST_imm8(DisasContext *s, const ArmFields *f)
{
    if (f->n == 15 || (!f->p && !f->w))
        return false;
    /* P=1 U=1 W=0 is the unprivileged form (LDRT...): an ordinary
     * access in user mode, which is what (p, u, w) says anyway. */
    return t32_ldst(s, f, f->n, arm_const(s, f->i), f->p, f->u, f->w);
}

static bool trans_T32_LDST_reg(DisasContext *s, const ArmFields *f)
{
    if (f->n == 15)
        return false;
    if (f->m == 15 || f->m == 13)
        return arm_mem_unpredictable(s);
    IRTemp off = arm_mem_shift_imm(s, arm_reg(s, f->m), 0, f->a);
    return t32_ldst(s, f, f->n, off, true, true, false);
}

static bool trans_T32_LDSTD(DisasContext *s, const ArmFields *f)
{
    if (!f->p && !f->w)
        return false;  /* exclusives and table branches */
    if (f->n == 15 && (f->w || !f->l))
        return arm_mem_unpredictable(s);
    if (f->t == 13 || f->T == 13)
        return arm_mem_unpredictable(s);
    return mem_ldstd(s, f->l, f->t, f->T, f->n, arm_const(s, f->i << 2), f->p, f->u, f->w);
}

/* ---- T16 ---- */

static bool trans_T16_LDR_lit(DisasContext *s, const ArmFields *f)
{
    return mem_ldst(s, true, IR_MO_32, f->t, 15, arm_const(s, f->i << 2), true, true, false);
}

/* opB of "load/store single data item", register offset. */
static const struct { bool load; uint8_t mo; } t16_ldst_reg_ops[8] = {
    { false, IR_MO_32 }, { false, IR_MO_16 }, { false, IR_MO_8 }, { true, IR_MO_S8 },
    { true, IR_MO_32 }, { true, IR_MO_16 }, { true, IR_MO_8 }, { true, IR_MO_S16 },
};

static bool trans_T16_LDST_reg(DisasContext *s, const ArmFields *f)
{
    return mem_ldst(s, t16_ldst_reg_ops[f->o].load, (IRMemOp)t16_ldst_reg_ops[f->o].mo, f->t,
                    f->n, arm_reg(s, f->m), true, true, false);
}

static bool trans_T16_LDST_word(DisasContext *s, const ArmFields *f)
{
    return mem_ldst(s, f->l, IR_MO_32, f->t, f->n, arm_const(s, f->i << 2), true, true, false);
}

static bool trans_T16_LDST_byte(DisasContext *s, const ArmFields *f)
{
    return mem_ldst(s, f->l, IR_MO_8, f->t, f->n, arm_const(s, f->i), true, true, false);
}

static bool trans_T16_LDST_half(DisasContext *s, const ArmFields *f)
{
    return mem_ldst(s, f->l, IR_MO_16, f->t, f->n, arm_const(s, f->i << 1), true, true, false);
}

static bool trans_T16_LDST_sp(DisasContext *s, const ArmFields *f)
{
    return mem_ldst(s, f->l, IR_MO_32, f->t, 13, arm_const(s, f->i << 2), true, true, false);
}

/* ---- Entry points (translate.h) ---- */

bool arm_decode_a32_mem(DisasContext *s, uint32_t insn)
{
    return decode_a32_mem(s, insn) || arm_decode_a32_ldm(s, insn) ||
           ((insn >> 28) != 15 ? arm_decode_vfp_mem(s, insn) || arm_decode_vfp_dp(s, insn)
                               : arm_decode_neon_mem(s, insn));
}

bool arm_decode_t32_mem(DisasContext *s, uint32_t insn)
{
    /* Only T32's own NEON prefix (1111 1001): 1111 0100 is B.W and
     * others in T32, which the A32 form must not claim. */
    return decode_t32_mem(s, insn) || arm_decode_t32_ldm(s, insn) ||
           ((insn >> 28) == 14 ? arm_decode_vfp_mem(s, insn) || arm_decode_vfp_dp(s, insn)
                               : (insn >> 24) == 0xf9 && arm_decode_neon_mem(s, insn));
}

bool arm_decode_t16_mem(DisasContext *s, uint32_t insn)
{
    return decode_t16_mem(s, insn) || arm_decode_t16_ldm(s, insn);
}

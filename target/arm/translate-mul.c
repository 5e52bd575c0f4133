/*
 * Multiplies and divides, A32 and T32: MUL MLA MLS, the 64-bit UMULL
 * UMLAL SMULL SMLAL UMAAL, the halfword SMLA<x><y> SMLAW<y> SMULW<y>
 * SMUL<x><y> SMLAL<x><y>, the dual SMUAD SMUSD SMLAD SMLSD SMLALD SMLSLD,
 * the most-significant-word SMMUL SMMLA SMMLS, and SDIV/UDIV.
 *
 * Everything but division is inline IR: 64-bit results use the IR's
 * paired ops (muls2/mulu2, add2/sub2). Q is set where the ARM ARM's
 * infinite-precision result does not fit in 32 bits; for the dual forms
 * the sum is formed in 64 bits so that an intermediate overflow that a
 * later addend brings back is not flagged.
 */
#include "target/arm/helpers/int-helpers.h"
#include "target/arm/translate-dp.h"

static IRTemp mk(DisasContext *s, IROpcode opc, IRTemp a, IRTemp b)
{
    IRTemp t = arm_temp(s);
    ir_gen_binop(s->ir, opc, t, a, b);
    return t;
}

/* (*lo, *hi) = (*lo, *hi) op (bl, bh), into fresh temps: outputs never
 * alias inputs in the paired ops. */
static void pair_op(DisasContext *s, IROpcode opc, IRTemp *lo, IRTemp *hi, IRTemp bl, IRTemp bh)
{
    IRTemp l = arm_temp(s), h = arm_temp(s);
    ir_gen_addsub2(s->ir, opc, l, h, *lo, *hi, bl, bh);
    *lo = l, *hi = h;
}

/* PC is UNPREDICTABLE in every multiply operand: treat it as undefined.
 * Pass 0 for unused register slots. */
static bool pc_used(DisasContext *s, unsigned a, unsigned b, unsigned c, unsigned d)
{
    if (a == 15 || b == 15 || c == 15 || d == 15) {
        arm_gen_undef(s);
        return true;
    }
    return false;
}

/* Bottom (top = 0) or top half of x, sign-extended. */
static IRTemp half(DisasContext *s, IRTemp x, unsigned top)
{
    IRTemp t = arm_temp(s);
    ir_gen_sextract(s->ir, t, x, top ? 16 : 0, 16);
    return t;
}

/* QF |= signed overflow of r = a + b. */
static void gen_q_on_add_overflow(DisasContext *s, IRTemp r, IRTemp a, IRTemp b)
{
    IRTemp v = mk(s, IR_andc, mk(s, IR_xor, r, a), mk(s, IR_xor, a, b));
    IRTemp q = arm_flag(s, ARM_G_QF);
    ir_gen_binop(s->ir, IR_or, q, q, mk(s, IR_shr, v, arm_const(s, 31)));
}

/* p + Ra, setting Q if the signed addition overflows (the SMLA forms). */
static IRTemp gen_add_q(DisasContext *s, IRTemp p, unsigned ra)
{
    IRTemp a = arm_reg(s, ra);
    IRTemp r = mk(s, IR_add, p, a);
    gen_q_on_add_overflow(s, r, p, a);
    return r;
}

/* ---- 32-bit ---- */

static bool gen_mul(DisasContext *s, unsigned rd, unsigned rn, unsigned rm, int ra, bool sub, bool setflags)
{
    if (pc_used(s, rd, rn, rm, ra < 0 ? 0 : (unsigned)ra))
        return true;
    IRTemp r = mk(s, IR_mul, arm_reg(s, rn), arm_reg(s, rm));
    if (ra >= 0)
        r = sub ? mk(s, IR_sub, arm_reg(s, ra), r) : mk(s, IR_add, r, arm_reg(s, ra));
    if (setflags)
        r = arm_gen_set_nz(s, r);
    arm_write_reg(s, rd, r);
    return true;
}

static bool trans_MUL(DisasContext *s, const ArmFields *f) { return gen_mul(s, f->d, f->n, f->m, -1, false, f->S); }
static bool trans_MLA(DisasContext *s, const ArmFields *f) { return gen_mul(s, f->d, f->n, f->m, f->a, false, f->S); }
static bool trans_MLS(DisasContext *s, const ArmFields *f) { return gen_mul(s, f->d, f->n, f->m, f->a, true, false); }
static bool trans_MUL_t32(DisasContext *s, const ArmFields *f) { return gen_mul(s, f->d, f->n, f->m, -1, false, false); }
static bool trans_MLA_t32(DisasContext *s, const ArmFields *f) { return gen_mul(s, f->d, f->n, f->m, f->a, false, false); }

/* ---- 64-bit ---- */

static void write_pair(DisasContext *s, unsigned rlo, unsigned rhi, IRTemp lo, IRTemp hi, bool setflags)
{
    if (setflags) {
        ir_gen_mov(s->ir, arm_flag(s, ARM_G_NF), hi);
        ir_gen_binop(s->ir, IR_or, arm_flag(s, ARM_G_ZF), lo, hi);
    }
    arm_write_reg(s, rlo, lo);
    arm_write_reg(s, rhi, hi);
}

static bool long_regs_bad(DisasContext *s, unsigned rlo, unsigned rhi, unsigned rn, unsigned rm)
{
    if (pc_used(s, rlo, rhi, rn, rm))
        return true;
    if (rlo == rhi) {
        arm_gen_undef(s);
        return true;
    }
    return false;
}

static bool gen_mull(DisasContext *s, const ArmFields *f, bool is_signed, bool accumulate, bool setflags)
{
    if (long_regs_bad(s, f->l, f->d, f->n, f->m))
        return true;
    IRTemp lo = arm_temp(s), hi = arm_temp(s);
    ir_gen_mul2(s->ir, is_signed ? IR_muls2 : IR_mulu2, lo, hi, arm_reg(s, f->n), arm_reg(s, f->m));
    if (accumulate)
        pair_op(s, IR_add2, &lo, &hi, arm_reg(s, f->l), arm_reg(s, f->d));
    write_pair(s, f->l, f->d, lo, hi, setflags);
    return true;
}

static bool trans_UMULL(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, false, false, f->S); }
static bool trans_UMLAL(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, false, true, f->S); }
static bool trans_SMULL(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, true, false, f->S); }
static bool trans_SMLAL(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, true, true, f->S); }
static bool trans_UMULL_t32(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, false, false, false); }
static bool trans_UMLAL_t32(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, false, true, false); }
static bool trans_SMULL_t32(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, true, false, false); }
static bool trans_SMLAL_t32(DisasContext *s, const ArmFields *f) { return gen_mull(s, f, true, true, false); }

/* UMAAL: RdHi:RdLo = Rn * Rm + RdHi + RdLo (cannot overflow 64 bits). */
static bool trans_UMAAL(DisasContext *s, const ArmFields *f)
{
    if (long_regs_bad(s, f->l, f->d, f->n, f->m))
        return true;
    IRTemp lo = arm_temp(s), hi = arm_temp(s), zero = arm_const(s, 0);
    ir_gen_mul2(s->ir, IR_mulu2, lo, hi, arm_reg(s, f->n), arm_reg(s, f->m));
    pair_op(s, IR_add2, &lo, &hi, arm_reg(s, f->l), zero);
    pair_op(s, IR_add2, &lo, &hi, arm_reg(s, f->d), zero);
    write_pair(s, f->l, f->d, lo, hi, false);
    return true;
}

/* ---- Halfword ---- */

static bool gen_smla_xy(DisasContext *s, const ArmFields *f, bool accumulate)
{
    if (pc_used(s, f->d, f->n, f->m, accumulate ? f->a : 0))
        return true;
    IRTemp p = mk(s, IR_mul, half(s, arm_reg(s, f->n), f->x), half(s, arm_reg(s, f->m), f->y));
    if (accumulate)
        p = gen_add_q(s, p, f->a);
    arm_write_reg(s, f->d, p);
    return true;
}

static bool trans_SMULxy(DisasContext *s, const ArmFields *f) { return gen_smla_xy(s, f, false); }
static bool trans_SMLAxy(DisasContext *s, const ArmFields *f) { return gen_smla_xy(s, f, true); }

/* SMULW<y>/SMLAW<y>: the top 32 bits of the 48-bit Rn * Rm.y. */
static bool gen_smlaw(DisasContext *s, const ArmFields *f, bool accumulate)
{
    if (pc_used(s, f->d, f->n, f->m, accumulate ? f->a : 0))
        return true;
    IRTemp lo = arm_temp(s), hi = arm_temp(s);
    ir_gen_mul2(s->ir, IR_muls2, lo, hi, arm_reg(s, f->n), half(s, arm_reg(s, f->m), f->y));
    IRTemp p = mk(s, IR_or, mk(s, IR_shl, hi, arm_const(s, 16)), mk(s, IR_shr, lo, arm_const(s, 16)));
    if (accumulate)
        p = gen_add_q(s, p, f->a);
    arm_write_reg(s, f->d, p);
    return true;
}

static bool trans_SMULWy(DisasContext *s, const ArmFields *f) { return gen_smlaw(s, f, false); }
static bool trans_SMLAWy(DisasContext *s, const ArmFields *f) { return gen_smlaw(s, f, true); }

static bool trans_SMLALxy(DisasContext *s, const ArmFields *f)
{
    if (long_regs_bad(s, f->l, f->d, f->n, f->m))
        return true;
    IRTemp p = mk(s, IR_mul, half(s, arm_reg(s, f->n), f->x), half(s, arm_reg(s, f->m), f->y));
    IRTemp ph = mk(s, IR_sar, p, arm_const(s, 31));
    IRTemp lo = arm_temp(s), hi = arm_temp(s);
    ir_gen_addsub2(s->ir, IR_add2, lo, hi, arm_reg(s, f->l), arm_reg(s, f->d), p, ph);
    write_pair(s, f->l, f->d, lo, hi, false);
    return true;
}

/* ---- Dual 16x16 ---- */

/* The two products of the dual forms, Rm's halves swapped if X. */
static void dual_products(DisasContext *s, const ArmFields *f, IRTemp *p1, IRTemp *p2)
{
    IRTemp n = arm_reg(s, f->n), m = arm_reg(s, f->m);
    if (f->X)
        m = mk(s, IR_rotr, m, arm_const(s, 16));
    *p1 = mk(s, IR_mul, half(s, n, 0), half(s, m, 0));
    *p2 = mk(s, IR_mul, half(s, n, 1), half(s, m, 1));
}

/* 64-bit p1 +/- p2 (+ acc_lo:acc_hi): (lo, hi). */
static void dual_sum64(DisasContext *s, IRTemp p1, IRTemp p2, bool sub, IRTemp acc_lo, IRTemp acc_hi,
                       IRTemp *lo, IRTemp *hi)
{
    IRTemp c31 = arm_const(s, 31);
    *lo = arm_temp(s), *hi = arm_temp(s);
    ir_gen_addsub2(s->ir, sub ? IR_sub2 : IR_add2, *lo, *hi, p1, mk(s, IR_sar, p1, c31), p2,
                   mk(s, IR_sar, p2, c31));
    if (acc_lo != IR_NONE)
        pair_op(s, IR_add2, lo, hi, acc_lo, acc_hi);
}

static bool gen_smlad(DisasContext *s, const ArmFields *f, bool accumulate, bool sub)
{
    if (pc_used(s, f->d, f->n, f->m, accumulate ? f->a : 0))
        return true;
    IRTemp p1, p2, lo, hi, acc = IR_NONE, acc_hi = IR_NONE;
    dual_products(s, f, &p1, &p2);
    if (accumulate) {
        acc = arm_reg(s, f->a);
        acc_hi = mk(s, IR_sar, acc, arm_const(s, 31));
    }
    dual_sum64(s, p1, p2, sub, acc, acc_hi, &lo, &hi);
    /* Q if the result does not fit: hi is not the sign extension of lo. */
    IRTemp q = arm_flag(s, ARM_G_QF), ovf = arm_temp(s);
    ir_gen_setcond(s->ir, IR_COND_NE, ovf, hi, mk(s, IR_sar, lo, arm_const(s, 31)));
    ir_gen_binop(s->ir, IR_or, q, q, ovf);
    arm_write_reg(s, f->d, lo);
    return true;
}

static bool trans_SMUAD(DisasContext *s, const ArmFields *f) { return gen_smlad(s, f, false, false); }
static bool trans_SMUSD(DisasContext *s, const ArmFields *f) { return gen_smlad(s, f, false, true); }
static bool trans_SMLAD(DisasContext *s, const ArmFields *f) { return gen_smlad(s, f, true, false); }
static bool trans_SMLSD(DisasContext *s, const ArmFields *f) { return gen_smlad(s, f, true, true); }

static bool gen_smlald(DisasContext *s, const ArmFields *f, bool sub)
{
    if (long_regs_bad(s, f->l, f->d, f->n, f->m))
        return true;
    IRTemp p1, p2, lo, hi;
    dual_products(s, f, &p1, &p2);
    dual_sum64(s, p1, p2, sub, arm_reg(s, f->l), arm_reg(s, f->d), &lo, &hi);
    write_pair(s, f->l, f->d, lo, hi, false);
    return true;
}

static bool trans_SMLALD(DisasContext *s, const ArmFields *f) { return gen_smlald(s, f, false); }
static bool trans_SMLSLD(DisasContext *s, const ArmFields *f) { return gen_smlald(s, f, true); }

/* ---- Most significant word ---- */

/* kind: 0 SMMUL, 1 SMMLA (Ra:0 + product), 2 SMMLS (Ra:0 - product). */
static bool gen_smmla(DisasContext *s, const ArmFields *f, int kind)
{
    if (pc_used(s, f->d, f->n, f->m, kind ? f->a : 0))
        return true;
    IRTemp lo = arm_temp(s), hi = arm_temp(s), zero = arm_const(s, 0);
    ir_gen_mul2(s->ir, IR_muls2, lo, hi, arm_reg(s, f->n), arm_reg(s, f->m));
    if (kind == 1) {
        pair_op(s, IR_add2, &lo, &hi, zero, arm_reg(s, f->a));
    } else if (kind == 2) { /* Ra:0 - product */
        IRTemp l = arm_temp(s), h = arm_temp(s);
        ir_gen_addsub2(s->ir, IR_sub2, l, h, zero, arm_reg(s, f->a), lo, hi);
        lo = l, hi = h;
    }
    if (f->R)
        pair_op(s, IR_add2, &lo, &hi, arm_const(s, 0x80000000), zero);
    arm_write_reg(s, f->d, hi);
    return true;
}

static bool trans_SMMUL(DisasContext *s, const ArmFields *f) { return gen_smmla(s, f, 0); }
static bool trans_SMMLA(DisasContext *s, const ArmFields *f) { return gen_smmla(s, f, 1); }
static bool trans_SMMLS(DisasContext *s, const ArmFields *f) { return gen_smmla(s, f, 2); }

/* ---- Division ---- */

static bool gen_div(DisasContext *s, const ArmFields *f, const IRHelper *h)
{
    if (pc_used(s, f->d, f->n, f->m, 0))
        return true;
    IRTemp r = arm_temp(s);
    ir_gen_call(s->ir, h, r, arm_reg(s, f->n), arm_reg(s, f->m), IR_NONE, IR_NONE);
    arm_write_reg(s, f->d, r);
    return true;
}

static bool trans_SDIV(DisasContext *s, const ArmFields *f) { return gen_div(s, f, &arm_helper_sdiv); }
static bool trans_UDIV(DisasContext *s, const ArmFields *f) { return gen_div(s, f, &arm_helper_udiv); }

#include "target/arm/a32-mul.c.inc"
#include "target/arm/t32-mul.c.inc"

bool arm_decode_a32_mul(DisasContext *s, uint32_t insn) { return decode_a32_mul(s, insn); }
bool arm_decode_t32_mul(DisasContext *s, uint32_t insn) { return decode_t32_mul(s, insn); }

/*
 * Saturating arithmetic (SSAT USAT SSAT16 USAT16 QADD QSUB QDADD QDSUB),
 * the SIMD-in-GPR parallel add/subtract (S/Q/SH/U/UQ/UH x ADD16 ASX SAX
 * SUB16 ADD8 SUB8), SEL and USAD8/USADA8, A32 and T32.
 *
 * These are rare in compiled code and each would take dozens of IR ops,
 * so they call the C helpers in helpers/int-helpers.c; the handlers here
 * only pick operands and the helper.
 */
#include "target/arm/helpers/int-helpers.h"
#include "target/arm/translate-dp.h"

static bool bad_reg(DisasContext *s, unsigned a, unsigned b, unsigned c)
{
    if (a == 15 || b == 15 || c == 15) { /* UNPREDICTABLE */
        arm_gen_undef(s);
        return true;
    }
    return false;
}

static IRTemp call2(DisasContext *s, const IRHelper *h, IRTemp a, IRTemp b, IRTemp c)
{
    IRTemp r = arm_temp(s);
    ir_gen_call(s->ir, h, r, a, b, c, IR_NONE);
    return r;
}

/* ---- QADD family: Rd = sat(Rm op Rn) ---- */

static bool gen_qaddsub(DisasContext *s, const ArmFields *f, const IRHelper *h)
{
    if (bad_reg(s, f->d, f->n, f->m))
        return true;
    arm_write_reg(s, f->d, call2(s, h, arm_reg(s, f->m), arm_reg(s, f->n), IR_NONE));
    return true;
}

static bool trans_QADDSUB(DisasContext *s, const ArmFields *f)
{
    static const IRHelper *const ops[4] = { &arm_helper_qadd, &arm_helper_qsub, &arm_helper_qdadd, &arm_helper_qdsub };
    return gen_qaddsub(s, f, ops[f->o]);
}

static bool trans_QADDSUB_t32(DisasContext *s, const ArmFields *f)
{
    static const IRHelper *const ops[4] = { &arm_helper_qadd, &arm_helper_qdadd, &arm_helper_qsub, &arm_helper_qdsub };
    return gen_qaddsub(s, f, ops[f->o]);
}

/* ---- Parallel add/subtract ---- */

enum { PAR_NONE = 0xff };

static IRTemp binop(DisasContext *s, IROpcode opc, IRTemp a, IRTemp b)
{
    IRTemp d = arm_temp(s);
    ir_gen_binop(s->ir, opc, d, a, b);
    return d;
}

/* Bit 0 of each byte lane: bit 7 of that lane of x. */
static IRTemp lane_top_bits(DisasContext *s, IRTemp x)
{
    return binop(s, IR_and, binop(s, IR_shr, x, arm_const(s, 7)), arm_const(s, 0x01010101u));
}

/* UADD8 inline (glibc's string routines run it in their inner loops):
 * byte sums without carries between lanes, and GE bit i = carry out of
 * byte i. The carry out of bit 7 is (a & b) | ((a ^ b) & ~sum); the four
 * carries at bits 7, 15, 23, 31 are gathered into bits 24..27 by one
 * multiply (shifts 24, 17, 10, 3 never collide). */
static void gen_uadd8(DisasContext *s, const ArmFields *f)
{
    IRTemp a = arm_reg(s, f->n), b = arm_reg(s, f->m);
    IRTemp low7 = arm_const(s, 0x7f7f7f7fu), top = arm_const(s, 0x80808080u);
    IRTemp sum = binop(s, IR_add, binop(s, IR_and, a, low7), binop(s, IR_and, b, low7));
    IRTemp axb = binop(s, IR_xor, a, b);
    IRTemp r = binop(s, IR_xor, sum, binop(s, IR_and, axb, top));
    IRTemp carry = binop(s, IR_or, binop(s, IR_and, a, b), binop(s, IR_andc, axb, r));
    IRTemp ge = binop(s, IR_shr, binop(s, IR_mul, lane_top_bits(s, carry), arm_const(s, 0x01020408u)),
                      arm_const(s, 24));
    ir_gen_mov(s->ir, arm_flag(s, ARM_G_GE), ge);
    arm_write_reg(s, f->d, r);
}

/* UQSUB8 inline (glibc's strcmp runs it in its inner loop): per byte
 * a - b, or 0 where b is larger. The lane differences come from one
 * 32-bit subtraction that cannot borrow across lanes (each a byte gets
 * its top bit set, each b byte its top bit cleared, and the top bits are
 * fixed up after); the borrow out of bit 7 of a lane, (~a & b) | (~(a ^
 * b) & diff), says which lanes go to 0. No GE. */
static void gen_uqsub8(DisasContext *s, const ArmFields *f)
{
    IRTemp a = arm_reg(s, f->n), b = arm_reg(s, f->m);
    IRTemp low7 = arm_const(s, 0x7f7f7f7fu), top = arm_const(s, 0x80808080u);
    IRTemp wide = binop(s, IR_sub, binop(s, IR_or, a, top), binop(s, IR_and, b, low7));
    IRTemp axb = binop(s, IR_xor, a, b);
    IRTemp diff = binop(s, IR_xor, wide, binop(s, IR_andc, top, axb));
    IRTemp borrow = binop(s, IR_or, binop(s, IR_andc, b, a), binop(s, IR_andc, diff, axb));
    IRTemp zero = binop(s, IR_mul, lane_top_bits(s, borrow), arm_const(s, 0xffu));
    arm_write_reg(s, f->d, binop(s, IR_andc, diff, zero));
}

static bool gen_parallel(DisasContext *s, const ArmFields *f, unsigned prefix, unsigned op)
{
    if (prefix == PAR_NONE || op == PAR_NONE)
        return false;
    if (bad_reg(s, f->d, f->n, f->m))
        return true;
    if (prefix == ARM_PAR_U && op == ARM_PAR_ADD8) {
        gen_uadd8(s, f);
        return true;
    }
    if (prefix == ARM_PAR_UQ && op == ARM_PAR_SUB8) {
        gen_uqsub8(s, f);
        return true;
    }
    bool writes_ge = prefix == ARM_PAR_S || prefix == ARM_PAR_U;
    IRTemp r = call2(s, writes_ge ? &arm_helper_parallel_ge : &arm_helper_parallel, arm_reg(s, f->n),
                     arm_reg(s, f->m), arm_const(s, ARM_PAR_CODE(prefix, op)));
    arm_write_reg(s, f->d, r);
    return true;
}

static bool trans_PARALLEL(DisasContext *s, const ArmFields *f)
{
    static const uint8_t prefixes[8] = { PAR_NONE, ARM_PAR_S, ARM_PAR_Q, ARM_PAR_SH,
                                         PAR_NONE, ARM_PAR_U, ARM_PAR_UQ, ARM_PAR_UH };
    static const uint8_t ops[8] = { ARM_PAR_ADD16, ARM_PAR_ASX, ARM_PAR_SAX, ARM_PAR_SUB16,
                                    ARM_PAR_ADD8, PAR_NONE, PAR_NONE, ARM_PAR_SUB8 };
    return gen_parallel(s, f, prefixes[f->p], ops[f->o]);
}

static bool trans_PARALLEL_t32(DisasContext *s, const ArmFields *f)
{
    static const uint8_t prefixes[2][4] = {
        { ARM_PAR_S, ARM_PAR_Q, ARM_PAR_SH, PAR_NONE },
        { ARM_PAR_U, ARM_PAR_UQ, ARM_PAR_UH, PAR_NONE },
    };
    static const uint8_t ops[8] = { ARM_PAR_ADD8, ARM_PAR_ADD16, ARM_PAR_ASX, PAR_NONE,
                                    ARM_PAR_SUB8, ARM_PAR_SUB16, ARM_PAR_SAX, PAR_NONE };
    return gen_parallel(s, f, prefixes[f->u][f->p], ops[f->o]);
}

/* ---- Saturate ---- */

/* bits: the saturation width (SSAT: sat_imm + 1, USAT: sat_imm). */
static bool gen_sat(DisasContext *s, const ArmFields *f, const IRHelper *h, IRTemp v, uint32_t bits)
{
    arm_write_reg(s, f->d, call2(s, h, v, arm_const(s, bits), IR_NONE));
    return true;
}

static IRTemp sat_operand(DisasContext *s, const ArmFields *f)
{
    return arm_gen_shift_imm(s, arm_reg(s, f->n), f->t ? ARM_SHIFT_ASR : ARM_SHIFT_LSL, f->i, NULL);
}

static bool trans_SSAT(DisasContext *s, const ArmFields *f)
{
    if (bad_reg(s, f->d, f->n, 0))
        return true;
    return gen_sat(s, f, &arm_helper_ssat, sat_operand(s, f), f->b + 1);
}

static bool trans_USAT(DisasContext *s, const ArmFields *f)
{
    if (bad_reg(s, f->d, f->n, 0))
        return true;
    return gen_sat(s, f, &arm_helper_usat, sat_operand(s, f), f->b);
}

/* T32: sh = 1 with a zero shift is SSAT16/USAT16 (earlier lines) when
 * the rest of the encoding fits, else undefined; never ASR #32. */
static bool t32_sat_shift_bad(DisasContext *s, const ArmFields *f)
{
    if (f->t && f->i == 0) {
        arm_gen_undef(s);
        return true;
    }
    return false;
}

static bool trans_SSAT_t32(DisasContext *s, const ArmFields *f) { return t32_sat_shift_bad(s, f) || trans_SSAT(s, f); }
static bool trans_USAT_t32(DisasContext *s, const ArmFields *f) { return t32_sat_shift_bad(s, f) || trans_USAT(s, f); }

static bool trans_SSAT16(DisasContext *s, const ArmFields *f)
{
    if (bad_reg(s, f->d, f->n, 0))
        return true;
    return gen_sat(s, f, &arm_helper_ssat16, arm_reg(s, f->n), f->b + 1);
}

static bool trans_USAT16(DisasContext *s, const ArmFields *f)
{
    if (bad_reg(s, f->d, f->n, 0))
        return true;
    return gen_sat(s, f, &arm_helper_usat16, arm_reg(s, f->n), f->b);
}

/* ---- SEL, USAD8 ---- */

static bool trans_SEL(DisasContext *s, const ArmFields *f)
{
    if (bad_reg(s, f->d, f->n, f->m))
        return true;
    /* Inline: GE bit i -> byte mask i. ge * 0x204081 puts bit i at bit 8i
     * (shifts 0, 7, 14, 21 never collide); * 0xff widens each to a byte. */
    IRTemp ge = binop(s, IR_and, arm_flag(s, ARM_G_GE), arm_const(s, 0xf));
    IRTemp bits = binop(s, IR_and, binop(s, IR_mul, ge, arm_const(s, 0x00204081u)), arm_const(s, 0x01010101u));
    IRTemp mask = binop(s, IR_mul, bits, arm_const(s, 0xff));
    IRTemp r = binop(s, IR_or, binop(s, IR_and, arm_reg(s, f->n), mask), binop(s, IR_andc, arm_reg(s, f->m), mask));
    arm_write_reg(s, f->d, r);
    return true;
}

static bool gen_usad8(DisasContext *s, const ArmFields *f, bool accumulate)
{
    if (bad_reg(s, f->d, f->n, f->m) || (accumulate && bad_reg(s, f->a, 0, 0)))
        return true;
    IRTemp r = call2(s, &arm_helper_usad8, arm_reg(s, f->n), arm_reg(s, f->m), IR_NONE);
    if (accumulate) {
        IRTemp t = arm_temp(s);
        ir_gen_binop(s->ir, IR_add, t, r, arm_reg(s, f->a));
        r = t;
    }
    arm_write_reg(s, f->d, r);
    return true;
}

static bool trans_USAD8(DisasContext *s, const ArmFields *f) { return gen_usad8(s, f, false); }
static bool trans_USADA8(DisasContext *s, const ArmFields *f) { return gen_usad8(s, f, true); }

#include "target/arm/a32-media.c.inc"
#include "target/arm/t32-media.c.inc"

bool arm_decode_a32_media(DisasContext *s, uint32_t insn) { return decode_a32_media(s, insn); }
bool arm_decode_t32_media(DisasContext *s, uint32_t insn) { return decode_t32_media(s, insn); }

/*
 * Bit and byte manipulation, A32, T32 and T16: sign/zero extension with
 * rotation and the add forms (SXTB SXTH SXTB16 UXTB UXTH UXTB16 and
 * SXTA*, UXTA*), PKHBT/PKHTB, bitfields (BFC BFI SBFX UBFX), reversal
 * (REV REV16 REVSH RBIT) and CLZ.
 *
 * All inline IR (extract/deposit/bswap/clz map to single host
 * instructions) except RBIT, which has no IR op and calls a helper.
 */
#include "target/arm/helpers/int-helpers.h"
#include "target/arm/translate-dp.h"

static IRTemp mk(DisasContext *s, IROpcode opc, IRTemp a, IRTemp b)
{
    IRTemp t = arm_temp(s);
    ir_gen_binop(s->ir, opc, t, a, b);
    return t;
}

static IRTemp mk1(DisasContext *s, IROpcode opc, IRTemp a)
{
    IRTemp t = arm_temp(s);
    ir_gen_unop(s->ir, opc, t, a);
    return t;
}

static bool bad_reg(DisasContext *s, unsigned a, unsigned b)
{
    if (a == 15 || b == 15) { /* UNPREDICTABLE */
        arm_gen_undef(s);
        return true;
    }
    return false;
}

/* ---- Extend ---- */

typedef enum ArmExtKind { EXT_SB, EXT_SH, EXT_SB16, EXT_UB, EXT_UH, EXT_UB16, EXT_NONE } ArmExtKind;

/* Extend of rotr(Rm, 8 * rot), plus Rn unless rn == 15 (the non-add form). */
static bool gen_extend(DisasContext *s, ArmExtKind kind, unsigned rd, unsigned rn, unsigned rm, unsigned rot)
{
    if (kind == EXT_NONE)
        return false;
    if (bad_reg(s, rd, rm))
        return true;
    IRTemp x = arm_reg(s, rm), e = arm_temp(s);
    if (rot)
        x = mk(s, IR_rotr, x, arm_const(s, rot * 8));
    switch (kind) {
    case EXT_SB: ir_gen_unop(s->ir, IR_ext8s, e, x); break;
    case EXT_SH: ir_gen_unop(s->ir, IR_ext16s, e, x); break;
    case EXT_UB: ir_gen_unop(s->ir, IR_ext8u, e, x); break;
    case EXT_UH: ir_gen_unop(s->ir, IR_ext16u, e, x); break;
    case EXT_UB16: ir_gen_binop(s->ir, IR_and, e, x, arm_const(s, 0x00ff00ff)); break;
    default: { /* SB16: bytes 0 and 2, each sign-extended to a halfword */
        IRTemp lo = arm_temp(s), hi = arm_temp(s);
        ir_gen_sextract(s->ir, lo, x, 0, 8);
        ir_gen_sextract(s->ir, hi, x, 16, 8);
        ir_gen_deposit(s->ir, e, mk(s, IR_shl, hi, arm_const(s, 16)), lo, 0, 16);
        break;
    }
    }
    if (rn != 15) {
        IRTemp n = arm_reg(s, rn);
        if (kind == EXT_SB16 || kind == EXT_UB16) { /* two independent halfword sums */
            IRTemp mask = arm_const(s, 0xffff0000);
            IRTemp hi = mk(s, IR_add, mk(s, IR_and, n, mask), mk(s, IR_and, e, mask));
            IRTemp r = arm_temp(s);
            ir_gen_deposit(s->ir, r, hi, mk(s, IR_add, n, e), 0, 16);
            e = r;
        } else {
            e = mk(s, IR_add, n, e);
        }
    }
    arm_write_reg(s, rd, e);
    return true;
}

static bool trans_EXTEND(DisasContext *s, const ArmFields *f)
{
    static const uint8_t kinds[8] = { EXT_SB16, EXT_NONE, EXT_SB, EXT_SH, EXT_UB16, EXT_NONE, EXT_UB, EXT_UH };
    return gen_extend(s, (ArmExtKind)kinds[f->o], f->d, f->n, f->m, f->r);
}

static bool trans_EXTEND_t32(DisasContext *s, const ArmFields *f)
{
    static const uint8_t kinds[8] = { EXT_SH, EXT_UH, EXT_SB16, EXT_UB16, EXT_SB, EXT_UB, EXT_NONE, EXT_NONE };
    return gen_extend(s, (ArmExtKind)kinds[f->o], f->d, f->n, f->m, f->r);
}

static bool trans_EXTEND_t16(DisasContext *s, const ArmFields *f)
{
    static const uint8_t kinds[4] = { EXT_SH, EXT_SB, EXT_UH, EXT_UB };
    return gen_extend(s, (ArmExtKind)kinds[f->o], f->d, 15, f->m, 0);
}

/* ---- Pack ---- */

/* PKHBT: Rn's bottom, (Rm LSL imm)'s top; PKHTB: Rn's top, (Rm ASR imm)'s
 * bottom, where ASR #0 means #32. */
static bool trans_PKH(DisasContext *s, const ArmFields *f)
{
    if (bad_reg(s, f->d, f->n) || bad_reg(s, f->m, 0))
        return true;
    IRTemp sh = arm_gen_shift_imm(s, arm_reg(s, f->m), f->T ? ARM_SHIFT_ASR : ARM_SHIFT_LSL, f->i, NULL);
    IRTemp r = arm_temp(s);
    if (f->T)
        ir_gen_deposit(s->ir, r, arm_reg(s, f->n), sh, 0, 16);
    else
        ir_gen_deposit(s->ir, r, sh, arm_reg(s, f->n), 0, 16);
    arm_write_reg(s, f->d, r);
    return true;
}

static bool trans_PKH_t32(DisasContext *s, const ArmFields *f) { return trans_PKH(s, f); }

/* ---- Reverse, CLZ ---- */

enum { REVOP_REV, REVOP_REV16, REVOP_RBIT, REVOP_REVSH };

static bool gen_revop(DisasContext *s, unsigned op, unsigned rd, unsigned rm)
{
    if (bad_reg(s, rd, rm))
        return true;
    IRTemp x = arm_reg(s, rm), r;
    switch (op) {
    case REVOP_REV: r = mk1(s, IR_bswap32, x); break;
    case REVOP_REV16: r = mk(s, IR_rotr, mk1(s, IR_bswap32, x), arm_const(s, 16)); break;
    case REVOP_REVSH: r = mk1(s, IR_ext16s, mk1(s, IR_bswap16, x)); break;
    default:
        r = arm_temp(s);
        ir_gen_call(s->ir, &arm_helper_rbit, r, x, IR_NONE, IR_NONE, IR_NONE);
        break;
    }
    arm_write_reg(s, rd, r);
    return true;
}

static bool trans_REV(DisasContext *s, const ArmFields *f) { return gen_revop(s, REVOP_REV, f->d, f->m); }
static bool trans_REV16(DisasContext *s, const ArmFields *f) { return gen_revop(s, REVOP_REV16, f->d, f->m); }
static bool trans_RBIT(DisasContext *s, const ArmFields *f) { return gen_revop(s, REVOP_RBIT, f->d, f->m); }
static bool trans_REVSH(DisasContext *s, const ArmFields *f) { return gen_revop(s, REVOP_REVSH, f->d, f->m); }
/* T32 encodes Rm twice (hw1 and hw2); they must agree. */
static bool trans_REVOP_t32(DisasContext *s, const ArmFields *f)
{
    if (f->n != f->m)
        return false;
    return gen_revop(s, f->o, f->d, f->m);
}

static bool trans_REVOP_t16(DisasContext *s, const ArmFields *f)
{
    if (f->o == REVOP_RBIT)
        return false; /* 10: undefined in T16 */
    return gen_revop(s, f->o, f->d, f->m);
}

static bool gen_clz(DisasContext *s, unsigned rd, unsigned rm)
{
    if (bad_reg(s, rd, rm))
        return true;
    arm_write_reg(s, rd, mk1(s, IR_clz, arm_reg(s, rm)));
    return true;
}

static bool trans_CLZ(DisasContext *s, const ArmFields *f) { return gen_clz(s, f->d, f->m); }
static bool trans_CLZ_t32(DisasContext *s, const ArmFields *f) { return f->n == f->m && gen_clz(s, f->d, f->m); }

/* ---- Bitfields ---- */

static bool gen_bfx(DisasContext *s, const ArmFields *f, bool is_signed)
{
    uint32_t lsb = f->l, width = f->w + 1;
    if (bad_reg(s, f->d, f->n))
        return true;
    if (lsb + width > 32) {
        arm_gen_undef(s);
        return true;
    }
    IRTemp r = arm_temp(s);
    if (is_signed)
        ir_gen_sextract(s->ir, r, arm_reg(s, f->n), lsb, width);
    else
        ir_gen_extract(s->ir, r, arm_reg(s, f->n), lsb, width);
    arm_write_reg(s, f->d, r);
    return true;
}

static bool trans_SBFX(DisasContext *s, const ArmFields *f) { return gen_bfx(s, f, true); }
static bool trans_UBFX(DisasContext *s, const ArmFields *f) { return gen_bfx(s, f, false); }

/* BFI Rd, Rn, #lsb, #width (msb = lsb + width - 1); Rn == 15 is BFC. */
static bool trans_BFI(DisasContext *s, const ArmFields *f)
{
    uint32_t lsb = f->l, msb = f->k;
    if (bad_reg(s, f->d, 0))
        return true;
    if (msb < lsb) {
        arm_gen_undef(s);
        return true;
    }
    IRTemp v = f->n == 15 ? arm_const(s, 0) : arm_reg(s, f->n);
    IRTemp d = arm_reg(s, f->d);
    ir_gen_deposit(s->ir, d, d, v, lsb, msb - lsb + 1);
    return true;
}

#include "target/arm/a32-bits.c.inc"
#include "target/arm/t32-bits.c.inc"
#include "target/arm/t16-bits.c.inc"

bool arm_decode_a32_bits(DisasContext *s, uint32_t insn) { return decode_a32_bits(s, insn); }
bool arm_decode_t32_bits(DisasContext *s, uint32_t insn) { return decode_t32_bits(s, insn); }
bool arm_decode_t16_bits(DisasContext *s, uint32_t insn) { return decode_t16_bits(s, insn); }

/*
 * VFP data-processing instructions (VFPv3/VFPv4 scalar): VADD, VSUB,
 * VMUL, VNMUL, VDIV, VMLA/VMLS/VNMLA/VNMLS, the fused VFMA/VFMS/VFNMA/
 * VFNMS, VNEG, VABS, VSQRT, VCMP{E}, and the conversions (f32<->f64,
 * float<->int32, float<->fixed-point, VCVTB/VCVTT half<->single).
 *
 * Each instruction is one call of a C helper (helpers/vfp-helpers.c) that
 * reads and writes the VFP registers and FPSCR in the CPU state itself:
 * the register numbers and the operation are constant arguments. ARM's
 * floating-point semantics (NaN order, default NaN, flush-to-zero,
 * rounding modes, cumulative flags) are all there, in one place.
 *
 * Short vectors (FPSCR.Len/Stride != 0) are deprecated and no Linux
 * program uses them: the helpers of the vector-capable operations check
 * FPSCR at run time and return nonzero, and the instruction then raises
 * UNDEF (SIGILL), as on cores without short-vector support.
 */
#include "target/arm/translate-mem.h"

#include "target/arm/helpers/vfp-helpers.h"

#include "target/arm/vfp-dp.c.inc"

/* The top nibble: an A32 condition (not 1111, the unconditional space),
 * or 1110 in T32. */
static bool vfp_dp_space(const DisasContext *s, const ArmFields *f)
{
    return s->thumb ? f->c == 14 : f->c != 15;
}

/* Register number: S = V:x, D = x:V. */
static unsigned vfp_reg(bool dp, unsigned v, unsigned x)
{
    return dp ? x << 4 | v : v << 1 | x;
}

/* One vector-capable operation; UNDEF at run time under short vectors. */
static bool gen_arith(DisasContext *s, const ArmFields *f, unsigned op)
{
    if (!vfp_dp_space(s, f))
        return false;
    IRBlock *b = s->ir;
    bool dp = f->s;
    IRTemp status = arm_temp(s);
    ir_gen_call(b, &arm_helper_vfp_arith, status, arm_const(s, op | (dp ? ARM_VFP_DP : 0)),
                arm_const(s, vfp_reg(dp, f->d, f->D)), arm_const(s, vfp_reg(dp, f->n, f->N)),
                arm_const(s, vfp_reg(dp, f->m, f->M)));
    uint32_t ok = ir_new_label(b);
    ir_gen_brcond(b, IR_COND_EQ, status, arm_const(s, 0), ok);
    /* arm_gen_exception ends the TU; this exit is only a side path. */
    ArmDisasEnd end = s->end;
    arm_gen_exception(s, ARM_EXIT_UNDEF, s->pc);
    s->end = end;
    ir_gen_label(b, ok);
    return true;
}

static bool trans_VMLA_VMLS(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, f->o ? ARM_VFP_MLS : ARM_VFP_MLA);
}

static bool trans_VNMLS_VNMLA(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, f->o ? ARM_VFP_NMLA : ARM_VFP_NMLS);
}

static bool trans_VMUL_VNMUL(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, f->o ? ARM_VFP_NMUL : ARM_VFP_MUL);
}

static bool trans_VADD_VSUB(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, f->o ? ARM_VFP_SUB : ARM_VFP_ADD);
}

static bool trans_VDIV(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, ARM_VFP_DIV);
}

static bool trans_VFNMS_VFNMA(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, f->o ? ARM_VFP_FNMA : ARM_VFP_FNMS);
}

static bool trans_VFMA_VFMS(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, f->o ? ARM_VFP_FMS : ARM_VFP_FMA);
}

static bool trans_VABS(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, ARM_VFP_ABS);
}

static bool trans_VNEG(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, ARM_VFP_NEG);
}

static bool trans_VSQRT(DisasContext *s, const ArmFields *f)
{
    return gen_arith(s, f, ARM_VFP_SQRT);
}

/* VCMP{E} Sd|Dd, Sm|Dm / #0.0 */
static bool gen_cmp(DisasContext *s, const ArmFields *f, bool with_zero)
{
    if (!vfp_dp_space(s, f))
        return false;
    bool dp = f->s;
    ir_gen_call(s->ir, &arm_helper_vfp_cmp, IR_NONE,
                arm_const(s, (dp ? ARM_VFP_DP : 0) | (f->e ? ARM_VFP_E : 0)),
                arm_const(s, vfp_reg(dp, f->d, f->D)),
                arm_const(s, with_zero ? 0 : vfp_reg(dp, f->m, f->M)), arm_const(s, with_zero));
    return true;
}

static bool trans_VCMP(DisasContext *s, const ArmFields *f)
{
    return gen_cmp(s, f, false);
}

static bool trans_VCMP_zero(DisasContext *s, const ArmFields *f)
{
    return gen_cmp(s, f, true);
}

static bool gen_cvt(DisasContext *s, const ArmFields *f, uint32_t op, unsigned d, unsigned m,
                    unsigned imm)
{
    if (!vfp_dp_space(s, f))
        return false;
    ir_gen_call(s->ir, &arm_helper_vfp_cvt, IR_NONE, arm_const(s, op), arm_const(s, d),
                arm_const(s, m), arm_const(s, imm));
    return true;
}

/* VCVT.F64.F32 Dd, Sm / VCVT.F32.F64 Sd, Dm (sz: the source is double) */
static bool trans_VCVT_f32_f64(DisasContext *s, const ArmFields *f)
{
    bool dp = f->s;
    return gen_cvt(s, f, ARM_VFP_CVT_FF | (dp ? ARM_VFP_DP : 0), vfp_reg(!dp, f->d, f->D),
                   vfp_reg(dp, f->m, f->M), 0);
}

/* VCVT.F32|F64.S32|U32 Sd|Dd, Sm */
static bool trans_VCVT_from_int(DisasContext *s, const ArmFields *f)
{
    bool dp = f->s;
    uint32_t op = ARM_VFP_CVT_FROMI | (dp ? ARM_VFP_DP : 0) | (f->g ? 0 : ARM_VFP_UNSIGNED);
    return gen_cvt(s, f, op, vfp_reg(dp, f->d, f->D), vfp_reg(false, f->m, f->M), 0);
}

/* VCVT{R}.S32|U32.F32|F64 Sd, Sm|Dm (e: round toward zero, not VCVTR) */
static bool trans_VCVT_to_int(DisasContext *s, const ArmFields *f)
{
    bool dp = f->s;
    uint32_t op = ARM_VFP_CVT_TOI | (dp ? ARM_VFP_DP : 0) | (f->g ? 0 : ARM_VFP_UNSIGNED) |
                  (f->e ? ARM_VFP_RZ : 0);
    return gen_cvt(s, f, op, vfp_reg(false, f->d, f->D), vfp_reg(dp, f->m, f->M), 0);
}

/* VCVT.<fixed>.F32|F64 and back, Sd|Dd, Sd|Dd, #fbits: the fixed-point
 * value is 16 bits (x = 0) or 32; fbits = size - imm4:i. */
static bool trans_VCVT_fixed(DisasContext *s, const ArmFields *f)
{
    bool dp = f->s;
    unsigned size = f->x ? 32 : 16, imm = f->i << 1 | f->I;
    if (!vfp_dp_space(s, f))
        return false;
    if (imm > size)
        return arm_mem_unpredictable(s);  /* negative fraction bits */
    uint32_t op = (f->o ? ARM_VFP_CVT_TOX : ARM_VFP_CVT_FROMX) | (dp ? ARM_VFP_DP : 0) |
                  (f->u ? ARM_VFP_UNSIGNED : 0) | (f->x ? 0 : ARM_VFP_X16);
    unsigned d = vfp_reg(dp, f->d, f->D);
    return gen_cvt(s, f, op, d, d, size - imm);
}

/* VCVTB/VCVTT.F32.F16 Sd, Sm and .F16.F32 (o: to half) */
static bool trans_VCVTB_VCVTT(DisasContext *s, const ArmFields *f)
{
    uint32_t op = (f->o ? ARM_VFP_CVT_S2H : ARM_VFP_CVT_H2S) | (f->t ? ARM_VFP_TOP : 0);
    return gen_cvt(s, f, op, vfp_reg(false, f->d, f->D), vfp_reg(false, f->m, f->M), 0);
}

bool arm_decode_vfp_dp(DisasContext *s, uint32_t insn)
{
    return decode_vfp_dp(s, insn);
}

/*
 * Data processing: AND EOR SUB RSB ADD ADC SBC RSC TST TEQ CMP CMN ORR MOV
 * BIC MVN ORN with immediates and shifted registers, MOVW/MOVT, ADR, SP
 * arithmetic, MRS/MSR of the APSR, hints, and the T16 IT instruction.
 *
 * The A32, T32 and T16 tables all end in one generator, arm_gen_dp(),
 * driven by a table of operation properties, so each operation's
 * semantics (and its flags, in the NF/ZF/CF/VF form of cpu.h) are written
 * once. The barrel shifter is here too, with ARM's rules for counts of 0
 * and 32 and its carry out.
 */
#include "target/arm/translate-dp.h"

#include "util/die.h"

/* Operations, in A32 opcode order, then ORN (T32 only). */
typedef enum ArmDpOp {
    DP_AND, DP_EOR, DP_SUB, DP_RSB, DP_ADD, DP_ADC, DP_SBC, DP_RSC,
    DP_TST, DP_TEQ, DP_CMP, DP_CMN, DP_ORR, DP_MOV, DP_BIC, DP_MVN,
    DP_ORN, DP_INVALID,
} ArmDpOp;

typedef enum ArmDpKind { DPK_LOGIC, DPK_ADD, DPK_SUB } ArmDpKind;

static const struct ArmDpInfo {
    ArmDpKind kind;
    bool test;        /* flags only, no destination */
    bool swap;        /* reverse subtract: operands swapped */
    bool carry_in;    /* ADC/SBC/RSC */
    bool no_rn;       /* MOV/MVN */
    IROpcode logic;   /* DPK_LOGIC: the IR op (mov: op2 itself) */
    bool invert_b;    /* DPK_LOGIC: op2 inverted first (ORN, MVN) */
} arm_dp_info[DP_INVALID] = {
    [DP_AND] = { DPK_LOGIC, .logic = IR_and },
    [DP_EOR] = { DPK_LOGIC, .logic = IR_xor },
    [DP_SUB] = { DPK_SUB },
    [DP_RSB] = { DPK_SUB, .swap = true },
    [DP_ADD] = { DPK_ADD },
    [DP_ADC] = { DPK_ADD, .carry_in = true },
    [DP_SBC] = { DPK_SUB, .carry_in = true },
    [DP_RSC] = { DPK_SUB, .carry_in = true, .swap = true },
    [DP_TST] = { DPK_LOGIC, .test = true, .logic = IR_and },
    [DP_TEQ] = { DPK_LOGIC, .test = true, .logic = IR_xor },
    [DP_CMP] = { DPK_SUB, .test = true },
    [DP_CMN] = { DPK_ADD, .test = true },
    [DP_ORR] = { DPK_LOGIC, .logic = IR_or },
    [DP_MOV] = { DPK_LOGIC, .no_rn = true, .logic = IR_mov },
    [DP_BIC] = { DPK_LOGIC, .logic = IR_andc },
    [DP_MVN] = { DPK_LOGIC, .no_rn = true, .logic = IR_mov, .invert_b = true },
    [DP_ORN] = { DPK_LOGIC, .logic = IR_or, .invert_b = true },
};

/* T32 opcode field to operation (0110 is PKH, decoded by its own line). */
static const ArmDpOp t32_dp_ops[16] = {
    DP_AND, DP_BIC, DP_ORR, DP_ORN, DP_EOR, DP_INVALID, DP_INVALID, DP_INVALID,
    DP_ADD, DP_INVALID, DP_ADC, DP_SBC, DP_INVALID, DP_SUB, DP_RSB, DP_INVALID,
};

/* ---- Shifter ---- */

static IRTemp gen_bit(DisasContext *s, IRTemp x, unsigned pos)
{
    IRTemp t = arm_temp(s);
    ir_gen_extract(s->ir, t, x, pos, 1);
    return t;
}

static IRTemp gen_op2(DisasContext *s, IROpcode opc, IRTemp a, IRTemp b)
{
    IRTemp t = arm_temp(s);
    ir_gen_binop(s->ir, opc, t, a, b);
    return t;
}

static IRTemp gen_op2i(DisasContext *s, IROpcode opc, IRTemp a, uint32_t b)
{
    return gen_op2(s, opc, a, arm_const(s, b));
}

static IRTemp gen_movcond(DisasContext *s, IRCond c, IRTemp c1, uint32_t c2, IRTemp v1, IRTemp v2)
{
    IRTemp t = arm_temp(s);
    ir_gen_movcond(s->ir, c, t, c1, arm_const(s, c2), v1, v2);
    return t;
}

IRTemp arm_gen_shift_imm(DisasContext *s, IRTemp x, unsigned type, unsigned amount, IRTemp *carry)
{
    FERRY_ASSERT(type < 4 && amount < 32);
    IRTemp c = IR_NONE, r;
    switch (type) {
    case ARM_SHIFT_LSL:
        if (amount == 0)
            r = x;
        else {
            r = gen_op2i(s, IR_shl, x, amount);
            c = carry ? gen_bit(s, x, 32 - amount) : IR_NONE;
        }
        break;
    case ARM_SHIFT_LSR:
        r = amount ? gen_op2i(s, IR_shr, x, amount) : arm_const(s, 0);
        c = carry ? gen_bit(s, x, amount ? amount - 1 : 31) : IR_NONE;
        break;
    case ARM_SHIFT_ASR:
        r = gen_op2i(s, IR_sar, x, amount ? amount : 31);
        c = carry ? gen_bit(s, x, amount ? amount - 1 : 31) : IR_NONE;
        break;
    default:
        if (amount) {
            r = gen_op2i(s, IR_rotr, x, amount);
            c = carry ? gen_bit(s, x, amount - 1) : IR_NONE;
        } else { /* RRX: C into bit 31, bit 0 into C */
            IRTemp top = gen_op2i(s, IR_shl, arm_flag(s, ARM_G_CF), 31);
            r = gen_op2(s, IR_or, gen_op2i(s, IR_shr, x, 1), top);
            c = carry ? gen_op2i(s, IR_and, x, 1) : IR_NONE;
        }
        break;
    }
    if (carry)
        *carry = c;
    return r;
}

IRTemp arm_gen_shift_reg(DisasContext *s, IRTemp x, unsigned type, IRTemp count, IRTemp *carry)
{
    IRTemp zero = arm_const(s, 0);
    IRTemp n = gen_op2i(s, IR_and, count, 0xff);
    IRTemp r, c = IR_NONE;
    /* The IR's shifts take the count modulo 32; counts of 32 and more are
     * fixed up with movcond. The carry is the last bit shifted out: bit
     * (n - 1) of x going right, bit (32 - n) going left; C if n == 0. */
    IRTemp n1 = carry ? gen_op2i(s, IR_sub, n, 1) : IR_NONE;
    switch (type) {
    case ARM_SHIFT_LSL:
        r = gen_movcond(s, IR_COND_GEU, n, 32, zero, gen_op2(s, IR_shl, x, n));
        if (carry) {
            c = gen_op2i(s, IR_shr, gen_op2(s, IR_shl, x, n1), 31);
            c = gen_movcond(s, IR_COND_GTU, n, 32, zero, c);
        }
        break;
    case ARM_SHIFT_LSR:
        r = gen_movcond(s, IR_COND_GEU, n, 32, zero, gen_op2(s, IR_shr, x, n));
        if (carry) {
            c = gen_op2i(s, IR_and, gen_op2(s, IR_shr, x, n1), 1);
            c = gen_movcond(s, IR_COND_GTU, n, 32, zero, c);
        }
        break;
    case ARM_SHIFT_ASR: {
        IRTemp n31 = gen_movcond(s, IR_COND_GTU, n, 31, arm_const(s, 31), n);
        r = gen_op2(s, IR_sar, x, n31);
        if (carry) {
            IRTemp m = gen_movcond(s, IR_COND_GTU, n, 32, arm_const(s, 31), n1);
            c = gen_op2i(s, IR_and, gen_op2(s, IR_sar, x, m), 1);
        }
        break;
    }
    default:
        r = gen_op2(s, IR_rotr, x, n);
        if (carry)
            c = gen_op2i(s, IR_shr, r, 31);
        break;
    }
    if (carry)
        *carry = gen_movcond(s, IR_COND_EQ, n, 0, arm_flag(s, ARM_G_CF), c);
    return r;
}

/* ---- Flags and the generator ---- */

/*
 * Cold units get no copy propagation, so a flag is computed in place: if
 * the op just emitted computed v into a fresh temp, it now writes flag
 * global g itself. Nothing can see g early: the instruction's remaining
 * ops are pure (a memory op or an exit would end or follow it). That
 * saves a copy per flag, about a tenth of a cold unit's ops (start-up
 * is translation: docs/startup.md). Hot units keep the temp: there DCE
 * and coalesce decide where a result goes, and a flag written in place
 * would stay live for the flag copied from it. Returns g, or IR_NONE if
 * v stays where it is.
 */
static IRTemp flag_in_place(DisasContext *s, unsigned g, IRTemp v)
{
    IRBlock *ir = s->ir;
    if (ir->hot || ir->nb_ops == 0 || ir->temps[v].kind != IR_TEMP_LOCAL)
        return IR_NONE;
    IROp *last = &ir->ops[ir->nb_ops - 1];
    const IROpDef *d = ir_def(last);
    if (d->nb_out != 1 || last->args[0] != v || (d->flags & IR_F_SIDE))
        return IR_NONE;
    last->args[0] = arm_flag(s, g);
    return last->args[0];
}

IRTemp arm_gen_set_nz(DisasContext *s, IRTemp result)
{
    IRTemp z = flag_in_place(s, ARM_G_ZF, result);
    IRTemp r = z != IR_NONE ? z : result;
    ir_gen_mov(s->ir, arm_flag(s, ARM_G_NF), r);
    if (z == IR_NONE)
        ir_gen_mov(s->ir, arm_flag(s, ARM_G_ZF), result);
    return r;
}

void arm_gen_set_flag(DisasContext *s, unsigned g, IRTemp v)
{
    if (flag_in_place(s, g, v) == IR_NONE)
        ir_gen_mov(s->ir, arm_flag(s, g), v);
}

/* a + b + carry_in (IR_NONE: no carry) with NZCV. */
static IRTemp gen_add_cc(DisasContext *s, IRTemp a, IRTemp b, IRTemp cin)
{
    IRBlock *ir = s->ir;
    IRTemp zero = arm_const(s, 0);
    IRTemp r = arm_temp(s), c = arm_temp(s);
    if (cin != IR_NONE) {
        IRTemp t = arm_temp(s), tc = arm_temp(s);
        ir_gen_addsub2(ir, IR_add2, t, tc, a, zero, cin, zero);
        ir_gen_addsub2(ir, IR_add2, r, c, t, tc, b, zero);
        r = arm_gen_set_nz(s, r);
    } else {
        /* Carry out iff the sum wrapped (r < a): a plain add and a
         * compare, so when C is dead (the usual case) DCE leaves only the
         * add, which add2's two outputs would not allow. */
        ir_gen_binop(ir, IR_add, r, a, b);
        r = arm_gen_set_nz(s, r);
        ir_gen_setcond(ir, IR_COND_LTU, c, r, a);
    }
    arm_gen_set_flag(s, ARM_G_CF, c);
    /* V: a and b have the same sign and r differs from it. */
    IRTemp v = gen_op2(s, IR_andc, gen_op2(s, IR_xor, r, a), gen_op2(s, IR_xor, a, b));
    arm_gen_set_flag(s, ARM_G_VF, v);
    return r;
}

/* a - b with NZCV; C is NOT borrow. */
static IRTemp gen_sub_cc(DisasContext *s, IRTemp a, IRTemp b)
{
    IRTemp r = arm_gen_set_nz(s, gen_op2(s, IR_sub, a, b));
    IRTemp c = arm_temp(s);
    ir_gen_setcond(s->ir, IR_COND_GEU, c, a, b);
    arm_gen_set_flag(s, ARM_G_CF, c);
    IRTemp v = gen_op2(s, IR_and, gen_op2(s, IR_xor, a, b), gen_op2(s, IR_xor, a, r));
    arm_gen_set_flag(s, ARM_G_VF, v);
    return r;
}

/*
 * The result of op on a (Rn) and b (the second operand), setting flags if
 * asked; shift_carry is the shifter's carry out for the logical ops
 * (IR_NONE: C unchanged). Returns the result temp.
 */
static IRTemp arm_gen_dp(DisasContext *s, ArmDpOp op, IRTemp a, IRTemp b, IRTemp shift_carry,
                         bool setflags)
{
    const struct ArmDpInfo *info = &arm_dp_info[op];
    IRTemp cf = arm_flag(s, ARM_G_CF);
    if (info->kind == DPK_LOGIC) {
        if (info->invert_b) {
            IRTemp nb = arm_temp(s);
            ir_gen_unop(s->ir, IR_not, nb, b);
            b = nb;
        }
        IRTemp r = info->logic == IR_mov ? b : gen_op2(s, info->logic, a, b);
        if (setflags) {
            r = arm_gen_set_nz(s, r);
            if (shift_carry != IR_NONE)
                ir_gen_mov(s->ir, cf, shift_carry);
        }
        return r;
    }
    if (info->swap) {
        IRTemp t = a;
        a = b, b = t;
    }
    if (info->kind == DPK_SUB && !info->carry_in)
        return setflags ? gen_sub_cc(s, a, b) : gen_op2(s, IR_sub, a, b);
    if (info->kind == DPK_SUB) { /* a + ~b + C */
        IRTemp nb = arm_temp(s);
        ir_gen_unop(s->ir, IR_not, nb, b);
        b = nb;
    }
    if (setflags)
        return gen_add_cc(s, a, b, info->carry_in ? cf : IR_NONE);
    IRTemp r = gen_op2(s, IR_add, a, b);
    return info->carry_in ? gen_op2(s, IR_add, r, cf) : r;
}

/* A32: Rd = Rn op b. PC as destination is ALUWritePC; with S it would be
 * an exception return, which user mode cannot do. */
static bool a32_dp(DisasContext *s, const ArmFields *f, IRTemp b, IRTemp carry)
{
    ArmDpOp op = (ArmDpOp)f->o;
    const struct ArmDpInfo *info = &arm_dp_info[op];
    if (info->test && !f->S)
        return false; /* the miscellaneous space: MRS, BX, CLZ, ... */
    if (f->d == 15 && f->S && !info->test) {
        arm_gen_undef(s);
        return true;
    }
    IRTemp a = info->no_rn ? IR_NONE : arm_read_reg(s, f->n);
    IRTemp r = arm_gen_dp(s, op, a, b, carry, f->S);
    if (!info->test)
        arm_write_reg_alu(s, f->d, r);
    return true;
}

static bool trans_DP_imm(DisasContext *s, const ArmFields *f)
{
    uint32_t rot = (f->i >> 8) * 2, imm8 = f->i & 0xff;
    uint32_t v = rot ? (imm8 >> rot) | (imm8 << (32 - rot)) : imm8;
    IRTemp carry = rot ? arm_const(s, v >> 31) : IR_NONE;
    return a32_dp(s, f, arm_const(s, v), carry);
}

static bool trans_DP_reg(DisasContext *s, const ArmFields *f)
{
    if (arm_dp_info[f->o].test && !f->S)
        return false;
    IRTemp carry;
    IRTemp b = arm_gen_shift_imm(s, arm_read_reg(s, f->m), f->t, f->i, &carry);
    return a32_dp(s, f, b, carry);
}

static bool trans_DP_rsr(DisasContext *s, const ArmFields *f)
{
    if (arm_dp_info[f->o].test && !f->S)
        return false;
    if (f->d == 15 || f->n == 15 || f->m == 15 || f->s == 15) { /* UNPREDICTABLE */
        arm_gen_undef(s);
        return true;
    }
    IRTemp carry;
    IRTemp b = arm_gen_shift_reg(s, arm_reg(s, f->m), f->t, arm_reg(s, f->s), &carry);
    return a32_dp(s, f, b, carry);
}

/* ---- MOVW/MOVT, ADR ---- */

static bool gen_movw_movt(DisasContext *s, unsigned rd, uint32_t imm16, bool top)
{
    if (rd == 15) {
        arm_gen_undef(s);
        return true;
    }
    if (top)
        ir_gen_deposit(s->ir, arm_reg(s, rd), arm_reg(s, rd), arm_const(s, imm16), 16, 16);
    else
        ir_gen_movi(s->ir, arm_reg(s, rd), imm16);
    return true;
}

static bool trans_MOVW(DisasContext *s, const ArmFields *f) { return gen_movw_movt(s, f->d, f->k << 12 | f->i, false); }
static bool trans_MOVT(DisasContext *s, const ArmFields *f) { return gen_movw_movt(s, f->d, f->k << 12 | f->i, true); }

static uint32_t t32_imm16(const ArmFields *f) { return f->k << 12 | f->j << 11 | f->l << 8 | f->i; }
static bool trans_MOVW_t32(DisasContext *s, const ArmFields *f) { return gen_movw_movt(s, f->d, t32_imm16(f), false); }
static bool trans_MOVT_t32(DisasContext *s, const ArmFields *f) { return gen_movw_movt(s, f->d, t32_imm16(f), true); }

/* ADDW/SUBW with a plain 12-bit immediate; Rn == PC is ADR (Align(PC, 4)). */
static bool gen_addw(DisasContext *s, const ArmFields *f, bool sub)
{
    if (f->d == 15) {
        arm_gen_undef(s);
        return true;
    }
    IRTemp a = f->n == 15 ? arm_read_pc_aligned(s) : arm_reg(s, f->n);
    ir_gen_binop(s->ir, sub ? IR_sub : IR_add, arm_reg(s, f->d), a, arm_const(s, f->i));
    return true;
}

static bool trans_ADDW(DisasContext *s, const ArmFields *f) { return gen_addw(s, f, false); }
static bool trans_SUBW(DisasContext *s, const ArmFields *f) { return gen_addw(s, f, true); }

/* ---- T32 data processing ---- */

/* ThumbExpandImm_C: the value, and its carry out (IR_NONE: unchanged). */
static uint32_t t32_expand_imm(DisasContext *s, uint32_t imm12, IRTemp *carry)
{
    uint32_t imm8 = imm12 & 0xff;
    *carry = IR_NONE;
    if ((imm12 >> 10) == 0) {
        static const uint32_t splat[4] = { 0x00000001, 0x00010001, 0x01000100, 0x01010101 };
        return imm8 * splat[(imm12 >> 8) & 3];
    }
    uint32_t rot = imm12 >> 7, unrot = 0x80 | (imm12 & 0x7f);
    uint32_t v = (unrot >> rot) | (unrot << (32 - rot));
    *carry = arm_const(s, v >> 31);
    return v;
}

/* T32 aliases by register number: Rd == PC with S are the compares,
 * Rn == PC makes ORR/ORN into MOV/MVN. Other uses of PC are
 * UNPREDICTABLE, treated as undefined. */
static bool t32_dp(DisasContext *s, const ArmFields *f, IRTemp b, IRTemp carry)
{
    ArmDpOp op = t32_dp_ops[f->o];
    if (op == DP_INVALID)
        return false;
    if (f->d == 15 && f->S) {
        static const ArmDpOp compare_of[DP_INVALID] = {
            [DP_AND] = DP_TST, [DP_EOR] = DP_TEQ, [DP_ADD] = DP_CMN, [DP_SUB] = DP_CMP,
        };
        op = compare_of[op] ? compare_of[op] : DP_INVALID;
    }
    if (f->n == 15)
        op = op == DP_ORR ? DP_MOV : op == DP_ORN ? DP_MVN : DP_INVALID;
    if (op == DP_INVALID || (f->d == 15 && !arm_dp_info[op].test)) {
        arm_gen_undef(s);
        return true;
    }
    const struct ArmDpInfo *info = &arm_dp_info[op];
    IRTemp a = info->no_rn ? IR_NONE : arm_reg(s, f->n);
    IRTemp r = arm_gen_dp(s, op, a, b, carry, f->S);
    if (!info->test)
        arm_write_reg(s, f->d, r);
    return true;
}

static bool trans_DP_t32_imm(DisasContext *s, const ArmFields *f)
{
    if (t32_dp_ops[f->o] == DP_INVALID)
        return false;
    IRTemp carry;
    uint32_t v = t32_expand_imm(s, f->i, &carry);
    return t32_dp(s, f, arm_const(s, v), carry);
}

static bool trans_DP_t32_reg(DisasContext *s, const ArmFields *f)
{
    if (t32_dp_ops[f->o] == DP_INVALID)
        return false;
    if (f->m == 15) {
        arm_gen_undef(s);
        return true;
    }
    IRTemp carry;
    IRTemp b = arm_gen_shift_imm(s, arm_reg(s, f->m), f->t, f->i, &carry);
    return t32_dp(s, f, b, carry);
}

static bool trans_SHIFT_t32(DisasContext *s, const ArmFields *f)
{
    if (f->d == 15 || f->n == 15 || f->m == 15) {
        arm_gen_undef(s);
        return true;
    }
    IRTemp carry;
    IRTemp r = arm_gen_shift_reg(s, arm_reg(s, f->n), f->t, arm_reg(s, f->m), &carry);
    if (f->S) {
        r = arm_gen_set_nz(s, r);
        ir_gen_mov(s->ir, arm_flag(s, ARM_G_CF), carry);
    }
    arm_write_reg(s, f->d, r);
    return true;
}

/* ---- Status registers and hints ---- */

/* APSR as MRS reads it in user mode: NZCVQ, GE, and the mode bits (USR). */
static bool gen_mrs(DisasContext *s, unsigned rd, bool spsr)
{
    if (spsr || rd == 15) { /* no SPSR in user mode */
        arm_gen_undef(s);
        return true;
    }
    IRBlock *ir = s->ir;
    IRTemp z = arm_temp(s), q = arm_temp(s);
    IRTemp v = gen_op2i(s, IR_shr, gen_op2i(s, IR_and, arm_flag(s, ARM_G_VF), 0x80000000), 3);
    ir_gen_setcond(ir, IR_COND_EQ, z, arm_flag(s, ARM_G_ZF), arm_const(s, 0));
    ir_gen_setcond(ir, IR_COND_NE, q, arm_flag(s, ARM_G_QF), arm_const(s, 0));
    IRTemp r = gen_op2i(s, IR_and, arm_flag(s, ARM_G_NF), 0x80000000);
    r = gen_op2(s, IR_or, r, gen_op2i(s, IR_shl, z, 30));
    r = gen_op2(s, IR_or, r, gen_op2i(s, IR_shl, arm_flag(s, ARM_G_CF), 29));
    r = gen_op2(s, IR_or, r, v);
    r = gen_op2(s, IR_or, r, gen_op2i(s, IR_shl, q, 27));
    r = gen_op2(s, IR_or, r, gen_op2i(s, IR_shl, arm_flag(s, ARM_G_GE), 16));
    ir_gen_binop(ir, IR_or, arm_reg(s, rd), r, arm_const(s, 0x10));
    return true;
}

/* mask bit 1: nzcvq (CPSR bits 31..27); bit 0: g (GE, bits 19..16). */
static bool gen_msr(DisasContext *s, IRTemp v, unsigned mask, bool spsr)
{
    if (spsr || mask == 0) {
        arm_gen_undef(s);
        return true;
    }
    IRBlock *ir = s->ir;
    if (mask & 2) {
        ir_gen_binop(ir, IR_and, arm_flag(s, ARM_G_NF), v, arm_const(s, 0x80000000));
        ir_gen_binop(ir, IR_andc, arm_flag(s, ARM_G_ZF), arm_const(s, 1u << 30), v);
        ir_gen_extract(ir, arm_flag(s, ARM_G_CF), v, 29, 1);
        ir_gen_binop(ir, IR_shl, arm_flag(s, ARM_G_VF), v, arm_const(s, 3));
        ir_gen_binop(ir, IR_and, arm_flag(s, ARM_G_QF), v, arm_const(s, 1u << 27));
    }
    if (mask & 1)
        ir_gen_extract(ir, arm_flag(s, ARM_G_GE), v, 16, 4);
    return true;
}

static bool trans_MRS(DisasContext *s, const ArmFields *f) { return gen_mrs(s, f->d, f->r); }
static bool trans_MRS_t32(DisasContext *s, const ArmFields *f) { return gen_mrs(s, f->d, f->r); }

static bool trans_MSR_imm(DisasContext *s, const ArmFields *f)
{
    uint32_t rot = (f->i >> 8) * 2, imm8 = f->i & 0xff;
    uint32_t v = rot ? (imm8 >> rot) | (imm8 << (32 - rot)) : imm8;
    return gen_msr(s, arm_const(s, v), f->m, f->r);
}

static bool trans_MSR_reg(DisasContext *s, const ArmFields *f)
{
    if (f->n == 15) {
        arm_gen_undef(s);
        return true;
    }
    return gen_msr(s, arm_reg(s, f->n), f->m, f->r);
}

static bool trans_MSR_t32(DisasContext *s, const ArmFields *f) { return trans_MSR_reg(s, f); }

/* NOP, YIELD, WFE, WFI, SEV, DBG: nothing to do for a user-mode guest
 * (WFE/WFI may return at any time). Other hint numbers are reserved and
 * also execute as NOP. */
static bool trans_HINT(DisasContext *s, const ArmFields *f) { return true; }
static bool trans_HINT_t32(DisasContext *s, const ArmFields *f) { return true; }
static bool trans_HINT_t16(DisasContext *s, const ArmFields *f) { return true; }

/* ---- T16 ---- */

/* T16 flag setting: outside IT blocks only. */
static bool t16_setflags(const DisasContext *s) { return !arm_in_it_block(s); }

static bool t16_dp(DisasContext *s, ArmDpOp op, unsigned rd, IRTemp a, IRTemp b, IRTemp carry)
{
    bool setflags = arm_dp_info[op].test || t16_setflags(s);
    IRTemp r = arm_gen_dp(s, op, a, b, carry, setflags);
    if (!arm_dp_info[op].test)
        arm_write_reg(s, rd, r);
    return true;
}

static bool trans_ADD_t16_rrr(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_ADD, f->d, arm_reg(s, f->n), arm_reg(s, f->m), IR_NONE); }
static bool trans_SUB_t16_rrr(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_SUB, f->d, arm_reg(s, f->n), arm_reg(s, f->m), IR_NONE); }
static bool trans_ADD_t16_rri(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_ADD, f->d, arm_reg(s, f->n), arm_const(s, f->i), IR_NONE); }
static bool trans_SUB_t16_rri(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_SUB, f->d, arm_reg(s, f->n), arm_const(s, f->i), IR_NONE); }
static bool trans_MOV_t16_imm(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_MOV, f->d, IR_NONE, arm_const(s, f->i), IR_NONE); }
static bool trans_CMP_t16_imm(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_CMP, 0, arm_reg(s, f->n), arm_const(s, f->i), IR_NONE); }
static bool trans_ADD_t16_imm(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_ADD, f->d, arm_reg(s, f->d), arm_const(s, f->i), IR_NONE); }
static bool trans_SUB_t16_imm(DisasContext *s, const ArmFields *f) { return t16_dp(s, DP_SUB, f->d, arm_reg(s, f->d), arm_const(s, f->i), IR_NONE); }

static bool trans_SHIFT_t16_imm(DisasContext *s, const ArmFields *f)
{
    if (f->t == 3)
        return false;
    IRTemp carry;
    IRTemp r = arm_gen_shift_imm(s, arm_reg(s, f->m), f->t, f->i, &carry);
    return t16_dp(s, DP_MOV, f->d, IR_NONE, r, carry);
}

/* The 16 "data processing (register)" forms: most are a DP operation on
 * (Rdn, Rm); the shifts, RSB #0 and MUL have their own shape. */
enum { T16_DP, T16_SHIFT, T16_NEG, T16_MUL };
static const struct { uint8_t shape; uint8_t op; } t16_dp_reg_ops[16] = {
    { T16_DP, DP_AND }, { T16_DP, DP_EOR }, { T16_SHIFT, ARM_SHIFT_LSL }, { T16_SHIFT, ARM_SHIFT_LSR },
    { T16_SHIFT, ARM_SHIFT_ASR }, { T16_DP, DP_ADC }, { T16_DP, DP_SBC }, { T16_SHIFT, ARM_SHIFT_ROR },
    { T16_DP, DP_TST }, { T16_NEG, DP_RSB }, { T16_DP, DP_CMP }, { T16_DP, DP_CMN },
    { T16_DP, DP_ORR }, { T16_MUL, 0 }, { T16_DP, DP_BIC }, { T16_DP, DP_MVN },
};

static bool trans_DP_t16_reg(DisasContext *s, const ArmFields *f)
{
    unsigned op = t16_dp_reg_ops[f->o].op;
    IRTemp rd = arm_reg(s, f->d), rm = arm_reg(s, f->m);
    switch (t16_dp_reg_ops[f->o].shape) {
    case T16_SHIFT: {
        IRTemp carry;
        IRTemp r = arm_gen_shift_reg(s, rd, op, rm, &carry);
        return t16_dp(s, DP_MOV, f->d, IR_NONE, r, carry);
    }
    case T16_NEG:
        return t16_dp(s, DP_RSB, f->d, rm, arm_const(s, 0), IR_NONE);
    case T16_MUL: { /* MULS sets N and Z only */
        IRTemp r = gen_op2(s, IR_mul, rm, rd);
        if (t16_setflags(s))
            r = arm_gen_set_nz(s, r);
        arm_write_reg(s, f->d, r);
        return true;
    }
    default:
        return t16_dp(s, (ArmDpOp)op, f->d, rd, rm, IR_NONE);
    }
}

/* High-register ADD/CMP/MOV: no flags (but CMP); PC as Rd branches, and
 * must then be the last instruction of an IT block. */
static bool t16_hi_pc_ok(DisasContext *s, unsigned rd)
{
    if (rd == 15 && arm_in_it_block(s) && !arm_last_in_it_block(s)) {
        arm_gen_undef(s);
        return false;
    }
    return true;
}

static bool trans_ADD_t16_hi(DisasContext *s, const ArmFields *f)
{
    unsigned rd = f->D << 3 | f->d;
    if (rd == 15 && f->m == 15) {
        arm_gen_undef(s);
        return true;
    }
    if (!t16_hi_pc_ok(s, rd))
        return true;
    IRTemp r = gen_op2(s, IR_add, arm_read_reg(s, rd), arm_read_reg(s, f->m));
    arm_write_reg_alu(s, rd, r);
    return true;
}

static bool trans_CMP_t16_hi(DisasContext *s, const ArmFields *f)
{
    unsigned rn = f->D << 3 | f->d;
    if (rn == 15 || f->m == 15 || (rn < 8 && f->m < 8)) {
        arm_gen_undef(s);
        return true;
    }
    gen_sub_cc(s, arm_reg(s, rn), arm_reg(s, f->m));
    return true;
}

static bool trans_MOV_t16_hi(DisasContext *s, const ArmFields *f)
{
    unsigned rd = f->D << 3 | f->d;
    if (!t16_hi_pc_ok(s, rd))
        return true;
    IRTemp v = arm_read_reg(s, f->m);
    if (rd == 15)
        arm_write_reg_alu(s, rd, v);
    else
        ir_gen_mov(s->ir, arm_reg(s, rd), v);
    return true;
}

static bool trans_ADR_t16(DisasContext *s, const ArmFields *f)
{
    ir_gen_movi(s->ir, arm_reg(s, f->d), ((s->pc + 4) & ~3u) + f->i * 4);
    return true;
}

static bool trans_ADD_t16_sp(DisasContext *s, const ArmFields *f)
{
    ir_gen_binop(s->ir, IR_add, arm_reg(s, f->d), arm_reg(s, ARM_G_SP), arm_const(s, f->i * 4));
    return true;
}

static bool gen_sp_adjust(DisasContext *s, IROpcode opc, uint32_t imm)
{
    IRTemp sp = arm_reg(s, ARM_G_SP);
    ir_gen_binop(s->ir, opc, sp, sp, arm_const(s, imm));
    return true;
}

static bool trans_ADD_t16_spsp(DisasContext *s, const ArmFields *f) { return gen_sp_adjust(s, IR_add, f->i * 4); }
static bool trans_SUB_t16_spsp(DisasContext *s, const ArmFields *f) { return gen_sp_adjust(s, IR_sub, f->i * 4); }

/* IT: the next instructions take their conditions from ITSTATE, which the
 * translation loop advances. firstcond 1111, or AL with an "else" slot,
 * and IT inside an IT block are UNPREDICTABLE. */
static bool trans_IT(DisasContext *s, const ArmFields *f)
{
    if (f->m == 0)
        return false; /* a hint */
    bool al_with_else = f->c == ARM_COND_AL && (f->m & (f->m - 1)) != 0;
    if (arm_in_it_block(s) || f->c == 0xf || al_with_else) {
        arm_gen_undef(s);
        return true;
    }
    s->it_next = f->c << 4 | f->m;
    return true;
}

/* ---- Entry points ---- */

#include "target/arm/a32-dp.c.inc"
#include "target/arm/t32-dp.c.inc"
#include "target/arm/t16-dp.c.inc"

bool arm_decode_a32_dp(DisasContext *s, uint32_t insn)
{
    if (s->cond == 0xf)
        return false; /* nothing of ours in the unconditional space */
    return decode_a32_dp(s, insn) || arm_decode_a32_mul(s, insn) || arm_decode_a32_media(s, insn) ||
           arm_decode_a32_bits(s, insn);
}

bool arm_decode_t32_dp(DisasContext *s, uint32_t insn)
{
    return decode_t32_dp(s, insn) || arm_decode_t32_mul(s, insn) || arm_decode_t32_media(s, insn) ||
           arm_decode_t32_bits(s, insn);
}

bool arm_decode_t16_dp(DisasContext *s, uint32_t insn)
{
    return decode_t16_dp(s, insn) || arm_decode_t16_bits(s, insn);
}

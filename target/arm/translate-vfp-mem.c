/*
 * VFP register loads, stores and transfers: VLDR/VSTR, VLDM/VSTM (so
 * VPUSH/VPOP), VMOV between core and VFP registers (single, pair, double,
 * scalar), VMOV register and immediate, VMRS/VMSR. These are what glibc's
 * setjmp/longjmp, ucontext and memcpy need; arithmetic lives elsewhere.
 *
 * The register file is ArmCpu.vfp_d[32] on a little-endian host, so
 * single register Sk is the 32-bit word k of it (S2n is the low half of
 * Dn) and every transfer is a sequence of 32-bit words: a double is
 * words 2n and 2n+1, at the address and the address + 4.
 */
#include "target/arm/translate-mem.h"

#include <stddef.h>

#include "target/arm/vfp-mem.c.inc"

/* FPSCR bits that user code can set on the VFPv3/v4 cores ferry models:
 * NZCV, QC, AHP, DN, FZ, RMode, Stride, Len (short vectors, which Linux
 * emulates where the core does not) and the cumulative exception flags.
 * The trap enables read as zero: those cores do not trap. */
#define ARM_FPSCR_MASK 0xfff7009fu
#define ARM_VFP_REG_FPSCR 1

/* Byte offset of word k of the VFP register file (Sk). */
static uint32_t vfp_word(unsigned k)
{
    return (uint32_t)offsetof(ArmCpu, vfp_d) + 4 * k;
}

/* Single register number from a field decoded as D:Vd (or M:Vm). */
static unsigned vfp_sreg(unsigned dvd)
{
    return (dvd & 15) << 1 | dvd >> 4;
}

/* Double register number from a field decoded as Vn:N (scalar forms). */
static unsigned vfp_dreg_from_vn_n(unsigned vnn)
{
    return (vnn & 1) << 4 | vnn >> 1;
}

/* Loads or stores nwords words of the register file, from word first,
 * at consecutive addresses from addr. */
static void vfp_transfer(DisasContext *s, bool load, unsigned first, unsigned nwords, IRTemp addr)
{
    IRBlock *b = s->ir;
    for (unsigned i = 0; i < nwords; i++) {
        IRTemp a = addr, v = arm_temp(s);
        if (i) {
            a = arm_temp(s);
            ir_gen_binop(b, IR_add, a, addr, arm_const(s, 4 * i));
        }
        if (load) {
            ir_gen_guest_ld(b, v, a, IR_MO_32);
            ir_gen_st_env(b, v, vfp_word(first + i));
        } else {
            ir_gen_ld_env(b, v, vfp_word(first + i));
            ir_gen_guest_st(b, v, a, IR_MO_32);
        }
    }
}

/* VLDR/VSTR Sd|Dd, [Rn, #+/-imm8*4]; Rn = 15 is Align(PC, 4). */
static bool trans_VLDR_VSTR(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    IRBlock *b = s->ir;
    IRTemp base = f->n == 15 ? arm_read_pc_aligned(s) : arm_reg(s, f->n);
    IRTemp addr = arm_temp(s);
    ir_gen_binop(b, f->u ? IR_add : IR_sub, addr, base, arm_const(s, f->i << 2));
    if (f->s)
        vfp_transfer(s, f->l, 2 * f->d, 2, addr);
    else
        vfp_transfer(s, f->l, vfp_sreg(f->d), 1, addr);
    return true;
}

/* VLDM/VSTM IA (optionally writing back) and DB (always writing back);
 * imm8 counts words (odd with doubles: the old FLDMX/FSTMX forms). */
static bool trans_VLDM_VSTM(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15 || f->p == f->u || (f->p && !f->w))
        return false;  /* VLDR/VSTR, 64-bit transfers, or unallocated */
    unsigned first = f->s ? 2 * f->d : vfp_sreg(f->d);
    unsigned nwords = f->s ? f->i & ~1u : f->i;
    if (nwords == 0 || first + nwords > (f->s ? 64u : 32u) || (f->s && nwords > 32))
        return arm_mem_unpredictable(s);
    if (f->n == 15 && (f->w || s->thumb))
        return arm_mem_unpredictable(s);
    IRBlock *b = s->ir;
    IRTemp base = arm_read_reg(s, f->n), addr = base;
    IRTemp end = arm_temp(s);
    ir_gen_binop(b, f->u ? IR_add : IR_sub, end, base, arm_const(s, f->i << 2));
    if (!f->u)
        addr = end;
    vfp_transfer(s, f->l, first, nwords, addr);
    if (f->w)
        arm_write_reg(s, f->n, end);
    return true;
}

/* VMOV Sm, Sm1, Rt, Rt2 / Dm, Rt, Rt2 and back (o: to the core). */
static bool trans_VMOV_2core(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    unsigned first = f->s ? 2 * f->m : vfp_sreg(f->m);
    if (f->t == 15 || f->T == 15 || (f->o && f->t == f->T) || first + 2 > (f->s ? 64u : 32u))
        return arm_mem_unpredictable(s);
    if (s->thumb && (f->t == 13 || f->T == 13))
        return arm_mem_unpredictable(s);
    IRBlock *b = s->ir;
    if (f->o) {
        IRTemp lo = arm_temp(s), hi = arm_temp(s);
        ir_gen_ld_env(b, lo, vfp_word(first));
        ir_gen_ld_env(b, hi, vfp_word(first + 1));
        arm_write_reg(s, f->t, lo);
        arm_write_reg(s, f->T, hi);
    } else {
        ir_gen_st_env(b, arm_reg(s, f->t), vfp_word(first));
        ir_gen_st_env(b, arm_reg(s, f->T), vfp_word(first + 1));
    }
    return true;
}

/* VMOV Sn, Rt / Rt, Sn (n decodes as Vn:N, the single number itself). */
static bool trans_VMOV_score(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    if (f->t == 15 || (s->thumb && f->t == 13))
        return arm_mem_unpredictable(s);
    if (f->o) {
        IRTemp v = arm_temp(s);
        ir_gen_ld_env(s->ir, v, vfp_word(f->n));
        arm_write_reg(s, f->t, v);
    } else {
        ir_gen_st_env(s->ir, arm_reg(s, f->t), vfp_word(f->n));
    }
    return true;
}

/* The element of a scalar VMOV from opc1:opc2: size in bits and the bit
 * position of the element within Dd. False for the unallocated 0x10. */
static bool vfp_scalar(unsigned opc, unsigned *size, unsigned *bitpos)
{
    if (opc & 8) {
        *size = 8, *bitpos = (opc & 7) * 8;
    } else if (opc & 1) {
        *size = 16, *bitpos = ((opc >> 1) & 3) * 16;
    } else if ((opc & 3) == 0) {
        *size = 32, *bitpos = ((opc >> 2) & 1) * 32;
    } else {
        return false;
    }
    return true;
}

/* VMOV.<size> Dd[x], Rt */
static bool trans_VMOV_to_scalar(DisasContext *s, const ArmFields *f)
{
    unsigned size, bitpos;
    if (f->c == 15 || !vfp_scalar(f->a << 2 | f->b, &size, &bitpos))
        return false;
    if (f->t == 15 || (s->thumb && f->t == 13))
        return arm_mem_unpredictable(s);
    IRBlock *b = s->ir;
    uint32_t off = vfp_word(2 * vfp_dreg_from_vn_n(f->d) + bitpos / 32);
    if (size == 32) {
        ir_gen_st_env(b, arm_reg(s, f->t), off);
        return true;
    }
    IRTemp w = arm_temp(s);
    ir_gen_ld_env(b, w, off);
    ir_gen_deposit(b, w, w, arm_reg(s, f->t), bitpos % 32, size);
    ir_gen_st_env(b, w, off);
    return true;
}

/* VMOV.<dt> Rt, Dn[x]: zero- (u) or sign-extended for 8 and 16 bits. */
static bool trans_VMOV_from_scalar(DisasContext *s, const ArmFields *f)
{
    unsigned size, bitpos;
    if (f->c == 15 || !vfp_scalar(f->a << 2 | f->b, &size, &bitpos) || (size == 32 && f->u))
        return false;
    if (f->t == 15 || (s->thumb && f->t == 13))
        return arm_mem_unpredictable(s);
    IRBlock *b = s->ir;
    IRTemp w = arm_temp(s);
    ir_gen_ld_env(b, w, vfp_word(2 * vfp_dreg_from_vn_n(f->n) + bitpos / 32));
    if (size < 32) {
        IRTemp e = arm_temp(s);
        if (f->u)
            ir_gen_extract(b, e, w, bitpos % 32, size);
        else
            ir_gen_sextract(b, e, w, bitpos % 32, size);
        w = e;
    }
    arm_write_reg(s, f->t, w);
    return true;
}

/* VMSR FPSCR, Rt. FPSID, FPEXC and the MVFRs are not writable (nor even
 * readable) from user mode: undefined, as on hardware. */
static bool trans_VMSR(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15 || f->r != ARM_VFP_REG_FPSCR)
        return false;
    if (f->t == 15 || (s->thumb && f->t == 13))
        return arm_mem_unpredictable(s);
    IRTemp v = arm_temp(s);
    ir_gen_binop(s->ir, IR_and, v, arm_reg(s, f->t), arm_const(s, ARM_FPSCR_MASK));
    ir_gen_st_env(s->ir, v, offsetof(ArmCpu, fpscr));
    return true;
}

/* VMRS Rt, FPSCR; with Rt = 15, VMRS APSR_nzcv, FPSCR copies the VFP
 * comparison flags into the core's, in the lazy flag encoding (cpu.h). */
static bool trans_VMRS(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15 || f->r != ARM_VFP_REG_FPSCR)
        return false;
    if (s->thumb && f->t == 13)
        return arm_mem_unpredictable(s);
    IRBlock *b = s->ir;
    IRTemp v = arm_temp(s);
    ir_gen_ld_env(b, v, offsetof(ArmCpu, fpscr));
    if (f->t != 15) {
        arm_write_reg(s, f->t, v);
        return true;
    }
    ir_gen_mov(b, arm_flag(s, ARM_G_NF), v);                       /* N: bit 31 */
    IRTemp z = arm_temp(s);
    ir_gen_binop(b, IR_andc, z, arm_const(s, 1u << 30), v);         /* Z set iff ZF == 0 */
    ir_gen_mov(b, arm_flag(s, ARM_G_ZF), z);
    ir_gen_extract(b, arm_flag(s, ARM_G_CF), v, 29, 1);            /* C: 0 or 1 */
    ir_gen_binop(b, IR_shl, arm_flag(s, ARM_G_VF), v, arm_const(s, 3)); /* V: bit 28 -> 31 */
    return true;
}

/* VMOV Sd, Sm / Dd, Dm */
static bool trans_VMOV_reg(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    IRBlock *b = s->ir;
    unsigned d = f->s ? 2 * f->d : vfp_sreg(f->d), m = f->s ? 2 * f->m : vfp_sreg(f->m);
    for (unsigned i = 0; i < (f->s ? 2u : 1u); i++) {
        IRTemp v = arm_temp(s);
        ir_gen_ld_env(b, v, vfp_word(m + i));
        ir_gen_st_env(b, v, vfp_word(d + i));
    }
    return true;
}

/* VMOV Sd|Dd, #imm: ARM ARM VFPExpandImm of imm8 = a:b:cd:efgh. */
static bool trans_VMOV_imm(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    IRBlock *b = s->ir;
    uint32_t imm = f->i, sign = imm >> 7, bit6 = (imm >> 6) & 1, cdefgh = imm & 0x3f;
    if (f->s) {
        /* exponent NOT(b):bbbbbbbb:cd, fraction efgh:0{48} */
        uint32_t hi = sign << 31 | (bit6 ? 0x3fc00000u : 0x40000000u) | cdefgh << 16;
        ir_gen_st_env(b, arm_const(s, 0), vfp_word(2 * f->d));
        ir_gen_st_env(b, arm_const(s, hi), vfp_word(2 * f->d + 1));
    } else {
        /* exponent NOT(b):bbbbb:cd, fraction efgh:0{19} */
        uint32_t v = sign << 31 | (bit6 ? 0x3e000000u : 0x40000000u) | cdefgh << 19;
        ir_gen_st_env(b, arm_const(s, v), vfp_word(vfp_sreg(f->d)));
    }
    return true;
}

bool arm_decode_vfp_mem(DisasContext *s, uint32_t insn)
{
    return decode_vfp_mem(s, insn);
}

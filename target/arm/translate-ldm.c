/*
 * Load/store multiple (LDM/STM in all four modes, PUSH/POP), the
 * exclusives (LDREX/STREX and their B, H, D forms) and SWP/SWPB, in A32,
 * T32 and T16.
 *
 * LDM loads every word before it writes any register, so a fault in the
 * middle leaves the registers untouched; a loaded PC is LoadWritePC
 * (interworking) and comes last. With the base in the list, an LDM does
 * not write back (T16's rule; UNPREDICTABLE elsewhere) and an STM stores
 * the base's original value.
 *
 * The exclusive monitor is ArmCpu.excl_addr/excl_val: LDREX records the
 * address and the value it read; STREX succeeds only if the monitor holds
 * its address and a guest compare-and-swap against that value succeeds,
 * so a store by another thread in between makes it fail. Every STREX
 * clears the monitor. SWP is one compare-and-swap; if another thread got
 * in between, the instruction is simply run again from the dispatcher.
 */
#include "target/arm/translate-mem.h"

#include <stddef.h>

#include "target/arm/helpers/sync.h"

#include "target/arm/a32-ldm.c.inc"
#include "target/arm/t32-ldm.c.inc"
#include "target/arm/t16-ldm.c.inc"

/*
 * The registers of list, lowest first at the lowest address. inc/before
 * give the mode (IA: inc, IB: inc before, DA: dec, DB: dec before).
 */
static bool mem_ldm(DisasContext *s, bool load, unsigned rn, uint32_t list, bool inc,
                    bool before, bool wback)
{
    IRBlock *b = s->ir;
    uint32_t n = (uint32_t)__builtin_popcount(list);
    if (n == 0 || rn == 15 || list > 0xffff)
        return arm_mem_unpredictable(s);
    if (s->thumb && !load && (list & 0x8000))
        return arm_mem_unpredictable(s);
    IRTemp base = arm_reg(s, rn);
    uint32_t start = inc ? (before ? 4 : 0) : (before ? -4 * n : 4 - 4 * n);
    IRTemp vals[16];
    for (unsigned r = 0, i = 0; r < 16; r++) {
        if (!(list & (1u << r)))
            continue;
        IRTemp addr = base;
        if (start + 4 * i != 0) {
            addr = arm_temp(s);
            ir_gen_binop(b, IR_add, addr, base, arm_const(s, start + 4 * i));
        }
        i++;
        if (load) {
            vals[r] = arm_temp(s);
            ir_gen_guest_ld(b, vals[r], addr, IR_MO_32);
        } else {
            ir_gen_guest_st(b, arm_read_reg(s, r), addr, IR_MO_32);
        }
    }
    if (wback && !(load && (list & (1u << rn)))) {
        IRTemp nb = arm_temp(s);
        ir_gen_binop(b, inc ? IR_add : IR_sub, nb, base, arm_const(s, 4 * n));
        arm_write_reg(s, rn, nb);
    }
    if (load) {
        for (unsigned r = 0; r < 15; r++)
            if (list & (1u << r))
                arm_write_reg(s, r, vals[r]);
        if (list & 0x8000)
            arm_gen_bx(s, vals[15]);
    }
    return true;
}

/* LDREX*: load, arm the monitor with the address and the value. */
static bool gen_ldrex(DisasContext *s, unsigned rt, unsigned rt2, IRTemp addr, IRMemOp mo,
                      bool dual)
{
    IRBlock *b = s->ir;
    IRTemp v1 = arm_temp(s), v2 = arm_const(s, 0);
    ir_gen_guest_ld(b, v1, addr, mo);
    if (dual) {
        IRTemp addr2 = arm_temp(s);
        v2 = arm_temp(s);
        ir_gen_binop(b, IR_add, addr2, addr, arm_const(s, 4));
        ir_gen_guest_ld(b, v2, addr2, IR_MO_32);
    }
    ir_gen_st_env(b, addr, offsetof(ArmCpu, excl_addr));
    ir_gen_st_env(b, v1, offsetof(ArmCpu, excl_val));
    ir_gen_st_env(b, v2, offsetof(ArmCpu, excl_val) + 4);
    ir_gen_st_env(b, arm_const(s, dual ? 8 : 1u << (mo & IR_MO_SIZE)), offsetof(ArmCpu, excl_size));
    arm_write_reg(s, rt, v1);
    if (dual)
        arm_write_reg(s, rt2, v2);
    return true;
}

/* STREX*: Rd = 0 if stored, 1 if not; the monitor is cleared either way. */
static bool gen_strex(DisasContext *s, unsigned rd, unsigned rt, unsigned rt2, IRTemp addr,
                      IRMemOp mo, bool dual)
{
    IRBlock *b = s->ir;
    IRTemp status = arm_temp(s);
    if (dual) {
        /* A guest load first: an unmapped address faults here, precisely,
         * rather than in the helper. */
        IRTemp probe = arm_temp(s);
        ir_gen_guest_ld(b, probe, addr, IR_MO_32);
        ir_gen_call(b, &arm_helper_strexd, status, addr, arm_reg(s, rt), arm_reg(s, rt2), IR_NONE);
    } else {
        uint32_t fail = ir_new_label(b), done = ir_new_label(b);
        IRTemp mon = arm_temp(s), expected = arm_temp(s), old = arm_temp(s);
        ir_gen_ld_env(b, mon, offsetof(ArmCpu, excl_addr));
        ir_gen_brcond(b, IR_COND_NE, addr, mon, fail);
        ir_gen_ld_env(b, expected, offsetof(ArmCpu, excl_val));
        ir_gen_guest_cmpxchg(b, old, addr, expected, arm_reg(s, rt), mo);
        ir_gen_setcond(b, IR_COND_NE, status, old, expected);
        ir_gen_br(b, done);
        ir_gen_label(b, fail);
        ir_gen_movi(b, status, 1);
        ir_gen_label(b, done);
        ir_gen_st_env(b, arm_const(s, ~0u), offsetof(ArmCpu, excl_addr));
    }
    arm_write_reg(s, rd, status);
    return true;
}

/* Exclusive operand checks shared by every form (ARM ARM: UNPREDICTABLE). */
static bool excl_bad(const DisasContext *s, unsigned rn, unsigned rt, unsigned rt2, bool dual)
{
    if (rn == 15 || rt == 15 || (dual && (rt2 == 15 || rt == rt2)))
        return true;
    return s->thumb && (rt == 13 || (dual && rt2 == 13));
}

static IRTemp excl_addr(DisasContext *s, unsigned rn, uint32_t offset)
{
    if (offset == 0)
        return arm_reg(s, rn);
    IRTemp a = arm_temp(s);
    ir_gen_binop(s->ir, IR_add, a, arm_reg(s, rn), arm_const(s, offset));
    return a;
}

/* ---- A32 ---- */

static bool trans_A32_LDM_STM(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;  /* SRS/RFE space: privileged, undefined here */
    if (f->s)
        return arm_mem_unpredictable(s);  /* user-bank and exception-return forms */
    return mem_ldm(s, f->l, f->n, f->r, f->u, f->p, f->w);
}

static bool trans_A32_SWP(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    if (f->t == 15 || f->n == 15 || f->m == 15 || f->n == f->t || f->n == f->m)
        return arm_mem_unpredictable(s);
    IRBlock *b = s->ir;
    IRMemOp mo = f->b ? IR_MO_8 : IR_MO_32;
    uint32_t ok = ir_new_label(b);
    IRTemp addr = arm_reg(s, f->n), v = arm_temp(s), old = arm_temp(s), got = arm_temp(s);
    ir_gen_mov(b, v, arm_reg(s, f->m));
    ir_gen_guest_ld(b, old, addr, mo);
    ir_gen_guest_cmpxchg(b, got, addr, old, v, mo);
    ir_gen_brcond(b, IR_COND_EQ, got, old, ok);
    /* Another thread wrote in between: run the SWP again. */
    ir_gen_exit_direct(b, s->pc, 0);
    ir_gen_label(b, ok);
    arm_write_reg(s, f->t, got);
    return true;
}

/* size field z: 00 word, 01 doubleword, 10 byte, 11 halfword */
static const uint8_t a32_excl_mo[4] = { IR_MO_32, IR_MO_32, IR_MO_8, IR_MO_16 };

static bool trans_A32_LDREX(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    bool dual = f->z == 1;
    if (excl_bad(s, f->n, f->t, f->t + 1, dual) || (dual && (f->t & 1)))
        return arm_mem_unpredictable(s);
    return gen_ldrex(s, f->t, f->t + 1, arm_reg(s, f->n), (IRMemOp)a32_excl_mo[f->z], dual);
}

static bool trans_A32_STREX(DisasContext *s, const ArmFields *f)
{
    if (f->c == 15)
        return false;
    bool dual = f->z == 1;
    if (excl_bad(s, f->n, f->t, f->t + 1, dual) || (dual && (f->t & 1)) || f->d == 15 ||
        f->d == f->n || f->d == f->t || (dual && f->d == f->t + 1))
        return arm_mem_unpredictable(s);
    return gen_strex(s, f->d, f->t, f->t + 1, arm_reg(s, f->n), (IRMemOp)a32_excl_mo[f->z], dual);
}

/* ---- T32 ---- */

static bool trans_T32_LDM_STM(DisasContext *s, const ArmFields *f)
{
    if (f->o == 0 || f->o == 3)
        return false;  /* SRS/RFE: privileged, undefined here */
    if (f->r & 0x2000)
        return arm_mem_unpredictable(s);  /* SP in the list */
    return mem_ldm(s, f->l, f->n, f->r, f->o == 1, f->o == 2, f->w);
}

static bool trans_T32_LDREX(DisasContext *s, const ArmFields *f)
{
    if (excl_bad(s, f->n, f->t, 0, false))
        return arm_mem_unpredictable(s);
    return gen_ldrex(s, f->t, 0, excl_addr(s, f->n, f->i << 2), IR_MO_32, false);
}

static bool trans_T32_STREX(DisasContext *s, const ArmFields *f)
{
    if (excl_bad(s, f->n, f->t, 0, false) || f->d == 15 || f->d == 13 || f->d == f->n ||
        f->d == f->t)
        return arm_mem_unpredictable(s);
    return gen_strex(s, f->d, f->t, 0, excl_addr(s, f->n, f->i << 2), IR_MO_32, false);
}

/* size field z: 00 byte, 01 halfword, 11 doubleword (10 is unallocated) */
static bool trans_T32_LDREXx(DisasContext *s, const ArmFields *f)
{
    if (f->z == 2)
        return false;
    bool dual = f->z == 3;
    if (excl_bad(s, f->n, f->t, f->T, dual) || (!dual && f->T != 15))
        return arm_mem_unpredictable(s);
    return gen_ldrex(s, f->t, f->T, arm_reg(s, f->n), dual ? IR_MO_32 : (IRMemOp)f->z, dual);
}

static bool trans_T32_STREXx(DisasContext *s, const ArmFields *f)
{
    if (f->z == 2)
        return false;
    bool dual = f->z == 3;
    if (excl_bad(s, f->n, f->t, f->T, dual) || (!dual && f->T != 15) || f->d == 15 ||
        f->d == 13 || f->d == f->n || f->d == f->t || (dual && f->d == f->T))
        return arm_mem_unpredictable(s);
    return gen_strex(s, f->d, f->t, f->T, arm_reg(s, f->n), dual ? IR_MO_32 : (IRMemOp)f->z, dual);
}

/* ---- T16 ---- */

static bool trans_T16_PUSH(DisasContext *s, const ArmFields *f)
{
    return mem_ldm(s, false, 13, f->r | f->m << 14, false, true, true);
}

static bool trans_T16_POP(DisasContext *s, const ArmFields *f)
{
    return mem_ldm(s, true, 13, f->r | f->p << 15, true, false, true);
}

static bool trans_T16_STM(DisasContext *s, const ArmFields *f)
{
    return mem_ldm(s, false, f->n, f->r, true, false, true);
}

/* Writes back only if the base is not loaded (mem_ldm's rule). */
static bool trans_T16_LDM(DisasContext *s, const ArmFields *f)
{
    return mem_ldm(s, true, f->n, f->r, true, false, true);
}

/* ---- Entry points for translate-mem.c ---- */

bool arm_decode_a32_ldm(DisasContext *s, uint32_t insn) { return decode_a32_ldm(s, insn); }
bool arm_decode_t32_ldm(DisasContext *s, uint32_t insn) { return decode_t32_ldm(s, insn); }
bool arm_decode_t16_ldm(DisasContext *s, uint32_t insn) { return decode_t16_ldm(s, insn); }

/*
 * Advanced SIMD element and structure loads and stores: VLD1-VLD4 and
 * VST1-VST4, multiple structures, one lane, and (loads) all lanes, in
 * A32 and T32. glibc's NEON memcpy is made of VLD1/VST1.
 *
 * The D registers are ArmCpu.vfp_d on a little-endian host, so element e
 * of size b bytes of Dk is the b bytes at 8k + e*b in the register file,
 * and a VLD1/VST1 of whole registers is a plain copy of consecutive words.
 * The interleaving forms move one element at a time: a guest access plus
 * a read-modify-write of the register word that holds it. Alignment
 * qualifiers are not checked (x86 accesses need none), and the base is
 * written back only after every access, so a fault leaves Rn as it was.
 */
#include "target/arm/translate-mem.h"

#include <stddef.h>

#include "target/arm/neon-mem.c.inc"

static IRMemOp neon_memop(unsigned ebytes)
{
    return ebytes == 1 ? IR_MO_8 : ebytes == 2 ? IR_MO_16 : IR_MO_32;
}

static IRTemp neon_addr(DisasContext *s, IRTemp base, uint32_t off)
{
    if (off == 0)
        return base;
    IRTemp a = arm_temp(s);
    ir_gen_binop(s->ir, IR_add, a, base, arm_const(s, off));
    return a;
}

/* Moves the element of ebytes at byte byte_off of Dk from or to addr. */
static void neon_elem(DisasContext *s, bool load, IRTemp addr, unsigned k, unsigned byte_off,
                      unsigned ebytes)
{
    IRBlock *b = s->ir;
    uint32_t word = (uint32_t)offsetof(ArmCpu, vfp_d) + 8 * k + (byte_off & ~3u);
    unsigned pos = (byte_off & 3) * 8, bits = ebytes * 8;
    IRTemp v = arm_temp(s);
    if (load) {
        ir_gen_guest_ld(b, v, addr, neon_memop(ebytes));
        if (ebytes < 4) {
            IRTemp w = arm_temp(s);
            ir_gen_ld_env(b, w, word);
            ir_gen_deposit(b, w, w, v, pos, bits);
            v = w;
        }
        ir_gen_st_env(b, v, word);
    } else {
        ir_gen_ld_env(b, v, word);
        if (pos) {
            IRTemp e = arm_temp(s);
            ir_gen_binop(b, IR_shr, e, v, arm_const(s, pos));
            v = e;
        }
        ir_gen_guest_st(b, v, addr, neon_memop(ebytes));
    }
}

/* Rm = 15: no writeback; Rm = 13: Rn += the bytes moved; else Rn += Rm. */
static void neon_writeback(DisasContext *s, unsigned rn, unsigned rm, IRTemp base, uint32_t bytes)
{
    if (rm == 15)
        return;
    IRTemp nb = arm_temp(s);
    ir_gen_binop(s->ir, IR_add, nb, base, rm == 13 ? arm_const(s, bytes) : arm_reg(s, rm));
    arm_write_reg(s, rn, nb);
}

/* Multiple structures, by the type field: n registers per structure,
 * register stride inc, and groups of such register sets (VLD1 of 2-4
 * registers, VLD2 of 4). ARM ARM A7.7.1. */
static const struct { uint8_t n, groups, inc; } neon_multi_types[16] = {
    [0] = { 4, 1, 1 },  [1] = { 4, 1, 2 }, [2] = { 1, 4, 1 }, [3] = { 2, 2, 2 },
    [4] = { 3, 1, 1 },  [5] = { 3, 1, 2 }, [6] = { 1, 3, 1 }, [7] = { 1, 1, 1 },
    [8] = { 2, 1, 1 },  [9] = { 2, 1, 2 }, [10] = { 1, 2, 1 },
};

static bool trans_VLDST_multi(DisasContext *s, const ArmFields *f)
{
    unsigned n = neon_multi_types[f->t].n, groups = neon_multi_types[f->t].groups;
    unsigned inc = neon_multi_types[f->t].inc, ebytes = 1u << f->s;
    if (n == 0)
        return false;
    /* UNDEFINED size and alignment combinations */
    if ((n == 1 && groups != 2 && groups != 4 && (f->x & 2)) || (n == 1 && groups == 2 && f->x == 3) ||
        (n == 2 && (f->s == 3 || (groups == 1 && f->x == 3))) ||
        (n == 3 && (f->s == 3 || (f->x & 2))) || (n == 4 && f->s == 3))
        return false;
    if (f->n == 15 || f->d + groups - 1 + (n - 1) * inc > 31)
        return arm_mem_unpredictable(s);
    if (n == 1)
        ebytes = 4;  /* whole registers: the element size makes no difference */
    IRTemp base = arm_reg(s, f->n);
    uint32_t off = 0;
    for (unsigned g = 0; g < groups; g++)
        for (unsigned e = 0; e < 8 / ebytes; e++)
            for (unsigned m = 0; m < n; m++, off += ebytes)
                neon_elem(s, f->l, neon_addr(s, base, off), f->d + g + m * inc, e * ebytes, ebytes);
    neon_writeback(s, f->n, f->m, base, off);
    return true;
}

/* VLDn.<size> {Dd[], ...}: one structure, each element to every lane. */
static bool trans_VLD_all(DisasContext *s, const ArmFields *f)
{
    IRBlock *b = s->ir;
    unsigned n = f->c + 1, ebytes = f->s == 3 ? 4 : 1u << f->s;
    unsigned inc = f->t + 1, regs = 1;
    if (f->s == 3 && (n != 4 || !f->x))
        return false;
    if ((n == 1 && f->s == 0 && f->x) || (n == 3 && f->x))
        return false;
    if (n == 1) {
        regs = f->t + 1;  /* VLD1 {Dd[], Dd+1[]}: the same element to both */
        inc = 1;
    }
    if (f->n == 15 || f->d + (n - 1) * inc + regs - 1 > 31)
        return arm_mem_unpredictable(s);
    static const uint32_t replicate[5] = { 0, 0x01010101u, 0x00010001u, 0, 1 };
    IRTemp base = arm_reg(s, f->n);
    for (unsigned m = 0; m < n; m++) {
        IRTemp v = arm_temp(s);
        ir_gen_guest_ld(b, v, neon_addr(s, base, m * ebytes), neon_memop(ebytes));
        if (ebytes < 4)
            ir_gen_binop(b, IR_mul, v, v, arm_const(s, replicate[ebytes]));
        for (unsigned r = 0; r < regs; r++) {
            uint32_t k = f->d + m * inc + r;
            ir_gen_st_env(b, v, (uint32_t)offsetof(ArmCpu, vfp_d) + 8 * k);
            ir_gen_st_env(b, v, (uint32_t)offsetof(ArmCpu, vfp_d) + 8 * k + 4);
        }
    }
    neon_writeback(s, f->n, f->m, base, n * ebytes);
    return true;
}

/* VLDn/VSTn.<size> {Dd[x], ...}: one structure, one lane. */
static bool trans_VLDST_lane(DisasContext *s, const ArmFields *f)
{
    unsigned n = f->c + 1, size = f->s, ebytes = 1u << size, ia = f->i;
    if (size == 3)
        return false;  /* all lanes (loads, matched before) or unallocated */
    unsigned index = ia >> (size + 1);
    unsigned inc = (size == 1 && (ia & 2)) || (size == 2 && (ia & 4)) ? 2 : 1;
    /* UNDEFINED index_align values (ARM ARM A7.7: VLD1-VLD4 single lane) */
    bool undef = false;
    switch (n) {
    case 1:
        undef = (size == 0 && (ia & 1)) || (size == 1 && (ia & 2)) ||
                (size == 2 && ((ia & 4) || ((ia & 3) != 0 && (ia & 3) != 3)));
        inc = 1;
        break;
    case 2:
        undef = size == 2 && (ia & 2);
        break;
    case 3:
        undef = (size < 2 && (ia & 1)) || (size == 2 && (ia & 3));
        break;
    default:
        undef = size == 2 && (ia & 3) == 3;
        break;
    }
    if (undef)
        return false;
    if (f->n == 15 || f->d + (n - 1) * inc > 31)
        return arm_mem_unpredictable(s);
    IRTemp base = arm_reg(s, f->n);
    for (unsigned m = 0; m < n; m++)
        neon_elem(s, f->l, neon_addr(s, base, m * ebytes), f->d + m * inc, index * ebytes, ebytes);
    neon_writeback(s, f->n, f->m, base, n * ebytes);
    return true;
}

bool arm_decode_neon_mem(DisasContext *s, uint32_t insn)
{
    /* T32 1111 1001 -> the A32 form 1111 0100 */
    if ((insn >> 24) == 0xf9)
        insn = (insn & 0x00ffffffu) | 0xf4000000u;
    return (insn >> 24) == 0xf4 && decode_neon_mem(s, insn);
}

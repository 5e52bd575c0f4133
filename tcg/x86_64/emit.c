/*
 * x86-64 encoder: see emit.h. The four byte-level encoders are
 * x86_opc (prefixes, REX, opcode), x86_modrm_r (register operand),
 * x86_modrm_m (memory operand: ModRM, SIB, displacement) and the
 * immediate writers; every x86_emit_* below is one instruction form.
 */
#include "emit.h"

#include <stdbool.h>
#include <string.h>

static inline void put8(X86Buf *b, uint8_t v)
{
    if (b->ptr < b->end)
        *b->ptr++ = v;
    else
        b->overflow = 1;
}

static inline void put32(X86Buf *b, uint32_t v)
{
    if (b->end - b->ptr >= 4) {
        memcpy(b->ptr, &v, 4);
        b->ptr += 4;
    } else {
        b->overflow = 1;
        b->ptr = b->end;
    }
}

static inline void put64(X86Buf *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b, (uint32_t)(v >> 32));
}

/* Prefixes, REX and opcode bytes at p. r, x, rm are register numbers (or
 * 0 when the field is a /digit or absent) for REX.R, REX.X and REX.B.
 * Returns the end. */
static inline uint8_t *enc_opc(uint8_t *p, int opc, int r, int x, int rm)
{
    if (opc & (P_LOCK | P_DATA16 | P_F3)) {
        if (opc & P_LOCK)
            *p++ = 0xf0;
        if (opc & P_DATA16)
            *p++ = 0x66;
        if (opc & P_F3)
            *p++ = 0xf3;
    }
    int rex = 0;
    if (opc & P_REXW)
        rex |= 8;
    rex |= ((r >> 3) & 1) << 2;
    rex |= ((x >> 3) & 1) << 1;
    rex |= (rm >> 3) & 1;
    /* spl/bpl/sil/dil need a REX prefix to not mean ah/ch/dh/bh. */
    int force = ((opc & P_REXB_R) && r >= 4) || ((opc & P_REXB_RM) && rm >= 4);
    if (rex || force)
        *p++ = (uint8_t)(0x40 | rex);
    if (opc & P_EXT)
        *p++ = 0x0f;
    *p++ = (uint8_t)opc;
    return p;
}

/* opc with a memory ModRM, SIB and displacement at p. */
static inline uint8_t *enc_modrm_m(uint8_t *p, int opc, int r, X86Mem m)
{
    int base = m.base, index = m.index;
    if (m.addr32)
        *p++ = 0x67;
    p = enc_opc(p, opc, r, index == X86_NOREG ? 0 : index, base == X86_NOREG ? 0 : base);
    int reg = (r & 7) << 3;
    if (base == X86_NOREG) {
        /* Absolute disp32: SIB with no base and no index. */
        int idx = index == X86_NOREG ? 4 : (index & 7);
        *p++ = (uint8_t)(0x04 | reg);
        *p++ = (uint8_t)((m.shift << 6) | (idx << 3) | 5);
        memcpy(p, &m.disp, 4);
        return p + 4;
    }
    int mod;
    if (m.disp == 0 && (base & 7) != X86_RBP)
        mod = 0x00;
    else if (m.disp >= -128 && m.disp <= 127)
        mod = 0x40;
    else
        mod = 0x80;
    if (index == X86_NOREG && (base & 7) != X86_RSP) {
        *p++ = (uint8_t)(mod | reg | (base & 7));
    } else {
        int idx = index == X86_NOREG ? 4 : (index & 7);
        *p++ = (uint8_t)(mod | reg | 4);
        *p++ = (uint8_t)((m.shift << 6) | (idx << 3) | (base & 7));
    }
    if (mod == 0x40) {
        *p++ = (uint8_t)m.disp;
    } else if (mod == 0x80) {
        memcpy(p, &m.disp, 4);
        p += 4;
    }
    return p;
}

/* An instruction part is at most 15 bytes: with that much room it is
 * written in place; otherwise byte by byte, as far as it fits. */
#define X86_MAX_PART 16

static void put_bytes(X86Buf *b, const uint8_t *p, const uint8_t *e)
{
    while (p < e)
        put8(b, *p++);
}

static void x86_opc(X86Buf *b, int opc, int r, int x, int rm)
{
    if (b->end - b->ptr >= X86_MAX_PART) {
        b->ptr = enc_opc(b->ptr, opc, r, x, rm);
        return;
    }
    uint8_t tmp[X86_MAX_PART];
    put_bytes(b, tmp, enc_opc(tmp, opc, r, x, rm));
}

/* opc with a register-direct ModRM (mod = 3). */
static void x86_modrm_r(X86Buf *b, int opc, int r, int rm)
{
    uint8_t tmp[X86_MAX_PART];
    bool room = b->end - b->ptr >= X86_MAX_PART;
    uint8_t *p = enc_opc(room ? b->ptr : tmp, opc, r, 0, rm);
    *p++ = (uint8_t)(0xc0 | ((r & 7) << 3) | (rm & 7));
    if (room)
        b->ptr = p;
    else
        put_bytes(b, tmp, p);
}

/* opc with a memory ModRM, SIB and displacement. */
static void x86_modrm_m(X86Buf *b, int opc, int r, X86Mem m)
{
    if (b->end - b->ptr >= X86_MAX_PART) {
        /* Fast path, the common case (a state field or a frame slot): a
         * plain one-byte opcode, base + displacement, no index. Same bytes
         * as enc_modrm_m. */
        if (!(opc & ~0xff) && m.index == X86_NOREG && m.base != X86_NOREG && !m.addr32) {
            uint8_t *p = b->ptr;
            int base = m.base, b7 = base & 7;
            int rex = (((r >> 3) & 1) << 2) | ((base >> 3) & 1);
            if (rex)
                *p++ = (uint8_t)(0x40 | rex);
            *p++ = (uint8_t)opc;
            int reg = (r & 7) << 3;
            int32_t disp = m.disp;
            int mod = (disp == 0 && b7 != X86_RBP) ? 0x00 : (disp >= -128 && disp <= 127) ? 0x40 : 0x80;
            if (b7 != X86_RSP) {
                *p++ = (uint8_t)(mod | reg | b7);
            } else {
                *p++ = (uint8_t)(mod | reg | 4);
                *p++ = (uint8_t)((m.shift << 6) | (4 << 3) | 4);
            }
            if (mod == 0x40) {
                *p++ = (uint8_t)disp;
            } else if (mod == 0x80) {
                memcpy(p, &disp, 4);
                p += 4;
            }
            b->ptr = p;
            return;
        }
        b->ptr = enc_modrm_m(b->ptr, opc, r, m);
        return;
    }
    uint8_t tmp[X86_MAX_PART];
    put_bytes(b, tmp, enc_modrm_m(tmp, opc, r, m));
}

static void arith_ri(X86Buf *b, int rexw, X86Arith op, X86Reg d, int32_t imm)
{
    if (imm >= -128 && imm <= 127) {
        x86_modrm_r(b, OPC_ARITH_EvIb | rexw, op, d);
        put8(b, (uint8_t)imm);
    } else {
        x86_modrm_r(b, OPC_ARITH_EvIz | rexw, op, d);
        put32(b, (uint32_t)imm);
    }
}

void x86_emit_arith_rr32(X86Buf *b, X86Arith op, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_ADD_GvEv + (op << 3), d, s); }
void x86_emit_arith_rr64(X86Buf *b, X86Arith op, X86Reg d, X86Reg s) { x86_modrm_r(b, (OPC_ADD_GvEv + (op << 3)) | P_REXW, d, s); }
void x86_emit_arith_ri32(X86Buf *b, X86Arith op, X86Reg d, int32_t imm) { arith_ri(b, 0, op, d, imm); }
void x86_emit_arith_ri64(X86Buf *b, X86Arith op, X86Reg d, int32_t imm) { arith_ri(b, P_REXW, op, d, imm); }
void x86_emit_arith_rm64(X86Buf *b, X86Arith op, X86Reg d, X86Mem m) { x86_modrm_m(b, (OPC_ADD_GvEv + (op << 3)) | P_REXW, d, m); }
/* cmp Ev, Gv is 0x39: the memory operand first. */
void x86_emit_cmp_mr32(X86Buf *b, X86Mem m, X86Reg s) { x86_modrm_m(b, 0x39, s, m); }

void x86_emit_cmp_mi32(X86Buf *b, X86Mem m, int32_t imm)
{
    if (imm >= -128 && imm <= 127) {
        x86_modrm_m(b, OPC_ARITH_EvIb, X86_CMP, m);
        put8(b, (uint8_t)imm);
    } else {
        x86_modrm_m(b, OPC_ARITH_EvIz, X86_CMP, m);
        put32(b, (uint32_t)imm);
    }
}

void x86_emit_test_rr32(X86Buf *b, X86Reg a, X86Reg c) { x86_modrm_r(b, OPC_TESTL, c, a); }
void x86_emit_test_rr64(X86Buf *b, X86Reg a, X86Reg c) { x86_modrm_r(b, OPC_TESTL | P_REXW, c, a); }

void x86_emit_test_ri32(X86Buf *b, X86Reg a, uint32_t imm)
{
    x86_modrm_r(b, OPC_GRP3_Ev, X86_GRP3_TEST, a);
    put32(b, imm);
}

void x86_emit_grp3_r32(X86Buf *b, int digit, X86Reg r) { x86_modrm_r(b, OPC_GRP3_Ev, digit, r); }
void x86_emit_imul_rr32(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_IMUL_GvEv, d, s); }

void x86_emit_imul_rri32(X86Buf *b, X86Reg d, X86Reg s, int32_t imm)
{
    if (imm >= -128 && imm <= 127) {
        x86_modrm_r(b, OPC_IMUL_GvEvIb, d, s);
        put8(b, (uint8_t)imm);
    } else {
        x86_modrm_r(b, OPC_IMUL_GvEvIz, d, s);
        put32(b, (uint32_t)imm);
    }
}

void x86_emit_shift_cl32(X86Buf *b, X86Shift op, X86Reg r) { x86_modrm_r(b, OPC_SHIFT_cl, op, r); }

void x86_emit_shift_ri32(X86Buf *b, X86Shift op, X86Reg r, uint8_t count)
{
    x86_modrm_r(b, OPC_SHIFT_Ib, op, r);
    put8(b, count);
}

void x86_emit_shift_ri64(X86Buf *b, X86Shift op, X86Reg r, uint8_t count)
{
    x86_modrm_r(b, OPC_SHIFT_Ib | P_REXW, op, r);
    put8(b, count);
}

void x86_emit_rol16_8(X86Buf *b, X86Reg r)
{
    x86_modrm_r(b, OPC_SHIFT_Ib | P_DATA16, X86_ROL, r);
    put8(b, 8);
}

void x86_emit_mov_rr32(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_MOV_GvEv, d, s); }
void x86_emit_mov_rr64(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_MOV_GvEv | P_REXW, d, s); }

void x86_emit_mov_ri32(X86Buf *b, X86Reg d, uint32_t imm)
{
    x86_opc(b, OPC_MOVL_Iv + (d & 7), 0, 0, d);
    put32(b, imm);
}

void x86_emit_mov_ri64(X86Buf *b, X86Reg d, uint64_t imm)
{
    x86_opc(b, (OPC_MOVL_Iv + (d & 7)) | P_REXW, 0, 0, d);
    put64(b, imm);
}

void x86_emit_movzx8_rr(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_MOVZBL, d, s); }
void x86_emit_movzx16_rr(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_MOVZWL, d, s); }
void x86_emit_movsx8_rr(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_MOVSBL, d, s); }
void x86_emit_movsx16_rr(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_MOVSWL, d, s); }
void x86_emit_bswap32(X86Buf *b, X86Reg r) { x86_opc(b, OPC_BSWAP + (r & 7), 0, 0, r); }
void x86_emit_bsr32(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_BSR, d, s); }
void x86_emit_lzcnt32(X86Buf *b, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_LZCNT, d, s); }
void x86_emit_cmov32(X86Buf *b, X86Cond cc, X86Reg d, X86Reg s) { x86_modrm_r(b, OPC_CMOVCC + cc, d, s); }
void x86_emit_setcc8(X86Buf *b, X86Cond cc, X86Reg d) { x86_modrm_r(b, OPC_SETCC + cc, 0, d); }

void x86_emit_load8u(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_MOVZBL & ~P_REXB_RM, d, m); }
void x86_emit_load8s(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_MOVSBL & ~P_REXB_RM, d, m); }
void x86_emit_load16u(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_MOVZWL, d, m); }
void x86_emit_load16s(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_MOVSWL, d, m); }
void x86_emit_load32(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_MOV_GvEv, d, m); }
void x86_emit_load64(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_MOV_GvEv | P_REXW, d, m); }
void x86_emit_store8(X86Buf *b, X86Mem m, X86Reg s) { x86_modrm_m(b, OPC_MOV_EbGb, s, m); }
void x86_emit_store16(X86Buf *b, X86Mem m, X86Reg s) { x86_modrm_m(b, OPC_MOVW_EvGv, s, m); }
void x86_emit_store32(X86Buf *b, X86Mem m, X86Reg s) { x86_modrm_m(b, OPC_MOV_EvGv, s, m); }
void x86_emit_store64(X86Buf *b, X86Mem m, X86Reg s) { x86_modrm_m(b, OPC_MOV_EvGv | P_REXW, s, m); }

void x86_emit_store_i32(X86Buf *b, X86Mem m, int32_t imm)
{
    x86_modrm_m(b, OPC_MOV_EvIz, 0, m);
    put32(b, (uint32_t)imm);
}

void x86_emit_store_i64(X86Buf *b, X86Mem m, int32_t imm)
{
    x86_modrm_m(b, OPC_MOV_EvIz | P_REXW, 0, m);
    put32(b, (uint32_t)imm);
}

void x86_emit_lea64(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_LEA | P_REXW, d, m); }
void x86_emit_lea32(X86Buf *b, X86Reg d, X86Mem m) { x86_modrm_m(b, OPC_LEA, d, m); }

void x86_emit_lock_cmpxchg(X86Buf *b, int size, X86Mem m, X86Reg s)
{
    static const int opc[3] = { OPC_CMPXCHG_EbGb, OPC_CMPXCHG_EvGv | P_DATA16, OPC_CMPXCHG_EvGv };
    x86_modrm_m(b, opc[size], s, m);
}

void x86_emit_mfence(X86Buf *b)
{
    x86_opc(b, 0xae | P_EXT, 0, 0, 0);
    put8(b, 0xf0);
}

static int32_t rel32(const uint8_t *next, const void *target)
{
    return (int32_t)((const uint8_t *)target - next);
}

size_t x86_emit_jcc_rel32(X86Buf *b, X86Cond cc, const void *target)
{
    x86_opc(b, OPC_JCC_long + cc, 0, 0, 0);
    size_t at = x86_buf_offset(b);
    put32(b, (uint32_t)rel32(b->ptr + 4, target));
    return at;
}

void x86_emit_dec_rip32(X86Buf *b, const void *target)
{
    put8(b, 0xff);
    put8(b, 0x0d);   /* modrm: /1 (dec), rip + disp32 */
    put32(b, (uint32_t)rel32(b->ptr + 4, target));
}

size_t x86_emit_jmp_rel32(X86Buf *b, const void *target)
{
    x86_opc(b, OPC_JMP_long, 0, 0, 0);
    size_t at = x86_buf_offset(b);
    put32(b, (uint32_t)rel32(b->ptr + 4, target));
    return at;
}

size_t x86_emit_call_rel32(X86Buf *b, const void *target)
{
    x86_opc(b, OPC_CALL_Jz, 0, 0, 0);
    size_t at = x86_buf_offset(b);
    put32(b, (uint32_t)rel32(b->ptr + 4, target));
    return at;
}

void x86_emit_call_r(X86Buf *b, X86Reg r) { x86_modrm_r(b, OPC_GRP5, X86_GRP5_CALL, r); }
void x86_emit_jmp_r(X86Buf *b, X86Reg r) { x86_modrm_r(b, OPC_GRP5, X86_GRP5_JMP, r); }
void x86_emit_push(X86Buf *b, X86Reg r) { x86_opc(b, OPC_PUSH_r + (r & 7), 0, 0, r); }
void x86_emit_pop(X86Buf *b, X86Reg r) { x86_opc(b, OPC_POP_r + (r & 7), 0, 0, r); }
void x86_emit_ret(X86Buf *b) { x86_opc(b, OPC_RET, 0, 0, 0); }
void x86_emit_nop(X86Buf *b) { put8(b, 0x90); }

void x86_patch_rel32(uint8_t *disp_at, const void *target)
{
    int32_t v = rel32(disp_at + 4, target);
    /* An aligned 4-byte store is atomic for other threads running the code;
     * exits are padded so that the displacement never crosses a line. */
    __atomic_store_n((int32_t *)(void *)disp_at, v, __ATOMIC_RELEASE);
}

/*
 * x86-64 instruction encoder. Opcodes are named in Intel operand-form
 * notation (OPC_ADD_GvEv: reg <- reg/mem) with their prefixes or'ed in as
 * P_* bits, so one opcode value says everything the encoder needs. All
 * byte work goes through four internal encoders (prefixes+REX+opcode,
 * ModRM for registers, ModRM/SIB/displacement for memory, immediates);
 * each public x86_emit_* function emits exactly one instruction form and
 * is checked against capstone in tests/unit/test_x86_emit.c.
 *
 * 32-bit forms (…32) zero-extend into the full 64-bit register, which the
 * lowering relies on: every IR value lives zero-extended in a host register.
 */
#ifndef FERRY_TCG_X86_64_EMIT_H
#define FERRY_TCG_X86_64_EMIT_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NOREG = -1,
} X86Reg;

/* Condition codes, as in the low nibble of jcc/setcc/cmovcc. */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
    X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
} X86Cond;

/* Prefix bits or'ed into opcode constants. */
#define P_EXT     0x100     /* 0x0f escape */
#define P_DATA16  0x200     /* 0x66 operand size */
#define P_REXW    0x400     /* REX.W: 64-bit operand */
#define P_REXB_R  0x800     /* the reg field is a byte register */
#define P_REXB_RM 0x1000    /* the r/m field is a byte register */
#define P_F3      0x2000
#define P_LOCK    0x4000

#define OPC_ARITH_EvIz    0x81
#define OPC_ARITH_EvIb    0x83
#define OPC_ADD_GvEv      0x03   /* + (arith op << 3) for the others */
#define OPC_MOV_EbGb      (0x88 | P_REXB_R)
#define OPC_MOV_EvGv      0x89
#define OPC_MOV_GvEv      0x8b
#define OPC_MOVW_EvGv     (0x89 | P_DATA16)
#define OPC_MOV_EvIz      0xc7
#define OPC_MOVL_Iv       0xb8
#define OPC_MOVZBL        (0xb6 | P_EXT | P_REXB_RM)
#define OPC_MOVZWL        (0xb7 | P_EXT)
#define OPC_MOVSBL        (0xbe | P_EXT | P_REXB_RM)
#define OPC_MOVSWL        (0xbf | P_EXT)
#define OPC_LEA           0x8d
#define OPC_SHIFT_Ib      0xc1
#define OPC_SHIFT_cl      0xd3
#define OPC_TESTL         0x85
#define OPC_GRP3_Ev       0xf7
#define OPC_IMUL_GvEv     (0xaf | P_EXT)
#define OPC_IMUL_GvEvIz   0x69
#define OPC_IMUL_GvEvIb   0x6b
#define OPC_BSWAP         (0xc8 | P_EXT)
#define OPC_BSR           (0xbd | P_EXT)
#define OPC_LZCNT         (0xbd | P_EXT | P_F3)
#define OPC_CMOVCC        (0x40 | P_EXT)
#define OPC_SETCC         (0x90 | P_EXT | P_REXB_RM)
#define OPC_JCC_long      (0x80 | P_EXT)
#define OPC_JMP_long      0xe9
#define OPC_CALL_Jz       0xe8
#define OPC_GRP5          0xff
#define OPC_CMPXCHG_EbGb  (0xb0 | P_EXT | P_LOCK | P_REXB_R)
#define OPC_CMPXCHG_EvGv  (0xb1 | P_EXT | P_LOCK)
#define OPC_PUSH_r        0x50
#define OPC_POP_r         0x58
#define OPC_RET           0xc3

/* Arithmetic group: the /digit of 0x81/0x83 and the (op << 3) of GvEv. */
typedef enum X86Arith {
    X86_ADD = 0, X86_OR = 1, X86_ADC = 2, X86_SBB = 3,
    X86_AND = 4, X86_SUB = 5, X86_XOR = 6, X86_CMP = 7,
} X86Arith;

/* Shift group /digit. */
typedef enum X86Shift { X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7 } X86Shift;

/* Group 3 /digit. */
enum { X86_GRP3_TEST = 0, X86_GRP3_NOT = 2, X86_GRP3_NEG = 3, X86_GRP3_MUL = 4, X86_GRP3_IMUL = 5 };
/* Group 5 /digit. */
enum { X86_GRP5_CALL = 2, X86_GRP5_JMP = 4 };

/* Where code goes. Overflow is detected, never written past: the caller
 * checks x86_buf_full() after a unit and retries after a flush. */
typedef struct X86Buf {
    uint8_t *start, *ptr, *end;
    int overflow;
} X86Buf;

static inline size_t x86_buf_offset(const X86Buf *b) { return (size_t)(b->ptr - b->start); }
static inline int x86_buf_full(const X86Buf *b) { return b->overflow; }

/* A memory operand: [base + index*(1<<shift) + disp]; base or index may be
 * X86_NOREG (no base means absolute disp32, not rip-relative). addr32
 * (prefix 0x67): the address is computed in 32 bits and wraps at 4 GiB,
 * exactly a 32-bit guest's address arithmetic when guest_base is 0. */
typedef struct X86Mem {
    X86Reg base, index;
    int shift;
    int32_t disp;
    bool addr32;
} X86Mem;

static inline X86Mem x86_mem(X86Reg base, int32_t disp)
{
    return (X86Mem){ .base = base, .index = X86_NOREG, .disp = disp };
}
static inline X86Mem x86_mem_bi(X86Reg base, X86Reg index) { return (X86Mem){ .base = base, .index = index }; }

/* Arithmetic. */
void x86_emit_arith_rr32(X86Buf *b, X86Arith op, X86Reg d, X86Reg s);
void x86_emit_arith_rr64(X86Buf *b, X86Arith op, X86Reg d, X86Reg s);
void x86_emit_arith_ri32(X86Buf *b, X86Arith op, X86Reg d, int32_t imm);
void x86_emit_arith_ri64(X86Buf *b, X86Arith op, X86Reg d, int32_t imm);
void x86_emit_arith_rm64(X86Buf *b, X86Arith op, X86Reg d, X86Mem m);
void x86_emit_cmp_mr32(X86Buf *b, X86Mem m, X86Reg s);
void x86_emit_cmp_mi32(X86Buf *b, X86Mem m, int32_t imm);
static inline void x86_emit_add_rr32(X86Buf *b, X86Reg d, X86Reg s) { x86_emit_arith_rr32(b, X86_ADD, d, s); }
static inline void x86_emit_sub_rr32(X86Buf *b, X86Reg d, X86Reg s) { x86_emit_arith_rr32(b, X86_SUB, d, s); }
static inline void x86_emit_cmp_rr32(X86Buf *b, X86Reg d, X86Reg s) { x86_emit_arith_rr32(b, X86_CMP, d, s); }
void x86_emit_test_rr32(X86Buf *b, X86Reg a, X86Reg c);
void x86_emit_test_rr64(X86Buf *b, X86Reg a, X86Reg c);
void x86_emit_test_ri32(X86Buf *b, X86Reg a, uint32_t imm);
void x86_emit_grp3_r32(X86Buf *b, int digit, X86Reg r);   /* not, neg, mul, imul (edx:eax) */
static inline void x86_emit_neg32(X86Buf *b, X86Reg r) { x86_emit_grp3_r32(b, X86_GRP3_NEG, r); }
static inline void x86_emit_not32(X86Buf *b, X86Reg r) { x86_emit_grp3_r32(b, X86_GRP3_NOT, r); }
static inline void x86_emit_mul_r32(X86Buf *b, X86Reg r) { x86_emit_grp3_r32(b, X86_GRP3_MUL, r); }
static inline void x86_emit_imul1_r32(X86Buf *b, X86Reg r) { x86_emit_grp3_r32(b, X86_GRP3_IMUL, r); }
void x86_emit_imul_rr32(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_imul_rri32(X86Buf *b, X86Reg d, X86Reg s, int32_t imm);
void x86_emit_shift_cl32(X86Buf *b, X86Shift op, X86Reg r);
void x86_emit_shift_ri32(X86Buf *b, X86Shift op, X86Reg r, uint8_t count);
void x86_emit_shift_ri64(X86Buf *b, X86Shift op, X86Reg r, uint8_t count);
void x86_emit_rol16_8(X86Buf *b, X86Reg r);  /* rol r16, 8: swap the low two bytes */

/* Moves and extensions. */
void x86_emit_mov_rr32(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_mov_rr64(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_mov_ri32(X86Buf *b, X86Reg d, uint32_t imm);   /* xor for 0 is the caller's choice */
void x86_emit_mov_ri64(X86Buf *b, X86Reg d, uint64_t imm);   /* movabs */
void x86_emit_movzx8_rr(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_movzx16_rr(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_movsx8_rr(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_movsx16_rr(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_bswap32(X86Buf *b, X86Reg r);
void x86_emit_bsr32(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_lzcnt32(X86Buf *b, X86Reg d, X86Reg s);
void x86_emit_cmov32(X86Buf *b, X86Cond cc, X86Reg d, X86Reg s);
void x86_emit_setcc8(X86Buf *b, X86Cond cc, X86Reg d);

/* Memory. */
void x86_emit_load8u(X86Buf *b, X86Reg d, X86Mem m);
void x86_emit_load8s(X86Buf *b, X86Reg d, X86Mem m);
void x86_emit_load16u(X86Buf *b, X86Reg d, X86Mem m);
void x86_emit_load16s(X86Buf *b, X86Reg d, X86Mem m);
void x86_emit_load32(X86Buf *b, X86Reg d, X86Mem m);
void x86_emit_load64(X86Buf *b, X86Reg d, X86Mem m);
void x86_emit_store8(X86Buf *b, X86Mem m, X86Reg s);
void x86_emit_store16(X86Buf *b, X86Mem m, X86Reg s);
void x86_emit_store32(X86Buf *b, X86Mem m, X86Reg s);
void x86_emit_store64(X86Buf *b, X86Mem m, X86Reg s);
void x86_emit_store_i32(X86Buf *b, X86Mem m, int32_t imm);
void x86_emit_store_i64(X86Buf *b, X86Mem m, int32_t imm);  /* sign-extended */
void x86_emit_lea64(X86Buf *b, X86Reg d, X86Mem m);
void x86_emit_lea32(X86Buf *b, X86Reg d, X86Mem m);  /* 32-bit result, zero-extended */
/* lock cmpxchg [m], s (size 0/1/2 = 8/16/32 bits); compares with al/ax/eax. */
void x86_emit_lock_cmpxchg(X86Buf *b, int size, X86Mem m, X86Reg s);
void x86_emit_mfence(X86Buf *b);

/* Control flow. The rel32 forms return the offset of their 4-byte
 * displacement so that the caller can patch it (x86_patch_rel32). */
size_t x86_emit_jcc_rel32(X86Buf *b, X86Cond cc, const void *target);
/* dec dword [rip -> target] (a counter near the code buffer). */
void x86_emit_dec_rip32(X86Buf *b, const void *target);
size_t x86_emit_jmp_rel32(X86Buf *b, const void *target);
size_t x86_emit_call_rel32(X86Buf *b, const void *target);
void x86_emit_call_r(X86Buf *b, X86Reg r);
void x86_emit_jmp_r(X86Buf *b, X86Reg r);
void x86_emit_push(X86Buf *b, X86Reg r);
void x86_emit_pop(X86Buf *b, X86Reg r);
void x86_emit_ret(X86Buf *b);
void x86_emit_nop(X86Buf *b);
/* Point the rel32 whose displacement is at disp_at to target. */
void x86_patch_rel32(uint8_t *disp_at, const void *target);

#endif

/*
 * The ARM front end's shared core: the per-instruction context, register
 * access with ARM's PC rules, branches and exceptions. Every instruction
 * family (translate-*.c) builds on these; the family files are split by
 * meaning, each holding the A32, T32 and T16 forms of its instructions
 * so that the semantics are written once.
 *
 * Pipeline (see translate.c): fetch -> condition / IT check -> decode
 * (generated from *.decode) -> trans_* -> IR. The decoders try the family
 * tables in order; a handler returning false passes the encoding on.
 */
#ifndef FERRY_ARM_TRANSLATE_H
#define FERRY_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/cpu.h"
#include "tcg/ir.h"

/* Fields extracted by a generated decoder: one per pattern letter. */
typedef struct ArmFields {
    uint32_t a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z;
    uint32_t A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z;
} ArmFields;

/* One line of a .decode table, for the differential fuzzer. */
typedef struct DecodePattern {
    const char *name;
    uint32_t mask, value;
    uint32_t bits;            /* 16 or 32 */
} DecodePattern;

typedef enum ArmDisasEnd {
    ARM_DISAS_NEXT,           /* go on with the next instruction */
    ARM_DISAS_JUMP,           /* the instruction emitted the TU's exit */
    ARM_DISAS_UPDATE,         /* end the TU after this instruction, at pc_next */
} ArmDisasEnd;

#define ARM_COND_AL 0xe
#define ARM_MAX_INSNS 64          /* instructions in one unit */
#define ARM_MAX_SIDE_EXITS 8
/* Hot units follow this many unconditional direct branches (B) within
 * their page instead of leaving, and a B back to an instruction already
 * in the unit becomes a branch to a label there: a loop inside the unit
 * (see arm_gen_goto). */
#define ARM_MAX_FOLLOWS 4

/* A conditional direct branch taken out of the middle of a TU: its label
 * and exit are emitted after the TU's last instruction. */
typedef struct ArmSideExit {
    uint32_t label, pc, flags;
} ArmSideExit;

/* An instruction already in the unit that a backward branch may target. */
typedef struct ArmLoopHead {
    uint32_t pc;
    uint32_t op;              /* index of its first op (insn_start, or the label) */
    uint32_t label;           /* label + 1 once it is a loop head; 0 before */
} ArmLoopHead;

typedef struct DisasContext {
    IRBlock *ir;
    uint32_t pc;              /* address of this instruction */
    uint32_t pc_next;         /* address of the next instruction */
    uint32_t insn;            /* encoding; T32: first halfword in bits 31..16 */
    bool thumb;
    uint32_t it_state;        /* ITSTATE in force for this instruction (0: none) */
    uint32_t it_next;         /* ITSTATE for the next instruction */
    uint32_t cond;            /* this instruction's condition (ARM_COND_AL: none) */
    ArmDisasEnd end;
    bool side_ok;             /* side exits allowed (not in short lookaheads) */
    uint32_t nb_side;         /* side exits so far (translate.c) */
    ArmSideExit side[ARM_MAX_SIDE_EXITS];
    uint32_t follow;          /* set by arm_gen_goto: go on translating here */
    uint32_t seg;             /* where the stretch being translated began */
    uint32_t nb_seg;          /* earlier stretches of guest code in this unit */
    uint32_t seg_start[ARM_MAX_FOLLOWS + 1], seg_end[ARM_MAX_FOLLOWS + 1];
    /* Hot units: the instructions a backward B may loop to (those outside
     * IT blocks), each with the index of its first op and, once some B
     * goes there, the label put in front of it (arm_gen_goto). */
    uint32_t nb_heads;
    ArmLoopHead *heads;       /* ARM_MAX_INSNS entries (hot units only) */
} DisasContext;

static inline bool arm_in_it_block(const DisasContext *s) { return s->it_state != 0; }
static inline bool arm_last_in_it_block(const DisasContext *s) { return s->it_state != 0 && s->it_next == 0; }

/* The guest flags word (TcgCpu.flags) of the next instruction. */
uint32_t arm_next_flags(const DisasContext *s);

/* Registers. Reading r15 gives the architectural PC value (this
 * instruction's address + 8 in A32, + 4 in T32). */
IRTemp arm_reg(DisasContext *s, unsigned r);           /* global temp of r0..r14 */
IRTemp arm_read_reg(DisasContext *s, unsigned r);      /* any register; r15 -> const */
IRTemp arm_read_pc_aligned(DisasContext *s);           /* Align(PC, 4), literal loads */
IRTemp arm_flag(DisasContext *s, unsigned global);     /* ARM_G_NF ... ARM_G_GE */
/* Plain write of r0..r14. Writing r15 is a branch: see below. */
void arm_write_reg(DisasContext *s, unsigned r, IRTemp v);
/* ARM ARM's ALUWritePC: interworking in A32 (v7), plain branch in T32.
 * arm_write_reg_alu(s, 15, v) does this; other registers are plain. */
void arm_write_reg_alu(DisasContext *s, unsigned r, IRTemp v);
/* LoadWritePC / BXWritePC: bit 0 selects Thumb. Ends the TU. */
void arm_gen_bx(DisasContext *s, IRTemp addr);
/* BranchWritePC to a known address in the given state. Ends the TU. */
void arm_gen_jump(DisasContext *s, uint32_t target, bool thumb);
/* A plain unconditional B: in a hot unit, translation may simply go on at
 * the target (same page, not yet in this unit); else arm_gen_jump. */
void arm_gen_goto(DisasContext *s, uint32_t target);

/* A conditional branch to a known target (Thumb state unchanged) whose
 * condition test just branched to label when taken: the taken way leaves
 * through a side exit at the end of the TU and translation goes on with
 * the next instruction. Returns false (nothing emitted) when the TU has
 * no room for another side exit: the caller ends the TU itself. */
bool arm_gen_side_exit(DisasContext *s, uint32_t label, uint32_t target);
/* A conditional branch of its own (B<c> outside IT; A32 B<cond>): the
 * taken way leaves by a side exit and the TU goes on, or (no room) both
 * ways leave the TU. */
void arm_gen_cond_branch(DisasContext *s, unsigned cond, uint32_t target);

/* Leave the TU with a guest-defined reason (ARM_EXIT_*). pc is the guest pc
 * the run-time sees: this instruction's (undef, bkpt) or the next (svc). */
void arm_gen_exception(DisasContext *s, uint32_t reason, uint32_t pc);
/* An undefined encoding: SIGILL in the guest, logged under -d unimp. */
void arm_gen_undef(DisasContext *s);

static inline IRTemp arm_temp(DisasContext *s) { return ir_new_temp(s->ir); }
static inline IRTemp arm_const(DisasContext *s, uint32_t v) { return ir_const(s->ir, v); }

/* Branch to label if ARM condition cond (0..14) holds on the flags. */
void arm_gen_test_cond(DisasContext *s, unsigned cond, uint32_t label);

/* Instruction families: each decodes one slice of the encoding space of
 * one instruction set and returns false if the encoding is not its own.
 * Tried in this order by translate.c. */
bool arm_decode_a32_dp(DisasContext *s, uint32_t insn);          /* translate-dp.c etc. */
bool arm_decode_a32_mem(DisasContext *s, uint32_t insn);         /* translate-mem.c */
bool arm_decode_a32_branch_misc(DisasContext *s, uint32_t insn); /* translate-branch.c */
bool arm_decode_t32_dp(DisasContext *s, uint32_t insn);
bool arm_decode_t32_mem(DisasContext *s, uint32_t insn);
bool arm_decode_t32_branch_misc(DisasContext *s, uint32_t insn);
bool arm_decode_t16_dp(DisasContext *s, uint32_t insn);
bool arm_decode_t16_mem(DisasContext *s, uint32_t insn);
bool arm_decode_t16_branch_misc(DisasContext *s, uint32_t insn);

/* The TcgGuest translate hook. */
bool arm_translate(TcgCpu *cpu, uint32_t pc, uint32_t flags, IRBlock *out);
/* The translation loop alone, at most max_insns instructions, no
 * lookahead (translate.c). False if the code at pc cannot be read. */
bool arm_translate_insns(IRBlock *out, uint32_t pc, uint32_t flags, uint32_t max_insns);

/* translate-lookahead.c: the flags (bit i: ARM_G_NF + i) the code at
 * (pc, flags) may read before writing them; and the pass that puts
 * discard ops for the others before each direct exit of b. */
uint32_t arm_flags_live_at(uint32_t pc, uint32_t flags);
void arm_discard_dead_flags(IRBlock *b);

#endif

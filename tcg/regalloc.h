/*
 * Register allocation over one translation unit, driven op by op by the
 * lowering (tcg/x86_64/lower.c).
 *
 * The scheme is deliberately simple and local:
 *   - within a basic block, temps live in host registers; a value is
 *     loaded on first use (globals from the CPU state, locals from their
 *     spill slot, constants rematerialized) and stays there;
 *   - globals are written back to the CPU state before helpers that
 *     read/write them and at block ends; a global set to a constant has
 *     no register at all until it is read or stored (as an immediate);
 *   - ops that may fault (IR_F_MEM) write nothing back: the lowering
 *     records which globals are only in registers (ra_dirty_globals) and
 *     the fault handler rebuilds the guest state from the signal context;
 *   - locals used in more than one basic block are spilled at block ends;
 *     others die at their last use and never touch memory;
 *   - at labels every value is in memory and no register holds anything;
 *     a conditional branch writes back but the fall-through path keeps
 *     its registers;
 *   - except pinned globals (hot loops, ra_pin_global): such a global
 *     lives in one host register for the whole unit, across labels and
 *     the loop's back edge, and is written back only at exits, before
 *     helpers that read the state, and where a fault map needs it.
 *
 * Operand constraints are data: one string per operand (see ra_op below),
 * so the allocator has no per-opcode special cases. The backend parses
 * each string once (ra_parse_cons) into an RaCons, so placing an operand
 * costs no string scanning per op.
 */
#ifndef FERRY_TCG_REGALLOC_H
#define FERRY_TCG_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cache.h"
#include "tcg/ir.h"
#include "tcg/x86_64/emit.h"

/* Host register roles (see also the prologue in tcg/x86_64/lower.c). */
#define RA_REG_ENV    X86_RBP   /* TcgCpu * */
#define RA_REG_GBASE  X86_R14   /* guest_base */
#define RA_REG_TMP    X86_R11   /* scratch for the lowering, never allocated */
#define RA_FRAME_SLOTS 4096     /* 4-byte spill slots at [rsp + 4 * n] */

#define RA_CALLER_SAVED ((1u << X86_RAX) | (1u << X86_RCX) | (1u << X86_RDX) | (1u << X86_RSI) | \
                         (1u << X86_RDI) | (1u << X86_R8) | (1u << X86_R9) | (1u << X86_R10) |  \
                         (1u << X86_R11))

/* Where an operand ended up: a register or an immediate. */
typedef struct RaLoc {
    bool is_imm;
    X86Reg reg;
    uint32_t imm;
} RaLoc;

typedef struct RegAlloc {
    const IRBlock *blk;
    X86Buf *buf;
    uint32_t op_index;       /* the op being lowered */
    /* per temp */
    int8_t *reg;             /* host register or -1 */
    uint8_t *mem_ok;         /* the memory copy (state field or slot) is current */
    uint8_t *cval_ok;        /* global: its value is the constant cval[] (no register) */
    uint32_t *cval;
    uint64_t *cval_bits;     /* the globals with cval_ok set, as a bit set */
    uint32_t cval_words;
    uint8_t *cross;          /* local referenced in more than one basic block */
    int32_t *slot;           /* local spill slot or -1 */
    uint32_t *last_use;      /* op index of the last reference */
    uint32_t cap_temps;
    /* per host register */
    IRTemp reg_temp[16];     /* IR_NONE: free */
    uint16_t used;           /* bit r: reg_temp[r] != IR_NONE */
    uint16_t locked;
    uint16_t pinned;         /* registers holding a pinned global */
    uint8_t *pin_written;    /* per temp: a pinned global some op writes */
    uint8_t *cand_mark;      /* per temp, all 0 between evictions (ra_alloc) */
    uint32_t nb_slots;
} RegAlloc;

void ra_init(RegAlloc *ra);
void ra_free(RegAlloc *ra);
/* Start a unit: liveness pre-pass over blk. Returns false if the unit needs
 * more spill slots than the frame has. */
bool ra_begin(RegAlloc *ra, const IRBlock *blk, X86Buf *buf);

/* One operand's constraint string, parsed (see ra_op for the letters). */
typedef struct RaCons {
    int8_t fixed;            /* that register, or X86_NOREG */
    int8_t alias;            /* outputs: reuse input N's register, or -1 */
    bool imm;                /* a constant may stay an immediate */
    bool prefer_in0;         /* 'p' */
    bool late;               /* 'l' */
} RaCons;
/* Parses s (NULL: no constraint, as "r"). Dies on an unknown letter. */
RaCons ra_parse_cons(const char *s);

/*
 * Place the operands of one op. cons holds one parsed constraint string
 * (ra_parse_cons) per output then per input (temps), in IROp.args order:
 *   'r'  any allocatable register
 *   'i'  (with r) a constant may stay an immediate
 *   'a' 'c' 'd' 'S' '8'   that fixed register (rax rcx rdx rsi r8)
 *   '0'..'3' (outputs) reuse input N's register
 *   'p'  (outputs) input 0's register if its value dies here, else a
 *        fresh one (for ops that have a 3-operand form: lea, imul imm)
 *   'l'  (outputs) written only after every input is read (one host
 *        instruction, as a load): a pinned global that is also an input
 *        is computed in its own register, `mov ebx, [esi + ebx]`
 * clobber: registers the op destroys besides its outputs.
 * IR_NONE operands are skipped. Fills loc[] (outputs, inputs). Call
 * ra_op_done after emitting.
 */
void ra_op(RegAlloc *ra, const IROp *op, const RaCons *cons, uint16_t clobber, RaLoc *loc);
void ra_op_done(RegAlloc *ra, const IROp *op, const RaLoc *loc);

/* The globals whose value is not in the CPU state, as fault-map records
 * (state offset, host register or RA_CONST_REG and the constant): fills
 * out (room for nb_globals entries), returns how many. */
#define RA_CONST_REG 16
unsigned ra_dirty_globals(const RegAlloc *ra, TcgFaultReg *out);
/* A global set to a constant: no register; the store (an immediate) is
 * made only when the state must be current. */
void ra_set_global_const(RegAlloc *ra, IRTemp t, uint32_t v);
/* Write dirty globals back to the CPU state (they stay cached). */
void ra_sync_globals(RegAlloc *ra);
/* Forget every cached global (a helper wrote the CPU state). */
void ra_drop_globals(RegAlloc *ra);
/* End of a basic block: write back globals and (if keep_locals) the locals
 * that outlive the block; then, if forget, no register holds anything (a
 * label, an exit). A conditional branch keeps them: the fall-through path
 * still has every value where it was, now also in memory. Pinned globals
 * stay in their registers; they are written back only if exit (the unit
 * is left), and after a forget their memory copy counts as stale if the
 * unit writes them anywhere (a label merges paths). */
void ra_end_block(RegAlloc *ra, bool keep_locals, bool forget, bool exit);

/* Hot loops: choose the globals to keep in registers across the back
 * edges. body_end is the last branch back to the unit's start
 * (UINT32_MAX: none; the unit loops only inside). The globals referenced
 * most often, uses in loops counting more, get the pin registers (callee-saved
 * ones only if the unit calls helpers). spare is one more callee-saved
 * register the unit does not use otherwise (X86_NOREG: none). Loads them
 * (emitting code) and returns how many were pinned. Call before lowering
 * the first op. */
unsigned ra_pin_loop_globals(RegAlloc *ra, uint32_t body_end, bool has_calls, X86Reg spare);
/* The loop head: paths merge, so a pinned global the unit writes has a
 * stale memory copy. */
void ra_loop_head(RegAlloc *ra);
/* Write back the pinned globals whose memory copy is stale. */
void ra_store_pinned(RegAlloc *ra);
bool ra_is_pinned(const RegAlloc *ra, IRTemp t);
/* A global the next unit overwrites: nothing needs its value any more. */
void ra_discard_global(RegAlloc *ra, IRTemp t);

/* Where every value is, at one point of the code: the lowering saves it at
 * a side exit's branch and lowers the exit's block at the end of the unit
 * from there (tcg/x86_64/lower.c), so the main path stores nothing for
 * it. ra_snapshot_size bytes per snapshot; the spill slots in use are not
 * part of it (slots are never reused within a unit). */
size_t ra_snapshot_size(const RegAlloc *ra);
void ra_snapshot(const RegAlloc *ra, void *buf);
void ra_restore(RegAlloc *ra, const void *buf);
/* The global at byte offset off in the CPU state, or IR_NONE. */
IRTemp ra_global_at(const RegAlloc *ra, uint32_t off, uint32_t size);
/* Spill a global's register if dirty and forget it / just forget it. */
void ra_flush_temp(RegAlloc *ra, IRTemp t);
void ra_forget_temp(RegAlloc *ra, IRTemp t);

#endif

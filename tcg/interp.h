/*
 * The IR interpreter: the reference semantics of every IR op.
 *
 * It runs one translation unit on a CPU state, with globals at their byte
 * offsets in the state, locals in a private array and guest memory at
 * guest_base + address. The backend's tests and the optimiser's fuzz test
 * use it as an oracle, and constant folding evaluates ops through
 * ir_eval_pure, so folding and execution can never disagree.
 */
#ifndef FERRY_TCG_INTERP_H
#define FERRY_TCG_INTERP_H

#include <stdbool.h>
#include <stdint.h>

#include "exec.h"
#include "ir.h"

/* Runs b from its first op to an exit. exit_direct/exit_indirect store the
 * next (pc, flags) into cpu->pc/flags and return TCG_EXIT_NONE;
 * exit_helper also stores its reason into cpu->exit_reason and returns it;
 * exit_check with cpu->exit_request set stores its (pc, flags) and returns
 * TCG_EXIT_REQUEST. Guest memory is accessed directly: a host fault there
 * is for the caller's fault handler (see ir_interp_access below). */
uint32_t ir_interp_run(const IRBlock *b, TcgCpu *cpu, uintptr_t guest_base);

/* As ir_interp_run, but a guest access that reaches past mem_size faults:
 * the access is not performed, cpu->pc is the pc of the last insn_start
 * (b->guest_pc before any), cpu->flags is b->guest_flags, exit_reason is
 * TCG_EXIT_FAULT, fault_addr/fault_write describe the access, and
 * TCG_EXIT_FAULT is returned. Guest state is exactly as the ops before the
 * faulting one left it, which is what the passes must preserve. */
uint32_t ir_interp_run_checked(const IRBlock *b, TcgCpu *cpu, uintptr_t guest_base,
                               uint64_t mem_size);

/* As ir_interp_run_checked, but gives up after max_ops ops (a test's
 * guard against a broken pass turning a loop infinite) and then returns
 * IR_INTERP_OP_LIMIT, leaving the state where it stopped. */
#define IR_INTERP_OP_LIMIT 0xffffffffu
uint32_t ir_interp_run_limited(const IRBlock *b, TcgCpu *cpu, uintptr_t guest_base,
                               uint64_t mem_size, uint64_t max_ops);

/* While the interpreter makes a guest access (the host load or store
 * itself), this thread's ir_interp_access says which: the pc of its
 * guest instruction (the last insn_start's), the unit's flags and
 * whether it writes; NULL at any other time. A host fault handler that
 * finds it set knows the fault is the guest's, and where the guest was
 * (every op before the access has written its results to the CPU state:
 * the interpreter has no registers to restore). tcg_exec interprets a
 * unit's first runs this way (docs/startup.md). */
typedef struct IRInterpAccess {
    uint32_t pc, flags;
    bool write;
} IRInterpAccess;
extern __thread const IRInterpAccess *ir_interp_access;

/* Evaluates an op without side effects (no IR_F_SIDE) on input values in[]
 * and its own constants, writing its outputs to out[]. Returns false for
 * an op that has side effects (those need the interpreter proper). */
bool ir_eval_pure(const IROp *op, const uint32_t *in, uint32_t *out);

#endif

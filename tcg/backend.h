/*
 * What the host backend offers the engine (tcg/exec.c, tcg/cache.c):
 * the prologue/epilogue pair and the lowering of one IR block to host
 * code. Only the x86-64 backend exists.
 */
#ifndef FERRY_TCG_BACKEND_H
#define FERRY_TCG_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cache.h"

/* Emit the prologue (enter(cpu, code, guest_base): save callee-saved
 * registers, set up the frame and pinned registers, jump to code) and
 * the epilogue (return rax). */
void x86_gen_prologue(X86Buf *buf, TcgEnterFn *enter, const void **epilogue);

/* Lower b into buf, filling tu's insn map and exits. Returns false when
 * the buffer ran out (the caller flushes and retries) or the unit is too
 * big for the frame. */
bool x86_lower_tu(const IRBlock *b, X86Buf *buf, TcgTU *tu);

/* The unit for (pc, flags), translated if needed (NULL if the guest code
 * cannot be read); nothing runs. */
TcgTU *tcg_tu_get(TcgCpu *cpu, uint32_t pc, uint32_t flags);

/* Host faults. The handler for SIGSEGV/SIGBUS (installed by tcg_init) turns
 * a fault in translated code into TCG_EXIT_FAULT from tcg_exec. A run-time
 * that installs its own handler for these signals calls
 * tcg_handle_host_fault first: it does not return when the fault was in
 * translated code, and returns otherwise. */
#include <signal.h>
void tcg_install_fault_handlers(void);
void tcg_handle_host_fault(int sig, siginfo_t *si, void *ucontext);

#endif

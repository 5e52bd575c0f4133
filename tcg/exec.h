/*
 * The execution engine's contract with a guest front end and with the
 * run-time (linux-user today, system mode later).
 *
 * Every guest CPU state begins with a TcgCpu. Translated code reaches it
 * through one pinned host register; the exits of a translation unit write
 * the next guest (pc, flags) here and return an exit reason to
 * tcg_exec(), which the run-time's CPU loop handles (a system call, an
 * undefined instruction...) before calling tcg_exec() again.
 *
 * One TcgCpu per guest thread: exit_request is how another thread (or a
 * host signal handler) asks this one to come back to its loop at the next
 * TU boundary.
 */
#ifndef FERRY_TCG_EXEC_H
#define FERRY_TCG_EXEC_H

#include <stdbool.h>
#include <stdint.h>

#include "ir.h"

/* Why translated code returned to the loop. Guest-defined reasons (passed
 * to ir_gen_exit_helper) start at TCG_EXIT_GUEST. */
enum {
    TCG_EXIT_NONE = 0,
    TCG_EXIT_REQUEST,      /* exit_request was set */
    TCG_EXIT_FAULT,        /* guest memory fault: fault_addr, pc are set */
    TCG_EXIT_TIER_UP,      /* a cold unit ran often enough: tcg_exec retranslates it hot (never returned) */
    TCG_EXIT_GUEST = 16,
};

#define TCG_JMP_CACHE_BITS 12
#define TCG_JMP_CACHE_SIZE (1u << TCG_JMP_CACHE_BITS)

typedef struct TcgJmpEntry {
    uint32_t pc, flags;
    const void *host_code;   /* NULL: empty */
} TcgJmpEntry;

typedef struct TcgCpu {
    uint32_t pc;             /* next guest pc to run */
    uint32_t flags;          /* guest-defined mode bits (ARM: Thumb, IT state) */
    volatile int32_t exit_request;
    uint32_t exit_reason;    /* set by exit_helper and faults */
    uint32_t fault_addr;     /* guest address of the last memory fault */
    uint32_t fault_write;    /* nonzero if it was a write */
    TcgJmpEntry *jmp_cache;  /* per thread, TCG_JMP_CACHE_SIZE entries */
    void *backend;           /* backend scratch (spill area, return stack) */
} TcgCpu;

/* What a guest front end provides. */
typedef struct TcgGuest {
    const char *name;
    const IRGlobalDef *globals;
    uint32_t nb_globals;
    /* Build the IR for the TU at (pc, flags). Returns false only if the
     * code at pc cannot be read (the caller then raises a fault). */
    bool (*translate)(TcgCpu *cpu, uint32_t pc, uint32_t flags, IRBlock *out);
    /* Print the guest code of a TU for -d in_asm. */
    void (*disas)(FILE *f, uint32_t pc, uint32_t flags, uint32_t size);
    /* Print the guest registers for -d cpu (may be NULL). */
    void (*dump)(FILE *f, const TcgCpu *cpu);
} TcgGuest;

/* How the front end reads guest code; set by the run-time (user mode reads
 * guest memory, system mode walks the MMU). Returns false if unreadable. */
extern bool (*tcg_read_code)(uint32_t addr, void *dst, uint32_t size);

/* Where guest memory starts in the host (user mode); memory ops are
 * lowered to host accesses at guest_base + address. */
void tcg_set_guest_base(uintptr_t base);

/* Set up the engine once per process. */
void tcg_init(const TcgGuest *guest);
/* Set up per-thread state in cpu (jump cache, backend scratch). */
void tcg_cpu_init(TcgCpu *cpu);
/* Around a fork (the caller is out of tcg_exec): the cache is locked
 * across it, and the child, with one thread, forgets the other CPUs. */
void tcg_fork_prepare(void);
void tcg_fork_parent(void);
void tcg_fork_child(TcgCpu *self);
/* Undo tcg_cpu_init when a guest thread ends (called on that thread, out
 * of tcg_exec): the cache forgets cpu, its jump cache and this thread's
 * fault-handler stack are freed. */
void tcg_cpu_release(TcgCpu *cpu);
/* Run guest code from cpu->pc until an exit that the run-time must handle;
 * returns the exit reason. */
uint32_t tcg_exec(TcgCpu *cpu);
/* Units are first translated cold (cheaply) and retranslated hot after
 * running n times; 0 translates everything hot at once (tests, golden
 * code). */
void tcg_set_tier_threshold(uint32_t n);
/* Drop every translation of guest code in [start, end) (munmap, mprotect,
 * cacheflush, self-modifying code). */
void tcg_invalidate(uint32_t start, uint32_t end);

#endif

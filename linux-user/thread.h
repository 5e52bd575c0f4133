/*
 * Guest threads: one host thread per guest thread, each with its own
 * ArmCpu, and the per-thread run-time state the kernel keeps for a task
 * (LuThread). A guest thread's id is its host thread's id, so gettid,
 * tgkill and PI futexes need no translation.
 *
 * LuThread is reachable from the thread itself (lu_thread_self) and from
 * its CPU (ArmCpu.thread); per-thread signal state belongs here too.
 */
#ifndef FERRY_LINUX_USER_THREAD_H
#define FERRY_LINUX_USER_THREAD_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "target/arm/cpu.h"

typedef struct LuThread {
    ArmCpu *cpu;
    int32_t tid;                /* host tid == guest tid */
    bool is_main;               /* the process's first thread (host main thread) */
    uint32_t clear_child_tid;   /* set_tid_address / CLONE_CHILD_CLEARTID: 0 if none */
    uint32_t robust_list;       /* set_robust_list head (guest address), 0 if none */
    jmp_buf exit_jmp;           /* non-main threads: exit returns to the start routine */
    struct LuThread *next, *prev;   /* the live threads (thread.c's list) */
} LuThread;

/* The calling thread's record (NULL before lu_thread_init_main). */
extern __thread LuThread *lu_thread_self;

/* Make the record of the process's first thread (its CPU is cpu). */
LuThread *lu_thread_init_main(ArmCpu *cpu);

/* cpu's thread record; a CPU without one (the first thread before the
 * CPU loop, unit tests) is the main thread's. */
static inline LuThread *lu_thread_of(ArmCpu *cpu)
{
    return cpu->thread ? (LuThread *)cpu->thread : lu_thread_init_main(cpu);
}

/* clone/clone3 with CLONE_VM and no CLONE_VFORK (or with CLONE_THREAD):
 * a new guest thread that starts at cpu's pc with r0 = 0, sp = newsp (if
 * nonzero) and TPIDRURO = tls (CLONE_SETTLS). Returns the new tid or
 * -errno (EINVAL where the kernel says so, ENOSYS for combinations
 * ferry cannot emulate, logged under -d unimp). */
int64_t lu_thread_clone(ArmCpu *cpu, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid);

/* exit(2): ends the calling guest thread (robust list, clear_child_tid
 * and its futex wake, as the kernel does); the last thread's exit ends
 * the process. */
__attribute__((noreturn)) void lu_thread_exit(int status);

/* exit_group(2): the process ends with status, whatever other threads do. */
__attribute__((noreturn)) void lu_exit_group(int status);

/* In the child of a fork: the calling thread is now the only one. */
void lu_thread_fork_child(void);

/* Live guest threads. */
uint32_t lu_thread_count(void);

/* Runs fn on the live thread whose tid is tid, with the thread list
 * locked (the thread cannot go away meanwhile); false if there is none. */
bool lu_thread_with(int32_t tid, void (*fn)(LuThread *t, void *arg), void *arg);

#endif

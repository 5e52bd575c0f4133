/*
 * The user-mode run-time's process-wide state and its services to the
 * syscall layer: the guest address space (guest_base, mmap, brk), -L path
 * redirection, and the program being run.
 */
#ifndef FERRY_LINUX_USER_H
#define FERRY_LINUX_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/arm/cpu.h"

/* Guest address a lives at host address guest_base + a. */
extern uintptr_t guest_base;

static inline void *g2h(uint32_t addr) { return (void *)(guest_base + (uintptr_t)addr); }
static inline uint32_t h2g(const void *p) { return (uint32_t)((uintptr_t)p - guest_base); }

/* True if [addr, addr+len) is mapped in the guest with at least prot
 * (PROT_READ / PROT_WRITE). Syscalls check pointers with it. */
bool lu_access_ok(uint32_t addr, uint32_t len, int prot);

/* Guest mmap family: return the guest address or a negative host errno. */
int64_t lu_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t offset);
int lu_munmap(uint32_t addr, uint32_t len);
int lu_mprotect(uint32_t addr, uint32_t len, int prot);
int64_t lu_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr);
uint32_t lu_brk(uint32_t new_brk);   /* returns the new (or unchanged) break */

/* -L PREFIX: an absolute guest path is looked up under the prefix first and
 * falls back to the host path. Returns path or buf. */
const char *lu_path(const char *guest_path, char *buf, size_t size);

typedef struct LuProcess {
    const char *exe_path;      /* host path of the guest program (/proc/self/exe) */
    const char *ld_prefix;     /* -L, or NULL */
    const ArmCpuModel *cpu_model;
    bool strace;
    char **ferry_argv;         /* how to start ferry again (execve) */
    uint32_t auxv_addr, auxv_len; /* guest copy, for /proc/self/auxv */
    uint32_t arg_start, arg_end;  /* guest argv strings (/proc/self/cmdline) */
    uint32_t env_start, env_end;  /* guest envp strings (/proc/self/environ) */
} LuProcess;

extern LuProcess lu_process;

/* The system call entry, called by the CPU loop on ARM_EXIT_SVC: reads
 * r7 and r0..r6, writes r0 (syscalls/dispatch.c). */
void sys_dispatch(ArmCpu *cpu);

/* Runs the guest until it exits; never returns (linux-user/cpu-loop.c). */
__attribute__((noreturn)) void lu_cpu_loop(ArmCpu *cpu);
/* End the process as the kernel would for a fatal guest signal. */
__attribute__((noreturn)) void lu_die_by_signal(int sig);

#endif

/*
 * The ARM private system calls (__ARM_NR_BASE + n): set_tls and get_tls
 * (the TPIDRURO register that mrc p15 c13 reads), cacheflush (drop
 * translations of the range, as the guest just wrote code there),
 * breakpoint (a SIGTRAP), and the 26-bit mode switches, which an ARMv7
 * kernel refuses.
 */
#include <errno.h>
#include <signal.h>

#include "syscalls/sys.h"

int64_t sys_h_arm_set_tls(ArmCpu *cpu, const SysArgs *a)
{
    cpu->tpidruro = (uint32_t)a->v[0];
    return 0;
}

int64_t sys_h_arm_get_tls(ArmCpu *cpu, const SysArgs *a) { return cpu->tpidruro; }

/* cacheflush(start, end, flags): flags must be 0; end is exclusive. */
int64_t sys_h_arm_cacheflush(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t start = (uint32_t)a->v[0], end = (uint32_t)a->v[1];
    if (a->v[2] != 0 || end < start)
        return -EINVAL;
    tcg_invalidate(start, end);
    return 0;
}

/* A SIGTRAP to the guest itself, as the kernel sends. */
int64_t sys_h_arm_breakpoint(ArmCpu *cpu, const SysArgs *a) { return sys_signal_self(SIGTRAP); }

/* Without HWCAP_26BIT (no ARMv7 has it) the kernel answers these with
 * SIGILL, the reply to a bad private call. */
int64_t sys_h_arm_usr26(ArmCpu *cpu, const SysArgs *a) { return sys_signal_self(SIGILL); }
int64_t sys_h_arm_usr32(ArmCpu *cpu, const SysArgs *a) { return sys_signal_self(SIGILL); }

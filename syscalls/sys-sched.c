/*
 * Scheduling: policy and priority (struct sched_param is one int on both
 * sides), affinity masks (bytes of bits, the same on both sides; the host
 * wants whole 64-bit words) and the round-robin interval (a timespec).
 * sched_getaffinity is in sys-proc.c with the other identity queries.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"

int64_t sys_h_sched_getparam(ArmCpu *cpu, const SysArgs *a)
{
    void *p = sys_guest_buf((uint32_t)a->v[1], 4, PROT_WRITE);
    if (!p || !a->v[1])
        return -EINVAL;   /* the kernel checks the pointer for NULL first */
    return sys_host_result(syscall(SYS_sched_getparam, (int)sys_s32(a->v[0]), p));
}

int64_t sys_h_sched_setparam(ArmCpu *cpu, const SysArgs *a)
{
    void *p = sys_guest_buf((uint32_t)a->v[1], 4, PROT_READ);
    if (!a->v[1])
        return -EINVAL;
    if (!p)
        return -EFAULT;
    return sys_host_result(syscall(SYS_sched_setparam, (int)sys_s32(a->v[0]), p));
}

int64_t sys_h_sched_setscheduler(ArmCpu *cpu, const SysArgs *a)
{
    void *p = sys_guest_buf((uint32_t)a->v[2], 4, PROT_READ);
    if (!a->v[2])
        return -EINVAL;
    if (!p)
        return -EFAULT;
    return sys_host_result(syscall(SYS_sched_setscheduler, (int)sys_s32(a->v[0]), (int)sys_s32(a->v[1]), p));
}

int64_t sys_h_sched_setaffinity(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t len = (uint32_t)a->v[1];
    uint64_t mask[128];
    memset(mask, 0, sizeof mask);
    /* Bits past what the host can hold must be clear to be meaningless. */
    uint32_t take = len < sizeof mask ? len : (uint32_t)sizeof mask;
    if (sys_copy_from_guest(mask, (uint32_t)a->v[2], take))
        return -EFAULT;
    return sys_host_result(syscall(SYS_sched_setaffinity, (int)sys_s32(a->v[0]), sizeof mask, mask));
}

static int64_t do_rr_interval(const SysArgs *a, bool time64)
{
    struct timespec ts;
    if (syscall(SYS_sched_rr_get_interval, (int)sys_s32(a->v[0]), &ts) < 0)
        return -errno;
    return sys_put_timespec((uint32_t)a->v[1], &ts, time64);
}

int64_t sys_h_sched_rr_get_interval(ArmCpu *cpu, const SysArgs *a) { return do_rr_interval(a, false); }
int64_t sys_h_sched_rr_get_interval64(ArmCpu *cpu, const SysArgs *a) { return do_rr_interval(a, true); }

/*
 * Clocks, sleeps and timers. The guest's structures are the 32-bit ones
 * (timespec, timeval, itimerval, tms) or, for the *_time64 calls, the
 * 64-bit __kernel_timespec; clock ids and flags are the same numbers on
 * both sides.
 */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"

static int64_t do_clock_gettime(const SysArgs *a, bool time64, bool res)
{
    struct timespec ts;
    uint32_t addr = (uint32_t)a->v[1];
    long r = syscall(res ? SYS_clock_getres : SYS_clock_gettime, (int)sys_s32(a->v[0]), &ts);
    if (r < 0)
        return -errno;
    if (res && addr == 0)
        return 0;
    return sys_put_timespec(addr, &ts, time64);
}

int64_t sys_h_clock_gettime(ArmCpu *cpu, const SysArgs *a) { return do_clock_gettime(a, false, false); }
int64_t sys_h_clock_gettime64(ArmCpu *cpu, const SysArgs *a) { return do_clock_gettime(a, true, false); }
int64_t sys_h_clock_getres(ArmCpu *cpu, const SysArgs *a) { return do_clock_gettime(a, false, true); }
int64_t sys_h_clock_getres64(ArmCpu *cpu, const SysArgs *a) { return do_clock_gettime(a, true, true); }

int64_t sys_h_gettimeofday(ArmCpu *cpu, const SysArgs *a)
{
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) < 0)
        return -errno;
    if (a->v[0]) {
        arm_timeval g;
        arm_timeval_from_host(&g, &tv);
        if (sys_copy_to_guest((uint32_t)a->v[0], &g, sizeof g))
            return -EFAULT;
    }
    /* struct timezone is two ints on both sides. */
    if (a->v[1] && sys_copy_to_guest((uint32_t)a->v[1], &tz, sizeof tz))
        return -EFAULT;
    return 0;
}

/* On EINTR the remaining time is written back, as the kernel does. */
static int64_t do_sleep(int clock, int flags, uint32_t req_addr, uint32_t rem_addr, bool time64, bool is_nanosleep)
{
    struct timespec req, rem;
    if (sys_get_timespec(req_addr, &req, time64))
        return -EFAULT;
    long r = is_nanosleep ? lu_syscall(SYS_nanosleep, &req, &rem)
                          : lu_syscall(SYS_clock_nanosleep, clock, flags, &req, &rem);
    int64_t ret = sys_host_result(r);
    if (ret == -EINTR && rem_addr && !(flags & TIMER_ABSTIME) && sys_put_timespec(rem_addr, &rem, time64))
        return -EFAULT;
    return ret;
}

int64_t sys_h_nanosleep(ArmCpu *cpu, const SysArgs *a)
{
    return do_sleep(0, 0, (uint32_t)a->v[0], (uint32_t)a->v[1], false, true);
}

static int64_t clock_nanosleep_common(const SysArgs *a, bool time64)
{
    return do_sleep((int)sys_s32(a->v[0]), (int)a->v[1], (uint32_t)a->v[2], (uint32_t)a->v[3], time64, false);
}

int64_t sys_h_clock_nanosleep(ArmCpu *cpu, const SysArgs *a) { return clock_nanosleep_common(a, false); }
int64_t sys_h_clock_nanosleep64(ArmCpu *cpu, const SysArgs *a) { return clock_nanosleep_common(a, true); }

/* times returns clock ticks in a 32-bit clock_t; the guest sees the low
 * half, as a 32-bit kernel's would wrap. */
int64_t sys_h_times(ArmCpu *cpu, const SysArgs *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (a->v[0]) {
        arm_tms g = { (int32_t)t.tms_utime, (int32_t)t.tms_stime, (int32_t)t.tms_cutime, (int32_t)t.tms_cstime };
        if (sys_copy_to_guest((uint32_t)a->v[0], &g, sizeof g))
            return -EFAULT;
    }
    return (int64_t)(uint32_t)r;
}

static void itimer_from_host(arm_itimerval *out, const struct itimerval *it)
{
    arm_timeval_from_host(&out->it_interval, &it->it_interval);
    arm_timeval_from_host(&out->it_value, &it->it_value);
}

int64_t sys_h_getitimer(ArmCpu *cpu, const SysArgs *a)
{
    struct itimerval it;
    arm_itimerval g;
    if (syscall(SYS_getitimer, (int)sys_s32(a->v[0]), &it) < 0)
        return -errno;
    itimer_from_host(&g, &it);
    return sys_copy_to_guest((uint32_t)a->v[1], &g, sizeof g);
}

int64_t sys_h_setitimer(ArmCpu *cpu, const SysArgs *a)
{
    struct itimerval it = { { 0, 0 }, { 0, 0 } }, old;
    arm_itimerval g;
    if (a->v[1]) {
        if (sys_copy_from_guest(&g, (uint32_t)a->v[1], sizeof g))
            return -EFAULT;
        arm_timeval_to_host(&it.it_interval, &g.it_interval);
        arm_timeval_to_host(&it.it_value, &g.it_value);
    }
    if (a->v[2] && !sys_guest_buf((uint32_t)a->v[2], sizeof g, PROT_WRITE))
        return -EFAULT;
    if (syscall(SYS_setitimer, (int)sys_s32(a->v[0]), &it, &old) < 0)
        return -errno;
    if (a->v[2]) {
        itimer_from_host(&g, &old);
        return sys_copy_to_guest((uint32_t)a->v[2], &g, sizeof g);
    }
    return 0;
}

static int64_t do_clock_settime(const SysArgs *a, bool time64)
{
    struct timespec ts;
    if (sys_get_timespec((uint32_t)a->v[1], &ts, time64))
        return -EFAULT;
    return sys_host_result(syscall(SYS_clock_settime, (int)sys_s32(a->v[0]), &ts));
}

int64_t sys_h_clock_settime(ArmCpu *cpu, const SysArgs *a) { return do_clock_settime(a, false); }
int64_t sys_h_clock_settime64(ArmCpu *cpu, const SysArgs *a) { return do_clock_settime(a, true); }

int64_t sys_h_settimeofday(ArmCpu *cpu, const SysArgs *a)
{
    struct timeval tv;
    struct timezone tz;
    if (a->v[0]) {
        arm_timeval g;
        if (sys_copy_from_guest(&g, (uint32_t)a->v[0], sizeof g))
            return -EFAULT;
        arm_timeval_to_host(&tv, &g);
    }
    if (a->v[1] && sys_copy_from_guest(&tz, (uint32_t)a->v[1], sizeof tz))
        return -EFAULT;
    return sys_host_result(syscall(SYS_settimeofday, a->v[0] ? &tv : NULL, a->v[1] ? &tz : NULL));
}

/*
 * Event descriptors: epoll (struct epoll_event is 16 bytes on ARM, with
 * the 64-bit data word aligned to 8, and 12 packed bytes on x86-64, so
 * every event is converted) and timerfd (32-bit and time64 itimerspec).
 * The calls that only pass integers and paths (epoll_create1, inotify_*,
 * timerfd_create, eventfd) are passthrough rows.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"

int64_t sys_h_epoll_ctl(ArmCpu *cpu, const SysArgs *a)
{
    int op = (int)sys_s32(a->v[1]);
    uint32_t ev_addr = (uint32_t)a->v[3];
    struct epoll_event ev, *evp = NULL;
    if (op != EPOLL_CTL_DEL || ev_addr) {
        arm_epoll_event g;
        if (sys_copy_from_guest(&g, ev_addr, sizeof g))
            return -EFAULT;
        ev.events = g.events;
        ev.data.u64 = g.data;
        evp = &ev;
    }
    return sys_host_result(epoll_ctl((int)sys_s32(a->v[0]), op, (int)sys_s32(a->v[2]), evp));
}

#define SYS_EPOLL_MAX_EVENTS 1024

/* epoll_wait and epoll_pwait: events are gathered on the host side and
 * copied out one by one in the guest's layout. */
static int64_t do_epoll_wait(const SysArgs *a, bool with_mask)
{
    int32_t maxevents = (int32_t)a->v[2];
    uint32_t out = (uint32_t)a->v[1];
    if (maxevents <= 0)
        return -EINVAL;
    if (maxevents > SYS_EPOLL_MAX_EVENTS)
        maxevents = SYS_EPOLL_MAX_EVENTS;   /* fewer per call is allowed */
    if (!sys_guest_buf(out, (uint32_t)maxevents * sizeof(arm_epoll_event), PROT_WRITE))
        return -EFAULT;
    void *mask = NULL;
    if (with_mask && a->v[4]) {
        if ((uint32_t)a->v[5] != 8)
            return -EINVAL;
        if (!(mask = sys_guest_buf((uint32_t)a->v[4], 8, PROT_READ)))
            return -EFAULT;
    }
    struct epoll_event ev[SYS_EPOLL_MAX_EVENTS];
    long n = lu_syscall(SYS_epoll_pwait, (int)sys_s32(a->v[0]), ev, maxevents, (int)sys_s32(a->v[3]), mask, 8L);
    if (n < 0) {
        if (errno == EINTR)
            lu_signal_masked_wait_interrupted(mask);
        return -errno;
    }
    for (long i = 0; i < n; i++) {
        arm_epoll_event g = { ev[i].events, 0, ev[i].data.u64 };
        if (sys_copy_to_guest(out + (uint32_t)i * sizeof g, &g, sizeof g))
            return -EFAULT;
    }
    return n;
}

int64_t sys_h_epoll_wait(ArmCpu *cpu, const SysArgs *a) { return do_epoll_wait(a, false); }
int64_t sys_h_epoll_pwait(ArmCpu *cpu, const SysArgs *a) { return do_epoll_wait(a, true); }

/* --- timerfd --- */

static int get_itimerspec(uint32_t addr, struct itimerspec *its, bool time64)
{
    uint32_t half = time64 ? sizeof(arm_timespec64) : sizeof(arm_timespec32);
    if (sys_get_timespec(addr, &its->it_interval, time64) || sys_get_timespec(addr + half, &its->it_value, time64))
        return -EFAULT;
    return 0;
}

static int put_itimerspec(uint32_t addr, const struct itimerspec *its, bool time64)
{
    uint32_t half = time64 ? sizeof(arm_timespec64) : sizeof(arm_timespec32);
    if (sys_put_timespec(addr, &its->it_interval, time64) || sys_put_timespec(addr + half, &its->it_value, time64))
        return -EFAULT;
    return 0;
}

static int64_t do_timerfd_settime(const SysArgs *a, bool time64)
{
    struct itimerspec new_value, old_value;
    uint32_t old_addr = (uint32_t)a->v[3];
    if (get_itimerspec((uint32_t)a->v[2], &new_value, time64))
        return -EFAULT;
    long r = syscall(SYS_timerfd_settime, (int)sys_s32(a->v[0]), (int)a->v[1], &new_value, &old_value);
    if (r < 0)
        return -errno;
    if (old_addr && put_itimerspec(old_addr, &old_value, time64))
        return -EFAULT;
    return 0;
}

static int64_t do_timerfd_gettime(const SysArgs *a, bool time64)
{
    struct itimerspec cur;
    if (syscall(SYS_timerfd_gettime, (int)sys_s32(a->v[0]), &cur) < 0)
        return -errno;
    return put_itimerspec((uint32_t)a->v[1], &cur, time64);
}

int64_t sys_h_timerfd_settime(ArmCpu *cpu, const SysArgs *a) { return do_timerfd_settime(a, false); }
int64_t sys_h_timerfd_settime64(ArmCpu *cpu, const SysArgs *a) { return do_timerfd_settime(a, true); }
int64_t sys_h_timerfd_gettime(ArmCpu *cpu, const SysArgs *a) { return do_timerfd_gettime(a, false); }
int64_t sys_h_timerfd_gettime64(ArmCpu *cpu, const SysArgs *a) { return do_timerfd_gettime(a, true); }

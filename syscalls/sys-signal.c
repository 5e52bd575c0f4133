/*
 * Signal bookkeeping: the guest's handlers, blocked mask and alternate
 * stack are recorded here per process (one guest thread today), checked
 * as the kernel checks them, and handed out to the delivery code
 * (sys_sig_action & co. in sys.h). Delivery into the guest is not done
 * yet: a signal the guest sends itself that has a guest handler is marked
 * pending and logged under -d unimp; one whose default action is fatal
 * ends the process as the kernel would (lu_die_by_signal).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"
#include "util/log.h"

#define ARM_SIG_DFL 0u
#define ARM_SIG_IGN 1u
#define ARM_MINSIGSTKSZ 2048u
#define ARM_SS_AUTODISARM (1 << 31)
#define SIGBIT(sig) (1ull << ((sig) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

static struct {
    SysSigAction action[SYS_NSIG + 1];
    uint64_t blocked, pending;
    arm_stack altstack;
} sig_state = { .altstack = { 0, 2 /* SS_DISABLE */, 0 } };

const SysSigAction *sys_sig_action(int sig)
{
    return (sig >= 1 && sig <= SYS_NSIG) ? &sig_state.action[sig] : NULL;
}

uint64_t sys_sig_blocked(void) { return sig_state.blocked; }
uint64_t sys_sig_pending(void) { return sig_state.pending; }

int64_t sys_h_rt_sigaction(ArmCpu *cpu, const SysArgs *a)
{
    int sig = (int)sys_s32(a->v[0]);
    uint32_t act_addr = (uint32_t)a->v[1], old_addr = (uint32_t)a->v[2];
    if ((uint32_t)a->v[3] != 8 || sig < 1 || sig > SYS_NSIG)
        return -EINVAL;
    if (act_addr && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    arm_sigaction g;
    SysSigAction new_action = { 0, 0, 0, 0 };
    if (act_addr) {
        if (sys_copy_from_guest(&g, act_addr, sizeof g))
            return -EFAULT;
        new_action = (SysSigAction){ g.handler, g.flags, g.restorer,
                                     ((uint64_t)g.mask[1] << 32 | g.mask[0]) & ~UNBLOCKABLE };
    }
    if (old_addr) {
        const SysSigAction *o = &sig_state.action[sig];
        g = (arm_sigaction){ o->handler, o->flags, o->restorer, { (uint32_t)o->mask, (uint32_t)(o->mask >> 32) } };
        if (sys_copy_to_guest(old_addr, &g, sizeof g))
            return -EFAULT;
    }
    if (act_addr) {
        sig_state.action[sig] = new_action;
        /* Setting SIG_IGN discards a pending instance, as in the kernel. */
        if (new_action.handler == ARM_SIG_IGN)
            sig_state.pending &= ~SIGBIT(sig);
    }
    return 0;
}

int64_t sys_h_rt_sigprocmask(ArmCpu *cpu, const SysArgs *a)
{
    int how = (int)sys_s32(a->v[0]);
    uint32_t set_addr = (uint32_t)a->v[1], old_addr = (uint32_t)a->v[2];
    uint64_t set = 0, old = sig_state.blocked;
    if ((uint32_t)a->v[3] != 8)
        return -EINVAL;
    if (set_addr) {
        if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
            return -EINVAL;
        if (sys_copy_from_guest(&set, set_addr, 8))
            return -EFAULT;
    }
    if (old_addr && sys_copy_to_guest(old_addr, &old, 8))
        return -EFAULT;
    if (set_addr) {
        uint64_t m = how == SIG_BLOCK ? old | set : how == SIG_UNBLOCK ? old & ~set : set;
        sig_state.blocked = m & ~UNBLOCKABLE;
    }
    return 0;
}

int64_t sys_h_rt_sigpending(ArmCpu *cpu, const SysArgs *a)
{
    if ((uint32_t)a->v[1] > 8)
        return -EINVAL;
    uint64_t p = sig_state.pending & sig_state.blocked;
    return sys_copy_to_guest((uint32_t)a->v[0], &p, (uint32_t)a->v[1]);
}

int64_t sys_h_sigaltstack(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t ss_addr = (uint32_t)a->v[0], old_addr = (uint32_t)a->v[1];
    arm_stack ss, old = sig_state.altstack;
    if (ss_addr) {
        if (sys_copy_from_guest(&ss, ss_addr, sizeof ss))
            return -EFAULT;
        int mode = ss.ss_flags & ~ARM_SS_AUTODISARM;
        if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
            return -EINVAL;
        if (mode == SS_DISABLE) {
            ss.ss_size = 0;
            ss.ss_sp = 0;
        } else if (ss.ss_size < ARM_MINSIGSTKSZ) {
            return -ENOMEM;
        }
    }
    if (old_addr && sys_copy_to_guest(old_addr, &old, sizeof old))
        return -EFAULT;
    if (ss_addr)
        sig_state.altstack = ss;
    return 0;
}

/* The kernel's default actions: ignore, stop, or terminate (core or not). */
static bool default_ignored(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* A signal the guest sends to itself. */
int64_t sys_signal_self(int sig)
{
    if (sig == 0)
        return 0;
    if (sig < 1 || sig > SYS_NSIG)
        return -EINVAL;
    uint32_t handler = sig_state.action[sig].handler;
    if (sig == SIGKILL || (handler == ARM_SIG_DFL && !(sig_state.blocked & SIGBIT(sig)))) {
        if (default_ignored(sig))
            return 0;
        if (default_stops(sig))
            return sys_host_result(kill(getpid(), SIGSTOP));
        lu_die_by_signal(sig);
    }
    if (handler == ARM_SIG_IGN && sig != SIGSTOP)
        return 0;
    sig_state.pending |= SIGBIT(sig);
    if (!(sig_state.blocked & SIGBIT(sig)))
        ferry_log(FERRY_LOG_unimp, "ferry-arm: signal %d to a guest handler: delivery not implemented\n", sig);
    return 0;
}

int64_t sys_h_kill(ArmCpu *cpu, const SysArgs *a)
{
    int pid = (int)sys_s32(a->v[0]), sig = (int)sys_s32(a->v[1]);
    if (pid == getpid())
        return sys_signal_self(sig);
    return sys_host_result(kill(pid, sig));
}

int64_t sys_h_tkill(ArmCpu *cpu, const SysArgs *a)
{
    int tid = (int)sys_s32(a->v[0]), sig = (int)sys_s32(a->v[1]);
    if (tid == gettid())
        return sys_signal_self(sig);
    return sys_host_result(syscall(SYS_tkill, tid, sig));
}

int64_t sys_h_tgkill(ArmCpu *cpu, const SysArgs *a)
{
    int tgid = (int)sys_s32(a->v[0]), tid = (int)sys_s32(a->v[1]), sig = (int)sys_s32(a->v[2]);
    if (tgid == getpid() && tid == gettid())
        return sys_signal_self(sig);
    return sys_host_result(syscall(SYS_tgkill, tgid, tid, sig));
}

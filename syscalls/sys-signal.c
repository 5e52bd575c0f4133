/*
 * The signal system calls: sigaction, masks, the alternate stack,
 * sending (kill/tkill/tgkill/sigqueue), waiting (sigsuspend,
 * sigtimedwait, signalfd) and sigreturn. The state they change and the
 * delivery itself live in linux-user/signal*.c (see linux-user/signal.h
 * for the model: the host mask and dispositions mirror the guest's, so
 * sending a signal, even to oneself, is the host call: the host handler
 * queues it and it is delivered when this syscall returns, as the kernel
 * delivers on the way back to user mode).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "syscalls/abi.h"
#include "syscalls/sys.h"
#include "util/log.h"

#define SIGBIT(sig) LU_SIGBIT(sig)
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

const SysSigAction *sys_sig_action(int sig)
{
    _Static_assert(sizeof(SysSigAction) == sizeof(LuSigAction), "one action layout");
    return (sig >= 1 && sig <= SYS_NSIG) ? (const SysSigAction *)&lu_sig_actions[sig] : NULL;
}

uint64_t sys_sig_blocked(void) { return lu_signal_thread()->blocked; }
uint64_t sys_sig_pending(void) { return lu_signal_pending(); }

static int read_sigset(uint32_t addr, uint32_t size, uint64_t *set)
{
    if (size != 8)
        return -EINVAL;
    return sys_copy_from_guest(set, addr, 8);
}

int64_t sys_h_rt_sigaction(ArmCpu *cpu, const SysArgs *a)
{
    int sig = (int)sys_s32(a->v[0]);
    uint32_t act_addr = (uint32_t)a->v[1], old_addr = (uint32_t)a->v[2];
    if ((uint32_t)a->v[3] != 8 || sig < 1 || sig > SYS_NSIG)
        return -EINVAL;
    if (act_addr && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    arm_sigaction g;
    LuSigAction new_action = { 0, 0, 0, 0 };
    if (act_addr) {
        if (sys_copy_from_guest(&g, act_addr, sizeof g))
            return -EFAULT;
        new_action = (LuSigAction){ g.handler, g.flags, g.restorer,
                                    ((uint64_t)g.mask[1] << 32 | g.mask[0]) & ~UNBLOCKABLE };
    }
    if (old_addr) {
        const LuSigAction *o = &lu_sig_actions[sig];
        g = (arm_sigaction){ o->handler, o->flags, o->restorer, { (uint32_t)o->mask, (uint32_t)(o->mask >> 32) } };
        if (sys_copy_to_guest(old_addr, &g, sizeof g))
            return -EFAULT;
    }
    if (act_addr) {
        uint32_t before = lu_sig_actions[sig].handler;
        lu_sig_actions[sig] = new_action;
        /* Only a change between ignore, default and "a handler" touches
         * the host (glibc re-installs handlers often). Setting SIG_IGN
         * drops a pending instance, as in the kernel (the host does the
         * same for the ones it holds). */
        bool was_handler = before > LU_SIG_IGN, is_handler = new_action.handler > LU_SIG_IGN;
        if ((before != new_action.handler && !(was_handler && is_handler)) || sig == SIGCHLD)
            lu_signal_action_changed(sig);
        if (new_action.handler == LU_SIG_IGN) {
            lu_signal_hold();
            while (lu_signal_dequeue(SIGBIT(sig), NULL))
                ;
            lu_signal_release();
        }
    }
    return 0;
}

int64_t sys_h_rt_sigprocmask(ArmCpu *cpu, const SysArgs *a)
{
    int how = (int)sys_s32(a->v[0]);
    uint32_t set_addr = (uint32_t)a->v[1], old_addr = (uint32_t)a->v[2];
    uint64_t set = 0, old = lu_signal_thread()->blocked;
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
        if (m != old)
            lu_signal_set_blocked(m);
    }
    return 0;
}

int64_t sys_h_rt_sigpending(ArmCpu *cpu, const SysArgs *a)
{
    if ((uint32_t)a->v[1] > 8)
        return -EINVAL;
    uint64_t p = lu_signal_pending();
    return sys_copy_to_guest((uint32_t)a->v[0], &p, (uint32_t)a->v[1]);
}

int64_t sys_h_sigaltstack(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t ss_addr = (uint32_t)a->v[0], old_addr = (uint32_t)a->v[1];
    uint32_t sp = cpu->regs[13];
    arm_stack ss, old = lu_signal_thread()->altstack;
    /* What the guest reads back: SS_ONSTACK while on it, SS_DISABLE when
     * there is none, and the SS_AUTODISARM it asked for. */
    if (!old.ss_size)
        old.ss_flags = LU_SS_DISABLE;
    else if (lu_sigaltstack_on(sp) && !((uint32_t)old.ss_flags & LU_SS_AUTODISARM))
        old.ss_flags |= LU_SS_ONSTACK;
    if (ss_addr && sys_copy_from_guest(&ss, ss_addr, sizeof ss))
        return -EFAULT;
    if (ss_addr) {
        int err = lu_sigaltstack_set(&ss, sp);
        if (err)
            return err;
    }
    if (old_addr && sys_copy_to_guest(old_addr, &old, sizeof old))
        return -EFAULT;
    return 0;
}

/* A signal ferry raises for the current syscall (breakpoint syscall, bad
 * ARM private syscall): delivered when it returns; r0 is left alone. As
 * in the kernel's arm_syscall, the breakpoint also moves pc back to the
 * svc (a debugger resumes there), a bad syscall does not; si_addr is the
 * svc either way. */
int64_t sys_signal_self(int sig)
{
    LuSigThread *t = lu_signal_thread();
    if (!t->cpu)
        lu_die_by_signal(sig);   /* no guest thread to deliver it to */
    ArmCpu *cpu = t->cpu;
    uint32_t svc = cpu->common.pc - ((cpu->common.flags & ARM_FLAG_THUMB) ? 2 : 4);
    if (sig == SIGTRAP) {
        cpu->common.pc = svc;
        lu_signal_queue_sync(sig, 1 /* TRAP_BRKPT */, svc);
    } else {
        lu_signal_queue_sync(sig, 4 /* ILL_ILLTRP */, svc);
    }
    return (int32_t)cpu->regs[0];
}

/* kill, tkill and tgkill are the host's, to other processes and to
 * ourselves alike (see the top of the file). */
int64_t sys_h_kill(ArmCpu *cpu, const SysArgs *a)
{
    return sys_host_result(kill((pid_t)sys_s32(a->v[0]), (int)sys_s32(a->v[1])));
}

int64_t sys_h_tkill(ArmCpu *cpu, const SysArgs *a)
{
    return sys_host_result(syscall(SYS_tkill, (int)sys_s32(a->v[0]), (int)sys_s32(a->v[1])));
}

int64_t sys_h_tgkill(ArmCpu *cpu, const SysArgs *a)
{
    return sys_host_result(syscall(SYS_tgkill, (int)sys_s32(a->v[0]), (int)sys_s32(a->v[1]),
                                   (int)sys_s32(a->v[2])));
}

/* rt_sigqueueinfo(tgid, sig, info) and rt_tgsigqueueinfo(tgid, tid, sig,
 * info): the guest's siginfo in the host's layout. */
static int64_t queueinfo(int tgid, int tid, int sig, uint32_t info_addr)
{
    arm_siginfo g;
    siginfo_t h;
    if (sys_copy_from_guest(&g, info_addr, sizeof g))
        return -EFAULT;
    lu_siginfo_to_host(&h, &g);
    h.si_signo = sig;
    if (tid < 0)
        return sys_host_result(syscall(SYS_rt_sigqueueinfo, tgid, sig, &h));
    return sys_host_result(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &h));
}

int64_t sys_h_rt_sigqueueinfo(ArmCpu *cpu, const SysArgs *a)
{
    return queueinfo((int)sys_s32(a->v[0]), -1, (int)sys_s32(a->v[1]), (uint32_t)a->v[2]);
}

int64_t sys_h_rt_tgsigqueueinfo(ArmCpu *cpu, const SysArgs *a)
{
    return queueinfo((int)sys_s32(a->v[0]), (int)sys_s32(a->v[1]), (int)sys_s32(a->v[2]), (uint32_t)a->v[3]);
}

/* rt_sigsuspend: wait with the given mask until a signal is delivered; the
 * handler's frame saves the old mask, which sigreturn restores. */
int64_t sys_h_rt_sigsuspend(ArmCpu *cpu, const SysArgs *a)
{
    uint64_t mask;
    int err = read_sigset((uint32_t)a->v[0], (uint32_t)a->v[1], &mask);
    if (err)
        return err;
    LuSigThread *t = lu_signal_thread();
    uint64_t old = t->blocked;
    lu_signal_set_blocked(mask);
    for (;;) {
        lu_signal_hold();
        t->host_signalled = 0;
        bool ready = (t->pending & ~t->blocked) != 0;
        lu_signal_release();
        if (ready)
            break;
        /* A signal between the look above and the pause makes it return
         * at once (lu_safe_syscall). */
        lu_safe_syscall(SYS_pause, 0, 0, 0, 0, 0, 0);
    }
    t->sigsuspend_mask = old;
    t->sigsuspend_mask_valid = true;
    if (t->cpu)
        t->cpu->common.exit_request = 1;
    return -EINTR;
}

/* rt_sigtimedwait(set, info, timeout, size), with a 32-bit or 64-bit
 * timespec: a signal of set queued here, else the host's wait. */
static int64_t timed_wait(const SysArgs *a, bool time64)
{
    uint64_t set;
    int err = read_sigset((uint32_t)a->v[0], (uint32_t)a->v[3], &set);
    if (err)
        return err;
    uint32_t info_addr = (uint32_t)a->v[1], ts_addr = (uint32_t)a->v[2];
    struct timespec ts;
    if (ts_addr) {
        if (time64) {
            int64_t g[2];
            if (sys_copy_from_guest(g, ts_addr, sizeof g))
                return -EFAULT;
            ts.tv_sec = g[0], ts.tv_nsec = (long)(int32_t)g[1];
        } else {
            int32_t g[2];
            if (sys_copy_from_guest(g, ts_addr, sizeof g))
                return -EFAULT;
            ts.tv_sec = g[0], ts.tv_nsec = g[1];
        }
    }
    set &= ~UNBLOCKABLE;
    arm_siginfo info;
    lu_signal_hold();
    int sig = lu_signal_dequeue(set, &info);
    lu_signal_release();
    if (!sig) {
        siginfo_t hi;
        long r = lu_safe_syscall(SYS_rt_sigtimedwait, (long)&set, (long)&hi, ts_addr ? (long)&ts : 0, 8, 0, 0);
        if (r == -EINTR) {
            /* The host handler took it: one of set, or another signal. */
            lu_signal_hold();
            sig = lu_signal_dequeue(set, &info);
            lu_signal_release();
            if (!sig)
                return -EINTR;
        } else if (r < 0) {
            return r;
        } else {
            sig = (int)r;
            lu_siginfo_from_host(&info, &hi);
        }
    }
    if (info_addr && sys_copy_to_guest(info_addr, &info, sizeof info))
        return -EFAULT;
    return sig;
}

int64_t sys_h_rt_sigtimedwait(ArmCpu *cpu, const SysArgs *a) { return timed_wait(a, false); }
int64_t sys_h_rt_sigtimedwait_time64(ArmCpu *cpu, const SysArgs *a) { return timed_wait(a, true); }

/* signalfd reads what the host holds pending for the (blocked) set; its
 * struct signalfd_siginfo is the same on ARM and x86-64, and SFD_* are
 * O_NONBLOCK / O_CLOEXEC, also the same. */
int64_t sys_h_signalfd4(ArmCpu *cpu, const SysArgs *a)
{
    uint64_t set;
    int err = read_sigset((uint32_t)a->v[1], (uint32_t)a->v[2], &set);
    if (err)
        return err;
    uint32_t flags = a->entry->nargs > 3 ? (uint32_t)a->v[3] : 0;
    return sys_host_result(syscall(SYS_signalfd4, (int)sys_s32(a->v[0]), &set, 8, (int)flags));
}

/* sigreturn / rt_sigreturn: every register comes from the frame; the
 * dispatcher writes our result to r0, so the result is the restored r0. */
int64_t sys_h_sigreturn(ArmCpu *cpu, const SysArgs *a)
{
    lu_sigframe_restore(cpu, false);
    return (int32_t)cpu->regs[0];
}

int64_t sys_h_rt_sigreturn(ArmCpu *cpu, const SysArgs *a)
{
    lu_sigframe_restore(cpu, true);
    return (int32_t)cpu->regs[0];
}

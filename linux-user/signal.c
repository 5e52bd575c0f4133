/*
 * Guest signal delivery: per-thread pending queues filled by the host
 * signal handler or by guest faults, delivery into guest handlers at unit
 * boundaries, default actions, and the kernel's syscall restart rules.
 * The model (host mask and dispositions mirror the guest's) is described
 * in linux-user/signal.h; the frame layout is in signal-frame.c.
 *
 * The run-time changes a thread's queue only with host signals held off
 * (lu_signal_hold), so the host handler, which only appends, never sees it
 * half-changed. That costs two sigprocmask calls per delivery, which is
 * rare next to guest code; nothing here runs on the translated-code path.
 */
#include "linux-user/signal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "loader/loader.h"
#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "tcg/backend.h"
#include "util/die.h"
#include "util/log.h"

#define BIT(sig) LU_SIGBIT(sig)
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
/* Synchronous signals: ferry's own faults must reach ferry, so the host
 * never blocks them; the guest's are delivered before anything else. */
#define SYNC_SIGS (BIT(SIGSEGV) | BIT(SIGBUS) | BIT(SIGILL) | BIT(SIGFPE) | BIT(SIGTRAP))
#define HOST_SA_RESTORER 0x04000000

__thread LuSigThread *lu_sig_self;
LuSigAction lu_sig_actions[LU_NSIG + 1];
static LuSigThread no_thread = { .altstack = { 0, LU_SS_DISABLE, 0 } };

extern const char lu_safe_syscall_start[], lu_safe_syscall_end[], lu_safe_syscall_eintr[];
extern void lu_host_sigreturn(void);

/* The kernel's struct sigaction for the raw rt_sigaction syscall. */
typedef struct HostSigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
} HostSigaction;

static struct sigaction tcg_fault_action[SIGSYS + 1];   /* SIGSEGV, SIGBUS */

LuSigThread *lu_signal_thread(void)
{
    return lu_sig_self ? lu_sig_self : &no_thread;
}

static void host_setmask(uint64_t m)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
}

void lu_signal_hold(void)
{
    host_setmask(~0ull);
}

void lu_signal_release(void)
{
    host_setmask(lu_signal_thread()->blocked & ~SYNC_SIGS);
}

static void kick(LuSigThread *t)
{
    if (t->cpu)
        t->cpu->common.exit_request = 1;
}

/* ---- the queue (host handler, or run-time with signals held) ---- */

static void queue_push(LuSigThread *t, const arm_siginfo *info)
{
    int sig = info->signo;
    if (sig < 1 || sig > LU_NSIG)
        return;
    /* No coalescing here: the host kernel already merged standard signals
     * pending in the same set, and each host delivery is one the guest's
     * kernel would have made (the host mask is the guest's). Past the
     * limit a signal is dropped: the sender cannot be told any more. */
    if (t->nqueued == LU_SIG_QUEUE)
        return;
    t->queue[t->nqueued++] = *info;
    t->pending |= BIT(sig);
}

/* Synchronous signals first, then the lowest number (the kernel's order). */
static int pick(uint64_t set)
{
    if (!set)
        return 0;
    uint64_t sync = set & SYNC_SIGS;
    return __builtin_ctzll(sync ? sync : set) + 1;
}

static void queue_remove(LuSigThread *t, int sig, arm_siginfo *out)
{
    uint32_t i = 0, n = 0;
    while (i < t->nqueued && t->queue[i].signo != sig)
        i++;
    if (i == t->nqueued)
        return;
    if (out)
        *out = t->queue[i];
    memmove(&t->queue[i], &t->queue[i + 1], (t->nqueued - i - 1) * sizeof t->queue[0]);
    t->nqueued--;
    for (uint32_t j = 0; j < t->nqueued; j++)
        n += t->queue[j].signo == sig;
    if (!n)
        t->pending &= ~BIT(sig);
}

int lu_signal_dequeue(uint64_t set, arm_siginfo *info)
{
    LuSigThread *t = lu_signal_thread();
    int sig = pick(t->pending & set);
    if (sig)
        queue_remove(t, sig, info);
    return sig;
}

/* ---- host handlers ---- */

static void in_safe_syscall_fixup(void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *rip = &uc->uc_mcontext.gregs[REG_RIP];
    if ((uintptr_t)*rip >= (uintptr_t)lu_safe_syscall_start && (uintptr_t)*rip < (uintptr_t)lu_safe_syscall_end)
        *rip = (greg_t)(uintptr_t)lu_safe_syscall_eintr;
}

static void record(int sig, siginfo_t *si, void *ucv)
{
    LuSigThread *t = lu_sig_self;
    if (!t)
        return;   /* a host thread that runs no guest code */
    (void)sig;
    arm_siginfo info;
    lu_siginfo_from_host(&info, si);
    queue_push(t, &info);
    t->host_signalled = 1;
    kick(t);
    in_safe_syscall_fixup(ucv);
}

/* A synchronous signal ferry itself caused: a bug in ferry. Let it kill
 * the process the normal way once the handler returns. */
static void ferry_crash(int sig)
{
    HostSigaction dfl = { SIG_DFL, 0, NULL, 0 };
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
}

static void host_handler(int sig, siginfo_t *si, void *ucv)
{
    if ((BIT(sig) & SYNC_SIGS) && si->si_code > 0) {
        ferry_crash(sig);
        return;
    }
    record(sig, si, ucv);
}

/* SIGSEGV/SIGBUS: the engine's guest-fault handling first; a fault ferry
 * caused goes to the engine's crash report; one sent by a process is an
 * asynchronous guest signal. Runs with SA_NODEFER (see tcg/exec.c), so
 * hold the other signals off while queueing. */
static void host_fault_handler(int sig, siginfo_t *si, void *ucv)
{
    if (si->si_code > 0) {
        tcg_handle_host_fault(sig, si, ucv);
        tcg_fault_action[sig].sa_sigaction(sig, si, ucv);
        return;
    }
    lu_signal_hold();
    record(sig, si, ucv);
    /* The kernel restores the interrupted mask from ucv on return. */
}

/* extra_flags: SA_NOCLDSTOP / SA_NOCLDWAIT for SIGCHLD, which act when
 * the signal is generated, i.e. in the host kernel (same values on both). */
static void host_install(int sig, void *handler, unsigned long extra_flags)
{
    HostSigaction sa = { handler, SA_SIGINFO | HOST_SA_RESTORER | extra_flags, lu_host_sigreturn, ~0ull };
    if (handler == SIG_DFL || handler == SIG_IGN)
        sa.flags = extra_flags, sa.restorer = NULL, sa.mask = 0;
    syscall(SYS_rt_sigaction, sig, &sa, NULL, 8);
}

void lu_signal_action_changed(int sig)
{
    if (sig == SIGKILL || sig == SIGSTOP || sig == SIGSEGV || sig == SIGBUS)
        return;
    uint32_t h = lu_sig_actions[sig].handler;
    void *host = (void *)host_handler;
    if (h == LU_SIG_DFL)
        host = SIG_DFL;
    else if (h == LU_SIG_IGN && !(BIT(sig) & SYNC_SIGS))
        host = SIG_IGN;
    unsigned long extra = sig == SIGCHLD ? lu_sig_actions[sig].flags & (SA_NOCLDSTOP | SA_NOCLDWAIT) : 0;
    host_install(sig, host, extra);
}

static void process_init(void)
{
    /* Ignored signals survive execve: a guest started by a guest that
     * ignored them ignores them too. */
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        HostSigaction old;
        if (sig == SIGKILL || sig == SIGSTOP || sig == SIGSEGV || sig == SIGBUS)
            continue;
        if (syscall(SYS_rt_sigaction, sig, NULL, &old, 8) == 0 && old.handler == SIG_IGN)
            lu_sig_actions[sig].handler = LU_SIG_IGN;
    }
    for (int sig = SIGBUS; sig <= SIGSEGV; sig += SIGSEGV - SIGBUS) {
        struct sigaction sa;
        sigaction(sig, NULL, &tcg_fault_action[sig]);
        sa = tcg_fault_action[sig];
        if (!(sa.sa_flags & SA_SIGINFO) || sa.sa_handler == SIG_DFL || sa.sa_handler == SIG_IGN)
            ferry_die("internal error: the engine's fault handler is not installed");
        sa.sa_sigaction = host_fault_handler;
        sigaction(sig, &sa, NULL);
    }
    unsigned f = lu_page_flags(LU_KUSER_PAGE);
    if ((f & LU_PG_MAPPED) && (f & LU_PG_EXEC))
        lu_sigreturn_base = LU_KUSER_PAGE + LU_KUSER_SIGRETURN;
}

void lu_signal_thread_start(ArmCpu *cpu)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, process_init);
    LuSigThread *t = calloc(1, sizeof *t);
    if (!t)
        ferry_die("out of memory");
    t->cpu = cpu;
    t->altstack = (arm_stack){ 0, LU_SS_DISABLE, 0 };
    /* The guest mask starts as the host mask this thread inherited (from
     * the execve that started ferry, or the thread that created it). */
    uint64_t host = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &host, 8);
    t->blocked = host & ~UNBLOCKABLE;
    lu_sig_self = t;
    lu_signal_release();
}

void lu_signal_thread_exit(void)
{
    LuSigThread *t = lu_sig_self;
    if (!t)
        return;
    lu_signal_hold();
    lu_sig_self = NULL;
    free(t);
}

void lu_signal_set_blocked(uint64_t blocked)
{
    LuSigThread *t = lu_signal_thread();
    t->blocked = blocked & ~UNBLOCKABLE;
    lu_signal_release();
    /* Unblocked signals pending on the host arrive by now; those queued
     * here are delivered when the guest next runs. */
    if (t->pending & ~t->blocked)
        kick(t);
}

uint64_t lu_signal_pending(void)
{
    uint64_t host = 0;
    syscall(SYS_rt_sigpending, &host, 8);
    return (lu_signal_thread()->pending | host) & lu_signal_thread()->blocked;
}

/* ---- alternate stack ---- */

bool lu_sigaltstack_on(uint32_t sp)
{
    const arm_stack *s = &lu_signal_thread()->altstack;
    return s->ss_size && sp - s->ss_sp <= s->ss_size;
}

int lu_sigaltstack_set(const arm_stack *ss, uint32_t sp)
{
    LuSigThread *t = lu_signal_thread();
    if (lu_sigaltstack_on(sp) && !((uint32_t)t->altstack.ss_flags & LU_SS_AUTODISARM))
        return -EPERM;
    arm_stack n = *ss;
    int mode = (int)((uint32_t)n.ss_flags & ~LU_SS_AUTODISARM);
    if (mode != LU_SS_DISABLE && mode != LU_SS_ONSTACK && mode != 0)
        return -EINVAL;
    if (mode == LU_SS_DISABLE) {
        n = (arm_stack){ 0, LU_SS_DISABLE, 0 };
    } else {
        if (n.ss_size < 2048 /* MINSIGSTKSZ */)
            return -ENOMEM;
        n.ss_flags &= (int32_t)LU_SS_AUTODISARM;
    }
    t->altstack = n;
    return 0;
}

/* ---- delivery ---- */

static bool default_ignored(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void default_action(int sig)
{
    if (default_ignored(sig))
        return;
    if (default_stops(sig)) {
        /* The host disposition is SIG_DFL too (lu_signal_action_changed):
         * the host stops the process until SIGCONT. */
        syscall(SYS_tgkill, getpid(), gettid(), sig);
        return;
    }
    lu_die_by_signal(sig);
}

/* The kernel's force_sig_fault: a blocked or ignored synchronous signal
 * cannot be held back, it kills. */
static void queue_forced(LuSigThread *t, int sig, int code, uint32_t addr)
{
    const LuSigAction *a = &lu_sig_actions[sig];
    if ((t->blocked & BIT(sig)) || a->handler == LU_SIG_IGN || a->handler == LU_SIG_DFL)
        lu_die_by_signal(sig);
    arm_siginfo info;
    memset(&info, 0, sizeof info);
    info.signo = sig;
    info.code = code;
    memcpy(&info.pid, &addr, 4);   /* si_addr: the union's first word */
    lu_signal_hold();
    queue_remove(t, sig, NULL);   /* this occurrence's info wins */
    queue_push(t, &info);
    lu_signal_release();
    kick(t);
}

void lu_signal_queue_sync(int sig, int code, uint32_t addr)
{
    LuSigThread *t = lu_signal_thread();
    if (!t->cpu)
        lu_die_by_signal(sig);
    queue_forced(t, sig, code, addr);
}

void lu_signal_fault_info(uint32_t trap_no, uint32_t error_code, uint32_t addr)
{
    LuSigThread *t = lu_signal_thread();
    t->trap_no = trap_no;
    t->error_code = error_code;
    t->fault_address = addr;
}

void lu_signal_force(ArmCpu *cpu, int sig, int code, uint32_t addr)
{
    LuSigThread *t = lu_signal_thread();
    if (!t->cpu)
        lu_die_by_signal(sig);
    queue_forced(t, sig, code, addr);
    lu_signal_deliver(cpu);
}

/* Runs the handler for sig (or its default action). */
static void deliver_one(ArmCpu *cpu, LuSigThread *t, int sig, const arm_siginfo *info)
{
    LuSigAction *a = &lu_sig_actions[sig];
    if (a->handler == LU_SIG_IGN)
        return;
    if (a->handler == LU_SIG_DFL) {
        default_action(sig);
        return;
    }
    LuSigAction act = *a;
    uint64_t saved = t->sigsuspend_mask_valid ? t->sigsuspend_mask : t->blocked;
    if (act.flags & LU_SA_RESETHAND) {
        a->handler = LU_SIG_DFL;
        a->flags &= ~LU_SA_SIGINFO;
        lu_signal_action_changed(sig);
    }
    if (!lu_sigframe_setup(cpu, sig, info, &act, saved)) {
        /* No room for the frame: the kernel's force_sigsegv. */
        ferry_log(FERRY_LOG_guest_errors, "signal %d: cannot write the frame below sp 0x%08x: SIGSEGV\n",
                  sig, cpu->regs[13]);
        if (sig == SIGSEGV) {
            lu_sig_actions[SIGSEGV].handler = LU_SIG_DFL;
            lu_die_by_signal(SIGSEGV);
        }
        queue_forced(t, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
        return;
    }
    t->sigsuspend_mask_valid = false;
    if (lu_process.strace || ferry_log_enabled(FERRY_LOG_strace)) {
        FILE *f = ferry_log_file ? ferry_log_file : stderr;
        fprintf(f, "%d --- signal %d {si_code=%d} to handler 0x%08x%s ---\n", (int)getpid(), sig, info->code,
                act.handler, (act.flags & LU_SA_SIGINFO) ? " (SA_SIGINFO)" : "");
        fflush(f);
    }
    uint64_t blocked = t->blocked | act.mask;
    if (!(act.flags & LU_SA_NODEFER))
        blocked |= BIT(sig);
    lu_signal_set_blocked(blocked);
    t->trap_no = t->error_code = t->fault_address = 0;
}

void lu_signal_deliver(ArmCpu *cpu)
{
    LuSigThread *t = lu_sig_self;
    if (!t)
        return;
    for (;;) {
        arm_siginfo info;
        lu_signal_hold();
        t->host_signalled = 0;
        int sig = pick(t->pending & ~t->blocked);
        if (sig)
            queue_remove(t, sig, &info);
        lu_signal_release();
        if (!sig)
            break;
        deliver_one(cpu, t, sig, &info);
    }
    if (t->sigsuspend_mask_valid) {
        t->sigsuspend_mask_valid = false;
        lu_signal_set_blocked(t->sigsuspend_mask);
    }
}

/* ---- syscall restart ---- */

/* Calls the kernel never restarts after a handler ran, whatever
 * SA_RESTART says (signal(7); they return -ERESTARTNOHAND or
 * -ERESTART_RESTARTBLOCK): ARM EABI numbers. */
static const uint16_t no_restart_after_handler[] = {
    29 /* pause */, 72 /* sigsuspend */, 142 /* _newselect */, 162 /* nanosleep */, 168 /* poll */,
    177 /* rt_sigtimedwait */, 179 /* rt_sigsuspend */, 245 /* io_getevents */, 252 /* epoll_wait */,
    265 /* clock_nanosleep */, 298 /* semop */, 301 /* msgsnd */, 302 /* msgrcv */, 312 /* semtimedop */,
    335 /* pselect6 */, 336 /* ppoll */, 346 /* epoll_pwait */, 365 /* recvmmsg */,
    407 /* clock_nanosleep_time64 */, 413 /* pselect6_time64 */, 414 /* ppoll_time64 */,
    416 /* io_pgetevents_time64 */, 417 /* recvmmsg_time64 */, 420 /* semtimedop_time64 */,
    421 /* rt_sigtimedwait_time64 */, 441 /* epoll_pwait2 */,
};

static bool restart_after_handler(const ArmCpu *cpu, uint32_t nr)
{
    for (size_t i = 0; i < sizeof no_restart_after_handler / sizeof no_restart_after_handler[0]; i++)
        if (no_restart_after_handler[i] == nr)
            return false;
    /* futex: a wait with a timeout is not restarted (-ERESTART_RESTARTBLOCK). */
    if ((nr == 240 || nr == 422) && cpu->regs[3])
        return false;
    return true;
}

void lu_signal_masked_wait_interrupted(const void *mask)
{
    LuSigThread *t = lu_sig_self;
    if (!t || !mask || t->sigsuspend_mask_valid)
        return;
    uint64_t m;
    memcpy(&m, mask, 8);
    t->sigsuspend_mask = t->blocked;
    t->sigsuspend_mask_valid = true;
    lu_signal_set_blocked(m);
}

void lu_signal_syscall_eintr(ArmCpu *cpu, uint32_t nr, uint32_t orig_r0)
{
    LuSigThread *t = lu_sig_self;
    if (!t || !t->host_signalled)
        return;   /* not caused by a signal: the guest sees EINTR */
    /* sigreturn's r0 is the restored one; sigsuspend decides itself. */
    if (nr == 119 || nr == 173 || nr == 72 || nr == 179)
        return;
    lu_signal_hold();
    t->host_signalled = 0;
    int sig = pick(t->pending & ~t->blocked);
    lu_signal_release();
    uint32_t h = sig ? lu_sig_actions[sig].handler : LU_SIG_IGN;
    bool handler = h != LU_SIG_IGN && h != LU_SIG_DFL;
    bool restart = handler ? (lu_sig_actions[sig].flags & LU_SA_RESTART) && restart_after_handler(cpu, nr)
                           : true;
    if (restart) {
        /* The restarted call sets its temporary mask again. */
        if (t->sigsuspend_mask_valid) {
            t->sigsuspend_mask_valid = false;
            lu_signal_set_blocked(t->sigsuspend_mask);
        }
        cpu->regs[0] = orig_r0;
        cpu->common.pc -= (cpu->common.flags & ARM_FLAG_THUMB) ? 2 : 4;
    }
}

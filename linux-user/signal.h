/*
 * Guest signal delivery: the run-time's side (linux-user/signal*.c).
 *
 * Model: guest signal numbers are the host's (ARM and x86-64 share them),
 * so guest signals ride on host signals. The host signal mask of a thread
 * mirrors its guest blocked mask, and a signal's host disposition mirrors
 * its guest one (ignore -> SIG_IGN, default -> SIG_DFL, a guest handler ->
 * lu's host handler), so the host kernel does the queueing, the thread
 * choice for process signals, the blocking and the default actions.
 * Only SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP are never blocked on
 * the host (ferry's own faults must not be held back).
 *
 * The host handler converts the host siginfo to the guest's, queues it on
 * the thread (LuSigThread), sets host_signalled and the TcgCpu's
 * exit_request; the CPU loop then delivers at the next unit boundary
 * (lu_signal_deliver). Guest faults are queued directly (lu_signal_force).
 *
 * Blocking syscalls go through lu_safe_syscall: it checks host_signalled
 * and enters the kernel in one asm sequence; a host signal landing between
 * the check and the syscall instruction makes the handler move the host pc
 * to a "return -EINTR" exit, so a signal can never be lost in that window.
 * An EINTR caused by a host signal is then restarted or returned as the
 * kernel's -ERESTARTSYS logic says (lu_signal_syscall_eintr).
 *
 * Actions are per process; pending, blocked and the alternate stack are
 * per thread: each thread that runs guest code calls lu_signal_thread_start
 * (lu_cpu_loop does); its guest mask starts as the host mask it inherited.
 */
#ifndef FERRY_LINUX_USER_SIGNAL_H
#define FERRY_LINUX_USER_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "syscalls/abi.h"
#include "target/arm/cpu.h"

#define LU_NSIG 64
#define LU_SIGBIT(sig) (1ull << ((sig) - 1))
#define LU_SIG_QUEUE 64        /* queued siginfos per thread */

typedef struct LuSigAction {
    uint32_t handler, flags, restorer;
    uint64_t mask;
} LuSigAction;

#define LU_SIG_DFL 0u
#define LU_SIG_IGN 1u
/* ARM sa_flags (the generic values). */
#define LU_SA_SIGINFO 0x00000004u
#define LU_SA_RESTORER 0x04000000u
#define LU_SA_ONSTACK 0x08000000u
#define LU_SA_RESTART 0x10000000u
#define LU_SA_NODEFER 0x40000000u
#define LU_SA_RESETHAND 0x80000000u
#define LU_SS_ONSTACK 1
#define LU_SS_DISABLE 2
#define LU_SS_AUTODISARM (1u << 31)

typedef struct LuSigThread {
    ArmCpu *cpu;
    volatile int32_t host_signalled;  /* a host signal came since the last look */
    uint64_t pending;                  /* signals with an entry in queue[] */
    uint64_t blocked;
    arm_stack altstack;
    uint32_t trap_no, error_code, fault_address;  /* sigcontext of the last fault */
    bool sigsuspend_mask_valid;        /* restore this mask after delivery */
    uint64_t sigsuspend_mask;
    uint32_t nqueued;
    arm_siginfo queue[LU_SIG_QUEUE];   /* in arrival order */
} LuSigThread;

/* The calling thread's state (NULL before lu_signal_thread_start). */
extern __thread LuSigThread *lu_sig_self;

/* lu_sig_self, or a placeholder for code that runs no guest (unit tests). */
LuSigThread *lu_signal_thread(void);

/* Process-wide actions (index 1..64). */
extern LuSigAction lu_sig_actions[LU_NSIG + 1];

/* Sets up the calling thread to run cpu (allocates its LuSigThread; the
 * first call also installs the process-wide host handlers). */
void lu_signal_thread_start(ArmCpu *cpu);

/* The calling thread stops running guest code (thread exit): its state
 * goes; signals queued for it only are dropped, as with a dying thread.
 * A host thread that runs no guest code must keep host signals blocked
 * (the host handler has nowhere to queue them). */
void lu_signal_thread_exit(void);

/* Mirror a changed guest action / blocked mask onto the host. */
void lu_signal_action_changed(int sig);
void lu_signal_set_blocked(uint64_t blocked);

/* Queue a synchronous signal raised by the guest's own instruction (fault,
 * undefined instruction, breakpoint) and deliver it now: if it is blocked
 * or ignored the process dies of it, as with the kernel's force_sig. */
void lu_signal_force(ArmCpu *cpu, int sig, int code, uint32_t addr);
/* The sigcontext fields of the fault about to be forced (trap_no,
 * error_code, fault_address, as the kernel's thread state has them). */
void lu_signal_fault_info(uint32_t trap_no, uint32_t error_code, uint32_t addr);
/* Deliver what is pending and unblocked: set up handler frames (nested,
 * like the kernel's), or take the default action. */
void lu_signal_deliver(ArmCpu *cpu);
/* A syscall nr that was called with r0 = orig_r0 returned -EINTR: restart
 * it (pc back to the svc, r0 restored) when the kernel would. */
void lu_signal_syscall_eintr(ArmCpu *cpu, uint32_t nr, uint32_t orig_r0);
/* Pending signals (queued in ferry or pending on the host) for sigpending. */
uint64_t lu_signal_pending(void);
/* Take a queued signal in set; 0 if none. */
int lu_signal_dequeue(uint64_t set, arm_siginfo *info);
/* Run code with host signals held off (queue changes). */
void lu_signal_hold(void);
void lu_signal_release(void);

/* sigreturn / rt_sigreturn: restore the state the frame at sp saved.
 * Returns false (and raises SIGSEGV) on a bad frame. */
bool lu_sigframe_restore(ArmCpu *cpu, bool rt);
/* Push a frame for sig at the right stack and enter the handler; false if
 * the frame cannot be written. */
bool lu_sigframe_setup(ArmCpu *cpu, int sig, const arm_siginfo *info, const LuSigAction *act,
                       uint64_t saved_mask);
/* siginfo between the host's layout and the guest's (by the kernel's
 * layout classes). */
void lu_siginfo_from_host(arm_siginfo *out, const void *host_siginfo);
void lu_siginfo_to_host(void *host_siginfo, const arm_siginfo *in);

/* A host syscall that cannot lose a signal: -EINTR without entering the
 * kernel if a host signal is pending for the guest. Raw result (-errno). */
long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* The same, with syscall(2)'s result convention (-1 and errno), for
 * handlers written around syscall(): lu_syscall(SYS_x, args...). */
long lu_safe_syscall_errno(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
#define LU_SYSCALL7(nr, a, b, c, d, e, f, ...) \
    lu_safe_syscall_errno(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define lu_syscall(...) LU_SYSCALL7(__VA_ARGS__, 0, 0, 0, 0, 0, 0)

/* A wait that took a temporary signal mask (ppoll, pselect6, epoll_pwait)
 * returned -EINTR: as the kernel does, deliver under that mask and restore
 * the thread's own afterwards (like sigsuspend). */
void lu_signal_masked_wait_interrupted(const void *mask);

/* Where the kernel's sigreturn codes live (the kuser page), 0 if none;
 * the codes themselves (also written into each frame). */
extern uint32_t lu_sigreturn_base;
extern const uint32_t lu_sigreturn_codes[6];

/* sigaltstack's checks and update for the calling thread, sp being the
 * guest's stack pointer: 0 or -errno. */
int lu_sigaltstack_set(const arm_stack *ss, uint32_t sp);
bool lu_sigaltstack_on(uint32_t sp);

/* Queue a signal caused by the current syscall (breakpoint, bad ARM
 * private syscall): delivered when the syscall returns; fatal now if it is
 * blocked or ignored. */
void lu_signal_queue_sync(int sig, int code, uint32_t addr);

#endif

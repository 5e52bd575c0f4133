/*
 * lu_safe_syscall: a host system call that a guest signal cannot slip
 * past. The race it closes: a host signal lands after the run-time last
 * looked for pending signals but before a blocking syscall (read, wait4,
 * futex...) enters the kernel; the syscall would then block with a
 * signal waiting to be delivered.
 *
 * The asm below tests the thread's host_signalled word and executes the
 * syscall instruction with nothing in between that could lose a signal:
 * if a host signal arrives while the host pc is anywhere in
 * [lu_safe_syscall_start, lu_safe_syscall_end), i.e. before the syscall
 * has run (or when the kernel rewound pc to restart it), the host signal
 * handler (signal.c) moves the pc to lu_safe_syscall_eintr, which returns
 * -EINTR as if the syscall had been interrupted. Written as a file-scope
 * asm block because that sequence cannot be expressed in C.
 *
 * Also the host signal restorer (rt_sigreturn) for handlers installed with
 * the raw rt_sigaction syscall (which signals 32 and 33 need: glibc's
 * sigaction refuses them).
 */
#include <sys/syscall.h>

#include "linux-user/signal.h"

long lu_safe_syscall_raw(volatile int32_t *flag, long nr, long a1, long a2, long a3, long a4, long a5,
                         long a6);

__asm__(
    "    .text\n"
    "    .globl lu_safe_syscall_raw\n"
    "    .type lu_safe_syscall_raw, @function\n"
    "lu_safe_syscall_raw:\n"
    "    .cfi_startproc\n"
    "    mov %rdi, %r11\n"        /* flag */
    "    mov %rsi, %rax\n"        /* nr */
    "    mov %rdx, %rdi\n"
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 8(%rsp), %r8\n"
    "    mov 16(%rsp), %r9\n"
    "    .globl lu_safe_syscall_start\n"
    "lu_safe_syscall_start:\n"
    "    cmpl $0, (%r11)\n"
    "    jne lu_safe_syscall_eintr\n"
    "    syscall\n"
    "    .globl lu_safe_syscall_end\n"
    "lu_safe_syscall_end:\n"
    "    ret\n"
    "    .globl lu_safe_syscall_eintr\n"
    "lu_safe_syscall_eintr:\n"
    "    mov $-4, %rax\n"         /* -EINTR */
    "    ret\n"
    "    .cfi_endproc\n"
    "    .size lu_safe_syscall_raw, .-lu_safe_syscall_raw\n"
    "\n"
    "    .globl lu_host_sigreturn\n"
    "    .type lu_host_sigreturn, @function\n"
    "lu_host_sigreturn:\n"
    "    mov $15, %eax\n"         /* rt_sigreturn */
    "    syscall\n"
    "    .size lu_host_sigreturn, .-lu_host_sigreturn\n");

#include <errno.h>

static volatile int32_t no_signal;

long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    LuSigThread *t = lu_sig_self;
    return lu_safe_syscall_raw(t ? &t->host_signalled : &no_signal, nr, a1, a2, a3, a4, a5, a6);
}

long lu_safe_syscall_errno(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    long r = lu_safe_syscall(nr, a1, a2, a3, a4, a5, a6);
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

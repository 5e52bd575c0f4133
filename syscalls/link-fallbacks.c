/*
 * Weak definitions of run-time services the syscall layer calls that
 * linux-user/ has not provided yet, so that ferry-arm and every unit test
 * link. A strong definition elsewhere (the Makefile links objects, not an
 * archive) replaces each one.
 *
 * lu_die_by_signal: what the kernel does for a fatal signal is to end the
 * process with that signal as its status; ferry does the same with the
 * host signal of the same number (ARM and x86-64 number signals alike),
 * with core dumps off, since a core of ferry is not the guest's core.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "linux-user/user.h"

__attribute__((weak)) void lu_die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    struct sigaction sa;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* Only a signal whose default is not fatal gets here. */
    _exit(128 + sig);
}

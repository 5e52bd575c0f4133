/*
 * Process-wide run-time state (lu_process) and ending the process the way
 * the kernel ends it for a fatal guest signal, so that the parent (a shell,
 * make) sees the same wait status as on ARM hardware: 139 for SIGSEGV,
 * 132 for SIGILL.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "linux-user/user.h"
#include "util/log.h"

LuProcess lu_process;

void lu_die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    if (ferry_log_file)
        fflush(ferry_log_file);
    /* A core file would be ferry's, not the guest's: never write one. */
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    struct sigaction sa = { .sa_handler = SIG_DFL };
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* Only a signal whose default is to continue gets here. */
    _exit(128 + sig);
}

/* Signals: handlers installed with sigaction run on raise/kill with the
 * right signal number and siginfo (SA_SIGINFO), masks block and later
 * deliver pending signals, a handler interrupting a computation returns
 * to it with every register intact, SIGALRM from setitimer interrupts a
 * loop, and a SIGSEGV handler can siglongjmp out of a bad access. */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t got[65];
static volatile int last_code, last_pid_ok;
static sigjmp_buf recover;

static void on_sig(int sig) { got[sig]++; }
static void on_info(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got[sig]++;
    last_code = si->si_code;
    last_pid_ok = si->si_pid == getpid();
}
static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got[sig]++;
    last_code = (uintptr_t)si->si_addr == 0x10;
    siglongjmp(recover, 1);
}

typedef struct { uint64_t acc; uint32_t a, b, c, d; } State;
static __attribute__((noinline)) void chunk(State *s, uint32_t seed)
{
    uint64_t acc = s->acc;
    uint32_t a = s->a, b = s->b, c = s->c, d = s->d;
    for (uint32_t i = seed; i < seed + 20000; i++) {
        acc = acc * 6364136223846793005ull + i;
        a += b ^ i; b += c + (a >> 3); c ^= d + a; d += (uint32_t)acc;
    }
    s->acc = acc; s->a = a; s->b = b; s->c = c; s->d = d;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* keep what was printed if a signal kills us */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("SIGUSR1 delivered %d times\n", got[SIGUSR1]);

    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("SIGUSR2 siginfo: count=%d code_is_user=%d pid_ok=%d\n", got[SIGUSR2], last_code == SI_USER, last_pid_ok);

    sigset_t block, old, pend;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("blocked: count still %d, pending=%d\n", got[SIGUSR1], sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: count=%d\n", got[SIGUSR1]);

    sa.sa_handler = on_sig;
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    /* A computation interrupted by many handlers must give the same
     * result as the same computation run without interruptions. */
    State st1 = { 1, 1, 2, 3, 4 }, st2 = { 1, 1, 2, 3, 4 };
    uint32_t chunks = 0;
    while (got[SIGALRM] < 5 && chunks < 20000) { chunk(&st1, chunks); chunks++; }
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
    for (uint32_t i = 0; i < chunks; i++) chunk(&st2, i);
    printf("SIGALRM at least 5: %d\n", got[SIGALRM] >= 5);
    printf("interrupted computation equals uninterrupted: %d\n", memcmp(&st1, &st2, sizeof st1) == 0);

    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(recover, 1) == 0) {
        volatile uintptr_t addr = 0x10;
        *(volatile int *)addr = 1;
        printf("no fault?\n");
    }
    printf("SIGSEGV caught=%d si_addr=0x10: %d\n", got[SIGSEGV], last_code);
    sa.sa_handler = SIG_IGN;
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("ignored SIGUSR1: count=%d\n", got[SIGUSR1]);
    return 0;
}

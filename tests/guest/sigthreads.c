/* Signals with threads: masks and alternate stacks are per thread,
 * handlers per process. pthread_kill reaches the chosen thread; a signal
 * sent to the process goes to a thread that does not block it; a thread
 * blocked in a read is interrupted by a signal aimed at it; a SIGSEGV in
 * a thread runs its handler on that thread. */
#include "guest.h"
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static pthread_t main_thread, worker;
static volatile pthread_t handled_by;
static volatile int handled, read_done;
static volatile uintptr_t bad_addr = 16;
static int pipefd[2];
static pthread_barrier_t barrier;
static __thread sigjmp_buf jb;

static void on_sig(int sig)
{
    (void)sig;
    handled_by = pthread_self();
    handled++;
}

static void on_segv(int sig) { siglongjmp(jb, sig); }

static void *worker_main(void *arg)
{
    (void)arg;
    /* The worker blocks SIGUSR2; the main thread blocks SIGUSR1. */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_barrier_wait(&barrier);   /* 1: masks set */
    pthread_barrier_wait(&barrier);   /* 2: process signal tests done */
    char c;
    ssize_t n = read(pipefd[0], &c, 1);   /* interrupted by pthread_kill */
    int e = errno;
    read_done = 1;
    printf("worker read: n=%d EINTR=%d handled here=%d\n", (int)n, e == EINTR,
           pthread_equal(handled_by, pthread_self()));
    volatile int r = sigsetjmp(jb, 1);
    if (r == 0)
        *(volatile int *)bad_addr = 1;
    printf("worker caught its own SIGSEGV: %d\n", r == SIGSEGV);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    main_thread = pthread_self();
    if (pipe(pipefd))
        return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    pthread_barrier_init(&barrier, NULL, 2);
    if (pthread_create(&worker, NULL, worker_main, NULL)) {
        printf("pthread_create failed\n");
        return 1;
    }
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_barrier_wait(&barrier);   /* 1 */

    /* SIGUSR1 to the process: only the worker can take it. */
    handled = 0;
    kill(getpid(), SIGUSR1);
    while (!handled)
        sched_yield();
    printf("process SIGUSR1 handled by the worker: %d\n", pthread_equal(handled_by, worker));
    /* SIGUSR2 to the process: only the main thread can take it. */
    handled = 0;
    kill(getpid(), SIGUSR2);
    printf("process SIGUSR2 handled by main: %d\n", handled == 1 && pthread_equal(handled_by, main_thread));
    sigset_t m;
    pthread_sigmask(SIG_BLOCK, NULL, &m);
    printf("main's mask has SIGUSR1, not SIGUSR2: %d %d\n", sigismember(&m, SIGUSR1), sigismember(&m, SIGUSR2));
    pthread_barrier_wait(&barrier);   /* 2 */

    /* Aim SIGUSR1 at the worker, blocked in read(): keep sending until
     * its handler has run (the first may land before the read blocks). */
    while (!read_done) {
        pthread_kill(worker, SIGUSR1);
        usleep(10000);
    }
    pthread_join(worker, NULL);
    printf("done\n");
    return 0;
}

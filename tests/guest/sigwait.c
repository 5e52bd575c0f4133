/* Signals and blocking system calls: a timer signal interrupts a blocked
 * read (EINTR without SA_RESTART; restarted with it), sigsuspend waits
 * with a temporary mask and restores the old one, sigtimedwait takes a
 * pending signal or times out, signalfd reads one, SIGCHLD arrives for an
 * exited child, SIGPIPE goes to its handler, and children that die of a
 * signal report it (default actions). */
#define _GNU_SOURCE
#include "guest.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int pipefd[2];
static volatile uintptr_t bad_addr = 8;
static volatile int got_alarm, got_chld, got_pipe, got_usr1;

static void on_alarm(int sig) { (void)sig; got_alarm++; }
/* Puts a byte in the pipe: a restarted read then returns it. */
static void on_alarm_feed(int sig)
{
    (void)sig;
    got_alarm++;
    if (write(pipefd[1], "x", 1) != 1)
        _exit(99);
}
static void on_chld(int sig) { (void)sig; got_chld++; }
static void on_pipe(int sig) { (void)sig; got_pipe++; }
static void on_usr1(int sig) { (void)sig; got_usr1++; }
static volatile pid_t usr2_from;
static void on_usr2_info(int sig, siginfo_t *si, void *uc) { (void)sig; (void)uc; usr2_from = si->si_pid; }

static void set(int sig, void (*h)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static void arm_timer_ms(int ms)
{
    struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void blocking_read(void)
{
    char c = 0;
    if (pipe(pipefd))
        return;
    set(SIGALRM, on_alarm, 0);
    got_alarm = 0;
    arm_timer_ms(30);
    ssize_t n = read(pipefd[0], &c, 1);
    int e = errno;
    printf("read without SA_RESTART: n=%d EINTR=%d handler ran=%d\n", (int)n, e == EINTR, got_alarm);

    set(SIGALRM, on_alarm_feed, SA_RESTART);
    got_alarm = 0;
    arm_timer_ms(30);
    n = read(pipefd[0], &c, 1);
    printf("read with SA_RESTART: n=%d c=%c handler ran=%d\n", (int)n, n == 1 ? c : '-', got_alarm);

    /* alarm(), as a program would use it. */
    set(SIGALRM, on_alarm, 0);
    got_alarm = 0;
    alarm(1);
    n = read(pipefd[0], &c, 1);
    e = errno;
    printf("alarm(1) interrupts read: n=%d EINTR=%d handler ran=%d\n", (int)n, e == EINTR, got_alarm);
}

static void suspend(void)
{
    sigset_t block, old, wait_mask, now;
    set(SIGALRM, on_alarm, 0);
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    got_alarm = 0;
    arm_timer_ms(30);
    sigemptyset(&wait_mask);
    int r = sigsuspend(&wait_mask);
    int e = errno;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("sigsuspend: r=%d EINTR=%d handler ran=%d SIGALRM blocked again=%d\n", r, e == EINTR, got_alarm,
           sigismember(&now, SIGALRM));

    /* A signal already pending when sigsuspend unblocks it. */
    set(SIGUSR1, on_usr1, 0);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    got_usr1 = 0;
    sigfillset(&wait_mask);
    sigdelset(&wait_mask, SIGUSR1);
    r = sigsuspend(&wait_mask);
    printf("sigsuspend with SIGUSR1 pending: r=%d handler ran=%d\n", r, got_usr1);

    /* sigtimedwait takes a blocked pending signal without its handler. */
    raise(SIGUSR1);
    siginfo_t si;
    sigset_t want;
    sigemptyset(&want);
    sigaddset(&want, SIGUSR1);
    struct timespec ts = { 1, 0 };
    got_usr1 = 0;
    r = sigtimedwait(&want, &si, &ts);
    printf("sigtimedwait: sig=%d si_signo=%d SI_TKILL=%d handler ran=%d\n", r, si.si_signo,
           si.si_code == SI_TKILL, got_usr1);
    ts.tv_sec = 0;
    ts.tv_nsec = 20 * 1000 * 1000;
    r = sigtimedwait(&want, &si, &ts);
    e = errno;
    printf("sigtimedwait timeout: r=%d EAGAIN=%d\n", r, e == EAGAIN);
    /* A timer signal that arrives during the wait. */
    arm_timer_ms(20);
    r = sigwaitinfo(&block, &si);
    printf("sigwaitinfo: sig is SIGALRM=%d\n", r == SIGALRM);

    int fd = signalfd(-1, &want, SFD_CLOEXEC);
    kill(getpid(), SIGUSR1);
    struct signalfd_siginfo ssi;
    ssize_t n = read(fd, &ssi, sizeof ssi);
    printf("signalfd: n=%d signo=%u SI_USER=%d\n", (int)n, ssi.ssi_signo, ssi.ssi_code == SI_USER);
    close(fd);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* pselect and ppoll wait with a temporary mask: a signal it lets through
 * runs its handler before they return, although the thread's own mask
 * blocks it again afterwards. */
static void masked_waits(void)
{
    sigset_t block, old, wait_mask, now;
    set(SIGALRM, on_alarm, 0);
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    sigemptyset(&wait_mask);
    got_alarm = 0;
    arm_timer_ms(30);
    struct timespec ts = { 5, 0 };
    int r = pselect(0, NULL, NULL, NULL, &ts, &wait_mask);
    int e = errno;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("pselect: r=%d EINTR=%d handler ran=%d blocked again=%d\n", r, e == EINTR, got_alarm,
           sigismember(&now, SIGALRM));
    got_alarm = 0;
    arm_timer_ms(30);
    struct pollfd pfd = { pipefd[0], POLLIN, 0 };
    r = ppoll(&pfd, 1, &ts, &wait_mask);
    e = errno;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("ppoll: r=%d EINTR=%d handler ran=%d blocked again=%d\n", r, e == EINTR, got_alarm,
           sigismember(&now, SIGALRM));
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static int child_status(void (*body)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        body();
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    return st;
}

static void die_term(void) { signal(SIGTERM, SIG_DFL); raise(SIGTERM); }
static void die_segv(void) { signal(SIGSEGV, SIG_DFL); *(volatile int *)bad_addr = 1; }
static void die_abort(void) { abort(); }
static void die_blocked_segv(void)
{
    /* A fault with SIGSEGV blocked still kills (the kernel forces it). */
    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGSEGV);
    sigprocmask(SIG_BLOCK, &b, NULL);
    *(volatile int *)bad_addr = 1;
}
static void ignore_then_raise(void)
{
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    signal(SIGWINCH, SIG_DFL);
    raise(SIGWINCH);   /* default: ignored */
    _exit(7);
}

static void children(void)
{
    set(SIGCHLD, on_chld, 0);
    got_chld = 0;
    sigset_t b, old, none;
    sigemptyset(&b);
    sigaddset(&b, SIGCHLD);
    sigprocmask(SIG_BLOCK, &b, &old);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    sigemptyset(&none);
    while (!got_chld)
        sigsuspend(&none);
    int st;
    waitpid(pid, &st, 0);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("SIGCHLD: handler ran=%d exit status=%d\n", got_chld, WEXITSTATUS(st));

    /* A signal from another process, while we wait in sigsuspend. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    usr2_from = 0;
    sigaddset(&b, SIGUSR2);
    sigprocmask(SIG_BLOCK, &b, &old);
    pid = fork();
    if (pid == 0) {
        kill(getppid(), SIGUSR2);
        _exit(0);
    }
    while (!usr2_from)
        sigsuspend(&none);
    sigprocmask(SIG_SETMASK, &old, NULL);
    waitpid(pid, &st, 0);
    printf("SIGUSR2 from the child: si_pid is the child: %d\n", usr2_from == pid);

    /* SA_NOCLDWAIT and SIG_IGN: the kernel reaps the children itself. */
    set(SIGCHLD, on_chld, SA_NOCLDWAIT);
    fflush(stdout);
    pid = fork();
    if (pid == 0)
        _exit(0);
    int r = waitpid(pid, &st, 0);
    int e = errno;
    printf("SA_NOCLDWAIT: waitpid=%d ECHILD=%d\n", r, e == ECHILD);
    set(SIGCHLD, SIG_IGN, 0);
    pid = fork();
    if (pid == 0)
        _exit(0);
    r = waitpid(pid, &st, 0);
    e = errno;
    printf("SIGCHLD ignored: waitpid=%d ECHILD=%d\n", r, e == ECHILD);
    set(SIGCHLD, SIG_DFL, 0);

    int st1 = child_status(die_term), st2 = child_status(die_segv), st3 = child_status(die_abort);
    int st4 = child_status(die_blocked_segv), st5 = child_status(ignore_then_raise);
    printf("child killed by SIGTERM: %d %d\n", WIFSIGNALED(st1), WTERMSIG(st1));
    printf("child killed by SIGSEGV: %d %d\n", WIFSIGNALED(st2), WTERMSIG(st2));
    printf("child abort(): %d %d\n", WIFSIGNALED(st3), WTERMSIG(st3));
    printf("child fault with SIGSEGV blocked: %d %d\n", WIFSIGNALED(st4), WTERMSIG(st4));
    printf("child ignoring SIGUSR2 and SIGWINCH: exited=%d status=%d\n", WIFEXITED(st5), WEXITSTATUS(st5));
    set(SIGCHLD, SIG_DFL, 0);
}

static void broken_pipe(void)
{
    int p[2];
    if (pipe(p))
        return;
    close(p[0]);
    set(SIGPIPE, on_pipe, 0);
    ssize_t n = write(p[1], "x", 1);
    int e = errno;
    printf("SIGPIPE: handler ran=%d write=%d EPIPE=%d\n", got_pipe, (int)n, e == EPIPE);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    blocking_read();
    suspend();
    masked_waits();
    children();
    broken_pipe();
    return 0;
}

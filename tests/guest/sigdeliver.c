/* Signal delivery details: the order of nested handlers with and without
 * sa_mask / SA_NODEFER, raise from a handler, SA_RESETHAND, real-time
 * signals queueing in order with their values while standard ones
 * coalesce, SEGV_MAPERR vs SEGV_ACCERR with si_addr, a handler that moves
 * the interrupted pc past a trap instruction through its ucontext, an
 * alternate stack (also for a stack overflow), and tight loops that only
 * an asynchronous signal ends (delivery at translation-unit boundaries). */
#define _GNU_SOURCE
#include "guest.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static char trace[256];
static volatile int depth;
static sigjmp_buf jb;

static void note(const char *s) { strcat(trace, s); }
static void show(const char *what) { printf("%s: %s\n", what, trace); trace[0] = 0; }

static void on_usr2(int sig) { (void)sig; note("[2]"); }
static void on_usr1_raise2(int sig)
{
    (void)sig;
    note("(1");
    raise(SIGUSR2);
    note("1)");
}
static void on_usr1_self(int sig)
{
    (void)sig;
    note("(1");
    if (++depth < 3)
        raise(SIGUSR1);
    note("1)");
}

static void set(int sig, void (*h)(int), int flags, const int *mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    for (; mask && *mask; mask++)
        sigaddset(&sa.sa_mask, *mask);
    sigaction(sig, &sa, NULL);
}

static void nesting(void)
{
    set(SIGUSR2, on_usr2, 0, NULL);
    set(SIGUSR1, on_usr1_raise2, 0, NULL);
    raise(SIGUSR1);
    show("nested, SIGUSR2 not masked");
    static const int m2[] = { SIGUSR2, 0 };
    set(SIGUSR1, on_usr1_raise2, 0, m2);
    raise(SIGUSR1);
    show("SIGUSR2 in sa_mask");
    depth = 0;
    set(SIGUSR1, on_usr1_self, 0, NULL);
    raise(SIGUSR1);
    show("raise self, deferred");
    depth = 0;
    set(SIGUSR1, on_usr1_self, SA_NODEFER, NULL);
    raise(SIGUSR1);
    show("raise self, SA_NODEFER");

    set(SIGUSR1, on_usr2, SA_RESETHAND, NULL);
    raise(SIGUSR1);
    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    show("SA_RESETHAND ran");
    printf("SA_RESETHAND: handler now SIG_DFL: %d\n", old.sa_handler == SIG_DFL);

    /* Blocked standard signals coalesce. */
    set(SIGUSR1, on_usr2, 0, NULL);
    sigset_t b, o;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, &o);
    raise(SIGUSR1);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    note("unblock:");
    sigprocmask(SIG_SETMASK, &o, NULL);
    show("three SIGUSR1 while blocked");
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    char buf[32];
    snprintf(buf, sizeof buf, "[rt+%d v=%d %s]", sig - SIGRTMIN, si->si_value.sival_int,
             si->si_code == SI_QUEUE ? "queue" : "?");
    note(buf);
}

static void realtime(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigset_t b, o;
    sigemptyset(&b);
    sigaddset(&b, SIGRTMIN);
    sigaddset(&b, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &b, &o);
    for (int i = 1; i <= 3; i++) {
        sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 10 + i });
        sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i });
    }
    sigset_t p;
    sigpending(&p);
    printf("pending rt: %d %d\n", sigismember(&p, SIGRTMIN), sigismember(&p, SIGRTMIN + 1));
    sigprocmask(SIG_SETMASK, &o, NULL);
    show("queued real-time signals");
}

static volatile uintptr_t fault_addr;
static volatile int fault_code;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, sig);
}

static void faults(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + pg, pg);
    mprotect(p, pg, PROT_READ);
    int r = sigsetjmp(jb, 1);
    if (r == 0)
        *(volatile char *)(p + 12) = 1;
    printf("write to read-only page: sig=%d ACCERR=%d addr ok=%d\n", r, fault_code == SEGV_ACCERR,
           fault_addr == (uintptr_t)(p + 12));
    r = sigsetjmp(jb, 1);
    if (r == 0)
        (void)*(volatile char *)(p + pg + 100);
    printf("read of unmapped page: sig=%d MAPERR=%d addr ok=%d\n", r, fault_code == SEGV_MAPERR,
           fault_addr == (uintptr_t)(p + pg + 100));
    /* The mask was restored by siglongjmp: a second fault is caught too. */
    r = sigsetjmp(jb, 1);
    if (r == 0)
        *(volatile int *)(p + 16) = 2;
    printf("second fault caught: %d\n", r == SIGSEGV);
    /* SIGSEGV sent by kill is not a fault: SI_USER, no address. */
    r = sigsetjmp(jb, 1);
    if (r == 0)
        kill(getpid(), SIGSEGV);
    printf("SIGSEGV from kill: sig=%d SI_USER=%d\n", r, fault_code == SI_USER);
    /* A file mapping past the end of the file: SIGBUS, BUS_ADRERR. */
    char name[] = "/tmp/ferry-sigbus-XXXXXX";
    int fd = mkstemp(name);
    if (fd >= 0 && write(fd, "x", 1) == 1) {
        unlink(name);
        sigaction(SIGBUS, &sa, NULL);
        char *m = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
        r = sigsetjmp(jb, 1);
        if (r == 0)
            (void)*(volatile char *)(m + pg + 8);
        printf("read past the end of a mapped file: sig=%d BUS_ADRERR=%d addr ok=%d\n", r,
               fault_code == BUS_ADRERR, fault_addr == (uintptr_t)(m + pg + 8));
        munmap(m, 2 * pg);
        close(fd);
    }
    munmap(p, pg);
}

/* SIGILL from a trap instruction: the handler finds the trap instruction at
 * the interrupted pc and moves the pc past it; execution resumes there. */
static volatile int trap_seen;
static void on_ill(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
#if defined(__arm__)
    uintptr_t pc = uc->uc_mcontext.arm_pc;
    int thumb = (uc->uc_mcontext.arm_cpsr >> 5) & 1;
    unsigned len = thumb ? 2 : 4;
    int at_trap = thumb ? *(uint16_t *)pc == 0xdeff : *(uint32_t *)pc == 0xe7f000f0;
    int code = ILL_ILLOPC;
    uc->uc_mcontext.arm_pc = pc + len;
#else
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    int at_trap = *(uint16_t *)pc == 0x0b0f;   /* ud2 */
    int code = ILL_ILLOPN;                        /* x86's code for ud2 */
    uc->uc_mcontext.gregs[REG_RIP] = pc + 2;
#endif
    trap_seen = at_trap && si->si_addr == (void *)pc && si->si_code == code;
}

static void trap_skip(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_ill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    volatile int after = 0;
    /* The trap __builtin_trap emits, as asm: the compiler must not know
     * that it traps (code after __builtin_trap is unreachable to it). */
#if defined(__arm__) && defined(__thumb__)
    __asm__ volatile(".inst.n 0xdeff" ::: "memory");
#elif defined(__arm__)
    __asm__ volatile(".inst 0xe7f000f0" ::: "memory");
#else
    __asm__ volatile("ud2" ::: "memory");
#endif
    after = 1;
    printf("trap skipped by the handler: seen=%d resumed=%d\n", trap_seen, after);
}

static char *alt_base;
static size_t alt_size;
static volatile int on_alt, alt_flags_onstack;
static void on_alt_handler(int sig)
{
    (void)sig;
    char here;
    on_alt = &here >= alt_base && &here < alt_base + alt_size;
    stack_t cur;
    sigaltstack(NULL, &cur);
    alt_flags_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
}

static void on_overflow(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    char here;
    on_alt = &here >= alt_base && &here < alt_base + alt_size;
    siglongjmp(jb, sig);
}

static volatile int recurse_limit = 1 << 30;
static __attribute__((noinline)) int recurse(int n)
{
    volatile char pad[4096];
    if (n > recurse_limit)
        return 0;
    pad[0] = (char)n;
    pad[4095] = (char)n;
    return recurse(n + 1) + pad[0] + pad[4095];
}

static void altstack(void)
{
    alt_size = 64 * 1024;
    alt_base = malloc(alt_size);
    stack_t ss = { .ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0 };
    printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
    set(SIGUSR1, on_alt_handler, SA_ONSTACK, NULL);
    raise(SIGUSR1);
    printf("SA_ONSTACK handler on the alternate stack: %d, SS_ONSTACK: %d\n", on_alt, alt_flags_onstack);
    on_alt = 1;
    set(SIGUSR1, on_alt_handler, 0, NULL);
    raise(SIGUSR1);
    printf("handler without SA_ONSTACK on the alternate stack: %d\n", on_alt);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("outside a handler: SS_ONSTACK=%d SS_DISABLE=%d\n", (cur.ss_flags & SS_ONSTACK) != 0,
           (cur.ss_flags & SS_DISABLE) != 0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_overflow;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    on_alt = 0;
    int r = sigsetjmp(jb, 1);
    if (r == 0)
        recurse(0);
    printf("stack overflow caught on the alternate stack: sig=%d on_alt=%d\n", r, on_alt);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
}

static volatile int flag;
static void on_alarm(int sig) { (void)sig; flag = 1; }
static void on_alarm_jump(int sig) { siglongjmp(jb, sig); }

static void tight_loops(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    set(SIGALRM, on_alarm, 0, NULL);
    flag = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    while (!flag)
        ;
    printf("while (!flag) ended by SIGALRM: %d\n", flag);

    /* A loop with no memory access at all: only delivery at a unit
     * boundary (the loop's own back edge) can end it. */
    set(SIGALRM, on_alarm_jump, 0, NULL);
    volatile int r = sigsetjmp(jb, 1);
    if (r == 0) {
        setitimer(ITIMER_REAL, &it, NULL);
        uint32_t x = 1;
        for (;;)
            __asm__ volatile("" : "+r"(x));
    }
    printf("empty loop left by siglongjmp from SIGALRM: sig=%d\n", r);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    nesting();
    realtime();
    faults();
    trap_skip();
    altstack();
    tight_loops();
    return 0;
}

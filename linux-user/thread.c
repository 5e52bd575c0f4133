/*
 * Guest threads (see thread.h). A guest thread is a host pthread, not a
 * raw clone: ferry's own code needs the host libc's per-thread state
 * (errno, TLS for the translator's __thread fault context, malloc arenas,
 * stdio locks), which only pthread_create sets up. The guest's view is
 * the kernel's all the same: the thread's id is the host tid, it shares
 * the address space, files and signal handlers, and its stack and TLS
 * are the ones the guest passed to clone.
 *
 * Start-up order follows the kernel: the ids (CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID) are written before the new thread runs guest code
 * and before clone returns in the parent; the new thread starts with every
 * host signal blocked and takes its creator's mask once its record is in
 * place. Exit: the robust-futex list is walked, clear_child_tid is zeroed
 * and its futex woken (pthread_join waits on it), then the host thread
 * ends (a non-main thread returns from its start routine through
 * exit_jmp; the host main thread makes the raw exit call, as pthread_exit
 * would need libgcc_s in the static build). The last thread to exit ends
 * the process with its own status (what Linux reports to the parent).
 */
#include "linux-user/thread.h"

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "linux-user/user.h"
#include "util/die.h"
#include "util/log.h"

__thread LuThread *lu_thread_self;

static uint32_t nb_threads = 1;
/* Every live thread's record, for calls that name a thread by tid. */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static LuThread *list_head;

static void list_add(LuThread *t)
{
    pthread_mutex_lock(&list_lock);
    t->prev = NULL;
    t->next = list_head;
    if (list_head)
        list_head->prev = t;
    list_head = t;
    pthread_mutex_unlock(&list_lock);
}

static void list_remove(LuThread *t)
{
    pthread_mutex_lock(&list_lock);
    if (t->prev)
        t->prev->next = t->next;
    else if (list_head == t)
        list_head = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->next = t->prev = NULL;
    pthread_mutex_unlock(&list_lock);
}

bool lu_thread_with(int32_t tid, void (*fn)(LuThread *t, void *arg), void *arg)
{
    pthread_mutex_lock(&list_lock);
    LuThread *t = list_head;
    while (t && t->tid != tid)
        t = t->next;
    if (t)
        fn(t, arg);
    pthread_mutex_unlock(&list_lock);
    return t != NULL;
}

/* Host threads have the main thread's stack size: translation and
 * helpers may need as much as on the main thread. */
#define THREAD_HOST_STACK (8u << 20)

uint32_t lu_thread_count(void) { return __atomic_load_n(&nb_threads, __ATOMIC_ACQUIRE); }

LuThread *lu_thread_init_main(ArmCpu *cpu)
{
    LuThread *t = calloc(1, sizeof *t);
    if (!t)
        ferry_die("out of memory");
    t->cpu = cpu;
    t->tid = (int32_t)gettid();
    t->is_main = true;
    cpu->thread = t;
    lu_thread_self = t;
    list_add(t);
    return t;
}

void lu_thread_fork_child(void)
{
    __atomic_store_n(&nb_threads, 1, __ATOMIC_RELEASE);
    /* The other records are the parent's threads' (their memory is not
     * freed: another thread may have been using the list at the fork). */
    pthread_mutex_init(&list_lock, NULL);
    list_head = NULL;
    LuThread *t = lu_thread_self;
    if (t) {
        t->tid = (int32_t)gettid();
        t->is_main = true;   /* its exit is the process's */
        list_add(t);
    }
}

/* ---- creation ---- */

/* What clone flags mean to us. A thread shares everything pthread_create
 * shares; the kernel's own rules come first (EINVAL). */
#define THREAD_NEEDS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define THREAD_MAY (CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | \
                    CLONE_CHILD_CLEARTID | CLONE_DETACHED | CSIGNAL)

static const struct {
    uint32_t if_set, needs, excludes;
} clone_rules[] = {
    { CLONE_THREAD, CLONE_SIGHAND, CLONE_NEWUSER | CLONE_NEWPID },
    { CLONE_SIGHAND, CLONE_VM, 0 },
    { CLONE_NEWNS, 0, CLONE_FS },
    { CLONE_NEWUSER, 0, CLONE_FS },
};

static int64_t check_flags(uint32_t flags)
{
    for (size_t i = 0; i < sizeof clone_rules / sizeof clone_rules[0]; i++)
        if ((flags & clone_rules[i].if_set) &&
            ((flags & clone_rules[i].needs) != clone_rules[i].needs || (flags & clone_rules[i].excludes)))
            return -EINVAL;
    if ((flags & THREAD_NEEDS) != THREAD_NEEDS || (flags & ~(THREAD_NEEDS | THREAD_MAY))) {
        ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented clone flags 0x%x (only glibc-style threads)\n", flags);
        return -ENOSYS;
    }
    return 0;
}

typedef struct StartInfo {
    LuThread *thread;
    uint32_t flags, ptid, ctid;
    sigset_t mask;      /* the creator's host mask */
    int32_t tid;        /* the new thread's, for the parent (thread may be gone) */
    sem_t ready;        /* posted once the ids are written */
} StartInfo;

static void put_tid(uint32_t addr, int32_t tid)
{
    __atomic_store_n((int32_t *)g2h(addr), tid, __ATOMIC_RELEASE);
}

static void *thread_main(void *arg)
{
    StartInfo *si = arg;
    LuThread *t = si->thread;
    sigset_t mask = si->mask;
    lu_thread_self = t;
    t->tid = (int32_t)gettid();
    if (si->flags & CLONE_PARENT_SETTID)
        put_tid(si->ptid, t->tid);
    if (si->flags & CLONE_CHILD_SETTID)
        put_tid(si->ctid, t->tid);
    list_add(t);
    si->tid = t->tid;
    sem_post(&si->ready);   /* si is gone after this, and t may go as soon as the guest runs */
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    if (setjmp(t->exit_jmp) == 0)
        lu_cpu_loop(t->cpu);
    /* Back from lu_thread_exit, off the guest's stack and out of tcg_exec.
     * Signals are held from here on: the process's go to other threads. */
    lu_signal_thread_exit();
    tcg_cpu_release(&t->cpu->common);
    free(t->cpu);
    free(t);
    return NULL;
}

int64_t lu_thread_clone(ArmCpu *cpu, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    int64_t err = check_flags(flags);
    if (err)
        return err;
    if ((flags & CLONE_PARENT_SETTID) && !lu_access_ok(ptid, 4, PROT_WRITE))
        return -EFAULT;
    if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) && (ctid & 3))
        return -EINVAL;
    if ((flags & CLONE_CHILD_SETTID) && !lu_access_ok(ctid, 4, PROT_WRITE))
        return -EFAULT;

    ArmCpu *child = aligned_alloc(64, (sizeof *child + 63) & ~(size_t)63);
    LuThread *t = calloc(1, sizeof *t);
    if (!child || !t) {
        free(child);
        free(t);
        return -ENOMEM;
    }
    memcpy(child, cpu, sizeof *child);
    child->regs[0] = 0;
    if (newsp)
        child->regs[13] = newsp;
    if (flags & CLONE_SETTLS)
        child->tpidruro = tls;
    child->excl_addr = ~0u;
    child->common.exit_request = 0;
    child->thread = t;
    t->cpu = child;
    t->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
    tcg_cpu_init(&child->common);

    StartInfo si = { .thread = t, .flags = flags, .ptid = ptid, .ctid = ctid };
    sem_init(&si.ready, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, THREAD_HOST_STACK);
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &si.mask);
    __atomic_add_fetch(&nb_threads, 1, __ATOMIC_ACQ_REL);
    pthread_t host;
    int r = pthread_create(&host, &attr, thread_main, &si);
    if (r == 0) {
        while (sem_wait(&si.ready) != 0 && errno == EINTR)
            ;
    } else {
        __atomic_sub_fetch(&nb_threads, 1, __ATOMIC_ACQ_REL);
    }
    pthread_sigmask(SIG_SETMASK, &si.mask, NULL);
    pthread_attr_destroy(&attr);
    sem_destroy(&si.ready);
    if (r != 0) {
        tcg_cpu_release(&child->common);
        free(child);
        free(t);
        return r == EAGAIN ? -EAGAIN : -r;
    }
    return si.tid;
}

/* ---- exit ---- */

/* The robust-futex list (Documentation/locking/robust-futex-ABI): three
 * words at the head (next, futex_offset, list_op_pending); bit 0 of a
 * pointer marks a PI futex. A lock still held by the dying thread gets
 * FUTEX_OWNER_DIED and one waiter is woken, as the kernel does. */
#define ROBUST_LIST_LIMIT 2048

static bool guest_word_ok(uint32_t addr)
{
    return !(addr & 3) && lu_access_ok(addr, 4, PROT_READ | PROT_WRITE);
}

static uint32_t guest_word(uint32_t addr)
{
    return __atomic_load_n((uint32_t *)g2h(addr), __ATOMIC_ACQUIRE);
}

static void futex_wake_one(uint32_t addr)
{
    syscall(SYS_futex, g2h(addr), FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void robust_death(uint32_t uaddr, int32_t tid, bool pi, bool pending)
{
    if (!guest_word_ok(uaddr))
        return;
    uint32_t *word = g2h(uaddr);
    uint32_t v = guest_word(uaddr);
    for (;;) {
        /* A lock the thread was taking: its waiters must look again. */
        if (pending && !pi && v == 0) {
            futex_wake_one(uaddr);
            return;
        }
        if ((v & FUTEX_TID_MASK) != (uint32_t)tid)
            return;
        uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
        if (__atomic_compare_exchange_n(word, &v, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            break;
    }
    if (!pi && (v & FUTEX_WAITERS))
        futex_wake_one(uaddr);
}

static void robust_list_release(const LuThread *t)
{
    uint32_t head = t->robust_list;
    if (!head || !lu_access_ok(head, 12, PROT_READ))
        return;
    uint32_t entry = guest_word(head), offset = guest_word(head + 4), pending = guest_word(head + 8);
    for (int n = 0; (entry & ~1u) != head && n < ROBUST_LIST_LIMIT; n++) {
        uint32_t e = entry & ~1u;
        if (!guest_word_ok(e))
            break;
        uint32_t next = guest_word(e);
        if (e != (pending & ~1u))
            robust_death(e + offset, t->tid, entry & 1, false);
        entry = next;
    }
    if (pending)
        robust_death((pending & ~1u) + offset, t->tid, pending & 1, true);
}

static __attribute__((noreturn)) void process_exit(int status, bool others_running)
{
    fflush(stdout);
    fflush(stderr);
    if (ferry_log_file)
        fflush(ferry_log_file);
    /* With other threads still running guest code, the host libc's exit
     * handlers would run under their feet: leave at once. */
    if (others_running)
        _exit(status & 0xff);
    exit(status & 0xff);
}

void lu_exit_group(int status)
{
    process_exit(status, lu_thread_count() > 1);
}

void lu_thread_exit(int status)
{
    LuThread *t = lu_thread_self;
    if (__atomic_sub_fetch(&nb_threads, 1, __ATOMIC_ACQ_REL) == 0)
        process_exit(status, false);
    if (!t)
        ferry_die("internal error: thread exit without a thread record");
    robust_list_release(t);
    list_remove(t);
    if (t->clear_child_tid && guest_word_ok(t->clear_child_tid)) {
        put_tid(t->clear_child_tid, 0);
        futex_wake_one(t->clear_child_tid);
    }
    if (!t->is_main)
        longjmp(t->exit_jmp, 1);
    /* The host main thread: the process goes on with the others. */
    lu_signal_thread_exit();
    tcg_cpu_release(&t->cpu->common);
    for (;;)
        syscall(SYS_exit, 0);
}

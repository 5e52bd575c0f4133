/* Thread life cycle and the futex uses behind it: return values through
 * pthread_join and pthread_exit, __thread variables with initial values
 * (each thread gets a fresh copy of the TLS image), threads creating
 * threads, detached threads, hundreds of threads one after another (ids,
 * stacks and CPU states are recycled), a producer/consumer queue on
 * condition variables, a robust mutex whose owner dies (the kernel's
 * robust-list walk at thread exit), timed waits that time out, and the
 * futex commands glibc does not use for these (requeue, wake-op, bitset)
 * called directly. */
#include "guest.h"
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static __thread uint32_t tls_counter = 41;
static __thread char tls_text[12] = "fresh";

static void *returns_value(void *arg)
{
    uint32_t n = (uint32_t)(uintptr_t)arg;
    int fresh = tls_counter == 41 && strcmp(tls_text, "fresh") == 0;
    tls_counter += n;
    snprintf(tls_text, sizeof tls_text, "t%u", n);
    if (n % 3 == 0)
        pthread_exit((void *)(uintptr_t)(n * 10 + fresh));
    return (void *)(uintptr_t)(n * 10 + fresh);
}

/* A thread that starts two more and joins them. */
static void *nested(void *arg)
{
    uint32_t depth = (uint32_t)(uintptr_t)arg;
    if (depth == 0)
        return (void *)1;
    pthread_t a, b;
    void *ra, *rb;
    pthread_create(&a, NULL, nested, (void *)(uintptr_t)(depth - 1));
    pthread_create(&b, NULL, nested, (void *)(uintptr_t)(depth - 1));
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    return (void *)((uintptr_t)ra + (uintptr_t)rb + 1);
}

static sem_t detached_done;
static uint32_t detached_sum;
static void *detached(void *arg)
{
    __atomic_fetch_add(&detached_sum, (uint32_t)(uintptr_t)arg, __ATOMIC_SEQ_CST);
    sem_post(&detached_done);
    return NULL;
}

/* Producer/consumer on a small ring. */
enum { RING = 4, ITEMS = 2000 };
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static uint32_t ring[RING], head, tail;

static void *producer(void *arg)
{
    for (uint32_t i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qlock);
        while (tail - head == RING)
            pthread_cond_wait(&not_full, &qlock);
        ring[tail++ % RING] = i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qlock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    uint64_t sum = 0;
    uint32_t in_order = 1, last = 0;
    for (uint32_t i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&qlock);
        while (tail == head)
            pthread_cond_wait(&not_empty, &qlock);
        uint32_t v = ring[head++ % RING];
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qlock);
        in_order &= v == last + 1;
        last = v;
        sum += v;
    }
    printf("consumer: sum=%" PRIu64 " in_order=%u\n", sum, in_order);
    return NULL;
}

static pthread_mutex_t robust;
static void *dies_holding(void *arg)
{
    pthread_mutex_lock(&robust);
    return NULL;   /* ends without unlocking */
}

/* Another thread's robust list (glibc registers one per thread) as
 * get_robust_list reports it, against what that thread sees itself. */
static sem_t published, queried;
static long other_tid;
static uintptr_t other_head;

static void *robust_owner(void *arg)
{
    size_t len;
    void *head;
    other_tid = syscall(SYS_gettid);
    syscall(SYS_get_robust_list, 0, &head, &len);
    other_head = (uintptr_t)head;
    sem_post(&published);
    sem_wait(&queried);
    return NULL;
}

static void robust_list_of_other(void)
{
    sem_init(&published, 0, 0);
    sem_init(&queried, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, robust_owner, NULL);
    sem_wait(&published);
    size_t len = 0;
    void *head = NULL;
    long r = syscall(SYS_get_robust_list, other_tid, &head, &len);
    printf("get_robust_list(other thread): %ld same=%d len_ok=%d\n", r,
           (uintptr_t)head == other_head && head != NULL, len == 3 * sizeof(void *));
    errno = 0;
    r = syscall(SYS_get_robust_list, 0x3ffffff0L, &head, &len);
    printf("get_robust_list(no such thread): %ld %s\n", r, errno == ESRCH ? "ESRCH" : "other");
    sem_post(&queried);
    pthread_join(t, NULL);
}

/* ---- direct futex calls ---- */
static uint32_t fa, fb;
static uint32_t woken_total;

static long futex(uint32_t *uaddr, int op, uint32_t val, uintptr_t timeout_or_val2, uint32_t *uaddr2, uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, timeout_or_val2, uaddr2, val3);
}

/* Wait on fa while it is 0 (through fb if requeued); counts the wake-ups. */
static void *futex_waiter(void *arg)
{
    int op = (int)(uintptr_t)arg;
    while (__atomic_load_n(&fa, __ATOMIC_SEQ_CST) == 0)
        futex(&fa, op, 0, 0, NULL, FUTEX_BITSET_MATCH_ANY);
    __atomic_fetch_add(&woken_total, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void futex_tests(void)
{
    enum { W = 3 };
    pthread_t t[W];
    /* CMP_REQUEUE: wake none, move every waiter from fa to fb, then wake fb. */
    fa = 0;
    woken_total = 0;
    for (int i = 0; i < W; i++)
        pthread_create(&t[i], NULL, futex_waiter, (void *)(uintptr_t)FUTEX_WAIT_PRIVATE);
    long moved = 0;
    errno = 0;
    long bad = futex(&fa, FUTEX_CMP_REQUEUE_PRIVATE, 0, W, &fb, 1);   /* fa != 1 */
    printf("cmp_requeue mismatch: %ld %s\n", bad, errno == EAGAIN ? "EAGAIN" : "other");
    while (moved < W) {
        long r = futex(&fa, FUTEX_CMP_REQUEUE_PRIVATE, 0, W, &fb, 0);
        if (r > 0)
            moved += r;
        else
            sched_yield();
    }
    __atomic_store_n(&fa, 1, __ATOMIC_SEQ_CST);
    long woke = 0;
    while (__atomic_load_n(&woken_total, __ATOMIC_SEQ_CST) < W) {
        long r = futex(&fb, FUTEX_WAKE_PRIVATE, W, 0, NULL, 0);
        woke += r > 0 ? r : 0;
        sched_yield();
    }
    for (int i = 0; i < W; i++)
        pthread_join(t[i], NULL);
    /* A waiter may wake spuriously and then see fa set without a wake on
     * fb, so the count of wakes through fb is 1..W, not always W. */
    printf("cmp_requeue: moved=%ld woken_via_fb_ok=%d done=%u\n", moved, woke >= 1 && woke <= W, woken_total);

    /* WAIT_BITSET / WAKE_BITSET: a wake with a disjoint mask wakes nobody. */
    fa = 0;
    woken_total = 0;
    pthread_create(&t[0], NULL, futex_waiter, (void *)(uintptr_t)FUTEX_WAIT_BITSET_PRIVATE);
    long none = 0;
    for (int i = 0; i < 100; i++)
        none += futex(&fa, FUTEX_WAKE_BITSET_PRIVATE, 1, 0, NULL, 0) > 0;   /* mask 0: EINVAL */
    __atomic_store_n(&fa, 1, __ATOMIC_SEQ_CST);
    while (__atomic_load_n(&woken_total, __ATOMIC_SEQ_CST) < 1) {
        futex(&fa, FUTEX_WAKE_BITSET_PRIVATE, 1, 0, NULL, FUTEX_BITSET_MATCH_ANY);
        sched_yield();
    }
    pthread_join(t[0], NULL);
    printf("bitset: zero-mask wakes=%ld done=%u\n", none, woken_total);

    /* WAKE_OP: fb += 5 atomically, wake fa's waiters, and fb's if old fb == 0. */
    fa = 0;
    fb = 0;
    long r = futex(&fa, FUTEX_WAKE_OP_PRIVATE, 1, 1, &fb, FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_EQ, 0));
    printf("wake_op: ret=%ld fb=%u\n", r, fb);

    /* A plain WAIT with a stale value returns at once; with the right
     * value and a short timeout it times out. */
    errno = 0;
    r = futex(&fa, FUTEX_WAIT, 1, 0, NULL, 0);
    printf("wait stale: %ld %s\n", r, errno == EAGAIN ? "EAGAIN" : "other");
    struct timespec ts = { 0, 2000000 };
    errno = 0;
    r = futex(&fa, FUTEX_WAIT_PRIVATE, 0, (uintptr_t)&ts, NULL, 0);
    printf("wait timeout: %ld %s\n", r, errno == ETIMEDOUT ? "ETIMEDOUT" : "other");
    errno = 0;
    r = futex((uint32_t *)((char *)&fa + 1), FUTEX_WAIT, 0, 0, NULL, 0);
    printf("wait unaligned: %ld %s\n", r, errno == EINVAL ? "EINVAL" : "other");
}

int main(void)
{
    uint32_t got[8];
    for (uint32_t i = 0; i < 8; i++) {
        pthread_t t;
        void *ret;
        pthread_create(&t, NULL, returns_value, (void *)(uintptr_t)i);
        pthread_join(t, &ret);
        got[i] = (uint32_t)(uintptr_t)ret;
    }
    printf("join values:");
    for (int i = 0; i < 8; i++)
        printf(" %u", got[i]);
    printf("\nmain tls: %u %s\n", tls_counter, tls_text);

    pthread_t n;
    void *nr;
    pthread_create(&n, NULL, nested, (void *)4);
    pthread_join(n, &nr);
    printf("nested threads: %u\n", (uint32_t)(uintptr_t)nr);

    /* More threads over the run than ferry keeps CPU slots for at once. */
    sem_init(&detached_done, 0, 0);
    uint32_t created = 0;
    for (uint32_t i = 1; i <= 300; i++) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_t t;
        created += pthread_create(&t, &attr, detached, (void *)(uintptr_t)i) == 0;
        pthread_attr_destroy(&attr);
        sem_wait(&detached_done);
    }
    printf("detached: created=%u sum=%u\n", created, detached_sum);

    pthread_t p, c;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);

    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &ma);
    pthread_t d;
    pthread_create(&d, NULL, dies_holding, NULL);
    pthread_join(d, NULL);
    int lr = pthread_mutex_lock(&robust);
    printf("robust lock after owner died: %s\n", lr == EOWNERDEAD ? "EOWNERDEAD" : lr == 0 ? "0" : "other");
    if (lr == EOWNERDEAD)
        pthread_mutex_consistent(&robust);
    pthread_mutex_unlock(&robust);
    printf("robust relock: %d\n", pthread_mutex_lock(&robust));
    pthread_mutex_unlock(&robust);

    /* Timed waits through glibc (futex_time64 on armhf). */
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
    struct timespec when;
    clock_gettime(CLOCK_REALTIME, &when);
    when.tv_nsec += 3000000;
    if (when.tv_nsec >= 1000000000) {
        when.tv_sec++;
        when.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&m);
    int tr = pthread_cond_timedwait(&cv, &m, &when);
    pthread_mutex_unlock(&m);
    printf("cond_timedwait: %s\n", tr == ETIMEDOUT ? "ETIMEDOUT" : "other");
    sem_t s;
    sem_init(&s, 0, 0);
    errno = 0;
    int sr = sem_timedwait(&s, &when);
    printf("sem_timedwait: %d %s\n", sr, errno == ETIMEDOUT ? "ETIMEDOUT" : "other");

    robust_list_of_other();
    futex_tests();
    return 0;
}

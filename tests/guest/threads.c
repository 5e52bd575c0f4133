/* POSIX threads: creation and join (clone with CLONE_SETTLS: each thread
 * its own TLS), a mutex-protected counter, C11/GCC atomics (LDREX/STREX
 * loops and DMB), __thread variables, a condition variable hand-off
 * (futex wait/wake), and return values through pthread_join. */
#include "guest.h"
#include <pthread.h>
#include <string.h>

enum { THREADS = 4, ITERS = 20000 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t locked_count;
static uint32_t atomic_count;
static uint64_t atomic64;
static __thread uint32_t tls_value;
static __thread char tls_name[16];

static void *worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    tls_value = id * 1000;
    snprintf(tls_name, sizeof tls_name, "worker%u", id);
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        locked_count++;
        pthread_mutex_unlock(&lock);
        __atomic_fetch_add(&atomic_count, 1, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&atomic64, 0x100000001ull, __ATOMIC_RELAXED);
        tls_value++;
    }
    /* Each thread sees only its own TLS. */
    int ok = tls_value == id * 1000 + ITERS && strcmp(tls_name, "worker") > 0 && tls_name[6] == (char)('0' + id);
    return (void *)(uintptr_t)(ok ? id + 100 : 0);
}

static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn, rounds_done;
static void *pingpong(void *arg)
{
    int me = (int)(uintptr_t)arg;
    for (int r = 0; r < 200; r++) {
        pthread_mutex_lock(&m2);
        while (turn != me) pthread_cond_wait(&cv, &m2);
        turn = 1 - me;
        rounds_done++;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&m2);
    }
    return NULL;
}

int main(void)
{
    tls_value = 7;
    pthread_t t[THREADS];
    int errors = 0;
    for (uint32_t i = 0; i < THREADS; i++) errors += pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i) != 0;
    printf("pthread_create errors=%d\n", errors);
    for (uint32_t i = 0; i < THREADS; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        printf("thread %u returned %u\n", i, (uint32_t)(uintptr_t)ret);
    }
    printf("mutex count=%u atomic count=%u atomic64=%016" PRIx64 "\n", locked_count, atomic_count, atomic64);
    printf("main tls untouched=%d\n", tls_value == 7);
    uint32_t v = 5;
    uint32_t expected = 5;
    int swapped = __atomic_compare_exchange_n(&v, &expected, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    expected = 5;
    int again = __atomic_compare_exchange_n(&v, &expected, 11, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas: first=%d v=%u second=%d saw=%u\n", swapped, v, again, expected);
    pthread_t a, b;
    pthread_create(&a, NULL, pingpong, (void *)0);
    pthread_create(&b, NULL, pingpong, (void *)1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("pingpong rounds=%d\n", rounds_done);
    return 0;
}

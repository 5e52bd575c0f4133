/* Threads under contention: many threads on one mutex-protected counter,
 * LDREX/STREX-based atomics (fetch-add, compare-and-swap loops, 64-bit
 * LDREXD/STREXD, exchange, test-and-set spin lock) from several threads
 * at once, and a reader-writer lock and barrier. Every total is fixed, so
 * a lost update (a broken exclusive monitor, a non-atomic store, a futex
 * wake that never comes) changes the output or hangs. */
#include "guest.h"
#include <pthread.h>

enum { NTHREADS = 12, ITERS = 3000 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t locked_count;
static uint64_t locked_sum;

static uint32_t fa_count;
static uint32_t cas_count;
static uint64_t cas64;
static uint16_t half_count;
static uint8_t byte_count;
static uint32_t xchg_token;
static uint32_t xchg_seen;
static volatile char spin;
static uint32_t spin_count;

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static uint32_t rw_value, rw_bad_reads;
static pthread_barrier_t barrier;
static uint32_t phase_errors;
static uint32_t phase_counter;

static void *worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        locked_count++;
        locked_sum += id * 7 + (uint32_t)i;
        pthread_mutex_unlock(&lock);

        __atomic_fetch_add(&fa_count, 1, __ATOMIC_SEQ_CST);
        uint32_t old = __atomic_load_n(&cas_count, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_count, &old, old + 3, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
            ;
        uint64_t o64 = __atomic_load_n(&cas64, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas64, &o64, o64 + 0x100000001ull, 0, __ATOMIC_SEQ_CST,
                                            __ATOMIC_SEQ_CST))
            ;
        __atomic_fetch_add(&half_count, 1, __ATOMIC_RELAXED);
        __atomic_fetch_xor(&byte_count, (uint8_t)(1u << (id & 7)), __ATOMIC_RELAXED);

        /* A token passed by exchange: each value is taken exactly once. */
        uint32_t mine = id * ITERS + (uint32_t)i + 1;
        uint32_t prev = __atomic_exchange_n(&xchg_token, mine, __ATOMIC_ACQ_REL);
        __atomic_fetch_add(&xchg_seen, prev != 0, __ATOMIC_RELAXED);

        while (__atomic_test_and_set(&spin, __ATOMIC_ACQUIRE))
            ;
        spin_count++;
        __atomic_clear(&spin, __ATOMIC_RELEASE);

        if ((i & 63) == 0) {
            pthread_rwlock_wrlock(&rw);
            rw_value += 2;
            pthread_rwlock_unlock(&rw);
        } else if ((i & 15) == 0) {
            pthread_rwlock_rdlock(&rw);
            rw_bad_reads += rw_value & 1;
            pthread_rwlock_unlock(&rw);
        }
    }
    /* Three phases in lockstep: nobody starts one before all ended the last. */
    for (int phase = 1; phase <= 3; phase++) {
        __atomic_fetch_add(&phase_counter, 1, __ATOMIC_SEQ_CST);
        pthread_barrier_wait(&barrier);
        if (__atomic_load_n(&phase_counter, __ATOMIC_SEQ_CST) < (uint32_t)(phase * NTHREADS))
            __atomic_fetch_add(&phase_errors, 1, __ATOMIC_RELAXED);
        pthread_barrier_wait(&barrier);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (uint32_t i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i) != 0)
            printf("pthread_create %u failed\n", i);
    for (uint32_t i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    uint64_t want_sum = 0;
    for (uint32_t id = 0; id < NTHREADS; id++)
        for (uint32_t i = 0; i < ITERS; i++)
            want_sum += id * 7 + i;
    printf("mutex: count=%u sum_ok=%d\n", locked_count, locked_sum == want_sum);
    printf("fetch_add=%u cas=%u cas64=%016" PRIx64 "\n", fa_count, cas_count, cas64);
    printf("half=%u byte=%02x\n", half_count, byte_count);
    printf("exchange: taken=%u last_nonzero=%d\n", xchg_seen + 1, xchg_token != 0);
    printf("spin=%u\n", spin_count);
    printf("rwlock: value=%u bad_reads=%u\n", rw_value, rw_bad_reads);
    printf("barrier: phase_counter=%u errors=%u\n", phase_counter, phase_errors);
    return 0;
}

/* Translation under contention: while some threads run hot loops (which
 * tier up from cold to hot translations while others may be inside the
 * cold ones), others run hundreds of functions nobody has run yet, some
 * of them the same functions at the same moment (two threads missing on
 * one pc), so the translator, the code cache, chaining and the jump
 * caches are used by several threads at once. Each thread's result is a
 * fixed checksum. */
#include "guest.h"
#include <pthread.h>

#define F(i)                                                             \
    static __attribute__((noinline)) uint32_t f##i(uint32_t x)          \
    {                                                                    \
        x ^= x << ((i) % 13 + 1);                                        \
        x += 0x9e3779b9u * ((i) + 1);                                    \
        x ^= x >> ((i) % 7 + 3);                                         \
        if (x & (1u << ((i) % 32)))                                      \
            x = x * (2u * (i) + 1);                                      \
        else                                                             \
            x = (x >> 3) | (x << 29);                                    \
        return x;                                                        \
    }
#define F8(b) F(b##0) F(b##1) F(b##2) F(b##3) F(b##4) F(b##5) F(b##6) F(b##7)
#define F64(b) F8(b##0) F8(b##1) F8(b##2) F8(b##3) F8(b##4) F8(b##5) F8(b##6) F8(b##7)
F64(1) F64(2) F64(3) F64(4)
#define P8(b) f##b##0, f##b##1, f##b##2, f##b##3, f##b##4, f##b##5, f##b##6, f##b##7,
#define P64(b) P8(b##0) P8(b##1) P8(b##2) P8(b##3) P8(b##4) P8(b##5) P8(b##6) P8(b##7)
typedef uint32_t Fn(uint32_t);
static Fn *const table[] = { P64(1) P64(2) P64(3) P64(4) };
enum { NFUNCS = sizeof table / sizeof table[0], NTHREADS = 6 };

static uint32_t results[NTHREADS];

/* Threads 0..3: walk the table in their own orders (0 and 1 the same one,
 * so they race to translate the same code); 4 and 5: a hot loop. */
static void *worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    uint32_t x = 0x1234567u;
    if (id < 4) {
        uint32_t stride = id < 2 ? 1 : 2 * id + 1;   /* odd: visits every entry */
        for (uint32_t round = 0; round < 3; round++)
            for (uint32_t k = 0; k < NFUNCS; k++)
                x = table[(k * stride + round) % NFUNCS](x) + k;
    } else {
        for (uint32_t i = 0; i < 400000; i++) {
            x = x * 1103515245u + 12345u;
            if ((x >> 16) % 5 == 0)
                x ^= i;
        }
    }
    results[id] = x;
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    for (uint32_t i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i);
    for (uint32_t i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    for (uint32_t i = 0; i < NTHREADS; i++)
        printf("thread %u: %08x\n", i, results[i]);
    /* The same work again on one thread: the same answers. */
    for (uint32_t i = 0; i < NTHREADS; i++) {
        uint32_t before = results[i];
        worker((void *)(uintptr_t)i);
        printf("again %u: %s\n", i, results[i] == before ? "same" : "DIFFERENT");
    }
    return 0;
}

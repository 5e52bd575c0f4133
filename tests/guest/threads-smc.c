/* Code written at run time while other threads run: two threads rewrite
 * functions in their own pages (ARM and Thumb) and call them after each
 * __builtin___clear_cache (the cacheflush syscall, which drops the page's
 * translations and so must first stop every thread in the code cache);
 * one thread rewrites a shared function, one aligned word at a time,
 * which reader threads keep calling: a reader may run the old or the new
 * constant but nothing else, and the writer always sees its latest. */
#include "guest.h"
#include "smc-emit.h"
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

typedef uint32_t (*fn_t)(void);


static uint32_t kval(uint32_t i) { return (i * 37 + 5) & 0xffffu; }
enum { ROUNDS = 400, READS = 30000 };

static unsigned char *pages;
static uint32_t results[2];

static void *private_writer(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    unsigned char *page = pages + 4096 * (1 + id);
    uint32_t sum = 0, wrong = 0;
    for (uint32_t i = 0; i < ROUNDS; i++) {
        uint32_t k = kval(i) ^ id;
        void *entry = id ? emit_t32(page, k) : emit_a32(page, k);
        __builtin___clear_cache((char *)page, (char *)page + 16);
        uint32_t r = ((fn_t)entry)() + ((fn_t)entry)();
        wrong += r != 2 * k;
        sum += r;
    }
    results[id] = sum ^ (wrong << 24);
    return NULL;
}

static volatile int writer_done;
static uint32_t shared_wrong;

static void *shared_writer(void *arg)
{
    for (uint32_t i = 1; i < ROUNDS; i++) {
        emit_a32(pages, kval(i));
        __builtin___clear_cache((char *)pages, (char *)pages + 16);
        shared_wrong += ((fn_t)pages)() != kval(i);
    }
    writer_done = 1;
    return NULL;
}

static void *reader(void *arg)
{
    uint32_t bad = 0;
    for (int n = 0; n < READS || !writer_done; n++) {
        uint32_t r = ((fn_t)pages)();
        bad += (r - 5) % 37 != 0 || (r - 5) / 37 >= ROUNDS;
    }
    return (void *)(uintptr_t)bad;
}

int main(void)
{
    pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    emit_a32(pages, kval(0));
    __builtin___clear_cache((char *)pages, (char *)pages + 16);
    pthread_t w[2], sw, rd[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&rd[i], NULL, reader, NULL);
    for (int i = 0; i < 2; i++)
        pthread_create(&w[i], NULL, private_writer, (void *)(uintptr_t)i);
    pthread_create(&sw, NULL, shared_writer, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(w[i], NULL);
    pthread_join(sw, NULL);
    uint32_t bad = 0;
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(rd[i], &r);
        bad += (uint32_t)(uintptr_t)r;
    }
    printf("private a32: %08x t32: %08x\n", results[0], results[1]);
    printf("shared writer wrong: %u, readers saw invalid: %u\n", shared_wrong, bad);
    printf("final: %u\n", ((fn_t)pages)());
    return 0;
}

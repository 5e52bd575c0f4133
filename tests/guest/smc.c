/* Self-modifying code, the case a binary translator must get right: a
 * function is written into an executable mapping, called, rewritten in
 * place (same address, new constant) after __builtin___clear_cache
 * (the ARM cacheflush syscall), and called again; stale translations
 * would return old values. Done for ARM and Thumb code on the guest and
 * for x86-64 code natively, so that the printed results are the same.
 * Also code copied to a second mapping and a page remapped with new code. */
#include "guest.h"
#include "smc-emit.h"
#include <string.h>
#include <sys/mman.h>

typedef uint32_t (*fn_t)(void);

#define ISA_A "a32"
#define ISA_B "t32"

static uint32_t call(void *entry) { return ((fn_t)entry)(); }

static uint32_t run(void *(*emit)(void *, uint32_t), unsigned char *page, int rounds)
{
    uint32_t sum = 0, wrong = 0;
    for (int i = 0; i < rounds; i++) {
        uint32_t k = (uint32_t)(i * 37 + 5) & 0xffffu;
        void *entry = emit(page, k);
        __builtin___clear_cache((char *)page, (char *)page + 16);
        uint32_t r = call(entry);
        /* Call twice: the second call may run a cached translation. */
        r += call(entry);
        if (r != 2 * k) wrong++;
        sum += r;
    }
    return sum ^ (wrong << 24);
}

int main(void)
{
    unsigned char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) { printf("mmap failed\n"); return 1; }
    printf("%s rewritten in place: %08x\n", ISA_A, run(emit_a32, page, 300));
    printf("%s rewritten in place: %08x\n", ISA_B, run(emit_t32, page + 64, 300));

    /* Alternate between two functions at the same address. */
    uint32_t alt = 0;
    for (int i = 0; i < 100; i++) {
        void *e = i & 1 ? emit_t32(page + 128, 1000 + (uint32_t)i) : emit_a32(page + 128, 2000 + (uint32_t)i);
        __builtin___clear_cache((char *)page + 128, (char *)page + 144);
        alt = alt * 3 + call(e);
    }
    printf("alternating isa at one address: %08x\n", alt);

    /* W^X style: write through a writable mapping, then make it executable. */
    unsigned char *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t wsum = 0;
    for (int i = 0; i < 20; i++) {
        mprotect(wx, 4096, PROT_READ | PROT_WRITE);
        void *e = emit_a32(wx, 300u + (uint32_t)i);
        __builtin___clear_cache((char *)wx, (char *)wx + 16);
        mprotect(wx, 4096, PROT_READ | PROT_EXEC);
        wsum += call(e);
    }
    printf("mprotect write-then-exec: %u\n", wsum);

    /* A fresh mapping at the address of an unmapped one. */
    uint32_t remap = 0;
    for (int i = 0; i < 20; i++) {
        munmap(page, 8192);
        page = mmap(page, 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        void *e = emit_a32(page, 77u * (uint32_t)i);
        __builtin___clear_cache((char *)page, (char *)page + 16);
        remap += call(e);
    }
    printf("unmap and map again: %u\n", remap);
    return 0;
}

/* Self-modifying code, the case a binary translator must get right: a
 * function is written into an executable mapping, called, rewritten in
 * place (same address, new constant) after __builtin___clear_cache
 * (the ARM cacheflush syscall), and called again; stale translations
 * would return old values. Done for ARM and Thumb code on the guest and
 * for x86-64 code natively, so that the printed results are the same.
 * Also code copied to a second mapping and a page remapped with new code. */
#include "guest.h"
#include <string.h>
#include <sys/mman.h>

typedef uint32_t (*fn_t)(void);

/* Writes a function returning k at p; returns the entry address. */
#if defined(__arm__)
static void *emit_a32(void *p, uint32_t k)
{
    uint32_t *w = p;
    w[0] = 0xe3000000u | ((k & 0xf000u) << 4) | (k & 0xfffu);   /* movw r0, #k */
    w[1] = 0xe12fff1eu;                                          /* bx lr */
    return p;
}
static void *emit_t32(void *p, uint32_t k)
{
    uint16_t *h = p;
    /* movw r0, #k (T3): 11110 i 10 0100 imm4 | 0 imm3 0000 imm8 */
    h[0] = (uint16_t)(0xf240u | ((k >> 1) & 0x400u) | ((k >> 12) & 0xfu));
    h[1] = (uint16_t)(((k << 4) & 0x7000u) | (k & 0xffu));
    h[2] = 0x4770u;                                              /* bx lr */
    return (char *)p + 1;                                        /* Thumb entry */
}
#define ISA_A "a32"
#define ISA_B "t32"
#elif defined(__x86_64__)
static void *emit_a32(void *p, uint32_t k)
{
    unsigned char *b = p;
    b[0] = 0xb8;                                                 /* mov eax, imm32 */
    memcpy(b + 1, &k, 4);
    b[5] = 0xc3;                                                 /* ret */
    return p;
}
static void *emit_t32(void *p, uint32_t k)
{
    unsigned char *b = p;
    b[0] = 0x90;                                                 /* nop, then the same */
    emit_a32(b + 1, k);
    return p;
}
#define ISA_A "a32"
#define ISA_B "t32"
#else
#error "smc.c: add an emitter for this machine"
#endif

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

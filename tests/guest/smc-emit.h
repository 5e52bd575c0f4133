/* Writers of a tiny function "return k" for the self-modifying-code tests
 * (smc.c, threads-smc.c): emit_a32 and emit_t32 write it at p and return
 * its entry (Thumb: odd). On x86-64 (the native twin) both write the same
 * x86 code, so the printed results match. emit_a32 stores the word that
 * holds the constant last, in one aligned store, so that a thread calling
 * the function meanwhile runs the old constant or the new one, nothing
 * else. */
#ifndef FERRY_TESTS_GUEST_SMC_EMIT_H
#define FERRY_TESTS_GUEST_SMC_EMIT_H

#include <stdint.h>
#include <string.h>

#if defined(__arm__)
static inline void *emit_a32(void *p, uint32_t k)
{
    uint32_t *w = p;
    w[1] = 0xe12fff1eu;                                                   /* bx lr */
    __atomic_store_n(&w[0], 0xe3000000u | ((k & 0xf000u) << 4) | (k & 0xfffu),
                     __ATOMIC_RELEASE);                                   /* movw r0, #k */
    return p;
}
static inline void *emit_t32(void *p, uint32_t k)
{
    uint16_t *h = p;
    /* movw r0, #k (T3): 11110 i 10 0100 imm4 | 0 imm3 0000 imm8 */
    h[0] = (uint16_t)(0xf240u | ((k >> 1) & 0x400u) | ((k >> 12) & 0xfu));
    h[1] = (uint16_t)(((k << 4) & 0x7000u) | (k & 0xffu));
    h[2] = 0x4770u;                                                       /* bx lr */
    return (char *)p + 1;                                                 /* Thumb entry */
}
#elif defined(__x86_64__)
static inline void *emit_a32(void *p, uint32_t k)
{
    unsigned char b[8] = { 0xb8, 0, 0, 0, 0, 0xc3, 0x90, 0x90 };         /* mov eax, k; ret */
    memcpy(b + 1, &k, 4);
    uint64_t v;
    memcpy(&v, b, 8);
    __atomic_store_n((uint64_t *)p, v, __ATOMIC_RELEASE);
    return p;
}
static inline void *emit_t32(void *p, uint32_t k)
{
    unsigned char *b = p;
    b[0] = 0x90;                                                          /* nop, then the same */
    memcpy(b + 1, (unsigned char[]){ 0xb8, 0, 0, 0, 0, 0xc3 }, 6);
    memcpy(b + 2, &k, 4);
    return p;
}
#else
#error "smc-emit.h: add an emitter for this machine"
#endif

#endif

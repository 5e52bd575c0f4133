/*
 * The kuser helper page at guest 0xffff0000: small routines the ARM kernel
 * puts at fixed addresses for user space (glibc and Android's libc call
 * them on old-CPU paths; static binaries built for ARMv5 rely on them).
 *
 * They are real ARM (A32) code, hand-assembled into the table below, so
 * the translator runs them like any guest code: no special exit, and the
 * atomics are the guest's own LDREX/STREX. Layout and contracts are those
 * of Documentation/arm/kernel_user_helpers.rst; each helper slot is 32
 * bytes, and the word at 0xffff0ffc counts the slots (5: every helper up
 * to __kuser_cmpxchg64 is present).
 */
#include "loader/loader.h"

#include <string.h>
#include <sys/mman.h>

#include "linux-user/mmap.h"
#include "linux-user/signal.h"
#include "linux-user/user.h"
#include "util/log.h"

#define A32_UDF 0xe7f000f0u   /* udf #0: anything else on the page is undefined */

typedef struct KuserWord {
    uint16_t offset;          /* within the page */
    uint32_t insn;
} KuserWord;

static const KuserWord kuser_code[] = {
    /* __kuser_cmpxchg64 (0xffff0f60): r0 = &oldval, r1 = &newval, r2 = ptr;
     * returns 0 (and C set) if *ptr was oldval and is now newval. */
    { 0xf60, 0xe92d00f0 },   /* push   {r4, r5, r6, r7} */
    { 0xf64, 0xe1c040d0 },   /* ldrd   r4, r5, [r0]        old value */
    { 0xf68, 0xe1c160d0 },   /* ldrd   r6, r7, [r1]        new value */
    { 0xf6c, 0xf57ff05b },   /* dmb    ish */
    { 0xf70, 0xe1b20f9f },   /* 1: ldrexd r0, r1, [r2]     current value */
    { 0xf74, 0xe0303004 },   /* eors   r3, r0, r4          low words equal? */
    { 0xf78, 0x00313005 },   /* eorseq r3, r1, r5          high words equal? */
    { 0xf7c, 0x01a23f96 },   /* strexdeq r3, r6, r7, [r2]  store if so */
    { 0xf80, 0x03330001 },   /* teqeq  r3, #1              lost the reservation? */
    { 0xf84, 0x0afffff9 },   /* beq    1b                  then try again */
    { 0xf88, 0xf57ff05b },   /* dmb    ish */
    { 0xf8c, 0xe2730000 },   /* rsbs   r0, r3, #0          0 and C=1 on success */
    { 0xf90, 0xe8bd00f0 },   /* pop    {r4, r5, r6, r7} */
    { 0xf94, 0xe12fff1e },   /* bx     lr */
    /* __kuser_memory_barrier (0xffff0fa0). */
    { 0xfa0, 0xf57ff05b },   /* dmb    ish */
    { 0xfa4, 0xe12fff1e },   /* bx     lr */
    /* __kuser_cmpxchg (0xffff0fc0): r0 = oldval, r1 = newval, r2 = ptr;
     * returns 0 (and C set) on success; clobbers r3 and the flags. */
    { 0xfc0, 0xf57ff05b },   /* dmb    ish */
    { 0xfc4, 0xe1923f9f },   /* 1: ldrex r3, [r2] */
    { 0xfc8, 0xe0533000 },   /* subs   r3, r3, r0          equal to oldval? */
    { 0xfcc, 0x01823f91 },   /* strexeq r3, r1, [r2]       store if so */
    { 0xfd0, 0x03330001 },   /* teqeq  r3, #1              lost the reservation? */
    { 0xfd4, 0x0afffffa },   /* beq    1b */
    { 0xfd8, 0xe2730000 },   /* rsbs   r0, r3, #0          0 and C=1 on success */
    { 0xfdc, 0xeaffffef },   /* b      __kuser_memory_barrier (its dmb; bx lr) */
    /* __kuser_get_tls (0xffff0fe0): r0 = TPIDRURO. */
    { 0xfe0, 0xee1d0f70 },   /* mrc    p15, 0, r0, c13, c0, 3 */
    { 0xfe4, 0xe12fff1e },   /* bx     lr */
    /* __kuser_helper_version (0xffff0ffc): number of 32-byte helper slots. */
    { 0xffc, 5 },
};

void lu_kuser_fill(uint8_t *page)
{
    for (uint32_t off = 0; off < LU_PAGE_SIZE; off += 4)
        memcpy(page + off, &(uint32_t){ A32_UDF }, 4);
    for (size_t i = 0; i < sizeof(kuser_code) / sizeof(kuser_code[0]); i++)
        memcpy(page + kuser_code[i].offset, &kuser_code[i].insn, 4);
    /* The sigreturn codes (lu_sigreturn_codes): where a signal handler
     * without SA_RESTORER returns (the kernel keeps them in its own
     * sigpage; the kuser page is ferry's one fixed executable page). */
    memcpy(page + LU_KUSER_SIGRETURN, lu_sigreturn_codes, sizeof(lu_sigreturn_codes));
}

bool lu_kuser_map(void)
{
    if (lu_space_size() < (uint64_t)LU_KUSER_PAGE + LU_PAGE_SIZE) {
        ferry_log(FERRY_LOG_page, "page: no kuser helper page (the guest space ends below 0xffff0000)\n");
        return false;
    }
    int64_t r = lu_mmap(LU_KUSER_PAGE, LU_PAGE_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0)
        return false;
    lu_kuser_fill(g2h(LU_KUSER_PAGE));
    return lu_mprotect(LU_KUSER_PAGE, LU_PAGE_SIZE, PROT_READ | PROT_EXEC) == 0;
}

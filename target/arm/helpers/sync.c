/*
 * STREXD: the IR's guest_cmpxchg is 32 bits wide, and a doubleword
 * store-exclusive must replace all 64 bits at once for other threads, so
 * this one is a C helper around the host's 64-bit compare-and-swap. Like
 * the inline STREX it succeeds only if the monitor holds this address and
 * memory still holds what LDREXD read, and it always clears the monitor.
 * The caller probes the address with a guest load first, so that an
 * unmapped address faults precisely in translated code, not here.
 */
#include "target/arm/helpers/sync.h"

#include <stdbool.h>

#include "linux-user/user.h"
#include "target/arm/cpu.h"

static uint32_t arm_strexd(void *opaque, uint32_t addr, uint32_t lo, uint32_t hi, uint32_t unused)
{
    ArmCpu *cpu = opaque;
    uint32_t status = 1;
    if (cpu->excl_addr == addr) {
        uint64_t expected = cpu->excl_val;
        uint64_t desired = (uint64_t)hi << 32 | lo;
        /* ARM requires 8-byte alignment here; x86's locked cmpxchg8b
         * would be atomic even without it. */
        if (__atomic_compare_exchange_n((uint64_t *)g2h(addr), &expected, desired, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            status = 0;
    }
    cpu->excl_addr = ~0u;
    return status;
}

const IRHelper arm_helper_strexd = { "strexd", arm_strexd, 0 };

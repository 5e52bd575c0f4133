/* Shared helpers for the guest test programs.
 *
 * Every program in tests/guest is built natively and for armhf in several
 * variants; tests/guest.t checks that each armhf build prints exactly what
 * the native build prints. So the programs must be deterministic and must
 * not print anything whose value legitimately differs between x86-64 and
 * ARM: sizeof(long), pointers, plain char signedness, addresses, pids.
 * Values come from a fixed-seed PRNG so that every width and sign gets
 * exercised without hand-written tables.
 */
#ifndef GUEST_H
#define GUEST_H
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>

static uint32_t g_rng = 0x12345678u;

/* xorshift32: cheap, full period, the same on every host. */
static inline uint32_t rnd32(void)
{
    uint32_t x = g_rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return g_rng = x;
}

static inline uint64_t rnd64(void)
{
    uint64_t hi = rnd32();
    uint64_t lo = rnd32();
    return (hi << 32) | lo;
}

/* Interesting operands: edges of every width, mixed with random values. */
static inline uint32_t pick32(int i)
{
    static const uint32_t edge[] = {
        0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
        0x10000, 0x7fffffff, 0x80000000u, 0x80000001u, 0xfffffffeu,
        0xffffffffu, 0x55555555u, 0xaaaaaaaau, 10, 100, 1000, 12345,
    };
    unsigned n = sizeof edge / sizeof edge[0];
    if ((unsigned)i < n) return edge[i];
    uint32_t v = rnd32();   /* two statements: operand order is unspecified */
    return v >> (rnd32() & 31);
}

static inline uint64_t pick64(int i)
{
    static const uint64_t edge[] = {
        0, 1, 2, 0xffffffffull, 0x100000000ull, 0x7fffffffffffffffull,
        0x8000000000000000ull, 0xffffffffffffffffull, 0x123456789abcdef0ull,
        1000000007ull, 0xfffffffffffull,
    };
    unsigned n = sizeof edge / sizeof edge[0];
    if ((unsigned)i < n) return edge[i];
    uint64_t v = rnd64();
    return v >> (rnd32() & 63);
}

/* FNV-1a over 64-bit values: one line of output summarises many results. */
typedef struct { uint64_t h; unsigned n; } Sum;
static inline void sum_init(Sum *s) { s->h = 0xcbf29ce484222325ull; s->n = 0; }
static inline void sum_add(Sum *s, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        s->h ^= (v >> (8 * i)) & 0xff;
        s->h *= 0x100000001b3ull;
    }
    s->n++;
}
static inline void sum_print(const char *what, const Sum *s)
{
    printf("%-24s n=%u sum=%016" PRIx64 "\n", what, s->n, s->h);
}
#endif

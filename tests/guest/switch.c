/* switch statements: dense ones become jump tables (ARM: ldr pc, [pc, rN,
 * lsl #2]; Thumb-2: TBB/TBH), sparse ones become compare trees; also
 * fall-through and switches on 64-bit and negative values. */
#include "guest.h"

static int dense(unsigned x)
{
    switch (x) {
    case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41;
    case 4: return 53; case 5: return 67; case 6: return 71; case 7: return 89;
    case 8: return 97; case 9: return 101; case 10: return 113; case 11: return 127;
    case 12: return 131; case 13: return 149; case 14: return 151; case 15: return 163;
    default: return -1;
    }
}

/* Large enough, with bodies of real size, for a halfword table (TBH). */
static uint32_t wide(unsigned x, uint32_t a)
{
    switch (x) {
    case 0: a = a * 3 + 1; break;
    case 1: a ^= a >> 7; a *= 0x9e3779b9u; break;
    case 2: a = (a << 5) | (a >> 27); break;
    case 3: a = ~a + 12345; break;
    case 4: for (int i = 0; i < 8; i++) a = a * 33 + (uint32_t)i; break;
    case 5: a -= 0x55555555u; /* fall through */
    case 6: a += a >> 3; break;
    case 7: a = a / 3 + a % 7; break;
    case 8: a = a & 0xff00ff00u ? a >> 8 : a << 8; break;
    case 9: a = __builtin_bswap32(a); break;
    case 10: a = a * a; break;
    case 11: a = (uint32_t)((int32_t)a >> 4); break;
    case 12: a = a + 0x1234; /* fall through */
    case 13: a = a ^ 0xabcdef; /* fall through */
    case 14: a = a - 1; break;
    case 15: a = (uint32_t)__builtin_popcount(a) * 1000003u; break;
    case 16: a = a | 0x80000001u; break;
    case 17: a = a % 65521; break;
    case 18: a = a * 5 - 7; break;
    case 19: a = (a >> 16) | (a << 16); break;
    default: a = 0xdead; break;
    }
    return a;
}

static const char *sparse(int32_t x)
{
    switch (x) {
    case -1000000: return "minus million";
    case -7: return "minus seven";
    case 0: return "zero";
    case 42: return "answer";
    case 1000: return "thousand";
    case 65536: return "64k";
    case 2147483647: return "int max";
    default: return "other";
    }
}

static int on64(uint64_t v)
{
    switch (v) {
    case 0x100000000ull: return 1;
    case 0xffffffffffffffffull: return 2;
    case 5: return 3;
    case 0x8000000000000005ull: return 4;
    default: return 0;
    }
}

int main(void)
{
    int s = 0;
    for (unsigned i = 0; i < 20; i++) s = s * 3 + dense(i);
    printf("dense: %d (dense(7)=%d dense(99)=%d)\n", s, dense(7), dense(99));
    uint32_t a = 1;
    for (unsigned i = 0; i < 3000; i++) a = wide((a ^ i) % 23, a) + i;
    printf("wide: %08x\n", a);
    static const int32_t keys[] = { -1000000, -7, -6, 0, 1, 42, 999, 1000, 65536, 2147483647, -2147483647 - 1 };
    for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) printf("sparse(%d)=%s\n", keys[i], sparse(keys[i]));
    printf("on64: %d %d %d %d %d\n", on64(0x100000000ull), on64(~0ull), on64(5),
           on64(0x8000000000000005ull), on64(0x500000000ull));
    return 0;
}

/* Bit manipulation: popcount/clz/ctz builtins (CLZ, RBIT on ARM), rotates
 * (ROR), byte swaps (REV, REV16, REVSH), bit-field extract/insert (UBFX,
 * SBFX, BFI, BFC) through struct bit-fields and masks, parity. */
#include "guest.h"

struct packed {
    unsigned a : 3;
    unsigned b : 7;
    signed c : 5;
    unsigned d : 1;
    unsigned e : 16;
};

static uint32_t rotl32(uint32_t x, unsigned r) { r &= 31; return r ? (x << r) | (x >> (32 - r)) : x; }
static uint32_t rotr32(uint32_t x, unsigned r) { r &= 31; return r ? (x >> r) | (x << (32 - r)) : x; }
static uint64_t rotl64(uint64_t x, unsigned r) { r &= 63; return r ? (x << r) | (x >> (64 - r)) : x; }

static uint32_t rev_bits(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) { r = (r << 1) | (x & 1); x >>= 1; }
    return r;
}

int main(void)
{
    Sum pc, lz, tz, rot, bsw, fld, rv, misc;
    sum_init(&pc); sum_init(&lz); sum_init(&tz); sum_init(&rot);
    sum_init(&bsw); sum_init(&fld); sum_init(&rv); sum_init(&misc);
    for (int i = 0; i < 500; i++) {
        uint32_t x = pick32(i);
        uint64_t y = pick64(i);
        sum_add(&pc, (uint64_t)__builtin_popcount(x) << 8 | (uint64_t)__builtin_popcountll(y));
        sum_add(&lz, x ? (uint64_t)__builtin_clz(x) : 99);
        sum_add(&lz, y ? (uint64_t)__builtin_clzll(y) : 99);
        sum_add(&tz, x ? (uint64_t)__builtin_ctz(x) : 99);
        sum_add(&tz, y ? (uint64_t)__builtin_ctzll(y) : 99);
        sum_add(&rot, rotl32(x, i) ^ (uint64_t)rotr32(x, i * 3) << 32);
        sum_add(&rot, rotl64(y, i));
        sum_add(&bsw, __builtin_bswap32(x) ^ (uint64_t)__builtin_bswap16((uint16_t)x) << 32);
        sum_add(&bsw, __builtin_bswap64(y));
        sum_add(&bsw, (uint64_t)(int64_t)(int16_t)__builtin_bswap16((uint16_t)x));
        struct packed p = { 0 };
        p.a = x; p.b = x >> 3; p.c = (int)(x >> 10) & 31; p.d = x >> 15; p.e = x >> 16;
        sum_add(&fld, p.a | p.b << 3 | (uint64_t)(int64_t)p.c << 10 | (uint64_t)p.d << 40 | (uint64_t)p.e << 44);
        uint32_t ins = (x & ~(0xffu << 8)) | ((uint32_t)(y & 0xff) << 8);
        uint32_t ext = (x >> 5) & 0x3ff;
        int32_t sext = (int32_t)(x << 7) >> 20;
        sum_add(&fld, ins ^ (uint64_t)ext << 32 ^ (uint64_t)(uint32_t)sext);
        sum_add(&rv, rev_bits(x));
        sum_add(&misc, (uint64_t)__builtin_parity(x) | (uint64_t)__builtin_ffs((int)x) << 1 |
                       (uint64_t)(x & -x) << 8 | (uint64_t)(x & (x - 1)) << 40);
    }
    printf("clz(1)=%d ctz(0x80000000)=%d popcount(0xf0f0)=%d\n",
           __builtin_clz(1), __builtin_ctz(0x80000000u), __builtin_popcount(0xf0f0));
    printf("bswap32(0x11223344)=%08x rotl(0x80000001,4)=%08x\n",
           __builtin_bswap32(0x11223344u), rotl32(0x80000001u, 4));
    sum_print("popcount", &pc);
    sum_print("clz", &lz);
    sum_print("ctz", &tz);
    sum_print("rotate", &rot);
    sum_print("byteswap", &bsw);
    sum_print("bitfields", &fld);
    sum_print("bit reverse", &rv);
    sum_print("parity/ffs/lowbit", &misc);
    return 0;
}

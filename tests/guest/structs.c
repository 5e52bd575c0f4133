/* Structures by value: passing and returning small structs (in r0-r3),
 * large ones (memory, hidden pointer), copies, nested arrays, unions, and
 * packed/unaligned members (unaligned LDR/STR and LDRH, byte copies). */
#include "guest.h"
#include <string.h>

typedef struct { int16_t x, y; } Pt;
typedef struct { uint8_t a; uint32_t b; uint8_t c; uint64_t d; } Mixed;
typedef struct { int32_t m[8][8]; char label[20]; } Big;
typedef struct __attribute__((packed)) { uint8_t tag; uint32_t val; uint16_t half; uint64_t wide; } Packed;
typedef union { uint32_t w; uint16_t h[2]; uint8_t b[4]; } Word;

static Pt pt_add(Pt a, Pt b) { return (Pt){ (int16_t)(a.x + b.x), (int16_t)(a.y + b.y) }; }
static Mixed mixed_make(uint32_t seed)
{
    Mixed m = { (uint8_t)seed, seed * 7, (uint8_t)(seed >> 8), (uint64_t)seed * 0x100000001ull };
    return m;
}
static Big big_transpose(Big b)
{
    Big r = b;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) r.m[i][j] = b.m[j][i];
    strcpy(r.label, "transposed");
    return r;
}
static int64_t big_trace(const Big *b) { int64_t t = 0; for (int i = 0; i < 8; i++) t += b->m[i][i] * (i + 1); return t; }
static uint64_t mixed_sum(Mixed m, Mixed n) { return m.a + m.b + m.c + m.d + n.a + n.b + n.c + n.d; }

int main(void)
{
    Pt p = { 1, 2 };
    for (int i = 0; i < 10; i++) p = pt_add(p, (Pt){ (int16_t)i, (int16_t)-i });
    printf("pt=(%d,%d)\n", p.x, p.y);
    Mixed a = mixed_make(0x1234), b = mixed_make(0xfedcba);
    printf("mixed sum=%" PRIu64 " sizeof=%zu\n", mixed_sum(a, b), sizeof(Mixed));
    Big g;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) g.m[i][j] = i * 8 - j;
    strcpy(g.label, "orig");
    Big t = big_transpose(g);
    Big copy;
    copy = t;
    printf("big: %s %s m[1][6]=%d t[1][6]=%d trace=%" PRId64 " equal=%d\n", g.label, copy.label,
           g.m[1][6], copy.m[1][6], big_trace(&copy), memcmp(&copy, &t, sizeof t) == 0);
    static unsigned char raw[64];
    for (int i = 0; i < 64; i++) raw[i] = (unsigned char)(i * 37 + 11);
    uint64_t acc = 0;
    for (int off = 0; off < 16; off++) {
        Packed *pk = (Packed *)(raw + off);
        acc = acc * 131 + pk->tag + pk->val + pk->half + pk->wide;
        pk->val ^= 0x01010101u;
        pk->half += 3;
    }
    printf("packed sizeof=%zu acc=%016" PRIx64 " raw[20]=%d\n", sizeof(Packed), acc, raw[20]);
    Word w = { .w = 0x11223344u };
    printf("union: h0=%04x h1=%04x b0=%02x b3=%02x\n", w.h[0], w.h[1], w.b[0], w.b[3]);
    w.b[1] = 0xff;
    printf("union after byte write: %08x\n", w.w);
    struct { Pt pts[5]; Word words[3]; } arr, arr2;
    memset(&arr, 0, sizeof arr);
    for (int i = 0; i < 5; i++) arr.pts[i] = (Pt){ (int16_t)(i * 100), (int16_t)(-i) };
    arr.words[2].w = 0xcafebabe;
    arr2 = arr;
    printf("array struct copy: %d %d %08x\n", arr2.pts[4].x, arr2.pts[3].y, arr2.words[2].w);
    return 0;
}

/* Integer arithmetic: every C operator at 8, 16, 32 and 64 bits, signed and
 * unsigned, including division and remainder (ARM has no 64-bit divide:
 * these call __aeabi_ldivmod/uldivmod; 32-bit ones use SDIV/UDIV or
 * __aeabi_idiv), shifts, comparisons and mixed-width conversions.
 * Signed overflow is avoided (it is undefined); wrapping is done unsigned. */
#include "guest.h"
#include <stdlib.h>

#define N 400

static void ops32(void)
{
    Sum s[16];
    for (int k = 0; k < 16; k++) sum_init(&s[k]);
    for (int i = 0; i < N; i++) {
        uint32_t a = pick32(i), b = pick32((i * 7 + 3) % N);
        int32_t sa = (int32_t)a, sb = (int32_t)b;
        sum_add(&s[0], a + b);
        sum_add(&s[1], a - b);
        sum_add(&s[2], a * b);
        if (b) {
            sum_add(&s[3], a / b);
            sum_add(&s[4], a % b);
        }
        if (sb && !(sa == INT32_MIN && sb == -1)) {
            sum_add(&s[5], (uint32_t)(sa / sb));
            sum_add(&s[6], (uint32_t)(sa % sb));
        }
        sum_add(&s[7], a & b);
        sum_add(&s[8], a | b);
        sum_add(&s[9], a ^ b);
        sum_add(&s[10], ~a);
        sum_add(&s[11], a << (b & 31));
        sum_add(&s[12], a >> (b & 31));
        sum_add(&s[13], (uint32_t)(sa >> (b & 31)));
        sum_add(&s[14], (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 |
                        (a == b) << 4 | (a != b) << 5 | (sa < sb) << 6 |
                        (sa <= sb) << 7 | (sa > sb) << 8 | (sa >= sb) << 9);
        sum_add(&s[15], (uint32_t)-sa + !a + (a && b) + (a || b));
    }
    static const char *names[16] = {
        "u32 add", "u32 sub", "u32 mul", "u32 div", "u32 rem", "s32 div",
        "s32 rem", "u32 and", "u32 or", "u32 xor", "u32 not", "u32 shl",
        "u32 shr", "s32 sar", "32 compare", "32 neg/logic",
    };
    for (int k = 0; k < 16; k++) sum_print(names[k], &s[k]);
}

static void ops64(void)
{
    Sum s[14];
    for (int k = 0; k < 14; k++) sum_init(&s[k]);
    for (int i = 0; i < N; i++) {
        uint64_t a = pick64(i), b = pick64((i * 5 + 1) % N);
        int64_t sa = (int64_t)a, sb = (int64_t)b;
        sum_add(&s[0], a + b);
        sum_add(&s[1], a - b);
        sum_add(&s[2], a * b);
        if (b) {
            sum_add(&s[3], a / b);
            sum_add(&s[4], a % b);
        }
        if (sb && !(sa == INT64_MIN && sb == -1)) {
            sum_add(&s[5], (uint64_t)(sa / sb));
            sum_add(&s[6], (uint64_t)(sa % sb));
        }
        sum_add(&s[7], (a & b) ^ (a | b) ^ ~a);
        sum_add(&s[8], a << (b & 63));
        sum_add(&s[9], a >> (b & 63));
        sum_add(&s[10], (uint64_t)(sa >> (b & 63)));
        sum_add(&s[11], (a < b) | (a > b) << 1 | (sa < sb) << 2 | (sa > sb) << 3 |
                        (a == b) << 4 | (sa <= sb) << 5 | (sa >= sb) << 6);
        /* 32x32->64 widening multiplies (UMULL/SMULL) and multiply-add. */
        uint32_t x = (uint32_t)a, y = (uint32_t)b;
        sum_add(&s[12], (uint64_t)x * y + (uint64_t)(int64_t)((int64_t)(int32_t)x * (int32_t)y));
        sum_add(&s[13], a * 3 + (b >> 1) + (uint64_t)x * y);
    }
    static const char *names[14] = {
        "u64 add", "u64 sub", "u64 mul", "u64 div", "u64 rem", "s64 div",
        "s64 rem", "u64 logic", "u64 shl", "u64 shr", "s64 sar",
        "64 compare", "32x32->64 mul", "u64 mixed",
    };
    for (int k = 0; k < 14; k++) sum_print(names[k], &s[k]);
}

static void narrow(void)
{
    Sum s8, s16, conv;
    sum_init(&s8); sum_init(&s16); sum_init(&conv);
    for (int i = 0; i < N; i++) {
        uint32_t r = pick32(i), q = pick32(N - 1 - i);
        uint8_t a = (uint8_t)r, b = (uint8_t)q;
        int8_t sa = (int8_t)a, sb = (int8_t)b;
        sum_add(&s8, (uint8_t)(a + b) | (uint8_t)(a * b) << 8 |
                     (uint64_t)(uint8_t)(b ? a / b : 0) << 16 |
                     (uint64_t)(uint8_t)(sb ? sa % sb : 0) << 24 |
                     (uint64_t)(uint16_t)(int16_t)sa << 32);
        uint16_t c = (uint16_t)r, d = (uint16_t)(q | 1);
        int16_t sc = (int16_t)c, sd = (int16_t)d;
        sum_add(&s16, (uint16_t)(c * d) | (uint32_t)(uint16_t)(c / d) << 16 |
                      (uint64_t)(uint16_t)(sc / sd) << 32 |
                      (uint64_t)(uint16_t)(sc >> 3) << 48);
        /* Sign and zero extension between all widths. */
        sum_add(&conv, (uint64_t)(int64_t)(int32_t)(int16_t)r ^
                       (uint64_t)(int64_t)(int8_t)q ^
                       ((uint64_t)(uint16_t)r << 20) ^ (uint64_t)(int64_t)(int32_t)q);
    }
    sum_print("8-bit ops", &s8);
    sum_print("16-bit ops", &s16);
    sum_print("extensions", &conv);
}

int main(void)
{
    /* A few plain values so that a failure is readable. */
    volatile int32_t m = -7, n = 2;
    volatile uint32_t u = 0xdeadbeef;
    volatile int64_t big = -1234567890123ll;
    printf("-7/2=%d -7%%2=%d -7>>1=%d\n", (int)(m / n), (int)(m % n), (int)(m >> 1));
    printf("0xdeadbeef/7=%u %%7=%u *3=%u\n", (unsigned)(u / 7), (unsigned)(u % 7), (unsigned)(u * 3));
    printf("big/1000=%" PRId64 " big%%1000=%" PRId64 " big*3=%" PRId64 "\n",
           (int64_t)(big / 1000), (int64_t)(big % 1000), (int64_t)(big * 3));
    printf("u64max/3=%" PRIu64 " llabs=%lld\n", UINT64_MAX / 3, llabs((long long)big));
    div_t q = div(-17, 5);
    lldiv_t lq = lldiv(-17000000000ll, 7);
    printf("div=%d,%d lldiv=%lld,%lld\n", q.quot, q.rem, lq.quot, lq.rem);
    ops32();
    ops64();
    narrow();
    return 0;
}

/* The initial stack: built into a plain buffer, parsed back as the guest's
 * C start-up code would read it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "loader/loader.h"

#define SIZE 65536u
#define TOP 0xbf000000u

static uint8_t buf[SIZE];

static uint32_t word(uint32_t guest)
{
    uint32_t v;
    memcpy(&v, buf + SIZE - (TOP - guest), 4);
    return v;
}

static const char *str(uint32_t guest)
{
    return (const char *)buf + SIZE - (TOP - guest);
}

static void test_layout(void **state)
{
    char *argv[] = { "prog", "one", "two words", NULL };
    char *envp[] = { "HOME=/root", "A=1", NULL };
    uint8_t rnd[16];
    for (int i = 0; i < 16; i++)
        rnd[i] = (uint8_t)(i * 7 + 1);
    const uint32_t aux[][2] = { { AT_PAGESZ, 4096 }, { AT_HWCAP, 0x1234 }, { AT_ENTRY, 0x10401 } };
    LuStackArgs a = { 3, argv, envp, "/usr/bin/prog", "v7l", rnd, aux, 3 };
    LuStackLayout l;
    memset(buf, 0x77, sizeof(buf));
    assert_true(lu_stack_build(buf + SIZE, TOP, SIZE, &a, &l));
    assert_int_equal(l.sp & 15, 0);
    assert_true(l.sp < TOP && l.sp > TOP - SIZE);
    assert_int_equal(word(l.sp), 3);
    assert_int_equal(l.argv_addr, l.sp + 4);
    assert_string_equal(str(word(l.sp + 4)), "prog");
    assert_string_equal(str(word(l.sp + 8)), "one");
    assert_string_equal(str(word(l.sp + 12)), "two words");
    assert_int_equal(word(l.sp + 16), 0);
    assert_int_equal(l.envp_addr, l.sp + 20);
    assert_string_equal(str(word(l.sp + 20)), "HOME=/root");
    assert_string_equal(str(word(l.sp + 24)), "A=1");
    assert_int_equal(word(l.sp + 28), 0);
    assert_int_equal(l.auxv_addr, l.sp + 32);
    /* auxv: the given entries, then platform, random, execfn, AT_NULL. */
    uint32_t p = l.auxv_addr;
    int seen = 0;
    for (;; p += 8) {
        uint32_t type = word(p), val = word(p + 4);
        if (type == AT_NULL)
            break;
        switch (type) {
        case AT_PAGESZ: assert_int_equal(val, 4096); seen |= 1; break;
        case AT_HWCAP: assert_int_equal(val, 0x1234); seen |= 2; break;
        case AT_ENTRY: assert_int_equal(val, 0x10401); seen |= 4; break;
        case AT_PLATFORM: assert_string_equal(str(val), "v7l"); seen |= 8; break;
        case AT_RANDOM: assert_memory_equal(str(val), rnd, 16); seen |= 16; break;
        case AT_EXECFN: assert_string_equal(str(val), "/usr/bin/prog"); seen |= 32; break;
        default: fail_msg("unexpected auxv type %u", type);
        }
    }
    assert_int_equal(seen, 63);
    assert_int_equal(l.auxv_len, p + 8 - l.auxv_addr);
    assert_int_equal(l.auxv_len, 7 * 8);
    /* The strings sit above the pointers, below the top NULL word. */
    assert_true(word(l.sp + 4) > p);
    assert_int_equal(word(TOP - 4), 0);
    assert_string_equal(str(TOP - 4 - 14), "/usr/bin/prog");
    /* The argv and envp strings as /proc/self/cmdline and environ give
     * them: NUL-separated, back to back. */
    assert_int_equal(l.arg_start, word(l.sp + 4));
    assert_int_equal(l.arg_end - l.arg_start, sizeof("prog\0one\0two words"));
    assert_memory_equal(str(l.arg_start), "prog\0one\0two words", l.arg_end - l.arg_start);
    assert_int_equal(l.env_start, l.arg_end);
    assert_int_equal(l.env_end - l.env_start, sizeof("HOME=/root\0A=1"));
    assert_memory_equal(str(l.env_start), "HOME=/root\0A=1", l.env_end - l.env_start);
}

static void test_empty(void **state)
{
    char *argv[] = { NULL };
    uint8_t rnd[16] = { 0 };
    LuStackArgs a = { 0, argv, NULL, "x", "v7l", rnd, NULL, 0 };
    LuStackLayout l;
    assert_true(lu_stack_build(buf + SIZE, TOP, SIZE, &a, &l));
    assert_int_equal(word(l.sp), 0);
    assert_int_equal(word(l.sp + 4), 0);   /* argv NULL */
    assert_int_equal(word(l.sp + 8), 0);   /* envp NULL */
    assert_int_equal(l.auxv_addr, l.sp + 12);
}

static void test_too_big(void **state)
{
    char *big = malloc(SIZE);
    memset(big, 'x', SIZE - 1);
    big[SIZE - 1] = 0;
    char *argv[] = { "prog", big, NULL };
    uint8_t rnd[16] = { 0 };
    LuStackArgs a = { 2, argv, NULL, "prog", "v7l", rnd, NULL, 0 };
    LuStackLayout l;
    assert_false(lu_stack_build(buf + SIZE, TOP, SIZE, &a, &l));
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

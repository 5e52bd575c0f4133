/* The kuser helper page: its code, disassembled with capstone, must be the
 * documented helpers at their fixed addresses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "loader/loader.h"

static uint8_t page[4096];

static void expect_code(csh cs, uint32_t offset, const char *const *lines, size_t n)
{
    cs_insn *insn;
    size_t count = cs_disasm(cs, page + offset, n * 4, LU_KUSER_PAGE + offset, n, &insn);
    assert_int_equal(count, n);
    for (size_t i = 0; i < n; i++) {
        char text[200];
        snprintf(text, sizeof(text), "%s %s", insn[i].mnemonic, insn[i].op_str);
        if (strcmp(text, lines[i]))
            fail_msg("0x%x: expected '%s', got '%s'", LU_KUSER_PAGE + offset + (unsigned)i * 4, lines[i], text);
    }
    cs_free(insn, count);
}

static void test_helpers(void **state)
{
    lu_kuser_fill(page);
    csh cs;
    assert_int_equal(cs_open(CS_ARCH_ARM, CS_MODE_ARM, &cs), CS_ERR_OK);
    static const char *const barrier[] = { "dmb ish", "bx lr" };
    expect_code(cs, 0xfa0, barrier, 2);
    static const char *const tls[] = { "mrc p15, #0, r0, c13, c0, #3", "bx lr" };
    expect_code(cs, 0xfe0, tls, 2);
    static const char *const cmpxchg[] = {
        "dmb ish", "ldrex r3, [r2]", "subs r3, r3, r0", "strexeq r3, r1, [r2]",
        "teqeq r3, #1", "beq #0xffff0fc4", "rsbs r0, r3, #0", "b #0xffff0fa0",
    };
    expect_code(cs, 0xfc0, cmpxchg, 8);
    static const char *const cmpxchg64[] = {
        "push {r4, r5, r6, r7}", "ldrd r4, r5, [r0]", "ldrd r6, r7, [r1]", "dmb ish",
        "ldrexd r0, r1, [r2]", "eors r3, r0, r4", "eorseq r3, r1, r5", "strexdeq r3, r6, r7, [r2]",
        "teqeq r3, #1", "beq #0xffff0f70", "dmb ish", "rsbs r0, r3, #0", "pop {r4, r5, r6, r7}", "bx lr",
    };
    expect_code(cs, 0xf60, cmpxchg64, 14);
    uint32_t version;
    memcpy(&version, page + 0xffc, 4);
    assert_true(version >= 5);   /* cmpxchg64 present */
    cs_close(&cs);
}

static void test_rest_is_undefined(void **state)
{
    lu_kuser_fill(page);
    uint32_t w;
    memcpy(&w, page, 4);
    assert_int_equal(w, 0xe7f000f0);
    memcpy(&w, page + 0xfe8, 4);
    assert_int_equal(w, 0xe7f000f0);
}

static void test_map(void **state)
{
    char err[200];
    assert_true(lu_space_reserve(64u << 20, false, 0, 0, err, sizeof(err)));
    assert_false(lu_kuser_map());   /* a 64 MiB window does not reach it */
    lu_space_release();
    assert_true(lu_space_reserve(0, false, 0, 0, err, sizeof(err)));
    assert_true(lu_kuser_map());
    assert_int_equal(lu_page_flags(LU_KUSER_PAGE) & LU_PG_PROT, PROT_READ | PROT_EXEC);
    uint32_t w;
    assert_true(lu_read_code(0xffff0fe0, &w, 4));
    assert_int_equal(w, 0xee1d0f70);
    assert_false(lu_access_ok(0xffff0fe0, 4, PROT_WRITE));
    lu_space_release();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_rest_is_undefined),
        cmocka_unit_test(test_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

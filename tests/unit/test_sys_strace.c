/*
 * The strace printer: calls formatted from their table rows into a buffer,
 * in strace's style (strings quoted and shortened, flags by name, errors
 * as "-1 ENOENT (No such file or directory)").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "syscalls/sys.h"
#include "sys_test_guest.h"

static uint32_t mem;

static int setup(void **state)
{
    sys_test_reserve();
    mem = sys_test_alloc(2 * 4096, PROT_READ | PROT_WRITE);
    return 0;
}

static void format(char *buf, size_t size, uint32_t nr, const uint32_t regs_in[7], int64_t ret, bool returned)
{
    uint32_t regs[16] = { 0 };
    memcpy(regs, regs_in, 7 * sizeof(uint32_t));
    const SysEntry *e = sys_lookup(nr);
    assert_non_null(e);
    SysArgs a;
    sys_unpack_args(e, regs, &a);
    a.nr = nr;
    sys_strace_format(buf, size, &a, ret, returned);
}

static void test_write(void **state)
{
    char buf[256];
    strcpy(g2h(mem), "hello\n");
    format(buf, sizeof buf, 4, (uint32_t[7]){ 1, mem, 6 }, 6, true);
    assert_string_equal(buf, "write(1, \"hello\\n\", 6) = 6");
}

static void test_openat_error(void **state)
{
    char buf[256];
    strcpy(g2h(mem), "/nonexistent");
    format(buf, sizeof buf, 322, (uint32_t[7]){ (uint32_t)-100, mem, 02000000 | 0400000, 0 }, -ENOENT, true);
    assert_string_equal(buf, "openat(AT_FDCWD, \"/nonexistent\", O_RDONLY|O_LARGEFILE|O_CLOEXEC, 00) = "
                             "-1 ENOENT (No such file or directory)");
}

static void test_long_string_cut(void **state)
{
    char buf[256];
    memset(g2h(mem), 'a', 100);
    ((char *)g2h(mem))[100] = 0;
    format(buf, sizeof buf, 10, (uint32_t[7]){ mem }, 0, true);
    assert_string_equal(buf, "unlink(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"...) = 0");
}

static void test_read_shows_what_was_read(void **state)
{
    char buf[256];
    memcpy(g2h(mem), "ab\0\001c", 5);
    format(buf, sizeof buf, 3, (uint32_t[7]){ 0, mem, 100 }, 3, true);
    assert_string_equal(buf, "read(0, \"ab\\0\", 100) = 3");
    /* Before it returns (or on error) the buffer is an address. */
    format(buf, sizeof buf, 3, (uint32_t[7]){ 0, mem, 100 }, -EBADF, true);
    assert_non_null(strstr(buf, "read(0, 0x"));
    assert_non_null(strstr(buf, "= -1 EBADF (Bad file descriptor)"));
}

static void test_bad_pointer_and_noreturn(void **state)
{
    char buf[256];
    format(buf, sizeof buf, 10, (uint32_t[7]){ 0x10 }, -EFAULT, true);
    assert_string_equal(buf, "unlink(0x10) = -1 EFAULT (Bad address)");
    format(buf, sizeof buf, 248, (uint32_t[7]){ 3 }, 0, false);
    assert_string_equal(buf, "exit_group(3) = ?");
}

static void test_kinds(void **state)
{
    char buf[256];
    /* mmap2 returns an address; kill names the signal; pread64's offset
     * comes from r4:r5. */
    format(buf, sizeof buf, 192, (uint32_t[7]){ 0, 8192, 3, 0x22, (uint32_t)-1, 0 }, 0x40000000, true);
    assert_string_equal(buf, "mmap2(0x0, 8192, 0x3, 0x22, -1, 0) = 0x40000000");
    format(buf, sizeof buf, 37, (uint32_t[7]){ 42, 15 }, 0, true);
    assert_string_equal(buf, "kill(42, SIGTERM) = 0");
    format(buf, sizeof buf, 180, (uint32_t[7]){ 3, mem, 0, 0, 0x1000, 1 }, 0, true);
    assert_string_equal(buf, "pread64(3, \"\", 0, 4294971392) = 0");
    format(buf, sizeof buf, 54, (uint32_t[7]){ 1, 0x5401, 0x10000 }, -ENOTTY, true);
    assert_string_equal(buf, "ioctl(1, TCGETS, 0x10000) = -1 ENOTTY (Inappropriate ioctl for device)");
    format(buf, sizeof buf, 54, (uint32_t[7]){ 1, 0x1234, 0 }, 0, true);
    assert_string_equal(buf, "ioctl(1, 0x1234, 0x0) = 0");
    format(buf, sizeof buf, 60, (uint32_t[7]){ 022 }, 077, true);
    assert_string_equal(buf, "umask(022) = 077");
}

static void test_truncated_output(void **state)
{
    char buf[16];
    strcpy(g2h(mem), "hello\n");
    size_t n = 0;
    uint32_t regs[16] = { 1, mem, 6 };
    SysArgs a;
    sys_unpack_args(sys_lookup(4), regs, &a);
    n = sys_strace_format(buf, sizeof buf, &a, 6, true);
    assert_int_equal(n, 15);
    assert_int_equal(strlen(buf), 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write),
        cmocka_unit_test(test_openat_error),
        cmocka_unit_test(test_long_string_cut),
        cmocka_unit_test(test_read_shows_what_was_read),
        cmocka_unit_test(test_bad_pointer_and_noreturn),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_truncated_output),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}

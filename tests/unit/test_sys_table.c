/*
 * The syscall table: numbers from the kernel's ARM EABI table, order,
 * uniqueness, handlers on every implemented row, the EABI register
 * assignment of 64-bit arguments, and the generator's build-time checks
 * (run on broken tables, each must fail).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syscalls/sys.h"
#include "sys_test_guest.h"

static void test_known_numbers(void **state)
{
    /* A sample of arch/arm/tools/syscall.tbl (EABI). */
    static const struct { uint32_t nr; const char *name; } known[] = {
        { 1, "exit" },          { 3, "read" },           { 4, "write" },
        { 11, "execve" },       { 120, "clone" },        { 140, "_llseek" },
        { 180, "pread64" },     { 192, "mmap2" },        { 195, "stat64" },
        { 197, "fstat64" },     { 217, "getdents64" },   { 240, "futex" },
        { 248, "exit_group" },  { 263, "clock_gettime" },{ 270, "arm_fadvise64_64" },
        { 322, "openat" },      { 327, "fstatat64" },    { 341, "arm_sync_file_range" },
        { 369, "prlimit64" },   { 384, "getrandom" },    { 397, "statx" },
        { 403, "clock_gettime64" }, { 412, "utimensat_time64" }, { 439, "faccessat2" },
        { 0x0f0001, "breakpoint" }, { 0x0f0002, "cacheflush" }, { 0x0f0003, "usr26" },
        { 0x0f0004, "usr32" },  { 0x0f0005, "set_tls" },
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const SysEntry *e = sys_lookup(known[i].nr);
        assert_non_null(e);
        assert_string_equal(e->name, known[i].name);
    }
}

static void test_unknown_numbers(void **state)
{
    assert_null(sys_lookup(7));          /* a hole in the EABI table (waitpid) */
    assert_null(sys_lookup(13));         /* time: not in EABI */
    assert_null(sys_lookup(100000));
    assert_null(sys_lookup(0x0f0000));
    assert_null(sys_lookup(0x0f0100));
    assert_null(sys_lookup(0xffffffffu));
}

static void test_unique_names_and_handlers(void **state)
{
    unsigned implemented = 0, rows = 0;
    for (uint32_t i = 0; i < sys_table_len + sys_arm_table_len; i++) {
        const SysEntry *e = i < sys_table_len ? &sys_table[i] : &sys_arm_table[i - sys_table_len];
        if (!e->name)
            continue;
        rows++;
        for (uint32_t j = i + 1; j < sys_table_len + sys_arm_table_len; j++) {
            const SysEntry *f = j < sys_table_len ? &sys_table[j] : &sys_arm_table[j - sys_table_len];
            if (f->name && !strcmp(f->name, e->name))
                fail_msg("duplicate name %s", e->name);
        }
        if (!e->handler) {
            assert_int_equal(e->nargs, 0);
            continue;
        }
        implemented++;
        assert_true(e->nargs <= SYS_MAX_ARGS);
        /* Every argument's registers are within r0..r6, in order. */
        int last = -1;
        for (unsigned k = 0; k < e->nargs; k++) {
            int reg = e->args[k].reg;
            assert_true(reg > last);
            last = reg + (e->args[k].kind == SYS_ARG_off64);
            assert_true(last <= 6);
            if (e->args[k].kind == SYS_ARG_off64)
                assert_int_equal(reg % 2, 0);
        }
        if (e->host_nr >= 0)
            assert_ptr_equal(e->handler, sys_lookup(3)->handler);   /* the passthrough */
    }
    assert_true(rows > 390);
    assert_true(implemented > 150);
}

static const SysEntry *must(const char *name)
{
    for (uint32_t i = 0; i < sys_table_len; i++)
        if (sys_table[i].name && !strcmp(sys_table[i].name, name))
            return &sys_table[i];
    for (uint32_t i = 0; i < sys_arm_table_len; i++)
        if (sys_arm_table[i].name && !strcmp(sys_arm_table[i].name, name))
            return &sys_arm_table[i];
    fail_msg("no row %s", name);
    return NULL;
}

static void test_eabi_register_pairs(void **state)
{
    /* pread64(fd, buf, count, [pad], offset in r4:r5). */
    const SysEntry *e = must("pread64");
    assert_int_equal(e->args[3].kind, SYS_ARG_off64);
    assert_int_equal(e->args[3].reg, 4);
    /* arm_fadvise64_64(fd, advice, offset r2:r3, len r4:r5). */
    e = must("arm_fadvise64_64");
    assert_int_equal(e->args[2].reg, 2);
    assert_int_equal(e->args[3].reg, 4);
    /* sync_file_range2(fd, flags, offset r2:r3, nbytes r4:r5). */
    e = must("arm_sync_file_range");
    assert_int_equal(e->args[2].reg, 2);
    assert_int_equal(e->args[3].reg, 4);
    /* truncate64(path, [pad], length r2:r3). */
    e = must("truncate64");
    assert_int_equal(e->args[1].reg, 2);
    /* readahead(fd, [pad], offset r2:r3, count r4). */
    e = must("readahead");
    assert_int_equal(e->args[1].reg, 2);
    assert_int_equal(e->args[2].reg, 4);
}

static void test_unpack(void **state)
{
    uint32_t regs[16] = { 5, 0x1000, 64, 0xdead, 0x89abcdef, 0x01234567, 0 };
    SysArgs a;
    sys_unpack_args(must("pread64"), regs, &a);
    assert_int_equal(a.v[0], 5);
    assert_int_equal(a.v[1], 0x1000);
    assert_int_equal(a.v[2], 64);
    assert_true(a.v[3] == 0x0123456789abcdefull);   /* low word in the even register */
    assert_int_equal(a.v[4], 0);
}

/* The generator refuses broken tables. */
static int run_gen(const char *table)
{
    char path[] = "/tmp/ferry-gen-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(table, f);
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "awk -f scripts/gen-syscalls.awk %s >/dev/null 2>&1", path);
    int st = system(cmd);
    unlink(path);
    return st;
}

static void test_generator_checks(void **state)
{
    FILE *probe = fopen("scripts/gen-syscalls.awk", "r");
    if (!probe)
        fail_msg("run from the source tree (scripts/gen-syscalls.awk not found)");
    fclose(probe);
    assert_int_equal(run_gen("1 exit exit - none int\n3 read pass read int fd obuf size\n"), 0);
    assert_int_not_equal(run_gen("3 read pass read int fd obuf size\n1 exit exit - none int\n"), 0);
    assert_int_not_equal(run_gen("1 exit exit - none int\n1 exit2 exit - none int\n"), 0);
    assert_int_not_equal(run_gen("1 exit exit - none int\n2 exit exit - none int\n"), 0);
    assert_int_not_equal(run_gen("3 read pass read int fd ptr size\n"), 0);      /* ptr needs a handler */
    assert_int_not_equal(run_gen("3 read pass read int fd obuf\n"), 0);          /* buffer without size */
    assert_int_not_equal(run_gen("3 read pass read int fd wibble\n"), 0);        /* unknown kind */
    assert_int_not_equal(run_gen("3 read read read int fd\n"), 0);               /* host on a handler row */
    assert_int_not_equal(run_gen("3 x x - int int int int off64 off64\n"), 0);   /* past r6 */
    assert_int_not_equal(run_gen("0x0f0002 a x - int\n0x0f0001 b x - int\n"), 0);
    assert_int_not_equal(run_gen("9 l pass link int path path path\n"), 0);   /* three paths */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_numbers),
        cmocka_unit_test(test_unknown_numbers),
        cmocka_unit_test(test_unique_names_and_handlers),
        cmocka_unit_test(test_eabi_register_pairs),
        cmocka_unit_test(test_unpack),
        cmocka_unit_test(test_generator_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

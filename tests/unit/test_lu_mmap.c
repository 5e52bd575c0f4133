/* The guest address space: reservation, the page tracker, the mmap
 * family and brk, on a small window at a host-chosen guest_base. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"

#define SPACE (64u << 20)
#define PG LU_PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static uint32_t inval_start, inval_end;
static int inval_calls;
static void record_invalidate(uint32_t s, uint32_t e)
{
    inval_start = s;
    inval_end = e;
    inval_calls++;
}

static int setup(void **state)
{
    char err[200];
    if (!lu_space_reserve(SPACE, false, 0, 0, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    lu_code_invalidate = record_invalidate;
    inval_calls = 0;
    return 0;
}

static int teardown(void **state)
{
    lu_space_release();
    return 0;
}

static void test_reserve_layout(void **state)
{
    assert_true(lu_space_reserved());
    assert_int_equal(lu_space_size(), SPACE);
    assert_true(guest_base != 0);   /* low_needed 0 is below mmap_min_addr */
    assert_int_equal(lu_space_min_addr(), PG);
    assert_true(lu_mmap_base() < lu_stack_top());
    assert_true(lu_stack_top() <= SPACE);
    assert_false(lu_access_ok(0x100000, 4, PROT_READ));
    assert_true(lu_access_ok(0x100000, 0, PROT_READ));   /* empty range */
}

static void test_mmap_anon_topdown(void **state)
{
    int64_t a = lu_mmap(0, 10000, RW, ANON, -1, 0);
    assert_true(a > 0);
    assert_int_equal(a & LU_PAGE_MASK, 0);
    assert_true((uint64_t)a + 3 * PG <= lu_mmap_base());
    assert_true(lu_access_ok((uint32_t)a, 3 * PG, RW));
    assert_false(lu_access_ok((uint32_t)a, 3 * PG + 1, PROT_READ));
    memset(g2h((uint32_t)a), 0x5a, 3 * PG);   /* really mapped */
    int64_t b = lu_mmap(0, PG, PROT_READ, ANON, -1, 0);
    assert_int_equal(b, a - PG);               /* next one just below */
    assert_true(lu_access_ok((uint32_t)b, PG, PROT_READ));
    assert_false(lu_access_ok((uint32_t)b, PG, PROT_WRITE));
    assert_int_equal(*(uint8_t *)g2h((uint32_t)b), 0);
}

static void test_mmap_errors(void **state)
{
    assert_int_equal(lu_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(0x100001, PG, RW, ANON | MAP_FIXED, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, PG, 0x40, ANON, -1, 0), -EINVAL);
    assert_int_equal(lu_mmap(0, PG, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);   /* no type */
    assert_int_equal(lu_mmap(SPACE - PG, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(0, PG, RW, ANON | MAP_FIXED, -1, 0), -EPERM);
    assert_int_equal(lu_mmap(0, SPACE + PG, RW, ANON, -1, 0), -ENOMEM);
    assert_int_equal(lu_mmap(0x100000, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), 0x100000);
    assert_int_equal(lu_mmap(0x100000, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
    assert_int_equal(lu_mmap(0x100000, PG, RW, ANON | MAP_FIXED, -1, 0x1001), -EINVAL);
}

static void test_mmap_hint_and_fixed(void **state)
{
    assert_int_equal(lu_mmap(0x200000, 2 * PG, RW, ANON, -1, 0), 0x200000);   /* free hint */
    int64_t c = lu_mmap(0x200000, PG, RW, ANON, -1, 0);                         /* taken hint */
    assert_true(c > 0 && c != 0x200000);
    *(uint32_t *)g2h(0x200000) = 0xdeadbeef;
    /* MAP_FIXED replaces: the new page reads zero. */
    assert_int_equal(lu_mmap(0x200000, PG, PROT_READ, ANON | MAP_FIXED, -1, 0), 0x200000);
    assert_int_equal(*(uint32_t *)g2h(0x200000), 0);
    assert_int_equal(lu_page_flags(0x200000) & LU_PG_PROT, PROT_READ);
    assert_int_equal(lu_page_flags(0x201000) & LU_PG_PROT, RW);
}

static void test_munmap(void **state)
{
    assert_int_equal(lu_mmap(0x300000, 3 * PG, RW, ANON | MAP_FIXED, -1, 0), 0x300000);
    assert_int_equal(lu_munmap(0x301000, PG), 0);
    assert_true(lu_access_ok(0x300000, PG, RW));
    assert_false(lu_access_ok(0x301000, 1, PROT_READ));
    assert_true(lu_access_ok(0x302000, PG, RW));
    assert_int_equal(lu_page_flags(0x301000), 0);
    assert_int_equal(lu_munmap(0x300001, PG), -EINVAL);
    assert_int_equal(lu_munmap(0x300000, 0), -EINVAL);
    assert_int_equal(lu_munmap(0x400000, PG), 0);   /* nothing there: fine */
    /* The hole is reserved again, not given to the host: it can be mapped. */
    uint32_t free_addr;
    assert_true(lu_find_free(0x301000, PG, &free_addr));
    assert_int_equal(free_addr, 0x301000);
    assert_false(lu_find_free(0x300000, 2 * PG, &free_addr) && free_addr == 0x300000);
}

static void test_mprotect(void **state)
{
    assert_int_equal(lu_mmap(0x500000, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), 0x500000);
    assert_int_equal(lu_mprotect(0x500000, PG, PROT_READ), 0);
    assert_false(lu_access_ok(0x500000, 4, PROT_WRITE));
    assert_true(lu_access_ok(0x500000, 2 * PG, PROT_READ));
    assert_true(lu_access_ok(0x501000, 4, PROT_WRITE));
    assert_int_equal(lu_mprotect(0x500000, 3 * PG, PROT_READ), -ENOMEM);   /* runs off the end */
    assert_int_equal(lu_mprotect(0x500001, PG, PROT_READ), -EINVAL);
    assert_int_equal(lu_mprotect(0x500000, PG, 0x80), -EINVAL);
    assert_int_equal(lu_mprotect(0x500000, 0, PROT_READ), 0);
    /* Write-only and exec-only pages read like the kernel's. */
    assert_int_equal(lu_mprotect(0x501000, PG, PROT_EXEC), 0);
    assert_true(lu_access_ok(0x501000, 4, PROT_READ));
    assert_false(lu_access_ok(0x501000, 4, PROT_WRITE));
}

static void test_invalidate_code(void **state)
{
    assert_int_equal(lu_mmap(0x600000, 2 * PG, PROT_READ | PROT_EXEC, ANON | MAP_FIXED, -1, 0), 0x600000);
    inval_calls = 0;
    assert_int_equal(lu_mprotect(0x600000, 2 * PG, PROT_READ | PROT_EXEC), 0);
    assert_int_equal(inval_calls, 0);   /* still code: nothing to drop */
    assert_int_equal(lu_mprotect(0x600000, PG, RW | PROT_EXEC), 0);
    assert_int_equal(inval_calls, 1);
    assert_int_equal(inval_start, 0x600000);
    assert_int_equal(inval_end, 0x601000);
    assert_int_equal(lu_munmap(0x601000, PG), 0);
    assert_int_equal(inval_calls, 2);
    assert_int_equal(inval_start, 0x601000);
    /* Unmapping data tells the JIT nothing. */
    assert_int_equal(lu_mmap(0x610000, PG, RW, ANON | MAP_FIXED, -1, 0), 0x610000);
    assert_int_equal(lu_munmap(0x610000, PG), 0);
    assert_int_equal(inval_calls, 2);
}

static void test_read_code(void **state)
{
    assert_int_equal(lu_mmap(0x700000, PG, RW | PROT_EXEC, ANON | MAP_FIXED, -1, 0), 0x700000);
    *(uint32_t *)g2h(0x700ffc) = 0xe12fff1e;
    uint32_t w = 0, two[2];
    assert_true(lu_read_code(0x700ffc, &w, 4));
    assert_int_equal(lu_mprotect(0x700000, PG, RW), 0);
    assert_false(lu_read_code(0x700ffc, &w, 4));   /* data is not code (XN) */
    assert_int_equal(lu_mprotect(0x700000, PG, PROT_READ | PROT_EXEC), 0);
    assert_true(lu_read_code(0x700ffc, &w, 4));
    assert_int_equal(w, 0xe12fff1e);
    assert_false(lu_read_code(0x700ffc, two, 8));   /* next page unmapped */
    assert_int_equal(lu_mprotect(0x700000, PG, PROT_NONE), 0);
    assert_false(lu_read_code(0x700ffc, &w, 4));
    assert_false(lu_read_code(SPACE - 2, &w, 4));
}

static void test_mremap(void **state)
{
    assert_int_equal(lu_mmap(0x800000, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), 0x800000);
    memset(g2h(0x800000), 0x11, 2 * PG);
    /* Grow in place into free space. */
    assert_int_equal(lu_mremap(0x800000, 2 * PG, 4 * PG, 0, 0), 0x800000);
    assert_true(lu_access_ok(0x800000, 4 * PG, RW));
    assert_int_equal(*(uint8_t *)g2h(0x801fff), 0x11);
    assert_int_equal(*(uint8_t *)g2h(0x802000), 0);
    /* Shrink. */
    assert_int_equal(lu_mremap(0x800000, 4 * PG, 3 * PG, 0, 0), 0x800000);
    assert_false(lu_access_ok(0x803000, 1, PROT_READ));
    /* Blocked: fails without MAYMOVE, moves with it. */
    assert_int_equal(lu_mmap(0x803000, PG, PROT_READ, ANON | MAP_FIXED, -1, 0), 0x803000);
    assert_int_equal(lu_mremap(0x800000, 3 * PG, 5 * PG, 0, 0), -ENOMEM);
    int64_t n = lu_mremap(0x800000, 3 * PG, 5 * PG, MREMAP_MAYMOVE, 0);
    assert_true(n > 0 && n != 0x800000);
    assert_int_equal(*(uint8_t *)g2h((uint32_t)n), 0x11);
    assert_true(lu_access_ok((uint32_t)n, 5 * PG, RW));
    assert_false(lu_access_ok(0x800000, 1, PROT_READ));
    /* Fixed move. */
    assert_int_equal(lu_mremap((uint32_t)n, 5 * PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, 0x900000), 0x900000);
    assert_int_equal(*(uint8_t *)g2h(0x900000), 0x11);
    assert_false(lu_access_ok((uint32_t)n, 1, PROT_READ));
    /* Errors. */
    assert_int_equal(lu_mremap(0xa00000, PG, 2 * PG, MREMAP_MAYMOVE, 0), -EFAULT);
    assert_int_equal(lu_mremap(0x900000, PG, 2 * PG, MREMAP_FIXED, 0xb00000), -EINVAL);
    assert_int_equal(lu_mremap(0x900000, PG, 0, 0, 0), -EINVAL);
}

static void test_file_mapping(void **state)
{
    char path[] = "/tmp/ferry-mmap-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    char buf[2 * PG];
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (char)i;
    assert_int_equal(write(fd, buf, sizeof(buf)), sizeof(buf));
    int64_t a = lu_mmap(0, PG, PROT_READ, MAP_PRIVATE, fd, PG);
    assert_true(a > 0);
    assert_memory_equal(g2h((uint32_t)a), buf + PG, PG);
    assert_true(lu_page_flags((uint32_t)a) & LU_PG_FILE);
    assert_int_equal(lu_mmap(0, PG, PROT_READ, MAP_PRIVATE, -1, 0), -EBADF);
    close(fd);
}

static void test_mapping_walk(void **state)
{
    assert_int_equal(lu_mmap(0x100000, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), 0x100000);
    assert_int_equal(lu_mmap(0x102000, PG, PROT_READ, ANON | MAP_FIXED, -1, 0), 0x102000);
    assert_int_equal(lu_mmap(0x1800000, PG, PROT_READ | PROT_EXEC, ANON | MAP_FIXED, -1, 0), 0x1800000);
    uint32_t a = 0, e;
    unsigned f;
    assert_true(lu_mapping_next(&a, &e, &f));
    assert_int_equal(a, 0x100000);
    assert_int_equal(e, 0x102000);
    assert_int_equal(f & LU_PG_PROT, RW);
    a = e;
    assert_true(lu_mapping_next(&a, &e, &f));
    assert_int_equal(a, 0x102000);
    assert_int_equal(e, 0x103000);
    a = e;
    assert_true(lu_mapping_next(&a, &e, &f));
    assert_int_equal(a, 0x1800000);
    assert_int_equal(f & LU_PG_PROT, PROT_READ | PROT_EXEC);
    a = e;
    assert_false(lu_mapping_next(&a, &e, &f));
}

static void test_brk(void **state)
{
    lu_brk_init(0x1000800);   /* rounded up to the page */
    assert_int_equal(lu_brk_start(), 0x1001000);
    assert_int_equal(lu_brk(0), 0x1001000);
    assert_int_equal(lu_brk(0x1003010), 0x1003010);
    assert_true(lu_access_ok(0x1001000, 0x2010, RW));
    assert_false(lu_access_ok(0x1004000, 1, PROT_READ));
    memset(g2h(0x1001000), 0xff, 0x3000);
    /* Shrink inside the last page, grow again: the bytes read zero. */
    assert_int_equal(lu_brk(0x1003000), 0x1003000);
    assert_false(lu_access_ok(0x1003000, 1, PROT_READ));
    assert_int_equal(lu_brk(0x1002800), 0x1002800);
    assert_int_equal(lu_brk(0x1003000), 0x1003000);
    assert_int_equal(*(uint8_t *)g2h(0x10027ff), 0xff);
    assert_int_equal(*(uint8_t *)g2h(0x1002800), 0);
    assert_int_equal(*(uint8_t *)g2h(0x1002fff), 0);
    /* Below the start: unchanged. Into another mapping: refused. */
    assert_int_equal(lu_brk(0x1000000), 0x1003000);
    assert_int_equal(lu_mmap(0x1005000, PG, RW, ANON | MAP_FIXED, -1, 0), 0x1005000);
    assert_int_equal(lu_brk(0x1006000), 0x1003000);
    assert_int_equal(lu_brk(0x1005000), 0x1005000);
}

static void test_find_free_full(void **state)
{
    /* Fill everything below the mmap base; the search then goes above it. */
    uint32_t base = lu_mmap_base(), min = lu_space_min_addr();
    assert_int_equal(lu_mmap(min, base - min, PROT_NONE, ANON | MAP_FIXED | MAP_NORESERVE, -1, 0), min);
    int64_t a = lu_mmap(0, PG, RW, ANON, -1, 0);
    assert_true(a >= base);
    assert_true((uint64_t)a + PG <= SPACE);
}

static void test_guest_base_zero(void **state)
{
    char err[200];
    lu_space_release();
    /* A PIE program normally leaves the low 4 GiB free (not under ASan,
     * whose shadow lives there): guest_base is 0 exactly when it is. */
    size_t low = (size_t)(LU_GUEST_SPACE - 0x10000);
    void *probe = mmap((void *)0x10000, low, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    bool low_free = probe == (void *)0x10000;
    if (probe != MAP_FAILED)
        munmap(probe, low);
    assert_true(lu_space_reserve(0, false, 0, 0x10000, err, sizeof(err)));
    assert_int_equal(guest_base == 0, low_free);
    assert_int_equal(lu_space_size(), LU_GUEST_SPACE);
    assert_int_equal(lu_mmap(0x10000, PG, RW, ANON | MAP_FIXED, -1, 0), 0x10000);
    assert_ptr_equal(g2h(0x10000), (void *)(guest_base + 0x10000));
    assert_int_equal(lu_mmap(0xffff0000u, PG, PROT_READ | PROT_EXEC, ANON | MAP_FIXED, -1, 0), 0xffff0000u);
    /* Asking for guest_base 0 with a program below vm.mmap_min_addr fails. */
    lu_space_release();
    assert_false(lu_space_reserve(0, true, 0, 0, err, sizeof(err)));
    assert_non_null(strstr(err, "mmap_min_addr"));
    assert_false(lu_space_reserve(0, true, 0x12345, 0x10000, err, sizeof(err)));
    assert_false(lu_space_reserve(8u << 20, false, 0, 0, err, sizeof(err)));
    assert_true(lu_space_reserve(SPACE, false, 0, 0, err, sizeof(err)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reserve_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mmap_anon_topdown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mmap_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mmap_hint_and_fixed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_munmap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mprotect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalidate_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mremap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_mapping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mapping_walk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_brk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_free_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guest_base_zero, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

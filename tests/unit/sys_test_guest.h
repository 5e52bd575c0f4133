/*
 * A guest address space for the syscall layer's unit tests.
 *
 * The tests get guest memory the way the run-time does, through
 * lu_space_reserve and lu_mmap (linux-user/mmap.c). Until that code is in
 * the build, the weak definitions below stand in for it: a small window
 * with a per-page table, so lu_access_ok answers as the real one does.
 * When linux-user/ is linked, its strong definitions replace every one of
 * them together (the Makefile links objects, not an archive), and the
 * tests run against the real address space. Include in one file per test
 * program only.
 */
#ifndef FERRY_TESTS_SYS_TEST_GUEST_H
#define FERRY_TESTS_SYS_TEST_GUEST_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/user.h"

bool lu_space_reserve(uint64_t size, bool base_given, uintptr_t base, uint32_t low_needed, char *err,
                      size_t errlen);

#define FB_PAGE 4096u
#define FB_PAGES 4096u   /* a 16 MiB window */

__attribute__((weak)) uintptr_t guest_base;
__attribute__((weak)) LuProcess lu_process;

static uint8_t fb_page_prot[FB_PAGES];   /* 0x80 | prot when mapped */
static uint32_t fb_window_pages;

__attribute__((weak)) bool lu_space_reserve(uint64_t size, bool base_given, uintptr_t base, uint32_t low_needed,
                                            char *err, size_t errlen)
{
    if (fb_window_pages)
        return true;
    void *p = mmap(NULL, (size_t)FB_PAGES * FB_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        snprintf(err, errlen, "cannot reserve the test window");
        return false;
    }
    guest_base = (uintptr_t)p;
    fb_window_pages = FB_PAGES;
    return true;
}

__attribute__((weak)) bool lu_access_ok(uint32_t addr, uint32_t len, int prot)
{
    if (len == 0)
        return true;
    uint64_t end = (uint64_t)addr + len;
    if (end > (uint64_t)fb_window_pages * FB_PAGE)
        return false;
    int want = prot & (PROT_READ | PROT_WRITE);
    for (uint64_t a = addr / FB_PAGE; a < (end + FB_PAGE - 1) / FB_PAGE; a++) {
        uint8_t f = fb_page_prot[a];
        if (!(f & 0x80))
            return false;
        int have = f & 7;
        if (have & PROT_WRITE)
            have |= PROT_READ;
        if ((have & want) != want)
            return false;
    }
    return true;
}

__attribute__((weak)) int64_t lu_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t offset)
{
    uint32_t n = (len + FB_PAGE - 1) / FB_PAGE, run = 0;
    if (!(flags & MAP_ANONYMOUS) || n == 0)
        return -EINVAL;
    for (uint32_t p = 16; p < fb_window_pages; p++) {   /* nothing below 64 KiB */
        run = (fb_page_prot[p] & 0x80) ? 0 : run + 1;
        if (run == n) {
            uint32_t first = p + 1 - n;
            if (mprotect((char *)g2h(first * FB_PAGE), (size_t)n * FB_PAGE, prot) < 0)
                return -errno;
            memset(&fb_page_prot[first], 0x80 | (prot & 7), n);
            return (int64_t)first * FB_PAGE;
        }
    }
    return -ENOMEM;
}

__attribute__((weak)) int lu_munmap(uint32_t addr, uint32_t len)
{
    uint32_t n = (len + FB_PAGE - 1) / FB_PAGE;
    if (addr % FB_PAGE || (uint64_t)addr / FB_PAGE + n > fb_window_pages)
        return -EINVAL;
    mprotect(g2h(addr), (size_t)n * FB_PAGE, PROT_NONE);
    memset(&fb_page_prot[addr / FB_PAGE], 0, n);
    return 0;
}

__attribute__((weak)) int lu_mprotect(uint32_t addr, uint32_t len, int prot) { return -ENOSYS; }
__attribute__((weak)) int64_t lu_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags,
                                        uint32_t new_addr)
{
    return -ENOSYS;
}
__attribute__((weak)) uint32_t lu_brk(uint32_t new_brk) { return 0; }
__attribute__((weak)) const char *lu_path(const char *guest_path, char *buf, size_t size) { return guest_path; }
__attribute__((weak)) void tcg_invalidate(uint32_t start, uint32_t end) {}

/* Test helpers. */
static inline void sys_test_reserve(void)
{
    char err[200];
    if (!lu_space_reserve(64u << 20, false, 0, 0, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        _exit(1);
    }
}

static inline uint32_t sys_test_alloc(uint32_t len, int prot)
{
    int64_t a = lu_mmap(0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a <= 0) {
        fprintf(stderr, "guest mmap failed: %lld\n", (long long)a);
        _exit(1);
    }
    return (uint32_t)a;
}

#endif

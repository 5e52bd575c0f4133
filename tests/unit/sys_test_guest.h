/*
 * A guest address space for the syscall layer's unit tests: the
 * run-time's own (linux-user/mmap.c), reserved small, with guest memory
 * mapped through lu_mmap, so that lu_access_ok answers the handlers'
 * pointer checks exactly as it does under ferry-arm.
 */
#ifndef FERRY_TESTS_SYS_TEST_GUEST_H
#define FERRY_TESTS_SYS_TEST_GUEST_H

#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"

static inline void sys_test_reserve(void)
{
    char err[200];
    if (lu_space_reserved())
        return;
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

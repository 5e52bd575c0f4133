/*
 * Shared scaffolding for the IR, interpreter and optimiser unit tests: a
 * small CPU state with eight globals, a block builder and a text dump used
 * to compare IR before and after a pass.
 */
#ifndef FERRY_TESTS_TEST_IR_UTIL_H
#define FERRY_TESTS_TEST_IR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/exec.h"
#include "tcg/interp.h"
#include "tcg/ir.h"

#define TEST_NB_GLOBALS 8

typedef struct TestCpu {
    TcgCpu common;
    uint32_t g[TEST_NB_GLOBALS];
    uint32_t env[4]; /* CPU-state fields that are not globals */
} TestCpu;

static const IRGlobalDef test_globals[TEST_NB_GLOBALS] = {
    { "g0", offsetof(TestCpu, g[0]), false }, { "g1", offsetof(TestCpu, g[1]), false },
    { "g2", offsetof(TestCpu, g[2]), false }, { "g3", offsetof(TestCpu, g[3]), false },
    { "g4", offsetof(TestCpu, g[4]), false }, { "g5", offsetof(TestCpu, g[5]), false },
    { "g6", offsetof(TestCpu, g[6]), false }, { "g7", offsetof(TestCpu, g[7]), false },
};

#define G(b, i) ir_global((b), (i))

static inline void test_block_init(IRBlock *b)
{
    ir_block_init(b, test_globals, TEST_NB_GLOBALS);
    ir_block_reset(b, 0x1000, 0);
}

/* The block printed into a malloc'ed string (caller frees). */
static inline char *test_ir_dump(const IRBlock *b)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ir_print(f, b);
    fclose(f);
    return buf;
}

/* Compares the printed block with the expected text, printing both on a
 * mismatch (so a failing test shows the before/after IR). */
#define assert_ir(b, expected)                                                   \
    do {                                                                         \
        char *got_ = test_ir_dump(b);                                            \
        if (strcmp(got_, (expected)) != 0)                                       \
            print_message("IR mismatch\n--- expected:\n%s--- got:\n%s", (expected), got_); \
        assert_string_equal(got_, (expected));                                   \
        free(got_);                                                              \
    } while (0)

#endif

#ifndef FERRY_TESTS_TEST_IR_UTIL_COPY
#define FERRY_TESTS_TEST_IR_UTIL_COPY
/* A deep copy of src into dst (fresh allocations). */
static inline void test_block_copy(IRBlock *dst, const IRBlock *src)
{
    *dst = *src;
    dst->ops = malloc((src->cap_ops ? src->cap_ops : 1) * sizeof(IROp));
    dst->temps = malloc((src->cap_temps ? src->cap_temps : 1) * sizeof(IRTempInfo));
    memcpy(dst->ops, src->ops, src->nb_ops * sizeof(IROp));
    memcpy(dst->temps, src->temps, src->nb_temps * sizeof(IRTempInfo));
}

/* Runs both blocks from the same pseudo-random global values (several
 * seeds) and checks that globals and exit information agree, so a pass
 * test shows both the rewritten IR and that it still means the same. */
static inline void test_assert_equivalent(const IRBlock *before, const IRBlock *after)
{
    for (uint32_t seed = 1; seed <= 16; seed++) {
        TestCpu c1, c2;
        memset(&c1, 0, sizeof(c1));
        uint32_t x = seed * 0x9e3779b9u;
        for (uint32_t i = 0; i < TEST_NB_GLOBALS; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            /* small values too, so that comparisons go both ways */
            c1.g[i] = (seed & 1) ? x : x & 3;
        }
        c2 = c1;
        uint32_t r1 = ir_interp_run(before, &c1.common, 0);
        uint32_t r2 = ir_interp_run(after, &c2.common, 0);
        assert_int_equal(r1, r2);
        assert_memory_equal(&c1, &c2, sizeof(c1));
    }
}
#endif

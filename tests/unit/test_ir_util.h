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
    { "g0", offsetof(TestCpu, g[0]) }, { "g1", offsetof(TestCpu, g[1]) },
    { "g2", offsetof(TestCpu, g[2]) }, { "g3", offsetof(TestCpu, g[3]) },
    { "g4", offsetof(TestCpu, g[4]) }, { "g5", offsetof(TestCpu, g[5]) },
    { "g6", offsetof(TestCpu, g[6]) }, { "g7", offsetof(TestCpu, g[7]) },
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

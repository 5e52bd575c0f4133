/*
 * Pass 1 (tcg/opt/fold.c): constant folding, copy propagation and branch
 * folding. Each test builds a block, shows the IR the pass must produce,
 * and runs both versions in the interpreter to check they agree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

/* Runs the pass on b, checks the result against expected and against the
 * original's behaviour. */
static void fold_and_check(IRBlock *b, const char *expected)
{
    IRBlock before;
    test_block_copy(&before, b);
    ir_opt_fold(b);
    assert_null(ir_opt_verify(b));
    assert_ir(b, expected);
    test_assert_equivalent(&before, b);
    ir_block_free(&before);
    ir_block_free(b);
}

static void test_constant_chain(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t1 = ir_new_temp(&b), t2 = ir_new_temp(&b);
    ir_gen_movi(&b, t1, 5);
    ir_gen_binop(&b, IR_add, t2, t1, ir_const(&b, 3));
    ir_gen_binop(&b, IR_shl, G(&b, 0), t2, ir_const(&b, 2));
    ir_gen_unop(&b, IR_clz, G(&b, 1), ir_const(&b, 0));
    ir_gen_unop(&b, IR_bswap16, G(&b, 2), ir_const(&b, 0xaabb1234));
    ir_gen_extract(&b, G(&b, 3), ir_const(&b, 0x12345678), 8, 8);
    ir_gen_sextract(&b, G(&b, 4), ir_const(&b, 0x80), 4, 4);
    ir_gen_deposit(&b, G(&b, 5), G(&b, 0), ir_const(&b, 0xf), 28, 4);
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           t9, $0x5\n"
                       " mov           t10, $0x8\n"
                       " mov           g0, $0x20\n"
                       " mov           g1, $0x20\n"
                       " mov           g2, $0x3412\n"
                       " mov           g3, $0x56\n"
                       " mov           g4, $0xfffffff8\n"
                       " mov           g5, $0xf0000020\n"
                       " exit_direct   0x1004, 0x0\n");
}

static void test_identities(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp x = G(&b, 7), zero = ir_const(&b, 0), ones = ir_const(&b, ~0u);
    ir_gen_binop(&b, IR_add, G(&b, 0), x, zero);
    ir_gen_binop(&b, IR_and, G(&b, 1), x, zero);
    ir_gen_binop(&b, IR_or, G(&b, 2), x, ones);
    ir_gen_binop(&b, IR_xor, G(&b, 3), x, x);
    ir_gen_binop(&b, IR_shr, G(&b, 4), x, ir_const(&b, 32)); /* count mod 32 */
    ir_gen_binop(&b, IR_mul, G(&b, 5), ir_const(&b, 1), x);
    ir_gen_binop(&b, IR_sub, G(&b, 6), x, x);
    ir_gen_binop(&b, IR_andc, G(&b, 0), x, x);
    ir_gen_binop(&b, IR_sar, G(&b, 1), ones, x);
    ir_gen_binop(&b, IR_and, G(&b, 2), x, ones);
    ir_gen_binop(&b, IR_or, G(&b, 3), zero, x);
    ir_gen_extract(&b, G(&b, 4), x, 0, 32);
    ir_gen_binop(&b, IR_add, G(&b, 5), x, G(&b, 6)); /* g6 is known 0 by now */
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           g0, g7\n"
                       " mov           g1, $0x0\n"
                       " mov           g2, $0xffffffff\n"
                       " mov           g3, $0x0\n"
                       " mov           g4, g7\n"
                       " mov           g5, g7\n"
                       " mov           g6, $0x0\n"
                       " mov           g0, $0x0\n"
                       " mov           g1, $0xffffffff\n"
                       " mov           g2, g7\n"
                       " mov           g3, g7\n"
                       " exit_direct   0x1004, 0x0\n");
}

static void test_conditions(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp x = G(&b, 7);
    ir_gen_setcond(&b, IR_COND_LT, G(&b, 0), ir_const(&b, 0xffffffff), ir_const(&b, 1));
    ir_gen_setcond(&b, IR_COND_LTU, G(&b, 1), ir_const(&b, 0xffffffff), ir_const(&b, 1));
    ir_gen_setcond(&b, IR_COND_GEU, G(&b, 2), x, x);
    ir_gen_setcond(&b, IR_COND_LTU, G(&b, 3), x, ir_const(&b, 0));
    ir_gen_movcond(&b, IR_COND_NE, G(&b, 4), x, x, G(&b, 5), G(&b, 6));
    ir_gen_movcond(&b, IR_COND_EQ, G(&b, 5), G(&b, 6), x, G(&b, 0), G(&b, 0)); /* both g0 = 1 */
    ir_gen_setcond(&b, IR_COND_TSTNE, G(&b, 6), x, x); /* unknown: stays */
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           g0, $0x1\n"
                       " mov           g1, $0x0\n"
                       " mov           g2, $0x1\n"
                       " mov           g3, $0x0\n"
                       " mov           g4, g6\n"
                       " mov           g5, $0x1\n"
                       " setcond       g6, g7, g7, tstne\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* An always-taken brcond becomes br; what it jumps over is dropped, and
 * so are the br and the label, so folding goes on across. */
static void test_branch_taken(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_movi(&b, t, 7);
    ir_gen_brcond(&b, IR_COND_GTU, t, ir_const(&b, 3), l);
    ir_gen_movi(&b, G(&b, 0), 1);
    ir_gen_movi(&b, t, 9);
    ir_gen_label(&b, l);
    ir_gen_binop(&b, IR_add, G(&b, 1), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           t9, $0x7\n"
                       " mov           g1, $0x8\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* A never-taken brcond vanishes with its label. */
static void test_branch_not_taken(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_movi(&b, t, 2);
    ir_gen_brcond(&b, IR_COND_EQ, t, ir_const(&b, 3), l);
    ir_gen_movi(&b, t, 9);
    ir_gen_label(&b, l);
    ir_gen_binop(&b, IR_add, G(&b, 1), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           t9, $0x2\n"
                       " mov           t9, $0x9\n"
                       " mov           g1, $0xa\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* A label some branch still targets forgets constants and copies. */
static void test_label_forgets(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b), c = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_movi(&b, t, 2);
    ir_gen_mov(&b, c, G(&b, 0));
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 1), ir_const(&b, 3), l);
    ir_gen_movi(&b, t, 9);
    ir_gen_binop(&b, IR_add, G(&b, 2), c, t); /* before the label: both known */
    ir_gen_label(&b, l);
    ir_gen_binop(&b, IR_add, G(&b, 3), c, t);
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           t9, $0x2\n"
                       " mov           t10, g0\n"
                       " brcond        g1, $0x3, eq, L0\n"
                       " mov           t9, $0x9\n"
                       " add           g2, g0, $0x9\n"
                       "L0:\n"
                       " add           g3, t10, t9\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* Constants every way into a label agrees on survive it: g2 is set before
 * a conditional region that does not touch it, t to the same value on
 * both paths of a diamond; u differs between the paths. */
static void test_constants_across_labels(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b), u = ir_new_temp(&b);
    uint32_t skip = ir_new_label(&b), l_else = ir_new_label(&b), l_end = ir_new_label(&b);
    ir_gen_movi(&b, G(&b, 2), 40);
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 1), ir_const(&b, 3), skip);
    ir_gen_movi(&b, G(&b, 3), 1);
    ir_gen_label(&b, skip);
    ir_gen_binop(&b, IR_add, G(&b, 4), G(&b, 2), ir_const(&b, 2));
    ir_gen_brcond(&b, IR_COND_LT, G(&b, 0), G(&b, 1), l_else);
    ir_gen_movi(&b, t, 7);
    ir_gen_movi(&b, u, 1);
    ir_gen_br(&b, l_end);
    ir_gen_label(&b, l_else);
    ir_gen_movi(&b, t, 7);
    ir_gen_movi(&b, u, 2);
    ir_gen_label(&b, l_end);
    ir_gen_binop(&b, IR_add, G(&b, 5), t, u);
    ir_gen_binop(&b, IR_add, G(&b, 6), t, G(&b, 4));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           g2, $0x28\n"
                       " brcond        g1, $0x3, eq, L0\n"
                       " mov           g3, $0x1\n"
                       "L0:\n"
                       " mov           g4, $0x2a\n"
                       " brcond        g0, g1, lt, L1\n"
                       " mov           t9, $0x7\n"
                       " mov           t10, $0x1\n"
                       " br            L2\n"
                       "L1:\n"
                       " mov           t9, $0x7\n"
                       " mov           t10, $0x2\n"
                       "L2:\n"
                       " add           g5, t10, $0x7\n"
                       " mov           g6, $0x31\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* A copy is no longer used once its source is redefined. */
static void test_copy_invalidated(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b), u = ir_new_temp(&b);
    ir_gen_mov(&b, t, G(&b, 0));
    ir_gen_mov(&b, u, t);
    ir_gen_binop(&b, IR_add, G(&b, 1), u, G(&b, 2)); /* reads g0 */
    ir_gen_binop(&b, IR_add, G(&b, 0), G(&b, 0), G(&b, 3));
    ir_gen_binop(&b, IR_add, G(&b, 4), u, G(&b, 2)); /* reads t: g0 changed */
    ir_gen_mov(&b, t, u);                              /* redundant */
    ir_gen_mov(&b, G(&b, 5), G(&b, 5));                /* redundant */
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           t9, g0\n"
                       " mov           t10, g0\n"
                       " add           g1, g0, g2\n"
                       " add           g0, g0, g3\n"
                       " add           g4, t9, g2\n"
                       " exit_direct   0x1004, 0x0\n");
}

static void test_double_outputs(void **state)
{
    IRBlock b;
    test_block_init(&b);
    ir_gen_mul2(&b, IR_mulu2, G(&b, 0), G(&b, 1), ir_const(&b, 0x10000), ir_const(&b, 0x10001));
    ir_gen_addsub2(&b, IR_add2, G(&b, 2), G(&b, 3), G(&b, 0), G(&b, 1), ir_const(&b, 0xffff0000),
                   ir_const(&b, 0));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           g0, $0x10000\n"
                       " mov           g1, $0x1\n"
                       " mov           g2, $0x0\n"
                       " mov           g3, $0x2\n"
                       " exit_direct   0x1004, 0x0\n");
}

static uint32_t helper_set_g0(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    ((TestCpu *)cpu)->g[0] = a0;
    return 0;
}
static const IRHelper h_writes = { "writes", helper_set_g0, IR_HELPER_WRITES_GLOBALS };

static uint32_t helper_read_g0(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    return ((TestCpu *)cpu)->g[0] + a0;
}
static const IRHelper h_reads = { "reads", helper_read_g0, IR_HELPER_READS_GLOBALS };

/* Globals are forgotten across helpers that write them and st_env over
 * them, not across helpers that only read them. */
static void test_global_clobbers(void **state)
{
    IRBlock b;
    test_block_init(&b);
    ir_gen_movi(&b, G(&b, 0), 4);
    ir_gen_call(&b, &h_reads, G(&b, 1), ir_const(&b, 1), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_binop(&b, IR_add, G(&b, 2), G(&b, 0), ir_const(&b, 1));
    ir_gen_call(&b, &h_writes, IR_NONE, ir_const(&b, 3), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_binop(&b, IR_add, G(&b, 3), G(&b, 0), ir_const(&b, 1));
    ir_gen_movi(&b, G(&b, 5), 4);
    ir_gen_st_env(&b, ir_const(&b, 6), offsetof(TestCpu, g[5]));
    ir_gen_binop(&b, IR_add, G(&b, 6), G(&b, 5), ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           g0, $0x4\n"
                       " call          g1, $0x1, -, -, -, 0x1  <reads>\n"
                       " mov           g2, $0x5\n"
                       " call          -, $0x3, -, -, -, 0x1  <writes>\n"
                       " add           g3, g0, $0x1\n"
                       " mov           g5, $0x4\n"
                       " st_env        $0x6, 0x3c\n"
                       " add           g6, g5, $0x1\n"
                       " exit_direct   0x1004, 0x0\n");
}

static void test_exit_indirect_known(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_movi(&b, t, 0x2000);
    ir_gen_binop(&b, IR_or, t, t, ir_const(&b, 1));
    ir_gen_exit_indirect(&b, t, ir_const(&b, 0));
    fold_and_check(&b, " mov           t9, $0x2000\n"
                       " mov           t9, $0x2001\n"
                       " exit_direct   0x2001, 0x0\n");
}

/* A loop: the label is a backward target, so nothing known before it is
 * used after it. */
static void test_backward_branch(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp i = ir_new_temp(&b);
    uint32_t top = ir_new_label(&b);
    ir_gen_movi(&b, i, 0);
    ir_gen_movi(&b, G(&b, 0), 0);
    ir_gen_label(&b, top);
    ir_gen_binop(&b, IR_add, G(&b, 0), G(&b, 0), i);
    ir_gen_binop(&b, IR_add, i, i, ir_const(&b, 1));
    ir_gen_brcond(&b, IR_COND_LTU, i, ir_const(&b, 5), top);
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " mov           t9, $0x0\n"
                       " mov           g0, $0x0\n"
                       "L0:\n"
                       " add           g0, g0, t9\n"
                       " add           t9, t9, $0x1\n"
                       " brcond        t9, $0x5, ltu, L0\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* Constants go second (conditions swapped to match); sub of a constant
 * becomes add of its negation. */
static void test_canonical_operands(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_binop(&b, IR_add, G(&b, 0), ir_const(&b, 5), G(&b, 1));
    ir_gen_binop(&b, IR_sub, G(&b, 2), G(&b, 1), ir_const(&b, 4));
    ir_gen_binop(&b, IR_sub, G(&b, 3), ir_const(&b, 4), G(&b, 1)); /* stays */
    ir_gen_setcond(&b, IR_COND_LT, G(&b, 4), ir_const(&b, 3), G(&b, 1));
    ir_gen_movcond(&b, IR_COND_GEU, G(&b, 5), ir_const(&b, 3), G(&b, 1), G(&b, 6), G(&b, 7));
    ir_gen_brcond(&b, IR_COND_LTU, ir_const(&b, 0x10), G(&b, 1), l);
    ir_gen_movi(&b, G(&b, 6), 1);
    ir_gen_label(&b, l);
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " add           g0, g1, $0x5\n"
                       " add           g2, g1, $0xfffffffc\n"
                       " sub           g3, $0x4, g1\n"
                       " setcond       g4, g1, $0x3, gt\n"
                       " movcond       g5, g1, $0x3, g6, g7, leu\n"
                       " brcond        g1, $0x10, gtu, L0\n"
                       " mov           g6, $0x1\n"
                       "L0:\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* ite hs; movhs g4, #1; movlo g4, #0 after if-conversion: the second
 * select reads the first only where the first picked 1, so the pair is
 * setcond g4 = (g1 != 0). */
static void test_boolean_selects(void **state)
{
    IRBlock b;
    test_block_init(&b);
    ir_gen_movcond(&b, IR_COND_NE, G(&b, 4), G(&b, 1), ir_const(&b, 0), ir_const(&b, 1), G(&b, 4));
    ir_gen_movcond(&b, IR_COND_EQ, G(&b, 4), G(&b, 1), ir_const(&b, 0), ir_const(&b, 0), G(&b, 4));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " movcond       g4, g1, $0x0, $0x1, g4, ne\n"
                       " setcond       g4, g1, $0x0, ne\n"
                       " exit_direct   0x1004, 0x0\n");
}

/* Not when the condition's input changes between the two selects. */
static void test_selects_input_changed(void **state)
{
    IRBlock b;
    test_block_init(&b);
    ir_gen_movcond(&b, IR_COND_NE, G(&b, 4), G(&b, 1), ir_const(&b, 0), ir_const(&b, 1), G(&b, 4));
    ir_gen_binop(&b, IR_add, G(&b, 1), G(&b, 1), ir_const(&b, 1));
    ir_gen_movcond(&b, IR_COND_EQ, G(&b, 4), G(&b, 1), ir_const(&b, 0), ir_const(&b, 0), G(&b, 4));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " movcond       g4, g1, $0x0, $0x1, g4, ne\n"
                       " add           g1, g1, $0x1\n"
                       " movcond       g4, g1, $0x0, $0x0, g4, eq\n"
                       " exit_direct   0x1004, 0x0\n");
}

static uint32_t h_set_g4(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    ((TestCpu *)cpu)->g[4] = 0;
    return 0;
}
static const IRHelper h_writes_g4 = { "set_g4", h_set_g4, IR_HELPER_WRITES_GLOBALS };

/* A helper that may write globals between the two selects: the second
 * must read g4 as the helper left it (diff tester seed 7006 seq 115392:
 * Q across ssat). */
static void test_selects_across_call(void **state)
{
    IRBlock b;
    test_block_init(&b);
    ir_gen_movcond(&b, IR_COND_NE, G(&b, 4), G(&b, 1), ir_const(&b, 0), ir_const(&b, 1), G(&b, 4));
    ir_gen_call(&b, &h_writes_g4, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_movcond(&b, IR_COND_EQ, G(&b, 4), G(&b, 1), ir_const(&b, 0), ir_const(&b, 0), G(&b, 4));
    ir_gen_exit_direct(&b, 0x1004, 0);
    fold_and_check(&b, " movcond       g4, g1, $0x0, $0x1, g4, ne\n"
                       " call          -, -, -, -, -, 0x0  <set_g4>\n"
                       " movcond       g4, g1, $0x0, $0x0, g4, eq\n"
                       " exit_direct   0x1004, 0x0\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constant_chain),    cmocka_unit_test(test_identities),
        cmocka_unit_test(test_conditions),        cmocka_unit_test(test_branch_taken),
        cmocka_unit_test(test_branch_not_taken),  cmocka_unit_test(test_label_forgets),
        cmocka_unit_test(test_copy_invalidated),  cmocka_unit_test(test_constants_across_labels),  cmocka_unit_test(test_double_outputs),
        cmocka_unit_test(test_global_clobbers),   cmocka_unit_test(test_exit_indirect_known),
        cmocka_unit_test(test_backward_branch),   cmocka_unit_test(test_canonical_operands),
        cmocka_unit_test(test_boolean_selects),   cmocka_unit_test(test_selects_input_changed),
        cmocka_unit_test(test_selects_across_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

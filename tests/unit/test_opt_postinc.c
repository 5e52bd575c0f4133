/*
 * Pass 9 (tcg/opt/postinc.c): write-back addressing updates the base
 * from itself. Each test checks the rewritten IR (or that nothing moved)
 * and runs both versions in the interpreter over a small guest memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

/* Runs before and after with g1 an address in a 64-byte memory. */
static void check_same(const IRBlock *before, const IRBlock *after)
{
    for (uint32_t seed = 1; seed <= 8; seed++) {
        uint8_t m1[64], m2[64];
        for (unsigned i = 0; i < 64; i++)
            m1[i] = m2[i] = (uint8_t)(i * 7 + seed);
        TestCpu c1 = { 0 }, c2;
        for (uint32_t i = 0; i < TEST_NB_GLOBALS; i++)
            c1.g[i] = seed * 0x01010101u * (i + 3);
        c1.g[1] = 8 + 4 * (seed % 4);
        c1.g[5] = c1.g[1] + 4 * (seed & 1);   /* the loop end, sometimes reached */
        c2 = c1;
        assert_int_equal(ir_interp_run(before, &c1.common, (uintptr_t)m1),
                         ir_interp_run(after, &c2.common, (uintptr_t)m2));
        assert_memory_equal(&c1, &c2, sizeof(c1));
        assert_memory_equal(m1, m2, sizeof(m1));
    }
}

static void run_pass(IRBlock *b, bool changed, const char *want)
{
    IRBlock before;
    test_block_copy(&before, b);
    assert_int_equal(ir_opt_postinc(b), changed);
    assert_null(ir_opt_verify(b));
    if (want)
        assert_ir(b, want);
    check_same(&before, b);
    ir_block_free(&before);
    ir_block_free(b);
}

/* ldr g0, [g1, #4]!  (and a later compare of the new base) */
static void test_pre_indexed(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 4));
    ir_gen_guest_ld(&b, G(&b, 0), t, IR_MO_32);
    ir_gen_mov(&b, G(&b, 1), t);
    ir_gen_brcond(&b, IR_COND_NE, t, G(&b, 5), l);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ir_gen_label(&b, l);
    ir_gen_exit_direct(&b, 0x2000, 0);
    run_pass(&b, true,
             " add           t9, g1, $0x4\n"
             " guest_ld      g0, t9, 0x2\n"
             " add           g1, g1, $0x4\n"
             " brcond        g1, g5, ne, L0\n"
             " exit_direct   0x1004, 0x0\n"
             "L0:\n"
             " exit_direct   0x2000, 0x0\n");
}

/* ldrb g0, [g1], #1: the access reads g1 itself; the add before it goes. */
static void test_post_indexed(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 1));
    ir_gen_guest_ld(&b, G(&b, 0), G(&b, 1), IR_MO_8);
    ir_gen_mov(&b, G(&b, 1), t);
    ir_gen_exit_direct(&b, 0x1004, 0);
    run_pass(&b, true,
             " guest_ld      g0, g1, 0x0\n"
             " add           g1, g1, $0x1\n"
             " exit_direct   0x1004, 0x0\n");
}

/* push {g0}: str g0, [g1, #-4]! */
static void test_push(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_sub, t, G(&b, 1), ir_const(&b, 4));
    ir_gen_guest_st(&b, G(&b, 0), t, IR_MO_32);
    ir_gen_mov(&b, G(&b, 1), t);
    ir_gen_exit_direct(&b, 0x1004, 0);
    run_pass(&b, true,
             " sub           t9, g1, $0x4\n"
             " guest_st      g0, t9, 0x2\n"
             " sub           g1, g1, $0x4\n"
             " exit_direct   0x1004, 0x0\n");
}

/* Not rewritten: the base changes between; t is stored as a value; t is
 * read after a label. */
static void test_left_alone(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 4));
    ir_gen_guest_ld(&b, G(&b, 0), t, IR_MO_32);
    ir_gen_binop(&b, IR_add, G(&b, 1), G(&b, 1), ir_const(&b, 8));
    ir_gen_mov(&b, G(&b, 1), t);
    ir_gen_exit_direct(&b, 0x1004, 0);
    run_pass(&b, false, NULL);

    test_block_init(&b);
    t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 4));
    ir_gen_guest_st(&b, t, t, IR_MO_32);
    ir_gen_mov(&b, G(&b, 1), t);
    ir_gen_exit_direct(&b, 0x1004, 0);
    run_pass(&b, false, NULL);

    test_block_init(&b);
    t = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 4));
    ir_gen_guest_ld(&b, G(&b, 0), t, IR_MO_32);
    ir_gen_mov(&b, G(&b, 1), t);
    ir_gen_label(&b, l);
    ir_gen_binop(&b, IR_add, G(&b, 2), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    run_pass(&b, false, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pre_indexed),
        cmocka_unit_test(test_post_indexed),
        cmocka_unit_test(test_push),
        cmocka_unit_test(test_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

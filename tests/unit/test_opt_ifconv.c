/*
 * Pass 0 (tcg/opt/ifconv.c): short conditional regions become selects.
 * Each test builds a block the way the ARM front end translates a
 * conditional instruction, checks whether the pass converted it (no
 * branch or label left) or left it alone, and runs both versions in the
 * interpreter on inputs that take the branch both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

static unsigned count_ops(const IRBlock *b, uint32_t opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < b->nb_ops; i++)
        n += b->ops[i].opc == opc;
    return n;
}

/* Inputs where the globals are small and equal in pairs, so that every
 * condition goes both ways (random inputs rarely make g1 == g2). */
static void check_edge_inputs(const IRBlock *before, const IRBlock *after)
{
    for (uint32_t v = 0; v < 3 * 3 * 3; v++) {
        TestCpu c1;
        memset(&c1, 0, sizeof(c1));
        for (uint32_t i = 0; i < TEST_NB_GLOBALS; i++)
            c1.g[i] = (v / (i % 3 == 0 ? 1 : i % 3 == 1 ? 3 : 9)) % 3;
        c1.g[5] = v & 1 ? 0x80000000u : c1.g[5];
        TestCpu c2 = c1;
        assert_int_equal(ir_interp_run(before, &c1.common, 0), ir_interp_run(after, &c2.common, 0));
        assert_memory_equal(&c1, &c2, sizeof(c1));
    }
}

/* Runs the pass; converted: whether it must have removed every branch. */
static void ifconv_and_check(IRBlock *b, bool converted)
{
    IRBlock before;
    test_block_copy(&before, b);
    bool changed = ir_opt_ifconv(b);
    assert_null(ir_opt_verify(b));
    assert_int_equal(changed, converted);
    if (converted) {
        assert_int_equal(count_ops(b, IR_brcond), 0);
        assert_int_equal(count_ops(b, IR_label), 0);
    } else {
        assert_int_equal(b->nb_ops, before.nb_ops);
    }
    test_assert_equivalent(&before, b);
    check_edge_inputs(&before, b);
    ir_block_free(&before);
    ir_block_free(b);
}

/* addne g0, g1, g2 (skip when g3 == 0) */
static void test_conditional_add(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t skip = ir_new_label(&b);
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 3), ir_const(&b, 0), skip);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), G(&b, 2));
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_label(&b, skip);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ifconv_and_check(&b, true);
}

/* A flag-setting compare whose own flag is the condition (cmpne in an IT
 * block): the selects must test the flag as it was before the region. */
static void test_condition_overwritten(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t skip = ir_new_label(&b);
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 4), ir_const(&b, 0), skip);
    ir_gen_binop(&b, IR_sub, G(&b, 4), G(&b, 1), G(&b, 2));
    ir_gen_setcond(&b, IR_COND_GEU, G(&b, 5), G(&b, 1), G(&b, 2));
    ir_gen_binop(&b, IR_add, G(&b, 6), G(&b, 4), G(&b, 6));
    ir_gen_label(&b, skip);
    ir_gen_binop(&b, IR_add, G(&b, 7), G(&b, 4), G(&b, 5));
    ir_gen_exit_direct(&b, 0x1004, 0);
    ifconv_and_check(&b, true);
}

/* A temp that holds one value before the region and another in it, read
 * after the label: it must be selected like a global. */
static void test_local_merged(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t skip = ir_new_label(&b);
    IRTemp v = ir_new_temp(&b);
    ir_gen_mov(&b, v, G(&b, 1));
    ir_gen_brcond(&b, IR_COND_LTU, G(&b, 2), G(&b, 3), skip);
    ir_gen_binop(&b, IR_xor, v, G(&b, 2), G(&b, 3));
    ir_gen_label(&b, skip);
    ir_gen_binop(&b, IR_add, G(&b, 0), v, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    ifconv_and_check(&b, true);
}

/* Conditional loads may fault: left alone. */
static void test_memory_not_converted(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t skip = ir_new_label(&b);
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 3), ir_const(&b, 0), skip);
    ir_gen_guest_ld(&b, G(&b, 0), G(&b, 1), IR_MO_32);
    ir_gen_label(&b, skip);
    ir_gen_exit_direct(&b, 0x1004, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    assert_false(ir_opt_ifconv(&b));
    assert_int_equal(b.nb_ops, before.nb_ops);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* A label that another branch also targets is not a private region. */
static void test_shared_label_not_converted(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t skip = ir_new_label(&b);
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 3), ir_const(&b, 0), skip);
    ir_gen_binop(&b, IR_add, G(&b, 0), G(&b, 0), ir_const(&b, 1));
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 4), ir_const(&b, 0), skip);
    ir_gen_binop(&b, IR_add, G(&b, 1), G(&b, 1), ir_const(&b, 1));
    ir_gen_label(&b, skip);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ifconv_and_check(&b, false);
}

/* Too long to be worth running unconditionally. */
static void test_long_region_not_converted(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t skip = ir_new_label(&b);
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 3), ir_const(&b, 0), skip);
    for (int i = 0; i < 20; i++)
        ir_gen_binop(&b, IR_add, G(&b, 0), G(&b, 0), G(&b, 1));
    ir_gen_label(&b, skip);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ifconv_and_check(&b, false);
}

/* Two conditional instructions in a row (an ITE block), each converted,
 * the second testing the inverse condition. */
static void test_it_then_else(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t s1 = ir_new_label(&b), s2 = ir_new_label(&b);
    ir_gen_brcond(&b, IR_COND_LT, G(&b, 5), ir_const(&b, 0), s1);
    ir_gen_movi(&b, G(&b, 0), 1);
    ir_gen_label(&b, s1);
    ir_gen_brcond(&b, IR_COND_GE, G(&b, 5), ir_const(&b, 0), s2);
    ir_gen_movi(&b, G(&b, 0), 0);
    ir_gen_label(&b, s2);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ifconv_and_check(&b, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conditional_add),          cmocka_unit_test(test_condition_overwritten),
        cmocka_unit_test(test_local_merged),             cmocka_unit_test(test_memory_not_converted),
        cmocka_unit_test(test_shared_label_not_converted), cmocka_unit_test(test_long_region_not_converted),
        cmocka_unit_test(test_it_then_else),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

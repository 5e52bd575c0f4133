/*
 * Pass 7 (tcg/opt/coalesce.c): a result copied to a guest register is
 * computed straight into it, also when the temp is read again. Each test
 * checks whether the copy went and that the block still means the same
 * in the interpreter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

static unsigned count_movs(const IRBlock *b)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < b->nb_ops; i++)
        n += b->ops[i].opc == IR_mov;
    return n;
}

static void coalesce_and_check(IRBlock *b, bool merged)
{
    IRBlock before;
    test_block_copy(&before, b);
    assert_int_equal(ir_opt_coalesce(b), merged);
    assert_null(ir_opt_verify(b));
    assert_int_equal(count_movs(b), count_movs(&before) - (merged ? 1 : 0));
    test_assert_equivalent(&before, b);
    ir_block_free(&before);
    ir_block_free(b);
}

/* add t, g1, g2; mov g0, t; add g3, t, 1  ->  add g0, g1, g2; add g3, g0, 1 */
static void test_read_again(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), G(&b, 2));
    ir_gen_binop(&b, IR_xor, G(&b, 4), t, G(&b, 1));   /* read before the copy */
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_binop(&b, IR_add, G(&b, 3), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    coalesce_and_check(&b, true);
}

/* The global is written again before the temp's last read: not merged. */
static void test_rewritten_before_last_read(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 1));
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_movi(&b, G(&b, 0), 5);
    ir_gen_binop(&b, IR_add, G(&b, 2), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    coalesce_and_check(&b, false);
}

/* The global's old value is read between the definition and the copy. */
static void test_old_value_read(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 1));
    ir_gen_binop(&b, IR_add, G(&b, 3), G(&b, 0), ir_const(&b, 1));
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_exit_direct(&b, 0x1004, 0);
    coalesce_and_check(&b, false);
}

/* Something that sees the CPU state lies between: the global may not
 * change before it (the state must stay precise there). */
static void test_state_access_between(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b), u = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 1));
    ir_gen_ld_env(&b, u, offsetof(TestCpu, env[0]));
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_binop(&b, IR_add, G(&b, 2), t, u);
    ir_gen_exit_direct(&b, 0x1004, 0);
    coalesce_and_check(&b, false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_again),
        cmocka_unit_test(test_rewritten_before_last_read),
        cmocka_unit_test(test_old_value_read),
        cmocka_unit_test(test_state_access_between),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

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

/* add t, g1, 1; mov g0, t; brcond g3 != 0 -> side exit; add g2, t, 1:
 * the read past the conditional branch reads g0 (nothing changed it). */
static void test_read_past_branch(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t side = ir_new_label(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 1));
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 3), ir_const(&b, 0), side);
    ir_gen_binop(&b, IR_add, G(&b, 2), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    ir_gen_label(&b, side);
    ir_gen_exit_direct(&b, 0x2000, 0);
    coalesce_and_check(&b, true);
}

/* t is read after a label that another way reaches with g0 changed (the
 * way round lies after the read in the op list): t stays. */
static void test_not_past_label(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t join = ir_new_label(&b), other = ir_new_label(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 1), ir_const(&b, 1));
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 3), ir_const(&b, 0), other);
    ir_gen_label(&b, join);
    ir_gen_binop(&b, IR_add, G(&b, 2), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    ir_gen_label(&b, other);
    ir_gen_movi(&b, G(&b, 0), 77);
    ir_gen_br(&b, join);
    coalesce_and_check(&b, false);
}

/* guest_ld t, [g1]; mov g0, t; add g2, t, 1  ->  guest_ld g0, [g1]: a
 * load that faults writes nothing, so g0 may be its output. Run with a
 * small guest memory (the generic equivalence check has none). */
static void test_load_definition(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b), a = ir_new_temp(&b);
    ir_gen_binop(&b, IR_and, a, G(&b, 1), ir_const(&b, 0x3c));
    ir_gen_guest_ld(&b, t, a, IR_MO_32);
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_binop(&b, IR_add, G(&b, 2), t, ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x1004, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    assert_true(ir_opt_coalesce(&b));
    assert_null(ir_opt_verify(&b));
    assert_int_equal(count_movs(&b), 0);
    assert_int_equal(b.ops[1].opc, IR_guest_ld);
    assert_int_equal(b.ops[1].args[0], G(&b, 0));
    uint32_t mem[16];
    for (uint32_t i = 0; i < 16; i++)
        mem[i] = 0x1000u * i + 7;
    for (uint32_t seed = 1; seed <= 8; seed++) {
        TestCpu c1 = { 0 }, c2;
        for (uint32_t i = 0; i < TEST_NB_GLOBALS; i++)
            c1.g[i] = seed * 0x01010101u * (i + 1);
        c2 = c1;
        assert_int_equal(ir_interp_run(&before, &c1.common, (uintptr_t)mem),
                         ir_interp_run(&b, &c2.common, (uintptr_t)mem));
        assert_memory_equal(&c1, &c2, sizeof(c1));
    }
    ir_block_free(&before);
    ir_block_free(&b);
}

/* shr t, g0, 8; xor g0, g3, t  ->  shr g0, g0, 8; xor g0, g3, g0: t's
 * only reader writes g0 and does not read it. */
static void test_into_reader(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_shr, t, G(&b, 0), ir_const(&b, 8));
    ir_gen_binop(&b, IR_xor, G(&b, 0), G(&b, 3), t);
    ir_gen_exit_direct(&b, 0x1004, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    assert_true(ir_opt_coalesce(&b));
    assert_ir(&b, " shr           g0, g0, $0x8\n"
                  " xor           g0, g3, g0\n"
                  " exit_direct   0x1004, 0x0\n");
    test_assert_equivalent(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* The reader also reads g0 (its old value): t stays. */
static void test_into_reader_reads_global(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_shr, t, G(&b, 1), ir_const(&b, 8));
    ir_gen_binop(&b, IR_xor, G(&b, 0), G(&b, 0), t);
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
        cmocka_unit_test(test_read_past_branch),
        cmocka_unit_test(test_not_past_label),
        cmocka_unit_test(test_load_definition),
        cmocka_unit_test(test_into_reader),
        cmocka_unit_test(test_into_reader_reads_global),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

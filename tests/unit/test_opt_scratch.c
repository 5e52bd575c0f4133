/*
 * Memory the optimiser reuses from TU to TU (tcg/opt/opt-util.c) and the
 * value-numbering table that outlives a pass (tcg/opt/cse.c): scratch
 * memory comes zeroed and stays valid while a pass outgrows its chunk; a
 * retired op list is handed out again; and a CSE table entry left by one
 * TU never matches in the next.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

static void test_scratch_zeroed_and_stable(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        ir_opt_scratch_reset();
        uint8_t *p[40];
        size_t sizes[40];
        for (int i = 0; i < 40; i++) {
            sizes[i] = 1 + (size_t)i * 997; /* outgrows several chunks */
            p[i] = ir_opt_scratch(sizes[i]);
            assert_int_equal((uintptr_t)p[i] % 16, 0);
            for (size_t k = 0; k < sizes[i]; k++)
                assert_int_equal(p[i][k], 0);
            memset(p[i], i + 1, sizes[i]);
        }
        /* Nothing handed out later overlapped what came before. */
        for (int i = 0; i < 40; i++)
            for (size_t k = 0; k < sizes[i]; k++)
                assert_int_equal(p[i][k], i + 1);
    }
}

static void test_ops_buf_reuses_retired_list(void **state)
{
    (void)state;
    IRBlock b;
    test_block_init(&b);
    for (int i = 0; i < 100; i++)
        ir_gen_movi(&b, G(&b, 0), (uint32_t)i);
    IROp *old = b.ops;
    uint32_t old_cap = b.cap_ops, cap;
    IROp *ops = ir_opt_ops_buf(10, &cap);
    assert_true(cap >= 10);
    ops[0] = b.ops[99];
    ir_opt_replace_ops(&b, ops, 1, cap);
    assert_int_equal(b.nb_ops, 1);
    IROp *again = ir_opt_ops_buf(old_cap, &cap);
    assert_ptr_equal(again, old);
    assert_int_equal(cap, old_cap);
    /* Larger than anything retired: a fresh buffer. */
    IROp *big = ir_opt_ops_buf(old_cap * 4, &cap);
    assert_int_equal(cap, old_cap * 4);
    big[old_cap * 4 - 1] = b.ops[0];
    free(big);
    free(again);
    ir_block_free(&b);
}

/* The same expression in two TUs: the second must compute it itself. */
static void test_cse_table_across_tus(void **state)
{
    (void)state;
    for (int tu = 0; tu < 3; tu++) {
        IRBlock b;
        test_block_init(&b);
        IRTemp t = ir_new_temp(&b);
        ir_gen_binop(&b, IR_add, t, G(&b, 0), G(&b, 1));
        ir_gen_mov(&b, G(&b, 2), t);
        ir_gen_exit_direct(&b, 0x2000, 0);
        ir_opt_cse(&b);
        assert_ir(&b, " add           t9, g0, g1\n"
                      " mov           g2, t9\n"
                      " exit_direct   0x2000, 0x0\n");
        ir_block_free(&b);
    }
}

/* A TU bigger than the table so far: the table grows and still works. */
static void test_cse_table_grows(void **state)
{
    (void)state;
    IRBlock b;
    test_block_init(&b);
    IRTemp five = ir_const(&b, 5);
    for (int i = 0; i < 600; i++) {
        IRTemp t = ir_new_temp(&b);
        ir_gen_binop(&b, IR_add, t, G(&b, 0), i == 5 ? five : ir_const(&b, 1000u + (uint32_t)i));
        ir_gen_mov(&b, G(&b, 1 + i % 2), t);
    }
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 0), five);
    ir_gen_mov(&b, G(&b, 3), t);
    ir_gen_exit_direct(&b, 0x2000, 0);
    uint32_t n = b.nb_ops;
    ir_opt_cse(&b);
    assert_int_equal(b.nb_ops, n);
    /* The last add became a copy of the earlier one. */
    assert_int_equal(b.ops[n - 3].opc, IR_mov);
    assert_int_equal(b.ops[n - 3].args[1], b.ops[10].args[0]);
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scratch_zeroed_and_stable),
        cmocka_unit_test(test_ops_buf_reuses_retired_list),
        cmocka_unit_test(test_cse_table_across_tus),
        cmocka_unit_test(test_cse_table_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

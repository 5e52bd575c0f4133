/*
 * Pass 6 (tcg/opt/sink.c): writes of globals that only a side exit needs
 * move into the side exit. Each test builds a superblock-shaped unit (a
 * brcond to a label after the main path's exit, where a direct exit
 * leaves), checks whether the pass moved anything, and runs both versions
 * in the interpreter on inputs that take each way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

/* Inputs where g1 is 0 or not, so both ways are taken. */
static void check_both_ways(const IRBlock *before, const IRBlock *after)
{
    for (uint32_t v = 0; v < 16; v++) {
        TestCpu c1;
        memset(&c1, 0, sizeof(c1));
        for (uint32_t i = 0; i < TEST_NB_GLOBALS; i++)
            c1.g[i] = (v * 0x9e3779b9u) >> (i * 3);
        c1.g[1] = v & 1;
        c1.g[2] = v & 2 ? c1.g[3] : c1.g[2];
        TestCpu c2 = c1;
        assert_int_equal(ir_interp_run(before, &c1.common, 0), ir_interp_run(after, &c2.common, 0));
        assert_int_equal(c1.common.pc, c2.common.pc);
        assert_memory_equal(&c1, &c2, sizeof(c1));
    }
}

static void sink_and_check(IRBlock *b, bool moved)
{
    IRBlock before;
    test_block_copy(&before, b);
    assert_int_equal(ir_opt_sink(b), moved);
    assert_null(ir_opt_verify(b));
    test_assert_equivalent(&before, b);
    check_both_ways(&before, b);
    ir_block_free(&before);
    ir_block_free(b);
}

/* The position of the first op with this opcode writing g, or -1. */
static int find_write(const IRBlock *b, IRTemp g)
{
    for (uint32_t i = 0; i < b->nb_ops; i++)
        if (ir_def(&b->ops[i])->nb_out && b->ops[i].args[0] == g)
            return (int)i;
    return -1;
}

/* cmp g2, g3 computing "flags" g4..g6, leave if g1 != 0; the fall-through
 * sets them again: the flag writes move into the side exit. */
static IRBlock build_flags(bool read_on_fallthrough, bool shared)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t side = ir_new_label(&b);
    IRTemp r = ir_new_temp(&b), c = ir_new_temp(&b), x1 = ir_new_temp(&b), x2 = ir_new_temp(&b), v = ir_new_temp(&b);
    ir_gen_binop(&b, IR_sub, r, G(&b, 2), G(&b, 3));
    ir_gen_setcond(&b, IR_COND_GEU, c, G(&b, 2), G(&b, 3));
    ir_gen_binop(&b, IR_xor, x1, G(&b, 2), r);
    ir_gen_binop(&b, IR_xor, x2, G(&b, 2), G(&b, 3));
    ir_gen_binop(&b, IR_and, v, x1, x2);
    ir_gen_mov(&b, G(&b, 4), r);
    ir_gen_mov(&b, G(&b, 5), c);
    ir_gen_mov(&b, G(&b, 6), v);
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 1), ir_const(&b, 0), side);
    if (shared) /* a second way into the side exit */
        ir_gen_brcond(&b, IR_COND_EQ, G(&b, 2), ir_const(&b, 7), side);
    if (read_on_fallthrough)
        ir_gen_binop(&b, IR_add, G(&b, 7), G(&b, 6), ir_const(&b, 1));
    ir_gen_movi(&b, G(&b, 4), 1);
    ir_gen_movi(&b, G(&b, 5), 2);
    ir_gen_movi(&b, G(&b, 6), 3);
    ir_gen_exit_direct(&b, 0x2000, 0);
    ir_gen_label(&b, side);
    ir_gen_exit_direct(&b, 0x3000, 0);
    return b;
}

static void test_flags_sunk(void **state)
{
    IRBlock b = build_flags(false, false);
    IRBlock copy;
    test_block_copy(&copy, &b);
    assert_true(ir_opt_sink(&copy));
    /* Every write of g4..g6 before the branch is gone from the main path:
     * the first writes now are the fall-through's constants or the exit's. */
    uint32_t br = 0;
    while (copy.ops[br].opc != IR_brcond)
        br++;
    for (unsigned g = 4; g <= 6; g++)
        assert_true(find_write(&copy, G(&copy, g)) > (int)br);
    ir_block_free(&copy);
    sink_and_check(&b, true);
}

/* g6 is read on the fall-through: its write stays (the others go). */
static void test_read_on_fallthrough_stays(void **state)
{
    IRBlock b = build_flags(true, false);
    IRBlock copy;
    test_block_copy(&copy, &b);
    assert_true(ir_opt_sink(&copy));
    uint32_t br = 0;
    while (copy.ops[br].opc != IR_brcond)
        br++;
    assert_true(find_write(&copy, G(&copy, 6)) < (int)br);
    ir_block_free(&copy);
    sink_and_check(&b, true);
}

/* A register written back from a temp (a post-indexed load's base): the
 * value must reach the side exit although the write itself moves there,
 * and its input g0 is the global being written. */
static void test_writeback_of_own_input(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t side = ir_new_label(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 0), ir_const(&b, 1));
    ir_gen_mov(&b, G(&b, 0), t);
    ir_gen_binop(&b, IR_xor, G(&b, 5), t, G(&b, 5));
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 1), ir_const(&b, 0), side);
    ir_gen_movi(&b, G(&b, 0), 9);
    ir_gen_exit_direct(&b, 0x2000, 0);
    ir_gen_label(&b, side);
    ir_gen_exit_direct(&b, 0x3000, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    ir_opt_sink(&b);
    assert_null(ir_opt_verify(&b));
    test_assert_equivalent(&before, &b);
    check_both_ways(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* A side exit's label that something else branches to is not private. */
static void test_shared_exit_not_touched(void **state)
{
    IRBlock b = build_flags(false, true);
    sink_and_check(&b, false);
}

/* A loop inside the unit: g4 = g2 - g3, leave if g1 != 0, else g1 += 1
 * and back to the head, where g4 is computed again. On the fall-through
 * g4 is dead (the way round the loop overwrites it first), so it moves
 * into the side exit; the interpreter runs the loop once or twice. */
static void test_dead_round_the_loop(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t head = ir_new_label(&b), side = ir_new_label(&b);
    ir_gen_label(&b, head);
    ir_gen_binop(&b, IR_sub, G(&b, 4), G(&b, 2), G(&b, 3));
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 1), ir_const(&b, 0), side);
    ir_gen_binop(&b, IR_add, G(&b, 1), G(&b, 1), ir_const(&b, 1));
    ir_gen_br(&b, head);
    ir_gen_label(&b, side);
    ir_gen_exit_direct(&b, 0x2000, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    assert_true(ir_opt_sink(&b));
    assert_null(ir_opt_verify(&b));
    int label_at = -1;
    for (uint32_t i = 0; i < b.nb_ops; i++)
        if (b.ops[i].opc == IR_label && b.ops[i].args[0] == side)
            label_at = (int)i;
    assert_true(find_write(&b, G(&b, 4)) > label_at);
    test_assert_equivalent(&before, &b);
    check_both_ways(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flags_sunk),
        cmocka_unit_test(test_read_on_fallthrough_stays),
        cmocka_unit_test(test_writeback_of_own_input),
        cmocka_unit_test(test_shared_exit_not_touched),
        cmocka_unit_test(test_dead_round_the_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The IR core (tcg/ir.c, tcg/ir-ops.def): the op table's consistency,
 * temps and constants, the builders' operand layout, conditions, the
 * printer's format (-d op) and every fault the verifiers report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

/* Flags that imply others, and operand counts that fit IROp.args. */
static void test_op_table(void **state)
{
    for (uint32_t i = 0; i < IR_NB_OPS; i++) {
        const IROpDef *d = &ir_op_defs[i];
        assert_non_null(d->name);
        assert_true(d->nb_out + d->nb_in + d->nb_const <= IR_MAX_ARGS);
        if (d->flags & IR_F_EXIT)
            assert_true((d->flags & IR_F_BB_END) && (d->flags & IR_F_SIDE));
        if (d->flags & (IR_F_MEM | IR_F_CALL | IR_F_BB_END))
            assert_true(d->flags & IR_F_SIDE);
        assert_true(d->nb_in <= 4); /* the interpreter's input array */
    }
    assert_string_equal(ir_op_defs[IR_guest_cmpxchg].name, "guest_cmpxchg");
    assert_int_equal(ir_op_defs[IR_add2].nb_in, 4);
}

static void test_temps(void **state)
{
    IRBlock b;
    test_block_init(&b);
    assert_int_equal(b.nb_globals, TEST_NB_GLOBALS);
    for (uint32_t i = 0; i < TEST_NB_GLOBALS; i++) {
        IRTemp g = G(&b, i);
        assert_true(ir_is_global(&b, g));
        assert_false(ir_is_const(&b, g));
        assert_int_equal(b.temps[g].value, offsetof(TestCpu, g[i]));
        assert_string_equal(b.temps[g].name, test_globals[i].name);
    }
    IRTemp c5 = ir_const(&b, 5), t = ir_new_temp(&b), c6 = ir_const(&b, 6);
    assert_true(ir_is_const(&b, c5));
    assert_false(ir_is_const(&b, t));
    assert_false(ir_is_global(&b, t));
    assert_false(ir_is_const(&b, IR_NONE));
    assert_int_equal(ir_const(&b, 5), c5); /* a recent constant is reused */
    assert_int_not_equal(c5, c6);
    assert_int_equal(b.temps[c6].value, 6);
    /* Many temps: still correct, whether reused or not. */
    for (uint32_t i = 0; i < 1000; i++)
        ir_new_temp(&b);
    IRTemp c = ir_const(&b, 5);
    assert_true(ir_is_const(&b, c));
    assert_int_equal(b.temps[c].value, 5);
    assert_int_equal(ir_new_label(&b), 0);
    assert_int_equal(ir_new_label(&b), 1);

    ir_gen_insn_start(&b, 0x1000, 0);
    ir_block_reset(&b, 0x2000, 1);
    assert_int_equal(b.nb_ops, 0);
    assert_int_equal(b.nb_labels, 0);
    assert_int_equal(b.nb_temps, TEST_NB_GLOBALS + 1);
    assert_int_equal(b.nb_insns, 0);
    assert_int_equal(b.guest_pc, 0x2000);
    assert_int_equal(b.guest_flags, 1);
    ir_block_free(&b);
}

static uint32_t helper_nop(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) { return 0; }
static const IRHelper h_nop = { "nop", helper_nop, 0 };

/* Operand layout: outputs, inputs, then constants. */
static void test_builders(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp x = G(&b, 0), y = G(&b, 1), z = G(&b, 2);
    uint32_t l = ir_new_label(&b);
    ir_gen_insn_start(&b, 0x1000, 7);
    ir_gen_brcond(&b, IR_COND_LTU, x, y, l);
    ir_gen_movcond(&b, IR_COND_GT, z, x, y, x, y);
    ir_gen_deposit(&b, z, x, y, 8, 4);
    ir_gen_addsub2(&b, IR_sub2, x, y, z, x, y, z);
    ir_gen_call(&b, &h_nop, IR_NONE, x, y, IR_NONE, IR_NONE);
    ir_gen_guest_cmpxchg(&b, z, x, y, z, IR_MO_S16);
    ir_gen_exit_helper(&b, 17, 0x1004, 1);

    const IROp *op = b.ops;
    assert_int_equal(b.nb_insns, 1);
    assert_int_equal(op[0].args[0], 0x1000);
    assert_int_equal(op[0].args[1], 7);
    assert_int_equal(op[1].args[0], x);
    assert_int_equal(ir_const_arg(&op[1], 0), IR_COND_LTU);
    assert_int_equal(ir_const_arg(&op[1], 1), l);
    assert_int_equal(op[2].args[0], z);
    assert_int_equal(ir_const_arg(&op[2], 0), IR_COND_GT);
    assert_int_equal(ir_const_arg(&op[3], 0), 8);
    assert_int_equal(ir_const_arg(&op[3], 1), 4);
    assert_int_equal(ir_nb_args(&op[4]), 6);
    assert_int_equal(op[4].args[5], z);
    assert_int_equal(ir_const_arg(&op[5], 0), 2); /* nargs */
    assert_ptr_equal(op[5].helper, &h_nop);
    assert_int_equal(ir_const_arg(&op[6], 0), IR_MO_S16);
    assert_int_equal(ir_const_arg(&op[7], 0), 17);
    assert_null(ir_verify(&b));
    ir_block_free(&b);
}

static void test_conditions(void **state)
{
    static const uint32_t vals[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff };
    for (uint32_t c = IR_COND_EQ; c <= IR_COND_NEVER; c++) {
        assert_int_equal(ir_cond_invert(ir_cond_invert(c)), c);
        assert_string_not_equal(ir_cond_name(c), "?");
        for (size_t i = 0; i < 6; i++)
            for (size_t j = 0; j < 6; j++)
                assert_int_equal(ir_cond_eval(ir_cond_invert(c), vals[i], vals[j]),
                                 !ir_cond_eval(c, vals[i], vals[j]));
    }
    assert_string_equal(ir_cond_name(IR_COND_GEU), "geu");
    assert_string_equal(ir_cond_name((IRCond)99), "?");
}

static void test_printer(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_insn_start(&b, 0x1000, 0);
    ir_gen_binop(&b, IR_add, t, G(&b, 0), ir_const(&b, 0x10));
    ir_gen_setcond(&b, IR_COND_TSTNE, G(&b, 1), t, G(&b, 2));
    ir_gen_brcond(&b, IR_COND_EQ, t, G(&b, 2), l);
    ir_gen_call(&b, &h_nop, IR_NONE, t, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_label(&b, l);
    ir_gen_exit_indirect(&b, t, ir_const(&b, 1));
    assert_ir(&b, " ---- 00001000 00000000\n"
                  " add           t9, g0, $0x10\n"
                  " setcond       g1, t9, g2, tstne\n"
                  " brcond        t9, g2, eq, L0\n"
                  " call          -, t9, -, -, -, 0x1  <nop>\n"
                  "L0:\n"
                  " exit_indirect t9, $0x1\n");
    ir_block_free(&b);
}

/* Each fault the verifiers name, on a block broken on purpose. */
static void test_verifier(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b), c = ir_const(&b, 1);
    uint32_t l = ir_new_label(&b);
    ir_gen_mov(&b, t, G(&b, 0));
    ir_gen_exit_direct(&b, 0, 0);
    assert_null(ir_verify(&b));
    IROp *op = &b.ops[0];

    op->opc = IR_NB_OPS;
    assert_string_equal(ir_verify(&b), "bad opcode");
    op->opc = IR_mov;
    op->args[0] = c;
    assert_string_equal(ir_verify(&b), "write to a constant");
    op->args[0] = b.nb_temps;
    assert_string_equal(ir_verify(&b), "output temp out of range");
    op->args[0] = t;
    op->args[1] = IR_NONE;
    assert_string_equal(ir_verify(&b), "input temp out of range");
    op->args[1] = G(&b, 0);
    *op = (IROp){ .opc = IR_call, .args = { t, t } };
    assert_string_equal(ir_verify(&b), "call without helper");
    *op = (IROp){ .opc = IR_br, .args = { l + 1 } };
    assert_string_equal(ir_verify(&b), "label out of range");
    *op = (IROp){ .opc = IR_brcond, .args = { t, t, IR_COND_EQ, l + 5 } };
    assert_string_equal(ir_verify(&b), "label out of range");

    *op = (IROp){ .opc = IR_br, .args = { l } };
    assert_null(ir_verify(&b));
    assert_string_equal(ir_opt_verify(&b), "branch to an undefined label");
    ir_gen_label(&b, l);
    ir_gen_label(&b, l);
    ir_gen_exit_direct(&b, 0, 0);
    assert_string_equal(ir_opt_verify(&b), "label defined twice");
    b.nb_ops -= 2;
    assert_string_equal(ir_verify(&b), "block does not end with an exit or a branch");
    ir_gen_exit_direct(&b, 0, 0);
    assert_null(ir_opt_verify(&b));
    /* A unit may end with a loop's back edge: nothing falls off it. */
    ir_gen_br(&b, l);
    assert_null(ir_opt_verify(&b));
    ir_gen_exit_check(&b, 0, 0);
    assert_string_equal(ir_verify(&b), "block does not end with an exit or a branch");
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_op_table),   cmocka_unit_test(test_temps),
        cmocka_unit_test(test_builders),   cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_printer),    cmocka_unit_test(test_verifier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

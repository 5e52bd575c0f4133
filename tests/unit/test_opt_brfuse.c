/*
 * Pass 8 (tcg/opt/brfuse.c): a brcond on a compare's result against 0
 * compares the compare's inputs instead. Each test checks the rewritten
 * branch (or that it stayed) and that the block means the same in the
 * interpreter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

/* def t (opc, g1, g2 [, cond]); brcond t, 0, cond -> L; exit 0x1004;
 * L: exit 0x2000. Returns the branch's op index. */
static uint32_t build(IRBlock *b, IROpcode opc, IRCond def_cond, IRCond br_cond, bool clobber_g1)
{
    test_block_init(b);
    IRTemp t = ir_new_temp(b);
    uint32_t l = ir_new_label(b);
    if (opc == IR_setcond)
        ir_gen_setcond(b, def_cond, t, G(b, 1), G(b, 2));
    else
        ir_gen_binop(b, opc, t, G(b, 1), G(b, 2));
    if (clobber_g1)
        ir_gen_binop(b, IR_add, G(b, 1), G(b, 1), ir_const(b, 1));
    ir_gen_brcond(b, br_cond, t, ir_const(b, 0), l);
    uint32_t at = b->nb_ops - 1;
    ir_gen_exit_direct(b, 0x1004, 0);
    ir_gen_label(b, l);
    ir_gen_exit_direct(b, 0x2000, 0);
    return at;
}

/* Fuses (or not) and checks the branch's operands and condition. */
static void check(IROpcode opc, IRCond def_cond, IRCond br_cond, bool clobber, IRCond want)
{
    IRBlock b, before;
    uint32_t at = build(&b, opc, def_cond, br_cond, clobber);
    test_block_copy(&before, &b);
    bool fused = want != IR_COND_NEVER;
    assert_int_equal(ir_opt_brfuse(&b), fused);
    assert_null(ir_opt_verify(&b));
    const IROp *br = &b.ops[at];
    if (fused) {
        assert_int_equal(br->args[0], G(&b, 1));
        assert_int_equal(br->args[1], G(&b, 2));
        assert_int_equal(ir_const_arg(br, 0), want);
    } else {
        assert_memory_equal(br, &before.ops[at], sizeof(*br));
    }
    test_assert_equivalent(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

static void test_setcond(void **state)
{
    check(IR_setcond, IR_COND_GEU, IR_COND_NE, false, IR_COND_GEU);  /* bhs after cmp */
    check(IR_setcond, IR_COND_GEU, IR_COND_EQ, false, IR_COND_LTU);  /* blo */
    check(IR_setcond, IR_COND_LT, IR_COND_NE, false, IR_COND_LT);
}

static void test_sub_xor_and(void **state)
{
    check(IR_sub, 0, IR_COND_EQ, false, IR_COND_EQ);   /* beq after cmp */
    check(IR_sub, 0, IR_COND_NE, false, IR_COND_NE);
    check(IR_xor, 0, IR_COND_EQ, false, IR_COND_EQ);   /* teq */
    check(IR_and, 0, IR_COND_NE, false, IR_COND_TSTNE); /* tst */
    check(IR_and, 0, IR_COND_EQ, false, IR_COND_TSTEQ);
}

/* Not fused: an input changes between the compare and the branch; ops
 * with no equivalent compare; a branch on a sign. */
static void test_not_fused(void **state)
{
    check(IR_sub, 0, IR_COND_EQ, true, IR_COND_NEVER);
    check(IR_setcond, IR_COND_GEU, IR_COND_NE, true, IR_COND_NEVER);
    check(IR_add, 0, IR_COND_EQ, false, IR_COND_NEVER);
    check(IR_sub, 0, IR_COND_LT, false, IR_COND_NEVER);
}

/* The definition in an earlier block (before a label): not fused. */
static void test_other_block(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t mid = ir_new_label(&b), l = ir_new_label(&b);
    ir_gen_binop(&b, IR_sub, t, G(&b, 1), G(&b, 2));
    ir_gen_label(&b, mid);
    ir_gen_brcond(&b, IR_COND_EQ, t, ir_const(&b, 0), l);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ir_gen_label(&b, l);
    ir_gen_exit_direct(&b, 0x2000, 0);
    assert_false(ir_opt_brfuse(&b));
    ir_block_free(&b);
}

/* The same compare feeding two branches (beq, then blo on its carry):
 * the second is fused across the first. */
static void test_past_branch(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp z = ir_new_temp(&b), c = ir_new_temp(&b);
    uint32_t l1 = ir_new_label(&b), l2 = ir_new_label(&b);
    ir_gen_binop(&b, IR_sub, z, G(&b, 1), G(&b, 2));
    ir_gen_setcond(&b, IR_COND_GEU, c, G(&b, 1), G(&b, 2));
    ir_gen_brcond(&b, IR_COND_EQ, z, ir_const(&b, 0), l1);
    ir_gen_brcond(&b, IR_COND_EQ, c, ir_const(&b, 0), l2);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ir_gen_label(&b, l1);
    ir_gen_exit_direct(&b, 0x2000, 0);
    ir_gen_label(&b, l2);
    ir_gen_exit_direct(&b, 0x3000, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    assert_true(ir_opt_brfuse(&b));
    assert_int_equal(ir_const_arg(&b.ops[2], 0), IR_COND_EQ);
    assert_int_equal(b.ops[3].args[0], G(&b, 1));
    assert_int_equal(ir_const_arg(&b.ops[3], 0), IR_COND_LTU);
    test_assert_equivalent(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* A branch on a global boolean (a setcond into g4) compares g1 and g2. */
static void test_global_result(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_setcond(&b, IR_COND_LTU, G(&b, 4), G(&b, 1), G(&b, 2));
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 4), ir_const(&b, 0), l);
    ir_gen_exit_direct(&b, 0x1004, 0);
    ir_gen_label(&b, l);
    ir_gen_exit_direct(&b, 0x2000, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    assert_true(ir_opt_brfuse(&b));
    assert_int_equal(b.ops[1].args[0], G(&b, 1));
    assert_int_equal(ir_const_arg(&b.ops[1], 0), IR_COND_LTU);
    test_assert_equivalent(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_setcond),
        cmocka_unit_test(test_sub_xor_and),
        cmocka_unit_test(test_not_fused),
        cmocka_unit_test(test_other_block),
        cmocka_unit_test(test_past_branch),
        cmocka_unit_test(test_global_result),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

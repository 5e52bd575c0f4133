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

/* The fall-through leaves for 0x1004, the branch's label l for 0x2000. */
static void end_with_exits(IRBlock *b, uint32_t l)
{
    ir_gen_exit_direct(b, 0x1004, 0);
    ir_gen_label(b, l);
    ir_gen_exit_direct(b, 0x2000, 0);
}

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
    end_with_exits(b, l);
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
    end_with_exits(&b, l);
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
    end_with_exits(&b, l1);
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
    end_with_exits(&b, l);
    IRBlock before;
    test_block_copy(&before, &b);
    assert_true(ir_opt_brfuse(&b));
    assert_int_equal(b.ops[1].args[0], G(&b, 1));
    assert_int_equal(ir_const_arg(&b.ops[1], 0), IR_COND_LTU);
    test_assert_equivalent(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* cmp g1, g2 as the ARM front end computes it: g4 = N = Z = g1 - g2,
 * g5 = C, g6 = V. Returns N ^ V (a fresh temp). */
static IRTemp gen_cmp(IRBlock *b)
{
    IRTemp t1 = ir_new_temp(b), t2 = ir_new_temp(b), nv = ir_new_temp(b);
    ir_gen_binop(b, IR_sub, G(b, 4), G(b, 1), G(b, 2));
    ir_gen_setcond(b, IR_COND_GEU, G(b, 5), G(b, 1), G(b, 2));
    ir_gen_binop(b, IR_xor, t1, G(b, 1), G(b, 2));
    ir_gen_binop(b, IR_xor, t2, G(b, 1), G(b, 4));
    ir_gen_binop(b, IR_and, G(b, 6), t1, t2);
    ir_gen_binop(b, IR_xor, nv, G(b, 4), G(b, 6));
    return nv;
}

/* Runs both blocks on compare operands at the signed and unsigned edges. */
static void check_edges(const IRBlock *before, const IRBlock *after)
{
    static const uint32_t v[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff };
    for (unsigned i = 0; i < 8; i++)
        for (unsigned j = 0; j < 8; j++) {
            TestCpu c1 = { .g = { 0, v[i], v[j], 7 } }, c2 = c1;
            assert_int_equal(ir_interp_run(before, &c1.common, 0), ir_interp_run(after, &c2.common, 0));
            assert_memory_equal(&c1, &c2, sizeof(c1));
        }
}

/* Each ARM condition after the cmp, as a branch (side exit) and as a
 * select (g3 = cond ? 1 : g3), must compare g1 and g2 directly. */
static void check_arm_cond(IRCond want, void (*gen_test)(IRBlock *, IRTemp, bool, uint32_t))
{
    for (unsigned sel = 0; sel < 2; sel++) {
        IRBlock b;
        test_block_init(&b);
        uint32_t l = ir_new_label(&b);
        IRTemp nv = gen_cmp(&b);
        gen_test(&b, nv, sel, l);
        end_with_exits(&b, l);
        IRBlock before;
        test_block_copy(&before, &b);
        assert_true(ir_opt_brfuse(&b));
        assert_null(ir_opt_verify(&b));
        bool found = false;
        for (uint32_t i = 0; i < b.nb_ops; i++) {
            const IROp *op = &b.ops[i];
            unsigned at = op->opc == IR_brcond ? 0 : op->opc == IR_movcond ? 1 : 9;
            if (at < 9 && op->args[at] == G(&b, 1) && op->args[at + 1] == G(&b, 2) && ir_const_arg(op, 0) == want)
                found = true;
        }
        assert_true(found);
        test_assert_equivalent(&before, &b);
        check_edges(&before, &b);
        ir_block_free(&before);
        ir_block_free(&b);
    }
}

/* Test on (x cond y) as a brcond, or as a movcond into g3. */
static void gen_test_on(IRBlock *b, IRTemp x, IRTemp y, IRCond c, bool sel, uint32_t l)
{
    if (sel)
        ir_gen_movcond(b, c, G(b, 3), x, y, ir_const(b, 1), G(b, 3));
    else
        ir_gen_brcond(b, c, x, y, l);
}

static void gen_lt(IRBlock *b, IRTemp nv, bool sel, uint32_t l) { gen_test_on(b, nv, ir_const(b, 0), IR_COND_LT, sel, l); }
static void gen_ge(IRBlock *b, IRTemp nv, bool sel, uint32_t l) { gen_test_on(b, nv, ir_const(b, 0), IR_COND_GE, sel, l); }

/* gt: Z & ~((N ^ V) >> 31) != 0; le: == 0. */
static void gen_gt_le(IRBlock *b, IRTemp nv, bool sel, uint32_t l, IRCond c)
{
    IRTemp m = ir_new_temp(b), g = ir_new_temp(b);
    ir_gen_binop(b, IR_sar, m, nv, ir_const(b, 31));
    ir_gen_binop(b, IR_andc, g, G(b, 4), m);
    gen_test_on(b, g, ir_const(b, 0), c, sel, l);
}
static void gen_gt(IRBlock *b, IRTemp nv, bool sel, uint32_t l) { gen_gt_le(b, nv, sel, l, IR_COND_NE); }
static void gen_le(IRBlock *b, IRTemp nv, bool sel, uint32_t l) { gen_gt_le(b, nv, sel, l, IR_COND_EQ); }

/* hi: -C & Z != 0 (tstne); ls: tsteq. */
static void gen_hi_ls(IRBlock *b, bool sel, uint32_t l, IRCond c)
{
    IRTemp m = ir_new_temp(b);
    ir_gen_unop(b, IR_neg, m, G(b, 5));
    gen_test_on(b, m, G(b, 4), c, sel, l);
}
static void gen_hi(IRBlock *b, IRTemp nv, bool sel, uint32_t l) { (void)nv; gen_hi_ls(b, sel, l, IR_COND_TSTNE); }
static void gen_ls(IRBlock *b, IRTemp nv, bool sel, uint32_t l) { (void)nv; gen_hi_ls(b, sel, l, IR_COND_TSTEQ); }

static void test_arm_conditions(void **state)
{
    check_arm_cond(IR_COND_LT, gen_lt);
    check_arm_cond(IR_COND_GE, gen_ge);
    check_arm_cond(IR_COND_GT, gen_gt);
    check_arm_cond(IR_COND_LE, gen_le);
    check_arm_cond(IR_COND_GTU, gen_hi);
    check_arm_cond(IR_COND_LEU, gen_ls);
}

/* An operand of the cmp changes before the test: nothing fuses. */
static void test_arm_condition_input_changed(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t l = ir_new_label(&b);
    IRTemp nv = gen_cmp(&b);
    ir_gen_binop(&b, IR_add, G(&b, 2), G(&b, 2), ir_const(&b, 1));
    ir_gen_brcond(&b, IR_COND_LT, nv, ir_const(&b, 0), l);
    end_with_exits(&b, l);
    assert_false(ir_opt_brfuse(&b));
    ir_block_free(&b);
}

static uint32_t h_clear_g4(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    ((TestCpu *)cpu)->g[4] = 0;
    return 0;
}
static const IRHelper h_writes = { "clear_g4", h_clear_g4, IR_HELPER_WRITES_GLOBALS };

/* A helper that may write g4 between the compare and the branch on it:
 * the branch keeps testing g4. */
static void test_global_across_call(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_setcond(&b, IR_COND_LTU, G(&b, 4), G(&b, 1), G(&b, 2));
    ir_gen_call(&b, &h_writes, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_brcond(&b, IR_COND_NE, G(&b, 4), ir_const(&b, 0), l);
    end_with_exits(&b, l);
    assert_false(ir_opt_brfuse(&b));
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
        cmocka_unit_test(test_arm_conditions),
        cmocka_unit_test(test_arm_condition_input_changed),
        cmocka_unit_test(test_global_across_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

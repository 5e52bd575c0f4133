/*
 * Pass 2 (tcg/opt/dce.c): dead code elimination. The main case is the ARM
 * one: flag globals (here g4..g7 play NF, ZF, CF, VF) written by one
 * instruction and overwritten by a later one before anything reads them.
 * Each test shows the IR after the pass and checks that both versions
 * behave the same in the interpreter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

enum { NF = 4, ZF, CF, VF };

static void dce_and_check(IRBlock *b, const char *expected)
{
    IRBlock before;
    test_block_copy(&before, b);
    ir_opt_dce(b);
    assert_null(ir_opt_verify(b));
    assert_ir(b, expected);
    test_assert_equivalent(&before, b);
    ir_block_free(&before);
    ir_block_free(b);
}

/* "adds rd, rn, rm" the way the ARM front end builds it. */
static void gen_adds(IRBlock *b, uint32_t pc, uint32_t rd, uint32_t rn, uint32_t rm)
{
    IRTemp r = ir_new_temp(b), c = ir_new_temp(b), v = ir_new_temp(b), x = ir_new_temp(b);
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, r, G(b, rn), G(b, rm));
    ir_gen_setcond(b, IR_COND_LTU, c, r, G(b, rn));
    ir_gen_binop(b, IR_xor, v, r, G(b, rn));
    ir_gen_binop(b, IR_xor, x, G(b, rn), G(b, rm));
    ir_gen_binop(b, IR_andc, v, v, x);
    ir_gen_mov(b, G(b, NF), r);
    ir_gen_mov(b, G(b, ZF), r);
    ir_gen_mov(b, G(b, CF), c);
    ir_gen_mov(b, G(b, VF), v);
    ir_gen_mov(b, G(b, rd), r);
}

/* Three flag-setting instructions in a row: only the last one's flags
 * survive. */
static void test_flags_overwritten(void **state)
{
    IRBlock b;
    test_block_init(&b);
    gen_adds(&b, 0x1000, 0, 0, 1);
    gen_adds(&b, 0x1004, 2, 2, 0);
    gen_adds(&b, 0x1008, 3, 1, 2);
    ir_gen_exit_direct(&b, 0x100c, 0);
    dce_and_check(&b, " ---- 00001000 00000000\n"
                      " add           t9, g0, g1\n"
                      " mov           g0, t9\n"
                      " ---- 00001004 00000000\n"
                      " add           t13, g2, g0\n"
                      " mov           g2, t13\n"
                      " ---- 00001008 00000000\n"
                      " add           t17, g1, g2\n"
                      " setcond       t18, t17, g1, ltu\n"
                      " xor           t19, t17, g1\n"
                      " xor           t20, g1, g2\n"
                      " andc          t19, t19, t20\n"
                      " mov           g4, t17\n"
                      " mov           g5, t17\n"
                      " mov           g6, t18\n"
                      " mov           g7, t19\n"
                      " mov           g3, t17\n"
                      " exit_direct   0x100c, 0x0\n");
}

/* A load between them may fault, and the fault must see the first
 * instruction's flags: they stay. */
static void test_flags_kept_before_memory_op(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_insn_start(&b, 0x1000, 0);
    ir_gen_binop(&b, IR_sub, t, G(&b, 0), G(&b, 1));
    ir_gen_mov(&b, G(&b, NF), t);
    ir_gen_mov(&b, G(&b, ZF), t);
    ir_gen_insn_start(&b, 0x1004, 0);
    ir_gen_guest_ld(&b, G(&b, 2), G(&b, 3), IR_MO_32);
    ir_gen_insn_start(&b, 0x1008, 0);
    ir_gen_mov(&b, G(&b, NF), G(&b, 1));
    ir_gen_mov(&b, G(&b, ZF), G(&b, 1));
    ir_gen_exit_direct(&b, 0x100c, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    ir_opt_dce(&b);
    assert_ir(&b, " ---- 00001000 00000000\n"
                  " sub           t9, g0, g1\n"
                  " mov           g4, t9\n"
                  " mov           g5, t9\n"
                  " ---- 00001004 00000000\n"
                  " guest_ld      g2, g3, 0x2\n"
                  " ---- 00001008 00000000\n"
                  " mov           g4, g1\n"
                  " mov           g5, g1\n"
                  " exit_direct   0x100c, 0x0\n");
    ir_block_free(&before);
    ir_block_free(&b);
}

/* discard (the front end's "the next unit overwrites these flags") kills
 * the flags before the exit: the whole flag computation goes. */
static void test_discard_before_exit(void **state)
{
    IRBlock b;
    test_block_init(&b);
    gen_adds(&b, 0x1000, 0, 0, 1);
    for (uint32_t f = NF; f <= VF; f++)
        ir_gen_discard(&b, G(&b, f));
    ir_gen_exit_direct(&b, 0x1004, 0);
    ir_opt_dce(&b);
    assert_null(ir_opt_verify(&b));
    assert_ir(&b, " ---- 00001000 00000000\n"
                  " add           t9, g0, g1\n"
                  " mov           g0, t9\n"
                  " discard       0x5\n"
                  " discard       0x6\n"
                  " discard       0x7\n"
                  " discard       0x8\n"
                  " exit_direct   0x1004, 0x0\n");
    ir_block_free(&b);
}

/* A load does not keep alive a flag that every path discards before
 * reading it (ZF here); one read after the load (NF by the brcond) stays. */
static void test_discard_through_memory_op(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_insn_start(&b, 0x1000, 0);
    ir_gen_binop(&b, IR_sub, t, G(&b, 0), G(&b, 1));
    ir_gen_mov(&b, G(&b, NF), t);
    ir_gen_mov(&b, G(&b, ZF), t);
    ir_gen_insn_start(&b, 0x1004, 0);
    ir_gen_guest_ld(&b, G(&b, 2), G(&b, 3), IR_MO_32);
    ir_gen_brcond(&b, IR_COND_LT, G(&b, NF), ir_const(&b, 0), l);
    ir_gen_discard(&b, G(&b, ZF));
    ir_gen_exit_direct(&b, 0x1008, 0);
    ir_gen_label(&b, l);
    ir_gen_discard(&b, G(&b, NF));
    ir_gen_discard(&b, G(&b, ZF));
    ir_gen_exit_direct(&b, 0x2000, 0);
    ir_opt_dce(&b);
    assert_null(ir_opt_verify(&b));
    assert_ir(&b, " ---- 00001000 00000000\n"
                  " sub           g4, g0, g1\n"
                  " ---- 00001004 00000000\n"
                  " guest_ld      g2, g3, 0x2\n"
                  " brcond        g4, $0x0, lt, L0\n"
                  " discard       0x6\n"
                  " exit_direct   0x1008, 0x0\n"
                  "L0:\n"
                  " discard       0x5\n"
                  " discard       0x6\n"
                  " exit_direct   0x2000, 0x0\n");
    ir_block_free(&b);
}

/* Once the front end has put NF in the discard class (some exit discards
 * it), a write that a later one overwrites is dead across a load too; ZF,
 * never discarded, keeps the precise rule. */
static void test_discard_class_write_through_memory_op(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_insn_start(&b, 0x1000, 0);
    ir_gen_binop(&b, IR_sub, t, G(&b, 0), G(&b, 1));
    ir_gen_mov(&b, G(&b, NF), t);
    ir_gen_mov(&b, G(&b, ZF), t);
    ir_gen_insn_start(&b, 0x1004, 0);
    ir_gen_guest_ld(&b, G(&b, 2), G(&b, 3), IR_MO_32);
    ir_gen_insn_start(&b, 0x1008, 0);
    ir_gen_mov(&b, G(&b, NF), G(&b, 1));
    ir_gen_mov(&b, G(&b, ZF), G(&b, 1));
    ir_gen_discard(&b, G(&b, NF));
    ir_gen_exit_direct(&b, 0x100c, 0);
    ir_opt_dce(&b);
    assert_ir(&b, " ---- 00001000 00000000\n"
                  " sub           t9, g0, g1\n"
                  " mov           g5, t9\n"
                  " ---- 00001004 00000000\n"
                  " guest_ld      g2, g3, 0x2\n"
                  " ---- 00001008 00000000\n"
                  " mov           g5, g1\n"
                  " discard       0x5\n"
                  " exit_direct   0x100c, 0x0\n");
    ir_block_free(&b);
}

/* An ARM conditional instruction: the brcond reads ZF, so ZF stays, but
 * NF is written again on both paths before the exit. */
static void test_flags_across_conditional(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t skip = ir_new_label(&b);
    ir_gen_insn_start(&b, 0x1000, 0);
    ir_gen_mov(&b, G(&b, NF), G(&b, 0));
    ir_gen_mov(&b, G(&b, ZF), G(&b, 0));
    ir_gen_insn_start(&b, 0x1004, 0);
    ir_gen_brcond(&b, IR_COND_NE, G(&b, ZF), ir_const(&b, 0), skip);
    ir_gen_binop(&b, IR_add, G(&b, 1), G(&b, 1), ir_const(&b, 1));
    ir_gen_mov(&b, G(&b, NF), G(&b, 1));
    ir_gen_mov(&b, G(&b, ZF), G(&b, 1));
    ir_gen_label(&b, skip);
    ir_gen_insn_start(&b, 0x1008, 0);
    ir_gen_mov(&b, G(&b, NF), G(&b, 2));
    ir_gen_mov(&b, G(&b, ZF), G(&b, 2));
    ir_gen_exit_direct(&b, 0x100c, 0);
    dce_and_check(&b, " ---- 00001000 00000000\n"
                      " mov           g5, g0\n"
                      " ---- 00001004 00000000\n"
                      " brcond        g5, $0x0, ne, L0\n"
                      " add           g1, g1, $0x1\n"
                      "L0:\n"
                      " ---- 00001008 00000000\n"
                      " mov           g4, g2\n"
                      " mov           g5, g2\n"
                      " exit_direct   0x100c, 0x0\n");
}

/* If/else diamond: CF is defined on both arms, so the earlier CF dies;
 * VF is defined on one arm only and stays. */
static void test_diamond(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t l_else = ir_new_label(&b), l_end = ir_new_label(&b);
    ir_gen_mov(&b, G(&b, CF), G(&b, 0));
    ir_gen_mov(&b, G(&b, VF), G(&b, 0));
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 1), ir_const(&b, 0), l_else);
    ir_gen_mov(&b, G(&b, CF), G(&b, 2));
    ir_gen_mov(&b, G(&b, VF), G(&b, 2));
    ir_gen_br(&b, l_end);
    ir_gen_label(&b, l_else);
    ir_gen_mov(&b, G(&b, CF), G(&b, 3));
    ir_gen_label(&b, l_end);
    ir_gen_exit_direct(&b, 0x100c, 0);
    dce_and_check(&b, " mov           g7, g0\n"
                      " brcond        g1, $0x0, eq, L0\n"
                      " mov           g6, g2\n"
                      " mov           g7, g2\n"
                      " br            L1\n"
                      "L0:\n"
                      " mov           g6, g3\n"
                      "L1:\n"
                      " exit_direct   0x100c, 0x0\n");
}

static uint32_t helper_sum(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    return ((TestCpu *)cpu)->g[0] + a0;
}
static const IRHelper h_reads = { "reads", helper_sum, IR_HELPER_READS_GLOBALS };
static uint32_t helper_twice(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    return 2 * a0;
}
static const IRHelper h_plain = { "plain", helper_twice, 0 };
static const IRHelper h_pure = { "pure", helper_twice, IR_HELPER_NO_SIDE };

/* Calls: a helper that reads globals keeps the write before it; one that
 * does not, doesn't; a pure helper whose result is unused goes. */
static void test_calls(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_movi(&b, G(&b, 0), 1);
    ir_gen_call(&b, &h_reads, G(&b, 1), ir_const(&b, 1), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_movi(&b, G(&b, 0), 2);
    ir_gen_call(&b, &h_plain, G(&b, 2), ir_const(&b, 1), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_call(&b, &h_pure, t, G(&b, 2), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_call(&b, &h_plain, t, G(&b, 2), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_movi(&b, G(&b, 0), 3);
    ir_gen_exit_direct(&b, 0x100c, 0);
    dce_and_check(&b, " mov           g0, $0x1\n"
                      " call          g1, $0x1, -, -, -, 0x1  <reads>\n"
                      " call          g2, $0x1, -, -, -, 0x1  <plain>\n"
                      " call          t9, g2, -, -, -, 0x1  <plain>\n"
                      " mov           g0, $0x3\n"
                      " exit_direct   0x100c, 0x0\n");
}

/* Dead locals go, chains included; ld_env over a global reads it. */
static void test_locals_and_env(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t1 = ir_new_temp(&b), t2 = ir_new_temp(&b), t3 = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t1, G(&b, 0), ir_const(&b, 1));
    ir_gen_binop(&b, IR_mul, t2, t1, t1);
    ir_gen_ld_env(&b, t3, offsetof(TestCpu, env[0])); /* unused */
    ir_gen_movi(&b, G(&b, 3), 5);
    ir_gen_ld_env(&b, G(&b, 1), offsetof(TestCpu, g[3]));
    ir_gen_movi(&b, G(&b, 3), 6);
    ir_gen_exit_direct(&b, 0x100c, 0);
    dce_and_check(&b, " mov           g3, $0x5\n"
                      " ld_env        g1, 0x34\n"
                      " mov           g3, $0x6\n"
                      " exit_direct   0x100c, 0x0\n");
}

/* A loop: the live counter stays, a counter nobody reads goes, and a value
 * read by the next iteration is live around the back edge. */
static void test_loop(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp i = ir_new_temp(&b), junk = ir_new_temp(&b), prev = ir_new_temp(&b);
    uint32_t top = ir_new_label(&b);
    ir_gen_movi(&b, i, 0);
    ir_gen_movi(&b, junk, 0);
    ir_gen_movi(&b, prev, 0);
    ir_gen_label(&b, top);
    ir_gen_binop(&b, IR_add, G(&b, 0), G(&b, 0), prev);
    ir_gen_mov(&b, prev, i);
    ir_gen_binop(&b, IR_add, junk, junk, i);
    ir_gen_binop(&b, IR_add, i, i, ir_const(&b, 1));
    ir_gen_brcond(&b, IR_COND_LTU, i, ir_const(&b, 5), top);
    ir_gen_exit_direct(&b, 0x100c, 0);
    dce_and_check(&b, " mov           t9, $0x0\n"
                      " mov           t11, $0x0\n"
                      "L0:\n"
                      " add           g0, g0, t11\n"
                      " mov           t11, t9\n"
                      " add           t9, t9, $0x1\n"
                      " brcond        t9, $0x5, ltu, L0\n"
                      " exit_direct   0x100c, 0x0\n");
}

/* exit_indirect reads its inputs; unreachable code after an exit is not
 * this pass's business but must not confuse it. */
static void test_exit_uses(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp pc = ir_new_temp(&b), dead = ir_new_temp(&b);
    ir_gen_binop(&b, IR_and, pc, G(&b, 0), ir_const(&b, ~1u));
    ir_gen_binop(&b, IR_and, dead, G(&b, 0), ir_const(&b, 1));
    ir_gen_exit_indirect(&b, pc, ir_const(&b, 0));
    ir_gen_binop(&b, IR_add, G(&b, 1), G(&b, 0), ir_const(&b, 1));
    ir_gen_exit_direct(&b, 0x100c, 0);
    IRBlock before;
    test_block_copy(&before, &b);
    ir_opt_dce(&b);
    assert_ir(&b, " and           t9, g0, $0xfffffffe\n"
                  " exit_indirect t9, $0x0\n"
                  " add           g1, g0, $0x1\n"
                  " exit_direct   0x100c, 0x0\n");
    test_assert_equivalent(&before, &b);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* A fresh result copied into a register and read nowhere else is
 * computed into the register; a result read again, a copy that is not
 * right after the computation and a call's result stay as built. */
static void test_copy_merge(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp a = ir_new_temp(&b), two = ir_new_temp(&b), c = ir_new_temp(&b), x = ir_new_temp(&b),
           y = ir_new_temp(&b);
    ir_gen_insn_start(&b, 0x1000, 0);
    ir_gen_binop(&b, IR_add, a, G(&b, 0), G(&b, 1));   /* merged, reads g0 first */
    ir_gen_mov(&b, G(&b, 0), a);
    ir_gen_insn_start(&b, 0x1008, 0);
    ir_gen_binop(&b, IR_sub, two, G(&b, 2), G(&b, 0)); /* read twice: stays */
    ir_gen_mov(&b, G(&b, 1), two);
    ir_gen_mov(&b, G(&b, NF), two);
    ir_gen_insn_start(&b, 0x100c, 0);
    ir_gen_call(&b, &h_plain, c, G(&b, 0), IR_NONE, IR_NONE, IR_NONE); /* a call: stays */
    ir_gen_mov(&b, G(&b, 3), c);
    ir_gen_insn_start(&b, 0x1010, 0);
    ir_gen_binop(&b, IR_xor, x, G(&b, 1), G(&b, 2));
    ir_gen_binop(&b, IR_and, y, G(&b, 1), G(&b, 2));
    ir_gen_mov(&b, G(&b, CF), y);                      /* merged */
    ir_gen_mov(&b, G(&b, ZF), x);                      /* not adjacent: stays */
    ir_gen_exit_direct(&b, 0x1014, 0);
    dce_and_check(&b, " ---- 00001000 00000000\n"
                      " add           g0, g0, g1\n"
                      " ---- 00001008 00000000\n"
                      " sub           t10, g2, g0\n"
                      " mov           g1, t10\n"
                      " mov           g4, t10\n"
                      " ---- 0000100c 00000000\n"
                      " call          t11, g0, -, -, -, 0x1  <plain>\n"
                      " mov           g3, t11\n"
                      " ---- 00001010 00000000\n"
                      " xor           t12, g1, g2\n"
                      " and           g6, g1, g2\n"
                      " mov           g5, t12\n"
                      " exit_direct   0x1014, 0x0\n");
}

/* A load's result merges too: the load writes its register only once it
 * has not faulted, so a fault still sees the register's old value. */
static void test_copy_merge_load(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp s = ir_new_temp(&b), l = ir_new_temp(&b);
    ir_gen_insn_start(&b, 0x1004, 0);
    ir_gen_binop(&b, IR_add, s, G(&b, 3), ir_const(&b, 8));
    ir_gen_guest_ld(&b, l, s, IR_MO_32);
    ir_gen_mov(&b, G(&b, 2), l);
    ir_gen_mov(&b, G(&b, 3), s);
    ir_gen_exit_direct(&b, 0x1008, 0);
    ir_opt_dce(&b);
    assert_null(ir_opt_verify(&b));
    assert_ir(&b, " ---- 00001004 00000000\n"
                  " add           t9, g3, $0x8\n"
                  " guest_ld      g2, t9, 0x2\n"
                  " mov           g3, t9\n"
                  " exit_direct   0x1008, 0x0\n");
    ir_block_free(&b);
}

/* A copy whose target nobody reads is dead, and so is its computation;
 * in a unit with a loop copies are left alone (the sweep repeats). */
static void test_copy_merge_dead_and_loop(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp a = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, a, G(&b, 0), G(&b, 1));
    ir_gen_mov(&b, G(&b, 2), a);
    ir_gen_movi(&b, G(&b, 2), 7);
    ir_gen_exit_direct(&b, 0x1000, 0);
    dce_and_check(&b, " mov           g2, $0x7\n"
                      " exit_direct   0x1000, 0x0\n");

    test_block_init(&b);
    IRTemp i = ir_new_temp(&b), n = ir_new_temp(&b);
    uint32_t top = ir_new_label(&b);
    ir_gen_movi(&b, i, 0);
    ir_gen_label(&b, top);
    ir_gen_binop(&b, IR_add, n, i, ir_const(&b, 1));
    ir_gen_mov(&b, i, n);
    ir_gen_brcond(&b, IR_COND_LTU, i, ir_const(&b, 5), top);
    ir_gen_mov(&b, G(&b, 0), i);
    ir_gen_exit_direct(&b, 0x1000, 0);
    dce_and_check(&b, " mov           t9, $0x0\n"
                      "L0:\n"
                      " add           t10, t9, $0x1\n"
                      " mov           t9, t10\n"
                      " brcond        t9, $0x5, ltu, L0\n"
                      " mov           g0, t9\n"
                      " exit_direct   0x1000, 0x0\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flags_overwritten),
        cmocka_unit_test(test_flags_kept_before_memory_op),
        cmocka_unit_test(test_discard_before_exit),
        cmocka_unit_test(test_discard_through_memory_op),
        cmocka_unit_test(test_discard_class_write_through_memory_op),
        cmocka_unit_test(test_flags_across_conditional),
        cmocka_unit_test(test_diamond),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_locals_and_env),
        cmocka_unit_test(test_loop),
        cmocka_unit_test(test_exit_uses),
        cmocka_unit_test(test_copy_merge),
        cmocka_unit_test(test_copy_merge_load),
        cmocka_unit_test(test_copy_merge_dead_and_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

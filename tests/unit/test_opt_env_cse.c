/*
 * Passes 3a and 3b (tcg/opt/env.c, tcg/opt/cse.c): redundant ld_env and
 * st_env, and recomputations within a basic block. Each test shows the IR
 * the pass produces and checks both versions agree in the interpreter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

#define ENV(i) ((uint32_t)offsetof(TestCpu, env[i]))

static void pass_and_check(IRBlock *b, bool (*pass)(IRBlock *), const char *expected)
{
    IRBlock before;
    test_block_copy(&before, b);
    bool changed = pass(b);
    assert_null(ir_opt_verify(b));
    char *got = test_ir_dump(b), *old = test_ir_dump(&before);
    assert_int_equal(changed, strcmp(got, old) != 0);
    free(got);
    free(old);
    assert_ir(b, expected);
    test_assert_equivalent(&before, b);
    ir_block_free(&before);
    ir_block_free(b);
}

/* Store then load: the load becomes a mov; a second store of the same
 * field makes the first one dead; a store of what the field holds goes. */
static void test_env_forwarding(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b), u = ir_new_temp(&b);
    ir_gen_st_env(&b, G(&b, 0), ENV(0));
    ir_gen_ld_env(&b, G(&b, 1), ENV(0));
    ir_gen_st_env(&b, G(&b, 2), ENV(1));     /* dead: overwritten unseen */
    ir_gen_st_env(&b, G(&b, 3), ENV(1));
    ir_gen_ld_env(&b, t, ENV(2));
    ir_gen_ld_env(&b, u, ENV(2));            /* mov from t */
    ir_gen_st_env(&b, t, ENV(2));            /* holds it already */
    ir_gen_binop(&b, IR_add, G(&b, 4), t, u);
    ir_gen_exit_direct(&b, 0x100c, 0);
    pass_and_check(&b, ir_opt_env, " st_env        g0, 0x48\n"
                                   " mov           g1, g0\n"
                                   " st_env        g3, 0x4c\n"
                                   " ld_env        t9, 0x50\n"
                                   " mov           t10, t9\n"
                                   " add           g4, t9, t10\n"
                                   " exit_direct   0x100c, 0x0\n");
}

static uint32_t helper_bump_env(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    ((TestCpu *)cpu)->env[0]++;
    return 0;
}
static const IRHelper h_env = { "bump_env", helper_bump_env, 0 };

/* What stops it: a redefined value temp, a call (helpers see and change
 * the state), a memory op (a fault exposes the state), a label, a load
 * of half the field, and a st_env over a global that a slot's value was
 * copied from. */
static void test_env_barriers(void **state)
{
    IRBlock b;
    test_block_init(&b);
    uint32_t l = ir_new_label(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_st_env(&b, t, ENV(0));
    ir_gen_movi(&b, t, 5);
    ir_gen_ld_env(&b, G(&b, 0), ENV(0));           /* t changed: stays a load */
    ir_gen_st_env(&b, G(&b, 1), ENV(0));
    ir_gen_call(&b, &h_env, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_ld_env(&b, G(&b, 2), ENV(0));           /* after a call: a load */
    ir_gen_st_env(&b, G(&b, 3), ENV(1));
    ir_gen_guest_ld(&b, G(&b, 4), ir_const(&b, 0), IR_MO_32); /* may fault */
    ir_gen_st_env(&b, G(&b, 5), ENV(1));
    ir_gen_st_env(&b, G(&b, 6), ENV(2));
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 0), G(&b, 1), l);
    ir_gen_label(&b, l);
    ir_gen_st_env(&b, G(&b, 7), ENV(2));
    ir_gen_ld_env(&b, G(&b, 0), ENV(2) + 2);       /* half of env[2] and env[3] */
    ir_gen_st_env(&b, G(&b, 1), ENV(2));
    ir_gen_st_env(&b, G(&b, 1), ENV(3));
    ir_gen_st_env(&b, ir_const(&b, 9), offsetof(TestCpu, g[1]));
    ir_gen_ld_env(&b, G(&b, 2), ENV(3));           /* g1 changed: a load */
    ir_gen_exit_direct(&b, 0x100c, 0);
    char *expected = test_ir_dump(&b);
    uint8_t mem[4] = { 0 };
    IRBlock before;
    test_block_copy(&before, &b);
    assert_false(ir_opt_env(&b));
    assert_ir(&b, expected);
    TestCpu c1 = { .g = { 1, 2, 3 } }, c2 = c1;
    ir_interp_run(&before, &c1.common, (uintptr_t)mem);
    ir_interp_run(&b, &c2.common, (uintptr_t)mem);
    assert_memory_equal(&c1, &c2, sizeof(c1));
    free(expected);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* Recomputations become movs (or vanish when the output holds the value),
 * commutative operands in either order included. */
static void test_cse_basic(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    ir_gen_binop(&b, IR_add, t, G(&b, 0), G(&b, 1));
    ir_gen_binop(&b, IR_add, G(&b, 2), G(&b, 1), G(&b, 0));
    ir_gen_binop(&b, IR_add, t, G(&b, 0), G(&b, 1));        /* t holds it */
    ir_gen_binop(&b, IR_sub, G(&b, 3), G(&b, 0), G(&b, 1));
    ir_gen_binop(&b, IR_sub, G(&b, 4), G(&b, 1), G(&b, 0)); /* not commutative */
    ir_gen_extract(&b, G(&b, 5), G(&b, 0), 4, 8);
    ir_gen_extract(&b, G(&b, 6), G(&b, 0), 4, 8);
    ir_gen_extract(&b, G(&b, 7), G(&b, 0), 4, 9);
    ir_gen_exit_direct(&b, 0x100c, 0);
    pass_and_check(&b, ir_opt_cse, " add           t9, g0, g1\n"
                                   " mov           g2, t9\n"
                                   " sub           g3, g0, g1\n"
                                   " sub           g4, g1, g0\n"
                                   " extract       g5, g0, 0x4, 0x8\n"
                                   " mov           g6, g5\n"
                                   " extract       g7, g0, 0x4, 0x9\n"
                                   " exit_direct   0x100c, 0x0\n");
}

static uint32_t helper_set_g0(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    ((TestCpu *)cpu)->g[0] = 77;
    return 0;
}
static const IRHelper h_writes = { "writes", helper_set_g0, IR_HELPER_WRITES_GLOBALS };

/* An input or the result redefined, a helper writing globals, st_env over
 * a global and a label all end the reuse. */
static void test_cse_invalidation(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp t = ir_new_temp(&b);
    uint32_t l = ir_new_label(&b);
    ir_gen_binop(&b, IR_xor, t, G(&b, 0), G(&b, 1));
    ir_gen_movi(&b, G(&b, 1), 3);
    ir_gen_binop(&b, IR_xor, G(&b, 2), G(&b, 0), G(&b, 1));  /* g1 changed */
    ir_gen_binop(&b, IR_or, G(&b, 3), G(&b, 0), G(&b, 1));
    ir_gen_movi(&b, G(&b, 3), 1);
    ir_gen_binop(&b, IR_or, G(&b, 4), G(&b, 0), G(&b, 1));   /* result changed */
    ir_gen_binop(&b, IR_and, G(&b, 5), G(&b, 0), G(&b, 1));
    ir_gen_call(&b, &h_writes, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_binop(&b, IR_and, G(&b, 6), G(&b, 0), G(&b, 1));  /* globals changed */
    ir_gen_binop(&b, IR_mul, G(&b, 7), G(&b, 0), G(&b, 1));
    ir_gen_st_env(&b, ir_const(&b, 5), offsetof(TestCpu, g[0]));
    ir_gen_binop(&b, IR_mul, G(&b, 2), G(&b, 0), G(&b, 1));  /* g0 changed */
    ir_gen_binop(&b, IR_shl, G(&b, 3), G(&b, 0), G(&b, 1));
    ir_gen_brcond(&b, IR_COND_EQ, G(&b, 0), G(&b, 1), l);
    ir_gen_binop(&b, IR_shl, G(&b, 4), G(&b, 0), G(&b, 1));  /* fall-through: reused */
    ir_gen_label(&b, l);
    ir_gen_binop(&b, IR_shl, G(&b, 5), G(&b, 0), G(&b, 1));  /* after a label: kept */
    ir_gen_exit_direct(&b, 0x100c, 0);
    pass_and_check(&b, ir_opt_cse, " xor           t9, g0, g1\n"
                                   " mov           g1, $0x3\n"
                                   " xor           g2, g0, g1\n"
                                   " or            g3, g0, g1\n"
                                   " mov           g3, $0x1\n"
                                   " or            g4, g0, g1\n"
                                   " and           g5, g0, g1\n"
                                   " call          -, -, -, -, -, 0x0  <writes>\n"
                                   " and           g6, g0, g1\n"
                                   " mul           g7, g0, g1\n"
                                   " st_env        $0x5, 0x28\n"
                                   " mul           g2, g0, g1\n"
                                   " shl           g3, g0, g1\n"
                                   " brcond        g0, g1, eq, L0\n"
                                   " mov           g4, g3\n"
                                   "L0:\n"
                                   " shl           g5, g0, g1\n"
                                   " exit_direct   0x100c, 0x0\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env_forwarding),
        cmocka_unit_test(test_env_barriers),
        cmocka_unit_test(test_cse_basic),
        cmocka_unit_test(test_cse_invalidation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

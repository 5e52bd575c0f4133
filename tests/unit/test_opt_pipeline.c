/*
 * ir_optimize as a whole (tcg/opt/optimize.c) on IR shaped like the ARM
 * front end's: the passes must cooperate (folding exposes dead code,
 * value numbering exposes copies) and leave IR that means the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

enum { SP = 3, NF = 4, ZF, CF, VF };

/* "push {g0}; push {g1}" (address sp-4, store, sp = sp - 4), then two
 * compares: only the last compare's flags are written. */
static void test_push_and_compares(void **state)
{
    IRBlock b;
    test_block_init(&b);
    for (uint32_t r = 0; r < 2; r++) {
        IRTemp a = ir_new_temp(&b), n = ir_new_temp(&b);
        ir_gen_insn_start(&b, 0x1000 + 4 * r, 0);
        ir_gen_binop(&b, IR_add, a, G(&b, SP), ir_const(&b, ~3u));
        ir_gen_guest_st(&b, G(&b, r), a, IR_MO_32);
        ir_gen_binop(&b, IR_sub, n, G(&b, SP), ir_const(&b, 4));
        ir_gen_mov(&b, G(&b, SP), n);
    }
    for (uint32_t r = 0; r < 2; r++) {
        IRTemp t = ir_new_temp(&b), c = ir_new_temp(&b);
        ir_gen_insn_start(&b, 0x1008 + 4 * r, 0);
        ir_gen_binop(&b, IR_sub, t, G(&b, r), ir_const(&b, 7));
        ir_gen_setcond(&b, IR_COND_GEU, c, G(&b, r), ir_const(&b, 7));
        ir_gen_mov(&b, G(&b, NF), t);
        ir_gen_mov(&b, G(&b, ZF), t);
        ir_gen_mov(&b, G(&b, CF), c);
    }
    ir_gen_exit_direct(&b, 0x1010, 0);

    uint8_t mem[64];
    TestCpu c1 = { .g = { 11, 22, 0, 32 } }, c2 = c1;
    IRBlock before;
    test_block_copy(&before, &b);
    b.hot = true;   /* every pass */
    ir_optimize(&b);
    assert_ir(&b, " ---- 00001000 00000000\n"
                  " add           t9, g3, $0xfffffffc\n"
                  " guest_st      g0, t9, 0x2\n"
                  " add           g3, g3, $0xfffffffc\n"   /* postinc: the access folds t9 */
                  " ---- 00001004 00000000\n"
                  " add           t13, g3, $0xfffffffc\n"
                  " guest_st      g1, t13, 0x2\n"
                  " add           g3, g3, $0xfffffffc\n"
                  " ---- 00001008 00000000\n"
                  " ---- 0000100c 00000000\n"
                  " add           g4, g1, $0xfffffff9\n"   /* coalesce: computed into the flag */
                  " setcond       g6, g1, $0x7, geu\n"
                  " mov           g5, g4\n"
                  " exit_direct   0x1010, 0x0\n");
    memset(mem, 0, sizeof(mem));
    ir_interp_run(&before, &c1.common, (uintptr_t)mem);
    uint8_t mem1[64];
    memcpy(mem1, mem, sizeof(mem));
    memset(mem, 0, sizeof(mem));
    ir_interp_run(&b, &c2.common, (uintptr_t)mem);
    assert_memory_equal(&c1, &c2, sizeof(c1));
    assert_memory_equal(mem1, mem, sizeof(mem));
    assert_int_equal(c2.g[SP], 24);
    ir_block_free(&before);
    ir_block_free(&b);
}

/* Cold code (first translation) gets only dead-code elimination: a
 * constant expression stays as built, an unread flag computation goes. */
static void test_cold_is_dce_only(void **state)
{
    IRBlock b;
    test_block_init(&b);
    IRTemp k = ir_new_temp(&b), t = ir_new_temp(&b);
    ir_gen_insn_start(&b, 0x2000, 0);
    ir_gen_binop(&b, IR_add, k, ir_const(&b, 2), ir_const(&b, 3));
    ir_gen_mov(&b, G(&b, 0), k);
    ir_gen_binop(&b, IR_sub, t, G(&b, 1), ir_const(&b, 1));
    ir_gen_mov(&b, G(&b, NF), t);
    ir_gen_insn_start(&b, 0x2004, 0);
    ir_gen_mov(&b, G(&b, NF), G(&b, 1));
    ir_gen_exit_direct(&b, 0x2008, 0);
    b.hot = false;
    ir_optimize(&b);
    assert_ir(&b, " ---- 00002000 00000000\n"
                  " add           g0, $0x2, $0x3\n"
                  " ---- 00002004 00000000\n"
                  " mov           g4, g1\n"
                  " exit_direct   0x2008, 0x0\n");
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_push_and_compares),
        cmocka_unit_test(test_cold_is_dce_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Every IR op in the interpreter, with its edge cases: the interpreter is
 * the oracle for the JIT and the passes, so its own answers are checked
 * here against values worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ir_util.h"

/* Runs "op d(, d2), g1..g4" with g1..g4 = in[0..3]: the inputs come
 * through a local copy (mov t, gN) when via_local, else straight from the
 * globals. Returns d; *hi gets the second output of 2-output ops. */
static uint32_t run_op(IROpcode opc, const uint32_t *in, uint32_t k0, uint32_t k1, uint32_t *hi,
                       bool via_local)
{
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    const IROpDef *d = &ir_op_defs[opc];
    IRTemp src[4];
    for (uint32_t i = 0; i < 4; i++) {
        cpu.g[1 + i] = in[i];
        src[i] = G(&b, 1 + i);
        if (via_local) {
            src[i] = ir_new_temp(&b);
            ir_gen_mov(&b, src[i], G(&b, 1 + i));
        }
    }
    IROp *op = ir_emit(&b, opc);
    uint32_t n = 0;
    op->args[n++] = G(&b, 0);
    if (d->nb_out > 1)
        op->args[n++] = G(&b, 6);
    for (uint32_t i = 0; i < d->nb_in; i++)
        op->args[n++] = src[i];
    if (d->nb_const > 0)
        op->args[n++] = k0;
    if (d->nb_const > 1)
        op->args[n++] = k1;
    ir_gen_exit_direct(&b, 0x2000, 0);
    assert_null(ir_verify(&b));
    assert_int_equal(ir_interp_run(&b, &cpu.common, 0), TCG_EXIT_NONE);
    if (hi)
        *hi = cpu.g[6];
    ir_block_free(&b);
    return cpu.g[0];
}

static uint32_t op2(IROpcode opc, uint32_t a, uint32_t b)
{
    uint32_t in[4] = { a, b, 0, 0 };
    uint32_t r = run_op(opc, in, 0, 0, NULL, false);
    assert_int_equal(run_op(opc, in, 0, 0, NULL, true), r);
    return r;
}

static uint32_t op1k(IROpcode opc, uint32_t a, uint32_t k0, uint32_t k1)
{
    uint32_t in[4] = { a, 0, 0, 0 };
    return run_op(opc, in, k0, k1, NULL, true);
}

typedef struct Case {
    IROpcode opc;
    uint32_t a, b, want;
} Case;

static const Case binops[] = {
    { IR_add, 0xffffffff, 1, 0 }, { IR_add, 0x7fffffff, 1, 0x80000000 },
    { IR_sub, 0, 1, 0xffffffff }, { IR_sub, 5, 7, 0xfffffffe },
    { IR_mul, 0x10000, 0x10000, 0 }, { IR_mul, 0xffffffff, 3, 0xfffffffd },
    { IR_and, 0xf0f0, 0xff00, 0xf000 }, { IR_or, 0xf0f0, 0x0f00, 0xfff0 },
    { IR_xor, 0xffff, 0x0ff0, 0xf00f }, { IR_andc, 0xffff, 0x0ff0, 0xf00f },
    { IR_shl, 0x80000001, 0, 0x80000001 }, { IR_shl, 1, 31, 0x80000000 },
    { IR_shl, 3, 32, 3 }, { IR_shl, 3, 33, 6 },
    { IR_shr, 0x80000000, 0, 0x80000000 }, { IR_shr, 0x80000000, 31, 1 },
    { IR_shr, 0x80000000, 32, 0x80000000 }, { IR_shr, 0xf0, 4, 0xf },
    { IR_sar, 0x80000000, 31, 0xffffffff }, { IR_sar, 0x80000000, 0, 0x80000000 },
    { IR_sar, 0x40000000, 30, 1 }, { IR_sar, 0x80000000, 36, 0xf8000000 },
    { IR_rotr, 0x12345678, 0, 0x12345678 }, { IR_rotr, 0x12345678, 8, 0x78123456 },
    { IR_rotr, 0x80000001, 31, 0x00000003 }, { IR_rotr, 0x12345678, 32, 0x12345678 },
};

static void test_binops(void **state)
{
    for (size_t i = 0; i < sizeof(binops) / sizeof(binops[0]); i++) {
        const Case *c = &binops[i];
        uint32_t got = op2(c->opc, c->a, c->b);
        if (got != c->want)
            print_message("%s 0x%x, 0x%x = 0x%x, want 0x%x\n", ir_op_defs[c->opc].name, c->a, c->b, got,
                          c->want);
        assert_int_equal(got, c->want);
    }
}

static const Case unops[] = {
    { IR_mov, 0xdeadbeef, 0, 0xdeadbeef },
    { IR_neg, 1, 0, 0xffffffff }, { IR_neg, 0x80000000, 0, 0x80000000 }, { IR_neg, 0, 0, 0 },
    { IR_not, 0, 0, 0xffffffff },
    { IR_ext8s, 0x1280, 0, 0xffffff80 }, { IR_ext8s, 0xff7f, 0, 0x7f },
    { IR_ext8u, 0xffffff80, 0, 0x80 },
    { IR_ext16s, 0x18000, 0, 0xffff8000 }, { IR_ext16s, 0xffff7fff, 0, 0x7fff },
    { IR_ext16u, 0xffff8000, 0, 0x8000 },
    { IR_bswap32, 0x12345678, 0, 0x78563412 },
    { IR_bswap16, 0xaabb1234, 0, 0x3412 }, { IR_bswap16, 0xffff00ff, 0, 0xff00 },
    { IR_clz, 0, 0, 32 }, { IR_clz, 1, 0, 31 }, { IR_clz, 0x80000000, 0, 0 }, { IR_clz, 0x00ffffff, 0, 8 },
};

static void test_unops(void **state)
{
    for (size_t i = 0; i < sizeof(unops) / sizeof(unops[0]); i++) {
        const Case *c = &unops[i];
        uint32_t got = op2(c->opc, c->a, 0);
        if (got != c->want)
            print_message("%s 0x%x = 0x%x, want 0x%x\n", ir_op_defs[c->opc].name, c->a, got, c->want);
        assert_int_equal(got, c->want);
    }
}

static void test_bitfields(void **state)
{
    assert_int_equal(op1k(IR_extract, 0x12345678, 0, 32), 0x12345678);
    assert_int_equal(op1k(IR_extract, 0x12345678, 4, 8), 0x67);
    assert_int_equal(op1k(IR_extract, 0x80000000, 31, 1), 1);
    assert_int_equal(op1k(IR_extract, 0xffffffff, 0, 1), 1);
    assert_int_equal(op1k(IR_extract, 0xffffffff, 16, 16), 0xffff);
    assert_int_equal(op1k(IR_sextract, 0x00000080, 0, 8), 0xffffff80);
    assert_int_equal(op1k(IR_sextract, 0x0000007f, 0, 8), 0x7f);
    assert_int_equal(op1k(IR_sextract, 0x80000000, 31, 1), 0xffffffff);
    assert_int_equal(op1k(IR_sextract, 0x80000000, 0, 32), 0x80000000);
    assert_int_equal(op1k(IR_sextract, 0x00f00000, 20, 4), 0xffffffff);
    assert_int_equal(op1k(IR_sextract, 0x00700000, 20, 4), 7);

    uint32_t in[4] = { 0xffffffff, 0x12345678, 0, 0 };
    assert_int_equal(run_op(IR_deposit, in, 0, 8, NULL, false), 0xffffff78);
    assert_int_equal(run_op(IR_deposit, in, 24, 8, NULL, false), 0x78ffffff);
    assert_int_equal(run_op(IR_deposit, in, 0, 32, NULL, false), 0x12345678);
    assert_int_equal(run_op(IR_deposit, in, 31, 1, NULL, false), 0x7fffffff);
    assert_int_equal(run_op(IR_deposit, in, 4, 4, NULL, true), 0xffffff8f);
}

static void test_double_width(void **state)
{
    uint32_t hi;
    uint32_t in[4] = { 0xffffffff, 0xffffffff, 0, 0 };
    assert_int_equal(run_op(IR_mulu2, in, 0, 0, &hi, false), 1);
    assert_int_equal(hi, 0xfffffffe);
    assert_int_equal(run_op(IR_muls2, in, 0, 0, &hi, false), 1); /* -1 * -1 */
    assert_int_equal(hi, 0);
    uint32_t in2[4] = { 0x80000000, 2, 0, 0 };
    assert_int_equal(run_op(IR_muls2, in2, 0, 0, &hi, true), 0);
    assert_int_equal(hi, 0xffffffff);
    assert_int_equal(run_op(IR_mulu2, in2, 0, 0, &hi, true), 0);
    assert_int_equal(hi, 1);

    /* (al, ah) + (bl, bh): the carry out of the low word */
    uint32_t add[4] = { 0xffffffff, 1, 1, 2 };
    assert_int_equal(run_op(IR_add2, add, 0, 0, &hi, false), 0);
    assert_int_equal(hi, 4);
    uint32_t add_wrap[4] = { 1, 0xffffffff, 0xffffffff, 0 };
    assert_int_equal(run_op(IR_add2, add_wrap, 0, 0, &hi, true), 0);
    assert_int_equal(hi, 0);
    uint32_t sub[4] = { 0, 5, 1, 2 }; /* borrow from the high word */
    assert_int_equal(run_op(IR_sub2, sub, 0, 0, &hi, false), 0xffffffff);
    assert_int_equal(hi, 2);
    uint32_t sub_wrap[4] = { 0, 0, 1, 0 };
    assert_int_equal(run_op(IR_sub2, sub_wrap, 0, 0, &hi, true), 0xffffffff);
    assert_int_equal(hi, 0xffffffff);
}

/* Expected truth of every condition for a few pairs, written out by hand. */
typedef struct CondCase {
    uint32_t a, b;
    /* eq ne lt ge le gt ltu geu leu gtu tsteq tstne always never */
    uint8_t want[14];
} CondCase;

static const CondCase cond_cases[] = {
    { 1, 1, { 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0 } },
    { 1, 2, { 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0 } },
    { 0xffffffff, 1, { 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0 } },
    { 0x7fffffff, 0x80000000, { 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0 } },
    { 0, 0, { 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0 } },
};

static void test_conditions(void **state)
{
    for (size_t i = 0; i < sizeof(cond_cases) / sizeof(cond_cases[0]); i++) {
        const CondCase *cc = &cond_cases[i];
        for (uint32_t c = IR_COND_EQ; c <= IR_COND_NEVER; c++) {
            uint32_t want = cc->want[c];
            uint32_t in[4] = { cc->a, cc->b, 0x111, 0x222 };
            if (run_op(IR_setcond, in, c, 0, NULL, c & 1) != want)
                print_message("setcond %s 0x%x, 0x%x\n", ir_cond_name(c), cc->a, cc->b);
            assert_int_equal(run_op(IR_setcond, in, c, 0, NULL, c & 1), want);
            assert_int_equal(run_op(IR_movcond, in, c, 0, NULL, !(c & 1)), want ? 0x111 : 0x222);

            /* brcond: taken skips the write of 1 to g0 */
            IRBlock b;
            TestCpu cpu;
            test_block_init(&b);
            memset(&cpu, 0, sizeof(cpu));
            cpu.g[1] = cc->a;
            cpu.g[2] = cc->b;
            uint32_t l = ir_new_label(&b);
            ir_gen_brcond(&b, c, G(&b, 1), G(&b, 2), l);
            ir_gen_movi(&b, G(&b, 0), 1);
            ir_gen_label(&b, l);
            ir_gen_exit_direct(&b, 0, 0);
            ir_interp_run(&b, &cpu.common, 0);
            assert_int_equal(cpu.g[0], !want);
            ir_block_free(&b);
        }
    }
}

static void test_env_access(void **state)
{
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    cpu.env[1] = 0xabcd;
    IRTemp t = ir_new_temp(&b);
    ir_gen_ld_env(&b, t, offsetof(TestCpu, env[1]));
    ir_gen_st_env(&b, t, offsetof(TestCpu, env[2]));
    ir_gen_st_env(&b, ir_const(&b, 77), offsetof(TestCpu, g[3])); /* aliases global g3 */
    ir_gen_mov(&b, G(&b, 4), G(&b, 3));
    ir_gen_exit_direct(&b, 0, 0);
    ir_interp_run(&b, &cpu.common, 0);
    assert_int_equal(cpu.env[2], 0xabcd);
    assert_int_equal(cpu.g[4], 77);
    ir_block_free(&b);
}

static void test_guest_memory(void **state)
{
    uint8_t mem[64] = { 0 };
    mem[0] = 0x80;
    mem[1] = 0xff;
    mem[2] = 0x7f;
    mem[3] = 0x90;
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    IRTemp a0 = ir_const(&b, 0);
    ir_gen_guest_ld(&b, G(&b, 0), a0, IR_MO_8);
    ir_gen_guest_ld(&b, G(&b, 1), a0, IR_MO_S8);
    ir_gen_guest_ld(&b, G(&b, 2), a0, IR_MO_16);
    ir_gen_guest_ld(&b, G(&b, 3), a0, IR_MO_S16);
    ir_gen_guest_ld(&b, G(&b, 4), ir_const(&b, 1), IR_MO_32); /* unaligned */
    ir_gen_guest_ld(&b, G(&b, 5), ir_const(&b, 2), IR_MO_S16);
    ir_gen_guest_st(&b, ir_const(&b, 0x11223344), ir_const(&b, 8), IR_MO_32);
    ir_gen_guest_st(&b, ir_const(&b, 0xaabbccdd), ir_const(&b, 16), IR_MO_16);
    ir_gen_guest_st(&b, ir_const(&b, 0xaabbccdd), ir_const(&b, 20), IR_MO_8);
    ir_gen_exit_direct(&b, 0, 0);
    ir_interp_run(&b, &cpu.common, (uintptr_t)mem);
    assert_int_equal(cpu.g[0], 0x80);
    assert_int_equal(cpu.g[1], 0xffffff80);
    assert_int_equal(cpu.g[2], 0xff80);
    assert_int_equal(cpu.g[3], 0xffffff80);
    assert_int_equal(cpu.g[4], 0x00907fff);
    assert_int_equal(cpu.g[5], 0xffff907f);
    assert_int_equal(mem[8], 0x44);
    assert_int_equal(mem[11], 0x11);
    assert_int_equal(mem[16], 0xdd);
    assert_int_equal(mem[17], 0xcc);
    assert_int_equal(mem[18], 0);
    assert_int_equal(mem[20], 0xdd);
    assert_int_equal(mem[21], 0);
    ir_block_free(&b);
}

static void test_cmpxchg(void **state)
{
    uint32_t mem[4] = { 5, 0x80, 0, 0 };
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    IRTemp a0 = ir_const(&b, 0), a4 = ir_const(&b, 4);
    ir_gen_guest_cmpxchg(&b, G(&b, 0), a0, ir_const(&b, 5), ir_const(&b, 9), IR_MO_32); /* succeeds */
    ir_gen_guest_cmpxchg(&b, G(&b, 1), a0, ir_const(&b, 5), ir_const(&b, 7), IR_MO_32); /* fails: 9 */
    /* A byte compare sees the sign-extended old value. */
    ir_gen_guest_cmpxchg(&b, G(&b, 2), a4, ir_const(&b, 0x80), ir_const(&b, 1), IR_MO_S8); /* fails */
    ir_gen_guest_cmpxchg(&b, G(&b, 3), a4, ir_const(&b, 0x80), ir_const(&b, 0x1ff), IR_MO_8); /* ok */
    ir_gen_exit_direct(&b, 0, 0);
    ir_interp_run(&b, &cpu.common, (uintptr_t)mem);
    assert_int_equal(cpu.g[0], 5);
    assert_int_equal(cpu.g[1], 9);
    assert_int_equal(mem[0], 9);
    assert_int_equal(cpu.g[2], 0xffffff80);
    assert_int_equal(cpu.g[3], 0x80);
    assert_int_equal(mem[1], 0xff);
    ir_block_free(&b);
}

static uint32_t seen_args[5];
static uint32_t helper_record(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    seen_args[0] = a0;
    seen_args[1] = a1;
    seen_args[2] = a2;
    seen_args[3] = a3;
    ((TestCpu *)cpu)->g[7] = 0x77; /* helpers may write globals through cpu */
    return a0 + a1 + a2 + a3;
}
static const IRHelper h_record = { "record", helper_record, IR_HELPER_WRITES_GLOBALS };

static void test_call(void **state)
{
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    cpu.g[1] = 10;
    IRTemp t = ir_new_temp(&b);
    ir_gen_movi(&b, t, 20);
    ir_gen_call(&b, &h_record, G(&b, 0), G(&b, 1), t, ir_const(&b, 30), ir_const(&b, 40));
    ir_gen_call(&b, &h_record, IR_NONE, ir_const(&b, 3), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_exit_direct(&b, 0, 0);
    ir_interp_run(&b, &cpu.common, 0);
    assert_int_equal(cpu.g[0], 100);
    assert_int_equal(cpu.g[7], 0x77);
    assert_int_equal(seen_args[0], 3);
    assert_int_equal(seen_args[1], 0);
    assert_int_equal(seen_args[3], 0);
    ir_block_free(&b);
}

static void test_exits(void **state)
{
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    ir_gen_exit_helper(&b, TCG_EXIT_GUEST + 1, 0x4000, 3);
    assert_int_equal(ir_interp_run(&b, &cpu.common, 0), TCG_EXIT_GUEST + 1);
    assert_int_equal(cpu.common.exit_reason, TCG_EXIT_GUEST + 1);
    assert_int_equal(cpu.common.pc, 0x4000);
    assert_int_equal(cpu.common.flags, 3);

    ir_block_reset(&b, 0x1000, 0);
    cpu.g[2] = 0x5554;
    ir_gen_exit_indirect(&b, G(&b, 2), ir_const(&b, 1));
    assert_int_equal(ir_interp_run(&b, &cpu.common, 0), TCG_EXIT_NONE);
    assert_int_equal(cpu.common.pc, 0x5554);
    assert_int_equal(cpu.common.flags, 1);

    ir_block_reset(&b, 0x1000, 0);
    ir_gen_exit_direct(&b, 0x6000, 2);
    assert_int_equal(ir_interp_run(&b, &cpu.common, 0), TCG_EXIT_NONE);
    assert_int_equal(cpu.common.pc, 0x6000);
    assert_int_equal(cpu.common.flags, 2);
    ir_block_free(&b);
}

/* A backward branch: g0 = sum of 1..10, the loop counter in a local. */
static void test_loop(void **state)
{
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    IRTemp i = ir_new_temp(&b);
    uint32_t top = ir_new_label(&b), out = ir_new_label(&b);
    ir_gen_movi(&b, i, 1);
    ir_gen_movi(&b, G(&b, 0), 0);
    ir_gen_label(&b, top);
    ir_gen_brcond(&b, IR_COND_GTU, i, ir_const(&b, 10), out);
    ir_gen_binop(&b, IR_add, G(&b, 0), G(&b, 0), i);
    ir_gen_binop(&b, IR_add, i, i, ir_const(&b, 1));
    ir_gen_br(&b, top);
    ir_gen_label(&b, out);
    ir_gen_exit_direct(&b, 0, 0);
    ir_interp_run(&b, &cpu.common, 0);
    assert_int_equal(cpu.g[0], 55);

    /* An endless loop stops at the op limit. */
    ir_block_reset(&b, 0x1000, 0);
    top = ir_new_label(&b);
    ir_gen_label(&b, top);
    ir_gen_br(&b, top);
    ir_gen_exit_direct(&b, 0, 0);
    assert_int_equal(ir_interp_run_limited(&b, &cpu.common, 0, 0, 1000), IR_INTERP_OP_LIMIT);
    ir_block_free(&b);
}

static void test_fault(void **state)
{
    uint32_t mem[4] = { 1, 2, 3, 4 };
    IRBlock b;
    TestCpu cpu;
    test_block_init(&b);
    memset(&cpu, 0, sizeof(cpu));
    ir_gen_insn_start(&b, 0x1000, 0);
    ir_gen_guest_ld(&b, G(&b, 0), ir_const(&b, 12), IR_MO_32);
    ir_gen_insn_start(&b, 0x1004, 0);
    ir_gen_movi(&b, G(&b, 1), 9);
    ir_gen_guest_st(&b, G(&b, 1), ir_const(&b, 14), IR_MO_32); /* 2 bytes past the end */
    ir_gen_movi(&b, G(&b, 2), 9);
    ir_gen_exit_direct(&b, 0x2000, 0);
    assert_int_equal(ir_interp_run_checked(&b, &cpu.common, (uintptr_t)mem, sizeof(mem)), TCG_EXIT_FAULT);
    assert_int_equal(cpu.common.exit_reason, TCG_EXIT_FAULT);
    assert_int_equal(cpu.common.pc, 0x1004);
    assert_int_equal(cpu.common.fault_addr, 14);
    assert_int_equal(cpu.common.fault_write, 1);
    assert_int_equal(cpu.g[0], 4);
    assert_int_equal(cpu.g[1], 9);
    assert_int_equal(cpu.g[2], 0);
    assert_int_equal(mem[3], 4);
    ir_block_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binops),      cmocka_unit_test(test_unops),
        cmocka_unit_test(test_bitfields),   cmocka_unit_test(test_double_width),
        cmocka_unit_test(test_conditions),  cmocka_unit_test(test_env_access),
        cmocka_unit_test(test_guest_memory), cmocka_unit_test(test_cmpxchg),
        cmocka_unit_test(test_call),        cmocka_unit_test(test_exits),
        cmocka_unit_test(test_loop),        cmocka_unit_test(test_fault),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

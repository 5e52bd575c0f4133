/*
 * Every arithmetic, bitfield, multiply, carry and compare op, run through
 * the whole engine (translate -> lower -> execute) on a fake guest and
 * checked against C. Each op is tried with register and immediate
 * operands, with its output aliasing an input and with a local, so the
 * allocator's constraint paths are exercised too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "jit_fake.h"

static const uint32_t vals[] = {
    0, 1, 2, 7, 31, 32, 33, 0xff, 0x8000, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0xdeadbeef,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static IROpcode cur_op;
static uint32_t cur_a, cur_b;

/* ---- binary ops ---- */

static uint32_t ref_binop(IROpcode op, uint32_t a, uint32_t b)
{
    uint32_t s = b & 31;
    switch (op) {
    case IR_add: return a + b;
    case IR_sub: return a - b;
    case IR_mul: return a * b;
    case IR_and: return a & b;
    case IR_or: return a | b;
    case IR_xor: return a ^ b;
    case IR_andc: return a & ~b;
    case IR_shl: return a << s;
    case IR_shr: return a >> s;
    case IR_sar: return (uint32_t)((int32_t)a >> s);
    case IR_rotr: return s ? (a >> s) | (a << (32 - s)) : a;
    default: abort();
    }
}

static void build_binop(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, cur_op, R(2), R(0), R(1));
    ir_gen_binop(b, cur_op, R(3), R(0), ir_const(b, cur_b));
    IRTemp t = ir_new_temp(b);
    ir_gen_binop(b, cur_op, t, R(0), R(1));
    ir_gen_mov(b, R(4), t);
    ir_gen_binop(b, cur_op, R(5), R(5), R(1));
    ir_gen_binop(b, cur_op, R(6), ir_const(b, cur_a), R(1));
    ir_gen_binop(b, cur_op, R(7), R(1), R(1));
    /* A count in a global that is also the output (the rcx copy path). */
    ir_gen_binop(b, cur_op, R(1), R(0), R(1));
    fake_done(b);
}

static void test_binops(void **state)
{
    static const IROpcode ops[] = { IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc,
                                    IR_shl, IR_shr, IR_sar, IR_rotr };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < NVALS; i++) {
            for (unsigned j = 0; j < NVALS; j++) {
                cur_op = ops[o];
                cur_a = vals[i];
                cur_b = vals[j];
                memset(fake_cpu.r, 0x55, sizeof(fake_cpu.r));
                fake_cpu.r[0] = cur_a;
                fake_cpu.r[1] = cur_b;
                fake_cpu.r[5] = cur_a;
                assert_int_equal(fake_run(build_binop), FAKE_DONE);
                uint32_t e = ref_binop(cur_op, cur_a, cur_b);
                if (fake_cpu.r[2] != e || fake_cpu.r[3] != e || fake_cpu.r[4] != e || fake_cpu.r[5] != e ||
                    fake_cpu.r[6] != e || fake_cpu.r[1] != e || fake_cpu.r[7] != ref_binop(cur_op, cur_b, cur_b)) {
                    fprintf(stderr, "%s(0x%x, 0x%x): want 0x%x got r2..r6 %x %x %x %x %x r1 %x r7 %x\n",
                            ir_op_defs[cur_op].name, cur_a, cur_b, e, fake_cpu.r[2], fake_cpu.r[3],
                            fake_cpu.r[4], fake_cpu.r[5], fake_cpu.r[6], fake_cpu.r[1], fake_cpu.r[7]);
                    fail();
                }
                assert_int_equal(fake_cpu.r[0], cur_a);
            }
        }
    }
}

/* ---- unary ops ---- */

static uint32_t ref_unop(IROpcode op, uint32_t a)
{
    switch (op) {
    case IR_neg: return -a;
    case IR_not: return ~a;
    case IR_ext8s: return (uint32_t)(int32_t)(int8_t)a;
    case IR_ext8u: return a & 0xff;
    case IR_ext16s: return (uint32_t)(int32_t)(int16_t)a;
    case IR_ext16u: return a & 0xffff;
    case IR_bswap32: return __builtin_bswap32(a);
    case IR_bswap16: return ((a & 0xff) << 8) | ((a >> 8) & 0xff);
    case IR_clz: return a ? (uint32_t)__builtin_clz(a) : 32;
    default: abort();
    }
}

static void build_unop(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_unop(b, cur_op, R(1), R(0));
    ir_gen_unop(b, cur_op, R(2), ir_const(b, cur_a));
    ir_gen_unop(b, cur_op, R(3), R(3));
    IRTemp t = ir_new_temp(b);
    ir_gen_unop(b, cur_op, t, R(0));
    ir_gen_mov(b, R(4), t);
    fake_done(b);
}

static void test_unops(void **state)
{
    static const IROpcode ops[] = { IR_neg, IR_not, IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u,
                                    IR_bswap32, IR_bswap16, IR_clz };
    static const uint32_t more[] = { 0x80, 0x7f, 0xff80, 0x1ff7f, 0x00010000, 0x40000000 };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < NVALS + 6; i++) {
            cur_op = ops[o];
            cur_a = i < NVALS ? vals[i] : more[i - NVALS];
            fake_cpu.r[0] = fake_cpu.r[3] = cur_a;
            assert_int_equal(fake_run(build_unop), FAKE_DONE);
            uint32_t e = ref_unop(cur_op, cur_a);
            if (fake_cpu.r[1] != e || fake_cpu.r[2] != e || fake_cpu.r[3] != e || fake_cpu.r[4] != e) {
                fprintf(stderr, "%s(0x%x): want 0x%x got %x %x %x %x\n", ir_op_defs[cur_op].name, cur_a, e,
                        fake_cpu.r[1], fake_cpu.r[2], fake_cpu.r[3], fake_cpu.r[4]);
                fail();
            }
        }
    }
}

/* ---- bitfields: every (pos, len) ---- */

static uint32_t ref_mask(uint32_t len) { return len >= 32 ? 0xffffffffu : (1u << len) - 1; }
static uint32_t ref_extract(uint32_t a, uint32_t pos, uint32_t len) { return (a >> pos) & ref_mask(len); }
static uint32_t ref_sextract(uint32_t a, uint32_t pos, uint32_t len)
{
    uint32_t v = ref_extract(a, pos, len);
    uint32_t sign = 1u << (len - 1);
    return (v ^ sign) - sign;
}
static uint32_t ref_deposit(uint32_t a, uint32_t v, uint32_t pos, uint32_t len)
{
    uint32_t m = ref_mask(len) << pos;
    return (a & ~m) | ((v << pos) & m);
}

static uint32_t cur_pos, cur_len;

static void build_bitfield(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_extract(b, R(2), R(0), cur_pos, cur_len);
    ir_gen_sextract(b, R(3), R(0), cur_pos, cur_len);
    ir_gen_deposit(b, R(4), R(0), R(1), cur_pos, cur_len);
    ir_gen_deposit(b, R(5), R(0), ir_const(b, cur_b), cur_pos, cur_len);
    ir_gen_deposit(b, R(6), R(6), R(1), cur_pos, cur_len);
    ir_gen_extract(b, R(7), R(7), cur_pos, cur_len);
    fake_done(b);
}

static void test_bitfields(void **state)
{
    static const uint32_t as[] = { 0xdeadbeef, 0x80000001, 0x7ffffffe };
    static const uint32_t bs[] = { 0xffffffff, 0x12345678, 0 };
    for (cur_pos = 0; cur_pos < 32; cur_pos++) {
        for (cur_len = 1; cur_pos + cur_len <= 32; cur_len++) {
            for (unsigned k = 0; k < 3; k++) {
                cur_a = as[k];
                cur_b = bs[k];
                fake_cpu.r[0] = fake_cpu.r[6] = fake_cpu.r[7] = cur_a;
                fake_cpu.r[1] = cur_b;
                assert_int_equal(fake_run(build_bitfield), FAKE_DONE);
                uint32_t ex = ref_extract(cur_a, cur_pos, cur_len), sx = ref_sextract(cur_a, cur_pos, cur_len);
                uint32_t dp = ref_deposit(cur_a, cur_b, cur_pos, cur_len);
                if (fake_cpu.r[2] != ex || fake_cpu.r[3] != sx || fake_cpu.r[4] != dp || fake_cpu.r[5] != dp ||
                    fake_cpu.r[6] != dp || fake_cpu.r[7] != ex) {
                    fprintf(stderr, "pos %u len %u a %x b %x: ext %x/%x sext %x/%x dep %x/%x/%x/%x\n", cur_pos,
                            cur_len, cur_a, cur_b, fake_cpu.r[2], ex, fake_cpu.r[3], sx, fake_cpu.r[4],
                            fake_cpu.r[5], fake_cpu.r[6], dp);
                    fail();
                }
            }
        }
    }
}

/* ---- 64-bit products and carries ---- */

static void build_mul2(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_mul2(b, IR_mulu2, R(2), R(3), R(0), R(1));
    ir_gen_mul2(b, IR_muls2, R(4), R(5), R(0), R(1));
    ir_gen_mul2(b, IR_mulu2, R(6), R(7), R(0), R(0));
    fake_done(b);
}

static void test_mul2(void **state)
{
    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = 0; j < NVALS; j++) {
            uint32_t a = vals[i], c = vals[j];
            fake_cpu.r[0] = a;
            fake_cpu.r[1] = c;
            assert_int_equal(fake_run(build_mul2), FAKE_DONE);
            uint64_t u = (uint64_t)a * c, uu = (uint64_t)a * a;
            int64_t s = (int64_t)(int32_t)a * (int32_t)c;
            assert_int_equal(fake_cpu.r[2], (uint32_t)u);
            assert_int_equal(fake_cpu.r[3], (uint32_t)(u >> 32));
            assert_int_equal(fake_cpu.r[4], (uint32_t)s);
            assert_int_equal(fake_cpu.r[5], (uint32_t)((uint64_t)s >> 32));
            assert_int_equal(fake_cpu.r[6], (uint32_t)uu);
            assert_int_equal(fake_cpu.r[7], (uint32_t)(uu >> 32));
            assert_int_equal(fake_cpu.r[0], a);
            assert_int_equal(fake_cpu.r[1], c);
        }
    }
}

static void build_addsub2(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    /* (r4, r5) = (r0, r1) op (r2, r3); (r6, r7) = (r0, r1) op (a, b) */
    ir_gen_addsub2(b, cur_op, R(4), R(5), R(0), R(1), R(2), R(3));
    ir_gen_addsub2(b, cur_op, R(6), R(7), R(0), R(1), ir_const(b, cur_a), ir_const(b, cur_b));
    /* In place, with the low input reused as the high one. */
    ir_gen_addsub2(b, cur_op, R(0), R(1), R(0), R(1), R(2), R(0));
    fake_done(b);
}

static void test_addsub2(void **state)
{
    for (int k = 0; k < 2; k++) {
        cur_op = k ? IR_sub2 : IR_add2;
        for (unsigned i = 0; i < NVALS; i++) {
            for (unsigned j = 0; j < NVALS; j++) {
                uint32_t al = vals[i], ah = vals[j], bl = vals[(i + 3) % NVALS], bh = vals[(j + 5) % NVALS];
                cur_a = bl;
                cur_b = bh;
                fake_cpu.r[0] = al, fake_cpu.r[1] = ah, fake_cpu.r[2] = bl, fake_cpu.r[3] = bh;
                assert_int_equal(fake_run(build_addsub2), FAKE_DONE);
                uint64_t A = (uint64_t)ah << 32 | al, B = (uint64_t)bh << 32 | bl;
                uint64_t e = k ? A - B : A + B;
                uint64_t B2 = (uint64_t)al << 32 | bl, e2 = k ? A - B2 : A + B2;
                assert_int_equal(fake_cpu.r[4], (uint32_t)e);
                assert_int_equal(fake_cpu.r[5], (uint32_t)(e >> 32));
                assert_int_equal(fake_cpu.r[6], (uint32_t)e);
                assert_int_equal(fake_cpu.r[7], (uint32_t)(e >> 32));
                assert_int_equal(fake_cpu.r[0], (uint32_t)e2);
                assert_int_equal(fake_cpu.r[1], (uint32_t)(e2 >> 32));
            }
        }
    }
}

/* ---- conditions: setcond, movcond, brcond for every IRCond ---- */

static IRCond cur_cond;

static void build_cond(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_setcond(b, cur_cond, R(2), R(0), R(1));
    ir_gen_setcond(b, cur_cond, R(3), R(0), ir_const(b, cur_b));
    IRTemp t1 = ir_new_temp(b), t2 = ir_new_temp(b);
    ir_gen_movi(b, t1, 0x1111);
    ir_gen_movi(b, t2, 0x2222);
    ir_gen_movcond(b, cur_cond, R(4), R(0), R(1), t1, t2);
    ir_gen_movcond(b, cur_cond, R(5), R(0), ir_const(b, cur_b), t1, t2);
    uint32_t l1 = ir_new_label(b), l2 = ir_new_label(b);
    ir_gen_movi(b, R(6), 0);
    ir_gen_brcond(b, cur_cond, R(0), R(1), l1);
    ir_gen_movi(b, R(6), 5);
    ir_gen_label(b, l1);
    ir_gen_movi(b, R(7), 0);
    ir_gen_brcond(b, cur_cond, R(0), ir_const(b, cur_b), l2);
    ir_gen_movi(b, R(7), 5);
    ir_gen_label(b, l2);
    fake_done(b);
}

static void test_conds(void **state)
{
    for (int c = IR_COND_EQ; c <= IR_COND_NEVER; c++) {
        for (unsigned i = 0; i < NVALS; i++) {
            for (unsigned j = 0; j < NVALS; j++) {
                cur_cond = (IRCond)c;
                cur_a = vals[i];
                cur_b = vals[j];
                fake_cpu.r[0] = cur_a;
                fake_cpu.r[1] = cur_b;
                assert_int_equal(fake_run(build_cond), FAKE_DONE);
                bool e = ir_cond_eval(cur_cond, cur_a, cur_b);
                if (fake_cpu.r[2] != e || fake_cpu.r[3] != e || fake_cpu.r[4] != (e ? 0x1111u : 0x2222u) ||
                    fake_cpu.r[5] != (e ? 0x1111u : 0x2222u) || fake_cpu.r[6] != (e ? 0u : 5u) ||
                    fake_cpu.r[7] != (e ? 0u : 5u)) {
                    fprintf(stderr, "%s(0x%x, 0x%x) = %d: got %x %x %x %x %x %x\n", ir_cond_name(cur_cond), cur_a,
                            cur_b, e, fake_cpu.r[2], fake_cpu.r[3], fake_cpu.r[4], fake_cpu.r[5], fake_cpu.r[6],
                            fake_cpu.r[7]);
                    fail();
                }
            }
        }
    }
}

/* ---- register pressure: more live values than host registers ---- */

static void build_pressure(IRBlock *b, uint32_t pc)
{
    enum { N = 24 };
    IRTemp t[N];
    ir_gen_insn_start(b, pc, 0);
    for (int i = 0; i < N; i++) {
        t[i] = ir_new_temp(b);
        ir_gen_binop(b, IR_add, t[i], R(i % FAKE_NREGS), ir_const(b, (uint32_t)i * 3));
    }
    IRTemp sum = ir_new_temp(b);
    ir_gen_movi(b, sum, 0);
    for (int i = 0; i < N; i++)
        ir_gen_binop(b, IR_xor, sum, sum, t[i]);
    for (int i = 0; i < N; i++)
        ir_gen_binop(b, IR_add, sum, sum, t[i]);
    ir_gen_mov(b, R(0), sum);
    fake_done(b);
}

static void test_pressure(void **state)
{
    uint32_t init[FAKE_NREGS];
    for (int i = 0; i < FAKE_NREGS; i++)
        init[i] = fake_cpu.r[i] = 0x1000u * (uint32_t)i + 17;
    uint32_t t[24], sum = 0;
    for (int i = 0; i < 24; i++)
        t[i] = init[i % FAKE_NREGS] + (uint32_t)i * 3;
    for (int i = 0; i < 24; i++)
        sum ^= t[i];
    for (int i = 0; i < 24; i++)
        sum += t[i];
    assert_int_equal(fake_run(build_pressure), FAKE_DONE);
    assert_int_equal(fake_cpu.r[0], sum);
    for (int i = 1; i < FAKE_NREGS; i++)
        assert_int_equal(fake_cpu.r[i], init[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binops),   cmocka_unit_test(test_unops), cmocka_unit_test(test_bitfields),
        cmocka_unit_test(test_mul2),     cmocka_unit_test(test_addsub2), cmocka_unit_test(test_conds),
        cmocka_unit_test(test_pressure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Hot loops: a hot unit whose exit leads back to its own start keeps its
 * busiest globals in host registers across the back edge (pinned) and
 * writes them back only when it leaves. These tests run such loops with
 * every kind of exit and check the guest state each time: the results,
 * that the loop really stays inside the unit, helper calls that read and
 * write the state, st_env on a pinned global, side exits with discards,
 * exit requests at the loop head and precise state at a fault; loops
 * whose head is a label inside the unit (exit_check there); and the
 * hot lowering's scaled-index adds (shl folded into lea).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "jit_fake.h"
#include "tcg/backend.h"
#include "tcg/cache.h"

static void hot_setup(void)
{
    fake_setup_once();
    tcg_set_tier_threshold(0); /* every unit is translated hot */
}

/* The body shared by the loops: every global changes each iteration. */
static void gen_body(IRBlock *b)
{
    ir_gen_binop(b, IR_add, R(1), R(1), R(0));
    ir_gen_binop(b, IR_xor, R(2), R(2), R(1));
    ir_gen_binop(b, IR_add, R(3), R(3), ir_const(b, 1));
    ir_gen_binop(b, IR_add, R(4), R(4), R(3));
    ir_gen_binop(b, IR_sub, R(5), R(5), R(2));
    ir_gen_binop(b, IR_or, R(6), R(6), R(0));
    IRTemp t = ir_new_temp(b);
    ir_gen_binop(b, IR_shl, t, R(6), ir_const(b, 1));
    ir_gen_binop(b, IR_add, R(7), R(7), t);
    ir_gen_binop(b, IR_sub, R(0), R(0), ir_const(b, 1));
}

static void model_body(uint32_t *r)
{
    r[1] += r[0];
    r[2] ^= r[1];
    r[3] += 1;
    r[4] += r[3];
    r[5] -= r[2];
    r[6] |= r[0];
    r[7] += r[6] << 1;
    r[0] -= 1;
}

static void init_regs(uint32_t *r, uint32_t n)
{
    r[0] = n;
    for (int i = 1; i < FAKE_NREGS; i++)
        r[i] = 0x1234567u * (uint32_t)i;
}

static void check_regs(const uint32_t *want)
{
    for (int i = 0; i < FAKE_NREGS; i++)
        if (fake_cpu.r[i] != want[i])
            fail_msg("r%d = 0x%x, want 0x%x", i, fake_cpu.r[i], want[i]);
}

/* `do body while (r0 != 0)`: the back edge is a conditional side exit. */
static void build_side_back_edge(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    uint32_t again = ir_new_label(b);
    gen_body(b);
    ir_gen_brcond(b, IR_COND_NE, R(0), ir_const(b, 0), again);
    fake_done(b);
    ir_gen_label(b, again);
    ir_gen_exit_direct(b, 0x1000, 0);
}

/* The same loop with the back edge on the fall-through path. */
static void build_fall_back_edge(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    uint32_t out = ir_new_label(b);
    gen_body(b);
    ir_gen_brcond(b, IR_COND_EQ, R(0), ir_const(b, 0), out);
    ir_gen_exit_direct(b, 0x1000, 0);
    ir_gen_label(b, out);
    fake_done(b);
}

static void test_loop_results(void **state)
{
    hot_setup();
    FakeBuild *builds[] = { build_side_back_edge, build_fall_back_edge };
    for (unsigned k = 0; k < 2; k++) {
        uint32_t want[FAKE_NREGS];
        init_regs(want, 1000);
        memcpy(fake_cpu.r, want, sizeof(want));
        do
            model_body(want);
        while (want[0] != 0);
        uint64_t d0 = tcg_stat_dispatch;
        assert_int_equal(fake_run(builds[k]), FAKE_DONE);
        check_regs(want);
        /* 1000 iterations, one dispatch: the loop never left its unit. */
        assert_true(tcg_stat_dispatch - d0 <= 2);
    }
}

/* ---- helpers that read and write the state inside the loop ---- */

static uint32_t h_sum_r1(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    return ((FakeCpu *)cpu)->r[1] + a;
}
static uint32_t h_bump_r3(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    ((FakeCpu *)cpu)->r[3] += a;
    return 0;
}
static const IRHelper h_reads = { "sum_r1", h_sum_r1, IR_HELPER_READS_GLOBALS };
static const IRHelper h_writes = { "bump_r3", h_bump_r3, IR_HELPER_WRITES_GLOBALS };

static void build_calls(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    uint32_t again = ir_new_label(b);
    ir_gen_binop(b, IR_add, R(1), R(1), ir_const(b, 3));
    ir_gen_call(b, &h_reads, R(2), R(0), IR_NONE, IR_NONE, IR_NONE);   /* r2 = r1 + r0 */
    ir_gen_call(b, &h_writes, IR_NONE, ir_const(b, 2), IR_NONE, IR_NONE, IR_NONE); /* r3 += 2 */
    ir_gen_binop(b, IR_add, R(4), R(4), R(3));
    ir_gen_binop(b, IR_add, R(5), R(5), R(2));
    ir_gen_binop(b, IR_sub, R(0), R(0), ir_const(b, 1));
    ir_gen_brcond(b, IR_COND_NE, R(0), ir_const(b, 0), again);
    fake_done(b);
    ir_gen_label(b, again);
    ir_gen_exit_direct(b, 0x1000, 0);
}

static void test_loop_calls(void **state)
{
    hot_setup();
    uint32_t want[FAKE_NREGS];
    init_regs(want, 300);
    memcpy(fake_cpu.r, want, sizeof(want));
    do {
        want[1] += 3;
        want[2] = want[1] + want[0];
        want[3] += 2;
        want[4] += want[3];
        want[5] += want[2];
        want[0] -= 1;
    } while (want[0] != 0);
    assert_int_equal(fake_run(build_calls), FAKE_DONE);
    check_regs(want);
}

/* ---- st_env over a pinned global ---- */

static void build_st_env(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    uint32_t again = ir_new_label(b);
    ir_gen_binop(b, IR_add, R(1), R(1), ir_const(b, 1));
    IRTemp t = ir_new_temp(b);
    ir_gen_binop(b, IR_add, t, R(1), ir_const(b, 100));
    ir_gen_st_env(b, t, offsetof(FakeCpu, r[2]));      /* r2 = r1 + 100 behind the allocator */
    ir_gen_binop(b, IR_add, R(3), R(3), R(2));
    ir_gen_binop(b, IR_sub, R(0), R(0), ir_const(b, 1));
    ir_gen_brcond(b, IR_COND_NE, R(0), ir_const(b, 0), again);
    fake_done(b);
    ir_gen_label(b, again);
    ir_gen_exit_direct(b, 0x1000, 0);
}

static void test_loop_st_env(void **state)
{
    hot_setup();
    uint32_t want[FAKE_NREGS];
    init_regs(want, 50);
    memcpy(fake_cpu.r, want, sizeof(want));
    do {
        want[1] += 1;
        want[2] = want[1] + 100;
        want[3] += want[2];
        want[0] -= 1;
    } while (want[0] != 0);
    assert_int_equal(fake_run(build_st_env), FAKE_DONE);
    check_regs(want);
}

/* ---- a side exit to another unit, with a discarded global ---- */

static void build_side_exit(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    if (pc == 0x3000) {
        /* The side exit's target overwrites r7 (hence the discard). */
        ir_gen_movi(b, R(7), 0x7777);
        fake_done(b);
        return;
    }
    uint32_t again = ir_new_label(b), out = ir_new_label(b);
    gen_body(b);
    ir_gen_brcond(b, IR_COND_EQ, R(0), ir_const(b, 17), out);
    ir_gen_brcond(b, IR_COND_NE, R(0), ir_const(b, 0), again);
    fake_done(b);
    ir_gen_label(b, out);
    ir_gen_discard(b, R(7));
    ir_gen_exit_direct(b, 0x3000, 0);
    ir_gen_label(b, again);
    ir_gen_exit_direct(b, 0x1000, 0);
}

static void test_loop_side_exit(void **state)
{
    hot_setup();
    uint32_t want[FAKE_NREGS];
    init_regs(want, 40);
    memcpy(fake_cpu.r, want, sizeof(want));
    do
        model_body(want);
    while (want[0] != 17);
    want[7] = 0x7777;
    assert_int_equal(fake_run(build_side_exit), FAKE_DONE);
    check_regs(want);
}

/* ---- an exit request stops the loop at its head ---- */

static unsigned ticks;
static uint32_t h_tick(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    if (++ticks == 100)
        ((TcgCpu *)cpu)->exit_request = 1;
    return 0;
}
static const IRHelper h_ticks = { "tick", h_tick, 0 };

static void build_spin(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(1), R(1), ir_const(b, 1));
    ir_gen_binop(b, IR_add, R(2), R(2), R(1));
    ir_gen_call(b, &h_ticks, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_exit_direct(b, 0x1000, 0);
}

static void test_loop_exit_request(void **state)
{
    hot_setup();
    ticks = 0;
    fake_cpu.r[1] = fake_cpu.r[2] = 0;
    assert_int_equal(fake_run(build_spin), TCG_EXIT_REQUEST);
    assert_int_equal(ticks, 100);
    assert_int_equal(fake_cpu.r[1], 100);
    assert_int_equal(fake_cpu.r[2], 100 * 101 / 2);
    assert_int_equal(fake_cpu.tcg.pc, 0x1000);
    assert_int_equal(fake_cpu.tcg.exit_request, 0);
}

/* ---- loops whose head is inside the unit ---- */

/* r7 += 0x100 once (the part before the head), then the body until r0
 * is 0, with two ways back to the head: from a side exit (odd r0: its
 * block is `br head`) and from the end of the unit (even r0, r6 ^= 0x55
 * on that way). */
static void build_inner_loop(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(7), R(7), ir_const(b, 0x100));
    uint32_t head = ir_new_label(b), odd = ir_new_label(b), out = ir_new_label(b);
    ir_gen_label(b, head);
    ir_gen_exit_check(b, pc + 4, 0);
    ir_gen_insn_start(b, pc + 4, 0);
    gen_body(b);
    ir_gen_brcond(b, IR_COND_EQ, R(0), ir_const(b, 0), out);
    IRTemp bit = ir_new_temp(b);
    ir_gen_binop(b, IR_and, bit, R(0), ir_const(b, 1));
    ir_gen_brcond(b, IR_COND_NE, bit, ir_const(b, 0), odd);
    ir_gen_binop(b, IR_xor, R(6), R(6), ir_const(b, 0x55));
    ir_gen_br(b, head);
    ir_gen_label(b, out);
    fake_done(b);
    ir_gen_label(b, odd);
    ir_gen_br(b, head);
}

static void test_inner_loop_results(void **state)
{
    hot_setup();
    uint32_t want[FAKE_NREGS];
    init_regs(want, 1000);
    memcpy(fake_cpu.r, want, sizeof(want));
    want[7] += 0x100;
    do {
        model_body(want);
        if (want[0] != 0 && !(want[0] & 1))
            want[6] ^= 0x55;
    } while (want[0] != 0);
    uint64_t d0 = tcg_stat_dispatch;
    assert_int_equal(fake_run(build_inner_loop), FAKE_DONE);
    check_regs(want);
    /* Both back edges stayed inside the unit. */
    assert_true(tcg_stat_dispatch - d0 <= 2);
}

/* An endless loop with its head past the unit's start: the head's
 * exit_check must end it, at the head's pc, with the state written back. */
static void build_inner_spin(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_movi(b, R(1), 0);
    ir_gen_movi(b, R(2), 0);
    uint32_t head = ir_new_label(b);
    ir_gen_label(b, head);
    ir_gen_exit_check(b, pc + 8, 0);
    ir_gen_insn_start(b, pc + 8, 0);
    ir_gen_binop(b, IR_add, R(1), R(1), ir_const(b, 1));
    ir_gen_binop(b, IR_add, R(2), R(2), R(1));
    ir_gen_call(b, &h_ticks, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_br(b, head);
}

static void test_inner_loop_exit_request(void **state)
{
    hot_setup();
    ticks = 0;
    assert_int_equal(fake_run(build_inner_spin), TCG_EXIT_REQUEST);
    assert_int_equal(ticks, 100);
    assert_int_equal(fake_cpu.r[1], 100);
    assert_int_equal(fake_cpu.r[2], 100 * 101 / 2);
    assert_int_equal(fake_cpu.tcg.pc, 0x1008);
    fake_cpu.tcg.exit_request = 0;
}

/* ---- a fault in the middle of a hot loop ---- */

#define MEM_SIZE 0x1000
static uint8_t *mem;   /* MEM_SIZE bytes, then one PROT_NONE page */

static void build_walk(IRBlock *b, uint32_t pc)
{
    /* r0 = address, r1 = sum of the words, r2 = count, r3 = r2 * 3: all
     * pinned, all only in registers when the load runs off the end. */
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(2), R(2), ir_const(b, 1));
    ir_gen_binop(b, IR_add, R(3), R(3), ir_const(b, 3));
    ir_gen_insn_start(b, pc + 4, 0);
    IRTemp v = ir_new_temp(b);
    ir_gen_guest_ld(b, v, R(0), IR_MO_32);
    ir_gen_binop(b, IR_add, R(1), R(1), v);
    ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 4));
    ir_gen_exit_direct(b, 0x1000, 0);
}

static void test_loop_fault(void **state)
{
    hot_setup();
    tcg_install_fault_handlers();
    mem = mmap(NULL, MEM_SIZE + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(mem != MAP_FAILED);
    assert_int_equal(mprotect(mem + MEM_SIZE, 4096, PROT_NONE), 0);
    tcg_set_guest_base((uintptr_t)mem);
    for (uint32_t i = 0; i < MEM_SIZE / 4; i++)
        memcpy(mem + 4 * i, &i, 4);
    fake_cpu.r[0] = 0;
    fake_cpu.r[1] = fake_cpu.r[2] = fake_cpu.r[3] = 0;
    assert_int_equal(fake_run(build_walk), TCG_EXIT_FAULT);
    uint32_t n = MEM_SIZE / 4;
    assert_int_equal(fake_cpu.tcg.pc, 0x1004);
    assert_int_equal(fake_cpu.tcg.fault_addr, MEM_SIZE);
    assert_int_equal(fake_cpu.r[0], MEM_SIZE);
    assert_int_equal(fake_cpu.r[1], n * (n - 1) / 2);
    assert_int_equal(fake_cpu.r[2], n + 1);
    assert_int_equal(fake_cpu.r[3], 3 * (n + 1));
    tcg_set_guest_base(0);
    munmap(mem, MEM_SIZE + 4096);
}

/* A list walk, r0 = [r0]: the pinned r0 is both the load's address and
 * its output (loaded in place, regalloc 'l'). The last link points into
 * the PROT_NONE page: at the fault r0 must still hold that address. */
static void build_chase(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(1), R(1), ir_const(b, 1));
    ir_gen_insn_start(b, pc + 4, 0);
    ir_gen_guest_ld(b, R(0), R(0), IR_MO_32);
    ir_gen_exit_direct(b, 0x1000, 0);
}

static void test_loop_load_in_place(void **state)
{
    hot_setup();
    tcg_install_fault_handlers();
    mem = mmap(NULL, MEM_SIZE + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(mem != MAP_FAILED);
    assert_int_equal(mprotect(mem + MEM_SIZE, 4096, PROT_NONE), 0);
    for (unsigned gb = 0; gb < 2; gb++) {
        /* guest_base 0 (the address in the access, 32-bit) and not */
        uint32_t base = gb ? 0 : (uint32_t)(uintptr_t)mem;
        if (gb == 0 && (uintptr_t)mem + MEM_SIZE > 0xffffffffu)
            continue; /* not reachable with 32-bit addresses */
        tcg_set_guest_base(gb ? (uintptr_t)mem : 0);
        for (uint32_t i = 0; i < MEM_SIZE / 4; i++) {
            uint32_t next = base + 4 * i + 4;
            memcpy(mem + 4 * i, &next, 4);
        }
        fake_cpu.r[0] = base;
        fake_cpu.r[1] = 0;
        assert_int_equal(fake_run(build_chase), TCG_EXIT_FAULT);
        assert_int_equal(fake_cpu.tcg.pc, 0x1004);
        assert_int_equal(fake_cpu.r[0], base + MEM_SIZE);
        assert_int_equal(fake_cpu.r[1], MEM_SIZE / 4 + 1);
    }
    tcg_set_guest_base(0);
    munmap(mem, MEM_SIZE + 4096);
}

/* ---- scaled-index adds (shl folded into a lea) ---- */

static void build_scaled(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    IRTemp t1 = ir_new_temp(b), t2 = ir_new_temp(b), t3 = ir_new_temp(b), t4 = ir_new_temp(b);
    /* fused: r2 = r0 + (r1 << 2) */
    ir_gen_binop(b, IR_shl, t1, R(1), ir_const(b, 2));
    ir_gen_binop(b, IR_add, R(2), R(0), t1);
    /* t2 read twice: not fused, both reads see it */
    ir_gen_binop(b, IR_shl, t2, R(1), ir_const(b, 3));
    ir_gen_binop(b, IR_add, R(3), t2, R(0));
    ir_gen_binop(b, IR_add, R(4), t2, R(1));
    /* x changes between the shl and the add: not fused */
    ir_gen_binop(b, IR_shl, t3, R(5), ir_const(b, 1));
    ir_gen_binop(b, IR_add, R(5), R(5), ir_const(b, 100));
    ir_gen_binop(b, IR_add, R(6), R(5), t3);
    /* a shift by 4 has no scale: not fused */
    ir_gen_binop(b, IR_shl, t4, R(1), ir_const(b, 4));
    ir_gen_binop(b, IR_add, R(7), t4, R(7));
    fake_done(b);
}

static void test_scaled_add(void **state)
{
    hot_setup();
    fake_cpu.r[0] = 0x1000;
    fake_cpu.r[1] = 0x40000003;
    fake_cpu.r[5] = 7;
    fake_cpu.r[7] = 1;
    assert_int_equal(fake_run(build_scaled), FAKE_DONE);
    assert_int_equal(fake_cpu.r[2], 0x100c);          /* wraps at 32 bits */
    assert_int_equal(fake_cpu.r[3], 0x1018);
    assert_int_equal(fake_cpu.r[4], 0x4000001b);
    assert_int_equal(fake_cpu.r[6], 107 + 14);
    assert_int_equal(fake_cpu.r[7], 0x31);
}

/* ---- folded guest addresses wrap at 4 GiB (guest_base 0) ---- */

#define LOW_PAGE 0x10000u

static void build_wrap(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    IRTemp a1 = ir_new_temp(b), a2 = ir_new_temp(b), a3 = ir_new_temp(b), s = ir_new_temp(b);
    /* r0 = 0xfffffffc: r0 + 0x10004 is LOW_PAGE, not 4 GiB above it */
    ir_gen_binop(b, IR_add, a1, R(0), ir_const(b, LOW_PAGE + 4));
    ir_gen_guest_ld(b, R(1), a1, IR_MO_32);
    ir_gen_binop(b, IR_add, a2, R(0), R(2));                 /* r2 = LOW_PAGE + 12 */
    ir_gen_guest_st(b, R(1), a2, IR_MO_16);
    ir_gen_binop(b, IR_shl, s, R(3), ir_const(b, 2));        /* r3 = 0x3fffffff: -4 */
    ir_gen_binop(b, IR_add, a3, R(4), s);                    /* r4 = LOW_PAGE + 24 */
    ir_gen_guest_ld(b, R(5), a3, IR_MO_8);
    fake_done(b);
}

static void test_wrapping_address(void **state)
{
    fake_setup_once();
    tcg_set_guest_base(0);
    uint8_t *low = mmap((void *)(uintptr_t)LOW_PAGE, 4096, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (low == MAP_FAILED)
        skip();
    uint32_t v = 0x12345678;
    memcpy(low, &v, 4);
    low[20] = 0x9a;
    for (int hot = 0; hot < 2; hot++) {
        tcg_set_tier_threshold(hot ? 0 : 2000);
        memset(low + 12, 0, 4);
        fake_cpu.r[0] = 0xfffffffcu;
        fake_cpu.r[2] = LOW_PAGE + 16;
        fake_cpu.r[3] = 0x3fffffffu;
        fake_cpu.r[4] = LOW_PAGE + 24;
        assert_int_equal(fake_run(build_wrap), FAKE_DONE);
        assert_int_equal(fake_cpu.r[1], 0x12345678);
        assert_int_equal(low[12] | low[13] << 8, 0x5678);
        assert_int_equal(low[14], 0);
        assert_int_equal(fake_cpu.r[5], 0x9a);
    }
    munmap(low, 4096);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loop_results),   cmocka_unit_test(test_loop_calls),
        cmocka_unit_test(test_loop_st_env),    cmocka_unit_test(test_loop_side_exit),
        cmocka_unit_test(test_loop_exit_request), cmocka_unit_test(test_loop_fault),
        cmocka_unit_test(test_inner_loop_results), cmocka_unit_test(test_inner_loop_exit_request),
        cmocka_unit_test(test_loop_load_in_place),
        cmocka_unit_test(test_scaled_add),    cmocka_unit_test(test_wrapping_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Translation tiers (tcg/exec.c tier_up, tcg/cache.c tcg_cache_replace):
 * a unit is first translated cold, counts its runs at entry, and after
 * the threshold is retranslated hot; the hot unit takes its place in the
 * lookup, its predecessors' chains and (through a jmp at the old entry)
 * the jump cache. The fake guest marks code built hot by setting r7, so
 * a test can see which version ran; everything else is the same IR.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "jit_fake.h"
#include "tcg/cache.h"

static unsigned hot_builds;

/* 0x1000: r0 += 1; r1 += r0 * 3; r2 ^= r1 -> 0x2000.
 * 0x2000: r0 < r3 ? -> 0x1000 : done. */
static void build_pair(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    hot_builds += b->hot;
    ir_gen_movi(b, R(7), b->hot);
    if (pc == 0x1000) {
        IRTemp t = ir_new_temp(b);
        ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 1));
        ir_gen_binop(b, IR_mul, t, R(0), ir_const(b, 3));
        ir_gen_binop(b, IR_add, R(1), R(1), t);
        ir_gen_binop(b, IR_xor, R(2), R(2), R(1));
        ir_gen_exit_direct(b, 0x2000, 0);
    } else {
        uint32_t again = ir_new_label(b);
        ir_gen_brcond(b, IR_COND_LTU, R(0), R(3), again);
        fake_done(b);
        ir_gen_label(b, again);
        ir_gen_exit_direct(b, 0x1000, 0);
    }
}

static void run_pair(uint32_t iterations)
{
    memset(fake_cpu.r, 0, sizeof(fake_cpu.r));
    fake_cpu.r[3] = iterations;
    assert_int_equal(fake_run(build_pair), FAKE_DONE);
}

static void test_tier_up(void **state)
{
    (void)state;
    fake_setup_once();
    tcg_set_tier_threshold(10);
    fake_translations = hot_builds = 0;

    /* 5 runs: still cold, counting. */
    run_pair(5);
    assert_int_equal(fake_translations, 2);
    assert_int_equal(hot_builds, 0);
    assert_int_equal(fake_cpu.r[7], 0);
    TcgTU *old = tcg_cache_lookup(0x1000, 0);
    assert_non_null(old);
    assert_false(old->hot);
    assert_non_null(old->counter);
    assert_int_equal(*old->counter, 10 - 5);

    /* Go on from there (fake_run would invalidate): 5 more runs reach
     * the threshold; the rest run hot. */
    memset(fake_cpu.r, 0, sizeof(fake_cpu.r));
    fake_cpu.r[3] = 50;
    fake_cpu.tcg.pc = 0x1000;
    assert_int_equal(tcg_exec(&fake_cpu.tcg), FAKE_DONE);
    assert_int_equal(fake_cpu.r[0], 50);
    assert_int_equal(fake_translations, 4);
    assert_int_equal(hot_builds, 2);
    assert_int_equal(fake_cpu.r[7], 1);

    TcgTU *hot = tcg_cache_lookup(0x1000, 0), *next = tcg_cache_lookup(0x2000, 0);
    assert_non_null(hot);
    assert_non_null(next);
    assert_ptr_not_equal(hot, old);
    assert_true(hot->hot);
    assert_null(hot->counter);        /* hot units do not count */
    assert_false(old->valid);
    assert_true(next->hot);
    /* The hot 0x2000 unit chained to the hot 0x1000 one. */
    assert_ptr_equal(next->exits[0].target, hot);

    /* The old entry is a jmp to the hot code... */
    assert_int_equal(old->code[0], 0xe9);
    int32_t rel;
    memcpy(&rel, old->code + 1, 4);
    assert_ptr_equal(old->code + 5 + rel, hot->code);
    /* ...so entering it (as a stale jump-cache entry would) runs hot code. */
    memset(fake_cpu.r, 0, sizeof(fake_cpu.r));
    fake_cpu.r[3] = 1;
    /* hot 0x1000, then (chained) hot 0x2000, which is done */
    assert_int_equal(tcg_cache_enter(&fake_cpu.tcg, old->code, tcg_cache_guest_base), FAKE_DONE);
    assert_int_equal(fake_cpu.r[7], 1);
    assert_int_equal(fake_cpu.r[0], 1);
    assert_int_equal(fake_translations, 4);
}

/* Predecessors chained to the cold unit are moved to the hot one. */
static void test_tier_up_moves_chains(void **state)
{
    (void)state;
    fake_setup_once();
    /* 0x2000 tiers up after 3 runs, 0x1000 (one run more) after it: a
     * stale chain from 0x1000 into old 0x2000 must be moved. */
    tcg_set_tier_threshold(3);
    fake_translations = hot_builds = 0;
    memset(fake_cpu.r, 0, sizeof(fake_cpu.r));
    fake_cpu.r[3] = 2;
    assert_int_equal(fake_run(build_pair), FAKE_DONE);
    TcgTU *a = tcg_cache_lookup(0x1000, 0), *b_old = tcg_cache_lookup(0x2000, 0);
    assert_ptr_equal(a->exits[0].target, b_old);
    assert_false(b_old->hot);
    /* One more 0x2000 run (its third) tiers it up; 0x1000 stays cold. */
    fake_cpu.r[3] = 0;
    fake_cpu.tcg.pc = 0x2000;
    assert_int_equal(tcg_exec(&fake_cpu.tcg), FAKE_DONE);
    TcgTU *b_hot = tcg_cache_lookup(0x2000, 0);
    assert_true(b_hot->hot);
    assert_ptr_equal(tcg_cache_lookup(0x1000, 0), a);
    assert_false(a->hot);
    assert_ptr_equal(a->exits[0].target, b_hot);
    assert_ptr_equal(b_hot->incoming, &a->exits[0]);
    assert_null(b_old->incoming);
}

/* The same program gives the same state never tiered, tiered mid-run
 * and hot from the start. */
static void test_tier_same_results(void **state)
{
    (void)state;
    static const uint32_t thresholds[] = { 1000000, 7, 0 };
    uint32_t want[3] = { 0 };
    for (unsigned i = 0; i < 3; i++) {
        fake_setup_once();
        tcg_set_tier_threshold(thresholds[i]);
        run_pair(300);
        assert_int_equal(fake_cpu.r[7], thresholds[i] < 300);
        if (i == 0)
            memcpy(want, fake_cpu.r, sizeof(want));
        else
            assert_memory_equal(fake_cpu.r, want, sizeof(want));
    }
    assert_int_equal(want[0], 300);
    assert_int_equal(want[1], 3 * 300 * 301 / 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tier_up),
        cmocka_unit_test(test_tier_up_moves_chains),
        cmocka_unit_test(test_tier_same_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The code cache's unit table (tcg/cache.c) starts small and grows as
 * units come: thousands of units, translated one after another, must all
 * stay findable across the growth steps (1024 buckets, 4096, 16384), be found again instead of
 * retranslated, and leave it when invalidated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "tcg/cache.h"
#include "jit_fake.h"

enum { NB_UNITS = 20000, BASE = 0x10000 };

/* Unit i adds 1 to r0 and goes on to unit i + 1; the last one stops. */
static void build_line(IRBlock *b, uint32_t pc)
{
    ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 1));
    if (pc + 4 < BASE + 4 * NB_UNITS)
        ir_gen_exit_direct(b, pc + 4, 0);
    else
        fake_done(b);
}

static uint32_t run_line(void)
{
    (void)fake_run;
    fake_cpu.r[0] = 0;
    fake_cpu.tcg.pc = BASE;
    fake_cpu.tcg.flags = 0;
    return tcg_exec(&fake_cpu.tcg);
}

static void test_many_units(void **state)
{
    (void)state;
    fake_setup_once();
    fake_build = build_line;
    fake_translations = 0;
    assert_int_equal(run_line(), FAKE_DONE);
    assert_int_equal(fake_cpu.r[0], NB_UNITS);
    assert_int_equal(fake_translations, NB_UNITS);
    for (uint32_t i = 0; i < NB_UNITS; i++) {
        TcgTU *tu = tcg_cache_lookup(BASE + 4 * i, 0);
        assert_non_null(tu);
        assert_int_equal(tu->pc, BASE + 4 * i);
    }
    assert_null(tcg_cache_lookup(BASE + 4 * NB_UNITS, 0));
    assert_null(tcg_cache_lookup(BASE, 1));

    /* Found again, not retranslated. */
    assert_int_equal(run_line(), FAKE_DONE);
    assert_int_equal(fake_cpu.r[0], NB_UNITS);
    assert_int_equal(fake_translations, NB_UNITS);

    /* Invalidation is page-granular: every unit in a touched 4 KiB page
     * leaves the table (1024 units of 4 bytes a page); the others stay. */
    enum { PER_PAGE = 4096 / 4 };
    tcg_invalidate(BASE + 4 * (PER_PAGE + 100), BASE + 4 * (PER_PAGE + 200));
    for (uint32_t i = PER_PAGE - 10; i < 2 * PER_PAGE + 10; i++) {
        TcgTU *tu = tcg_cache_lookup(BASE + 4 * i, 0);
        if (i >= PER_PAGE && i < 2 * PER_PAGE)
            assert_null(tu);
        else
            assert_non_null(tu);
    }
    assert_int_equal(run_line(), FAKE_DONE);
    assert_int_equal(fake_cpu.r[0], NB_UNITS);
    assert_int_equal(fake_translations, NB_UNITS + PER_PAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The code cache shared by threads (tcg/cache.c, tcg/exec.c): several
 * host threads, each with its own CPU, run chains of units while the
 * cache is flushed under them (a small buffer makes translation itself
 * flush, from whichever thread fills it) and units are invalidated from
 * another thread. A flush must first stop every thread outside the cache
 * (exit_request, running flags), so no thread ever runs freed or
 * rewritten code: every run must still add up, and a thread spinning in
 * a unit chained to itself must be stopped by an invalidation.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "tcg/cache.h"
#include "jit_fake.h"

enum { NB_UNITS = 3000, BASE = 0x10000, SPIN_PC = 0x800000, NB_WORKERS = 3, ROUNDS = 12 };

/* Unit i adds 1 to r0 and goes on to unit i + 1; the last one stops. The
 * unit at SPIN_PC counts in r1 and jumps to itself. */
static void build(IRBlock *b, uint32_t pc)
{
    if (pc == SPIN_PC) {
        ir_gen_binop(b, IR_add, R(1), R(1), ir_const(b, 1));
        ir_gen_exit_direct(b, SPIN_PC, 0);
        return;
    }
    ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 1));
    if (pc + 4 < BASE + 4 * NB_UNITS)
        ir_gen_exit_direct(b, pc + 4, 0);
    else
        fake_done(b);
}

typedef struct Worker {
    FakeCpu cpu;
    pthread_t thread;
    uint32_t good_rounds, requests;
} Worker;

/* Runs the line ROUNDS times; an exit request (another thread stopping
 * the world) just means going on from where it stopped. */
static void *line_worker(void *arg)
{
    Worker *w = arg;
    for (int round = 0; round < ROUNDS; round++) {
        w->cpu.r[0] = 0;
        w->cpu.tcg.pc = BASE;
        w->cpu.tcg.flags = 0;
        uint32_t r;
        while ((r = tcg_exec(&w->cpu.tcg)) == TCG_EXIT_REQUEST)
            w->requests++;
        w->good_rounds += r == FAKE_DONE && w->cpu.r[0] == NB_UNITS;
    }
    return NULL;
}

static void test_flush_under_threads(void **state)
{
    (void)state;
    (void)fake_run;
    fake_setup_once();
    fake_build = build;
    /* Far too small for the line: translation flushes again and again. */
    tcg_cache_set_limit(96 * 1024);
    uint32_t gen0 = tcg_cache_generation;
    Worker *w = calloc(NB_WORKERS, sizeof *w);
    assert_non_null(w);
    for (int i = 0; i < NB_WORKERS; i++) {
        tcg_cpu_init(&w[i].cpu.tcg);
        assert_int_equal(pthread_create(&w[i].thread, NULL, line_worker, &w[i]), 0);
    }
    /* Meanwhile, drop pages of the line from here. */
    for (uint32_t k = 0; k < 200; k++) {
        uint32_t page = BASE + (k * 7 % (NB_UNITS * 4 / 4096)) * 4096;
        tcg_invalidate(page, page + 4);
    }
    for (int i = 0; i < NB_WORKERS; i++) {
        pthread_join(w[i].thread, NULL);
        assert_int_equal(w[i].good_rounds, ROUNDS);
        tcg_cpu_release(&w[i].cpu.tcg);
    }
    assert_true(tcg_cache_generation - gen0 > NB_WORKERS);
    free(w);
    tcg_cache_set_limit(0);
}

static int spin_stop;

static void *spin_worker(void *arg)
{
    Worker *w = arg;
    w->cpu.tcg.pc = SPIN_PC;
    w->cpu.tcg.flags = 0;
    while (!__atomic_load_n(&spin_stop, __ATOMIC_SEQ_CST)) {
        uint32_t r = tcg_exec(&w->cpu.tcg);
        if (r == TCG_EXIT_REQUEST)
            w->requests++;
        else
            return NULL;   /* anything else is wrong: requests stays low */
    }
    return NULL;
}

static void test_invalidate_stops_spinning_thread(void **state)
{
    (void)state;
    fake_setup_once();
    fake_build = build;
    Worker *w = calloc(1, sizeof *w);
    assert_non_null(w);
    tcg_cpu_init(&w->cpu.tcg);
    fake_translations = 0;
    assert_int_equal(pthread_create(&w->thread, NULL, spin_worker, w), 0);
    /* Each invalidation that finds the unit must wait for the spinning
     * thread to leave it; wait until the unit exists before each one. */
    unsigned drops = 0;
    for (int k = 0; k < 20; k++) {
        while (!tcg_cache_lookup(SPIN_PC, 0))
            sched_yield();
        tcg_invalidate(SPIN_PC, SPIN_PC + 4);
        drops++;
    }
    __atomic_store_n(&spin_stop, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&w->cpu.tcg.exit_request, 1, __ATOMIC_SEQ_CST);
    pthread_join(w->thread, NULL);
    assert_true(w->requests > 0);
    assert_true(fake_translations >= drops);
    assert_true(w->cpu.r[1] > 0);
    tcg_cpu_release(&w->cpu.tcg);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flush_under_threads),
        cmocka_unit_test(test_invalidate_stops_spinning_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

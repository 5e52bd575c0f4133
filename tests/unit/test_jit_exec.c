/*
 * The engine around the ops: guest memory (every size and sign, both
 * with and without a guest_base), cmpxchg, helper calls and global
 * syncing, locals across labels, chaining, the jump cache, exit
 * requests, invalidation and precise faults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "jit_fake.h"
#include "tcg/first-runs.h"
#include "tcg/backend.h"
#include "tcg/cache.h"

#define MEM_SIZE 0x10000
static uint8_t *mem;   /* MEM_SIZE bytes, then one PROT_NONE page */

static void map_mem(int flags)
{
    mem = mmap(NULL, MEM_SIZE + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    assert_true(mem != MAP_FAILED);
    assert_int_equal(mprotect(mem + MEM_SIZE, 4096, PROT_NONE), 0);
}

static void unmap_mem(void) { munmap(mem, MEM_SIZE + 4096); }

/* ---- loads and stores ---- */

static uint32_t base_addr; /* guest address of mem */

static void build_mem(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_guest_ld(b, R(1), R(0), IR_MO_8);
    ir_gen_guest_ld(b, R(2), R(0), IR_MO_S8);
    ir_gen_guest_ld(b, R(3), R(0), IR_MO_16);
    ir_gen_guest_ld(b, R(4), R(0), IR_MO_S16);
    ir_gen_guest_ld(b, R(5), R(0), IR_MO_32);
    IRTemp a = ir_new_temp(b);
    ir_gen_binop(b, IR_add, a, R(0), ir_const(b, 8));
    ir_gen_guest_st(b, R(6), a, IR_MO_8);
    ir_gen_binop(b, IR_add, a, R(0), ir_const(b, 16));
    ir_gen_guest_st(b, R(6), a, IR_MO_16);
    ir_gen_binop(b, IR_add, a, R(0), ir_const(b, 24));
    ir_gen_guest_st(b, R(6), a, IR_MO_32);
    ir_gen_guest_st(b, ir_const(b, 0xa5a5a5a5), ir_const(b, base_addr + 0x200), IR_MO_32);
    ir_gen_guest_ld(b, R(7), ir_const(b, base_addr + 0x200), IR_MO_S8);
    fake_done(b);
}

static void check_mem(uint32_t gbase_addr)
{
    base_addr = gbase_addr;
    memcpy(mem + 0x100, "\x80\x81\x82\x83", 4);
    memset(mem + 0x100 + 8, 0, 32);
    fake_cpu.r[0] = base_addr + 0x100;
    fake_cpu.r[6] = 0xfedcba98;
    assert_int_equal(fake_run(build_mem), FAKE_DONE);
    assert_int_equal(fake_cpu.r[1], 0x80);
    assert_int_equal(fake_cpu.r[2], 0xffffff80);
    assert_int_equal(fake_cpu.r[3], 0x8180);
    assert_int_equal(fake_cpu.r[4], 0xffff8180);
    assert_int_equal(fake_cpu.r[5], 0x83828180);
    assert_memory_equal(mem + 0x108, "\x98\x00", 2);
    assert_memory_equal(mem + 0x110, "\x98\xba\x00", 3);
    assert_memory_equal(mem + 0x118, "\x98\xba\xdc\xfe\x00", 5);
    assert_memory_equal(mem + 0x200, "\xa5\xa5\xa5\xa5", 4);
    assert_int_equal(fake_cpu.r[7], 0xffffffa5);
}

static void test_mem_guest_base(void **state)
{
    fake_setup_once();
    map_mem(0);
    tcg_set_guest_base((uintptr_t)mem);
    check_mem(0);
    tcg_set_guest_base(0);
    unmap_mem();
}

static void test_mem_zero_base(void **state)
{
    fake_setup_once();
    map_mem(MAP_32BIT);
    tcg_set_guest_base(0);
    check_mem((uint32_t)(uintptr_t)mem);
    unmap_mem();
}

/* ---- cmpxchg ---- */

static IRMemOp cur_mo;

static void build_cmpxchg(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_guest_cmpxchg(b, R(1), R(0), R(2), R(3), cur_mo);
    ir_gen_mb(b, IR_MB_FULL);
    fake_done(b);
}

static void test_cmpxchg(void **state)
{
    fake_setup_once();
    map_mem(0);
    tcg_set_guest_base((uintptr_t)mem);
    static const struct { IRMemOp mo; uint32_t mask; } sizes[] = {
        { IR_MO_8, 0xff }, { IR_MO_16, 0xffff }, { IR_MO_32, 0xffffffff },
    };
    for (unsigned s = 0; s < 3; s++) {
        cur_mo = sizes[s].mo;
        uint32_t m = sizes[s].mask;
        /* success: memory holds the expected value */
        memcpy(mem + 0x40, "\xf1\xf2\xf3\xf4", 4);
        fake_cpu.r[0] = 0x40;
        fake_cpu.r[2] = 0xf4f3f2f1 & m;
        fake_cpu.r[3] = 0x01020304;
        assert_int_equal(fake_run(build_cmpxchg), FAKE_DONE);
        assert_int_equal(fake_cpu.r[1], 0xf4f3f2f1 & m);
        uint32_t now;
        memcpy(&now, mem + 0x40, 4);
        assert_int_equal(now, (0x01020304 & m) | (0xf4f3f2f1 & ~m));
        /* failure: memory unchanged, old value returned */
        memcpy(mem + 0x40, "\xf1\xf2\xf3\xf4", 4);
        fake_cpu.r[2] = 0x12345678 & m;
        assert_int_equal(fake_run(build_cmpxchg), FAKE_DONE);
        assert_int_equal(fake_cpu.r[1], 0xf4f3f2f1 & m);
        memcpy(&now, mem + 0x40, 4);
        assert_int_equal(now, 0xf4f3f2f1);
    }
    /* The IR compares the extended old value with all of expected. */
    uint32_t now;
    cur_mo = IR_MO_S8;
    memcpy(mem + 0x40, "\xf1\xf2\xf3\xf4", 4);
    fake_cpu.r[2] = 0xfffffff1;
    assert_int_equal(fake_run(build_cmpxchg), FAKE_DONE);
    assert_int_equal(fake_cpu.r[1], 0xfffffff1);
    memcpy(&now, mem + 0x40, 4);
    assert_int_equal(now, 0xf4f3f204);
    cur_mo = IR_MO_8;
    memcpy(mem + 0x40, "\xf1\xf2\xf3\xf4", 4);
    fake_cpu.r[2] = 0x1f1;
    assert_int_equal(fake_run(build_cmpxchg), FAKE_DONE);
    assert_int_equal(fake_cpu.r[1], 0xf1);
    memcpy(&now, mem + 0x40, 4);
    assert_int_equal(now, 0xf4f3f2f1);
    tcg_set_guest_base(0);
    unmap_mem();
}

/* ---- helper calls ---- */

static uint32_t h_const(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d) { return 42; }
static uint32_t h_args(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    assert_ptr_equal(cpu, &fake_cpu);
    return a + b * 10 + c * 100 + d * 1000;
}
static uint32_t h_read_r0(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    return ((FakeCpu *)cpu)->r[0];
}
static uint32_t h_write_r7(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    ((FakeCpu *)cpu)->r[7] = a;
    return a + 1;
}
static const IRHelper hc = { "const", h_const, IR_HELPER_NO_SIDE };
static const IRHelper ha = { "args", h_args, 0 };
static const IRHelper hr = { "read_r0", h_read_r0, IR_HELPER_READS_GLOBALS };
static const IRHelper hw = { "write_r7", h_write_r7, IR_HELPER_WRITES_GLOBALS };

static void build_calls(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    /* values in caller-saved and callee-saved registers across calls */
    IRTemp keep[10];
    for (int i = 0; i < 10; i++) {
        keep[i] = ir_new_temp(b);
        ir_gen_binop(b, IR_add, keep[i], R(1), ir_const(b, (uint32_t)i));
    }
    ir_gen_call(b, &hc, R(2), IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_call(b, &ha, R(3), ir_const(b, 1), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_call(b, &ha, R(4), R(1), ir_const(b, 2), R(1), ir_const(b, 4));
    ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 1));
    ir_gen_call(b, &hr, R(5), IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_movi(b, R(7), 3);
    ir_gen_call(b, &hw, IR_NONE, ir_const(b, 77), IR_NONE, IR_NONE, IR_NONE);
    ir_gen_binop(b, IR_add, R(6), R(7), ir_const(b, 1));
    /* A helper that writes globals, its result going to a global. */
    ir_gen_call(b, &hw, R(7), ir_const(b, 55), IR_NONE, IR_NONE, IR_NONE);
    IRTemp sum = ir_new_temp(b);
    ir_gen_movi(b, sum, 0);
    for (int i = 0; i < 10; i++)
        ir_gen_binop(b, IR_add, sum, sum, keep[i]);
    ir_gen_mov(b, R(1), sum);
    fake_done(b);
}

static void test_calls(void **state)
{
    fake_cpu.r[0] = 10;
    fake_cpu.r[1] = 5;
    assert_int_equal(fake_run(build_calls), FAKE_DONE);
    assert_int_equal(fake_cpu.r[2], 42);
    assert_int_equal(fake_cpu.r[3], 1);
    assert_int_equal(fake_cpu.r[4], 5 + 20 + 500 + 4000);
    assert_int_equal(fake_cpu.r[0], 11);
    assert_int_equal(fake_cpu.r[5], 11);
    assert_int_equal(fake_cpu.r[7], 56);
    assert_int_equal(fake_cpu.r[6], 78);
    assert_int_equal(fake_cpu.r[1], 10 * 5 + 45);
}

/* ---- env access aliasing globals ---- */

static void build_env(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 1));
    ir_gen_ld_env(b, R(2), offsetof(FakeCpu, r[0]));
    ir_gen_mov(b, R(1), R(1));
    ir_gen_st_env(b, ir_const(b, 99), offsetof(FakeCpu, r[1]));
    ir_gen_binop(b, IR_add, R(3), R(1), ir_const(b, 1));
    fake_done(b);
}

static void test_env(void **state)
{
    fake_cpu.r[0] = 7;
    fake_cpu.r[1] = 1;
    assert_int_equal(fake_run(build_env), FAKE_DONE);
    assert_int_equal(fake_cpu.r[2], 8);
    assert_int_equal(fake_cpu.r[1], 99);
    assert_int_equal(fake_cpu.r[3], 100);
}

/* ---- locals across labels: a loop ---- */

static void build_loop(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    IRTemp sum = ir_new_temp(b), i = ir_new_temp(b);
    uint32_t top = ir_new_label(b), out = ir_new_label(b);
    ir_gen_movi(b, sum, 0);
    ir_gen_mov(b, i, R(0));
    ir_gen_brcond(b, IR_COND_EQ, i, ir_const(b, 0), out);
    ir_gen_label(b, top);
    ir_gen_binop(b, IR_add, sum, sum, i);
    ir_gen_binop(b, IR_sub, i, i, ir_const(b, 1));
    ir_gen_brcond(b, IR_COND_NE, i, ir_const(b, 0), top);
    ir_gen_label(b, out);
    ir_gen_mov(b, R(1), sum);
    uint32_t end = ir_new_label(b);  /* a branch to the very next op */
    ir_gen_br(b, end);
    ir_gen_label(b, end);
    fake_done(b);
}

static void test_loop(void **state)
{
    fake_cpu.r[0] = 100;
    assert_int_equal(fake_run(build_loop), FAKE_DONE);
    assert_int_equal(fake_cpu.r[1], 5050);
    fake_cpu.r[0] = 0;
    assert_int_equal(fake_run(build_loop), FAKE_DONE);
    assert_int_equal(fake_cpu.r[1], 0);
}

/* ---- chaining ---- */

static void build_chain(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    if (pc == 0x1000) {
        ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 1));
        ir_gen_exit_direct(b, 0x2000, 0);
    } else {
        uint32_t again = ir_new_label(b);
        ir_gen_binop(b, IR_add, R(1), R(1), R(0));
        ir_gen_brcond(b, IR_COND_LTU, R(0), ir_const(b, 1000), again);
        fake_done(b);
        ir_gen_label(b, again);
        ir_gen_exit_direct(b, 0x1000, 0);
    }
}

static void test_chain(void **state)
{
    fake_cpu.r[0] = fake_cpu.r[1] = 0;
    fake_translations = 0;
    uint64_t d0 = tcg_stat_dispatch;
    assert_int_equal(fake_run(build_chain), FAKE_DONE);
    assert_int_equal(fake_cpu.r[0], 1000);
    assert_int_equal(fake_cpu.r[1], 1000 * 1001 / 2);
    assert_int_equal(fake_translations, 2);
    /* Two translations, two first exits to chain, then straight through. */
    assert_true(tcg_stat_dispatch - d0 <= 4);
    TcgTU *a = tcg_cache_lookup(0x1000, 0), *b = tcg_cache_lookup(0x2000, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_equal(a->exits[0].target, b);
    assert_ptr_equal(b->exits[0].target, a);

    /* Invalidating the second unit unchains the first and retranslates. */
    tcg_invalidate(0x2000, 0x2001);
    assert_null(a->exits[0].target);
    assert_null(tcg_cache_lookup(0x2000, 0));
    fake_cpu.r[0] = fake_cpu.r[1] = 0;
    fake_cpu.tcg.pc = 0x1000;
    assert_int_equal(tcg_exec(&fake_cpu.tcg), FAKE_DONE);
    assert_int_equal(fake_cpu.r[1], 1000 * 1001 / 2);
    assert_int_equal(fake_translations, 3);

    /* Invalidation is by whole pages (a unit may depend on code elsewhere
     * in its page): bytes at the end of 0x1000's page drop that unit. */
    assert_non_null(tcg_cache_lookup(0x1000, 0));
    tcg_invalidate(0x1ffc, 0x2000);
    assert_null(tcg_cache_lookup(0x1000, 0));
    assert_non_null(tcg_cache_lookup(0x2000, 0));
}

/* ---- indirect exits through the jump cache ---- */

static void build_indirect(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    if (pc == 0x1000) {
        ir_gen_binop(b, IR_add, R(2), R(2), ir_const(b, 1));
        ir_gen_exit_indirect(b, R(1), ir_const(b, 0));
    } else {
        uint32_t again = ir_new_label(b);
        ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 1));
        ir_gen_brcond(b, IR_COND_LTU, R(0), ir_const(b, 500), again);
        fake_done(b);
        ir_gen_label(b, again);
        IRTemp next = ir_new_temp(b), fl = ir_new_temp(b);
        ir_gen_movi(b, next, 0x1000);
        ir_gen_movi(b, fl, 0);
        ir_gen_exit_indirect(b, next, fl);
    }
}

static void test_indirect(void **state)
{
    fake_cpu.r[0] = fake_cpu.r[2] = 0;
    fake_cpu.r[1] = 0x3010;
    uint64_t d0 = tcg_stat_dispatch;
    assert_int_equal(fake_run(build_indirect), FAKE_DONE);
    assert_int_equal(fake_cpu.r[0], 500);
    assert_int_equal(fake_cpu.r[2], 500);
    assert_true(tcg_stat_dispatch - d0 <= 4);
    /* Units 8 KiB apart do not collide. */
    assert_int_not_equal(tcg_jc_hash(0x1000), tcg_jc_hash(0x3000));
    TcgJmpEntry *e = &fake_cpu.tcg.jmp_cache[tcg_jc_hash(0x3010)];
    assert_int_equal(e->pc, 0x3010);
    assert_ptr_equal(e->host_code, tcg_cache_lookup(0x3010, 0)->code);
    /* Invalidation empties the jump cache too. */
    tcg_invalidate(0x3010, 0x3014);
    assert_null(e->host_code);
}

/* ---- exit requests ---- */

static unsigned ticks;
static uint32_t h_tick(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    if (++ticks == 100)
        ((TcgCpu *)cpu)->exit_request = 1;
    return 0;
}
static const IRHelper ht = { "tick", h_tick, 0 };

static void build_spin(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_call(b, &ht, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
    ir_gen_exit_direct(b, 0x1000, 0);
}

static void test_exit_request(void **state)
{
    fake_setup_once();
    fake_cpu.tcg.exit_request = 1;
    fake_cpu.tcg.pc = 0x1000;
    assert_int_equal(tcg_exec(&fake_cpu.tcg), TCG_EXIT_REQUEST);
    assert_int_equal(fake_cpu.tcg.exit_request, 0);
    ticks = 0;
    assert_int_equal(fake_run(build_spin), TCG_EXIT_REQUEST);
    assert_int_equal(ticks, 100);
    assert_int_equal(fake_cpu.tcg.pc, 0x1000);
    assert_int_equal(fake_cpu.tcg.exit_request, 0);
}

/* ---- precise faults ---- */

static bool fault_store;

static void build_fault(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_movi(b, R(1), 5);
    /* Several globals live only in registers at the access: r4 in rax
     * (a mul2 output), r5 and r6 computed, r7 copied. */
    ir_gen_mul2(b, IR_mulu2, R(4), R(5), R(1), ir_const(b, 3));
    ir_gen_binop(b, IR_add, R(6), R(6), R(5));
    ir_gen_mov(b, R(7), R(4));
    ir_gen_movi(b, R(2), 0x77);   /* a constant not stored yet */
    ir_gen_insn_start(b, pc + 4, 0);
    IRTemp a = ir_new_temp(b);
    ir_gen_binop(b, IR_add, a, R(0), ir_const(b, 4));
    if (fault_store)
        ir_gen_guest_st(b, R(1), a, IR_MO_16);
    else
        ir_gen_guest_ld(b, R(2), a, IR_MO_32);
    ir_gen_insn_start(b, pc + 8, 0);
    ir_gen_movi(b, R(3), 1);
    fake_done(b);
}

/* Runs build_fault into its fault (a load, then a store) and checks the
 * guest state the fault left. */
static void run_fault_checked(int k)
{
    fault_store = k;
    fake_cpu.r[0] = MEM_SIZE - 4;
    fake_cpu.r[1] = fake_cpu.r[2] = fake_cpu.r[3] = 0;
    fake_cpu.r[4] = fake_cpu.r[5] = fake_cpu.r[7] = 0;
    fake_cpu.r[6] = 100;
    assert_int_equal(fake_run(build_fault), TCG_EXIT_FAULT);
    assert_int_equal(fake_cpu.r[4], 15);
    assert_int_equal(fake_cpu.r[5], 0);
    assert_int_equal(fake_cpu.r[6], 100);
    assert_int_equal(fake_cpu.r[7], 15);
    assert_int_equal(fake_cpu.r[2], 0x77);
    assert_int_equal(fake_cpu.tcg.pc, 0x1004);
    assert_int_equal(fake_cpu.tcg.exit_reason, TCG_EXIT_FAULT);
    assert_int_equal(fake_cpu.tcg.fault_addr, MEM_SIZE);
    assert_int_equal(fake_cpu.tcg.fault_write, k);
    assert_int_equal(fake_cpu.r[1], 5);
    assert_int_equal(fake_cpu.r[3], 0);
}

static void fault_setup(void)
{
    fake_setup_once();
    /* cmocka installs its own SIGSEGV handler for each test. */
    tcg_install_fault_handlers();
    map_mem(0);
    tcg_set_guest_base((uintptr_t)mem);
}

static void fault_teardown(void)
{
    tcg_set_guest_base(0);
    unmap_mem();
}

static void test_fault(void **state)
{
    fault_setup();
    for (int k = 0; k < 2; k++)
        run_fault_checked(k);
    /* The engine still runs normally afterwards. */
    fake_cpu.r[0] = 0;
    assert_int_equal(fake_run(build_fault), FAKE_DONE);
    assert_int_equal(fake_cpu.r[3], 1);
    fault_teardown();
}

/* A unit's first run in the IR interpreter (tcg/first-runs.h): the
 * same results, exit and precise fault state as its compiled code, and
 * no code is made for it. */
static void test_fault_interpreted(void **state)
{
    fault_setup();
    tcg_first_runs = 1;
    tcg_set_tier_threshold(1000); /* with -tier 0 nothing is interpreted */
    for (int k = 0; k < 2; k++) {
        tcg_first_runs_clear();
        uint64_t dispatch = tcg_stat_dispatch;
        run_fault_checked(k);
        assert_null(tcg_cache_lookup(0x1000, 0));
        assert_int_equal(tcg_stat_dispatch, dispatch + 1);
    }
    /* A run without a fault: the helper exit's reason comes back; the
     * second run of the same code is compiled. */
    tcg_first_runs_clear();
    fake_cpu.r[0] = 0;
    assert_int_equal(fake_run(build_fault), FAKE_DONE);
    assert_int_equal(fake_cpu.r[3], 1);
    assert_null(tcg_cache_lookup(0x1000, 0));
    fake_cpu.r[3] = 0;
    fake_cpu.tcg.pc = 0x1000;
    fake_cpu.tcg.flags = 0;
    assert_int_equal(tcg_exec(&fake_cpu.tcg), FAKE_DONE);
    assert_int_equal(fake_cpu.r[3], 1);
    assert_non_null(tcg_cache_lookup(0x1000, 0));
    tcg_first_runs = 0;
    tcg_set_tier_threshold(0);
    fault_teardown();
}

/* Two accesses in a row with the same globals in the same registers
 * share one list in the fault map; the second faults. With fault_store
 * set, r6 changes between them, so the lists differ. */
static void build_fault_pair(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_movi(b, R(1), 5);
    ir_gen_mul2(b, IR_mulu2, R(4), R(5), R(1), ir_const(b, 3));
    ir_gen_movi(b, R(2), 0x77);
    ir_gen_insn_start(b, pc + 4, 0);
    IRTemp v = ir_new_temp(b);
    ir_gen_guest_ld(b, v, R(7), IR_MO_32);
    if (fault_store)
        ir_gen_binop(b, IR_add, R(6), R(6), v);
    ir_gen_insn_start(b, pc + 8, 0);
    IRTemp a = ir_new_temp(b);
    ir_gen_binop(b, IR_add, a, R(0), ir_const(b, 4));
    ir_gen_guest_st(b, R(1), a, IR_MO_32);
    fake_done(b);
}

static void test_fault_shared_map(void **state)
{
    fault_setup();
    for (int k = 0; k < 2; k++) {
        fault_store = k;
        fake_cpu.r[0] = MEM_SIZE - 4;
        fake_cpu.r[7] = 0;
        fake_cpu.r[1] = fake_cpu.r[2] = fake_cpu.r[4] = 0;
        fake_cpu.r[6] = 100;
        memset(mem, 0, 4);
        mem[0] = 9;
        assert_int_equal(fake_run(build_fault_pair), TCG_EXIT_FAULT);
        assert_int_equal(fake_cpu.tcg.pc, 0x1008);
        assert_int_equal(fake_cpu.tcg.fault_write, 1);
        assert_int_equal(fake_cpu.r[1], 5);
        assert_int_equal(fake_cpu.r[2], 0x77);
        assert_int_equal(fake_cpu.r[4], 15);
        assert_int_equal(fake_cpu.r[6], k ? 109 : 100);
    }
    fault_teardown();
}

/* ---- a full code buffer is flushed and translation goes on ---- */

static void build_walk(IRBlock *b, uint32_t pc)
{
    /* 0x1000 -> 0x1010 -> ... each adding its pc; done at 0x1000 + 16 * 400 */
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, pc));
    if (pc == 0x1000 + 16 * 400) {
        fake_done(b);
        return;
    }
    for (int i = 0; i < 8; i++)   /* some bulk */
        ir_gen_binop(b, IR_xor, R(1 + i % 7), R(1 + i % 7), ir_const(b, pc + (uint32_t)i));
    ir_gen_exit_direct(b, pc + 16, 0);
}

static void test_flush(void **state)
{
    fake_setup_once();
    uint32_t gen0 = tcg_cache_generation;
    tcg_cache_set_limit(8192);
    uint32_t want = 0;
    for (uint32_t pc = 0x1000; pc <= 0x1000 + 16 * 400; pc += 16)
        want += pc;
    for (int round = 0; round < 2; round++) {
        fake_cpu.r[0] = 0;
        assert_int_equal(fake_run(build_walk), FAKE_DONE);
        assert_int_equal(fake_cpu.r[0], want);
    }
    assert_true(tcg_cache_generation - gen0 >= 4);
    tcg_cache_set_limit(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mem_guest_base), cmocka_unit_test(test_mem_zero_base),
        cmocka_unit_test(test_cmpxchg),        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_env),            cmocka_unit_test(test_loop),
        cmocka_unit_test(test_chain),          cmocka_unit_test(test_indirect),
        cmocka_unit_test(test_exit_request),   cmocka_unit_test(test_fault),
        cmocka_unit_test(test_fault_shared_map),
        cmocka_unit_test(test_fault_interpreted),
        cmocka_unit_test(test_flush),
    };
    /* These count translations and dispatches: no tier-up retranslations
     * (test_jit_tier.c covers those). */
    tcg_set_tier_threshold(0);
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Differential test: random IR units (every value-producing op, memory
 * ops, helper calls, forward branches) run both by the JIT (through
 * tcg_exec, so the optimiser runs too) and by the reference interpreter
 * (tcg/interp.c) on the unoptimised IR; globals and guest memory must end
 * up identical. Seeds are fixed, so a failure is reproducible: the seed
 * and both IR listings are printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "jit_fake.h"
#include "tcg/backend.h"
#include "tcg/interp.h"
#include "util/log.h"

void ir_optimize(IRBlock *b);

#define MEM_SIZE 0x1000

static uint64_t rng;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}
static uint32_t rnd_n(uint32_t n) { return rnd() % n; }

static uint32_t h_mix(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    return a * 3 + (b ^ 0x55) + (c << 2) - d;
}
static uint32_t h_bump(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    ((FakeCpu *)cpu)->r[a & 7] += b;
    return ((FakeCpu *)cpu)->r[(a + 1) & 7];
}
static const IRHelper h_mix_def = { "mix", h_mix, IR_HELPER_NO_SIDE };
static const IRHelper h_bump_def = { "bump", h_bump, IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS };

static const uint32_t interesting[] = { 0, 1, 2, 31, 32, 0x7f, 0x80, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff };

static IRTemp pool[64];
static unsigned npool;

static IRTemp pick(IRBlock *b)
{
    uint32_t k = rnd_n(10);
    if (k < 3 || npool == 0)
        return R(rnd_n(FAKE_NREGS));
    if (k < 5)
        return ir_const(b, rnd_n(2) ? interesting[rnd_n(sizeof(interesting) / sizeof(interesting[0]))] : rnd());
    return pool[rnd_n(npool)];
}

/* A destination: a global, a new local, or an existing local. */
static IRTemp dest(IRBlock *b)
{
    uint32_t k = rnd_n(10);
    if (k < 4)
        return R(rnd_n(FAKE_NREGS));
    if (k < 7 || npool == 0 || npool == 64) {
        IRTemp t = ir_new_temp(b);
        if (npool < 64)
            pool[npool++] = t;
        return t;
    }
    IRTemp t = pool[rnd_n(npool)];
    return t;
}

/* An aligned address inside the buffer; now and then one in the guard
 * region after it, which faults. */
static IRTemp address(IRBlock *b)
{
    IRTemp a = ir_new_temp(b);
    ir_gen_binop(b, IR_and, a, pick(b), ir_const(b, (MEM_SIZE - 1) & ~3u));
    if (rnd_n(40) == 0)
        ir_gen_binop(b, IR_or, a, a, ir_const(b, MEM_SIZE));
    return a;
}

static void gen_op(IRBlock *b)
{
    static const IROpcode bin[] = { IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc,
                                    IR_shl, IR_shr, IR_sar, IR_rotr };
    static const IROpcode un[] = { IR_neg, IR_not, IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u,
                                   IR_bswap32, IR_bswap16, IR_clz, IR_mov };
    uint32_t k = rnd_n(100);
    if (k < 35) {
        IRTemp x = pick(b), y = pick(b);
        ir_gen_binop(b, bin[rnd_n(11)], dest(b), x, y);
    } else if (k < 50) {
        IRTemp x = pick(b);
        ir_gen_unop(b, un[rnd_n(10)], dest(b), x);
    } else if (k < 58) {
        uint32_t pos = rnd_n(32), len = 1 + rnd_n(32 - pos);
        IRTemp x = pick(b), y = pick(b);
        switch (rnd_n(3)) {
        case 0: ir_gen_extract(b, dest(b), x, pos, len); break;
        case 1: ir_gen_sextract(b, dest(b), x, pos, len); break;
        default: ir_gen_deposit(b, dest(b), x, y, pos, len); break;
        }
    } else if (k < 64) {
        IRTemp x = pick(b), y = pick(b), lo = dest(b), hi = dest(b);
        if (lo == hi)
            hi = ir_new_temp(b);
        ir_gen_mul2(b, rnd_n(2) ? IR_mulu2 : IR_muls2, lo, hi, x, y);
    } else if (k < 69) {
        IRTemp al = pick(b), ah = pick(b), bl = pick(b), bh = pick(b), lo = dest(b), hi = dest(b);
        if (lo == hi)
            hi = ir_new_temp(b);
        ir_gen_addsub2(b, rnd_n(2) ? IR_add2 : IR_sub2, lo, hi, al, ah, bl, bh);
    } else if (k < 76) {
        IRTemp x = pick(b), y = pick(b);
        ir_gen_setcond(b, (IRCond)rnd_n(14), dest(b), x, y);
    } else if (k < 82) {
        IRTemp x = pick(b), y = pick(b), v1 = pick(b), v2 = pick(b);
        ir_gen_movcond(b, (IRCond)rnd_n(14), dest(b), x, y, v1, v2);
    } else if (k < 87) {
        static const IRMemOp mos[] = { IR_MO_8, IR_MO_S8, IR_MO_16, IR_MO_S16, IR_MO_32 };
        IRTemp a = address(b);
        ir_gen_guest_ld(b, dest(b), a, mos[rnd_n(5)]);
    } else if (k < 91) {
        IRTemp a = address(b);
        ir_gen_guest_st(b, pick(b), a, (IRMemOp)rnd_n(3));
    } else if (k < 93) {
        IRTemp a = address(b), e = pick(b), n = pick(b);
        ir_gen_guest_cmpxchg(b, dest(b), a, e, n, (IRMemOp)rnd_n(3));
    } else if (k < 96) {
        IRTemp a[4] = { IR_NONE, IR_NONE, IR_NONE, IR_NONE };
        unsigned n = rnd_n(5);
        for (unsigned i = 0; i < n; i++)
            a[i] = pick(b);
        ir_gen_call(b, &h_mix_def, dest(b), a[0], a[1], a[2], a[3]);
    } else if (k < 98) {
        IRTemp x = pick(b), y = pick(b);
        ir_gen_call(b, &h_bump_def, rnd_n(2) ? dest(b) : IR_NONE, x, y, IR_NONE, IR_NONE);
    } else {
        uint32_t g = rnd_n(FAKE_NREGS);
        if (rnd_n(2))
            ir_gen_ld_env(b, dest(b), offsetof(FakeCpu, r[g]));
        else
            ir_gen_st_env(b, pick(b), offsetof(FakeCpu, r[g]));
    }
}

static uint64_t cur_seed;

/* Deterministic from cur_seed: the JIT's translate and the reference
 * build the same block. */
static void build_random(IRBlock *b, uint32_t pc)
{
    rng = cur_seed * 0x9e3779b97f4a7c15ull + 1;
    npool = 0;
    unsigned nops = 10 + rnd_n(50);
    uint32_t pending = UINT32_MAX;
    unsigned pending_at = 0;
    ir_gen_insn_start(b, pc, 0);
    for (unsigned i = 0; i < nops; i++) {
        if (rnd_n(4) == 0)
            ir_gen_insn_start(b, pc + 4 * i, 0);
        if (pending == UINT32_MAX && rnd_n(12) == 0) {
            /* A forward branch over the next few ops; locals made inside
             * are not used after the label. */
            pending = ir_new_label(b);
            pending_at = i + 1 + rnd_n(6);
            IRTemp x = pick(b), y = pick(b);
            ir_gen_brcond(b, (IRCond)rnd_n(14), x, y, pending);
        }
        gen_op(b);
        if (pending != UINT32_MAX && i >= pending_at) {
            /* Like a front end's conditional skip: the label ends a guest
             * instruction, so the next one starts with its insn_start (the
             * host-pc -> guest-pc map is by code position). */
            ir_gen_label(b, pending);
            ir_gen_insn_start(b, pc + 4 * i + 2, 0);
            pending = UINT32_MAX;
            npool = 0;
        }
    }
    if (pending != UINT32_MAX)
        ir_gen_label(b, pending);
    fake_done(b);
}

/* optimized: compare with the interpreter on the IR after ir_optimize (the
 * exact IR the backend lowered: a mismatch is the backend's); otherwise on
 * the IR as built (a mismatch is the backend's or the optimiser's). */
static void run_random(bool optimized)
{
    fake_setup_once();
    /* cmocka installs its own SIGSEGV handler for each test. */
    tcg_install_fault_handlers();
    uint8_t *mem_jit = mmap(NULL, 2 * MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *mem_ref = malloc(MEM_SIZE);
    assert_true(mem_jit != MAP_FAILED && mem_ref);
    assert_int_equal(mprotect(mem_jit + MEM_SIZE, MEM_SIZE, PROT_NONE), 0);
    tcg_set_guest_base((uintptr_t)mem_jit);
    IRBlock ref;
    unsigned faults = 0;
    ir_block_init(&ref, fake_globals, FAKE_NREGS);
    /* JIT_DIFF_SEED=n reruns one seed with the IR and host code logged;
     * JIT_DIFF_COUNT=n runs seeds 1..n. */
    uint64_t first = 1, last = getenv("JIT_DIFF_COUNT") ? strtoull(getenv("JIT_DIFF_COUNT"), NULL, 0) : 5000;
    if (getenv("JIT_DIFF_SEED")) {
        first = last = strtoull(getenv("JIT_DIFF_SEED"), NULL, 0);
        ferry_log_mask |= FERRY_LOG_op_opt | FERRY_LOG_out_asm;
    }
    for (cur_seed = first; cur_seed <= last; cur_seed++) {
        /* Same initial state for both. */
        rng = cur_seed;
        FakeCpu init = { 0 };
        for (int i = 0; i < FAKE_NREGS; i++)
            init.r[i] = rnd_n(3) ? rnd() : interesting[rnd_n(11)];
        for (int i = 0; i < MEM_SIZE; i++)
            mem_jit[i] = mem_ref[i] = (uint8_t)(i * 7 + cur_seed);
        FakeCpu refcpu = init;
        refcpu.tcg.pc = 0x1000;
        ir_block_reset(&ref, 0x1000, 0);
        build_random(&ref, 0x1000);
        if (optimized)
            ir_optimize(&ref);
        uint32_t rref = ir_interp_run_checked(&ref, &refcpu.tcg, (uintptr_t)mem_ref, MEM_SIZE);

        memcpy(fake_cpu.r, init.r, sizeof(init.r));
        uint32_t rjit = fake_run(build_random);
        bool fault_ok = rref != TCG_EXIT_FAULT ||
                        (fake_cpu.tcg.pc == refcpu.tcg.pc && fake_cpu.tcg.fault_addr == refcpu.tcg.fault_addr &&
                         fake_cpu.tcg.fault_write == refcpu.tcg.fault_write);
        if (rref == TCG_EXIT_FAULT)
            faults++;
        if (rjit != rref || !fault_ok || memcmp(fake_cpu.r, refcpu.r, sizeof(refcpu.r)) != 0 ||
            memcmp(mem_jit, mem_ref, MEM_SIZE) != 0) {
            fprintf(stderr, "seed %llu: exit %u/%u pc %x/%x fault_addr %x/%x write %u/%u\n",
                    (unsigned long long)cur_seed, rjit, rref, fake_cpu.tcg.pc, refcpu.tcg.pc,
                    fake_cpu.tcg.fault_addr, refcpu.tcg.fault_addr, fake_cpu.tcg.fault_write,
                    refcpu.tcg.fault_write);
            for (int i = 0; i < FAKE_NREGS; i++)
                fprintf(stderr, "  r%d init %08x jit %08x ref %08x%s\n", i, init.r[i], fake_cpu.r[i], refcpu.r[i],
                        fake_cpu.r[i] != refcpu.r[i] ? "  <--" : "");
            for (int i = 0; i < MEM_SIZE; i++)
                if (mem_jit[i] != mem_ref[i]) {
                    fprintf(stderr, "  mem[0x%x] jit %02x ref %02x\n", i, mem_jit[i], mem_ref[i]);
                    break;
                }
            ir_print(stderr, &ref);
            fail();
        }
    }
    ir_block_free(&ref);
    /* The generator makes faulting accesses: some units must have hit one. */
    assert_true(faults > 0);
    tcg_set_guest_base(0);
    munmap(mem_jit, 2 * MEM_SIZE);
    free(mem_ref);
}

static void test_random_backend(void **state) { run_random(true); }
static void test_random_pipeline(void **state) { run_random(false); }

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_random_backend),
                                        cmocka_unit_test(test_random_pipeline) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

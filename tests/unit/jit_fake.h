/*
 * A tiny fake guest for the JIT tests: a CPU state of eight 32-bit
 * globals after the TcgCpu, and a translate() that asks the running test
 * for the IR of each pc. Every unit a test builds ends in an exit, so
 * tcg_exec() comes back with the reason the test chose.
 */
#ifndef FERRY_TESTS_JIT_FAKE_H
#define FERRY_TESTS_JIT_FAKE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tcg/exec.h"
#include "tcg/ir.h"

#define FAKE_NREGS 8
#define FAKE_DONE (TCG_EXIT_GUEST + 1)

typedef struct FakeCpu {
    TcgCpu tcg;
    uint32_t r[FAKE_NREGS];
} FakeCpu;

static const IRGlobalDef fake_globals[FAKE_NREGS] = {
    { "r0", offsetof(FakeCpu, r[0]), false }, { "r1", offsetof(FakeCpu, r[1]), false },
    { "r2", offsetof(FakeCpu, r[2]), false }, { "r3", offsetof(FakeCpu, r[3]), false },
    { "r4", offsetof(FakeCpu, r[4]), false }, { "r5", offsetof(FakeCpu, r[5]), false },
    { "r6", offsetof(FakeCpu, r[6]), false }, { "r7", offsetof(FakeCpu, r[7]), false },
};

/* The test's IR builder for the unit at pc. */
typedef void FakeBuild(IRBlock *b, uint32_t pc);
static FakeBuild *fake_build;
static unsigned fake_translations;

static bool fake_translate(TcgCpu *cpu, uint32_t pc, uint32_t flags, IRBlock *b)
{
    (void)cpu;
    (void)flags;
    fake_translations++;
    b->guest_size = 4;
    fake_build(b, pc);
    const char *err = ir_verify(b);
    if (err) {
        fprintf(stderr, "bad test IR at 0x%x: %s\n", pc, err);
        ir_print(stderr, b);
        abort();
    }
    return true;
}

static const TcgGuest fake_guest = {
    .name = "fake",
    .globals = fake_globals,
    .nb_globals = FAKE_NREGS,
    .translate = fake_translate,
};

static FakeCpu fake_cpu;

static inline IRTemp R(uint32_t i) { return ir_global(NULL, i); }

static void fake_setup_once(void)
{
    static bool done;
    if (done)
        return;
    tcg_init(&fake_guest);
    tcg_cpu_init(&fake_cpu.tcg);
    done = true;
}

/* Run one fresh translation of build from pc 0x1000; returns the exit. */
static uint32_t fake_run(FakeBuild *build)
{
    fake_setup_once();
    tcg_invalidate(0, 0xffffffffu);
    fake_build = build;
    fake_cpu.tcg.pc = 0x1000;
    fake_cpu.tcg.flags = 0;
    return tcg_exec(&fake_cpu.tcg);
}

static void fake_done(IRBlock *b) { ir_gen_exit_helper(b, FAKE_DONE, 0x2000, 0); }

#endif

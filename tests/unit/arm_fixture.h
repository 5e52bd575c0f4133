/*
 * A guest for ARM front-end unit tests: 64 KiB of guest memory (code and
 * data) at guest_base, an ArmCpu and an IRBlock, and a run() that
 * translates the TU at pc, checks the IR, optionally optimises it, and
 * runs it in the IR interpreter (tcg/interp.c), the reference semantics.
 * Each test file includes it once.
 */
#ifndef FERRY_TESTS_ARM_FIXTURE_H
#define FERRY_TESTS_ARM_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "linux-user/user.h"
#include "target/arm/translate.h"
#include "tcg/interp.h"
#include "tcg/opt/opt.h"

#define MEM_SIZE 0x10000u

static uint8_t mem[MEM_SIZE] __attribute__((aligned(16)));
static ArmCpu cpu;
static IRBlock blk;
static bool optimize;    /* run the optimisation passes before interpreting */

static bool fake_read_code(uint32_t addr, void *dst, uint32_t size)
{
    if (addr > MEM_SIZE - size)
        return false;
    memcpy(dst, mem + addr, size);
    return true;
}

static inline void put32(uint32_t a, uint32_t v) { memcpy(mem + a, &v, 4); }
static inline void put16(uint32_t a, uint16_t v) { memcpy(mem + a, &v, 2); }
static inline uint32_t get32(uint32_t a) { uint32_t v; memcpy(&v, mem + a, 4); return v; }

static int setup(void **state)
{
    (void)state;
    memset(mem, 0, sizeof(mem));
    memset(&cpu, 0, sizeof(cpu));
    cpu.excl_addr = ~0u;
    tcg_read_code = fake_read_code;
    guest_base = (uintptr_t)mem;
    ir_block_init(&blk, arm_guest.globals, arm_guest.nb_globals);
    blk.hot = true;   /* the full translator: lookahead, side exits */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ir_block_free(&blk);
    return 0;
}

/* Translates and runs the TU at pc; returns the exit reason. */
static uint32_t run_at(uint32_t pc, uint32_t flags)
{
    assert_true(arm_translate(&cpu.common, pc, flags, &blk));
    const char *bad = ir_verify(&blk);
    if (bad)
        fail_msg("IR does not verify: %s", bad);
    if (optimize) {
        ir_optimize(&blk);
        bad = ir_verify(&blk);
        if (bad)
            fail_msg("optimised IR does not verify: %s", bad);
    }
    return ir_interp_run_checked(&blk, &cpu.common, (uintptr_t)mem, MEM_SIZE);
}

#endif

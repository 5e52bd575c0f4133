/*
 * The ARM load/store, branch and miscellaneous families, one encoding at
 * a time: each test puts an instruction (encodings taken from GNU as)
 * into a small guest memory, translates it with arm_translate through a
 * fake tcg_read_code, runs the IR in the interpreter and checks registers,
 * memory and the exit (next pc, Thumb bit, undefined, svc...). An
 * instruction that does not end its TU is followed by an SVC, so "went on
 * to the next instruction" is an SVC exit just after it. Every test runs
 * twice: on the IR as built, and after the optimisation passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "linux-user/user.h"
#include "target/arm/translate.h"
#include "tcg/interp.h"
#include "tcg/opt/opt.h"
#include "arm_fixture.h"

static uint32_t svc_at;  /* where the run helpers put the SVC that follows */

/* The encoding tables of the families under test, for the random test. */
#include "target/arm/a32-mem.patterns.inc"
#include "target/arm/a32-ldm.patterns.inc"
#include "target/arm/a32-branch-misc.patterns.inc"
#include "target/arm/t32-mem.patterns.inc"
#include "target/arm/t32-ldm.patterns.inc"
#include "target/arm/t32-branch-misc.patterns.inc"
#include "target/arm/t16-mem.patterns.inc"
#include "target/arm/t16-ldm.patterns.inc"
#include "target/arm/t16-branch-misc.patterns.inc"
#include "target/arm/vfp-mem.patterns.inc"
#include "target/arm/neon-mem.patterns.inc"

#define CODE 0x1000u
#define DATA 0x8000u







static uint32_t a32_at(uint32_t pc, uint32_t insn)
{
    put32(pc, insn);
    put32(pc + 4, 0xef000000);  /* svc 0 */
    svc_at = pc + 4;
    return run_at(pc, 0);
}
static uint32_t a32(uint32_t insn) { return a32_at(CODE, insn); }

static uint32_t t16_at(uint32_t pc, uint16_t hw, uint32_t it)
{
    put16(pc, hw);
    put16(pc + 2, 0xdf00);  /* svc 0 */
    svc_at = pc + 2;
    return run_at(pc, ARM_FLAG_THUMB | it << ARM_FLAG_IT_SHIFT);
}
static uint32_t t16(uint16_t hw) { return t16_at(CODE, hw, 0); }

static uint32_t t32_at(uint32_t pc, uint16_t hw1, uint16_t hw2, uint32_t it)
{
    put16(pc, hw1);
    put16(pc + 2, hw2);
    put16(pc + 4, 0xdf00);
    svc_at = pc + 4;
    return run_at(pc, ARM_FLAG_THUMB | it << ARM_FLAG_IT_SHIFT);
}
static uint32_t t32(uint16_t hw1, uint16_t hw2) { return t32_at(CODE, hw1, hw2, 0); }

/* Macros rather than functions so that a failure names the test's line. */

/* The instruction ran and the next one (the SVC after it) was reached. */
#define assert_next(run_expr)                                                              \
    do {                                                                                   \
        uint32_t exit_ = (run_expr);                                                       \
        assert_int_equal(exit_, ARM_EXIT_SVC);                                             \
        assert_int_equal(cpu.common.pc, svc_at + ((cpu.common.flags & ARM_FLAG_THUMB) ? 2 : 4)); \
    } while (0)

/* Left the TU for (pc, thumb). */
#define assert_branch(run_expr, target, thumb)                                             \
    do {                                                                                   \
        uint32_t exit_ = (run_expr);                                                       \
        assert_int_equal(exit_, TCG_EXIT_NONE);                                            \
        assert_int_equal(cpu.common.pc, (target));                                         \
        assert_int_equal(cpu.common.flags & ARM_FLAG_THUMB, (thumb) ? ARM_FLAG_THUMB : 0); \
    } while (0)

#define assert_undef(run_expr)                                                             \
    do {                                                                                   \
        uint32_t exit_ = (run_expr);                                                       \
        assert_int_equal(exit_, ARM_EXIT_UNDEF);                                           \
        assert_int_equal(cpu.common.pc, CODE);                                             \
    } while (0)

/* Ops of opcode opc in the first instruction of the TU. */
static unsigned count_first(IROpcode opc)
{
    unsigned n = 0, starts = 0;
    for (uint32_t i = 0; i < blk.nb_ops; i++) {
        if (blk.ops[i].opc == IR_insn_start && ++starts > 1)
            break;
        n += blk.ops[i].opc == opc;
    }
    return n;
}

/* ---- A32 single loads and stores ---- */

static void test_a32_ldr_modes(void **state)
{
    put32(DATA + 4, 0xdeadbeef);
    put32(DATA - 4, 0x11223344);
    put32(DATA, 0x55667788);
    cpu.regs[1] = DATA;
    assert_next(a32(0xe5910004));  /* ldr r0, [r1, #4] */
    assert_int_equal(cpu.regs[0], 0xdeadbeef);
    assert_int_equal(cpu.regs[1], DATA);
    assert_next(a32(0xe5310004));  /* ldr r0, [r1, #-4]! */
    assert_int_equal(cpu.regs[0], 0x11223344);
    assert_int_equal(cpu.regs[1], DATA - 4);
    cpu.regs[1] = DATA;
    assert_next(a32(0xe4910004));  /* ldr r0, [r1], #4 */
    assert_int_equal(cpu.regs[0], 0x55667788);
    assert_int_equal(cpu.regs[1], DATA + 4);
    cpu.regs[1] = DATA;
    assert_next(a32(0xe4b10004));  /* ldrt r0, [r1], #4 */
    assert_int_equal(cpu.regs[0], 0x55667788);
    assert_int_equal(cpu.regs[1], DATA + 4);
}

static void test_a32_register_offsets(void **state)
{
    cpu.regs[0] = 0x123456ab;
    cpu.regs[1] = DATA;
    cpu.regs[2] = 3;
    assert_next(a32(0xe7c10102));  /* strb r0, [r1, r2, lsl #2] */
    assert_int_equal(mem[DATA + 12], 0xab);
    assert_int_equal(mem[DATA + 13], 0);
    put32(DATA, 0xcafef00d);
    cpu.regs[2] = 0x80000000u;           /* asr #32 gives -1 */
    cpu.regs[1] = DATA + 1;
    assert_next(a32(0xe7910042));  /* ldr r0, [r1, r2, asr #32] */
    assert_int_equal(cpu.regs[0], 0xcafef00d);
    cpu.regs[1] = DATA;
    cpu.regs[2] = 8;
    put16(DATA, 0x8001);
    assert_next(a32(0xe01100b2));  /* ldrh r0, [r1], -r2 */
    assert_int_equal(cpu.regs[0], 0x8001);
    assert_int_equal(cpu.regs[1], DATA - 8);
    cpu.regs[1] = DATA;
    cpu.regs[2] = 16;                    /* rrx with C set: 0x80000008 */
    cpu.CF = 1;
    put32(DATA + 8, 0x99);
    cpu.regs[1] = DATA + 8 - 0x80000008u;
    assert_next(a32(0xe7910062));  /* ldr r0, [r1, r2, rrx] */
    assert_int_equal(cpu.regs[0], 0x99);
}

static void test_a32_signed_and_dual(void **state)
{
    put16(DATA + 2, 0xfffe);
    mem[DATA - 1] = 0x80;
    cpu.regs[1] = DATA;
    assert_next(a32(0xe1d100f2));  /* ldrsh r0, [r1, #2] */
    assert_int_equal(cpu.regs[0], 0xfffffffe);
    assert_next(a32(0xe15100d1));  /* ldrsb r0, [r1, #-1] */
    assert_int_equal(cpu.regs[0], 0xffffff80);
    put32(DATA + 8, 0x01020304);
    put32(DATA + 12, 0x05060708);
    assert_next(a32(0xe1c120d8));  /* ldrd r2, r3, [r1, #8] */
    assert_int_equal(cpu.regs[2], 0x01020304);
    assert_int_equal(cpu.regs[3], 0x05060708);
    assert_next(a32(0xe16120f8));  /* strd r2, r3, [r1, #-8]! */
    assert_int_equal(get32(DATA - 8), 0x01020304);
    assert_int_equal(get32(DATA - 4), 0x05060708);
    assert_int_equal(cpu.regs[1], DATA - 8);
    assert_undef(a32(0xe1c110d8));       /* ldrd r1, r2: Rt odd */
}

static void test_a32_literal_and_pc(void **state)
{
    /* ldr r0, [pc, #-4] reads the word at pc + 8 - 4: the svc after it. */
    assert_next(a32(0xe51f0004));
    assert_int_equal(cpu.regs[0], 0xef000000);
    /* pop {pc} (ldr pc, [sp], #4) interworks: bit 0 selects Thumb. */
    cpu.regs[13] = DATA;
    put32(DATA, 0x2001);
    assert_branch(a32(0xe49df004), 0x2000, true);
    assert_int_equal(cpu.regs[13], DATA + 4);
    /* The PLT's ldr pc, [ip, #8]!: writeback, then the branch. */
    cpu.regs[12] = DATA;
    put32(DATA + 8, 0x3000);
    assert_branch(a32(0xe5bcf008), 0x3000, false);
    assert_int_equal(cpu.regs[12], DATA + 8);
    /* PLD does nothing, not even a load. */
    assert_next(a32(0xf5d0f004));  /* pld [r0, #4] */
    assert_int_equal(count_first(IR_guest_ld), 0);
}

/* ---- A32 multiple, exclusive, swap ---- */

static void test_a32_ldm_stm(void **state)
{
    for (uint32_t i = 0; i < 4; i++)
        put32(DATA + 4 * i, 0x100 + i);
    cpu.regs[0] = DATA;
    put32(DATA + 8, 0x3000);
    assert_branch(a32(0xe8b08006), 0x3000, false);  /* ldm r0!, {r1, r2, pc} */
    assert_int_equal(cpu.regs[1], 0x100);
    assert_int_equal(cpu.regs[2], 0x101);
    assert_int_equal(cpu.regs[0], DATA + 12);
    cpu.regs[0] = DATA;
    assert_next(a32(0xe9900006));             /* ldmib r0, {r1, r2} */
    assert_int_equal(cpu.regs[1], 0x101);
    assert_int_equal(cpu.regs[2], 0x3000);
    cpu.regs[0] = DATA + 4;
    assert_next(a32(0xe8100006));             /* ldmda r0, {r1, r2} */
    assert_int_equal(cpu.regs[1], 0x100);
    assert_int_equal(cpu.regs[2], 0x101);
    cpu.regs[13] = DATA + 0x100;
    cpu.regs[4] = 0x44;
    cpu.regs[14] = 0xee;
    assert_next(a32(0xe92d4010));             /* push {r4, lr} */
    assert_int_equal(cpu.regs[13], DATA + 0xf8);
    assert_int_equal(get32(DATA + 0xf8), 0x44);
    assert_int_equal(get32(DATA + 0xfc), 0xee);
    /* The base in the list of an LDM with writeback: the loaded value wins. */
    cpu.regs[0] = DATA;
    assert_next(a32(0xe8b00003));             /* ldm r0!, {r0, r1} */
    assert_int_equal(cpu.regs[0], 0x100);
    assert_int_equal(cpu.regs[1], 0x101);
    /* An STM stores the base's original value. */
    cpu.regs[0] = DATA + 0x40;
    cpu.regs[1] = 7;
    assert_next(a32(0xe9000003));             /* stmdb r0, {r0, r1} */
    assert_int_equal(get32(DATA + 0x38), DATA + 0x40);
    assert_int_equal(get32(DATA + 0x3c), 7);
    assert_undef(a32(0xe8d00003));                  /* ldm r0, {r0, r1}^ */
}

static void test_a32_exclusives(void **state)
{
    put32(DATA, 5);
    cpu.regs[1] = DATA;
    cpu.regs[3] = 9;
    /* strex without a reservation fails and stores nothing */
    assert_next(a32(0xe1812f93));             /* strex r2, r3, [r1] */
    assert_int_equal(cpu.regs[2], 1);
    assert_int_equal(get32(DATA), 5);
    assert_next(a32(0xe1910f9f));             /* ldrex r0, [r1] */
    assert_int_equal(cpu.regs[0], 5);
    assert_int_equal(cpu.excl_addr, DATA);
    assert_next(a32(0xe1812f93));             /* strex r2, r3, [r1] */
    assert_int_equal(cpu.regs[2], 0);
    assert_int_equal(get32(DATA), 9);
    assert_int_equal(cpu.excl_addr, ~0u);
    /* another writer between ldrex and strex makes it fail */
    assert_next(a32(0xe1910f9f));
    put32(DATA, 6);
    assert_next(a32(0xe1812f93));
    assert_int_equal(cpu.regs[2], 1);
    assert_int_equal(get32(DATA), 6);
    /* clrex drops the reservation */
    assert_next(a32(0xe1910f9f));
    assert_next(a32(0xf57ff01f));             /* clrex */
    assert_int_equal(cpu.excl_addr, ~0u);
    /* byte and halfword forms */
    mem[DATA + 0x10] = 0xf1;
    cpu.regs[1] = DATA + 0x10;
    assert_next(a32(0xe1d10f9f));             /* ldrexb r0, [r1] */
    assert_int_equal(cpu.regs[0], 0xf1);
    cpu.regs[3] = 0xabcd1234;
    /* strexh r2, r3, [r1]: the monitor holds the address and the halfword
     * still compares equal to what ldrexb read (0x00f1) */
    assert_next(a32(0xe1e12f93));
    assert_int_equal(cpu.regs[2], 0);
    assert_int_equal(get32(DATA + 0x10), 0x1234);
}

static void test_a32_exclusive_dual(void **state)
{
    put32(DATA, 1);
    put32(DATA + 4, 2);
    cpu.regs[1] = DATA;
    assert_next(a32(0xe1b12f9f));             /* ldrexd r2, r3, [r1] */
    assert_int_equal(cpu.regs[2], 1);
    assert_int_equal(cpu.regs[3], 2);
    cpu.regs[2] = 0xaaaa;
    cpu.regs[3] = 0xbbbb;
    assert_next(a32(0xe1a10f92));             /* strexd r0, r2, r3, [r1] */
    assert_int_equal(cpu.regs[0], 0);
    assert_int_equal(get32(DATA), 0xaaaa);
    assert_int_equal(get32(DATA + 4), 0xbbbb);
    assert_next(a32(0xe1a10f92));             /* again: no reservation */
    assert_int_equal(cpu.regs[0], 1);
}

static void test_a32_swp(void **state)
{
    put32(DATA, 0x11111111);
    cpu.regs[1] = 0x22222222;
    cpu.regs[2] = DATA;
    assert_next(a32(0xe1020091));             /* swp r0, r1, [r2] */
    assert_int_equal(cpu.regs[0], 0x11111111);
    assert_int_equal(get32(DATA), 0x22222222);
    assert_next(a32(0xe1420091));             /* swpb r0, r1, [r2] */
    assert_int_equal(cpu.regs[0], 0x22);
}

/* ---- A32 branches and misc ---- */

static void test_a32_branches(void **state)
{
    /* b .+8: a hot unit goes on at the target (same page) and reaches
     * the svc there */
    put32(CODE + 8, 0xef000000);
    assert_int_equal(a32(0xea000000), ARM_EXIT_SVC);
    assert_int_equal(cpu.common.pc, CODE + 12);
    /* b to another page leaves the unit */
    assert_branch(a32(0xea0003fe), CODE + 0x1000, false);
    assert_branch(a32(0xeb000000), CODE + 8, false);   /* bl .+8 */
    assert_int_equal(cpu.regs[14], CODE + 4);
    assert_branch(a32(0xfa000000), CODE + 8, true);    /* blx .+8 */
    assert_int_equal(cpu.regs[14], CODE + 4);
    assert_branch(a32(0xfb000000), CODE + 10, true);   /* blx .+10 (H=1) */
    cpu.regs[14] = 0x4001;
    assert_branch(a32(0xe12fff1e), 0x4000, true);      /* bx lr */
    cpu.regs[3] = 0x5000;
    assert_branch(a32(0xe12fff33), 0x5000, false);     /* blx r3 */
    assert_int_equal(cpu.regs[14], CODE + 4);
    cpu.regs[14] = 0x6000;
    assert_branch(a32(0xe12fff3e), 0x6000, false);     /* blx lr: target read first */
    assert_int_equal(cpu.regs[14], CODE + 4);
    /* bne not taken (Z set: ZF == 0): the unit goes on with the next
     * instruction (a side exit would take the branch); taken, it leaves */
    cpu.ZF = 0;
    assert_next(a32(0x1a000010));
    cpu.ZF = 1;
    assert_branch(a32(0x1a000010), CODE + 8 + 0x40, false);
}

static void test_a32_exceptions(void **state)
{
    assert_int_equal(a32(0xef000000), ARM_EXIT_SVC);   /* svc 0 */
    assert_int_equal(cpu.common.pc, CODE + 4);
    assert_int_equal(a32(0xe1200070), ARM_EXIT_BKPT);  /* bkpt */
    assert_int_equal(cpu.common.pc, CODE);
    assert_undef(a32(0xe7f000f0));                      /* udf #0 */
}

static void test_a32_cp15_and_misc(void **state)
{
    cpu.tpidruro = 0xb6f00000;
    assert_next(a32(0xee1d0f70));   /* mrc p15, 0, r0, c13, c0, 3 */
    assert_int_equal(cpu.regs[0], 0xb6f00000);
    cpu.regs[0] = 0x1234;
    assert_next(a32(0xee0d0f50));   /* mcr p15, 0, r0, c13, c0, 2 */
    assert_int_equal(cpu.tpidrurw, 0x1234);
    assert_undef(a32(0xee0d0f70));        /* mcr to TPIDRURO */
    assert_undef(a32(0xee190f1c));        /* mrc p15 c9: PMU */
    assert_next(a32(0xee070fba));   /* mcr p15 CP15DMB */
    assert_int_equal(count_first(IR_mb), 1);
    assert_next(a32(0xf57ff05b));   /* dmb ish */
    assert_int_equal(count_first(IR_mb), 1);
    assert_next(a32(0xf1010000));   /* setend le */
    assert_undef(a32(0xf1010200));        /* setend be */
    assert_next(a32(0xf10c0080));   /* cpsid i: a NOP in user mode */
}

/* ---- VFP transfers ---- */

static uint16_t get16(uint32_t a) { uint16_t v; memcpy(&v, mem + a, 2); return v; }

static uint32_t sreg(unsigned n) { return (uint32_t)(cpu.vfp_d[n / 2] >> (32 * (n & 1))); }

static void test_vfp_transfers(void **state)
{
    put32(DATA, 0x11111111);
    put32(DATA + 4, 0x22222222);
    cpu.regs[1] = DATA;
    assert_next(a32(0xed910b00));   /* vldr d0, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x2222222211111111ull);
    assert_next(a32(0xedc10a01));   /* vstr s1, [r1, #4] */
    assert_int_equal(get32(DATA + 4), 0x22222222);
    assert_next(a32(0xec510b10));   /* vmov r0, r1, d0 */
    assert_int_equal(cpu.regs[0], 0x11111111);
    assert_int_equal(cpu.regs[1], 0x22222222);
    cpu.regs[0] = 0x3f800000;
    assert_next(a32(0xee000a10));   /* vmov s0, r0 */
    assert_int_equal(sreg(0), 0x3f800000);
    assert_int_equal(sreg(1), 0x22222222);
    cpu.regs[0] = 5, cpu.regs[1] = 6;
    assert_next(a32(0xec410a11));   /* vmov s2, s3, r0, r1 */
    assert_int_equal(sreg(2), 5);
    assert_int_equal(sreg(3), 6);
    assert_next(a32(0xeeb01b42));   /* vmov.f64 d1, d2 */
    assert_int_equal(cpu.vfp_d[1], 0);
    assert_next(a32(0xeeb70a00));   /* vmov.f32 s0, #1.0 */
    assert_int_equal(sreg(0), 0x3f800000);
    assert_next(a32(0xeeb70b00));   /* vmov.f64 d0, #1.0 */
    assert_int_equal(cpu.vfp_d[0], 0x3ff0000000000000ull);
    cpu.regs[0] = 0xab;
    assert_next(a32(0xee210b10));   /* vmov.32 d1[1], r0 */
    assert_int_equal(cpu.vfp_d[1], 0xab00000000ull);
    cpu.vfp_d[1] = 0x8001000000000000ull | 0xf000000000000000ull;
    assert_next(a32(0xee310b70));   /* vmov.s16 r0, d1[3] */
    assert_int_equal(cpu.regs[0], 0xfffff001);
    assert_next(a32(0xeef10b70));   /* vmov.u8 r0, d1[7] */
    assert_int_equal(cpu.regs[0], 0xf0);
}

static void test_vfp_multiple(void **state)
{
    cpu.regs[13] = DATA + 0x100;
    cpu.vfp_d[8] = 0x0807060504030201ull;
    cpu.vfp_d[9] = 0x1817161514131211ull;
    assert_next(a32(0xed2d8b04));   /* vpush {d8-d9} */
    assert_int_equal(cpu.regs[13], DATA + 0xf0);
    assert_int_equal(get32(DATA + 0xf0), 0x04030201);
    assert_int_equal(get32(DATA + 0xfc), 0x18171615);
    cpu.vfp_d[8] = cpu.vfp_d[9] = 0;
    assert_next(a32(0xecbd8b04));   /* vpop {d8-d9} */
    assert_int_equal(cpu.regs[13], DATA + 0x100);
    assert_int_equal(cpu.vfp_d[8], 0x0807060504030201ull);
    assert_int_equal(cpu.vfp_d[9], 0x1817161514131211ull);
    cpu.regs[0] = DATA + 0xf0;
    assert_next(a32(0xecb00a04));   /* vldmia r0!, {s0-s3} */
    assert_int_equal(cpu.vfp_d[0], 0x0807060504030201ull);
    assert_int_equal(cpu.regs[0], DATA + 0x100);
    cpu.vfp_d[16] = 1, cpu.vfp_d[17] = 2;
    assert_next(a32(0xed600b04));   /* vstmdb r0!, {d16-d17} */
    assert_int_equal(cpu.regs[0], DATA + 0xf0);
    assert_int_equal(get32(DATA + 0xf0), 1);
    assert_int_equal(get32(DATA + 0xf8), 2);
}

static void test_vfp_status(void **state)
{
    /* Z C, RMode, Len, trap enables (not kept), IDC */
    cpu.regs[0] = 0x60000000 | 3u << 22 | 7u << 16 | 0x9f00 | 0x80;
    assert_next(a32(0xeee10a10));   /* vmsr fpscr, r0 */
    assert_int_equal(cpu.fpscr, 0x60c70080);
    assert_next(a32(0xeef1fa10));   /* vmrs APSR_nzcv, fpscr */
    assert_int_equal(cpu.ZF, 0);          /* Z set */
    assert_int_equal(cpu.CF, 1);
    assert_int_equal(cpu.NF >> 31, 0);
    assert_int_equal(cpu.VF >> 31, 0);
    assert_next(a32(0xeef10a10));   /* vmrs r0, fpscr */
    assert_int_equal(cpu.regs[0], 0x60c70080);
    assert_undef(a32(0xeef80a10));        /* vmrs r0, fpexc: privileged */
    assert_undef(a32(0xf2210802));        /* vadd.i32 (NEON arithmetic): not here */
}

/* ---- Advanced SIMD element and structure loads/stores ---- */

static void fill_bytes(void)
{
    for (unsigned i = 0; i < 128; i++)
        mem[DATA + i] = (uint8_t)i;
}

static void test_neon_multiple(void **state)
{
    fill_bytes();
    cpu.regs[1] = DATA;
    assert_next(a32(0xf421020d));   /* vld1.8 {d0-d3}, [r1]! */
    assert_int_equal(cpu.vfp_d[0], 0x0706050403020100ull);
    assert_int_equal(cpu.vfp_d[3], 0x1f1e1d1c1b1a1918ull);
    assert_int_equal(cpu.regs[1], DATA + 32);
    cpu.regs[0] = DATA + 0x100;
    assert_next(a32(0xf400020d));   /* vst1.8 {d0-d3}, [r0]! */
    assert_memory_equal(mem + DATA + 0x100, mem + DATA, 32);
    assert_int_equal(cpu.regs[0], DATA + 0x120);
    cpu.regs[1] = DATA;
    cpu.regs[2] = 100;
    assert_next(a32(0xf4210782));   /* vld1.32 {d0}, [r1], r2 */
    assert_int_equal(cpu.regs[1], DATA + 100);
    cpu.regs[1] = DATA;
    assert_next(a32(0xf421084f));   /* vld2.16 {d0, d1}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x0d0c090805040100ull);
    assert_int_equal(cpu.vfp_d[1], 0x0f0e0b0a07060302ull);
    assert_int_equal(cpu.regs[1], DATA);
    assert_next(a32(0xf421090f));   /* vld2.8 {d0, d2}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x0e0c0a0806040200ull);
    assert_int_equal(cpu.vfp_d[2], 0x0f0d0b0907050301ull);
    assert_next(a32(0xf421038f));   /* vld2.32 {d0-d3}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x0b0a090803020100ull);
    assert_int_equal(cpu.vfp_d[2], 0x0f0e0d0c07060504ull);
    assert_int_equal(cpu.vfp_d[1], 0x1b1a191813121110ull);
    assert_int_equal(cpu.vfp_d[3], 0x1f1e1d1c17161514ull);
    assert_next(a32(0xf421040f));   /* vld3.8 {d0-d2}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x15120f0c09060300ull);
    assert_int_equal(cpu.vfp_d[1], 0x1613100d0a070401ull);
    assert_int_equal(cpu.vfp_d[2], 0x1714110e0b080502ull);
    assert_next(a32(0xf421000f));   /* vld4.8 {d0-d3}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x1c1814100c080400ull);
    assert_int_equal(cpu.vfp_d[3], 0x1f1b17130f0b0703ull);
    for (unsigned k = 0; k < 4; k++)
        cpu.vfp_d[2 * k] = 0x0003000200010000ull + 0x0010001000100010ull * k;
    assert_next(a32(0xf401014f));   /* vst4.16 {d0, d2, d4, d6}, [r1] */
    assert_int_equal(get16(DATA + 0), 0x00);
    assert_int_equal(get16(DATA + 2), 0x10);
    assert_int_equal(get16(DATA + 6), 0x30);
    assert_int_equal(get16(DATA + 8), 0x01);
    assert_int_equal(get16(DATA + 30), 0x33);
    fill_bytes();
    assert_next(a32(0xf46102ed));   /* vld1.64 {d16-d19}, [r1:128]! */
    assert_int_equal(cpu.vfp_d[16], 0x0706050403020100ull);
    assert_int_equal(cpu.vfp_d[19], 0x1f1e1d1c1b1a1918ull);
    cpu.regs[1] = DATA;
    assert_next(t32(0xf921, 0x020d));  /* vld1.8 {d0-d3}, [r1]! in T32 */
    assert_int_equal(cpu.vfp_d[1], 0x0f0e0d0c0b0a0908ull);
    assert_int_equal(cpu.regs[1], DATA + 32);
}

static void test_neon_lanes(void **state)
{
    fill_bytes();
    cpu.regs[1] = DATA;
    cpu.vfp_d[0] = 0x1111111122222222ull;
    assert_next(a32(0xf4a1088f));   /* vld1.32 {d0[1]}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x0302010022222222ull);
    cpu.regs[1] = DATA + 7;
    assert_next(a32(0xf4a130ad));   /* vld1.8 {d3[5]}, [r1]! */
    assert_int_equal(cpu.vfp_d[3], 0x0000070000000000ull);
    assert_int_equal(cpu.regs[1], DATA + 8);
    cpu.regs[1] = DATA + 0x40;
    cpu.vfp_d[2] = 0xabcd000000000000ull;
    assert_next(a32(0xf48124cf));   /* vst1.16 {d2[3]}, [r1] */
    assert_int_equal(get16(DATA + 0x40), 0xabcd);
    assert_int_equal(mem[DATA + 0x42], 0x42);
    cpu.vfp_d[2] = 0x1234000000000000ull;
    assert_next(t32(0xf981, 0x24cf));  /* the same in T32 */
    assert_int_equal(get16(DATA + 0x40), 0x1234);
    cpu.regs[1] = DATA;
    cpu.vfp_d[0] = cpu.vfp_d[2] = 0;
    assert_next(a32(0xf4a1056f));   /* vld2.16 {d0[1], d2[1]}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x01000000ull);
    assert_int_equal(cpu.vfp_d[2], 0x03020000ull);
    assert_next(a32(0xf4a10c8f));   /* vld1.32 {d0[]}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x0302010003020100ull);
    cpu.regs[1] = DATA + 5;
    assert_next(a32(0xf4a10c2f));   /* vld1.8 {d0[], d1[]}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x0505050505050505ull);
    assert_int_equal(cpu.vfp_d[1], 0x0505050505050505ull);
    cpu.regs[1] = DATA;
    assert_next(a32(0xf4a10f8f));   /* vld4.32 {d0[]-d3[]}, [r1] */
    assert_int_equal(cpu.vfp_d[1], 0x0706050407060504ull);
    assert_int_equal(cpu.vfp_d[3], 0x0f0e0d0c0f0e0d0cull);
    assert_next(a32(0xf4a10e6f));   /* vld3.16 {d0[], d2[], d4[]}, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x0100010001000100ull);
    assert_int_equal(cpu.vfp_d[2], 0x0302030203020302ull);
    assert_int_equal(cpu.vfp_d[4], 0x0504050405040504ull);
}

/* ---- T16 and T32 ---- */

static void test_thumb_loads_stores(void **state)
{
    put32(DATA + 4, 0xdeadbeef);
    cpu.regs[1] = DATA;
    assert_next(t16(0x6848));          /* ldr r0, [r1, #4] */
    assert_int_equal(cpu.regs[0], 0xdeadbeef);
    put32(DATA + 4092, 0x4092);
    assert_next(t32(0xf8d1, 0x0ffc));  /* ldr.w r0, [r1, #4092] */
    assert_int_equal(cpu.regs[0], 0x4092);
    put32(DATA - 4, 0x44);
    assert_next(t32(0xf851, 0x0d04));  /* ldr r0, [r1, #-4]! */
    assert_int_equal(cpu.regs[0], 0x44);
    assert_int_equal(cpu.regs[1], DATA - 4);
    cpu.regs[1] = DATA;
    cpu.regs[2] = 1;
    mem[DATA + 4] = 0x9c;
    assert_next(t32(0xf811, 0x0022));  /* ldrb.w r0, [r1, r2, lsl #2] */
    assert_int_equal(cpu.regs[0], 0x9c);
    assert_next(t32(0xf851, 0x0e04));  /* ldrt r0, [r1, #4] */
    assert_int_equal(cpu.regs[0], 0xdeadbe9c);
    put16(DATA - 2, 0x8000);
    assert_next(t32(0xf931, 0x0c02));  /* ldrsh.w r0, [r1, #-2] */
    assert_int_equal(cpu.regs[0], 0xffff8000);
    cpu.regs[2] = 4;
    mem[DATA + 4] = 0xef;
    assert_next(t16(0x5688));          /* ldrsb r0, [r1, r2] */
    assert_int_equal(cpu.regs[0], 0xffffffef);
    cpu.regs[13] = DATA + 0x20;
    cpu.regs[0] = 0x5a5a;
    assert_next(t32(0xf8ad, 0x0004));  /* strh.w r0, [sp, #4] */
    assert_int_equal(get32(DATA + 0x24), 0x5a5a);
    assert_next(t16(0x9002));          /* str r0, [sp, #8] */
    assert_int_equal(get32(DATA + 0x28), 0x5a5a);
    /* Literal loads use Align(PC, 4): at CODE + 2, PC is CODE + 6 -> CODE + 4. */
    put32(CODE + 12, 0x12345678);
    assert_next(t16_at(CODE + 2, 0x4802, 0));  /* ldr r0, [pc, #8] */
    assert_int_equal(cpu.regs[0], 0x12345678);
    put32(CODE - 4, 0x87654321);
    assert_next(t32(0xf85f, 0x0008));  /* ldr.w r0, [pc, #-8] */
    assert_int_equal(cpu.regs[0], 0x87654321);
    assert_next(t32(0xf890, 0xf000));  /* pld [r0] */
    assert_int_equal(count_first(IR_guest_ld), 0);
    put32(DATA + 8, 0x1111);
    put32(DATA + 12, 0x2222);
    assert_next(t32(0xe9d1, 0x2302));  /* ldrd r2, r3, [r1, #8] */
    assert_int_equal(cpu.regs[2], 0x1111);
    assert_int_equal(cpu.regs[3], 0x2222);
    assert_next(t32(0xe961, 0x2302));  /* strd r2, r3, [r1, #-8]! */
    assert_int_equal(get32(DATA - 8), 0x1111);
    assert_int_equal(cpu.regs[1], DATA - 8);
    assert_undef(t32(0xf8cf, 0x0000));       /* str.w r0, [pc, #0]: undefined */
}

/* The T16 single load/store forms, one table row each: r0 = 0xffff8281
 * is stored or r3 is loaded, with r1 = DATA, r2 = 8, sp = DATA + 0x20. */
static void test_t16_forms(void **state)
{
    static const struct {
        uint16_t insn;
        uint32_t addr, size;  /* store: where r0's low bytes land */
        uint32_t load;        /* load: the value r3 gets (memory is 0x80 + offset bytes) */
        bool is_load;
    } rows[] = {
        { 0x7148, DATA + 5, 1, 0, false },           /* strb r0, [r1, #5] */
        { 0x794b, 0, 0, 0x85, true },                /* ldrb r3, [r1, #5] */
        { 0x8088, DATA + 4, 2, 0, false },           /* strh r0, [r1, #4] */
        { 0x888b, 0, 0, 0x8584, true },              /* ldrh r3, [r1, #4] */
        { 0x5088, DATA + 8, 4, 0, false },           /* str r0, [r1, r2] */
        { 0x5288, DATA + 8, 2, 0, false },           /* strh r0, [r1, r2] */
        { 0x5488, DATA + 8, 1, 0, false },           /* strb r0, [r1, r2] */
        { 0x588b, 0, 0, 0x8b8a8988, true },          /* ldr r3, [r1, r2] */
        { 0x5c8b, 0, 0, 0x88, true },                /* ldrb r3, [r1, r2] */
        { 0x5e8b, 0, 0, 0xffff8988, true },          /* ldrsh r3, [r1, r2] */
        { 0x9b02, 0, 0, 0xabaaa9a8, true },          /* ldr r3, [sp, #8] */
        { 0x67c8, DATA + 124, 4, 0, false },         /* str r0, [r1, #124] */
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        for (unsigned k = 0; k < 0x80; k++)
            mem[DATA + k] = (uint8_t)(0x80 + k);
        cpu.regs[0] = 0xffff8281;
        cpu.regs[1] = DATA;
        cpu.regs[2] = 8;
        cpu.regs[3] = 0;
        cpu.regs[13] = DATA + 0x20;
        assert_next(t16(rows[i].insn));
        if (rows[i].is_load) {
            assert_int_equal(cpu.regs[3], rows[i].load);
        } else {
            uint8_t want[4] = { 0x81, 0x82, 0xff, 0xff };
            assert_memory_equal(mem + rows[i].addr, want, rows[i].size);
            assert_int_equal(mem[rows[i].addr + rows[i].size], (uint8_t)(rows[i].addr + rows[i].size - DATA + 0x80));
        }
    }
    /* stmia r1!, {r2, r3} */
    cpu.regs[1] = DATA + 0x40;
    cpu.regs[2] = 2, cpu.regs[3] = 3;
    assert_next(t16(0xc10c));
    assert_int_equal(get32(DATA + 0x40), 2);
    assert_int_equal(get32(DATA + 0x44), 3);
    assert_int_equal(cpu.regs[1], DATA + 0x48);
}

static void test_thumb_multiple(void **state)
{
    cpu.regs[13] = DATA + 0x100;
    cpu.regs[4] = 4, cpu.regs[14] = 0xe1;
    assert_next(t16(0xb510));          /* push {r4, lr} */
    assert_int_equal(cpu.regs[13], DATA + 0xf8);
    assert_int_equal(get32(DATA + 0xfc), 0xe1);
    cpu.regs[4] = 0;
    assert_branch(t16(0xbd10), 0xe0, true);  /* pop {r4, pc} */
    assert_int_equal(cpu.regs[4], 4);
    assert_int_equal(cpu.regs[13], DATA + 0x100);
    put32(DATA + 0x100, 0x2000);             /* an even address: back to A32 */
    cpu.regs[13] = DATA + 0x100;
    assert_branch(t32(0xf85d, 0xfb04), 0x2000, false);  /* ldr.w pc, [sp], #4 */
    cpu.regs[0] = DATA;
    put32(DATA, 10), put32(DATA + 4, 11);
    assert_next(t16(0xc806));          /* ldmia r0!, {r1, r2} */
    assert_int_equal(cpu.regs[1], 10);
    assert_int_equal(cpu.regs[0], DATA + 8);
    cpu.regs[0] = DATA;
    assert_next(t16(0xc803));          /* ldm r0, {r0, r1}: no writeback */
    assert_int_equal(cpu.regs[0], 10);
    assert_int_equal(cpu.regs[1], 11);
    cpu.regs[0] = DATA + 8;
    assert_next(t32(0xe930, 0x0006));  /* ldmdb r0!, {r1, r2} */
    assert_int_equal(cpu.regs[0], DATA);
    assert_int_equal(cpu.regs[2], 11);
    cpu.regs[13] = DATA + 0x80;
    cpu.regs[4] = 0x40, cpu.regs[5] = 0x50, cpu.regs[14] = 0x1235;
    assert_next(t32(0xe92d, 0x4030));  /* push.w {r4, r5, lr} */
    assert_branch(t32(0xe8bd, 0x8030), 0x1234, true);  /* pop.w {r4, r5, pc} */
    assert_int_equal(cpu.regs[13], DATA + 0x80);
}

static void test_thumb_exclusives(void **state)
{
    put32(DATA, 3);
    cpu.regs[1] = DATA;
    cpu.regs[3] = 4;
    assert_next(t32(0xe851, 0x0f00));  /* ldrex r0, [r1] */
    assert_int_equal(cpu.regs[0], 3);
    assert_next(t32(0xe841, 0x3200));  /* strex r2, r3, [r1] */
    assert_int_equal(cpu.regs[2], 0);
    assert_int_equal(get32(DATA), 4);
    put16(DATA, 0x7777);
    assert_next(t32(0xe8d1, 0x0f5f));  /* ldrexh r0, [r1] */
    assert_int_equal(cpu.regs[0], 0x7777);
    assert_next(t32(0xe8d1, 0x237f));  /* ldrexd r2, r3, [r1] */
    assert_next(t32(0xe8c1, 0x2370));  /* strexd r0, r2, r3, [r1] */
    assert_int_equal(cpu.regs[0], 0);
    assert_next(t32(0xe851, 0x0f00));  /* ldrex r0, [r1] */
    assert_int_equal(cpu.excl_addr, DATA);
    assert_next(t32(0xf3bf, 0x8f2f));  /* clrex */
    assert_int_equal(cpu.excl_addr, ~0u);
}

/* A fault in the middle of an LDM leaves every register as it was. */
static void test_precise_faults(void **state)
{
    cpu.regs[0] = MEM_SIZE - 4;
    cpu.regs[1] = 0x1111;
    assert_int_equal(a32(0xe8b00006), TCG_EXIT_FAULT);  /* ldm r0!, {r1, r2} */
    assert_int_equal(cpu.common.pc, CODE);
    assert_int_equal(cpu.regs[0], MEM_SIZE - 4);
    assert_int_equal(cpu.regs[1], 0x1111);
    cpu.regs[1] = MEM_SIZE;
    assert_int_equal(a32(0xe4910004), TCG_EXIT_FAULT);  /* ldr r0, [r1], #4 */
    assert_int_equal(cpu.regs[1], MEM_SIZE);
}

static void test_thumb_branches(void **state)
{
    /* Encodings from GNU ld at 0x10000; branches are relative, so here
     * they run at 0x4000 with the targets moved by the same amount. */
    assert_branch(t32_at(0x4000, 0xf000, 0xbffe, 0), 0x5000, true);    /* b.w */
    cpu.ZF = 0;                                                         /* Z set: eq */
    assert_branch(t32_at(0x4004, 0xf43e, 0xaffe, 0), 0x3004, true);    /* beq.w taken */
    cpu.ZF = 1;
    /* not taken: the TU goes on (side exit) and reaches the SVC after it */
    assert_next(t32_at(0x4004, 0xf43e, 0xaffe, 0));
    assert_branch(t32_at(0x4008, 0xf000, 0xfffe, 0), 0x5008, true);    /* bl */
    assert_int_equal(cpu.regs[14], 0x400d);
    assert_branch(t32_at(0x400c, 0xf001, 0xe800, 0), 0x5010, false);   /* blx imm */
    assert_int_equal(cpu.regs[14], 0x4011);
    assert_branch(t32_at(0x401a, 0xf001, 0xe800, 0), 0x501c, false);   /* blx: Align(PC,4) */
    assert_branch(t32_at(0x4014, 0xf3ff, 0xfffe, 0), 0x404014, true);  /* bl +4 MiB */
    put16(CODE + 8, 0xdf00);                                             /* b.n .+8, followed */
    assert_int_equal(t16(0xe002), ARM_EXIT_SVC);
    assert_int_equal(cpu.common.pc, CODE + 10);
    assert_branch(t16(0xe7fe), CODE, true);                              /* b.n . : a loop, left */
    cpu.ZF = 0;
    assert_branch(t16(0xd002), CODE + 8, true);                          /* beq.n taken */
    cpu.ZF = 1;
    assert_next(t16(0xd002));                                            /* not taken */
    cpu.regs[14] = 0x3001;
    assert_branch(t16(0x4770), 0x3000, true);                            /* bx lr */
    cpu.regs[3] = 0x3000;
    assert_branch(t16(0x4798), 0x3000, false);                           /* blx r3 */
    assert_int_equal(cpu.regs[14], CODE + 3);
    cpu.regs[0] = 0;
    assert_branch(t16(0xb110), CODE + 8, true);                          /* cbz r0 taken */
    assert_next(t16(0xb910));                                            /* cbnz r0 not taken */
    cpu.regs[0] = 1;
    assert_branch(t16(0xb910), CODE + 8, true);                          /* cbnz taken */
    /* tbb [pc, r0]: table at CODE + 4 */
    cpu.regs[0] = 1;
    mem[CODE + 4 + 1] = 5;
    put16(CODE, 0xe8df), put16(CODE + 2, 0xf000);
    assert_branch(run_at(CODE, ARM_FLAG_THUMB), CODE + 4 + 10, true);
    put16(CODE + 4 + 2, 0x100);
    put16(CODE, 0xe8df), put16(CODE + 2, 0xf010);                        /* tbh [pc, r0, lsl #1] */
    assert_branch(run_at(CODE, ARM_FLAG_THUMB), CODE + 4 + 0x200, true);
}

static void test_thumb_it_rules(void **state)
{
    /* IT EQ with one instruction: ITSTATE 0x08 */
    assert_undef(t16_at(CODE, 0xd002, 0x08));   /* beq.n inside IT */
    assert_undef(t16_at(CODE, 0xb110, 0x08));   /* cbz inside IT */
    /* b.n as the last instruction of the block, condition false: skipped */
    cpu.ZF = 1;
    assert_branch(t16_at(CODE, 0xe002, 0x08), CODE + 2, true);
    cpu.ZF = 0;
    assert_branch(t16_at(CODE, 0xe002, 0x08), CODE + 8, true);
    /* not the last: ITSTATE 0x04 (EQ, two instructions) */
    assert_undef(t16_at(CODE, 0xe002, 0x04));
}

static void test_thumb_misc(void **state)
{
    assert_int_equal(t16(0xdf00), ARM_EXIT_SVC);
    assert_int_equal(cpu.common.pc, CODE + 2);
    assert_int_equal(t16(0xbe00), ARM_EXIT_BKPT);
    assert_int_equal(cpu.common.pc, CODE);
    assert_undef(t16(0xde00));                  /* udf */
    assert_undef(t32(0xf7f0, 0xa000));          /* udf.w */
    cpu.tpidruro = 77;
    assert_next(t32(0xee1d, 0x0f70));     /* mrc p15, 0, r0, c13, c0, 3 */
    assert_int_equal(cpu.regs[0], 77);
    cpu.regs[1] = DATA;
    put32(DATA, 1), put32(DATA + 4, 2);
    assert_next(t32(0xed91, 0x0b00));     /* vldr d0, [r1] */
    assert_int_equal(cpu.vfp_d[0], 0x200000001ull);
    assert_undef(t32(0xef21, 0x0802));          /* vadd.i32: NEON */
    assert_next(t32(0xf3bf, 0x8f5b));     /* dmb ish */
    assert_next(t16(0xb650));             /* setend le */
    assert_undef(t16(0xb658));                  /* setend be */
    assert_next(t16(0xb672));             /* cpsid i */
}

/*
 * Random encodings drawn from every line of the tables (fixed bits kept,
 * the rest random), with random registers pointing into guest memory:
 * each must translate to IR that verifies and runs to an exit the
 * run-time knows. This is what the differential tester does against
 * qemu-arm, minus the comparison.
 */
typedef struct PatternSet {
    const DecodePattern *p;
    size_t n;
    int isa;  /* 0 A32, 1 T32, 2 T16 */
} PatternSet;
#define SET(name, isa) { name, sizeof(name) / sizeof(name[0]), isa }
static const PatternSet pattern_sets[] = {
    SET(decode_a32_mem_patterns, 0), SET(decode_a32_ldm_patterns, 0),
    SET(decode_a32_branch_misc_patterns, 0), SET(decode_vfp_mem_patterns, 0),
    SET(decode_t32_mem_patterns, 1), SET(decode_t32_ldm_patterns, 1),
    SET(decode_t32_branch_misc_patterns, 1), SET(decode_t16_mem_patterns, 2),
    SET(decode_t16_ldm_patterns, 2), SET(decode_t16_branch_misc_patterns, 2),
    SET(decode_neon_mem_patterns, 0),
};

static uint32_t rng_state = 0x2545f491;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void test_random_from_tables(void **state)
{
    for (size_t k = 0; k < sizeof(pattern_sets) / sizeof(pattern_sets[0]); k++) {
        const PatternSet *set = &pattern_sets[k];
        for (size_t i = 0; i < set->n; i++) {
            for (int round = 0; round < 64; round++) {
                const DecodePattern *p = &set->p[i];
                uint32_t insn = (rng() & ~p->mask) | p->value;
                uint32_t vfp_prefix = set == &pattern_sets[3] && (rng() & 1);
                for (unsigned r = 0; r < 15; r++)
                    cpu.regs[r] = DATA + (rng() & 0xff0);
                cpu.excl_addr = ~0u;
                uint32_t exit;
                if (vfp_prefix)  /* the VFP table in T32 */
                    exit = t32((uint16_t)(0xe000 | (insn >> 16 & 0x0fff)), (uint16_t)insn);
                else if (set->isa == 0)
                    exit = a32(insn);
                else if (set->isa == 1)
                    exit = t32((uint16_t)(insn >> 16), (uint16_t)insn);
                else
                    exit = t16((uint16_t)insn);
                if (exit != TCG_EXIT_NONE && exit != TCG_EXIT_FAULT && exit != ARM_EXIT_SVC &&
                    exit != ARM_EXIT_UNDEF && exit != ARM_EXIT_BKPT)
                    fail_msg("%s %08x: exit %u", p->name, insn, exit);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_a32_ldr_modes),       T(test_a32_register_offsets), T(test_a32_signed_and_dual),
        T(test_a32_literal_and_pc),  T(test_a32_ldm_stm),          T(test_a32_exclusives),
        T(test_a32_exclusive_dual),  T(test_a32_swp),              T(test_a32_branches),
        T(test_a32_exceptions),      T(test_a32_cp15_and_misc),    T(test_vfp_transfers),
        T(test_vfp_multiple),        T(test_vfp_status),           T(test_thumb_loads_stores),
        T(test_thumb_multiple),      T(test_t16_forms),      T(test_thumb_exclusives),     T(test_thumb_branches),
        T(test_thumb_it_rules),      T(test_thumb_misc),           T(test_precise_faults),
        T(test_neon_multiple),       T(test_neon_lanes),           T(test_random_from_tables),
#undef T
    };
    /* Once as the front end builds the IR, once after the passes. */
    int failed = cmocka_run_group_tests_name("arm_decode_mem", tests, NULL, NULL);
    optimize = true;
    return failed + cmocka_run_group_tests_name("arm_decode_mem_optimized", tests, NULL, NULL);
}

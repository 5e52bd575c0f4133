/*
 * The ARM guest: register file layout, CPU models and their hwcaps.
 *
 * Flags are kept in the form that is cheapest to produce from host
 * arithmetic and to test in a condition:
 *   N is bit 31 of NF; Z is set iff ZF == 0; C is CF (0 or 1);
 *   V is bit 31 of VF.
 * So "adds" sets NF = ZF = result, CF = carry, VF = (r ^ a) & ~(a ^ b),
 * and the condition "eq" is just "ZF == 0".
 */
#ifndef FERRY_ARM_CPU_H
#define FERRY_ARM_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/exec.h"

/* TcgCpu.flags for ARM: the instruction set and the IT block state. */
#define ARM_FLAG_THUMB 1u
#define ARM_FLAG_IT_SHIFT 8   /* bits 8..15: ITSTATE (cond:mask) as in CPSR */
#define ARM_FLAG_IT_MASK (0xffu << ARM_FLAG_IT_SHIFT)

/* Guest-defined exit reasons (TcgCpu.exit_reason). */
enum {
    ARM_EXIT_SVC = TCG_EXIT_GUEST,  /* system call; pc is after the svc */
    ARM_EXIT_UNDEF,                 /* undefined instruction at pc */
    ARM_EXIT_BKPT,                  /* bkpt at pc */
    ARM_EXIT_KUSER,                 /* reserved: kuser helper emulation */
};

typedef struct ArmCpuModel {
    const char *name;
    uint32_t midr;
    uint32_t hwcap, hwcap2;
    const char *description;
} ArmCpuModel;

typedef struct ArmCpu {
    TcgCpu common;            /* must be first */
    uint32_t regs[16];        /* r0..r14; regs[15] is written only for helpers */
    uint32_t NF, ZF, CF, VF;  /* see above */
    uint32_t QF;              /* sticky saturation flag: nonzero = set */
    uint32_t GE;              /* GE[3:0] for the SIMD-in-GPR media ops */
    uint32_t tpidruro;        /* TLS: read by mrc p15,0,rX,c13,c0,3 */
    uint32_t tpidrurw;
    uint32_t excl_addr;       /* exclusive monitor: address, or ~0 if clear */
    uint32_t excl_size;
    uint64_t excl_val;        /* value loaded by ldrex* */
    uint32_t fpscr;
    uint32_t fpexc;
    uint64_t vfp_d[32] __attribute__((aligned(16)));
    const ArmCpuModel *model;
    void *thread;             /* the run-time's per-thread data */
} ArmCpu;

_Static_assert(offsetof(ArmCpu, common) == 0, "TcgCpu must come first");

/* Global indices, in the order of arm_globals[] (r0..r14, then flags). */
enum {
    ARM_G_R0 = 0,
    ARM_G_SP = 13,
    ARM_G_LR = 14,
    ARM_G_NF = 15, ARM_G_ZF, ARM_G_CF, ARM_G_VF, ARM_G_QF, ARM_G_GE,
    ARM_NB_GLOBALS
};

extern const ArmCpuModel arm_cpu_models[];
const ArmCpuModel *arm_cpu_model_find(const char *name);  /* NULL if unknown */
const ArmCpuModel *arm_cpu_model_default(void);

/* CPSR as the guest would see it (NZCVQ, GE, IT, T), and its inverse. */
uint32_t arm_cpsr_read(const ArmCpu *cpu);
/* -d cpu: registers and PSR, as in qemu's log (r15 is the unit's pc). */
void arm_dump_state(FILE *f, const TcgCpu *cpu);
void arm_cpsr_write_nzcvq(ArmCpu *cpu, uint32_t cpsr);

extern const TcgGuest arm_guest;

#endif

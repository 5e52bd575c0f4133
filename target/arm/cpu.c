/*
 * ARM CPU models (what -cpu accepts, and what the guest sees in AT_HWCAP,
 * AT_HWCAP2 and /proc/cpuinfo), and the CPSR view of the split flags.
 *
 * The hwcaps promise only what the translator implements: ARMv7-A with
 * VFPv4-D32 and NEON, hardware divide, LPAE's LDRD/STRD atomicity; no
 * crypto or CRC32 extensions (so HWCAP2 is 0).
 */
#include "target/arm/cpu.h"

#include <string.h>

/* Linux arch/arm/include/uapi/asm/hwcap.h */
enum {
    ARM_HWCAP_SWP = 1u << 0,
    ARM_HWCAP_HALF = 1u << 1,
    ARM_HWCAP_THUMB = 1u << 2,
    ARM_HWCAP_FAST_MULT = 1u << 4,
    ARM_HWCAP_VFP = 1u << 6,
    ARM_HWCAP_EDSP = 1u << 7,
    ARM_HWCAP_NEON = 1u << 12,
    ARM_HWCAP_VFPv3 = 1u << 13,
    ARM_HWCAP_TLS = 1u << 15,
    ARM_HWCAP_VFPv4 = 1u << 16,
    ARM_HWCAP_IDIVA = 1u << 17,
    ARM_HWCAP_IDIVT = 1u << 18,
    ARM_HWCAP_VFPD32 = 1u << 19,
    ARM_HWCAP_LPAE = 1u << 20,
    ARM_HWCAP_EVTSTRM = 1u << 21,
};

/* NEON and LPAE are not advertised yet: glibc picks NEON string functions
 * from HWCAP_NEON, and LPAE promises single-copy-atomic 64-bit LDRD/STRD.
 * They come with the NEON issue and a 64-bit guest memory op. */
#define ARM_HWCAP_V7A_VFPV4                                                           \
    (ARM_HWCAP_SWP | ARM_HWCAP_HALF | ARM_HWCAP_THUMB | ARM_HWCAP_FAST_MULT |            \
     ARM_HWCAP_VFP | ARM_HWCAP_EDSP | ARM_HWCAP_VFPv3 | ARM_HWCAP_TLS |                  \
     ARM_HWCAP_VFPv4 | ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT | ARM_HWCAP_VFPD32 |             \
     ARM_HWCAP_EVTSTRM)

/* The first entry is the default; the list ends with a NULL name. */
const ArmCpuModel arm_cpu_models[] = {
    { "max", 0x412fc0f4, ARM_HWCAP_V7A_VFPV4, 0,
      "every feature ferry implements (ARMv7-A, as a Cortex-A15)" },
    { "cortex-a7", 0x410fc075, ARM_HWCAP_V7A_VFPV4, 0, "ARM Cortex-A7 r0p5" },
    { "cortex-a15", 0x412fc0f4, ARM_HWCAP_V7A_VFPV4, 0, "ARM Cortex-A15 r2p4" },
    { NULL, 0, 0, 0, NULL },
};

const ArmCpuModel *arm_cpu_model_find(const char *name)
{
    for (const ArmCpuModel *m = arm_cpu_models; m->name; m++)
        if (!strcmp(m->name, name))
            return m;
    /* qemu-arm's name for the default model. */
    if (!strcmp(name, "any"))
        return arm_cpu_model_default();
    return NULL;
}

const ArmCpuModel *arm_cpu_model_default(void) { return &arm_cpu_models[0]; }

enum {
    CPSR_N = 1u << 31, CPSR_Z = 1u << 30, CPSR_C = 1u << 29, CPSR_V = 1u << 28,
    CPSR_Q = 1u << 27, CPSR_GE_SHIFT = 16, CPSR_T = 1u << 5, CPSR_MODE_USR = 0x10,
};

uint32_t arm_cpsr_read(const ArmCpu *cpu)
{
    uint32_t it = (cpu->common.flags & ARM_FLAG_IT_MASK) >> ARM_FLAG_IT_SHIFT;
    uint32_t cpsr = CPSR_MODE_USR;
    cpsr |= cpu->NF & CPSR_N;
    cpsr |= cpu->ZF == 0 ? CPSR_Z : 0;
    cpsr |= cpu->CF & 1 ? CPSR_C : 0;
    cpsr |= (cpu->VF >> 3) & CPSR_V;
    cpsr |= cpu->QF ? CPSR_Q : 0;
    cpsr |= (cpu->GE & 0xf) << CPSR_GE_SHIFT;
    /* IT[1:0] in bits 26:25, IT[7:2] in bits 15:10. */
    cpsr |= (it & 3) << 25 | (it >> 2) << 10;
    cpsr |= cpu->common.flags & ARM_FLAG_THUMB ? CPSR_T : 0;
    return cpsr;
}

void arm_cpsr_write_nzcvq(ArmCpu *cpu, uint32_t cpsr)
{
    cpu->NF = cpsr & CPSR_N;
    cpu->ZF = (cpsr & CPSR_Z) ? 0 : 1;
    cpu->CF = (cpsr & CPSR_C) ? 1 : 0;
    cpu->VF = (cpsr & CPSR_V) << 3;
    cpu->QF = (cpsr & CPSR_Q) ? 1 : 0;
}

/* -d cpu: the registers as the guest sees them, before a unit runs. */
void arm_dump_state(FILE *f, const TcgCpu *tc)
{
    const ArmCpu *cpu = (const ArmCpu *)tc;
    for (unsigned r = 0; r < 16; r++)
        fprintf(f, "R%02u=%08x%c", r, r == 15 ? tc->pc : cpu->regs[r], r % 4 == 3 ? '\n' : ' ');
    uint32_t psr = arm_cpsr_read(cpu);
    fprintf(f, "PSR=%08x %c%c%c%c%c %s usr32\n\n", psr, psr & CPSR_N ? 'N' : '-', psr & CPSR_Z ? 'Z' : '-',
            psr & CPSR_C ? 'C' : '-', psr & CPSR_V ? 'V' : '-', psr & CPSR_Q ? 'Q' : '-',
            psr & CPSR_T ? "T" : "A");
}

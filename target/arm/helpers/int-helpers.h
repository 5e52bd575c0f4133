/*
 * C helpers for the ARM integer instructions not worth inlining: division
 * (the IR has no divide) and the SIMD-in-GPR media operations, which
 * would take dozens of IR ops each and are rare in compiled code.
 */
#ifndef FERRY_ARM_INT_HELPERS_H
#define FERRY_ARM_INT_HELPERS_H

#include "tcg/ir.h"

extern const IRHelper arm_helper_sdiv, arm_helper_udiv;

/* Parallel add/subtract (a, b, ARM_PAR_CODE(prefix, op)). The S and U
 * prefixes write GE and use arm_helper_parallel_ge; the others are pure. */
enum { ARM_PAR_S, ARM_PAR_Q, ARM_PAR_SH, ARM_PAR_U, ARM_PAR_UQ, ARM_PAR_UH, ARM_PAR_NB_PREFIX };
enum { ARM_PAR_ADD16, ARM_PAR_ASX, ARM_PAR_SAX, ARM_PAR_SUB16, ARM_PAR_ADD8, ARM_PAR_SUB8, ARM_PAR_NB_OP };
#define ARM_PAR_CODE(prefix, op) ((prefix) * 8u + (op))
extern const IRHelper arm_helper_parallel, arm_helper_parallel_ge;
uint32_t arm_parallel(uint32_t a, uint32_t b, uint32_t code, uint32_t *ge);

/* Saturation: (value, bits); Q is set on saturation. ssat16/usat16 work on
 * each halfword. qadd/qsub/qdadd/qdsub: (a, b). */
extern const IRHelper arm_helper_ssat, arm_helper_usat, arm_helper_ssat16, arm_helper_usat16;
extern const IRHelper arm_helper_qadd, arm_helper_qsub, arm_helper_qdadd, arm_helper_qdsub;
/* SEL (a, b, GE); USAD8 (a, b); RBIT (a). */
extern const IRHelper arm_helper_sel, arm_helper_usad8, arm_helper_rbit;

#endif

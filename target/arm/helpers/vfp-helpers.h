/*
 * C helpers for the scalar VFP data-processing instructions. They work
 * directly on ArmCpu.vfp_d and fpscr (register numbers are arguments):
 * the host FPU does the arithmetic and the helpers add ARM's semantics
 * around it (NaN propagation order, default NaN, flush-to-zero, FPSCR
 * rounding mode, cumulative exception flags with ARM's underflow rule).
 *
 * Register arguments are S numbers (0..31) for single precision and D
 * numbers (0..31) for double precision.
 */
#ifndef FERRY_ARM_VFP_HELPERS_H
#define FERRY_ARM_VFP_HELPERS_H

#include <stdint.h>

#include "tcg/ir.h"

/* Operations that are vector operations when FPSCR.Len/Stride are set
 * (short vectors, deprecated and not supported: the helper then changes
 * nothing and returns nonzero, and the caller raises UNDEF). */
enum {
    ARM_VFP_ADD, ARM_VFP_SUB, ARM_VFP_MUL, ARM_VFP_NMUL, ARM_VFP_DIV,
    ARM_VFP_MLA, ARM_VFP_MLS, ARM_VFP_NMLA, ARM_VFP_NMLS,
    ARM_VFP_FMA, ARM_VFP_FMS, ARM_VFP_FNMA, ARM_VFP_FNMS,
    ARM_VFP_NEG, ARM_VFP_ABS, ARM_VFP_SQRT,
    ARM_VFP_NB_ARITH
};

/* Conversions, always scalar. */
enum {
    ARM_VFP_CVT_FF,     /* f32 -> f64 (Dd, Sm), or with DP f64 -> f32 (Sd, Dm) */
    ARM_VFP_CVT_TOI,    /* Sd = int(Sm|Dm); UNSIGNED, RZ (else FPSCR rounding) */
    ARM_VFP_CVT_FROMI,  /* Sd|Dd = float(Sm as int); UNSIGNED */
    ARM_VFP_CVT_TOX,    /* Sd|Dd = fixed(Sd|Dd, imm fraction bits); UNSIGNED, X16 */
    ARM_VFP_CVT_FROMX,  /* Sd|Dd = float(fixed Sd|Dd, imm fraction bits) */
    ARM_VFP_CVT_H2S,    /* Sd = single(half of Sm); TOP: bits 31..16 */
    ARM_VFP_CVT_S2H,    /* half of Sd = half(Sm); TOP: bits 31..16 */
};

/* Flags or'ed into an operation code. */
#define ARM_VFP_DP 0x100u        /* double precision (for CVT_FF, TOI: the source) */
#define ARM_VFP_UNSIGNED 0x200u
#define ARM_VFP_RZ 0x400u        /* round toward zero rather than FPSCR.RMode */
#define ARM_VFP_X16 0x800u       /* 16-bit fixed-point value */
#define ARM_VFP_TOP 0x1000u      /* VCVTT: the top half */
#define ARM_VFP_E 0x2000u        /* VCMPE: quiet NaNs signal too */

/* (op | flags, d, n, m) -> 0, or nonzero if short vectors are enabled. */
extern const IRHelper arm_helper_vfp_arith;
/* (op | flags, d, m, fraction bits) -> 0 */
extern const IRHelper arm_helper_vfp_cvt;
/* (DP | E, d, m, with_zero): compares Sd|Dd with Sm|Dm (with_zero: with
 * +0.0) and sets FPSCR.NZCV. -> 0 */
extern const IRHelper arm_helper_vfp_cmp;

#endif

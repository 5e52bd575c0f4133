/*
 * The load/store family's internal split: translate-mem.c owns the entry
 * points of translate.h (arm_decode_*_mem) and tries its own tables, then
 * these, each defined next to the encoding table it includes (a generated
 * decoder's trans_* handlers are static to the file that includes it).
 */
#ifndef FERRY_ARM_TRANSLATE_MEM_H
#define FERRY_ARM_TRANSLATE_MEM_H

#include "target/arm/translate.h"

/* translate-ldm.c: LDM/STM/PUSH/POP, exclusives, SWP. */
bool arm_decode_a32_ldm(DisasContext *s, uint32_t insn);
bool arm_decode_t32_ldm(DisasContext *s, uint32_t insn);
bool arm_decode_t16_ldm(DisasContext *s, uint32_t insn);

/* translate-vfp-mem.c: VFP loads/stores and register moves. The A32 and
 * T32 encodings are the same below the top nibble (T32 uses 1110). */
bool arm_decode_vfp_mem(DisasContext *s, uint32_t insn);
/* translate-vfp-dp.c: VFP data processing, same A32/T32 convention. */
bool arm_decode_vfp_dp(DisasContext *s, uint32_t insn);

/* translate-neon-mem.c: VLD1-4/VST1-4, A32 (1111 0100) or T32 (1111 1001). */
bool arm_decode_neon_mem(DisasContext *s, uint32_t insn);

/* A32 shift of a register by an immediate (LSL/LSR/ASR/ROR/RRX, with
 * ARM's 0-means-32 and RRX rules), as used by register offsets. */
IRTemp arm_mem_shift_imm(DisasContext *s, IRTemp rm, unsigned type, unsigned amount);

/* UNPREDICTABLE encodings that ferry refuses rather than guesses at:
 * they raise SIGILL like an undefined one. Always returns true (the
 * encoding is handled). */
bool arm_mem_unpredictable(DisasContext *s);

#endif

/*
 * Shared pieces of the data-processing families (translate-dp.c,
 * translate-mul.c, translate-media.c, translate-bits.c): the barrel shifter with its carry
 * out, flag updates, and the sub-family decoders that arm_decode_*_dp
 * chains to. Other families may use the shifter (register offsets).
 */
#ifndef FERRY_ARM_TRANSLATE_DP_H
#define FERRY_ARM_TRANSLATE_DP_H

#include "target/arm/translate.h"

enum { ARM_SHIFT_LSL, ARM_SHIFT_LSR, ARM_SHIFT_ASR, ARM_SHIFT_ROR };

/* x shifted by an immediate as encoded (amount 0 means LSR/ASR #32 and
 * RRX for ROR). If carry is not NULL, *carry gets the shifter carry out,
 * or IR_NONE when C is unchanged (LSL #0). */
IRTemp arm_gen_shift_imm(DisasContext *s, IRTemp x, unsigned type, unsigned amount, IRTemp *carry);
/* x shifted by the bottom byte of a register value, with ARM's rules for
 * counts of 32 and more. */
IRTemp arm_gen_shift_reg(DisasContext *s, IRTemp x, unsigned type, IRTemp count, IRTemp *carry);

/* NF = ZF = result. Returns the temp that holds result from now on (in a
 * cold unit the op that computed it may now write ZF instead: use the
 * returned temp, not result, afterwards). */
IRTemp arm_gen_set_nz(DisasContext *s, IRTemp result) __attribute__((warn_unused_result));
/* Flag global g (ARM_G_CF, ARM_G_VF) = v, computed in place if it can be. */
void arm_gen_set_flag(DisasContext *s, unsigned g, IRTemp v);

/* The sub-families tried after the main data-processing table. */
bool arm_decode_a32_mul(DisasContext *s, uint32_t insn);
bool arm_decode_t32_mul(DisasContext *s, uint32_t insn);
bool arm_decode_a32_media(DisasContext *s, uint32_t insn);
bool arm_decode_t32_media(DisasContext *s, uint32_t insn);
bool arm_decode_a32_bits(DisasContext *s, uint32_t insn);
bool arm_decode_t32_bits(DisasContext *s, uint32_t insn);
bool arm_decode_t16_bits(DisasContext *s, uint32_t insn);

#endif

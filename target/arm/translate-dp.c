/* Data processing: being written. */
#include "target/arm/translate.h"

bool arm_decode_a32_dp(DisasContext *s, uint32_t insn) { return false; }
bool arm_decode_t32_dp(DisasContext *s, uint32_t insn) { return false; }
bool arm_decode_t16_dp(DisasContext *s, uint32_t insn) { return false; }

/* UDF in Thumb state (16-bit encoding 0xde00) raises SIGILL: exit 132.
 * (0xde01 is different: see thumb_breakinst.S.) */
#include "asm.h"
        .thumb
        .text
        .global _start
        .thumb_func
_start:
        PUTS    "before udf (thumb)\n"
        udf     #0
        PUTS    "after udf: must not print\n"
        EXIT    0
        .ltorg

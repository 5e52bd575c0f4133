/* Linux treats the Thumb undefined instruction 0xde01 (UDF #1) as its
 * Thumb breakpoint (what gdb inserts): the kernel raises SIGTRAP, not
 * SIGILL, so the shell sees 133. */
#include "asm.h"
        .thumb
        .text
        .global _start
        .thumb_func
_start:
        PUTS    "before thumb breakpoint\n"
        .hword  0xde01
        PUTS    "after: must not print\n"
        EXIT    0
        .ltorg

/* A load from address 0 raises SIGSEGV: exit 139 (128 + 11). */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        PUTS    "before null load\n"
        mov     r1, #0
        ldr     r0, [r1]
        PUTS    "after null load: must not print\n"
        EXIT    0

/* The state a program starts in, as the kernel's start_thread leaves it:
 * user mode with N, Z, C, V and Q clear. The flags are read before
 * anything can set them. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        mrs     r11, apsr
        mov     r0, r11
        bl      put_flags
        and     r11, r11, #0xf8000000
        SHOW    "apsr nzcvq", r11
        EXIT    0

/* BKPT stops the program with SIGTRAP: the shell sees 133 (128 + 5).
 * The output before it must be complete. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        PUTS    "before bkpt\n"
        bkpt    #0x12
        PUTS    "after bkpt: must not print\n"
        EXIT    0

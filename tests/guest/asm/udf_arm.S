/* UDF (permanently undefined) in ARM state raises SIGILL: exit 132. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        PUTS    "before udf (arm)\n"
        udf     #0
        PUTS    "after udf: must not print\n"
        EXIT    0

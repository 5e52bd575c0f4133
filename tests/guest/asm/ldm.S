/* Load/store multiple: STMDB/LDMIA with writeback (PUSH/POP), the IB, DA
 * and DB addressing modes, LDM loading PC (a return that interworks: to
 * ARM code and, with bit 0 set, to Thumb code), and Thumb PUSH {lr} /
 * POP {pc} returning to ARM. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        ldr     r8, =buf
        mov     r0, #0x11
        mov     r1, #0x22
        mov     r2, #0x33
        mov     r3, #0x44
        add     r9, r8, #32
        stmdb   r9!, {r0-r3}            @ r9 = buf + 16
        sub     r4, r9, r8
        SHOW    "stmdb wb", r4
        ldmia   r9!, {r4-r7}            @ r9 back to buf + 32
        add     r4, r4, r5
        add     r4, r4, r6
        add     r4, r4, r7
        sub     r5, r9, r8
        SHOW    "ldmia sum", r4
        SHOW    "ldmia wb", r5
        ldr     r9, =buf + 16
        ldmib   r9, {r4, r5}            @ buf+20, buf+24 = 0x22, 0x33
        orr     r4, r4, r5, lsl #8
        SHOW    "ldmib", r4
        ldmda   r9, {r4, r5}            @ buf+12, buf+16 = 0, 0x11
        orr     r4, r4, r5, lsl #8
        SHOW    "ldmda", r4
        add     r9, r8, #28
        ldmdb   r9!, {r4, r5, r6}       @ buf+16..24, r9 = buf+16
        orr     r4, r4, r5, lsl #8
        orr     r4, r4, r6, lsl #16
        sub     r5, r9, r8
        SHOW    "ldmdb", r4
        SHOW    "ldmdb wb", r5
        mov     r4, #0x0a               @ SHOW clobbered r0-r3
        mov     r5, #0x0b
        mov     r6, #0x0c
        stmib   r8, {r4, r5}            @ buf+4, buf+8
        stmda   r8, {r6}                @ buf+0
        mov     r4, #0
        mov     r5, #0
        mov     r6, #0
        ldm     r8, {r4, r5, r6}
        orr     r4, r4, r5, lsl #8
        orr     r4, r4, r6, lsl #16
        SHOW    "stmib/stmda", r4

        /* LDM with PC: a call returning through "pop {r4, pc}". */
        mov     r4, #0x99
        bl      arm_func
        mov     r5, r0
        SHOW    "r4 restored", r4
        SHOW    "arm_func result", r5
        /* Return from ARM into Thumb via LDM PC with bit 0 set. */
        ldr     r0, =thumb_caller + 1
        bx      r0
back_in_arm:
        SHOW    "thumb_caller result", r6
        EXIT    0

arm_func:
        push    {r4, lr}
        mov     r4, #0x1234
        add     r0, r4, #1
        pop     {r4, pc}

        .thumb
        .thumb_func
thumb_caller:
        mov     r6, #0
        bl      arm_pop_to_thumb        @ ARM callee: linker makes this BLX
        add     r6, r6, #0x100
        bl      thumb_func
        add     r6, r6, #0x1000
        ldr     r0, =back_in_arm
        bx      r0

        .thumb_func
thumb_func:
        push    {r4, lr}
        add     r6, r6, #0x10
        pop     {r4, pc}                @ Thumb POP PC: return stays Thumb

        .arm
        .type   arm_pop_to_thumb, %function     @ so that the linker makes BL a BLX
arm_pop_to_thumb:
        push    {r5, lr}                @ lr has bit 0 set (caller is Thumb)
        add     r6, r6, #1
        ldmia   sp!, {r5, pc}           @ interworking return to Thumb

        .ltorg
        .data
        .balign 8
buf:    .space  64

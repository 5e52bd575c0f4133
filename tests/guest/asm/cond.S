/* Conditional execution in ARM state: for each of the 16 NZCV values
 * (set directly with MSR), every condition code EQ..AL guards an ORR that
 * sets one bit; the mask printed per flag value is the truth table of
 * the 15 conditions. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        mov     r4, #0                  @ NZCV value 0..15
1:      lsl     r6, r4, #28
        mov     r5, #0
        msr     APSR_nzcvq, r6
        orreq   r5, r5, #(1 << 0)
        orrne   r5, r5, #(1 << 1)
        orrcs   r5, r5, #(1 << 2)
        orrcc   r5, r5, #(1 << 3)
        orrmi   r5, r5, #(1 << 4)
        orrpl   r5, r5, #(1 << 5)
        orrvs   r5, r5, #(1 << 6)
        orrvc   r5, r5, #(1 << 7)
        orrhi   r5, r5, #(1 << 8)
        orrls   r5, r5, #(1 << 9)
        orrge   r5, r5, #(1 << 10)
        orrlt   r5, r5, #(1 << 11)
        orrgt   r5, r5, #(1 << 12)
        orrle   r5, r5, #(1 << 13)
        orral   r5, r5, #(1 << 14)
        mrs     r7, apsr                @ the ORRs must not change the flags
        lsr     r7, r7, #28
        orr     r5, r5, r7, lsl #16
        SHOW    "nzcv/mask", r5
        add     r4, r4, #1
        cmp     r4, #16
        bne     1b

        /* Conditional loads, stores and branches. */
        ldr     r8, =cell
        mov     r0, #5
        str     r0, [r8]
        cmp     r0, #5
        ldrne   r5, =0xbad
        ldreq   r5, [r8]
        moveq   r0, #7
        strne   r0, [r8]
        streq   r0, [r8, #4]
        ldr     r6, [r8]
        ldr     r7, [r8, #4]
        orr     r5, r5, r6, lsl #8
        orr     r5, r5, r7, lsl #16
        SHOW    "condmem", r5
        mov     r5, #0
        cmp     r5, #1
        blt     2f
        orr     r5, r5, #1
2:      bge     3f
        orr     r5, r5, #2
3:      blgt    4f
        orr     r5, r5, #4
        SHOW    "condbranch", r5
        EXIT    0
4:      orr     r5, r5, #8
        bx      lr

        .data
        .balign 8
cell:   .word   0, 0

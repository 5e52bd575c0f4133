/* IT blocks in Thumb state: all 15 shapes (IT, ITT, ITE, ... ITEEE),
 * each with a different base condition, run under several NZCV values
 * set with MSR; every instruction in the block ORs its own bit, so the
 * printed mask shows which ones executed. Then the cases that trip
 * translators: a CMP inside a block changing the flags seen by the later
 * instructions, 16-bit instructions that do not set flags inside a block
 * (MOVS/ADDS encodings become MOV/ADD), a branch as the last instruction,
 * and an IT block spanning a 32-bit instruction. */
#include "asm.h"
        .thumb
        .text
        .global _start
        .thumb_func
_start:
        ldr     r11, =flagvals
        mov     r10, #0
1:      ldr     r4, [r11, r10, lsl #2]
        mov     r5, #0
        mov     r6, #0
        msr     APSR_nzcvq, r4
        it eq
        orreq   r5, r5, #(1 << 0)
        msr     APSR_nzcvq, r4
        itt cs
        orrcs   r5, r5, #(1 << 1)
        orrcs   r5, r5, #(1 << 2)
        msr     APSR_nzcvq, r4
        ite mi
        orrmi   r5, r5, #(1 << 3)
        orrpl   r5, r5, #(1 << 4)
        msr     APSR_nzcvq, r4
        ittt vs
        orrvs   r5, r5, #(1 << 5)
        orrvs   r5, r5, #(1 << 6)
        orrvs   r5, r5, #(1 << 7)
        msr     APSR_nzcvq, r4
        itte hi
        orrhi   r5, r5, #(1 << 8)
        orrhi   r5, r5, #(1 << 9)
        orrls   r5, r5, #(1 << 10)
        msr     APSR_nzcvq, r4
        itet ge
        orrge   r5, r5, #(1 << 11)
        orrlt   r5, r5, #(1 << 12)
        orrge   r5, r5, #(1 << 13)
        msr     APSR_nzcvq, r4
        itee gt
        orrgt   r5, r5, #(1 << 14)
        orrle   r5, r5, #(1 << 15)
        orrle   r5, r5, #(1 << 16)
        msr     APSR_nzcvq, r4
        itttt ne
        orrne   r5, r5, #(1 << 17)
        orrne   r5, r5, #(1 << 18)
        orrne   r5, r5, #(1 << 19)
        orrne   r5, r5, #(1 << 20)
        msr     APSR_nzcvq, r4
        ittte cc
        orrcc   r5, r5, #(1 << 21)
        orrcc   r5, r5, #(1 << 22)
        orrcc   r5, r5, #(1 << 23)
        orrcs   r5, r5, #(1 << 24)
        msr     APSR_nzcvq, r4
        ittet pl
        orrpl   r5, r5, #(1 << 25)
        orrpl   r5, r5, #(1 << 26)
        orrmi   r5, r5, #(1 << 27)
        orrpl   r5, r5, #(1 << 28)
        msr     APSR_nzcvq, r4
        ittee vc
        orrvc   r5, r5, #(1 << 29)
        orrvc   r5, r5, #(1 << 30)
        orrvs   r5, r5, #(1 << 31)
        orrvs   r6, r6, #(1 << 0)
        msr     APSR_nzcvq, r4
        itett ls
        orrls   r6, r6, #(1 << 1)
        orrhi   r6, r6, #(1 << 2)
        orrls   r6, r6, #(1 << 3)
        orrls   r6, r6, #(1 << 4)
        msr     APSR_nzcvq, r4
        itete lt
        orrlt   r6, r6, #(1 << 5)
        orrge   r6, r6, #(1 << 6)
        orrlt   r6, r6, #(1 << 7)
        orrge   r6, r6, #(1 << 8)
        msr     APSR_nzcvq, r4
        iteet le
        orrle   r6, r6, #(1 << 9)
        orrgt   r6, r6, #(1 << 10)
        orrgt   r6, r6, #(1 << 11)
        orrle   r6, r6, #(1 << 12)
        msr     APSR_nzcvq, r4
        iteee eq
        orreq   r6, r6, #(1 << 13)
        orrne   r6, r6, #(1 << 14)
        orrne   r6, r6, #(1 << 15)
        orrne   r6, r6, #(1 << 16)
        SHOW    "it shapes 0-31", r5
        SHOW    "it shapes 32-48", r6
        add     r10, r10, #1
        cmp     r10, #8
        bne     1b

        /* CMP inside the block: the third instruction sees the new flags. */
        mov     r5, #0
        movs    r0, #1
        cmp     r0, #1                  @ Z=1
        itte    eq
        cmpeq   r0, #2                  @ runs: Z=0 now, C=0 (1 < 2)
        orreq   r5, r5, #1              @ skipped: EQ is false after the CMP
        orrne   r5, r5, #2              @ runs
        SHOW    "cmp in it", r5

        /* 16-bit MOVS/ADDS inside IT are MOV/ADD: flags unchanged. */
        mov     r0, #0
        cmp     r0, #0                  @ Z=1 C=1
        itt     eq
        moveq   r1, #0x80               @ 16-bit encoding MOV (no flags)
        addeq   r1, r1, #1
        mrs     r6, apsr
        lsr     r6, r6, #28
        orr     r5, r1, r6, lsl #16
        SHOW    "flags kept", r5

        /* Branch as the last instruction of a block. */
        mov     r5, #0
        cmp     r5, #0
        ite     ne
        movne   r5, #1
        beq     2f
        orr     r5, r5, #0x10
2:      orr     r5, r5, #0x20
        cmp     r5, #0x20
        itt     eq
        orreq   r5, r5, #0x40
        bleq    sub
        SHOW    "branch in it", r5

        /* Mixed 16- and 32-bit instructions, including loads. */
        ldr     r8, =data
        mov     r0, #3
        cmp     r0, #2                  @ GT, CS, NE
        itete   gt
        ldrgt.w r6, [r8, #4]
        ldrle   r6, [r8]
        addgt.w r6, r6, #0x1000
        suble   r6, r6, #1
        SHOW    "mixed widths", r6
        EXIT    0

        .thumb_func
sub:    orr     r5, r5, #0x80
        bx      lr

        .ltorg
        .data
        .balign 8
flagvals:
        .word   0x00000000, 0x40000000, 0x20000000, 0x60000000
        .word   0x80000000, 0x10000000, 0x90000000, 0xf0000000
data:   .word   0x11, 0x22

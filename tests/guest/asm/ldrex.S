/* Exclusive loads and stores: an LDREX/STREX retry loop adding 1000
 * times, the byte, halfword and doubleword forms, CLREX making the next
 * STREX fail (status 1, memory unchanged), a STREX to a different
 * address after LDREX, and DMB/DSB/ISB being accepted. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        ldr     r8, =counter
        mov     r4, #0
1:      ldrex   r0, [r8]
        add     r0, r0, #3
        strex   r1, r0, [r8]
        cmp     r1, #0
        bne     1b
        add     r4, r4, #1
        cmp     r4, #1000
        bne     1b
        dmb     ish
        ldr     r5, [r8]
        SHOW    "counter", r5

        ldr     r8, =bytes
2:      ldrexb  r0, [r8]
        add     r0, r0, #0x81           @ wraps within the byte
        strexb  r1, r0, [r8]
        cmp     r1, #0
        bne     2b
        add     r9, r8, #2
        movw    r2, #0x8001
3:      ldrexh  r0, [r9]
        add     r0, r0, r2
        strexh  r1, r0, [r9]
        cmp     r1, #0
        bne     3b
        ldr     r5, [r8]
        SHOW    "byte+half", r5

        ldr     r8, =dword
4:      ldrexd  r2, r3, [r8]
        adds    r2, r2, #1              @ 64-bit increment: carry into the high word
        adc     r3, r3, #0
        strexd  r1, r2, r3, [r8]
        cmp     r1, #0
        bne     4b
        ldrd    r4, r5, [r8]
        SHOW    "dword lo", r4
        SHOW    "dword hi", r5

        ldr     r8, =counter
        ldrex   r0, [r8]
        clrex
        mov     r0, #0x55
        strex   r6, r0, [r8]
        SHOW    "strex after clrex", r6
        ldr     r5, [r8]
        SHOW    "unchanged", r5
        mov     r0, #0x66
        strex   r6, r0, [r8]            @ no LDREX at all: fails too
        SHOW    "strex without ldrex", r6
        dsb     sy
        isb     sy
        EXIT    0

        .data
        .balign 8
counter: .word  0
bytes:  .byte   0x7f, 0x11, 0xff, 0x7f
        .balign 8
dword:  .word   0xffffffff, 0x00000001

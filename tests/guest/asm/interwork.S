/* ARM/Thumb interworking: BLX immediate both ways, BLX and BX register,
 * LDR PC with a Thumb address, ARMv7's interworking MOV PC and ADD PC in
 * ARM state, and a Thumb function returning through BX LR. Each hop
 * adds a distinct bit so that a missed or doubled hop shows. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        mov     r4, #0
        blx     t_one                   @ BLX imm: ARM -> Thumb
        ldr     r0, =t_two + 1
        blx     r0                      @ BLX reg: ARM -> Thumb
        ldr     r0, =a_three
        blx     r0                      @ BLX reg: ARM -> ARM
        adr     lr, 1f
        ldr     pc, =t_four + 1         @ LDR PC interworks (v5+)
1:      ldr     r0, =t_five + 1
        adr     lr, 2f
        mov     pc, r0                  @ ARMv7: MOV PC in ARM state interworks
2:      SHOW    "arm side", r4
        ldr     r0, =t_start + 1
        bx      r0
arm_done:
        SHOW    "thumb side", r4
        EXIT    0

a_three:
        orr     r4, r4, #4
        bx      lr
a_six:
        orr     r4, r4, #0x20
        bx      lr
a_seven:
        orr     r4, r4, #0x40
        mov     pc, lr                  @ plain return to ARM

        .thumb
        .thumb_func
t_one:  orr     r4, r4, #1
        bx      lr
        .thumb_func
t_two:  orr     r4, r4, #2
        bx      lr
        .thumb_func
t_four: orr     r4, r4, #8
        bx      lr
        .thumb_func
t_five: orr     r4, r4, #0x10
        bx      lr

        .thumb_func
t_start:
        mov     r4, #0
        blx     a_six                   @ BLX imm: Thumb -> ARM
        ldr     r0, =a_seven
        blx     r0                      @ BLX reg: Thumb -> ARM
        bl      t_one                   @ BL: Thumb -> Thumb
        ldr     r0, =t_two + 1
        blx     r0                      @ BLX reg: Thumb -> Thumb
        ldr     r0, =arm_done
        bx      r0                      @ BX: Thumb -> ARM
        .ltorg

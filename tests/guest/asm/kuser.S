/* The kernel user helpers page at 0xffff0000 and the TLS registers:
 * __kuser_helper_version (0xffff0ffc), set_tls (ARM private syscall
 * 0xf0005) read back through both __kuser_get_tls (0xffff0fe0) and
 * MRC p15 TPIDRURO, the user-writable TPIDRURW (MCR/MRC), __kuser_cmpxchg
 * (0xffff0fc0) succeeding and failing (r0 = 0 and C set on success),
 * __kuser_memory_barrier (0xffff0fa0) and __kuser_cmpxchg64 (0xffff0f60).
 * Called from Thumb code too, as glibc's Thumb builds do. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        ldr     r0, =0xffff0ffc
        ldr     r4, [r0]
        cmp     r4, #5
        movge   r5, #1
        movlt   r5, #0
        SHOW    "helper version >= 5", r5

        ldr     r0, =0x12345678
        ldr     r7, =ARM_set_tls
        svc     #0
        mov     r4, r0
        SHOW    "set_tls returned", r4
        ldr     r0, =0xffff0fe0
        blx     r0                      @ __kuser_get_tls
        mov     r4, r0
        SHOW    "kuser_get_tls", r4
        mrc     p15, 0, r4, c13, c0, 3  @ TPIDRURO
        SHOW    "tpidruro", r4
        ldr     r0, =0xcafef00d
        mcr     p15, 0, r0, c13, c0, 2  @ TPIDRURW is writable from user mode
        mrc     p15, 0, r4, c13, c0, 2
        SHOW    "tpidrurw", r4

        ldr     r8, =word
        mov     r0, #10                 @ expected old value
        mov     r1, #20                 @ new value
        mov     r2, r8
        ldr     r3, =0xffff0fc0
        blx     r3                      @ __kuser_cmpxchg: succeeds
        mrs     r5, apsr
        mov     r4, r0
        SHOW    "cmpxchg ok r0", r4
        lsr     r5, r5, #29
        and     r5, r5, #1
        SHOW    "cmpxchg ok C", r5
        ldr     r4, [r8]
        SHOW    "word now", r4
        mov     r0, #10                 @ stale expected value
        mov     r1, #30
        mov     r2, r8
        ldr     r3, =0xffff0fc0
        blx     r3                      @ fails: word is 20
        mrs     r5, apsr
        cmp     r0, #0
        movne   r4, #1
        moveq   r4, #0
        SHOW    "cmpxchg fail r0!=0", r4
        lsr     r5, r5, #29
        and     r5, r5, #1
        SHOW    "cmpxchg fail C", r5
        ldr     r4, [r8]
        SHOW    "word unchanged", r4

        ldr     r0, =0xffff0fa0
        blx     r0                      @ __kuser_memory_barrier

        ldr     r0, =old64              @ __kuser_cmpxchg64(oldptr, newptr, ptr)
        ldr     r1, =new64
        ldr     r2, =val64
        ldr     r3, =0xffff0f60
        blx     r3
        mov     r4, r0
        SHOW    "cmpxchg64 r0", r4
        ldr     r8, =val64
        ldrd    r4, r5, [r8]
        SHOW    "val64 lo", r4
        SHOW    "val64 hi", r5

        ldr     r0, =thumb_part + 1
        bx      r0
        .ltorg

        .thumb
        .thumb_func
thumb_part:
        ldr     r0, =0xffff0fe0
        blx     r0                      @ from Thumb: returns with BX LR
        mov     r4, r0
        SHOW    "get_tls from thumb", r4
        mrc     p15, 0, r4, c13, c0, 3
        SHOW    "tpidruro from thumb", r4
        EXIT    0
        .ltorg

        .data
        .balign 8
word:   .word   10
        .balign 8
old64:  .word   0xffffffff, 0x00000001
new64:  .word   0x00000002, 0x00000003
val64:  .word   0xffffffff, 0x00000001

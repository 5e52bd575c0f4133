/* Raw system calls with SVC #0 and the number in r7 (EABI): write
 * returning the byte count, getpid > 0, errors as negative errno in r0
 * (EBADF for a bad descriptor, EFAULT for a bad buffer, ENOSYS for an
 * unknown number), r1-r6 and the flags preserved across a call, and
 * exit_group's status reaching the parent. From Thumb as well. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        mov     r0, #1
        ldr     r1, =msg
        mov     r2, #msglen
        mov     r7, #SYS_write
        svc     #0
        mov     r4, r0
        SHOW    "write returned", r4
        mov     r7, #SYS_getpid
        svc     #0
        cmp     r0, #0
        movgt   r4, #1
        movle   r4, #0
        SHOW    "getpid > 0", r4
        mov     r0, #99
        ldr     r1, =msg
        mov     r2, #1
        mov     r7, #SYS_write
        svc     #0
        mov     r4, r0
        SHOW    "write bad fd (-EBADF)", r4
        mov     r0, #1
        mov     r1, #16                 @ unmapped buffer
        mov     r2, #4
        mov     r7, #SYS_write
        svc     #0
        mov     r4, r0
        SHOW    "write bad buffer (-EFAULT)", r4
        ldr     r7, =999
        svc     #0
        mov     r4, r0
        SHOW    "syscall 999 (-ENOSYS)", r4
        /* Registers other than r0 survive, and so do the flags. */
        ldr     r1, =0x11111111
        ldr     r2, =0x22222222
        ldr     r3, =0x33333333
        ldr     r4, =0x44444444
        ldr     r5, =0x55555555
        ldr     r6, =0x66666666
        mov     r0, #0x90000000
        msr     APSR_nzcvq, r0
        mov     r7, #SYS_getpid
        svc     #0
        mrs     r8, apsr
        add     r9, r1, r2
        add     r9, r9, r3
        add     r9, r9, r4
        add     r9, r9, r5
        add     r9, r9, r6
        SHOW    "r1..r6 sum", r9
        lsr     r8, r8, #28
        SHOW    "flags after svc", r8
        ldr     r0, =thumb_part + 1
        bx      r0
        .ltorg

        .thumb
        .thumb_func
thumb_part:
        movs    r0, #1
        ldr     r1, =tmsg
        movs    r2, #tmsglen
        movs    r7, #SYS_write
        svc     #0
        mov     r4, r0
        SHOW    "thumb write returned", r4
        movs    r0, #3
        mov     r7, #SYS_exit_group
        svc     #0
        .ltorg

        .section .rodata
msg:    .ascii  "hello from svc\n"
        .equ    msglen, . - msg
tmsg:   .ascii  "hello from thumb svc\n"
        .equ    tmsglen, . - tmsg

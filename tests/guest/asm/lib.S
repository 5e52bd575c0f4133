/* Output helpers for the assembly tests: ARM code, AAPCS (clobber r0-r3,
 * r12, lr), returning with BX LR so that Thumb callers work too. Only
 * the write and exit_group system calls are used. */
#include "asm.h"
        .arm
        .text

/* put_str(r0 = NUL-terminated string) */
        .global put_str
        .type put_str, %function
put_str:
        push    {r4, r7, lr}
        mov     r1, r0
        mov     r2, #0
1:      ldrb    r3, [r1, r2]
        cmp     r3, #0
        addne   r2, r2, #1
        bne     1b
        mov     r0, #1
        mov     r7, #SYS_write
        svc     #0
        pop     {r4, r7, lr}
        bx      lr

/* put_hexln(r0): eight hex digits and a newline */
        .global put_hexln
        .type put_hexln, %function
put_hexln:
        push    {r4, r7, lr}
        sub     sp, sp, #16
        mov     r2, #8
        mov     r3, #10
        strb    r3, [sp, #8]
1:      and     r3, r0, #15
        cmp     r3, #10
        addlo   r3, r3, #'0'
        addhs   r3, r3, #('a' - 10)
        sub     r2, r2, #1
        strb    r3, [sp, r2]
        lsr     r0, r0, #4
        cmp     r2, #0
        bne     1b
        mov     r0, #1
        mov     r1, sp
        mov     r2, #9
        mov     r7, #SYS_write
        svc     #0
        add     sp, sp, #16
        pop     {r4, r7, lr}
        bx      lr

/* put_flags(r0 = APSR value): "nzcv=NzCv\n" style */
        .global put_flags
        .type put_flags, %function
put_flags:
        push    {r4, r5, r7, lr}
        sub     sp, sp, #16
        ldr     r1, =flagtext
        ldr     r2, [r1]
        str     r2, [sp]
        ldr     r2, [r1, #4]
        str     r2, [sp, #4]
        ldr     r2, [r1, #8]
        str     r2, [sp, #8]
        mov     r4, #5          @ position of the N letter
        mov     r5, #31         @ bit of N
1:      lsr     r3, r0, r5
        tst     r3, #1
        ldrbne  r3, [sp, r4]
        subne   r3, r3, #('a' - 'A')
        strbne  r3, [sp, r4]
        add     r4, r4, #1
        sub     r5, r5, #1
        cmp     r4, #9
        bne     1b
        mov     r0, #1
        mov     r1, sp
        mov     r2, #10
        mov     r7, #SYS_write
        svc     #0
        add     sp, sp, #16
        pop     {r4, r5, r7, lr}
        bx      lr

/* do_exit(r0 = status) */
        .global do_exit
        .type do_exit, %function
do_exit:
        mov     r7, #SYS_exit_group
        svc     #0
        b       do_exit

        .section .rodata
flagtext:
        .ascii  "nzcv=nzcv\n\0\0"

/* Loops whose head is not the start of their translation unit: a function
 * whose prologue and loop are one unit, with a B back to the loop's first
 * instruction (in the hot tier that B becomes a branch inside the unit,
 * to a label with an exit_request check). For each instruction set:
 * 1. 3000 calls (the unit turns hot on the way) that must all return the
 *    same sum, shown once;
 * 2. one call that loops until SIGALRM (20 ms): the handler must run, so
 *    the loop inside the unit must notice the pending signal. It prints
 *    and exits. */
#include "asm.h"
        .text

#define SYS_rt_sigaction 174
#define SYS_setitimer    104
#define SIGALRM          14
#define CALLS            3000

/* r0 = n: returns 0 + 1 + ... + (n - 1) (mod 2^32) and its xor; n = 0
 * loops (nearly) forever. r1 and r2 hold the running values. */
        .arm
sum_arm:
        mov     r1, #0
        mov     r2, #0
        mov     r3, #0
1:      add     r1, r1, r3                @ the loop head, inside the unit
        eor     r2, r2, r3
        add     r3, r3, #1
        cmp     r3, r0
        beq     2f
        tst     r3, #0x40
        bne     1b                        @ a conditional way back
        add     r1, r1, #0                @ and an unconditional one
        b       1b
2:      mov     r0, r1
        mov     r1, r2
        bx      lr

        .thumb
        .thumb_func
sum_thumb:
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
1:      add     r1, r1, r3
        eors    r2, r2, r3
        adds    r3, r3, #1
        cmp     r3, r0
        beq     2f
        lsls    r12, r3, #25
        it      mi
        addmi   r1, r1, #0
        b       1b
2:      mov     r0, r1
        mov     r1, r2
        bx      lr

        .arm
        .global _start
_start:
        /* ARM: CALLS calls, each must give the first one's sums. */
        ldr     r6, =CALLS
        mov     r0, #201
        bl      sum_arm
        mov     r4, r0
        mov     r5, r1
1:      mov     r0, #201
        bl      sum_arm
        cmp     r0, r4
        cmpeq   r1, r5
        bne     bad
        subs    r6, r6, #1
        bne     1b
        SHOW    "arm sum", r4
        SHOW    "arm xor", r5

        /* Thumb, the same way (blx to Thumb code). */
        ldr     r6, =CALLS
        mov     r0, #201
        blx     sum_thumb
        mov     r4, r0
        mov     r5, r1
1:      mov     r0, #201
        blx     sum_thumb
        cmp     r0, r4
        cmpeq   r1, r5
        bne     bad
        subs    r6, r6, #1
        bne     1b
        SHOW    "thumb sum", r4
        SHOW    "thumb xor", r5

        /* An endless Thumb loop, then an ARM one, left by SIGALRM. */
        ldr     r8, =1f
        bl      arm_alarm
        mov     r0, #0
        blx     sum_thumb
        b       bad
1:      ldr     r8, =2f
        bl      arm_alarm
        mov     r0, #0
        bl      sum_arm
        b       bad
2:      EXIT    0

bad:
        PUTS    "wrong sum or the loop returned\n"
        EXIT    1

/* SIGALRM in 20 ms; the handler goes on at r8 (in ARM code). */
arm_alarm:
        push    {r4, r7, lr}
        mov     r0, #SIGALRM
        ldr     r1, =act_alrm
        mov     r2, #0
        mov     r3, #8
        mov     r7, #SYS_rt_sigaction
        svc     #0
        mov     r0, #0                    @ ITIMER_REAL
        ldr     r1, =itimer
        mov     r2, #0
        mov     r7, #SYS_setitimer
        svc     #0
        pop     {r4, r7, lr}
        bx      lr

/* Never returns: the signal stays blocked (SA_NODEFER is not set), which
 * is fine, since each alarm gets its own handler registration and the
 * mask is reset below. */
h_alrm:
        PUTS    "loop left by SIGALRM\n"
        /* Unblock SIGALRM for the next round: rt_sigprocmask(SIG_UNBLOCK). */
        mov     r0, #1
        ldr     r1, =alrm_set
        mov     r2, #0
        mov     r3, #8
        mov     r7, #175
        svc     #0
        bx      r8

        .data
        .align  2
act_alrm:
        .word   h_alrm, 0, 0, 0, 0
itimer:
        .word   0, 0, 0, 20000            @ no interval; 20 ms
alrm_set:
        .word   1 << (SIGALRM - 1), 0

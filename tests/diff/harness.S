/*
 * The guest side of the differential tester: runs every sequence of the
 * generated table in turn and writes one record per sequence to stdout.
 *
 * For each sequence: copy its window of the pool into the buffer, set
 * APSR, then load r0-r12, lr and pc (the sequence's entry, bit 0 for
 * Thumb) with one LDM. The sequence's epilogue (emitted by the generator,
 * in the sequence's own instruction set) pushes r0-r12, lr into the record
 * through SP, which the harness pointed there and which no tested
 * instruction touches, stores APSR, and returns here with BX. One write()
 * per record, so the output of an emulator that dies part-way still tells
 * which sequence killed it. No libc: write, exit_group and rt_sigaction.
 *
 * SIGILL, SIGBUS, SIGSEGV and SIGFPE are caught: an encoding both
 * emulators refuse is no mismatch, and one run covers the whole batch.
 * The handler records the signal (registers zero), never returns, and the
 * loop goes on (SA_NODEFER keeps the signal unblocked). An emulator
 * without rt_sigaction still runs the batch; it just stops at the first
 * such sequence, and tests/diff/run restarts after it.
 */
#include "tests/diff/layout.h"

    .syntax unified
    .arch armv7-a
    .arm
    .text
    .global _start
_start:
    mov r4, #0
0:  ldr r1, =diff_signals
    ldrb r0, [r1, r4]
    ldr r1, =diff_sigaction
    mov r2, #0
    mov r3, #8
    mov r7, #174                @ rt_sigaction
    svc #0
    add r4, r4, #1
    cmp r4, #4
    bne 0b
    ldr r4, =diff_table
    ldr r5, =diff_nseq
    ldr r5, [r5]
    cmp r5, #0
    beq 3f
1:  ldr r0, [r4, #DIFF_TAB_POOL]
    ldr r1, =diff_pool
    add r1, r1, r0
    ldr r2, =diff_buf
    mov r3, #DIFF_BUF_SIZE
2:  ldm r1!, {r6-r9}
    stm r2!, {r6-r9}
    subs r3, r3, #16
    bne 2b
    ldr r0, =diff_hstate
    stm r0, {r4, r5}
    ldr sp, =diff_rec + DIFF_REC_TRAP
    ldr r0, [r4, #DIFF_TAB_APSR]
    msr APSR_nzcvqg, r0
    mov r0, r4
    ldm r0, {r0-r12, lr, pc}

    .global diff_return
diff_trap:                      @ r0: the signal
    ldr r1, =diff_rec
    str r0, [r1, #DIFF_REC_TRAP]
    mov r0, #0
    add r2, r1, #DIFF_REC_APSR
    mov r3, #15                 @ APSR, r0-r12, r14
5:  str r0, [r2], #4
    subs r3, r3, #1
    bne 5b
    b 6f
diff_return:
    ldr r1, =diff_rec
    mov r0, #0
    str r0, [r1, #DIFF_REC_TRAP]
6:  ldr r0, =diff_hstate
    ldm r0, {r4, r5}
    ldr r1, =diff_rec
    ldr r0, [r4, #DIFF_TAB_SEQ]
    str r0, [r1, #DIFF_REC_SEQ]
    add r1, r1, #DIFF_REC_BUF
    ldr r2, =diff_buf
    mov r3, #DIFF_BUF_SIZE
2:  ldm r2!, {r6-r9}
    stm r1!, {r6-r9}
    subs r3, r3, #16
    bne 2b
    mov r0, #1
    ldr r1, =diff_rec
    ldr r2, =DIFF_REC_SIZE
    mov r7, #4                  @ write
    svc #0
    ldr r2, =DIFF_REC_SIZE
    cmp r0, r2
    bne 4f
    add r4, r4, #DIFF_TAB_SIZE
    subs r5, r5, #1
    bne 1b
3:  mov r0, #0
    mov r7, #248                @ exit_group
    svc #0
4:  mov r0, #3                  @ short write: a broken pipe or disk
    mov r7, #248
    svc #0
    .ltorg

    .data
    .balign 4
diff_sigaction:                 @ struct sigaction: handler, flags, restorer, mask
    .word diff_trap, 0x40000000, 0, 0, 0
diff_signals:
    .byte 4, 7, 8, 11           @ SIGILL SIGBUS SIGFPE SIGSEGV

    .bss
    .balign 16
    .space DIFF_GUARD
    .global diff_buf
diff_buf:
    .space DIFF_BUF_SIZE
    .space DIFF_GUARD
diff_rec:
    .space DIFF_REC_SIZE
diff_hstate:
    .space 8

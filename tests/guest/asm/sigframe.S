/* The signal frames as the ARM kernel lays them out, seen from handlers
 * installed without SA_RESTORER (so they return through the kernel's
 * sigreturn code, which lr points to):
 * 1. SA_SIGINFO, ARM handler, SIGILL from udf: r0/r1/r2, siginfo
 *    (signo, code ILL_ILLOPC, addr), uc_mcontext (r4, r11, pc, cpsr
 *    flags), the VFP block in uc_regspace (magic, size, d8, fpscr). The
 *    handler edits r4, pc (past the udf), the flags and d8 in the frame;
 *    rt_sigreturn must bring exactly those back.
 * 2. No SA_SIGINFO, Thumb handler (bit 0 of the address), SIGUSR1 from
 *    kill: the non-RT frame (uc_flags 0x5ac3c35a) at sp, the Thumb bit in
 *    the handler's state, the signal blocked while it runs and unblocked
 *    after sigreturn, registers intact.
 * 3. SIGTRAP handlers: the breakpoint syscall (0xf0001) leaves r0 alone,
 *    reports TRAP_BRKPT at the svc and saves the svc's own pc (the
 *    kernel's arm_syscall); the handler skips it, and a bkpt instruction,
 *    by moving the saved pc.
 * The expected output matches qemu-arm's except where qemu differs from
 * the kernel: the kernel's do_undefinstr reports ILL_ILLOPC (qemu: 2,
 * ILL_ILLOPN) and its setup_frame marks uc_flags 0x5ac3c35a (qemu: 0),
 * which unwinders use to tell the two frame kinds apart. */
#include "asm.h"
        .arm
        .fpu    vfpv3-d16
        .text

#define SYS_kill           37
#define SYS_rt_sigaction   174
#define SYS_rt_sigprocmask 175
#define SIGILL  4
#define SIGUSR1 10
#define UC_MCONTEXT 20            /* in the ucontext */
#define SC_R(n)   (UC_MCONTEXT + 12 + 4 * (n))
#define SC_PC     (UC_MCONTEXT + 72)
#define SC_CPSR   (UC_MCONTEXT + 76)
#define UC_SIGMASK 104
#define UC_REGSPACE 232
#define VFP_D(n)  (UC_REGSPACE + 8 + 8 * (n))
#define VFP_FPSCR (UC_REGSPACE + 264)

        .global _start
_start:
        mov     r0, #SIGILL
        ldr     r1, =act_ill
        mov     r2, #0
        mov     r3, #8
        mov     r7, #SYS_rt_sigaction
        svc     #0
        SHOW    "sigaction SIGILL", r0

        ldr     r4, =0x44444444
        ldr     r5, =0x55555555
        ldr     r11, =0xbbbbbbbb
        ldr     r0, =0x3ff80000           @ d8 = 1.5
        mov     r1, #0
        vmov    d8, r1, r0
        ldr     r0, =0x03000000           @ FPSCR: DN and FZ
        vmsr    fpscr, r0
        ldr     r0, =0x90000000           @ N and V set
        msr     APSR_nzcvq, r0
fault_insn:
        .inst   0xe7f000f0                @ udf #0
        mov     r6, #0x66                 @ skipped by the handler
        b       after_skip
        mov     r6, #0x77                 @ where the handler sends us
after_skip:
        mrs     r9, apsr
        SHOW    "r4 after (handler set it)", r4
        SHOW    "r5 after (kept)", r5
        SHOW    "r6 (0x77: resumed at the new pc)", r6
        SHOW    "r11 after (kept)", r11
        mov     r0, r9
        bl      put_flags
        vmov    r4, r5, d8
        SHOW    "d8 high word after (2.5 = 40040000)", r5
        vmrs    r4, fpscr
        SHOW    "fpscr after", r4

        /* 2: Thumb handler, non-RT frame. */
        mov     r0, #SIGUSR1
        ldr     r1, =act_usr1
        mov     r2, #0
        mov     r3, #8
        mov     r7, #SYS_rt_sigaction
        svc     #0
        ldr     r4, =0x4444aaaa
        ldr     r8, =0x88888888
        mov     r7, #SYS_getpid
        svc     #0
        mov     r1, #SIGUSR1
        mov     r7, #SYS_kill
        svc     #0
        SHOW    "kill returned", r0
        SHOW    "r4 after the Thumb handler", r4
        SHOW    "r8 after the Thumb handler", r8
        ldr     r5, =usr1_ran
        ldr     r5, [r5]
        SHOW    "Thumb handler ran", r5
        bl      get_mask
        SHOW    "mask after sigreturn", r0

        /* 3: SIGTRAP. */
        mov     r0, #5
        ldr     r1, =act_trap
        mov     r2, #0
        mov     r3, #8
        mov     r7, #SYS_rt_sigaction
        svc     #0
        ldr     r0, =0x5a5a5a5a
        ldr     r7, =0xf0001              @ __ARM_NR_breakpoint
brk_svc:
        svc     #0
        mov     r4, r0
        SHOW    "r0 after the breakpoint syscall", r4
bkpt_insn:
        bkpt    #0x34
        mov     r4, #1
        SHOW    "resumed after bkpt", r4
        EXIT    0

h_trap:
        mov     r4, r1
        mov     r5, r2
        mov     r10, lr
        ldr     r6, [r4, #8]
        SHOW    "SIGTRAP si_code", r6
        ldr     r6, [r4, #12]
        ldr     r7, =brk_svc
        ldr     r8, =bkpt_insn
        ldr     r9, [r5, #SC_PC]
        cmp     r9, r8
        beq     1f
        sub     r6, r6, r7
        SHOW    "si_addr - svc", r6
        sub     r6, r9, r7
        SHOW    "saved pc - svc (back at the svc)", r6
        add     r9, r9, #4
        str     r9, [r5, #SC_PC]
        mov     lr, r10
        bx      lr
1:      sub     r6, r6, r8
        SHOW    "si_addr - bkpt", r6
        add     r9, r9, #4
        str     r9, [r5, #SC_PC]
        mov     lr, r10
        bx      lr

/* r0 = the current blocked mask (low word) */
        .type   get_mask, %function
get_mask:
        push    {r4, r7, lr}
        sub     sp, sp, #8
        mov     r0, #0
        mov     r1, #0
        mov     r2, sp
        mov     r3, #8
        mov     r7, #SYS_rt_sigprocmask
        svc     #0
        ldr     r0, [sp]
        add     sp, sp, #8
        pop     {r4, r7, lr}
        bx      lr

/* SA_SIGINFO handler: r0 = sig, r1 = &info, r2 = &uc */
h_ill:
        mov     r4, r0
        mov     r5, r1
        mov     r6, r2
        mov     r10, lr
        SHOW    "handler r0 (signal)", r4
        sub     r7, r6, r5
        SHOW    "uc - info (128)", r7
        sub     r7, r5, sp
        SHOW    "info - sp (0)", r7
        and     r7, sp, #7
        SHOW    "sp & 7", r7
        ldr     r7, [r5]
        SHOW    "si_signo", r7
        ldr     r7, [r5, #8]
        SHOW    "si_code (ILL_ILLOPC)", r7
        ldr     r7, [r5, #12]
        ldr     r8, =fault_insn
        sub     r7, r7, r8
        SHOW    "si_addr - fault_insn", r7
        ldr     r7, [r6, #SC_R(4)]
        SHOW    "mcontext r4", r7
        ldr     r7, [r6, #SC_R(5)]
        SHOW    "mcontext r5", r7
        ldr     r7, [r6, #SC_R(11)]
        SHOW    "mcontext r11", r7
        ldr     r7, [r6, #SC_PC]
        sub     r7, r7, r8
        SHOW    "mcontext pc - fault_insn", r7
        ldr     r7, [r6, #SC_CPSR]
        and     r7, r7, #0xf8000000
        SHOW    "mcontext cpsr NZCVQ", r7
        ldr     r7, [r6, #SC_CPSR]
        and     r7, r7, #0x20
        SHOW    "mcontext cpsr T", r7
        ldr     r7, [r6, #UC_REGSPACE]
        SHOW    "regspace magic", r7
        ldr     r7, [r6, #UC_REGSPACE + 4]
        SHOW    "regspace size", r7
        ldr     r7, [r6, #VFP_D(8) + 4]
        SHOW    "d8 high word", r7
        ldr     r7, [r6, #VFP_FPSCR]
        SHOW    "fpscr", r7
        ldr     r7, [r10]
        SHOW    "code at lr (mov r7, #173)", r7
        ldr     r7, [r10, #4]
        and     r7, r7, #0x0f000000
        SHOW    "then svc", r7
        /* Change the interrupted state. */
        ldr     r7, =0x12345678
        str     r7, [r6, #SC_R(4)]
        ldr     r7, [r6, #SC_PC]
        add     r7, r7, #12               @ to "mov r6, #0x77"
        str     r7, [r6, #SC_PC]
        ldr     r7, [r6, #SC_CPSR]
        bic     r7, r7, #0xf8000000
        orr     r7, r7, #0x60000000       @ Z and C
        str     r7, [r6, #SC_CPSR]
        ldr     r7, =0x40040000           @ d8 = 2.5
        str     r7, [r6, #VFP_D(8) + 4]
        mov     r0, #0x99                 @ must not survive: r0 comes from the frame
        mov     lr, r10
        bx      lr

        .thumb
        .thumb_func
        .type   h_usr1, %function
h_usr1:
        mov     r4, r0
        mov     r5, sp
        mov     r10, lr
        SHOW    "Thumb handler r0 (signal)", r4
        ldr     r7, [r5]
        SHOW    "non-RT uc_flags", r7
        ldr     r7, [r5, #SC_R(4)]
        SHOW    "non-RT mcontext r4", r7
        ldr     r7, [r5, #SC_R(8)]
        SHOW    "non-RT mcontext r8", r7
        ldr     r7, [r5, #UC_SIGMASK]
        SHOW    "non-RT uc_sigmask", r7
        ldr     r7, [r5, #UC_REGSPACE]
        SHOW    "non-RT regspace magic", r7
        bl      get_mask
        mov     r7, r0
        SHOW    "mask in the handler", r7
        mov     r7, r10
        and     r7, r7, #1
        SHOW    "lr Thumb bit", r7
        ldr     r7, =usr1_ran
        mov     r6, #1
        str     r6, [r7]
        mov     r4, #0                    @ clobbered here, restored by sigreturn
        mov     r8, #0
        bx      r10

        .data
        .align  2
act_ill:
        .word   h_ill, 4 /* SA_SIGINFO */, 0, 0, 0
act_usr1:
        .word   h_usr1, 0, 0, 0, 0
act_trap:
        .word   h_trap, 4 /* SA_SIGINFO */, 0, 0, 0
usr1_ran:
        .word   0

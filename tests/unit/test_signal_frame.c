/*
 * The guest signal frames (linux-user/signal-frame.c): the rt and non-RT
 * layouts at the kernel's offsets, handler entry state (r0-r2, sp, lr,
 * pc, Thumb bit, cleared IT and NZCVQ), the return address choice
 * (sa_restorer, kuser sigreturn codes, on-frame retcode), the alternate
 * stack, a setup/restore round trip of every register, flag and VFP
 * register, a bad frame killing with SIGSEGV, and the siginfo
 * conversion between the host's and the guest's layouts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/signal.h"
#include "sys_test_guest.h"

static uint32_t mem;   /* 8 guest pages */
#define STACK_TOP (mem + 6 * 4096)

static int setup(void **state)
{
    (void)state;
    sys_test_reserve();
    mem = sys_test_alloc(8 * 4096, PROT_READ | PROT_WRITE);
    return 0;
}

static uint32_t word(uint32_t addr)
{
    uint32_t v;
    memcpy(&v, g2h(addr), 4);
    return v;
}

static void fill_cpu(ArmCpu *cpu)
{
    memset(cpu, 0, sizeof *cpu);
    for (int i = 0; i < 15; i++)
        cpu->regs[i] = 0x01010101u * (uint32_t)(i + 1);
    cpu->regs[13] = STACK_TOP - 4;     /* not 8-aligned on purpose */
    cpu->common.pc = 0x10a2;
    /* Thumb, inside an IT block (ITSTATE 0x58). */
    cpu->common.flags = ARM_FLAG_THUMB | 0x58u << ARM_FLAG_IT_SHIFT;
    arm_cpsr_write_nzcvq(cpu, 0xa8000000u);   /* N, C, Q */
    cpu->GE = 0x5;
    for (int i = 0; i < 32; i++)
        cpu->vfp_d[i] = 0x0102030405060708ull * (uint64_t)(i + 1);
    cpu->fpscr = 0x03c00000;
    cpu->excl_addr = 0x1234;
}

static void test_rt_frame_layout_and_entry(void **state)
{
    (void)state;
    ArmCpu cpu;
    fill_cpu(&cpu);
    uint32_t cpsr = arm_cpsr_read(&cpu);
    arm_siginfo info;
    memset(&info, 0, sizeof info);
    info.signo = SIGUSR1;
    info.code = SI_QUEUE;
    info.pid = 77;
    LuSigAction act = { 0x8001 /* Thumb */, LU_SA_SIGINFO | LU_SA_RESTORER, 0x9000, 0 };
    assert_true(lu_sigframe_setup(&cpu, SIGUSR1, &info, &act, 0x0000000100001234ull));

    uint32_t frame = (STACK_TOP - 4 - 888) & ~7u, uc = frame + 128;
    assert_int_equal(cpu.regs[13], frame);
    assert_int_equal(cpu.regs[0], SIGUSR1);
    assert_int_equal(cpu.regs[1], frame);
    assert_int_equal(cpu.regs[2], uc);
    assert_int_equal(cpu.regs[14], 0x9000);
    assert_int_equal(cpu.common.pc, 0x8000);
    assert_int_equal(cpu.common.flags, ARM_FLAG_THUMB);   /* IT cleared */
    assert_int_equal(arm_cpsr_read(&cpu) & 0xf8000000u, 0);
    assert_int_equal(cpu.GE, 0x5);
    assert_int_equal(cpu.excl_addr, ~0u);

    assert_int_equal(word(frame), SIGUSR1);            /* siginfo */
    assert_int_equal(word(frame + 8), (uint32_t)SI_QUEUE);
    assert_int_equal(word(frame + 12), 77);
    assert_int_equal(word(uc), 0);                     /* uc_flags */
    assert_int_equal(word(uc + 12), LU_SS_DISABLE);    /* uc_stack.ss_flags */
    assert_int_equal(word(uc + 28), 0x1234);           /* oldmask */
    for (int i = 0; i < 15; i++)
        if (i != 13)
            assert_int_equal(word(uc + 32 + 4 * i), 0x01010101u * (uint32_t)(i + 1));
    assert_int_equal(word(uc + 84), STACK_TOP - 4);    /* arm_sp */
    assert_int_equal(word(uc + 92), 0x10a2);           /* arm_pc */
    assert_int_equal(word(uc + 96), cpsr);
    assert_int_equal(cpsr & 0x20, 0x20);               /* T */
    assert_int_equal(word(uc + 104), 0x1234);          /* uc_sigmask */
    assert_int_equal(word(uc + 108), 1);
    assert_int_equal(word(uc + 232), 0x56465001);      /* VFP_MAGIC */
    assert_int_equal(word(uc + 236), 288);
    assert_int_equal(word(uc + 240 + 8 * 3), 0x05060708u * 4);   /* d3 low word */
    assert_int_equal(word(uc + 232 + 264), 0x03c00000);  /* fpscr */
    assert_int_equal(word(uc + 232 + 288), 0);         /* end marker */
    /* The Thumb rt sigreturn code is on the frame too. */
    assert_int_equal(word(uc + 744), lu_sigreturn_codes[5]);
}

static void test_round_trip(void **state)
{
    (void)state;
    ArmCpu cpu, orig;
    fill_cpu(&cpu);
    orig = cpu;
    arm_siginfo info;
    memset(&info, 0, sizeof info);
    info.signo = SIGALRM;
    LuSigAction act = { 0x8000, LU_SA_SIGINFO | LU_SA_RESTORER, 0x9000, 0 };
    assert_true(lu_sigframe_setup(&cpu, SIGALRM, &info, &act, 0));
    for (int i = 0; i < 15; i++)
        if (i != 13)
            cpu.regs[i] = 0xdead0000u + (uint32_t)i;
    memset(cpu.vfp_d, 0xee, sizeof cpu.vfp_d);
    cpu.fpscr = 0;
    cpu.GE = 0;
    assert_true(lu_sigframe_restore(&cpu, true));
    assert_memory_equal(cpu.regs, orig.regs, sizeof cpu.regs);
    assert_int_equal(cpu.common.pc, orig.common.pc);
    assert_int_equal(cpu.common.flags, orig.common.flags);
    assert_int_equal(arm_cpsr_read(&cpu), arm_cpsr_read(&orig));
    assert_memory_equal(cpu.vfp_d, orig.vfp_d, sizeof cpu.vfp_d);
    assert_int_equal(cpu.fpscr, orig.fpscr);
    assert_true(lu_signal_thread()->blocked == 0);

    /* Non-RT: r0 only, the frame at sp, restored by sigreturn. */
    cpu = orig;
    act.flags = 0;
    assert_true(lu_sigframe_setup(&cpu, SIGALRM, &info, &act, 0));
    uint32_t frame = (STACK_TOP - 4 - 760) & ~7u;
    assert_int_equal(cpu.regs[13], frame);
    assert_int_equal(word(frame), 0x5ac3c35a);
    assert_int_equal(cpu.regs[1], orig.regs[1]);
    cpu.regs[4] = 0;
    assert_true(lu_sigframe_restore(&cpu, false));
    assert_memory_equal(cpu.regs, orig.regs, sizeof cpu.regs);
    assert_int_equal(cpu.common.flags, orig.common.flags);
}

static void test_return_address(void **state)
{
    (void)state;
    ArmCpu cpu;
    arm_siginfo info;
    memset(&info, 0, sizeof info);
    LuSigAction act = { 0x8000, 0, 0, 0 };
    uint32_t saved_base = lu_sigreturn_base;

    /* No restorer, no kuser page: the retcode on the frame. */
    lu_sigreturn_base = 0;
    fill_cpu(&cpu);
    assert_true(lu_sigframe_setup(&cpu, SIGINT, &info, &act, 0));
    assert_int_equal(cpu.regs[14], cpu.regs[13] + 744);
    assert_int_equal(word(cpu.regs[13] + 744), 0xe3a07077);   /* mov r7, #119 */
    assert_int_equal(word(cpu.regs[13] + 748), lu_sigreturn_codes[1]);

    /* With the kuser codes: ARM/Thumb x non-RT/RT slots. */
    lu_sigreturn_base = 0xffff0500;
    static const struct { uint32_t handler, flags, lr; } cases[] = {
        { 0x8000, 0, 0xffff0500 },
        { 0x8001, 0, 0xffff0509 },
        { 0x8000, LU_SA_SIGINFO, 0xffff050c },
        { 0x8001, LU_SA_SIGINFO, 0xffff0515 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fill_cpu(&cpu);
        act.handler = cases[i].handler;
        act.flags = cases[i].flags;
        assert_true(lu_sigframe_setup(&cpu, SIGINT, &info, &act, 0));
        assert_int_equal(cpu.regs[14], cases[i].lr);
        assert_int_equal(cpu.common.flags, cases[i].handler & 1 ? ARM_FLAG_THUMB : 0);
    }
    lu_sigreturn_base = saved_base;
}

static void test_altstack(void **state)
{
    (void)state;
    ArmCpu cpu;
    arm_siginfo info;
    memset(&info, 0, sizeof info);
    arm_stack ss = { mem + 4096, 0, 4096 };
    assert_int_equal(lu_sigaltstack_set(&ss, STACK_TOP), 0);
    arm_stack small = { mem, 0, 100 };
    assert_int_equal(lu_sigaltstack_set(&small, STACK_TOP), -ENOMEM);
    LuSigAction act = { 0x8000, LU_SA_ONSTACK | LU_SA_SIGINFO, 0, 0 };
    fill_cpu(&cpu);
    assert_true(lu_sigframe_setup(&cpu, SIGINT, &info, &act, 0));
    uint32_t frame = (mem + 8192 - 888) & ~7u;
    assert_int_equal(cpu.regs[13], frame);
    assert_int_equal(word(frame + 128 + 8), mem + 4096);   /* uc_stack saved */
    /* Now on it: no change allowed, no second switch. */
    assert_true(lu_sigaltstack_on(cpu.regs[13]));
    assert_int_equal(lu_sigaltstack_set(&ss, cpu.regs[13]), -EPERM);
    uint32_t sp = cpu.regs[13];
    assert_true(lu_sigframe_setup(&cpu, SIGINT, &info, &act, 0));
    assert_int_equal(cpu.regs[13], (sp - 888) & ~7u);
    arm_stack off = { 0, LU_SS_DISABLE, 0 };
    assert_int_equal(lu_sigaltstack_set(&off, STACK_TOP), 0);
    /* A frame that does not fit (unmapped below the stack) fails. */
    fill_cpu(&cpu);
    cpu.regs[13] = mem + 100;
    act.flags = 0;
    assert_false(lu_sigframe_setup(&cpu, SIGINT, &info, &act, 0));
}

static void test_bad_frame_kills(void **state)
{
    (void)state;
    pid_t pid = fork();
    if (pid == 0) {
        ArmCpu cpu;
        fill_cpu(&cpu);
        cpu.regs[13] = mem + 4;   /* misaligned: badframe */
        lu_sigframe_restore(&cpu, true);
        _exit(0);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), SIGSEGV);
}

static void test_siginfo_conversion(void **state)
{
    (void)state;
    siginfo_t h;
    arm_siginfo g;
    uint32_t w[32];

    memset(&h, 0, sizeof h);
    h.si_signo = SIGRTMIN;
    h.si_code = SI_QUEUE;
    h.si_pid = 1234;
    h.si_uid = 1000;
    h.si_value.sival_int = 42;
    lu_siginfo_from_host(&g, &h);
    memcpy(w, &g, sizeof w);
    assert_int_equal(w[0], (uint32_t)SIGRTMIN);
    assert_int_equal(w[2], (uint32_t)SI_QUEUE);
    assert_int_equal(w[3], 1234);
    assert_int_equal(w[4], 1000);
    assert_int_equal(w[5], 42);
    siginfo_t back;
    lu_siginfo_to_host(&back, &g);
    assert_int_equal(back.si_pid, 1234);
    assert_int_equal(back.si_uid, 1000);
    assert_int_equal(back.si_value.sival_int, 42);

    memset(&h, 0, sizeof h);
    h.si_signo = SIGCHLD;
    h.si_code = CLD_EXITED;
    h.si_pid = 99;
    h.si_status = 3;
    h.si_utime = 7;
    lu_siginfo_from_host(&g, &h);
    memcpy(w, &g, sizeof w);
    assert_int_equal(w[3], 99);
    assert_int_equal(w[5], 3);
    assert_int_equal(w[6], 7);

    memset(&h, 0, sizeof h);
    h.si_signo = SIGSEGV;
    h.si_code = SEGV_MAPERR;
    h.si_addr = g2h(0x1000);
    lu_siginfo_from_host(&g, &h);
    memcpy(w, &g, sizeof w);
    assert_int_equal(w[3], 0x1000);
    lu_siginfo_to_host(&back, &g);
    assert_ptr_equal(back.si_addr, g2h(0x1000));

    /* Sent by kill: pid and uid, no address even for SIGSEGV. */
    memset(&h, 0, sizeof h);
    h.si_signo = SIGSEGV;
    h.si_code = SI_USER;
    h.si_pid = 5;
    lu_siginfo_from_host(&g, &h);
    memcpy(w, &g, sizeof w);
    assert_int_equal(w[3], 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rt_frame_layout_and_entry),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_return_address),
        cmocka_unit_test(test_altstack),
        cmocka_unit_test(test_bad_frame_kills),
        cmocka_unit_test(test_siginfo_conversion),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}

/*
 * clone and clone3 argument checks (syscalls/sys-exec.c, linux-user/
 * thread.c): the flag combinations the kernel refuses are EINVAL, the
 * ones it allows but ferry cannot emulate are ENOSYS (and no thread is
 * started), clone3's struct size and trailing-bytes rules, and the
 * per-thread records set_tid_address and set_robust_list keep.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/thread.h"
#include "syscalls/sys.h"
#include "sys_test_guest.h"

enum { NR_clone = 120, NR_set_tid_address = 256, NR_set_robust_list = 338, NR_clone3 = 435 };
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | \
                      CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static ArmCpu cpu;
static uint32_t mem;

static int32_t call(uint32_t nr, uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3, uint32_t r4)
{
    memset(cpu.regs, 0, sizeof cpu.regs);
    cpu.regs[0] = r0, cpu.regs[1] = r1, cpu.regs[2] = r2, cpu.regs[3] = r3, cpu.regs[4] = r4;
    cpu.regs[7] = nr;
    sys_dispatch(&cpu);
    return (int32_t)cpu.regs[0];
}

static int setup(void **state)
{
    sys_test_reserve();
    mem = sys_test_alloc(2 * 4096, PROT_READ | PROT_WRITE);
    return 0;
}

static void test_clone_flag_rules(void **state)
{
    /* The kernel's rules: a thread shares handlers, shared handlers need a shared VM. */
    assert_int_equal(call(NR_clone, CLONE_VM | CLONE_THREAD, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(call(NR_clone, CLONE_SIGHAND, 0, 0, 0, 0), -EINVAL);
    /* Allowed by the kernel, not emulated: a thread with its own cwd, a
     * process sharing memory but not a thread. */
    uint32_t no_fs = THREAD_FLAGS & ~CLONE_FS;
    assert_int_equal(call(NR_clone, no_fs, mem + 4096, mem, 0, mem), -ENOSYS);
    assert_int_equal(call(NR_clone, CLONE_VM | SIGCHLD, mem + 4096, 0, 0, 0), -ENOSYS);
    assert_int_equal(call(NR_clone, THREAD_FLAGS | CLONE_IO, mem + 4096, mem, 0, mem), -ENOSYS);
    /* Refused outright: a new mount namespace with a shared cwd. */
    assert_int_equal(call(NR_clone, THREAD_FLAGS | CLONE_NEWNS, mem + 4096, mem, 0, mem), -EINVAL);
    /* Bad id pointers are refused before any thread starts. */
    assert_int_equal(call(NR_clone, THREAD_FLAGS, mem + 4096, 16, 0, mem), -EFAULT);
    assert_int_equal(lu_thread_count(), 1);
}

static uint32_t put_args(const uint64_t *words, unsigned n)
{
    memset(g2h(mem), 0, 4096);
    memcpy(g2h(mem), words, n * 8);
    return mem;
}

static void test_clone3_rules(void **state)
{
    uint64_t a[11] = { 0 };
    a[0] = THREAD_FLAGS;
    a[5] = mem;          /* stack */
    a[6] = 4096;         /* stack_size */
    uint32_t p = put_args(a, 11);
    assert_int_equal(call(NR_clone3, p, 63, 0, 0, 0), -EINVAL);        /* smaller than version 0 */
    assert_int_equal(call(NR_clone3, p, 8192, 0, 0, 0), -E2BIG);       /* more than a page */
    ((uint8_t *)g2h(mem))[100] = 1;                                      /* unknown field set */
    assert_int_equal(call(NR_clone3, p, 104, 0, 0, 0), -E2BIG);
    a[4] = SIGCHLD;                                                      /* exit signal on a thread */
    p = put_args(a, 11);
    assert_int_equal(call(NR_clone3, p, 88, 0, 0, 0), -EINVAL);
    a[4] = 0;
    a[6] = 0;                                                            /* stack without a size */
    p = put_args(a, 11);
    assert_int_equal(call(NR_clone3, p, 88, 0, 0, 0), -EINVAL);
    a[6] = 4096;
    a[0] = THREAD_FLAGS | SIGCHLD;                                       /* CSIGNAL bits in flags */
    p = put_args(a, 11);
    assert_int_equal(call(NR_clone3, p, 88, 0, 0, 0), -EINVAL);
    a[0] = THREAD_FLAGS | CLONE_PIDFD;                                   /* not emulated */
    p = put_args(a, 11);
    assert_int_equal(call(NR_clone3, p, 88, 0, 0, 0), -ENOSYS);
    a[0] = THREAD_FLAGS;
    a[9] = 1;                                                            /* set_tid */
    p = put_args(a, 11);
    assert_int_equal(call(NR_clone3, p, 88, 0, 0, 0), -ENOSYS);
    assert_int_equal(call(NR_clone3, 16, 88, 0, 0, 0), -EFAULT);
    assert_int_equal(lu_thread_count(), 1);
}

static void test_thread_records(void **state)
{
    assert_int_equal(call(NR_set_tid_address, mem + 8, 0, 0, 0, 0), (int32_t)gettid());
    LuThread *t = lu_thread_of(&cpu);
    assert_ptr_equal(t, cpu.thread);
    assert_int_equal(t->clear_child_tid, mem + 8);
    assert_int_equal(call(NR_set_robust_list, mem + 16, 12, 0, 0, 0), 0);
    assert_int_equal(t->robust_list, mem + 16);
    assert_int_equal(call(NR_set_robust_list, mem + 32, 16, 0, 0, 0), -EINVAL);
    assert_int_equal(t->robust_list, mem + 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clone_flag_rules),
        cmocka_unit_test(test_clone3_rules),
        cmocka_unit_test(test_thread_records),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}

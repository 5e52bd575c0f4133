/*
 * The one system call entry: ARM_EXIT_SVC -> look the number (r7) up in
 * the generated table, take the arguments from r0..r6 as the row's kinds
 * say, run the handler, print the strace line, put the result in r0.
 * strace lives here and nowhere else, so every call is traced the same way.
 *
 * A number with no row, or a row with no handler, is -ENOSYS and one
 * `-d unimp` line: "ferry-arm: unimplemented syscall N (name)", except
 * in the ARM private range past 0x0f07ff, which the kernel answers with
 * SIGILL.
 * EINTR is returned to the guest as is (no restart yet: signal delivery
 * will decide whether to restart).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "syscalls/sys.h"
#include "util/log.h"

static void sys_strace_print(const SysArgs *args, int64_t ret, bool returned)
{
    char line[512];
    sys_strace_format(line, sizeof line, args, ret, returned);
    FILE *f = ferry_log_file ? ferry_log_file : stderr;
    fprintf(f, "%d %s\n", (int)getpid(), line);
    fflush(f);
}

static bool sys_strace_on(void)
{
    return lu_process.strace || ferry_log_enabled(FERRY_LOG_strace);
}

void sys_dispatch(ArmCpu *cpu)
{
    uint32_t nr = cpu->regs[7];
    const SysEntry *e = sys_lookup(nr);
    SysArgs args;
    int64_t ret;

    /* The ARM private range answers -ENOSYS only up to 0x0f07ff; past it
     * the kernel treats the call as a bad instruction: SIGILL. */
    if (!e && nr >= SYS_ARM_NR_BASE + 0x800 && nr < SYS_ARM_NR_BASE + 0x10000) {
        ferry_log(FERRY_LOG_guest_errors, "ferry-arm: bad ARM private syscall 0x%x: SIGILL\n", nr);
        cpu->regs[0] = (uint32_t)sys_signal_self(SIGILL);
        return;
    }
    if (!e || !e->handler) {
        if (ferry_log_enabled(FERRY_LOG_unimp))
            ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented syscall %u (%s)\n", nr,
                      e ? e->name : "unknown");
        ret = -ENOSYS;
        if (e && sys_strace_on()) {
            sys_unpack_args(e, cpu->regs, &args);
            sys_strace_print(&args, ret, true);
        }
        cpu->regs[0] = (uint32_t)ret;
        return;
    }

    sys_unpack_args(e, cpu->regs, &args);
    args.nr = nr;
    bool strace = sys_strace_on();
    if (strace && (e->ret == SYS_RET_none || e->ret == SYS_RET_exec))
        sys_strace_print(&args, 0, false);
    ret = e->handler(cpu, &args);
    if (strace && e->ret != SYS_RET_none)
        sys_strace_print(&args, ret, true);
    cpu->regs[0] = (uint32_t)ret;
}

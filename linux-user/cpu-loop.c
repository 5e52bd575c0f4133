/*
 * The CPU loop: run translated guest code until it stops for something the
 * run-time handles, handle it, run again. The handlers are a table by exit
 * reason; a reason nobody handles is an internal error.
 *
 * Guest faults end the process as the kernel would (no guest signal
 * handlers yet): SIGSEGV for a bad access, SIGILL for an undefined
 * instruction, SIGTRAP for bkpt. TCG_EXIT_REQUEST is where pending host
 * signals will be delivered to the guest.
 */
#include <signal.h>

#include "linux-user/user.h"
#include "util/die.h"
#include "util/log.h"

typedef void LuExitHandler(ArmCpu *cpu);

static void exit_svc(ArmCpu *cpu)
{
    sys_dispatch(cpu);
}

static void exit_undef(ArmCpu *cpu)
{
    ferry_log(FERRY_LOG_unimp | FERRY_LOG_guest_errors, "undefined instruction at pc 0x%08x (%s): SIGILL\n",
              cpu->common.pc, cpu->common.flags & ARM_FLAG_THUMB ? "Thumb" : "ARM");
    lu_die_by_signal(SIGILL);
}

static void exit_bkpt(ArmCpu *cpu)
{
    ferry_log(FERRY_LOG_guest_errors, "bkpt at pc 0x%08x: SIGTRAP\n", cpu->common.pc);
    lu_die_by_signal(SIGTRAP);
}

static void exit_fault(ArmCpu *cpu)
{
    ferry_log(FERRY_LOG_unimp | FERRY_LOG_guest_errors, "guest fault at pc 0x%08x: %s of 0x%08x: SIGSEGV\n",
              cpu->common.pc, cpu->common.fault_write ? "write" : "read", cpu->common.fault_addr);
    lu_die_by_signal(SIGSEGV);
}

static void exit_request(ArmCpu *cpu)
{
    /* Signal delivery goes here once the run-time has guest signals. */
    cpu->common.exit_request = 0;
}

static const struct {
    uint32_t reason;
    LuExitHandler *handler;
} exit_handlers[] = {
    { ARM_EXIT_SVC, exit_svc },
    { TCG_EXIT_REQUEST, exit_request },
    { ARM_EXIT_UNDEF, exit_undef },
    { ARM_EXIT_BKPT, exit_bkpt },
    { TCG_EXIT_FAULT, exit_fault },
};

void lu_cpu_loop(ArmCpu *cpu)
{
    for (;;) {
        uint32_t reason = tcg_exec(&cpu->common);
        size_t i = 0;
        while (i < sizeof(exit_handlers) / sizeof(exit_handlers[0]) && exit_handlers[i].reason != reason)
            i++;
        if (i == sizeof(exit_handlers) / sizeof(exit_handlers[0]))
            ferry_die("internal error: unknown exit reason %u at pc 0x%08x", reason, cpu->common.pc);
        exit_handlers[i].handler(cpu);
    }
}

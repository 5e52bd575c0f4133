/*
 * The CPU loop: run translated guest code until it stops for something the
 * run-time handles, handle it, run again. The handlers are a table by exit
 * reason; a reason nobody handles is an internal error.
 *
 * Guest faults end the process as the kernel would (no guest signal
 * handlers yet): SIGSEGV for a bad access, SIGILL for an undefined
 * instruction (SIGTRAP for the kernel's breakpoint encodings), SIGTRAP
 * for bkpt. TCG_EXIT_REQUEST is where pending host
 * signals will be delivered to the guest.
 */
#include <signal.h>

#include "linux-user/thread.h"
#include "linux-user/user.h"
#include "util/die.h"
#include "util/log.h"

typedef void LuExitHandler(ArmCpu *cpu);

static void exit_svc(ArmCpu *cpu)
{
    sys_dispatch(cpu);
}

/* The kernel's undefined-instruction hooks that user space can reach: the
 * ptrace breakpoints (what gdb inserts) raise SIGTRAP, not SIGILL
 * (arch/arm/kernel/ptrace.c). T32 encodings are first:second halfword. */
static const struct {
    uint32_t mask, value;
    uint8_t bytes;      /* 4: A32 or T32, 2: T16 */
    bool thumb;
    const char *name;
} undef_traps[] = {
    { 0x0fffffff, 0x07f001f0, 4, false, "ARM breakpoint" },
    { 0x0000ffff, 0x0000de01, 2, true, "Thumb breakpoint" },
    { 0xffffffff, 0xf7f0a000, 4, true, "Thumb-2 breakpoint" },
};

static bool undef_is_breakpoint(const ArmCpu *cpu, const char **name)
{
    bool thumb = cpu->common.flags & ARM_FLAG_THUMB;
    uint32_t pc = cpu->common.pc;
    for (size_t i = 0; i < sizeof(undef_traps) / sizeof(undef_traps[0]); i++) {
        if (undef_traps[i].thumb != thumb)
            continue;
        uint32_t insn;
        if (!thumb) {
            if (!tcg_read_code || !tcg_read_code(pc, &insn, 4))
                return false;
        } else {
            uint16_t hw[2];
            if (!tcg_read_code || !tcg_read_code(pc, &hw[0], 2))
                return false;
            insn = hw[0];
            if (undef_traps[i].bytes == 4) {
                if (!tcg_read_code(pc + 2, &hw[1], 2))
                    continue;
                insn = (uint32_t)hw[0] << 16 | hw[1];
            }
        }
        if ((insn & undef_traps[i].mask) == undef_traps[i].value) {
            *name = undef_traps[i].name;
            return true;
        }
    }
    return false;
}

static void exit_undef(ArmCpu *cpu)
{
    const char *trap;
    if (undef_is_breakpoint(cpu, &trap)) {
        ferry_log(FERRY_LOG_guest_errors, "%s at pc 0x%08x: SIGTRAP\n", trap, cpu->common.pc);
        lu_die_by_signal(SIGTRAP);
    }
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
    if (!cpu->thread)
        lu_thread_init_main(cpu);
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

/*
 * The CPU loop: run translated guest code until it stops for something the
 * run-time handles, handle it, run again. The handlers are a table by exit
 * reason; a reason nobody handles is an internal error.
 *
 * Guest faults become guest signals as the kernel raises them: SIGSEGV
 * for a bad access, SIGILL for an undefined instruction (SIGTRAP for the
 * kernel's breakpoint encodings), SIGTRAP for bkpt; they go to the guest's
 * handler, or end the process (linux-user/signal.c). TCG_EXIT_REQUEST is
 * where signals that arrived while the guest ran are delivered, and a
 * syscall a signal interrupted is restarted here when the kernel would.
 */
#include <errno.h>
#include <signal.h>

#include "linux-user/mmap.h"
#include "linux-user/signal.h"
#include "linux-user/thread.h"
#include "linux-user/user.h"
#include "util/die.h"
#include "util/log.h"

typedef void LuExitHandler(ArmCpu *cpu);

static void exit_svc(ArmCpu *cpu)
{
    uint32_t nr = cpu->regs[7], r0 = cpu->regs[0];
    sys_dispatch(cpu);
    if (cpu->regs[0] == (uint32_t)-EINTR)
        lu_signal_syscall_eintr(cpu, nr, r0);
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
        lu_signal_fault_info(6, 0, 0);
        lu_signal_force(cpu, SIGTRAP, TRAP_BRKPT, cpu->common.pc);
        return;
    }
    ferry_log(FERRY_LOG_unimp | FERRY_LOG_guest_errors, "undefined instruction at pc 0x%08x (%s): SIGILL\n",
              cpu->common.pc, cpu->common.flags & ARM_FLAG_THUMB ? "Thumb" : "ARM");
    lu_signal_fault_info(6, 0, 0);
    lu_signal_force(cpu, SIGILL, ILL_ILLOPC, cpu->common.pc);
}

static void exit_bkpt(ArmCpu *cpu)
{
    ferry_log(FERRY_LOG_guest_errors, "bkpt at pc 0x%08x: SIGTRAP\n", cpu->common.pc);
    lu_signal_fault_info(3, 0, 0);
    lu_signal_force(cpu, SIGTRAP, TRAP_BRKPT, cpu->common.pc);
}

/* SEGV_MAPERR for an unmapped address, SEGV_ACCERR for a mapped one the
 * access is not allowed on; SIGBUS (BUS_ADRERR) when the page allows the
 * access, i.e. the host refused it for a file mapping past its end.
 * sigcontext gets the kernel's data abort view: trap_no 14, error_code a
 * short-descriptor FSR (translation 0x7, permission 0xf, external abort
 * 0x8; WnR bit 11). */
static void exit_fault(ArmCpu *cpu)
{
    uint32_t addr = cpu->common.fault_addr;
    bool write = cpu->common.fault_write;
    unsigned f = lu_page_flags(addr);
    unsigned need = write ? LU_PG_WRITE : LU_PG_READ;
    int sig = SIGSEGV, code = SEGV_MAPERR;
    uint32_t fsr = 0x7;                       /* translation fault */
    if (f & LU_PG_MAPPED)
        code = SEGV_ACCERR, fsr = 0xf;        /* permission fault */
    if ((f & LU_PG_MAPPED) && (f & need) && addr != cpu->common.pc)
        sig = SIGBUS, code = BUS_ADRERR, fsr = 0x8;   /* external abort */
    ferry_log(FERRY_LOG_guest_errors, "guest fault at pc 0x%08x: %s of 0x%08x: signal %d\n",
              cpu->common.pc, write ? "write" : "read", addr, sig);
    lu_signal_fault_info(14, fsr | (write ? 0x800 : 0), addr);
    lu_signal_force(cpu, sig, code, addr);
}

static void exit_request(ArmCpu *cpu)
{
    lu_signal_deliver(cpu);
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
    lu_signal_thread_start(cpu);
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

/*
 * Link fallbacks: weak definitions of symbols that other parts of ferry
 * provide, so that ferry-arm and the unit tests link while those parts are
 * being written. Each real definition (a strong symbol in the object list;
 * the Makefile links objects, not an archive) replaces its fallback here.
 *
 * sys_dispatch: until syscalls/ lands, only exit, exit_group and write,
 * enough to try a static hello world; every other call is ENOSYS with a
 * -d unimp line, as the real table does for what it lacks.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/user.h"
#include "util/die.h"
#include "util/log.h"

enum { FALLBACK_NR_exit = 1, FALLBACK_NR_write = 4, FALLBACK_NR_exit_group = 248 };

__attribute__((weak)) void sys_dispatch(ArmCpu *cpu)
{
    uint32_t nr = cpu->regs[7];
    uint32_t *r = cpu->regs;
    switch (nr) {
    case FALLBACK_NR_exit:
    case FALLBACK_NR_exit_group:
        fflush(stdout);
        _exit((int)(r[0] & 0xff));
    case FALLBACK_NR_write:
        if (!lu_access_ok(r[1], r[2], PROT_READ)) {
            r[0] = (uint32_t)-EFAULT;
            return;
        }
        {
            ssize_t n = write((int)r[0], g2h(r[1]), r[2]);
            r[0] = n < 0 ? (uint32_t)-errno : (uint32_t)n;
        }
        return;
    default:
        ferry_log(FERRY_LOG_unimp, "unimp: syscall %u (link fallback sys_dispatch) at pc 0x%08x\n", nr,
                  cpu->common.pc);
        r[0] = (uint32_t)-ENOSYS;
    }
}

/*
 * Until target/arm/cpu.c and the JIT (tcg/exec.c) land in main: just enough
 * for the options parser and the loader to link and be tested. Running
 * guest code needs the real ones; tcg_exec says so instead of running.
 */
__attribute__((weak)) const ArmCpuModel arm_cpu_models[] = {
    { "cortex-a15", 0x412fc0f4, 0x3f90d7, 0, "ARM Cortex-A15 (link fallback)" },
    { NULL, 0, 0, 0, NULL },
};

__attribute__((weak)) const ArmCpuModel *arm_cpu_model_default(void) { return &arm_cpu_models[0]; }

__attribute__((weak)) const ArmCpuModel *arm_cpu_model_find(const char *name)
{
    for (const ArmCpuModel *m = arm_cpu_models; m->name; m++)
        if (!strcmp(m->name, name))
            return m;
    return NULL;
}

__attribute__((weak)) const TcgGuest arm_guest = { .name = "arm (link fallback)" };
__attribute__((weak)) bool (*tcg_read_code)(uint32_t addr, void *dst, uint32_t size);
__attribute__((weak)) void tcg_set_guest_base(uintptr_t base) {}
__attribute__((weak)) void tcg_init(const TcgGuest *guest) {}
__attribute__((weak)) void tcg_cpu_init(TcgCpu *cpu) {}
__attribute__((weak)) void tcg_invalidate(uint32_t start, uint32_t end) {}
__attribute__((weak)) uint32_t tcg_exec(TcgCpu *cpu)
{
    ferry_fail(1, "this build has no translator yet (link fallback tcg_exec)");
}

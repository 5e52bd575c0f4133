/*
 * Link fallbacks: weak definitions of the engine's entry points
 * (tcg/exec.h), so that ferry-arm and the unit tests link until the JIT
 * lands in main. The real definitions are strong symbols in the object
 * list (the Makefile links objects, not an archive) and replace these;
 * this file goes away once they are there. tcg_exec says plainly that
 * there is nothing to run guest code with.
 */
#include "tcg/exec.h"
#include "util/die.h"

__attribute__((weak)) bool (*tcg_read_code)(uint32_t addr, void *dst, uint32_t size);
__attribute__((weak)) void tcg_set_guest_base(uintptr_t base) {}
__attribute__((weak)) void tcg_init(const TcgGuest *guest) {}
__attribute__((weak)) void tcg_cpu_init(TcgCpu *cpu) {}
__attribute__((weak)) void tcg_invalidate(uint32_t start, uint32_t end) {}
__attribute__((weak)) uint32_t tcg_exec(TcgCpu *cpu)
{
    ferry_fail(1, "this build has no translator yet (link fallback tcg_exec)");
}

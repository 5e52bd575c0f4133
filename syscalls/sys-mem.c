/*
 * Guest memory calls. Mapping changes go through the run-time's guest
 * address space (lu_mmap & co.), which keeps the page tracker and the
 * code cache right; advice, sync and locking act on the host pages behind
 * the guest range directly, since those change no mapping.
 */
#include <errno.h>
#include <sys/mman.h>

#include "syscalls/sys.h"
#include "util/log.h"

#define SYS_MMAP2_UNIT 4096u

/* True if [addr, addr+len) is inside the 32-bit guest space. */
static bool in_guest_space(uint32_t addr, uint32_t len)
{
    return (uint64_t)addr + len <= 0x100000000ull;
}

int64_t sys_h_mmap2(ArmCpu *cpu, const SysArgs *a)
{
    return lu_mmap((uint32_t)a->v[0], (uint32_t)a->v[1], (int)a->v[2], (int)a->v[3], (int)sys_s32(a->v[4]),
                   a->v[5] * SYS_MMAP2_UNIT);
}

int64_t sys_h_munmap(ArmCpu *cpu, const SysArgs *a)
{
    return lu_munmap((uint32_t)a->v[0], (uint32_t)a->v[1]);
}

int64_t sys_h_mprotect(ArmCpu *cpu, const SysArgs *a)
{
    return lu_mprotect((uint32_t)a->v[0], (uint32_t)a->v[1], (int)a->v[2]);
}

int64_t sys_h_mremap(ArmCpu *cpu, const SysArgs *a)
{
    return lu_mremap((uint32_t)a->v[0], (uint32_t)a->v[1], (uint32_t)a->v[2], (int)a->v[3], (uint32_t)a->v[4]);
}

int64_t sys_h_brk(ArmCpu *cpu, const SysArgs *a)
{
    return lu_brk((uint32_t)a->v[0]);
}

/* Advice values are the asm-generic ones on both sides. Those that only
 * tune the host's paging (or, for DONTNEED/FREE/REMOVE, drop pages with
 * the kernel's own semantics) apply to the host pages directly; the rest
 * would change what the run-time knows about the mapping. */
static const int madvise_direct[] = {
    MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED, MADV_FREE,
    MADV_REMOVE, MADV_DONTFORK, MADV_DOFORK, MADV_MERGEABLE, MADV_UNMERGEABLE,
    MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP, MADV_DODUMP, MADV_COLD, MADV_PAGEOUT,
};

int64_t sys_h_madvise(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t addr = (uint32_t)a->v[0], len = (uint32_t)a->v[1];
    int advice = (int)sys_s32(a->v[2]);
    if (addr & (SYS_MMAP2_UNIT - 1))
        return -EINVAL;
    /* Only mapped guest pages: never the host memory beyond. */
    if (!in_guest_space(addr, len) || (len && !lu_access_ok(addr, len, PROT_NONE)))
        return -ENOMEM;
    for (size_t i = 0; i < sizeof madvise_direct / sizeof madvise_direct[0]; i++)
        if (madvise_direct[i] == advice)
            return sys_host_result(madvise(g2h(addr), len, advice));
    ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented madvise advice %d\n", advice);
    return -EINVAL;
}

int64_t sys_h_msync(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t addr = (uint32_t)a->v[0], len = (uint32_t)a->v[1];
    if (!in_guest_space(addr, len))
        return -ENOMEM;
    if (len && !lu_access_ok(addr, len, PROT_NONE))
        return -ENOMEM;
    return sys_host_result(msync(g2h(addr), len, (int)a->v[2]));
}

int64_t sys_h_mlock(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t addr = (uint32_t)a->v[0], len = (uint32_t)a->v[1];
    if (!in_guest_space(addr, len) || (len && !lu_access_ok(addr, len, PROT_NONE)))
        return -ENOMEM;
    return sys_host_result(mlock(g2h(addr), len));
}

int64_t sys_h_munlock(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t addr = (uint32_t)a->v[0], len = (uint32_t)a->v[1];
    if (!in_guest_space(addr, len) || (len && !lu_access_ok(addr, len, PROT_NONE)))
        return -ENOMEM;
    return sys_host_result(munlock(g2h(addr), len));
}

/* mincore: one byte per page of a mapped guest range. */
int64_t sys_h_mincore(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t addr = (uint32_t)a->v[0], len = (uint32_t)a->v[1];
    if (addr & (SYS_MMAP2_UNIT - 1))
        return -EINVAL;
    if (!in_guest_space(addr, len) || (len && !lu_access_ok(addr, len, PROT_NONE)))
        return -ENOMEM;
    uint32_t pages = (uint32_t)(((uint64_t)len + SYS_MMAP2_UNIT - 1) / SYS_MMAP2_UNIT);
    unsigned char *vec = sys_guest_buf((uint32_t)a->v[2], pages, PROT_WRITE);
    if (!vec)
        return -EFAULT;
    return sys_host_result(mincore(g2h(addr), len, vec));
}

/*
 * The syscall table (generated from syscalls/syscall.tbl) and the two
 * things every call needs from it: the row for a number, and the
 * arguments taken from the registers the row's kinds say (EABI puts a
 * 64-bit argument in an even/odd pair, low word first; the generator has
 * already worked out each argument's register).
 */
#include <errno.h>

#include "syscalls/sys.h"

#include "syscalls/syscall-table.c.inc"

const SysEntry *sys_lookup(uint32_t nr)
{
    const SysEntry *e;
    if (nr < sys_table_len)
        e = &sys_table[nr];
    else if (nr >= SYS_ARM_NR_BASE && nr - SYS_ARM_NR_BASE < sys_arm_table_len)
        e = &sys_arm_table[nr - SYS_ARM_NR_BASE];
    else
        return NULL;
    return e->name ? e : NULL;
}

void sys_unpack_args(const SysEntry *entry, const uint32_t regs[16], SysArgs *out)
{
    out->entry = entry;
    for (unsigned i = 0; i < SYS_MAX_ARGS; i++) {
        if (i >= entry->nargs) {
            out->v[i] = 0;
            continue;
        }
        unsigned r = entry->args[i].reg;
        if (entry->args[i].kind == SYS_ARG_off64)
            out->v[i] = (uint64_t)regs[r] | (uint64_t)regs[r + 1] << 32;
        else
            out->v[i] = regs[r];
    }
}

int64_t sys_host_result(long ret)
{
    return ret == -1 ? -(int64_t)errno : (int64_t)ret;
}

/*
 * The shared passthrough handler: for the many syscalls whose arguments
 * mean the same on ARM and x86-64 once each is widened, the table names
 * the host syscall and the argument kinds, and this one function converts
 * each argument by its kind (paths through -L, buffers checked against the
 * guest's mappings, open flags translated, 64-bit pairs joined) and calls
 * the host. No per-syscall code, so there is no per-syscall code to get
 * wrong; a syscall that needs more gets its own handler.
 */
#include <errno.h>
#include <limits.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscalls/sys.h"
#include "util/die.h"

/* Two paths at most (rename, link). */
#define SYS_PASS_PATHS 2

int64_t sys_h_pass(ArmCpu *cpu, const SysArgs *args)
{
    const SysEntry *e = args->entry;
    char path_buf[SYS_PASS_PATHS][PATH_MAX];
    unsigned npaths = 0;
    long h[SYS_MAX_ARGS] = { 0 };

    for (unsigned i = 0; i < e->nargs; i++) {
        uint64_t v = args->v[i];
        const char *s;
        void *p;
        int err;
        switch (e->args[i].kind) {
        case SYS_ARG_int:
        case SYS_ARG_fd:
        case SYS_ARG_dirfd:
        case SYS_ARG_sig:
            h[i] = (long)sys_s32(v);
            break;
        case SYS_ARG_uid16:
            /* The old 16-bit ids: 0xffff is -1 ("unchanged"). */
            h[i] = (uint16_t)v == 0xffff ? -1L : (long)(uint16_t)v;
            break;
        case SYS_ARG_oflags:
            h[i] = (long)sys_oflags_to_host((uint32_t)v);
            break;
        case SYS_ARG_path:
            FERRY_ASSERT(npaths < SYS_PASS_PATHS);
            err = sys_guest_path((uint32_t)v, path_buf[npaths], PATH_MAX, &s);
            if (err)
                return err;
            npaths++;
            h[i] = (long)s;
            break;
        case SYS_ARG_str:
            err = sys_guest_str((uint32_t)v, PATH_MAX, &s);
            if (err)
                return err;
            h[i] = (long)s;
            break;
        case SYS_ARG_ibuf:
        case SYS_ARG_obuf:
            /* A NULL buffer stays NULL (sendto's address, getxattr's size
             * query): the host kernel judges it. Checked before the lookup
             * because with guest_base 0, guest 0 is host NULL. */
            if (v == 0) {
                h[i] = 0;
                break;
            }
            /* The generator guarantees a size follows. */
            p = sys_guest_buf((uint32_t)v, (uint32_t)args->v[i + 1],
                              e->args[i].kind == SYS_ARG_ibuf ? PROT_READ : PROT_WRITE);
            if (!p)
                return -EFAULT;
            h[i] = (long)p;
            break;
        default: /* uint, hex, size, mode, off64: zero-extended */
            h[i] = (long)v;
            break;
        }
    }
    /* Through lu_safe_syscall: read, write, pause, connect... block, and a
     * guest signal must not slip in just before they do. */
    return lu_safe_syscall(e->host_nr, h[0], h[1], h[2], h[3], h[4], h[5]);
}

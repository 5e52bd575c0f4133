/*
 * futex on guest memory: the futex word is a 32-bit int in guest memory,
 * which is host memory, so the host futex works on it directly; only the
 * timeout (a 32-bit or time64 timespec) needs converting, and for the
 * requeue and wake-op commands the fourth argument is a count, not a
 * pointer. Each command is a row: whether it takes a timeout and whether
 * it uses the second word.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"
#include "util/log.h"

enum { FX_TIMEOUT = 1, FX_VAL2 = 2, FX_UADDR2 = 4 };

static const struct { int cmd; uint8_t shape; } futex_cmds[] = {
    { FUTEX_WAIT, FX_TIMEOUT },
    { FUTEX_WAKE, 0 },
    { FUTEX_REQUEUE, FX_VAL2 | FX_UADDR2 },
    { FUTEX_CMP_REQUEUE, FX_VAL2 | FX_UADDR2 },
    { FUTEX_WAKE_OP, FX_VAL2 | FX_UADDR2 },
    { FUTEX_LOCK_PI, FX_TIMEOUT },
    { FUTEX_UNLOCK_PI, 0 },
    { FUTEX_TRYLOCK_PI, 0 },
    { FUTEX_WAIT_BITSET, FX_TIMEOUT },
    { FUTEX_WAKE_BITSET, 0 },
    { FUTEX_WAIT_REQUEUE_PI, FX_TIMEOUT | FX_UADDR2 },
    { FUTEX_CMP_REQUEUE_PI, FX_VAL2 | FX_UADDR2 },
};

static int64_t do_futex(const SysArgs *a, bool time64)
{
    uint32_t uaddr = (uint32_t)a->v[0];
    int op = (int)sys_s32(a->v[1]);
    int cmd = op & FUTEX_CMD_MASK;
    for (size_t i = 0; i < sizeof futex_cmds / sizeof futex_cmds[0]; i++) {
        if (futex_cmds[i].cmd != cmd)
            continue;
        uint8_t shape = futex_cmds[i].shape;
        struct timespec ts;
        long arg4 = 0;
        void *uaddr2 = NULL;
        if (uaddr & 3)
            return -EINVAL;
        void *word = sys_guest_buf(uaddr, 4, PROT_READ);
        if (!word)
            return -EFAULT;
        if ((shape & FX_TIMEOUT) && a->v[3]) {
            if (sys_get_timespec((uint32_t)a->v[3], &ts, time64))
                return -EFAULT;
            arg4 = (long)&ts;
        } else if (shape & FX_VAL2) {
            arg4 = (long)(uint32_t)a->v[3];
        }
        if (shape & FX_UADDR2) {
            uint32_t u2 = (uint32_t)a->v[4];
            if ((u2 & 3) || !(uaddr2 = sys_guest_buf(u2, 4, PROT_READ)))
                return (u2 & 3) ? -EINVAL : -EFAULT;
        }
        return sys_host_result(lu_syscall(SYS_futex, word, op, (int)(uint32_t)a->v[2], arg4, uaddr2,
                                       (int)(uint32_t)a->v[5]));
    }
    ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented futex command %d\n", cmd);
    return -ENOSYS;
}

int64_t sys_h_futex(ArmCpu *cpu, const SysArgs *a) { return do_futex(a, false); }
int64_t sys_h_futex64(ArmCpu *cpu, const SysArgs *a) { return do_futex(a, true); }

/*
 * Descriptor control: fcntl and ioctl (each a table of the commands it
 * knows, with the argument's shape), pipes, and the waiting calls poll,
 * ppoll, select and pselect6 (fd_set is a bit array whose bytes are the
 * same on both sides; only the word size of the whole differs).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"
#include "util/log.h"

/* --- fcntl --- */

enum { FC_INT, FC_GETFL, FC_SETFL, FC_FLOCK, FC_FLOCK64, FC_PTR8 };

static const struct { int cmd; uint8_t kind; int host_cmd; } fcntl_cmds[] = {
    { 0, FC_INT, F_DUPFD },             { 1030, FC_INT, F_DUPFD_CLOEXEC },
    { 1, FC_INT, F_GETFD },             { 2, FC_INT, F_SETFD },
    { 3, FC_GETFL, F_GETFL },           { 4, FC_SETFL, F_SETFL },
    { 5, FC_FLOCK, F_GETLK },           { 6, FC_FLOCK, F_SETLK },
    { 7, FC_FLOCK, F_SETLKW },          { 12, FC_FLOCK64, F_GETLK },
    { 13, FC_FLOCK64, F_SETLK },        { 14, FC_FLOCK64, F_SETLKW },
    { 36, FC_FLOCK64, F_OFD_GETLK },    { 37, FC_FLOCK64, F_OFD_SETLK },
    { 38, FC_FLOCK64, F_OFD_SETLKW },   { 8, FC_INT, F_SETOWN },
    { 9, FC_INT, F_GETOWN },            { 10, FC_INT, F_SETSIG },
    { 11, FC_INT, F_GETSIG },           { 15, FC_PTR8, F_SETOWN_EX },
    { 16, FC_PTR8, F_GETOWN_EX },       { 1024, FC_INT, F_SETLEASE },
    { 1025, FC_INT, F_GETLEASE },       { 1026, FC_INT, F_NOTIFY },
    { 1031, FC_INT, F_SETPIPE_SZ },     { 1032, FC_INT, F_GETPIPE_SZ },
    { 1033, FC_INT, F_ADD_SEALS },      { 1034, FC_INT, F_GET_SEALS },
};

static int64_t do_flock(int fd, int host_cmd, uint32_t addr, bool is64)
{
    struct flock fl;
    if (is64) {
        arm_flock64 g;
        if (sys_copy_from_guest(&g, addr, sizeof g))
            return -EFAULT;
        fl = (struct flock){ .l_type = g.l_type, .l_whence = g.l_whence, .l_start = g.l_start,
                             .l_len = g.l_len, .l_pid = g.l_pid };
    } else {
        arm_flock g;
        if (sys_copy_from_guest(&g, addr, sizeof g))
            return -EFAULT;
        fl = (struct flock){ .l_type = g.l_type, .l_whence = g.l_whence, .l_start = g.l_start,
                             .l_len = g.l_len, .l_pid = g.l_pid };
    }
    if (fcntl(fd, host_cmd, &fl) < 0)
        return -errno;
    if (host_cmd != F_GETLK && host_cmd != F_OFD_GETLK)
        return 0;
    if (is64) {
        arm_flock64 g = { .l_type = fl.l_type, .l_whence = fl.l_whence, .l_start = fl.l_start,
                          .l_len = fl.l_len, .l_pid = fl.l_pid };
        return sys_copy_to_guest(addr, &g, sizeof g);
    }
    if (fl.l_start > INT32_MAX || fl.l_len > INT32_MAX)
        return -EOVERFLOW;
    arm_flock g = { .l_type = fl.l_type, .l_whence = fl.l_whence, .l_start = (int32_t)fl.l_start,
                    .l_len = (int32_t)fl.l_len, .l_pid = fl.l_pid };
    return sys_copy_to_guest(addr, &g, sizeof g);
}

static int64_t do_fcntl(const SysArgs *a)
{
    int fd = (int)sys_s32(a->v[0]);
    int cmd = (int)sys_s32(a->v[1]);
    uint32_t arg = (uint32_t)a->v[2];
    for (size_t i = 0; i < sizeof fcntl_cmds / sizeof fcntl_cmds[0]; i++) {
        if (fcntl_cmds[i].cmd != cmd)
            continue;
        int host_cmd = fcntl_cmds[i].host_cmd;
        void *p;
        long r;
        switch (fcntl_cmds[i].kind) {
        case FC_GETFL:
            r = fcntl(fd, F_GETFL);
            return r < 0 ? -errno : (int64_t)sys_oflags_to_arm((uint32_t)r);
        case FC_SETFL:
            return sys_host_result(fcntl(fd, F_SETFL, (int)sys_oflags_to_host(arg)));
        case FC_FLOCK:
            return do_flock(fd, host_cmd, arg, false);
        case FC_FLOCK64:
            return do_flock(fd, host_cmd, arg, true);
        case FC_PTR8: /* struct f_owner_ex: two ints */
            if (!(p = sys_guest_buf(arg, 8, PROT_READ | PROT_WRITE)))
                return -EFAULT;
            return sys_host_result(fcntl(fd, host_cmd, p));
        default:
            return sys_host_result(fcntl(fd, host_cmd, (long)(int32_t)arg));
        }
    }
    ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented fcntl command %d\n", cmd);
    return -EINVAL;
}

int64_t sys_h_fcntl(ArmCpu *cpu, const SysArgs *a) { return do_fcntl(a); }
int64_t sys_h_fcntl64(ArmCpu *cpu, const SysArgs *a) { return do_fcntl(a); }

/* --- ioctl --- */

/* Terminal and file ioctls whose argument has the same layout on both
 * sides (struct termios and struct winsize are asm-generic on both; see
 * abi.h): the guest's memory is passed to the host once checked. */
enum { IO_NONE, IO_INT, IO_IN, IO_OUT };

static const struct { uint32_t cmd; const char *name; uint8_t dir; uint8_t size; } ioctl_cmds[] = {
    { 0x5401, "TCGETS", IO_OUT, sizeof(arm_termios) },
    { 0x5402, "TCSETS", IO_IN, sizeof(arm_termios) },
    { 0x5403, "TCSETSW", IO_IN, sizeof(arm_termios) },
    { 0x5404, "TCSETSF", IO_IN, sizeof(arm_termios) },
    { 0x5409, "TCSBRK", IO_INT, 0 },
    { 0x540A, "TCXONC", IO_INT, 0 },
    { 0x540B, "TCFLSH", IO_INT, 0 },
    { 0x540E, "TIOCSCTTY", IO_INT, 0 },
    { 0x540F, "TIOCGPGRP", IO_OUT, 4 },
    { 0x5410, "TIOCSPGRP", IO_IN, 4 },
    { 0x5413, "TIOCGWINSZ", IO_OUT, 8 },
    { 0x5414, "TIOCSWINSZ", IO_IN, 8 },
    { 0x541B, "FIONREAD", IO_OUT, 4 },
    { 0x5421, "FIONBIO", IO_IN, 4 },
    { 0x5422, "TIOCNOTTY", IO_NONE, 0 },
    { 0x5429, "TIOCGSID", IO_OUT, 4 },
    { 0x5450, "FIONCLEX", IO_NONE, 0 },
    { 0x5451, "FIOCLEX", IO_NONE, 0 },
    { 0x5452, "FIOASYNC", IO_IN, 4 },
    { 0x540C, "TIOCEXCL", IO_NONE, 0 },
    { 0x540D, "TIOCNXCL", IO_NONE, 0 },
    { 0x5411, "TIOCOUTQ", IO_OUT, 4 },
    { 0x5415, "TIOCMGET", IO_OUT, 4 },
    { 0x5425, "TCSBRKP", IO_INT, 0 },
    { 0x5441, "TIOCGPTPEER", IO_INT, 0 },
    { 0x80045430, "TIOCGPTN", IO_OUT, 4 },
    { 0x40045431, "TIOCSPTLCK", IO_IN, 4 },
    { 0x80045432, "TIOCGDEV", IO_OUT, 4 },
};

const char *sys_ioctl_name(uint32_t cmd)
{
    for (size_t i = 0; i < sizeof ioctl_cmds / sizeof ioctl_cmds[0]; i++)
        if (ioctl_cmds[i].cmd == cmd)
            return ioctl_cmds[i].name;
    return NULL;
}

int64_t sys_h_ioctl(ArmCpu *cpu, const SysArgs *a)
{
    int fd = (int)sys_s32(a->v[0]);
    uint32_t cmd = (uint32_t)a->v[1];
    uint32_t arg = (uint32_t)a->v[2];
    for (size_t i = 0; i < sizeof ioctl_cmds / sizeof ioctl_cmds[0]; i++) {
        if (ioctl_cmds[i].cmd != cmd)
            continue;
        void *p;
        switch (ioctl_cmds[i].dir) {
        case IO_NONE:
            return sys_host_result(syscall(SYS_ioctl, fd, (unsigned long)cmd, 0L));
        case IO_INT:
            return sys_host_result(syscall(SYS_ioctl, fd, (unsigned long)cmd, (long)(int32_t)arg));
        default:
            p = sys_guest_buf(arg, ioctl_cmds[i].size, ioctl_cmds[i].dir == IO_IN ? PROT_READ : PROT_WRITE);
            if (!p || arg == 0)
                return -EFAULT;
            return sys_host_result(syscall(SYS_ioctl, fd, (unsigned long)cmd, p));
        }
    }
    ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented ioctl 0x%x on fd %d\n", cmd, fd);
    return -ENOTTY;
}

/* --- pipes --- */

static int64_t do_pipe2(uint32_t addr, uint32_t flags)
{
    int fds[2];
    if (!sys_guest_buf(addr, sizeof fds, PROT_WRITE))
        return -EFAULT;
    if (pipe2(fds, (int)sys_oflags_to_host(flags)) < 0)
        return -errno;
    return sys_copy_to_guest(addr, fds, sizeof fds);
}

int64_t sys_h_pipe(ArmCpu *cpu, const SysArgs *a) { return do_pipe2((uint32_t)a->v[0], 0); }
int64_t sys_h_pipe2(ArmCpu *cpu, const SysArgs *a) { return do_pipe2((uint32_t)a->v[0], (uint32_t)a->v[1]); }

/* --- poll --- */

/* struct pollfd (int, short, short) is the same on both sides. */
static struct pollfd *guest_pollfds(uint32_t addr, uint32_t nfds)
{
    if (nfds > 1u << 20)
        return NULL;
    return sys_guest_buf(addr, nfds * (uint32_t)sizeof(struct pollfd), PROT_READ | PROT_WRITE);
}

int64_t sys_h_poll(ArmCpu *cpu, const SysArgs *a)
{
    struct pollfd *fds = guest_pollfds((uint32_t)a->v[0], (uint32_t)a->v[1]);
    if (!fds)
        return (uint32_t)a->v[1] > 1u << 20 ? -EINVAL : -EFAULT;
    return sys_host_result(lu_syscall(SYS_poll, fds, (nfds_t)(uint32_t)a->v[1], (int)sys_s32(a->v[2])));
}

/* The guest's sigset is 8 bytes of bits, as the host kernel's. */
static int64_t do_ppoll(const SysArgs *a, bool time64)
{
    uint32_t nfds = (uint32_t)a->v[1];
    uint32_t ts_addr = (uint32_t)a->v[2], mask_addr = (uint32_t)a->v[3];
    struct timespec ts;
    void *mask = NULL;
    struct pollfd *fds = guest_pollfds((uint32_t)a->v[0], nfds);
    if (!fds)
        return nfds > 1u << 20 ? -EINVAL : -EFAULT;
    if (ts_addr && sys_get_timespec(ts_addr, &ts, time64))
        return -EFAULT;
    if (mask_addr) {
        if ((uint32_t)a->v[4] != 8)
            return -EINVAL;
        if (!(mask = sys_guest_buf(mask_addr, 8, PROT_READ)))
            return -EFAULT;
    }
    int64_t r = sys_host_result(lu_syscall(SYS_ppoll, fds, (long)nfds, ts_addr ? &ts : NULL, mask, 8L));
    if (r == -EINTR)
        lu_signal_masked_wait_interrupted(mask);
    if (ts_addr && r >= 0 && sys_put_timespec(ts_addr, &ts, time64))
        return -EFAULT;
    return r;
}

int64_t sys_h_ppoll(ArmCpu *cpu, const SysArgs *a) { return do_ppoll(a, false); }
int64_t sys_h_ppoll64(ArmCpu *cpu, const SysArgs *a) { return do_ppoll(a, true); }

/* --- select --- */

#define SYS_SELECT_MAX_FDS 8192
typedef struct HostFdSet { uint64_t w[SYS_SELECT_MAX_FDS / 64]; } HostFdSet;

static uint32_t guest_set_bytes(int nfds) { return (uint32_t)(nfds + 31) / 32 * 4; }

static int get_fdset(uint32_t addr, int nfds, HostFdSet *set, HostFdSet **out)
{
    if (!addr) {
        *out = NULL;
        return 0;
    }
    memset(set, 0, sizeof *set);
    if (sys_copy_from_guest(set, addr, guest_set_bytes(nfds)))
        return -EFAULT;
    *out = set;
    return 0;
}

static int put_fdset(uint32_t addr, int nfds, const HostFdSet *set)
{
    return addr ? sys_copy_to_guest(addr, set, guest_set_bytes(nfds)) : 0;
}

/* kind: 0 select (timeval), 1 pselect6 (timespec32), 2 pselect6_time64. */
static int64_t do_select(const SysArgs *a, int kind)
{
    int nfds = (int)sys_s32(a->v[0]);
    uint32_t addr[3] = { (uint32_t)a->v[1], (uint32_t)a->v[2], (uint32_t)a->v[3] };
    uint32_t t_addr = (uint32_t)a->v[4];
    HostFdSet sets[3], *p[3];
    struct timespec ts;
    struct timeval tv;
    if (nfds < 0 || nfds > SYS_SELECT_MAX_FDS)
        return -EINVAL;
    for (int i = 0; i < 3; i++)
        if (get_fdset(addr[i], nfds, &sets[i], &p[i]))
            return -EFAULT;
    long r;
    if (kind == 0) {
        arm_timeval g;
        if (t_addr) {
            if (sys_copy_from_guest(&g, t_addr, sizeof g))
                return -EFAULT;
            arm_timeval_to_host(&tv, &g);
        }
        r = lu_syscall(SYS_select, nfds, p[0], p[1], p[2], t_addr ? &tv : NULL);
    } else {
        /* The sixth argument points at { sigset pointer, its size }. */
        uint32_t sm[2] = { 0, 0 };
        struct { void *ss; long len; } host_sm = { NULL, 8 };
        if (t_addr && sys_get_timespec(t_addr, &ts, kind == 2))
            return -EFAULT;
        if (a->v[5]) {
            if (sys_copy_from_guest(sm, (uint32_t)a->v[5], sizeof sm))
                return -EFAULT;
            if (sm[0] && !(host_sm.ss = sys_guest_buf(sm[0], 8, PROT_READ)))
                return -EFAULT;
            host_sm.len = sm[1];
        }
        r = lu_syscall(SYS_pselect6, nfds, p[0], p[1], p[2], t_addr ? &ts : NULL, a->v[5] ? &host_sm : NULL);
        if (r < 0 && errno == EINTR)
            lu_signal_masked_wait_interrupted(host_sm.ss);
    }
    int64_t ret = sys_host_result(r);
    if (ret < 0)
        return ret;
    for (int i = 0; i < 3; i++)
        if (p[i] && put_fdset(addr[i], nfds, p[i]))
            return -EFAULT;
    if (t_addr) {
        int err;
        if (kind == 0) {
            arm_timeval g;
            arm_timeval_from_host(&g, &tv);
            err = sys_copy_to_guest(t_addr, &g, sizeof g);
        } else {
            err = sys_put_timespec(t_addr, &ts, kind == 2);
        }
        if (err)
            return err;
    }
    return ret;
}

int64_t sys_h_select(ArmCpu *cpu, const SysArgs *a) { return do_select(a, 0); }
int64_t sys_h_pselect6(ArmCpu *cpu, const SysArgs *a) { return do_select(a, 1); }
int64_t sys_h_pselect6_64(ArmCpu *cpu, const SysArgs *a) { return do_select(a, 2); }

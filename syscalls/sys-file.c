/*
 * Files and their metadata: the calls that need more than the shared
 * passthrough (open flags both ways, /proc/self/exe, stat layouts, 32-bit
 * offsets, iovec arrays, 64-bit offsets the host takes in another order).
 * Opens of the /proc files that describe the guest are generated
 * (sys-proc-files.c).
 * Every guest path goes through -L (sys_guest_path).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys-proc-files.h"
#include "syscalls/sys.h"

/* /proc/self/exe and /proc/<our pid>/exe name the guest program, not ferry. */
bool sys_is_proc_self_exe(const char *path)
{
    char own[64];
    if (!strcmp(path, "/proc/self/exe") || !strcmp(path, "/proc/thread-self/exe"))
        return true;
    snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
    return !strcmp(path, own);
}

/* A guest path for the host: -L applied, /proc/self/exe redirected to
 * the guest program for calls that follow it (at_flags without
 * AT_SYMLINK_NOFOLLOW); lstat sees the host's link itself, a symlink as
 * the kernel shows it. */
static int host_path_at(uint32_t addr, char *buf, const char **out, int at_flags)
{
    const char *raw;
    int err = sys_guest_str(addr, PATH_MAX, &raw);
    if (err)
        return err;
    if (lu_process.exe_path && !(at_flags & AT_SYMLINK_NOFOLLOW) && sys_is_proc_self_exe(raw)) {
        *out = lu_process.exe_path;
        return 0;
    }
    *out = lu_path(raw, buf, PATH_MAX);
    return 0;
}

static int host_path(uint32_t addr, char *buf, const char **out) { return host_path_at(addr, buf, out, 0); }

static int64_t do_openat(int dirfd, uint32_t path_addr, uint32_t flags, uint32_t mode)
{
    char buf[PATH_MAX];
    const char *raw, *path;
    int64_t generated;
    int err = sys_guest_str(path_addr, PATH_MAX, &raw);
    if (err)
        return err;
    /* /proc files that must describe the guest (sys-proc-files.c). */
    if (raw[0] == '/' && sys_proc_file_open(raw, flags, &generated))
        return generated;
    if ((err = host_path(path_addr, buf, &path)))
        return err;
    return sys_host_result(syscall(SYS_openat, dirfd, path, (long)sys_oflags_to_host(flags), (long)mode));
}

int64_t sys_h_open(ArmCpu *cpu, const SysArgs *a)
{
    return do_openat(AT_FDCWD, (uint32_t)a->v[0], (uint32_t)a->v[1], (uint32_t)a->v[2]);
}

int64_t sys_h_openat(ArmCpu *cpu, const SysArgs *a)
{
    return do_openat((int)sys_s32(a->v[0]), (uint32_t)a->v[1], (uint32_t)a->v[2], (uint32_t)a->v[3]);
}

static int64_t do_readlinkat(int dirfd, uint32_t path_addr, uint32_t buf_addr, uint32_t size)
{
    char pbuf[PATH_MAX];
    const char *raw, *path;
    int err = sys_guest_str(path_addr, PATH_MAX, &raw);
    if (err)
        return err;
    if ((int32_t)size <= 0)
        return -EINVAL;
    char *out = sys_guest_buf(buf_addr, size, PROT_WRITE);
    if (!out)
        return -EFAULT;
    if (lu_process.exe_path && sys_is_proc_self_exe(raw)) {
        /* readlink does not NUL-terminate, and truncates silently. */
        size_t n = strlen(lu_process.exe_path);
        if (n > size)
            n = size;
        memcpy(out, lu_process.exe_path, n);
        return (int64_t)n;
    }
    path = lu_path(raw, pbuf, sizeof pbuf);
    return sys_host_result(readlinkat(dirfd, path, out, size));
}

int64_t sys_h_readlink(ArmCpu *cpu, const SysArgs *a)
{
    return do_readlinkat(AT_FDCWD, (uint32_t)a->v[0], (uint32_t)a->v[1], (uint32_t)a->v[2]);
}

int64_t sys_h_readlinkat(ArmCpu *cpu, const SysArgs *a)
{
    return do_readlinkat((int)sys_s32(a->v[0]), (uint32_t)a->v[1], (uint32_t)a->v[2], (uint32_t)a->v[3]);
}

/* --- stat family --- */

static int64_t put_stat64(uint32_t addr, const struct stat *st)
{
    arm_stat64 out;
    arm_stat64_from_host(&out, st);
    return sys_copy_to_guest(addr, &out, sizeof out);
}

/* path_addr 0 with AT_EMPTY_PATH is fstat of dirfd. */
static int64_t do_fstatat(int dirfd, uint32_t path_addr, uint32_t st_addr, int flags)
{
    char buf[PATH_MAX];
    const char *path = "";
    struct stat st;
    if (path_addr || !(flags & AT_EMPTY_PATH)) {
        int err = host_path_at(path_addr, buf, &path, flags);
        if (err)
            return err;
    }
    if (!sys_guest_buf(st_addr, sizeof(arm_stat64), PROT_WRITE))
        return -EFAULT;
    if (fstatat(dirfd, path, &st, flags) < 0)
        return -errno;
    return put_stat64(st_addr, &st);
}

int64_t sys_h_stat64(ArmCpu *cpu, const SysArgs *a)
{
    return do_fstatat(AT_FDCWD, (uint32_t)a->v[0], (uint32_t)a->v[1], 0);
}

int64_t sys_h_lstat64(ArmCpu *cpu, const SysArgs *a)
{
    return do_fstatat(AT_FDCWD, (uint32_t)a->v[0], (uint32_t)a->v[1], AT_SYMLINK_NOFOLLOW);
}

int64_t sys_h_fstat64(ArmCpu *cpu, const SysArgs *a)
{
    struct stat st;
    if (!sys_guest_buf((uint32_t)a->v[1], sizeof(arm_stat64), PROT_WRITE))
        return -EFAULT;
    if (fstat((int)sys_s32(a->v[0]), &st) < 0)
        return -errno;
    return put_stat64((uint32_t)a->v[1], &st);
}

int64_t sys_h_fstatat64(ArmCpu *cpu, const SysArgs *a)
{
    return do_fstatat((int)sys_s32(a->v[0]), (uint32_t)a->v[1], (uint32_t)a->v[2], (int)a->v[3]);
}

/* struct statx has the same fixed-width layout on every architecture. */
int64_t sys_h_statx(ArmCpu *cpu, const SysArgs *a)
{
    char buf[PATH_MAX];
    const char *path = "";
    int flags = (int)a->v[2];
    if (a->v[1] || !(flags & AT_EMPTY_PATH)) {
        int err = host_path_at((uint32_t)a->v[1], buf, &path, flags);
        if (err)
            return err;
    }
    void *out = sys_guest_buf((uint32_t)a->v[4], 256, PROT_WRITE);
    if (!out)
        return -EFAULT;
    return sys_host_result(syscall(SYS_statx, (int)sys_s32(a->v[0]), path, flags, (unsigned)a->v[3], out));
}

/* The old stat calls, for programs built against the 32-bit struct. */
static int64_t put_old_stat(uint32_t addr, int err, const struct stat *st)
{
    arm_stat out;
    if (err < 0)
        return -errno;
    int r = arm_stat_from_host(&out, st);
    return r ? r : sys_copy_to_guest(addr, &out, sizeof out);
}

static int64_t do_old_stat(const SysArgs *a, int flags)
{
    char buf[PATH_MAX];
    const char *path;
    struct stat st;
    int err = host_path_at((uint32_t)a->v[0], buf, &path, flags);
    if (err)
        return err;
    return put_old_stat((uint32_t)a->v[1], fstatat(AT_FDCWD, path, &st, flags), &st);
}

int64_t sys_h_stat(ArmCpu *cpu, const SysArgs *a) { return do_old_stat(a, 0); }
int64_t sys_h_lstat(ArmCpu *cpu, const SysArgs *a) { return do_old_stat(a, AT_SYMLINK_NOFOLLOW); }

int64_t sys_h_fstat(ArmCpu *cpu, const SysArgs *a)
{
    struct stat st;
    return put_old_stat((uint32_t)a->v[1], fstat((int)sys_s32(a->v[0]), &st), &st);
}

static int64_t put_old_statfs(uint32_t addr, int err, const struct statfs *st)
{
    arm_statfs out;
    if (err < 0)
        return -errno;
    int r = arm_statfs_from_host(&out, st);
    return r ? r : sys_copy_to_guest(addr, &out, sizeof out);
}

int64_t sys_h_statfs(ArmCpu *cpu, const SysArgs *a)
{
    char buf[PATH_MAX];
    const char *path;
    struct statfs st;
    int err = host_path((uint32_t)a->v[0], buf, &path);
    if (err)
        return err;
    return put_old_statfs((uint32_t)a->v[1], statfs(path, &st), &st);
}

int64_t sys_h_fstatfs(ArmCpu *cpu, const SysArgs *a)
{
    struct statfs st;
    return put_old_statfs((uint32_t)a->v[1], fstatfs((int)sys_s32(a->v[0]), &st), &st);
}

static int64_t put_statfs64(uint32_t size, uint32_t addr, const struct statfs *st)
{
    arm_statfs64 out;
    arm_statfs64_from_host(&out, st);
    return sys_copy_to_guest(addr, &out, sizeof out);
}

/* The ARM kernel takes 88 (the unpacked EABI size) as well as 84. */
static bool statfs64_size_ok(uint64_t size)
{
    return size == sizeof(arm_statfs64) || size == 88;
}

int64_t sys_h_statfs64(ArmCpu *cpu, const SysArgs *a)
{
    char buf[PATH_MAX];
    const char *path;
    struct statfs st;
    if (!statfs64_size_ok(a->v[1]))
        return -EINVAL;
    int err = host_path((uint32_t)a->v[0], buf, &path);
    if (err)
        return err;
    if (statfs(path, &st) < 0)
        return -errno;
    return put_statfs64((uint32_t)a->v[1], (uint32_t)a->v[2], &st);
}

int64_t sys_h_fstatfs64(ArmCpu *cpu, const SysArgs *a)
{
    struct statfs st;
    if (!statfs64_size_ok(a->v[1]))
        return -EINVAL;
    if (fstatfs((int)sys_s32(a->v[0]), &st) < 0)
        return -errno;
    return put_statfs64((uint32_t)a->v[1], (uint32_t)a->v[2], &st);
}

/* utimensat: a NULL path means the file dirfd itself (futimens). */
static int64_t do_utimensat(const SysArgs *a, bool time64)
{
    char buf[PATH_MAX];
    const char *path = NULL;
    struct timespec ts[2], *tsp = NULL;
    if (a->v[1]) {
        int err = host_path((uint32_t)a->v[1], buf, &path);
        if (err)
            return err;
    }
    if (a->v[2]) {
        if (time64) {
            arm_timespec64 g[2];
            if (sys_copy_from_guest(g, (uint32_t)a->v[2], sizeof g))
                return -EFAULT;
            arm_timespec64_to_host(&ts[0], &g[0]);
            arm_timespec64_to_host(&ts[1], &g[1]);
        } else {
            arm_timespec32 g[2];
            if (sys_copy_from_guest(g, (uint32_t)a->v[2], sizeof g))
                return -EFAULT;
            arm_timespec32_to_host(&ts[0], &g[0]);
            arm_timespec32_to_host(&ts[1], &g[1]);
        }
        tsp = ts;
    }
    return sys_host_result(syscall(SYS_utimensat, (int)sys_s32(a->v[0]), path, tsp, (int)a->v[3]));
}

int64_t sys_h_utimensat(ArmCpu *cpu, const SysArgs *a) { return do_utimensat(a, false); }
int64_t sys_h_utimensat64(ArmCpu *cpu, const SysArgs *a) { return do_utimensat(a, true); }

/* utimes and futimesat take two 32-bit timevals. */
static int64_t do_futimesat(int dirfd, uint32_t path_addr, uint32_t tv_addr)
{
    char buf[PATH_MAX];
    const char *path;
    struct timespec ts[2];
    int err = host_path(path_addr, buf, &path);
    if (err)
        return err;
    if (tv_addr) {
        arm_timeval tv[2];
        if (sys_copy_from_guest(tv, tv_addr, sizeof tv))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
                return -EINVAL;
            ts[i].tv_sec = tv[i].tv_sec;
            ts[i].tv_nsec = (long)tv[i].tv_usec * 1000;
        }
    }
    return sys_host_result(syscall(SYS_utimensat, dirfd, path, tv_addr ? ts : NULL, 0));
}

int64_t sys_h_utimes(ArmCpu *cpu, const SysArgs *a)
{
    return do_futimesat(AT_FDCWD, (uint32_t)a->v[0], (uint32_t)a->v[1]);
}

int64_t sys_h_futimesat(ArmCpu *cpu, const SysArgs *a)
{
    return do_futimesat((int)sys_s32(a->v[0]), (uint32_t)a->v[1], (uint32_t)a->v[2]);
}

/* --- offsets and vectors --- */

/* lseek with a 32-bit off_t: a result past 2 GiB is EOVERFLOW (the file
 * position has moved all the same, as in the kernel). */
/* A directory cookie handed out by getdents64 goes back to its host offset. */
static off_t host_offset(int fd, int64_t off, int whence)
{
    int64_t host;
    if (whence == SEEK_SET && sys_dir_seek_offset(fd, off, &host))
        return host;
    return off;
}

int64_t sys_h_lseek(ArmCpu *cpu, const SysArgs *a)
{
    int fd = (int)sys_s32(a->v[0]), whence = (int)sys_s32(a->v[2]);
    off_t r = lseek(fd, host_offset(fd, sys_s32(a->v[1]), whence), whence);
    if (r < 0)
        return -errno;
    return r > INT32_MAX ? -EOVERFLOW : r;
}

int64_t sys_h_llseek(ArmCpu *cpu, const SysArgs *a)
{
    int64_t off = (int64_t)((uint64_t)(uint32_t)a->v[1] << 32 | (uint32_t)a->v[2]);
    uint32_t result = (uint32_t)a->v[3];
    if (!sys_guest_buf(result, 8, PROT_WRITE))
        return -EFAULT;
    int fd = (int)sys_s32(a->v[0]), whence = (int)sys_s32(a->v[4]);
    off_t r = lseek(fd, host_offset(fd, off, whence), whence);
    if (r < 0)
        return -errno;
    /* The position of a directory reads back as the guest's cookie. */
    int64_t out = (whence == SEEK_SET && r != off) ? off : r;
    return sys_copy_to_guest(result, &out, sizeof out);
}

#define SYS_IOV_MAX 1024

/* readv/writev, and with an offset (two 32-bit words, low then high, not
 * a register pair) preadv/pwritev, and with flags preadv2/pwritev2. */
static int64_t do_rwv_at(const SysArgs *a, bool write, bool at, bool with_flags)
{
    int32_t count = (int32_t)a->v[2];
    if (count < 0 || count > SYS_IOV_MAX)
        return -EINVAL;
    struct iovec iov[SYS_IOV_MAX];
    const arm_iovec *g = sys_guest_buf((uint32_t)a->v[1], (uint32_t)count * sizeof(arm_iovec), PROT_READ);
    if (!g)
        return -EFAULT;
    for (int32_t i = 0; i < count; i++) {
        arm_iovec v;
        memcpy(&v, &g[i], sizeof v);
        if ((int32_t)v.iov_len < 0)
            return -EINVAL;
        iov[i].iov_base = sys_guest_buf(v.iov_base, v.iov_len, write ? PROT_READ : PROT_WRITE);
        if (!iov[i].iov_base)
            return -EFAULT;
        iov[i].iov_len = v.iov_len;
    }
    int fd = (int)sys_s32(a->v[0]);
    if (!at)
        return sys_host_result(lu_syscall(write ? SYS_writev : SYS_readv, fd, iov, count));
    /* An offset of -1 (both words) means the current position, for v2. */
    int64_t pos = (int64_t)((uint64_t)(uint32_t)a->v[4] << 32 | (uint32_t)a->v[3]);
    int flags = with_flags ? (int)a->v[5] : 0;
    return sys_host_result(syscall(write ? SYS_pwritev2 : SYS_preadv2, fd, iov, count, (long)pos, 0L, flags));
}

int64_t sys_h_readv(ArmCpu *cpu, const SysArgs *a) { return do_rwv_at(a, false, false, false); }
int64_t sys_h_writev(ArmCpu *cpu, const SysArgs *a) { return do_rwv_at(a, true, false, false); }
int64_t sys_h_preadv(ArmCpu *cpu, const SysArgs *a) { return do_rwv_at(a, false, true, false); }
int64_t sys_h_pwritev(ArmCpu *cpu, const SysArgs *a) { return do_rwv_at(a, true, true, false); }
int64_t sys_h_preadv2(ArmCpu *cpu, const SysArgs *a) { return do_rwv_at(a, false, true, true); }
int64_t sys_h_pwritev2(ArmCpu *cpu, const SysArgs *a) { return do_rwv_at(a, true, true, true); }

/* openat2: struct open_how is three u64 on every architecture; its flags
 * are open flags, translated like open's. */
int64_t sys_h_openat2(ArmCpu *cpu, const SysArgs *a)
{
    char buf[PATH_MAX];
    const char *path;
    uint64_t how[3];
    if ((uint32_t)a->v[3] < sizeof how)
        return -EINVAL;
    if ((uint32_t)a->v[3] > sizeof how)
        return -E2BIG;   /* a newer struct than ferry knows */
    int err = host_path((uint32_t)a->v[1], buf, &path);
    if (err)
        return err;
    if (sys_copy_from_guest(how, (uint32_t)a->v[2], sizeof how))
        return -EFAULT;
    if (how[0] >> 32)
        return -EINVAL;
    how[0] = sys_oflags_to_host((uint32_t)how[0]);
    return sys_host_result(syscall(SYS_openat2, (int)sys_s32(a->v[0]), path, how, sizeof how));
}

/* splice: loff_t pointers are 8 bytes on both sides. */
int64_t sys_h_splice(ArmCpu *cpu, const SysArgs *a)
{
    void *off_in = NULL, *off_out = NULL;
    if (a->v[1] && !(off_in = sys_guest_buf((uint32_t)a->v[1], 8, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    if (a->v[3] && !(off_out = sys_guest_buf((uint32_t)a->v[3], 8, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    return sys_host_result(syscall(SYS_splice, (int)sys_s32(a->v[0]), off_in, (int)sys_s32(a->v[2]), off_out,
                                   (size_t)(uint32_t)a->v[4], (unsigned)a->v[5]));
}

/* sendfile with a 32-bit off_t pointer, sendfile64 with a 64-bit one. */
static int64_t do_sendfile(const SysArgs *a, bool off64)
{
    uint32_t off_addr = (uint32_t)a->v[2];
    off_t off = 0;
    if (off_addr) {
        if (off64) {
            int64_t o;
            if (sys_copy_from_guest(&o, off_addr, 8))
                return -EFAULT;
            off = o;
        } else {
            int32_t o;
            if (sys_copy_from_guest(&o, off_addr, 4))
                return -EFAULT;
            off = o;
        }
    }
    long r = syscall(SYS_sendfile, (int)sys_s32(a->v[0]), (int)sys_s32(a->v[1]), off_addr ? &off : NULL,
                     (size_t)(uint32_t)a->v[3]);
    int64_t ret = sys_host_result(r);
    if (off_addr && ret >= 0) {
        int err;
        if (off64) {
            int64_t o = off;
            err = sys_copy_to_guest(off_addr, &o, 8);
        } else {
            int32_t o = (int32_t)off;
            err = sys_copy_to_guest(off_addr, &o, 4);
        }
        if (err)
            return err;
    }
    return ret;
}

int64_t sys_h_sendfile(ArmCpu *cpu, const SysArgs *a) { return do_sendfile(a, false); }
int64_t sys_h_sendfile64(ArmCpu *cpu, const SysArgs *a) { return do_sendfile(a, true); }

/* loff_t is 8 bytes on both sides: the guest's words are used in place. */
int64_t sys_h_copy_file_range(ArmCpu *cpu, const SysArgs *a)
{
    void *off_in = NULL, *off_out = NULL;
    if (a->v[1] && !(off_in = sys_guest_buf((uint32_t)a->v[1], 8, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    if (a->v[3] && !(off_out = sys_guest_buf((uint32_t)a->v[3], 8, PROT_READ | PROT_WRITE)))
        return -EFAULT;
    return sys_host_result(syscall(SYS_copy_file_range, (int)sys_s32(a->v[0]), off_in, (int)sys_s32(a->v[2]),
                                   off_out, (size_t)(uint32_t)a->v[4], (unsigned)a->v[5]));
}

/* ARM puts advice second so the 64-bit pairs land on even registers. */
int64_t sys_h_fadvise64_64(ArmCpu *cpu, const SysArgs *a)
{
    return sys_host_result(syscall(SYS_fadvise64, (int)sys_s32(a->v[0]), (long)a->v[2], (long)a->v[3],
                                   (int)sys_s32(a->v[1])));
}

/* sync_file_range2: flags second, for the same reason. */
int64_t sys_h_sync_file_range2(ArmCpu *cpu, const SysArgs *a)
{
    return sys_host_result(syscall(SYS_sync_file_range, (int)sys_s32(a->v[0]), (long)a->v[2], (long)a->v[3],
                                   (unsigned)a->v[1]));
}

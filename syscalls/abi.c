/*
 * Conversions between the host's kernel structures and the ARM EABI
 * layouts of syscalls/abi.h, and the open-flag translation. Narrowing
 * follows the kernel's compat code: times and counters are truncated,
 * resource limits that do not fit become RLIM_INFINITY, sysinfo scales
 * mem_unit.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"

void arm_stat64_from_host(arm_stat64 *out, const struct stat *st)
{
    memset(out, 0, sizeof *out);
    out->st_dev = st->st_dev;
    out->st_ino32 = (uint32_t)st->st_ino;
    out->st_mode = st->st_mode;
    out->st_nlink = (uint32_t)st->st_nlink;
    out->st_uid = st->st_uid;
    out->st_gid = st->st_gid;
    out->st_rdev = st->st_rdev;
    out->st_size = st->st_size;
    out->st_blksize = (uint32_t)st->st_blksize;
    out->st_blocks = (uint64_t)st->st_blocks;
    out->st_atime_ = (uint32_t)st->st_atim.tv_sec;
    out->st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    out->st_mtime_ = (uint32_t)st->st_mtim.tv_sec;
    out->st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    out->st_ctime_ = (uint32_t)st->st_ctim.tv_sec;
    out->st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    out->st_ino = st->st_ino;
}

void arm_stat64_to_host(struct stat *out, const arm_stat64 *in)
{
    memset(out, 0, sizeof *out);
    out->st_dev = in->st_dev;
    out->st_ino = in->st_ino;
    out->st_mode = in->st_mode;
    out->st_nlink = in->st_nlink;
    out->st_uid = in->st_uid;
    out->st_gid = in->st_gid;
    out->st_rdev = in->st_rdev;
    out->st_size = in->st_size;
    out->st_blksize = in->st_blksize;
    out->st_blocks = (blkcnt_t)in->st_blocks;
    out->st_atim.tv_sec = (int32_t)in->st_atime_;
    out->st_atim.tv_nsec = in->st_atime_nsec;
    out->st_mtim.tv_sec = (int32_t)in->st_mtime_;
    out->st_mtim.tv_nsec = in->st_mtime_nsec;
    out->st_ctim.tv_sec = (int32_t)in->st_ctime_;
    out->st_ctim.tv_nsec = in->st_ctime_nsec;
}

int arm_stat_from_host(arm_stat *out, const struct stat *st)
{
    if (st->st_size > INT32_MAX || st->st_ino > UINT32_MAX || st->st_nlink > 0xffff)
        return -EOVERFLOW;
    memset(out, 0, sizeof *out);
    out->st_dev = (uint32_t)st->st_dev;
    out->st_ino = (uint32_t)st->st_ino;
    out->st_mode = (uint16_t)st->st_mode;
    out->st_nlink = (uint16_t)st->st_nlink;
    out->st_uid = arm_uid16(st->st_uid);
    out->st_gid = arm_uid16(st->st_gid);
    out->st_rdev = (uint32_t)st->st_rdev;
    out->st_size = (uint32_t)st->st_size;
    out->st_blksize = (uint32_t)st->st_blksize;
    out->st_blocks = (uint32_t)st->st_blocks;
    out->st_atime_ = (uint32_t)st->st_atim.tv_sec;
    out->st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    out->st_mtime_ = (uint32_t)st->st_mtim.tv_sec;
    out->st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    out->st_ctime_ = (uint32_t)st->st_ctim.tv_sec;
    out->st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    return 0;
}

static bool fits32(uint64_t v) { return v <= UINT32_MAX; }

int arm_statfs_from_host(arm_statfs *out, const struct statfs *st)
{
    bool files_ok = fits32(st->f_files) || st->f_files == (__typeof__(st->f_files))-1;
    bool ffree_ok = fits32(st->f_ffree) || st->f_ffree == (__typeof__(st->f_ffree))-1;
    if (!fits32(st->f_blocks) || !fits32(st->f_bfree) || !fits32(st->f_bavail) || !files_ok || !ffree_ok)
        return -EOVERFLOW;
    memset(out, 0, sizeof *out);
    out->f_type = (uint32_t)st->f_type;
    out->f_bsize = (uint32_t)st->f_bsize;
    out->f_blocks = (uint32_t)st->f_blocks;
    out->f_bfree = (uint32_t)st->f_bfree;
    out->f_bavail = (uint32_t)st->f_bavail;
    out->f_files = (uint32_t)st->f_files;
    out->f_ffree = (uint32_t)st->f_ffree;
    memcpy(out->f_fsid, &st->f_fsid, sizeof out->f_fsid);
    out->f_namelen = (uint32_t)st->f_namelen;
    out->f_frsize = (uint32_t)st->f_frsize;
    out->f_flags = (uint32_t)st->f_flags;
    return 0;
}

void arm_statfs64_from_host(arm_statfs64 *out, const struct statfs *st)
{
    memset(out, 0, sizeof *out);
    out->f_type = (uint32_t)st->f_type;
    out->f_bsize = (uint32_t)st->f_bsize;
    out->f_blocks = st->f_blocks;
    out->f_bfree = st->f_bfree;
    out->f_bavail = st->f_bavail;
    out->f_files = st->f_files;
    out->f_ffree = st->f_ffree;
    memcpy(out->f_fsid, &st->f_fsid, sizeof out->f_fsid);
    out->f_namelen = (uint32_t)st->f_namelen;
    out->f_frsize = (uint32_t)st->f_frsize;
    out->f_flags = (uint32_t)st->f_flags;
}

void arm_timespec32_from_host(arm_timespec32 *out, const struct timespec *ts)
{
    out->tv_sec = (int32_t)ts->tv_sec;
    out->tv_nsec = (int32_t)ts->tv_nsec;
}

void arm_timespec32_to_host(struct timespec *out, const arm_timespec32 *in)
{
    out->tv_sec = in->tv_sec;
    out->tv_nsec = in->tv_nsec;
}

void arm_timespec64_from_host(arm_timespec64 *out, const struct timespec *ts)
{
    out->tv_sec = ts->tv_sec;
    out->tv_nsec = ts->tv_nsec;
}

void arm_timespec64_to_host(struct timespec *out, const arm_timespec64 *in)
{
    out->tv_sec = in->tv_sec;
    /* Only the low half is the guest's; the rest is padding. */
    out->tv_nsec = (int32_t)(uint32_t)in->tv_nsec;
}

void arm_timeval_from_host(arm_timeval *out, const struct timeval *tv)
{
    out->tv_sec = (int32_t)tv->tv_sec;
    out->tv_usec = (int32_t)tv->tv_usec;
}

void arm_timeval_to_host(struct timeval *out, const arm_timeval *in)
{
    out->tv_sec = in->tv_sec;
    out->tv_usec = in->tv_usec;
}

static uint32_t rlim_from_host(rlim_t v)
{
    return (v == RLIM_INFINITY || v >= ARM_RLIM_INFINITY) ? ARM_RLIM_INFINITY : (uint32_t)v;
}

static rlim_t rlim_to_host(uint32_t v)
{
    return v == ARM_RLIM_INFINITY ? RLIM_INFINITY : (rlim_t)v;
}

void arm_rlimit_from_host(arm_rlimit *out, const struct rlimit *rl)
{
    out->rlim_cur = rlim_from_host(rl->rlim_cur);
    out->rlim_max = rlim_from_host(rl->rlim_max);
}

void arm_rlimit_to_host(struct rlimit *out, const arm_rlimit *in)
{
    out->rlim_cur = rlim_to_host(in->rlim_cur);
    out->rlim_max = rlim_to_host(in->rlim_max);
}

void arm_rusage_from_host(arm_rusage *out, const struct rusage *ru)
{
    arm_timeval_from_host(&out->ru_utime, &ru->ru_utime);
    arm_timeval_from_host(&out->ru_stime, &ru->ru_stime);
    out->ru_maxrss = (int32_t)ru->ru_maxrss;
    out->ru_ixrss = (int32_t)ru->ru_ixrss;
    out->ru_idrss = (int32_t)ru->ru_idrss;
    out->ru_isrss = (int32_t)ru->ru_isrss;
    out->ru_minflt = (int32_t)ru->ru_minflt;
    out->ru_majflt = (int32_t)ru->ru_majflt;
    out->ru_nswap = (int32_t)ru->ru_nswap;
    out->ru_inblock = (int32_t)ru->ru_inblock;
    out->ru_oublock = (int32_t)ru->ru_oublock;
    out->ru_msgsnd = (int32_t)ru->ru_msgsnd;
    out->ru_msgrcv = (int32_t)ru->ru_msgrcv;
    out->ru_nsignals = (int32_t)ru->ru_nsignals;
    out->ru_nvcsw = (int32_t)ru->ru_nvcsw;
    out->ru_nivcsw = (int32_t)ru->ru_nivcsw;
}

void arm_sysinfo_from_host(arm_sysinfo *out, const struct sysinfo *si)
{
    uint64_t unit = si->mem_unit ? si->mem_unit : 1;
    const uint64_t sizes[] = { si->totalram, si->freeram, si->sharedram, si->bufferram,
                               si->totalswap, si->freeswap, si->totalhigh, si->freehigh };
    uint64_t biggest = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (sizes[i] > biggest)
            biggest = sizes[i];
    /* Bytes = size * unit; find the smallest power-of-two multiple of the
     * unit that brings every size under 2^32. */
    unsigned shift = 0;
    while ((biggest >> shift) > 0xffffffffull)
        shift++;
    memset(out, 0, sizeof *out);
    out->uptime = (int32_t)si->uptime;
    for (int i = 0; i < 3; i++)
        out->loads[i] = (uint32_t)si->loads[i];
    out->totalram = (uint32_t)(si->totalram >> shift);
    out->freeram = (uint32_t)(si->freeram >> shift);
    out->sharedram = (uint32_t)(si->sharedram >> shift);
    out->bufferram = (uint32_t)(si->bufferram >> shift);
    out->totalswap = (uint32_t)(si->totalswap >> shift);
    out->freeswap = (uint32_t)(si->freeswap >> shift);
    out->procs = si->procs;
    out->totalhigh = (uint32_t)(si->totalhigh >> shift);
    out->freehigh = (uint32_t)(si->freehigh >> shift);
    out->mem_unit = (uint32_t)(unit << shift);
}

void arm_utsname_from_host(arm_utsname *out, const struct utsname *u)
{
    memset(out, 0, sizeof *out);
    memcpy(out->sysname, u->sysname, sizeof out->sysname - 1);
    memcpy(out->nodename, u->nodename, sizeof out->nodename - 1);
    memcpy(out->release, u->release, sizeof out->release - 1);
    memcpy(out->version, u->version, sizeof out->version - 1);
    strcpy(out->machine, "armv7l");
    memcpy(out->domainname, u->domainname, sizeof out->domainname - 1);
}

/* The open flags that ARM (arch/arm/include/uapi/asm/fcntl.h) and x86-64
 * (asm-generic/fcntl.h) place differently; every other bit is shared. */
static const struct { uint32_t arm, host; } oflag_map[] = {
    { 0040000, 0200000 },   /* O_DIRECTORY */
    { 0100000, 0400000 },   /* O_NOFOLLOW */
    { 0200000, 0040000 },   /* O_DIRECT */
    { 0400000, 0100000 },   /* O_LARGEFILE */
};
#define OFLAG_MOVED 0740000u

uint32_t sys_oflags_to_host(uint32_t arm_flags)
{
    uint32_t out = arm_flags & ~OFLAG_MOVED;
    for (size_t i = 0; i < sizeof oflag_map / sizeof oflag_map[0]; i++)
        if (arm_flags & oflag_map[i].arm)
            out |= oflag_map[i].host;
    return out;
}

uint32_t sys_oflags_to_arm(uint32_t host_flags)
{
    uint32_t out = host_flags & ~OFLAG_MOVED;
    for (size_t i = 0; i < sizeof oflag_map / sizeof oflag_map[0]; i++)
        if (host_flags & oflag_map[i].host)
            out |= oflag_map[i].arm;
    return out;
}

int sys_get_timespec(uint32_t addr, struct timespec *ts, bool time64)
{
    if (time64) {
        arm_timespec64 g;
        if (sys_copy_from_guest(&g, addr, sizeof g))
            return -EFAULT;
        arm_timespec64_to_host(ts, &g);
    } else {
        arm_timespec32 g;
        if (sys_copy_from_guest(&g, addr, sizeof g))
            return -EFAULT;
        arm_timespec32_to_host(ts, &g);
    }
    return 0;
}

int sys_put_timespec(uint32_t addr, const struct timespec *ts, bool time64)
{
    if (time64) {
        arm_timespec64 g;
        arm_timespec64_from_host(&g, ts);
        return sys_copy_to_guest(addr, &g, sizeof g);
    }
    arm_timespec32 g;
    arm_timespec32_from_host(&g, ts);
    return sys_copy_to_guest(addr, &g, sizeof g);
}

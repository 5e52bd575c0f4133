/*
 * The ARM EABI layouts of the kernel structures the syscalls pass, as
 * fixed-width types, each with its size and key offsets asserted (EABI
 * aligns 64-bit fields to 8 bytes, which is where it differs from the old
 * ABI and where a guess goes wrong), and one conversion helper per
 * direction that is needed. Sources: the kernel's arch/arm uapi headers
 * and include/uapi/asm-generic (facts, re-typed here).
 */
#ifndef FERRY_SYSCALLS_ABI_H
#define FERRY_SYSCALLS_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

#define ARM_ABI_CHECK(type, size) _Static_assert(sizeof(type) == (size), #type " size")
#define ARM_ABI_AT(type, field, off) \
    _Static_assert(offsetof(type, field) == (off), #type "." #field " offset")

/* struct stat64 (arch/arm/include/uapi/asm/stat.h), EABI. */
typedef struct arm_stat64 {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino32;       /* __st_ino: the low 32 bits */
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    uint32_t pad_eabi1;      /* EABI alignment of st_size */
    int64_t st_size;
    uint32_t st_blksize;
    uint32_t pad_eabi2;      /* EABI alignment of st_blocks */
    uint64_t st_blocks;
    uint32_t st_atime_;
    uint32_t st_atime_nsec;
    uint32_t st_mtime_;
    uint32_t st_mtime_nsec;
    uint32_t st_ctime_;
    uint32_t st_ctime_nsec;
    uint64_t st_ino;
} arm_stat64;
ARM_ABI_CHECK(arm_stat64, 104);
ARM_ABI_AT(arm_stat64, st_ino32, 12);
ARM_ABI_AT(arm_stat64, st_rdev, 32);
ARM_ABI_AT(arm_stat64, st_size, 48);
ARM_ABI_AT(arm_stat64, st_blksize, 56);
ARM_ABI_AT(arm_stat64, st_blocks, 64);
ARM_ABI_AT(arm_stat64, st_atime_, 72);
ARM_ABI_AT(arm_stat64, st_ino, 96);

void arm_stat64_from_host(arm_stat64 *out, const struct stat *st);
void arm_stat64_to_host(struct stat *out, const arm_stat64 *in);  /* for tests and fstat emulation */

/* The old struct stat (arch/arm/include/uapi/asm/stat.h), little-endian:
 * 32-bit size and inode, 16-bit ids. */
typedef struct arm_stat {
    uint32_t st_dev, st_ino;
    uint16_t st_mode, st_nlink, st_uid, st_gid;
    uint32_t st_rdev, st_size, st_blksize, st_blocks;
    uint32_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
    uint32_t unused4, unused5;
} arm_stat;
ARM_ABI_CHECK(arm_stat, 64);
ARM_ABI_AT(arm_stat, st_rdev, 16);
ARM_ABI_AT(arm_stat, st_atime_, 32);

/* As the kernel's cp_new_stat: -EOVERFLOW if the size, inode or link
 * count does not fit; ids above 65535 become 65534 (the overflow id). */
int arm_stat_from_host(arm_stat *out, const struct stat *st);

/* The old struct statfs: every count 32-bit. */
typedef struct arm_statfs {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags;
    uint32_t f_spare[4];
} arm_statfs;
ARM_ABI_CHECK(arm_statfs, 64);
ARM_ABI_AT(arm_statfs, f_fsid, 28);

/* -EOVERFLOW if a count does not fit (an all-ones file count is kept). */
int arm_statfs_from_host(arm_statfs *out, const struct statfs *st);

/* A 32-bit uid/gid for the old 16-bit calls (high2lowuid). */
static inline uint16_t arm_uid16(uint32_t id) { return id > 0xffffu ? 65534 : (uint16_t)id; }

/* struct statfs64 (asm-generic/statfs.h, ARCH_PACK_STATFS64: packed, aligned 4). */
typedef struct __attribute__((packed, aligned(4))) arm_statfs64 {
    uint32_t f_type;
    uint32_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen;
    uint32_t f_frsize;
    uint32_t f_flags;
    uint32_t f_spare[4];
} arm_statfs64;
ARM_ABI_CHECK(arm_statfs64, 84);
ARM_ABI_AT(arm_statfs64, f_blocks, 8);
ARM_ABI_AT(arm_statfs64, f_fsid, 48);
ARM_ABI_AT(arm_statfs64, f_frsize, 60);

void arm_statfs64_from_host(arm_statfs64 *out, const struct statfs *st);

/* Time: the old 32-bit layouts and the time64 ones. */
typedef struct arm_timespec32 { int32_t tv_sec, tv_nsec; } arm_timespec32;
ARM_ABI_CHECK(arm_timespec32, 8);
/* __kernel_timespec: 64-bit seconds; tv_nsec is 64 bits wide, but a
 * 32-bit task's upper half is padding the kernel ignores. */
typedef struct arm_timespec64 { int64_t tv_sec; int64_t tv_nsec; } arm_timespec64;
ARM_ABI_CHECK(arm_timespec64, 16);
typedef struct arm_timeval { int32_t tv_sec, tv_usec; } arm_timeval;
ARM_ABI_CHECK(arm_timeval, 8);
typedef struct arm_itimerval { arm_timeval it_interval, it_value; } arm_itimerval;
ARM_ABI_CHECK(arm_itimerval, 16);
typedef struct arm_tms { int32_t tms_utime, tms_stime, tms_cutime, tms_cstime; } arm_tms;
ARM_ABI_CHECK(arm_tms, 16);

void arm_timespec32_from_host(arm_timespec32 *out, const struct timespec *ts);
void arm_timespec32_to_host(struct timespec *out, const arm_timespec32 *in);
void arm_timespec64_from_host(arm_timespec64 *out, const struct timespec *ts);
void arm_timespec64_to_host(struct timespec *out, const arm_timespec64 *in);
void arm_timeval_from_host(arm_timeval *out, const struct timeval *tv);
void arm_timeval_to_host(struct timeval *out, const arm_timeval *in);
/* A guest timespec (time64: __kernel_timespec, else 32-bit) at addr; 0 or -EFAULT. */
int sys_get_timespec(uint32_t addr, struct timespec *ts, bool time64);
int sys_put_timespec(uint32_t addr, const struct timespec *ts, bool time64);

/* struct rlimit (32-bit; RLIM_INFINITY is ~0) and rlimit64 (as host). */
typedef struct arm_rlimit { uint32_t rlim_cur, rlim_max; } arm_rlimit;
ARM_ABI_CHECK(arm_rlimit, 8);
typedef struct arm_rlimit64 { uint64_t rlim_cur, rlim_max; } arm_rlimit64;
ARM_ABI_CHECK(arm_rlimit64, 16);
#define ARM_RLIM_INFINITY 0xffffffffu

void arm_rlimit_from_host(arm_rlimit *out, const struct rlimit *rl);
void arm_rlimit_to_host(struct rlimit *out, const arm_rlimit *in);

/* struct rusage: two timevals and fourteen longs. */
typedef struct arm_rusage {
    arm_timeval ru_utime, ru_stime;
    int32_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
        ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
} arm_rusage;
ARM_ABI_CHECK(arm_rusage, 72);
ARM_ABI_AT(arm_rusage, ru_maxrss, 16);
ARM_ABI_AT(arm_rusage, ru_nivcsw, 68);

void arm_rusage_from_host(arm_rusage *out, const struct rusage *ru);

/* struct flock (32-bit off_t) and struct flock64 (EABI: l_start at 8). */
typedef struct arm_flock {
    int16_t l_type, l_whence;
    int32_t l_start, l_len, l_pid;
} arm_flock;
ARM_ABI_CHECK(arm_flock, 16);
typedef struct arm_flock64 {
    int16_t l_type, l_whence;
    uint32_t pad_eabi;
    int64_t l_start, l_len;
    int32_t l_pid;
    uint32_t pad_end;
} arm_flock64;
ARM_ABI_CHECK(arm_flock64, 32);
ARM_ABI_AT(arm_flock64, l_start, 8);
ARM_ABI_AT(arm_flock64, l_pid, 24);

/* struct sysinfo, 32-bit longs; memory sizes in units of mem_unit. */
typedef struct arm_sysinfo {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh, mem_unit;
    uint8_t f[8];
} arm_sysinfo;
ARM_ABI_CHECK(arm_sysinfo, 64);
ARM_ABI_AT(arm_sysinfo, procs, 40);
ARM_ABI_AT(arm_sysinfo, mem_unit, 52);

/* The kernel scales mem_unit up when a size does not fit in 32 bits. */
void arm_sysinfo_from_host(arm_sysinfo *out, const struct sysinfo *si);

/* struct new_utsname: six 65-byte fields, the same on both sides. */
typedef struct arm_utsname { char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65]; } arm_utsname;
ARM_ABI_CHECK(arm_utsname, 390);
/* The host's, with the machine the guest expects ("armv7l"). */
void arm_utsname_from_host(arm_utsname *out, const struct utsname *u);

/* struct epoll_event: packed on x86-64 only; on ARM EABI the data word
 * is aligned to 8. */
typedef struct arm_epoll_event {
    uint32_t events;
    uint32_t pad_eabi;
    uint64_t data;
} arm_epoll_event;
ARM_ABI_CHECK(arm_epoll_event, 16);
ARM_ABI_AT(arm_epoll_event, data, 8);

/* struct iovec. */
typedef struct arm_iovec { uint32_t iov_base, iov_len; } arm_iovec;
ARM_ABI_CHECK(arm_iovec, 8);

/* struct msghdr: pointers and sizes are 32-bit. */
typedef struct arm_msghdr {
    uint32_t msg_name, msg_namelen, msg_iov, msg_iovlen, msg_control, msg_controllen;
    int32_t msg_flags;
} arm_msghdr;
ARM_ABI_CHECK(arm_msghdr, 28);
ARM_ABI_AT(arm_msghdr, msg_control, 16);
typedef struct arm_mmsghdr { arm_msghdr msg_hdr; uint32_t msg_len; } arm_mmsghdr;
ARM_ABI_CHECK(arm_mmsghdr, 32);

/* The kernel's struct sigaction for rt_sigaction on ARM (SA_RESTORER). */
typedef struct arm_sigaction {
    uint32_t handler, flags, restorer;   /* sa_handler, sa_flags, sa_restorer */
    uint32_t mask[2];                    /* sa_mask */
} arm_sigaction;
ARM_ABI_CHECK(arm_sigaction, 20);
ARM_ABI_AT(arm_sigaction, mask, 12);

typedef struct arm_stack { uint32_t ss_sp; int32_t ss_flags; uint32_t ss_size; } arm_stack;
ARM_ABI_CHECK(arm_stack, 12);

/* siginfo for SIGCHLD (waitid): the union starts at 12 on 32-bit. The
 * fields drop the si_ prefix, which glibc defines as macros. */
typedef struct arm_siginfo {
    int32_t signo, err_no, code;
    int32_t pid;
    uint32_t uid;
    int32_t status;
    int32_t utime, stime;
    uint8_t rest[128 - 32];
} arm_siginfo;
ARM_ABI_CHECK(arm_siginfo, 128);
ARM_ABI_AT(arm_siginfo, pid, 12);
ARM_ABI_AT(arm_siginfo, status, 20);

/* struct termios (TCGETS): 4 flag words, c_line, 19 c_cc: the same as
 * x86-64's (both use asm-generic termbits), checked here. */
typedef struct arm_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
} arm_termios;
ARM_ABI_CHECK(arm_termios, 36);

#endif

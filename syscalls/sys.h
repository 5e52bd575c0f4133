/*
 * The syscall layer's internal interface: the table rows generated from
 * syscalls/syscall.tbl, the decoded arguments a handler receives, and the
 * guest-memory helpers every handler uses.
 *
 * A handler gets its arguments already taken from the registers as the
 * table's kinds say (64-bit values joined from their EABI register pair),
 * and returns the guest's result: a value, or -errno (ARM errno numbers
 * are the generic Linux ones, the same as x86-64's).
 */
#ifndef FERRY_SYSCALLS_SYS_H
#define FERRY_SYSCALLS_SYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "linux-user/signal.h"
#include "linux-user/user.h"

#define SYS_ARG_KINDS(X) \
    X(int) X(uint) X(hex) X(size) X(mode) X(fd) X(dirfd) X(sig) \
    X(ptr) X(path) X(str) X(ibuf) X(obuf) X(oflags) X(off64) X(ioctl) X(uid16)

enum {
#define X(k) SYS_ARG_##k,
    SYS_ARG_KINDS(X)
#undef X
};

/* Result kinds; none: the call does not return (traced before it runs);
 * exec: it returns only on failure (traced before, and after if it does). */
enum { SYS_RET_int, SYS_RET_fd, SYS_RET_hex, SYS_RET_mode, SYS_RET_none, SYS_RET_exec };

#define SYS_MAX_ARGS 6
#define SYS_ARM_NR_BASE 0x0f0000u

typedef struct SysArgs SysArgs;
typedef int64_t (*SysHandler)(ArmCpu *cpu, const SysArgs *args);

typedef struct SysArgSpec {
    uint8_t kind;   /* SYS_ARG_* */
    uint8_t reg;    /* first register (r0..r6) */
} SysArgSpec;

typedef struct SysEntry {
    const char *name;       /* NULL: no such syscall */
    SysHandler handler;     /* NULL: known, not implemented */
    int32_t host_nr;        /* passthrough rows: the x86-64 number */
    uint8_t ret;            /* SYS_RET_* */
    uint8_t nargs;
    SysArgSpec args[SYS_MAX_ARGS];
} SysEntry;

struct SysArgs {
    const SysEntry *entry;
    uint32_t nr;
    /* Each argument zero-extended from its register (or register pair). */
    uint64_t v[SYS_MAX_ARGS];
};

extern const SysEntry sys_table[];
extern const uint32_t sys_table_len;
extern const SysEntry sys_arm_table[];
extern const uint32_t sys_arm_table_len;

/* The row for a guest syscall number, or NULL if there is none. */
const SysEntry *sys_lookup(uint32_t nr);
/* Takes the arguments of entry from the guest registers. */
void sys_unpack_args(const SysEntry *entry, const uint32_t regs[16], SysArgs *out);

/* Host syscall result (-1 and errno) to the guest's -errno convention. */
int64_t sys_host_result(long ret);

/* Guest memory. Each returns 0 or -EFAULT. */
int sys_copy_from_guest(void *dst, uint32_t src, uint32_t len);
int sys_copy_to_guest(uint32_t dst, const void *src, uint32_t len);
/* A host struct rusage in the guest's 32-bit layout at addr (0 or -EFAULT). */
struct rusage;
int sys_rusage_to_guest(uint32_t addr, const struct rusage *ru);
/* A guest buffer as a host pointer, if [addr, addr+len) is mapped with prot
 * (PROT_READ / PROT_WRITE); NULL otherwise (a zero length is always fine). */
void *sys_guest_buf(uint32_t addr, uint32_t len, int prot);
/* The guest NUL-terminated string at addr, at most max bytes with the NUL:
 * its host address in *out, or -EFAULT / -ENAMETOOLONG. */
int sys_guest_str(uint32_t addr, size_t max, const char **out);
/* A guest path, -L applied: its host form in buf (size PATH_MAX at least)
 * or in place; 0 or -errno. */
int sys_guest_path(uint32_t addr, char *buf, size_t size, const char **out);

/* True for /proc/self/exe and its aliases, which name the guest program
 * (lu_process.exe_path), not ferry. */
bool sys_is_proc_self_exe(const char *path);

/* Sign-extends a 32-bit guest value. */
static inline int64_t sys_s32(uint64_t v) { return (int32_t)(uint32_t)v; }

/* Open flags between ARM and x86-64 (they differ in four bits). */
uint32_t sys_oflags_to_host(uint32_t arm_flags);
uint32_t sys_oflags_to_arm(uint32_t host_flags);

/* strace: formats one call (arguments, and the result unless it does not
 * return) into buf, without the pid or newline. Returns the length. */
size_t sys_strace_format(char *buf, size_t size, const SysArgs *args, int64_t ret, bool returned);

/* Control messages (sys-msg.c): ARM cmsghdr is 12 bytes, 4-aligned; the
 * host's 16 bytes, 8-aligned. */
struct msghdr;
int64_t sys_cmsg_to_host(const uint8_t *src, uint32_t len, uint8_t *buf, size_t size);
uint32_t sys_cmsg_to_guest(struct msghdr *hm, uint8_t *dst, uint32_t room, bool *truncated);

/* Directory offsets (sys-dir.c): 64-bit host cookies become 32-bit ones
 * for the guest, and lseek takes them back. */
int64_t sys_dir_fix_offsets(int fd, uint8_t *buf, size_t len);
bool sys_dir_seek_offset(int fd, int64_t guest_off, int64_t *host_off);

/* The name of an ioctl command ferry knows, or NULL (strace). */
const char *sys_ioctl_name(uint32_t cmd);

/* Signal state (linux-user/signal.h has it; these are views of it). */
typedef struct SysSigAction {
    uint32_t handler, flags, restorer;
    uint64_t mask;
} SysSigAction;
#define SYS_NSIG 64
const SysSigAction *sys_sig_action(int sig);   /* 1..64 */
uint64_t sys_sig_blocked(void);
uint64_t sys_sig_pending(void);
/* A signal the current syscall raises (breakpoint syscall, bad ARM
 * private syscall): delivered when the syscall returns, fatal now if
 * blocked or ignored. Returns r0 unchanged (the caller stores it). */
int64_t sys_signal_self(int sig);

#endif

/*
 * Process identity and limits: exit, uname (the guest is an armv7l),
 * thread-id bookkeeping, resource limits and usage, sysinfo, groups,
 * affinity and prctl. The id calls that need nothing are passthrough rows.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "linux-user/thread.h"
#include "syscalls/abi.h"
#include "syscalls/sys.h"
#include "util/log.h"

/* exit ends the calling thread (the process with the last one);
 * exit_group the whole process (linux-user/thread.c). */
int64_t sys_h_exit(ArmCpu *cpu, const SysArgs *a) { lu_thread_exit((int)a->v[0]); }
int64_t sys_h_exit_group(ArmCpu *cpu, const SysArgs *a) { lu_exit_group((int)a->v[0]); }

int64_t sys_h_uname(ArmCpu *cpu, const SysArgs *a)
{
    struct utsname u;
    arm_utsname g;
    if (uname(&u) < 0)
        return -errno;
    arm_utsname_from_host(&g, &u);
    return sys_copy_to_guest((uint32_t)a->v[0], &g, sizeof g);
}

/* Recorded per thread for its exit (clear the word and wake its futex). */
int64_t sys_h_set_tid_address(ArmCpu *cpu, const SysArgs *a)
{
    lu_thread_of(cpu)->clear_child_tid = (uint32_t)a->v[0];
    return gettid();
}

/* struct robust_list_head is three 32-bit words on ARM. The list is
 * walked at thread death (lu_thread_exit), per thread. */
int64_t sys_h_set_robust_list(ArmCpu *cpu, const SysArgs *a)
{
    if ((uint32_t)a->v[1] != 12)
        return -EINVAL;
    lu_thread_of(cpu)->robust_list = (uint32_t)a->v[0];
    return 0;
}

int64_t sys_h_getrlimit(ArmCpu *cpu, const SysArgs *a)
{
    struct rlimit rl;
    arm_rlimit g;
    if (getrlimit((int)sys_s32(a->v[0]), &rl) < 0)
        return -errno;
    arm_rlimit_from_host(&g, &rl);
    return sys_copy_to_guest((uint32_t)a->v[1], &g, sizeof g);
}

int64_t sys_h_setrlimit(ArmCpu *cpu, const SysArgs *a)
{
    struct rlimit rl;
    arm_rlimit g;
    if (sys_copy_from_guest(&g, (uint32_t)a->v[1], sizeof g))
        return -EFAULT;
    arm_rlimit_to_host(&rl, &g);
    return sys_host_result(setrlimit((int)sys_s32(a->v[0]), &rl));
}

/* struct rlimit64 is two u64 on both sides (RLIM64_INFINITY is ~0). */
int64_t sys_h_prlimit64(ArmCpu *cpu, const SysArgs *a)
{
    void *new_lim = NULL, *old_lim = NULL;
    if (a->v[2] && !(new_lim = sys_guest_buf((uint32_t)a->v[2], sizeof(arm_rlimit64), PROT_READ)))
        return -EFAULT;
    if (a->v[3] && !(old_lim = sys_guest_buf((uint32_t)a->v[3], sizeof(arm_rlimit64), PROT_WRITE)))
        return -EFAULT;
    return sys_host_result(syscall(SYS_prlimit64, (int)sys_s32(a->v[0]), (int)sys_s32(a->v[1]), new_lim, old_lim));
}

int sys_rusage_to_guest(uint32_t addr, const struct rusage *ru)
{
    arm_rusage g;
    arm_rusage_from_host(&g, ru);
    return sys_copy_to_guest(addr, &g, sizeof g);
}

int64_t sys_h_getrusage(ArmCpu *cpu, const SysArgs *a)
{
    struct rusage ru;
    if (getrusage((int)sys_s32(a->v[0]), &ru) < 0)
        return -errno;
    return sys_rusage_to_guest((uint32_t)a->v[1], &ru);
}

int64_t sys_h_sysinfo(ArmCpu *cpu, const SysArgs *a)
{
    struct sysinfo si;
    arm_sysinfo g;
    if (sysinfo(&si) < 0)
        return -errno;
    arm_sysinfo_from_host(&g, &si);
    return sys_copy_to_guest((uint32_t)a->v[0], &g, sizeof g);
}

/* The old 16-bit id calls: an id above 65535 reads as 65534. */
int64_t sys_h_getuid16(ArmCpu *cpu, const SysArgs *a) { return arm_uid16(getuid()); }
int64_t sys_h_geteuid16(ArmCpu *cpu, const SysArgs *a) { return arm_uid16(geteuid()); }
int64_t sys_h_getgid16(ArmCpu *cpu, const SysArgs *a) { return arm_uid16(getgid()); }
int64_t sys_h_getegid16(ArmCpu *cpu, const SysArgs *a) { return arm_uid16(getegid()); }

/* getcpu(cpu*, node*, cache): two optional 32-bit results. */
int64_t sys_h_getcpu(ArmCpu *cpu, const SysArgs *a)
{
    unsigned c, n;
    if (syscall(SYS_getcpu, &c, &n, NULL) < 0)
        return -errno;
    if (a->v[0] && sys_copy_to_guest((uint32_t)a->v[0], &c, 4))
        return -EFAULT;
    if (a->v[1] && sys_copy_to_guest((uint32_t)a->v[1], &n, 4))
        return -EFAULT;
    return 0;
}

/* gid_t and uid_t are 32-bit on both sides for the *32 calls. */
int64_t sys_h_getgroups(ArmCpu *cpu, const SysArgs *a)
{
    int32_t n = (int32_t)a->v[0];
    void *list = NULL;
    if (n < 0)
        return -EINVAL;
    if (n > 0 && !(list = sys_guest_buf((uint32_t)a->v[1], (uint32_t)n * 4, PROT_WRITE)))
        return -EFAULT;
    return sys_host_result(syscall(SYS_getgroups, n, list));
}

int64_t sys_h_setgroups(ArmCpu *cpu, const SysArgs *a)
{
    int32_t n = (int32_t)a->v[0];
    void *list = NULL;
    if (n < 0 || n > 65536)
        return -EINVAL;
    if (n > 0 && !(list = sys_guest_buf((uint32_t)a->v[1], (uint32_t)n * 4, PROT_READ)))
        return -EFAULT;
    return sys_host_result(syscall(SYS_setgroups, n, list));
}

static int64_t do_getres(const SysArgs *a, long host_nr)
{
    void *p[3];
    for (int i = 0; i < 3; i++)
        if (!(p[i] = sys_guest_buf((uint32_t)a->v[i], 4, PROT_WRITE)) || a->v[i] == 0)
            return -EFAULT;
    return sys_host_result(syscall(host_nr, p[0], p[1], p[2]));
}

int64_t sys_h_getresuid(ArmCpu *cpu, const SysArgs *a) { return do_getres(a, SYS_getresuid); }
int64_t sys_h_getresgid(ArmCpu *cpu, const SysArgs *a) { return do_getres(a, SYS_getresgid); }

/* The mask is a bit array of longs; its bytes are the same little-endian
 * bits on both sides, but the host wants whole 64-bit words. */
int64_t sys_h_sched_getaffinity(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t len = (uint32_t)a->v[1];
    uint64_t mask[128];
    if (len & 3)
        return -EINVAL;
    long r = syscall(SYS_sched_getaffinity, (int)sys_s32(a->v[0]), sizeof mask, mask);
    if (r < 0)
        return -errno;
    uint32_t n = (uint32_t)r;
    /* Trim whole zero words beyond what the guest's buffer holds. */
    if (n > len) {
        for (uint32_t i = len; i < n; i++)
            if (((const uint8_t *)mask)[i])
                return -EINVAL;
        n = len;
    }
    if (sys_copy_to_guest((uint32_t)a->v[2], mask, n))
        return -EFAULT;
    return n;
}

/* prctl options by argument shape; the others are logged and EINVAL. */
enum { PR_INT, PR_INT_OUT, PR_NAME_SET, PR_NAME_GET };
static const struct { int option; uint8_t kind; } prctl_options[] = {
    { PR_SET_PDEATHSIG, PR_INT },        { PR_GET_PDEATHSIG, PR_INT_OUT },
    { PR_GET_DUMPABLE, PR_INT },         { PR_SET_DUMPABLE, PR_INT },
    { PR_SET_NAME, PR_NAME_SET },        { PR_GET_NAME, PR_NAME_GET },
    { PR_SET_CHILD_SUBREAPER, PR_INT },  { PR_GET_CHILD_SUBREAPER, PR_INT_OUT },
    { PR_SET_NO_NEW_PRIVS, PR_INT },     { PR_GET_NO_NEW_PRIVS, PR_INT },
    { PR_GET_KEEPCAPS, PR_INT },         { PR_SET_KEEPCAPS, PR_INT },
    { PR_GET_TIMERSLACK, PR_INT },       { PR_SET_TIMERSLACK, PR_INT },
};

int64_t sys_h_prctl(ArmCpu *cpu, const SysArgs *a)
{
    int option = (int)sys_s32(a->v[0]);
    for (size_t i = 0; i < sizeof prctl_options / sizeof prctl_options[0]; i++) {
        if (prctl_options[i].option != option)
            continue;
        char name[16];
        void *p;
        switch (prctl_options[i].kind) {
        case PR_NAME_SET:
            /* The name is cut at 15 bytes; the guest's need not be terminated. */
            if (!(p = sys_guest_buf((uint32_t)a->v[1], 1, PROT_READ)))
                return -EFAULT;
            for (int k = 0; k < 15; k++) {
                if (sys_copy_from_guest(&name[k], (uint32_t)a->v[1] + (uint32_t)k, 1))
                    return -EFAULT;
                if (!name[k])
                    break;
            }
            name[15] = 0;
            return sys_host_result(prctl(PR_SET_NAME, name, 0, 0, 0));
        case PR_NAME_GET:
            if (prctl(PR_GET_NAME, name, 0, 0, 0) < 0)
                return -errno;
            return sys_copy_to_guest((uint32_t)a->v[1], name, sizeof name);
        case PR_INT_OUT:
            if (!(p = sys_guest_buf((uint32_t)a->v[1], 4, PROT_WRITE)) || a->v[1] == 0)
                return -EFAULT;
            return sys_host_result(prctl(option, p, 0, 0, 0));
        default:
            return sys_host_result(prctl(option, (unsigned long)(uint32_t)a->v[1], (unsigned long)(uint32_t)a->v[2],
                                         (unsigned long)(uint32_t)a->v[3], (unsigned long)(uint32_t)a->v[4]));
        }
    }
    ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented prctl option %d\n", option);
    return -EINVAL;
}

/* capget/capset: a header of two 32-bit words and one or two (by version)
 * data structs of three 32-bit words: fixed-width, the same on both sides. */
static int64_t do_cap(const SysArgs *a, bool set)
{
    void *hdr = sys_guest_buf((uint32_t)a->v[0], 8, PROT_READ | PROT_WRITE);
    if (!hdr || !a->v[0])
        return -EFAULT;
    void *data = NULL;
    if (a->v[1] && !(data = sys_guest_buf((uint32_t)a->v[1], 24, set ? PROT_READ : PROT_WRITE))) {
        /* Version 1 has one struct: try the smaller size. */
        if (!(data = sys_guest_buf((uint32_t)a->v[1], 12, set ? PROT_READ : PROT_WRITE)))
            return -EFAULT;
        uint32_t version;
        memcpy(&version, hdr, 4);
        if (version != 0x19980330)
            return -EFAULT;
    }
    return sys_host_result(syscall(set ? SYS_capset : SYS_capget, hdr, data));
}

int64_t sys_h_capget(ArmCpu *cpu, const SysArgs *a) { return do_cap(a, false); }
int64_t sys_h_capset(ArmCpu *cpu, const SysArgs *a) { return do_cap(a, true); }

/* The old 16-bit getres[ug]id: three u16 results. */
static int64_t do_getres16(const SysArgs *a, bool gid)
{
    uid_t r, e, sv;
    if ((gid ? getresgid(&r, &e, &sv) : getresuid(&r, &e, &sv)) < 0)
        return -errno;
    const uint16_t ids[3] = { arm_uid16(r), arm_uid16(e), arm_uid16(sv) };
    for (int i = 0; i < 3; i++)
        if (sys_copy_to_guest((uint32_t)a->v[i], &ids[i], 2))
            return -EFAULT;
    return 0;
}

int64_t sys_h_getresuid16(ArmCpu *cpu, const SysArgs *a) { return do_getres16(a, false); }
int64_t sys_h_getresgid16(ArmCpu *cpu, const SysArgs *a) { return do_getres16(a, true); }

#define SYS_NGROUPS_MAX 65536

int64_t sys_h_getgroups16(ArmCpu *cpu, const SysArgs *a)
{
    int32_t n = (int32_t)a->v[0];
    gid_t *list = malloc(SYS_NGROUPS_MAX * sizeof *list);
    if (n < 0)
        n = -1;   /* the host says EINVAL */
    if (!list)
        return -ENOMEM;
    int r = getgroups(n > SYS_NGROUPS_MAX ? SYS_NGROUPS_MAX : n, list);
    int64_t ret = r < 0 ? -errno : r;
    for (int i = 0; n > 0 && i < r && ret >= 0; i++) {
        uint16_t g = arm_uid16(list[i]);
        if (sys_copy_to_guest((uint32_t)a->v[1] + (uint32_t)i * 2, &g, 2))
            ret = -EFAULT;
    }
    free(list);
    return ret;
}

int64_t sys_h_setgroups16(ArmCpu *cpu, const SysArgs *a)
{
    int32_t n = (int32_t)a->v[0];
    if (n < 0 || n > SYS_NGROUPS_MAX)
        return -EINVAL;
    const uint16_t *g = sys_guest_buf((uint32_t)a->v[1], (uint32_t)n * 2, PROT_READ);
    if (!g)
        return -EFAULT;
    gid_t *list = malloc((size_t)(n ? n : 1) * sizeof *list);
    if (!list)
        return -ENOMEM;
    for (int32_t i = 0; i < n; i++) {
        uint16_t v;
        memcpy(&v, &g[i], 2);
        list[i] = v;
    }
    int64_t ret = sys_host_result(syscall(SYS_setgroups, n, list));
    free(list);
    return ret;
}

static void take_robust_list(LuThread *t, void *head) { *(uint32_t *)head = t->robust_list; }

/* get_robust_list: what set_robust_list recorded, for this thread or
 * another of the process (other processes' lists are not ferry's). */
int64_t sys_h_get_robust_list(ArmCpu *cpu, const SysArgs *a)
{
    int pid = (int)sys_s32(a->v[0]);
    uint32_t head = lu_thread_of(cpu)->robust_list, len = 12;
    if (pid != 0 && pid != gettid() && !lu_thread_with(pid, take_robust_list, &head))
        return kill(pid, 0) == 0 || errno == EPERM ? -EPERM : -ESRCH;
    if (sys_copy_to_guest((uint32_t)a->v[1], &head, 4) || sys_copy_to_guest((uint32_t)a->v[2], &len, 4))
        return -EFAULT;
    return 0;
}

/* personality: the guest is always a PER_LINUX process (the ARM kernel's
 * PER_LINUX32 is the same persona); the flag bits (ADDR_NO_RANDOMIZE...)
 * are the host's too, so they reach the next program ferry starts. */
#define ARM_PER_MASK 0xffu
int64_t sys_h_personality(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t want = (uint32_t)a->v[0];
    long old = syscall(SYS_personality, 0xffffffffUL);
    if (old < 0)
        return -errno;
    uint32_t guest_old = (uint32_t)old & ~ARM_PER_MASK;
    if (want == 0xffffffffu)
        return guest_old;
    uint32_t base = want & ARM_PER_MASK;
    if (base != 0 /* PER_LINUX */ && base != 8 /* PER_LINUX32 */)
        return -EINVAL;
    if (syscall(SYS_personality, (unsigned long)(want & ~ARM_PER_MASK)) < 0)
        return -errno;
    return guest_old;
}

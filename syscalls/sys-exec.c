/*
 * Processes: fork, vfork and fork-like clone (a host fork; the guest state
 * is copied with the process), wait4/waitid (struct rusage and siginfo
 * converted), and execve.
 *
 * execve follows qemu-arm without binfmt_misc: an ARM ELF program, or a
 * #! script whose interpreter is an ARM ELF, is run under ferry again
 * (same options, program path through -L); anything else (a host
 * program, a script for a host interpreter) is executed by the host as is.
 * A clone that shares the address space (CLONE_VM without CLONE_VFORK,
 * or CLONE_THREAD) makes a thread: linux-user/thread.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/thread.h"
#include "syscalls/abi.h"
#include "syscalls/exec.h"
#include "syscalls/sys.h"
#include "util/log.h"

/* --- fork and clone --- */

/* The clone flags a fork-like clone may carry (what glibc's fork and
 * posix_spawn's vfork use). */
#define FORK_FLAGS (CSIGNAL | CLONE_VFORK | CLONE_VM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | \
                    CLONE_CHILD_CLEARTID | CLONE_SETTLS)

static int64_t do_fork(ArmCpu *cpu, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls, uint32_t ctid)
{
    if ((flags & CLONE_THREAD) || ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
        return lu_thread_clone(cpu, flags, newsp, ptid, tls, ctid);
    if (flags & ~FORK_FLAGS) {
        /* The kernel's rule first: sharing handlers needs a shared VM. */
        if (flags & CLONE_SIGHAND)
            return -EINVAL;
        ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented clone flags 0x%x (process)\n", flags);
        return -ENOSYS;
    }
    if ((flags & CLONE_PARENT_SETTID) && !sys_guest_buf(ptid, 4, PROT_WRITE))
        return -EFAULT;
    /* CLONE_VM|CLONE_VFORK is run as a plain fork: the parent does not
     * wait, which a correct vfork user cannot tell apart. */
    fflush(stdout);
    fflush(stderr);
    /* fork() keeps the host libc's own state right in the child; a raw
     * clone only when the guest wants another exit signal. The code
     * cache is locked across it so that the child gets it whole. */
    lu_mmap_fork_prepare();   /* before the cache lock: munmap takes them in that order */
    tcg_fork_prepare();
    long pid = (flags & CSIGNAL) == SIGCHLD ? (long)fork()
                                            : syscall(SYS_clone, (long)(flags & CSIGNAL), 0L, 0L, 0L, 0L);
    int saved_errno = errno;
    if (pid == 0) {
        tcg_fork_child(&cpu->common);
        lu_thread_fork_child();
    } else {
        tcg_fork_parent();
    }
    lu_mmap_fork_done();
    if (pid < 0)
        return -saved_errno;
    if (pid == 0) {
        if (newsp)
            cpu->regs[13] = newsp;
        if (flags & CLONE_SETTLS)
            cpu->tpidruro = tls;
        int32_t tid = (int32_t)gettid();
        if (flags & CLONE_CHILD_SETTID)
            sys_copy_to_guest(ctid, &tid, 4);
        lu_thread_of(cpu)->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID) {
        int32_t tid = (int32_t)pid;
        sys_copy_to_guest(ptid, &tid, 4);
    }
    return pid;
}

int64_t sys_h_fork(ArmCpu *cpu, const SysArgs *a) { return do_fork(cpu, SIGCHLD, 0, 0, 0, 0); }
int64_t sys_h_vfork(ArmCpu *cpu, const SysArgs *a) { return do_fork(cpu, SIGCHLD, 0, 0, 0, 0); }

/* ARM's clone(flags, newsp, parent_tidptr, tls, child_tidptr). */
int64_t sys_h_clone(ArmCpu *cpu, const SysArgs *a)
{
    return do_fork(cpu, (uint32_t)a->v[0], (uint32_t)a->v[1], (uint32_t)a->v[2], (uint32_t)a->v[3],
                   (uint32_t)a->v[4]);
}

/* clone3(struct clone_args *, size): the same as clone with the fields
 * of a struct of 64-bit words (the layout is the same on every arch);
 * the stack is given as its lowest address and size. Fields added after
 * the ones ferry knows must be zero (E2BIG), as the kernel says. */
enum { CA_FLAGS, CA_PIDFD, CA_CHILD_TID, CA_PARENT_TID, CA_EXIT_SIGNAL, CA_STACK, CA_STACK_SIZE, CA_TLS,
       CA_SET_TID, CA_SET_TID_SIZE, CA_CGROUP, CA_WORDS };
#define CLONE_ARGS_SIZE_VER0 64u
#define CLONE3_PAGE 4096u
#define CLONE3_UNEMULATED (CLONE_PIDFD | 0x100000000ull /* CLONE_CLEAR_SIGHAND */ | 0x200000000ull /* CLONE_INTO_CGROUP */)

int64_t sys_h_clone3(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t addr = (uint32_t)a->v[0], size = (uint32_t)a->v[1];
    uint64_t ca[CA_WORDS] = { 0 };
    if (size < CLONE_ARGS_SIZE_VER0)
        return -EINVAL;
    if (size > CLONE3_PAGE)
        return -E2BIG;
    if (sys_copy_from_guest(ca, addr, size < sizeof ca ? size : (uint32_t)sizeof ca))
        return -EFAULT;
    for (uint32_t off = sizeof ca; off < size; off++) {
        uint8_t byte;
        if (sys_copy_from_guest(&byte, addr + off, 1))
            return -EFAULT;
        if (byte)
            return -E2BIG;
    }
    uint64_t flags = ca[CA_FLAGS], sig = ca[CA_EXIT_SIGNAL];
    if ((sig & ~(uint64_t)CSIGNAL) || sig > 64 || (flags & (CLONE_DETACHED | (CSIGNAL & ~0x80u))) ||
        ((flags & (CLONE_THREAD | CLONE_PARENT)) && sig))
        return -EINVAL;
    if ((ca[CA_STACK] == 0) != (ca[CA_STACK_SIZE] == 0))
        return -EINVAL;
    if ((flags & CLONE3_UNEMULATED) || ca[CA_SET_TID_SIZE] || (flags >> 32)) {
        ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented clone3 flags 0x%llx%s\n", (unsigned long long)flags,
                  ca[CA_SET_TID_SIZE] ? " with set_tid" : "");
        return -ENOSYS;
    }
    uint64_t sp = ca[CA_STACK] + ca[CA_STACK_SIZE];
    if (sp > 0xffffffffull || ca[CA_CHILD_TID] > 0xffffffffull || ca[CA_PARENT_TID] > 0xffffffffull ||
        ca[CA_TLS] > 0xffffffffull)
        return -EFAULT;
    return do_fork(cpu, (uint32_t)(flags | sig), (uint32_t)sp, (uint32_t)ca[CA_PARENT_TID], (uint32_t)ca[CA_TLS],
                   (uint32_t)ca[CA_CHILD_TID]);
}

/* --- wait --- */

int64_t sys_h_wait4(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t status_addr = (uint32_t)a->v[1], ru_addr = (uint32_t)a->v[3];
    int status;
    struct rusage ru;
    if (status_addr && !sys_guest_buf(status_addr, 4, PROT_WRITE))
        return -EFAULT;
    if (ru_addr && !sys_guest_buf(ru_addr, sizeof(arm_rusage), PROT_WRITE))
        return -EFAULT;
    long pid = lu_syscall(SYS_wait4, (int)sys_s32(a->v[0]), &status, (int)a->v[2], ru_addr ? &ru : NULL);
    if (pid < 0)
        return -errno;
    /* The status word encodes the same way on both sides. */
    if (pid > 0 && status_addr && sys_copy_to_guest(status_addr, &status, 4))
        return -EFAULT;
    if (ru_addr && sys_rusage_to_guest(ru_addr, &ru))
        return -EFAULT;
    return pid;
}

int64_t sys_h_waitid(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t info_addr = (uint32_t)a->v[2], ru_addr = (uint32_t)a->v[4];
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof si);
    if (info_addr && !sys_guest_buf(info_addr, sizeof(arm_siginfo), PROT_WRITE))
        return -EFAULT;
    if (ru_addr && !sys_guest_buf(ru_addr, sizeof(arm_rusage), PROT_WRITE))
        return -EFAULT;
    long r = lu_syscall(SYS_waitid, (int)sys_s32(a->v[0]), (int)sys_s32(a->v[1]), &si, (int)a->v[3],
                     ru_addr ? &ru : NULL);
    if (r < 0)
        return -errno;
    if (info_addr) {
        arm_siginfo g;
        memset(&g, 0, sizeof g);
        g.signo = si.si_signo;
        g.err_no = si.si_errno;
        g.code = si.si_code;
        g.pid = si.si_pid;
        g.uid = si.si_uid;
        g.status = si.si_status;
        g.utime = (int32_t)si.si_utime;
        g.stime = (int32_t)si.si_stime;
        if (sys_copy_to_guest(info_addr, &g, sizeof g))
            return -EFAULT;
    }
    if (ru_addr && sys_rusage_to_guest(ru_addr, &ru))
        return -EFAULT;
    return r;
}

/* --- execve --- */

/* Reads the guest's NULL-terminated array of string pointers. */
static int64_t read_string_array(uint32_t addr, char ***out)
{
    enum { MAX_STRINGS = 1 << 17 };
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    if (!v)
        return -ENOMEM;
    for (;; n++) {
        uint32_t p = 0;
        if (addr && sys_copy_from_guest(&p, addr + (uint32_t)(n * 4), 4)) {
            free(v);
            return -EFAULT;
        }
        if (n + 1 >= cap) {
            char **nv = cap * 2 > MAX_STRINGS ? NULL : realloc(v, cap * 2 * sizeof *v);
            if (!nv) {
                free(v);
                return -E2BIG;
            }
            v = nv;
            cap *= 2;
        }
        if (!addr || !p)
            break;
        const char *s;
        int err = sys_guest_str(p, 128 * 1024, &s);
        if (err) {
            free(v);
            return err == -ENAMETOOLONG ? -E2BIG : err;
        }
        v[n] = (char *)s;
    }
    v[n] = NULL;
    *out = v;
    return (int64_t)n;
}

SysExecKind sys_exec_classify(const unsigned char *head, size_t len)
{
    if (len >= 20 && !memcmp(head, "\177ELF", 4)) {
        unsigned machine = head[18] | head[19] << 8;
        return (head[4] == 1 && head[5] == 1 && machine == 40) ? SYS_EXEC_ARM_ELF : SYS_EXEC_HOST;
    }
    if (len >= 2 && head[0] == '#' && head[1] == '!')
        return SYS_EXEC_SCRIPT;
    return SYS_EXEC_HOST;
}

bool sys_exec_parse_shebang(const char *head, size_t len, char *interp, size_t isize, char *arg, size_t asize)
{
    size_t i = 2, end;
    while (i < len && (head[i] == ' ' || head[i] == '\t'))
        i++;
    for (end = i; end < len && head[end] != '\n'; end++)
        ;
    if (end == len && len >= 256)
        end = len;   /* a long line is cut, as the kernel does */
    size_t s = i;
    while (i < end && head[i] != ' ' && head[i] != '\t')
        i++;
    if (i == s || i - s >= isize)
        return false;
    memcpy(interp, head + s, i - s);
    interp[i - s] = 0;
    while (i < end && (head[i] == ' ' || head[i] == '\t'))
        i++;
    size_t e = end;
    while (e > i && (head[e - 1] == ' ' || head[e - 1] == '\t' || head[e - 1] == '\r'))
        e--;
    if (e - i >= asize)
        return false;
    memcpy(arg, head + i, e - i);
    arg[e - i] = 0;
    return true;
}

static ssize_t read_head(const char *path, unsigned char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, buf, size);
    int err = errno;
    close(fd);
    return n < 0 ? -err : n;
}

/* ferry's own command line, for the new program: lu_process.ferry_argv
 * (ferry's path and the options to repeat, NULL-terminated) or, if the
 * run-time did not set it, /proc/self/exe with -L, -cpu and -strace. */
static size_t ferry_prefix(const char **out, size_t max)
{
    size_t n = 0;
    if (lu_process.ferry_argv) {
        for (char **p = lu_process.ferry_argv; *p && n < max; p++)
            out[n++] = *p;
        return n;
    }
    out[n++] = "/proc/self/exe";
    if (lu_process.ld_prefix) {
        out[n++] = "-L";
        out[n++] = lu_process.ld_prefix;
    }
    if (lu_process.cpu_model && lu_process.cpu_model->name) {
        out[n++] = "-cpu";
        out[n++] = lu_process.cpu_model->name;
    }
    if (lu_process.strace)
        out[n++] = "-strace";
    return n;
}

#define FERRY_PREFIX_MAX 64

int64_t sys_h_execve(ArmCpu *cpu, const SysArgs *a)
{
    const char *guest_path;
    char host_buf[PATH_MAX], interp_host_buf[PATH_MAX];
    char interp[256], interp_arg[256];
    unsigned char head[256];
    char **argv = NULL, **envp = NULL;
    int64_t err, argc;

    if ((err = sys_guest_str((uint32_t)a->v[0], PATH_MAX, &guest_path)))
        return err;
    /* A program re-running itself through /proc/self/exe (busybox does)
     * means the guest program, not ferry. */
    const char *host_path = (lu_process.exe_path && sys_is_proc_self_exe(guest_path))
                                ? lu_process.exe_path
                                : lu_path(guest_path, host_buf, sizeof host_buf);
    if (access(host_path, X_OK) < 0)
        return -errno;
    ssize_t n = read_head(host_path, head, sizeof head);
    if (n < 0)
        return n == -EISDIR ? -EACCES : n;   /* the kernel's answer for a directory */
    if ((argc = read_string_array((uint32_t)a->v[1], &argv)) < 0)
        return argc;
    if ((err = read_string_array((uint32_t)a->v[2], &envp)) < 0) {
        free(argv);
        return err;
    }

    SysExecKind kind = sys_exec_classify(head, (size_t)n);
    const char *interp_host = NULL;
    bool with_arg = false;
    if (kind == SYS_EXEC_SCRIPT) {
        if (!sys_exec_parse_shebang((const char *)head, (size_t)n, interp, sizeof interp, interp_arg,
                                    sizeof interp_arg)) {
            err = -ENOEXEC;
            goto out;
        }
        interp_host = lu_path(interp, interp_host_buf, sizeof interp_host_buf);
        unsigned char ihead[64];
        ssize_t in = read_head(interp_host, ihead, sizeof ihead);
        if (in < 0) {
            err = in;
            goto out;
        }
        with_arg = interp_arg[0] != 0;
        kind = sys_exec_classify(ihead, (size_t)in) == SYS_EXEC_ARM_ELF ? SYS_EXEC_SCRIPT : SYS_EXEC_HOST;
    }

    if (kind == SYS_EXEC_HOST) {
        /* The host runs it (its kernel handles a host #! itself). */
        fflush(stdout);
        fflush(stderr);
        execve(host_path, argv, envp);
        err = -errno;
        goto out;
    }

    /* ferry [options] -0 ARGV0 PROGRAM ARGS...; a script becomes
     * ferry [options] INTERP [ARG] SCRIPT ARGS... as the kernel builds it. */
    size_t max = FERRY_PREFIX_MAX + 6 + (size_t)argc;
    const char **nv = malloc(max * sizeof *nv);
    if (!nv) {
        err = -ENOMEM;
        goto out;
    }
    size_t k = ferry_prefix(nv, FERRY_PREFIX_MAX);
    if (kind == SYS_EXEC_ARM_ELF) {
        nv[k++] = "-0";
        nv[k++] = argc > 0 ? argv[0] : guest_path;
        nv[k++] = host_path;
    } else {
        nv[k++] = interp_host;
        if (with_arg)
            nv[k++] = interp_arg;
        nv[k++] = guest_path;
    }
    for (int64_t i = 1; i < argc; i++)
        nv[k++] = argv[i];
    nv[k] = NULL;
    fflush(stdout);
    fflush(stderr);
    execve(nv[0], (char *const *)nv, envp);
    err = -errno;
    free(nv);
out:
    free(argv);
    free(envp);
    return err;
}

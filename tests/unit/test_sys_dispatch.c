/*
 * The dispatcher on a fake ArmCpu: number in r7, arguments in r0..r6,
 * result in r0, with guest memory from the test address space. Real host
 * calls on temporary files, pipes and child processes; results checked
 * against what the host itself says.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"
#include "util/log.h"
#include "sys_test_guest.h"

enum {
    NR_read = 3, NR_write = 4, NR_close = 6, NR_getpid = 20, NR_kill = 37, NR_mount = 21,
    NR_uname = 122, NR_llseek = 140, NR_readv = 145, NR_writev = 146, NR_poll = 168,
    NR_rt_sigaction = 174, NR_rt_sigprocmask = 175, NR_pread64 = 180, NR_ugetrlimit = 191,
    NR_fstat64 = 197, NR_fcntl64 = 221, NR_exit_group = 248, NR_clock_gettime = 263,
    NR_wait4 = 114, NR_fork = 2, NR_execve = 11, NR_openat = 322, NR_fstatat64 = 327,
    NR_readlinkat = 332, NR_pipe2 = 359, NR_prlimit64 = 369, NR_clock_gettime64 = 403,
    NR_newselect = 142, NR_brk = 45, NR_getxattr = 229,
    ARM_set_tls = 0x0f0005, ARM_get_tls = 0x0f0006, ARM_usr26 = 0x0f0003,
};
#define ARM_O_DIRECTORY 040000
#define ARM_O_CLOEXEC 02000000
#define AT_FDCWD_U ((uint32_t)-100)

static ArmCpu cpu;
static uint32_t mem;                 /* 4 guest pages */
static char tmpdir[64];

static int32_t call(uint32_t nr, uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3, uint32_t r4, uint32_t r5)
{
    memset(cpu.regs, 0, sizeof cpu.regs);
    cpu.regs[0] = r0, cpu.regs[1] = r1, cpu.regs[2] = r2, cpu.regs[3] = r3;
    cpu.regs[4] = r4, cpu.regs[5] = r5, cpu.regs[7] = nr;
    sys_dispatch(&cpu);
    return (int32_t)cpu.regs[0];
}
#define CALL0(nr) call(nr, 0, 0, 0, 0, 0, 0)
#define CALL1(nr, a) call(nr, a, 0, 0, 0, 0, 0)
#define CALL2(nr, a, b) call(nr, a, b, 0, 0, 0, 0)
#define CALL3(nr, a, b, c) call(nr, a, b, c, 0, 0, 0)
#define CALL4(nr, a, b, c, d) call(nr, a, b, c, d, 0, 0)

static uint32_t gstr(uint32_t at, const char *s)
{
    strcpy(g2h(mem + at), s);
    return mem + at;
}

static int setup(void **state)
{
    sys_test_reserve();
    mem = sys_test_alloc(4 * 4096, PROT_READ | PROT_WRITE);
    strcpy(tmpdir, "/tmp/ferry-sys-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_getpid_and_unknown(void **state)
{
    assert_int_equal(CALL0(NR_getpid), getpid());
    assert_int_equal(CALL0(9999), -ENOSYS);
    assert_int_equal(CALL0(0x0f00ff), -ENOSYS);
    assert_int_equal(CALL0(NR_mount), -ENOSYS);
    assert_int_equal(CALL0(0x0f07ff), -ENOSYS);   /* the private range's ENOSYS part */
    /* Past 0x0f07ff the kernel raises SIGILL; usr26 without 26-bit mode too. */
    static const uint32_t sigill_nrs[] = { 0x0f0800, 0x0f0003 };
    for (size_t i = 0; i < 2; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            CALL0(sigill_nrs[i]);
            _exit(0);
        }
        int st;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        assert_true(WIFSIGNALED(st));
        assert_int_equal(WTERMSIG(st), SIGILL);
    }
}

static void test_unimp_log_and_strace(void **state)
{
    FILE *log = tmpfile();
    assert_non_null(log);
    FILE *old_file = ferry_log_file;
    unsigned old_mask = ferry_log_mask;
    ferry_log_file = log;
    ferry_log_mask = FERRY_LOG_unimp | FERRY_LOG_strace;
    CALL0(NR_mount);
    CALL0(NR_getpid);
    ferry_log_mask = old_mask;
    ferry_log_file = old_file;
    char text[512] = { 0 };
    rewind(log);
    size_t n = fread(text, 1, sizeof text - 1, log);
    fclose(log);
    assert_true(n > 0);
    char expect[128];
    assert_non_null(strstr(text, "ferry-arm: unimplemented syscall 21 (mount)\n"));
    snprintf(expect, sizeof expect, "%d mount() = -1 ENOSYS (Function not implemented)\n", getpid());
    assert_non_null(strstr(text, expect));
    snprintf(expect, sizeof expect, "%d getpid() = %d\n", getpid(), getpid());
    assert_non_null(strstr(text, expect));
}

static void test_uname(void **state)
{
    assert_int_equal(CALL1(NR_uname, mem), 0);
    const arm_utsname *u = g2h(mem);
    assert_string_equal(u->machine, "armv7l");
    assert_string_equal(u->sysname, "Linux");
    assert_int_equal(CALL1(NR_uname, 0x100), -EFAULT);            /* unmapped */
    assert_int_equal(CALL1(NR_uname, mem + 4 * 4096 - 100), -EFAULT);   /* runs off the end */
}

static void test_files(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/f", tmpdir);
    /* O_CREAT|O_RDWR, mode 0600. */
    int32_t fd = CALL4(NR_openat, AT_FDCWD_U, gstr(0, path), 0102, 0600);
    assert_true(fd >= 0);
    assert_int_equal(CALL3(NR_write, (uint32_t)fd, gstr(512, "hello world"), 11), 11);
    /* pread64: offset 6 in r4:r5 (r3 is padding). */
    memset(g2h(mem + 1024), 0, 16);
    assert_int_equal(call(NR_pread64, (uint32_t)fd, mem + 1024, 5, 0xdead, 6, 0), 5);
    assert_memory_equal(g2h(mem + 1024), "world", 5);
    /* _llseek(fd, high, low, &result, SEEK_SET) */
    assert_int_equal(call(NR_llseek, (uint32_t)fd, 0, 3, mem + 2048, SEEK_SET, 0), 0);
    int64_t pos;
    memcpy(&pos, g2h(mem + 2048), 8);
    assert_int_equal(pos, 3);
    /* fstat64: st_size at offset 48 of the EABI struct. */
    assert_int_equal(CALL2(NR_fstat64, (uint32_t)fd, mem + 2048), 0);
    arm_stat64 st;
    memcpy(&st, g2h(mem + 2048), sizeof st);
    assert_int_equal(st.st_size, 11);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0600);
    struct stat host;
    assert_int_equal(stat(path, &host), 0);
    assert_true(st.st_ino == host.st_ino);
    /* fstatat64 with a path. */
    assert_int_equal(CALL4(NR_fstatat64, AT_FDCWD_U, gstr(0, path), mem + 2048, 0), 0);
    memcpy(&st, g2h(mem + 2048), sizeof st);
    assert_int_equal(st.st_size, 11);
    /* A bad stat buffer is EFAULT. */
    assert_int_equal(CALL2(NR_fstat64, (uint32_t)fd, 0x1000), -EFAULT);
    /* read into an unmapped buffer is EFAULT, not a crash. */
    assert_int_equal(CALL3(NR_read, (uint32_t)fd, 0x2000, 4), -EFAULT);
    assert_int_equal(CALL1(NR_close, (uint32_t)fd), 0);
    assert_int_equal(CALL1(NR_close, (uint32_t)fd), -EBADF);
    /* A missing file. */
    snprintf(path, sizeof path, "%s/missing", tmpdir);
    assert_int_equal(CALL4(NR_openat, AT_FDCWD_U, gstr(0, path), 0, 0), -ENOENT);
}

static void test_open_flag_translation(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/plain", tmpdir);
    int hfd = open(path, O_CREAT | O_WRONLY, 0600);
    assert_true(hfd >= 0);
    close(hfd);
    /* ARM's O_DIRECTORY (040000) is x86-64's O_DIRECT: untranslated, this
     * open of a plain file would succeed (or fail with EINVAL on tmpfs). */
    assert_int_equal(CALL4(NR_openat, AT_FDCWD_U, gstr(0, path), ARM_O_DIRECTORY, 0), -ENOTDIR);
    int32_t fd = CALL4(NR_openat, AT_FDCWD_U, gstr(0, tmpdir), ARM_O_DIRECTORY | ARM_O_CLOEXEC, 0);
    assert_true(fd >= 0);
    assert_int_equal(fcntl(fd, F_GETFD), FD_CLOEXEC);
    int32_t fl = CALL2(NR_fcntl64, (uint32_t)fd, 3 /* F_GETFL */);
    assert_true(fl >= 0);
    assert_true(fl & ARM_O_DIRECTORY);
    assert_false(fl & 0200000);   /* not O_DIRECTORY's x86-64 value, which is ARM's O_DIRECT */
    close(fd);
}

/* A NULL buffer with size 0 asks for the size (ls -l does it for ACLs);
 * with guest_base 0, guest NULL is host NULL and must not read as EFAULT. */
static void test_xattr_size_query_with_null_buffer(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/xattr-file", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    int32_t r = CALL4(NR_getxattr, gstr(0, path), gstr(512, "system.posix_acl_access"), 0, 0);
    assert_true(r == -ENODATA || r == -EOPNOTSUPP);
}

static void test_readlink_proc_self_exe(void **state)
{
    lu_process.exe_path = "/opt/guest/prog";
    int32_t n = CALL4(NR_readlinkat, AT_FDCWD_U, gstr(0, "/proc/self/exe"), mem + 1024, 100);
    assert_int_equal(n, strlen("/opt/guest/prog"));
    assert_memory_equal(g2h(mem + 1024), "/opt/guest/prog", (size_t)n);
    /* Truncated to the buffer, like the kernel. */
    assert_int_equal(CALL4(NR_readlinkat, AT_FDCWD_U, gstr(0, "/proc/self/exe"), mem + 1024, 4), 4);
    lu_process.exe_path = NULL;
}

static void test_pipe_rw_vectors_poll_select(void **state)
{
    assert_int_equal(CALL2(NR_pipe2, mem, ARM_O_CLOEXEC), 0);
    int32_t fds[2];
    memcpy(fds, g2h(mem), sizeof fds);
    assert_int_equal(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
    /* writev two pieces, readv them back split differently. */
    arm_iovec iov[2] = { { gstr(1024, "abc"), 3 }, { gstr(1100, "defg"), 4 } };
    memcpy(g2h(mem + 512), iov, sizeof iov);
    assert_int_equal(CALL3(NR_writev, (uint32_t)fds[1], mem + 512, 2), 7);
    /* poll: readable. */
    struct { int32_t fd; int16_t events, revents; } pfd = { fds[0], 1 /* POLLIN */, 0 };
    memcpy(g2h(mem + 600), &pfd, sizeof pfd);
    assert_int_equal(CALL3(NR_poll, mem + 600, 1, 0), 1);
    memcpy(&pfd, g2h(mem + 600), sizeof pfd);
    assert_int_equal(pfd.revents, 1);
    /* select with a 32-bit fd_set and timeval. */
    uint32_t set[32] = { 0 };
    set[fds[0] / 32] |= 1u << (fds[0] % 32);
    memcpy(g2h(mem + 2048), set, sizeof set);
    arm_timeval tv = { 0, 0 };
    memcpy(g2h(mem + 2400), &tv, sizeof tv);
    assert_int_equal(call(NR_newselect, (uint32_t)fds[0] + 1, mem + 2048, 0, 0, mem + 2400, 0), 1);
    memcpy(set, g2h(mem + 2048), sizeof set);
    assert_true(set[fds[0] / 32] & (1u << (fds[0] % 32)));
    arm_iovec riov[2] = { { mem + 3000, 5 }, { mem + 3100, 10 } };
    memcpy(g2h(mem + 512), riov, sizeof riov);
    assert_int_equal(CALL3(NR_readv, (uint32_t)fds[0], mem + 512, 2), 7);
    assert_memory_equal(g2h(mem + 3000), "abcde", 5);
    assert_memory_equal(g2h(mem + 3100), "fg", 2);
    /* An iovec pointing outside guest memory is EFAULT. */
    arm_iovec bad = { 0x3000, 4 };
    memcpy(g2h(mem + 512), &bad, sizeof bad);
    assert_int_equal(CALL3(NR_writev, (uint32_t)fds[1], mem + 512, 1), -EFAULT);
    close(fds[0]);
    close(fds[1]);
}

static void test_tls_and_private(void **state)
{
    assert_int_equal(CALL1(ARM_set_tls, 0x12345678), 0);
    assert_int_equal(cpu.tpidruro, 0x12345678);
    assert_int_equal((uint32_t)CALL0(ARM_get_tls), 0x12345678);
}

static void test_signal_bookkeeping(void **state)
{
    /* rt_sigaction(SIGUSR1, {handler 0x8000, SA_SIGINFO|SA_RESTORER, restorer, mask {SIGINT}}, NULL, 8) */
    arm_sigaction act = { 0x8000, 0x04000004, 0x9000, { 1u << (SIGINT - 1), 0 } };
    memcpy(g2h(mem), &act, sizeof act);
    assert_int_equal(CALL4(NR_rt_sigaction, SIGUSR1, mem, 0, 8), 0);
    assert_int_equal(CALL4(NR_rt_sigaction, SIGUSR1, 0, mem + 100, 8), 0);
    arm_sigaction old;
    memcpy(&old, g2h(mem + 100), sizeof old);
    assert_int_equal(old.handler, 0x8000);
    assert_int_equal(old.flags, 0x04000004);
    assert_int_equal(old.restorer, 0x9000);
    assert_int_equal(old.mask[0], 1u << (SIGINT - 1));
    assert_int_equal(sys_sig_action(SIGUSR1)->handler, 0x8000);
    /* SIGKILL cannot be caught; a wrong sigset size is EINVAL. */
    assert_int_equal(CALL4(NR_rt_sigaction, SIGKILL, mem, 0, 8), -EINVAL);
    assert_int_equal(CALL4(NR_rt_sigaction, SIGUSR1, mem, 0, 4), -EINVAL);
    /* rt_sigprocmask: block SIGUSR2 and SIGKILL; SIGKILL stays unblocked. */
    uint64_t set = (1ull << (SIGUSR2 - 1)) | (1ull << (SIGKILL - 1));
    memcpy(g2h(mem + 200), &set, 8);
    assert_int_equal(CALL4(NR_rt_sigprocmask, SIG_BLOCK, mem + 200, mem + 300, 8), 0);
    assert_true(sys_sig_blocked() == 1ull << (SIGUSR2 - 1));
    assert_int_equal(CALL4(NR_rt_sigprocmask, SIG_SETMASK, mem + 300, 0, 8), 0);
    assert_true(sys_sig_blocked() == 0);
    /* Signals to self: 0 checks, SIGCHLD's default is to ignore. */
    assert_int_equal(CALL2(NR_kill, (uint32_t)getpid(), 0), 0);
    assert_int_equal(CALL2(NR_kill, (uint32_t)getpid(), SIGCHLD), 0);
}

static void test_limits_and_clocks(void **state)
{
    struct rlimit rl;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
    assert_int_equal(CALL2(NR_ugetrlimit, RLIMIT_NOFILE, mem), 0);
    arm_rlimit g;
    memcpy(&g, g2h(mem), sizeof g);
    assert_int_equal(g.rlim_cur, (uint32_t)rl.rlim_cur);
    assert_int_equal(CALL4(NR_prlimit64, 0, RLIMIT_NOFILE, 0, mem + 100), 0);
    arm_rlimit64 g64;
    memcpy(&g64, g2h(mem + 100), sizeof g64);
    assert_true(g64.rlim_cur == rl.rlim_cur);

    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    assert_int_equal(CALL2(NR_clock_gettime64, CLOCK_REALTIME, mem), 0);
    arm_timespec64 t64;
    memcpy(&t64, g2h(mem), sizeof t64);
    assert_true(t64.tv_sec >= now.tv_sec && t64.tv_sec <= now.tv_sec + 5);
    assert_true(t64.tv_nsec >= 0 && t64.tv_nsec < 1000000000);
    assert_int_equal(CALL2(NR_clock_gettime, CLOCK_MONOTONIC, mem), 0);
    assert_int_equal(CALL2(NR_clock_gettime, CLOCK_MONOTONIC, 0x500), -EFAULT);
}

static void test_fork_wait(void **state)
{
    int32_t pid = CALL0(NR_fork);
    if (pid == 0)
        _exit(cpu.regs[0] == 0 ? 7 : 1);   /* the child sees 0 in r0 */
    assert_true(pid > 0);
    assert_int_equal(CALL4(NR_wait4, (uint32_t)pid, mem, 0, mem + 64), pid);
    int32_t status;
    memcpy(&status, g2h(mem), 4);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 7);
    assert_int_equal(CALL4(NR_wait4, (uint32_t)-1, mem, 0, 0), -ECHILD);
}

static void test_execve_errors(void **state)
{
    uint32_t argv[2] = { mem + 1024, 0 };
    memcpy(g2h(mem + 512), argv, sizeof argv);
    gstr(1024, "prog");
    assert_int_equal(CALL3(NR_execve, gstr(0, "/nonexistent/prog"), mem + 512, 0), -ENOENT);
    assert_int_equal(CALL3(NR_execve, 0x10, mem + 512, 0), -EFAULT);
}

static void test_fcntl_locks(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/lock", tmpdir);
    int fd = open(path, O_CREAT | O_RDWR, 0600);
    assert_true(fd >= 0);
    /* F_SETLK64 with the EABI struct flock64 (l_start at offset 8). */
    arm_flock64 fl = { F_WRLCK, SEEK_SET, 0, 100, 50, 0, 0 };
    memcpy(g2h(mem), &fl, sizeof fl);
    assert_int_equal(CALL3(NR_fcntl64, (uint32_t)fd, 13 /* F_SETLK64 */, mem), 0);
    /* The lock is seen by another process. */
    pid_t child = fork();
    if (child == 0) {
        int cfd = open(path, O_RDWR);
        struct flock q = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 120, .l_len = 1 };
        _exit(cfd >= 0 && fcntl(cfd, F_GETLK, &q) == 0 && q.l_type == F_WRLCK && q.l_start == 100 &&
                      q.l_len == 50 ? 0 : 1);
    }
    int st;
    assert_int_equal(waitpid(child, &st, 0), child);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    /* F_GETLK (32-bit struct flock) on our own lock finds none: F_UNLCK. */
    arm_flock f32 = { F_WRLCK, SEEK_SET, 0, 10, 0 };
    memcpy(g2h(mem + 100), &f32, sizeof f32);
    assert_int_equal(CALL3(NR_fcntl64, (uint32_t)fd, 5 /* F_GETLK */, mem + 100), 0);
    memcpy(&f32, g2h(mem + 100), sizeof f32);
    assert_int_equal(f32.l_type, F_UNLCK);
    /* F_DUPFD_CLOEXEC, F_GETFD. */
    int32_t d = CALL3(NR_fcntl64, (uint32_t)fd, 1030, 100);
    assert_true(d >= 100);
    assert_int_equal(CALL2(NR_fcntl64, (uint32_t)d, 1 /* F_GETFD */), FD_CLOEXEC);
    assert_int_equal(CALL3(NR_fcntl64, (uint32_t)fd, 9999, 0), -EINVAL);
    close(d);
    close(fd);
}

static void test_tty_ioctls(void **state)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        skip();
        return;
    }
    assert_int_equal(grantpt(m), 0);
    assert_int_equal(unlockpt(m), 0);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    assert_true(s >= 0);
    /* TIOCSWINSZ then TIOCGWINSZ through the guest. */
    uint16_t ws[4] = { 24, 80, 0, 0 };
    memcpy(g2h(mem), ws, sizeof ws);
    assert_int_equal(CALL3(54, (uint32_t)s, 0x5414, mem), 0);
    memset(g2h(mem + 64), 0, 8);
    assert_int_equal(CALL3(54, (uint32_t)s, 0x5413, mem + 64), 0);
    assert_memory_equal(g2h(mem + 64), ws, sizeof ws);
    /* TCGETS fills the 36-byte struct termios; TCSETS takes it back. */
    assert_int_equal(CALL3(54, (uint32_t)s, 0x5401, mem + 128), 0);
    arm_termios t;
    memcpy(&t, g2h(mem + 128), sizeof t);
    t.c_lflag &= ~(uint32_t)ECHO;
    memcpy(g2h(mem + 128), &t, sizeof t);
    assert_int_equal(CALL3(54, (uint32_t)s, 0x5402, mem + 128), 0);
    struct termios host;
    assert_int_equal(tcgetattr(s, &host), 0);
    assert_false(host.c_lflag & ECHO);
    /* On a regular file TCGETS is ENOTTY; an unknown ioctl too. */
    assert_int_equal(CALL3(54, 0xffff, 0x5401, mem + 128), -EBADF);
    assert_int_equal(CALL3(54, (uint32_t)s, 0x12345678, 0), -ENOTTY);
    assert_int_equal(CALL3(54, (uint32_t)s, 0x5401, 0x10), -EFAULT);
    close(s);
    close(m);
}

static void test_statx(void **state)
{
    /* statx(AT_FDCWD, tmpdir, 0, STATX_BASIC_STATS, buf): same layout. */
    assert_int_equal(call(397, AT_FDCWD_U, gstr(0, tmpdir), 0, 0x7ff, mem + 1024, 0), 0);
    uint16_t mode;
    memcpy(&mode, (char *)g2h(mem + 1024) + 0x1c, 2);   /* stx_mode */
    assert_true(S_ISDIR(mode));
    assert_int_equal(call(397, AT_FDCWD_U, gstr(0, tmpdir), 0, 0x7ff, 0x10, 0), -EFAULT);
}

/* execve in a child; returns its exit status and what it printed. */
static int exec_child(const char *path, const char *const *args, char *out, size_t outsize)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        uint32_t argv[8] = { 0 }, at = 1024;
        for (int i = 0; args[i]; i++) {
            argv[i] = gstr(at, args[i]);
            at += (uint32_t)strlen(args[i]) + 1;
        }
        memcpy(g2h(mem + 512), argv, sizeof argv);
        uint32_t envp[2] = { gstr(3000, "FERRY_TEST=1"), 0 };
        memcpy(g2h(mem + 600), envp, sizeof envp);
        int32_t r = CALL3(NR_execve, gstr(0, path), mem + 512, mem + 600);
        _exit(100 + (-r & 0x1f));
    }
    close(p[1]);
    size_t n = 0;
    ssize_t k;
    while (n + 1 < outsize && (k = read(p[0], out + n, outsize - 1 - n)) > 0)
        n += (size_t)k;
    out[n] = 0;
    close(p[0]);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_execve_host_program(void **state)
{
    char out[256];
    /* A host program runs as is, with the guest's argv and envp. */
    assert_int_equal(exec_child("/bin/sh", (const char *[]){ "sh", "-c", "echo $0 $FERRY_TEST", NULL }, out,
                                sizeof out), 0);
    assert_string_equal(out, "sh 1\n");
}

static void test_execve_arm_program_reruns_ferry(void **state)
{
    /* An ARM ELF (its header is enough to decide) goes to ferry again;
     * /bin/echo stands in for ferry to show the command line. */
    char prog[128], script[128], out[512];
    snprintf(prog, sizeof prog, "%s/armprog", tmpdir);
    unsigned char hdr[52] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
    hdr[16] = 2;
    hdr[18] = 40;
    FILE *f = fopen(prog, "wb");
    fwrite(hdr, 1, sizeof hdr, f);
    fclose(f);
    chmod(prog, 0755);
    char *ferry[] = { "/bin/echo", "-L", "/sysroot", NULL };
    lu_process.ferry_argv = ferry;
    assert_int_equal(exec_child(prog, (const char *[]){ "myname", "a1", "a2", NULL }, out, sizeof out), 0);
    char expect[512];
    snprintf(expect, sizeof expect, "-L /sysroot -0 myname %s a1 a2\n", prog);
    assert_string_equal(out, expect);
    /* A script whose interpreter is an ARM ELF: ferry INTERP [ARG] SCRIPT ARGS. */
    snprintf(script, sizeof script, "%s/script", tmpdir);
    f = fopen(script, "w");
    fprintf(f, "#!%s -x\necho hi\n", prog);
    fclose(f);
    chmod(script, 0755);
    assert_int_equal(exec_child(script, (const char *[]){ "script", "b1", NULL }, out, sizeof out), 0);
    snprintf(expect, sizeof expect, "-L /sysroot %s -x %s b1\n", prog, script);
    assert_string_equal(out, expect);
    /* /proc/self/exe is the guest program (busybox re-runs itself so). */
    lu_process.exe_path = prog;
    assert_int_equal(exec_child("/proc/self/exe", (const char *[]){ "cat", "f", NULL }, out, sizeof out), 0);
    snprintf(expect, sizeof expect, "-L /sysroot -0 cat %s f\n", prog);
    assert_string_equal(out, expect);
    lu_process.exe_path = NULL;
    lu_process.ferry_argv = NULL;
    /* Not executable: EACCES, returned to the guest. */
    chmod(prog, 0644);
    assert_int_equal(exec_child(prog, (const char *[]){ "x", NULL }, out, sizeof out), 100 + EACCES);
}

static void test_epoll_and_timerfd(void **state)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    int32_t ep = CALL1(357 /* epoll_create1 */, ARM_O_CLOEXEC);
    assert_true(ep >= 0);
    /* The ARM struct epoll_event: data at offset 8. */
    arm_epoll_event ev = { 1 /* EPOLLIN */, 0, 0x1122334455667788ull };
    memcpy(g2h(mem), &ev, sizeof ev);
    assert_int_equal(CALL4(251 /* epoll_ctl */, (uint32_t)ep, 1 /* ADD */, (uint32_t)p[0], mem), 0);
    assert_int_equal(write(p[1], "x", 1), 1);
    memset(g2h(mem + 1024), 0xff, 64);
    assert_int_equal(CALL4(252 /* epoll_wait */, (uint32_t)ep, mem + 1024, 4, 0), 1);
    arm_epoll_event got[2];
    memcpy(got, g2h(mem + 1024), sizeof got);
    assert_int_equal(got[0].events, 1);
    assert_true(got[0].data == 0x1122334455667788ull);
    assert_int_equal(got[1].events, 0xffffffffu);   /* only one event written */
    assert_int_equal(CALL4(252, (uint32_t)ep, mem + 1024, 0, 0), -EINVAL);
    close(ep);
    close(p[0]);
    close(p[1]);

    int32_t tfd = CALL2(350 /* timerfd_create */, CLOCK_MONOTONIC, 0);
    assert_true(tfd >= 0);
    /* timerfd_settime64: interval 0, value 5 s; gettime64 sees it pending. */
    arm_timespec64 its[2] = { { 0, 0 }, { 5, 0 } };
    memcpy(g2h(mem), its, sizeof its);
    assert_int_equal(CALL4(411 /* timerfd_settime64 */, (uint32_t)tfd, 0, mem, 0), 0);
    assert_int_equal(CALL2(410 /* timerfd_gettime64 */, (uint32_t)tfd, mem + 256), 0);
    arm_timespec64 cur[2];
    memcpy(cur, g2h(mem + 256), sizeof cur);
    assert_true(cur[1].tv_sec >= 4 && cur[1].tv_sec <= 5);
    /* The 32-bit form reads the same timer. */
    assert_int_equal(CALL2(354 /* timerfd_gettime */, (uint32_t)tfd, mem + 512), 0);
    arm_timespec32 cur32[2];
    memcpy(cur32, g2h(mem + 512), sizeof cur32);
    assert_true(cur32[1].tv_sec >= 4 && cur32[1].tv_sec <= 5);
    close(tfd);
}

static void test_sockets(void **state)
{
    enum { NR_socket = 281, NR_bind = 282, NR_connect = 283, NR_listen = 284, NR_accept = 285,
           NR_getsockname = 286, NR_getpeername = 287, NR_socketpair = 288, NR_send = 289,
           NR_sendto = 290, NR_recv = 291, NR_setsockopt = 294, NR_getsockopt = 295 };
    /* getpeername on a pipe: ENOTSOCK (bash relies on it). */
    int p[2];
    assert_int_equal(pipe(p), 0);
    uint32_t len = 16;
    memcpy(g2h(mem + 100), &len, 4);
    assert_int_equal(CALL3(NR_getpeername, (uint32_t)p[0], mem, mem + 100), -ENOTSOCK);
    close(p[0]);
    close(p[1]);

    /* socketpair, send, recv. */
    assert_int_equal(CALL4(NR_socketpair, AF_UNIX, SOCK_STREAM, 0, mem), 0);
    int32_t sv[2];
    memcpy(sv, g2h(mem), sizeof sv);
    assert_int_equal(CALL4(NR_send, (uint32_t)sv[0], gstr(200, "ping"), 4, 0), 4);
    assert_int_equal(call(NR_sendto, (uint32_t)sv[0], gstr(200, "!"), 1, 0, 0, 0), 1);   /* NULL address */
    assert_int_equal(CALL4(NR_recv, (uint32_t)sv[1], mem + 300, 16, 0), 5);
    assert_memory_equal(g2h(mem + 300), "ping!", 5);
    /* SO_RCVTIMEO with the 32-bit timeval, read back. */
    arm_timeval tv = { 3, 500000 };
    memcpy(g2h(mem + 400), &tv, sizeof tv);
    assert_int_equal(call(NR_setsockopt, (uint32_t)sv[1], SOL_SOCKET, 20, mem + 400, 8, 0), 0);
    len = 8;
    memcpy(g2h(mem + 100), &len, 4);
    memset(g2h(mem + 400), 0, 8);
    assert_int_equal(call(NR_getsockopt, (uint32_t)sv[1], SOL_SOCKET, 20, mem + 400, mem + 100, 0), 0);
    memcpy(&tv, g2h(mem + 400), sizeof tv);
    assert_int_equal(tv.tv_sec, 3);
    assert_int_equal(tv.tv_usec, 500000);
    /* SO_TYPE as an int; an option ferry does not know is ENOPROTOOPT. */
    len = 4;
    memcpy(g2h(mem + 100), &len, 4);
    assert_int_equal(call(NR_getsockopt, (uint32_t)sv[1], SOL_SOCKET, SO_TYPE, mem + 400, mem + 100, 0), 0);
    int32_t type;
    memcpy(&type, g2h(mem + 400), 4);
    assert_int_equal(type, SOCK_STREAM);
    assert_int_equal(call(NR_setsockopt, (uint32_t)sv[1], SOL_SOCKET, 26 /* SO_ATTACH_FILTER */, mem, 8, 0),
                     -ENOPROTOOPT);
    close(sv[0]);
    close(sv[1]);

    /* A unix listening socket: bind, listen, connect, accept, names. */
    struct { uint16_t family; char path[108]; } sun = { AF_UNIX, { 0 } };
    snprintf(sun.path, sizeof sun.path, "%s/sock", tmpdir);
    memcpy(g2h(mem + 1024), &sun, sizeof sun);
    int32_t ls = CALL3(NR_socket, AF_UNIX, SOCK_STREAM | 02000000 /* SOCK_CLOEXEC */, 0);
    assert_true(ls >= 0);
    assert_int_equal(fcntl(ls, F_GETFD), FD_CLOEXEC);
    assert_int_equal(CALL3(NR_bind, (uint32_t)ls, mem + 1024, sizeof sun), 0);
    assert_int_equal(CALL2(NR_listen, (uint32_t)ls, 4), 0);
    int32_t cs = CALL3(NR_socket, AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(CALL3(NR_connect, (uint32_t)cs, mem + 1024, sizeof sun), 0);
    len = sizeof sun;
    memcpy(g2h(mem + 100), &len, 4);
    int32_t as = CALL3(NR_accept, (uint32_t)ls, mem + 2048, mem + 100);
    assert_true(as >= 0);
    len = sizeof sun;
    memcpy(g2h(mem + 100), &len, 4);
    assert_int_equal(CALL3(NR_getsockname, (uint32_t)ls, mem + 2048, mem + 100), 0);
    memcpy(&len, g2h(mem + 100), 4);
    assert_true(len > 2);
    assert_string_equal((char *)g2h(mem + 2048 + 2), sun.path);
    close(as);
    close(cs);
    close(ls);
}

static void test_sendmsg_recvmsg_scm_rights(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    int p[2];
    assert_int_equal(pipe(p), 0);
    /* Guest message: two iovecs and one SCM_RIGHTS control message in the
     * ARM layout (12-byte header, data at 12). */
    arm_iovec iov[2] = { { gstr(1024, "hel"), 3 }, { gstr(1100, "lo"), 2 } };
    memcpy(g2h(mem + 512), iov, sizeof iov);
    uint32_t cm[4] = { 16, SOL_SOCKET, SCM_RIGHTS, (uint32_t)p[1] };
    memcpy(g2h(mem + 600), cm, sizeof cm);
    arm_msghdr mh = { 0, 0, mem + 512, 2, mem + 600, 16, 0 };
    memcpy(g2h(mem), &mh, sizeof mh);
    assert_int_equal(CALL3(296 /* sendmsg */, (uint32_t)sv[0], mem, 0), 5);

    /* Receive into one iovec with a 32-byte guest control buffer. */
    arm_iovec riov = { mem + 2048, 64 };
    memcpy(g2h(mem + 512), &riov, sizeof riov);
    memset(g2h(mem + 600), 0xee, 32);
    arm_msghdr rh = { 0, 0, mem + 512, 1, mem + 600, 32, 0 };
    memcpy(g2h(mem), &rh, sizeof rh);
    assert_int_equal(CALL3(297 /* recvmsg */, (uint32_t)sv[1], mem, 0), 5);
    assert_memory_equal(g2h(mem + 2048), "hello", 5);
    memcpy(&rh, g2h(mem), sizeof rh);
    assert_int_equal(rh.msg_controllen, 16);
    assert_int_equal(rh.msg_flags, 0);
    memcpy(cm, g2h(mem + 600), sizeof cm);
    assert_int_equal(cm[0], 16);
    assert_int_equal(cm[1], SOL_SOCKET);
    assert_int_equal(cm[2], SCM_RIGHTS);
    int got = (int)cm[3];
    assert_true(got >= 0 && got != p[1]);
    /* The received descriptor is the pipe's write end. */
    assert_int_equal(write(got, "z", 1), 1);
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);
    assert_int_equal(c, 'z');
    close(got);
    /* A control message longer than its buffer is EINVAL. */
    uint32_t bad[3] = { 40, SOL_SOCKET, SCM_RIGHTS };
    memcpy(g2h(mem + 600), bad, sizeof bad);
    arm_msghdr bh = { 0, 0, mem + 512, 1, mem + 600, 12, 0 };
    memcpy(g2h(mem), &bh, sizeof bh);
    assert_int_equal(CALL3(296, (uint32_t)sv[0], mem, 0), -EINVAL);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

static void test_vectors_at_offsets_and_more(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/v", tmpdir);
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "0123456789", 10), 10);
    /* preadv(fd, iov, 1, pos_l = 4 in r3, pos_h = 0 in r4). */
    arm_iovec iov = { mem + 1024, 3 };
    memcpy(g2h(mem + 512), &iov, sizeof iov);
    assert_int_equal(call(361 /* preadv */, (uint32_t)fd, mem + 512, 1, 4, 0, 0), 3);
    assert_memory_equal(g2h(mem + 1024), "456", 3);
    /* pwritev at 8, then the file says so. */
    iov = (arm_iovec){ gstr(1100, "xy"), 2 };
    memcpy(g2h(mem + 512), &iov, sizeof iov);
    assert_int_equal(call(362 /* pwritev */, (uint32_t)fd, mem + 512, 1, 8, 0, 0), 2);
    char back[11] = { 0 };
    assert_int_equal(pread(fd, back, 10, 0), 10);
    assert_string_equal(back, "01234567xy");
    close(fd);

    /* openat2 translates open_how.flags: ARM O_DIRECTORY on a file. */
    uint64_t how[3] = { ARM_O_DIRECTORY, 0, 0 };
    memcpy(g2h(mem + 256), how, sizeof how);
    int32_t r = CALL4(437 /* openat2 */, AT_FDCWD_U, gstr(0, path), mem + 256, 24);
    assert_true(r == -ENOTDIR || r == -ENOSYS);   /* ENOSYS: a host kernel before 5.6 */
    how[0] = 0;
    memcpy(g2h(mem + 256), how, sizeof how);
    r = CALL4(437, AT_FDCWD_U, gstr(0, path), mem + 256, 24);
    assert_true(r >= 0 || r == -ENOSYS);
    if (r >= 0)
        close(r);
    assert_int_equal(CALL4(437, AT_FDCWD_U, gstr(0, path), mem + 256, 16), -EINVAL);

    /* mincore over the test's guest pages (all touched: resident). */
    for (int i = 0; i < 4; i++)
        ((volatile char *)g2h(mem + (uint32_t)i * 4096 + 4000))[0] = 1;
    assert_int_equal(CALL3(219 /* mincore */, mem, 4 * 4096, mem + 2048), 0);
    for (int i = 0; i < 4; i++)
        assert_true(((uint8_t *)g2h(mem + 2048))[i] & 1);
    assert_int_equal(CALL3(219, mem + 1, 4096, mem + 2048), -EINVAL);
    assert_int_equal(CALL3(219, 0x1000, 4096, mem + 2048), -ENOMEM);

    /* sendmmsg: two messages, each msg_len set. */
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
    arm_iovec iv[2] = { { gstr(1200, "one"), 3 }, { gstr(1300, "three"), 5 } };
    memcpy(g2h(mem + 1400), iv, sizeof iv);
    arm_mmsghdr mm[2] = { { { 0, 0, mem + 1400, 1, 0, 0, 0 }, 0 }, { { 0, 0, mem + 1408, 1, 0, 0, 0 }, 0 } };
    memcpy(g2h(mem), mm, sizeof mm);
    assert_int_equal(CALL4(374 /* sendmmsg */, (uint32_t)sv[0], mem, 2, 0), 2);
    memcpy(mm, g2h(mem), sizeof mm);
    assert_int_equal(mm[0].msg_len, 3);
    assert_int_equal(mm[1].msg_len, 5);
    char dg[8];
    assert_int_equal(recv(sv[1], dg, sizeof dg, 0), 3);
    assert_int_equal(recv(sv[1], dg, sizeof dg, 0), 5);
    close(sv[0]);
    close(sv[1]);
}

static void test_process_misc(void **state)
{
    /* prctl PR_SET_NAME / PR_GET_NAME (15/16 bytes). */
    char oldname[16];
    prctl(PR_GET_NAME, oldname, 0, 0, 0);
    assert_int_equal(CALL2(172, PR_SET_NAME, gstr(0, "guest-name")), 0);
    assert_int_equal(CALL2(172, PR_GET_NAME, mem + 64), 0);
    assert_string_equal((char *)g2h(mem + 64), "guest-name");
    prctl(PR_SET_NAME, oldname, 0, 0, 0);
    assert_int_equal(CALL2(172, 0x12345, 0), -EINVAL);

    /* sysinfo: the 64-byte struct, memory in mem_unit units. */
    assert_int_equal(CALL1(116, mem), 0);
    arm_sysinfo si;
    memcpy(&si, g2h(mem), sizeof si);
    assert_true(si.mem_unit >= 1);
    assert_true(si.totalram > 0);
    assert_true(si.procs > 0);

    /* set_tid_address returns the tid; set_robust_list wants 12 bytes. */
    assert_int_equal(CALL1(256, mem), gettid());
    assert_int_equal(CALL2(338, mem, 12), 0);
    assert_int_equal(CALL2(338, mem, 24), -EINVAL);

    /* getresuid32 into three words; getgroups32 with size 0 counts. */
    assert_int_equal(CALL3(209, mem, mem + 4, mem + 8), 0);
    uint32_t ids[3];
    memcpy(ids, g2h(mem), sizeof ids);
    assert_int_equal(ids[0], getuid());
    assert_int_equal(ids[1], geteuid());
    assert_int_equal(CALL2(205, 0, 0), getgroups(0, NULL));
    assert_int_equal(CALL3(209, mem, 0x10, mem + 8), -EFAULT);

    /* sched_getaffinity: bytes of mask, at most the guest's length. */
    int32_t n = CALL3(242, 0, 128, mem);
    assert_true(n > 0 && n <= 128);
    assert_true(((uint8_t *)g2h(mem))[0] != 0);
    assert_int_equal(CALL3(242, 0, 3, mem), -EINVAL);

    /* nanosleep of 1 ns; gettimeofday. */
    arm_timespec32 ts = { 0, 1 };
    memcpy(g2h(mem), &ts, sizeof ts);
    assert_int_equal(CALL2(162, mem, 0), 0);
    ts.tv_nsec = 2000000000;
    memcpy(g2h(mem), &ts, sizeof ts);
    assert_int_equal(CALL2(162, mem, 0), -EINVAL);
    assert_int_equal(CALL2(78, mem, 0), 0);
    arm_timeval tv;
    memcpy(&tv, g2h(mem), sizeof tv);
    assert_true(tv.tv_sec > 1000000000);

    /* cacheflush: flags must be 0. */
    assert_int_equal(CALL3(0x0f0002, mem, mem + 64, 0), 0);
    assert_int_equal(CALL3(0x0f0002, mem, mem + 64, 1), -EINVAL);

    /* The old 16-bit id calls: 0xffff is "unchanged", results are u16. */
    assert_int_equal(CALL3(164 /* setresuid */, 0xffff, 0xffff, 0xffff), 0);
    assert_int_equal(CALL3(165 /* getresuid */, mem, mem + 2, mem + 4), 0);
    uint16_t ids16[3];
    memcpy(ids16, g2h(mem), sizeof ids16);
    assert_int_equal(ids16[0], getuid() > 0xffff ? 65534 : getuid());
    assert_int_equal(CALL2(80 /* getgroups */, 0, 0), getgroups(0, NULL));
    assert_int_equal(CALL0(24 /* getuid */), getuid() > 0xffff ? 65534 : (int)getuid());

    /* get_robust_list returns what set_robust_list recorded. */
    assert_int_equal(CALL2(338, mem + 0x40, 12), 0);
    assert_int_equal(CALL3(339, 0, mem + 256, mem + 260), 0);
    uint32_t head, hlen;
    memcpy(&head, g2h(mem + 256), 4);
    memcpy(&hlen, g2h(mem + 260), 4);
    assert_int_equal(head, mem + 0x40);
    assert_int_equal(hlen, 12);

    /* personality: a query answers PER_LINUX plus flags. */
    int32_t pers = CALL1(136, 0xffffffffu);
    assert_true(pers >= 0);
    assert_int_equal(pers & 0xff, 0);
    assert_int_equal(CALL1(136, 0x42), -EINVAL);

    /* umask through the passthrough returns the old mask. */
    mode_t old = umask(022);
    assert_int_equal(CALL1(60, 077), 022);
    assert_int_equal(CALL1(60, old), 077);
}

/* 64-bit directory cookies become 32-bit ones, and lseek takes them back. */
static void test_directory_cookies(void **state)
{
    int dfd = open(tmpdir, O_RDONLY | O_DIRECTORY);
    assert_true(dfd >= 0);
    uint8_t buf[64] = { 0 };
    /* Two records: one with a 64-bit hash offset, one with a small one. */
    uint64_t ino = 7, big = 0x123456789abcull, small = 5;
    uint16_t reclen = 24;
    memcpy(buf, &ino, 8);
    memcpy(buf + 8, &big, 8);
    memcpy(buf + 16, &reclen, 2);
    memcpy(buf + 19, "a", 2);
    memcpy(buf + 24, &ino, 8);
    memcpy(buf + 32, &small, 8);
    memcpy(buf + 40, &reclen, 2);
    memcpy(buf + 43, "b", 2);
    assert_int_equal(sys_dir_fix_offsets(dfd, buf, 48), 0);
    int64_t off0, off1;
    memcpy(&off0, buf + 8, 8);
    memcpy(&off1, buf + 32, 8);
    assert_true(off0 >= 0x40000000 && off0 < 0x80000000);
    assert_int_equal(off1, 5);
    int64_t host;
    assert_true(sys_dir_seek_offset(dfd, off0, &host));
    assert_true(host == (int64_t)big);
    assert_false(sys_dir_seek_offset(dfd, 5, &host));
    assert_false(sys_dir_seek_offset(dfd + 100, off0, &host));
    /* A corrupt record length is an error, not a read past the buffer. */
    reclen = 200;
    memcpy(buf + 16, &reclen, 2);
    assert_int_equal(sys_dir_fix_offsets(dfd, buf, 48), -EIO);

    /* Through the dispatcher: every offset the guest sees fits in 31 bits,
     * and seeking to one resumes the listing there. */
    for (int i = 0; i < 20; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/d%02d", tmpdir, i);
        close(open(p, O_CREAT | O_WRONLY, 0600));
    }
    int32_t n = CALL3(217 /* getdents64 */, (uint32_t)dfd, mem, 8192);
    assert_true(n > 0);
    int64_t third = -1;
    int count = 0;
    for (int32_t pos = 0; pos < n;) {
        uint16_t rl;
        int64_t off;
        memcpy(&rl, g2h(mem + (uint32_t)pos + 16), 2);
        memcpy(&off, g2h(mem + (uint32_t)pos + 8), 8);
        assert_true(off >= 0 && off <= INT32_MAX);
        if (++count == 3)
            third = off;
        pos += rl;
    }
    assert_true(count >= 22);
    assert_int_equal(call(NR_llseek, (uint32_t)dfd, 0, (uint32_t)third, mem + 8192, SEEK_SET, 0), 0);
    int64_t pos;
    memcpy(&pos, g2h(mem + 8192), 8);
    assert_int_equal(pos, third);
    int32_t m = CALL3(217, (uint32_t)dfd, mem, 8192);
    int rest = 0;
    for (int32_t p = 0; p < m;) {
        uint16_t rl;
        memcpy(&rl, g2h(mem + (uint32_t)p + 16), 2);
        rest++;
        p += rl;
    }
    assert_int_equal(rest, count - 3);
    close(dfd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_getpid_and_unknown),
        cmocka_unit_test(test_unimp_log_and_strace),
        cmocka_unit_test(test_uname),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_open_flag_translation),
        cmocka_unit_test(test_readlink_proc_self_exe),
        cmocka_unit_test(test_xattr_size_query_with_null_buffer),
        cmocka_unit_test(test_pipe_rw_vectors_poll_select),
        cmocka_unit_test(test_tls_and_private),
        cmocka_unit_test(test_signal_bookkeeping),
        cmocka_unit_test(test_limits_and_clocks),
        cmocka_unit_test(test_fork_wait),
        cmocka_unit_test(test_execve_errors),
        cmocka_unit_test(test_fcntl_locks),
        cmocka_unit_test(test_tty_ioctls),
        cmocka_unit_test(test_statx),
        cmocka_unit_test(test_epoll_and_timerfd),
        cmocka_unit_test(test_sockets),
        cmocka_unit_test(test_sendmsg_recvmsg_scm_rights),
        cmocka_unit_test(test_vectors_at_offsets_and_more),
        cmocka_unit_test(test_process_misc),
        cmocka_unit_test(test_directory_cookies),
        cmocka_unit_test(test_execve_host_program),
        cmocka_unit_test(test_execve_arm_program_reruns_ferry),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

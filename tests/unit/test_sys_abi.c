/*
 * The ARM EABI structures and their conversions: sizes and offsets (also
 * asserted at compile time; checked here against the armhf toolchain's
 * own numbers where they are known facts), a stat64 round trip, the
 * narrowing rules (rlimit infinity, sysinfo's mem_unit, time64 padding),
 * and the open-flag translation both ways.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "syscalls/abi.h"
#include "syscalls/exec.h"
#include "syscalls/sys.h"
#include "sys_test_guest.h"

static void test_layouts(void **state)
{
    assert_int_equal(sizeof(arm_stat64), 104);
    assert_int_equal(offsetof(arm_stat64, st_size), 48);
    assert_int_equal(offsetof(arm_stat64, st_blocks), 64);
    assert_int_equal(offsetof(arm_stat64, st_ino), 96);
    assert_int_equal(sizeof(arm_statfs64), 84);
    assert_int_equal(sizeof(arm_flock64), 32);
    assert_int_equal(offsetof(arm_flock64, l_start), 8);
    assert_int_equal(sizeof(arm_rusage), 72);
    assert_int_equal(sizeof(arm_sysinfo), 64);
    assert_int_equal(sizeof(arm_sigaction), 20);
    assert_int_equal(sizeof(arm_timespec64), 16);
    assert_int_equal(sizeof(arm_utsname), 390);
}

static void test_stat_round_trip(void **state)
{
    struct stat st, back;
    assert_int_equal(stat("/", &st), 0);
    st.st_size = 0x123456789abLL;          /* a large file survives: st_size is 64-bit */
    st.st_ino = 0x1122334455667788ULL;
    st.st_blocks = 0x1234567890LL;
    arm_stat64 g;
    arm_stat64_from_host(&g, &st);
    assert_true(g.st_ino == 0x1122334455667788ULL);
    assert_int_equal(g.st_ino32, 0x55667788);
    assert_true(g.st_size == 0x123456789abLL);
    assert_int_equal(g.st_mode, st.st_mode);
    assert_int_equal(g.st_atime_nsec, (uint32_t)st.st_atim.tv_nsec);
    /* The guest sees the bytes at the EABI offsets. */
    const uint8_t *b = (const uint8_t *)&g;
    int64_t size_at_48;
    memcpy(&size_at_48, b + 48, 8);
    assert_true(size_at_48 == 0x123456789abLL);
    arm_stat64_to_host(&back, &g);
    assert_int_equal(back.st_dev, st.st_dev);
    assert_true(back.st_ino == st.st_ino);
    assert_int_equal(back.st_mode, st.st_mode);
    assert_int_equal(back.st_nlink, st.st_nlink);
    assert_int_equal(back.st_uid, st.st_uid);
    assert_true(back.st_size == st.st_size);
    assert_true(back.st_blocks == st.st_blocks);
    assert_int_equal(back.st_mtim.tv_sec, st.st_mtim.tv_sec);
    assert_int_equal(back.st_mtim.tv_nsec, st.st_mtim.tv_nsec);
}

static void test_old_stat_limits(void **state)
{
    struct stat st;
    arm_stat g;
    memset(&st, 0, sizeof st);
    st.st_size = 1000;
    st.st_uid = 70000;      /* does not fit in 16 bits: the overflow id */
    st.st_gid = 100;
    st.st_nlink = 2;
    assert_int_equal(arm_stat_from_host(&g, &st), 0);
    assert_int_equal(g.st_size, 1000);
    assert_int_equal(g.st_uid, 65534);
    assert_int_equal(g.st_gid, 100);
    st.st_size = 1ll << 31;  /* past 2 GiB: EOVERFLOW, as the kernel's cp_new_stat */
    assert_int_equal(arm_stat_from_host(&g, &st), -EOVERFLOW);
    st.st_size = 0;
    st.st_ino = 1ull << 32;
    assert_int_equal(arm_stat_from_host(&g, &st), -EOVERFLOW);
}

static void test_rlimit(void **state)
{
    struct rlimit rl = { RLIM_INFINITY, 1ull << 40 }, back;
    arm_rlimit g;
    arm_rlimit_from_host(&g, &rl);
    assert_int_equal(g.rlim_cur, ARM_RLIM_INFINITY);
    assert_int_equal(g.rlim_max, ARM_RLIM_INFINITY);   /* too big: infinity, as the kernel says */
    g.rlim_cur = 1024;
    arm_rlimit_to_host(&back, &g);
    assert_int_equal(back.rlim_cur, 1024);
    assert_true(back.rlim_max == RLIM_INFINITY);
}

static void test_sysinfo_scaling(void **state)
{
    struct sysinfo si;
    memset(&si, 0, sizeof si);
    si.mem_unit = 1;
    si.totalram = 24ull << 30;   /* 24 GiB does not fit in 32 bits */
    si.freeram = 1ull << 30;
    si.procs = 7;
    arm_sysinfo g;
    arm_sysinfo_from_host(&g, &si);
    assert_true((uint64_t)g.totalram * g.mem_unit == 24ull << 30);
    assert_true((uint64_t)g.freeram * g.mem_unit == 1ull << 30);
    assert_int_equal(g.procs, 7);
    si.totalram = 1000;
    arm_sysinfo_from_host(&g, &si);
    assert_int_equal(g.mem_unit, 1);
    assert_int_equal(g.totalram, 1000);
}

static void test_timespec64_padding(void **state)
{
    /* A 32-bit task's tv_nsec upper half is padding the kernel ignores. */
    arm_timespec64 g = { 5, (int64_t)0xdeadbeef00000007ull };
    struct timespec ts;
    arm_timespec64_to_host(&ts, &g);
    assert_int_equal(ts.tv_sec, 5);
    assert_int_equal(ts.tv_nsec, 7);
    arm_timespec32 g32 = { -1, 999999999 };
    arm_timespec32_to_host(&ts, &g32);
    assert_int_equal(ts.tv_sec, -1);
}

static void test_open_flags(void **state)
{
    /* ARM (arch/arm/include/uapi/asm/fcntl.h) vs x86-64 (asm-generic). */
    assert_int_equal(sys_oflags_to_host(040000), O_DIRECTORY);
    assert_int_equal(sys_oflags_to_host(0100000), O_NOFOLLOW);
    assert_int_equal(sys_oflags_to_host(0200000), O_DIRECT);
    assert_int_equal(sys_oflags_to_host(0400000), 0100000);   /* x86-64's O_LARGEFILE */
    assert_int_equal(sys_oflags_to_host(O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK),
                     O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK);
    assert_int_equal(sys_oflags_to_arm(O_DIRECTORY | O_NOFOLLOW | O_WRONLY), 040000 | 0100000 | O_WRONLY);
    assert_int_equal(sys_oflags_to_arm(O_DIRECT), 0200000);
    for (uint32_t f = 0; f < (1u << 23); f += 0x1235)
        assert_int_equal(sys_oflags_to_arm(sys_oflags_to_host(f)), f);
}

static void test_exec_classify(void **state)
{
    unsigned char arm_elf[52] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
    arm_elf[18] = 40;
    assert_int_equal(sys_exec_classify(arm_elf, sizeof arm_elf), SYS_EXEC_ARM_ELF);
    unsigned char x86_elf[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
    x86_elf[18] = 62;
    assert_int_equal(sys_exec_classify(x86_elf, sizeof x86_elf), SYS_EXEC_HOST);
    assert_int_equal(sys_exec_classify((const unsigned char *)"#!/bin/sh\n", 10), SYS_EXEC_SCRIPT);
    assert_int_equal(sys_exec_classify((const unsigned char *)"plain", 5), SYS_EXEC_HOST);

    char interp[64], arg[64];
    const char *s = "#! /usr/bin/env  python3 \r\nprint(1)\n";
    assert_true(sys_exec_parse_shebang(s, strlen(s), interp, sizeof interp, arg, sizeof arg));
    assert_string_equal(interp, "/usr/bin/env");
    assert_string_equal(arg, "python3");
    s = "#!/bin/sh\n";
    assert_true(sys_exec_parse_shebang(s, strlen(s), interp, sizeof interp, arg, sizeof arg));
    assert_string_equal(interp, "/bin/sh");
    assert_string_equal(arg, "");
    s = "#!\n";
    assert_false(sys_exec_parse_shebang(s, strlen(s), interp, sizeof interp, arg, sizeof arg));
}

/* The oracle: the armhf cross compiler with the ARM kernel's uapi headers
 * must agree with every size and offset of abi.h (a compile-time check in
 * a generated file; a mismatch fails the compile). */
static void test_layouts_match_arm_kernel_headers(void **state)
{
    const char *cc = getenv("CROSS_CC") ? getenv("CROSS_CC") : "arm-linux-gnueabihf-gcc";
    char path[] = "/tmp/ferry-abi-XXXXXX.c";
    int fd = mkstemps(path, 2);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "#include <stddef.h>\n#include <asm/stat.h>\n#include <asm/statfs.h>\n"
               "#include <linux/fcntl.h>\n#include <linux/resource.h>\n#include <linux/sysinfo.h>\n"
               "#include <linux/time.h>\n#include <linux/utsname.h>\n#include <asm/termbits.h>\n"
               "#include <linux/eventpoll.h>\n");
#define SZ(kt, mine) fprintf(f, "_Static_assert(sizeof(struct " kt ") == %zu, \"" kt "\");\n", sizeof(mine))
#define OFF(kt, kf, mine, mf) \
    fprintf(f, "_Static_assert(offsetof(struct " kt ", " kf ") == %zu, \"" kt "." kf "\");\n", offsetof(mine, mf))
    SZ("stat64", arm_stat64);
    OFF("stat64", "__st_ino", arm_stat64, st_ino32);
    OFF("stat64", "st_mode", arm_stat64, st_mode);
    OFF("stat64", "st_rdev", arm_stat64, st_rdev);
    OFF("stat64", "st_size", arm_stat64, st_size);
    OFF("stat64", "st_blksize", arm_stat64, st_blksize);
    OFF("stat64", "st_blocks", arm_stat64, st_blocks);
    OFF("stat64", "st_atime", arm_stat64, st_atime_);
    OFF("stat64", "st_mtime_nsec", arm_stat64, st_mtime_nsec);
    OFF("stat64", "st_ino", arm_stat64, st_ino);
    SZ("stat", arm_stat);
    OFF("stat", "st_nlink", arm_stat, st_nlink);
    OFF("stat", "st_rdev", arm_stat, st_rdev);
    OFF("stat", "st_size", arm_stat, st_size);
    OFF("stat", "st_ctime_nsec", arm_stat, st_ctime_nsec);
    SZ("statfs", arm_statfs);
    OFF("statfs", "f_fsid", arm_statfs, f_fsid);
    OFF("statfs", "f_spare", arm_statfs, f_spare);
    SZ("statfs64", arm_statfs64);
    OFF("statfs64", "f_blocks", arm_statfs64, f_blocks);
    OFF("statfs64", "f_fsid", arm_statfs64, f_fsid);
    OFF("statfs64", "f_flags", arm_statfs64, f_flags);
    SZ("flock64", arm_flock64);
    OFF("flock64", "l_start", arm_flock64, l_start);
    OFF("flock64", "l_len", arm_flock64, l_len);
    OFF("flock64", "l_pid", arm_flock64, l_pid);
    SZ("flock", arm_flock);
    OFF("flock", "l_pid", arm_flock, l_pid);
    SZ("rusage", arm_rusage);
    OFF("rusage", "ru_maxrss", arm_rusage, ru_maxrss);
    OFF("rusage", "ru_nivcsw", arm_rusage, ru_nivcsw);
    SZ("rlimit", arm_rlimit);
    SZ("rlimit64", arm_rlimit64);
    SZ("sysinfo", arm_sysinfo);
    OFF("sysinfo", "procs", arm_sysinfo, procs);
    OFF("sysinfo", "totalhigh", arm_sysinfo, totalhigh);
    OFF("sysinfo", "mem_unit", arm_sysinfo, mem_unit);
    SZ("timespec", arm_timespec32);
    SZ("__kernel_timespec", arm_timespec64);
    SZ("timeval", arm_timeval);
    SZ("itimerval", arm_itimerval);
    SZ("new_utsname", arm_utsname);
    OFF("new_utsname", "machine", arm_utsname, machine);
    SZ("epoll_event", arm_epoll_event);
    OFF("epoll_event", "data", arm_epoll_event, data);
    SZ("termios", arm_termios);
    OFF("termios", "c_line", arm_termios, c_line);
#undef SZ
#undef OFF
    fclose(f);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s -fsyntax-only %s", cc, path);
    int st = system(cmd);
    unlink(path);
    assert_int_equal(st, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_layouts_match_arm_kernel_headers),
        cmocka_unit_test(test_stat_round_trip),
        cmocka_unit_test(test_old_stat_limits),
        cmocka_unit_test(test_rlimit),
        cmocka_unit_test(test_sysinfo_scaling),
        cmocka_unit_test(test_timespec64_padding),
        cmocka_unit_test(test_open_flags),
        cmocka_unit_test(test_exec_classify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

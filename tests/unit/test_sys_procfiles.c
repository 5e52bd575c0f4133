/* Generated /proc files: the maps line layout, cpuinfo's Features from the
 * hwcaps, which paths are generated, the file-mapping records behind the
 * maps names, and a whole /proc/self/maps of a small guest space. */
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
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscalls/sys-proc-files.h"

#define PG LU_PAGE_SIZE

/* The generators' output, in a fixed buffer (strdup'ed for the caller). */
static char outbuf[16384];

static char *capture_line(const SysMapsLine *l)
{
    memset(outbuf, 0, sizeof outbuf);
    FILE *f = fmemopen(outbuf, sizeof outbuf - 1, "w");
    sys_proc_maps_line(f, l);
    fclose(f);
    return strdup(outbuf);
}

static void test_maps_line_anonymous(void **state)
{
    SysMapsLine l = { .start = 0x00421000, .end = 0x00442000, .prot = PROT_READ | PROT_WRITE };
    char *s = capture_line(&l);
    /* No name: the line ends with a space after the inode. */
    assert_string_equal(s, "00421000-00442000 rw-p 00000000 00:00 0 \n");
    free(s);
}

static void test_maps_line_named(void **state)
{
    SysMapsLine l = { .start = 0xf6ead000, .end = 0xf6fb7000, .prot = PROT_READ | PROT_EXEC,
                      .offset = 0x109000, .dev_major = 0xb3, .dev_minor = 2, .ino = 131084,
                      .name = "/usr/lib/libc.so.6" };
    char *s = capture_line(&l);
    /* Names start at column 48, as a 32-bit kernel pads them. */
    assert_string_equal(s, "f6ead000-f6fb7000 r-xp 00109000 b3:02 131084    /usr/lib/libc.so.6\n");
    assert_int_equal(strchr(s, '/') - s, 48);
    free(s);
    SysMapsLine sh = { .start = 0x1000, .end = 0x3000, .prot = PROT_READ, .shared = true,
                       .dev_major = 0x103, .dev_minor = 0x1234, .ino = 7, .name = "[x]" };
    s = capture_line(&sh);
    assert_string_equal(s, "00001000-00003000 r--s 00000000 103:1234 7      [x]\n");
    assert_int_equal(strchr(s, '[') - s, 48);
    free(s);
}

static char *cpuinfo(const ArmCpuModel *m, long n)
{
    memset(outbuf, 0, sizeof outbuf);
    FILE *f = fmemopen(outbuf, sizeof outbuf - 1, "w");
    sys_proc_cpuinfo(f, m, n);
    fclose(f);
    return strdup(outbuf);
}

static void test_cpuinfo_features_from_hwcap(void **state)
{
    /* half(1) vfp(6) neon(12) idiva(17) evtstrm(21); crc32 in HWCAP2 bit 4. */
    ArmCpuModel m = { "t", 0x410fc075, (1u << 1) | (1u << 6) | (1u << 12) | (1u << 17) | (1u << 21),
                      1u << 4, "test" };
    char *s = cpuinfo(&m, 2);
    assert_non_null(strstr(s, "\nFeatures\t: half vfp neon idiva evtstrm crc32 \n"));
    assert_non_null(strstr(s, "processor\t: 0\nmodel name\t: ARMv7 Processor rev 5 (v7l)\n"));
    assert_non_null(strstr(s, "\nCPU implementer\t: 0x41\nCPU architecture: 7\nCPU variant\t: 0x0\n"
                              "CPU part\t: 0xc07\nCPU revision\t: 5\n\nprocessor\t: 1\n"));
    assert_null(strstr(s, "processor\t: 2"));
    assert_non_null(strstr(s, "\nHardware\t: Generic DT based system\nRevision\t: 0000\n"
                              "Serial\t\t: 0000000000000000\n"));
    free(s);
}

static void test_cpuinfo_default_model(void **state)
{
    /* The default model's Features are exactly its AT_HWCAP bits. */
    const ArmCpuModel *m = arm_cpu_model_default();
    char *s = cpuinfo(m, 1);
    char *feat = strstr(s, "Features\t: ");
    assert_non_null(feat);
    assert_non_null(strstr(feat, "vfp edsp vfpv3 tls vfpv4 idiva idivt vfpd32"));
    assert_int_equal(m->hwcap & (1u << 12), 0);   /* no neon advertised ... */
    assert_null(strstr(s, "neon"));                 /* ... none shown */
    assert_non_null(strstr(s, "CPU variant\t: 0x2\nCPU part\t: 0xc0f\n"));
    free(s);
}

static void test_match(void **state)
{
    char p[96];
    assert_string_equal(sys_proc_file_match("/proc/self/maps"), "maps");
    assert_string_equal(sys_proc_file_match("/proc/thread-self/maps"), "maps");
    assert_string_equal(sys_proc_file_match("/proc/cpuinfo"), "cpuinfo");
    assert_string_equal(sys_proc_file_match("/proc/self/auxv"), "auxv");
    assert_string_equal(sys_proc_file_match("/proc/self/cmdline"), "cmdline");
    snprintf(p, sizeof p, "/proc/%d/maps", (int)getpid());
    assert_string_equal(sys_proc_file_match(p), "maps");
    snprintf(p, sizeof p, "/proc/self/task/%d/maps", (int)gettid());
    assert_string_equal(sys_proc_file_match(p), "maps");
    snprintf(p, sizeof p, "/proc/%d/maps", (int)getpid() + 1);
    assert_null(sys_proc_file_match(p));   /* another process */
    snprintf(p, sizeof p, "/proc/%dx/maps", (int)getpid());
    assert_null(sys_proc_file_match(p));
    assert_null(sys_proc_file_match("/proc/self/cpuinfo"));
    assert_null(sys_proc_file_match("/proc/maps"));
    assert_null(sys_proc_file_match("/proc/self/mapsx"));
    assert_null(sys_proc_file_match("/proc/self/exe"));
    assert_null(sys_proc_file_match("/proc/self/maps/"));
    assert_null(sys_proc_file_match("proc/self/maps"));
}

/* ---- with a guest space ---- */

static char tmpname[64];
static int tmpfd = -1;

static int setup(void **state)
{
    char err[200];
    if (!lu_space_reserve(64u << 20, false, 0, 0, err, sizeof(err)))
        return -1;
    snprintf(tmpname, sizeof tmpname, "/tmp/ferry-procfiles-XXXXXX");
    tmpfd = mkstemp(tmpname);
    if (tmpfd < 0 || ftruncate(tmpfd, 16 * PG) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    lu_space_release();
    close(tmpfd);
    unlink(tmpname);
    return 0;
}

static void test_filemap_split_and_move(void **state)
{
    LuFileMapInfo fi;
    lu_filemap_add(0x10000, 5 * PG, tmpfd, PG);
    assert_true(lu_filemap_at(0x10000, &fi));
    assert_int_equal(fi.start, 0x10000);
    assert_int_equal(fi.end, 0x15000);
    assert_int_equal(fi.offset, PG);
    assert_string_equal(fi.path, tmpname);
    /* A hole in the middle splits it; the right part's offset moves on. */
    lu_filemap_remove(0x12000, PG);
    assert_true(lu_filemap_at(0x12000, &fi));
    assert_int_equal(fi.start, 0x13000);
    assert_int_equal(fi.end, 0x15000);
    assert_int_equal(fi.offset, 4 * PG);
    assert_true(lu_filemap_at(0x11fff, &fi));
    assert_int_equal(fi.end, 0x12000);
    /* mremap moving and growing the right part. */
    lu_filemap_move(0x13000, 2 * PG, 0x40000, 3 * PG);
    assert_true(lu_filemap_at(0x13000, &fi));
    assert_int_equal(fi.start, 0x40000);
    assert_int_equal(fi.end, 0x43000);
    assert_int_equal(fi.offset, 4 * PG);
    /* Growing in place. */
    lu_filemap_grow(0x40000, 3 * PG, 4 * PG);
    assert_true(lu_filemap_at(0x40000, &fi));
    assert_int_equal(fi.end, 0x44000);
    lu_filemap_remove(0, 0x100000);
    assert_false(lu_filemap_at(0, &fi));
}

static char *read_fd(int fd)
{
    static char buf[8192];
    ssize_t n, total = 0;
    while ((n = read(fd, buf + total, sizeof buf - 1 - (size_t)total)) > 0)
        total += n;
    buf[total] = 0;
    return buf;
}

static void test_maps_of_guest_space(void **state)
{
    /* A file mapping, then an anonymous one over its second page. */
    assert_int_equal(lu_mmap(0x100000, 3 * PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, tmpfd, 2 * PG),
                     0x100000);
    assert_int_equal(lu_mmap(0x101000, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0),
                     0x101000);
    int64_t fd;
    assert_true(sys_proc_file_open("/proc/self/maps", 0, &fd));
    assert_true(fd >= 0);
    assert_int_equal(fcntl((int)fd, F_GETFL) & O_ACCMODE, O_RDONLY);
    assert_int_equal(fcntl((int)fd, F_GETFD) & FD_CLOEXEC, 0);   /* no O_CLOEXEC asked */
    char *text = read_fd((int)fd);
    close((int)fd);
    char want[256];
    snprintf(want, sizeof want, "00100000-00101000 r-xp 00002000 ");
    assert_non_null(strstr(text, want));
    assert_non_null(strstr(text, "00101000-00102000 r-xp 00000000 00:00 0 \n"));
    snprintf(want, sizeof want, "00102000-00103000 r-xp 00004000 ");
    char *third = strstr(text, want);
    assert_non_null(third);
    assert_non_null(strstr(third, tmpname));
    /* Only 32-bit addresses. */
    for (char *line = text; *line; line = strchr(line, '\n') + 1)
        assert_int_equal(strchr(line, '-') - line, 8);
}

static void test_open_flags(void **state)
{
    int64_t fd;
    assert_true(sys_proc_file_open("/proc/cpuinfo", O_CLOEXEC, &fd));
    assert_true(fd >= 0);
    assert_int_equal(fcntl((int)fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    assert_int_equal(write((int)fd, "x", 1), -1);   /* read-only */
    assert_non_null(strstr(read_fd((int)fd), "ARMv7 Processor"));
    close((int)fd);
    /* Writing opens are the host's business; paths not generated too. */
    assert_false(sys_proc_file_open("/proc/cpuinfo", O_WRONLY, &fd));
    assert_false(sys_proc_file_open("/proc/self/status", 0, &fd));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_maps_line_anonymous),
        cmocka_unit_test(test_maps_line_named),
        cmocka_unit_test(test_cpuinfo_features_from_hwcap),
        cmocka_unit_test(test_cpuinfo_default_model),
        cmocka_unit_test(test_match),
        cmocka_unit_test_setup_teardown(test_filemap_split_and_move, setup, teardown),
        cmocka_unit_test_setup_teardown(test_maps_of_guest_space, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_flags, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

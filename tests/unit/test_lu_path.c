/* -L prefix redirection (lu_path) on a scratch prefix tree. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-user/user.h"

static char prefix[] = "/tmp/ferry-path-XXXXXX";
static char file_in_prefix[PATH_MAX];

static int setup(void **state)
{
    if (!mkdtemp(prefix))
        return -1;
    char p[PATH_MAX];
    snprintf(p, sizeof(p), "%s/lib", prefix);
    mkdir(p, 0755);
    snprintf(p, sizeof(p), "%s/proc", prefix);
    mkdir(p, 0755);
    snprintf(file_in_prefix, sizeof(file_in_prefix), "%s/lib/ld-linux-armhf.so.3", prefix);
    FILE *f = fopen(file_in_prefix, "w");
    if (!f)
        return -1;
    fclose(f);
    snprintf(p, sizeof(p), "%s/lib/dangling", prefix);
    if (symlink("/nonexistent-target", p) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", prefix);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_no_prefix(void **state)
{
    char buf[PATH_MAX];
    lu_process.ld_prefix = NULL;
    const char *p = "/lib/ld-linux-armhf.so.3";
    assert_ptr_equal(lu_path(p, buf, sizeof(buf)), p);
}

static void test_prefix_hit(void **state)
{
    char buf[PATH_MAX];
    lu_process.ld_prefix = prefix;
    assert_string_equal(lu_path("/lib/ld-linux-armhf.so.3", buf, sizeof(buf)), file_in_prefix);
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s/lib", prefix);
    assert_string_equal(lu_path("/lib", buf, sizeof(buf)), dir);
    /* A dangling symlink in the prefix is still the prefix's. */
    snprintf(dir, sizeof(dir), "%s/lib/dangling", prefix);
    assert_string_equal(lu_path("/lib/dangling", buf, sizeof(buf)), dir);
}

static void test_fallback_to_host(void **state)
{
    char buf[PATH_MAX];
    lu_process.ld_prefix = prefix;
    const char *p = "/etc/passwd";
    assert_ptr_equal(lu_path(p, buf, sizeof(buf)), p);
    const char *rel = "lib/ld-linux-armhf.so.3";   /* relative: unchanged */
    assert_ptr_equal(lu_path(rel, buf, sizeof(buf)), rel);
    const char *proc = "/proc/self/maps";   /* the prefix has /proc, but it is the host's */
    assert_ptr_equal(lu_path(proc, buf, sizeof(buf)), proc);
    assert_string_equal(lu_path("/proc", buf, sizeof(buf)), "/proc");
    /* Too long for the buffer: the guest path as it is. */
    char small[8];
    p = "/lib/ld-linux-armhf.so.3";
    assert_ptr_equal(lu_path(p, small, sizeof(small)), p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_prefix),
        cmocka_unit_test(test_prefix_hit),
        cmocka_unit_test(test_fallback_to_host),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

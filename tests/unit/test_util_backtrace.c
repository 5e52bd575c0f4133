/* The crash-report backtrace (util/backtrace-unwind.c): libunwind is
 * dlopen'd when the report is printed, not linked, and must still name
 * ferry's own (static) functions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/backtrace.h"

static char report[8192];

/* A frame with a name to look for; noinline so it stays a frame. */
__attribute__((noinline)) static void bt_marker_frame(void)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    ferry_print_backtrace(f);
    rewind(f);
    size_t n = fread(report, 1, sizeof(report) - 1, f);
    report[n] = '\0';
    fclose(f);
    __asm__ volatile("" ::: "memory"); /* no tail call: keep this frame */
}

static void test_backtrace_names_static_functions(void **state)
{
    (void)state;
    bt_marker_frame();
    assert_null(strstr(report, "no libunwind"));
    assert_non_null(strstr(report, "bt_marker_frame+0x"));
    assert_non_null(strstr(report, "test_backtrace_names_static_functions+0x"));
}

static void test_backtrace_twice(void **state)
{
    /* A second report (another thread dying) loads nothing twice wrong. */
    (void)state;
    bt_marker_frame();
    assert_non_null(strstr(report, "bt_marker_frame+0x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backtrace_names_static_functions),
        cmocka_unit_test(test_backtrace_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

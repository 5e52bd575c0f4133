/* The user-mode option table: command line, environment twins, errors,
 * and the guest environment edits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/options.h"
#include "util/log.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof(a[0])) - 1)

static char *no_env[] = { NULL };
static char err[256];

static bool parse(LuOptions *o, char **argv, char **envp)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    err[0] = 0;
    return lu_options_parse(o, argc, argv, envp, err, sizeof(err));
}

static void test_program_and_args(void **state)
{
    LuOptions o;
    char *argv[] = { "ferry-arm", "./prog", "-s", "x", NULL };
    assert_true(parse(&o, argv, no_env));
    assert_int_equal(o.action, LU_ACTION_RUN);
    assert_int_equal(o.prog_index, 1);   /* options after PROGRAM are its own */
    assert_int_equal(o.stack_size, LU_DEFAULT_STACK_SIZE);
    assert_int_equal(o.gdb_port, -1);
    assert_null(o.ld_prefix);
}

static void test_all_options(void **state)
{
    LuOptions o;
    char *argv[] = { "ferry-arm", "-L", "/tmp", "-0", "name", "-s", "1M", "-B", "0x10000000", "-R", "0x40000000",
                     "-strace", "-d", "in_asm,page", "-D", "/tmp/log", "-E", "A=1,B=2", "-U", "C",
                     "--cpu", "cortex-a15", "--", "-prog", "arg", NULL };
    assert_true(parse(&o, argv, no_env));
    assert_string_equal(o.ld_prefix, "/tmp");   /* already absolute */
    assert_string_equal(o.argv0, "name");
    assert_int_equal(o.stack_size, 1u << 20);
    assert_true(o.base_given);
    assert_int_equal(o.guest_base, 0x10000000);
    assert_int_equal(o.reserved_va, 0x40000000);
    assert_true(o.strace);
    assert_int_equal(o.log_mask, FERRY_LOG_in_asm | FERRY_LOG_page);
    assert_string_equal(o.log_file, "/tmp/log");
    assert_string_equal(o.cpu_name, "cortex-a15");
    assert_int_equal(o.nb_env_edits, 3);
    assert_string_equal(o.env_edits[1].text, "B=2");
    assert_true(o.env_edits[2].unset);
    assert_string_equal(argv[o.prog_index], "-prog");
    assert_false(o.seed_given);
    lu_options_free(&o);
}

static void test_actions(void **state)
{
    LuOptions o;
    char *h[] = { "ferry-arm", "-h", NULL };
    assert_true(parse(&o, h, no_env));
    assert_int_equal(o.action, LU_ACTION_HELP);
    char *v[] = { "ferry-arm", "-version", NULL };
    assert_true(parse(&o, v, no_env));
    assert_int_equal(o.action, LU_ACTION_VERSION);
    char *c[] = { "ferry-arm", "-cpu", "help", NULL };
    assert_true(parse(&o, c, no_env));
    assert_int_equal(o.action, LU_ACTION_CPU_HELP);
    char *d[] = { "ferry-arm", "-d", "help", NULL };
    assert_true(parse(&o, d, no_env));
    assert_int_equal(o.action, LU_ACTION_LOG_HELP);
}

static void test_errors(void **state)
{
    LuOptions o;
    char *unknown[] = { "ferry-arm", "-frobnicate", "prog", NULL };
    assert_false(parse(&o, unknown, no_env));
    assert_non_null(strstr(err, "unknown option '-frobnicate'"));
    char *noarg[] = { "ferry-arm", "-L", NULL };
    assert_false(parse(&o, noarg, no_env));
    assert_non_null(strstr(err, "needs an argument"));
    char *noprog[] = { "ferry-arm", "-strace", NULL };
    assert_false(parse(&o, noprog, no_env));
    assert_non_null(strstr(err, "no program"));
    char *cpu[] = { "ferry-arm", "-cpu", "pentium", "prog", NULL };
    assert_false(parse(&o, cpu, no_env));
    assert_non_null(strstr(err, "unknown CPU model 'pentium'"));
    char *badl[] = { "ferry-arm", "-L", "/nonexistent/sysroot", "prog", NULL };
    assert_false(parse(&o, badl, no_env));
    assert_string_equal(err, "-L /nonexistent/sysroot: No such file or directory");
    char *filel[] = { "ferry-arm", "-L", "/etc/passwd", "prog", NULL };
    assert_false(parse(&o, filel, no_env));
    assert_non_null(strstr(err, "Not a directory"));
    char *bads[] = { "ferry-arm", "-s", "12Q", "prog", NULL };
    assert_false(parse(&o, bads, no_env));
    char *badd[] = { "ferry-arm", "-d", "in_asm,bogus", "prog", NULL };
    assert_false(parse(&o, badd, no_env));
    assert_non_null(strstr(err, "'bogus'"));
    char *badb[] = { "ferry-arm", "-B", "0x1001", "prog", NULL };
    assert_false(parse(&o, badb, no_env));
    char *bade[] = { "ferry-arm", "-E", "NOEQUALS", "prog", NULL };
    assert_false(parse(&o, bade, no_env));
    lu_options_free(&o);
    char *badseed[] = { "ferry-arm", "-seed", "x1", "prog", NULL };
    assert_false(parse(&o, badseed, no_env));
    char *badg[] = { "ferry-arm", "-g", "http", "prog", NULL };
    assert_false(parse(&o, badg, no_env));
}

static void test_environment_twins(void **state)
{
    LuOptions o;
    char *argv[] = { "ferry-arm", "prog", NULL };
    char *env[] = { "QEMU_RAND_SEED=42", "QEMU_LD_PREFIX=/tmp", "QEMU_STACK_SIZE=1M", "FERRY_STACK_SIZE=2M", "FERRY_STRACE=1",
                    "QEMU_LOG=page", "FERRY_ARGV0=zero", "QEMU_CPU=cortex-a15", "FERRY_GUEST_BASE=0x20000000",
                    "HOME=/root", NULL };
    assert_true(parse(&o, argv, env));
    assert_string_equal(o.ld_prefix, "/tmp");   /* already absolute */
    assert_int_equal(o.stack_size, 2u << 20);   /* FERRY_ wins over QEMU_ */
    assert_true(o.strace);
    assert_int_equal(o.log_mask, FERRY_LOG_page);
    assert_string_equal(o.argv0, "zero");
    assert_string_equal(o.cpu_name, "cortex-a15");
    assert_int_equal(o.guest_base, 0x20000000);
    assert_true(o.seed_given);
    assert_int_equal(o.seed, 42);
    /* The command line overrides the environment. */
    char *argv2[] = { "ferry-arm", "-s", "64k", "prog", NULL };
    assert_true(parse(&o, argv2, env));
    assert_int_equal(o.stack_size, 64u << 10);
    /* A flag twin set to 0 is off; a bad value names the variable. */
    char *env2[] = { "FERRY_STRACE=0", NULL };
    assert_true(parse(&o, argv, env2));
    assert_false(o.strace);
    char *env3[] = { "FERRY_LD_PREFIX=/nonexistent", NULL };
    assert_false(parse(&o, argv, env3));
    assert_non_null(strstr(err, "FERRY_LD_PREFIX"));
}

static void test_prefix_made_absolute(void **state)
{
    LuOptions o;
    char *argv[] = { "ferry-arm", "-L", ".", "prog", NULL };
    assert_true(parse(&o, argv, no_env));
    assert_true(o.ld_prefix[0] == '/');
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_string_equal(o.ld_prefix, cwd);
}

static void test_preserve_argv0(void **state)
{
    LuOptions o;
    char *argv[] = { "ferry-arm", "-strace", "/usr/bin/prog", "prog", "arg", NULL };
    assert_true(parse(&o, argv, no_env));
    assert_int_equal(o.prog_index, 2);
    assert_int_equal(o.guest_argv_index, 2);
    lu_options_preserve_argv0(&o, 5, false);
    assert_int_equal(o.guest_argv_index, 2);
    lu_options_preserve_argv0(&o, 5, true);   /* binfmt_misc P: argv[3] is argv[0] */
    assert_int_equal(o.guest_argv_index, 3);
    char *short_argv[] = { "ferry-arm", "/usr/bin/prog", NULL };
    assert_true(parse(&o, short_argv, no_env));
    lu_options_preserve_argv0(&o, 2, true);   /* nothing after PROGRAM: keep it */
    assert_int_equal(o.guest_argv_index, 1);
}

static void test_guest_env(void **state)
{
    LuOptions o;
    char *argv[] = { "ferry-arm", "-E", "A=new,D=4", "-U", "B", "-U", "NOPE", "prog", NULL };
    char *env[] = { "A=old", "B=2", "C=3", NULL };
    assert_true(parse(&o, argv, env));
    char **g = lu_options_guest_env(&o, env);
    assert_non_null(g);
    assert_string_equal(g[0], "A=new");
    assert_string_equal(g[1], "C=3");
    assert_string_equal(g[2], "D=4");
    assert_null(g[3]);
    free(g);
    lu_options_free(&o);
}

static void test_parse_size(void **state)
{
    uint64_t v;
    assert_true(lu_parse_size("8M", &v));
    assert_int_equal(v, 8u << 20);
    assert_true(lu_parse_size("0x1000", &v));
    assert_int_equal(v, 0x1000);
    assert_true(lu_parse_size("2g", &v));
    assert_int_equal(v, 2ull << 30);
    assert_false(lu_parse_size("", &v));
    assert_false(lu_parse_size("1MB", &v));
    assert_false(lu_parse_size("-1", &v));
    assert_false(lu_parse_size("k", &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_program_and_args),
        cmocka_unit_test(test_all_options),
        cmocka_unit_test(test_actions),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_environment_twins),
        cmocka_unit_test(test_prefix_made_absolute),
        cmocka_unit_test(test_preserve_argv0),
        cmocka_unit_test(test_guest_env),
        cmocka_unit_test(test_parse_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

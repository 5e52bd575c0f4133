/* Ending the process like the kernel does for a fatal guest signal: the
 * parent sees death by that signal (a shell prints 139, 132), even if the
 * signal was blocked or handled before. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/user.h"

static void ignore(int sig) {}

static int status_of_death(int sig)
{
    pid_t pid = fork();
    if (pid == 0) {
        /* Make it hard: a handler installed and the signal blocked. */
        signal(sig, ignore);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_BLOCK, &set, NULL);
        lu_die_by_signal(sig);
    }
    int status;
    waitpid(pid, &status, 0);
    return status;
}

static void test_fatal_signals(void **state)
{
    static const int sigs[] = { SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGABRT };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        int st = status_of_death(sigs[i]);
        assert_true(WIFSIGNALED(st));
        assert_int_equal(WTERMSIG(st), sigs[i]);
        assert_false(WCOREDUMP(st));   /* no core file of ferry itself */
    }
}

static void test_continue_signal_exits(void **state)
{
    /* SIGCHLD's default is to ignore: the process still ends. */
    int st = status_of_death(SIGCHLD);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 128 + SIGCHLD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fatal_signals),
        cmocka_unit_test(test_continue_signal_exits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

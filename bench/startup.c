/* Startup cost: runs a command N times (fork + execvp + wait4) and
 * reports the mean CPU time (user + system, from the child's rusage) and
 * the largest maximum resident set size. CPU time rather than wall time,
 * so that a loaded machine distorts it less.
 *   startup N COMMAND [ARGS...]
 * prints: "cpu_ms=%.3f maxrss_kb=%ld runs=%d" */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: startup N COMMAND [ARGS...]\n");
        return 1;
    }
    int n = atoi(argv[1]);
    double cpu = 0;
    long maxrss = 0;
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 1; }
        if (pid == 0) {
            int devnull = open("/dev/null", O_WRONLY);
            if (devnull >= 0) dup2(devnull, 1);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        int st;
        struct rusage ru;
        if (wait4(pid, &st, 0, &ru) < 0) { perror("wait4"); return 1; }
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "startup: %s failed (status 0x%x)\n", argv[2], st);
            return 1;
        }
        cpu += ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
        if (ru.ru_maxrss > maxrss) maxrss = ru.ru_maxrss;
    }
    printf("cpu_ms=%.3f maxrss_kb=%ld runs=%d\n", cpu / n, maxrss, n);
    return 0;
}

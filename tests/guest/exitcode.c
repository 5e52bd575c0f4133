/* Process exit: atexit handlers run in reverse order, buffered stdio is
 * flushed by exit(), and the exit status reaches the parent (the harness
 * compares it: 42 here). Also a child via fork, its status via waitpid,
 * and _exit skipping the handlers in the child.
 * The stdio buffer is flushed before each fork so that it is written once. */
#include "guest.h"
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }
static void child_handler(void) { printf("child atexit must not run after _exit\n"); }

int main(void)
{
    atexit(first);
    atexit(second);
    printf("buffered line without newline flush... ");
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        atexit(child_handler);
        printf("child running\n");
        fflush(stdout);
        _exit(7);
    }
    int st = 0;
    pid_t w = waitpid(c, &st, 0);
    printf("\nwaitpid matched=%d exited=%d status=%d\n", w == c, WIFEXITED(st), WEXITSTATUS(st));
    fflush(stdout);   /* or the child would write the buffer a second time */
    c = fork();
    if (c == 0) _exit(300);   /* only the low 8 bits survive: 44 */
    waitpid(c, &st, 0);
    printf("exit(300) seen as %d\n", WEXITSTATUS(st));
    fflush(stdout);
    c = fork();
    if (c == 0) { abort(); }
    waitpid(c, &st, 0);
    printf("abort child: signaled=%d sig=%d\n", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    printf("final line, still buffered");
    exit(42);
}

/* setjmp/longjmp: non-local exits from nested calls and loops, with
 * volatile locals preserved; sigsetjmp/siglongjmp too. glibc's ARM
 * setjmp saves r4-r11, sp, lr and d8-d15 and mangles sp/lr with the
 * pointer guard read through TLS. */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>

/* dive() never returns normally: it always ends in longjmp. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"

static jmp_buf env;
static int depth_reached;

static void dive(int depth, int limit)
{
    depth_reached = depth;
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    if (depth < limit)
        dive(depth + 1, limit);
    else
        longjmp(env, depth * 10 + 1);
    (void)pad[0];
}

static int try_div(int a, int b, jmp_buf *err)
{
    if (b == 0) longjmp(*err, 99);
    return a / b;
}

int main(void)
{
    for (volatile int limit = 1; limit < 200; limit *= 3) {
        volatile int tries = 0;
        int r = setjmp(env);
        tries++;
        if (r == 0) dive(0, limit);
        printf("limit=%d returned=%d depth=%d tries=%d\n", limit, r, depth_reached, tries);
    }
    jmp_buf err;
    volatile int total = 0;
    static const int divisors[] = { 3, 0, 7, 0, -2 };
    for (volatile int i = 0; i < 5; i++) {
        int r = setjmp(err);
        if (r) { printf("divide by zero caught (%d) at %d\n", r, i); continue; }
        total += try_div(100, divisors[i], &err);
    }
    printf("total=%d\n", total);
    /* longjmp with 0 must return 1. */
    int r = setjmp(env);
    if (r == 0) longjmp(env, 0);
    printf("longjmp(0) gives %d\n", r);
    sigjmp_buf senv;
    volatile int rounds = 0;
    if (sigsetjmp(senv, 1) < 3) {
        rounds++;
        siglongjmp(senv, rounds);
    }
    printf("siglongjmp rounds=%d\n", rounds);
    return 0;
}

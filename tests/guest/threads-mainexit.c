/* The raw exit system call ends one thread only: main makes it while a
 * worker still runs; the worker sees main gone (pthread_join on main
 * returns once the kernel has cleared main's tid word and woken it) and
 * makes the raw exit call too. Being the last thread, it ends the
 * process, whose status is then the last thread's (9), not main's (4):
 * what Linux reports. */
#include "guest.h"
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_t main_thread;

static void *worker(void *arg)
{
    int r = pthread_join(main_thread, NULL);
    printf("worker: joined main: %d\n", r);
    fflush(stdout);
    syscall(SYS_exit, 9);
    return NULL;
}

int main(void)
{
    main_thread = pthread_self();
    printf("main: start\n");
    fflush(stdout);
    pthread_t w;
    pthread_create(&w, NULL, worker, NULL);
    syscall(SYS_exit, 4);
    printf("main: still here (wrong)\n");
    return 1;
}

/* exit from a thread other than main ends the whole process (exit_group)
 * with its status, while main is blocked in pthread_join and another
 * thread is blocked on a semaphore; stdio buffers are flushed by the
 * guest's exit. */
#include "guest.h"
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

static sem_t never, started;

static void *blocker(void *arg)
{
    sem_post(&started);
    sem_wait(&never);
    printf("blocker woke up\n");
    return NULL;
}

static void *exiter(void *arg)
{
    sem_wait(&started);
    printf("exiter: ending the process\n");
    exit(7);
}

int main(void)
{
    sem_init(&never, 0, 0);
    sem_init(&started, 0, 0);
    printf("main: start\n");
    pthread_t b, e;
    pthread_create(&b, NULL, blocker, NULL);
    pthread_create(&e, NULL, exiter, NULL);
    pthread_join(b, NULL);
    printf("main: joined (wrong)\n");
    return 0;
}

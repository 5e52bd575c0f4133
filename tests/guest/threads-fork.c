/* fork in a program with threads: while other threads map and unmap
 * memory (large mallocs are mmap/munmap) and run code, main forks
 * children that map memory, start a thread of their own and exit with a
 * status. The child has only the forking thread, so nothing the others
 * held (ferry's mmap and code-cache locks, their CPUs) may be left held
 * or waited for in it: a child that hangs or crashes changes the output.
 * The child also makes the page of code it has run writable, which drops
 * its translations: that waits for every other thread to leave the code
 * cache, and in the child there are none. */
#include "guest.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int stop;

static void *churn(void *arg)
{
    uint32_t x = (uint32_t)(uintptr_t)arg;
    while (!stop) {
        size_t size = (256 + (x & 255)) * 1024;   /* above the mmap threshold */
        char *p = malloc(size);
        memset(p, (int)x, size);
        x = x * 1103515245u + 12345u + (uint32_t)p[size / 2];
        free(p);
    }
    return NULL;
}

static void *child_thread(void *arg)
{
    return (void *)((uintptr_t)arg * 2);
}

int main(void)
{
    enum { CHURNERS = 3, CHILDREN = 40 };
    pthread_t t[CHURNERS];
    for (int i = 0; i < CHURNERS; i++)
        pthread_create(&t[i], NULL, churn, (void *)(uintptr_t)(i + 1));
    int ok = 0;
    child_thread((void *)1);   /* translated before the forks */
    uintptr_t page = (uintptr_t)child_thread & ~(uintptr_t)4095;
    for (int k = 0; k < CHILDREN; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            if (mprotect((void *)page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) != 0)
                _exit(101);
            char *p = malloc(1 << 20);
            memset(p, 1, 1 << 20);
            free(p);
            pthread_t ct;
            void *ret = NULL;
            if (pthread_create(&ct, NULL, child_thread, (void *)(uintptr_t)(k + 1)) != 0)
                _exit(100);
            pthread_join(ct, &ret);
            _exit((int)(uintptr_t)ret);
        }
        int status;
        if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
            WEXITSTATUS(status) == 2 * (k + 1))
            ok++;
    }
    stop = 1;
    for (int i = 0; i < CHURNERS; i++)
        pthread_join(t[i], NULL);
    printf("children ok: %d of %d\n", ok, CHILDREN);
    return 0;
}

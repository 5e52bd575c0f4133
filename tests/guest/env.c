/* argv and the environment as the loader laid them out on the initial
 * stack: argc, every argument (empty ones, spaces, non-ASCII bytes), every
 * environment variable (sorted: the harness cannot fix their order, and
 * qemu-arm reverses it), getenv/setenv/unsetenv, and the auxv
 * values that do not depend on the machine (AT_PAGESZ, AT_SECURE, the 16
 * AT_RANDOM bytes being present).
 * GUEST-TEST: args one "two words" "" --flag=x é-ü last
 * GUEST-TEST: env FERRY_GUEST_VAR=value with spaces
 * GUEST-TEST: env EMPTY=
 */
#include "guest.h"
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    printf("argv[0] starts with 'env.': %d\n", strncmp(base, "env.", 4) == 0);
    for (int i = 1; i < argc; i++) printf("argv[%d]=<%s> len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]=%s\n", argv[argc] ? "non-null" : "NULL");
    int n = 0;
    while (environ[n]) n++;
    char **sorted = malloc((size_t)(n + 1) * sizeof *sorted);
    memcpy(sorted, environ, (size_t)(n + 1) * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, cmp_str);
    for (int i = 0; i < n; i++) printf("env: %s\n", sorted[i]);
    free(sorted);
    printf("environ count=%d\n", n);
    printf("getenv FERRY_GUEST_VAR=<%s>\n", getenv("FERRY_GUEST_VAR"));
    printf("getenv EMPTY=<%s> MISSING=%s\n", getenv("EMPTY"), getenv("MISSING") ? "set" : "unset");
    setenv("NEW_VAR", "123", 1);
    setenv("NEW_VAR", "456", 0);
    unsetenv("EMPTY");
    printf("after setenv/unsetenv: NEW_VAR=%s EMPTY=%s\n", getenv("NEW_VAR"), getenv("EMPTY") ? "set" : "unset");
    printf("AT_PAGESZ=%lu AT_SECURE=%lu\n", getauxval(AT_PAGESZ), getauxval(AT_SECURE));
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    printf("AT_RANDOM present=%d\n", rnd != NULL);
    printf("AT_UID matches=%d\n", getauxval(AT_UID) == getauxval(AT_EUID));
    return 0;
}

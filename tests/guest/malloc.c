/* malloc/calloc/realloc/free patterns: many sizes, interleaved frees,
 * growing reallocs that move, a linked list, posix_memalign; contents are
 * checked after every move. Exercises brk and mmap (large blocks). */
#include "guest.h"
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; uint32_t val; char tag[12]; };

int main(void)
{
    enum { SLOTS = 512 };
    static unsigned char *p[SLOTS];
    static uint32_t sz[SLOTS];
    unsigned bad = 0, misaligned = 0;
    for (int round = 0; round < 20000; round++) {
        int i = (int)(rnd32() % SLOTS);
        if (p[i]) {
            for (uint32_t k = 0; k < sz[i]; k++)
                if (p[i][k] != (unsigned char)(i + k)) { bad++; break; }
            if (rnd32() & 1) {
                free(p[i]);
                p[i] = NULL;
            } else {
                uint32_t nsz = rnd32() % 3000 + 1;
                unsigned char *q = realloc(p[i], nsz);
                if (!q) { bad++; continue; }
                for (uint32_t k = sz[i]; k < nsz; k++) q[k] = (unsigned char)(i + k);
                p[i] = q;
                sz[i] = nsz;
            }
        } else {
            uint32_t n = rnd32() % 100 == 0 ? 200000 + rnd32() % 100000 : rnd32() % 600;
            p[i] = (rnd32() & 3) == 0 ? calloc(1, n) : malloc(n);
            if (!p[i] && n) { bad++; continue; }
            if ((uintptr_t)p[i] % 8) misaligned++;
            sz[i] = n;
            for (uint32_t k = 0; k < n; k++) p[i][k] = (unsigned char)(i + k);
        }
    }
    for (int i = 0; i < SLOTS; i++) free(p[i]);
    printf("random alloc/free: corrupt=%u misaligned=%u\n", bad, misaligned);

    unsigned nonzero = 0;
    for (int n = 1; n < 70000; n = n * 2 + 1) {
        unsigned char *z = calloc((size_t)n, 1);
        for (int k = 0; k < n; k++) nonzero += z[k] != 0;
        memset(z, 0xff, (size_t)n);
        free(z);
    }
    printf("calloc nonzero bytes=%u\n", nonzero);

    char *s = NULL;
    size_t len = 0;
    for (int i = 0; i < 2000; i++) {
        char piece[16];
        int k = snprintf(piece, sizeof piece, "%d,", i);
        s = realloc(s, len + (size_t)k + 1);
        memcpy(s + len, piece, (size_t)k + 1);
        len += (size_t)k;
    }
    Sum h;
    sum_init(&h);
    for (size_t i = 0; i < len; i++) sum_add(&h, (unsigned char)s[i]);
    printf("grown string len=%zu tail=%s\n", len, s + len - 10);
    sum_print("grown string", &h);
    free(s);

    struct node *head = NULL;
    for (uint32_t i = 0; i < 10000; i++) {
        struct node *n = malloc(sizeof *n);
        n->val = i * 2654435761u;
        snprintf(n->tag, sizeof n->tag, "n%u", i);
        n->next = head;
        head = n;
    }
    uint32_t acc = 0, count = 0;
    while (head) {
        struct node *n = head;
        acc ^= n->val + (uint32_t)strlen(n->tag);
        count++;
        head = n->next;
        free(n);
    }
    printf("list count=%u acc=%08x\n", count, acc);

    void *al = NULL;
    int r = posix_memalign(&al, 4096, 10000);
    printf("posix_memalign r=%d aligned=%d\n", r, (int)((uintptr_t)al % 4096 == 0));
    free(al);
    void *huge = malloc(64u << 20);
    printf("64MiB malloc %s\n", huge ? "ok" : "failed");
    if (huge) { memset(huge, 1, 64u << 20); free(huge); }
    return 0;
}

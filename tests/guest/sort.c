/* qsort and bsearch (callbacks from libc into the program: indirect calls
 * and returns across the libc boundary) on ints, strings and structs. */
#include "guest.h"
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}
static int cmp_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}
typedef struct { int16_t key; uint8_t tag; int32_t id; char name[9]; } Rec;
static int cmp_rec(const void *a, const void *b)
{
    const Rec *x = a, *y = b;
    if (x->key != y->key) return x->key - y->key;
    return x->id - y->id;   /* total order: qsort is not stable */
}

int main(void)
{
    enum { N = 20000 };
    static int32_t v[N];
    static uint64_t w[N];
    for (int i = 0; i < N; i++) { v[i] = (int32_t)rnd32() % 100000; w[i] = rnd64(); }
    qsort(v, N, sizeof v[0], cmp_int);
    qsort(w, N, sizeof w[0], cmp_u64_desc);
    Sum s;
    sum_init(&s);
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        sum_add(&s, (uint64_t)(uint32_t)v[i]);
        if (i && v[i - 1] > v[i]) sorted = 0;
        if (i && w[i - 1] < w[i]) sorted = 0;
    }
    printf("ints sorted=%d min=%d max=%d median=%d\n", sorted, v[0], v[N - 1], v[N / 2]);
    sum_print("sorted ints", &s);
    int found = 0, missing = 0;
    for (int i = -100000; i < 100000; i += 37) {
        int32_t key = i;
        int32_t *p = bsearch(&key, v, N, sizeof v[0], cmp_int);
        if (p) { found++; if (*p != key) printf("bsearch wrong\n"); } else missing++;
    }
    printf("bsearch found=%d missing=%d\n", found, missing);

    static const char *words[] = { "pear", "apple", "fig", "banana", "kiwi", "Zebra",
                                   "apple pie", "", "cherry", "date", "elderberry" };
    enum { W = sizeof words / sizeof words[0] };
    const char *ws[W];
    memcpy(ws, words, sizeof ws);
    qsort(ws, W, sizeof ws[0], cmp_str);
    printf("words:");
    for (int i = 0; i < W; i++) printf(" '%s'", ws[i]);
    printf("\n");
    const char *key = "fig";
    const char **hit = bsearch(&key, ws, W, sizeof ws[0], cmp_str);
    printf("bsearch fig at %d\n", hit ? (int)(hit - ws) : -1);

    static Rec r[500];
    for (int i = 0; i < 500; i++) {
        r[i].key = (int16_t)(rnd32() % 50 - 25);
        r[i].tag = (uint8_t)i;
        r[i].id = i;
        snprintf(r[i].name, sizeof r[i].name, "r%d", i);
    }
    qsort(r, 500, sizeof r[0], cmp_rec);
    Sum rs;
    sum_init(&rs);
    for (int i = 0; i < 500; i++) sum_add(&rs, (uint64_t)(uint16_t)r[i].key << 32 | (uint64_t)r[i].id << 8 | r[i].tag);
    printf("records first=%s(%d) last=%s(%d)\n", r[0].name, r[0].key, r[499].name, r[499].key);
    sum_print("sorted records", &rs);
    return 0;
}

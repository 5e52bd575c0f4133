/* A string-keyed hash map with chaining and resizing: word counting over
 * generated text, lookups, deletions, iteration in sorted order. Mixes
 * loads/stores of bytes, words and pointers with many short calls. */
#include "guest.h"
#include <stdlib.h>
#include <string.h>

typedef struct Entry { struct Entry *next; uint32_t hash; int count; char key[]; } Entry;
typedef struct { Entry **slots; uint32_t size, used; } Map;

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; }
    return h;
}
static void map_grow(Map *m)
{
    uint32_t nsize = m->size ? m->size * 2 : 16;
    Entry **ns = calloc(nsize, sizeof *ns);
    for (uint32_t i = 0; i < m->size; i++)
        for (Entry *e = m->slots[i], *next; e; e = next) {
            next = e->next;
            e->next = ns[e->hash & (nsize - 1)];
            ns[e->hash & (nsize - 1)] = e;
        }
    free(m->slots);
    m->slots = ns;
    m->size = nsize;
}
static Entry *map_find(Map *m, const char *k, uint32_t h)
{
    if (!m->size) return NULL;
    for (Entry *e = m->slots[h & (m->size - 1)]; e; e = e->next)
        if (e->hash == h && strcmp(e->key, k) == 0) return e;
    return NULL;
}
static void map_add(Map *m, const char *k)
{
    uint32_t h = hash_str(k);
    Entry *e = map_find(m, k, h);
    if (e) { e->count++; return; }
    if (m->used * 4 >= m->size * 3) map_grow(m);
    size_t len = strlen(k);
    e = malloc(sizeof *e + len + 1);
    memcpy(e->key, k, len + 1);
    e->hash = h;
    e->count = 1;
    e->next = m->slots[h & (m->size - 1)];
    m->slots[h & (m->size - 1)] = e;
    m->used++;
}
static int map_del(Map *m, const char *k)
{
    uint32_t h = hash_str(k);
    if (!m->size) return 0;
    for (Entry **pp = &m->slots[h & (m->size - 1)]; *pp; pp = &(*pp)->next)
        if ((*pp)->hash == h && strcmp((*pp)->key, k) == 0) {
            Entry *e = *pp;
            *pp = e->next;
            free(e);
            m->used--;
            return 1;
        }
    return 0;
}
static int by_count(const void *a, const void *b)
{
    const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
    if (x->count != y->count) return y->count - x->count;
    return strcmp(x->key, y->key);
}

int main(void)
{
    static const char *syll[] = { "ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "an", "e" };
    Map m = { 0 };
    char word[32];
    unsigned words = 0;
    for (int i = 0; i < 60000; i++) {
        int n = 1 + (int)(rnd32() % 3);
        word[0] = 0;
        for (int k = 0; k < n; k++) strcat(word, syll[rnd32() % 10 < 7 ? rnd32() % 4 : rnd32() % 10]);
        map_add(&m, word);
        words++;
    }
    printf("words=%u distinct=%u table=%u\n", words, m.used, m.size);
    int deleted = 0;
    for (int i = 0; i < 200; i++) {
        snprintf(word, sizeof word, "%s%s", syll[i % 10], syll[(i / 10) % 10]);
        deleted += map_del(&m, word);
    }
    printf("deleted=%d distinct=%u\n", deleted, m.used);
    Entry **all = malloc(m.used * sizeof *all);
    uint32_t n = 0;
    for (uint32_t i = 0; i < m.size; i++)
        for (Entry *e = m.slots[i]; e; e = e->next) all[n++] = e;
    qsort(all, n, sizeof *all, by_count);
    for (uint32_t i = 0; i < 10 && i < n; i++) printf("%2u. %-12s %d\n", i + 1, all[i]->key, all[i]->count);
    Sum s;
    sum_init(&s);
    for (uint32_t i = 0; i < n; i++) sum_add(&s, (uint64_t)all[i]->hash << 20 | (uint64_t)all[i]->count);
    sum_print("all entries", &s);
    Entry *e = map_find(&m, "kalo", hash_str("kalo"));
    printf("kalo -> %d\n", e ? e->count : -1);
    for (uint32_t i = 0; i < n; i++) free(all[i]);
    free(all);
    free(m.slots);
    return 0;
}

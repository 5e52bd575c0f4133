/* A string-keyed hash map (open addressing) with inserts, lookups and
 * string formatting: byte loops, calls into libc, cache misses. */
#include "bench.h"
#include <string.h>

typedef struct { char key[24]; uint32_t hash; int32_t val; } Slot;

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) { h ^= (uint8_t)*s; h *= 16777619u; }
    return h;
}

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    enum { CAP = 1 << 18, KEYS = 150000 };
    Slot *t = calloc(CAP, sizeof *t);
    uint64_t sum = 0;
    char key[24];
    for (int r = 0; r < 2 * scale; r++) {
        memset(t, 0, CAP * sizeof *t);
        for (int i = 0; i < KEYS; i++) {
            snprintf(key, sizeof key, "key-%d-%d", (i * 7919) % KEYS, r);
            uint32_t h = hash(key), p = h & (CAP - 1);
            while (t[p].key[0] && strcmp(t[p].key, key) != 0) p = (p + 1) & (CAP - 1);
            if (!t[p].key[0]) { strcpy(t[p].key, key); t[p].hash = h; }
            t[p].val += i;
        }
        for (int i = 0; i < 2 * KEYS; i++) {
            snprintf(key, sizeof key, "key-%d-%d", i, r);
            uint32_t h = hash(key), p = h & (CAP - 1);
            while (t[p].key[0] && strcmp(t[p].key, key) != 0) p = (p + 1) & (CAP - 1);
            sum = sum * 7 + (t[p].key[0] ? (uint32_t)t[p].val : 1);
        }
    }
    free(t);
    bench_result("hashmap", sum);
    return 0;
}

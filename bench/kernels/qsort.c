/* qsort of a million ints, a few times: libc's merge sort calling back
 * into the program for every comparison (indirect calls and returns). */
#include "bench.h"

static int cmp(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    enum { N = 1000 * 1000 };
    int32_t *v = malloc(N * sizeof *v);
    uint32_t x = 42;
    uint64_t sum = 0;
    for (int r = 0; r < scale; r++) {
        for (int i = 0; i < N; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; v[i] = (int32_t)x; }
        qsort(v, N, sizeof *v, cmp);
        for (int i = 0; i < N; i += 1000) sum = sum * 31 + (uint32_t)v[i];
    }
    free(v);
    bench_result("qsort", sum);
    return 0;
}

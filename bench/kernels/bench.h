/* Shared by the benchmark kernels: a scale factor from argv[1] (default
 * 1) and a result line that the runner compares between ferry-arm,
 * qemu-arm and the native build, so that a fast wrong answer is caught. */
#ifndef BENCH_H
#define BENCH_H
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline int bench_scale(int argc, char **argv)
{
    int s = argc > 1 ? atoi(argv[1]) : 1;
    return s > 0 ? s : 1;
}

static inline void bench_result(const char *name, uint64_t v)
{
    printf("%s %016" PRIx64 "\n", name, v);
}
#endif

/* Sieve of Eratosthenes up to 16 million, several times: byte stores
 * with a stride, a tight inner loop, and counting. */
#include "bench.h"
#include <string.h>

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    enum { N = 16 * 1000 * 1000 };
    static uint8_t composite[N + 1];
    uint64_t total = 0;
    for (int r = 0; r < scale; r++) {
        memset(composite, 0, sizeof composite);
        uint32_t count = 0;
        for (uint32_t i = 2; i <= N; i++) {
            if (composite[i]) continue;
            count++;
            for (uint64_t j = (uint64_t)i * i; j <= N; j += i) composite[j] = 1;
        }
        total = total * 31 + count;
    }
    bench_result("sieve", total);
    return 0;
}

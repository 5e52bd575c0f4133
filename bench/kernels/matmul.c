/* Integer matrix multiply (256x256, int32, i-k-j order): multiply-
 * accumulate in a loop nest with strided and sequential access. */
#include "bench.h"

enum { N = 256 };
static int32_t a[N][N], b[N][N], c[N][N];

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (i * 7 + j * 3) % 17 - 8; b[i][j] = (i * 5 - j * 11) % 13; }
    uint64_t sum = 0;
    for (int r = 0; r < 30 * scale; r++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                int32_t aik = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
            }
        for (int i = 0; i < N; i++) sum = sum * 3 + (uint32_t)c[i][(i * r) % N];
        a[r % N][r % N] += 1;
    }
    bench_result("matmul", sum);
    return 0;
}

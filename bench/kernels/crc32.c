/* CRC-32 (IEEE, table driven, byte at a time) over a 1 MiB buffer many
 * times: loads, shifts, xors and a table lookup per byte. */
#include "bench.h"

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    static uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    enum { N = 1 << 20 };
    static uint8_t buf[N];
    uint32_t x = 1;
    for (int i = 0; i < N; i++) { x = x * 1664525u + 1013904223u; buf[i] = (uint8_t)(x >> 24); }
    uint32_t crc = 0;
    for (int r = 0; r < 40 * scale; r++) {
        uint32_t c = ~crc;
        for (int i = 0; i < N; i++) c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
        crc = ~c;
        buf[r % N] ^= (uint8_t)crc;
    }
    bench_result("crc32", crc);
    return 0;
}

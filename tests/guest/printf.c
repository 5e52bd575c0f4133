/* printf-family formatting of integers and strings: flags, widths,
 * precisions, length modifiers (hh h l ll j z t), %n, return values and
 * snprintf truncation. glibc's vfprintf is a big varargs consumer. */
#include "guest.h"
#include <string.h>
#include <stddef.h>

/* Truncation is what is being tested here. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

int main(void)
{
    int n = printf("%d %i %u %x %X %o %c %s %%\n", -42, 42, 42u, 0xbeefu, 0xbeefu, 8u, 'A', "str");
    printf("returned %d\n", n);
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d]\n", 42, 42, 42, 42, 42, -42, 42);
    printf("[%#x] [%#o] [%#X] [%#08x] [%x]\n", 255u, 8u, 255u, 255u, 0u);
    printf("[%.3d] [%8.3d] [%-8.3d] [%.0d] [%.0d]\n", 7, 7, -7, 0, 1);
    printf("[%10s] [%-10s] [%.2s] [%10.3s] [%*s] [%-*s] [%.*s]\n", "abc", "abc", "abc",
           "abcdef", 6, "xy", 6, "xy", 3, "truncated");
    printf("[%hhd] [%hhu] [%hd] [%hu] [%hhx]\n", (signed char)-1, (unsigned char)255,
           (short)-32768, (unsigned short)65535, (unsigned char)0xab);
    printf("[%ld] [%lu] [%lx]\n", -2147483647L - 1, 4294967295UL & 0xffffffffUL, 0x7fffffffL);
    printf("[%lld] [%llu] [%llx] [%llo]\n", -9223372036854775807LL - 1, 18446744073709551615ULL,
           0x0123456789abcdefULL, 01777777777777777777777ULL);
    printf("[%" PRId64 "] [%" PRIu32 "] [%" PRIx16 "] [%" PRIi8 "]\n", INT64_MIN + 1,
           UINT32_MAX, (uint16_t)0xffff, (int8_t)-128);
    printf("[%jd] [%zu] [%zd] [%td]\n", (intmax_t)-5, (size_t)123456, (ssize_t)-7, (ptrdiff_t)-99);
    printf("[%c%c%c] [%5c] [%-3c]\n", 'x', 'y', 'z', '*', '!');
    int pos = 0;
    printf("abc%ndef\n", &pos);
    printf("%%n=%d\n", pos);
    char buf[16];
    int r = snprintf(buf, sizeof buf, "%s-%d-%s", "abcdefgh", 123456, "tail");
    printf("snprintf r=%d buf='%s' len=%zu\n", r, buf, strlen(buf));
    r = snprintf(NULL, 0, "%08x%s", 0xabcu, "xyz");
    printf("snprintf(NULL) r=%d\n", r);
    r = snprintf(buf, 1, "nothing");
    printf("snprintf size1 r=%d empty=%d\n", r, buf[0] == 0);
    char big[200];
    r = sprintf(big, "%s|%50d|%-20x|%c", "start", -1, 0xfeedu, 'E');
    printf("sprintf r=%d '%s'\n", r, big);
    /* Many arguments: some passed in registers, the rest on the stack. */
    printf("%d %d %d %d %d %d %d %d %d %d %lld %d %s %d\n", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
           1234567890123LL, 12, "thirteen", 14);
    fprintf(stdout, "to stdout via fprintf %d\n", 1);
    fputs("fputs line\n", stdout);
    putchar('p');
    putchar('\n');
    puts("puts line");
    for (int i = 0; i < 20; i++) printf("%3d%s", i * i * i - 100, i % 10 == 9 ? "\n" : ",");
    return 0;
}

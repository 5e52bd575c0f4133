/* String and memory functions: glibc's ARM versions are hand-written
 * assembly (NEON-free paths on armhf, LDRD/STRD, unaligned heads and
 * tails), so every length 0..67 and every alignment 0..7 is exercised. */
#include "guest.h"
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

static unsigned char buf1[256], buf2[256];

static int sign(int v) { return (v > 0) - (v < 0); }

int main(void)
{
    Sum cpy, mov, set, cmp, len, chr;
    sum_init(&cpy); sum_init(&mov); sum_init(&set); sum_init(&cmp);
    sum_init(&len); sum_init(&chr);
    for (int al = 0; al < 8; al++) {
        for (int n = 0; n < 68; n++) {
            for (int i = 0; i < 256; i++) { buf1[i] = (unsigned char)rnd32(); buf2[i] = 0xee; }
            memcpy(buf2 + ((al * 3) & 7), buf1 + al, (size_t)n);
            for (int i = 0; i < 96; i++) sum_add(&cpy, buf2[i]);
            memmove(buf1 + al + 3, buf1 + al, (size_t)n);   /* overlap, forward */
            memmove(buf1 + al, buf1 + al + 5, (size_t)n);   /* overlap, backward */
            for (int i = 0; i < 96; i++) sum_add(&mov, buf1[i]);
            memset(buf2 + al, n, (size_t)n);
            for (int i = 0; i < 96; i++) sum_add(&set, buf2[i]);
            memcpy(buf2, buf1, 128);
            if (n) buf2[al + n - 1] ^= 0x80;                 /* sign of the byte difference */
            sum_add(&cmp, (uint64_t)(sign(memcmp(buf1 + al, buf2 + al, (size_t)n)) + 1));
            char s[80];
            for (int i = 0; i < n; i++) s[i] = (char)('a' + (rnd32() % 26));
            s[n] = 0;
            sum_add(&len, strlen(s) + (uint64_t)strnlen(s, 10) * 100);
            char *p = strchr(s, 'q'), *r = strrchr(s, 'e');
            sum_add(&chr, (uint64_t)(p ? p - s : -1) ^ (uint64_t)(r ? r - s : -1) << 16 ^
                          (uint64_t)(memchr(s, 'z', (size_t)n) != NULL) << 40);
        }
    }
    sum_print("memcpy", &cpy);
    sum_print("memmove", &mov);
    sum_print("memset", &set);
    sum_print("memcmp", &cmp);
    sum_print("strlen", &len);
    sum_print("strchr/strrchr/memchr", &chr);

    char a[64] = "hello", b[64];
    strcpy(b, a);
    strcat(b, ", world");
    strncat(b, "!!!!!" + 3, 5);
    printf("strcpy/strcat: '%s' len=%zu\n", b, strlen(b));
    printf("strcmp: %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("abc", "abc")),
           sign(strcmp("b", "abc")));
    printf("strcmp high byte: %d\n", sign(strcmp("\xff", "a")));
    printf("strncmp: %d %d\n", sign(strncmp("abcdef", "abcxyz", 3)), sign(strncmp("abcdef", "abcxyz", 4)));
    printf("strcasecmp: %d\n", sign(strcasecmp("HeLLo", "hello")));
    printf("strstr: '%s' %s\n", strstr("the quick brown fox", "brown"),
           strstr("abc", "abd") ? "found" : "null");
    printf("strspn=%zu strcspn=%zu\n", strspn("aabbcde", "ab"), strcspn("hello world", " "));
    char tok[] = "a,b,,c;d";
    printf("strtok:");
    for (char *t = strtok(tok, ",;"); t; t = strtok(NULL, ",;")) printf(" [%s]", t);
    printf("\n");
    char *end;
    printf("strtol: %ld %ld %ld\n", strtol("-1234", &end, 10), strtol("0x7f", NULL, 16),
           strtol("777", NULL, 8));
    unsigned long ul = strtoul("4000000000xyz", &end, 10);
    printf("strtoul: %lu end='%s'\n", ul, end);
    printf("strtoll: %lld %llu\n", strtoll("-9000000000000000000", NULL, 10),
           strtoull("18446744073709551615", NULL, 10));
    printf("atoi: %d %d\n", atoi("  42abc"), atoi("-0017"));
    char up[32];
    const char *src = "Mixed Case 123";
    size_t k;
    for (k = 0; src[k]; k++) up[k] = (char)toupper((unsigned char)src[k]);
    up[k] = 0;
    printf("toupper: %s isdigit=%d isspace=%d\n", up, !!isdigit('7'), !!isspace('\t'));
    char *d = strdup("duplicate");
    printf("strdup: %s\n", d);
    free(d);
    return 0;
}

/* Variadic functions: va_arg of int, unsigned, int64 (EABI aligns it to
 * an even register pair or 8 bytes on the stack), pointers and strings,
 * va_copy, vsnprintf; arguments spilling from registers to the stack. */
#include "guest.h"
#include <stdarg.h>
#include <string.h>

static int64_t sum_ints(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int64_t s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

/* Format letters: i int, u unsigned, l int64, s string, c char (promoted). */
static uint64_t mixed(const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    uint64_t h = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': h = h * 31 + (uint64_t)(int64_t)va_arg(ap, int); break;
        case 'u': h = h * 31 + va_arg(ap, unsigned); break;
        case 'l': h = h * 31 + (uint64_t)va_arg(ap, int64_t); break;
        case 's': { const char *s = va_arg(ap, const char *); h = h * 31 + strlen(s) + (unsigned char)s[0]; break; }
        case 'c': h = h * 31 + (unsigned)va_arg(ap, int); break;
        }
    }
    va_end(ap);
    /* Walk the copy again: it must see the same first argument. */
    uint64_t first = 0;
    switch (fmt[0]) {
    case 'i': case 'c': first = (uint64_t)(int64_t)va_arg(again, int); break;
    case 'u': first = va_arg(again, unsigned); break;
    case 'l': first = (uint64_t)va_arg(again, int64_t); break;
    case 's': first = strlen(va_arg(again, const char *)); break;
    }
    va_end(again);
    printf("mixed(%s): %016" PRIx64 " first=%" PRIu64 "\n", fmt, h, first);
    return h;
}

static int my_printf(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(out, size, fmt, ap);
    va_end(ap);
    return r;
}

static void forward(const char *tag, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    printf("%s: %s\n", tag, buf);
}

int main(void)
{
    printf("sum_ints: %" PRId64 " %" PRId64 " %" PRId64 "\n", sum_ints(0), sum_ints(3, 1, 2, 3),
           sum_ints(12, -1, -2, -3, -4, 5, 6, 7, 8, 9, 10, 0x7fffffff, 0x7fffffff));
    mixed("iiiil", 1, 2, 3, 4, (int64_t)-5);
    mixed("lil", (int64_t)0x123456789ll, 7, (int64_t)-1);
    mixed("ilililil", 1, (int64_t)2, 3, (int64_t)4, 5, (int64_t)6, 7, (int64_t)0x7fffffffffffffffll);
    mixed("sucis", "hello", 4000000000u, 'x', -9, "world!");
    mixed("cccccccccccc", 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l');
    char buf[64];
    int r = my_printf(buf, sizeof buf, "%d-%s-%lld-%x", 12, "ab", (long long)-3, 255u);
    printf("vsnprintf r=%d '%s'\n", r, buf);
    forward("fwd", "%s=%d %s=%u", "a", -1, "b", 3000000000u);
    return 0;
}

/* Recursion: deep call chains (stack growth, return prediction), mutual
 * recursion, Ackermann, Towers of Hanoi, a recursive descent parser. */
#include "guest.h"
#include <string.h>

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static unsigned moves;
static uint32_t hanoi_sig;
static void hanoi(int n, int from, int to, int via)
{
    if (!n) return;
    hanoi(n - 1, from, via, to);
    moves++;
    hanoi_sig = hanoi_sig * 31 + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}
static uint64_t deep(uint32_t n, uint64_t acc)
{
    volatile uint32_t local[4] = { n, n + 1, n + 2, n + 3 };
    if (n == 0) return acc;
    return deep(n - 1, acc * 3 + local[n & 3]) + 1;
}

/* expr := term (('+'|'-') term)*; term := factor (('*'|'/'|'%') factor)*;
 * factor := number | '(' expr ')' | '-' factor */
static const char *src;
static int64_t expr(void);
static int64_t factor(void)
{
    if (*src == '(') { src++; int64_t v = expr(); src++; return v; }
    if (*src == '-') { src++; return -factor(); }
    int64_t v = 0;
    while (*src >= '0' && *src <= '9') v = v * 10 + (*src++ - '0');
    return v;
}
static int64_t term(void)
{
    int64_t v = factor();
    while (*src == '*' || *src == '/' || *src == '%') {
        char op = *src++;
        int64_t r = factor();
        v = op == '*' ? v * r : op == '/' ? v / r : v % r;
    }
    return v;
}
static int64_t expr(void)
{
    int64_t v = term();
    while (*src == '+' || *src == '-') {
        char op = *src++;
        int64_t r = term();
        v = op == '+' ? v + r : v - r;
    }
    return v;
}

int main(void)
{
    printf("fib(27)=%u\n", fib(27));
    printf("ack(2,3)=%u ack(3,5)=%u\n", ack(2, 3), ack(3, 5));
    printf("even(10001)=%d odd(7777)=%d\n", is_even(10001), is_odd(7777));
    hanoi(16, 1, 3, 2);
    printf("hanoi(16) moves=%u sig=%08x\n", moves, hanoi_sig);
    printf("deep(20000)=%016" PRIx64 "\n", deep(20000, 1));
    static const char *exprs[] = { "1+2*3", "(1+2)*3", "100/7%4", "-(3-10)*-(2+2)",
                                   "2*(3+(4*(5+(6*(7+8)))))", "123456789*1000-5" };
    for (unsigned i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        src = exprs[i];
        printf("%s = %" PRId64 "\n", exprs[i], expr());
    }
    return 0;
}

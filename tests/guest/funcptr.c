/* Function pointers: tables of operations, callbacks, pointers returned
 * from functions, calls through struct members (indirect BLX, which must
 * interwork between ARM and Thumb callees), and a tiny bytecode
 * interpreter dispatching through a handler table. */
#include "guest.h"

typedef uint32_t (*binop)(uint32_t, uint32_t);
static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_shl(uint32_t a, uint32_t b) { return a << (b & 31); }
static const binop ops[] = { op_add, op_sub, op_mul, op_xor, op_shl };

static binop choose(int i) { return ops[i % 5]; }
static uint32_t fold(const uint32_t *v, int n, binop f, uint32_t init)
{
    for (int i = 0; i < n; i++) init = f(init, v[i] | 1);
    return init;
}

struct shape {
    const char *name;
    int32_t (*area)(const struct shape *);
    int32_t w, h;
};
static int32_t rect_area(const struct shape *s) { return s->w * s->h; }
static int32_t tri_area(const struct shape *s) { return s->w * s->h / 2; }
static int32_t sq_area(const struct shape *s) { return s->w * s->w; }

/* Stack machine: each opcode is an index into a handler table. */
enum { PUSH, ADD, MUL, DUP, SWAP, JNZ, DEC, HALT, NOPS };
typedef struct { int32_t stack[64]; int sp; int pc; const int32_t *code; int halted; } VM;
static void h_push(VM *m) { m->stack[m->sp++] = m->code[m->pc++]; }
static void h_add(VM *m) { m->sp--; m->stack[m->sp - 1] += m->stack[m->sp]; }
static void h_mul(VM *m) { m->sp--; m->stack[m->sp - 1] *= m->stack[m->sp]; }
static void h_dup(VM *m) { m->stack[m->sp] = m->stack[m->sp - 1]; m->sp++; }
static void h_swap(VM *m) { int32_t t = m->stack[m->sp - 1]; m->stack[m->sp - 1] = m->stack[m->sp - 2]; m->stack[m->sp - 2] = t; }
static void h_jnz(VM *m) { int32_t t = m->code[m->pc++]; if (m->stack[m->sp - 1]) m->pc = t; }
static void h_dec(VM *m) { m->stack[m->sp - 1]--; }
static void h_halt(VM *m) { m->halted = 1; }
static void (*const handlers[NOPS])(VM *) = { h_push, h_add, h_mul, h_dup, h_swap, h_jnz, h_dec, h_halt };

int main(void)
{
    uint32_t v[100];
    for (int i = 0; i < 100; i++) v[i] = pick32(i);
    for (int i = 0; i < 5; i++) printf("fold op%d = %08x\n", i, fold(v, 100, choose(i), 1));
    uint32_t chain = 7;
    for (int i = 0; i < 1000; i++) chain = ops[(chain >> 3) % 5](chain, (uint32_t)i) | 1;
    printf("chain = %08x\n", chain);
    struct shape shapes[] = { { "rect", rect_area, 3, 4 }, { "tri", tri_area, 5, 6 }, { "square", sq_area, 7, 0 } };
    for (int i = 0; i < 3; i++) printf("%s area %d\n", shapes[i].name, shapes[i].area(&shapes[i]));
    /* sum = 0; n = 10; do { sum += n*n; } while (--n) -- stack: sum n */
    static const int32_t prog[] = { PUSH, 0, PUSH, 10,
        /* 4 */ DUP, DUP, MUL, /* sum n n*n */ SWAP, /* sum n*n n */ PUSH, 0, ADD,
        /* keep n on top: rotate via swaps */ SWAP, /* sum n n*n */ PUSH, 0, SWAP,
        /* sum n 0 n*n */ ADD, /* sum n n*n */ SWAP, /* sum n*n n */ DEC, JNZ, 4, HALT };
    VM m = { .sp = 0, .pc = 0, .code = prog };
    int steps = 0;
    while (!m.halted && steps < 10000) { handlers[m.code[m.pc++]](&m); steps++; }
    int32_t total = 0;
    for (int i = 0; i < m.sp; i++) total += m.stack[i];
    printf("vm steps=%d sp=%d total=%d\n", steps, m.sp, total);
    return 0;
}

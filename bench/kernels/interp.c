/* A bytecode interpreter (switch dispatch, as in most scripting
 * languages) running a loop-heavy program: indirect branches that are
 * hard to predict, and loads/stores of a virtual stack and registers. */
#include "bench.h"

enum { OP_LI, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR, OP_AND, OP_JNZ, OP_DEC, OP_MOV, OP_HALT };
typedef struct { uint8_t op, a, b, c; int32_t imm; } Insn;

static uint32_t run(const Insn *code, uint32_t *r)
{
    for (const Insn *pc = code;; pc++) {
        switch (pc->op) {
        case OP_LI: r[pc->a] = (uint32_t)pc->imm; break;
        case OP_ADD: r[pc->a] = r[pc->b] + r[pc->c]; break;
        case OP_SUB: r[pc->a] = r[pc->b] - r[pc->c]; break;
        case OP_MUL: r[pc->a] = r[pc->b] * r[pc->c]; break;
        case OP_XOR: r[pc->a] = r[pc->b] ^ r[pc->c]; break;
        case OP_SHR: r[pc->a] = r[pc->b] >> (r[pc->c] & 31); break;
        case OP_AND: r[pc->a] = r[pc->b] & r[pc->c]; break;
        case OP_JNZ: if (r[pc->a]) pc = code + pc->imm - 1; break;
        case OP_DEC: r[pc->a]--; break;
        case OP_MOV: r[pc->a] = r[pc->b]; break;
        case OP_HALT: return r[0];
        }
    }
}

int main(int argc, char **argv)
{
    int scale = bench_scale(argc, argv);
    const Insn prog[] = {
        { OP_LI, 0, 0, 0, 1 },          /* r0 = hash */
        { OP_LI, 1, 0, 0, 0 },          /* r1 = counter, set below */
        { OP_LI, 2, 0, 0, 0x9e3779b9 },
        { OP_LI, 3, 0, 0, 13 },
        { OP_LI, 5, 0, 0, 0xffff },
        /* 5: loop */
        { OP_MUL, 0, 0, 2, 0 },
        { OP_SHR, 4, 0, 3, 0 },
        { OP_XOR, 0, 0, 4, 0 },
        { OP_AND, 6, 1, 5, 0 },
        { OP_ADD, 0, 0, 6, 0 },
        { OP_MOV, 7, 0, 0, 0 },
        { OP_SUB, 0, 0, 1, 0 },
        { OP_DEC, 1, 0, 0, 0 },
        { OP_JNZ, 1, 0, 0, 5 },
        { OP_HALT, 0, 0, 0, 0 },
    };
    Insn p[sizeof prog / sizeof prog[0]];
    for (unsigned i = 0; i < sizeof prog / sizeof prog[0]; i++) p[i] = prog[i];
    p[1].imm = 4000000 * scale;
    uint32_t regs[8] = { 0 };
    uint64_t v = run(p, regs);
    bench_result("interp", v << 32 | regs[7]);
    return 0;
}

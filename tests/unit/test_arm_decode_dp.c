/*
 * The ARM front end's core and data-processing families: every listed
 * encoding (A32, T32, T16; taken from the armhf assembler's output)
 * decodes to well-formed IR, and a small IR evaluator (test-only; it
 * knows every op but memory) runs the IR to check results, flags, Q and
 * GE, conditions, IT blocks and PC writes against the ARM ARM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "target/arm/cpu.h"
#include "target/arm/translate.h"
#include "target/arm/helpers/int-helpers.h"

/* ---- Guest code ---- */

enum { CODE_BASE = 0x10000, CODE_MAX = 256 };
static uint8_t code[CODE_MAX];
static uint32_t code_size;

static bool read_code(uint32_t addr, void *dst, uint32_t size)
{
    if (addr < CODE_BASE || addr + size > CODE_BASE + code_size)
        return false;
    memcpy(dst, code + (addr - CODE_BASE), size);
    return true;
}

static void load_a32(const uint32_t *insns, unsigned n)
{
    memcpy(code, insns, n * 4);
    code_size = n * 4;
}

/* Thumb code as halfwords in memory order (T32: first halfword first). */
static void load_thumb(const uint16_t *hws, unsigned n)
{
    memcpy(code, hws, n * 2);
    code_size = n * 2;
}

/* ---- A tiny IR evaluator ---- */

typedef struct EvalExit {
    uint32_t opc, pc, flags, reason;
} EvalExit;

static IRBlock block;
static uint32_t vals[4096];

static uint32_t rd(ArmCpu *cpu, IRTemp t)
{
    const IRTempInfo *ti = &block.temps[t];
    if (ti->kind == IR_TEMP_CONST)
        return ti->value;
    if (ti->kind == IR_TEMP_GLOBAL)
        return *(uint32_t *)((uint8_t *)cpu + ti->value);
    return vals[t];
}

static void wr(ArmCpu *cpu, IRTemp t, uint32_t v)
{
    const IRTempInfo *ti = &block.temps[t];
    assert_true(ti->kind != IR_TEMP_CONST);
    if (ti->kind == IR_TEMP_GLOBAL)
        *(uint32_t *)((uint8_t *)cpu + ti->value) = v;
    else
        vals[t] = v;
}

static uint32_t mask_of(uint32_t len) { return len >= 32 ? ~0u : (1u << len) - 1; }

static EvalExit eval(ArmCpu *cpu)
{
    assert_true(block.nb_temps < 4096);
    for (uint32_t i = 0; i < block.nb_ops;) {
        const IROp *op = &block.ops[i++];
        const uint32_t *a = op->args;
        const IROpDef *d = ir_def(op);
        uint32_t x = 0, y = 0;
        if (d->nb_in >= 1 && op->opc != IR_exit_indirect && op->opc != IR_call)
            x = rd(cpu, a[d->nb_out]);
        if (d->nb_in >= 2 && op->opc != IR_exit_indirect && op->opc != IR_call)
            y = rd(cpu, a[d->nb_out + 1]);
        uint64_t w;
        switch ((IROpcode)op->opc) {
        case IR_insn_start: case IR_mb: break;
        case IR_mov: wr(cpu, a[0], x); break;
        case IR_add: wr(cpu, a[0], x + y); break;
        case IR_sub: wr(cpu, a[0], x - y); break;
        case IR_mul: wr(cpu, a[0], x * y); break;
        case IR_and: wr(cpu, a[0], x & y); break;
        case IR_or: wr(cpu, a[0], x | y); break;
        case IR_xor: wr(cpu, a[0], x ^ y); break;
        case IR_andc: wr(cpu, a[0], x & ~y); break;
        case IR_shl: wr(cpu, a[0], x << (y & 31)); break;
        case IR_shr: wr(cpu, a[0], x >> (y & 31)); break;
        case IR_sar: wr(cpu, a[0], (uint32_t)((int32_t)x >> (y & 31))); break;
        case IR_rotr: y &= 31; wr(cpu, a[0], y ? (x >> y) | (x << (32 - y)) : x); break;
        case IR_neg: wr(cpu, a[0], -x); break;
        case IR_not: wr(cpu, a[0], ~x); break;
        case IR_ext8s: wr(cpu, a[0], (uint32_t)(int8_t)x); break;
        case IR_ext8u: wr(cpu, a[0], x & 0xff); break;
        case IR_ext16s: wr(cpu, a[0], (uint32_t)(int16_t)x); break;
        case IR_ext16u: wr(cpu, a[0], x & 0xffff); break;
        case IR_bswap32: wr(cpu, a[0], __builtin_bswap32(x)); break;
        case IR_bswap16: wr(cpu, a[0], __builtin_bswap16((uint16_t)x)); break;
        case IR_clz: wr(cpu, a[0], x ? (uint32_t)__builtin_clz(x) : 32); break;
        case IR_extract: wr(cpu, a[0], (x >> a[2]) & mask_of(a[3])); break;
        case IR_sextract: {
            uint32_t v = (x >> a[2]) & mask_of(a[3]);
            uint32_t sh = 32 - a[3];
            wr(cpu, a[0], (uint32_t)((int32_t)(v << sh) >> sh));
            break;
        }
        case IR_deposit: {
            uint32_t m = mask_of(a[4]) << a[3];
            wr(cpu, a[0], (x & ~m) | ((y << a[3]) & m));
            break;
        }
        case IR_mulu2: w = (uint64_t)rd(cpu, a[2]) * rd(cpu, a[3]); goto pair;
        case IR_muls2: w = (uint64_t)((int64_t)(int32_t)rd(cpu, a[2]) * (int32_t)rd(cpu, a[3])); goto pair;
        case IR_add2:
        case IR_sub2: {
            uint64_t p = rd(cpu, a[2]) | (uint64_t)rd(cpu, a[3]) << 32;
            uint64_t q = rd(cpu, a[4]) | (uint64_t)rd(cpu, a[5]) << 32;
            w = op->opc == IR_add2 ? p + q : p - q;
            goto pair;
        }
        pair:
            wr(cpu, a[0], (uint32_t)w);
            wr(cpu, a[1], (uint32_t)(w >> 32));
            break;
        case IR_setcond: wr(cpu, a[0], ir_cond_eval((IRCond)a[3], x, y)); break;
        case IR_movcond: wr(cpu, a[0], ir_cond_eval((IRCond)a[5], x, y) ? rd(cpu, a[3]) : rd(cpu, a[4])); break;
        case IR_call: {
            uint32_t args[4] = { 0 };
            for (int k = 0; k < 4; k++)
                args[k] = a[1 + k] ? rd(cpu, a[1 + k]) : 0;
            uint32_t r = op->helper->fn(cpu, args[0], args[1], args[2], args[3]);
            if (a[0])
                wr(cpu, a[0], r);
            break;
        }
        case IR_label: break;
        case IR_br:
        case IR_brcond: {
            uint32_t label = op->opc == IR_br ? a[0] : a[3];
            if (op->opc == IR_brcond && !ir_cond_eval((IRCond)a[2], x, y))
                break;
            for (i = 0; i < block.nb_ops; i++)
                if (block.ops[i].opc == IR_label && block.ops[i].args[0] == label)
                    break;
            assert_true(i < block.nb_ops);
            break;
        }
        case IR_discard: break;   /* the value stays; nobody reads it */
        case IR_exit_direct: return (EvalExit){ op->opc, a[0], a[1], 0 };
        case IR_exit_indirect: return (EvalExit){ op->opc, rd(cpu, a[0]), rd(cpu, a[1]), 0 };
        case IR_exit_helper: return (EvalExit){ op->opc, a[1], a[2], a[0] };
        default: fail_msg("op %s not evaluable", d->name);
        }
    }
    fail_msg("fell off the end of the block");
    return (EvalExit){ 0 };
}

static EvalExit run(ArmCpu *cpu, uint32_t flags)
{
    assert_true(arm_translate(&cpu->common, CODE_BASE, flags, &block));
    const char *err = ir_verify(&block);
    if (err) {
        ir_print(stderr, &block);
        fail_msg("IR does not verify: %s", err);
    }
    return eval(cpu);
}

static void cpu_reset(ArmCpu *cpu)
{
    memset(cpu, 0, sizeof(*cpu));
    cpu->ZF = 1; /* Z clear */
}

static void set_nzcv(ArmCpu *cpu, unsigned nzcv) { arm_cpsr_write_nzcvq(cpu, nzcv << 28); }
static unsigned get_nzcv(const ArmCpu *cpu) { return arm_cpsr_read(cpu) >> 28; }

/* ---- Decode coverage ---- */

static const uint32_t a32_all[] = {
    0xe0910002, 0xe0510002, 0xe1b00081, 0xe1b00231, 0xe1b00251, 0xe1b00271, 0xe1b00061, 0xe3a00001,
    0x02800001, 0xe3011234, 0xe34a1bcd, 0xe0810392, 0xe0e10392, 0xe7504332, 0xe710f211, 0xe730f211,
    0xe1020051, 0xe6110f12, 0xe6810fb2, 0xe6610ff2, 0xe780f211, 0xe7a70251, 0xe7e70251, 0xe7cb0411,
    0xe7c3001f, 0xe6bf0f31, 0xe6bf0fb1, 0xe6ff0fb1, 0xe6ff0f31, 0xe16f0f11, 0xe6810472, 0xe6f10072,
    0xe10f0000, 0xe128f000, 0xe324f80f, 0xe280f000, 0xe1003281, 0xe7003211, 0xe6a70011, 0xe6e80151,
    0xe6810852, 0xe0c10002, 0xe0e10002, 0xe0b10002, 0xe0203291, 0xe0603291, 0xe12002a1, 0xe0410392,
    0xe320f000, /* nop */
};

/* T32 as (first << 16 | second), T16 as the halfword. */
static const uint32_t thumb_all[] = {
    0x2800, 0xbf0c, 0x2101, 0x3101, 0xf11110ff, 0xea4100c2, 0xea5f2031, 0x0048, 0x4248, 0x4348,
    0xa001, 0xf20f0000, 0x4408, 0xfa51f002, 0xf2412034, 0xf6ca30cd, 0xfbb1f0f2, 0xfb820103,
    0xfa3ff081, 0xb208, 0xba48, 0xfa91f0a1, 0xfab1f081, 0xf361200b, 0xf3c100c4, 0xf3210007,
    0xf3810008, 0xfa82f0a1, 0xfa81f062, 0xfae1f022, 0xf3ef8000, 0xf3808800, 0xf0100f01,
    0xebb00f81, 0xea6f0001, 0xf06100ff, 0xf60170ff, 0xf2ad0004, 0xb002, 0xb082, 0xa804, 0x46f7,
    0x4487, 0xfb113022, 0xeac14002, 0xfb713002, 0xfbe20163, 0xfb613002, 0xfbd201c3, 0xf3411007,
    0xbf00, 0xf3af8000,
};

static bool block_has_undef(void)
{
    for (uint32_t i = 0; i < block.nb_ops; i++)
        if (block.ops[i].opc == IR_exit_helper && block.ops[i].args[0] == ARM_EXIT_UNDEF)
            return true;
    return false;
}

static void test_a32_all_decode(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    for (size_t i = 0; i < sizeof(a32_all) / sizeof(a32_all[0]); i++) {
        load_a32(&a32_all[i], 1);
        assert_true(arm_translate(&cpu.common, CODE_BASE, 0, &block));
        assert_null(ir_verify(&block));
        if (block_has_undef())
            fail_msg("A32 %08x does not decode", a32_all[i]);
    }
}

static void test_thumb_all_decode(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    for (size_t i = 0; i < sizeof(thumb_all) / sizeof(thumb_all[0]); i++) {
        uint32_t e = thumb_all[i];
        uint16_t hw[2] = { (uint16_t)(e >> 16), (uint16_t)e };
        if (e >> 16)
            load_thumb(hw, 2);
        else
            load_thumb(&hw[1], 1);
        assert_true(arm_translate(&cpu.common, CODE_BASE, ARM_FLAG_THUMB, &block));
        assert_null(ir_verify(&block));
        if (block_has_undef())
            fail_msg("Thumb %08x does not decode", e);
    }
}

static void test_undefined(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    static const uint32_t udf = 0xe7f000f0;
    load_a32(&udf, 1);
    EvalExit e = run(&cpu, 0);
    assert_int_equal(e.opc, IR_exit_helper);
    assert_int_equal(e.reason, ARM_EXIT_UNDEF);
    assert_int_equal(e.pc, CODE_BASE);
    static const uint16_t t16_udf = 0xde00;
    load_thumb(&t16_udf, 1);
    e = run(&cpu, ARM_FLAG_THUMB);
    assert_int_equal(e.reason, ARM_EXIT_UNDEF);
    assert_int_equal(e.flags, ARM_FLAG_THUMB);
    /* Unreadable code at the TU's start: translate reports it. */
    code_size = 0;
    assert_false(arm_translate(&cpu.common, CODE_BASE, 0, &block));
}

/* ---- Semantics ---- */

/* Runs one A32 instruction; returns the exit. */
static EvalExit run_a32(ArmCpu *cpu, uint32_t insn)
{
    load_a32(&insn, 1);
    return run(cpu, 0);
}

static EvalExit run_t(ArmCpu *cpu, uint32_t e)
{
    uint16_t hw[2] = { (uint16_t)(e >> 16), (uint16_t)e };
    if (e >> 16)
        load_thumb(hw, 2);
    else
        load_thumb(&hw[1], 1);
    return run(cpu, ARM_FLAG_THUMB);
}

static void test_add_sub_flags(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    cpu.regs[1] = 0xffffffff, cpu.regs[2] = 1;
    EvalExit e = run_a32(&cpu, 0xe0910002); /* adds r0, r1, r2 */
    assert_int_equal(e.opc, IR_exit_direct);
    assert_int_equal(e.pc, CODE_BASE + 4);
    assert_int_equal(cpu.regs[0], 0);
    assert_int_equal(get_nzcv(&cpu), 0x6); /* Z C */
    cpu.regs[1] = 0x7fffffff;
    run_a32(&cpu, 0xe0910002);
    assert_int_equal(cpu.regs[0], 0x80000000);
    assert_int_equal(get_nzcv(&cpu), 0x9); /* N V */
    cpu.regs[1] = 5, cpu.regs[2] = 7;
    run_a32(&cpu, 0xe0510002); /* subs r0, r1, r2 */
    assert_int_equal(cpu.regs[0], (uint32_t)-2);
    assert_int_equal(get_nzcv(&cpu), 0x8); /* N, borrow: C clear */
    cpu.regs[1] = 0x80000000, cpu.regs[2] = 1;
    run_a32(&cpu, 0xe0510002);
    assert_int_equal(get_nzcv(&cpu), 0x3); /* C V */
    /* adcs with C set: 1 + 0xffffffff + 1 */
    set_nzcv(&cpu, 0x2);
    cpu.regs[1] = 1, cpu.regs[2] = 0xffffffff;
    run_a32(&cpu, 0xe0b10002);
    assert_int_equal(cpu.regs[0], 1);
    assert_int_equal(get_nzcv(&cpu), 0x2);
    /* sbc with C clear: 10 - 3 - 1; rsc: 3 - 10 - 1 */
    set_nzcv(&cpu, 0);
    cpu.regs[1] = 10, cpu.regs[2] = 3;
    run_a32(&cpu, 0xe0c10002);
    assert_int_equal(cpu.regs[0], 6);
    run_a32(&cpu, 0xe0e10002);
    assert_int_equal(cpu.regs[0], (uint32_t)-8);
}

/* Flag copies: movs from a local temp into NF/ZF/CF/VF. */
static unsigned flag_copies(void)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < block.nb_ops; i++) {
        const IROp *op = &block.ops[i];
        IRTemp d = op->args[0], v = op->args[1];
        n += op->opc == IR_mov && d >= ir_global(&block, ARM_G_NF) && d <= ir_global(&block, ARM_G_VF) &&
             block.temps[v].kind == IR_TEMP_LOCAL;
    }
    return n;
}

/* A cold unit computes the flags in place (the op that computes a flag
 * writes it; only NF is a copy, of ZF; adc's two-output add2 keeps its
 * temps); a hot one keeps temps for its passes. Both give the same
 * results, also when the destination is an operand (the operands are
 * read before anything is written). */
static void test_flags_in_place(void **state)
{
    static const uint32_t insns[] = {
        0xe0511002, /* subs r1, r1, r2 */
        0xe0912001, /* adds r2, r1, r1 */
        0xe0b11002, /* adcs r1, r1, r2 */
        0xe0111002, /* ands r1, r1, r2 */
        0xe1510002, /* cmp r1, r2 */
    };
    static const uint32_t vals[][2] = { { 5, 7 }, { 0x80000000, 1 }, { 0xffffffff, 1 }, { 0, 0 } };
    for (size_t i = 0; i < sizeof(insns) / sizeof(insns[0]); i++) {
        for (size_t v = 0; v < sizeof(vals) / sizeof(vals[0]); v++) {
            ArmCpu cpu[2];
            unsigned copies[2];
            for (int hot = 0; hot < 2; hot++) {
                cpu_reset(&cpu[hot]);
                set_nzcv(&cpu[hot], 0x2);
                cpu[hot].regs[1] = vals[v][0], cpu[hot].regs[2] = vals[v][1];
                block.hot = hot;
                run_a32(&cpu[hot], insns[i]);
                copies[hot] = flag_copies();
            }
            block.hot = false;
            bool adc = insns[i] == 0xe0b11002;
            assert_int_equal(copies[0], adc ? 3 : 0); /* N, Z, C from add2 */
            assert_true(copies[1] >= 2);
            assert_memory_equal(cpu[0].regs, cpu[1].regs, sizeof(cpu[0].regs));
            assert_int_equal(get_nzcv(&cpu[0]), get_nzcv(&cpu[1]));
        }
    }
}

static void test_shifts(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    cpu.regs[1] = 0x80000001;
    run_a32(&cpu, 0xe1b00081); /* lsls r0, r1, #1 */
    assert_int_equal(cpu.regs[0], 2);
    assert_int_equal(get_nzcv(&cpu), 0x2);
    static const struct { uint32_t insn, x, n, r; unsigned c; } cases[] = {
        { 0xe1b00231, 0x80000000, 32, 0, 1 },          /* lsrs by 32: C = bit 31 */
        { 0xe1b00231, 0x80000000, 33, 0, 0 },
        { 0xe1b00231, 0x80000000, 0x100, 0x80000000, 1 }, /* count is the low byte: 0, C kept */
        { 0xe1b00231, 0x00000003, 1, 1, 1 },
        { 0xe1b00251, 0x80000000, 40, 0xffffffff, 1 },  /* asrs by 40 */
        { 0xe1b00251, 0x40000000, 31, 0, 1 },
        { 0xe1b00271, 0x80000001, 32, 0x80000001, 1 },  /* rors by 32: C = bit 31 */
        { 0xe1b00271, 0x00000002, 2, 0x80000000, 1 },
        { 0xe1b00061, 0x00000003, 0, 0x80000001, 1 },   /* rrxs with C set */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        set_nzcv(&cpu, 0x2);
        cpu.regs[1] = cases[i].x, cpu.regs[2] = cases[i].n;
        run_a32(&cpu, cases[i].insn);
        assert_int_equal(cpu.regs[0], cases[i].r);
        assert_int_equal(cpu.CF, cases[i].c);
    }
    /* lsl by register, count 32: result 0, C = bit 0 */
    set_nzcv(&cpu, 0);
    cpu.regs[1] = 1, cpu.regs[2] = 32;
    run_a32(&cpu, 0xe1b00211); /* lsls r0, r1, r2 */
    assert_int_equal(cpu.regs[0], 0);
    assert_int_equal(get_nzcv(&cpu), 0x6);
}

/* Every condition against a reference written from the ARM ARM's table. */
static void test_conditions(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    for (unsigned cond = 0; cond < 15; cond++) {
        for (unsigned nzcv = 0; nzcv < 16; nzcv++) {
            bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, v = nzcv & 1;
            bool want[15] = { z, !z, c, !c, n, !n, v, !v, c && !z, !c || z, n == v, n != v,
                              !z && n == v, z || n != v, true };
            set_nzcv(&cpu, nzcv);
            cpu.regs[0] = 0;
            run_a32(&cpu, cond << 28 | 0x03a00001); /* mov<cond> r0, #1 */
            if (cpu.regs[0] != want[cond])
                fail_msg("cond %u nzcv %x: got %u", cond, nzcv, cpu.regs[0]);
            assert_int_equal(get_nzcv(&cpu), nzcv);
        }
    }
}

static void test_pc_writes(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    cpu.regs[0] = 0x2001;
    EvalExit e = run_a32(&cpu, 0xe280f000); /* add pc, r0, #0: interworking */
    assert_int_equal(e.opc, IR_exit_indirect);
    assert_int_equal(e.pc, 0x2000);
    assert_int_equal(e.flags, ARM_FLAG_THUMB);
    cpu.regs[0] = 0x2006;
    e = run_a32(&cpu, 0xe280f000);
    assert_int_equal(e.pc, 0x2004);
    assert_int_equal(e.flags, 0);
    /* Conditional branch not taken: falls through to the next insn. */
    set_nzcv(&cpu, 0);
    e = run_a32(&cpu, 0x0280f000); /* addeq pc, r0, #0 */
    assert_int_equal(e.opc, IR_exit_direct);
    assert_int_equal(e.pc, CODE_BASE + 4);
    /* T16 mov pc, lr and add pc, r0 */
    cpu.regs[14] = 0x3001;
    e = run_t(&cpu, 0x46f7);
    assert_int_equal(e.pc, 0x3000);
    assert_int_equal(e.flags, ARM_FLAG_THUMB);
    cpu.regs[0] = 0x10;
    e = run_t(&cpu, 0x4487);
    assert_int_equal(e.pc, CODE_BASE + 4 + 0x10);
}

static void test_it_block(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    /* cmp r0,#0; ite eq; moveq r1,#1; movne r1,#2; it eq; addeq r1,#1 */
    static const uint16_t prog[] = { 0x2800, 0xbf0c, 0x2101, 0x2102, 0xbf08, 0x3101 };
    load_thumb(prog, 6);
    cpu.regs[0] = 0;
    EvalExit e = run(&cpu, ARM_FLAG_THUMB);
    assert_int_equal(cpu.regs[1], 2);
    assert_int_equal(e.pc, CODE_BASE + 12);
    assert_int_equal(e.flags, ARM_FLAG_THUMB);
    /* The movs inside the IT block did not set flags: Z still set. */
    assert_int_equal(get_nzcv(&cpu), 0x6);
    cpu.regs[0] = 5;
    run(&cpu, ARM_FLAG_THUMB);
    assert_int_equal(cpu.regs[1], 2);
    /* A TU starting inside an IT block (ITSTATE in flags): the "else" slot. */
    set_nzcv(&cpu, 0x4);
    cpu.regs[1] = 0;
    load_thumb(&prog[3], 1);
    run(&cpu, ARM_FLAG_THUMB | (0x18u << ARM_FLAG_IT_SHIFT)); /* ITE EQ's second slot: NE */
    assert_int_equal(cpu.regs[1], 0);
    /* Outside IT blocks T16 sets flags: movs r1, #0 */
    static const uint16_t movs0 = 0x2100;
    load_thumb(&movs0, 1);
    set_nzcv(&cpu, 0);
    run(&cpu, ARM_FLAG_THUMB);
    assert_int_equal(get_nzcv(&cpu), 0x4);
}

static void test_t32_dp(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    cpu.regs[1] = 1;
    run_t(&cpu, 0xf11110ff); /* adds.w r0, r1, #0x00ff00ff */
    assert_int_equal(cpu.regs[0], 0x00ff0100);
    cpu.regs[1] = 1, cpu.regs[2] = 2;
    run_t(&cpu, 0xea4100c2); /* orr.w r0, r1, r2, lsl #3 */
    assert_int_equal(cpu.regs[0], 17);
    cpu.regs[1] = 0x80;
    run_t(&cpu, 0xea5f2031); /* movs.w r0, r1, ror #8 */
    assert_int_equal(cpu.regs[0], 0x80000000);
    assert_int_equal(get_nzcv(&cpu) & 0xa, 0xa); /* N, C = bit 31 */
    run_t(&cpu, 0xf06100ff); /* orn r0, r1, #255 */
    assert_int_equal(cpu.regs[0], 0xffffff80 | 0x80);
    run_t(&cpu, 0xf2412034); /* movw r0, #0x1234 */
    run_t(&cpu, 0xf6ca30cd); /* movt r0, #0xabcd */
    assert_int_equal(cpu.regs[0], 0xabcd1234);
    run_t(&cpu, 0xf20f0000); /* adr.w r0, . + 4 (aligned) */
    assert_int_equal(cpu.regs[0], CODE_BASE + 4);
    run_t(&cpu, 0xa001); /* adr r0, Align(pc,4) + 4 */
    assert_int_equal(cpu.regs[0], CODE_BASE + 8);
    cpu.regs[0] = 4, cpu.regs[1] = 1;
    run_t(&cpu, 0xebb00f81); /* cmp.w r0, r1, lsl #2 */
    assert_int_equal(get_nzcv(&cpu), 0x6);
    cpu.regs[1] = 5;
    run_t(&cpu, 0x4248); /* negs r0, r1 */
    assert_int_equal(cpu.regs[0], (uint32_t)-5);
    cpu.regs[0] = 6;
    run_t(&cpu, 0x4348); /* muls r0, r1, r0 */
    assert_int_equal(cpu.regs[0], 30);
}

static void test_multiply_divide(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    cpu.regs[2] = 0xffffffff, cpu.regs[3] = 0xffffffff;
    run_a32(&cpu, 0xe0810392); /* umull r0, r1, r2, r3 */
    assert_int_equal(cpu.regs[0], 1);
    assert_int_equal(cpu.regs[1], 0xfffffffe);
    cpu.regs[0] = 5, cpu.regs[1] = 0;
    run_a32(&cpu, 0xe0e10392); /* smlal: 5 + (-1 * -1) */
    assert_int_equal(cpu.regs[0], 6);
    assert_int_equal(cpu.regs[1], 0);
    cpu.regs[0] = 1, cpu.regs[1] = 2, cpu.regs[2] = 0xffffffff, cpu.regs[3] = 0xffffffff;
    run_a32(&cpu, 0xe0410392); /* umaal: max product + 1 + 2 */
    assert_int_equal(cpu.regs[0], 4);
    assert_int_equal(cpu.regs[1], 0xfffffffe);
    cpu.regs[1] = 7, cpu.regs[2] = 0;
    run_a32(&cpu, 0xe710f211); /* sdiv by 0 */
    assert_int_equal(cpu.regs[0], 0);
    cpu.regs[1] = 0x80000000, cpu.regs[2] = 0xffffffff;
    run_a32(&cpu, 0xe710f211);
    assert_int_equal(cpu.regs[0], 0x80000000);
    cpu.regs[1] = (uint32_t)-7, cpu.regs[2] = 2;
    run_a32(&cpu, 0xe710f211);
    assert_int_equal(cpu.regs[0], (uint32_t)-3);
    run_a32(&cpu, 0xe730f211); /* udiv */
    assert_int_equal(cpu.regs[0], 0x7ffffffc);
    cpu.regs[2] = 0x40000000, cpu.regs[3] = 2, cpu.regs[4] = 1;
    run_a32(&cpu, 0xe7504332); /* smmlar r0, r2, r3, r4: (1<<32 + 2^31 + 2^31) >> 32 */
    assert_int_equal(cpu.regs[0], 2);
    cpu.regs[1] = 3, cpu.regs[2] = 4, cpu.regs[3] = 5;
    run_a32(&cpu, 0xe0603291); /* mls: 5 - 12 */
    assert_int_equal(cpu.regs[0], (uint32_t)-7);
    /* smlabb overflow sets Q */
    cpu.QF = 0;
    cpu.regs[1] = 0x7fff, cpu.regs[2] = 0x7fff, cpu.regs[3] = 0x7fffffff;
    run_a32(&cpu, 0xe1003281);
    assert_int_not_equal(cpu.QF, 0);
    /* smlad: 0x8000*0x8000 twice overflows, but -1 brings it back: no Q */
    cpu.QF = 0;
    cpu.regs[1] = 0x80008000, cpu.regs[2] = 0x80008000, cpu.regs[3] = 0xffffffff;
    run_a32(&cpu, 0xe7003211);
    assert_int_equal(cpu.regs[0], 0x7fffffff);
    assert_int_equal(cpu.QF, 0);
    cpu.regs[1] = 0x10000, cpu.regs[2] = 0xffff8000;
    run_a32(&cpu, 0xe12002a1); /* smulwb: (0x10000 * -0x8000) >> 16 */
    assert_int_equal(cpu.regs[0], (uint32_t)-0x8000);
}

/* UADD8 and SEL are inline IR (not the helper): compare with the
 * helper's lane-by-lane definition on many values, and every GE for SEL. */
static void test_uadd8_uqsub8_sel_inline(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    uint32_t x = 0x12345678;
    for (unsigned i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        uint32_t a = x, b = x * 0x9e3779b9u;
        if (i % 4 == 1)
            b = 0xffffffffu;   /* glibc's strlen: uadd8 with -1 */
        else if (i % 4 == 2)
            a &= 0x80ff7f00u;
        cpu.regs[1] = a, cpu.regs[2] = b;
        run_a32(&cpu, 0xe6510f92); /* uadd8 r0, r1, r2 */
        uint32_t ge;
        uint32_t want = arm_parallel(a, b, ARM_PAR_CODE(ARM_PAR_U, ARM_PAR_ADD8), &ge);
        assert_int_equal(cpu.regs[0], want);
        assert_int_equal(cpu.GE, ge);
    }
    /* uqsub8: lanes equal, larger, smaller, at 0x00/0x7f/0x80/0xff. */
    static const uint8_t edge[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff };
    for (unsigned i = 0; i < 3000; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        uint32_t a = x, b = x * 0x9e3779b9u;
        if (i % 3 == 1)
            a = edge[x % 7] | edge[(x >> 3) % 7] << 8 | edge[(x >> 6) % 7] << 16 | edge[(x >> 9) % 7] << 24,
            b = edge[(x >> 12) % 7] | edge[(x >> 15) % 7] << 8 | edge[(x >> 18) % 7] << 16 | edge[(x >> 21) % 7] << 24;
        cpu.regs[1] = a, cpu.regs[2] = b;
        cpu.GE = 5;
        run_a32(&cpu, 0xe6610ff2); /* uqsub8 r0, r1, r2 */
        uint32_t ge;
        assert_int_equal(cpu.regs[0], arm_parallel(a, b, ARM_PAR_CODE(ARM_PAR_UQ, ARM_PAR_SUB8), &ge));
        assert_int_equal(cpu.GE, 5); /* untouched */
    }
    for (uint32_t ge = 0; ge < 16; ge++) {
        cpu.GE = ge;
        cpu.regs[1] = 0x11223344, cpu.regs[2] = 0xaabbccdd;
        run_a32(&cpu, 0xe6810fb2); /* sel r0, r1, r2 */
        uint32_t want = 0;
        for (unsigned i = 0; i < 4; i++)
            want |= ((ge >> i) & 1 ? 0x11223344u : 0xaabbccddu) & (0xffu << (8 * i));
        assert_int_equal(cpu.regs[0], want);
    }
}

static void test_media(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    cpu.regs[1] = 0x7fffffff, cpu.regs[2] = 1;
    run_a32(&cpu, 0xe1020051); /* qadd */
    assert_int_equal(cpu.regs[0], 0x7fffffff);
    assert_int_not_equal(arm_cpsr_read(&cpu) & (1u << 27), 0);
    cpu.regs[1] = 0x0001ffff, cpu.regs[2] = 0x00010001;
    run_a32(&cpu, 0xe6110f12); /* sadd16: lanes 0 and 2 */
    assert_int_equal(cpu.regs[0], 0x00020000);
    assert_int_equal(cpu.GE, 0xf);
    cpu.GE = 0x3;
    cpu.regs[1] = 0x11223344, cpu.regs[2] = 0xaabbccdd;
    run_a32(&cpu, 0xe6810fb2); /* sel */
    assert_int_equal(cpu.regs[0], 0xaabb3344);
    cpu.regs[1] = 0x10203040, cpu.regs[2] = 0x20102050;
    run_a32(&cpu, 0xe6610ff2); /* uqsub8 */
    assert_int_equal(cpu.regs[0], 0x00101000);
    run_a32(&cpu, 0xe780f211); /* usad8 */
    assert_int_equal(cpu.regs[0], 0x10 + 0x10 + 0x10 + 0x10);
    cpu.regs[1] = 0x00000f00;
    run_a32(&cpu, 0xe6a70011); /* ssat r0, #8, r1 */
    assert_int_equal(cpu.regs[0], 127);
    cpu.regs[1] = 0xfffff000;
    run_a32(&cpu, 0xe6e80151); /* usat r0, #8, r1, asr #2 */
    assert_int_equal(cpu.regs[0], 0);
    cpu.regs[1] = 0x12345678;
    run_a32(&cpu, 0xe7a70251); /* sbfx r0, r1, #4, #8 */
    assert_int_equal(cpu.regs[0], 0x67);
    cpu.regs[1] = 0x00000f80;
    run_a32(&cpu, 0xe7a70251);
    assert_int_equal(cpu.regs[0], 0xfffffff8);
    cpu.regs[0] = 0xffffffff, cpu.regs[1] = 0x5;
    run_a32(&cpu, 0xe7cb0411); /* bfi r0, r1, #8, #4 */
    assert_int_equal(cpu.regs[0], 0xfffff5ff);
    run_a32(&cpu, 0xe7c3001f); /* bfc r0, #0, #4 */
    assert_int_equal(cpu.regs[0], 0xfffff5f0);
    cpu.regs[1] = 0x11223380;
    run_a32(&cpu, 0xe6bf0f31);
    assert_int_equal(cpu.regs[0], 0x80332211);
    run_a32(&cpu, 0xe6bf0fb1); /* rev16 */
    assert_int_equal(cpu.regs[0], 0x22118033);
    run_a32(&cpu, 0xe6ff0fb1); /* revsh */
    assert_int_equal(cpu.regs[0], 0xffff8033);
    cpu.regs[1] = 1;
    run_a32(&cpu, 0xe6ff0f31); /* rbit */
    assert_int_equal(cpu.regs[0], 0x80000000);
    run_a32(&cpu, 0xe16f0f11); /* clz */
    assert_int_equal(cpu.regs[0], 31);
    cpu.regs[1] = 0x00010001, cpu.regs[2] = 0x80ff0000;
    run_a32(&cpu, 0xe6810472); /* sxtab16 r0, r1, r2, ror #8 */
    assert_int_equal(cpu.regs[0], 0xff810001);
    cpu.regs[1] = 0x12345678, cpu.regs[2] = 0x8765abcd;
    run_a32(&cpu, 0xe6810852); /* pkhtb r0, r1, r2, asr #16 */
    assert_int_equal(cpu.regs[0], 0x12348765);
}

static void test_status_registers(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    set_nzcv(&cpu, 0xa);
    cpu.QF = 1, cpu.GE = 0x5;
    run_a32(&cpu, 0xe10f0000); /* mrs r0, apsr */
    assert_int_equal(cpu.regs[0], 0xa8050010);
    cpu.regs[0] = 0x50000000;
    run_a32(&cpu, 0xe128f000); /* msr apsr_nzcvq, r0 */
    assert_int_equal(get_nzcv(&cpu), 0x5);
    assert_int_equal(cpu.QF, 0);
    assert_int_equal(cpu.GE, 0x5);
    run_a32(&cpu, 0xe324f80f); /* msr apsr_g, #0xf0000 */
    assert_int_equal(cpu.GE, 0xf);
    run_t(&cpu, 0xf3ef8000); /* mrs (T32) */
    assert_int_equal(cpu.regs[0], 0x500f0010);
}

static void test_cpu_models(void **state)
{
    assert_non_null(arm_cpu_model_find("cortex-a7"));
    assert_non_null(arm_cpu_model_find("cortex-a15"));
    assert_non_null(arm_cpu_model_find("max"));
    assert_null(arm_cpu_model_find("pentium"));
    assert_int_equal(arm_cpu_model_find("cortex-a7")->midr, 0x410fc075);
    assert_int_not_equal(arm_cpu_model_default()->hwcap & (1u << 17), 0); /* IDIVA */
    ArmCpu cpu;
    cpu_reset(&cpu);
    arm_cpsr_write_nzcvq(&cpu, 0xf8000000);
    assert_int_equal(arm_cpsr_read(&cpu), 0xf8000010);
}

/* Random encodings (a fixed xorshift sequence): translation never crashes
 * and always yields verified IR ending in an exit. */
static void test_random_encodings_verify(void **state)
{
    ArmCpu cpu;
    cpu_reset(&cpu);
    uint32_t x = 0x12345678;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        uint32_t w[2] = { x, x * 2654435761u };
        memcpy(code, w, 8);
        code_size = 8;
        uint32_t flags = (i & 1) ? ARM_FLAG_THUMB : 0;
        if (i % 7 == 3) /* sometimes inside an IT block */
            flags = ARM_FLAG_THUMB | (((x >> 8) & 0xef) | 0x08) << ARM_FLAG_IT_SHIFT;
        assert_true(arm_translate(&cpu.common, CODE_BASE, flags, &block));
        const char *err = ir_verify(&block);
        if (err)
            fail_msg("%08x (flags %x): %s", x, flags, err);
    }
}

static int setup(void **state)
{
    tcg_read_code = read_code;
    ir_block_init(&block, arm_guest.globals, arm_guest.nb_globals);
    return 0;
}

static int teardown(void **state)
{
    ir_block_free(&block);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a32_all_decode),
        cmocka_unit_test(test_thumb_all_decode),
        cmocka_unit_test(test_undefined),
        cmocka_unit_test(test_add_sub_flags),
        cmocka_unit_test(test_flags_in_place),
        cmocka_unit_test(test_shifts),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_pc_writes),
        cmocka_unit_test(test_it_block),
        cmocka_unit_test(test_t32_dp),
        cmocka_unit_test(test_multiply_divide),
        cmocka_unit_test(test_media),
        cmocka_unit_test(test_uadd8_uqsub8_sel_inline),
        cmocka_unit_test(test_status_registers),
        cmocka_unit_test(test_cpu_models),
        cmocka_unit_test(test_random_encodings_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * Dead flags across translation units (target/arm/translate-lookahead.c):
 * which of NF/ZF/CF/VF the code at a target may read before writing,
 * and the discard ops arm_translate puts before its direct exits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "target/arm/cpu.h"
#include "target/arm/translate.h"
#include "tcg/opt/opt.h"

enum { CODE_BASE = 0x10000, CODE_MAX = 64 };
enum { NFb = 1, ZFb = 2, CFb = 4, VFb = 8, ALL = 15 };
static uint8_t code[CODE_MAX];
static uint32_t code_size;

static bool read_code(uint32_t addr, void *dst, uint32_t size)
{
    if (addr < CODE_BASE || addr + size > CODE_BASE + code_size)
        return false;
    memcpy(dst, code + (addr - CODE_BASE), size);
    return true;
}

static void load_thumb(const uint16_t *hws, unsigned n)
{
    memcpy(code, hws, n * 2);
    code_size = n * 2;
}

#define LIVE(...)                                                                    \
    ({                                                                               \
        static const uint16_t hw_[] = { __VA_ARGS__ };                               \
        load_thumb(hw_, sizeof(hw_) / sizeof(hw_[0]));                               \
        arm_flags_live_at(CODE_BASE, ARM_FLAG_THUMB);                                \
    })

static void test_live_in(void **state)
{
    /* cmp r0, r1 writes all four */
    assert_int_equal(LIVE(0x4288, 0x4770), 0);
    /* movs r0, #1 writes N and Z; bx lr leaves: C and V stay live */
    assert_int_equal(LIVE(0x2001, 0x4770), CFb | VFb);
    /* it eq; moveq r0, #1; cmp r0, r1: the condition reads Z */
    assert_int_equal(LIVE(0xbf08, 0x2001, 0x4288, 0x4770), ZFb);
    /* bne first: the branch's exits count as reads of everything */
    assert_int_equal(LIVE(0xd1fd, 0x4288), ALL);
    /* unreadable code: everything is live */
    code_size = 0;
    assert_int_equal(arm_flags_live_at(CODE_BASE, ARM_FLAG_THUMB), ALL);
    /* b +0 (to the cmp two halfwords on): followed through the branch */
    assert_int_equal(LIVE(0xe000, 0xbf00, 0x4288, 0x4770), 0);
    /* a guest load before the cmp is not a read */
    assert_int_equal(LIVE(0x6808, 0x4288, 0x4770), 0);  /* ldr r0, [r1]; cmp */
}

static unsigned discards_before_exit_to(const IRBlock *b, uint32_t pc)
{
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        if (b->ops[i].opc != IR_exit_direct || b->ops[i].args[0] != pc)
            continue;
        unsigned mask = 0;
        for (uint32_t k = i; k-- > 0 && b->ops[k].opc == IR_discard;)
            mask |= 1u << (b->ops[k].args[0] - ir_global(b, ARM_G_NF));
        return mask;
    }
    fail_msg("no exit to 0x%x", pc);
    return 0;
}

/* subs r0, #1; bne start: the back edge's target overwrites all flags;
 * the fall-through (unreadable here) keeps them. */
static void test_loop_exit_discards(void **state)
{
    static const uint16_t loop[] = { 0x3801, 0xd1fd };
    load_thumb(loop, 2);
    IRBlock b;
    ir_block_init(&b, arm_guest.globals, arm_guest.nb_globals);
    b.hot = true;   /* lookahead and side exits are for hot code */
    assert_true(arm_translate(NULL, CODE_BASE, ARM_FLAG_THUMB, &b));
    assert_null(ir_verify(&b));
    assert_int_equal(discards_before_exit_to(&b, CODE_BASE), ALL);
    assert_int_equal(discards_before_exit_to(&b, CODE_BASE + 4), 0);
    ir_block_free(&b);
}

static unsigned count_ops(const IRBlock *b, IROpcode opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < b->nb_ops; i++)
        n += b->ops[i].opc == opc;
    return n;
}

/* Conditional branches leave through side exits at the end of the TU and
 * translation goes on; after ARM_MAX_SIDE_EXITS of them the next one ends
 * the TU with both exits. The lookahead's short translations never use
 * side exits. */
static void test_side_exits(void **state)
{
    uint16_t hw[ARM_MAX_SIDE_EXITS + 3];
    for (unsigned i = 0; i < ARM_MAX_SIDE_EXITS + 2; i++)
        hw[i] = 0xd040;                 /* beq .+0x84, past the unit */
    hw[ARM_MAX_SIDE_EXITS + 2] = 0x4770;
    load_thumb(hw, ARM_MAX_SIDE_EXITS + 3);
    IRBlock b;
    ir_block_init(&b, arm_guest.globals, arm_guest.nb_globals);
    b.hot = true;   /* lookahead and side exits are for hot code */
    assert_true(arm_translate(NULL, CODE_BASE, ARM_FLAG_THUMB, &b));
    assert_null(ir_verify(&b));
    assert_int_equal(b.nb_insns, ARM_MAX_SIDE_EXITS + 1);
    /* 8 side exits, then the 9th branch's two exits */
    assert_int_equal(count_ops(&b, IR_exit_direct), ARM_MAX_SIDE_EXITS + 2);
    /* every side exit goes to its own branch's target (the helper fails
     * the test if there is no exit to that pc) */
    for (unsigned i = 0; i < ARM_MAX_SIDE_EXITS; i++)
        (void)discards_before_exit_to(&b, CODE_BASE + 2 * i + 0x84);
    assert_true(arm_translate_insns(&b, CODE_BASE, ARM_FLAG_THUMB, 8));
    assert_int_equal(b.nb_insns, 1);
    ir_block_free(&b);
}

/* An unconditional B back to an instruction already in the unit (not
 * its start) loops inside it: a label and an exit_check go in front of
 * that instruction and the B becomes a br there. A conditional branch
 * back there stays a side exit that leaves the unit.
 *   0: movs r1, #0;  2: adds r1, #1;  4: cmp r1, r0;  6: bne 2;
 *   8: subs r0, #1;  a: b 2 */
static void test_loop_heads(void **state)
{
    static const uint16_t code[] = { 0x2100, 0x3101, 0x4281, 0xd1fc, 0x3801, 0xe7fa };
    load_thumb(code, 6);
    IRBlock b;
    ir_block_init(&b, arm_guest.globals, arm_guest.nb_globals);
    b.hot = true;
    assert_true(arm_translate(NULL, CODE_BASE, ARM_FLAG_THUMB, &b));
    assert_null(ir_opt_verify(&b));
    assert_int_equal(count_ops(&b, IR_exit_check), 1);
    assert_int_equal(count_ops(&b, IR_label), 2);      /* the head, the side exit */
    assert_int_equal(count_ops(&b, IR_br), 1);
    assert_int_equal(count_ops(&b, IR_exit_direct), 1);
    assert_int_equal(discards_before_exit_to(&b, CODE_BASE + 2), ALL); /* adds sets them all */
    uint32_t head = UINT32_MAX;
    for (uint32_t i = 0; i < b.nb_ops; i++) {
        const IROp *op = &b.ops[i];
        if (op->opc == IR_exit_check) {
            assert_int_equal(op->args[0], CODE_BASE + 2);
            assert_int_equal(op->args[1], ARM_FLAG_THUMB);
            /* right after the head's label, right before its instruction */
            assert_int_equal(b.ops[i - 1].opc, IR_label);
            assert_int_equal(b.ops[i + 1].opc, IR_insn_start);
            assert_int_equal(b.ops[i + 1].args[0], CODE_BASE + 2);
            head = b.ops[i - 1].args[0];
        }
        if (op->opc == IR_br) {
            assert_int_equal(op->args[0], head);
            /* the main path ends there; the side exit follows */
            assert_int_equal(b.ops[i + 1].opc, IR_label);
        }
    }
    assert_int_equal(b.ops[b.nb_ops - 1].opc, IR_exit_direct);
    ir_optimize(&b);
    assert_null(ir_opt_verify(&b));
    ir_block_free(&b);
}

int main(void)
{
    tcg_read_code = read_code;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_in),
        cmocka_unit_test(test_loop_exit_discards),
        cmocka_unit_test(test_side_exits),
        cmocka_unit_test(test_loop_heads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

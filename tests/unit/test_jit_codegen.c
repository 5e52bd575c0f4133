/*
 * Golden code generation: for small IR units, the host instructions the
 * backend emits between the unit's entry check and its exit are checked
 * in as text, so a change that makes the code worse (an extra load, a
 * lost immediate) shows up in review. Branch targets are printed without
 * their addresses. Also: a host fault outside translated code is a ferry
 * crash with a report, not a guest fault.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <capstone/capstone.h>

#include "jit_fake.h"
#include "tcg/backend.h"
#include "tcg/cache.h"

/* The listing of tu from its first guest instruction to the end of the
 * first exit (the stubs after it are left out). */
static char *listing(const TcgTU *tu)
{
    csh cs;
    cs_insn *insn;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), CS_ERR_OK);
    size_t n = cs_disasm(cs, tu->code, tu->code_size, 0, 0, &insn);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    uint32_t start = tu->nb_insns ? tu->insn_off[0] : 0;
    for (size_t i = 0; i < n; i++) {
        if (insn[i].address < start)
            continue;
        const char *m = insn[i].mnemonic;
        if (!strcmp(m, "nop"))
            continue;   /* alignment padding depends on where the unit lands */
        bool branch = m[0] == 'j' || !strcmp(m, "call");
        fprintf(f, "%s%s%s\n", m, branch || !insn[i].op_str[0] ? "" : " ", branch ? "" : insn[i].op_str);
        if (!strcmp(m, "jmp"))
            break;
    }
    fclose(f);
    cs_free(insn, n);
    cs_close(&cs);
    return buf;
}

static void check_golden(FakeBuild *build, const char *expect)
{
    fake_setup_once();
    tcg_set_tier_threshold(0);   /* the code hot units get */
    tcg_invalidate(0, 0xffffffffu);
    fake_build = build;
    TcgTU *tu = tcg_tu_get(&fake_cpu.tcg, 0x1000, 0);
    assert_non_null(tu);
    char *got = listing(tu);
    if (strcmp(got, expect) != 0)
        print_message("--- expected:\n%s--- got:\n%s", expect, got);
    assert_string_equal(got, expect);
    free(got);
}

/* r0..r7 are at 0x28.. in FakeCpu. */
static void build_add(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(0), R(0), R(1));
    ir_gen_binop(b, IR_add, R(0), R(0), ir_const(b, 4));
    ir_gen_binop(b, IR_sub, R(2), R(0), R(1));
    ir_gen_exit_helper(b, FAKE_DONE, pc + 4, 0);
}

static void test_golden_add(void **state)
{
    check_golden(build_add,
                 "mov ebx, dword ptr [rbp + 0x28]\n"
                 "mov r12d, dword ptr [rbp + 0x2c]\n"
                 "add ebx, r12d\n"
                 "add ebx, 4\n"
                 "mov r13d, ebx\n"
                 "sub r13d, r12d\n"
                 "mov dword ptr [rbp + 0x28], ebx\n"
                 "mov dword ptr [rbp + 0x30], r13d\n"
                 "mov dword ptr [rbp], 0x1004\n"
                 "mov dword ptr [rbp + 4], 0\n"
                 "mov dword ptr [rbp + 0xc], 0x11\n"
                 "mov eax, 0x11\n"
                 "jmp\n");
}

static void build_load(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    IRTemp a = ir_new_temp(b);
    ir_gen_binop(b, IR_add, a, R(1), ir_const(b, 8));
    ir_gen_guest_ld(b, R(0), a, IR_MO_32);
    ir_gen_insn_start(b, pc + 4, 0);
    ir_gen_guest_st(b, R(0), R(2), IR_MO_16);
    ir_gen_exit_direct(b, pc + 8, 0);
}

static void test_golden_mem(void **state)
{
    /* guest_base 0: one host access per guest access, the address add
     * folded into it with a 32-bit address size (wrapping as the guest's
     * does); r0 is not stored before the store that may fault (the fault
     * map has it), only at the exit. */
    check_golden(build_load,
                 "mov ebx, dword ptr [rbp + 0x2c]\n"
                 "mov r12d, dword ptr [ebx + 8]\n"
                 "mov r13d, dword ptr [rbp + 0x30]\n"
                 "mov word ptr [r13], r12w\n"
                 "mov dword ptr [rbp + 0x28], r12d\n"
                 "jmp\n");
}

static void build_movi(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_movi(b, R(0), 7);
    ir_gen_movi(b, R(1), 0);
    ir_gen_binop(b, IR_add, R(2), R(2), R(0));
    ir_gen_movi(b, R(1), 9);
    ir_gen_exit_direct(b, pc + 4, 0);
}

static void test_golden_movi(void **state)
{
    /* Constants in globals become immediates and are stored once. */
    check_golden(build_movi,
                 "mov ebx, dword ptr [rbp + 0x30]\n"
                 "add ebx, 7\n"
                 "mov dword ptr [rbp + 0x28], 7\n"
                 "mov dword ptr [rbp + 0x2c], 9\n"
                 "mov dword ptr [rbp + 0x30], ebx\n"
                 "jmp\n");
}

static void build_cond(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_setcond(b, IR_COND_LTU, R(0), R(1), ir_const(b, 10));
    ir_gen_movcond(b, IR_COND_EQ, R(2), R(1), ir_const(b, 0), R(3), R(2));
    ir_gen_exit_direct(b, pc + 4, 0);
}

static void test_golden_cond(void **state)
{
    check_golden(build_cond,
                 "mov ebx, dword ptr [rbp + 0x2c]\n"
                 "xor r12d, r12d\n"
                 "cmp ebx, 0xa\n"
                 "setb r12b\n"
                 "mov r13d, dword ptr [rbp + 0x34]\n"
                 "mov r15d, dword ptr [rbp + 0x30]\n"
                 "test ebx, ebx\n"
                 "cmove r15d, r13d\n"
                 "mov dword ptr [rbp + 0x28], r12d\n"
                 "mov dword ptr [rbp + 0x30], r15d\n"
                 "jmp\n");
}

/* Shifts by a constant use the immediate form: no count in cl. */
static void build_shift_imm(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_rotr, R(0), R(1), ir_const(b, 19));
    ir_gen_binop(b, IR_shr, R(2), R(1), ir_const(b, 10));
    ir_gen_exit_direct(b, pc + 4, 0);
}

static void test_golden_shift_imm(void **state)
{
    check_golden(build_shift_imm,
                 "mov ebx, dword ptr [rbp + 0x2c]\n"
                 "mov r12d, ebx\n"
                 "ror ebx, 0x13\n"
                 "mov r13d, r12d\n"
                 "shr r12d, 0xa\n"
                 "mov dword ptr [rbp + 0x28], ebx\n"
                 "mov dword ptr [rbp + 0x30], r12d\n"
                 "jmp\n");
}

/* A discarded global (a flag the next unit overwrites) is neither
 * computed nor written back. */
static void build_discard(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(0), R(0), R(1));
    ir_gen_binop(b, IR_xor, R(4), R(0), R(1));
    ir_gen_discard(b, R(4));
    ir_gen_exit_direct(b, pc + 4, 0);
}

static void test_golden_discard(void **state)
{
    check_golden(build_discard,
                 "mov ebx, dword ptr [rbp + 0x28]\n"
                 "mov r12d, dword ptr [rbp + 0x2c]\n"
                 "add ebx, r12d\n"
                 "mov dword ptr [rbp + 0x28], ebx\n"
                 "jmp\n");
}

/* An add into a new register is one lea, not mov + add; a global whose
 * value the next op overwrites is not copied away to survive. */
static void build_add_lea(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_binop(b, IR_add, R(2), R(0), R(1));
    ir_gen_binop(b, IR_shr, R(1), R(1), ir_const(b, 8));
    ir_gen_binop(b, IR_xor, R(1), R(1), R(2));
    ir_gen_exit_direct(b, pc + 4, 0);
}

static void test_golden_add_lea(void **state)
{
    check_golden(build_add_lea,
                 "mov ebx, dword ptr [rbp + 0x28]\n"
                 "mov r12d, dword ptr [rbp + 0x2c]\n"
                 "lea r13d, [rbx + r12]\n"
                 "shr r12d, 8\n"
                 "xor r12d, r13d\n"
                 "mov dword ptr [rbp + 0x2c], r12d\n"
                 "mov dword ptr [rbp + 0x30], r13d\n"
                 "jmp\n");
}

/* ---- a host fault outside translated code ---- */

static uint32_t h_crash(void *cpu, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    return *(volatile uint32_t *)(uintptr_t)a;
}
static const IRHelper h_crash_def = { "crash", h_crash, 0 };

static void build_crash(IRBlock *b, uint32_t pc)
{
    ir_gen_insn_start(b, pc, 0);
    ir_gen_call(b, &h_crash_def, R(0), ir_const(b, 16), IR_NONE, IR_NONE, IR_NONE);
    fake_done(b);
}

static void test_crash_outside_cache(void **state)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* Keep the report out of the test output. */
        freopen("/dev/null", "w", stderr);
        tcg_install_fault_handlers();
        fake_run(build_crash);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_add),
        cmocka_unit_test(test_golden_mem),
        cmocka_unit_test(test_golden_movi),
        cmocka_unit_test(test_golden_cond),
        cmocka_unit_test(test_golden_shift_imm),
        cmocka_unit_test(test_golden_discard),
        cmocka_unit_test(test_golden_add_lea),
        cmocka_unit_test(test_crash_outside_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

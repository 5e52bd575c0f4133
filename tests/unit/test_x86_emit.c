/*
 * Every encoder form, disassembled with capstone and compared with the
 * text Intel syntax gives for it: one line per form, so a wrong REX bit,
 * ModRM or displacement shows up as a readable mismatch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <capstone/capstone.h>

#include "tcg/x86_64/emit.h"

static uint8_t code[512];
static X86Buf buf;
static csh cs;

static void reset(void) { buf = (X86Buf){ code, code, code + 64, 0 }; }

/* Disassembles the buffer (at address 0): exactly one instruction. */
static void check(const char *expect, int line)
{
    cs_insn *insn;
    size_t len = x86_buf_offset(&buf);
    size_t n = cs_disasm(cs, code, len, 0, 0, &insn);
    char text[256] = "(nothing)";
    size_t used = 0;
    if (n >= 1) {
        snprintf(text, sizeof(text), "%s%s%s", insn[0].mnemonic, insn[0].op_str[0] ? " " : "", insn[0].op_str);
        used = insn[0].size;
    }
    if (n != 1 || used != len || strcmp(text, expect) != 0) {
        fprintf(stderr, "line %d: expected '%s', got '%s' (%zu insns, %zu/%zu bytes)\n", line, expect, text, n, used, len);
        fail();
    }
    if (n)
        cs_free(insn, n);
}

#define T(expect, stmt) do { reset(); stmt; assert_false(buf.overflow); check(expect, __LINE__); } while (0)

static X86Mem M(X86Reg base, X86Reg index, int32_t disp) { return (X86Mem){ .base = base, .index = index, .disp = disp }; }
/* 32-bit address size, index scaled by 1 << shift. */
static X86Mem M32(X86Reg base, X86Reg index, int shift, int32_t disp)
{
    return (X86Mem){ .base = base, .index = index, .shift = shift, .disp = disp, .addr32 = true };
}

static void test_arith(void **state)
{
    T("add eax, ecx", x86_emit_add_rr32(&buf, X86_RAX, X86_RCX));
    T("add r9d, r15d", x86_emit_add_rr32(&buf, X86_R9, X86_R15));
    T("sub edx, r8d", x86_emit_sub_rr32(&buf, X86_RDX, X86_R8));
    T("cmp ebx, esi", x86_emit_cmp_rr32(&buf, X86_RBX, X86_RSI));
    T("adc r12d, edi", x86_emit_arith_rr32(&buf, X86_ADC, X86_R12, X86_RDI));
    T("sbb eax, r13d", x86_emit_arith_rr32(&buf, X86_SBB, X86_RAX, X86_R13));
    T("and ecx, edx", x86_emit_arith_rr32(&buf, X86_AND, X86_RCX, X86_RDX));
    T("or esi, edi", x86_emit_arith_rr32(&buf, X86_OR, X86_RSI, X86_RDI));
    T("xor r11d, r11d", x86_emit_arith_rr32(&buf, X86_XOR, X86_R11, X86_R11));
    T("add rsp, rbx", x86_emit_arith_rr64(&buf, X86_ADD, X86_RSP, X86_RBX));
    T("add eax, 0x7f", x86_emit_arith_ri32(&buf, X86_ADD, X86_RAX, 127));
    T("sub r10d, 0x80", x86_emit_arith_ri32(&buf, X86_SUB, X86_R10, 128));
    T("and ebx, 0xfffffff0", x86_emit_arith_ri32(&buf, X86_AND, X86_RBX, -16));
    T("cmp r15d, 0x12345678", x86_emit_arith_ri32(&buf, X86_CMP, X86_R15, 0x12345678));
    T("sub rsp, 0x1008", x86_emit_arith_ri64(&buf, X86_SUB, X86_RSP, 0x1008));
    T("add r11, qword ptr [rbp + 0x20]", x86_emit_arith_rm64(&buf, X86_ADD, X86_R11, M(X86_RBP, X86_NOREG, 0x20)));
    T("cmp dword ptr [r11], ecx", x86_emit_cmp_mr32(&buf, M(X86_R11, X86_NOREG, 0), X86_RCX));
    T("cmp dword ptr [rbp + 8], 0", x86_emit_cmp_mi32(&buf, M(X86_RBP, X86_NOREG, 8), 0));
    T("cmp dword ptr [r11 + 4], 0x10000", x86_emit_cmp_mi32(&buf, M(X86_R11, X86_NOREG, 4), 0x10000));
    T("test eax, r9d", x86_emit_test_rr32(&buf, X86_RAX, X86_R9));
    T("test r11, r11", x86_emit_test_rr64(&buf, X86_R11, X86_R11));
    T("test esi, 0x100", x86_emit_test_ri32(&buf, X86_RSI, 0x100));
    T("neg r8d", x86_emit_neg32(&buf, X86_R8));
    T("not edi", x86_emit_not32(&buf, X86_RDI));
    T("mul ecx", x86_emit_mul_r32(&buf, X86_RCX));
    T("imul r12d", x86_emit_imul1_r32(&buf, X86_R12));
    T("imul eax, r13d", x86_emit_imul_rr32(&buf, X86_RAX, X86_R13));
    T("imul r9d, ebx, 0x64", x86_emit_imul_rri32(&buf, X86_R9, X86_RBX, 100));
    T("imul edx, esi, 0x10000", x86_emit_imul_rri32(&buf, X86_RDX, X86_RSI, 0x10000));
}

static void test_shift(void **state)
{
    T("shl eax, cl", x86_emit_shift_cl32(&buf, X86_SHL, X86_RAX));
    T("shr r10d, cl", x86_emit_shift_cl32(&buf, X86_SHR, X86_R10));
    T("sar ebx, cl", x86_emit_shift_cl32(&buf, X86_SAR, X86_RBX));
    T("ror esi, cl", x86_emit_shift_cl32(&buf, X86_ROR, X86_RSI));
    T("shl r15d, 0x1f", x86_emit_shift_ri32(&buf, X86_SHL, X86_R15, 31));
    T("ror edx, 3", x86_emit_shift_ri32(&buf, X86_ROR, X86_RDX, 3));
    T("shl r11, 4", x86_emit_shift_ri64(&buf, X86_SHL, X86_R11, 4));
    T("rol r8w, 8", x86_emit_rol16_8(&buf, X86_R8));
}

static void test_mov(void **state)
{
    T("mov eax, r12d", x86_emit_mov_rr32(&buf, X86_RAX, X86_R12));
    T("mov rbp, rdi", x86_emit_mov_rr64(&buf, X86_RBP, X86_RDI));
    T("mov r13d, 0xdeadbeef", x86_emit_mov_ri32(&buf, X86_R13, 0xdeadbeef));
    T("movabs r11, 0x123456789abc", x86_emit_mov_ri64(&buf, X86_R11, 0x123456789abcull));
    T("movzx eax, sil", x86_emit_movzx8_rr(&buf, X86_RAX, X86_RSI));
    T("movzx ecx, bl", x86_emit_movzx8_rr(&buf, X86_RCX, X86_RBX));
    T("movzx r9d, r10w", x86_emit_movzx16_rr(&buf, X86_R9, X86_R10));
    T("movsx edx, dil", x86_emit_movsx8_rr(&buf, X86_RDX, X86_RDI));
    T("movsx r14d, ax", x86_emit_movsx16_rr(&buf, X86_R14, X86_RAX));
    T("bswap r12d", x86_emit_bswap32(&buf, X86_R12));
    T("bswap eax", x86_emit_bswap32(&buf, X86_RAX));
    T("bsr ecx, r8d", x86_emit_bsr32(&buf, X86_RCX, X86_R8));
    T("lzcnt eax, edx", x86_emit_lzcnt32(&buf, X86_RAX, X86_RDX));
    T("cmove eax, ebx", x86_emit_cmov32(&buf, X86_CC_E, X86_RAX, X86_RBX));
    T("cmovl r9d, esi", x86_emit_cmov32(&buf, X86_CC_L, X86_R9, X86_RSI));
    T("setb sil", x86_emit_setcc8(&buf, X86_CC_B, X86_RSI));
    T("setg r10b", x86_emit_setcc8(&buf, X86_CC_G, X86_R10));
    T("seta al", x86_emit_setcc8(&buf, X86_CC_A, X86_RAX));
}

static void test_mem(void **state)
{
    T("movzx eax, byte ptr [rcx]", x86_emit_load8u(&buf, X86_RAX, M(X86_RCX, X86_NOREG, 0)));
    T("movsx r8d, byte ptr [r14 + rsi]", x86_emit_load8s(&buf, X86_R8, M(X86_R14, X86_RSI, 0)));
    T("movzx ebx, word ptr [r13]", x86_emit_load16u(&buf, X86_RBX, M(X86_R13, X86_NOREG, 0)));
    T("movsx edi, word ptr [r12 + 2]", x86_emit_load16s(&buf, X86_RDI, M(X86_R12, X86_NOREG, 2)));
    T("mov edx, dword ptr [rbp + 0x40]", x86_emit_load32(&buf, X86_RDX, M(X86_RBP, X86_NOREG, 0x40)));
    T("mov r9d, dword ptr [rsp + 0x200]", x86_emit_load32(&buf, X86_R9, M(X86_RSP, X86_NOREG, 0x200)));
    T("mov eax, dword ptr [r14 + r13]", x86_emit_load32(&buf, X86_RAX, M(X86_R14, X86_R13, 0)));
    T("mov eax, dword ptr [rbp + rbx]", x86_emit_load32(&buf, X86_RAX, M(X86_RBP, X86_RBX, 0)));
    T("mov r11, qword ptr [r11 + 8]", x86_emit_load64(&buf, X86_R11, M(X86_R11, X86_NOREG, 8)));
    T("mov byte ptr [r14 + rax], sil", x86_emit_store8(&buf, M(X86_R14, X86_RAX, 0), X86_RSI));
    T("mov byte ptr [rcx], bl", x86_emit_store8(&buf, M(X86_RCX, X86_NOREG, 0), X86_RBX));
    T("mov word ptr [rdx], r9w", x86_emit_store16(&buf, M(X86_RDX, X86_NOREG, 0), X86_R9));
    T("mov dword ptr [rbp + 4], r15d", x86_emit_store32(&buf, M(X86_RBP, X86_NOREG, 4), X86_R15));
    T("mov qword ptr [rsp], rax", x86_emit_store64(&buf, M(X86_RSP, X86_NOREG, 0), X86_RAX));
    T("mov dword ptr [rbp], 0x1234", x86_emit_store_i32(&buf, M(X86_RBP, X86_NOREG, 0), 0x1234));
    T("mov qword ptr [r11 + 8], 0", x86_emit_store_i64(&buf, M(X86_R11, X86_NOREG, 8), 0));
    /* guest accesses with the address folded in (guest_base 0) */
    T("mov eax, dword ptr [ebx + 4]", x86_emit_load32(&buf, X86_RAX, M32(X86_RBX, X86_NOREG, 0, 4)));
    T("movzx r9d, byte ptr [r13d + r12d]", x86_emit_load8u(&buf, X86_R9, M32(X86_R13, X86_R12, 0, 0)));
    T("movsx edx, word ptr [r15d + esi*2 - 6]", x86_emit_load16s(&buf, X86_RDX, M32(X86_R15, X86_RSI, 1, -6)));
    T("mov esi, dword ptr [r12d + eax*4 + 0x1000]", x86_emit_load32(&buf, X86_RSI, M32(X86_R12, X86_RAX, 2, 0x1000)));
    T("mov dword ptr [ebp + 0x7fffffff], r8d", x86_emit_store32(&buf, M32(X86_RBP, X86_NOREG, 0, 0x7fffffff), X86_R8));
    T("mov byte ptr [esp + ecx*8], sil", x86_emit_store8(&buf, M32(X86_RSP, X86_RCX, 3, 0), X86_RSI));
    T("mov word ptr [r14d - 0x80000000], r10w", x86_emit_store16(&buf, M32(X86_R14, X86_NOREG, 0, INT32_MIN), X86_R10));
}

static void test_mem2(void **state)
{
    T("lea r11, [rbp + 0x10]", x86_emit_lea64(&buf, X86_R11, M(X86_RBP, X86_NOREG, 0x10)));
    T("lea r9d, [r12 - 8]", x86_emit_lea32(&buf, X86_R9, M(X86_R12, X86_NOREG, -8)));
    T("lock cmpxchg byte ptr [rsi], cl", x86_emit_lock_cmpxchg(&buf, 0, M(X86_RSI, X86_NOREG, 0), X86_RCX));
    T("lock cmpxchg word ptr [r14 + rdi], r8w", x86_emit_lock_cmpxchg(&buf, 1, M(X86_R14, X86_RDI, 0), X86_R8));
    T("lock cmpxchg dword ptr [rbx], edx", x86_emit_lock_cmpxchg(&buf, 2, M(X86_RBX, X86_NOREG, 0), X86_RDX));
    T("mfence", x86_emit_mfence(&buf));
}

static void test_flow(void **state)
{
    T("je 0x100", x86_emit_jcc_rel32(&buf, X86_CC_E, code + 0x100));
    T("jge 0x20", x86_emit_jcc_rel32(&buf, X86_CC_GE, code + 0x20));
    T("jmp 0x40", x86_emit_jmp_rel32(&buf, code + 0x40));
    T("call 0x30", x86_emit_call_rel32(&buf, code + 0x30));
    T("call r11", x86_emit_call_r(&buf, X86_R11));
    T("jmp rax", x86_emit_jmp_r(&buf, X86_RAX));
    T("push rbp", x86_emit_push(&buf, X86_RBP));
    T("push r15", x86_emit_push(&buf, X86_R15));
    T("pop r12", x86_emit_pop(&buf, X86_R12));
    T("pop rbx", x86_emit_pop(&buf, X86_RBX));
    T("ret", x86_emit_ret(&buf));
    T("nop", x86_emit_nop(&buf));
    /* Patching a jump retargets it. */
    reset();
    size_t at = x86_emit_jmp_rel32(&buf, code + 0x40);
    x86_patch_rel32(code + at, code + 0x80);
    check("jmp 0x80", __LINE__);
}

static void test_overflow(void **state)
{
    uint8_t small[3];
    X86Buf b = { small, small, small + sizeof(small), 0 };
    x86_emit_mov_ri32(&b, X86_RAX, 1);
    assert_true(x86_buf_full(&b));
    assert_true(b.ptr <= b.end);
}

static int setup(void **state)
{
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    cs_close(&cs);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arith), cmocka_unit_test(test_shift), cmocka_unit_test(test_mov),
        cmocka_unit_test(test_mem),   cmocka_unit_test(test_mem2),  cmocka_unit_test(test_flow),
        cmocka_unit_test(test_overflow),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* Starting a program end to end (no guest code runs): synthetic program
 * and interpreter files, then the guest memory and stack are checked the
 * way ld.so and crt1 would read them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "loader/program.h"

static char prog_path[] = "/tmp/ferry-prog-XXXXXX";
static char interp_path[] = "/tmp/ferry-interp-XXXXXX";

/* type, entry, with or without PT_INTERP naming interp_path. */
static void write_elf(const char *path, uint16_t type, uint32_t base, uint32_t entry, bool with_interp)
{
    uint8_t f[0x2000] = { 0 };
    Elf32_Ehdr *eh = (Elf32_Ehdr *)f;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS32;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = type;
    eh->e_machine = EM_ARM;
    eh->e_version = EV_CURRENT;
    eh->e_entry = entry;
    eh->e_phoff = sizeof(Elf32_Ehdr);
    eh->e_flags = EF_ARM_EABI_VER5;
    eh->e_ehsize = sizeof(Elf32_Ehdr);
    eh->e_phentsize = sizeof(Elf32_Phdr);
    Elf32_Phdr *ph = (Elf32_Phdr *)(f + eh->e_phoff);
    int n = 0;
    ph[n++] = (Elf32_Phdr){ PT_PHDR, 52, base + 52, base + 52, 4 * 32, 4 * 32, PF_R, 4 };
    ph[n++] = (Elf32_Phdr){ PT_LOAD, 0, base, base, 0x1000, 0x1000, PF_R | PF_X, 0x1000 };
    ph[n++] = (Elf32_Phdr){ PT_LOAD, 0x1000, base + 0x1000, base + 0x1000, 0x10, 0x2000, PF_R | PF_W, 0x1000 };
    if (with_interp) {
        size_t len = strlen(interp_path) + 1;
        ph[n++] = (Elf32_Phdr){ PT_INTERP, 0x800, base + 0x800, base + 0x800, (uint32_t)len, (uint32_t)len, PF_R, 1 };
        memcpy(f + 0x800, interp_path, len);
    } else {
        ph[n++] = (Elf32_Phdr){ PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16 };
    }
    eh->e_phnum = (uint16_t)n;
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_int_equal(fwrite(f, 1, sizeof(f), fp), sizeof(f));
    fclose(fp);
}

static int setup(void **state)
{
    int a = mkstemp(prog_path), b = mkstemp(interp_path);
    if (a < 0 || b < 0)
        return -1;
    close(a);
    close(b);
    return 0;
}

static int teardown(void **state)
{
    unlink(prog_path);
    unlink(interp_path);
    return 0;
}

static uint32_t gw(uint32_t addr) { return *(uint32_t *)g2h(addr); }

static uint32_t aux(const LuProgram *p, uint32_t type)
{
    for (uint32_t a = p->auxv_addr; a < p->auxv_addr + p->auxv_len; a += 8)
        if (gw(a) == type)
            return gw(a + 4);
    fail_msg("no auxv entry %u", type);
    return 0;
}

static const ArmCpuModel model = { "test", 0, 0x1234, 0x5, "test model" };

static void test_with_interpreter(void **state)
{
    write_elf(prog_path, ET_EXEC, 0x10000, 0x10101, true);
    write_elf(interp_path, ET_DYN, 0, 0x201, false);
    char *argv[] = { "prog", "x", NULL };
    char *envp[] = { "A=1", NULL };
    LuProgramRequest req = { prog_path, 2, argv, envp, 1 << 20, 0, false, 0, &model, false, 0 };
    LuProgram p;
    char err[300];
    int st = lu_program_load(&req, &p, err, sizeof(err));
    if (st)
        fail_msg("%s", err);
    uint32_t base = aux(&p, AT_BASE);
    assert_true(base != 0);
    assert_int_equal(p.entry, base + 0x201);           /* starts in the interpreter */
    assert_int_equal(aux(&p, AT_ENTRY), 0x10101);      /* which jumps to the program */
    assert_int_equal(aux(&p, AT_PHDR), 0x10000 + 52);
    assert_int_equal(aux(&p, AT_PHNUM), 4);
    assert_int_equal(aux(&p, AT_PHENT), 32);
    assert_int_equal(aux(&p, AT_PAGESZ), 4096);
    assert_int_equal(aux(&p, AT_HWCAP), 0x1234);
    assert_int_equal(aux(&p, AT_HWCAP2), 0x5);
    assert_int_equal(aux(&p, AT_UID), getuid());
    assert_string_equal((char *)g2h(aux(&p, AT_PLATFORM)), "v7l");
    assert_string_equal((char *)g2h(aux(&p, AT_EXECFN)), prog_path);
    /* The stack: argc, argv, envp as crt1 reads them. */
    assert_int_equal(gw(p.sp), 2);
    assert_string_equal((char *)g2h(gw(p.sp + 4)), "prog");
    assert_string_equal((char *)g2h(gw(p.sp + 8)), "x");
    assert_string_equal((char *)g2h(gw(p.sp + 16)), "A=1");
    /* The heap starts after the program's .bss; the kuser page is there;
     * no PT_GNU_STACK in the program: the stack is executable. */
    assert_int_equal(p.brk, 0x13000);
    assert_int_equal(lu_brk(0), 0x13000);
    assert_true(lu_page_flags(0xffff0fe0) & LU_PG_EXEC);
    assert_true(lu_page_flags(p.sp) & LU_PG_EXEC);
    assert_true(lu_access_ok(0x11000, 0x2000, PROT_READ | PROT_WRITE));
    assert_int_equal(*(uint8_t *)g2h(0x11010), 0);
    lu_space_release();
}

static void test_big_stack_moves_mmap_area(void **state)
{
    write_elf(prog_path, ET_EXEC, 0x10000, 0x10101, true);
    write_elf(interp_path, ET_DYN, 0, 0x201, false);
    char *argv[] = { "prog", NULL };
    char *envp[] = { NULL };
    LuProgramRequest req = { prog_path, 1, argv, envp, 1u << 30, 0, false, 0, &model, false, 0 };
    LuProgram p;
    char err[300];
    int st = lu_program_load(&req, &p, err, sizeof(err));
    if (st)
        fail_msg("%s", err);
    uint32_t stack_bottom = lu_stack_top() - (1u << 30);
    assert_true(lu_access_ok(stack_bottom, 1u << 30, PROT_READ | PROT_WRITE));
    assert_true(aux(&p, AT_BASE) + 0x3000 <= stack_bottom);   /* the interpreter is below it */
    assert_true(lu_mmap_base() < stack_bottom);
    lu_space_release();
}

static void test_program_where_the_stack_goes(void **state)
{
    write_elf(prog_path, ET_EXEC, 0xfe000000u, 0xfe000101u, false);
    char *argv[] = { "prog", NULL };
    char *envp[] = { NULL };
    LuProgramRequest req = { prog_path, 1, argv, envp, 64u << 20, 0, false, 0, &model, false, 0 };
    LuProgram p;
    char err[300];
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 1);
    assert_non_null(strstr(err, "cannot map the stack"));
    lu_space_release();
}

static void test_static_pie_small_window(void **state)
{
    write_elf(prog_path, ET_DYN, 0, 0x101, false);
    char *argv[] = { "prog", NULL };
    char *envp[] = { NULL };
    LuProgramRequest req = { prog_path, 1, argv, envp, 1 << 20, 256u << 20, false, 0, &model, false, 0 };
    LuProgram p;
    char err[300];
    int st = lu_program_load(&req, &p, err, sizeof(err));
    if (st)
        fail_msg("%s", err);
    assert_int_equal(p.entry, LU_PIE_BASE + 0x101);
    assert_int_equal(aux(&p, AT_BASE), 0);
    assert_int_equal(aux(&p, AT_PHDR), LU_PIE_BASE + 52);
    assert_true(p.sp < (256u << 20));
    assert_false(lu_page_flags(p.sp) & LU_PG_EXEC);   /* PT_GNU_STACK says RW */
    assert_int_equal(lu_page_flags(0xffff0000u), 0);  /* no room for the kuser page */
    lu_space_release();
}

static void test_seeded_random(void **state)
{
    write_elf(prog_path, ET_DYN, 0, 0x101, false);
    char *argv[] = { "prog", NULL };
    char *envp[] = { NULL };
    uint8_t first[16], again[16];
    LuProgramRequest req = { prog_path, 1, argv, envp, 1 << 20, 0, false, 0, &model, true, 7 };
    LuProgram p;
    char err[300];
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 0);
    memcpy(first, g2h(aux(&p, AT_RANDOM)), 16);
    lu_space_release();
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 0);
    memcpy(again, g2h(aux(&p, AT_RANDOM)), 16);
    assert_memory_equal(first, again, 16);   /* -seed: repeatable */
    lu_space_release();
    req.seed = 8;
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 0);
    assert_memory_not_equal(first, g2h(aux(&p, AT_RANDOM)), 16);
    lu_space_release();
    req.seed_given = false;   /* the host's randomness: differs run to run */
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 0);
    memcpy(first, g2h(aux(&p, AT_RANDOM)), 16);
    lu_space_release();
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 0);
    assert_memory_not_equal(first, g2h(aux(&p, AT_RANDOM)), 16);
    lu_space_release();
}

static void test_failures(void **state)
{
    char *argv[] = { "prog", NULL };
    char *envp[] = { NULL };
    LuProgramRequest req = { "/nonexistent/prog", 1, argv, envp, 1 << 20, 0, false, 0, &model, false, 0 };
    LuProgram p;
    char err[300];
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 127);
    assert_string_equal(err, "/nonexistent/prog: No such file or directory");
    write_elf(prog_path, ET_EXEC, 0x10000, 0x10101, true);
    unlink(interp_path);
    req.path = prog_path;
    assert_int_equal(lu_program_load(&req, &p, err, sizeof(err)), 1);
    assert_non_null(strstr(err, "ELF interpreter"));
    assert_non_null(strstr(err, "not found"));
    assert_false(lu_space_reserved());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_with_interpreter),
        cmocka_unit_test(test_big_stack_moves_mmap_area),
        cmocka_unit_test(test_program_where_the_stack_goes),
        cmocka_unit_test(test_static_pie_small_window),
        cmocka_unit_test(test_seeded_random),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* ELF validation on small synthetic files, good and bad, and loading a
 * synthetic program into a small guest window. */
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
#include "loader/loader.h"

/* A minimal ARM program: header, three program headers (PT_PHDR-less:
 * text, data+bss, GNU_STACK), then the text at 0x1000 in the file and the
 * data at 0x2000. */
#define TEXT_VA 0x00010000u
#define DATA_VA 0x00021000u
#define FILE_SIZE 0x2100u

typedef struct Synth {
    uint8_t bytes[FILE_SIZE];
    size_t size;
} Synth;

static Synth good;

static void make_good(Synth *s, uint16_t type)
{
    memset(s, 0, sizeof(*s));
    s->size = FILE_SIZE;
    Elf32_Ehdr *eh = (Elf32_Ehdr *)s->bytes;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS32;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = type;
    eh->e_machine = EM_ARM;
    eh->e_version = EV_CURRENT;
    eh->e_entry = TEXT_VA + 0x1000 + 1;   /* Thumb entry */
    eh->e_phoff = sizeof(Elf32_Ehdr);
    eh->e_flags = EF_ARM_EABI_VER5 | 0x400;   /* hard-float */
    eh->e_ehsize = sizeof(Elf32_Ehdr);
    eh->e_phentsize = sizeof(Elf32_Phdr);
    eh->e_phnum = 3;
    Elf32_Phdr *ph = (Elf32_Phdr *)(s->bytes + eh->e_phoff);
    ph[0] = (Elf32_Phdr){ PT_LOAD, 0, TEXT_VA, TEXT_VA, 0x1100, 0x1100, PF_R | PF_X, 0x1000 };
    ph[1] = (Elf32_Phdr){ PT_LOAD, 0x2000, DATA_VA, DATA_VA, 0x100, 0x3000, PF_R | PF_W, 0x1000 };
    ph[2] = (Elf32_Phdr){ PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16 };
    memset(s->bytes + 0x1000, 0xaa, 0x100);
    memset(s->bytes + 0x2000, 0xdd, 0x100);
}

static char path[] = "/tmp/ferry-elf-XXXXXX";

static bool open_synth(const Synth *s, ElfImage *img, char *err, size_t errlen)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(s->bytes, 1, s->size, f), s->size);
    fclose(f);
    bool ok = elf_open(path, img, err, errlen);
    return ok;
}

static void expect_error(const Synth *s, const char *msg)
{
    ElfImage img;
    char err[200] = "";
    assert_false(open_synth(s, &img, err, sizeof(err)));
    if (!strstr(err, msg))
        fail_msg("expected '%s', got '%s'", msg, err);
    elf_close(&img);
}

static int setup(void **state)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    make_good(&good, ET_EXEC);
    return 0;
}

static int teardown(void **state)
{
    unlink(path);
    return 0;
}

static void test_good(void **state)
{
    ElfImage img;
    char err[200];
    assert_true(open_synth(&good, &img, err, sizeof(err)));
    assert_int_equal(img.ehdr.e_phnum, 3);
    assert_null(img.interp);
    assert_false(img.exec_stack);
    assert_int_equal(img.lo, TEXT_VA);
    assert_int_equal(img.hi, DATA_VA + 0x3000);
    elf_close(&img);
}

static void test_not_elf(void **state)
{
    Synth s = { .size = 12 };
    memcpy(s.bytes, "hello world\n", 12);
    expect_error(&s, "not an ELF file");
    memcpy(s.bytes, "#!/bin/sh\necho", 12);
    expect_error(&s, "script");
    s.size = 0;
    expect_error(&s, "not an ELF file");
}

static void test_truncated(void **state)
{
    Synth s = good;
    s.size = 10;
    expect_error(&s, "truncated");
    s.size = 40;   /* ident fine, header cut */
    expect_error(&s, "truncated");
    s.size = 0x1080;   /* the text segment runs past the end */
    expect_error(&s, "truncated");
    s = good;
    ((Elf32_Ehdr *)s.bytes)->e_phoff = FILE_SIZE - 16;
    expect_error(&s, "truncated");
}

static void test_wrong_kind(void **state)
{
    Synth s = good;
    s.bytes[EI_CLASS] = ELFCLASS64;
    expect_error(&s, "64-bit");
    s = good;
    s.bytes[EI_DATA] = ELFDATA2MSB;
    expect_error(&s, "big-endian");
    s = good;
    ((Elf32_Ehdr *)s.bytes)->e_machine = EM_386;
    expect_error(&s, "for x86 (i386), not ARM");
    ((Elf32_Ehdr *)s.bytes)->e_machine = 9999;
    expect_error(&s, "machine 9999, not ARM");
    s = good;
    ((Elf32_Ehdr *)s.bytes)->e_type = ET_REL;
    expect_error(&s, "not an executable: a relocatable object");
    s = good;
    ((Elf32_Ehdr *)s.bytes)->e_flags = 0x04000000;
    expect_error(&s, "EABI version 4");
    ((Elf32_Ehdr *)s.bytes)->e_flags = 0x2;
    expect_error(&s, "old ABI");
}

static void test_bad_headers(void **state)
{
    Synth s = good;
    ((Elf32_Ehdr *)s.bytes)->e_phentsize = 40;
    expect_error(&s, "program header");
    s = good;
    Elf32_Phdr *ph = (Elf32_Phdr *)(s.bytes + sizeof(Elf32_Ehdr));
    ph[1].p_memsz = 0x10;
    expect_error(&s, "memory size below file size");
    s = good;
    ph = (Elf32_Phdr *)(s.bytes + sizeof(Elf32_Ehdr));
    ph[0].p_type = PT_NOTE;
    ph[1].p_type = PT_NOTE;
    expect_error(&s, "no loadable segments");
    s = good;
    ph = (Elf32_Phdr *)(s.bytes + sizeof(Elf32_Ehdr));
    ph[1].p_vaddr = 0xfffff000;
    expect_error(&s, "beyond 4 GiB");
}

static void test_interp(void **state)
{
    Synth s = good;
    Elf32_Phdr *ph = (Elf32_Phdr *)(s.bytes + sizeof(Elf32_Ehdr));
    ph[2] = (Elf32_Phdr){ PT_INTERP, 0x1000, 0, 0, 26, 26, PF_R, 1 };
    memcpy(s.bytes + 0x1000, "/lib/ld-linux-armhf.so.3\0", 26);
    ElfImage img;
    char err[200];
    assert_true(open_synth(&s, &img, err, sizeof(err)));
    assert_string_equal(img.interp, "/lib/ld-linux-armhf.so.3");
    assert_true(img.exec_stack);   /* no PT_GNU_STACK: executable, as Linux */
    elf_close(&img);
    s.bytes[0x1000 + 25] = 'x';    /* not NUL-terminated */
    expect_error(&s, "interpreter");
}

static void test_load(void **state)
{
    char err[200];
    assert_true(lu_space_reserve(64u << 20, false, 0, 0, err, sizeof(err)));
    ElfImage img;
    assert_true(open_synth(&good, &img, err, sizeof(err)));
    LoadedImage li;
    assert_true(elf_load(&img, 0, &li, err, sizeof(err)));
    assert_int_equal(li.bias, 0);
    assert_int_equal(li.entry, TEXT_VA + 0x1001);
    assert_int_equal(li.phdr_addr, TEXT_VA + sizeof(Elf32_Ehdr));
    assert_int_equal(li.end, DATA_VA + 0x3000);
    assert_int_equal(lu_page_flags(TEXT_VA) & LU_PG_PROT, PROT_READ | PROT_EXEC);
    assert_int_equal(lu_page_flags(DATA_VA) & LU_PG_PROT, PROT_READ | PROT_WRITE);
    assert_int_equal(*(uint8_t *)g2h(TEXT_VA + 0x1000), 0xaa);
    assert_int_equal(*(uint8_t *)g2h(DATA_VA + 0xff), 0xdd);
    /* .bss: the tail of the file page (file bytes 0x2100.. would be past
     * EOF anyway) and the two whole pages after it read zero. */
    assert_int_equal(*(uint8_t *)g2h(DATA_VA + 0x100), 0);
    assert_int_equal(*(uint8_t *)g2h(DATA_VA + 0x2fff), 0);
    assert_true(lu_access_ok(DATA_VA, 0x3000, PROT_READ | PROT_WRITE));
    assert_false(lu_access_ok(DATA_VA + 0x3000, 1, PROT_READ));
    elf_close(&img);

    /* The same program as ET_DYN: placed as one block at the hint. */
    Synth s;
    make_good(&s, ET_DYN);
    assert_true(open_synth(&s, &img, err, sizeof(err)));
    assert_true(elf_load(&img, 0x1000000, &li, err, sizeof(err)));
    assert_int_equal(li.bias, 0x1000000 - TEXT_VA);
    assert_int_equal(li.entry, 0x1000000 + 0x1001);
    assert_int_equal(*(uint8_t *)g2h(0x1000000 + DATA_VA - TEXT_VA + 0xff), 0xdd);
    /* And again: the hint is taken now, so it goes elsewhere. */
    LoadedImage li2;
    assert_true(elf_load(&img, 0x1000000, &li2, err, sizeof(err)));
    assert_true(li2.bias != li.bias);
    assert_int_equal(li2.start & LU_PAGE_MASK, 0);
    elf_close(&img);
    lu_space_release();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_not_elf),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_wrong_kind),
        cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_interp),
        cmocka_unit_test(test_load),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

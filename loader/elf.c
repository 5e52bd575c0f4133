/*
 * ELF validation: is this a program ferry-arm can run? Each way a file can
 * be wrong gets its own message, because the user's next step differs (a
 * script needs its interpreter, an x86 binary needs no ferry, a truncated
 * download needs fetching again).
 *
 * The identification bytes are checked by hand first, so that a file too
 * short for libelf still gets a precise answer; libelf then reads the
 * header and program headers (converting byte order for us).
 */
#include "loader/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names for the machines a user is likely to feed us by mistake. */
static const struct {
    unsigned machine;
    const char *name;
} machine_names[] = {
    { EM_386, "x86 (i386)" }, { EM_X86_64, "x86-64" }, { EM_AARCH64, "AArch64 (arm64)" },
    { EM_MIPS, "MIPS" }, { EM_PPC, "PowerPC" }, { EM_PPC64, "PowerPC64" }, { EM_RISCV, "RISC-V" },
    { EM_S390, "s390" }, { EM_SPARC, "SPARC" }, { EM_68K, "m68k" }, { EM_SH, "SuperH" },
    { EM_LOONGARCH, "LoongArch" },
};

static const char *machine_name(unsigned m)
{
    for (size_t i = 0; i < sizeof(machine_names) / sizeof(machine_names[0]); i++)
        if (machine_names[i].machine == m)
            return machine_names[i].name;
    return NULL;
}

static const char *const type_names[] = {
    [ET_NONE] = "no file type", [ET_REL] = "a relocatable object (.o)", [ET_CORE] = "a core dump",
};

static bool fail(char *err, size_t errlen, const char *fmt, const char *arg)
{
    snprintf(err, errlen, fmt, arg);
    return false;
}

static bool check_ident(const unsigned char *id, ssize_t n, char *err, size_t errlen)
{
    if (n >= 2 && id[0] == '#' && id[1] == '!')
        return fail(err, errlen, "%s", "not an ELF file but a script: run its interpreter under ferry-arm");
    if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
        return fail(err, errlen, "%s", "not an ELF file");
    if (n < EI_NIDENT)
        return fail(err, errlen, "%s", "truncated ELF file");
    if (id[EI_CLASS] == ELFCLASS64)
        return fail(err, errlen, "%s", "64-bit ELF file; ferry-arm runs 32-bit ARM programs");
    if (id[EI_CLASS] != ELFCLASS32)
        return fail(err, errlen, "%s", "bad ELF class");
    if (id[EI_DATA] == ELFDATA2MSB)
        return fail(err, errlen, "%s", "big-endian ELF file; ferry-arm runs little-endian ARM programs");
    if (id[EI_DATA] != ELFDATA2LSB)
        return fail(err, errlen, "%s", "bad ELF data encoding");
    return true;
}

static bool check_header(const Elf32_Ehdr *eh, char *err, size_t errlen)
{
    if (eh->e_machine != EM_ARM) {
        const char *name = machine_name(eh->e_machine);
        char what[64];
        if (name)
            snprintf(what, sizeof(what), "%s", name);
        else
            snprintf(what, sizeof(what), "machine %u", eh->e_machine);
        snprintf(err, errlen, "ELF file for %s, not ARM", what);
        return false;
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        const char *t = eh->e_type < sizeof(type_names) / sizeof(type_names[0]) ? type_names[eh->e_type] : NULL;
        snprintf(err, errlen, "not an executable: %s", t ? t : "unknown ELF type");
        return false;
    }
    uint32_t eabi = eh->e_flags & EF_ARM_EABIMASK;
    if (eabi != EF_ARM_EABI_VER5) {
        snprintf(err, errlen, "unsupported ARM ABI (%s %u); ferry-arm runs EABI version 5 programs",
                 eabi ? "EABI version" : "old ABI, flags", eabi ? eabi >> 24 : eh->e_flags);
        return false;
    }
    if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 || eh->e_phnum > 512)
        return fail(err, errlen, "%s", "bad ELF program header table");
    return true;
}

static bool check_segments(ElfImage *img, char *err, size_t errlen)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    for (unsigned i = 0; i < img->ehdr.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->phdr[i];
        if (ph->p_type == PT_GNU_STACK)
            img->exec_stack = (ph->p_flags & PF_X) != 0;
        if (ph->p_type != PT_LOAD && ph->p_type != PT_INTERP)
            continue;
        if ((uint64_t)ph->p_offset + ph->p_filesz > img->file_size)
            return fail(err, errlen, "%s", "truncated ELF file (a segment runs past the end)");
        if (ph->p_type == PT_LOAD) {
            if (ph->p_memsz < ph->p_filesz)
                return fail(err, errlen, "%s", "bad ELF segment (memory size below file size)");
            if ((uint64_t)ph->p_vaddr + ph->p_memsz > (1ull << 32))
                return fail(err, errlen, "%s", "bad ELF segment (beyond 4 GiB)");
            if (ph->p_memsz == 0)
                continue;
            uint64_t s = ph->p_vaddr & ~0xfffull, e = ((uint64_t)ph->p_vaddr + ph->p_memsz + 0xfff) & ~0xfffull;
            lo = s < lo ? s : lo;
            hi = e > hi ? e : hi;
        } else {
            if (img->interp)
                return fail(err, errlen, "%s", "bad ELF file (two PT_INTERP)");
            if (ph->p_filesz < 2 || ph->p_filesz > 4096)
                return fail(err, errlen, "%s", "bad ELF interpreter name");
            char *s = malloc(ph->p_filesz);
            if (!s || pread(img->fd, s, ph->p_filesz, ph->p_offset) != (ssize_t)ph->p_filesz ||
                s[ph->p_filesz - 1] != 0 || s[0] != '/') {
                free(s);
                return fail(err, errlen, "%s", "bad ELF interpreter name");
            }
            img->interp = s;
        }
    }
    if (hi == 0)
        return fail(err, errlen, "%s", "no loadable segments in the ELF file");
    img->lo = (uint32_t)lo;
    img->hi = (uint32_t)(hi - 1) + 1;   /* 0 if it reaches 4 GiB */
    return true;
}

bool elf_open_fd(int fd, ElfImage *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof(*img));
    img->fd = fd;
    /* Linux makes the stack executable when PT_GNU_STACK is absent. */
    img->exec_stack = true;
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(err, errlen, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(err, errlen, "%s", "Is a directory");
    if (!S_ISREG(st.st_mode))
        return fail(err, errlen, "%s", "not a regular file");
    img->file_size = (uint64_t)st.st_size;

    unsigned char id[EI_NIDENT];
    ssize_t n = pread(fd, id, sizeof(id), 0);
    if (n < 0)
        return fail(err, errlen, "%s", strerror(errno));
    if (!check_ident(id, n, err, errlen))
        return false;
    if (img->file_size < sizeof(Elf32_Ehdr))
        return fail(err, errlen, "%s", "truncated ELF file");

    if (elf_version(EV_CURRENT) == EV_NONE)
        return fail(err, errlen, "libelf: %s", elf_errmsg(-1));
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    if (!elf)
        return fail(err, errlen, "bad ELF file: %s", elf_errmsg(-1));
    bool ok = false;
    Elf32_Ehdr *eh = elf32_getehdr(elf);
    if (!eh) {
        fail(err, errlen, "bad ELF header: %s", elf_errmsg(-1));
        goto out;
    }
    img->ehdr = *eh;
    if (!check_header(eh, err, errlen))
        goto out;
    if ((uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > img->file_size) {
        fail(err, errlen, "%s", "truncated ELF file (program headers past the end)");
        goto out;
    }
    Elf32_Phdr *ph = elf32_getphdr(elf);
    if (!ph) {
        fail(err, errlen, "bad ELF program headers: %s", elf_errmsg(-1));
        goto out;
    }
    img->phdr = malloc(eh->e_phnum * sizeof(Elf32_Phdr));
    if (!img->phdr) {
        fail(err, errlen, "%s", "out of memory");
        goto out;
    }
    memcpy(img->phdr, ph, eh->e_phnum * sizeof(Elf32_Phdr));
    ok = check_segments(img, err, errlen);
out:
    elf_end(elf);
    return ok;
}

bool elf_open(const char *path, ElfImage *img, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        memset(img, 0, sizeof(*img));
        img->fd = -1;
        return fail(err, errlen, "%s", strerror(errno));
    }
    return elf_open_fd(fd, img, err, errlen);
}

void elf_close(ElfImage *img)
{
    if (img->fd >= 0)
        close(img->fd);
    free(img->phdr);
    free(img->interp);
    img->fd = -1;
    img->phdr = NULL;
    img->interp = NULL;
}

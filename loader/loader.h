/*
 * The loader: ELF validation (elf.c), mapping an image into the guest
 * (load.c), the initial stack with argv/envp/auxv (stack.c) and the kuser
 * helper page (kuser.c).
 *
 * Validation is separate from loading because the guest window is
 * reserved in between: where guest_base can go depends on the lowest
 * address the program needs.
 */
#ifndef FERRY_LOADER_LOADER_H
#define FERRY_LOADER_LOADER_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A validated ELF file, open for mapping. */
typedef struct ElfImage {
    int fd;
    uint64_t file_size;
    Elf32_Ehdr ehdr;
    Elf32_Phdr *phdr;          /* malloc'd copy, ehdr.e_phnum entries */
    char *interp;              /* PT_INTERP path (malloc'd), or NULL */
    bool exec_stack;           /* PT_GNU_STACK asks for (or lacks and so implies) PROT_EXEC */
    uint32_t lo, hi;           /* page-aligned span of the PT_LOAD segments */
} ElfImage;

/* Open and validate path (ELF32, EM_ARM, little-endian, ET_EXEC or ET_DYN,
 * EABI 5, sane program headers). On failure err holds one message without
 * the file name ("not an ELF file", "truncated ELF file", ...). */
bool elf_open(const char *path, ElfImage *img, char *err, size_t errlen);
/* The same on an open descriptor (which elf_close closes). */
bool elf_open_fd(int fd, ElfImage *img, char *err, size_t errlen);
void elf_close(ElfImage *img);

/* Where an image landed. */
typedef struct LoadedImage {
    uint32_t bias;             /* load address - link address (0 for ET_EXEC) */
    uint32_t entry;
    uint32_t phdr_addr;        /* guest address of the program headers (AT_PHDR) */
    uint32_t phnum;
    uint32_t start, end;       /* lowest mapped address; end of the last segment's memory */
} LoadedImage;

/* The preferred place of a PIE program run directly (ET_DYN without a
 * fixed address); interpreters go wherever mmap puts them. */
#define LU_PIE_BASE 0x00400000u

/* Map img's PT_LOAD segments into the (reserved) guest space. ET_DYN goes
 * at base_hint if free, else anywhere (base_hint 0: anywhere). */
bool elf_load(const ElfImage *img, uint32_t base_hint, LoadedImage *out, char *err, size_t errlen);

/* The initial stack. The builder writes into host memory [host_top - size,
 * host_top) that stands for guest [guest_top - size, guest_top), so tests
 * can build into a plain buffer. */
typedef struct LuStackArgs {
    int argc;
    char *const *argv;
    char *const *envp;
    const char *execfn;            /* AT_EXECFN */
    const char *platform;          /* AT_PLATFORM, e.g. "v7l" */
    const uint8_t *random;         /* 16 bytes for AT_RANDOM */
    const uint32_t (*auxv)[2];     /* other entries (type, value); no AT_NULL */
    size_t nb_auxv;
} LuStackArgs;

typedef struct LuStackLayout {
    uint32_t sp;                   /* argc is at sp */
    uint32_t argv_addr, envp_addr;
    uint32_t auxv_addr, auxv_len;  /* bytes, including AT_NULL */
    uint32_t arg_start, arg_end;   /* the argv strings (/proc/self/cmdline) */
    uint32_t env_start, env_end;   /* the envp strings (/proc/self/environ) */
} LuStackLayout;

/* Returns false if it does not fit in size ("argument list too long"). */
bool lu_stack_build(void *host_top, uint32_t guest_top, uint32_t size, const LuStackArgs *a,
                    LuStackLayout *out);

/* The kuser helper page at guest 0xffff0000. */
#define LU_KUSER_PAGE 0xffff0000u
/* The kernel's sigreturn codes (linux-user/signal-frame.c) at this offset. */
#define LU_KUSER_SIGRETURN 0x500u
void lu_kuser_fill(uint8_t *page);     /* the 4 KiB page's contents */
bool lu_kuser_map(void);               /* false if the window does not reach it */

#endif

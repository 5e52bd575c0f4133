/*
 * Mapping a validated ELF image into the guest, the way Linux's binfmt_elf
 * does: file-backed private mappings for each PT_LOAD with its own
 * protection, the tail of the last file page and the rest of .bss zeroed,
 * an ET_DYN image placed as one block (its span reserved first, so its
 * segments keep their distances) at a load bias.
 *
 * All mappings go through lu_mmap so the page tracker knows them. A
 * segment whose file offset and address disagree modulo the page size
 * cannot be file-mapped; it is read into anonymous memory instead.
 */
#include "loader/loader.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"

static int segment_prot(uint32_t pflags)
{
    return (pflags & PF_R ? PROT_READ : 0) | (pflags & PF_W ? PROT_WRITE : 0) | (pflags & PF_X ? PROT_EXEC : 0);
}

static bool map_error(char *err, size_t errlen, const char *what, uint32_t addr, int64_t r)
{
    snprintf(err, errlen, "cannot map %s at 0x%08x: %s", what, addr, strerror((int)-r));
    return false;
}

/* Zero [from, page end) inside an already mapped page, whatever its
 * protection. */
static void zero_page_tail(uint32_t from)
{
    uint32_t page = from & ~LU_PAGE_MASK;
    unsigned flags = lu_page_flags(page);
    if (!(flags & PROT_WRITE))
        mprotect(g2h(page), LU_PAGE_SIZE, PROT_READ | PROT_WRITE);
    memset(g2h(from), 0, LU_PAGE_SIZE - (from & LU_PAGE_MASK));
    if (!(flags & PROT_WRITE))
        lu_mprotect(page, LU_PAGE_SIZE, (int)(flags & LU_PG_PROT));
}

static bool load_segment(const ElfImage *img, const Elf32_Phdr *ph, uint32_t bias, char *err, size_t errlen)
{
    int prot = segment_prot(ph->p_flags);
    uint32_t va = ph->p_vaddr + bias;
    uint32_t page = va & ~LU_PAGE_MASK;
    uint32_t file_end = va + ph->p_filesz;
    uint64_t mem_end = (uint64_t)va + ph->p_memsz;
    int64_t r;

    if (ph->p_filesz) {
        uint64_t len = (uint64_t)file_end - page;
        if ((ph->p_offset & LU_PAGE_MASK) == (va & LU_PAGE_MASK)) {
            r = lu_mmap(page, (uint32_t)len, prot, MAP_PRIVATE | MAP_FIXED, img->fd, ph->p_offset - (va - page));
            if (r < 0)
                return map_error(err, errlen, "a segment", page, r);
        } else {
            r = lu_mmap(page, (uint32_t)len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r < 0)
                return map_error(err, errlen, "a segment", page, r);
            if (pread(img->fd, g2h(va), ph->p_filesz, ph->p_offset) != (ssize_t)ph->p_filesz) {
                snprintf(err, errlen, "cannot read a segment: %s", strerror(errno));
                return false;
            }
            lu_mprotect(page, (uint32_t)len, prot);
        }
    }
    if (mem_end <= file_end)
        return true;
    /* .bss: the rest of the last file page, then whole zero pages. */
    uint64_t zero_pages = lu_page_round_up(file_end);
    if (file_end & LU_PAGE_MASK) {
        uint32_t p = file_end & ~LU_PAGE_MASK;
        /* Not mapped, or only by an ET_DYN span's PROT_NONE claim: the
         * page holds nothing but .bss. */
        if (!(lu_page_flags(p) & LU_PG_PROT)) {
            r = lu_mmap(p, LU_PAGE_SIZE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r < 0)
                return map_error(err, errlen, "bss", p, r);
        } else {
            zero_page_tail(file_end);
        }
    }
    uint64_t end = lu_page_round_up(mem_end);
    if (end > zero_pages) {
        r = lu_mmap((uint32_t)zero_pages, (uint32_t)(end - zero_pages), prot,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0)
            return map_error(err, errlen, "bss", (uint32_t)zero_pages, r);
    }
    return true;
}

static uint32_t find_phdr_addr(const ElfImage *img, uint32_t bias)
{
    for (unsigned i = 0; i < img->ehdr.e_phnum; i++)
        if (img->phdr[i].p_type == PT_PHDR)
            return img->phdr[i].p_vaddr + bias;
    /* No PT_PHDR: the headers are wherever the segment holding them went. */
    for (unsigned i = 0; i < img->ehdr.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->phdr[i];
        if (ph->p_type == PT_LOAD && img->ehdr.e_phoff >= ph->p_offset &&
            img->ehdr.e_phoff + img->ehdr.e_phnum * sizeof(Elf32_Phdr) <= (uint64_t)ph->p_offset + ph->p_filesz)
            return ph->p_vaddr + (img->ehdr.e_phoff - ph->p_offset) + bias;
    }
    return 0;
}

bool elf_load(const ElfImage *img, uint32_t base_hint, LoadedImage *out, char *err, size_t errlen)
{
    uint32_t bias = 0;
    uint64_t span = (img->hi ? img->hi : (1ull << 32)) - img->lo;
    if (img->ehdr.e_type == ET_DYN) {
        /* Claim the whole span first so that the segments keep their
         * relative places; gaps between them stay PROT_NONE. */
        int64_t r = -ENOMEM;
        if (base_hint)
            r = lu_mmap(base_hint, (uint32_t)span, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (r < 0)
            r = lu_mmap(0, (uint32_t)span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (r < 0) {
            snprintf(err, errlen, "no room for the program (%llu KiB) in the guest address space",
                     (unsigned long long)(span >> 10));
            return false;
        }
        bias = (uint32_t)r - img->lo;
    }
    for (unsigned i = 0; i < img->ehdr.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->phdr[i];
        if (ph->p_type == PT_LOAD && ph->p_memsz && !load_segment(img, ph, bias, err, errlen))
            return false;
    }
    uint32_t end = 0;
    for (unsigned i = 0; i < img->ehdr.e_phnum; i++) {
        const Elf32_Phdr *ph = &img->phdr[i];
        if (ph->p_type == PT_LOAD && ph->p_vaddr + ph->p_memsz + bias > end)
            end = ph->p_vaddr + ph->p_memsz + bias;
    }
    out->bias = bias;
    out->entry = img->ehdr.e_entry + bias;
    out->phdr_addr = find_phdr_addr(img, bias);
    out->phnum = img->ehdr.e_phnum;
    out->start = img->lo + bias;
    out->end = end;
    return true;
}

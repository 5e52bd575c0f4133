/*
 * The guest address space, beyond what user.h exports to the syscall
 * layer: reserving the window, the per-page tracker, the layout (where the
 * stack and the mmap area go), and the JIT hooks.
 *
 * The tracker is a two-level table of one byte per 4 KiB guest page
 * (protection and kind). The first level is 1024 pointers; a 1 KiB second
 * level is allocated only when a page in its 4 MiB is mapped, so a small
 * program touches a few KiB and startup allocates nothing big.
 */
#ifndef FERRY_LINUX_USER_MMAP_H
#define FERRY_LINUX_USER_MMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LU_PAGE_BITS 12
#define LU_PAGE_SIZE (1u << LU_PAGE_BITS)
#define LU_PAGE_MASK (LU_PAGE_SIZE - 1)
#define LU_GUEST_SPACE (1ull << 32)

/* Per-page flags: the low three bits are the guest's PROT_READ/WRITE/EXEC. */
enum {
    LU_PG_READ = 1,
    LU_PG_WRITE = 2,
    LU_PG_EXEC = 4,
    LU_PG_PROT = 7,
    LU_PG_MAPPED = 8,
    LU_PG_SHARED = 16,   /* MAP_SHARED */
    LU_PG_FILE = 32,     /* backed by a file */
};

static inline uint64_t lu_page_round_up(uint64_t x) { return (x + LU_PAGE_MASK) & ~(uint64_t)LU_PAGE_MASK; }

/* Reserve the guest window of size bytes (0: 4 GiB). With base_given the
 * window starts at host address base; otherwise guest_base 0 is tried
 * first (unless low_needed, the lowest guest address the program needs, is
 * below the host's vm.mmap_min_addr), then anywhere. Returns false with a
 * message in err. */
bool lu_space_reserve(uint64_t size, bool base_given, uintptr_t base, uint32_t low_needed,
                      char *err, size_t errlen);
/* Give the window back (tests, and re-reserving before anything is mapped). */
void lu_space_release(void);
bool lu_space_reserved(void);
uint64_t lu_space_size(void);        /* guest addresses are below this */
uint32_t lu_space_min_addr(void);    /* lowest mappable guest address */

/* Layout: the stack's top and the address below which mmap searches
 * top-down first (like Linux's mmap_base, below the stack's gap). */
uint32_t lu_stack_top(void);
uint32_t lu_mmap_base(void);
void lu_set_mmap_base(uint32_t base);

/* The page tracker. */
unsigned lu_page_flags(uint32_t addr);
/* Find len bytes of free guest space, trying hint first (0: none);
 * returns false if there is none. */
bool lu_find_free(uint32_t hint, uint32_t len, uint32_t *out);
/* Walk the mappings in address order: runs of pages with equal flags.
 * Start with *addr = 0; returns false at the end (for /proc/self/maps). */
bool lu_mapping_next(uint32_t *addr, uint32_t *end, unsigned *flags);

/* File mappings (file-maps.c): the file behind guest pages, for
 * /proc/self/maps. The mmap layer keeps them in step with the tracker. */
typedef struct LuFileMapInfo {
    uint32_t start;
    uint64_t end;              /* exclusive */
    uint64_t offset;           /* file offset at start */
    uint32_t dev_major, dev_minor;
    uint64_t ino;
    char path[4096];           /* the host's name of the file */
} LuFileMapInfo;
void lu_filemap_add(uint32_t start, uint64_t len, int fd, uint64_t offset);
void lu_filemap_remove(uint32_t start, uint64_t len);
/* The record ending at start+old_len now ends at start+new_len. */
void lu_filemap_grow(uint32_t start, uint64_t old_len, uint64_t new_len);
/* mremap's move: [from, from+len) is now at to, new_len long. */
void lu_filemap_move(uint32_t from, uint64_t len, uint32_t to, uint64_t new_len);
void lu_filemap_clear(void);
/* The record holding addr, or else the first one above it; false if none. */
bool lu_filemap_at(uint32_t addr, LuFileMapInfo *out);

/* tcg_read_code for user mode: copies guest code if every page is
 * mapped executable. */
bool lu_read_code(uint32_t addr, void *dst, uint32_t size);

/* Called when executable guest pages are unmapped, replaced or made
 * writable; main() points it at tcg_invalidate (NULL: nothing to tell). */
extern void (*lu_code_invalidate)(uint32_t start, uint32_t end);

/* Around a fork of a guest with threads: the mmap lock is held across
 * it, so that the child never inherits it held by a thread it lacks. */
void lu_mmap_fork_prepare(void);
void lu_mmap_fork_done(void);   /* in the parent and in the child */

/* The heap: brk starts at start (page aligned, after the program). */
void lu_brk_init(uint32_t start);
uint32_t lu_brk_start(void);

#endif

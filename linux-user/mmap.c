/*
 * The guest address space: the reserved window, the page tracker and the
 * guest mmap family (see mmap.h for the layout of the tracker).
 *
 * The whole window is reserved PROT_NONE up front, so host libraries never
 * land inside it; a guest mapping is a host MAP_FIXED mapping inside the
 * window, and a guest munmap maps PROT_NONE back instead of leaving a hole
 * the host could reuse. Guest PROT_EXEC becomes host PROT_READ: the guest's
 * code is read by the translator, never run by the host.
 *
 * Mutating calls hold one lock (guest threads share the space); lookups
 * (lu_access_ok, lu_read_code) read the byte table without it.
 */
#include "linux-user/mmap.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/user.h"
#include "util/die.h"
#include "util/log.h"

uintptr_t guest_base;
void (*lu_code_invalidate)(uint32_t start, uint32_t end);

#define L2_BITS 10
#define L2_SIZE (1u << L2_BITS)
#define L1_SIZE (1u << (32 - LU_PAGE_BITS - L2_BITS))

static uint8_t *page_dir[L1_SIZE];
static uint16_t page_count[L1_SIZE];    /* mapped pages per chunk */

static struct {
    bool reserved;
    uint64_t size;          /* guest addresses are below this */
    uint32_t min_addr;      /* lowest mappable guest address */
    uintptr_t host_start;   /* what was reserved on the host ... */
    size_t host_len;        /* ... including the guard */
    uint32_t mmap_base;
} space;

static pthread_mutex_t mmap_lock = PTHREAD_MUTEX_INITIALIZER;

/* Guard pages after the window: a multi-byte access at the last guest
 * address then faults instead of touching host memory. */
#define GUARD_SIZE 0x10000u

/* ---- the page table ---- */

unsigned lu_page_flags(uint32_t addr)
{
    uint32_t page = addr >> LU_PAGE_BITS;
    const uint8_t *chunk = page_dir[page >> L2_BITS];
    return chunk ? chunk[page & (L2_SIZE - 1)] : 0;
}

static void set_flags(uint32_t start, uint64_t len, unsigned flags)
{
    for (uint64_t a = start; a < (uint64_t)start + len; a += LU_PAGE_SIZE) {
        uint32_t page = (uint32_t)(a >> LU_PAGE_BITS);
        uint32_t l1 = page >> L2_BITS;
        uint8_t *chunk = page_dir[l1];
        if (!chunk) {
            if (!flags)
                continue;
            chunk = calloc(L2_SIZE, 1);
            if (!chunk)
                ferry_die("out of memory (page table)");
            page_dir[l1] = chunk;
        }
        uint8_t *slot = &chunk[page & (L2_SIZE - 1)];
        page_count[l1] += (flags != 0) - (*slot != 0);
        *slot = (uint8_t)flags;
    }
}

/* OR of the flags of every page in [start, start+len). */
static unsigned range_flags_or(uint32_t start, uint64_t len)
{
    unsigned acc = 0;
    for (uint64_t a = start; a < (uint64_t)start + len; a += LU_PAGE_SIZE)
        acc |= lu_page_flags((uint32_t)a);
    return acc;
}

static bool range_all_mapped(uint32_t start, uint64_t len)
{
    for (uint64_t a = start; a < (uint64_t)start + len; a += LU_PAGE_SIZE)
        if (!(lu_page_flags((uint32_t)a) & LU_PG_MAPPED))
            return false;
    return true;
}

static bool in_window(uint64_t start, uint64_t len)
{
    return start >= space.min_addr && start + len <= space.size && start + len >= start;
}

/* ---- the window ---- */

static uint32_t host_mmap_min_addr(void)
{
    uint32_t v = 65536;   /* the usual default if /proc is not there */
    int fd = open("/proc/sys/vm/mmap_min_addr", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char buf[32];
        ssize_t n = read(fd, buf, sizeof(buf) - 1);
        if (n > 0) {
            buf[n] = 0;
            v = (uint32_t)strtoul(buf, NULL, 10);
        }
        close(fd);
    }
    return (uint32_t)lu_page_round_up(v ? v : LU_PAGE_SIZE);
}

static void *reserve_at(uintptr_t addr, size_t len, bool fixed)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | (fixed ? MAP_FIXED_NOREPLACE : 0);
    void *p = mmap((void *)addr, len, PROT_NONE, flags, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (fixed && (uintptr_t)p != addr) {   /* a kernel without MAP_FIXED_NOREPLACE */
        munmap(p, len);
        return NULL;
    }
    return p;
}

static void layout_init(void)
{
    /* Keep the top 64 KiB for the kuser page and a 16 MiB gap under it;
     * mmap searches first below the stack and its 128 MiB gap. */
    uint64_t top = space.size < 0xffff0000ull ? space.size : 0xffff0000ull;
    uint64_t stack_top = top > (32u << 20) ? top - (16u << 20) : top;
    uint64_t gap = 128u << 20;
    uint64_t base = stack_top > gap * 2 ? stack_top - gap : stack_top / 2;
    space.mmap_base = (uint32_t)(base & ~(uint64_t)LU_PAGE_MASK);
}

bool lu_space_reserve(uint64_t size, bool base_given, uintptr_t base, uint32_t low_needed,
                      char *err, size_t errlen)
{
    if (space.reserved)
        lu_space_release();
    if (size == 0)
        size = LU_GUEST_SPACE;
    if (size > LU_GUEST_SPACE || size < (16u << 20) || (size & LU_PAGE_MASK)) {
        snprintf(err, errlen, "reserved guest space must be between 16M and 4G, in whole pages");
        return false;
    }
    uint32_t host_min = host_mmap_min_addr();
    if (base_given) {
        if (base & LU_PAGE_MASK) {
            snprintf(err, errlen, "guest base 0x%lx is not page aligned", (unsigned long)base);
            return false;
        }
        if (base == 0 && low_needed < host_min) {
            snprintf(err, errlen, "guest base 0 cannot hold the program at 0x%x (below vm.mmap_min_addr 0x%x)",
                     low_needed, host_min);
            return false;
        }
        bool ok = base == 0 ? reserve_at(host_min, size - host_min, true) != NULL
                            : reserve_at(base, size + GUARD_SIZE, true) != NULL;
        if (!ok) {
            snprintf(err, errlen, "cannot reserve guest space at 0x%lx: address range in use",
                     (unsigned long)base);
            return false;
        }
    } else if (low_needed >= host_min && reserve_at(host_min, size - host_min, true)) {
        base = 0;
    } else {
        void *p = reserve_at(0, size + GUARD_SIZE, false);
        if (!p) {
            snprintf(err, errlen, "cannot reserve %llu MiB of address space for the guest",
                     (unsigned long long)(size >> 20));
            return false;
        }
        base = (uintptr_t)p;
    }
    guest_base = base;
    space.reserved = true;
    space.size = size;
    if (base == 0) {
        space.min_addr = host_min;
        space.host_start = host_min;
        space.host_len = size - host_min;
        /* Best effort: a guard above 4 GiB. */
        if (size == LU_GUEST_SPACE && reserve_at((uintptr_t)size, GUARD_SIZE, true))
            space.host_len += GUARD_SIZE;
    } else {
        /* Keep guest page 0 unmapped so that guest NULL pointers fault. */
        space.min_addr = LU_PAGE_SIZE;
        space.host_start = base;
        space.host_len = size + GUARD_SIZE;
    }
    layout_init();
    ferry_log(FERRY_LOG_page, "page: guest space 0x%llx bytes at host 0x%lx (guest_base), mappable from 0x%x\n",
              (unsigned long long)size, (unsigned long)guest_base, space.min_addr);
    return true;
}

void lu_space_release(void)
{
    if (!space.reserved)
        return;
    munmap((void *)space.host_start, space.host_len);
    for (uint32_t i = 0; i < L1_SIZE; i++) {
        free(page_dir[i]);
        page_dir[i] = NULL;
        page_count[i] = 0;
    }
    memset(&space, 0, sizeof(space));
    guest_base = 0;
    lu_filemap_clear();
}

bool lu_space_reserved(void) { return space.reserved; }
uint64_t lu_space_size(void) { return space.size; }
uint32_t lu_space_min_addr(void) { return space.min_addr; }
uint32_t lu_mmap_base(void) { return space.mmap_base; }
void lu_set_mmap_base(uint32_t base) { space.mmap_base = base & ~LU_PAGE_MASK; }

uint32_t lu_stack_top(void)
{
    uint64_t top = space.size < 0xffff0000ull ? space.size : 0xffff0000ull;
    return (uint32_t)(top > (32u << 20) ? top - (16u << 20) : top);
}

/* ---- finding free space ---- */

/* Top-down search for len bytes of free pages in [lo, hi). */
static bool find_free_in(uint64_t lo, uint64_t hi, uint64_t len, uint32_t *out)
{
    uint64_t run = 0;
    uint64_t a = hi & ~(uint64_t)LU_PAGE_MASK;
    while (a > lo) {
        uint32_t page = (uint32_t)((a - 1) >> LU_PAGE_BITS);
        uint32_t l1 = page >> L2_BITS;
        if (page_count[l1] == 0 && (page & (L2_SIZE - 1)) == L2_SIZE - 1 &&
            a - ((uint64_t)L2_SIZE << LU_PAGE_BITS) >= lo) {
            /* A whole empty 4 MiB chunk. */
            uint64_t step = (uint64_t)L2_SIZE << LU_PAGE_BITS;
            if (run + step >= len) {
                *out = (uint32_t)(a + run - len);
                return true;
            }
            run += step;
            a -= step;
            continue;
        }
        if (lu_page_flags((uint32_t)(a - LU_PAGE_SIZE)) & LU_PG_MAPPED) {
            run = 0;
        } else {
            run += LU_PAGE_SIZE;
            if (run >= len) {
                *out = (uint32_t)(a - LU_PAGE_SIZE);
                return true;
            }
        }
        a -= LU_PAGE_SIZE;
    }
    return false;
}

static bool range_free(uint64_t start, uint64_t len)
{
    return in_window(start, len) && !(range_flags_or((uint32_t)start, len) & LU_PG_MAPPED);
}

bool lu_find_free(uint32_t hint, uint32_t len, uint32_t *out)
{
    uint64_t plen = lu_page_round_up(len);
    if (plen == 0 || plen > space.size)
        return false;
    if (hint) {
        uint64_t h = hint & ~(uint64_t)LU_PAGE_MASK;
        if (range_free(h, plen)) {
            *out = (uint32_t)h;
            return true;
        }
    }
    if (find_free_in(space.min_addr, space.mmap_base, plen, out))
        return true;
    /* Then anywhere, as Linux falls back when the area below the base is
     * full. */
    return find_free_in(space.min_addr, space.size, plen, out);
}

bool lu_mapping_next(uint32_t *addr, uint32_t *end, unsigned *flags)
{
    uint64_t a = *addr & ~(uint64_t)LU_PAGE_MASK;
    while (a < space.size && !(lu_page_flags((uint32_t)a) & LU_PG_MAPPED)) {
        uint32_t page = (uint32_t)(a >> LU_PAGE_BITS);
        if (!page_count[page >> L2_BITS])
            a = ((uint64_t)(page >> L2_BITS) + 1) << (L2_BITS + LU_PAGE_BITS);
        else
            a += LU_PAGE_SIZE;
    }
    if (a >= space.size)
        return false;
    unsigned f = lu_page_flags((uint32_t)a);
    uint64_t e = a + LU_PAGE_SIZE;
    while (e < space.size && lu_page_flags((uint32_t)e) == f)
        e += LU_PAGE_SIZE;
    *addr = (uint32_t)a;
    *end = (uint32_t)e;   /* 0 if the run reaches 4 GiB */
    *flags = f;
    return true;
}

/* ---- checks used by syscalls and the translator ---- */

static unsigned effective_prot(unsigned f)
{
    unsigned p = f & LU_PG_PROT;
    /* Writable or executable pages are also readable, on ARM as on x86. */
    if (p & (LU_PG_WRITE | LU_PG_EXEC))
        p |= LU_PG_READ;
    return p;
}

bool lu_access_ok(uint32_t addr, uint32_t len, int prot)
{
    if (len == 0)
        return true;
    uint64_t end = (uint64_t)addr + len;
    if (end > space.size)
        return false;
    unsigned want = (unsigned)prot & (LU_PG_READ | LU_PG_WRITE);
    for (uint64_t a = addr & ~(uint64_t)LU_PAGE_MASK; a < end; a += LU_PAGE_SIZE) {
        unsigned f = lu_page_flags((uint32_t)a);
        if (!(f & LU_PG_MAPPED) || (effective_prot(f) & want) != want)
            return false;
    }
    return true;
}

bool lu_read_code(uint32_t addr, void *dst, uint32_t size)
{
    if (size == 0)
        return true;
    uint64_t end = (uint64_t)addr + size;
    if (end > space.size)
        return false;
    for (uint64_t a = addr & ~(uint64_t)LU_PAGE_MASK; a < end; a += LU_PAGE_SIZE) {
        unsigned f = lu_page_flags((uint32_t)a);
        /* Only executable pages, as ARMv7's XN enforces: it also keeps
         * every translation on a page whose changes reach the JIT. */
        if (!(f & LU_PG_MAPPED) || !(f & LU_PG_EXEC))
            return false;
    }
    memcpy(dst, g2h(addr), size);
    return true;
}

/* ---- the mmap family ---- */

static int host_prot(int prot)
{
    int p = 0;
    if (prot & (PROT_READ | PROT_EXEC))
        p |= PROT_READ;
    if (prot & PROT_WRITE)
        p |= PROT_WRITE | PROT_READ;
    return p;
}

static void invalidate_if_code(uint32_t start, uint64_t len, unsigned old_or)
{
    if ((old_or & LU_PG_EXEC) && lu_code_invalidate)
        lu_code_invalidate(start, (uint32_t)(start + len));
}

static void log_map(const char *what, uint32_t start, uint64_t len, int prot)
{
    ferry_log(FERRY_LOG_page, "page: %s 0x%08x-0x%08llx %c%c%c\n", what, start,
              (unsigned long long)(start + len), prot & PROT_READ ? 'r' : '-',
              prot & PROT_WRITE ? 'w' : '-', prot & PROT_EXEC ? 'x' : '-');
}

/* Put PROT_NONE reservation back over [start, start+len). */
static void rereserve(uint32_t start, uint64_t len)
{
    void *p = mmap(g2h(start), len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED)
        ferry_die("cannot re-reserve guest memory at 0x%x: %s", start, strerror(errno));
}

#define GUEST_PROT_OK (PROT_READ | PROT_WRITE | PROT_EXEC)
/* Flags passed on to the host as they are (same values on ARM and x86). */
#define MAP_PASS (MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE | MAP_LOCKED | MAP_NONBLOCK)

static int64_t mmap_locked(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t offset)
{
    if (len == 0 || (prot & ~GUEST_PROT_OK) || (offset & LU_PAGE_MASK))
        return -EINVAL;
    int type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    uint64_t plen = lu_page_round_up(len);
    if (plen > space.size)
        return -ENOMEM;
    uint32_t start;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr & LU_PAGE_MASK)
            return -EINVAL;
        if ((uint64_t)addr + plen > space.size)
            return -ENOMEM;
        if (addr < space.min_addr)
            return -EPERM;   /* as the kernel says below vm.mmap_min_addr */
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) &&
            (range_flags_or(addr, plen) & LU_PG_MAPPED))
            return -EEXIST;
        start = addr;
    } else if (!lu_find_free(addr, (uint32_t)plen, &start)) {
        return -ENOMEM;
    }
    bool anon = flags & MAP_ANONYMOUS;
    int hflags = (type == MAP_SHARED_VALIDATE ? MAP_SHARED : type) | (flags & MAP_PASS) | MAP_FIXED;
    void *p = mmap(g2h(start), plen, host_prot(prot), hflags, anon ? -1 : fd, anon ? 0 : (off_t)offset);
    if (p == MAP_FAILED)
        return -errno;
    unsigned old = range_flags_or(start, plen);
    invalidate_if_code(start, plen, old);
    set_flags(start, plen, (unsigned)prot | LU_PG_MAPPED | (type != MAP_PRIVATE ? LU_PG_SHARED : 0) |
                               (anon ? 0 : LU_PG_FILE));
    if (anon)
        lu_filemap_remove(start, plen);
    else
        lu_filemap_add(start, plen, fd, offset);
    log_map("mmap", start, plen, prot);
    return start;
}

int64_t lu_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t offset)
{
    pthread_mutex_lock(&mmap_lock);
    int64_t r = mmap_locked(addr, len, prot, flags, fd, offset);
    pthread_mutex_unlock(&mmap_lock);
    return r;
}

static int munmap_locked(uint32_t addr, uint32_t len)
{
    if ((addr & LU_PAGE_MASK) || len == 0)
        return -EINVAL;
    uint64_t end = (uint64_t)addr + lu_page_round_up(len);
    if (end > space.size)
        return -EINVAL;
    uint64_t start = addr < space.min_addr ? space.min_addr : addr;
    if (start >= end)
        return 0;
    unsigned old = range_flags_or((uint32_t)start, end - start);
    if (!(old & LU_PG_MAPPED))
        return 0;
    rereserve((uint32_t)start, end - start);
    invalidate_if_code((uint32_t)start, end - start, old);
    set_flags((uint32_t)start, end - start, 0);
    lu_filemap_remove((uint32_t)start, end - start);
    log_map("munmap", (uint32_t)start, end - start, 0);
    return 0;
}

int lu_munmap(uint32_t addr, uint32_t len)
{
    pthread_mutex_lock(&mmap_lock);
    int r = munmap_locked(addr, len);
    pthread_mutex_unlock(&mmap_lock);
    return r;
}

static int mprotect_locked(uint32_t addr, uint32_t len, int prot)
{
    prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);   /* the guest's stack is not grown */
    if ((addr & LU_PAGE_MASK) || (prot & ~GUEST_PROT_OK))
        return -EINVAL;
    uint64_t plen = lu_page_round_up(len);
    if (plen == 0)
        return 0;
    if ((uint64_t)addr + plen > space.size || !range_all_mapped(addr, plen))
        return -ENOMEM;
    if (mprotect(g2h(addr), plen, host_prot(prot)) != 0)
        return -errno;
    unsigned old = range_flags_or(addr, plen);
    if ((prot & PROT_WRITE) || !(prot & PROT_EXEC))
        invalidate_if_code(addr, plen, old);
    for (uint64_t a = addr; a < (uint64_t)addr + plen; a += LU_PAGE_SIZE) {
        unsigned f = lu_page_flags((uint32_t)a);
        set_flags((uint32_t)a, LU_PAGE_SIZE, (f & ~LU_PG_PROT) | (unsigned)prot);
    }
    log_map("mprotect", addr, plen, prot);
    return 0;
}

void lu_mmap_fork_prepare(void) { pthread_mutex_lock(&mmap_lock); }
/* A plain mutex: the child's only thread is the one that locked it. */
void lu_mmap_fork_done(void) { pthread_mutex_unlock(&mmap_lock); }

int lu_mprotect(uint32_t addr, uint32_t len, int prot)
{
    pthread_mutex_lock(&mmap_lock);
    int r = mprotect_locked(addr, len, prot);
    pthread_mutex_unlock(&mmap_lock);
    return r;
}

/* Copy the page flags of [from, from+len) to [to, ...), extending the last
 * page's flags over extra bytes. */
static void move_flags(uint32_t from, uint64_t len, uint32_t to, uint64_t new_len)
{
    unsigned last = 0;
    uint8_t *tmp = malloc(new_len >> LU_PAGE_BITS);
    if (!tmp)
        ferry_die("out of memory (mremap)");
    for (uint64_t i = 0; i < new_len; i += LU_PAGE_SIZE) {
        if (i < len)
            last = lu_page_flags((uint32_t)(from + i));
        tmp[i >> LU_PAGE_BITS] = (uint8_t)last;
    }
    set_flags(from, len, 0);
    for (uint64_t i = 0; i < new_len; i += LU_PAGE_SIZE)
        set_flags((uint32_t)(to + i), LU_PAGE_SIZE, tmp[i >> LU_PAGE_BITS]);
    free(tmp);
}

static int64_t mremap_locked(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr)
{
    if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) || (old_addr & LU_PAGE_MASK) || new_len == 0)
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if (old_len == 0) {
        ferry_log(FERRY_LOG_unimp, "unimp: mremap with old_len 0 (duplicating a shared mapping)\n");
        return -EINVAL;
    }
    uint64_t pold = lu_page_round_up(old_len), pnew = lu_page_round_up(new_len);
    if ((uint64_t)old_addr + pold > space.size || !range_all_mapped(old_addr, pold))
        return -EFAULT;
    if (flags & MREMAP_FIXED) {
        if ((new_addr & LU_PAGE_MASK) || !in_window(new_addr, pnew))
            return -EINVAL;
        if (new_addr < old_addr + pold && old_addr < new_addr + pnew)
            return -EINVAL;
    } else if (pnew <= pold) {
        if (pnew < pold)
            munmap_locked((uint32_t)(old_addr + pnew), (uint32_t)(pold - pnew));
        return old_addr;
    } else {
        unsigned last = lu_page_flags((uint32_t)(old_addr + pold - LU_PAGE_SIZE));
        uint64_t tail = old_addr + pold;
        if (range_free(tail, pnew - pold)) {
            if (!(last & (LU_PG_FILE | LU_PG_SHARED))) {
                /* Private anonymous memory grows by mapping more of it. */
                void *p = mmap(g2h((uint32_t)tail), pnew - pold, host_prot(last & LU_PG_PROT),
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
                if (p == MAP_FAILED)
                    return -errno;
            } else {
                /* A file or shared mapping: open a real hole after it so
                 * the host can grow it in place. */
                munmap(g2h((uint32_t)tail), pnew - pold);
                void *p = mremap(g2h(old_addr), pold, pnew, 0);
                if (p == MAP_FAILED) {
                    int e = errno;
                    rereserve((uint32_t)tail, pnew - pold);
                    return -e;
                }
            }
            set_flags((uint32_t)tail, pnew - pold, last);
            if (last & LU_PG_FILE)
                lu_filemap_grow(old_addr, pold, pnew);
            log_map("mremap-grow", old_addr, pnew, (int)(last & LU_PG_PROT));
            return old_addr;
        }
        if (!(flags & MREMAP_MAYMOVE))
            return -ENOMEM;
        if (!lu_find_free(0, (uint32_t)pnew, &new_addr))
            return -ENOMEM;
    }
    /* Move to new_addr (which the host mremap unmaps first). */
    unsigned old_at_new = range_flags_or(new_addr, pnew);
    void *p = mremap(g2h(old_addr), pold, pnew, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(new_addr));
    if (p == MAP_FAILED)
        return -errno;
    unsigned old = range_flags_or(old_addr, pold);
    rereserve(old_addr, pold);
    invalidate_if_code(old_addr, pold, old);
    invalidate_if_code(new_addr, pnew, old_at_new);
    move_flags(old_addr, pold, new_addr, pnew);
    lu_filemap_move(old_addr, pold, new_addr, pnew);
    log_map("mremap-move", new_addr, pnew, (int)(old & LU_PG_PROT));
    return new_addr;
}

int64_t lu_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr)
{
    pthread_mutex_lock(&mmap_lock);
    int64_t r = mremap_locked(old_addr, old_len, new_len, flags, new_addr);
    pthread_mutex_unlock(&mmap_lock);
    return r;
}

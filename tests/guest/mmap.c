/* Guest memory management: anonymous mmap/munmap, mprotect (a write to a
 * read-only page raises SIGSEGV, caught and recovered with siglongjmp),
 * MAP_FIXED over an existing mapping, mremap growing a mapping with its
 * contents, a shared file mapping whose stores are seen by read(), a
 * private one whose stores are not, sbrk growth, madvise(DONTNEED)
 * zeroing anonymous memory, and mmap failure modes (errno values);
 * the checks that need a SIGSEGV handler come last.
 * GUEST-TEST: args @TMP@
 */
#define _GNU_SOURCE
#include "guest.h"
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int faults;
static void on_segv(int sig) { (void)sig; faults++; siglongjmp(jb, 1); }

static int try_write(volatile char *p, char v)
{
    if (sigsetjmp(jb, 1)) return 0;
    *p = v;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1])) { printf("usage: mmap SCRATCHDIR\n"); return 2; }
    setvbuf(stdout, NULL, _IOLBF, 0);   /* keep what was printed if a fault kills us */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    long pg = sysconf(_SC_PAGESIZE);

    char *a = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anon mmap ok=%d aligned=%d zeroed=%d\n", a != MAP_FAILED, (uintptr_t)a % (uintptr_t)pg == 0,
           a[0] == 0 && a[16 * pg - 1] == 0);
    for (long i = 0; i < 16 * pg; i++) a[i] = (char)(i % 251);
    char *f = mmap(a + 8 * pg, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED same address=%d replaced with zeros=%d neighbour kept=%d\n", f == a + 8 * pg,
           f[0] == 0 && f[2 * pg - 1] == 0, a[10 * pg] == (char)((10 * pg) % 251));
    printf("munmap middle=%d\n", munmap(a + 12 * pg, pg));
    char *g = mremap(a, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
    int kept = g != MAP_FAILED;
    for (long i = 0; kept && i < 4 * pg; i++) kept = g[i] == (char)(i % 251);
    printf("mremap grow ok=%d contents kept=%d tail zero=%d\n", g != MAP_FAILED, kept, g[63 * pg] == 0);
    g[63 * pg] = 5;

    int fd = open("file", O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, 3 * pg);
    char *s = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(s + pg + 7, "shared-write", 12);
    msync(s, 3 * pg, MS_SYNC);
    char buf[16] = { 0 };
    pread(fd, buf, 12, pg + 7);
    printf("shared mapping store seen by read: '%s'\n", buf);
    pwrite(fd, "from-write", 10, 100);
    printf("write seen through shared mapping: '%.10s'\n", s + 100);
    char *p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    memcpy(p + 100, "PRIVATE!!!", 10);
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 10, 100);
    printf("private store not in file: '%s' mapping has '%.10s'\n", buf, p + 100);
    char *off = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, pg);
    printf("mapping at file offset: '%.12s'\n", off + 7);
    close(fd);
    printf("mapping outlives close: '%.12s'\n", s + pg + 7);

    void *b0 = sbrk(0);
    char *b1 = sbrk(100000);
    memset(b1, 0x5a, 100000);
    void *b2 = sbrk(0);
    printf("sbrk grew by %ld, old break returned=%d\n", (long)((char *)b2 - (char *)b0), (void *)b1 == b0);
    sbrk(-100000);
    printf("sbrk shrink back=%d\n", sbrk(0) == b0);

    char *z = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(z, 7, 2 * pg);
    madvise(z, 2 * pg, MADV_DONTNEED);
    printf("madvise DONTNEED zeroes=%d\n", z[0] == 0 && z[2 * pg - 1] == 0);

    errno = 0;
    void *bad = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap length 0: failed=%d EINVAL=%d\n", bad == MAP_FAILED, errno == EINVAL);
    errno = 0;
    bad = mmap(NULL, pg, PROT_READ, MAP_SHARED, 99, 0);
    printf("mmap bad fd: failed=%d EBADF=%d\n", bad == MAP_FAILED, errno == EBADF);
    errno = 0;
    bad = mmap((void *)(a + 1), pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED unaligned: failed=%d EINVAL=%d\n", bad == MAP_FAILED, errno == EINVAL);
    errno = 0;
    int mu = munmap(a + 1, pg);
    printf("munmap unaligned: %d EINVAL=%d\n", mu, errno == EINVAL);

    /* Faults last (they need signal delivery): a write to a read-only
     * page, a read of a PROT_NONE page, a read of an unmapped page. */
    a = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (long i = 0; i < 16 * pg; i++) a[i] = (char)(i % 251);
    munmap(a + 12 * pg, pg);
    printf("mprotect ro=%d\n", mprotect(a + 4 * pg, pg, PROT_READ));
    int w1 = try_write(a + 4 * pg + 10, 1);
    int w2 = try_write(a + 5 * pg + 10, 1);
    printf("write to read-only page ok=%d, next page ok=%d, faults=%d, value kept=%d\n", w1, w2, faults,
           a[4 * pg + 10] == (char)((4 * pg + 10) % 251));
    mprotect(a + 4 * pg, pg, PROT_NONE);
    volatile int r1 = 1;
    if (sigsetjmp(jb, 1) == 0) { volatile char c = a[4 * pg]; (void)c; } else r1 = 0;
    printf("read of PROT_NONE page ok=%d faults=%d\n", r1, faults);
    mprotect(a + 4 * pg, pg, PROT_READ | PROT_WRITE);

    volatile int r2 = 1;
    if (sigsetjmp(jb, 1) == 0) { volatile char c = a[12 * pg]; (void)c; } else r2 = 0;
    printf("read of unmapped page ok=%d faults=%d\n", r2, faults);

    return 0;
}

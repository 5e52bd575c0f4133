/*
 * getdents64. The record layout (u64 ino, s64 off, u16 reclen, u8 type,
 * name) is the same on both sides, but the offsets are not: for a 32-bit
 * task the kernel hands out directory cookies that fit in 32 bits (ext4,
 * for one, switches to 32-bit hashes), while ferry, a 64-bit task, gets
 * 64-bit hashes. A 32-bit glibc's readdir fails with EOVERFLOW on those,
 * so a directory listing comes back empty.
 *
 * So an offset that does not fit below SYS_DIR_COOKIE_BASE is replaced by
 * a cookie, SYS_DIR_COOKIE_BASE + its index in a per-directory table of
 * host offsets, and lseek/_llseek translate a cookie back (telldir/
 * seekdir). The table belongs to one open directory (fd, device, inode);
 * offsets that already fit (tmpfs, small linear directories) pass as they
 * are. Real offsets at or above 1 GiB in a linear directory would clash;
 * no file system produces those for a directory in practice. Guest
 * threads share the tables: one lock around every use.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/sys.h"

#define SYS_DIR_COOKIE_BASE 0x40000000u
#define SYS_DIR_COOKIE_MAX (1u << 20)   /* entries per directory before starting over */
#define SYS_DIR_TABLES 16

typedef struct DirCookies {
    int fd;                 /* -1: free */
    dev_t dev;
    ino_t ino;
    uint64_t *host_off;
    uint32_t n, cap;
} DirCookies;

static DirCookies dir_tables[SYS_DIR_TABLES] = {
    [0 ... SYS_DIR_TABLES - 1] = { .fd = -1 },
};
static unsigned dir_next_victim;
static pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;

static DirCookies *dir_find(int fd, const struct stat *st)
{
    for (unsigned i = 0; i < SYS_DIR_TABLES; i++) {
        DirCookies *t = &dir_tables[i];
        if (t->fd == fd && t->dev == st->st_dev && t->ino == st->st_ino)
            return t;
    }
    return NULL;
}

static DirCookies *dir_get(int fd, const struct stat *st)
{
    DirCookies *t = dir_find(fd, st);
    if (t)
        return t;
    /* A table for an fd that now names another directory is stale. */
    for (unsigned i = 0; i < SYS_DIR_TABLES && !t; i++)
        if (dir_tables[i].fd == fd || dir_tables[i].fd < 0)
            t = &dir_tables[i];
    if (!t)
        t = &dir_tables[dir_next_victim++ % SYS_DIR_TABLES];
    t->fd = fd;
    t->dev = st->st_dev;
    t->ino = st->st_ino;
    t->n = 0;
    return t;
}

static int64_t dir_cookie(DirCookies *t, uint64_t host_off)
{
    if (t->n == SYS_DIR_COOKIE_MAX)
        t->n = 0;   /* older cookies are forgotten, as a bounded table must */
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 256;
        uint64_t *p = realloc(t->host_off, cap * sizeof *p);
        if (!p)
            return -ENOMEM;
        t->host_off = p;
        t->cap = cap;
    }
    t->host_off[t->n] = host_off;
    return SYS_DIR_COOKIE_BASE + t->n++;
}

/* Offsets of the records in buf[0, len) rewritten in place. */
static int64_t fix_offsets_locked(int fd, uint8_t *buf, size_t len)
{
    DirCookies *t = NULL;
    struct stat st;
    for (size_t pos = 0; pos + 19 <= len;) {
        uint16_t reclen;
        int64_t off;
        memcpy(&reclen, buf + pos + 16, 2);
        memcpy(&off, buf + pos + 8, 8);
        if (reclen < 19 || pos + reclen > len)
            return -EIO;
        if ((uint64_t)off >= SYS_DIR_COOKIE_BASE) {
            if (!t) {
                if (fstat(fd, &st) < 0)
                    return -errno;
                t = dir_get(fd, &st);
            }
            int64_t c = dir_cookie(t, (uint64_t)off);
            if (c < 0)
                return c;
            memcpy(buf + pos + 8, &c, 8);
        }
        pos += reclen;
    }
    return 0;
}

int64_t sys_dir_fix_offsets(int fd, uint8_t *buf, size_t len)
{
    pthread_mutex_lock(&dir_lock);
    int64_t r = fix_offsets_locked(fd, buf, len);
    pthread_mutex_unlock(&dir_lock);
    return r;
}

static bool seek_offset_locked(int fd, int64_t guest_off, int64_t *host_off)
{
    struct stat st;
    bool any = false;
    for (unsigned i = 0; i < SYS_DIR_TABLES; i++)
        any |= dir_tables[i].fd == fd;
    if (!any || fstat(fd, &st) < 0)
        return false;
    DirCookies *t = dir_find(fd, &st);
    uint32_t idx = (uint32_t)(guest_off - SYS_DIR_COOKIE_BASE);
    if (!t || idx >= t->n)
        return false;
    *host_off = (int64_t)t->host_off[idx];
    return true;
}

bool sys_dir_seek_offset(int fd, int64_t guest_off, int64_t *host_off)
{
    if (guest_off < SYS_DIR_COOKIE_BASE || guest_off >= SYS_DIR_COOKIE_BASE + (int64_t)SYS_DIR_COOKIE_MAX)
        return false;
    pthread_mutex_lock(&dir_lock);
    bool r = seek_offset_locked(fd, guest_off, host_off);
    pthread_mutex_unlock(&dir_lock);
    return r;
}

int64_t sys_h_getdents64(ArmCpu *cpu, const SysArgs *a)
{
    int fd = (int)sys_s32(a->v[0]);
    uint32_t count = (uint32_t)a->v[2];
    uint8_t *buf = sys_guest_buf((uint32_t)a->v[1], count, PROT_WRITE);
    if (!buf)
        return -EFAULT;
    long n = syscall(SYS_getdents64, fd, buf, (unsigned long)count);
    if (n <= 0)
        return sys_host_result(n);
    int64_t err = sys_dir_fix_offsets(fd, buf, (size_t)n);
    return err ? err : n;
}

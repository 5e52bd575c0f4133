/*
 * What the page tracker does not know about file mappings: which file a
 * range of guest pages maps, at which offset (for /proc/self/maps, where
 * loaders, debuggers and runtimes look for their own libraries).
 *
 * A sorted array of non-overlapping records, one per file mmap, split and
 * clipped as the guest unmaps, replaces or moves parts of them. The array
 * is small (a few records per library) and changes only on mmap calls,
 * so linear updates are fine. The file's identity (path, device, inode)
 * is taken when it is mapped, because the descriptor may be closed right
 * after. It has its own lock: the mmap layer calls in holding its lock,
 * readers (/proc/self/maps) take only this one.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "util/die.h"

typedef struct FileMap {
    uint32_t start;
    uint64_t end;        /* exclusive; may be 4 GiB */
    uint64_t offset;     /* file offset at start */
    uint32_t dev_major, dev_minor;
    uint64_t ino;
    char *path;
} FileMap;

static FileMap *maps;
static size_t nmaps, cap;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static char *dup_or_die(const char *s)
{
    char *p = strdup(s);
    if (!p)
        ferry_die("out of memory (file mappings)");
    return p;
}

/* Make room for one record at index i. */
static FileMap *insert_at(size_t i)
{
    if (nmaps == cap) {
        cap = cap ? cap * 2 : 32;
        maps = realloc(maps, cap * sizeof(*maps));
        if (!maps)
            ferry_die("out of memory (file mappings)");
    }
    memmove(&maps[i + 1], &maps[i], (nmaps - i) * sizeof(*maps));
    nmaps++;
    return &maps[i];
}

static void delete_at(size_t i)
{
    free(maps[i].path);
    memmove(&maps[i], &maps[i + 1], (nmaps - i - 1) * sizeof(*maps));
    nmaps--;
}

static void insert_sorted(const FileMap *m)
{
    size_t i = 0;
    while (i < nmaps && maps[i].start < m->start)
        i++;
    *insert_at(i) = *m;
}

/* Forget [start, end): records inside go, records across are clipped or
 * split in two. */
static void remove_locked(uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < nmaps;) {
        FileMap *m = &maps[i];
        if (m->end <= start || m->start >= end) {
            i++;
        } else if (m->start >= start && m->end <= end) {
            delete_at(i);
        } else if (m->start < start && m->end > end) {
            FileMap right = *m;
            right.offset += end - m->start;
            right.start = (uint32_t)end;
            right.path = dup_or_die(m->path);
            m->end = start;
            *insert_at(i + 1) = right;
            i += 2;
        } else if (m->start < start) {
            m->end = start;
            i++;
        } else {
            m->offset += end - m->start;
            m->start = (uint32_t)end;
            i++;
        }
    }
}

void lu_filemap_add(uint32_t start, uint64_t len, int fd, uint64_t offset)
{
    struct stat st;
    char link[64], path[PATH_MAX];
    FileMap m = { .start = start, .end = (uint64_t)start + len, .offset = offset };
    if (fstat(fd, &st) == 0) {
        m.dev_major = major(st.st_dev);
        m.dev_minor = minor(st.st_dev);
        m.ino = st.st_ino;
    }
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    path[n > 0 ? n : 0] = 0;
    m.path = dup_or_die(path);
    pthread_mutex_lock(&lock);
    remove_locked(m.start, m.end);
    insert_sorted(&m);
    pthread_mutex_unlock(&lock);
}

void lu_filemap_remove(uint32_t start, uint64_t len)
{
    pthread_mutex_lock(&lock);
    remove_locked(start, (uint64_t)start + len);
    pthread_mutex_unlock(&lock);
}

void lu_filemap_grow(uint32_t start, uint64_t old_len, uint64_t new_len)
{
    uint64_t old_end = (uint64_t)start + old_len;
    pthread_mutex_lock(&lock);
    remove_locked(old_end, (uint64_t)start + new_len);
    for (size_t i = 0; i < nmaps; i++)
        if (maps[i].end == old_end && maps[i].start < old_end && maps[i].start >= start)
            maps[i].end = (uint64_t)start + new_len;
    pthread_mutex_unlock(&lock);
}

void lu_filemap_move(uint32_t from, uint64_t len, uint32_t to, uint64_t new_len)
{
    uint64_t from_end = (uint64_t)from + len, keep = len < new_len ? len : new_len;
    pthread_mutex_lock(&lock);
    /* What the records become, collected before the old range is cleared
     * (the two ranges do not overlap: mremap refuses that). */
    size_t n = 0;
    FileMap *moved = malloc((nmaps + 1) * sizeof(*moved));
    if (!moved)
        ferry_die("out of memory (file mappings)");
    for (size_t i = 0; i < nmaps; i++) {
        FileMap m = maps[i];
        if (m.end <= from || m.start >= from + keep)
            continue;
        if (m.start < from) {
            m.offset += from - m.start;
            m.start = from;
        }
        uint64_t end = m.end < from + keep ? m.end : from + keep;
        /* The record of the old last page also covers the growth. */
        if (m.end >= from_end && new_len > len)
            end = from + new_len;
        m.start = to + (m.start - from);
        m.end = to + (end - from);
        m.path = dup_or_die(m.path);
        moved[n++] = m;
    }
    remove_locked(from, from_end);
    remove_locked(to, (uint64_t)to + new_len);
    for (size_t i = 0; i < n; i++)
        insert_sorted(&moved[i]);
    free(moved);
    pthread_mutex_unlock(&lock);
}

void lu_filemap_clear(void)
{
    pthread_mutex_lock(&lock);
    while (nmaps)
        delete_at(nmaps - 1);
    pthread_mutex_unlock(&lock);
}

bool lu_filemap_at(uint32_t addr, LuFileMapInfo *out)
{
    bool found = false;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < nmaps; i++) {
        if (maps[i].end > addr) {
            const FileMap *m = &maps[i];
            out->start = m->start;
            out->end = m->end;
            out->offset = m->offset;
            out->dev_major = m->dev_major;
            out->dev_minor = m->dev_minor;
            out->ino = m->ino;
            snprintf(out->path, sizeof out->path, "%s", m->path);
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

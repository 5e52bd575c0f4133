/*
 * Generated /proc files. Runtimes and configure scripts read their own
 * process through /proc: glibc and JITs parse /proc/self/maps to find
 * their stack and libraries, feature probes read /proc/cpuinfo and
 * /proc/self/auxv, tools print /proc/self/cmdline. The host's files would
 * describe ferry-arm on x86-64 (DESIGN.md: "guest-visible identity is
 * ARM"), so these are made from the guest's state instead.
 *
 * A table maps each name to a generator that prints the contents into a
 * FILE. An open of one of them writes the text into a memfd and hands the
 * guest a fresh read-only descriptor of it at offset 0 (a real file: read,
 * lseek, fstat, mmap and poll work without special cases elsewhere). The
 * contents are a snapshot taken at open, as the kernel's are per read.
 * stat and readlink of these paths go to the host's /proc, which has
 * the same files with the same types.
 */
#include "syscalls/sys-proc-files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "loader/loader.h"
#include "syscalls/sys.h"

/* ---- /proc/PID/maps ---- */

void sys_proc_maps_line(FILE *out, const SysMapsLine *l)
{
    /* The kernel pads the fields to 25 + 6 * sizeof(long) - 1 columns
     * (47 on a 32-bit kernel) before a name; a line without a name ends
     * in a space after the inode. */
    int n = fprintf(out, "%08x-%08llx %c%c%c%c %08llx %02x:%02x %llu ", l->start, (unsigned long long)l->end,
                    l->prot & PROT_READ ? 'r' : '-', l->prot & PROT_WRITE ? 'w' : '-',
                    l->prot & PROT_EXEC ? 'x' : '-', l->shared ? 's' : 'p', (unsigned long long)l->offset,
                    l->dev_major, l->dev_minor, (unsigned long long)l->ino);
    if (l->name && l->name[0])
        fprintf(out, "%*s%s", n < 47 ? 47 - n + 1 : 1, "", l->name);
    fputc('\n', out);
}

/* end, or point if point splits [cur, end). */
static uint64_t clip(uint64_t cur, uint64_t end, uint64_t point)
{
    return point > cur && point < end ? point : end;
}

typedef struct MapsLayout {
    uint64_t heap_start, heap_end;   /* empty if equal */
    uint64_t stack_addr;             /* an address inside the stack */
    bool have_stack;
} MapsLayout;

/* One run of pages with equal tracker flags, split where the file
 * mappings and the named areas begin and end. */
static void maps_run(FILE *out, const MapsLayout *ml, uint64_t cur, uint64_t end, unsigned f)
{
    while (cur < end) {
        LuFileMapInfo fi;
        bool have = lu_filemap_at((uint32_t)cur, &fi);
        SysMapsLine l = { .start = (uint32_t)cur, .prot = f & LU_PG_PROT, .shared = (f & LU_PG_SHARED) != 0 };
        uint64_t seg = end;
        if (have && fi.start <= cur) {
            seg = fi.end < end ? fi.end : end;
            l.offset = fi.offset + (cur - fi.start);
            l.dev_major = fi.dev_major;
            l.dev_minor = fi.dev_minor;
            l.ino = fi.ino;
            l.name = fi.path;
        } else {
            if (have)
                seg = clip(cur, seg, fi.start);
            seg = clip(cur, seg, ml->heap_start);
            seg = clip(cur, seg, ml->heap_end);
            seg = clip(cur, seg, LU_KUSER_PAGE);
            seg = clip(cur, seg, (uint64_t)LU_KUSER_PAGE + LU_PAGE_SIZE);
            if (cur >= ml->heap_start && cur < ml->heap_end)
                l.name = "[heap]";
            else if (ml->have_stack && cur <= ml->stack_addr && ml->stack_addr < seg)
                l.name = "[stack]";
            else if (cur == LU_KUSER_PAGE)
                l.name = "[vectors]";
        }
        l.end = seg;
        sys_proc_maps_line(out, &l);
        cur = seg;
    }
}

static bool gen_maps(FILE *out)
{
    MapsLayout ml = { 0 };
    ml.heap_start = lu_brk_start();
    ml.heap_end = lu_page_round_up(lu_brk(0));   /* brk(0) asks for the break */
    if (ml.heap_end < ml.heap_start)
        ml.heap_end = ml.heap_start;
    ml.stack_addr = lu_stack_top() - 1u;
    ml.have_stack = lu_space_reserved() && (lu_page_flags((uint32_t)ml.stack_addr) & LU_PG_MAPPED);
    uint32_t addr = 0, end;
    unsigned flags;
    while (lu_mapping_next(&addr, &end, &flags)) {
        uint64_t e = end ? end : lu_space_size();
        maps_run(out, &ml, addr, e, flags);
        if (e >= lu_space_size())
            break;
        addr = (uint32_t)e;
    }
    return true;
}

/* ---- /proc/cpuinfo ---- */

/* The kernel's names of the AT_HWCAP and AT_HWCAP2 bits, by bit number
 * (arch/arm/include/uapi/asm/hwcap.h order). */
static const char *const hwcap_names[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt", "crunch",
    "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt", "vfpd32", "lpae",
    "evtstrm", "fphp", "asimdhp", "asimddp", "asimdfhm", "asimdbf16", "i8mm",
};
static const char *const hwcap2_names[] = { "aes", "pmull", "sha1", "sha2", "crc32", "sb", "ssbs" };

/* BogoMIPS on a kernel that calibrates its delay loop with the generic
 * timer (which the evtstrm hwcap implies): twice the timer's frequency in
 * MHz. 24 MHz is the common frequency of ARMv7 boards' timers. */
#define CPUINFO_TIMER_HZ 24000000u

static void put_names(FILE *out, uint32_t bits, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (bits & (1u << i))
            fprintf(out, "%s ", names[i]);
}

void sys_proc_cpuinfo(FILE *out, const ArmCpuModel *m, long ncpus)
{
    uint32_t midr = m->midr;
    unsigned bogo = CPUINFO_TIMER_HZ / 5000u;   /* hundredths of BogoMIPS */
    for (long i = 0; i < ncpus; i++) {
        fprintf(out, "processor\t: %ld\n", i);
        fprintf(out, "model name\t: ARMv7 Processor rev %u (v7l)\n", midr & 15);
        fprintf(out, "BogoMIPS\t: %u.%02u\n", bogo / 100, bogo % 100);
        fputs("Features\t: ", out);
        put_names(out, m->hwcap, hwcap_names, sizeof hwcap_names / sizeof hwcap_names[0]);
        put_names(out, m->hwcap2, hwcap2_names, sizeof hwcap2_names / sizeof hwcap2_names[0]);
        fprintf(out, "\nCPU implementer\t: 0x%02x\n", midr >> 24);
        fputs("CPU architecture: 7\n", out);
        fprintf(out, "CPU variant\t: 0x%x\n", (midr >> 20) & 15);
        fprintf(out, "CPU part\t: 0x%03x\n", (midr >> 4) & 0xfff);
        fprintf(out, "CPU revision\t: %u\n\n", midr & 15);
    }
    /* What a kernel booted from a device tree without its own machine
     * description prints. */
    fputs("Hardware\t: Generic DT based system\n", out);
    fputs("Revision\t: 0000\n", out);
    fputs("Serial\t\t: 0000000000000000\n", out);
}

static bool gen_cpuinfo(FILE *out)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    const ArmCpuModel *m = lu_process.cpu_model ? lu_process.cpu_model : arm_cpu_model_default();
    sys_proc_cpuinfo(out, m, n > 0 ? n : 1);
    return true;
}

/* ---- copies of guest memory: auxv, cmdline, environ ---- */

/* The guest bytes [start, end), if still mapped (the guest may have
 * unmapped its stack); empty otherwise, as the kernel gives for a
 * process without one. */
static bool put_guest(FILE *out, uint32_t start, uint32_t end)
{
    if (end > start && lu_access_ok(start, end - start, PROT_READ))
        fwrite(g2h(start), 1, end - start, out);
    return true;
}

static bool gen_auxv(FILE *out)
{
    return put_guest(out, lu_process.auxv_addr, lu_process.auxv_addr + lu_process.auxv_len);
}

static bool gen_cmdline(FILE *out)
{
    return put_guest(out, lu_process.arg_start, lu_process.arg_end);
}

static bool gen_environ(FILE *out)
{
    return put_guest(out, lu_process.env_start, lu_process.env_end);
}

/* ---- the table and the open ---- */

typedef enum { PROC_TOP, PROC_OWN } ProcScope;

typedef struct ProcFile {
    ProcScope scope;           /* /proc/NAME, or /proc/self/NAME and aliases */
    const char *name;
    bool (*gen)(FILE *out);
} ProcFile;

static const ProcFile proc_files[] = {
    { PROC_TOP, "cpuinfo", gen_cpuinfo },
    { PROC_OWN, "maps", gen_maps },
    { PROC_OWN, "auxv", gen_auxv },
    { PROC_OWN, "cmdline", gen_cmdline },
    { PROC_OWN, "environ", gen_environ },
};

/* Skips "N/" if N is id; returns the rest or NULL. */
static const char *skip_id(const char *p, long id)
{
    char *rest;
    if (*p < '0' || *p > '9')
        return NULL;
    long v = strtol(p, &rest, 10);
    return v == id && *rest == '/' ? rest + 1 : NULL;
}

/* The part after this process's directory (self, thread-self, our pid or
 * thread id, optionally task/TID), or NULL if path is not in it. */
static const char *own_rest(const char *p)
{
    long pid = getpid(), tid = gettid();
    const char *r;
    if (!strncmp(p, "thread-self/", 12))
        return p + 12;
    if (!strncmp(p, "self/", 5))
        r = p + 5;
    else if (!(r = skip_id(p, pid)) && !(r = skip_id(p, tid)))
        return NULL;
    if (!strncmp(r, "task/", 5)) {
        const char *t = skip_id(r + 5, tid);
        return t ? t : skip_id(r + 5, pid);
    }
    return r;
}

static const ProcFile *find(const char *path)
{
    if (strncmp(path, "/proc/", 6))
        return NULL;
    const char *top = path + 6, *own = own_rest(top);
    for (size_t i = 0; i < sizeof proc_files / sizeof proc_files[0]; i++) {
        const char *rest = proc_files[i].scope == PROC_TOP ? top : own;
        if (rest && !strcmp(rest, proc_files[i].name))
            return &proc_files[i];
    }
    return NULL;
}

const char *sys_proc_file_match(const char *path)
{
    const ProcFile *f = find(path);
    return f ? f->name : NULL;
}

static bool write_all(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

/* The text in a memfd, reopened read-only (as the kernel's files are)
 * and put at the memfd's number: the lowest free one, as open gives. */
static int64_t open_generated(const ProcFile *f, uint32_t hflags)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return -ENOMEM;
    bool ok = f->gen(out);
    if (fclose(out) != 0 || !ok) {
        free(text);
        return -ENOMEM;
    }
    int64_t r;
    int fd = memfd_create(f->name, MFD_CLOEXEC);
    if (fd < 0) {
        r = -errno;
    } else if (!write_all(fd, text, len)) {
        r = -EIO;
        close(fd);
    } else {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        int ro = open(link, O_RDONLY | O_CLOEXEC | (int)(hflags & O_NONBLOCK));
        if (ro < 0) {
            r = -errno;
            close(fd);
        } else if (dup3(ro, fd, (int)(hflags & O_CLOEXEC)) < 0) {
            r = -errno;
            close(ro);
            close(fd);
        } else {
            close(ro);
            r = fd;
        }
    }
    free(text);
    return r;
}

bool sys_proc_file_open(const char *path, uint32_t guest_flags, int64_t *result)
{
    const ProcFile *f = find(path);
    if (!f)
        return false;
    uint32_t hflags = sys_oflags_to_host(guest_flags);
    /* Opens for writing go to the host's file, which answers as the
     * kernel does for these 0444 files: EACCES, or for root an fd whose
     * writes fail. O_PATH opens read nothing. */
    if ((hflags & O_PATH) || (hflags & O_ACCMODE) != O_RDONLY)
        return false;
    if (hflags & O_DIRECTORY)
        *result = -ENOTDIR;
    else
        *result = open_generated(f, hflags);
    return true;
}

/*
 * Starting a guest program, in the kernel's order: validate the program
 * and its interpreter, reserve the guest window (now that we know how low
 * the program must go), map both images, the heap start, the kuser page
 * and the stack with argv, envp and auxv. Every failure is one message
 * and an exit status for main() (127: no such program, 1: anything else).
 */
#include "loader/program.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "util/log.h"

/* Free space kept between the stack and the mmap area. */
#define STACK_GAP (1u << 20)

static int failure(char *err, size_t errlen, int status, const char *fmt, const char *a, const char *b)
{
    snprintf(err, errlen, fmt, a, b);
    return status;
}

static void xorshift_fill(uint64_t x, uint8_t out[16])
{
    x = x ? x : 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 16; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        out[i] = (uint8_t)(x >> 24);
    }
}

static void fill_random(const LuProgramRequest *req, uint8_t out[16])
{
    if (req->seed_given) {
        xorshift_fill(req->seed, out);
        return;
    }
    if (getrandom(out, 16, GRND_NONBLOCK) == 16)
        return;
    /* No entropy yet (early boot): still different per process. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    xorshift_fill((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 17), out);
}

static int open_images(const LuProgramRequest *req, ElfImage *prog, ElfImage *interp, char *err, size_t errlen)
{
    char msg[256];
    int fd = open(req->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return failure(err, errlen, e == ENOENT ? 127 : 1, "%s: %s", req->path, strerror(e));
    }
    if (!elf_open_fd(fd, prog, msg, sizeof(msg)))
        return failure(err, errlen, 1, "%s: %s", req->path, msg);
    if (!prog->interp)
        return 0;
    char buf[PATH_MAX];
    const char *host = lu_path(prog->interp, buf, sizeof(buf));
    if (access(host, F_OK) != 0 && errno == ENOENT) {
        snprintf(err, errlen, "%s: ELF interpreter %s not found (point -L or QEMU_LD_PREFIX at an armhf root)",
                 req->path, prog->interp);
        return 1;
    }
    if (!elf_open(host, interp, msg, sizeof(msg))) {
        snprintf(err, errlen, "%s: ELF interpreter %s: %s", req->path, host, msg);
        return 1;
    }
    return 0;
}

/* The stack goes under the top of the space, after the program's fixed
 * segments (which win a collision) and before anything placed by search:
 * the mmap area then starts below it, so a big -s moves it down. */
static int map_stack(const LuProgramRequest *req, bool exec_stack, uint32_t *top, char *err, size_t errlen)
{
    uint32_t size = (uint32_t)req->stack_size;
    *top = lu_stack_top();
    if (size > *top / 2) {
        snprintf(err, errlen, "%s: stack size %u does not fit in the guest address space", req->path, size);
        return 1;
    }
    int prot = PROT_READ | PROT_WRITE | (exec_stack ? PROT_EXEC : 0);
    int64_t r = lu_mmap(*top - size, size, prot,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
    if (r < 0) {
        snprintf(err, errlen, "%s: cannot map the stack at 0x%08x: %s", req->path, *top - size,
                 r == -EEXIST ? "the program is there" : strerror((int)-r));
        return 1;
    }
    uint32_t below = *top - size - STACK_GAP;
    if (below < lu_mmap_base())
        lu_set_mmap_base(below);
    return 0;
}

int lu_program_load(const LuProgramRequest *req, LuProgram *out, char *err, size_t errlen)
{
    ElfImage prog = { .fd = -1 }, interp = { .fd = -1 };
    int status = open_images(req, &prog, &interp, err, errlen);
    if (status)
        goto out;

    /* A fixed-address program decides how low the window must start. */
    uint32_t low = prog.ehdr.e_type == ET_EXEC ? prog.lo : LU_PIE_BASE;
    char msg[256];
    if (!lu_space_reserve(req->reserved_va, req->base_given, req->guest_base, low, msg, sizeof(msg))) {
        status = failure(err, errlen, 1, "%s: %s", req->path, msg);
        goto out;
    }
    LoadedImage main_li, interp_li = { 0 };
    if (!elf_load(&prog, LU_PIE_BASE, &main_li, msg, sizeof(msg))) {
        status = failure(err, errlen, 1, "%s: %s", req->path, msg);
        goto out;
    }
    uint32_t top;
    if ((status = map_stack(req, prog.exec_stack, &top, err, errlen)))
        goto out;
    if (prog.interp && !elf_load(&interp, 0, &interp_li, msg, sizeof(msg))) {
        status = failure(err, errlen, 1, "%s: ELF interpreter: %s", req->path, msg);
        goto out;
    }
    lu_brk_init(main_li.end);
    lu_kuser_map();

    uint8_t random[16];
    fill_random(req, random);
    const ArmCpuModel *model = req->cpu_model;
    const uint32_t auxv[][2] = {
        { AT_PHDR, main_li.phdr_addr },
        { AT_PHENT, sizeof(Elf32_Phdr) },
        { AT_PHNUM, main_li.phnum },
        { AT_PAGESZ, LU_PAGE_SIZE },
        { AT_BASE, prog.interp ? interp_li.bias : 0 },
        { AT_FLAGS, 0 },
        { AT_ENTRY, main_li.entry },
        { AT_UID, getuid() },
        { AT_EUID, geteuid() },
        { AT_GID, getgid() },
        { AT_EGID, getegid() },
        { AT_SECURE, 0 },
        { AT_HWCAP, model ? model->hwcap : 0 },
        { AT_HWCAP2, model ? model->hwcap2 : 0 },
        { AT_CLKTCK, (uint32_t)sysconf(_SC_CLK_TCK) },
    };
    LuStackArgs sa = {
        .argc = req->argc, .argv = req->argv, .envp = req->envp,
        .execfn = req->path, .platform = "v7l", .random = random,
        .auxv = auxv, .nb_auxv = sizeof(auxv) / sizeof(auxv[0]),
    };
    LuStackLayout sl;
    if (!lu_stack_build(g2h(top), top, (uint32_t)req->stack_size, &sa, &sl)) {
        status = failure(err, errlen, 1, "%s: %s", req->path, "argument list too long for the stack (-s)");
        goto out;
    }
    out->entry = prog.interp ? interp_li.entry : main_li.entry;
    out->sp = sl.sp;
    out->auxv_addr = sl.auxv_addr;
    out->auxv_len = sl.auxv_len;
    out->arg_start = sl.arg_start;
    out->arg_end = sl.arg_end;
    out->env_start = sl.env_start;
    out->env_end = sl.env_end;
    out->brk = lu_brk_start();
    ferry_log(FERRY_LOG_page, "page: program 0x%08x-0x%08x entry 0x%08x%s; start 0x%08x sp 0x%08x brk 0x%08x\n",
              main_li.start, main_li.end, main_li.entry, prog.interp ? " (interpreter)" : "", out->entry,
              out->sp, out->brk);
out:
    elf_close(&prog);
    elf_close(&interp);
    return status;
}

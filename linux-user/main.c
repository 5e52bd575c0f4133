/*
 * ferry-arm: run a Linux ARMv7 program. main() only sequences the pieces:
 * options (options.c), the guest program (loader/program.c), the engine
 * (tcg_*), the CPU state, and the CPU loop, which never returns.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/options.h"
#include "linux-user/user.h"
#include "loader/program.h"
#include "target/arm/cpu.h"
#include "tcg/exec.h"
#include "tcg/first-runs.h"
#include "tcg/perfmap.h"
#include "util/die.h"
#include "util/log.h"

#define FERRY_VERSION "0.1"

/* linux/binfmts.h: binfmt_misc's P flag, in ferry's own AT_FLAGS. */
#define AT_FLAGS_PRESERVE_ARGV0 (1u << 0)

static void print_cpu_models(void)
{
    printf("Available CPU models (-cpu MODEL):\n");
    for (const ArmCpuModel *m = arm_cpu_models; m->name; m++)
        printf("  %-12s %s%s\n", m->name, m->description ? m->description : "",
               m == arm_cpu_model_default() ? " (default)" : "");
}

/* Exits unless the options ask to run a program. */
static void run_action(const LuOptions *o)
{
    switch (o->action) {
    case LU_ACTION_RUN:
        return;
    case LU_ACTION_HELP:
        lu_options_print_help(stdout);
        break;
    case LU_ACTION_VERSION:
        printf("ferry-arm version %s (ARMv7 user mode; qemu-arm compatible options)\n", FERRY_VERSION);
        break;
    case LU_ACTION_CPU_HELP:
        print_cpu_models();
        break;
    case LU_ACTION_LOG_HELP:
        ferry_log_print_help(stdout);
        break;
    }
    exit(0);
}

/* How to start ferry again for a guest execve: ferry itself and the
 * options that describe the machine, not those that described this
 * program (-0, -E, -U are already in the new argv and environment). */
static char **make_ferry_argv(const LuOptions *o)
{
    static char self[PATH_MAX], stack[32], reserved[32], base[32], seed[32], tier[32], interp[32];
    static char *v[26];
    int n = 0;
    ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
    self[len > 0 ? len : 0] = 0;
    v[n++] = len > 0 ? self : "/proc/self/exe";
    if (o->ld_prefix)
        v[n++] = "-L", v[n++] = (char *)o->ld_prefix;
    if (o->cpu_name)
        v[n++] = "-cpu", v[n++] = (char *)o->cpu_name;
    if (o->stack_size != LU_DEFAULT_STACK_SIZE) {
        snprintf(stack, sizeof(stack), "%llu", (unsigned long long)o->stack_size);
        v[n++] = "-s", v[n++] = stack;
    }
    if (o->reserved_va) {
        snprintf(reserved, sizeof(reserved), "%llu", (unsigned long long)o->reserved_va);
        v[n++] = "-R", v[n++] = reserved;
    }
    if (o->base_given) {
        snprintf(base, sizeof(base), "0x%lx", (unsigned long)o->guest_base);
        v[n++] = "-B", v[n++] = base;
    }
    if (o->strace)
        v[n++] = "-strace";
    if (o->perfmap)
        v[n++] = "-perfmap";
    if (o->seed_given) {
        snprintf(seed, sizeof(seed), "%llu", (unsigned long long)o->seed);
        v[n++] = "-seed", v[n++] = seed;
    }
    if (o->tier_given) {
        snprintf(tier, sizeof(tier), "%u", o->tier_runs);
        v[n++] = "-tier", v[n++] = tier;
    }
    if (o->interp_given) {
        snprintf(interp, sizeof(interp), "%u", o->interp_runs);
        v[n++] = "-interp", v[n++] = interp;
    }
    if (o->log_file)
        v[n++] = "-D", v[n++] = (char *)o->log_file;
    if (o->log_items)
        v[n++] = "-d", v[n++] = (char *)o->log_items;
    v[n] = NULL;
    return v;
}

static ArmCpu *make_cpu(const LuProgram *p, const ArmCpuModel *model)
{
    ArmCpu *cpu = calloc(1, sizeof(*cpu));
    if (!cpu)
        ferry_die("out of memory");
    cpu->regs[13] = p->sp;
    cpu->common.pc = p->entry & ~1u;
    cpu->common.flags = (p->entry & 1) ? ARM_FLAG_THUMB : 0;
    cpu->tpidruro = 0;
    cpu->excl_addr = ~0u;
    /* The kernel starts a program with N, Z, C, V and Q clear. */
    arm_cpsr_write_nzcvq(cpu, 0);
    cpu->model = model;
    return cpu;
}

int main(int argc, char **argv, char **envp)
{
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
    ferry_progname = argc > 0 ? (slash ? slash + 1 : argv[0]) : "ferry-arm";

    LuOptions o;
    char err[768];
    if (!lu_options_parse(&o, argc, argv, envp, err, sizeof(err)))
        ferry_fail(1, "%s", err);
    run_action(&o);
    if (o.gdb_port >= 0)
        ferry_fail(1, "-g %d: the gdb stub is not supported yet", o.gdb_port);
    ferry_log_mask = o.log_mask | (o.strace ? FERRY_LOG_strace : 0);
    if (o.tier_given)
        tcg_set_tier_threshold(o.tier_runs);
    tcg_first_runs = o.interp_runs;
    if (o.perfmap && !tcg_perfmap_open())
        ferry_fail(1, "-perfmap: cannot create /tmp/perf-%d.map: %s", (int)getpid(), strerror(errno));
    if (o.log_file && ferry_log_set_file(o.log_file) != 0)
        ferry_fail(1, "-D %s: cannot open the log file", o.log_file);

    const char *prog = argv[o.prog_index];
    const ArmCpuModel *model = o.cpu_name ? arm_cpu_model_find(o.cpu_name) : arm_cpu_model_default();
    char exe[PATH_MAX];
    lu_process.exe_path = realpath(prog, exe) ? exe : prog;
    lu_process.ld_prefix = o.ld_prefix;
    lu_process.cpu_model = model;
    lu_process.strace = o.strace;
    lu_process.ferry_argv = make_ferry_argv(&o);

    lu_options_preserve_argv0(&o, argc, (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) != 0);
    char **guest_argv = argv + o.guest_argv_index;
    if (o.argv0)
        guest_argv[0] = (char *)o.argv0;
    char **guest_env = lu_options_guest_env(&o, envp);
    if (!guest_env)
        ferry_die("out of memory");
    LuProgramRequest req = {
        .path = prog, .argc = argc - o.guest_argv_index, .argv = guest_argv, .envp = guest_env,
        .stack_size = o.stack_size, .reserved_va = o.reserved_va,
        .base_given = o.base_given, .guest_base = o.guest_base, .cpu_model = model,
        .seed_given = o.seed_given, .seed = o.seed,
    };
    LuProgram p;
    int status = lu_program_load(&req, &p, err, sizeof(err));
    if (status)
        ferry_fail(status, "%s", err);
    free(guest_env);
    lu_process.auxv_addr = p.auxv_addr;
    lu_process.auxv_len = p.auxv_len;
    lu_process.arg_start = p.arg_start;
    lu_process.arg_end = p.arg_end;
    lu_process.env_start = p.env_start;
    lu_process.env_end = p.env_end;

    tcg_read_code = lu_read_code;
    lu_code_invalidate = tcg_invalidate;
    tcg_set_guest_base(guest_base);
    tcg_init(&arm_guest);
    ArmCpu *cpu = make_cpu(&p, model);
    tcg_cpu_init(&cpu->common);
    lu_cpu_loop(cpu);
}

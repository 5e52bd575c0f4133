/*
 * The user-mode options (see options.h). The table below is the only list
 * of options: the command-line parser, the environment reader and the -h
 * text are all driven by it, so an option and its FERRY_/QEMU_ twins can
 * never drift apart. Environment first (QEMU_* then FERRY_*, so ferry's
 * own names win), then the command line, which overrides both.
 */
#include "linux-user/options.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "target/arm/cpu.h"
#include "util/log.h"

typedef bool LuOptionHandler(LuOptions *o, const char *arg, char *err, size_t errlen);

typedef struct LuOption {
    const char *name;       /* without the dash */
    const char *arg;        /* argument's name in -h, or NULL for a flag */
    const char *env;        /* FERRY_* twin */
    const char *qemu_env;   /* QEMU_* twin */
    LuOptionHandler *handler;
    const char *help;
} LuOption;

bool lu_parse_size(const char *s, uint64_t *out)
{
    if (!s || !*s)
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || s[0] == '-')
        return false;
    static const struct { char c; unsigned shift; } suffixes[] = {
        { 'k', 10 }, { 'K', 10 }, { 'm', 20 }, { 'M', 20 }, { 'g', 30 }, { 'G', 30 },
    };
    if (*end) {
        unsigned shift = 0;
        for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
            if (*end == suffixes[i].c)
                shift = suffixes[i].shift;
        if (!shift || end[1] || v > (~0ull >> shift))
            return false;
        v <<= shift;
    }
    *out = v;
    return true;
}

static bool opt_help(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    o->action = LU_ACTION_HELP;
    return true;
}

static bool opt_version(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    o->action = LU_ACTION_VERSION;
    return true;
}

static bool opt_ld_prefix(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    struct stat st;
    if (stat(arg, &st) != 0) {
        snprintf(err, errlen, "-L %s: %s", arg, strerror(errno));
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "-L %s: Not a directory", arg);
        return false;
    }
    /* Absolute, so that it still holds after the guest's chdir(). */
    static char abs[PATH_MAX];
    o->ld_prefix = realpath(arg, abs) ? abs : arg;
    return true;
}

static bool add_env_edits(LuOptions *o, const char *arg, bool unset, char *err, size_t errlen)
{
    /* A comma-separated list, as qemu-arm takes it. */
    const char *p = arg;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n) {
            char *text = strndup(p, n);
            LuEnvEdit *e = realloc(o->env_edits, (o->nb_env_edits + 1) * sizeof(*e));
            if (!text || !e) {
                free(text);
                snprintf(err, errlen, "out of memory");
                return false;
            }
            bool has_eq = strchr(text, '=') != NULL;
            if (unset == has_eq || text[0] == '=') {
                snprintf(err, errlen, unset ? "-U %s: expected a variable name" : "-E %s: expected VAR=VALUE", text);
                free(text);
                o->env_edits = e;
                return false;
            }
            e[o->nb_env_edits++] = (LuEnvEdit){ text, unset };
            o->env_edits = e;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return true;
}

static bool opt_set_env(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    return add_env_edits(o, arg, false, err, errlen);
}

static bool opt_unset_env(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    return add_env_edits(o, arg, true, err, errlen);
}

static bool opt_argv0(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    o->argv0 = arg;
    return true;
}

static bool opt_cpu(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
        o->action = LU_ACTION_CPU_HELP;
        return true;
    }
    if (!arm_cpu_model_find(arg)) {
        snprintf(err, errlen, "unknown CPU model '%s' (-cpu help lists them)", arg);
        return false;
    }
    o->cpu_name = arg;
    return true;
}

static bool opt_stack_size(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    uint64_t v;
    if (!lu_parse_size(arg, &v) || v < 4096 || v > (1ull << 31)) {
        snprintf(err, errlen, "-s %s: bad stack size (e.g. 8M, from 4k to 2G)", arg);
        return false;
    }
    o->stack_size = (v + 4095) & ~4095ull;
    return true;
}

static bool opt_guest_base(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    uint64_t v;
    if (!lu_parse_size(arg, &v) || (v & 4095) || v >= (1ull << 47)) {
        snprintf(err, errlen, "-B %s: bad guest base (a page-aligned host address)", arg);
        return false;
    }
    o->base_given = true;
    o->guest_base = (uintptr_t)v;
    return true;
}

static bool opt_reserved_va(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    uint64_t v;
    if (!lu_parse_size(arg, &v) || v < (16u << 20) || v > (1ull << 32)) {
        snprintf(err, errlen, "-R %s: bad reserved size (from 16M to 4G)", arg);
        return false;
    }
    o->reserved_va = (v + 4095) & ~4095ull;
    return true;
}

static bool opt_strace(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    o->strace = true;
    return true;
}

static bool opt_perfmap(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    o->perfmap = true;
    return true;
}

static bool opt_log(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
        o->action = LU_ACTION_LOG_HELP;
        return true;
    }
    const char *bad = NULL;
    unsigned mask;
    if (!ferry_log_parse(arg, &mask, &bad)) {
        snprintf(err, errlen, "-d: unknown log item '%s' (-d help lists them)", bad ? bad : arg);
        return false;
    }
    o->log_mask = mask;
    o->log_items = arg;
    return true;
}

static bool opt_log_file(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    o->log_file = arg;
    return true;
}

static bool opt_gdb(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    char *end;
    long port = strtol(arg, &end, 10);
    if (*end || end == arg || port <= 0 || port > 65535) {
        snprintf(err, errlen, "-g %s: bad port", arg);
        return false;
    }
    o->gdb_port = (int)port;
    return true;
}

static bool opt_seed(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 0);
    if (errno || *end || end == arg) {
        snprintf(err, errlen, "-seed %s: bad seed (a number)", arg);
        return false;
    }
    o->seed_given = true;
    o->seed = v;
    return true;
}

/* A count of runs for -tier and -interp: a decimal number up to max. */
static bool parse_runs(const char *opt, const char *arg, unsigned long max, uint32_t *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || *end || end == arg || arg[0] == '-' || v > max) {
        snprintf(err, errlen, "-%s %s: bad count (a number of runs, at most %lu)", opt, arg, max);
        return false;
    }
    *out = (uint32_t)v;
    return true;
}

static bool opt_tier(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    return (o->tier_given = parse_runs("tier", arg, 1000000000ul, &o->tier_runs, err, errlen));
}

static bool opt_interp(LuOptions *o, const char *arg, char *err, size_t errlen)
{
    return (o->interp_given = parse_runs("interp", arg, 1000ul, &o->interp_runs, err, errlen));
}

static const LuOption options[] = {
    { "h", NULL, NULL, NULL, opt_help, "print this help and exit" },
    { "help", NULL, NULL, NULL, opt_help, "print this help and exit" },
    { "version", NULL, NULL, NULL, opt_version, "print the version and exit" },
    { "L", "PREFIX", "FERRY_LD_PREFIX", "QEMU_LD_PREFIX", opt_ld_prefix,
      "look up absolute paths (the ELF interpreter, libraries) under PREFIX first" },
    { "E", "VAR=VAL", "FERRY_SET_ENV", "QEMU_SET_ENV", opt_set_env,
      "set VAR in the guest's environment (comma-separated list)" },
    { "U", "VAR", "FERRY_UNSET_ENV", "QEMU_UNSET_ENV", opt_unset_env,
      "remove VAR from the guest's environment (comma-separated list)" },
    { "0", "ARGV0", "FERRY_ARGV0", "QEMU_ARGV0", opt_argv0, "pass ARGV0 as the program's argv[0]" },
    { "cpu", "MODEL", "FERRY_CPU", "QEMU_CPU", opt_cpu, "the CPU model ('-cpu help' lists them)" },
    { "s", "SIZE", "FERRY_STACK_SIZE", "QEMU_STACK_SIZE", opt_stack_size, "stack size (default 8M)" },
    { "B", "ADDRESS", "FERRY_GUEST_BASE", "QEMU_GUEST_BASE", opt_guest_base,
      "put guest address 0 at host ADDRESS (guest_base)" },
    { "R", "SIZE", "FERRY_RESERVED_VA", "QEMU_RESERVED_VA", opt_reserved_va,
      "reserve SIZE bytes of guest address space (default 4G)" },
    { "strace", NULL, "FERRY_STRACE", "QEMU_STRACE", opt_strace, "log system calls" },
    { "d", "ITEMS", "FERRY_LOG", "QEMU_LOG", opt_log, "log ITEMS, comma-separated ('-d help' lists them)" },
    { "D", "LOGFILE", "FERRY_LOG_FILE", "QEMU_LOG_FILENAME", opt_log_file, "write the log to LOGFILE (default stderr)" },
    { "g", "PORT", "FERRY_GDB", "QEMU_GDB", opt_gdb, "wait for a gdb connection on PORT" },
    { "perfmap", NULL, "FERRY_PERFMAP", "QEMU_PERFMAP", opt_perfmap,
      "write /tmp/perf-PID.map so that perf names samples in translated code" },
    { "seed", "SEED", "FERRY_RAND_SEED", "QEMU_RAND_SEED", opt_seed,
      "make AT_RANDOM (the guest's start-up randomness) repeatable" },
    /* ferry's own: no qemu-arm twin. */
    { "tier", "RUNS", "FERRY_TIER", NULL, opt_tier,
      "retranslate code hot after RUNS runs (default 2000; 0: always hot)" },
    { "interp", "RUNS", "FERRY_INTERP", NULL, opt_interp,
      "interpret code for its first RUNS runs before compiling it (default 1; 0: compile at once)" },
};
#define NB_OPTIONS (sizeof(options) / sizeof(options[0]))

static const LuOption *find_option(const char *name)
{
    for (size_t i = 0; i < NB_OPTIONS; i++)
        if (!strcmp(options[i].name, name))
            return &options[i];
    return NULL;
}

static const char *env_lookup(char **envp, const char *name)
{
    size_t n = strlen(name);
    for (char **e = envp; e && *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

static bool apply_env(LuOptions *o, char **envp, bool qemu, char *err, size_t errlen)
{
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        const LuOption *opt = &options[i];
        const char *var = qemu ? opt->qemu_env : opt->env;
        const char *val = var ? env_lookup(envp, var) : NULL;
        if (!val)
            continue;
        /* A flag's twin is on unless empty or "0". */
        if (!opt->arg && (!*val || !strcmp(val, "0")))
            continue;
        char sub[200];
        if (!opt->handler(o, val, sub, sizeof(sub))) {
            snprintf(err, errlen, "%s: %s", var, sub);
            return false;
        }
    }
    return true;
}

bool lu_options_parse(LuOptions *o, int argc, char **argv, char **envp, char *err, size_t errlen)
{
    memset(o, 0, sizeof(*o));
    o->stack_size = LU_DEFAULT_STACK_SIZE;
    o->gdb_port = -1;
    o->interp_runs = 1;
    if (!apply_env(o, envp, true, err, errlen) || !apply_env(o, envp, false, err, errlen))
        return false;
    int i = 1;
    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        const char *name = argv[i] + 1;
        if (name[0] == '-') {
            if (!name[1]) {   /* "--" ends the options */
                i++;
                break;
            }
            name++;           /* --cpu works like -cpu */
        }
        const LuOption *opt = find_option(name);
        if (!opt) {
            snprintf(err, errlen, "unknown option '%s' (-h lists them)", argv[i]);
            return false;
        }
        const char *arg = NULL;
        if (opt->arg) {
            if (i + 1 >= argc) {
                snprintf(err, errlen, "option '%s' needs an argument (%s)", argv[i], opt->arg);
                return false;
            }
            arg = argv[++i];
        }
        if (!opt->handler(o, arg, err, errlen))
            return false;
        i++;
        if (o->action != LU_ACTION_RUN)
            return true;
    }
    if (i >= argc) {
        snprintf(err, errlen, "no program to run (usage: ferry-arm [options] PROGRAM [ARGS...]; -h for help)");
        return false;
    }
    o->prog_index = i;
    o->guest_argv_index = i;
    return true;
}

void lu_options_preserve_argv0(LuOptions *o, int argc, bool preserved)
{
    if (preserved && o->prog_index + 1 < argc)
        o->guest_argv_index = o->prog_index + 1;
}

void lu_options_free(LuOptions *o)
{
    for (size_t i = 0; i < o->nb_env_edits; i++)
        free((char *)o->env_edits[i].text);
    free(o->env_edits);
    o->env_edits = NULL;
    o->nb_env_edits = 0;
}

void lu_options_print_help(FILE *f)
{
    fprintf(f, "usage: ferry-arm [options] PROGRAM [ARGS...]\n"
               "Runs a Linux ARMv7 (armhf, EABI) program on this host.\n\n"
               "Options and their environment twins:\n");
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        const LuOption *opt = &options[i];
        char head[40];
        snprintf(head, sizeof(head), "-%s%s%s", opt->name, opt->arg ? " " : "", opt->arg ? opt->arg : "");
        fprintf(f, "  %-18s %-20s %s\n", head, opt->env ? opt->env : "", opt->help);
    }
    fprintf(f, "\nEach FERRY_* variable also has its QEMU_* name (QEMU_LD_PREFIX, QEMU_CPU, ...)\n"
               "so that ferry-arm is a drop-in for qemu-arm under binfmt_misc.\n"
               "Flag variables are on when set to anything but \"\" or \"0\".\n");
}

static size_t name_len(const char *s)
{
    return strcspn(s, "=");
}

char **lu_options_guest_env(const LuOptions *o, char **envp)
{
    size_t n = 0;
    while (envp && envp[n])
        n++;
    char **env = malloc((n + o->nb_env_edits + 1) * sizeof(*env));
    if (!env)
        return NULL;
    memcpy(env, envp, n * sizeof(*env));
    for (size_t i = 0; i < o->nb_env_edits; i++) {
        const LuEnvEdit *e = &o->env_edits[i];
        size_t len = name_len(e->text);
        size_t j = 0, kept = 0;
        bool replaced = false;
        for (; j < n; j++) {
            if (name_len(env[j]) == len && !strncmp(env[j], e->text, len)) {
                if (e->unset || replaced)
                    continue;
                env[kept++] = (char *)e->text;
                replaced = true;
            } else {
                env[kept++] = env[j];
            }
        }
        n = kept;
        if (!e->unset && !replaced)
            env[n++] = (char *)e->text;
    }
    env[n] = NULL;
    return env;
}

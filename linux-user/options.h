/*
 * The user-mode command line, as qemu-arm's: `ferry-arm [options] PROGRAM
 * [ARGS...]`. One table (options.c) holds every option with its argument,
 * its environment twins (FERRY_* and QEMU_*, because binfmt_misc passes no
 * options), its handler and its help line; the parser, the environment
 * reader and -h all walk that table.
 */
#ifndef FERRY_LINUX_USER_OPTIONS_H
#define FERRY_LINUX_USER_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum LuAction {
    LU_ACTION_RUN,
    LU_ACTION_HELP,        /* -h: print usage, exit 0 */
    LU_ACTION_VERSION,     /* -version */
    LU_ACTION_CPU_HELP,    /* -cpu help */
    LU_ACTION_LOG_HELP,    /* -d help */
} LuAction;

/* One -E (set) or -U (unset) of the guest's environment, in order. */
typedef struct LuEnvEdit {
    const char *text;      /* "VAR=VALUE" or "VAR" */
    bool unset;
} LuEnvEdit;

typedef struct LuOptions {
    LuAction action;
    const char *ld_prefix;     /* -L */
    const char *argv0;         /* -0 */
    const char *cpu_name;      /* -cpu */
    uint64_t stack_size;       /* -s */
    bool base_given;           /* -B */
    uintptr_t guest_base;
    uint64_t reserved_va;      /* -R; 0: 4 GiB */
    bool strace;               /* -strace */
    bool perfmap;              /* -perfmap: /tmp/perf-PID.map for perf */
    unsigned log_mask;         /* -d */
    const char *log_items;     /* -d as given */
    const char *log_file;      /* -D */
    int gdb_port;              /* -g; -1: none */
    bool seed_given;           /* -seed: AT_RANDOM from a fixed seed */
    uint64_t seed;
    bool tier_given;           /* -tier: runs before a unit is retranslated hot */
    uint32_t tier_runs;
    bool interp_given;         /* -interp: runs interpreted before a unit is compiled */
    uint32_t interp_runs;      /* default 1 */
    LuEnvEdit *env_edits;
    size_t nb_env_edits;
    int prog_index;            /* argv index of PROGRAM */
    int guest_argv_index;      /* argv index of the guest's argv[0] */
} LuOptions;

#define LU_DEFAULT_STACK_SIZE (8u << 20)

/* Fill o from the environment (envp), then from argv. Returns false with
 * a message in err (bad option, bad value). With action RUN, argv has a
 * PROGRAM at prog_index. */
bool lu_options_parse(LuOptions *o, int argc, char **argv, char **envp, char *err, size_t errlen);
void lu_options_free(LuOptions *o);
/* binfmt_misc with the P flag (the kernel sets AT_FLAGS_PRESERVE_ARGV0 in
 * ferry's own auxv) passes "ferry PROGRAM ARGV0 ARGS...": the guest's
 * argv then starts after PROGRAM. */
void lu_options_preserve_argv0(LuOptions *o, int argc, bool preserved);
void lu_options_print_help(FILE *f);
/* The guest's environment: envp with o's -E/-U edits applied (malloc'd
 * array, NULL-terminated; the strings are envp's or the edits'). */
char **lu_options_guest_env(const LuOptions *o, char **envp);
/* "8M", "65536", "1g" -> bytes; false if malformed. */
bool lu_parse_size(const char *s, uint64_t *out);

#endif

/*
 * Starting a guest program: everything between the parsed options and the
 * first guest instruction (see program.c).
 */
#ifndef FERRY_LOADER_PROGRAM_H
#define FERRY_LOADER_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loader/loader.h"
#include "target/arm/cpu.h"

typedef struct LuProgramRequest {
    const char *path;              /* the program, as given (AT_EXECFN) */
    int argc;
    char *const *argv;             /* the guest's argv (argv[0] after -0) */
    char *const *envp;             /* the guest's environment */
    uint64_t stack_size;
    uint64_t reserved_va;          /* 0: 4 GiB */
    bool base_given;
    uintptr_t guest_base;
    const ArmCpuModel *cpu_model;  /* for AT_HWCAP/AT_HWCAP2 */
    bool seed_given;               /* AT_RANDOM from seed instead of the host */
    uint64_t seed;
} LuProgramRequest;

typedef struct LuProgram {
    uint32_t entry;                /* first pc (bit 0: Thumb) */
    uint32_t sp;
    uint32_t auxv_addr, auxv_len;
    uint32_t arg_start, arg_end, env_start, env_end;
    uint32_t brk;
} LuProgram;

/* Returns 0, or the exit status for a failure described in err. */
int lu_program_load(const LuProgramRequest *req, LuProgram *out, char *err, size_t errlen);

#endif

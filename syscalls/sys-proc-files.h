/*
 * Generated /proc files: the ones whose host contents would describe
 * ferry-arm on x86-64 rather than the ARM guest (/proc/cpuinfo,
 * /proc/self/maps, auxv, cmdline, environ). Opening one gives the guest a
 * read-only file filled at open time (see sys-proc-files.c).
 */
#ifndef FERRY_SYSCALLS_SYS_PROC_FILES_H
#define FERRY_SYSCALLS_SYS_PROC_FILES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "target/arm/cpu.h"

/* If path (the guest's, before -L) names a generated file, opens it with
 * the guest's open flags: *result is the new fd or -errno, and the return
 * is true. False: not ours, open the host's file. */
bool sys_proc_file_open(const char *path, uint32_t guest_flags, int64_t *result);

/* The table entry's name for path ("maps", "cpuinfo"), or NULL. */
const char *sys_proc_file_match(const char *path);

/* One line of /proc/PID/maps, in the 32-bit kernel's layout. */
typedef struct SysMapsLine {
    uint32_t start;
    uint64_t end;               /* exclusive, up to 4 GiB */
    unsigned prot;              /* PROT_READ/WRITE/EXEC */
    bool shared;
    uint64_t offset;
    uint32_t dev_major, dev_minor;
    uint64_t ino;
    const char *name;           /* path, [heap], ... or NULL */
} SysMapsLine;
void sys_proc_maps_line(FILE *out, const SysMapsLine *l);

/* /proc/cpuinfo for ncpus CPUs of the model, as an ARMv7 kernel prints it. */
void sys_proc_cpuinfo(FILE *out, const ArmCpuModel *model, long ncpus);

#endif

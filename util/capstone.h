/*
 * Capstone, reached through a table of its functions that ferry fills on
 * first use (only -d in_asm and -d out_asm disassemble).
 *
 * Why: libcapstone.so carries ~77k relative relocations (its instruction
 * tables are arrays of pointers); merely linking it makes the dynamic
 * loader read 1.8 MB of relocations and rewrite 1.3 MB of tables at every
 * start, doubling ferry-arm's startup RSS. So ferry-arm dlopens it
 * (capstone-dl.c) the first time a log item needs it; ferry-arm-static,
 * which cannot dlopen, links it (capstone-static.c).
 */
#ifndef FERRY_UTIL_CAPSTONE_H
#define FERRY_UTIL_CAPSTONE_H

#include <capstone/capstone.h>

typedef struct FerryCapstone {
    cs_err (*open)(cs_arch arch, cs_mode mode, csh *handle);
    cs_err (*close)(csh *handle);
    size_t (*disasm)(csh handle, const uint8_t *code, size_t size, uint64_t address,
                     size_t count, cs_insn **insn);
    bool (*disasm_iter)(csh handle, const uint8_t **code, size_t *size, uint64_t *address,
                        cs_insn *insn);
    cs_insn *(*malloc)(csh handle);
    void (*free)(cs_insn *insn, size_t count);
} FerryCapstone;

/* The functions, loading the library on the first call; NULL (with the
 * reason in *why) if it cannot be loaded. */
const FerryCapstone *ferry_capstone(const char **why);

#endif

/*
 * ferry_capstone for ferry-arm-static: no disassembler. A static PIE
 * cannot dlopen capstone, and linking it in made every start rewrite
 * ~80k pointers in its tables (about 2 MB of RSS and a millisecond of a
 * 4 ms hello world). ferry-arm-static is the binary binfmt_misc and
 * chroots start thousands of times; ferry-arm disassembles for -d.
 */
#include "util/capstone.h"

const FerryCapstone *ferry_capstone(const char **why)
{
    *why = "ferry-arm-static is built without capstone; run ferry-arm for disassembly";
    return NULL;
}

/*
 * ferry_capstone for ferry-arm: dlopen of the capstone the build was
 * linked against (FERRY_CAPSTONE_SONAME, from the Makefile), on first use,
 * so that a run without -d in_asm/out_asm never maps or relocates it
 * (see capstone.h).
 */
#include "util/capstone.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#ifndef FERRY_CAPSTONE_SONAME
#define FERRY_CAPSTONE_SONAME "libcapstone.so"
#endif

static FerryCapstone cs_fns;
static const FerryCapstone *cs_loaded;
static const char *cs_why;
static pthread_once_t cs_once = PTHREAD_ONCE_INIT;

/* One entry per function: its name and where its address goes. */
static const struct {
    const char *name;
    size_t offset;
} cs_syms[] = {
    { "cs_open", offsetof(FerryCapstone, open) },
    { "cs_close", offsetof(FerryCapstone, close) },
    { "cs_disasm", offsetof(FerryCapstone, disasm) },
    { "cs_disasm_iter", offsetof(FerryCapstone, disasm_iter) },
    { "cs_malloc", offsetof(FerryCapstone, malloc) },
    { "cs_free", offsetof(FerryCapstone, free) },
};

static void cs_load(void)
{
    void *h = dlopen(FERRY_CAPSTONE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        cs_why = "cannot load " FERRY_CAPSTONE_SONAME;
        return;
    }
    for (size_t i = 0; i < sizeof(cs_syms) / sizeof(cs_syms[0]); i++) {
        void *p = dlsym(h, cs_syms[i].name);
        if (!p) {
            cs_why = FERRY_CAPSTONE_SONAME " lacks a function ferry needs";
            return;
        }
        *(void **)((char *)&cs_fns + cs_syms[i].offset) = p;
    }
    cs_loaded = &cs_fns;
}

const FerryCapstone *ferry_capstone(const char **why)
{
    pthread_once(&cs_once, cs_load);
    if (!cs_loaded && why)
        *why = cs_why;
    return cs_loaded;
}

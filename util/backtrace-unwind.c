/*
 * Host backtrace through libunwind for ferry-arm; see backtrace.h.
 *
 * libunwind is dlopen'd here, on the first crash report, not linked:
 * linked, it (and the liblzma it needs) was mapped and relocated at every
 * start of ferry-arm for a function that runs only when ferry itself
 * dies (docs/startup.md has the numbers). The names come from
 * libunwind.h's own macros, so they follow its per-architecture
 * prefixes. When libunwind cannot be loaded, glibc's unwinder prints
 * what it can (addresses, no static symbol names).
 */
#include "backtrace.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <execinfo.h>

#define UNW_LOCAL_ONLY
#include <libunwind.h>

#ifndef FERRY_UNWIND_SONAME
#define FERRY_UNWIND_SONAME "libunwind.so"
#endif

#define BT_STR(x) #x
#define BT_NAME(x) BT_STR(x)

typedef struct BtUnwind {
    __typeof__(unw_tdep_getcontext) *getcontext;
    __typeof__(unw_init_local) *init_local;
    __typeof__(unw_step) *step;
    __typeof__(unw_get_reg) *get_reg;
    __typeof__(unw_get_proc_name) *get_proc_name;
} BtUnwind;

/* Called once, from a dying ferry: no locking. */
static bool bt_load(BtUnwind *u)
{
    void *h = dlopen(FERRY_UNWIND_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return false;
    u->getcontext = (__typeof__(u->getcontext))dlsym(h, BT_NAME(unw_tdep_getcontext));
    u->init_local = (__typeof__(u->init_local))dlsym(h, BT_NAME(unw_init_local));
    u->step = (__typeof__(u->step))dlsym(h, BT_NAME(unw_step));
    u->get_reg = (__typeof__(u->get_reg))dlsym(h, BT_NAME(unw_get_reg));
    u->get_proc_name = (__typeof__(u->get_proc_name))dlsym(h, BT_NAME(unw_get_proc_name));
    return u->getcontext && u->init_local && u->step && u->get_reg && u->get_proc_name;
}

void ferry_print_backtrace(FILE *f)
{
    BtUnwind u;
    unw_context_t ctx;
    unw_cursor_t cur;
    if (!bt_load(&u) || u.getcontext(&ctx) != 0 || u.init_local(&cur, &ctx) != 0) {
        void *frames[64];
        int n = backtrace(frames, 64);
        fprintf(f, "  (no " FERRY_UNWIND_SONAME ": glibc's backtrace)\n");
        fflush(f);
        backtrace_symbols_fd(frames, n, fileno(f));
        return;
    }
    for (int depth = 0; depth < 64 && u.step(&cur) > 0; depth++) {
        unw_word_t ip, off;
        char name[128];
        u.get_reg(&cur, UNW_REG_IP, &ip);
        if (u.get_proc_name(&cur, name, sizeof(name), &off) != 0) {
            snprintf(name, sizeof(name), "?");
            off = 0;
        }
        fprintf(f, "  #%-2d 0x%016lx %s+0x%lx\n", depth, (unsigned long)ip, name, (unsigned long)off);
    }
}

/* Host backtrace through libunwind; see backtrace.h. */
#include "backtrace.h"

#define UNW_LOCAL_ONLY
#include <libunwind.h>

void ferry_print_backtrace(FILE *f)
{
    unw_context_t ctx;
    unw_cursor_t cur;
    if (unw_getcontext(&ctx) != 0 || unw_init_local(&cur, &ctx) != 0)
        return;
    for (int depth = 0; depth < 64 && unw_step(&cur) > 0; depth++) {
        unw_word_t ip, off;
        char name[128];
        unw_get_reg(&cur, UNW_REG_IP, &ip);
        if (unw_get_proc_name(&cur, name, sizeof(name), &off) != 0) {
            snprintf(name, sizeof(name), "?");
            off = 0;
        }
        fprintf(f, "  #%-2d 0x%016lx %s+0x%lx\n", depth, (unsigned long)ip, name, (unsigned long)off);
    }
}

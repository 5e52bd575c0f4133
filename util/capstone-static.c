/*
 * ferry_capstone for ferry-arm-static: capstone is linked in (a static
 * binary cannot dlopen), so the table holds its functions directly.
 */
#include "util/capstone.h"

static const FerryCapstone cs_fns = {
    .open = cs_open,
    .close = cs_close,
    .disasm = cs_disasm,
    .disasm_iter = cs_disasm_iter,
    .malloc = cs_malloc,
    .free = cs_free,
};

const FerryCapstone *ferry_capstone(const char **why)
{
    (void)why;
    return &cs_fns;
}

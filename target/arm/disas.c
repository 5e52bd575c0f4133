/*
 * -d in_asm: the guest code of a TU, disassembled by capstone in ARM or
 * Thumb mode (loaded on first use: util/capstone.h). Kept apart from translate.c because capstone's arm.h uses
 * names (arm_reg) that the front end's API also uses.
 */
#include <inttypes.h>
#include <stdbool.h>

#include "target/arm/cpu.h"
#include "util/capstone.h"

enum { ARM_DISAS_MAX_BYTES = 4 * 64 + 4 };

void arm_disas(FILE *f, uint32_t pc, uint32_t flags, uint32_t size);

void arm_disas(FILE *f, uint32_t pc, uint32_t flags, uint32_t size)
{
    /* Opened once per mode, on first use: only -d in_asm pays for it. */
    static csh handles[2];
    static bool opened[2];
    bool thumb = (flags & ARM_FLAG_THUMB) != 0;
    const char *why = "";
    const FerryCapstone *cs = ferry_capstone(&why);
    if (!cs) {
        fprintf(f, "  (no disassembler: %s)\n", why);
        return;
    }
    if (!opened[thumb]) {
        if (cs->open(CS_ARCH_ARM, thumb ? CS_MODE_THUMB : CS_MODE_ARM, &handles[thumb]) != CS_ERR_OK) {
            fprintf(f, "  (capstone cannot disassemble ARM)\n");
            return;
        }
        opened[thumb] = true;
    }
    uint8_t code[ARM_DISAS_MAX_BYTES];
    if (size > sizeof(code))
        size = sizeof(code);
    if (!tcg_read_code || !tcg_read_code(pc, code, size)) {
        fprintf(f, "0x%08x: (unreadable)\n", pc);
        return;
    }
    const uint8_t *p = code;
    size_t left = size;
    uint64_t addr = pc;
    cs_insn *insn = cs->malloc(handles[thumb]);
    while (left > 0) {
        if (!cs->disasm_iter(handles[thumb], &p, &left, &addr, insn)) {
            /* Not an instruction capstone knows: show it raw and step on. */
            uint32_t step = thumb ? 2 : 4;
            if (left < step)
                break;
            uint32_t raw = 0;
            for (uint32_t i = 0; i < step; i++)
                raw |= (uint32_t)p[i] << (8 * i);
            fprintf(f, "0x%08" PRIx64 ":  %0*x  .inst\n", addr, (int)step * 2, raw);
            p += step, left -= step, addr += step;
            continue;
        }
        fprintf(f, "0x%08" PRIx64 ":  %-8s %s\n", insn->address, insn->mnemonic, insn->op_str);
    }
    cs->free(insn, 1);
}

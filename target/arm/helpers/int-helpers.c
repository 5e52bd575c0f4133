/*
 * C helpers for the ARM integer instructions (see int-helpers.h). They
 * read and write the sticky Q flag and GE bits in the CPU state, so the
 * ones that do are declared IR_HELPER_READS_GLOBALS/WRITES_GLOBALS.
 */
#include "target/arm/helpers/int-helpers.h"

#include "target/arm/cpu.h"

/* Division: by zero gives 0 (ARMv7-A without the divide trap), and
 * INT_MIN / -1 gives INT_MIN. */
static uint32_t h_sdiv(void *cpu, uint32_t n, uint32_t m, uint32_t u2, uint32_t u3)
{
    if (m == 0)
        return 0;
    if (n == 0x80000000u && m == 0xffffffffu)
        return n;
    return (uint32_t)((int32_t)n / (int32_t)m);
}

static uint32_t h_udiv(void *cpu, uint32_t n, uint32_t m, uint32_t u2, uint32_t u3)
{
    return m ? n / m : 0;
}

const IRHelper arm_helper_sdiv = { "sdiv", h_sdiv, IR_HELPER_NO_SIDE };
const IRHelper arm_helper_udiv = { "udiv", h_udiv, IR_HELPER_NO_SIDE };

/* ---- Saturation ---- */

static int64_t sat_signed(int64_t v, unsigned bits, bool *sat)
{
    int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -max - 1;
    if (v > max || v < min) {
        *sat = true;
        return v > max ? max : min;
    }
    return v;
}

static int64_t sat_unsigned(int64_t v, unsigned bits, bool *sat)
{
    int64_t max = ((int64_t)1 << bits) - 1;
    if (v > max || v < 0) {
        *sat = true;
        return v > max ? max : 0;
    }
    return v;
}

static uint32_t set_q(void *cpu, bool sat, uint32_t r)
{
    if (sat)
        ((ArmCpu *)cpu)->QF = 1;
    return r;
}

/* bits: SSAT's sat_imm + 1 (1..32); USAT's sat_imm (0..31). */
static uint32_t h_ssat(void *cpu, uint32_t v, uint32_t bits, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    return set_q(cpu, sat, (uint32_t)sat_signed((int32_t)v, bits, &sat));
}

static uint32_t h_usat(void *cpu, uint32_t v, uint32_t bits, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    uint32_t r = (uint32_t)sat_unsigned((int32_t)v, bits, &sat);
    return set_q(cpu, sat, r);
}

static uint32_t h_ssat16(void *cpu, uint32_t v, uint32_t bits, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    uint32_t lo = (uint32_t)sat_signed((int16_t)v, bits, &sat) & 0xffff;
    uint32_t hi = (uint32_t)sat_signed((int16_t)(v >> 16), bits, &sat) & 0xffff;
    return set_q(cpu, sat, hi << 16 | lo);
}

static uint32_t h_usat16(void *cpu, uint32_t v, uint32_t bits, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    uint32_t lo = (uint32_t)sat_unsigned((int16_t)v, bits, &sat) & 0xffff;
    uint32_t hi = (uint32_t)sat_unsigned((int16_t)(v >> 16), bits, &sat) & 0xffff;
    return set_q(cpu, sat, hi << 16 | lo);
}

static uint32_t h_qadd(void *cpu, uint32_t a, uint32_t b, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    return set_q(cpu, sat, (uint32_t)sat_signed((int64_t)(int32_t)a + (int32_t)b, 32, &sat));
}

static uint32_t h_qsub(void *cpu, uint32_t a, uint32_t b, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    return set_q(cpu, sat, (uint32_t)sat_signed((int64_t)(int32_t)a - (int32_t)b, 32, &sat));
}

/* QDADD/QDSUB: Rd = sat(Rm +/- sat(2 * Rn)); a is Rm, b is Rn. */
static uint32_t h_qdadd(void *cpu, uint32_t a, uint32_t b, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    int64_t d = sat_signed(2 * (int64_t)(int32_t)b, 32, &sat);
    return set_q(cpu, sat, (uint32_t)sat_signed((int32_t)a + d, 32, &sat));
}

static uint32_t h_qdsub(void *cpu, uint32_t a, uint32_t b, uint32_t u2, uint32_t u3)
{
    bool sat = false;
    int64_t d = sat_signed(2 * (int64_t)(int32_t)b, 32, &sat);
    return set_q(cpu, sat, (uint32_t)sat_signed((int32_t)a - d, 32, &sat));
}

/* Q is written in the CPU state: globals synced before, reloaded after. */
#define ARM_Q_HELPER(nm) { #nm, h_##nm, IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS }
const IRHelper arm_helper_ssat = ARM_Q_HELPER(ssat);
const IRHelper arm_helper_usat = ARM_Q_HELPER(usat);
const IRHelper arm_helper_ssat16 = ARM_Q_HELPER(ssat16);
const IRHelper arm_helper_usat16 = ARM_Q_HELPER(usat16);
const IRHelper arm_helper_qadd = ARM_Q_HELPER(qadd);
const IRHelper arm_helper_qsub = ARM_Q_HELPER(qsub);
const IRHelper arm_helper_qdadd = ARM_Q_HELPER(qdadd);
const IRHelper arm_helper_qdsub = ARM_Q_HELPER(qdsub);

/* ---- SEL, USAD8 ---- */

/* GE comes as an argument so that no global has to be synced. */
static uint32_t h_sel(void *cpu, uint32_t a, uint32_t b, uint32_t ge, uint32_t u3)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < 4; i++)
        r |= ((ge >> i) & 1 ? a : b) & (0xffu << (8 * i));
    return r;
}

static uint32_t h_usad8(void *cpu, uint32_t a, uint32_t b, uint32_t u2, uint32_t u3)
{
    uint32_t sum = 0;
    for (unsigned i = 0; i < 32; i += 8) {
        int32_t d = (int32_t)((a >> i) & 0xff) - (int32_t)((b >> i) & 0xff);
        sum += (uint32_t)(d < 0 ? -d : d);
    }
    return sum;
}

const IRHelper arm_helper_sel = { "sel", h_sel, IR_HELPER_NO_SIDE };
const IRHelper arm_helper_usad8 = { "usad8", h_usad8, IR_HELPER_NO_SIDE };

static uint32_t h_rbit(void *cpu, uint32_t a, uint32_t u1, uint32_t u2, uint32_t u3)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < 32; i++)
        r |= ((a >> i) & 1) << (31 - i);
    return r;
}

const IRHelper arm_helper_rbit = { "rbit", h_rbit, IR_HELPER_NO_SIDE };

/* ---- Parallel add/subtract ---- */

/*
 * Each lane: x op y in 32-bit arithmetic on the sign- or zero-extended
 * lane values, then by prefix: plain (S, U: GE from the result), saturate
 * (Q, UQ) or halve (SH, UH). ASX/SAX pair Rn's low half with Rm's high
 * half and the reverse; ASX subtracts in the low lane, SAX in the high.
 */
uint32_t arm_parallel(uint32_t a, uint32_t b, uint32_t code, uint32_t *ge)
{
    unsigned prefix = code / 8, op = code % 8;
    bool is_signed = prefix <= ARM_PAR_SH;
    unsigned width = op >= ARM_PAR_ADD8 ? 8 : 16, lanes = 32 / width;
    uint32_t mask = (1u << width) - 1, r = 0, g = 0;
    if (op == ARM_PAR_ASX || op == ARM_PAR_SAX)
        b = b >> 16 | b << 16;
    for (unsigned i = 0; i < lanes; i++) {
        uint32_t xa = (a >> (i * width)) & mask, xb = (b >> (i * width)) & mask;
        int32_t x = is_signed ? (int32_t)(xa << (32 - width)) >> (32 - width) : (int32_t)xa;
        int32_t y = is_signed ? (int32_t)(xb << (32 - width)) >> (32 - width) : (int32_t)xb;
        bool sub = op == ARM_PAR_SUB16 || op == ARM_PAR_SUB8 || (op == ARM_PAR_ASX && i == 0) ||
                   (op == ARM_PAR_SAX && i == 1);
        int32_t v = sub ? x - y : x + y;
        bool lane_ge;
        if (is_signed)
            lane_ge = v >= 0;
        else
            lane_ge = sub ? v >= 0 : v >= (int32_t)(1u << width);
        bool sat = false;
        switch (prefix) {
        case ARM_PAR_Q: v = (int32_t)sat_signed(v, width, &sat); break;
        case ARM_PAR_UQ: v = (int32_t)sat_unsigned(v, width, &sat); break;
        case ARM_PAR_SH: case ARM_PAR_UH: v >>= 1; break;
        default: break;
        }
        r |= ((uint32_t)v & mask) << (i * width);
        if (lane_ge)
            g |= (width == 16 ? 3u : 1u) << (i * (width / 8));
    }
    *ge = g;
    return r;
}

static uint32_t h_parallel(void *cpu, uint32_t a, uint32_t b, uint32_t code, uint32_t u3)
{
    uint32_t ge;
    return arm_parallel(a, b, code, &ge);
}

static uint32_t h_parallel_ge(void *cpu, uint32_t a, uint32_t b, uint32_t code, uint32_t u3)
{
    return arm_parallel(a, b, code, &((ArmCpu *)cpu)->GE);
}

const IRHelper arm_helper_parallel = { "parallel", h_parallel, IR_HELPER_NO_SIDE };
const IRHelper arm_helper_parallel_ge = { "parallel_ge", h_parallel_ge,
                                          IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS };

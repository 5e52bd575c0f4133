/*
 * Scalar VFP arithmetic with ARM semantics on the host's SSE unit (see
 * vfp-helpers.h).
 *
 * Values are handled as bit patterns (uint64_t, the low 32 bits for
 * single precision) described by a VfpFmt, so that the ARM-specific parts
 * are written once for both precisions:
 *   - inputs: flush-to-zero of denormals when FPSCR.FZ (IDC), then NaN
 *     operands are resolved in ARM's order (ARM ARM FPProcessNaNs: the
 *     first signalling NaN, quietened, else the first quiet NaN; the
 *     default NaN when FPSCR.DN). x86 would instead return the first
 *     NaN operand and a negative default NaN, so the host never sees NaNs.
 *   - the operation: one host SSE instruction (or libm's fma) run with
 *     MXCSR's rounding control set from FPSCR.RMode and its flags clear,
 *     so the result and the inexact/overflow/divide/invalid flags are the
 *     IEEE ones. An invalid operation gives ARM's default NaN.
 *   - output: ARM detects tininess before rounding and x86 after, so a
 *     result that rounded to the smallest normal is checked again in
 *     round-toward-zero mode; tiny results are flushed to zero under
 *     FPSCR.FZ (UFC, no IXC), else UFC is set when they are inexact.
 * With FPSCR = 0 (what glibc runs with) all this costs a few compares and
 * one MXCSR write around the host instruction.
 */
#include "target/arm/helpers/vfp-helpers.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <xmmintrin.h>

#include "target/arm/cpu.h"
#include "util/log.h"

/* FPSCR bits. */
enum {
    FPSCR_IOC = 1u << 0, FPSCR_DZC = 1u << 1, FPSCR_OFC = 1u << 2,
    FPSCR_UFC = 1u << 3, FPSCR_IXC = 1u << 4, FPSCR_IDC = 1u << 7,
    FPSCR_AHP = 1u << 26, FPSCR_DN = 1u << 25, FPSCR_FZ = 1u << 24,
};
#define FPSCR_RMODE(fpscr) (((fpscr) >> 22) & 3)
#define FPSCR_LEN_STRIDE 0x00370000u
#define FPSCR_NZCV_SHIFT 28

/* ARM RMode values. */
enum { RM_NEAREST, RM_PLUS_INF, RM_MINUS_INF, RM_ZERO };

/* MXCSR: all exceptions masked, flags clear; the rounding control for
 * each ARM RMode (x86 numbers down and up the other way round). */
#define HOST_CSR 0x1f80u
static const uint32_t host_rc[4] = { 0u << 13, 2u << 13, 1u << 13, 3u << 13 };
enum { HOST_IE = 1, HOST_ZE = 4, HOST_OE = 8, HOST_UE = 16, HOST_PE = 32 };

typedef struct VfpFmt {
    uint64_t sign, exp, frac, quiet, default_nan, min_normal;
    unsigned frac_bits;
} VfpFmt;

static const VfpFmt fmt_s = {
    0x80000000u, 0x7f800000u, 0x007fffffu, 0x00400000u, 0x7fc00000u, 0x00800000u, 23,
};
static const VfpFmt fmt_d = {
    0x8000000000000000ull, 0x7ff0000000000000ull, 0x000fffffffffffffull,
    0x0008000000000000ull, 0x7ff8000000000000ull, 0x0010000000000000ull, 52,
};

/* One instruction's state: the FPSCR it runs under and the cumulative
 * flags it raises (or'ed into FPSCR at the end). */
typedef struct VfpCtx {
    ArmCpu *cpu;
    const VfpFmt *f;
    uint32_t fpscr;
    uint32_t exc;
} VfpCtx;

/* ---- Register file ---- */

static uint64_t reg_get(const ArmCpu *cpu, bool dp, unsigned r)
{
    if (dp)
        return cpu->vfp_d[r & 31];
    uint32_t w;
    memcpy(&w, (const char *)cpu->vfp_d + 4 * (r & 31), 4);
    return w;
}

static void reg_set(ArmCpu *cpu, bool dp, unsigned r, uint64_t v)
{
    if (dp) {
        cpu->vfp_d[r & 31] = v;
    } else {
        uint32_t w = (uint32_t)v;
        memcpy((char *)cpu->vfp_d + 4 * (r & 31), &w, 4);
    }
}

static float f32_of(uint64_t b) { uint32_t w = (uint32_t)b; float x; memcpy(&x, &w, 4); return x; }
static double f64_of(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }
static uint64_t bits_f32(float x) { uint32_t w; memcpy(&w, &x, 4); return w; }
static uint64_t bits_f64(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }

/* Value of a non-NaN operand as a double (exact for both precisions). */
static double value_of(const VfpFmt *f, uint64_t b)
{
    return f == &fmt_d ? f64_of(b) : (double)f32_of(b);
}

/* ---- Classification, NaNs, flushing ---- */

static bool is_nan(const VfpFmt *f, uint64_t x) { return (x & ~f->sign) > f->exp; }
static bool is_snan(const VfpFmt *f, uint64_t x) { return is_nan(f, x) && !(x & f->quiet); }
static bool is_inf(const VfpFmt *f, uint64_t x) { return (x & ~f->sign) == f->exp; }
static bool is_zero(const VfpFmt *f, uint64_t x) { return (x & ~f->sign) == 0; }

/* FPUnpack's flush of a denormal input under FPSCR.FZ. */
static uint64_t flush_in(VfpCtx *c, uint64_t x)
{
    const VfpFmt *f = c->f;
    if ((c->fpscr & FPSCR_FZ) && !(x & f->exp) && (x & f->frac)) {
        c->exc |= FPSCR_IDC;
        return x & f->sign;
    }
    return x;
}

/* FPProcessNaN: quieten a signalling NaN (IOC); the default NaN if DN. */
static uint64_t process_nan(VfpCtx *c, uint64_t x)
{
    if (is_snan(c->f, x)) {
        c->exc |= FPSCR_IOC;
        x |= c->f->quiet;
    }
    return (c->fpscr & FPSCR_DN) ? c->f->default_nan : x;
}

/* FPProcessNaNs(3): true, with *r set, if an operand is a NaN. */
static bool process_nans(VfpCtx *c, const uint64_t *ops, unsigned n, uint64_t *r)
{
    for (unsigned i = 0; i < n; i++)
        if (is_snan(c->f, ops[i]))
            return *r = process_nan(c, ops[i]), true;
    for (unsigned i = 0; i < n; i++)
        if (is_nan(c->f, ops[i]))
            return *r = process_nan(c, ops[i]), true;
    return false;
}

/* ---- The host operation ---- */

typedef enum HostOp { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT, H_FMA, H_D2S, H_I2S } HostOp;

/* Keeps the compiler from moving FP arithmetic across the MXCSR accesses
 * (GCC does not honour FENV_ACCESS). */
static inline void fence_f(float *x) { __asm__ volatile("" : "+x"(*x)::"memory"); }
static inline void fence_d(double *x) { __asm__ volatile("" : "+x"(*x)::"memory"); }

static uint64_t host_single(HostOp op, uint64_t a, uint64_t b, uint64_t c3)
{
    float x = f32_of(a), y = f32_of(b), z = f32_of(c3), r;
    fence_f(&x), fence_f(&y), fence_f(&z);
    switch (op) {
    case H_ADD: r = x + y; break;
    case H_SUB: r = x - y; break;
    case H_MUL: r = x * y; break;
    case H_DIV: r = x / y; break;
    case H_SQRT: r = sqrtf(x); break;
    case H_FMA: r = fmaf(x, y, z); break;
    default: {
        /* H_D2S: a is a double; H_I2S: a is a double holding an integer. */
        double d = f64_of(a);
        fence_d(&d);
        r = (float)d;
        break;
    }
    }
    fence_f(&r);
    return bits_f32(r);
}

static uint64_t host_double(HostOp op, uint64_t a, uint64_t b, uint64_t c3)
{
    double x = f64_of(a), y = f64_of(b), z = f64_of(c3), r;
    fence_d(&x), fence_d(&y), fence_d(&z);
    switch (op) {
    case H_ADD: r = x + y; break;
    case H_SUB: r = x - y; break;
    case H_MUL: r = x * y; break;
    case H_DIV: r = x / y; break;
    case H_SQRT: r = sqrt(x); break;
    default: r = fma(x, y, z); break;
    }
    fence_d(&r);
    return bits_f64(r);
}

/* Runs op in rounding mode rmode; *hflags gets the MXCSR flags raised. */
static uint64_t host_run(const VfpFmt *rf, HostOp op, uint64_t a, uint64_t b, uint64_t c3,
                         unsigned rmode, uint32_t *hflags)
{
    _mm_setcsr(HOST_CSR | host_rc[rmode]);
    uint64_t r = rf == &fmt_d ? host_double(op, a, b, c3) : host_single(op, a, b, c3);
    *hflags = _mm_getcsr() & 0x3f;
    if (rmode != RM_NEAREST)
        _mm_setcsr(HOST_CSR);
    return r;
}

/* The host operation with ARM's rounding rules, result in format c->f
 * (operands are in c->f too, except for H_D2S/H_I2S: a double). */
static uint64_t arith(VfpCtx *c, HostOp op, uint64_t a, uint64_t b, uint64_t c3)
{
    const VfpFmt *f = c->f;
    uint32_t hf, rmode = FPSCR_RMODE(c->fpscr);
    uint64_t r = host_run(f, op, a, b, c3, rmode, &hf);
    if (hf & HOST_IE) {
        c->exc |= FPSCR_IOC;
        return f->default_nan;
    }
    uint32_t exc = (hf & (HOST_ZE | HOST_OE | HOST_PE)) >> 1;  /* DZC, OFC, IXC */
    uint64_t mag = r & ~f->sign;
    bool tiny;
    if (mag < f->min_normal) {
        tiny = mag != 0 || (hf & HOST_PE);
    } else if (mag == f->min_normal && (hf & HOST_PE)) {
        uint32_t hz;  /* rounded up to the smallest normal: was it below? */
        tiny = (host_run(f, op, a, b, c3, RM_ZERO, &hz) & ~f->sign) < f->min_normal;
    } else {
        tiny = false;
    }
    if (tiny && (c->fpscr & FPSCR_FZ)) {
        c->exc |= FPSCR_UFC;  /* and not IXC */
        return r & f->sign;
    }
    if (tiny && (hf & HOST_PE))
        exc |= FPSCR_UFC;
    c->exc |= exc;
    return r;
}

/* ---- ARM operations (ARM ARM FPAdd, FPMul, FPMulAdd, ...) ---- */

static uint64_t fp_neg(const VfpCtx *c, uint64_t x) { return x ^ c->f->sign; }

static uint64_t fp_binary(VfpCtx *c, HostOp op, uint64_t a, uint64_t b)
{
    uint64_t ops[2] = { flush_in(c, a), flush_in(c, b) }, r;
    if (process_nans(c, ops, 2, &r))
        return r;
    return arith(c, op, ops[0], ops[1], 0);
}

static uint64_t fp_sqrt(VfpCtx *c, uint64_t a)
{
    a = flush_in(c, a);
    if (is_nan(c->f, a))
        return process_nan(c, a);
    return arith(c, H_SQRT, a, 0, 0);
}

/* FPMulAdd: addend + op1 * op2 with a single rounding. */
static uint64_t fp_muladd(VfpCtx *c, uint64_t addend, uint64_t op1, uint64_t op2)
{
    const VfpFmt *f = c->f;
    uint64_t ops[3] = { flush_in(c, addend), flush_in(c, op1), flush_in(c, op2) }, r;
    bool inf_times_zero = (is_inf(f, ops[1]) && is_zero(f, ops[2])) ||
                          (is_zero(f, ops[1]) && is_inf(f, ops[2]));
    if (process_nans(c, ops, 3, &r)) {
        if (is_nan(f, ops[0]) && !is_snan(f, ops[0]) && inf_times_zero) {
            c->exc |= FPSCR_IOC;
            return f->default_nan;
        }
        return r;
    }
    return arith(c, H_FMA, ops[1], ops[2], ops[0]);
}

static uint64_t fp_arith(VfpCtx *c, unsigned op, uint64_t d, uint64_t n, uint64_t m)
{
    switch (op) {
    case ARM_VFP_ADD: return fp_binary(c, H_ADD, n, m);
    case ARM_VFP_SUB: return fp_binary(c, H_SUB, n, m);
    case ARM_VFP_MUL: return fp_binary(c, H_MUL, n, m);
    case ARM_VFP_NMUL: return fp_neg(c, fp_binary(c, H_MUL, n, m));
    case ARM_VFP_DIV: return fp_binary(c, H_DIV, n, m);
    case ARM_VFP_MLA: return fp_binary(c, H_ADD, d, fp_binary(c, H_MUL, n, m));
    case ARM_VFP_MLS: return fp_binary(c, H_ADD, d, fp_neg(c, fp_binary(c, H_MUL, n, m)));
    case ARM_VFP_NMLA:
        return fp_binary(c, H_ADD, fp_neg(c, d), fp_neg(c, fp_binary(c, H_MUL, n, m)));
    case ARM_VFP_NMLS: return fp_binary(c, H_ADD, fp_neg(c, d), fp_binary(c, H_MUL, n, m));
    case ARM_VFP_FMA: return fp_muladd(c, d, n, m);
    case ARM_VFP_FMS: return fp_muladd(c, d, fp_neg(c, n), m);
    case ARM_VFP_FNMA: return fp_muladd(c, fp_neg(c, d), fp_neg(c, n), m);
    case ARM_VFP_FNMS: return fp_muladd(c, fp_neg(c, d), n, m);
    case ARM_VFP_NEG: return fp_neg(c, m);
    case ARM_VFP_ABS: return m & ~c->f->sign;
    default: return fp_sqrt(c, m);
    }
}

static void vfp_begin(VfpCtx *c, void *cpu, bool dp)
{
    c->cpu = cpu;
    c->f = dp ? &fmt_d : &fmt_s;
    c->fpscr = c->cpu->fpscr;
    c->exc = 0;
}

static void vfp_end(VfpCtx *c)
{
    c->cpu->fpscr |= c->exc;
}

static uint32_t h_vfp_arith(void *cpu, uint32_t op, uint32_t d, uint32_t n, uint32_t m)
{
    VfpCtx c;
    bool dp = op & ARM_VFP_DP;
    vfp_begin(&c, cpu, dp);
    if (c.fpscr & FPSCR_LEN_STRIDE) {
        ferry_log(FERRY_LOG_unimp, "VFP short vectors (FPSCR.Len/Stride = 0x%x) are not supported\n",
                  (c.fpscr & FPSCR_LEN_STRIDE) >> 16);
        return 1;
    }
    op &= 0xff;
    uint64_t r = fp_arith(&c, op, reg_get(c.cpu, dp, d), reg_get(c.cpu, dp, n), reg_get(c.cpu, dp, m));
    reg_set(c.cpu, dp, d, r);
    vfp_end(&c);
    return 0;
}

const IRHelper arm_helper_vfp_arith = { "vfp_arith", h_vfp_arith, 0 };

/* ---- Compare ---- */

/* FPCompare: NZCV for equal 0110, less 1000, greater 0010, unordered 0011. */
static uint32_t h_vfp_cmp(void *cpu, uint32_t op, uint32_t d, uint32_t m, uint32_t with_zero)
{
    VfpCtx c;
    bool dp = op & ARM_VFP_DP;
    vfp_begin(&c, cpu, dp);
    uint64_t a = flush_in(&c, reg_get(c.cpu, dp, d));
    uint64_t b = with_zero ? 0 : flush_in(&c, reg_get(c.cpu, dp, m));
    uint32_t nzcv;
    if (is_nan(c.f, a) || is_nan(c.f, b)) {
        if (is_snan(c.f, a) || is_snan(c.f, b) || (op & ARM_VFP_E))
            c.exc |= FPSCR_IOC;
        nzcv = 0x3;
    } else {
        double x = value_of(c.f, a), y = value_of(c.f, b);
        nzcv = x == y ? 0x6 : x < y ? 0x8 : 0x2;
    }
    c.cpu->fpscr = (c.cpu->fpscr & ~(0xfu << FPSCR_NZCV_SHIFT)) | nzcv << FPSCR_NZCV_SHIFT;
    vfp_end(&c);
    return 0;
}

const IRHelper arm_helper_vfp_cmp = { "vfp_cmp", h_vfp_cmp, 0 };

/* ---- Conversions ---- */

/* Rounds x to an integral value in ARM rounding mode rmode. */
static double round_integral(double x, unsigned rmode)
{
    double fl = floor(x), diff = x - fl;  /* exact: large doubles are integers */
    switch (rmode) {
    case RM_NEAREST:
        if (diff > 0.5 || (diff == 0.5 && floor(fl / 2) * 2 != fl))
            fl += 1;
        return fl;
    case RM_PLUS_INF: return diff > 0 ? fl + 1 : fl;
    case RM_MINUS_INF: return fl;
    default: return trunc(x);
    }
}

/* FPToFixed: the value of a (format c->f) times 2^fbits, rounded and
 * saturated to a bits-wide signed or unsigned integer. */
static uint32_t to_fixed(VfpCtx *c, uint64_t a, unsigned fbits, unsigned bits, bool is_unsigned,
                         unsigned rmode)
{
    a = flush_in(c, a);
    if (is_nan(c->f, a)) {
        c->exc |= FPSCR_IOC;
        return 0;
    }
    double v = ldexp(value_of(c->f, a), (int)fbits);  /* exact */
    double r = round_integral(v, rmode);
    double max = is_unsigned ? ldexp(1, (int)bits) - 1 : ldexp(1, (int)bits - 1) - 1;
    double min = is_unsigned ? 0 : -ldexp(1, (int)bits - 1);
    if (r > max || r < min) {
        c->exc |= FPSCR_IOC;
        r = r > max ? max : min;
    } else if (r != v) {
        c->exc |= FPSCR_IXC;
    }
    return (uint32_t)(int64_t)r;
}

/* A double holding a value exactly representable in it (an integer or a
 * fixed-point value), rounded to the format c->f. */
static uint64_t from_exact_double(VfpCtx *c, double v)
{
    if (c->f == &fmt_d)
        return bits_f64(v);
    return arith(c, H_I2S, bits_f64(v), 0, 0);
}

/* FPConvert between single and double (dp: from double). */
static uint64_t convert_ff(VfpCtx *c, uint64_t a, bool from_dp)
{
    const VfpFmt *from = from_dp ? &fmt_d : &fmt_s, *to = from_dp ? &fmt_s : &fmt_d;
    c->f = from;
    a = flush_in(c, a);
    if (is_nan(from, a)) {
        if (is_snan(from, a))
            c->exc |= FPSCR_IOC;
        c->f = to;
        if (c->fpscr & FPSCR_DN)
            return to->default_nan;
        /* sign, quiet NaN, the top of the fraction */
        uint64_t frac = a & from->frac;
        frac = from_dp ? frac >> 29 : frac << 29;
        return (a & from->sign ? to->sign : 0) | to->exp | to->quiet | frac;
    }
    c->f = to;
    if (!from_dp)
        return bits_f64((double)f32_of(a));
    return arith(c, H_D2S, a, 0, 0);
}

/* Half precision (IEEE, or ARM's alternative format when FPSCR.AHP). */
static uint64_t half_to_single(VfpCtx *c, uint32_t h)
{
    bool ahp = c->fpscr & FPSCR_AHP;
    uint32_t sign = (h & 0x8000u) << 16, exp = (h >> 10) & 31, frac = h & 0x3ff;
    if (exp == 31 && !ahp) {
        if (frac == 0)
            return sign | 0x7f800000u;
        if (!(frac & 0x200))
            c->exc |= FPSCR_IOC;
        if (c->fpscr & FPSCR_DN)
            return fmt_s.default_nan;
        return sign | 0x7fc00000u | frac << 13;
    }
    if (exp == 0 && frac == 0)
        return sign;
    float v = ldexpf((float)frac, exp ? (int)exp - 25 : -24);  /* exact */
    if (exp)
        v += ldexpf(1, (int)exp - 15);
    return sign | bits_f32(v);
}

static uint32_t single_to_half(VfpCtx *c, uint64_t a)
{
    bool ahp = c->fpscr & FPSCR_AHP;
    c->f = &fmt_s;
    a = flush_in(c, a);
    uint32_t sign = (uint32_t)(a >> 16) & 0x8000u;
    if (is_nan(&fmt_s, a)) {
        if (ahp || is_snan(&fmt_s, a))
            c->exc |= FPSCR_IOC;
        if (ahp)
            return sign;  /* a signed zero */
        if (c->fpscr & FPSCR_DN)
            return 0x7e00;
        return sign | 0x7e00 | (uint32_t)(a & fmt_s.frac) >> 13;
    }
    if (is_inf(&fmt_s, a)) {
        if (ahp)
            c->exc |= FPSCR_IOC;
        return sign | (ahp ? 0x7fff : 0x7c00);
    }
    if (is_zero(&fmt_s, a))
        return sign;
    /* |v| = mant * 2^qexp with an 11-bit mant (or fewer, for denormals) */
    double mag = fabs((double)f32_of(a));
    int qexp = ilogb(mag) - 10;
    if (qexp < -24)
        qexp = -24;
    double scaled = ldexp(mag, -qexp);
    unsigned rmode = FPSCR_RMODE(c->fpscr);
    if (sign && (rmode == RM_PLUS_INF || rmode == RM_MINUS_INF))
        rmode ^= RM_PLUS_INF ^ RM_MINUS_INF;  /* rounding the magnitude */
    double mant = round_integral(scaled, rmode);
    bool inexact = mant != scaled;
    if (mant >= 2048)
        mant /= 2, qexp++;
    uint32_t m = (uint32_t)mant, e = m >= 1024 ? (uint32_t)(qexp + 25) : 0;
    if (e >= (ahp ? 32u : 31u)) {
        if (ahp) {
            c->exc |= FPSCR_IOC;
            return sign | 0x7fff;
        }
        c->exc |= FPSCR_OFC | FPSCR_IXC;
        bool to_inf = rmode == RM_NEAREST || rmode == RM_PLUS_INF;
        return sign | (to_inf ? 0x7c00 : 0x7bff);
    }
    if (inexact) {
        c->exc |= FPSCR_IXC;
        if (mag < 0x1p-14)
            c->exc |= FPSCR_UFC;
    }
    return sign | e << 10 | (m & 0x3ff);
}

static uint32_t h_vfp_cvt(void *cpu, uint32_t op, uint32_t d, uint32_t m, uint32_t fbits)
{
    VfpCtx c;
    bool dp = op & ARM_VFP_DP, is_unsigned = op & ARM_VFP_UNSIGNED;
    vfp_begin(&c, cpu, dp);
    unsigned rmode = (op & ARM_VFP_RZ) ? RM_ZERO : FPSCR_RMODE(c.fpscr);
    switch (op & 0xff) {
    case ARM_VFP_CVT_FF:
        reg_set(c.cpu, !dp, d, convert_ff(&c, reg_get(c.cpu, dp, m), dp));
        break;
    case ARM_VFP_CVT_TOI:
        reg_set(c.cpu, false, d, to_fixed(&c, reg_get(c.cpu, dp, m), 0, 32, is_unsigned, rmode));
        break;
    case ARM_VFP_CVT_FROMI: {
        uint32_t v = (uint32_t)reg_get(c.cpu, false, m);
        reg_set(c.cpu, dp, d, from_exact_double(&c, is_unsigned ? (double)v : (double)(int32_t)v));
        break;
    }
    case ARM_VFP_CVT_TOX: {
        unsigned bits = (op & ARM_VFP_X16) ? 16 : 32;
        uint32_t r = to_fixed(&c, reg_get(c.cpu, dp, d), fbits, bits, is_unsigned, RM_ZERO);
        int64_t ext = is_unsigned ? (int64_t)r : bits == 16 ? (int16_t)r : (int32_t)r;
        reg_set(c.cpu, dp, d, dp ? (uint64_t)ext : (uint32_t)ext);
        break;
    }
    case ARM_VFP_CVT_FROMX: {
        c.fpscr &= ~(3u << 22);  /* FixedToFP rounds to nearest, whatever RMode says */
        uint32_t v = (uint32_t)reg_get(c.cpu, dp, d);
        int64_t i = (op & ARM_VFP_X16) ? (is_unsigned ? (int64_t)(uint16_t)v : (int16_t)v)
                                       : (is_unsigned ? (int64_t)v : (int32_t)v);
        reg_set(c.cpu, dp, d, from_exact_double(&c, ldexp((double)i, -(int)fbits)));
        break;
    }
    case ARM_VFP_CVT_H2S: {
        uint32_t w = (uint32_t)reg_get(c.cpu, false, m);
        reg_set(c.cpu, false, d, half_to_single(&c, (op & ARM_VFP_TOP) ? w >> 16 : w & 0xffff));
        break;
    }
    default: { /* ARM_VFP_CVT_S2H */
        uint32_t h = single_to_half(&c, reg_get(c.cpu, false, m));
        uint32_t w = (uint32_t)reg_get(c.cpu, false, d);
        w = (op & ARM_VFP_TOP) ? (w & 0xffff) | h << 16 : (w & 0xffff0000u) | h;
        reg_set(c.cpu, false, d, w);
        break;
    }
    }
    vfp_end(&c);
    return 0;
}

const IRHelper arm_helper_vfp_cvt = { "vfp_cvt", h_vfp_cvt, 0 };

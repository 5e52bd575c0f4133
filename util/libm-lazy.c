/*
 * The few libm functions ferry uses (VFP helpers: fma, sqrt, scaling),
 * reached through a dlopen of libm on first use instead of a link-time
 * dependency, for ferry-arm's start-up (docs/startup.md): a linked libm
 * is mapped and relocated at every start, yet most guests never run a
 * VFP fused multiply-add or a scaled conversion.
 *
 * The ferry-arm link wraps each name (-Wl,--wrap=fma: calls to fma reach
 * __wrap_fma) and links libm --as-needed, so libm drops out of the
 * program only while every libm function ferry calls is listed here and
 * in the Makefile's LIBM_WRAP; a new one links libm as before. Other
 * programs (unit tests, ferry-arm-static) call libm directly.
 */
#include <dlfcn.h>
#include <gnu/lib-names.h>
#include <pthread.h>

#include "util/die.h"

/* Declared here: nothing else calls them by these names. */
double __wrap_fma(double x, double y, double z);
float __wrap_fmaf(float x, float y, float z);
double __wrap_sqrt(double x);
float __wrap_sqrtf(float x);
double __wrap_ldexp(double x, int e);
float __wrap_ldexpf(float x, int e);
int __wrap_ilogb(double x);

static struct {
    double (*fma)(double, double, double);
    float (*fmaf)(float, float, float);
    double (*sqrt)(double);
    float (*sqrtf)(float);
    double (*ldexp)(double, int);
    float (*ldexpf)(float, int);
    int (*ilogb)(double);
} lm;
static pthread_once_t lm_once = PTHREAD_ONCE_INIT;

static void *lm_sym(void *h, const char *name)
{
    void *p = dlsym(h, name);
    if (!p)
        ferry_die("%s lacks %s", LIBM_SO, name);
    return p;
}

static void lm_load(void)
{
    void *h = dlopen(LIBM_SO, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        ferry_die("cannot load %s: %s", LIBM_SO, dlerror());
    *(void **)&lm.fma = lm_sym(h, "fma");
    *(void **)&lm.fmaf = lm_sym(h, "fmaf");
    *(void **)&lm.sqrt = lm_sym(h, "sqrt");
    *(void **)&lm.sqrtf = lm_sym(h, "sqrtf");
    *(void **)&lm.ldexp = lm_sym(h, "ldexp");
    *(void **)&lm.ldexpf = lm_sym(h, "ldexpf");
    *(void **)&lm.ilogb = lm_sym(h, "ilogb");
}

#define LM_READY() pthread_once(&lm_once, lm_load)

double __wrap_fma(double x, double y, double z) { LM_READY(); return lm.fma(x, y, z); }
float __wrap_fmaf(float x, float y, float z) { LM_READY(); return lm.fmaf(x, y, z); }
double __wrap_sqrt(double x) { LM_READY(); return lm.sqrt(x); }
float __wrap_sqrtf(float x) { LM_READY(); return lm.sqrtf(x); }
double __wrap_ldexp(double x, int e) { LM_READY(); return lm.ldexp(x, e); }
float __wrap_ldexpf(float x, int e) { LM_READY(); return lm.ldexpf(x, e); }
int __wrap_ilogb(double x) { LM_READY(); return lm.ilogb(x); }

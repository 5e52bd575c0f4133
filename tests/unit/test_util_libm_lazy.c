/* util/libm-lazy.c: the wrapped libm functions that ferry-arm reaches
 * through a dlopen of libm give libm's own answers (this test program
 * links libm directly, so both are at hand). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

double __wrap_fma(double x, double y, double z);
float __wrap_fmaf(float x, float y, float z);
double __wrap_sqrt(double x);
float __wrap_sqrtf(float x);
double __wrap_ldexp(double x, int e);
float __wrap_ldexpf(float x, int e);
int __wrap_ilogb(double x);

/* Bit-exact, NaNs included. */
static void same_d(double a, double b) { assert_memory_equal(&a, &b, sizeof(a)); }
static void same_f(float a, float b) { assert_memory_equal(&a, &b, sizeof(a)); }

static void test_fma_is_fused(void **state)
{
    (void)state;
    /* (1 + 2^-30)^2 - 1 - 2^-29: only a fused multiply-add keeps 2^-60. */
    double x = 1.0 + 0x1p-30;
    same_d(__wrap_fma(x, x, -1.0 - 0x1p-29), 0x1p-60);
    same_d(__wrap_fma(x, x, -1.0 - 0x1p-29), fma(x, x, -1.0 - 0x1p-29));
    float xf = 1.0f + 0x1p-12f;
    same_f(__wrap_fmaf(xf, xf, -1.0f - 0x1p-11f), 0x1p-24f);
    same_d(__wrap_fma(INFINITY, 0.0, 1.0), fma(INFINITY, 0.0, 1.0));
}

static void test_sqrt_scale_logb(void **state)
{
    (void)state;
    volatile double m = -4.0; /* a run-time value: no constant folding */
    same_d(__wrap_sqrt(2.0), sqrt(2.0));
    same_d(__wrap_sqrt(m), sqrt(m));
    same_f(__wrap_sqrtf(3.0f), sqrtf(3.0f));
    same_d(__wrap_ldexp(1.5, -1074), ldexp(1.5, -1074));
    same_d(__wrap_ldexp(1.0, 1024), INFINITY);
    same_f(__wrap_ldexpf(3.0f, -149), ldexpf(3.0f, -149));
    assert_int_equal(__wrap_ilogb(1024.0), 10);
    assert_int_equal(__wrap_ilogb(0x1p-1074), -1074);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fma_is_fused),
        cmocka_unit_test(test_sqrt_scale_logb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

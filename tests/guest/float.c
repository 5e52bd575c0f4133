/* Floating point (VFP): double and float arithmetic, conversions to and
 * from integers of every width, comparisons, libm calls, and printf of
 * floating values. */
#include "guest.h"
#include <math.h>

static volatile double vd[] = { 0.0, -0.0, 1.0, -1.5, 3.141592653589793, 1e300, -1e-300, 123456789.125, 0.1, 2.5 };
static volatile float vf[] = { 0.0f, 1.0f, -2.75f, 3.4e38f, 1e-38f, 0.3f, 16777217.0f, 7.5f };

int main(void)
{
    enum { ND = sizeof vd / sizeof vd[0], NF = sizeof vf / sizeof vf[0] };
    for (int i = 0; i < ND; i++) {
        double x = vd[i], y = vd[(i + 3) % ND];
        printf("%.17g: +%.17g -%.17g *%.17g /%.17g\n", x, x + y, x - y, x * y, y != 0 ? x / y : 0.0);
    }
    for (int i = 0; i < NF; i++) {
        float x = vf[i], y = vf[(i + 1) % NF];
        printf("%.9g: +%.9g *%.9g /%.9g\n", (double)x, (double)(x + y), (double)(x * y), (double)(y != 0 ? x / y : 0.0f));
    }
    printf("conversions: %d %u %lld %d %d\n", (int)-2.9, (unsigned)3.99, (long long)-1e15, (int)2.5f, (int)(float)-0.5);
    printf("int to double: %.1f %.1f %.1f\n", (double)INT32_MIN, (double)UINT32_MAX, (double)(int64_t)-9007199254740993ll);
    printf("compare: %d %d %d %d\n", vd[2] < vd[4], vd[3] >= vd[2], vd[0] == vd[1], isnan(NAN) && !(NAN == NAN));
    printf("libm: sqrt2=%.15f sin1=%.15f exp1=%.15f log10=%.15f pow=%.6f\n", sqrt(2.0), sin(1.0), exp(1.0), log(10.0), pow(2.0, 0.5));
    printf("rounding: %.1f %.1f %.1f %.1f\n", floor(-2.5), ceil(-2.5), round(2.5), trunc(-2.7));
    double acc = 0;
    for (int i = 1; i <= 1000; i++) acc += 1.0 / i;
    printf("harmonic(1000)=%.15f\n", acc);
    float facc = 0;
    for (int i = 1; i <= 1000; i++) facc += 1.0f / (float)(i * i);
    printf("basel(1000)=%.7f fma=%.17g\n", (double)facc, fma(0.1, 10.0, -1.0));
    return 0;
}

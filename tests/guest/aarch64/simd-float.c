/*
 * Static glibc: float formatting and parsing (printf %f/%e/%g/%a, strtod,
 * strtof), FPCR rounding modes (printf and arithmetic follow them), FPSR
 * flags, FSQRT/FMADD/FRINT* through GCC builtins, conversions at the
 * integer limits, and the SIMD string functions on unaligned buffers.
 * No libm (the guest build links only libc): FPCR/FPSR are accessed with
 * MRS/MSR.  Expected output from qemu-aarch64.
 */
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile double vd[] = {
    0.0, -0.0, 1.0, 0.1, 2.5, -2.5, 3.5, 1e300, 1e-310, 123456.789,
    1.0 / 3.0, 0.5, -1.5, 4294967295.5, 9.2233720368547758e18, DBL_MAX,
    DBL_MIN, DBL_TRUE_MIN,
};

enum { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

static void set_rmode(int mode)
{
    uint64_t fpcr;

    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    fpcr = (fpcr & ~(3ull << 22)) | (uint64_t)mode << 22;
    __asm__ volatile("msr fpcr, %0" : : "r"(fpcr));
}

static void flags(const char *what)
{
    uint64_t e;

    __asm__ volatile("mrs %0, fpsr" : "=r"(e));
    printf("%s:%s%s%s%s%s\n", what, e & 1 ? " invalid" : "",
           e & 2 ? " divbyzero" : "", e & 4 ? " overflow" : "",
           e & 8 ? " underflow" : "", e & 16 ? " inexact" : "");
    __asm__ volatile("msr fpsr, xzr");
}

static double sqrt_(double x)
{
    double r;

    __asm__ volatile("fsqrt %d0, %d1" : "=w"(r) : "w"(x));
    return r;
}
#define sqrt sqrt_
#define fabs __builtin_fabs
#define floor __builtin_floor
#define ceil __builtin_ceil
#define rint __builtin_rint
#define round __builtin_round
#define trunc __builtin_trunc
#define fma __builtin_fma

int main(void)
{
    static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD,
                                 FE_TOWARDZERO };
    static const char *const mname[] = { "nearest", "up", "down", "zero" };
    char buf[64];
    unsigned n = sizeof(vd) / sizeof(vd[0]);

    for (unsigned i = 0; i < n; i++) {
        double x = vd[i];
        printf("%u: %f %.3e %g %a %.17g\n", i, x, x, x, x, x);
        printf("   sqrt=%.17g floor=%g ceil=%g rint=%g round=%g trunc=%g\n",
               sqrt(fabs(x)), floor(x), ceil(x), rint(x), round(x),
               trunc(x));
        printf("   (float)=%a (long)=%ld (unsigned)=%u (int)=%d\n",
               (double)(float)x, (long)x, (unsigned)x, (int)x);
    }
    for (int m = 0; m < 4; m++) {
        volatile double a = 1.0, b = 3.0, c = -2.0;
        volatile float fa = 1.0f, fb = 3.0f;

        set_rmode(modes[m]);
        printf("%s: %.20f %.20f %.9g %ld %.1f %.0f %.0f\n", mname[m],
               a / b, c / b, (double)(fa / fb), (long)rint(2.5), 0.25, 0.5,
               1.5);
        printf("   fma=%a mul=%a sqrt2=%a\n", fma(a / b, b, -a),
               (a / b) * b, sqrt(b - a));
    }
    set_rmode(FE_TONEAREST);
    flags("before");
    {
        volatile double z = 0.0, one = 1.0, big = DBL_MAX, tiny = DBL_MIN;
        volatile double r;

        r = one / z;
        flags("1/0");
        r = z / z;
        flags("0/0");
        r = big * 2.0;
        flags("max*2");
        r = tiny / 3.0;
        flags("min/3");
        r = one / 3.0;
        flags("1/3");
        r = one + one;
        flags("1+1");
        (void)r;
    }
    printf("strtod: %a %a %a %a\n", strtod("0.1", NULL),
           strtod("2.2250738585072011e-308", NULL), strtod("1e-400", NULL),
           strtod("-nan", NULL));
    printf("strtof: %a %a\n", (double)strtof("3.4028235e38", NULL),
           (double)strtof("1.17549435e-38", NULL));
    printf("float sums: %.9g %.9g\n", (double)(0.1f + 0.2f),
           (double)(16777216.0f + 1.0f));

    /* String functions on unaligned buffers of many lengths. */
    {
        static char big[300], big2[300];
        unsigned long sum = 0;

        for (int off = 0; off < 16; off++) {
            for (int len = 0; len < 70; len += 3) {
                memset(big, 0, sizeof(big));
                memset(big + off, 'a' + len % 26, (size_t)len);
                strcpy(big2 + (15 - off), big + off);
                sum += strlen(big + off) * 3 + strnlen(big + off, 10);
                sum += (strchr(big + off, 'a' + len % 26) != NULL);
                sum += (memchr(big + off, 0, 100) ? 1 : 0);
                sum += (unsigned long)(memcmp(big + off, big2 + (15 - off),
                                              (size_t)len) == 0);
                sum += (unsigned long)(strcmp(big + off, big2 + 15 - off) == 0);
                big2[15 - off + len / 2] ^= 1;
                sum += (unsigned long)(strncmp(big + off, big2 + 15 - off,
                                               (size_t)len) != 0) * 7;
                sum += (unsigned long)((strrchr(big + off, 0) - (big + off)));
            }
        }
        snprintf(buf, sizeof(buf), "%lu", sum);
        printf("strings=%s\n", buf);
    }
    return 0;
}

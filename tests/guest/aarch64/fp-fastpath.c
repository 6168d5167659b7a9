/*
 * The edges of the scalar FP fast path (target/arm/fp_helper.c,
 * fast_binop/fast_muladd): tern takes the host's result without its
 * flags only when FPSR.IXC is already set, FPCR rounds to nearest and the
 * operands are zero or normal, and only for finite results above the
 * smallest normal or exact zeros.  Each case runs with FPSR = 0 and with
 * FPSR = IXC, under FPCR = 0, FZ, DN and round-towards-plus-infinity,
 * and prints the result's bits and FPSR.  Expected output recorded with
 * qemu-aarch64 (softfloat, no fast-path shortcuts of ours).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FPCR_FZ (1u << 24)
#define FPCR_DN (1u << 25)
#define FPCR_RP (1u << 22)
#define FPSR_IXC 0x10u

static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" : : "r"(v)); }
static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

static double d_of(uint64_t x) { double v; memcpy(&v, &x, 8); return v; }
static uint64_t bits_d(double v) { uint64_t x; memcpy(&x, &v, 8); return x; }
static float f_of(uint32_t x) { float v; memcpy(&v, &x, 4); return v; }
static uint32_t bits_f(float v) { uint32_t x; memcpy(&x, &v, 4); return x; }

enum { ADD, SUB, MUL, DIV, MULX, FMA, SQRT, NOPS };
static const char *const names[NOPS] = {
    "fadd", "fsub", "fmul", "fdiv", "fmulx", "fmadd", "fsqrt",
};

static uint64_t run_d(int op, double a, double b, double c)
{
    double r;

    switch (op) {
    case ADD: __asm__ volatile("fadd %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b)); break;
    case SUB: __asm__ volatile("fsub %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b)); break;
    case MUL: __asm__ volatile("fmul %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b)); break;
    case DIV: __asm__ volatile("fdiv %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b)); break;
    case MULX: __asm__ volatile("fmulx %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b)); break;
    case FMA:
        __asm__ volatile("fmadd %d0, %d1, %d2, %d3" : "=w"(r) : "w"(a), "w"(b), "w"(c));
        break;
    default: __asm__ volatile("fsqrt %d0, %d1" : "=w"(r) : "w"(a)); break;
    }
    return bits_d(r);
}

static uint32_t run_s(int op, float a, float b, float c)
{
    float r;

    switch (op) {
    case ADD: __asm__ volatile("fadd %s0, %s1, %s2" : "=w"(r) : "w"(a), "w"(b)); break;
    case SUB: __asm__ volatile("fsub %s0, %s1, %s2" : "=w"(r) : "w"(a), "w"(b)); break;
    case MUL: __asm__ volatile("fmul %s0, %s1, %s2" : "=w"(r) : "w"(a), "w"(b)); break;
    case DIV: __asm__ volatile("fdiv %s0, %s1, %s2" : "=w"(r) : "w"(a), "w"(b)); break;
    case MULX: __asm__ volatile("fmulx %s0, %s1, %s2" : "=w"(r) : "w"(a), "w"(b)); break;
    case FMA:
        __asm__ volatile("fmadd %s0, %s1, %s2, %s3" : "=w"(r) : "w"(a), "w"(b), "w"(c));
        break;
    default: __asm__ volatile("fsqrt %s0, %s1" : "=w"(r) : "w"(a)); break;
    }
    return bits_f(r);
}

/* Operand bit patterns; c is the FMA addend. */
struct dcase { int op; uint64_t a, b, c; const char *what; };
struct scase { int op; uint32_t a, b, c; const char *what; };

#define D_ONE     0x3ff0000000000000ull
#define D_THREE   0x4008000000000000ull
#define D_MIN     0x0010000000000000ull     /* smallest normal */
#define D_MAX     0x7fefffffffffffffull
#define D_DENORM  0x0000000000000001ull
#define D_HALF    0x3fe0000000000000ull
#define D_TWO     0x4000000000000000ull

static const struct dcase dcases[] = {
    { ADD, D_ONE, D_THREE, 0, "1 + 3 (exact)" },
    { DIV, D_ONE, D_THREE, 0, "1 / 3 (inexact)" },
    { SUB, D_THREE, D_THREE, 0, "3 - 3 (exact zero)" },
    { SUB, D_MIN | 1, D_MIN, 0, "sum below the smallest normal (exact, FZ flushes)" },
    { ADD, D_MIN, 0, 0, "smallest normal + 0" },
    { MUL, D_MIN, D_HALF, 0, "product exactly tiny" },
    { MUL, D_MIN, 0x3fefffffffffffffull, 0, "product rounding up to the smallest normal" },
    { MUL, D_MIN, D_MIN, 0, "product rounding to zero (underflow)" },
    { MUL, 0, D_MAX, 0, "0 * max (exact zero)" },
    { MUL, D_MAX, D_TWO, 0, "max * 2 (overflow)" },
    { ADD, D_MAX, D_MAX, 0, "max + max (overflow)" },
    { DIV, 0, D_THREE, 0, "0 / 3" },
    { DIV, D_THREE, 0, 0, "3 / 0 (divide by zero)" },
    { DIV, 0, 0, 0, "0 / 0 (invalid)" },
    { DIV, D_MIN, 0x4340000000000000ull, 0, "quotient underflowing" },
    { MULX, D_THREE, D_HALF, 0, "fmulx 3 * 0.5" },
    { ADD, D_DENORM, D_ONE, 0, "denormal input" },
    { MUL, D_DENORM, D_ONE, 0, "denormal times one" },
    { FMA, D_THREE, D_THREE, D_ONE, "1 + 3*3" },
    { FMA, D_THREE, 0xbfd5555555555555ull, D_ONE, "1 + 3*(-1/3 rounded): cancellation" },
    { FMA, 0, D_MAX, D_ONE, "1 + 0*max" },
    { FMA, 0, D_THREE, 0, "0 + 0*3" },
    { FMA, D_MIN, D_MIN, 0, "0 + min*min (underflow to zero)" },
    { FMA, D_MAX, D_TWO, D_ONE, "1 + max*2 (overflow)" },
    { SQRT, D_TWO, 0, 0, "sqrt 2" },
    { SQRT, 0, 0, 0, "sqrt +0" },
    { SQRT, 0x8000000000000000ull, 0, 0, "sqrt -0" },
    { SQRT, 0xbff0000000000000ull, 0, 0, "sqrt -1 (invalid)" },
    { SQRT, D_MIN, 0, 0, "sqrt smallest normal" },
};

#define S_ONE    0x3f800000u
#define S_THREE  0x40400000u
#define S_MIN    0x00800000u
#define S_MAX    0x7f7fffffu
#define S_HALF   0x3f000000u
#define S_TWO    0x40000000u

static const struct scase scases[] = {
    { DIV, S_ONE, S_THREE, 0, "1 / 3" },
    { SUB, S_THREE, S_THREE, 0, "3 - 3" },
    { SUB, S_MIN | 1, S_MIN, 0, "sum below the smallest normal" },
    { MUL, S_MIN, S_HALF, 0, "product exactly tiny" },
    { MUL, S_MIN, 0x3f7fffffu, 0, "product rounding up to the smallest normal" },
    { MUL, S_MIN, S_MIN, 0, "product rounding to zero" },
    { MUL, S_MAX, S_TWO, 0, "max * 2" },
    { DIV, S_THREE, 0, 0, "3 / 0" },
    { DIV, 0, 0, 0, "0 / 0" },
    { FMA, S_THREE, S_THREE, S_ONE, "1 + 3*3" },
    { FMA, S_MIN, S_MIN, 0, "0 + min*min" },
    { SQRT, S_TWO, 0, 0, "sqrt 2" },
    { SQRT, 0xbf800000u, 0, 0, "sqrt -1" },
};

int main(void)
{
    static const struct { uint64_t fpcr; const char *name; } modes[] = {
        { 0, "rn" }, { FPCR_FZ, "fz" }, { FPCR_DN, "dn" }, { FPCR_RP, "rp" },
    };

    for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
        for (int ixc = 0; ixc < 2; ixc++) {
            printf("== fpcr %s, fpsr %s\n", modes[m].name, ixc ? "ixc" : "0");
            for (unsigned i = 0; i < sizeof(dcases) / sizeof(dcases[0]); i++) {
                const struct dcase *c = &dcases[i];
                uint64_t r, fpsr;

                set_fpcr(modes[m].fpcr);
                set_fpsr(ixc ? FPSR_IXC : 0);
                r = run_d(c->op, d_of(c->a), d_of(c->b), d_of(c->c));
                fpsr = get_fpsr();
                set_fpcr(0);
                printf("d %-6s %016llx fpsr %02llx  %s\n", names[c->op],
                       (unsigned long long)r, (unsigned long long)fpsr,
                       c->what);
            }
            for (unsigned i = 0; i < sizeof(scases) / sizeof(scases[0]); i++) {
                const struct scase *c = &scases[i];
                uint64_t fpsr;
                uint32_t r;

                set_fpcr(modes[m].fpcr);
                set_fpsr(ixc ? FPSR_IXC : 0);
                r = run_s(c->op, f_of(c->a), f_of(c->b), f_of(c->c));
                fpsr = get_fpsr();
                set_fpcr(0);
                printf("s %-6s %08x fpsr %02llx  %s\n", names[c->op], r,
                       (unsigned long long)fpsr, c->what);
            }
        }
    }
    return 0;
}

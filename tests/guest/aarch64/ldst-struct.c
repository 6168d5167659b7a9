/*
 * LD2/LD3/LD4 and ST2/ST3/ST4 (multiple structures) in every
 * arrangement, Q = 0 and 1, with register lists that wrap from V31 to
 * V0: tern does LD2/LD4/ST2/ST4 with vector permutes over whole
 * registers and LD3/ST3 element by element (target/arm/tr-ldst.c).
 * Loads fill the registers from a numbered byte pattern and dump them
 * (the top halves must be zero for Q = 0); stores write registers filled
 * with another pattern into a buffer and dump it.  Expected output
 * recorded with qemu-aarch64.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t src[64 + 16], out[4 * 16], buf[64 + 16];
static uint8_t pattern[64];

static void dump(const char *what, const uint8_t *p, int n)
{
    printf("%-42s", what);
    for (int i = 0; i < n; i++) {
        printf("%s%02x", i && i % 16 == 0 ? " | " : i % 8 == 0 && i ? " " : "",
               p[i]);
    }
    printf("\n");
}

/* Load with insn into v30, v31, v0, v1 (as many as it names) and dump
 * them all 16 bytes each. */
#define LOADN(insn, n)                                                   \
    do {                                                                 \
        memset(out, 0xee, sizeof(out));                                  \
        __asm__ volatile("movi v30.16b, #0xcc\n movi v31.16b, #0xcc\n"   \
                         "movi v0.16b, #0xcc\n movi v1.16b, #0xcc\n"     \
                         insn ", [%0]\n"                                 \
                         "str q30, [%1]\n str q31, [%1, #16]\n"          \
                         "str q0, [%1, #32]\n str q1, [%1, #48]\n"       \
                         : : "r"(src), "r"(out)                          \
                         : "v30", "v31", "v0", "v1", "memory");          \
        dump(insn, out, 16 * (n));                                       \
    } while (0)

/* Fill v30, v31, v0, v1 with 0x40.., 0x50.., 0x60.., 0x70.., store with
 * insn into buf and dump bytes bytes of it. */
#define STOREN(insn, bytes)                                              \
    do {                                                                 \
        memset(buf, 0xee, sizeof(buf));                                  \
        __asm__ volatile("ldr q30, [%1]\n ldr q31, [%1, #16]\n"          \
                         "ldr q0, [%1, #32]\n ldr q1, [%1, #48]\n"       \
                         insn ", [%0]\n"                                 \
                         : : "r"(buf), "r"(pattern)                      \
                         : "v30", "v31", "v0", "v1", "memory");          \
        dump(insn, buf, (bytes) + 4);                                    \
    } while (0)

int main(void)
{
    for (int i = 0; i < (int)sizeof(src); i++) {
        src[i] = (uint8_t)i;
    }
    for (int r = 0; r < 4; r++) {
        for (int i = 0; i < 16; i++) {
            pattern[16 * r + i] = (uint8_t)(0x40 + 16 * r + i);
        }
    }

    LOADN("ld2 {v30.16b, v31.16b}", 2);
    LOADN("ld2 {v30.8b, v31.8b}", 2);
    LOADN("ld2 {v31.8h, v0.8h}", 3);
    LOADN("ld2 {v31.4h, v0.4h}", 3);
    LOADN("ld2 {v30.4s, v31.4s}", 2);
    LOADN("ld2 {v30.2s, v31.2s}", 2);
    LOADN("ld2 {v0.2d, v1.2d}", 4);
    LOADN("ld3 {v30.16b, v31.16b, v0.16b}", 3);
    LOADN("ld3 {v30.4h, v31.4h, v0.4h}", 3);
    LOADN("ld4 {v30.16b, v31.16b, v0.16b, v1.16b}", 4);
    LOADN("ld4 {v30.8b, v31.8b, v0.8b, v1.8b}", 4);
    LOADN("ld4 {v30.8h, v31.8h, v0.8h, v1.8h}", 4);
    LOADN("ld4 {v30.4h, v31.4h, v0.4h, v1.4h}", 4);
    LOADN("ld4 {v30.4s, v31.4s, v0.4s, v1.4s}", 4);
    LOADN("ld4 {v30.2s, v31.2s, v0.2s, v1.2s}", 4);
    LOADN("ld4 {v30.2d, v31.2d, v0.2d, v1.2d}", 4);

    STOREN("st2 {v30.16b, v31.16b}", 32);
    STOREN("st2 {v30.8b, v31.8b}", 16);
    STOREN("st2 {v31.8h, v0.8h}", 32);
    STOREN("st2 {v31.4h, v0.4h}", 16);
    STOREN("st2 {v30.4s, v31.4s}", 32);
    STOREN("st2 {v30.2s, v31.2s}", 16);
    STOREN("st2 {v0.2d, v1.2d}", 32);
    STOREN("st3 {v30.16b, v31.16b, v0.16b}", 48);
    STOREN("st3 {v30.2s, v31.2s, v0.2s}", 24);
    STOREN("st4 {v30.16b, v31.16b, v0.16b, v1.16b}", 64);
    STOREN("st4 {v30.8b, v31.8b, v0.8b, v1.8b}", 32);
    STOREN("st4 {v30.8h, v31.8h, v0.8h, v1.8h}", 64);
    STOREN("st4 {v30.4h, v31.4h, v0.4h, v1.4h}", 32);
    STOREN("st4 {v30.4s, v31.4s, v0.4s, v1.4s}", 64);
    STOREN("st4 {v30.2s, v31.2s, v0.2s, v1.2s}", 32);
    STOREN("st4 {v30.2d, v31.2d, v0.2d, v1.2d}", 64);
    return 0;
}

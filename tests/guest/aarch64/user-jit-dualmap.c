/*
 * A guest JIT that maps the same memory twice, as W^X JITs (libffi's
 * closures, V8, ...) do: a writable alias where code is written and an
 * executable alias (never writable) where it runs, both MAP_SHARED views
 * of one memfd.  Writes through the writable alias never touch the
 * executable pages, so only the cache maintenance tells the emulator
 * that the code changed:
 *   1. clear the cache through the executable alias, call the new code;
 *   2. clear it through the writable alias (CTR_EL0 says the instruction
 *      cache is PIPT, so invalidating any alias of the line is enough);
 *   3. two functions on one page: rewriting one leaves the other alone;
 *   4. code in the second page of the mapping.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define INSN_RET 0xd65f03c0u
#define PAGE 4096

typedef int (*fn_t)(void);

static uint32_t movz_w0(unsigned imm)
{
    return 0x52800000u | (imm & 0xffff) << 5;
}

/* Write "movz w0, #v; ret" at w + off; clear the cache at the alias. */
static void emit(char *w, char *clear_base, size_t off, unsigned v)
{
    uint32_t code[2] = { movz_w0(v), INSN_RET };

    memcpy(w + off, code, sizeof(code));
    __builtin___clear_cache(clear_base + off, clear_base + off + sizeof(code));
}

static int run(const char *what, char *w, char *x, char *clear, size_t off)
{
    int bad = 0;

    for (unsigned i = 1; i <= 200; i++) {
        emit(w, clear, off, i);
        int r = ((fn_t)(x + off))();
        if (r != (int)i) {
            if (bad++ < 3) {
                printf("%s: wrote %u, ran %d\n", what, i, r);
            }
        }
    }
    printf("%s: %s\n", what, bad ? "FAIL" : "ok");
    return bad != 0;
}

int main(void)
{
    int fd = memfd_create("jit", 0);
    int fails = 0;

    if (fd < 0 || ftruncate(fd, 2 * PAGE) != 0) {
        perror("memfd");
        return 1;
    }
    char *w = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *x = mmap(NULL, 2 * PAGE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (w == MAP_FAILED || x == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    fails += run("clear via exec alias", w, x, x, 0);
    fails += run("clear via write alias", w, x, w, 0);
    /* 3: a neighbour on the same page keeps its code. */
    emit(w, x, 256, 4242);
    fails += run("same page, other function", w, x, x, 0);
    int r = ((fn_t)(x + 256))();
    printf("neighbour: %d\n", r);
    fails += r != 4242;
    fails += run("second page", w, x, w, PAGE + 64);
    return fails ? 1 : 0;
}

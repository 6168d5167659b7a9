/*
 * A static glibc program: stdio, malloc, string functions, a little
 * formatting.  glibc's static start-up exercises IRELATIVE relocations
 * (ifunc selection by HWCAP, done by the program itself), TLS set-up
 * through TPIDR_EL0, brk/mmap for malloc, and the string functions'
 * SIMD loads and stores.  Expected output from qemu-aarch64.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    char buf[256];
    char *p;
    size_t total = 0;

    printf("hello from C, argc=%d\n", argc);
    p = malloc(1000);
    if (!p) {
        return 1;
    }
    memset(p, 'x', 999);
    p[999] = 0;
    printf("strlen=%zu\n", strlen(p));
    snprintf(buf, sizeof(buf), "%s-%d-%05.1f-%x", "fmt", -42, 3.25, 0xbeefu);
    printf("%s\n", buf);
    strcpy(buf, "The quick brown fox");
    printf("strchr=%s strrchr=%s cmp=%d\n", strchr(buf, 'q'), strrchr(buf, 'o'),
           strcmp(buf, "The quick") > 0);
    for (int i = 0; i < 100; i++) {
        char *q = malloc(16 + i * 64);
        memset(q, i, 16 + i * 64);
        total += q[i] == (char)i;
        free(q);
    }
    printf("malloc loop=%zu\n", total);
    free(p);
    p = malloc(1 << 20);            /* mmap'ed by malloc */
    memset(p, 1, 1 << 20);
    printf("big=%d\n", p[12345]);
    free(p);
    return 0;
}

/*
 * Random instruction words, one at a time, must never hurt tern: each
 * runs from a code page with guard pages on both sides, all registers
 * pointing into a scratch area, SP on a private stack, and comes back
 * through a trampoline (or a signal: SIGILL, SIGSEGV, SIGBUS, SIGTRAP,
 * or SIGALRM for one that loops).  System instructions, exception
 * generation and WFI/WFE are skipped.  The test passes when the program
 * gets through them all: exit status 0, nothing on stderr (tern's
 * internal errors).  It found guest stores reaching host memory outside
 * the guest's reservation (accel/tcg user mode's address limit) and a
 * branch to a misaligned address raising SIGILL instead of SIGBUS.
 *
 *   random-words COUNT SEED [WORD]   one line per word: WORD SIGNAL
 *                                    (0: ran, with hashes of the GPRs,
 *                                    NZCV and the scratch memory)
 * With the same COUNT and SEED under qemu-aarch64 the lines can be
 * compared (fixed addresses make them independent of the emulator);
 * they differ on CONSTRAINED UNPREDICTABLE forms (loads with writeback
 * into the base, LDP with Rt == Rt2) and where QEMU 7.2 accepts
 * unallocated FP16 encodings.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>
#define CODE ((uint32_t *)0x30001000)
#define SCR  ((uint8_t *)0x40000000)
#define STK  ((uint8_t *)0x50000000)
static sigjmp_buf jb;
uint64_t saved_sp, regsave[40];
static void h(int s, siginfo_t *si, void *u) { siglongjmp(jb, s); }
void run_code(void *code);
void tramp(void);
__asm__(".globl run_code\nrun_code:\n"
 "stp x29, x30, [sp, #-16]!\n stp x19, x20, [sp, #-16]!\n stp x21, x22, [sp, #-16]!\n stp x23, x24, [sp, #-16]!\n stp x25, x26, [sp, #-16]!\n stp x27, x28, [sp, #-16]!\n"
 "mov x9, sp\n adrp x10, saved_sp\n add x10, x10, :lo12:saved_sp\n str x9, [x10]\n"
 "mov x16, x0\n mov x0, #0x40000000\n add x0, x0, #0x4000\n mov x9, #0x50000000\n add x9, x9, #0x8000\n mov sp, x9\n"
 "mov x1,x0\n mov x2,x0\n mov x3,x0\n mov x4,x0\n mov x5,x0\n mov x6,x0\n mov x7,x0\n mov x8,x0\n mov x9,x0\n mov x10,x0\n mov x11,x0\n mov x12,x0\n mov x13,x0\n mov x14,x0\n mov x15,x0\n mov x17,x0\n mov x18,x0\n mov x19,x0\n mov x20,x0\n mov x21,x0\n mov x22,x0\n mov x23,x0\n mov x24,x0\n mov x25,x0\n mov x26,x0\n mov x27,x0\n mov x28,x0\n mov x29,x0\n mov x30,x0\n msr nzcv, xzr\n"
 "br x16\n"
 ".globl tramp\ntramp:\n"
 "adrp x17, regsave\n add x17, x17, :lo12:regsave\n"
 "stp x0, x1, [x17, #0]\n stp x2, x3, [x17, #16]\n stp x4, x5, [x17, #32]\n stp x6, x7, [x17, #48]\n stp x8, x9, [x17, #64]\n stp x10, x11, [x17, #80]\n stp x12, x13, [x17, #96]\n stp x14, x15, [x17, #112]\n stp x16, xzr, [x17, #128]\n stp x18, x19, [x17, #144]\n stp x20, x21, [x17, #160]\n stp x22, x23, [x17, #176]\n stp x24, x25, [x17, #192]\n stp x26, x27, [x17, #208]\n stp x28, x29, [x17, #224]\n str x30, [x17, #240]\n mov x0, sp\n str x0, [x17, #248]\n mrs x0, nzcv\n str x0, [x17, #256]\n"
 "adrp x10, saved_sp\n add x10, x10, :lo12:saved_sp\n ldr x9, [x10]\n mov sp, x9\n"
 "ldp x27, x28, [sp], #16\n ldp x25, x26, [sp], #16\n ldp x23, x24, [sp], #16\n ldp x21, x22, [sp], #16\n ldp x19, x20, [sp], #16\n ldp x29, x30, [sp], #16\n ret\n");
/* FNV-style hash over 64-bit words: the harness's own work per word
 * stays small next to the word under test (it dominated the run time in
 * tern's interpreter and in sanitizer builds when it went byte by byte). */
static uint64_t fnv(const void *p, size_t n, uint64_t hsh) { const uint64_t *w = p; for (size_t i = 0; i < n / 8; i++) { hsh ^= w[i]; hsh *= 0x100000001b3ull; } return hsh; }
static uint64_t pristine[0x8000 / 8];
int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOFBF, 1 << 16);
  unsigned long n = strtoul(argv[1], 0, 0), seed = strtoul(argv[2], 0, 0);
  if (mmap((void *)0x30000000, 3 * 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0) == MAP_FAILED) return 2;
  mprotect(CODE, 4096, PROT_READ|PROT_WRITE|PROT_EXEC);
  mmap(SCR, 0x8000, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0);
  mmap(STK, 0x10000, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0);
  struct sigaction sa = {0}; sa.sa_sigaction = h; sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  stack_t ss = { .ss_sp = malloc(65536), .ss_size = 65536 }; sigaltstack(&ss, 0);
  int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE, SIGSYS, SIGALRM};
  for (int i = 0; i < 7; i++) sigaction(sigs[i], &sa, 0);
  for (int k = 0; k < 0x8000; k += 8) pristine[k / 8] = 0x0123456789abcdefull * (k + 1);
  uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
  for (unsigned long i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    uint32_t w = (uint32_t)x;
    if (argc > 3) w = (uint32_t)strtoul(argv[3], 0, 16);
    if ((w & 0xff000000u) == 0xd4000000u) continue;
    if ((w & 0xfffff01fu) == 0xd503201fu) continue;
    if ((w & 0xffc00000u) == 0xd5000000u) continue;   /* system: MSR/MRS/SYS/barriers */
    memset(CODE, 0, 4096);
    memcpy(SCR, pristine, sizeof pristine);
    CODE[0] = w;
    CODE[1] = 0x58000051u;   /* ldr x17, [pc + 8] -> CODE[3] */
    CODE[2] = 0xd61f0220u;   /* br x17 */
    *(uint64_t *)&CODE[3] = (uint64_t)tramp;
    __builtin___clear_cache((char *)CODE, (char *)(CODE + 8));
    int s = sigsetjmp(jb, 1);
    if (s == 0) { struct itimerval it = {{0,0},{0,20000}}; setitimer(ITIMER_REAL, &it, 0); run_code(CODE); }
    { struct itimerval z = {{0,0},{0,0}}; setitimer(ITIMER_REAL, &z, 0); }
    if (s == 0) printf("%08x 0 %016llx %016llx\n", w, (unsigned long long)fnv(regsave, 264, 14695981039346656037ull), (unsigned long long)fnv(SCR, 0x8000, 14695981039346656037ull));
    else printf("%08x %d\n", w, s);
  }
  return 0;
}

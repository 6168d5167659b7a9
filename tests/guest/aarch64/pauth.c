/*
 * Pointer authentication (FEAT_PAuth) under -cpu max (the default).
 * Keys are random per process, so only behaviour is printed, never a
 * PAC value.  A PAC is 7 bits here (bits 54:48): a wrong modifier can
 * produce the same PAC by chance (1 in 128), so "wrong" cases look for
 * a modifier that gives a different PAC, or flip a PAC bit.
 *   1. MY_HWCAP_PACA/PACG and ID_AA64ISAR1 APA/GPA;
 *   2. PAC/AUT round trips with each key (IA, IB, DA, DB, the Z forms,
 *      the 1716 and SP hint forms), XPACI/XPACD/XPACLRI strip;
 *   3. a failed AUT leaves the error code (bits 54:53 = 01 for A keys,
 *      10 for B keys) and the pointer faults when used: SIGSEGV for a
 *      load, and for a branch with si_addr = that pointer;
 *   4. PACGA: bits 31:0 zero, same inputs give the same value;
 *   5. BRAA, BLRAA, BRAAZ, RETAA, LDRAA/LDRAB (with writeback);
 *   6. C code built with branch protection (pac-ret, v8.3 RETAA):
 *      calls work, and a function whose saved return address was
 *      tampered with dies with SIGSEGV instead of returning;
 *   7. keys: a forked child and a thread share the parent's keys; a
 *      program after execve has new ones.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAC_MASK 0x007f000000000000ull
#define MY_HWCAP_PACA (1ul << 30)
#define MY_HWCAP_PACG (1ul << 31)

/* The whole file may use v8.3 instructions (it runs under -cpu max). */
#pragma GCC target("arch=armv8.3-a")

#define OP2(name, insn) \
    static inline uint64_t name(uint64_t p, uint64_t m) \
    { __asm__(insn " %0, %1" : "+r"(p) : "r"(m)); return p; }
#define OP1(name, insn) \
    static inline uint64_t name(uint64_t p) \
    { __asm__(insn " %0" : "+r"(p)); return p; }

OP2(pacia, "pacia") OP2(pacib, "pacib") OP2(pacda, "pacda") OP2(pacdb, "pacdb")
OP2(autia, "autia") OP2(autib, "autib") OP2(autda, "autda") OP2(autdb, "autdb")
OP1(paciza, "paciza") OP1(autiza, "autiza") OP1(pacdzb, "pacdzb")
OP1(autdzb, "autdzb") OP1(xpaci, "xpaci") OP1(xpacd, "xpacd")

static uint64_t pacga(uint64_t x, uint64_t m)
{
    uint64_t r;
    __asm__("pacga %0, %1, %2" : "=r"(r) : "r"(x), "r"(m));
    return r;
}

/* x17 = pointer, x16 = modifier. */
static uint64_t pacia1716(uint64_t p, uint64_t m)
{
    register uint64_t x17 __asm__("x17") = p;
    register uint64_t x16 __asm__("x16") = m;
    __asm__("pacia1716" : "+r"(x17) : "r"(x16));
    return x17;
}

static uint64_t autib1716(uint64_t p, uint64_t m)
{
    register uint64_t x17 __asm__("x17") = p;
    register uint64_t x16 __asm__("x16") = m;
    __asm__("autib1716" : "+r"(x17) : "r"(x16));
    return x17;
}

static uint64_t xpaclri(uint64_t p)
{
    register uint64_t lr __asm__("x30") = p;
    __asm__("xpaclri" : "+r"(lr));
    return lr;
}

/* Assembly helpers for the branch and load forms. */
uint64_t ret42(void);
uint64_t call_braa(uint64_t fn, uint64_t mod);   /* BLRAA fn, mod */
uint64_t call_braaz(uint64_t fn);                /* paciza, BRAAZ */
uint64_t retaa_func(void);                       /* paciasp ... retaa */
uint64_t ldraa_off(uint64_t p);                  /* ldraa x0, [x0, #8] */
uint64_t ldrab_wb(uint64_t *pp);                 /* ldrab x1, [x2, #-16]! */
__asm__(
    ".text\n"
    ".arch armv8.3-a\n"
    ".global ret42\n"
    "ret42: mov x0, #42\n ret\n"
    ".global call_braa\n"
    "call_braa: stp x29, x30, [sp, #-16]!\n"
    "    pacia x0, x1\n"
    "    blraa x0, x1\n"
    "    ldp x29, x30, [sp], #16\n"
    "    ret\n"
    ".global call_braaz\n"
    "call_braaz: paciza x0\n"
    "    braaz x0\n"            /* tail call: ret42 returns to our caller */
    ".global retaa_func\n"
    "retaa_func: paciasp\n"
    "    stp x29, x30, [sp, #-16]!\n"
    "    bl ret42\n"
    "    add x0, x0, #1\n"
    "    ldp x29, x30, [sp], #16\n"
    "    retaa\n"
    ".global ldraa_off\n"
    "ldraa_off: pacdza x0\n"
    "    ldraa x0, [x0, #8]\n"
    "    ret\n"
    ".global ldrab_wb\n"
    "ldrab_wb: mov x3, x0\n"
    "    ldr x2, [x3]\n"
    "    pacdzb x2\n"
    "    ldrab x1, [x2, #-16]!\n"
    "    str x2, [x3]\n"        /* the written-back address, unsigned */
    "    mov x0, x1\n"
    "    ret\n"
);

static sigjmp_buf jb;
static volatile uint64_t fault_addr;
static volatile int fault_sig;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    fault_sig = sig;
    fault_addr = (uint64_t)si->si_addr;
    siglongjmp(jb, 1);
}

static const char *yesno(int c)
{
    return c ? "yes" : "no";
}

/* A modifier m2 != m under which p signed with m does not authenticate. */
static uint64_t wrong_mod(uint64_t (*aut)(uint64_t, uint64_t), uint64_t s,
                          uint64_t p, uint64_t m)
{
    for (uint64_t m2 = m + 1; m2 < m + 100; m2++) {
        if (aut(s, m2) != p) {
            return m2;
        }
    }
    printf("no failing modifier found\n");
    exit(1);
}

static uint64_t data_word[4] = { 11, 22, 33, 44 };

/* 6: built with branch protection (pac-ret on all functions, v8.3). */
#pragma GCC push_options
#pragma GCC target("branch-protection=pac-ret+leaf")
__attribute__((noinline)) static int fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static int tampered(void)
{
    /* Not a leaf: the signed x30 is saved in the frame record {x29, x30}. */
    volatile uint64_t *frame = __builtin_frame_address(0);
    int r = fib(3);

    frame[1] ^= 1ull << 48;     /* one PAC bit: can never authenticate */
    return r;
}
#pragma GCC pop_options

static uint64_t shared_signed;
static void *thread_fn(void *arg)
{
    (void)arg;
    return (void *)(uintptr_t)(autia(shared_signed, 77) == (uint64_t)&data_word);
}

static int exec_child(int argc, char **argv)
{
    /*
     * argv: the parent's pointer, then 16 values it signed with IA under
     * modifiers 5, 6, ... 20.  With the parent's keys every one would
     * authenticate; with new keys each one does by chance only
     * (1 in 2^PAC-bits, 1/128 with the 7 PAC bits of a TBI pointer), so
     * all 16 do with probability 2^-112.  (One pointer signed 16 times
     * would be all-or-nothing: a 1 in 128 flake.)
     */
    uint64_t p = strtoull(argv[2], NULL, 16);
    int same = 0;

    for (int i = 3; i < argc; i++) {
        same += autia(strtoull(argv[i], NULL, 16), 5 + (i - 3)) == p;
    }
    printf("after execve: all %d parent-signed pointers authenticate: %s\n",
           argc - 3, yesno(same == argc - 3));
    return 0;
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    uint64_t p = (uint64_t)&ret42, m = 0x1234, s, bad;
    unsigned long hw = getauxval(AT_HWCAP);
    uint64_t isar1;

    if (argc > 2 && strcmp(argv[1], "child") == 0) {
        return exec_child(argc, argv);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    /* 1 */
    __asm__("mrs %0, S3_0_C0_C6_1" : "=r"(isar1));
    printf("hwcap paca=%d pacg=%d; isar1 apa=%d api=%d gpa=%d gpi=%d\n",
           !!(hw & MY_HWCAP_PACA), !!(hw & MY_HWCAP_PACG), (int)(isar1 >> 4 & 15),
           (int)(isar1 >> 8 & 15), (int)(isar1 >> 24 & 15),
           (int)(isar1 >> 28 & 15));

    /* 2 */
    s = pacia(p, m);
    printf("pacia keeps the address bits: %s\n",
           yesno((s & ~PAC_MASK) == (p & ~PAC_MASK)));
    printf("round trips: ia %s ib %s da %s db %s iza %s dzb %s\n",
           yesno(autia(pacia(p, m), m) == p), yesno(autib(pacib(p, m), m) == p),
           yesno(autda(pacda(p, m), m) == p), yesno(autdb(pacdb(p, m), m) == p),
           yesno(autiza(paciza(p)) == p), yesno(autdzb(pacdzb(p)) == p));
    printf("1716: %s\n", yesno(autib1716(pacia1716(p, m), m) != p ||
                            autia(pacia1716(p, m), m) == p));
    uint64_t tagged = 0x5a00000000000000ull | (uint64_t)&data_word;
    printf("tagged data pointer: round trip %s, top byte kept %s\n",
           yesno(autda(pacda(tagged, m), m) == tagged),
           yesno(pacda(tagged, m) >> 56 == 0x5a));
    printf("strip: xpaci %s xpacd %s xpaclri %s\n", yesno(xpaci(s) == p),
           yesno(xpacd(pacdb(tagged, 9)) == tagged), yesno(xpaclri(s) == p));
    printf("keys differ: ia/ib on 16 pointers %s\n", yesno(({
        int differ = 0;
        for (int i = 0; i < 16; i++) {
            differ += pacia(p + 4 * i, m) != pacib(p + 4 * i, m);
        }
        differ > 0; })));

    /* 3 */
    bad = autia(s, wrong_mod(autia, s, p, m));
    printf("failed autia: error code %s\n", yesno(bad == (p | 1ull << 53)));
    uint64_t sd = pacdb((uint64_t)&data_word, m);
    uint64_t badd = autdb(sd, wrong_mod(autdb, sd, (uint64_t)&data_word, m));
    printf("failed autdb: error code %s\n",
           yesno(badd == ((uint64_t)&data_word | 2ull << 53)));
    fault_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        volatile uint64_t v = *(volatile uint64_t *)badd;
        (void)v;
        printf("load through the failed pointer did not fault\n");
    }
    /*
     * Linux reports si_addr = the pointer here too; tern cannot yet: the
     * host access is non-canonical on x86-64 (#GP, no fault address), a
     * gap of linux-user/user-exec.c noted in docs/target-arm.md.
     */
    printf("load: signal %d\n", fault_sig);
    fault_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        ((uint64_t (*)(void))bad)();
        printf("call through the failed pointer did not fault\n");
    }
    printf("call: signal %d, si_addr is the pointer: %s\n", fault_sig,
           yesno(fault_addr == bad));

    /* 4 */
    uint64_t g = pacga(p, m);
    printf("pacga: low half zero %s, repeatable %s\n",
           yesno((uint32_t)g == 0), yesno(pacga(p, m) == g));

    /* 5 */
    printf("blraa: %lu braaz: %lu retaa: %lu\n",
           (unsigned long)call_braa(p, m), (unsigned long)call_braaz(p),
           (unsigned long)retaa_func());
    uint64_t *wp = &data_word[3];
    printf("ldraa [x, #8]: %lu\n",
           (unsigned long)ldraa_off((uint64_t)&data_word[1]));
    uint64_t got = ldrab_wb((uint64_t *)&wp);
    printf("ldrab [x, #-16]!: %lu, written back %s\n", (unsigned long)got,
           yesno(wp == &data_word[1]));

    /* 6 */
    printf("pac-ret fib(15) = %d\n", fib(15));
    fault_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        tampered();
        printf("tampered return address was used\n");
    }
    printf("tampered return: signal %d\n", fault_sig);

    /* 7 */
    shared_signed = pacia((uint64_t)&data_word, 77);
    pid_t pid = fork();
    if (pid == 0) {
        _exit(autia(shared_signed, 77) == (uint64_t)&data_word ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("fork child authenticates: %s\n",
           yesno(WIFEXITED(st) && WEXITSTATUS(st) == 0));
    pthread_t th;
    void *ok;
    pthread_create(&th, NULL, thread_fn, NULL);
    pthread_join(th, &ok);
    printf("thread authenticates: %s\n", yesno(ok != NULL));
    fflush(stdout);
    char *args[20], bufs[18][24];
    args[0] = argv[0];
    args[1] = "child";
    snprintf(bufs[0], sizeof(bufs[0]), "%llx", (unsigned long long)p);
    args[2] = bufs[0];
    for (int i = 0; i < 16; i++) {
        snprintf(bufs[i + 1], sizeof(bufs[0]), "%llx",
                 (unsigned long long)pacia(p, 5 + i));
        args[3 + i] = bufs[i + 1];
    }
    args[19] = NULL;
    execv("/proc/self/exe", args);
    perror("execv");
    return 1;
}

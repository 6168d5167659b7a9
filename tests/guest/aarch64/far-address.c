/*
 * Loads and stores through addresses no program has mapped must raise
 * SIGSEGV/SEGV_MAPERR with si_addr the untagged address (bits 55:0
 * sign-extended from bit 55, Linux's untagged_addr), never reach host
 * memory: tern reserves only the low 1 TiB of the guest's space, and
 * generated code checks every address against that limit.  A tagged
 * pointer (top byte ignored) to real memory must still work.
 * The expected output follows from the Linux arm64 ABI (48-bit user
 * VAs, TBI0, Documentation/arm64/tagged-pointers.rst).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

static sigjmp_buf jb;
static volatile uint64_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    fault_addr = (uint64_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, 1);
}

static void report(const char *what, uint64_t a)
{
    printf("%s %016llx: SIGSEGV %s at %016llx\n", what, (unsigned long long)a,
           fault_code == SEGV_MAPERR ? "MAPERR" : "other",
           (unsigned long long)fault_addr);
}

int main(void)
{
    static const uint64_t addrs[] = {
        0x0000010000000000ull,   /* 1 TiB: just past tern's reservation */
        0x0000123456789000ull,
        0x0001000000000000ull,   /* past 48-bit user VAs */
        0x00ff800000001000ull,   /* bit 55 set: reported as 0xffff8... */
        0x8000000000001000ull,   /* tag 0x80 on page 1 */
        0x5a00010000000000ull,   /* tag 0x5a on 1 TiB */
    };
    struct sigaction sa = { 0 };
    static volatile uint64_t cell = 0x1122334455667788ull;

    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, 0);
    for (unsigned i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
        volatile uint64_t *p = (volatile uint64_t *)addrs[i];
        if (!sigsetjmp(jb, 1)) {
            *p = 42;
            printf("store %016llx: no fault\n", (unsigned long long)addrs[i]);
        } else {
            report("store", addrs[i]);
        }
        if (!sigsetjmp(jb, 1)) {
            uint64_t v = *p;
            printf("load %016llx: no fault (%llu)\n",
                   (unsigned long long)addrs[i], (unsigned long long)v);
        } else {
            report("load", addrs[i]);
        }
    }
    /* Pair and vector accesses through a far address. */
    if (!sigsetjmp(jb, 1)) {
        uint64_t a = 0x20000000000ull, x, y;
        __asm__ volatile("ldp %0, %1, [%2]" : "=r"(x), "=r"(y) : "r"(a) : "memory");
        printf("ldp: no fault\n");
    } else {
        report("ldp", 0x20000000000ull);
    }
    if (!sigsetjmp(jb, 1)) {
        uint64_t a = 0x30000000000ull;
        __asm__ volatile("st1 {v0.16b, v1.16b}, [%0]" : : "r"(a) : "memory");
        printf("st1: no fault\n");
    } else {
        report("st1", 0x30000000000ull);
    }
    /* Straddling the limit: 8 bytes below 1 TiB, 8 above (where the
     * fault is reported depends on what is mapped below 1 TiB; tern
     * puts the stack there, a native process nothing). */
    if (!sigsetjmp(jb, 1)) {
        uint64_t a = 0x10000000000ull - 8, x, y;
        __asm__ volatile("ldp %0, %1, [%2]" : "=r"(x), "=r"(y) : "r"(a) : "memory");
        printf("straddle: no fault\n");
    } else {
        printf("straddle: SIGSEGV %s\n", fault_code == SEGV_MAPERR ? "MAPERR" : "other");
    }
    /* Top byte ignored: a tagged pointer to real memory. */
    {
        volatile uint64_t *t = (volatile uint64_t *)((uint64_t)&cell | 0x7700000000000000ull);
        *t += 1;
        printf("tagged: %016llx\n", (unsigned long long)cell);
    }
    return 0;
}

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
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

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
    /*
     * With the page below 1 TiB mapped (tern's stack is there; a native
     * process maps it here), multi-access instructions that start below
     * 1 TiB and run past it: the fault is at 1 TiB, and a load leaves its
     * registers unwritten.  tern checks only the first access of such an
     * instruction; the others land in the PROT_NONE guard after its
     * reservation (MO_FOLLOW).  Stores write back what is there, so
     * tern's stack is left as it was.
     */
    {
        uint64_t top = 0x10000000000ull;
        void *m = mmap((void *)(top - 4096), 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (m == MAP_FAILED && errno != EEXIST) {
            printf("mmap below 1 TiB: %s\n", strerror(errno));
            return 1;
        }
        volatile uint64_t *last = (volatile uint64_t *)(top - 8);
        uint64_t keep = *last, x = 0x1111, y = 0x2222;

        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("ldp %0, %1, [%2]" : "+r"(x), "+r"(y) : "r"(top - 8) : "memory");
            printf("ldp x below 1 TiB: no fault\n");
        } else {
            report("ldp x", top - 8);
        }
        printf("  x=%llx y=%llx\n", (unsigned long long)x, (unsigned long long)y);
        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("stp %0, %1, [%2]" : : "r"(keep), "r"(y) , "r"(top - 8) : "memory");
            printf("stp x below 1 TiB: no fault\n");
        } else {
            report("stp x", top - 8);
        }
        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("ldp w8, w9, [%0]" : : "r"(top - 4) : "x8", "x9", "memory");
            printf("ldp w below 1 TiB: no fault\n");
        } else {
            report("ldp w", top - 4);
        }
        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("ldr q0, [%0]" : : "r"(top - 8) : "v0", "memory");
            printf("ldr q below 1 TiB: no fault\n");
        } else {
            report("ldr q", top - 8);
        }
        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("ldp q0, q1, [%0]" : : "r"(top - 16) : "v0", "v1", "memory");
            printf("ldp q below 1 TiB: no fault\n");
        } else {
            report("ldp q", top - 16);
        }
        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("ld1 {v0.2d, v1.2d, v2.2d, v3.2d}, [%0]" : : "r"(top - 48)
                             : "v0", "v1", "v2", "v3", "memory");
            printf("ld1 x4 below 1 TiB: no fault\n");
        } else {
            report("ld1 x4", top - 48);
        }
        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("ld4 {v0.4s, v1.4s, v2.4s, v3.4s}, [%0]" : : "r"(top - 56)
                             : "v0", "v1", "v2", "v3", "memory");
            printf("ld4 below 1 TiB: no fault\n");
        } else {
            report("ld4", top - 56);
        }
        if (!sigsetjmp(jb, 1)) {
            __asm__ volatile("ld3 {v0.8b, v1.8b, v2.8b}, [%0]" : : "r"(top - 20)
                             : "v0", "v1", "v2", "memory");
            printf("ld3 below 1 TiB: no fault\n");
        } else {
            report("ld3", top - 20);
        }
        printf("  last word kept: %s\n", *last == keep ? "yes" : "no");
    }
    /* Top byte ignored: a tagged pointer to real memory. */
    {
        volatile uint64_t *t = (volatile uint64_t *)((uint64_t)&cell | 0x7700000000000000ull);
        *t += 1;
        printf("tagged: %016llx\n", (unsigned long long)cell);
    }
    return 0;
}

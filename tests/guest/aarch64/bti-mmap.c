/*
 * BTI (FEAT_BTI) on pages a program maps itself: mmap/mprotect with
 * PROT_BTI make guarded pages, and an indirect branch onto one must land
 * on an instruction compatible with the PSTATE.BTYPE it left:
 *
 *   BLR / BLRAA                        BTYPE 10   BTI c, BTI jc, PACIxSP
 *   BR x16/x17, or any BR from an      BTYPE 01   BTI c, j, jc, PACIxSP
 *     unguarded page
 *   BR / BRAA xN from a guarded page   BTYPE 11   BTI j, BTI jc
 *
 * (PACIxSP is not compatible with 11 because Linux sets SCTLR_EL1.BT0;
 * BRK raises its own exception first.)  Anything else is a Branch Target
 * exception: SIGILL, ILL_ILLOPC, si_addr = the target, the saved pstate
 * showing the BTYPE.  A signal handler is entered as if by BLR.
 *
 * Each row is one kind of branch, each column a target on the guarded
 * page: ok (it ran), ILL:b (SIGILL at the target with saved BTYPE b),
 * TRAP (SIGTRAP from BRK), or a description of anything unexpected.
 * Then mprotect takes PROT_BTI away and gives it back (blocks translated
 * for the guarded page must go), and handlers on the guarded page.
 *
 * The same source runs without BTI as bti-mmap-cortex-a72 (a symlink):
 * PROT_BTI is EINVAL there (Linux's arch_validate_prot), the page is
 * plain, and every branch just runs.
 *
 * bti-mmap.out and bti-mmap-cortex-a72.out are qemu-aarch64 7.2's output
 * with -cpu max and -cpu cortex-a72, except for si_code (qemu 2,
 * ILL_ILLOPN; Linux's do_el0_bti 1, ILL_ILLOPC) and one line where qemu
 * is wrong: after mprotect(PROT_READ | PROT_EXEC) qemu still raises
 * SIGILL for "blr to nop", but Linux's mprotect clears the guard
 * (VM_ARM64_BTI is arm64's VM_ARCH_CLEAR), so the branch runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef PROT_BTI
#define PROT_BTI 0x10
#endif
#define T_HWCAP_PACA  (1ul << 30)
#define T_HWCAP2_BTI  (1ul << 17)

/*
 * The code copied to the guarded page: 16-byte slots.  Targets return 1
 * in x0; trampolines are called with BLR (so they start with BTI c) and
 * branch on to x9 or x16, which return to the trampoline's caller.
 */
__asm__(
    ".arch armv8.5-a\n"
    ".text\n"
    ".balign 16\n"
    ".global blob_start, blob_end\n"
    "blob_start:\n"
    /* 0 */ "nop\n"        "nop\n"        "mov x0, #1\n" "ret\n"
    /* 1 */ "bti\n"        "nop\n"        "mov x0, #1\n" "ret\n"
    /* 2 */ "bti c\n"      "nop\n"        "mov x0, #1\n" "ret\n"
    /* 3 */ "bti j\n"      "nop\n"        "mov x0, #1\n" "ret\n"
    /* 4 */ "bti jc\n"     "nop\n"        "mov x0, #1\n" "ret\n"
    /* 5 */ "paciasp\n"    "autiasp\n"    "mov x0, #1\n" "ret\n"
    /* 6 */ "pacibsp\n"    "autibsp\n"    "mov x0, #1\n" "ret\n"
    /* 7 */ "brk #0x77\n"  "nop\n"        "mov x0, #1\n" "ret\n"
    /* 8: tr_br9 */   "bti c\n" "br x9\n"  "nop\n" "nop\n"
    /* 9: tr_br16 */  "bti c\n" "br x16\n" "nop\n" "nop\n"
    /* 10: tr_braa */ "bti c\n" "mov x10, #0x5a\n" "pacia x9, x10\n"
                      "braa x9, x10\n"
    /* 11: h_btic */  "bti c\n" "ret\n"    "nop\n" "nop\n"
    /* 12: h_nop */   "nop\n"   "ret\n"    "nop\n" "nop\n"
    "blob_end:\n"

    /* Callers in the program's own (unguarded) text. */
    ".balign 4\n"
    ".global via_br16, via_br9, via_tramp, via_blraa\n"
    /* via_br16(target): BR x16 from an unguarded page (BTYPE 01) */
    "via_br16:\n"
    "    stp x29, x30, [sp, #-16]!\n"
    "    mov x16, x0\n"
    "    adr x30, 1f\n"
    "    br x16\n"
    "1:  ldp x29, x30, [sp], #16\n"
    "    ret\n"
    /* via_br9(target): BR x9 from an unguarded page (BTYPE 01 too) */
    "via_br9:\n"
    "    stp x29, x30, [sp, #-16]!\n"
    "    mov x9, x0\n"
    "    adr x30, 1f\n"
    "    br x9\n"
    "1:  ldp x29, x30, [sp], #16\n"
    "    ret\n"
    /* via_tramp(target, trampoline): BLR to the trampoline, x9 = x16 = target */
    "via_tramp:\n"
    "    stp x29, x30, [sp, #-16]!\n"
    "    mov x9, x0\n"
    "    mov x16, x0\n"
    "    blr x1\n"
    "    ldp x29, x30, [sp], #16\n"
    "    ret\n"
    /* via_blraa(target): BLRAA (BTYPE 10) */
    "via_blraa:\n"
    "    stp x29, x30, [sp, #-16]!\n"
    "    mov x9, x0\n"
    "    mov x10, #0x33\n"
    "    pacia x9, x10\n"
    "    blraa x9, x10\n"
    "    ldp x29, x30, [sp], #16\n"
    "    ret\n"
);

extern const uint32_t blob_start[], blob_end[];
long via_br16(void *target);
long via_br9(void *target);
long via_tramp(void *target, void *tramp);
long via_blraa(void *target);

enum { SLOT_TR_BR9 = 8, SLOT_TR_BR16 = 9, SLOT_TR_BRAA = 10,
       SLOT_H_BTIC = 11, SLOT_H_NOP = 12 };
static const char *const target_names[] = {
    "nop", "bti", "bti_c", "bti_j", "bti_jc", "paciasp", "pacibsp", "brk",
};
#define NTARGETS 8

static uint8_t *page;
static sigjmp_buf jb;
static volatile int sig_seen, sig_code;
static volatile uintptr_t sig_addr, sig_pc;
static volatile unsigned sig_btype;

static void *slot(int i)
{
    return page + 16 * i;
}

static void on_signal(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    sig_seen = sig;
    sig_code = si->si_code;
    sig_addr = (uintptr_t)si->si_addr;
    sig_pc = uc->uc_mcontext.pc;
    sig_btype = (uc->uc_mcontext.pstate >> 10) & 3;
    siglongjmp(jb, 1);
}

/* Run one branch to target; describe what happened. */
static const char *outcome(int how, void *target, char *buf, size_t len)
{
    long r = 0;

    sig_seen = 0;
    if (sigsetjmp(jb, 1) == 0) {
        switch (how) {
        case 0: r = ((long (*)(void))target)(); break;     /* BLR */
        case 1: r = via_br16(target); break;
        case 2: r = via_br9(target); break;
        case 3: r = via_tramp(target, slot(SLOT_TR_BR9)); break;
        case 4: r = via_tramp(target, slot(SLOT_TR_BR16)); break;
        case 5: r = via_blraa(target); break;
        case 6: r = via_tramp(target, slot(SLOT_TR_BRAA)); break;
        }
        snprintf(buf, len, r == 1 ? "ok" : "returned %ld", r);
        return buf;
    }
    if (sig_seen == SIGILL && sig_code == ILL_ILLOPC &&
        sig_addr == (uintptr_t)target && sig_pc == (uintptr_t)target) {
        snprintf(buf, len, "ILL:%u", sig_btype);
    } else if (sig_seen == SIGTRAP && sig_pc == (uintptr_t)target) {
        snprintf(buf, len, "TRAP");
    } else {
        snprintf(buf, len, "sig%d/code%d/addr%+ld/pc%+ld/bt%u", sig_seen,
                 sig_code, (long)(sig_addr - (uintptr_t)target),
                 (long)(sig_pc - (uintptr_t)target), sig_btype);
    }
    return buf;
}

static void row(const char *name, int how)
{
    char buf[80];

    printf("%-18s", name);
    for (int t = 0; t < NTARGETS; t++) {
        printf(" %s=%s", target_names[t], outcome(how, slot(t), buf, sizeof(buf)));
    }
    printf("\n");
}

static void show_prot(const char *what, int prot)
{
    char buf[80];

    if (mprotect(page, 4096, prot) != 0) {
        printf("%s: mprotect: %s\n", what, strerror(errno));
        return;
    }
    printf("%s: blr to nop %s\n", what, outcome(0, slot(0), buf, sizeof(buf)));
}

static void handler_on_page(const char *what, int s)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))slot(s);
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sig_seen = 0;
    if (sigsetjmp(jb, 1) == 0) {
        raise(SIGUSR1);
        printf("handler %s: ran\n", what);
        return;
    }
    printf("handler %s: sig%d code %d at handler %d, saved BTYPE %u\n", what,
           sig_seen, sig_code, sig_addr == (uintptr_t)slot(s), sig_btype);
}

int main(void)
{
    unsigned long hwcap = getauxval(AT_HWCAP), hwcap2 = getauxval(AT_HWCAP2);
    uint64_t pfr1;
    struct sigaction sa;
    int prot = PROT_READ | PROT_WRITE | PROT_EXEC;
    void *p;

    __asm__("mrs %0, S3_0_C0_C4_1" : "=r"(pfr1));       /* ID_AA64PFR1_EL1 */
    printf("HWCAP2_BTI %d, ID_AA64PFR1_EL1.BT %d\n",
           (hwcap2 & T_HWCAP2_BTI) != 0, (int)(pfr1 & 15));

    p = mmap(NULL, 4096, prot | PROT_BTI, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("mmap with PROT_BTI: %s\n", strerror(errno));
        p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            perror("mmap");
            return 1;
        }
        printf("mprotect with PROT_BTI: %s\n",
               mprotect(p, 4096, prot | PROT_BTI) == 0 ? "ok"
                                                       : strerror(errno));
    } else {
        printf("mmap with PROT_BTI: ok\n");
        prot |= PROT_BTI;
    }
    page = p;
    memcpy(page, blob_start, (size_t)((const char *)blob_end -
                                      (const char *)blob_start));
    __builtin___clear_cache((char *)page, (char *)page + 4096);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);

    row("blr", 0);
    row("br x16 (unguarded)", 1);
    row("br x9 (unguarded)", 2);
    row("br x9 (guarded)", 3);
    row("br x16 (guarded)", 4);
    if (hwcap & T_HWCAP_PACA) {
        row("blraa", 5);
        row("braa x9 (guarded)", 6);
    } else {
        printf("(no PAuth: no blraa/braa rows)\n");
    }

    show_prot("PROT_BTI taken away", PROT_READ | PROT_EXEC);
    show_prot("PROT_BTI back", prot & ~PROT_WRITE);

    handler_on_page("bti c", SLOT_H_BTIC);
    handler_on_page("nop", SLOT_H_NOP);
    return 0;
}
